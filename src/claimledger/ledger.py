"""The ledger: per event cluster and measure, each source's figure side by side, with low / best /
high estimates and whether the sources dispute each other.

Clusters. Events are never merged, only linked; a cluster is a connected component of the links,
named by its smallest event id (stable however the links arrive). An unlinked event is its own
cluster. Links naming an event that is not given are ignored.

Rows. Every figure an event of the cluster lists, with a measure and not negated ("did not kill
100" says nothing about the count), is one row, with the publication date of its page; rows run
by publication date, so the ledger shows how a figure moved over time. An unattributed figure
belongs to the outlet. Figures under a modal cue ("may have killed 50") stay as rows but take
part in estimates and disputes only where no source asserts a figure for that measure. Pages
that reprint one text (a wire story at several outlets) list a row each but count once. A
figure of the killed or injured that counts other incidents (a roundup's or a statistic's:
"45 homicides so far this year"; a number that is someone's age) keeps its row but takes no
part in estimates and disputes (report_count.other_counts).

Populations come before figures (see population.py). Two figures are compared only when one
population is the same as, or a part of, the other: "no population" is the whole count,
"Russian mercenaries" is a part of "mercenaries", "mercenaries, mostly Russians" counts
mercenaries, and "Russians" and "mercenaries" are unrelated (neither contains the other), so
they are never compared.

Disputes. Each figure is an interval: "more than 200" is (200, inf), "200 to 300" is [200, 300],
"five" is [5, 5]; an approximate one ("about 100") is widened by `tolerance` (25%: [80, 125]).
Two figures about the same population dispute each other when their intervals do not meet; a
figure about a part disputes one about the whole only when the part's lower bound exceeds the
whole's upper bound (a part cannot outnumber the whole, but may be any smaller share of it). So
"five Russians" never disputes "about 100", while "more than 200 mercenaries" does. A figure
published on a later day entirely above an earlier one is a toll that rose, not a dispute; a
tally of the people a report names (rule people.v1) is a lower bound, "that many or more".
`disputed` is true when any pair disputes; `disputes` lists those pairs of figure ids.

Estimates describe one population, `population` (None: the whole count): the whole count if any
source gives one, else the broadest population reported, by the most sources. Figures about that
population are its readings; figures about a part of it only raise the ceiling (the whole is at
least as large as its part). Every estimate is a number some source stated; an open-ended figure
("more than 200") reads as its stated bound, a range as its lower end for `best`.
- "ucdp" (default; UCDP GED keeps low/best/high): low is the lowest reading, high the highest
  reading or part-figure, best the reading that the most distinct sources report (ties: the
  lower one), each source read at its latest page (a later report by the same source updates
  its count).
  Counts of people (the killed and the injured) are read as a coder reads reports: each
  report gives one reading of a measure (report_count.py: its tally of the people it names,
  or a larger figure it states for the whole; never a figure about a part; 0 where it counts
  only the wounded, for the dead), so the voices one report quotes count once, and
  best is the reading the most reports give. Ties go to the latest report, since a later
  report knows more (a count was corrected), then to the higher reading; for the dead, ties
  go to the lower reading (a tally naming more dead more often counts someone twice than it
  knows of a death), and a report of nobody dead is out of date once a report of the first
  two days counts a death (a victim died of wounds). The wounded a report counts are fewer by
  the dead a report of the week after adds to its count, where that report counts as many
  fewer wounded (the man shot on Friday died on Saturday: one dead, nobody wounded).
  A tally is a lower bound: one below a number another report states updates nothing, and a
  report of nobody dead is out of date once a report of the first days counts a death. Where
  no report gives a reading of the whole (only parts: "five Russians"), best is read by
  sources as above. low and high as above (lowered to a best of 0).
- "acled" (ACLED's conservative convention): best is the lowest conservative reading of a count
  (`Count.reading`: vague words at ACLED's values, "tens" 10, "dozens" 12, "hundreds" 100,
  "tens of thousands" 10000); low and high as for "ucdp", low lowered to best where a vague
  word reads lower than its interval.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from claimledger.model import (
    APPROXIMATE_TOLERANCE,
    Analysis,
    Document,
    Event,
    EventLink,
    Figure,
    Interval,
    LedgerEntry,
    LedgerRow,
    Measure,
)
from claimledger.population import PopulationKey, Relation, population_key, relate
from claimledger.report_count import (
    PEOPLE_MEASURES,
    Reading,
    other_counts,
    report_key,
    report_readings,
    silent_reports,
)
from claimledger.taxonomy import MEASURE_ORDER, Rule

RULE_NAMES: dict[str, str] = {"ucdp": "ucdp.v1", "acled": "acled.v1"}


class Stated(NamedTuple):
    """The numbers a figure states: its lower end, its reading for `best`, its upper end."""

    low: float
    value: float
    high: float


def cluster_events(events: Iterable[Event], links: Iterable[EventLink]) -> dict[str, str]:
    """Event id -> cluster id: connected components of the links, named by their smallest id."""
    parent = {event.id: event.id for event in events}

    def root(event_id: str) -> str:
        while parent[event_id] != event_id:
            parent[event_id] = parent[parent[event_id]]
            event_id = parent[event_id]
        return event_id

    for link in links:
        if link.a not in parent or link.b not in parent:
            continue
        a, b = root(link.a), root(link.b)
        if a != b:
            # The smaller id stays the root, so a cluster is named by its smallest event id.
            parent[max(a, b)] = min(a, b)
    return {event_id: root(event_id) for event_id in parent}


def _at_most(low: float, low_inclusive: bool, high: float, high_inclusive: bool) -> bool:
    """Whether some count is both above `low` and below `high`."""
    if low < high:
        return True
    return low == high and low_inclusive and high_inclusive


def figures_coexist(a: Interval, b: Interval, relation: Relation) -> bool:
    """Whether figure a and figure b can both hold, given how a's population stands to b's."""
    if relation == "same":
        return _at_most(a.low, a.low_inclusive, b.high, b.high_inclusive) and _at_most(
            b.low, b.low_inclusive, a.high, a.high_inclusive
        )
    if relation == "part":
        return _at_most(a.low, a.low_inclusive, b.high, b.high_inclusive)
    if relation == "whole":
        return _at_most(b.low, b.low_inclusive, a.high, a.high_inclusive)
    return True


def stated_numbers(figure: Figure) -> Stated | None:
    """The numbers a figure states; None when it states none ("many")."""
    stated = figure.count.stated()
    if stated is None:
        return None
    return Stated(stated[0], stated[0], stated[1])


def ledger_row(figure: Figure, document_id: str, document: Document | None) -> LedgerRow:
    """One source's figure with the page it came from."""
    outlet = document.outlet if document else None
    return LedgerRow(
        figure_id=figure.id,
        document_id=document_id,
        source_name=figure.source_name or outlet or "",
        outlet=outlet,
        published=document.published if document else None,
        count=figure.count,
        text=figure.span.text,
        population=figure.population,
        text_id=document.text_id if document else "",
    )


