"""Scoring attribution extraction on PolNeAR: source, cue and content, exact-span and token-overlap.

Definitions (both systems are scored by the same code on the same spaCy parse):

- Scored tokens are maximal runs of word characters (`\\w+`) of the article text; punctuation and
  quote marks are not scored, so "said," and "said" are the same cue.
- Token overlap: for each role, the set of (gold document, token) pairs that carry that role in the
  gold annotation is compared with the set the system labels with that role; precision, recall and
  F1 are micro-averaged over the split. A token carries at most one role: where a system's
  attributions overlap, cue wins over source, and source over content (the corpus annotates
  "“...,” he said, “...”" as one content with the cue and source cut out of it).
- Exact span: a span is reduced to the extent from its first to its last scored token (a
  discontinuous gold span to the extent of all its fragments); a predicted span is correct when a
  gold span of the same role in the same document has the same extent, each gold span matching
  at most once.
- Several annotators per article: each annotation file is a separate gold document, and the
  system's output for the article is scored against each of them.
- The baseline, textacy's `direct_quotations`, raises on some documents ("unclosed quotation");
  such a document predicts nothing and is counted in `baseline_failures`.
- Annotator agreement, the ceiling to read the figures against: on the articles of the split
  annotated twice, the first annotation file scored against the second, by the same code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from claimledger.eval.polnear import (
    ROLES,
    Fragments,
    GoldAttribution,
    GoldDocument,
    read_polnear,
)
from claimledger.model import Attribution

_WORD = re.compile(r"\w+")

Predictor = Callable[[Doc], list[GoldAttribution]]


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class ScoreRow:
    system: str
    role: str
    match: str  # "exact" or "token"
    score: Score


@dataclass(frozen=True)
class AttributionReport:
    split: str
    documents: int
    articles: int
    rows: tuple[ScoreRow, ...]
    baseline_failures: int = 0
    model: str = ""
    agreement: tuple[ScoreRow, ...] = field(default=())
    agreement_articles: int = 0

    def get(self, system: str, role: str, match: str) -> Score:
        for row in self.rows:
            if (row.system, row.role, row.match) == (system, role, match):
                return row.score
        raise KeyError((system, role, match))


def word_spans(text: str) -> list[tuple[int, int]]:
    """The scored tokens of a text: runs of word characters, as (start, end)."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _tokens_in(fragments: Fragments, starts: Sequence[int], ends: Sequence[int]) -> set[int]:
    import bisect

    found: set[int] = set()
    for start, end in fragments:
        # tokens overlapping [start, end)
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(starts, end)
        found.update(range(first, last))
    return found


def labelled_tokens(
    attributions: Iterable[GoldAttribution], tokens: Sequence[tuple[int, int]]
) -> dict[str, set[int]]:
    """Role -> indices of scored tokens; one role per token (cue, then source, then content)."""
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    roles: dict[str, set[int]] = {role: set() for role in ROLES}
    for attribution in attributions:
        for role in ROLES:
            roles[role] |= _tokens_in(attribution.role(role), starts, ends)
    roles["source"] -= roles["cue"]
    roles["content"] -= roles["cue"] | roles["source"]
    return roles


def span_extents(
    attributions: Iterable[GoldAttribution], role: str, tokens: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Each span of a role as (first scored token, last scored token); empty spans dropped."""
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    extents = []
    for attribution in attributions:
        indices = _tokens_in(attribution.role(role), starts, ends)
        if indices:
            extents.append((min(indices), max(indices)))
    return extents


def _count_exact(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> Score:
    remaining: dict[tuple[int, int], int] = {}
    for extent in gold:
        remaining[extent] = remaining.get(extent, 0) + 1
    tp = 0
    for extent in predicted:
        if remaining.get(extent, 0) > 0:
            remaining[extent] -= 1
            tp += 1
    return Score(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


Counts = dict[tuple[str, str], Score]  # (role, match) -> counts


def add_counts(totals: dict[tuple[str, ...], Score], counts: Counts, *prefix: str) -> None:
    """Add one document's counts into `totals`, each key after `prefix` (a system's name)."""
    for key, score in counts.items():
        old = totals.get((*prefix, *key), Score(0, 0, 0))
        totals[(*prefix, *key)] = Score(old.tp + score.tp, old.fp + score.fp, old.fn + score.fn)


def score_document(
    text: str, gold: Sequence[GoldAttribution], predicted: Sequence[GoldAttribution]
) -> dict[tuple[str, str], Score]:
    """(role, match) -> counts for one gold document."""
    tokens = word_spans(text)
    gold_tokens = labelled_tokens(gold, tokens)
    predicted_tokens = labelled_tokens(predicted, tokens)
    counts: dict[tuple[str, str], Score] = {}
    for role in ROLES:
        g, p = gold_tokens[role], predicted_tokens[role]
        counts[(role, "token")] = Score(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        counts[(role, "exact")] = _count_exact(
            span_extents(gold, role, tokens), span_extents(predicted, role, tokens)
        )
    return counts


def predict_textacy(doc: Doc) -> list[GoldAttribution]:
    """textacy's direct-quotation triples as attributions; raises where textacy raises."""
    from textacy.extract.triples import direct_quotations

    found = []
    for triple in direct_quotations(doc):
        found.append(
            GoldAttribution(
                source=tuple((t.idx, t.idx + len(t.text)) for t in triple.speaker),
                cue=tuple((t.idx, t.idx + len(t.text)) for t in triple.cue),
                content=((triple.content.start_char, triple.content.end_char),),
            )
        )
    return found


