"""Per-document event assembly: triggers grouped into events, with date, place, actors, figures.

Triggers of one family (violence, demonstration) whose sentences carry compatible dates form one
event; a trigger whose sentence has no date joins the event of the nearest trigger before it of
the same family. Strategic developments (arrests, truces) join an event of another family when
one exists. The event type is the most specific violent type present, in ACLED's order (Battles,
then Explosions/Remote violence, then Violence against civilians); the other types found are kept
as `sub_events` ("Battles with Explosions/Remote violence parts"). Each figure with a measure goes
to the event of the nearest trigger, preferring one in its own sentence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from datetime import date, timedelta

import msgspec

from claimledger.extract import lexicons
from claimledger.extract.numbers import written_as_age
from claimledger.extract.people import count_people, people_records, tally_figures
from claimledger.extract.phones import PHONE_RULE, PhonePlace, phone_home, phone_places
from claimledger.extract.place_choice import (
    document_countries,
    home_region,
    largest_us_namesake,
    region_of,
    settle_at_address_town,
    settle_at_home,
    shared_state,
    title_home,
    told_abroad,
)
from claimledger.extract.told_days import (
    CLOCK_TIME,
    clock_days,
    occurrence_days,
    response_sentences,
)
from claimledger.model import (
    Actor,
    Attribution,
    DateMention,
    Document,
    Event,
    Figure,
    HarmMention,
    Person,
    PlaceCandidate,
    PlaceMention,
    Span,
    Trigger,
    record_id,
)
from claimledger.taxonomy import (
    CIVILIAN_ATTACK,
    LEDE_CHARS,
    MEASURE_FAMILY,
    PLACE_FEATURES,
    STAND_IN_RULES,
    TYPE_ORDER,
    VIOLENCE_AGAINST_CIVILIANS,
    WEEK_DAYS,
    Family,
    date_range,
)

DATE_TOLERANCE_DAYS = 3


class Assembly(msgspec.Struct, kw_only=True):
    """A document's events, with the figures and people counted for them."""

    events: list[Event] = msgspec.field(default_factory=list)
    figures: list[Figure] = msgspec.field(default_factory=list)
    people: list[Person] = msgspec.field(default_factory=list)


class _Mention(msgspec.Struct, kw_only=True):
    trigger: Trigger
    actors: list[Actor]
    date: DateMention | None
    place: PlaceMention | None


class _Cluster(msgspec.Struct, kw_only=True):
    family: Family
    mentions: list[_Mention]

    def day_range(self) -> tuple[date, date] | None:
        ranges = [r for m in self.mentions if m.date and (r := date_range(m.date))]
        if not ranges:
            return None
        return min(r[0] for r in ranges), max(r[1] for r in ranges)


def _compatible(a: tuple[date, date], b: tuple[date, date]) -> bool:
    # "last week" in a story about a battle ten days ago is loose writing, not another event
    vague = a[0] != a[1] or b[0] != b[1]
    slack = timedelta(days=WEEK_DAYS if vague else DATE_TOLERANCE_DAYS)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def _in_sentence(span_start: int, trigger: Trigger) -> bool:
    return trigger.sentence_start <= span_start < trigger.sentence_end


BOUNDING_WORDS = ("since", "until", "till", "before", "by", "through")
# "in stable condition as of Sunday", "3,165 shootings through Nov. 16": the day of a state of
# things or the end of a running total, not of an event
BOUNDING_PHRASES = (("as", "of"),)
# "from Jan. 1, 2014, through June 30", "between Friday night and Sunday morning", "from June 27
# to Monday afternoon": both ends of a span of time (a roundup's, a running total's)
_SPAN_START_BEFORE = re.compile(r"\b(?:from|between)[ \t]+$", re.IGNORECASE)
_SPAN_END_AFTER = re.compile(
    r"(?:[ \t]+(?:morning|afternoon|evening|night))?,?[ \t]+(?:to|through|until|till|and)[ \t]",
    re.IGNORECASE)
_SPAN_END_BEFORE = re.compile(
    r"\b(?:from|between)[ \t][^.;!?\n]{1,40}?[ \t](?:to|and)[ \t]+(?:early[ \t]+|late[ \t]+)?$",
    re.IGNORECASE)
SPAN_REACH = 60  # characters before a span's far end in which its "from" or "between" stands
FOLLOW_UP_WORDS = lexicons.words("follow_up_words")
FOLLOW_UP_REACH = 40  # characters before a date in which a follow-up word claims it


