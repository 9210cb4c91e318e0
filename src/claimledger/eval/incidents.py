"""`claimledger eval incidents`: the ledger's numbers on real reporting grouped by incident.

The data folder is shaped like events-gva: `articles.jsonl` (one article a line, `incident` the
id of the incident it reports) and `incidents.jsonl` (each incident's coded date, state, city or
county, killed and injured). The whole pipeline runs over the chosen incidents' articles as one
corpus, linking included, into a store, exactly as `claimledger run` would; then per incident:

- its cluster is the event cluster holding most of its articles (an article belongs to the
  cluster of its main event: the event with the most figures, the first on ties); on ties, the
  cluster whose ledger lists more figures of the killed and injured;
- killed and injured are that cluster's ledger best (no entry counts as 0), scored by exact
  match over all incidents and over those whose coded count is above 0, and by mean absolute
  error; each article's own tally (its main event's figures alone) is scored the same way;
- linking is scored over articles: pairwise precision and recall of "same cluster" against
  "same incident", and B-cubed, beside leaving every article alone;
- the event: found (some article of the incident has one), its date (the cluster's date as its
  exports give it: days the texts give first, then the most common, then the one a lede tells)
  against the coded date,
  its place naming the coded city or county, its admin-1 against the coded state.

A plain regular-expression baseline runs in the same report: the largest number (or "a"/"an")
before a killing or wounding word in each article, the incident's count the maximum over its
articles. Every report therefore shows the margin over the simplest thing that could work.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from claimledger.exports.clusters import first_report, likeliest_date
from claimledger.model import Analysis, Event, LedgerEntry

CountMeasure = str  # "killed" or "injured"
MEASURES: tuple[CountMeasure, ...] = ("killed", "injured")


class Incident(msgspec.Struct, frozen=True, kw_only=True):
    incident: str
    date: str | None = None
    state: str | None = None
    city_or_county: str | None = None
    address: str | None = None
    killed: int = 0
    injured: int = 0


class Article(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    incident: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    text: str = ""


def read_incidents(data_dir: Path) -> tuple[dict[str, Incident], list[Article]]:
    incidents: dict[str, Incident] = {}
    with (data_dir / "incidents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                incident = msgspec.json.decode(line, type=Incident)
                incidents[incident.incident] = incident
    articles: list[Article] = []
    with (data_dir / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                articles.append(msgspec.json.decode(line, type=Article))
    return incidents, [a for a in articles if a.incident in incidents]


def choose_incidents(incidents: Iterable[str], limit: int | None, seed: int) -> list[str]:
    """All incidents, or a random `limit` of them (the same for the same seed), in id order."""
    ids = sorted(incidents)
    if limit is not None and limit < len(ids):
        ids = sorted(random.Random(seed).sample(ids, limit))
    return ids


# --- the regular-expression baseline -------------------------------------------------------------

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_BASELINE_WORDS = {
    "killed": r"killed|dead|died",
    "injured": r"injured|wounded|hurt",
}
_BASELINE = {
    measure: re.compile(
        r"\b(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\b(?:\W+\w+){0,3}?\W+(?:" + words + r")\b",
        re.IGNORECASE,
    )
    for measure, words in _BASELINE_WORDS.items()
}


def baseline_count(text: str, measure: CountMeasure) -> int:
    """The largest number (or "a"/"an" as one) within a few words before a measure word."""
    found = 0
    for match in _BASELINE[measure].finditer(text):
        word = match.group(1).lower()
        value = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        found = max(found, value)
    return found


# --- reading the store back ----------------------------------------------------------------------


def main_event(analysis: Analysis) -> Event | None:
    """The event an article is mostly about: the one with the most figures, the first on ties."""
    if not analysis.events:
        return None
    return max(analysis.events, key=lambda e: (len(e.figure_ids), -analysis.events.index(e)))


@dataclass
class StoredCorpus:
    """What the scoring needs from the store: each article's analysis (None: an error), the
    cluster of each event and the ledger by cluster and measure."""

    analyses: dict[str, Analysis | None]  # article id -> analysis
    cluster_of: dict[str, str]  # event id -> cluster id
    ledger: dict[tuple[str, str], LedgerEntry]  # (cluster id, measure) -> entry
    own_ledger: dict[tuple[str, str], LedgerEntry] = field(default_factory=dict)


def _article_tally(analysis: Analysis, measure: CountMeasure) -> int:
    """An article's own count: its main event's ledger best, the article alone."""
    from claimledger.ledger import build_ledger

    event = main_event(analysis)
    if event is None:
        return 0
    entries = build_ledger(
        [event], {f.id: f for f in analysis.figures}, {analysis.document.id: analysis.document}, []
    )
    for entry in entries:
        if entry.measure == measure and entry.best is not None:
            return round(entry.best)
    return 0


def article_lines(articles: Sequence[Article]) -> dict[int, str]:
    """Each article's line (from 1) in the corpus file an evaluation writes them to, in order:
    its store's documents are read from those lines."""
    return {number: article.id for number, article in enumerate(articles, start=1)}


