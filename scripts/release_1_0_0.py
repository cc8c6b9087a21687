"""Dataset release 1.0.0: every fact the article states, anchored in it.

Each record names the exact words of the article that support it; the spans
are computed from those words by :mod:`anchor`, never typed by hand.
"""

from __future__ import annotations

import datetime

from anchor import Anchors
from nato_rok import (
    CooperationArea,
    CooperationKind,
    Dataset,
    Meeting,
    MeetingAttestation,
    MeetingKind,
    Organization,
    OrganizationKind,
    Participant,
    Position,
    Quote,
    QuoteKind,
    Source,
    Stance,
    Visit,
)

VERSION = "1.0.0"
SOURCE_FILE = "nato-news-2013-04-12-rok-visit.txt"

TITLE = "First visit by a NATO Secretary General to Republic of Korea focuses on cooperation"
VISIT_SENTENCE = (
    "said Friday (12 April 2013) during a three-day long-planned visit to Seoul, "
    "the first ever by a NATO Secretary General"
)
TALKS = (
    "The Secretary General is in the Republic of Korea for talks with President Park Guen-hye "
    "as well as with other top government officials to explore ways of expanding cooperation"
)
MET = "During his visit to Seoul the Secretary General also met with"
CHALLENGES = (
    "NATO and Korea faced the same security challenges, such as piracy, the proliferation of "
    "weapons of mass destruction and cyber attacks"
)
PROPOSED = (
    "The Secretary General suggested closer cooperation in areas like logistics, military "
    "education and training, and disaster relief."
)
EXISTING = (
    "The Alliance and the Republic of Korea are already working together in many areas, "
    "including Afghanistan, where Korean personnel have operated a Provincial Reconstruction "
    "Team in Parwan and provided financial aid to the Afghan National Army Trust Fund."
)
CONDEMNATION = (
    "the Secretary General reiterated NATO’s strong condemnation of North Korea’s actions"
)

# (id, kind, attribution excerpt, its context, topic ids, the quoted passage)
QUOTES = (
    (
        "quote-partnership-potential",
        QuoteKind.STANDALONE,
        "he said",
        "potential,” he said",
        (),
        "NATO’s partnership with the Republic of Korea is still young, but it has great potential,",
    ),
    (
        "quote-global-challenges",
        QuoteKind.STANDALONE,
        "Mr. Fogh Rasmussen said",
        "globe,” Mr. Fogh Rasmussen said",
        (),
        "Today’s security challenges are global and in many cases the most effective way to deal "
        "with them is to work with partners from around the globe,",
    ),
    (
        "quote-asia-pacific",
        QuoteKind.EMBEDDED,
        "He underlined that",
        "He underlined that “",
        (),
        "NATO’s global perspective does not mean that we seek a presence in the Asia-Pacific "
        "region. What it does mean is that we seek to engage with the Asia-Pacific region. And the "
        "Republic of Korea is a key partner in this endeavour",
    ),
    (
        "quote-stronger-partnerships",
        QuoteKind.STANDALONE,
        "said Mr. Fogh Rasmussen",
        "future”, said Mr. Fogh Rasmussen",
        (),
        "The dialogue and cooperation between NATO and the Republic of Korea are strong. And my "
        "visit is a clear signal that we are determined to make our partnerships even stronger in "
        "the future",
    ),
    (
        "quote-afghanistan-lessons",
        QuoteKind.STANDALONE,
        "said Mr. Fogh Rasmussen",
        "build on,” said Mr. Fogh Rasmussen",
        ("provincial-reconstruction-team-parwan", "afghan-national-army-trust-fund"),
        "In Afghanistan we have learned the skills we need to work together and the value of "
        "working together. Those are lessons we must keep and build on,",
    ),
    (
        "quote-north-korea-threat",
        QuoteKind.PARTIAL,
        "which he said",
        "which he said “",
        ("north-korea-condemnation",),
        "pose a serious threat to regional and international peace, security and stability.",
    ),
    (
        "quote-north-korea-defiance",
        QuoteKind.STANDALONE,
        "he said",
        "resolutions”, he said",
        ("north-korea-condemnation",),
        "North Korea stands in continued defiance of the will of the international community. "
        "I urge the North Korean authorities to immediately stop such destabilising actions and "
        "its pursuit of weapons of mass destruction, which are in blatant violation of United "
        "Nations Security resolutions. I call on Pyongyang to refrain from any further "
        "provocations and to fulfil its international obligations to fully implement all "
        "relevant United Nations Security Council resolutions",
    ),
)

