"""Training the attribution tagger on PolNeAR's train split; writes the package's JSON weights.

    python -m claimledger.extract.train_attribution --data PATH/attribution-polnear

Needs scikit-learn (a development dependency); extraction itself only reads the JSON.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin, Token

from claimledger.eval.polnear import Fragments, GoldDocument, read_polnear
from claimledger.extract.attribution_features import cue_features, role_features, role_window
from claimledger.extract.attribution_model import MODEL_FILE, LinearModel
from claimledger.extract.quotes import quoted_tokens
from claimledger.nlp import load_nlp

Example = tuple[list[str], str]


def tokens_covering(doc: Doc, fragments: Fragments) -> list[Token]:
    """The tokens that overlap any of the character fragments."""
    return [
        t for t in doc if any(t.idx < end and t.idx + len(t.text) > start for start, end in fragments)
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
        for article, doc in zip(missing, nlp.pipe(texts[a] for a in missing), strict=True):
            doc.user_data["article"] = article
            docs[article] = doc
        if cache is not None:
            DocBin(docs=list(docs.values()), store_user_data=True).to_disk(cache)
    return {a: docs[a] for a in articles}


def training_examples(
    golds: Sequence[GoldDocument], docs: dict[str, Doc]
) -> Iterator[tuple[str, Example]]:
    """("cue" | "role", (features, label)) for every token of every annotation file."""
    quoted_by_article: dict[str, list[bool]] = {}
    for gold in golds:
        doc = docs[gold.article]
        quoted = quoted_by_article.setdefault(gold.article, quoted_tokens(doc))
        cue_sets = [tokens_covering(doc, a.cue) for a in gold.attributions]
        cue_indices = {t.i for tokens in cue_sets for t in tokens}
        for token in doc:
            if token.is_space:
                continue
            label = "cue" if token.i in cue_indices else "none"
            yield "cue", (cue_features(token, quoted[token.i]), label)
        for attribution, cue_tokens in zip(gold.attributions, cue_sets, strict=True):
            if not cue_tokens:
                continue
            source = {t.i for t in tokens_covering(doc, attribution.source)}
            content = {t.i for t in tokens_covering(doc, attribution.content)}
            window = role_window(doc, cue_tokens)
            own = {t.i for t in cue_tokens}
            other_cue = any(i in cue_indices and i not in own for i in range(*window))
            for i in range(*window):
                token = doc[i]
                if token.is_space or i in own:
                    continue
                label = "source" if i in source else "content" if i in content else "none"
                yield "role", (role_features(token, cue_tokens, quoted, other_cue), label)


def fit(examples: list[Example], *, min_count: int, c: float) -> LinearModel:
    """A logistic regression over features seen at least `min_count` times, pruned to JSON."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for features, _ in examples for f in set(features))
    kept = {f for f, n in counts.items() if n >= min_count}
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1.0 for f in fs if f in kept} for fs, _ in examples])
    y = [label for _, label in examples]
    classifier = LogisticRegression(C=c, max_iter=300)
    classifier.fit(x, y)
    classes = tuple(str(label) for label in classifier.classes_)
    coef = classifier.coef_
    if len(classes) == 2:  # sklearn keeps one row for two classes: split it symmetrically
        coef = [-coef[0] / 2, coef[0] / 2]
    names = vectorizer.get_feature_names_out()
    weights: dict[str, tuple[float, ...]] = {}
    for j, name in enumerate(names):
        row = tuple(round(float(coef[k][j]), 3) for k in range(len(classes)))
        if any(abs(w) >= 0.01 for w in row):
            weights[str(name)] = row
    intercept = classifier.intercept_
    if len(classes) == 2:
        intercept = [-intercept[0] / 2, intercept[0] / 2]
    bias = weights.get("bias", (0.0,) * len(classes))
    weights["bias"] = tuple(
        round(b + float(intercept[k]), 3) for k, b in enumerate(bias)
    )
    return LinearModel(classes=classes, weights=weights)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the attribution-polnear folder")
    parser.add_argument("--split", default="train")
    parser.add_argument("--cache", type=Path, help="DocBin file to reuse parses across runs")
    parser.add_argument("--limit", type=int, help="first N articles only")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "data" / MODEL_FILE
    )
    args = parser.parse_args(argv)
    golds = list(read_polnear(args.data, args.split))
    if args.limit:
        keep = set(list(dict.fromkeys(g.article for g in golds))[: args.limit])
        golds = [g for g in golds if g.article in keep]
    docs = parsed_articles(golds, args.cache)
    cue_examples: list[Example] = []
    role_examples: list[Example] = []
    for kind, example in training_examples(golds, docs):
        (cue_examples if kind == "cue" else role_examples).append(example)
    print(f"{len(golds)} annotation files; {len(cue_examples)} cue and "
          f"{len(role_examples)} role examples", flush=True)
    cue_model = fit(cue_examples, min_count=3, c=0.5)
    role_model = fit(role_examples, min_count=3, c=0.5)
    payload = {
        "trained_on": f"PolNeAR {args.split} ({len(docs)} articles, {len(golds)} annotation files)",
        "cue": cue_model.to_json(),
        "role": role_model.to_json(),
    }
    args.out.write_text(json.dumps(payload, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes; {len(cue_model.weights)} cue, "
          f"{len(role_model.weights)} role features)")


if __name__ == "__main__":
    main()