def counted(figure: Figure) -> bool:
    """A tally of the people a text says were harmed (rule people.v1), not a number it states:
    a lower bound, since a report counts only the people it mentions."""
    return figure.rule is not None


def figure_bounds(figure: Figure, tolerance: float = APPROXIMATE_TOLERANCE) -> Interval:
    """The counts a figure allows; a tally allows its count or more."""
    interval = figure.count.widened(tolerance)
    if counted(figure):
        return Interval(interval.low, interval.low_inclusive, math.inf, True)
    return interval


def _rose(earlier: Interval, later: Interval) -> bool:
    """A later figure entirely above an earlier one: the toll rose, nobody disagrees."""
    return later.low > earlier.high or (
        later.low == earlier.high and not (later.low_inclusive and earlier.high_inclusive)
    )


def find_disputes(
    figures: Sequence[Figure],
    tolerance: float = APPROXIMATE_TOLERANCE,
    published: Mapping[str, str | None] | None = None,
) -> tuple[tuple[str, str], ...]:
    """Pairs of figure ids that cannot both hold, each pair and the list in id order. With the
    publication dates of the figures' pages (`published`, figure id -> ISO date), a later
    figure above an earlier one is a toll that rose, not a dispute."""
    dates = published or {}
    keyed = [(f, population_key(f.population), figure_bounds(f, tolerance)) for f in figures]
    pairs: set[tuple[str, str]] = set()
    for i, (a, a_key, a_interval) in enumerate(keyed):
        for b, b_key, b_interval in keyed[i + 1 :]:
            if a.id == b.id:
                continue
            if figures_coexist(a_interval, b_interval, relate(a_key, b_key)):
                continue
            a_day, b_day = dates.get(a.id), dates.get(b.id)
            if a_day and b_day and a_day != b_day:
                earlier, later = (a_interval, b_interval) if a_day < b_day else (b_interval,
                                                                                   a_interval)
                if relate(a_key, b_key) == "same" and _rose(earlier, later):
                    continue
            pairs.add((min(a.id, b.id), max(a.id, b.id)))
    return tuple(sorted(pairs))


