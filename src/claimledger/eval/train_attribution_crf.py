"""Training the cue span tagger (a linear-chain CRF) on PolNeAR's train split; writes the
package's crfsuite model.

    python -m claimledger.eval.train_attribution_crf --data PATH/attribution-polnear

Every sentence of every annotation file is one training sequence, its tokens labelled B (first
word of a gold cue), I (a later word of it) or O.
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc

from claimledger.eval.polnear import GoldDocument
from claimledger.eval.train_attribution import (
    corpus_arguments,
    parsed_articles,
    read_corpus,
    tokens_covering,
)
from claimledger.extract.attribution_crf import CRF_FILE, CueChain, sentence_features, sentences
from claimledger.extract.attribution_features import token_table
from claimledger.extract.quotes import quoted_tokens

Sequence_ = tuple[list[list[str]], list[str]]


def cue_labels(doc: Doc, gold: GoldDocument) -> list[str]:
    """B, I or O for every token of the article, from one annotation file."""
    labels = ["O"] * len(doc)
    for attribution in gold.attributions:
        previous = -2
        for token in tokens_covering(doc, attribution.cue):
            if token.is_space:
                continue
            gap = doc[previous + 1 : token.i] if previous >= 0 else None
            joined = gap is not None and all(t.is_space for t in gap)
            labels[token.i] = "I" if joined else "B"
            previous = token.i
    return labels


def training_sequences(golds: Sequence[GoldDocument], docs: dict[str, Doc]) -> Iterator[Sequence_]:
    """(features, labels) for every sentence of every annotation file."""
    cached: dict[str, list[tuple[int, int, list[list[str]]]]] = {}
    for gold in golds:
        doc = docs[gold.article]
        found = cached.get(gold.article)
        if found is None:
            table = token_table(doc)
            quoted = quoted_tokens(doc)
            found = cached[gold.article] = [
                (start, end, sentence_features(table, quoted, start, end))
                for start, end in sentences(table)
            ]
        labels = cue_labels(doc, gold)
        for start, end, features in found:
            yield features, labels[start:end]


# Training settings of the shipped chain (L1 and L2 regularization, L-BFGS iterations, rarest
# feature kept).
C1 = 0.5
C2 = 0.01
ITERATIONS = 100
MIN_FREQ = 2


def fit_chain(
    sequences: Iterable[Sequence_],
    *,
    c1: float = C1,
    c2: float = C2,
    iterations: int = ITERATIONS,
    min_freq: int = MIN_FREQ,
) -> bytes:
    """A chain trained on the sequences: crfsuite's model file, as bytes."""
    import tempfile

    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        trainer.append(features, labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "cues.crfsuite"
        trainer.train(str(model))
        return model.read_bytes()


def train_chain(golds: Sequence[GoldDocument], docs: dict[str, Doc]) -> CueChain:
    """A chain trained as the shipped one is, on the given annotation files."""
    return CueChain(fit_chain(training_sequences(golds, docs)))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus_arguments(parser)
    parser.add_argument("--c1", type=float, default=C1, help="L1 regularization")
    parser.add_argument("--c2", type=float, default=C2, help="L2 regularization")
    parser.add_argument("--iterations", type=int, default=ITERATIONS, help="L-BFGS iterations")
    parser.add_argument("--min-freq", type=int, default=MIN_FREQ, help="drop rarer features")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "extract" / "data" / CRF_FILE,
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    golds = read_corpus(args)
    docs = parsed_articles(golds, args.cache)
    sequences = list(training_sequences(golds, docs))
    print(f"{len(golds)} annotation files; {len(sequences)} sentences", flush=True)
    model = fit_chain(
        sequences, c1=args.c1, c2=args.c2, iterations=args.iterations, min_freq=args.min_freq
    )
    # mtime=0: the same weights give the same bytes
    args.out.write_bytes(gzip.compress(model, compresslevel=9, mtime=0))
    elapsed = time.perf_counter() - started
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
