"""Calibrating the attribution tagger's confidence on held-out folds of PolNeAR train; writes the
package's calibration JSON and reports its expected calibration error.

    python -m claimledger.eval.calibrate_attribution --data PATH/attribution-polnear \\
        [--cache train.docbin] [--plot benchmarks/attribution_reliability.svg]

The train articles are dealt into folds; for each fold a tagger is trained on the other folds
(as eval/train_attribution.py trains the shipped one, with as many SGD steps: more passes over
less text) and run on it, so that every attribution found on train is found by a tagger that
never saw its article. Each is scored against the
article's first annotation file:

- cue: its cue overlaps a gold cue (the gold attribution it matches is the one whose cue it
  overlaps most);
- source, content: its span and the matched attribution's share at least half their words
  (token F1 >= 0.5; no source on either side is right too); wrong where no gold cue matched;
- whole: all three right;
- a statement of the page's own voice: fewer than half its words lie in any gold attribution.

The maps (see extract/attribution_confidence.py) are fitted on all folds' attributions. The
expected calibration error is measured out of fold twice over: the maps fitted on the other
folds' attributions, applied to one fold's. `--check dev` fits nothing and measures the shipped
tagger with the shipped maps on the dev split, judged the same way. With CLAIMLEDGER_CUES=chain
the taggers find cues with the cue chain (each fold's trained on its training folds), and the
maps go to attribution_calibration_chain.json. Needs scikit-learn (a development dependency).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from claimledger.eval.attribution import _tokens_in, word_spans
from claimledger.eval.polnear import Fragments, GoldAttribution, GoldDocument, read_polnear
from claimledger.eval.reliability import ReliabilityCurve, curve, expected_calibration_error
from claimledger.eval.train_attribution import (
    EPOCHS,
    Example,
    fit,
    parsed_articles,
    training_examples,
)
from claimledger.eval.train_attribution_crf import train_chain
from claimledger.extract.attribution import USE_CHAIN, scored_attributions, shipped_calibration
from claimledger.extract.attribution_confidence import (
    CALIBRATION_FILE,
    CHAIN_CALIBRATION_FILE,
    Calibration,
    Isotonic,
    RawScores,
    logit,
)
from claimledger.extract.attribution_model import AttributionTagger
from claimledger.model import Attribution, Span

ROLES = ("cue", "source", "content", "whole")
# Knots rounded (on the logit scale): the JSON stays small and the same fit gives the same file.
DIGITS = 3


@dataclass(frozen=True)
class Found:
    """One attribution found out of fold, with whether each role is right."""

    fold: int
    raw: RawScores
    right: dict[str, bool] = field(default_factory=dict)


def fold_of(articles: Sequence[str], folds: int, seed: int = 0) -> dict[str, int]:
    """Articles dealt into `folds` folds after a seeded shuffle."""
    order = sorted(articles)
    random.Random(seed).shuffle(order)
    return {article: k % folds for k, article in enumerate(order)}


def train_tagger(
    golds: Sequence[GoldDocument], docs: dict[str, Doc], epochs: int = EPOCHS
) -> AttributionTagger:
    """A tagger trained as the shipped one is (eval/train_attribution.py's defaults, and the cue
    chain as eval/train_attribution_crf.py trains it), but for the number of passes."""
    cue_examples: list[Example] = []
    role_examples: list[Example] = []
    for kind, example in training_examples(golds, docs):
        (cue_examples if kind == "cue" else role_examples).append(example)
    return AttributionTagger(
        cue=fit(cue_examples, min_count=5, alpha=1e-6, prune=0.1, epochs=epochs),
        role=fit(role_examples, min_count=5, alpha=1e-6, prune=0.1, epochs=epochs),
        chain=train_chain(golds, docs) if USE_CHAIN else None,
    )


def matching_epochs(training: Sequence[GoldDocument], everything: Sequence[GoldDocument]) -> int:
    """Passes over a fold's training articles that make as many SGD steps as the shipped
    tagger's passes over all of train. The steps set the scale of the weights (the learning rate
    falls with every step): a tagger trained with fewer is surer of everything, and maps fitted
    to its scores would read the shipped tagger's as doubtful."""
    size = sum(len(g.text) for g in training)
    return max(EPOCHS, round(EPOCHS * sum(len(g.text) for g in everything) / max(size, 1)))


def _span(span: Span | None) -> Fragments:
    return ((span.start, span.end),) if span else ()


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _token_f1(predicted: set[int], gold: set[int]) -> float:
    if not predicted and not gold:
        return 1.0
    shared = len(predicted & gold)
    return 2 * shared / (len(predicted) + len(gold))