def _source_key(row: LedgerRow) -> str:
    return row.source_name.casefold()


def estimate_scope(
    figures: Sequence[Figure], rows: Mapping[str, LedgerRow]
) -> PopulationKey:
    """The population the estimates describe: the whole count, else the broadest, most reported."""
    keys = {population_key(f.population) for f in figures}
    if frozenset() in keys or not keys:
        return frozenset()
    broadest = [k for k in keys if not any(other < k for other in keys)]

    def support(key: PopulationKey) -> int:
        return len(
            {_source_key(rows[f.id]) for f in figures if population_key(f.population) == key}
        )

    return min(broadest, key=lambda k: (-support(k), len(k), tuple(sorted(k))))


def estimate(
    figures: Sequence[Figure],
    rows: Mapping[str, LedgerRow],
    rule: Rule,
    measure: Measure | None = None,
    silent: Mapping[str, str | None] | None = None,
    wounded: Mapping[str, float] | None = None,
    dead: Dead | None = None,
) -> tuple[float | None, float | None, float | None, str | None]:
    """low, best, high and the population they describe, by `rule` (see the module notes).
    `wounded` (for the dead): each report's reading of the wounded. `dead` (for the wounded):
    each report's reading of the dead and the cluster's best count of them.
    `silent` (given for counts of people): for the dead, the reports that count the wounded
    and none killed (report_count.py)."""
    scope = estimate_scope(figures, rows)
    readings: list[tuple[Figure, Stated]] = []
    ceilings: list[float] = []
    for figure in figures:
        stated = stated_numbers(figure)
        if stated is None:
            continue
        relation = relate(population_key(figure.population), scope)
        if relation == "same":
            readings.append((figure, stated))
        elif relation == "part":
            ceilings.append(stated.low)
    if not readings:
        return None, None, None, None
    low = min(s.low for _, s in readings)
    high = max([s.high for _, s in readings] + ceilings)
    population = readings[0][0].population if scope else None
    if rule == "acled":
        values = [v for f, _ in readings if (v := f.count.reading()) is not None]
        best = min(values)
        return min(low, best), best, high, population
    if silent is not None or any(counted(figure) for figure, _ in readings):
        by_report = report_readings(figures, rows, silent)
        if any(reading.figure is not None for reading in by_report):
            if measure == "injured" and dead is not None:
                by_report = _less_the_dead(by_report, dead)
            best = _best_of_reports(by_report, measure, wounded, dead) if by_report else 0.0
            return min(low, best), best, max(high, best), population
    sources: dict[float, set[str]] = defaultdict(set)
    for figure, stated in _latest_of_each_source(readings, rows):
        sources[stated.value].add(_source_key(rows[figure.id]))
    # Ties go to the lower reading (UCDP's caution).
    best = min(sources, key=lambda value: (-len(sources[value]), value))
    return low, best, high, population


