"""One reading of a count of people per report, as a coder reads reports of an incident.

For the killed and the injured of a cluster, each report (one text, however many outlets
reprint it, whatever voices it quotes) gives one reading of each measure:

- its tally of the people it names (rule people.v1; the largest, where several of its events
  belong to the cluster);
- unless it states a larger figure for the whole: then that figure ("five people were shot"
  where the report names three), the value the report states most often, the first on ties
  (a headline's "4 wounded" and its lead's "four people were wounded" against a stray number).
  A figure about a part ("two children", "2 officers") never stands for the whole;
- a report that counts the wounded (by its tally or a figure it states) and gives no figure
  of the dead reads 0 killed ("five people were shot and wounded": none killed; a death is
  always told). Not the other way: a report of a death often leaves the wounded out;
- else no reading.

Figures that count other incidents are left out first (`other_counts`): a figure of a roundup's
or a statistic's sentence ("45 homicides so far this year", "17 dead in weekend shootings",
"3,290 people have been injured this year", "the past four days"), told by its words, a
sentence dated to an earlier year than the page's and to no day ("Crime stats for 2015 show
165 people were murdered" on a page of 2016), and a number of no population written as
someone's age ("Lindsay, 24, and", "both 35"); and every figure of a report whose headline
tells of several shootings ("1 Man Killed, Boy, 2 Others Wounded in Shootings Since Tuesday
Morning"), where another report of the cluster tells of one: its people are of every shooting
it tells (events-gva whole folder rescored: killed +2, injured +3 incidents, 7 right and 2
wrong, both halves gaining).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from claimledger.extract.dates import MONTHS
from claimledger.extract.numbers import written_as_age
from claimledger.extract.roundups import roundup, roundup_title
from claimledger.model import Document, Figure, LedgerRow, Measure
from claimledger.population import population_key

# ". " ends a sentence, and so does a period run into the next sentence's first word, as
# scraped pages join paragraphs ("injured three others.Vargas moved with her family")
_SENTENCE_END = re.compile(r"[.!?]\s|\n|[a-z][.!?](?=[A-Z][a-z])")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (cut at '. ', '! ', '? ', line breaks and a period
    between a word and a capitalised word)."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() + 1 if after else len(text)]


_YEAR = re.compile(r"(?<![\w$.,-])(?:19|20)\d\d(?![\w-])")
_MONTH_WORD = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_DAY_DATE = re.compile(rf"\b(?:{_MONTH_WORD})\.? \d{{1,2}}(?:st|nd|rd|th)?\b")


def earlier_year(sentence: str, published: str | None) -> bool:
    """Whether a sentence counts in a year before the page's and is dated to no day: another
    incident or a year's statistic ("Crime stats for 2015 show 165 people were murdered", "in
    August 2015, when three people were shot dead" on a page of 2017), not the incident told
    again at a trial ("On May 26, 2013, two men were shot"). A whole month is no such sign:
    "charged with the killing of two men in May" is the page's incident."""
    if not published or not published[:4].isdigit() or _DAY_DATE.search(sentence):
        return False
    years = [int(found) for found in _YEAR.findall(sentence)]
    return bool(years) and all(y < int(published[:4]) for y in years)


def other_counts(figures: Sequence[Figure], documents: Mapping[str, Document],
                 document_of: Mapping[str, str],
                 reporting: Collection[str] = ()) -> frozenset[str]:
    """Ids of the figures that count no one of this incident: the stated figures of a
    roundup's sentence and numbers of no population written as an age; and, where one of the
    `reporting` documents (those counting the cluster's killed or injured) tells of one
    shooting, every figure of a report whose headline tells of several (its people are of
    every shooting it tells)."""
    found = set()
    single = any(
        not roundup_title(document.title)
        for document_id in reporting
        if (document := documents.get(document_id)) is not None
    )
    for figure in figures:
        document = documents.get(document_of.get(figure.id, ""))
        if document is None:
            continue
        if single and roundup_title(document.title):
            found.add(figure.id)
            continue
        if figure.rule is not None:
            continue
        start, end = figure.span.start, figure.span.end
        sentence = sentence_at(document.text, start, end)
        if roundup(sentence) or earlier_year(sentence, document.published) or (
            figure.population is None and written_as_age(document.text, start, end)
        ):
            found.add(figure.id)
    return frozenset(found)


class Reading(NamedTuple):
    """A report's one reading: the report (see `report_key`), its publication date, the count,
    and the figure that gives it (None: a report that counts the people hurt and none of this
    measure, read as 0)."""

    report: str
    published: str | None
    value: float
    figure: Figure | None = None


def report_key(row: LedgerRow) -> str:
    """Which report a row is of: its text, so a reprinted wire story is one report."""
    return row.text_id or row.document_id


def _most_stated(readings: Sequence[Reading]) -> Reading | None:
    """A report's figure for the whole: the value it states most often, the first on ties."""
    if not readings:
        return None
    times = Counter(reading.value for reading in readings)
    first = sorted(readings, key=lambda r: r.figure.span.start if r.figure else 0)
    return max(first, key=lambda r: (times[r.value], -first.index(r)))


PEOPLE_MEASURES: tuple[Measure, ...] = ("killed", "injured")  # the counts read per report


def silent_reports(
    killed: Sequence[Figure], injured: Sequence[Figure], rows: Mapping[str, LedgerRow]
) -> dict[str, str | None]:
    """The reports (report -> publication date) that count the wounded ("five people were
    shot and wounded") and give no figure of the dead: a coder reads them as none killed."""
    spoken = {report_key(rows[figure.id]) for figure in killed}
    return {
        key: rows[figure.id].published
        for figure in injured
        if figure.modality is None
        and not population_key(figure.population)
        and (key := report_key(rows[figure.id])) not in spoken
    }


def report_readings(
    figures: Sequence[Figure],
    rows: Mapping[str, LedgerRow],
    silent: Mapping[str, str | None] | None = None,
) -> list[Reading]:
    """Each report's reading (see the module notes), then a reading of 0 for each report of
    `silent` (report -> publication date: for the dead, the reports that count the wounded
    and none killed) that gives no other reading. `figures` are the asserted figures of
    one measure, roundups left out."""
    tallies: dict[str, Reading] = {}
    stated: dict[str, list[Reading]] = defaultdict(list)
    for figure in figures:
        stated_count = figure.count.stated()
        if population_key(figure.population) or stated_count is None or stated_count[0] <= 0:
            continue  # a part or the suspects (never the whole), or no number
        row = rows[figure.id]
        reading = Reading(report_key(row), row.published, stated_count[0], figure)
        if figure.rule is None:
            stated[reading.report].append(reading)
        elif reading.report not in tallies or reading.value > tallies[reading.report].value:
            tallies[reading.report] = reading
    readings = []
    for report in dict.fromkeys([*tallies, *stated]):
        tally, whole = tallies.get(report), _most_stated(stated.get(report, []))
        if whole is not None and (tally is None or whole.value > tally.value):
            readings.append(whole)
        elif tally is not None:
            readings.append(tally)
    given = {reading.report for reading in readings}
    readings.extend(
        Reading(report, published, 0.0) for report, published in (silent or {}).items()
        if report not in given
    )
    return readings