def judge(
    attribution: Attribution, gold: GoldDocument, tokens: Sequence[tuple[int, int]]
) -> dict[str, bool]:
    """Which roles of one found attribution the annotation file agrees with."""
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]

    def words(fragments: Fragments) -> set[int]:
        return _tokens_in(fragments, starts, ends)

    content = words(_span(attribution.content))
    if attribution.cue is None:  # a statement: right where no annotator attributed its words
        covered: set[int] = set()
        for g in gold.attributions:
            covered |= words(g.cue) | words(g.source) | words(g.content)
        return {"whole": len(content & covered) * 2 < max(len(content), 1)}
    cue = _span(attribution.cue)
    matches = [g for g in gold.attributions if _overlaps(cue, g.cue)]
    if not matches:
        return dict.fromkeys(ROLES, False)
    cue_words = words(cue)

    def overlap(g: GoldAttribution) -> tuple[int, int]:
        return len(cue_words & words(g.cue)), len(content & words(g.content))

    match = max(matches, key=overlap)
    source_right = _token_f1(words(_span(attribution.source)), words(match.source)) >= 0.5
    content_right = _token_f1(content, words(match.content)) >= 0.5
    return {
        "cue": True,
        "source": source_right,
        "content": content_right,
        "whole": source_right and content_right,
    }


def found_out_of_fold(
    golds: Sequence[GoldDocument], docs: dict[str, Doc], folds: int
) -> list[Found]:
    """Every attribution and statement found on the articles by taggers trained on the other
    folds, judged against each article's first annotation file."""
    first: dict[str, GoldDocument] = {}
    for gold in golds:
        first.setdefault(gold.article, gold)
    fold = fold_of(list(first), folds)
    found: list[Found] = []
    for k in range(folds):
        training = [g for g in golds if fold[g.article] != k]
        print(f"fold {k}: training on {len(training)} annotation files", flush=True)
        tagger = train_tagger(training, docs, matching_epochs(training, golds))
        for article, gold in first.items():
            if fold[article] != k:
                continue
            tokens = word_spans(gold.text)
            for attribution, raw in scored_attributions(docs[article], tagger=tagger):
                found.append(Found(k, raw, judge(attribution, gold, tokens)))
    return found


def save_found(found: Sequence[Found], path: Path) -> None:
    """The judged attributions, one JSON object a line (to refit without retraining)."""
    with path.open("w", encoding="utf-8") as out:
        for f in found:
            out.write(json.dumps({"fold": f.fold, "raw": vars(f.raw), "right": f.right}) + "\n")


def load_found(path: Path) -> list[Found]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        found.append(Found(row["fold"], RawScores(**row["raw"]), row["right"]))
    return found


def _isotonic(xs: Sequence[float], ys: Sequence[bool]) -> Isotonic:
    from sklearn.isotonic import IsotonicRegression

    if len(set(xs)) < 2:
        return Isotonic((0.0,), (round(sum(ys) / max(len(ys), 1), DIGITS),))
    model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    model.fit(list(xs), [float(y) for y in ys])
    knots = sorted(
        {(round(float(x), DIGITS), round(float(y), DIGITS))
         for x, y in zip(model.X_thresholds_, model.y_thresholds_, strict=True)}
    )
    # one knot per x (the rounding may merge two)
    merged: dict[float, float] = {}
    for x, y in knots:
        merged[x] = max(merged.get(x, y), y)
    return Isotonic(tuple(merged), tuple(merged.values()))


def fit_calibration(found: Sequence[Found], fitted_on: str = "") -> Calibration:
    """The maps, fitted on the judged attributions."""
    from sklearn.linear_model import LogisticRegression

    claims = [f for f in found if not f.raw.statement]
    statements = [f for f in found if f.raw.statement]
    named = [f for f in claims if f.raw.source is not None]
    unnamed = [f for f in claims if f.raw.source is None]
    features = [f.raw.features() for f in claims]
    whole_right = [f.right["whole"] for f in claims]
    logistic = LogisticRegression(C=1.0, max_iter=1000)
    logistic.fit(features, whole_right)
    coefficients = [*logistic.coef_[0], logistic.intercept_[0]]
    weights = tuple(round(float(w), DIGITS) for w in coefficients)
    partial = Calibration(
        cue=_isotonic([logit(f.raw.cue) for f in claims], [f.right["cue"] for f in claims]),
        source=_isotonic(
            [logit(f.raw.source or 0.0) for f in named], [f.right["source"] for f in named]
        ),
        no_source=round(sum(f.right["source"] for f in unnamed) / max(len(unnamed), 1), DIGITS),
        content=_isotonic(
            [logit(f.raw.content) for f in claims], [f.right["content"] for f in claims]
        ),
        whole_weights=weights,
        whole=Isotonic((0.0,), (0.0,)),
        statement=_isotonic(
            [-logit(f.raw.cue) for f in statements], [f.right["whole"] for f in statements]
        ),
        fitted_on=fitted_on,
    )
    linear = [partial.linear(f.raw) for f in claims]
    return Calibration(
        cue=partial.cue,
        source=partial.source,
        no_source=partial.no_source,
        content=partial.content,
        whole_weights=weights,
        whole=_isotonic(linear, whole_right),
        statement=partial.statement,
        fitted_on=fitted_on,
    )