def _best_of_reports(
    readings: Sequence[Reading],
    measure: Measure | None,
    wounded: Mapping[str, float] | None = None,
    dead: Dead | None = None,
) -> float:
    """The best count of people from each report's one reading: the reading the most reports
    give; ties go to the latest report, since a later report knows
    more (a victim has died, a count was corrected), then to the higher reading; for the
    wounded (with `dead`, the cluster's dead), first to a report that counts the dead as the
    cluster does, then to the latest report of the first WOUNDED_REPORTS_DAYS. For the dead,
    a report of nobody dead is out of date once a report of the first days counts a death (a
    victim died of wounds), and ties between counts go to the lower one that can still update
    (a tally no lower than any number stated): one report's tally that names more dead than
    another's more often counts someone twice, or the dead of another shooting, than it knows
    of a death the other missed (events-gva dev: killed exact 0.869 -> 0.873 and 0.885 -> 0.891
    on the two halves, with each article's own tally as its report). Where a tied reading is a
    number a report states, not a tally ("the toll rose to 62"), ties go as before to the latest
    report of the first days."""
    if measure == "killed":
        readings = _not_outdated(readings)
    reports: dict[float, set[str]] = defaultdict(set)
    for reading in readings:
        reports[reading.value].add(reading.report)
    updating = _updating(readings)
    latest: dict[float, str] = defaultdict(str)
    for reading in updating:
        latest[reading.value] = max(latest[reading.value], reading.published or "")
    if measure == "killed":
        can_update = {reading.value for reading in updating}
        rank = {v: (len(reports[v]), v > 0, v in can_update) for v in reports}
        top = max(rank.values())
        tied = sorted(v for v in reports if rank[v] == top)
        stated = {r.value for r in readings if r.figure is not None and r.figure.rule is None}
        if len(tied) > 1 and not stated & set(tied):
            # tallies of the people the reports name: the lower, unless a wounded victim died
            for higher in reversed(tied[1:]):
                if _died_since(higher, tied[0], readings, wounded or {}):
                    return higher
            return tied[0]
        # numbers the reports state ("the toll rose to 62"): the latest of the first days
        early = _early_latest(updating)
        best = max(reports, key=lambda v: (len(reports[v]), v > 0, early[v], -v))
    else:
        # for the wounded, ties go first to a reading of a report that gives the cluster's
        # count of the dead: a report right on the dead is the one to believe on the wounded
        # (events-gva whole folder: injured exact 0.783 -> 0.785, 7 incidents right, 4 wrong)
        right = {r.report for r in dead.readings if r.value == dead.best} if dead else set()
        agrees = {r.value for r in readings if r.report in right}
        # then to the latest report of the first months: a report of a trial or a sentencing
        # long after tells the wounded from memory (events-gva whole folder rescored: injured
        # exact +4 incidents, 2 on each half, none lost; the same from 60 to 90 days)
        early = _early_latest(updating, WOUNDED_REPORTS_DAYS)
        best = max(
            reports, key=lambda v: (len(reports[v]), v > 0, v in agrees, early[v], latest[v], v)
        )
    return best


def _died_since(
    higher: float, lower: float, readings: Sequence[Reading], wounded: Mapping[str, float]
) -> bool:
    """Whether the reports of `higher` dead update those of `lower`: later, and counting as
    many fewer wounded as more dead (the wounded man of Monday's report died on Tuesday), not
    more people in all."""

    def latest(value: float) -> tuple[str, float]:
        chosen = [r for r in readings if r.value == value]
        day = max(r.published or "" for r in chosen)
        return day, min(wounded.get(r.report, 0.0) for r in chosen if (r.published or "") == day)

    (day_high, hurt_high), (day_low, hurt_low) = latest(higher), latest(lower)
    return day_high > day_low and _wounded_died(lower, hurt_low, higher, hurt_high)


def _wounded_died(dead: float, hurt: float, dead_later: float, hurt_later: float) -> bool:
    """Whether a later count moves wounded people to the dead: fewer wounded, and no more
    people in all (the wounded man of Monday's report died on Tuesday)."""
    return hurt_later < hurt and dead_later + hurt_later <= dead + hurt


# How long after a report of the wounded a report of more dead is one of them who died: a
# week (a report months later, or of another shooting linked by mistake, counts other dead).
WOUNDS_DAYS = 7


