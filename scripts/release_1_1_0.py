"""Dataset release 1.1.0 (schema 2): release 1.0.0 plus external facts.

Event coding, Korean names, visit dates and actor codes, each external fact
tied to its reference.

Everything from the article stays anchored exactly as in 1.0.0; the facts
issue 3 supplies from outside the article cite the :class:`Reference` they
come from. Spans are computed from excerpts by :mod:`anchor`.
"""

from __future__ import annotations

import datetime
from typing import TypedDict

import attrs

import release_1_0_0
from anchor import Anchors
from nato_rok import (
    ActorCode,
    CameoCoding,
    CodeScheme,
    Dataset,
    DateBasis,
    DateRange,
    Event,
    ExternalName,
    NameKind,
    Organization,
    OrganizationKind,
    PloverCoding,
    Reference,
    ReferenceKind,
)

VERSION = "1.1.0"
SOURCE_FILE = release_1_0_0.SOURCE_FILE

ISSUE = "nato-rok-issue-3"
CAMEO = "cameo-codebook"
ISO = "iso-3166-1"
DATES = "nato-news-99791"

REFERENCES = (
    Reference(
        id=DATES,
        kind=ReferenceKind.ARTICLE,
        title="The Republic of Korea: a partner in tackling global security challenges",
        publisher="NATO",
        url="https://www.nato.int/cps/en/natohq/news_99791.htm",
        excerpt="The three-day visit, from 11 to 13 April",
        note=None,
    ),
    Reference(
        id=CAMEO,
        kind=ReferenceKind.CODEBOOK,
        title="CAMEO Conflict and Mediation Event Observations: Event and Actor Codebook, "
        "version 1.1b3",
        publisher="Philip A. Schrodt",
        url=None,
        excerpt=None,
        note="Event names as in GDELT's CAMEO.eventcodes.txt (105 as in the Open Event Data "
        "Alliance's CAMEO2PLOVER-2021.txt); the table nato-rok uses is "
        "nato_rok/data/codes/cameo.json.",
    ),
    Reference(
        id="plover-manual",
        kind=ReferenceKind.CODEBOOK,
        title="PLOVER manual, Draft 0.8 (17 September 2021)",
        publisher="Open Event Data Alliance",
        url="https://github.com/openeventdata/PLOVER",
        excerpt=None,
        note="Event types, modes and contexts; the table nato-rok uses is "
        "nato_rok/data/codes/plover.json.",
    ),
    Reference(
        id=ISO,
        kind=ReferenceKind.STANDARD,
        title="ISO 3166-1 alpha-3 country codes",
        publisher="International Organization for Standardization",
        url=None,
        excerpt=None,
        note=None,
    ),
    Reference(
        id=ISSUE,
        kind=ReferenceKind.PROJECT_ISSUE,
        title="nato-rok issue 3: dataset release 1.1.0",
        publisher="nato-rok maintainers",
        url=None,
        excerpt=None,
        note="Gives the Hangul names and their Revised Romanization forms without citing a "
        "published source; they await checking against one. Also gives the CAMEO codes' "
        "Goldstein weights (see goldstein-1992).",
    ),
    Reference(
        id="goldstein-1992",
        kind=ReferenceKind.ARTICLE,
        title="A Conflict-Cooperation Scale for WEIS Events Data",
        publisher="Joshua S. Goldstein, Journal of Conflict Resolution 36(2), 1992",
        url=None,
        excerpt=None,
        note="The scale of the Goldstein weights stored with the CAMEO codes "
        "(nato_rok/data/codes/cameo.json), as issue 3 gives them for the codes used here.",
    ),
)

# (participant id, Hangul, Revised Romanization, CAMEO sector)
KOREAN = {
    "park-geun-hye": ("박근혜", "Bak Geun-hye", "GOV"),
    "kang-chang-hee": ("강창희", "Gang Chang-hui", "LEG"),
    "yun-byung-se": ("윤병세", "Yun Byeong-se", "GOV"),
    "kim-kwan-jin": ("김관진", "Gim Gwan-jin", "MIL"),
}