def predict_claimledger(doc: Doc) -> list[GoldAttribution]:
    """claimledger's attributions over a whole article, as role fragments."""
    from claimledger.extract.attribution import find_attributions

    return as_fragments(find_attributions(doc, include_unattributed=False))


def as_fragments(attributions: Iterable[Attribution]) -> list[GoldAttribution]:
    """Attributions as the role fragments the scorer reads."""
    found = []
    for attribution in attributions:
        found.append(
            GoldAttribution(
                source=((attribution.source.start, attribution.source.end),)
                if attribution.source
                else (),
                cue=((attribution.cue.start, attribution.cue.end),) if attribution.cue else (),
                content=((attribution.content.start, attribution.content.end),),
            )
        )
    return found


def evaluate_attribution(
    data_dir: Path, *, split: str = "dev", limit: int | None = None
) -> AttributionReport:
    """Score claimledger and the textacy baseline on a PolNeAR split (`limit`: first N articles)."""
    import spacy

    from claimledger.nlp import find_model_name

    # The full pipeline (with its lemmatizer): textacy's cue test reads lemmas.
    nlp = spacy.load(find_model_name())
    golds = list(read_polnear(data_dir, split))
    articles: list[str] = []
    for gold in golds:
        if gold.article not in articles:
            articles.append(gold.article)
    if limit is not None:
        articles = articles[:limit]
        golds = [g for g in golds if g.article in set(articles)]
    texts = {g.article: g.text for g in golds}
    systems: dict[str, Predictor] = {
        "claimledger": predict_claimledger,
        "textacy": predict_textacy,
    }
    predictions: dict[str, dict[str, list[GoldAttribution]]] = {name: {} for name in systems}
    failures = 0
    for article, doc in zip(articles, nlp.pipe(texts[a] for a in articles), strict=True):
        for name, predict in systems.items():
            try:
                predictions[name][article] = predict(doc)
            except ValueError:
                if name != "textacy":
                    raise
                predictions[name][article] = []
                failures += 1
    totals: dict[tuple[str, ...], Score] = {}
    for gold in golds:
        for name in systems:
            counts = score_document(gold.text, gold.attributions, predictions[name][gold.article])
            add_counts(totals, counts, name)
    rows = tuple(
        ScoreRow(system=name, role=role, match=match, score=totals[(name, role, match)])
        for name in systems
        for role in ROLES
        for match in ("token", "exact")
    )
    agreement, agreement_articles = annotator_agreement(golds)
    return AttributionReport(
        split=split,
        documents=len(golds),
        articles=len(articles),
        rows=rows,
        baseline_failures=failures,
        agreement=agreement,
        agreement_articles=agreement_articles,
        model=f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
    )


def agreement_counts(golds: Sequence[GoldDocument]) -> list[Counts]:
    """Each twice-annotated article's first annotation file scored against its second."""
    by_article: dict[str, list[GoldDocument]] = {}
    for gold in golds:
        by_article.setdefault(gold.article, []).append(gold)
    return [
        score_document(first.text, second.attributions, first.attributions)
        for first, second, *_ in (files for files in by_article.values() if len(files) >= 2)
    ]


def annotator_agreement(golds: Sequence[GoldDocument]) -> tuple[tuple[ScoreRow, ...], int]:
    """The annotators' agreement (`agreement_counts`) over a split, and how many articles."""
    per_article = agreement_counts(golds)
    totals: dict[tuple[str, ...], Score] = {}
    for counts in per_article:
        add_counts(totals, counts)
    rows = tuple(
        ScoreRow(system="annotator", role=role, match=match, score=totals[(role, match)])
        for role in ROLES
        for match in ("token", "exact")
        if (role, match) in totals
    )
    return rows, len(per_article)


def format_attribution_report(report: AttributionReport) -> str:
    """The report as a markdown table, one row per system, role and match."""
    lines = [
        f"PolNeAR {report.split}: {report.articles} articles, {report.documents} annotation files"
        f" (spaCy {report.model}); textacy failed on {report.baseline_failures} articles"
        " (counted as predicting nothing).",
        "",
        "| system | role | match | precision | recall | F1 | tp | fp | fn |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines.extend(_table_rows(report.rows))
    if report.agreement:
        lines += [
            "",
            f"Annotator agreement on the {report.agreement_articles} articles annotated twice"
            " (first file scored against the second), for reference:",
            "",
            *lines[2:4],
            *_table_rows(report.agreement),
        ]
    return "\n".join(lines)


def _table_rows(rows: Iterable[ScoreRow]) -> list[str]:
    lines = []
    for row in rows:
        s = row.score
        lines.append(
            f"| {row.system} | {row.role} | {row.match} | {s.precision:.3f} | {s.recall:.3f}"
            f" | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} |"
        )
    return lines
