"""The JSONL export: every analysis, then every link, then every ledger entry (by the UCDP
rule), one JSON record a line. Every line names its kind in its `record` field ("analysis",
"link", "ledger"), and `kinds` writes only some, so each kind reads as one table of its own
(`pandas.read_json(path, lines=True)`)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import IO, Literal, get_args

import msgspec

from claimledger.ledger import RULE_NAMES
from claimledger.model import Analysis, EventLink, LedgerEntry
from claimledger.store import Store

RecordKind = Literal["analysis", "link", "ledger"]
RECORD_KINDS: tuple[RecordKind, ...] = get_args(RecordKind)


class LinkLine(EventLink, frozen=True, kw_only=True, tag_field="record", tag="link"):
    """A link line of the JSONL export: two per-document events judged to be one real-world
    event."""


class LedgerLine(LedgerEntry, frozen=True, kw_only=True, tag_field="record", tag="ledger"):
    """A ledger line of the JSONL export: per event cluster and measure, every source's figure
    side by side, with low / best / high."""


def link_line(link: EventLink) -> LinkLine:
    return LinkLine(**msgspec.structs.asdict(link))


def ledger_line(entry: LedgerEntry) -> LedgerLine:
    return LedgerLine(**msgspec.structs.asdict(entry))


def jsonl_records(
    store: Store, kinds: Collection[RecordKind] = RECORD_KINDS
) -> Iterator[Analysis | LinkLine | LedgerLine]:
    if "analysis" in kinds:
        yield from store.analyses()
    if "link" in kinds:
        yield from (link_line(link) for link in store.links())
    if "ledger" in kinds:
        yield from (ledger_line(e) for e in store.ledger_entries(rule=RULE_NAMES["ucdp"]))


def write_jsonl(
    store: Store, stream: IO[str], kinds: Collection[RecordKind] = RECORD_KINDS
) -> int:
    """The records of `kinds`, one a line; how many lines were written."""
    unknown = set(kinds) - set(RECORD_KINDS)
    if unknown:
        raise ValueError(f"unknown record kinds {sorted(unknown)}; expected {list(RECORD_KINDS)}")
    encoder = msgspec.json.Encoder()
    lines = 0
    for record in jsonl_records(store, kinds):
        stream.write(encoder.encode(record).decode("utf-8") + "\n")
        lines += 1
    return lines