# Organization id -> (ISO 3166-1 alpha-3, CAMEO actor code)
CODES = {
    "nato": (None, "IGOWSTNAT"),
    "republic-of-korea": ("KOR", "KOR"),
    "north-korea": ("PRK", "PRK"),
    "afghanistan": ("AFG", "AFG"),
}


def _cameo(code: str, name: str, goldstein: float | None, *alternatives: str) -> CameoCoding:
    return CameoCoding(code=code, name=name, goldstein=goldstein, alternatives=alternatives)


def _plover(event: str, mode: str | None = None, *contexts: str) -> PloverCoding:
    return PloverCoding(event=event, mode=mode, contexts=contexts)


def _codes(organization: Organization) -> tuple[ActorCode, ...]:
    iso, cameo = CODES[organization.id]
    codes = [ActorCode(scheme=CodeScheme.CAMEO_ACTOR, code=cameo, reference_id=CAMEO)]
    if iso is not None:
        codes.insert(0, ActorCode(scheme=CodeScheme.ISO_3166_1_ALPHA_3, code=iso, reference_id=ISO))
    return tuple(codes)


class _Dates(TypedDict):
    """An event's date fields."""

    date: datetime.date | None
    end_date: datetime.date | None
    date_basis: DateBasis
    date_reference_id: str | None