def read_corpus(db: Path, article_of_line: Mapping[int, str]) -> StoredCorpus:
    """Each article's analysis, matched by the line of the corpus file it was read from."""
    from claimledger.ledger import cluster_events
    from claimledger.store import open_store

    analyses: dict[str, Analysis | None] = dict.fromkeys(article_of_line.values())
    with open_store(db) as store:
        events: list[Event] = []
        for analysis in store.analyses():
            line = int(analysis.document.input.rsplit(":", 1)[-1])
            analyses[article_of_line[line]] = analysis
            events.extend(analysis.events)
        cluster_of = cluster_events(events, store.links())
        ledger: dict[tuple[str, str], LedgerEntry] = {
            (e.cluster_id, e.measure): e for e in store.ledger(rule="ucdp.v1")
        }
    return StoredCorpus(analyses=analyses, cluster_of=cluster_of, ledger=ledger)


# --- scoring -------------------------------------------------------------------------------------


@dataclass
class CountScore:
    """Exact matches and absolute errors of one system's count of one measure."""

    exact: int = 0
    total: int = 0
    exact_positive: int = 0
    positive: int = 0
    absolute_error: float = 0.0

    def add(self, predicted: int, gold: int) -> None:
        hit = predicted == gold
        self.exact += hit
        self.total += 1
        self.absolute_error += abs(predicted - gold)
        if gold > 0:
            self.exact_positive += hit
            self.positive += 1

    def rate(self) -> float:
        return self.exact / self.total if self.total else 0.0

    def positive_rate(self) -> float:
        return self.exact_positive / self.positive if self.positive else 0.0

    def mae(self) -> float:
        return self.absolute_error / self.total if self.total else 0.0


@dataclass
class IncidentResult:
    """One incident: what the ledger and the baseline say, beside the coded facts."""

    incident: Incident
    articles: list[str]
    cluster: str | None
    counts: dict[str, int]
    baseline: dict[str, int]
    article_counts: dict[str, dict[str, int]]  # article id -> measure -> own tally
    date: str | None
    places: list[str]
    admin1: list[str]
    event_found: bool
    cluster_incidents: int  # how many incidents' articles the chosen cluster holds


@dataclass
class LinkScore:
    pairwise_precision: float
    pairwise_recall: float
    pairs_gold: int
    pairs_predicted: int
    pairs_right: int
    bcubed_precision: float
    bcubed_recall: float
    singletons_bcubed_f1: float
    # The same scores over the articles that have an event (the others can link to nothing):
    # what the linker does with what extraction gives it.
    with_event: LinkScore | None = None

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)


