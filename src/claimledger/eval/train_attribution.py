"""Training the attribution tagger on PolNeAR's train split; writes the package's JSON weights.

    python -m claimledger.eval.train_attribution --data PATH/attribution-polnear

Needs scikit-learn (a development dependency); extraction itself only reads the JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin, Token

from claimledger.eval.polnear import Fragments, GoldDocument, read_polnear
from claimledger.extract.attribution_features import (
    cue_features,
    cue_head,
    cue_view,
    role_context,
    role_features,
    role_window,
    token_table,
)
from claimledger.extract.attribution_model import MODEL_FILE, LinearModel
from claimledger.extract.quotes import quoted_tokens
from claimledger.nlp import load_nlp, spacy_pipes

Example = tuple[list[str], str]


def tokens_covering(doc: Doc, fragments: Fragments) -> list[Token]:
    """The tokens that overlap any of the character fragments."""
    return [
        t
        for t in doc
        if any(t.idx < end and t.idx + len(t.text) > start for start, end in fragments)
    ]


def parsed_articles(golds: Sequence[GoldDocument], cache: Path | None) -> dict[str, Doc]:
    """Parse each article once; reuse a DocBin cache (docs tagged with their article) if given."""
    articles = list(dict.fromkeys(g.article for g in golds))
    nlp = load_nlp()
    docs: dict[str, Doc] = {}
    if cache is not None and cache.exists():
        for doc in DocBin().from_disk(cache).get_docs(nlp.vocab):
            docs[str(doc.user_data.get("article"))] = doc
    missing = [a for a in articles if a not in docs]
    if missing:
        texts = {g.article: g.text for g in golds}
        with nlp.select_pipes(enable=spacy_pipes(nlp)):  # the parse the tagger learns from
            parsed = list(nlp.pipe(texts[a] for a in missing))
        for article, doc in zip(missing, parsed, strict=True):
            doc.user_data["article"] = article
            docs[article] = doc
        if cache is not None:
            DocBin(docs=list(docs.values()), store_user_data=True).to_disk(cache)
    return {a: docs[a] for a in articles}


def training_examples(
    golds: Sequence[GoldDocument], docs: dict[str, Doc]
) -> Iterator[tuple[str, Example]]:
    """("cue" | "role", (features, label)) for every token of every annotation file.

    The cue model learns a cue's head word only ("said" in "has said in a statement"); the
    role model, given that head, learns the rest of the cue with the source and content.
    """
    quoted_by_article: dict[str, list[bool]] = {}
    for gold in golds:
        doc = docs[gold.article]
        quoted = quoted_by_article.setdefault(gold.article, quoted_tokens(doc))
        cue_sets = [tokens_covering(doc, a.cue) for a in gold.attributions]
        heads = {cue_head(tokens).i for tokens in cue_sets if tokens}
        table = token_table(doc)
        context = role_context(doc, quoted, heads, table)
        for token in doc:
            if token.is_space:
                continue
            label = "cue" if token.i in heads else "none"
            yield "cue", (cue_features(table, token.i, quoted[token.i]), label)
        for attribution, cue_tokens in zip(gold.attributions, cue_sets, strict=True):
            if not cue_tokens:
                continue
            head = cue_head(cue_tokens)
            own = {t.i for t in cue_tokens}
            source = {t.i for t in tokens_covering(doc, attribution.source)}
            content = {t.i for t in tokens_covering(doc, attribution.content)}
            window = role_window(table, head.i, quoted)
            other_cue = any(i in heads and i != head.i for i in range(*window))
            cue = cue_view(context, head.i, other_cue)
            for i in range(*window):
                token = doc[i]
                if token.is_space or i == head.i:
                    continue
                label = (
                    "cue"
                    if i in own
                    else "source"
                    if i in source
                    else "content"
                    if i in content
                    else "none"
                )
                features = role_features(context, i, cue)
                yield "role", (features, label)


EPOCHS = 12


def fit(
    examples: list[Example], *, min_count: int, alpha: float, prune: float, epochs: int = EPOCHS
) -> LinearModel:
    """A logistic-loss linear model (SGD, averaged, `epochs` passes) over features seen at least
    `min_count` times; weights below `prune` are dropped so the JSON stays small."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import SGDClassifier

    counts = Counter(f for features, _ in examples for f in set(features))
    kept = {f for f, n in counts.items() if n >= min_count}
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1.0 for f in fs if f in kept} for fs, _ in examples])
    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)  # SGD takes 32-bit sparse indices only
    x.indptr = x.indptr.astype(np.int32)
    y = [label for _, label in examples]
    classifier = SGDClassifier(
        loss="log_loss", alpha=alpha, average=True, max_iter=epochs, tol=None, random_state=0
    )
    classifier.fit(x, y)
    classes = tuple(str(label) for label in classifier.classes_)
    # two classes: sklearn keeps one row, the weights of the second class against the first
    coef = classifier.coef_
    names = vectorizer.get_feature_names_out()
    weights: dict[str, tuple[float, ...]] = {}
    for j, name in enumerate(names):
        row = tuple(round(float(coef[k][j]), 2) for k in range(coef.shape[0]))
        if any(abs(w) >= prune for w in row):
            weights[str(name)] = row
    bias = weights.get("bias", (0.0,) * coef.shape[0])
    weights["bias"] = tuple(
        round(b + float(classifier.intercept_[k]), 3) for k, b in enumerate(bias)
    )
    return LinearModel(classes=classes, weights=weights)


def corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """The options naming what a trainer reads: --data, --split, --cache and --limit."""
    parser.add_argument("--data", type=Path, required=True, help="the attribution-polnear folder")
    parser.add_argument("--split", default="train")
    parser.add_argument("--cache", type=Path, help="DocBin file to reuse parses across runs")
    parser.add_argument("--limit", type=int, help="first N articles only")


def read_corpus(args: argparse.Namespace) -> list[GoldDocument]:
    """The annotation files `corpus_arguments` name (the first --limit articles' only)."""
    golds = list(read_polnear(args.data, args.split))
    if args.limit:
        keep = set(list(dict.fromkeys(g.article for g in golds))[: args.limit])
        golds = [g for g in golds if g.article in keep]
    return golds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus_arguments(parser)
    parser.add_argument("--min-count", type=int, default=5, help="drop rarer features")
    parser.add_argument("--alpha", type=float, default=1e-6, help="L2 regularization")
    parser.add_argument("--prune", type=float, default=0.1, help="drop smaller weights")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "extract" / "data" / MODEL_FILE,
    )
    args = parser.parse_args(argv)
    golds = read_corpus(args)
    docs = parsed_articles(golds, args.cache)
    cue_examples: list[Example] = []
    role_examples: list[Example] = []
    for kind, example in training_examples(golds, docs):
        (cue_examples if kind == "cue" else role_examples).append(example)
    print(
        f"{len(golds)} annotation files; {len(cue_examples)} cue and "
        f"{len(role_examples)} role examples",
        flush=True,
    )
    cue_model = fit(cue_examples, min_count=args.min_count, alpha=args.alpha, prune=args.prune)
    role_model = fit(role_examples, min_count=args.min_count, alpha=args.alpha, prune=args.prune)
    payload = {
        "trained_on": f"PolNeAR {args.split} ({len(docs)} articles, {len(golds)} annotation files)",
        "cue": cue_model.to_json(),
        "role": role_model.to_json(),
    }
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True) + "\n"
    # mtime=0: the same weights give the same bytes
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(
        f"wrote {args.out} ({args.out.stat().st_size} bytes; {len(cue_model.weights)} cue, "
        f"{len(role_model.weights)} role features)"
    )


if __name__ == "__main__":
    main()