class Dead(NamedTuple):
    """The dead of a cluster, for reading its wounded: each report's reading of them and the
    best count."""

    readings: Sequence[Reading]
    best: float


def _less_the_dead(readings: Sequence[Reading], dead: Dead) -> list[Reading]:
    """The readings of the wounded, less those who died since: a report's wounded are fewer by
    the dead a report of the week after adds, where that report gives the cluster's best count of
    the dead and counts as many fewer wounded ("a man was shot Friday" ... "the man shot
    Friday has died": nobody wounded). A reading left at none is dropped (events-gva dev, the
    whole folder as one corpus: injured exact over all 0.770 -> 0.780, better on both halves
    of the incidents; on incidents with gold above 0 the same)."""
    wounded = {reading.report: reading.value for reading in readings}
    had = {reading.report: reading.value for reading in dead.readings}
    best = [
        (day, wounded.get(r.report, 0.0)) for r in dead.readings
        if r.value == dead.best and (day := _day(r.published)) is not None
    ]
    kept = []
    for reading in readings:
        day, before = _day(reading.published), had.get(reading.report)
        if day is None or before is None or before >= dead.best:
            kept.append(reading)  # undated, silent on the dead, or counting them all
            continue
        died = dead.best - before
        if not any(
            0 < (later - day).days <= WOUNDS_DAYS
            and _wounded_died(before, reading.value, dead.best, hurt)
            for later, hurt in best
        ):
            kept.append(reading)
        elif reading.value > died:
            kept.append(reading._replace(value=reading.value - died))
    return kept


def _updating(readings: Sequence[Reading]) -> list[Reading]:
    """The readings that can update a count: all but the tallies (and the silent reports)
    below a number some report states, since a tally is a lower bound (a report naming fewer
    people than another states does not say there were fewer)."""
    stated = [r.value for r in readings if r.figure is not None and r.figure.rule is None]
    top = max(stated, default=None)
    return [
        r for r in readings
        if top is None or r.value >= top or (r.figure is not None and r.figure.rule is None)
    ]


def _not_outdated(readings: Sequence[Reading]) -> list[Reading]:
    """The readings of the dead but the reports of nobody dead that a later report of the first
    days contradicts (a victim who died of wounds the next day: the reports of the day before
    that counted only the wounded are out of date)."""
    known = [d for reading in readings if (d := _day(reading.published)) is not None]
    if not known:
        return list(readings)
    first = min(known)
    raised = [
        (day, reading.value) for reading in readings
        if (day := _day(reading.published)) is not None and (day - first).days <= UPDATE_DAYS
    ]
    return [
        reading for reading in readings
        if reading.value > 0 or (day := _day(reading.published)) is None
        or not any(when > day and value > 0 for when, value in raised)
    ]


UPDATE_DAYS = 2  # how long after the first report a higher count of the dead is an update
# How long after the first report a report of the wounded is one of the incident's news, not of
# its trial or an anniversary.
WOUNDED_REPORTS_DAYS = 90


def _early_latest(readings: Sequence[Reading], days: int = UPDATE_DAYS) -> dict[float, str]:
    """Per value, its latest report within `days` of the first report ('' if none)."""
    known = [d for reading in readings if (d := _day(reading.published)) is not None]
    first = min(known) if known else None
    early: dict[float, str] = defaultdict(str)
    for reading in readings:
        day = _day(reading.published)
        if first is not None and day is not None and (day - first).days <= days:
            early[reading.value] = max(early[reading.value], day.isoformat())
    return early


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _latest_of_each_source(
    readings: Sequence[tuple[Figure, Stated]], rows: Mapping[str, LedgerRow]
) -> list[tuple[Figure, Stated]]:
    """Each source's readings from its latest page: a later report by the same source updates
    the count it gave before ("in critical condition" ... "died Tuesday")."""
    latest: dict[str, str] = {}
    for figure, _ in readings:
        row = rows[figure.id]
        key = _source_key(row)
        if row.published and row.published > latest.get(key, ""):
            latest[key] = row.published
    return [
        (figure, stated) for figure, stated in readings
        if not rows[figure.id].published
        or rows[figure.id].published == latest.get(_source_key(rows[figure.id]))
    ]


