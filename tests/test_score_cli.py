"""`nato-rok score`: the table, --json, --html, --fail-under, several files, agreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import nato_rok
from nato_rok import cli
from nato_rok.export import plover
from tests import browser

EVENTS = plover.jsonl(nato_rok.load()).splitlines()


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_table_and_the_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The table is aligned; --json is the documented shape, score_version 1."""
    pred = write(tmp_path, "coder.jsonl", "\n".join(EVENTS[:-1]) + "\n")
    assert 0 == cli.main(["score", pred])
    table = capsys.readouterr().out
    assert table.startswith(f"release {nato_rok.load().version}, task events\n")
    assert "miss: event-" in table
    assert 0 == cli.main(["score", pred, "--json"])
    shape = json.loads(capsys.readouterr().out)
    assert 1 == shape["score_version"]
    assert "events" == shape["task"]
    assert pred == shape["results"][0]["file"]
    assert 1 == shape["results"][0]["levels"]["dyad"]["fn"]
    assert shape["results"][0]["misses"][0]["record_id"].startswith("event-")


def test_fail_under_fails_below_the_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fail-under prints the table, then exits 1 naming the files below it."""
    pred = write(tmp_path, "half.jsonl", "\n".join(EVENTS[: len(EVENTS) // 2]))
    assert 1 == cli.main(["score", pred, "--fail-under", "0.9"])
    out, err = capsys.readouterr()
    assert "dyad" in out
    assert f"F1 at level dyad is under 0.9 for {pred}" in err
    assert 0 == cli.main(["score", pred, "--fail-under", "0.5", "--fail-level", "date_near"])
    capsys.readouterr()
    assert 1 == cli.main(["score", pred, "--fail-under", "0.5", "--fail-level", "strict"])
    assert "--fail-level: no level 'strict'" in capsys.readouterr().err


def test_several_files_make_a_leaderboard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several PRED files: one table, a row per file."""
    first = write(tmp_path, "a.jsonl", "\n".join(EVENTS))
    second = write(tmp_path, "b.jsonl", EVENTS[0])
    assert 0 == cli.main(["score", first, second])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("file (F1)")
    assert lines[2].startswith(first)
    assert lines[3].startswith(second)


def test_html_report_is_written_self_contained_and_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--html writes one page: hits, misses and false alarms marked, nothing fetched."""
    spans = [
        json.dumps({"start": 193, "end": 214, "label": "anders-fogh-rasmussen"}),
        json.dumps({"text": "<script>", "label": "nato"}),
        json.dumps({"start": 0, "end": 5, "label": "nato"}),
    ]
    pred = write(tmp_path, "<b>tags.jsonl", "\n".join(spans))
    page = tmp_path / "report.html"
    assert 0 == cli.main(["score", pred, "--task", "mentions", "--html", str(page)])
    capsys.readouterr()
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for mark in ('class="hit"', 'class="miss"', 'class="false-alarm"'):
        assert mark in html
    assert "&lt;b&gt;tags.jsonl" in html
    assert "<script" not in html
    assert "src=" not in html
    assert "http" not in html.split("<body>")[0]


def test_agreement_between_releases(capsys: pytest.CaptureFixture[str]) -> None:
    """--against-release scores one release's coding against another's, with kappa."""
    assert 0 == cli.main(["score", "--release", "1.2.0", "--against-release", "1.1.0"])
    out = capsys.readouterr().out
    assert "release 1.1.0 (release)" in out
    assert "kappa plover_event:" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["score"], "give at least one prediction file"),
        (["score", "x.jsonl", "--against-release", "1.1.0"], "not both"),
        (["score", "no-such-file.jsonl"], "cannot read no-such-file.jsonl"),
    ],
)
def test_usage_problems_exit_one(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing to score, or both kinds of input, is an error with a message, exit 1."""
    assert 1 == cli.main(argv)
    assert words in capsys.readouterr().err


