"""The data model, defined once: every stage reads and returns these records.

Records are frozen msgspec Structs, so they serialise to JSON/msgpack fast (the Ray path ships
them between processes) and a JSON Schema is generated from them (`claimledger schema`).
Offsets are `start`/`end` character offsets into `Document.text`, end exclusive, everywhere.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import PurePath
from typing import Literal, NamedTuple

import msgspec

from claimledger.taxonomy import FAMILY, Family, PlaceFeature
from claimledger.taxonomy import Measure as Measure  # re-exported: a field type of Figure

SegmentKind = Literal[
    "title", "byline", "source", "dateline", "body", "related", "comments", "chrome"
]
InputKind = Literal["html", "text", "warc", "jsonl", "csv"]
CueClass = Literal[
    "say",
    "report",
    "claim",
    "warn",
    "admit",
    "acknowledge",
    "deny",
    "confirm",
    "estimate",
    "add",
    "accuse",
    "believe",
    "other",
]
SourceKind = Literal["person", "organization", "anonymous", "outlet", "author", "unknown"]
Role = Literal["initiator", "target", "other"]
# How a count is worded: "five" exact, "more than 200" more_than, "about 100" about, "200 to
# 300" range, "dozens" vague, "no one" none (see extract/numbers.py for each wording).
Hedge = Literal[
    "exact",
    "more_than",
    "at_least",
    "up_to",
    "at_most",
    "fewer_than",
    "about",
    "nearly",
    "range",
    "vague",
    "none",
]
# The one language the extraction steps read.
ENGLISH = "en"
# An approximate count ("about 100") allows 25% either way when counts are compared.
APPROXIMATE_TOLERANCE = 0.25


class Segment(msgspec.Struct, frozen=True):
    """A labelled stretch of the document text. A document's segments never overlap."""

    kind: SegmentKind
    start: int
    end: int


class Document(msgspec.Struct, frozen=True, kw_only=True, tag_field="record", tag="document"):
    """One page as read: clean text, its segments, and the metadata the page carries."""

    id: str
    text: str
    segments: tuple[Segment, ...] = ()
    input: str = ""
    input_kind: InputKind = "text"
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    original_source: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: Literal["page", "user", "record", "capture"] | None = None
    comment_count: int | None = None
    fetched: str | None = None  # when the page was captured (WARC-Date, an archive's address)
    version: str = ""
    text_id: str = ""  # content_id(text): reports that reprint one text share it
    # Set where the reader had to cut the page to read it (an HTML page still longer than
    # ReadOptions.html_max_chars once its scripts and styles are gone): how many characters of
    # the page were read. Nothing after them is in `text`. None: the page was read whole.
    cut_at: int | None = None
    # The language of title and body as an ISO 639 code ("en", "fr"), where it could be told
    # (see read/language.py); None: too little text to tell, read as English.
    language: str | None = None

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]

    @property
    def voice(self) -> tuple[str, SourceKind]:
        """Who speaks where the page names no source: its outlet (or the original source it
        names), else its byline. Decided here once for claims, figures and the ledger."""
        outlet = self.outlet or self.original_source
        if outlet:
            return outlet, "outlet"
        if self.byline:
            return self.byline, "author"
        return "", "unknown"

    def segments_of(self, *kinds: SegmentKind) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind in kinds)


class ReadError(msgspec.Struct, frozen=True, kw_only=True, tag_field="record", tag="error"):
    """An input that yielded no document, and why. Batches count these, never drop them."""

    input: str
    reason: str
    stage: str = "read"


class Span(msgspec.Struct, frozen=True):
    start: int
    end: int
    text: str


class Interval(NamedTuple):
    """The counts a figure allows, with both ends explicit (0 below and infinity above where
    the words give no bound)."""

    low: float
    low_inclusive: bool
    high: float
    high_inclusive: bool


