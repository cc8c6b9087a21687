"""The README's Python example runs, and the values its comments show are true."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def _shown_values(block: str) -> list[tuple[str, object]]:
    """Return (expression, value) for each line whose comment is a literal."""
    shown = []
    for line in block.splitlines():
        code, _, comment = line.partition("  # ")
        try:
            value = ast.literal_eval(comment.strip())
            ast.parse(code.strip(), mode="eval")
        except (SyntaxError, ValueError):
            continue
        shown.append((code.strip(), value))
    return shown


def test_readme_has_a_python_example() -> None:
    """There is an example, and it shows values to check."""
    assert _blocks()
    assert any(_shown_values(block) for block in _blocks())


@pytest.mark.parametrize("block", _blocks())
def test_readme_example_runs_and_shows_true_values(
    block: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each block runs; each `expression  # value` comment equals the expression."""
    namespace: dict[str, object] = {}
    exec(compile(block, str(README), "exec"), namespace)  # noqa: S102  # the README is ours
    for expression, value in _shown_values(block):
        assert value == eval(expression, namespace), expression  # noqa: S307  # ditto
    assert capsys.readouterr().out