def ledger_entry(
    cluster_id: str,
    measure: Measure,
    figures: Sequence[Figure],
    rows: Mapping[str, LedgerRow],
    *,
    rule: Rule = "ucdp",
    tolerance: float = APPROXIMATE_TOLERANCE,
    roundups: Collection[str] = (),
    silent: Mapping[str, str | None] | None = None,
    wounded: Mapping[str, float] | None = None,
    dead: Dead | None = None,
) -> LedgerEntry:
    """The entry for one cluster and measure from its (non-negated) figures and their rows.
    The figures in `roundups` (ids: stated figures that count other incidents, see
    report_count.other_counts) are left out of the estimates and disputes; their rows stay.
    `silent`: for the dead, the reports that count the wounded and none killed; `wounded`: for
    the dead, each report's reading of the wounded; `dead`: for the wounded, the dead's
    readings and best count."""
    ordered = sorted(figures, key=lambda f: _row_order(rows[f.id], f))
    asserted = [f for f in ordered if f.modality is None]
    weighed = _once_per_text(asserted or ordered, rows)
    weighed = [f for f in weighed if f.id not in roundups]
    disputes = find_disputes(
        weighed, tolerance, published={f.id: rows[f.id].published for f in weighed}
    )
    low, best, high, population = estimate(
        weighed, rows, rule, measure, silent, wounded, dead
    )
    return LedgerEntry(
        cluster_id=cluster_id,
        measure=measure,
        rows=tuple(rows[f.id] for f in ordered),
        low=low,
        best=best,
        high=high,
        disputed=bool(disputes),
        rule=RULE_NAMES[rule],
        population=population,
        disputes=disputes,
    )


def _once_per_text(figures: Sequence[Figure], rows: Mapping[str, LedgerRow]) -> list[Figure]:
    """One wire story reprinted by several outlets is one voice: a figure of a text that an
    earlier row already read (same text, same place in it) is left out of the estimates and
    disputes; its row still lists the outlet."""
    seen: set[tuple[str, int, int, str | None, str | None]] = set()
    kept = []
    for figure in figures:
        row = rows[figure.id]
        if not row.text_id:
            kept.append(figure)
            continue
        # (a tally of everyone and one of the suspects can share their words: "kills daughter,
        # himself" is two dead, one of them the killer)
        key = (row.text_id, figure.span.start, figure.span.end, figure.population, figure.rule)
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return kept


def _row_order(row: LedgerRow, figure: Figure) -> tuple[int, str, str, int, str]:
    # Undated pages go last; within a page, figures run in text order.
    return (row.published is None, row.published or "", row.document_id, figure.span.start,
            figure.id)