def test_a_bad_file_exits_one_naming_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad line: exit 1, file, line and field on stderr, no traceback."""
    pred = write(tmp_path, "bad.jsonl", EVENTS[0] + "\n" + EVENTS[1].replace("CONSULT", "CONSUL"))
    assert 1 == cli.main(["score", pred])
    err = capsys.readouterr().err
    assert f"nato-rok: error: {pred}:2: cannot score $.event" in err
    assert "did you mean 'CONSULT'" in err
    assert "Traceback" not in err


def test_html_target_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--html into a missing folder is an error, exit 1."""
    pred = write(tmp_path, "a.jsonl", EVENTS[0])
    assert 1 == cli.main(["score", pred, "--html", str(tmp_path / "no" / "r.html")])
    assert "cannot write" in capsys.readouterr().err


def test_fail_under_with_stdout_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table that cannot be written is said, and the threshold still fails."""
    pred = write(tmp_path, "half.jsonl", EVENTS[0])
    monkeypatch.setattr("sys.stdout", None)
    assert 1 == cli.main(["score", pred, "--fail-under", "0.9"])
    err = capsys.readouterr().err
    assert "cannot write standard output" in err
    assert "under 0.9" in err


def test_html_report_keys_its_marks_and_follows_the_colour_scheme(tmp_path: Path) -> None:
    """The key counts hits, misses and false alarms, and names those the article cannot show."""
    page = tmp_path / "report.html"
    coder = str(Path(__file__).parent.parent / "docs" / "how-to" / "coder.plover.jsonl")
    assert 0 == cli.main(["score", coder, "--release", "1.2.0", "--html", str(page)])
    html = page.read_text(encoding="utf-8")
    assert '<mark class="hit">hit</mark> (1)' in html
    assert '<mark class="miss">miss</mark> (9)' in html
    assert '<mark class="false-alarm">false alarm</mark> (1)' in html
    assert "1 false alarm(s) without a place in the article" in html
    assert "prefers-color-scheme:dark" in html
    assert "mark{color:inherit;background:none" in html  # no browser-yellow marks


#: Measures the marks of a rendered score report from inside Chromium.
PROBE = """
<script>
addEventListener("load", () => {
  const seen = {};
  for (const kind of ["hit", "miss", "false-alarm"]) {
    const marks = [...document.querySelectorAll(".article mark." + kind)];
    seen[kind] = marks.filter(m => {
      const r = m.getBoundingClientRect(), s = getComputedStyle(m);
      const shown = kind === "false-alarm"
        ? parseFloat(s.borderBottomWidth) >= 2 && s.borderBottomColor !== s.color
        : s.backgroundColor !== "rgba(0, 0, 0, 0)" && s.backgroundColor !== "rgb(255, 255, 0)";
      return r.width > 0 && r.height > 0 && shown && s.color !== s.backgroundColor;
    }).length + "/" + marks.length;
  }
  seen.body = getComputedStyle(document.body).backgroundColor;
  document.body.setAttribute("data-report", JSON.stringify(seen));
});
</script>
"""


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True])
def test_html_report_marks_render_visibly_light_and_dark(
    tmp_path: Path, chromium: browser.Browsers, dark: bool
) -> None:
    """In headless Chromium every hit, miss and false alarm is visibly marked, in either scheme."""
    spans = [
        json.dumps({"start": 193, "end": 214, "label": "anders-fogh-rasmussen"}),
        json.dumps({"start": 0, "end": 5, "label": "nato"}),
    ]
    pred = write(tmp_path, "tags.jsonl", "\n".join(spans))
    page = tmp_path / "report.html"
    assert 0 == cli.main(["score", pred, "--task", "mentions", "--html", str(page)])
    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    report = chromium.report(page, 1280, 900, dark=dark)
    for kind in ("hit", "miss", "false-alarm"):
        shown, total = str(report[kind]).split("/")
        assert int(total) > 0, kind
        assert shown == total, kind
    assert ("rgb(22, 22, 22)" if dark else "rgb(255, 255, 255)") == report["body"]
