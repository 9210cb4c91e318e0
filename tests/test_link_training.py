"""Fitting the link scorer (eval/train_links.py) on a small store built by hand: the split by
incident, the labels, and a fitted model that links what it was fitted to link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.eval.train_links import corpus_precision, fit_half, load, main, pair_labels
from claimledger.model import Analysis, Document, Event, EventLink, Person, Span, content_id
from claimledger.store import open_store

TOWNS = ("Dayton", "Toledo", "Akron", "Flint", "Lansing", "Elgin", "Peoria", "Macon", "Mobile",
         "Tulsa", "Wichita", "Omaha")
SURNAMES = ("Haskins", "Pruitt", "Brumfield", "Okafor", "Lindqvist", "Marchetti", "Oyelaran",
            "Castellanos", "Wojcik", "Abernathy", "Fairweather", "Quintanilla")


def _articles() -> list[dict[str, str]]:
    """Twelve incidents, each reported twice: the shooting, then the victim named."""
    articles = []
    for number, (town, surname) in enumerate(zip(TOWNS, SURNAMES, strict=True), start=1):
        day = f"2016-{number:02d}-10"
        articles += [
            {"id": f"{number}a", "incident": str(number), "published": day,
             "title": f"Man killed in {town} shooting on {surname} Street",
             "text": f"A man was shot and killed Saturday night on {surname} Street in {town}, "
                     f"police said. Officers found him near the {town} bus depot."},
            {"id": f"{number}b", "incident": str(number), "published": day,
             "title": f"{town} police identify Daniel {surname}",
             "text": f"Police identified the man killed on {surname} Street in {town} as Daniel "
                     f"{surname}, 31. The {town} bus depot shooting remains under investigation."},
        ]
    return articles


def _write(folder: Path) -> Path:
    articles = _articles()
    incidents = [{"incident": str(n), "date": f"2016-{n:02d}-09"} for n in range(1, 13)]
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    (folder / "incidents.jsonl").write_text("".join(json.dumps(i) + "\n" for i in incidents))
    db = folder / "store.db"
    with open_store(db) as store:
        for line, article in enumerate(articles, start=1):
            text = article["text"]
            document = Document(id=content_id(text), text=text, title=article["title"],
                                published=article["published"], input=f"articles.jsonl:{line}")
            people: tuple[Person, ...] = ()
            if article["id"].endswith("b"):
                surname = article["title"].split()[-1]
                people = (Person(id=f"p{line}", status="killed", name=f"Daniel {surname}"),)
            event = Event(id=f"e{line}", document_id=document.id, trigger=Span(0, 5, text[:5]),
                          event_type="Violence against civilians",
                          person_ids=tuple(p.id for p in people))
            store.write_analysis(Analysis(document=document, events=(event,), people=people))
    return db


def test_incidents_are_split_in_two_halves_by_a_hash_of_their_id() -> None:
    halves = [fit_half(str(n)) for n in range(1, 101)]
    assert 30 < sum(halves) < 70
    assert halves == [fit_half(str(n)) for n in range(1, 101)]


def test_compared_pairs_are_labelled_by_incident_and_half(tmp_path: Path) -> None:
    db = _write(tmp_path)
    corpus = load(tmp_path, db)
    same, fit = pair_labels(corpus)
    found = corpus.comparison.events.events
    incident = corpus.incident_of_document
    for k in range(len(same)):
        first = incident[found[corpus.comparison.a[k]].document_id]
        second = incident[found[corpus.comparison.b[k]].document_id]
        assert same[k] == (first == second)
        assert fit[k] == (fit_half(first) and fit_half(second))
    assert same.sum() == 12  # every incident's two reports share its town and street


def test_a_fitted_model_links_the_reports_of_each_incident(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _write(tmp_path)
    assert main(["--data", str(tmp_path), "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "fitting on" in printed and "| other half (" in printed
    whole = next(line for line in printed.splitlines() if line.startswith("| whole folder"))
    precision, recall = (float(cell) for cell in whole.split("|")[2:4])
    assert precision == 1.0 and recall >= 0.9


def test_whole_corpus_precision_is_estimated_from_the_fit_half_alone(tmp_path: Path) -> None:
    db = _write(tmp_path)
    corpus = load(tmp_path, db)
    events = {e.document_id: e.id for e in corpus.events}
    reports: dict[str, list[str]] = {}
    for document, incident in sorted(corpus.incident_of_document.items()):
        reports.setdefault(incident, []).append(events[document])
    fit = next(i for i in sorted(reports) if fit_half(i))
    others = [i for i in sorted(reports) if not fit_half(i)]
    first, second = reports[fit]
    right = [EventLink(a=first, b=second, score=1.0)]
    assert corpus_precision(corpus, right) == (1.0, 1)
    # an other-half report joined to the pair: two mixed pairs, counted half, whatever its
    # incident; two other-half reports together change nothing (their labels are never read)
    mixed = [*right, EventLink(a=second, b=reports[others[0]][0], score=1.0)]
    assert corpus_precision(corpus, mixed) == (0.5, 1)
    apart = [*right, EventLink(a=reports[others[1]][0], b=reports[others[2]][0], score=1.0)]
    assert corpus_precision(corpus, apart) == (1.0, 1)