def build_ledger(
    events: Sequence[Event],
    figures: Mapping[str, Figure],
    documents: Mapping[str, Document],
    links: Sequence[EventLink],
    *,
    rule: Rule = "ucdp",
    tolerance: float = APPROXIMATE_TOLERANCE,
    clusters: Mapping[str, str] | None = None,
) -> list[LedgerEntry]:
    """One entry per event cluster and measure, clusters in id order, measures in model order.
    `clusters` (event id -> cluster id) is `cluster_events(events, links)` where the caller
    has it already."""
    if rule not in RULE_NAMES:
        raise ValueError(f"unknown ledger rule {rule!r}; expected one of {sorted(RULE_NAMES)}")
    if clusters is None:
        clusters = cluster_events(events, links)
    grouped: dict[tuple[str, Measure], dict[str, Figure]] = defaultdict(dict)
    rows: dict[str, LedgerRow] = {}
    for event in sorted(events, key=lambda e: e.id):
        cluster_id = clusters[event.id]
        for figure_id in event.figure_ids:
            figure = figures.get(figure_id)
            if figure is None or figure.measure is None or figure.negated:
                continue
            rows.setdefault(
                figure_id, ledger_row(figure, event.document_id, documents.get(event.document_id))
            )
            grouped[(cluster_id, figure.measure)].setdefault(figure_id, figure)
    document_of = {figure_id: row.document_id for figure_id, row in rows.items()}
    # tallies of a report's other events in a cluster: left out like roundups, rows kept
    repeated = _tallies_told_twice(events, clusters, grouped, rows)
    entries = []
    killed: dict[str, Dead] = {}
    # the dead of a cluster before its wounded: a wounded person who died since is counted once
    for (cluster_id, measure), found in sorted(
        grouped.items(), key=lambda item: item[0][1] != "killed"
    ):
        own = list(found.values())
        people = measure in PEOPLE_MEASURES
        silent = None
        hurt: dict[str, float] = {}
        reporting = {
            document_of[f]
            for m in PEOPLE_MEASURES
            for f in grouped.get((cluster_id, m), {})
        }
        roundups = (
            other_counts(own, documents, document_of, reporting) | repeated
            if people else frozenset()
        )
        if people:
            wounded = list(grouped.get((cluster_id, "injured"), {}).values())
            silent = silent_reports(own, wounded, rows) if measure == "killed" else {}
            if measure == "killed":
                asserted = [f for f in wounded if f.modality is None and f.id not in repeated]
                hurt = {r.report: r.value for r in report_readings(asserted, rows)}
        entry = ledger_entry(
            cluster_id, measure, own, rows, rule=rule, tolerance=tolerance,
            roundups=roundups, silent=silent, wounded=hurt, dead=killed.get(cluster_id),
        )
        if measure == "killed" and entry.best is not None:
            counts = [f for f in own if f.modality is None and f.id not in roundups]
            killed[cluster_id] = Dead(report_readings(counts, rows, silent), entry.best)
        entries.append(entry)
    return sorted(entries, key=lambda e: (e.cluster_id, MEASURE_ORDER.index(e.measure)))


def _tallies_told_twice(
    events: Sequence[Event],
    clusters: Mapping[str, str],
    grouped: Mapping[tuple[str, Measure], Mapping[str, Figure]],
    rows: Mapping[str, LedgerRow],
) -> frozenset[str]:
    """Ids of the tallies (rule people.v1) to leave out where several events of one report
    fall in one cluster: they tell of one incident's people, so the report's tallies are those
    of the event that counts the most people (the first in the text on ties), not each
    measure's largest from different events: a man shot in one event and dead in the other
    is one man, dead (events-gva whole folder rescored: injured +2 incidents, none lost)."""
    tallies: dict[tuple[str, str], dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        cluster_id = clusters[event.id]
        for measure in PEOPLE_MEASURES:
            found = grouped.get((cluster_id, measure), {})
            for figure_id in event.figure_ids:
                figure = found.get(figure_id)
                if figure is not None and figure.rule is not None and figure.modality is None:
                    tallies[(cluster_id, report_key(rows[figure_id]))][event.id].append(figure)
    left_out: set[str] = set()
    for by_event in tallies.values():
        if len(by_event) > 1:
            keep = max(by_event, key=lambda event_id: _tally_size(by_event[event_id]))
            left_out.update(f.id for e, found in by_event.items() if e != keep for f in found)
    return frozenset(left_out)


def _tally_size(tallies: Sequence[Figure]) -> tuple[float, int]:
    """How many people an event's tallies count, then how early in the text they stand."""
    counts = [c[0] for f in tallies if (c := f.count.stated()) is not None]
    return sum(counts), -min(f.span.start for f in tallies)


def ledger_from_analyses(
    analyses: Iterable[Analysis],
    links: Sequence[EventLink],
    *,
    rule: Rule = "ucdp",
    tolerance: float = APPROXIMATE_TOLERANCE,
) -> list[LedgerEntry]:
    """The ledger of stored or fresh analyses: build_ledger over all their events and figures."""
    events: list[Event] = []
    figures: dict[str, Figure] = {}
    documents: dict[str, Document] = {}
    for analysis in analyses:
        documents[analysis.document.id] = analysis.document
        figures.update((f.id, f) for f in analysis.figures)
        events.extend(analysis.events)
    return build_ledger(events, figures, documents, links, rule=rule, tolerance=tolerance)