class Count(msgspec.Struct, frozen=True, kw_only=True):
    """A count as an interval: "more than 200" is (200, None), "about 100" ~[100, 100], "200
    to 300" [200, 300], "dozens" [24, 99] vague; None is an open end."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    approximate: bool = False
    vague: bool = False
    hedge: Hedge = "exact"
    # The most conservative count the words support (ACLED: "dozens" = 12, "tens of thousands"
    # = 10000); None where only an upper bound is given ("up to 40").
    conservative: float | None = None

    def widened(self, tolerance: float = APPROXIMATE_TOLERANCE) -> Interval:
        """The counts allowed, an approximate count widened by `tolerance` either way."""
        low = self.low if self.low is not None else 0.0
        high = self.high if self.high is not None else math.inf
        low_inclusive = self.low_inclusive if self.low is not None else True
        high_inclusive = self.high_inclusive if self.high is not None else True
        if self.approximate:
            low, high = low / (1 + tolerance), high * (1 + tolerance)
            low_inclusive = high_inclusive = True
        return Interval(low, low_inclusive, high, high_inclusive)

    def stated(self) -> tuple[float, float] | None:
        """The lowest and highest number the words state ("up to 40": 40 and 40); None when
        they state none."""
        low = self.low if self.low is not None else self.high
        high = self.high if self.high is not None else self.low
        if low is None or high is None:
            return None
        return low, high

    def reading(self) -> float | None:
        """The one number a conservative coder records: `conservative`, else the bound the
        words state."""
        if self.conservative is not None:
            return self.conservative
        stated = self.stated()
        return stated[0] if stated else None

    def text(self) -> str:
        """Interval notation: "[5, 5]", "(200, ∞)", "[0, 40]", "[100, 100] ~" when approximate."""
        opening = "[" if self.low is None or self.low_inclusive else "("
        closing = ")" if self.high is None or not self.high_inclusive else "]"
        upper = "∞" if self.high is None else format_count(self.high)
        approximate = " ~" if self.approximate else ""
        return f"{opening}{format_count(self.low or 0.0)}, {upper}{closing}{approximate}"


def format_count(value: float | None) -> str:
    """A count as people read it: 200.0 is "200", an open end "∞", none "–"."""
    if value is None:
        return "–"
    if math.isinf(value):
        return "∞"
    return f"{value:g}" if value != int(value) else str(int(value))


class Confidence(msgspec.Struct, frozen=True, kw_only=True):
    """How likely an attribution is right, as calibrated probabilities: the whole of it (a real
    cue, with its source and content as an annotator would mark them), and each role alone. A
    statement of the page's own voice has no cue and no source of its own: only `whole`."""

    whole: float
    cue: float | None = None
    source: float | None = None
    content: float | None = None


class Attribution(msgspec.Struct, frozen=True, kw_only=True):
    """A claim: who says it (source), how (cue), and what (content)."""

    id: str
    content: Span
    direct: bool
    cue: Span | None = None
    cue_class: CueClass | None = None
    source: Span | None = None
    source_name: str = ""
    source_kind: SourceKind = "unknown"
    chain: tuple[str, ...] = ()
    denial: bool = False
    hedged: bool = False
    hedge: str | None = None
    confidence: Confidence | None = None


class Figure(msgspec.Struct, frozen=True, kw_only=True):
    """A numeric claim as an interval: "more than 200" is (200, inf), "about 100" ~[100, 100]."""

    id: str
    span: Span
    count: Count
    measure: Measure | None = None
    measure_span: Span | None = None
    population: str | None = None
    population_span: Span | None = None
    negated: bool = False
    modality: str | None = None
    attribution_id: str | None = None
    source_name: str = ""
    # How the count was made: None for a number the text states; "people.v1" for a tally of the
    # people the text says were harmed, with the words that make it (extract/people.py).
    rule: str | None = None
    evidence: tuple[Span, ...] = ()


class DateMention(msgspec.Struct, frozen=True, kw_only=True):
    """A date as written and as resolved; `value` is ISO, with XXXX for a year left unknown."""

    span: Span
    value: str | None
    granularity: Literal["day", "week", "month", "year"] = "day"
    rule: str = "absolute"