STATEMENT_VERBS = lexicons.words("statement_verbs")
# between a verb of a statement and the day it dates: "said on Saturday", "confirmed early
# Friday", and a page's own stamp: "Posted: Saturday, April 5, 2014"
_VERB_BEFORE = re.compile(r"([A-Za-z]+):?[ \t]+(?:(?:on|early|late)[ \t]+)?$")
# an embedded post's author and its day: "— Tony Cook (@indystartony) September 20, 2015"
_POST_AUTHOR_BEFORE = re.compile(r"\(@\w+\)[ \t]*$")
_VERB_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")
# a dateline's own day: "JAY COUNTY, Ind. (Nov. 18, 2015)— A 15-year-old boy was ..."
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[A-Z][A-Za-z .'-]*,[ \t]+[A-Za-z. ]+[ \t]*\($")
_DATELINE_AFTER = re.compile(r"\)[ \t]*[—–:-]")
# A weekday the day after the page's date ("in stable condition Saturday morning" on a page of
# Friday's) tells how things stood when the page was updated; the attack is on the page's date
# or earlier.
LATER_THAN_THE_PAGE = frozenset({"weekday-day-after-publication"})


def _dates_a_statement(mention: DateMention, text: str) -> bool:
    """A day right beside a verb or a noun of a statement dates the statement: "Authorities
    Saturday said", "the coroner on Sunday identified", "officials confirmed early Friday
    morning", "said in a news release Thursday"; so does a page's stamp ("Posted: Saturday,
    April 5, 2014", "(Published Monday, Sept. 23, 2013)", a dateline's "JAY COUNTY, Ind. (Nov.
    18, 2015)—") and an embedded post's day."""
    start = max(0, mention.span.start - 30)
    if _POST_AUTHOR_BEFORE.search(text, start, mention.span.start):
        return True
    if _DATELINE_BEFORE.search(text, max(0, mention.span.start - 60), mention.span.start) and (
        _DATELINE_AFTER.match(text, mention.span.end)
    ):
        return True
    before = _VERB_BEFORE.search(text, start, mention.span.start)
    after = _VERB_AFTER.match(text, mention.span.end)
    return any(
        found is not None and found.group(1).lower() in STATEMENT_VERBS
        for found in (before, after)
    )


def _ends_a_span(mention: DateMention, text: str) -> bool:
    """Whether the date is an end of a span ("from Friday to early Monday")."""
    start, end = mention.span.start, mention.span.end
    if _SPAN_START_BEFORE.search(text, max(0, start - 10), start) and _SPAN_END_AFTER.match(
        text, end
    ):
        return True
    return _SPAN_END_BEFORE.search(text, max(0, start - SPAN_REACH), start) is not None


# A day's possessive and the three words after it, among which the word of what it dates
# ("Thursday's hearing", "Tuesday afternoon's bond hearing"), or the one word a day stands
# before as its attribute ("a Sept. 28 court date").
_POSSESSED_AFTER = re.compile(
    r"(?:\s+(?:morning|afternoon|evening|night))?(?:['’]s((?:\s+[a-z]+){1,3})|(\s+[a-z]+))\b"
)


# How far into a page a day may open an aside: past its first paragraphs, nearer the top than
# the lede's end (LEDE_CHARS: "Five people were wounded early Saturday morning ... On July 7,
# two men were shot when gunfire broke out" at the same corner, 535 characters in)
ASIDE_CHARS = 400


def _opens_an_aside(mention: DateMention, text: str) -> bool:
    """Whether a day opens a sentence past the page's first paragraphs (ASIDE_CHARS: "... the
    second time in the last three days multiple people were shot in Philadelphia. On Saturday,
    ten people ..."; "On June 20, 11 were shot at a block party"): the report recalls another
    incident there."""
    start = mention.span.start
    if start < ASIDE_CHARS or text[mention.span.end : mention.span.end + 1] != ",":
        return False
    return _ASIDE_OPENING.search(text, start - 12, start) is not None


_ASIDE_OPENING = re.compile(r"(?:[.!?][\"”’]?[ \t]+|\n\s*)On[ \t]+$")


def _without_asides(
    mentions: Sequence[_Mention], asides: Collection[DateMention]
) -> list[_Mention]:
    """The mentions with the days that open an aside taken off (`_opens_an_aside`): they still
    part the events of a report, but date none of them."""
    return [msgspec.structs.replace(m, date=None) if m.date in asides else m for m in mentions]


_CLOCK_BEFORE = re.compile(CLOCK_TIME + r"(?:\s+on)?\s*$", re.IGNORECASE)
SPAN_WORDS = ("since", "until", "till", "through")  # bounding words that a clock time may follow


def _dates_an_event(mention: DateMention, text: str) -> bool:
    """"since January", "until March" or "from Friday to Sunday" bounds a span of time; it does
    not date the event. Nor does the date of what followed it: "was arraigned Monday", "a vigil
    is planned for Friday", "Thursday's hearing", "police said Saturday"
    (`_dates_a_statement`), a weekday after the page's own date."""
    if mention.rule in LATER_THAN_THE_PAGE or _dates_a_statement(mention, text):
        return False
    before = text[max(0, mention.span.start - 12) : mention.span.start].lower().split()
    if (before and before[-1] in BOUNDING_WORDS) or tuple(before[-2:]) in BOUNDING_PHRASES:
        return False
    # the same past a clock time ("since 10 p.m. Friday night", "in critical condition as of
    # 4:00 p.m. on Friday"; not "just before 10 p.m. Friday", when it happened)
    timed = _CLOCK_BEFORE.search(text, max(0, mention.span.start - 40), mention.span.start)
    if timed is not None:
        before = text[max(0, timed.start() - 12) : timed.start()].lower().split()
        if (before and before[-1] in SPAN_WORDS) or tuple(before[-2:]) in BOUNDING_PHRASES:
            return False
    if _ends_a_span(mention, text):
        return False
    after = _POSSESSED_AFTER.match(text, mention.span.end)
    if after is not None and FOLLOW_UP_WORDS & set((after.group(1) or after.group(2)).split()):
        return False  # "Tuesday afternoon's bond hearing", "Monday's preliminary hearing"
    return not _word_before(mention, text, FOLLOW_UP_WORDS)


def _word_before(day: DateMention, text: str, words: Collection[str]) -> bool:
    """Whether one of `words` stands before the day in its sentence, within FOLLOW_UP_REACH
    characters ("was arraigned Monday", "Police arrested an Arkansas man Thursday")."""
    near = text[max(0, day.span.start - FOLLOW_UP_REACH) : day.span.start]
    near = re.split(r"[.;!?\n]", near)[-1]  # within the date's own sentence
    return any(word.strip(",:") in words for word in near.lower().split())


FOLLOW_UP_NEWS = lexicons.words("follow_up_news")
# what may stand between a day and the word of the shooting it names: "Sunday's shooting",
# "the Nov. 22 shooting", "Saturday night's shooting" (not "charged Monday with murder")
DAY_OF_THE_SHOOTING = re.compile(
    r"(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night)(?:['’]s)?)?\s+"
)


def _shooting_days(
    text: str,
    triggers: Sequence[Trigger],
    harm: Sequence[HarmMention],
    dates: Sequence[DateMention],
) -> list[DateMention]:
    """The days a report gives the shooting itself: a day that names a violent event's word
    ("the Nov. 22 shooting", "Sunday's shooting") and the day of a sentence saying who was hurt
    ("was fatally shot ... on Oct. 29")."""
    days = [d for d in dates if d.granularity == "day" and date_range(d)]
    found = [
        d
        for t in triggers
        if t.family == "violence"
        for d in days
        if d.span.end <= t.span.start
        and DAY_OF_THE_SHOOTING.fullmatch(text[d.span.end : t.span.start])
    ]
    found += [
        d
        for h in harm
        if (d := _date_in_sentence(h.evidence, h.sentence_start, h.sentence_end, days))
    ]
    # not a day an arrest or a charge stands before ("Police arrested an Arkansas man Thursday
    # in the shooting death of ...", "Two teens were arrested Wednesday in connection to a
    # November shooting that killed ..."): the day of what followed
    return [d for d in found if not _word_before(d, text, ARREST_WORDS)]


ARREST_WORDS = frozenset({"arrested", "charged"})


def _told_day(
    cluster: _Cluster, chosen: DateMention | None, told: Sequence[DateMention]
) -> DateMention | None:
    """The first of `told` (the days a sentence says the shooting happened on, or gives with
    its clock time: extract/told_days.py) that fits the days the cluster's own sentences give or,
    where the event has a day of its text, that day (`chosen`)."""
    own = cluster.day_range()
    day_of_text = (date_range(chosen)
                   if chosen is not None and chosen.rule not in STAND_IN_RULES else None)
    for day in told:
        span = date_range(day)
        if span is None:
            continue
        if own is None or _compatible(span, own):
            return day
        if day_of_text is not None and _compatible(span, day_of_text):
            return day
    return None


# "No one has been arrested", "Valle has not been charged": no news of what followed
NEGATIONS = frozenset({"no", "not", "nobody", "yet", "never"})


def _tells_what_followed(text: str) -> bool:
    """Whether a page has words of a charge, a plea or a funeral, no negation among the four
    words before them."""
    words = [word.strip(",.:;\"'()") for word in text.lower().split()]
    return any(
        word in FOLLOW_UP_NEWS and not NEGATIONS & set(words[max(0, i - 4) : i])
        for i, word in enumerate(words)
    )



NEARBY_DATE_CHARS = (150, 300)  # reach before and after a trigger's sentence for a day
RELATIVE_DAY_RULES = frozenset(
    {"weekday-before-publication", "weekday-publication-day", "publication-day", "relative-days"}
)


# Characters a date before the event's word counts as further away than one after it: English
# tells when after what ("charged Saturday in a shooting on Thursday": Thursday), unless the
# date stands right before the word ("Saturday's attack ..., the ministry said on Monday").
BEFORE_PENALTY = 60
ADJACENT_CHARS = 3  # "Saturday's attack", "Sunday shooting": the date is the word's own


def _sentence_date(trigger: Trigger, dates: Sequence[DateMention]) -> DateMention | None:
    """The most precise resolved date in the trigger's sentence, the nearest one (one after the
    trigger counted nearer, see BEFORE_PENALTY)."""
    return _date_in_sentence(trigger.span, trigger.sentence_start, trigger.sentence_end, dates)


def _date_in_sentence(
    words: Span, sentence_start: int, sentence_end: int, dates: Sequence[DateMention]
) -> DateMention | None:
    inside = [d for d in dates if sentence_start <= d.span.start < sentence_end and date_range(d)]
    if not inside:
        return None
    precision = {"day": 0, "week": 1, "month": 2, "year": 3}

    def distance(d: DateMention) -> int:
        if d.span.start >= words.end:
            return d.span.start - words.end
        gap = max(0, words.start - d.span.end)
        return gap if gap <= ADJACENT_CHARS else gap + BEFORE_PENALTY

    return min(inside, key=lambda d: (precision[d.granularity], distance(d)))


def _nearby_day(triggers: Sequence[Trigger], dates: Sequence[DateMention]) -> DateMention | None:
    """For an event whose sentences carry no date: the nearest day in the sentences next to its
    triggers ("A man was killed in a shooting, police said. It happened about 11 p.m.
    Saturday."), else the first day the report tells relative to its own date ("Saturday
    night", "last night"), wherever it says it."""
    before, after = NEARBY_DATE_CHARS
    days = [d for d in dates if d.granularity == "day" and date_range(d)]
    nearby = [
        (abs(d.span.start - t.span.start), d)
        for t in triggers
        for d in days
        if t.sentence_start - before <= d.span.start < t.sentence_end + after
    ]
    if nearby:
        return min(nearby, key=lambda pair: pair[0])[1]
    relative = [d for d in days if d.rule in RELATIVE_DAY_RULES]
    return min(relative, key=lambda d: d.span.start, default=None)


def _sentence_place(trigger: Trigger, places: Sequence[PlaceMention]) -> PlaceMention | None:
    inside = [p for p in places if _in_sentence(p.span.start, trigger) and p.candidates]
    inside.sort(key=lambda p: (
        p.resolved is None,
        PLACE_FEATURES.index(p.resolved.feature) if p.resolved else 0,
        abs(p.span.start - trigger.span.start),
    ))
    return inside[0] if inside else None


def _cluster_mentions(mentions: Sequence[_Mention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    last_of_family: dict[Family, _Cluster] = {}
    strategic: list[_Mention] = []
    for mention in mentions:
        family = mention.trigger.family
        if family == "strategic":
            strategic.append(mention)
            continue
        home: _Cluster | None = None
        span = date_range(mention.date) if mention.date else None
        if span is not None:
            for cluster in clusters:
                other = cluster.day_range()
                if cluster.family == family and (other is None or _compatible(span, other)):
                    home = cluster
                    break
        else:
            home = last_of_family.get(family)
        if home is None:
            home = _Cluster(family=family, mentions=[])
            clusters.append(home)
        home.mentions.append(mention)
        last_of_family[family] = home
    for mention in strategic:
        span = date_range(mention.date) if mention.date else None
        host = next(
            (
                c
                for c in clusters
                if span is None or (r := c.day_range()) is None or _compatible(span, r)
            ),
            None,
        )
        if host is None:
            host = _Cluster(family="strategic", mentions=[])
            clusters.append(host)
        host.mentions.append(mention)
    return clusters


def _most_common_date(
    mentions: Sequence[_Mention],
    stand_in: DateMention | None = None,
    dates: Sequence[DateMention] = (),
    harm: Sequence[HarmMention] = (),
    shooting_days: Sequence[DateMention] = (),
    said_days: Sequence[DateMention] = (),
    lede_days: Sequence[DateMention] = (),
) -> DateMention | None:
    """In a follow-up report, the earliest of `shooting_days` (the days it gives the shooting
    itself) before the date its own sentences give the event, unless that date is one of them
    (a report recalling an earlier shooting: "a man was wounded at that location on Jan. 6");
    else the date `_event_date` chooses."""
    chosen = _event_date(mentions, stand_in, dates, harm, said_days, lede_days)
    if chosen is not None and chosen.value in {d.value for d in shooting_days}:
        return chosen
    earlier = [
        d
        for d in shooting_days
        if chosen is None
        or chosen.granularity != "day"
        or (d.value or "") < (chosen.value or "")
    ]
    if not earlier:
        return chosen
    return min(earlier, key=lambda d: (d.value or "", d.span.start))


def _event_date(
    mentions: Sequence[_Mention],
    stand_in: DateMention | None = None,
    dates: Sequence[DateMention] = (),
    harm: Sequence[HarmMention] = (),
    said_days: Sequence[DateMention] = (),
    lede_days: Sequence[DateMention] = (),
) -> DateMention | None:
    """The most precise date the event's own triggers carry, the earliest of those (a follow-up
    report repeats the day of its news, "pleaded guilty today", more often than it names the day
    of the shooting it follows, "the Dec. 28 shooting"; and a shooting comes before the death
    that follows it), a week or longer narrowed to a day within it that the text gives near the
    event or near who was hurt ("a fatal weekend shooting ... called to the house about 11 p.m.
    Saturday"); the dates of arrests and other strategic developments joined to it only where
    the attack has none; else a day next to its sentences (`_nearby_day`) no later than a death
    the report dates; else the earliest such death ("He died on Monday": the attack is no
    later); else the earliest day of a statement about it ("police said Sunday afternoon"); else
    `stand_in`, the day `_stand_in_day` gives the report. A death's day is the event's only
    where its sentence dates the wound too (`_day_of_the_wound`). In a first report (`lede_days`
    given: the days its lede tells relative to the page; in a report of what followed, those of
    its sentences saying who was hurt), a date from past the lede gives way to the lede's: a day
    its triggers carry in the lede, else, for a month or a year, the first of `lede_days` ("Four
    men shot Wednesday evening ... the Genesee Street shooting in August 2015": Wednesday)."""
    dated = [m.date for m in mentions if m.date is not None and m.trigger.family != "strategic"]
    # the days of deaths whose sentences date no wound: the attack is no later
    deaths: list[DateMention] = []
    for h in harm:
        day = _date_in_sentence(h.evidence, h.sentence_start, h.sentence_end, dates)
        if day is None:
            continue
        wound = _day_of_the_wound(day, h, dates)
        if _a_death(h) and wound is day:
            deaths.append(day)  # no wound dated in its sentence
        else:
            dated.append(wound)
    dated = dated or [m.date for m in mentions if m.date is not None]
    if not dated:
        nearby = _nearby_day([m.trigger for m in mentions], dates)
        death = min(deaths, key=lambda d: (d.value or "", d.span.start), default=None)
        if nearby is not None and (death is None or _no_later(nearby, death)):
            return nearby
        if death is not None:
            return death
        if said_days:
            return min(said_days, key=lambda d: (d.value or "", d.span.start))
        return stand_in
    precision = {"day": 0, "week": 1, "month": 2, "year": 3}
    dated.sort(key=lambda d: d.span.start)
    best = min(((d.value or "", d.granularity) for d in dated),
               key=lambda k: (precision[k[1]], k[0]))
    chosen = next(d for d in dated if (d.value or "", d.granularity) == best)
    span = date_range(chosen)
    if chosen.granularity != "day" and span is not None:
        # near the event's words or near the sentences saying who was hurt ("shot himself
        # during a February robbery ... robbed a man ... on Feb. 18")
        spots = [m.trigger for m in mentions] + [_harm_trigger([h]) for h in harm]
        nearby = _nearby_day(spots, dates)
        within = date_range(nearby) if nearby is not None else None
        if within is not None and span[0] <= within[0] and within[1] <= span[1]:
            return nearby
    if chosen.granularity != "day" and chosen.span.start >= LEDE_CHARS and lede_days:
        return min(lede_days, key=lambda d: d.span.start)
    if lede_days and chosen.span.start >= LEDE_CHARS:
        # an earlier day further down a first report is what came before ("the shooting
        # followed a fight on Friday night"): the day its lede gives the event holds
        in_lede = [d for d in dated if d.span.start < LEDE_CHARS and d.granularity == "day"]
        if in_lede:
            return min(in_lede, key=lambda d: d.span.start)
    return chosen


DEATH_WORDS = frozenset({"died", "dies", "succumbed"})
WOUND_DAYS = 7  # a death this many days at most after the wound its sentence dates


def _a_death(harm: HarmMention) -> bool:
    """Whether the words of a harm mention tell of a death that followed ("died", "succumbed"),
    not of the attack."""
    words = harm.evidence.text.lower().split()
    return bool(words) and words[0] in DEATH_WORDS


def _no_later(day: DateMention, than: DateMention) -> bool:
    first, second = date_range(day), date_range(than)
    return first is not None and second is not None and first[1] <= second[1]


def _day_of_the_wound(day: DateMention, harm: HarmMention,
                      dates: Sequence[DateMention]) -> DateMention:
    """The day of a death's sentence, unless the sentence also dates the wound, a day within a
    week before ("died Sunday from injuries suffered Saturday night": Saturday)."""
    if not _a_death(harm):
        return day
    death = date_range(day)
    earlier = [
        d for d in dates
        if harm.sentence_start <= d.span.start < harm.sentence_end
        and d.granularity == "day" and (span := date_range(d)) is not None and death is not None
        and 0 < (death[0] - span[0]).days <= WOUND_DAYS
    ]
    return min(earlier, key=lambda d: d.value or "", default=day)


IDENTIFICATION_WORDS = lexicons.words("identification_words")


def _stand_in_day(document: Document) -> DateMention | None:
    """The day of a report whose text gives its event none: its publication day (a local
    report that gives no day is about the day it appeared, more often than not), or the day
    before where its headline says who was shot ("KC police identify woman killed in quadruple
    shooting": written once the victim was known)."""
    day = (document.published or "")[:10]
    published = _valid_day(day) if len(day) == 10 else None
    if published is None:
        return None
    headline = document.title
    if headline is None:
        first = next((s for s in document.segments if s.kind == "title"), None)
        headline = document.segment_text(first) if first is not None else ""
    words = {word.strip(",.:;\"'()") for word in headline.lower().split()}
    if words & IDENTIFICATION_WORDS:
        before = (published - timedelta(days=1)).isoformat()
        return DateMention(span=Span(0, 0, ""), value=before, rule="publication-date-day-before")
    return DateMention(span=Span(start=0, end=0, text=""), value=day, rule="publication-date")


def _valid_day(day: str) -> date | None:
    """An ISO day as a date; None when it is no valid day."""
    try:
        return date.fromisoformat(day)
    except ValueError:
        return None


def _place_key(place: PlaceMention) -> str:
    candidate = place.resolved or place.candidates[0]
    return f"{candidate.country_code}:{candidate.name}"


def _main_place(
    mentions: Sequence[_Mention],
    located: Sequence[PlaceMention],
    places: Sequence[PlaceMention] = (),
    text: str = "",
) -> PlaceMention | None:
    """Where the event happened: among the places its sentences name as locations, else the
    document's (a dateline, "Houston police"), else any place the document names ("a Grandview
    woman"); settled places before unsettled ones; in the country named most often, the most
    specific place. A region is narrowed to a town in it that the document names, as a
    location if it can ("HAMPTON, Va. – ... in Virginia": Hampton)."""
    own = [m.place for m in mentions if m.place is not None]
    pools = (
        [p for p in own if p.resolved],
        [p for p in located if p.resolved],
        [p for p in own if p.candidates],
        [p for p in located if p.candidates],
        [p for p in places if p.resolved],
        [p for p in places if p.candidates],
    )
    pool = next((p for p in pools if p), None)
    if pool is None:
        return None

    def candidate(p: PlaceMention) -> PlaceCandidate:
        return p.resolved or p.candidates[0]

    countries = Counter(candidate(p).country_code for p in pool)
    country = max(countries, key=lambda code: countries[code])
    in_country = _in_main_region(
        [p for p in pool if candidate(p).country_code == country], places
    )
    names = Counter(_place_key(p) for p in in_country)
    best = min(
        in_country,
        key=lambda p: (PLACE_FEATURES.index(candidate(p).feature), -names[_place_key(p)]),
    )
    region = best.resolved
    if region is not None and region.feature == "city":
        return _city_around(best, places, text)
    if region is None or region.feature not in ("admin1", "admin2"):
        return best
    for named in (located, places):
        towns = [
            p
            for p in named
            if p.resolved is not None
            and p.resolved.feature == "city"
            and p.resolved.country_code == region.country_code
            and p.resolved.admin1 == region.admin1
            and (region.feature == "admin1" or p.resolved.admin2 == region.admin2)
        ]
        if towns:
            counts = Counter(_place_key(p) for p in towns)
            return max(towns, key=lambda p: counts[_place_key(p)])
    return best


def _in_main_region(
    pool: Sequence[PlaceMention], places: Sequence[PlaceMention]
) -> Sequence[PlaceMention]:
    """The places of the pool in the admin-1 unit the document's settled places lie in most
    often, where one does ("a night club in Chesterfield County, S.C. ... told WSOC-TV in
    Charlotte": South Carolina's county, not the station's town); the whole pool on a tie or
    where none of it lies there."""
    regions = Counter(
        region for p in places if p.resolved is not None
        and (region := region_of(p.resolved)) is not None
    )
    if not regions:
        return pool
    ranked = regions.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return pool
    main = ranked[0][0]
    inside = [p for p in pool if p.resolved is not None and region_of(p.resolved) == main]
    return inside or pool


def _event_place(
    mentions: Sequence[_Mention],
    located: Sequence[PlaceMention],
    places: Sequence[PlaceMention],
    text: str,
) -> PlaceMention | None:
    """The event's place (`_main_place`), unless it reads as a far namesake of a part of the
    city the report is anchored in (`_far_namesake`); where the text and the site's home leave
    its name ambiguous, the largest US namesake by a clear margin
    (place_choice.largest_us_namesake), else a part of the one large US town the document names
    (`_in_large_town`), else, in US local news, the largest US namesake (`_us_local`)."""
    place = _main_place(mentions, located, places, text)
    if place is None:
        return None
    settled = document_countries(places)
    place = largest_us_namesake(place, settled)
    if place.resolved is not None:
        return _far_namesake(place, places, text)
    place = _in_large_town(place, [largest_us_namesake(p, settled) for p in places])
    if place.resolved is not None or not _us_local(place, places, text):
        return place
    return largest_us_namesake(place, settled, us_only=True)


# Farther than any US town's suburbs reach across a state line (Hammond, Indiana, from Chicago):
# a namesake this far from the city a report is anchored in is no place near it.
FAR_NAMESAKE_KM = 300
# A large town's market: the towns its station and paper report from (Perham, Minnesota, from
# Fargo).
MARKET_KM = 150


def _far_namesake(place: PlaceMention, places: Sequence[PlaceMention], text: str) -> PlaceMention:
    """An event's place read as a town in another state or country, far from the one large US
    city the report is anchored in (its dateline, or the city whose police investigate), is a
    part of that city that shares a namesake's name ("CHICAGO — A shooting in Austin killed one
    teen": Chicago's Austin, not Austin, Texas; "Little Havana ... Miami police"): placed in the
    city, under its own name, as a neighbourhood is. A name the text narrows to one place
    ("Austin, Texas") stays."""
    chosen = place.resolved
    if chosen is None or len(place.candidates) < 2 or chosen.feature != "city":
        return place
    anchors = _large_us_towns(places, anchored_in=text)
    if len(anchors) != 1:
        return place
    town = next(iter(anchors.values()))
    if (chosen.country_code, chosen.admin1) == (town.country_code, town.admin1) or (
        _kilometres(chosen, town) <= FAR_NAMESAKE_KM
    ):
        return place
    return msgspec.structs.replace(place, candidates=(town,), resolved=town)


def _home(
    document: Document, places: Sequence[PlaceMention], phone: PhonePlace | None = None
) -> str | None:
    """The US state the site is at home in: named by its address (place_choice.home_region),
    else by its name after the headline (place_choice.title_home); else the state the page's
    telephone numbers lie in (extract/phones.py); else the one state the names the document
    leaves unsettled share (place_choice.shared_state)."""
    home = home_region(document.url)
    for segment in () if home is not None else document.segments_of("title"):
        home = title_home(document.segment_text(segment), segment.start, places)
        if home is not None:
            break
    if home is None and phone is not None:
        home = f"US|{phone.place.admin1 or phone.place.name}"
    return home or shared_state(places)


def _phone_place(phone: PhonePlace | None) -> PlaceMention | None:
    """For an event its page places nowhere, the town or state the page's telephone numbers
    lie in (a hint, rule PHONE_RULE, whose span is the number)."""
    if phone is None:
        return None
    return PlaceMention(span=phone.span, name=phone.place.name, candidates=(phone.place,),
                        resolved=phone.place, rule=PHONE_RULE)


# What only US local reporting writes: an address as a block ("the 300 block of North Street"),
# a county sheriff and his deputies.
US_LOCAL_WORDS = re.compile(r"\b(?:block of|[Ss]heriff|deputies)\b")


def _us_local(place: PlaceMention, places: Sequence[PlaceMention], text: str) -> bool:
    """Whether a report reads as US local news about its event's place: it tells of no place
    outside the US (`told_abroad`), and writes an address as a block or names a sheriff or
    deputies, or names the place's own police ("Lodi police said"), as towns in the US have."""
    if told_abroad(places):
        return False
    if US_LOCAL_WORDS.search(text):
        return True
    own_police = re.compile(r"\b" + re.escape(place.name) + CITY_POLICE.pattern, re.IGNORECASE)
    return own_police.search(text) is not None


def _in_large_town(place: PlaceMention, places: Sequence[PlaceMention]) -> PlaceMention:
    """An event's place left unsettled whose every namesake lies outside the state of the one
    large US town the document settles or reads as its far largest namesake, and none within
    MARKET_KM of it ("Whitehaven" in a story that names Memphis: not the town in England but a
    part of Memphis; "COLUMBUS (WCMH) -- ... shot in south Linden"): placed in that town, under
    its own name, as a neighbourhood is (extract/places.py `_in_town`). The one namesake within
    MARKET_KM is the place ("Perham" beside Fargo: the Minnesota town across the state line).
    US local news only: a village abroad that the gazetteer lacks is no part of the city a
    conflict report names. A name a large US town bears is no part of another ("Birmingham
    police" on a Columbus, Georgia station's page: Birmingham, Alabama, not a part of
    Columbus)."""
    towns = _large_us_towns(places)
    if len(towns) != 1 or any(
        c.country_code == "US" and c.feature == "city"
        and (c.population or 0) >= LARGE_CITY_POPULATION
        for c in place.candidates
    ):
        return place
    town = next(iter(towns.values()))
    near = [
        c for c in place.candidates if c.country_code == "US" and _kilometres(c, town) <= MARKET_KM
    ]
    if len(near) == 1:
        return msgspec.structs.replace(place, resolved=near[0])
    if near or any((c.country_code, c.admin1) == (town.country_code, town.admin1)
                   for c in place.candidates):
        return place
    return msgspec.structs.replace(place, candidates=(town,), resolved=town)


def _large_us_towns(
    places: Sequence[PlaceMention], anchored_in: str | None = None
) -> dict[int | None, PlaceCandidate]:
    """The US towns of LARGE_CITY_POPULATION the document settles, by GeoNames id; given the
    page's text (`anchored_in`), only those the report is anchored in: its dateline, or the
    town whose police investigate."""
    return {
        p.resolved.geonameid: p.resolved
        for p in places
        if p.resolved is not None
        and p.resolved.country_code == "US"
        and p.resolved.feature == "city"
        and (p.resolved.population or 0) >= LARGE_CITY_POPULATION
        and (
            anchored_in is None
            or CITY_POLICE.match(anchored_in, p.span.end) is not None
            or _dateline(p, anchored_in)
        )
    }


LARGE_CITY_POPULATION = 100_000


NEIGHBOURHOOD_KM = 20  # where GeoNames gives a place no county: this near the city's centre


def _kilometres(a: PlaceCandidate, b: PlaceCandidate) -> float:
    """Great-circle distance between two places (infinite where one has no coordinates)."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    lat1, lon1, lat2, lon2 = map(
        math.radians, (a.latitude or 0.0, a.longitude or 0.0, b.latitude or 0.0, b.longitude or 0.0)
    )
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


CITY_POLICE = re.compile(r"\s*(?:metro(?:politan)?\s+)?police\b", re.IGNORECASE)


def _dateline(place: PlaceMention, text: str) -> bool:
    """Whether a place stands as a dateline: in capitals at the start of a line ("DAYTON, Ohio
    (WDTN) -")."""
    line = text.rfind("\n", 0, place.span.start) + 1
    return place.name.isupper() and not text[line : place.span.start].strip()


def _city_around(
    place: PlaceMention, places: Sequence[PlaceMention], text: str
) -> PlaceMention:
    """A small place in the county of a large city whose police the document names, or that
    stands as its dateline, is a neighbourhood of the city ("SOUTH SHORE — Chicago Police have
    video ...", "DAYTON, Ohio (WDTN) – ... in Trotwood"): the city, whose police investigate or
    where the report is filed, is where the event is placed."""
    town = place.resolved
    if town is None or (town.population or 0) >= LARGE_CITY_POPULATION:
        return place
    cities = [
        p
        for p in places
        if p.resolved is not None
        and p.resolved.feature == "city"
        and (p.resolved.population or 0) >= LARGE_CITY_POPULATION
        and (p.resolved.country_code, p.resolved.admin1) == (town.country_code, town.admin1)
        and (
            (town.admin2 is not None and p.resolved.admin2 == town.admin2)
            or _kilometres(town, p.resolved) <= NEIGHBOURHOOD_KM
        )
        and (CITY_POLICE.match(text, p.span.end) is not None or _dateline(p, text))
    ]
    if not cities:
        return place
    counts = Counter(_place_key(p) for p in cities)
    return max(cities, key=lambda p: counts[_place_key(p)])


def _event_type(mentions: Sequence[_Mention]) -> tuple[str, str | None, tuple[str, ...], Trigger]:
    typing = [m.trigger for m in mentions if not m.trigger.weak] or [
        m.trigger for m in mentions
    ]
    types = Counter(t.event_type for t in typing)
    event_type = next(t for t in TYPE_ORDER if t in types)
    own = [t for t in typing if t.event_type == event_type]
    sub_type = Counter(t.sub_event_type for t in own).most_common(1)[0][0]
    others = sorted(
        {f"{t.event_type}: {t.sub_event_type}" for t in typing if t.event_type != event_type}
    )
    return event_type, sub_type, tuple(others), own[0]


def _nearest_cluster(
    position: int, clusters: Sequence[_Cluster], measure_family: Family | None
) -> int | None:
    best: tuple[int, int, int] | None = None
    for index, cluster in enumerate(clusters):
        if measure_family is not None and cluster.family != measure_family:
            continue
        for mention in cluster.mentions:
            trigger = mention.trigger
            same_sentence = 0 if _in_sentence(position, trigger) else 1
            distance = abs(trigger.span.start - position)
            key = (same_sentence, distance, index)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def _an_age(figure: Figure, text: str) -> bool:
    """A stated number of no population written as someone's age ("his son, 7, wounded"): it
    says nothing of how many were harmed, so a tally is not a part of it."""
    return figure.population is None and written_as_age(text, figure.span.start, figure.span.end)


def _harm_trigger(harm: Sequence[HarmMention]) -> Trigger:
    """People killed, injured or shot where no word names the event ("a 15-year-old was shot
    near a residence"): the first such words stand for a violent event, typed weakly."""
    first = min(harm, key=lambda m: m.evidence.start)
    return Trigger(
        span=first.evidence,
        sentence_start=first.sentence_start,
        sentence_end=first.sentence_end,
        event_type=VIOLENCE_AGAINST_CIVILIANS,
        sub_event_type=CIVILIAN_ATTACK,
        weak=True,
    )


def assemble_events(
    document: Document,
    *,
    triggers: Sequence[Trigger] = (),
    attributions: Sequence[Attribution] = (),
    figures: Sequence[Figure] = (),
    dates: Sequence[DateMention] = (),
    places: Sequence[PlaceMention] = (),
    locations: Collection[int] = (),
    harm: Sequence[HarmMention] = (),
) -> Assembly:
    """The events one document reports, from the records extracted from its title and body:
    `locations` holds the start offsets of the places named as where something happens. Each
    event's harm mentions are counted into its people and a tally (extract/people.py)."""
    event_dates = [d for d in dates if _dates_an_event(d, document.text)]
    said_days = [
        d
        for d in dates
        if d.granularity == "day"
        and date_range(d)
        and d.rule not in LATER_THAN_THE_PAGE
        and _dates_a_statement(d, document.text)
    ]
    # a page that tells of a place abroad is no local report: its numbers are a desk's
    local = not told_abroad(places)
    phone = phone_home(phone_places(document.text)) if local else None
    # names the text leaves unsettled are read in the site's town or home state, for the
    # events only
    places = settle_at_home(
        settle_at_address_town(places, document.url), _home(document, places, phone)
    )
    located = [p for p in places if p.span.start in locations]
    if harm and not any(t.family == "violence" for t in triggers):
        triggers = [*triggers, _harm_trigger(harm)]
    mentions = [
        _Mention(
            trigger=trigger,
            actors=list(trigger.actors),
            date=_sentence_date(trigger, event_dates),
            place=_sentence_place(trigger, located),
        )
        for trigger in triggers
    ]
    clusters = _cluster_mentions(mentions)
    if not clusters:
        return Assembly()
    shooting_days = _shooting_days(document.text, triggers, harm, event_dates)
    asides = [d for d in event_dates if _opens_an_aside(d, document.text)]
    stand_in = _stand_in_day(document)
    # each day as the text first writes it (the cluster's date ranks a day its lede writes)
    first_written: dict[str, DateMention] = {}
    for day in sorted(event_dates, key=lambda d: d.span.start):
        if day not in asides and day.value is not None and day.granularity == "day":
            first_written.setdefault(day.value, day)
    occurred = [first_written[d.value] for d in occurrence_days(document.text, event_dates)
                if d not in asides and d.value is not None]
    # the sentences that say who was hurt, not of a death after; and those of the shooting
    hurt_sentences = {(h.sentence_start, h.sentence_end) for h in harm if not _a_death(h)}
    shooting_sentences = hurt_sentences | {(t.sentence_start, t.sentence_end) for t in triggers
                                           if t.family == "violence"}
    shooting_sentences |= response_sentences(document.text)  # the response, the shots, the bodies
    clocked = [first_written[d.value]
               for d in clock_days(document.text, event_dates, shooting_sentences)
               if d not in asides and d.value is not None]
    figure_ids: list[list[str]] = [[] for _ in clusters]
    for figure in figures:
        if figure.measure is None:
            continue
        family = MEASURE_FAMILY.get(figure.measure)
        index = _nearest_cluster(figure.span.start, clusters, family)
        if index is None:
            index = _nearest_cluster(figure.span.start, clusters, None)
        if index is not None:
            figure_ids[index].append(figure.id)
    harmed: list[list[HarmMention]] = [[] for _ in clusters]
    for hurt in harm:
        index = _nearest_cluster(hurt.evidence.start, clusters, "violence")
        if index is not None:
            harmed[index].append(hurt)
    figure_spans = {f.id: f.span for f in figures}
    by_id = {f.id: f for f in figures}
    events: list[Event] = []
    tallies: list[Figure] = []
    people: list[Person] = []
    # the days a report's lede tells relative to the page ("Four men shot Wednesday evening")
    lede_days = [d for d in event_dates if d.span.start < LEDE_CHARS
                 and d.rule in RELATIVE_DAY_RULES and date_range(d)]
    # in a report of what followed, those of sentences saying who was hurt ("Four men shot
    # Wednesday evening ... One Was Arrested After 2015 Mass Shooting")
    hurt_lede_days = [d for d in lede_days
                      if any(start <= d.span.start < end for start, end in hurt_sentences)]
    what_followed = _tells_what_followed(document.text)
    for cluster, ids, counted in zip(clusters, figure_ids, harmed, strict=True):
        event_type, sub_type, sub_events, main = _event_type(cluster.mentions)
        # a report of what followed the shooting: an arrest among the event's words, or words
        # of a charge, a plea or a funeral anywhere in it
        follow_up = what_followed or any(m.trigger.family == "strategic"
                                         for m in cluster.mentions)
        event_figure_spans = [figure_spans[i] for i in ids]
        trigger_spans = [m.trigger.span for m in cluster.mentions]
        attribution_ids = tuple(
            a.id
            for a in attributions
            if any(
                a.content.start <= s.start and s.end <= a.content.end
                for s in (*event_figure_spans, *trigger_spans)
            )
        )
        actors: dict[tuple[str, str], Actor] = {}
        for mention in cluster.mentions:
            for actor in mention.actors:
                actors.setdefault((actor.name.lower(), actor.role), actor)
        event_id = record_id(document.id, main.span.start, main.span.end)
        tally = count_people(counted)
        own_tallies = tally_figures(
            tally,
            event_id,
            stated=[by_id[i] for i in ids if not _an_age(by_id[i], document.text)],
            attributions=attributions,
            voice=document.voice[0],
        )
        # the people behind a count the event reports; none where stated numbers say more
        counted_measures = {f.measure for f in own_tallies}
        own_people = [p for p in people_records(tally, event_id) if p.status in counted_measures]
        people += own_people
        tallies += own_tallies
        default = _most_common_date(
            _without_asides(cluster.mentions, asides),
            stand_in,
            [d for d in event_dates if d not in asides],
            counted,
            [d for d in shooting_days if d not in asides] if follow_up else (),
            said_days,
            hurt_lede_days if follow_up else lede_days,
        )
        events.append(
            Event(
                id=event_id,
                document_id=document.id,
                trigger=main.span,
                event_type=event_type,
                sub_event_type=sub_type,
                sub_events=sub_events,
                date=_told_day(cluster, default, occurred)
                or _told_day(cluster, default, clocked)
                or default,
                place=_event_place(cluster.mentions, located, places, document.text)
                or _phone_place(phone),
                actors=tuple(actors.values()),
                figure_ids=(*ids, *(f.id for f in own_tallies)),
                attribution_ids=attribution_ids,
                person_ids=tuple(p.id for p in own_people),
            )
        )
    return Assembly(events=events, figures=tallies, people=people)
