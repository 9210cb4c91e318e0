"""Where the attribution gap lies: the tagger's token F1 on PolNeAR beside the same pipeline
given the annotated cues, and the annotators' own agreement with a bootstrap interval.

    python benchmarks/attribution_gap.py [--data PATH/attribution-polnear] [--split dev]

Three rows per role, each annotation file scored against the output it led to:
- tagged: the shipped pipeline as `claimledger eval attribution` runs it;
- annotated cue heads: the file's cues given as their head words only (the cue model right
  every time), the rest (cue extent, source, content, the reading rules) as shipped;
- annotated cues: the file's cue words given whole.
The annotators' agreement (first file scored against the second on every article annotated
twice, as `eval attribution` reports it) comes with a 95% bootstrap interval over articles:
the targets rest on few articles.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from attribution import default_data
from claimledger.eval.attribution import (
    Counts,
    Score,
    add_counts,
    agreement_counts,
    as_fragments,
    score_document,
)
from claimledger.eval.polnear import ROLES, GoldDocument, read_polnear
from claimledger.eval.train_attribution import tokens_covering
from claimledger.extract.attribution import CueTags, scored_attributions
from claimledger.extract.attribution_features import cue_head

MODES = ("tagged", "annotated cue heads", "annotated cues")


def annotated_cues(doc: Doc, gold: GoldDocument, *, whole: bool) -> CueTags:
    """A file's cues as the tagger would hand them on: head words in text order, sure ones."""
    words: dict[int, list[int]] = {}
    for attribution in gold.attributions:
        tokens = [t for t in tokens_covering(doc, attribution.cue) if not t.is_space]
        if tokens:
            words[cue_head(tokens).i] = [t.i for t in tokens]
    heads = sorted(words)
    return CueTags(
        heads=[doc[i] for i in heads],
        probabilities=[1.0] * len(heads),
        sentence_peak={},
        words=words if whole else {},
    )


def f1(per_article: Sequence[Counts], role: str) -> float:
    """Token F1 of a role over the articles' counts taken together."""
    totals: dict[tuple[str, ...], Score] = {}
    for counts in per_article:
        add_counts(totals, counts)
    return totals[(role, "token")].f1


def agreement_interval(
    golds: Sequence[GoldDocument], *, draws: int = 2000, seed: int = 0
) -> tuple[int, dict[str, tuple[float, float, float]]]:
    """The annotators' token F1 per role (`agreement_counts`), with the 2.5th and 97.5th
    percentiles of the same figure over articles drawn with replacement."""
    per_article = agreement_counts(golds)
    rng = random.Random(seed)
    result = {}
    for role in ROLES:
        drawn = sorted(
            f1([rng.choice(per_article) for _ in per_article], role) for _ in range(draws)
        )
        low, high = drawn[int(0.025 * draws)], drawn[int(0.975 * draws) - 1]
        result[role] = (f1(per_article, role), low, high)
    return len(per_article), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    if not (args.data / args.split).is_dir():
        print(f"PolNeAR split not found at {args.data / args.split}", file=sys.stderr)
        return 2
    import spacy

    from claimledger.nlp import find_model_name

    started = time.perf_counter()
    nlp = spacy.load(find_model_name())
    golds = list(read_polnear(args.data, args.split))
    texts = {g.article: g.text for g in golds}
    totals: dict[str, dict[tuple[str, ...], Score]] = {mode: {} for mode in MODES}
    for article, doc in zip(texts, nlp.pipe(texts.values()), strict=True):
        tagged = as_fragments(a for a, _ in scored_attributions(doc, include_unattributed=False))
        for gold in (g for g in golds if g.article == article):
            for mode in MODES:
                if mode == "tagged":
                    predicted = tagged
                else:
                    cues = annotated_cues(doc, gold, whole=mode == "annotated cues")
                    found = scored_attributions(doc, include_unattributed=False, cues=cues)
                    predicted = as_fragments(a for a, _ in found)
                add_counts(totals[mode], score_document(gold.text, gold.attributions, predicted))
    print(f"$ python benchmarks/attribution_gap.py --split {args.split}\n")
    print(f"PolNeAR {args.split}: {len(texts)} articles, {len(golds)} annotation files\n")
    print("| cues | role | token P / R / F1 | exact F1 |")
    print("|---|---|---|---|")
    for mode in MODES:
        for role in ROLES:
            token, exact = totals[mode][(role, "token")], totals[mode][(role, "exact")]
            print(
                f"| {mode} | {role} | {token.precision:.3f} / {token.recall:.3f} / "
                f"{token.f1:.3f} | {exact.f1:.3f} |"
            )
    pairs, agreement = agreement_interval(list(read_polnear(args.data, "train")))
    print(f"\nAnnotator agreement, token F1, {pairs} train articles annotated twice (95% bootstrap"
          " interval over articles):\n")
    for role, (value, low, high) in agreement.items():
        print(f"- {role}: {value:.3f} [{low:.3f}, {high:.3f}]")
    print(f"\n({time.perf_counter() - started:.0f} s including parsing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
