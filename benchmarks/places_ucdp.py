"""Place matching against UCDP GED coders: country and admin-1 from the place as they wrote it.

Each event's text is its `where_description` followed by its headline (when there is one); the
prediction is the country and admin-1 of the resolved place mentions (the most frequent, first
mention first). Scored against the event's gold `country` and `adm_1` after normalisation.

    .venv/bin/python benchmarks/places_ucdp.py [--data FILE] [--limit N] [--misses K]
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from pathlib import Path

from claimledger.extract.gazetteer import load_gazetteer, normalise_place_name
from claimledger.extract.places import find_places, resolve_places
from claimledger.nlp import load_nlp, spacy_pipes

DEFAULT_DATA = (
    Path(
        os.environ.get("CLAIMLEDGER_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
    )
    / "data"
    / "events-ucdp-sample"
    / "events.jsonl"
)
REGION_WORDS = re.compile(
    r"\s+(province|state|region|governorate|district|oblast|county|department|prefecture|"
    r"division|municipality|territory|muhafazah|wilayah|krai|republic)$"
)


def admin1_key(name: str) -> str:
    return normalise_place_name(REGION_WORDS.sub("", name.strip().lower()))


def same_region(gold: str, predicted: str) -> bool:
    """UCDP and GeoNames spell regions differently ("Hilmand", "Helmand"): same gazetteer entry."""
    stripped = REGION_WORDS.sub("", gold.strip())
    return any(
        c.feature == "admin1" and c.admin1 == predicted for c in load_gazetteer().lookup(stripped)
    )


def gold_country_code(name: str) -> str | None:
    # UCDP writes former names in brackets: "Russia (Soviet Union)", "DR Congo (Zaire)".
    country = load_gazetteer().country(re.sub(r"\s*\(.*\)", "", name))
    return country.country_code if country else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--misses", type=int, default=0, help="print this many admin-1 misses")
    args = parser.parse_args()
    with args.data.open(encoding="utf-8") as lines:
        events = [json.loads(line) for line in lines if line.strip()]
    if args.limit:
        events = events[: args.limit]
    nlp = load_nlp()
    counts: Counter[str] = Counter()
    misses: list[str] = []
    for event in events:
        text = event["where_description"] or ""
        if event.get("source_headline"):
            text = f"{text}. {event['source_headline']}"
        with nlp.select_pipes(enable=spacy_pipes(nlp)):
            doc = nlp(text)
        mentions = resolve_places(find_places(doc))
        resolved = [m.resolved for m in mentions if m.resolved is not None]
        counts["events"] += 1
        counts["mentions"] += len(mentions)
        counts["resolved mentions"] += len(resolved)
        counts["ambiguous mentions"] += sum(
            1 for m in mentions if m.resolved is None and len(m.candidates) > 1
        )
        gold_cc = gold_country_code(event["country"])
        if gold_cc:
            counts["country gold"] += 1
            if resolved:
                predicted_cc = Counter(r.country_code for r in resolved).most_common(1)[0][0]
                counts["country predicted"] += 1
                counts["country correct"] += predicted_cc == gold_cc
        if event.get("adm_1"):
            counts["admin1 gold"] += 1
            admin1s = [r.admin1 for r in resolved if r.admin1]
            if admin1s:
                predicted_admin1 = Counter(admin1s).most_common(1)[0][0]
                counts["admin1 predicted"] += 1
                hit = admin1_key(predicted_admin1) == admin1_key(event["adm_1"])
                counts["admin1 correct"] += hit
                counts["admin1 same-place"] += hit or same_region(event["adm_1"], predicted_admin1)
                if not hit and len(misses) < args.misses:
                    misses.append(f"{event['adm_1']!r} <- {predicted_admin1!r} | {text[:90]!r}")
    print(
        f"events: {counts['events']}; place mentions: {counts['mentions']}, "
        f"resolved {counts['resolved mentions']}, ambiguous {counts['ambiguous mentions']}"
    )
    for field in ("country", "admin1"):
        gold, predicted, correct = (
            counts[f"{field} {k}"] for k in ("gold", "predicted", "correct")
        )
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold if gold else 0.0
        print(
            f"{field}: gold {gold}, predicted {predicted}, correct {correct}; "
            f"precision {precision:.3f}, recall {recall:.3f}"
        )
    same = counts["admin1 same-place"]
    print(
        f"admin1, counting spellings the gazetteer knows as one region: correct {same}; "
        f"precision {same / max(counts['admin1 predicted'], 1):.3f}, "
        f"recall {same / max(counts['admin1 gold'], 1):.3f}"
    )
    for line in misses:
        print("  miss:", line)


if __name__ == "__main__":
    main()