# (id, name, kind, the item's own words, the sentence that names it)
AREAS = (
    ("logistics", "Logistics", CooperationKind.PROPOSED, "logistics", PROPOSED),
    (
        "military-education-and-training",
        "Military education and training",
        CooperationKind.PROPOSED,
        "military education and training",
        PROPOSED,
    ),
    ("disaster-relief", "Disaster relief", CooperationKind.PROPOSED, "disaster relief", PROPOSED),
    ("piracy", "Piracy", CooperationKind.SHARED_CHALLENGE, "piracy", CHALLENGES),
    (
        "proliferation-of-weapons-of-mass-destruction",
        "Proliferation of weapons of mass destruction",
        CooperationKind.SHARED_CHALLENGE,
        "proliferation of weapons of mass destruction",
        CHALLENGES,
    ),
    (
        "cyber-attacks",
        "Cyber attacks",
        CooperationKind.SHARED_CHALLENGE,
        "cyber attacks",
        CHALLENGES,
    ),
    (
        "provincial-reconstruction-team-parwan",
        "Provincial Reconstruction Team in Parwan",
        CooperationKind.EXISTING,
        "operated a Provincial Reconstruction Team in Parwan",
        EXISTING,
    ),
    (
        "afghan-national-army-trust-fund",
        "Financial aid to the Afghan National Army Trust Fund",
        CooperationKind.EXISTING,
        "financial aid to the Afghan National Army Trust Fund",
        EXISTING,
    ),
)

# (id, standard name, aliases, role, the role-and-name phrase, the name as printed)
PEOPLE = (
    (
        "park-geun-hye",
        "Park Geun-hye",
        ("Park Guen-hye",),
        "President",
        "President Park Guen-hye",
        "Park Guen-hye",
    ),
    (
        "kang-chang-hee",
        "Kang Chang-hee",
        (),
        "Speaker of the National Assembly",
        "Speaker of the National Assembly Kang Chang-hee",
        "Kang Chang-hee",
    ),
    (
        "yun-byung-se",
        "Yun Byung-se",
        (),
        "Minister of Foreign Affairs",
        "Minister of Foreign Affairs Yun Byung-se",
        "Yun Byung-se",
    ),
    (
        "kim-kwan-jin",
        "Kim Kwan-jin",
        ("Kim Kwan Jin",),
        "Minister of Defence",
        "Minister of Defence Kim Kwan Jin",
        "Kim Kwan Jin",
    ),
)


