"""How long the viewer's pages take to render as the store grows (synthetic pages, in process
through Datasette's client, no network).

    python benchmarks/viewer_pages.py [--documents 200 2000] [--repeats 5]

Each synthetic page reports one event with two attributed figures; events are linked in pairs,
so every cluster has two reports from two outlets.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from itertools import pairwise
from pathlib import Path

from claimledger.derived import write_derived
from claimledger.model import (
    Analysis,
    Attribution,
    Count,
    DateMention,
    Document,
    Event,
    EventLink,
    Figure,
    PlaceCandidate,
    PlaceMention,
    Segment,
    Span,
    content_id,
)
from claimledger.store import open_store
from claimledger.viewer import make_datasette

TEMPLATE = (
    "Clash near Town {i}\n\n"
    "At least {low} fighters were killed near Town {i} on March 9, a monitoring group said. "
    "Officials put the toll at about {best}. " + "Residents described heavy shelling. " * 20
)


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def synthetic_analysis(i: int) -> Analysis:
    low, best = 10 + i % 50, 20 + i % 70
    text = TEMPLATE.format(i=i, low=low, best=best)
    doc_id = content_id(text)
    title_end = text.index("\n\n")
    document = Document(
        id=doc_id, text=text,
        segments=(Segment("title", 0, title_end), Segment("body", title_end + 2, len(text))),
        outlet=f"Outlet {i % 7}", title=text[:title_end], published=f"2024-03-{10 + i % 18}",
    )
    group = Attribution(id=f"{doc_id}-a1", content=span(text, f"At least {low} fighters"),
                        direct=False, cue=span(text, "said"), cue_class="say",
                        source=span(text, "a monitoring group"),
                        source_name="a monitoring group", source_kind="anonymous")
    officials = Attribution(id=f"{doc_id}-a2", content=span(text, f"the toll at about {best}"),
                            direct=False, cue=span(text, "put"), cue_class="estimate",
                            source=span(text, "Officials"), source_name="officials",
                            source_kind="anonymous")
    figures = (
        Figure(id=f"{doc_id}-f1", span=span(text, f"At least {low}"),
               count=Count(low=low, high=None, hedge="at_least"), measure="killed",
               attribution_id=group.id,
               source_name="a monitoring group"),
        Figure(id=f"{doc_id}-f2", span=span(text, f"about {best}"),
               count=Count(low=best, high=best, approximate=True, hedge="about"), measure="killed",
               attribution_id=officials.id, source_name="officials"),
    )
    place = PlaceCandidate(name=f"Town {i}", feature="city", country_code="CD",
                           country="Democratic Republic of the Congo",
                           latitude=-1.7 + (i % 40) / 10, longitude=29.2 + (i % 30) / 10)
    mention = PlaceMention(span=span(text, f"Town {i}"), name=f"Town {i}", resolved=place)
    date = DateMention(span=span(text, "March 9"), value="2024-03-09")
    event = Event(id=f"{doc_id}-e1", document_id=doc_id, trigger=span(text, "killed"),
                  event_type="Battles", date=date, place=mention,
                  figure_ids=tuple(f.id for f in figures),
                  attribution_ids=(group.id, officials.id))
    return Analysis(document=document, attributions=(group, officials), figures=figures,
                    dates=(date,), places=(mention,), events=(event,))


def build_store(path: Path, documents: int) -> tuple[list[Analysis], list[EventLink]]:
    analyses = [synthetic_analysis(i) for i in range(documents)]
    events = [a.events[0] for a in analyses]
    links = [EventLink(a=x.id, b=y.id, score=1.0) for n, (x, y) in enumerate(pairwise(events))
             if n % 2 == 0]
    with open_store(path) as store:
        store.write_analyses(analyses)
        store.write_links(links)
        write_derived(store, events, links)
    return analyses, links


async def time_pages(path: Path, analyses: list[Analysis], repeats: int) -> dict[str, float]:
    datasette = make_datasette(path)
    cluster = min(analyses[0].events[0].id, analyses[1].events[0].id)
    pages = {
        "article": f"/-/claimledger/article/{analyses[0].document.id}",
        "event": f"/-/claimledger/event/{cluster}",
        "map (all events)": "/-/claimledger/map",
        "Datasette events table": f"/{path.stem}/events",
    }
    timings = {}
    for name, url in pages.items():
        await datasette.client.get(url)  # warm-up: templates compiled, connections opened
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = await datasette.client.get(url)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        timings[name] = statistics.median(samples)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print("| pages in store | page | median ms |")
    print("| --- | --- | --- |")
    for documents in args.documents:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "viewer.db"
            analyses, _ = build_store(path, documents)
            timings = asyncio.run(time_pages(path, analyses, args.repeats))
        for name, seconds in timings.items():
            print(f"| {documents} | {name} | {seconds * 1000:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