@dataclass(frozen=True)
class Judged:
    """Out-of-fold calibrated probabilities and outcomes, per role."""

    pairs: dict[str, list[tuple[float, bool]]]

    def ece(self, role: str) -> float:
        return expected_calibration_error(self.pairs[role])

    def curves(self) -> list[ReliabilityCurve]:
        return [curve(role, self.pairs[role]) for role in self.pairs if self.pairs[role]]


def cross_calibrated(found: Sequence[Found], folds: int) -> Judged:
    """Each fold's attributions calibrated by maps fitted on the other folds' only."""
    pairs: dict[str, list[tuple[float, bool]]] = {r: [] for r in (*ROLES, "statement")}
    for k in range(folds):
        calibration = fit_calibration([f for f in found if f.fold != k])
        for f in found:
            if f.fold != k:
                continue
            confidence = calibration.confidence(f.raw)
            if f.raw.statement:
                pairs["statement"].append((confidence.whole, f.right["whole"]))
                continue
            for role in ROLES:
                value = getattr(confidence, role)
                assert value is not None
                pairs[role].append((value, f.right[role]))
    return Judged(pairs)


def shipped_on(golds: Sequence[GoldDocument], docs: dict[str, Doc]) -> Judged:
    """The shipped tagger and calibration on other articles (the dev split): each found
    attribution's confidence against whether the article's first annotation file agrees."""
    calibration = shipped_calibration()
    if calibration is None:
        raise SystemExit("this package has no calibration to check")
    first: dict[str, GoldDocument] = {}
    for gold in golds:
        first.setdefault(gold.article, gold)
    pairs: dict[str, list[tuple[float, bool]]] = {r: [] for r in (*ROLES, "statement")}
    for article, gold in first.items():
        tokens = word_spans(gold.text)
        for attribution, _ in scored_attributions(docs[article], calibration=calibration):
            right = judge(attribution, gold, tokens)
            confidence = attribution.confidence
            assert confidence is not None
            if attribution.cue is None:
                pairs["statement"].append((confidence.whole, right["whole"]))
                continue
            for role in ROLES:
                value = getattr(confidence, role)
                pairs[role].append((value, right[role]))
    return Judged(pairs)


def format_report(judged: Judged) -> str:
    lines = [
        "| what | n | right | mean confidence | ECE (10 bins) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for role, pairs in judged.pairs.items():
        if not pairs:
            continue
        right = sum(y for _, y in pairs) / len(pairs)
        mean = sum(p for p, _ in pairs) / len(pairs)
        lines.append(
            f"| {role} | {len(pairs)} | {right:.3f} | {mean:.3f} | {judged.ece(role):.4f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the attribution-polnear folder")
    parser.add_argument("--cache", type=Path, help="DocBin file to reuse parses across runs")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--limit", type=int, help="first N articles only (a quick check)")
    parser.add_argument("--plot", type=Path, help="write the reliability diagram (SVG) here")
    parser.add_argument(
        "--found", type=Path, help="JSON lines file keeping the judged attributions: refit from"
        " it when it exists, else write it"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1]
        / "extract"
        / "data"
        / (CHAIN_CALIBRATION_FILE if USE_CHAIN else CALIBRATION_FILE),
    )
    parser.add_argument(
        "--check",
        metavar="SPLIT",
        help="fit nothing: report the shipped calibration's error on SPLIT (dev) instead",
    )
    args = parser.parse_args(argv)
    if args.check:
        golds = list(read_polnear(args.data, args.check))
        print(format_report(shipped_on(golds, parsed_articles(golds, args.cache))))
        return
    golds = list(read_polnear(args.data, "train"))
    if args.limit:
        keep = set(list(dict.fromkeys(g.article for g in golds))[: args.limit])
        golds = [g for g in golds if g.article in keep]
    if args.found and args.found.exists():
        found = load_found(args.found)
    else:
        found = found_out_of_fold(golds, parsed_articles(golds, args.cache), args.folds)
        if args.found:
            save_found(found, args.found)
    judged = cross_calibrated(found, args.folds)
    print(format_report(judged))
    articles = len({g.article for g in golds})
    calibration = fit_calibration(
        found, f"PolNeAR train ({articles} articles, {args.folds} folds, out of fold)"
    )
    text = json.dumps(calibration.to_json(), indent=1, sort_keys=True) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text)} bytes)")
    if args.plot:
        from claimledger.eval.reliability import reliability_svg

        title = f"Attribution confidence, out of fold ({args.folds} folds of PolNeAR train)"
        args.plot.write_text(reliability_svg(judged.curves(), title), encoding="utf-8")
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