@dataclass
class IncidentsReport:
    incidents: int
    articles: int
    errors: int
    seconds: float
    counts: dict[str, CountScore]
    baseline: dict[str, CountScore]
    article_counts: dict[str, CountScore]
    links: LinkScore
    event_found: int
    date_right: int
    city_right: int
    state_right: int
    results: list[IncidentResult]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering of items against the gold one."""
    by_predicted: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted.items():
        by_predicted[cluster].add(item)
    for item, cluster in gold.items():
        by_gold[cluster].add(item)
    precision = recall = 0.0
    for item in gold:
        mine = by_predicted[predicted[item]]
        theirs = by_gold[gold[item]]
        both = len(mine & theirs)
        precision += both / len(mine)
        recall += both / len(theirs)
    return precision / len(gold), recall / len(gold)


def score_links(predicted: Mapping[str, str], gold: Mapping[str, str]) -> LinkScore:
    """Pairwise and B-cubed scores of article clusters against incidents."""
    def pairs(clusters: Mapping[str, str]) -> set[tuple[str, str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for item, cluster in clusters.items():
            members[cluster].append(item)
        return {
            (a, b) for group in members.values() for i, a in enumerate(sorted(group))
            for b in sorted(group)[i + 1 :]
        }

    gold_pairs, predicted_pairs = pairs(gold), pairs(predicted)
    right = len(gold_pairs & predicted_pairs)
    precision, recall = bcubed(predicted, gold)
    alone = {item: item for item in gold}
    single_p, single_r = bcubed(alone, gold)
    return LinkScore(
        pairwise_precision=right / len(predicted_pairs) if predicted_pairs else 1.0,
        pairwise_recall=right / len(gold_pairs) if gold_pairs else 1.0,
        pairs_gold=len(gold_pairs),
        pairs_predicted=len(predicted_pairs),
        pairs_right=right,
        bcubed_precision=precision,
        bcubed_recall=recall,
        singletons_bcubed_f1=_f1(single_p, single_r),
    )


ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def _norm(name: str | None) -> str:
    """A place name compared without case, punctuation or abbreviations ("St. Louis")."""
    words = re.sub(r"[^a-z0-9]+", " ", (name or "").lower()).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


# New York City's boroughs are each a county: "East Flatbush" lies in Kings County, which is
# Brooklyn. (Manhattan's county, New York County, would read as the state's name.)
BOROUGH_COUNTIES = {"brooklyn": "kings", "the bronx": "bronx", "staten island": "richmond"}


def names_city(places: Sequence[str], city_or_county: str | None) -> bool:
    """Whether a place name of the event names the coded city or county: "Elgin", "Los
    Angeles" or "Van Nuys" for "Los Angeles (Van Nuys)", "Cook County" for "Cook (county)",
    "St. Louis" for "Saint Louis", "Kings County" for "Brooklyn" (`BOROUGH_COUNTIES`)."""
    coded = city_or_county or ""
    inner = re.findall(r"\((.*?)\)", coded)
    wanted = {_norm(re.sub(r"\(.*?\)", "", coded)).removesuffix(" county").strip()}
    wanted |= {_norm(part) for part in inner if _norm(part) != "county"}
    wanted |= {county for name in wanted if (county := BOROUGH_COUNTIES.get(name))}
    wanted.discard("")
    return any(
        _norm(place) in wanted or _norm(place).removesuffix(" county") in wanted
        for place in places
    )


def score_corpus(
    incidents: Mapping[str, Incident],
    articles: Sequence[Article],
    corpus: StoredCorpus,
) -> tuple[list[IncidentResult], LinkScore]:
    by_incident: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_incident[article.incident].append(article)
    article_cluster: dict[str, str] = {}
    cluster_articles: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        analysis = corpus.analyses.get(article.id)
        event = main_event(analysis) if analysis is not None else None
        cluster = corpus.cluster_of.get(event.id) if event is not None else None
        article_cluster[article.id] = cluster or f"article:{article.id}"
        if cluster is not None:
            cluster_articles[cluster].add(article.id)
    incident_of = {a.id: a.incident for a in articles}
    results = []
    for incident_id, members in sorted(by_incident.items()):
        incident = incidents[incident_id]
        clusters = Counter(
            c for a in members if not (c := article_cluster[a.id]).startswith("article:")
        )
        cluster = _incident_cluster(clusters, corpus)
        counts = {m: 0 for m in MEASURES}
        date: str | None = None
        places: list[str] = []
        admin1: list[str] = []
        if cluster is not None:
            for measure in MEASURES:
                entry = corpus.ledger.get((cluster, measure))
                if entry is not None and entry.best is not None:
                    counts[measure] = round(entry.best)
            events = [
                e
                for a in members
                if (analysis := corpus.analyses.get(a.id)) is not None
                for e in analysis.events
                if corpus.cluster_of.get(e.id) == cluster
            ]
            pages = {e.document_id for e in events}
            date = incident_date(events, first_report(
                analysis.document.published for a in members
                if (analysis := corpus.analyses.get(a.id)) is not None
                and analysis.document.id in pages))
            for event in events:
                if event.place is None:
                    continue
                places.append(event.place.name)
                resolved = event.place.resolved
                if resolved is not None:
                    places.append(resolved.name)
                    if resolved.admin2:
                        places.append(resolved.admin2)
                    if resolved.admin1:
                        admin1.append(resolved.admin1)
                    if resolved.feature == "admin1":
                        admin1.append(resolved.name)
        article_counts: dict[str, dict[str, int]] = {}
        for article in members:
            analysis = corpus.analyses.get(article.id)
            if analysis is not None:
                article_counts[article.id] = {
                    m: _article_tally(analysis, m) for m in MEASURES
                }
        found = any(
            (analysis := corpus.analyses.get(a.id)) is not None and analysis.events
            for a in members
        )
        held = {incident_of[a] for a in cluster_articles.get(cluster or "", set())}
        results.append(
            IncidentResult(
                incident=incident,
                articles=[a.id for a in members],
                cluster=cluster,
                counts=counts,
                baseline={
                    m: max((baseline_count(a.text, m) for a in members), default=0)
                    for m in MEASURES
                },
                article_counts=article_counts,
                date=date,
                places=places,
                admin1=admin1,
                event_found=found,
                cluster_incidents=len(held),
            )
        )
    links = score_links(article_cluster, incident_of)
    evented = [a for a, c in article_cluster.items() if not c.startswith("article:")]
    links.with_event = score_links(
        {a: article_cluster[a] for a in evented}, {a: incident_of[a] for a in evented}
    )
    return results, links


def incident_date(events: Sequence[Event], reported: dt.date | None = None) -> str | None:
    """The cluster's date as its exports give it (exports/clusters.py `likeliest_date`, the
    ACLED export's event_date): none after the day the first of its pages appeared
    (`reported`) where there are others; the most precise kind any event gives (a day, then a
    week, then a month), dates the texts give before publication days standing in; among those
    the most common, then the one more pages write in their lede, then the one more pages that
    give no day of their own appeared on, then the earliest."""
    chosen = likeliest_date(events, reported)
    return chosen.value if chosen is not None else None


def _incident_cluster(clusters: Counter[str], corpus: StoredCorpus) -> str | None:
    """The cluster holding most of the incident's articles (`clusters`: cluster -> articles);
    on ties, the one whose ledger lists more figures of the killed and injured (the one that
    tells the counts), then the smallest id."""

    def told(cluster: str) -> int:
        return sum(len(entry.rows) for measure in MEASURES
                   if (entry := corpus.ledger.get((cluster, measure))) is not None)

    return min(clusters, key=lambda c: (-clusters[c], -told(c), c)) if clusters else None


# --- running -------------------------------------------------------------------------------

Progress = Callable[[int, int], None]


def evaluate_incidents(
    data_dir: Path,
    *,
    limit: int | None = None,
    seed: int = 0,
    workers: int = 1,
    db: Path | None = None,
    reuse: bool = False,
    progress: Progress | None = None,
) -> IncidentsReport:
    """Run the pipeline over the chosen incidents' articles as one corpus and score it. With
    `reuse`, the store at `db` (made by an earlier evaluation with the same data, limit and
    seed) is relinked and scored without analysing anything again."""
    incidents, all_articles = read_incidents(data_dir)
    chosen = set(choose_incidents(incidents, limit, seed))
    articles = [a for a in all_articles if a.incident in chosen]
    started = time.perf_counter()
    if reuse:
        if db is None or not db.exists():
            raise FileNotFoundError(f"--reuse needs the store of an earlier run: {db}")
        errors = relink_store(db)
        corpus = read_corpus(db, article_lines(articles))
    else:
        corpus, errors = _run_pipeline(articles, workers=workers, db=db, progress=progress)
    seconds = time.perf_counter() - started
    return _score(incidents, chosen, articles, corpus, errors=errors, seconds=seconds)


def relink_store(db: Path) -> int:
    """Link the stored events and rebuild clusters and ledgers again, as `run` ends; how many
    read or analysis errors the store holds."""
    from claimledger.runner import RunOptions, relink
    from claimledger.store import open_store

    with open_store(db) as store:
        relink(store, RunOptions())
        return len(store.errors())


def _run_pipeline(
    articles: Sequence[Article], *, workers: int, db: Path | None, progress: Progress | None
) -> tuple[StoredCorpus, int]:
    from claimledger.read.options import ReadOptions
    from claimledger.runner import RunOptions, RunSummary, run

    with tempfile.TemporaryDirectory(prefix="claimledger-incidents-") as tmp:
        corpus_file = Path(tmp) / "articles.jsonl"
        with corpus_file.open("w", encoding="utf-8") as out:
            for article in articles:
                record = {"title": article.title, "published": article.published,
                          "url": article.url, "text": article.text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        store = db or Path(tmp) / "incidents.db"
        if store.exists():
            store.unlink()

        def report(summary: RunSummary) -> None:
            if progress is not None:
                progress(summary.analysed + summary.skipped + summary.errors, len(articles))

        summary = run(
            [corpus_file], store, options=RunOptions(read=ReadOptions(), workers=workers),
            progress=report,
        )
        corpus = read_corpus(store, article_lines(articles))
    return corpus, summary.errors


def _score(
    incidents: Mapping[str, Incident],
    chosen: set[str],
    articles: Sequence[Article],
    corpus: StoredCorpus,
    *,
    errors: int,
    seconds: float,
) -> IncidentsReport:
    results, links = score_corpus({i: incidents[i] for i in chosen}, articles, corpus)
    counts = {m: CountScore() for m in MEASURES}
    baseline = {m: CountScore() for m in MEASURES}
    article_counts = {m: CountScore() for m in MEASURES}
    for result in results:
        for measure in MEASURES:
            gold = getattr(result.incident, measure)
            counts[measure].add(result.counts[measure], gold)
            baseline[measure].add(result.baseline[measure], gold)
            for tally in result.article_counts.values():
                article_counts[measure].add(tally[measure], gold)
    return IncidentsReport(
        incidents=len(results),
        articles=len(articles),
        errors=errors,
        seconds=seconds,
        counts=counts,
        baseline=baseline,
        article_counts=article_counts,
        links=links,
        event_found=sum(r.event_found for r in results),
        date_right=sum(r.date is not None and r.date == r.incident.date for r in results),
        city_right=sum(names_city(r.places, r.incident.city_or_county) for r in results),
        state_right=sum(
            any(_norm(a) == _norm(r.incident.state) for a in r.admin1) for r in results
        ),
        results=results,
    )


# --- the report ----------------------------------------------------------------------------


def error_kind(result: IncidentResult, measure: CountMeasure) -> str | None:
    """What kind of miss an incident's count is, from what the run shows (None: right)."""
    gold = getattr(result.incident, measure)
    predicted = result.counts[measure]
    if predicted == gold:
        return None
    if result.cluster is None:
        return "no event"
    if result.cluster_incidents > 1:
        return "cluster mixes incidents"
    tallies = [t[measure] for t in result.article_counts.values()]
    if gold in tallies:
        return "an article is right, the ledger is not"
    if predicted == 0:
        return "missed: no count"
    if predicted < gold:
        return "under-counted"
    return "over-counted"