def _events(a: Anchors) -> tuple[Event, ...]:  # one local per passage
    story = _Dates(
        date=datetime.date(2013, 4, 12),
        end_date=None,
        date_basis=DateBasis.STORY,
        date_reference_id=None,
    )
    during = _Dates(
        date=datetime.date(2013, 4, 11),
        end_date=datetime.date(2013, 4, 13),
        date_basis=DateBasis.EXTERNAL,
        date_reference_id=DATES,
    )
    undated = _Dates(date=None, end_date=None, date_basis=DateBasis.UNKNOWN, date_reference_id=None)
    visit = Event(
        id="event-visit",
        parent_id=None,
        label="The NATO Secretary General visits the Republic of Korea",
        actor_ids=("nato",),
        recipient_ids=("republic-of-korea",),
        historical=False,
        cameo=_cameo("042", "Make a visit", 1.9),
        plover=_plover("CONSULT", "visit"),
        note="PLOVER codes the visitor as actor and the host as recipient.",
        spans=(a.span(release_1_0_0.VISIT_SENTENCE),),
        **during,
    )
    hosted = Event(
        id="event-visit-hosted",
        parent_id=None,
        label="The Republic of Korea hosts the NATO Secretary General",
        actor_ids=("republic-of-korea",),
        recipient_ids=("nato",),
        historical=False,
        cameo=_cameo("043", "Host a visit", 2.8),
        plover=None,
        note="CAMEO 043 maps to PLOVER CONSULT/visit with the visitor as actor: that PLOVER "
        "event is the one coded on event-visit, so it is not coded twice.",
        spans=(a.span(release_1_0_0.VISIT_SENTENCE),),
        **during,
    )
    meetings = tuple(
        Event(
            id=f"event-{kind}-{pid}",
            parent_id=visit.id,
            label=label,
            actor_ids=("anders-fogh-rasmussen",),
            recipient_ids=(pid,),
            historical=False,
            cameo=_cameo("040", "Consult, not specified below", 1.0),
            plover=_plover("CONSULT"),
            note=f"{extra}A meeting within the visit: coded 040 (CONSULT without a mode) so "
            "the visit itself is not counted again; the article does not date it, so it "
            "carries the visit's dates.",
            spans=spans,
            **during,
        )
        for kind, pid, label, spans, extra in (
            (
                "talks",
                "park-geun-hye",
                "Talks with President Park Geun-hye",
                (a.span(release_1_0_0.TALKS),),
                "The article gives these talks as the purpose of the visit, not as held. ",
            ),
            (
                "meeting",
                "kang-chang-hee",
                "Meeting with Speaker Kang Chang-hee",
                (
                    a.span(release_1_0_0.MET),
                    a.span("Speaker of the National Assembly Kang Chang-hee"),
                ),
                "",
            ),
            (
                "meeting",
                "yun-byung-se",
                "Meeting with Foreign Minister Yun Byung-se",
                (a.span(release_1_0_0.MET), a.span("Minister of Foreign Affairs Yun Byung-se")),
                "",
            ),
            (
                "meeting",
                "kim-kwan-jin",
                "Meeting with Defence Minister Kim Kwan-jin",
                (a.span(release_1_0_0.MET), a.span("Minister of Defence Kim Kwan Jin")),
                "",
            ),
        )
    )
    proposal = Event(
        id="event-cooperation-proposal",
        parent_id=None,
        label="The Secretary General suggests closer cooperation in logistics, military "
        "education and training, and disaster relief",
        actor_ids=("anders-fogh-rasmussen",),
        recipient_ids=("republic-of-korea",),
        historical=False,
        cameo=_cameo("0312", "Express intent to cooperate militarily", 5.2, "0212"),
        plover=_plover("AGREE", None, "military", "disasters"),
        note="Worded as a suggestion, which on its face is 0212 'Appeal for military "
        "cooperation' (an appeal, which PLOVER does not code). Coded 0312, which maps to PLOVER "
        "AGREE, because the Secretary General offers NATO's own closer cooperation ('we are "
        "determined to make our partnerships even stronger'). Dated by the story.",
        spans=(
            a.span(release_1_0_0.PROPOSED),
            a.span("we are determined to make our partnerships even stronger in the future"),
        ),
        **story,
    )
    afghanistan = Event(
        id="event-afghanistan-cooperation",
        parent_id=None,
        label="The Republic of Korea and NATO work together in Afghanistan",
        actor_ids=("republic-of-korea",),
        recipient_ids=("nato",),
        historical=True,
        cameo=_cameo("062", "Cooperate militarily", 7.4),
        plover=_plover("COOPERATE", None, "military"),
        note="Existing cooperation the article reports without dates. Coded 062 'Cooperate "
        "militarily': the article speaks of working together and of 'cooperation developed "
        "during the Afghan mission', NATO's mission there being military; it is mutual "
        "cooperation with NATO (PLOVER COOPERATE), not aid to Afghanistan, which the two "
        "events below cover.",
        spans=(
            a.span(
                "The Alliance and the Republic of Korea are already working together in many "
                "areas, including Afghanistan"
            ),
            a.span("their cooperation developed during the Afghan mission"),
        ),
        **undated,
    )
    trust_fund = Event(
        id="event-ana-trust-fund",
        parent_id=None,
        label="The Republic of Korea provides financial aid to the Afghan National Army Trust Fund",
        actor_ids=("republic-of-korea",),
        recipient_ids=("afghanistan",),
        historical=True,
        cameo=_cameo("072", "Provide military aid", 8.3, "071"),
        plover=_plover("AID", None, "military"),
        note="Financial aid that funds an army: coded military aid (072) rather than economic "
        "aid (071). The recipient is coded as Afghanistan, whose army the Trust Fund pays for. "
        "Undated in the article.",
        spans=(a.span("provided financial aid to the Afghan National Army Trust Fund"),),
        **undated,
    )
    prt = Event(
        id="event-prt-parwan",
        parent_id=None,
        label="Korean personnel operate a Provincial Reconstruction Team in Parwan",
        actor_ids=("republic-of-korea",),
        recipient_ids=("afghanistan",),
        historical=True,
        cameo=None,
        plover=None,
        note="Left uncoded: the article does not say what the team did, so economic (071), "
        "humanitarian (073) or military aid (072) cannot be told apart from it, nor whether it "
        "counts as aid at all beyond the cooperation with NATO coded on "
        "event-afghanistan-cooperation. Undated in the article.",
        spans=(
            a.span("Korean personnel have operated a Provincial Reconstruction Team in Parwan"),
        ),
        **undated,
    )
    condemnation = Event(
        id="event-north-korea-condemnation",
        parent_id=None,
        label="NATO condemns North Korea's actions",
        actor_ids=("nato",),
        recipient_ids=("north-korea",),
        historical=False,
        cameo=_cameo("111", "Criticize or denounce", -2.0),
        plover=_plover("ACCUSE", "disapprove"),
        note="The Secretary General reiterates NATO's condemnation. Dated by the story.",
        spans=(
            a.span(release_1_0_0.CONDEMNATION),
            a.span(
                "pose a serious threat to regional and international peace, security and stability."
            ),
        ),
        **story,
    )
    call = Event(
        id="event-north-korea-call",
        parent_id=None,
        label="The Secretary General urges North Korea to stop its destabilising actions and "
        "comply with Security Council resolutions",
        actor_ids=("anders-fogh-rasmussen",),
        recipient_ids=("north-korea",),
        historical=False,
        cameo=_cameo("105", "Demand that target yields", None, "025"),
        plover=_plover("REQUEST", "change", "cbrn", "legal"),
        note="'I urge' and 'I call on' read as an appeal in CAMEO (025 'Appeal to yield'), "
        "which PLOVER does not code; coded 105, which the CAMEO-to-PLOVER table maps to "
        "REQUEST 'change' 'legal', since PLOVER's REQUEST covers all requests and demands. "
        "No reference at hand gives 105 a Goldstein weight. Context 'cbrn' for the weapons of "
        "mass destruction. Dated by the story.",
        spans=(
            a.span(
                "I urge the North Korean authorities to immediately stop such destabilising "
                "actions and its pursuit of weapons of mass destruction"
            ),
            a.span(
                "I call on Pyongyang to refrain from any further provocations and to fulfil its "
                "international obligations to fully implement all relevant United Nations "
                "Security Council resolutions"
            ),
        ),
        **story,
    )
    return (visit, hosted, *meetings, proposal, afghanistan, trust_fund, prt, condemnation, call)


