"""The JSON Schema of every record claimledger writes as JSON: what `read` and `extract` print
(documents, analyses, read errors), every line of the JSONL export (analyses, links, ledger
entries, each naming its kind in `record`) and the entries `ledger --format json` prints.

Every field of every record carries a description, written here, so the schema documents the
records as well as checking them (`claimledger schema`).
"""

from __future__ import annotations

from typing import Any

import msgspec

from claimledger.exports.jsonl import LedgerLine, LinkLine
from claimledger.model import Analysis, Document, LedgerEntry, ReadError

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Every record a claimledger output holds, as its top-level JSON value or one line of it.
RECORDS: tuple[type[msgspec.Struct], ...] = (
    Analysis, Document, ReadError, LinkLine, LedgerLine, LedgerEntry,
)

OFFSET = "Character offset into the document's text"
KIND = "The kind of record: "
SPAN = "Where in the document's text it is written (offsets, end exclusive, and the words)"
LEDGER_ENTRY = {
    "cluster_id": "The event cluster (linked per-document events), named by its smallest event "
    "id",
    "measure": "What the figures count: killed, injured, missing, displaced, arrested, ...",
    "rows": "Every source's figure for this measure of this event, earliest page first",
    "low": "The lowest count the sources allow, by the rule; null where no figure gives one",
    "best": "The best estimate by the rule (UCDP: the reading most sources support; ACLED: "
    "the most conservative); null where no figure gives one",
    "high": "The highest count the sources state, by the rule; null where no figure gives one",
    "disputed": "Whether two of the sources' figures cannot both hold (`disputes` names them)",
    "rule": "The rule that made low / best / high: ucdp.v1 or acled.v1",
    "population": "Whom low / best / high count (\"civilians\"); null: everyone the figures "
    "count",
    "disputes": "The pairs of figure ids whose counts cannot both hold",
}
LINK = {
    "a": "The first event's id",
    "b": "The second event's id",
    "score": "How sure the linker is that both are one event, 0 to 1",
    "signals": "What the score is made of: each signal's name and value",
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Analysis": {
        "record": KIND + "\"analysis\"",
        "document": "The page as read",
        "attributions": "The claims the page reports: who says what, how",
        "figures": "The numeric claims (casualty counts and others) as intervals",
        "dates": "The dates the text writes, as written and resolved",
        "places": "The places the text names, with their gazetteer candidates",
        "events": "The events the page reports",
        "people": "The people harmed in the events, each from every mention of them",
        "version": "The claimledger version that made the analysis",
        "model": "The spaCy model that parsed the text",
        "skipped": "Why nothing was extracted (\"language fr\": a page in a language other "
        "than English); null: the document was analysed",
    },
    "Document": {
        "record": KIND + "\"document\"",
        "id": "The report's id: a hash of its URL (else its input's name) and its text",
        "text": "The page's clean text; every offset points into it",
        "segments": "The labelled stretches of the text (title, body, comments, chrome ...)",
        "input": "The file (and member or line) the page was read from",
        "input_kind": "How the input was read: html, text, warc or jsonl",
        "url": "The page's address, where known",
        "outlet": "The outlet that published the page, where known",
        "byline": "The page's author, where named",
        "original_source": "The agency or outlet the page says its story comes from",
        "title": "The page's headline",
        "published": "The publication date (ISO 8601), where known",
        "published_from": "Where the publication date comes from: the page, the user "
        "(--published), the input record, or the page's capture (a date given later than the "
        "archive captured the page)",
        "comment_count": "How many reader comments the page carries, where it shows them",
        "fetched": "When the page was captured (a WARC's date, an archive's address); a "
        "publication date later than it is replaced",
        "version": "The claimledger version that read the page",
        "text_id": "A hash of the text alone: reports that reprint one text share it",
        "cut_at": "Where an overlong page was cut: how many of its characters were read; "
        "null when it was read whole",
        "language": "The language of title and body, an ISO 639 code (\"en\", \"fr\"); "
        "null where too little text tells it",
    },
    "Segment": {
        "kind": "What the stretch is: title, byline, source, dateline, body, related, "
        "comments or chrome",
        "start": OFFSET + " where it starts",
        "end": OFFSET + " where it ends (exclusive)",
    },
    "Span": {
        "start": OFFSET + " where the words start",
        "end": OFFSET + " where the words end (exclusive)",
        "text": "The words, as the text has them",
    },
    "Attribution": {
        "id": "The claim's id",
        "content": "What is claimed: " + SPAN,
        "direct": "Whether the content is quoted word for word",
        "cue": "The word that reports the claim (\"said\", \"denied\"): " + SPAN,
        "cue_class": "What kind of reporting the cue is: say, report, claim, deny, ...",
        "source": "Who makes the claim, as the text names them: " + SPAN,
        "source_name": "The source's fullest name in the document",
        "source_kind": "What the source is: person, organization, anonymous, outlet, author or "
        "unknown",
        "chain": "Who relays the claim to whom, the outlet first",
        "denial": "Whether the claim denies something",
        "hedged": "Whether the claim is hedged (\"reportedly\", \"may have\")",
        "hedge": "The hedging words, where hedged",
        "confidence": "How likely the claim is right, as calibrated probabilities",
    },
    "Confidence": {
        "whole": "The probability that the whole claim is right: a real cue with its source "
        "and content as an annotator would mark them",
        "cue": "The probability that the cue is right; null for the page's own statements",
        "source": "The probability that the source is right; null for the page's own "
        "statements",
        "content": "The probability that the content is right",
    },
    "Figure": {
        "id": "The figure's id",
        "span": "The count as written: " + SPAN,
        "count": "The count as an interval, with its hedge",
        "measure": "What the figure counts: killed, injured, missing, displaced, ...",
        "measure_span": "The words that say what it counts: " + SPAN,
        "population": "Whom it counts (\"civilians\", \"soldiers\"), where the text says",
        "population_span": "The words that say whom it counts: " + SPAN,
        "negated": "Whether the text denies the figure (\"no one was killed\" is not negated; "
        "\"it is not true that 40 died\" is)",
        "modality": "The figure's modality where not a plain statement (a possibility, a fear)",
        "attribution_id": "The claim the figure is part of, where it is reported speech",
        "source_name": "Who states the figure: its claim's source, else the page's own voice",
        "rule": "How the count was made: null for a number the text states; \"people.v1\" for a "
        "tally of the people the text says were harmed",
        "evidence": "The words that make a tallied count",
    },
    "Count": {
        "low": "The lower end; null where the words give none",
        "high": "The upper end; null where the words give none (\"more than 200\")",
        "low_inclusive": "Whether the lower end is itself allowed",
        "high_inclusive": "Whether the upper end is itself allowed",
        "approximate": "Whether the count is approximate (\"about 100\")",
        "vague": "Whether the count is a vague quantity (\"dozens\")",
        "hedge": "How the count is worded: exact, more_than, at_least, up_to, about, range, "
        "vague, none, ...",
        "conservative": "The most conservative count the words support (ACLED: \"dozens\" is "
        "12); null where only an upper bound is given",
    },
    "DateMention": {
        "span": "The date as written: " + SPAN,
        "value": "The resolved date, ISO 8601 (XXXX for a year left unknown); null where it "
        "could not be resolved",
        "granularity": "What the date names: a day, a week, a month or a year",
        "rule": "How the date was resolved (absolute, relative to the publication date, "
        "publication-date where the text gives none, ...)",
    },
    "PlaceMention": {
        "span": "The place as written: " + SPAN,
        "name": "The place's name as the text gives it",
        "candidates": "The gazetteer's places of that name",
        "resolved": "The candidate the document settles on; null when it stays ambiguous",
        "rule": "How the place was settled: null for a place the text names and settles; "
        "\"site-home\" where the home state of the site an event's page comes from stands in "
        "as its resolution (a weak hint): for a name the page leaves unsettled, or, with an "
        "empty span, where the page names no place for the event; \"phone\" where the page "
        "names no place for the event and the town or state its telephone numbers lie in "
        "stands in (the span is the number)",
    },
    "PlaceCandidate": {
        "name": "The place's name in the gazetteer (GeoNames)",
        "feature": "What kind of place: city, admin2, admin1, region or country",
        "country_code": "Its country's ISO 3166-1 alpha-2 code",
        "country": "Its country's name",
        "admin1": "Its first-order administrative division (state, province)",
        "admin2": "Its second-order administrative division (county, district)",
        "latitude": "Latitude, decimal degrees (WGS 84)",
        "longitude": "Longitude, decimal degrees (WGS 84)",
        "geonameid": "Its GeoNames id",
        "population": "Its population, as GeoNames gives it",
    },
    "Event": {
        "id": "The event's id",
        "document_id": "The document that reports it",
        "trigger": "The word that names the event: " + SPAN,
        "event_type": "ACLED's event type (Battles, Explosions/Remote violence, Violence "
        "against civilians, Protests, Riots, Strategic developments)",
        "sub_event_type": "ACLED's sub-event type (Armed clash, Attack, Peaceful protest, ...)",
        "sub_events": "Every sub-event type the event's words name",
        "date": "When it happened, where the report says or implies",
        "place": "Where it happened, where the report says",
        "actors": "The actors the text names, with their roles",
        "figure_ids": "The figures that count its victims",
        "attribution_ids": "The claims about it",
        "person_ids": "The people harmed in it",
    },
    "Actor": {
        "name": "The actor as the text names it",
        "role": "initiator (the attacker), target, or other",
        "span": "Where the text names it: " + SPAN,
    },
    "Person": {
        "id": "The person's id",
        "status": "killed or injured",
        "role": "victim, suspect or officer",
        "name": "The person's name, where given",
        "age": "The person's age, where given",
        "gender": "male or female, where the text says",
        "mentions": "Every mention of the person: " + SPAN,
        "evidence": "The words that say the person was harmed",
    },
    "ReadError": {
        "record": KIND + "\"error\"",
        "input": "The input that gave no document",
        "reason": "Why, in one line",
        "stage": "Where it failed (read)",
    },
    "LinkLine": {"record": KIND + "\"link\"", **LINK},
    "LedgerLine": {"record": KIND + "\"ledger\"", **LEDGER_ENTRY},
    "LedgerEntry": LEDGER_ENTRY,
    "LedgerRow": {
        "figure_id": "The figure",
        "document_id": "The document that states it",
        "source_name": "Who states it",
        "outlet": "The outlet of its page",
        "published": "Its page's publication date",
        "count": "The figure's count as an interval",
        "text": "The count as written",
        "population": "Whom the figure counts, where the text says",
        "text_id": "Its page's text: rows of reprints of one text share it",
    },
}
RECORD_DESCRIPTIONS = {
    "Span": "Words of the document's text with their offsets (end exclusive)",
    "PlaceCandidate": "A place in the gazetteer that a name may stand for",
    "Actor": "An actor of an event as the text names it, with its role",
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every JSON record claimledger writes validates against,
    each field with its description (`undescribed` lists any field that has none)."""
    refs, definitions = msgspec.json.schema_components(RECORDS)
    for name, definition in definitions.items():
        described = DESCRIPTIONS.get(name, {})
        if "description" not in definition and name in RECORD_DESCRIPTIONS:
            definition["description"] = RECORD_DESCRIPTIONS[name]
        for field, field_schema in definition.get("properties", {}).items():
            if field in described:
                field_schema["description"] = described[field]
    return {
        "$schema": DRAFT,
        "title": "claimledger records",
        "description": "Any record a claimledger output holds: a document, analysis or read "
        "error (read, extract); an analysis, link or ledger line (export --format jsonl); a "
        "ledger entry (ledger --format json)",
        "anyOf": list(refs),
        "$defs": definitions,
    }


def undescribed(schema: dict[str, Any]) -> list[str]:
    """The records and fields of a schema without a description, as "Record" or
    "Record.field"."""
    missing = []
    for name, definition in schema["$defs"].items():
        if "description" not in definition:
            missing.append(name)
        missing += [f"{name}.{field}" for field, field_schema in
                    definition.get("properties", {}).items() if "description" not in field_schema]
    return missing