def _with_event_rows(links: LinkScore) -> list[str]:
    """The linking rows over the articles that have an event."""
    scored = links.with_event
    if scored is None:
        return []
    return [
        f"| pairwise, articles with an event ({scored.pairs_right} right of "
        f"{scored.pairs_predicted} linked, {scored.pairs_gold} gold) | "
        f"{scored.pairwise_precision:.3f} | {scored.pairwise_recall:.3f} | "
        f"{_f1(scored.pairwise_precision, scored.pairwise_recall):.3f} |",
        f"| B-cubed, articles with an event | {scored.bcubed_precision:.3f} | "
        f"{scored.bcubed_recall:.3f} | {scored.bcubed_f1:.3f} |",
        f"| B-cubed, articles with an event, each alone | | | "
        f"{scored.singletons_bcubed_f1:.3f} |",
    ]


def format_incidents_report(report: IncidentsReport, *, sample: int = 12) -> str:
    def pct(part: int, whole: int) -> str:
        return f"{part / whole:.3f}" if whole else "-"

    lines = [
        f"{report.incidents} incidents, {report.articles} articles ({report.errors} read or "
        f"analysis errors), pipeline and scoring in {report.seconds:.1f} s",
        "",
        "| count | system | exact (all) | exact (gold > 0) | MAE |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for measure in MEASURES:
        for name, score in (
            ("claimledger ledger", report.counts[measure]),
            ("regex baseline", report.baseline[measure]),
            ("claimledger, each article alone", report.article_counts[measure]),
        ):
            lines.append(
                f"| {measure} | {name} | {score.rate():.3f} ({score.exact}/{score.total}) | "
                f"{score.positive_rate():.3f} ({score.exact_positive}/{score.positive}) | "
                f"{score.mae():.2f} |"
            )
    links = report.links
    lines += [
        "",
        "| linking (articles) | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: |",
        f"| pairwise ({links.pairs_right} right of {links.pairs_predicted} linked, "
        f"{links.pairs_gold} gold) | {links.pairwise_precision:.3f} | "
        f"{links.pairwise_recall:.3f} | "
        f"{_f1(links.pairwise_precision, links.pairwise_recall):.3f} |",
        f"| B-cubed | {links.bcubed_precision:.3f} | {links.bcubed_recall:.3f} | "
        f"{links.bcubed_f1:.3f} |",
        f"| B-cubed, every article alone | | | {links.singletons_bcubed_f1:.3f} |",
        *_with_event_rows(links),
        "",
        "| event | right | share |",
        "| --- | ---: | ---: |",
        f"| found | {report.event_found} | {pct(report.event_found, report.incidents)} |",
        f"| date = coded date | {report.date_right} | {pct(report.date_right, report.incidents)} |",
        f"| place names the city or county | {report.city_right} | "
        f"{pct(report.city_right, report.incidents)} |",
        f"| admin-1 = state | {report.state_right} | {pct(report.state_right, report.incidents)} |",
    ]
    kinds: Counter[tuple[str, str]] = Counter()
    for result in report.results:
        for measure in MEASURES:
            kind = error_kind(result, measure)
            if kind is not None:
                kinds[(measure, kind)] += 1
    lines += ["", "| miss | killed | injured |", "| --- | ---: | ---: |"]
    for kind in sorted({k for _, k in kinds}, key=lambda k: -kinds[("killed", k)]):
        lines.append(f"| {kind} | {kinds[('killed', kind)]} | {kinds[('injured', kind)]} |")
    wrong = [r for r in report.results if any(error_kind(r, m) for m in MEASURES)]
    if wrong and sample:
        lines += ["", f"A sample of {min(sample, len(wrong))} misses (incident: ledger vs coded):"]
        for result in random.Random(1).sample(wrong, min(sample, len(wrong))):
            gold = result.incident
            lines.append(
                f"- {gold.incident}: killed {result.counts['killed']} vs {gold.killed}, injured "
                f"{result.counts['injured']} vs {gold.injured}; "
                f"{'; '.join(k for m in MEASURES if (k := error_kind(result, m)))}"
            )
    return "\n".join(lines)


def write_details(report: IncidentsReport, path: Path) -> None:
    """One JSON line per incident: the ledger's and the baseline's counts beside the coded ones,
    each article's own tally, the cluster, date and places (for reading the misses)."""
    with path.open("w", encoding="utf-8") as out:
        for result in report.results:
            record = {
                "incident": result.incident.incident,
                "gold": {"killed": result.incident.killed, "injured": result.incident.injured,
                         "date": result.incident.date, "city": result.incident.city_or_county,
                         "state": result.incident.state},
                "ledger": result.counts,
                "baseline": result.baseline,
                "articles": result.article_counts,
                "cluster": result.cluster,
                "cluster_incidents": result.cluster_incidents,
                "date": result.date,
                "places": sorted(set(result.places)),
                "admin1": sorted(set(result.admin1)),
                "errors": {m: error_kind(result, m) for m in MEASURES},
            }
            out.write(json.dumps(record) + "\n")