def build(text: str) -> Dataset:
    """Return release 1.0.0 built from the article *text*."""
    a = Anchors(text)
    source = Source(
        id="nato-news-99519",
        title=TITLE,
        publisher="NATO",
        # The date in the source file's name, and the "Friday (12 April 2013)"
        # the article reports.
        published=datetime.date(2013, 4, 12),
        url="https://www.nato.int/cps/en/natohq/news_99519.htm",
        language="en",
        text=text,
        spans=(a.span(TITLE), a.span("Friday (12 April 2013)")),
    )
    organizations = (
        Organization(
            id="nato",
            name="NATO",
            aliases=("Alliance",),
            kind=OrganizationKind.INTERNATIONAL_ORGANIZATION,
            mentions=tuple(sorted(a.every("NATO") + a.every("Alliance"), key=_start)),
            spans=(a.span("NATO Secretary General Anders Fogh Rasmussen"),),
        ),
        Organization(
            id="republic-of-korea",
            name="Republic of Korea",
            aliases=("Korea",),
            kind=OrganizationKind.STATE,
            mentions=tuple(
                sorted(
                    a.every("Republic of Korea") + a.every("Korea", within="NATO and Korea"),
                    key=_start,
                )
            ),
            spans=(a.span("stepping up its partnership with the Republic of Korea"),),
        ),
        Organization(
            id="north-korea",
            name="North Korea",
            aliases=("North Korean authorities", "Pyongyang"),
            kind=OrganizationKind.STATE,
            mentions=tuple(
                sorted(
                    a.every("North Korea")
                    + a.every("North Korean authorities")
                    + a.every("Pyongyang"),
                    key=_start,
                )
            ),
            spans=(a.span(CONDEMNATION),),
        ),
        Organization(
            id="united-nations-security-council",
            name="United Nations Security Council",
            # The article once drops "Council": "United Nations Security
            # resolutions". That form stays findable.
            aliases=("United Nations Security",),
            kind=OrganizationKind.INTERNATIONAL_BODY,
            mentions=(
                a.span("United Nations Security", within="United Nations Security resolutions"),
                a.span("United Nations Security Council"),
            ),
            spans=(a.span("United Nations Security Council resolutions"),),
        ),
    )
    rasmussen = Participant(
        id="anders-fogh-rasmussen",
        name="Anders Fogh Rasmussen",
        aliases=("Fogh Rasmussen",),
        role="Secretary General",
        affiliation_id="nato",
        mentions=(
            a.span("Anders Fogh Rasmussen"),
            *a.every("Fogh Rasmussen", within="Mr. Fogh Rasmussen", word=False),
        ),
        spans=(a.span("NATO Secretary General Anders Fogh Rasmussen"),),
    )
    hosts = tuple(
        Participant(
            id=pid,
            name=name,
            aliases=aliases,
            role=role,
            affiliation_id="republic-of-korea",
            mentions=(a.span(printed),),
            spans=(a.span(phrase),),
        )
        for pid, name, aliases, role, phrase, printed in PEOPLE
    )
    visit = Visit(
        id="visit-seoul-2013",
        visitor_id=rasmussen.id,
        visitor_organization_id="nato",
        host_id="republic-of-korea",
        place="Seoul",
        reported_date=datetime.date(2013, 4, 12),
        duration_days=3,
        long_planned=True,
        first_ever=True,
        purpose="to explore ways of expanding cooperation",
        purpose_span=a.span("to explore ways of expanding cooperation"),
        spans=(a.span(VISIT_SENTENCE), a.span(TALKS)),
    )
    talks = Meeting(
        id="talks-park-geun-hye",
        visit_id=visit.id,
        kind=MeetingKind.TALKS,
        attested=MeetingAttestation.PURPOSE,
        participant_ids=(rasmussen.id, "park-geun-hye"),
        unnamed_participants="other top government officials",
        spans=(a.span(TALKS),),
    )
    meetings = (
        talks,
        *(
            Meeting(
                id=f"meeting-{pid}",
                visit_id=visit.id,
                kind=MeetingKind.MEETING,
                attested=MeetingAttestation.HELD,
                participant_ids=(rasmussen.id, pid),
                unnamed_participants=None,
                spans=(a.span(MET), a.span(phrase)),
            )
            for pid, _, _, _, phrase, _ in PEOPLE[1:]
        ),
    )
    quotes = tuple(
        Quote(
            id=qid,
            text=passage,
            span=a.span(passage),
            speaker_id=rasmussen.id,
            kind=kind,
            attribution_span=a.span(attribution, within=context),
            topic_ids=topics,
        )
        for qid, kind, attribution, context, topics, passage in QUOTES
    )
    areas = tuple(
        CooperationArea(
            id=aid, name=name, kind=kind, spans=(a.span(words, within=sentence), a.span(sentence))
        )
        for aid, name, kind, words, sentence in AREAS
    )
    position = Position(
        id="north-korea-condemnation",
        holder_id="nato",
        subject_id="north-korea",
        stance=Stance.CONDEMNATION,
        spans=(a.span(CONDEMNATION),),
    )
    return Dataset(
        schema_version=1,
        version=VERSION,
        license="CC-BY-4.0",
        source=source,
        organizations=organizations,
        participants=(rasmussen, *hosts),
        visit=visit,
        meetings=meetings,
        quotes=quotes,
        cooperation_areas=areas,
        positions=(position,),
    )


def _start(span: object) -> int:
    return span.start  # type: ignore[attr-defined, no-any-return]