def build(text: str) -> Dataset:
    """Return release 1.1.0 built from the article *text*."""
    a = Anchors(text)
    base = release_1_0_0.build(text)
    afghanistan = Organization(
        id="afghanistan",
        name="Afghanistan",
        aliases=(),
        kind=OrganizationKind.STATE,
        mentions=a.every("Afghanistan"),
        spans=(a.span("including Afghanistan"),),
    )
    organizations = tuple(
        attrs.evolve(organization, codes=_codes(organization))
        if organization.id in CODES
        else organization
        for organization in (*base.organizations, afghanistan)
    )
    participants = tuple(
        attrs.evolve(
            person,
            names=(
                ExternalName(text=KOREAN[person.id][0], kind=NameKind.HANGUL, reference_id=ISSUE),
                ExternalName(
                    text=KOREAN[person.id][1],
                    kind=NameKind.REVISED_ROMANIZATION,
                    reference_id=ISSUE,
                ),
            ),
            codes=(
                ActorCode(
                    scheme=CodeScheme.CAMEO_SECTOR, code=KOREAN[person.id][2], reference_id=CAMEO
                ),
            ),
        )
        if person.id in KOREAN
        else person
        for person in base.participants
    )
    visit = attrs.evolve(
        base.visit,
        dates=DateRange(
            start=datetime.date(2013, 4, 11), end=datetime.date(2013, 4, 13), reference_id=DATES
        ),
    )
    return attrs.evolve(
        base,
        schema_version=2,
        version=VERSION,
        organizations=organizations,
        participants=participants,
        visit=visit,
        references=REFERENCES,
        events=_events(a),
    )
