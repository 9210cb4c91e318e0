"""Reading PolNeAR: article texts and their brat standoff attribution annotations.

One `.ann` file per article and annotator; an article annotated twice yields two gold documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("source", "cue", "content")
_LABEL_ROLE = {"Source": "source", "Cue": "cue", "Content": "content"}

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: each role a (possibly discontinuous) span, or empty."""

    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()

    def role(self, name: str) -> Fragments:
        fragments: Fragments = getattr(self, name)
        return fragments


@dataclass(frozen=True)
class GoldDocument:
    """One annotation file over one article text."""

    article: str
    annotator: str
    text: str
    attributions: tuple[GoldAttribution, ...] = field(default=())


def parse_fragments(offsets: str) -> Fragments:
    """`"12 20;25 30"` -> ((12, 20), (25, 30)): brat's discontinuous span notation."""
    fragments = []
    for part in offsets.split(";"):
        start_text, end_text = part.split()
        start, end = int(start_text), int(end_text)
        if end > start:
            fragments.append((start, end))
    return tuple(fragments)


def parse_brat(ann: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat file: E lines tie Source/Cue/Content T lines together.

    Role spans that no E line references are ignored: the corpus ties every scored part
    to an attribution.
    """
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        columns = line.split("\t")
        if len(columns) < 2:
            continue
        ident, body = columns[0], columns[1]
        if ident.startswith("T"):
            label, _, offsets = body.partition(" ")
            if label in _LABEL_ROLE and offsets:
                try:
                    spans[ident] = (_LABEL_ROLE[label], parse_fragments(offsets))
                except ValueError:
                    continue
        elif ident.startswith("E"):
            args = {}
            for arg in body.split()[1:]:
                name, _, ref = arg.partition(":")
                args[name] = ref
            events.append(args)
    attributions = []
    for args in events:
        roles: dict[str, Fragments] = {}
        for ref in args.values():
            role_fragments = spans.get(ref)
            if role_fragments is not None:
                role, fragments = role_fragments
                roles[role] = roles.get(role, ()) + fragments
        if roles:
            attributions.append(GoldAttribution(**roles))
    return tuple(attributions)


def read_polnear(data_dir: Path, split: str = "dev") -> Iterator[GoldDocument]:
    """Every annotation file of a split, sorted by name, with its article text."""
    split_dir = data_dir / split
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(
            f"no PolNeAR split at {split_dir} (expected text/ and attributions/)"
        )
    texts: dict[str, str] = {}
    for ann_path in sorted(ann_dir.glob("*.ann")):
        article, _, annotator = ann_path.stem.rpartition("_")
        if article not in texts:
            text_path = text_dir / f"{article}.txt"
            if not text_path.exists():
                continue
            texts[article] = text_path.read_text(encoding="utf-8")
        yield GoldDocument(
            article=article,
            annotator=annotator,
            text=texts[article],
            attributions=parse_brat(ann_path.read_text(encoding="utf-8")),
        )