class PlaceCandidate(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    feature: PlaceFeature
    country_code: str
    country: str
    admin1: str | None = None
    admin2: str | None = None  # the county, district or territory (GeoNames' admin-2 name)
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    population: int | None = None


class PlaceMention(msgspec.Struct, frozen=True, kw_only=True):
    """A place as written; `resolved` stays None when the gazetteer match is ambiguous.
    `rule` is None for a place the text names and settles; "site-home" where the home state of
    the site an event's page comes from, or the town most of the site's pages tell of, stands
    in as `resolved` (a weak hint): for a name the page leaves unsettled and the state does not
    settle ("Westwood"), or, named by the state or town with an empty span, where the page
    names no place for the event; "phone" where the page names no place for the event and the
    town or state its telephone numbers lie in stands in (extract/phones.py; the span is the
    number)."""

    span: Span
    name: str
    candidates: tuple[PlaceCandidate, ...] = ()
    resolved: PlaceCandidate | None = None
    rule: str | None = None


class Actor(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    role: Role
    span: Span | None = None


HarmStatus = Literal["killed", "injured", "shot"]
PersonRole = Literal["victim", "suspect", "officer"]
Gender = Literal["male", "female"]


class HarmMention(msgspec.Struct, frozen=True, kw_only=True):
    """Words saying that people were killed, injured or shot: who ("a 17-year-old girl", "five
    people", "he", "the others") and what happened to them ("was shot and killed")."""

    span: Span
    evidence: Span
    status: HarmStatus
    # person: one person; group: `number` people; others: the rest of a group already counted;
    # none: nobody ("no one was hurt", "no one else was injured" with `others`).
    kind: Literal["person", "group", "others", "none"]
    number: int | None = None
    name: str | None = None
    age: int | None = None
    gender: Gender | None = None
    role: PersonRole = "victim"
    definite: bool = False
    # "a second victim": at least this many people had this status.
    ordinal: int | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    headline: bool = False
    # a headline's list of everyone killed, the killer too ("kills wife, 2 sons, then himself"):
    # `number` is the whole count of the dead.
    listed: bool = False


class Person(msgspec.Struct, frozen=True, kw_only=True):
    """One person harmed in an event, from every mention that refers to them."""

    id: str
    status: Literal["killed", "injured"]
    role: PersonRole = "victim"
    name: str | None = None
    age: int | None = None
    gender: Gender | None = None
    mentions: tuple[Span, ...] = ()
    evidence: tuple[Span, ...] = ()


class Trigger(msgspec.Struct, frozen=True, kw_only=True):
    """A word that names an event, typed in ACLED's taxonomy, with the sentence it stands in and
    the actors its parse names."""

    span: Span
    sentence_start: int
    sentence_end: int
    event_type: str
    sub_event_type: str
    # A killing verb says that people died, not how: it types an event only when nothing else does
    weak: bool = False
    actors: tuple[Actor, ...] = ()

    @property
    def family(self) -> Family:
        return FAMILY[self.event_type]


class Event(msgspec.Struct, frozen=True, kw_only=True):
    """One real-world event as one document reports it."""

    id: str
    document_id: str
    trigger: Span
    event_type: str
    sub_event_type: str | None = None
    sub_events: tuple[str, ...] = ()
    date: DateMention | None = None
    place: PlaceMention | None = None
    actors: tuple[Actor, ...] = ()
    figure_ids: tuple[str, ...] = ()
    attribution_ids: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()


class Analysis(msgspec.Struct, frozen=True, kw_only=True, tag_field="record", tag="analysis"):
    """Everything extracted from one document, with the versions that made it."""

    document: Document
    attributions: tuple[Attribution, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    events: tuple[Event, ...] = ()
    people: tuple[Person, ...] = ()
    version: str = ""
    model: str = ""
    # Why nothing was extracted: "language fr" for a document in a language other than English
    # (see `skipped_for_language`). None: the document was analysed.
    skipped: str | None = None


def skipped_for_language(document: Document) -> str | None:
    """"language xx" for a document detected in a language other than English: the extraction
    steps read English only, so none is run on it (rather than run to an empty result)."""
    if document.language is None or document.language == ENGLISH:
        return None
    return f"language {document.language}"


class EventLink(msgspec.Struct, frozen=True, kw_only=True):
    """Two per-document events judged to be the same real-world event, and why."""

    a: str
    b: str
    score: float
    signals: dict[str, float] = {}


class LedgerRow(msgspec.Struct, frozen=True, kw_only=True):
    """One source's figure for one measure of one (linked) event."""

    figure_id: str
    document_id: str
    source_name: str
    outlet: str | None
    published: str | None
    count: Count
    text: str
    population: str | None = None
    text_id: str = ""  # the page's text: rows of reprints of one text share it


class LedgerEntry(msgspec.Struct, frozen=True, kw_only=True):
    """Per event cluster and measure: every source side by side, low/best/high, disputed."""

    cluster_id: str
    measure: Measure
    rows: tuple[LedgerRow, ...]
    low: float | None
    best: float | None
    high: float | None
    disputed: bool
    rule: str
    # The population low/best/high describe (None: the whole count), and the pairs of figure
    # ids that cannot both hold; `disputed` is true exactly when `disputes` is not empty.
    population: str | None = None
    disputes: tuple[tuple[str, str], ...] = ()


def content_id(text: str) -> str:
    """A hash of a text: the same text, wherever it is read, has the same id."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def document_id(text: str, *, url: str | None, input: str) -> str:
    """A document is one report: a text at a place, its URL or else the name of the input it
    was read from. The same page read twice is one document; the same wire story published at
    two addresses is two reports that share a text (`Document.text_id`)."""
    where = url or PurePath(input.replace("\\", "/")).name
    return content_id(f"{where}\x1f{text}")


def record_id(*parts: object) -> str:
    """A stable id for a record derived from its document and offsets."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def json_schema() -> dict[str, object]:
    """The JSON Schema of what `claimledger` emits: analyses and read errors."""
    schema: dict[str, object] = msgspec.json.schema(Analysis | Document | ReadError)
    return schema


class ClusterMember(msgspec.Struct, frozen=True, kw_only=True):
    """A per-document event in its event cluster: the events the links join, directly or
    through others, named by their smallest event id (see ledger.cluster_events). relink stores
    one for every event, so readers look a cluster up instead of walking the links again."""

    event_id: str
    cluster_id: str
    document_id: str
