"""Counting people, not mentions: the harm mentions of one event resolved into the people they
refer to, and the event's killed and injured counts derived from those people and the groups
the text counts.

Mentions of one person are merged when they share a name, or an age and gender, or when a
definite mention ("the victim", "he", "the 16-year-old") follows a person it fits; an indefinite
one ("a man") brings in someone new. A person's status is the worst said of them ("was shot" ...
"died at the hospital": killed). Groups ("five people were shot", "a quadruple shooting", "two
boys dead") give lower bounds; "the others" is the rest of the largest group; an ordinal ("a
second victim") says at least that many; "no one was hurt" says nobody else.

    killed  = max(people killed, the largest group killed, ordinals of the killed)
    shot    = max(the largest group shot, killed + injured people or groups)
    injured = max(people injured, the largest group injured, shot - killed)

The headline is counted apart and stands in only for a count the body does not give: a
headline repeats the body's people ("Man killed" and "A man was shot and killed" are one man).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from claimledger.model import (
    Attribution,
    Count,
    Figure,
    HarmMention,
    Person,
    PersonRole,
    Span,
    record_id,
)

RULE = "people.v1"
PRONOUNS = frozenset({"he", "him", "she", "her", "they", "them"})
CHILD_WORDS = frozenset(
    {"child", "girl", "boy", "baby", "toddler", "infant", "kid", "newborn", "preschooler"}
)  # fmt: skip
ADULT_WORDS = frozenset(
    {"man", "woman", "mother", "father", "wife", "husband", "adult", "grandmother",
     "grandfather", "mom", "dad", "boyfriend", "girlfriend"}
)  # fmt: skip


def _stage(mention: HarmMention) -> str | None:
    """A child or an adult, where the mention tells: by age, else by its head noun ('the child',
    'her mother')."""
    if mention.age is not None:
        # a teenager may be called a boy or a man
        return "child" if mention.age < 13 else ("adult" if mention.age >= 21 else None)
    words = mention.span.text.lower().replace("’s", " ").replace("'s", " ").split()
    head = words[-1].strip(".,") if words else ""
    if head in CHILD_WORDS:
        return "child"
    if head in ADULT_WORDS:
        return "adult"
    return None


@dataclass
class _Someone:
    status: str
    role: PersonRole
    name: str | None
    age: int | None
    gender: str | None
    mentions: list[Span] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    # said to be hurt, not only shot ("wounded", "in critical condition"): someone who lived
    hurt: bool = False
    sentences: set[int] = field(default_factory=set)
    stage: str | None = None  # "child" or "adult", where some mention tells

    def fits(self, mention: HarmMention) -> bool:
        """Whether the mention can refer to this person (nothing it says contradicts)."""
        if mention.gender and self.gender and mention.gender != self.gender:
            return False
        if mention.age is not None and self.age is not None and mention.age != self.age:
            return False
        if mention.name and self.name and not _same_name(mention.name, self.name):
            return False
        stage = _stage(mention)
        if stage and self.stage and stage != self.stage:
            return False  # "the child" is not "her mother"
        # a pronoun tells no role: "the suspect ... he died"
        suspect = (mention.role == "suspect") != (self.role == "suspect")
        return not suspect or mention.span.text.lower() in PRONOUNS

    def take(self, mention: HarmMention) -> None:
        self.mentions.append(mention.span)
        self.evidence.append(mention.evidence)
        self.hurt = self.hurt or mention.status == "injured"
        self.sentences.add(mention.sentence_start)
        self.stage = self.stage or _stage(mention)
        self.name = self.name or mention.name
        self.age = self.age if self.age is not None else mention.age
        self.gender = self.gender or mention.gender
        if mention.role != "victim":
            self.role = mention.role
        if mention.status == "killed" or self.status == "killed":
            self.status = "killed"
        else:
            self.status = "injured"


def _same_name(a: str, b: str) -> bool:
    """'Kevie Durham' and 'Durham' name one person; 'Michelle Stone' and 'Richard Stone' two,
    'Kenacia' and 'Destacia Straughn' two: one name's words are all in the other's."""
    words_a = {w.strip(".,") for w in a.lower().replace("’s", "").replace("'s", "").split()}
    words_b = {w.strip(".,") for w in b.lower().replace("’s", "").replace("'s", "").split()}
    return bool(words_a) and bool(words_b) and (words_a <= words_b or words_b <= words_a)


@dataclass
class Tally:
    """What one event's text says of its harmed: the people and the counts."""

    people: list[_Someone]
    killed: int
    injured: int
    evidence: dict[str, list[Span]]  # the words naming the people and what happened to them
    # of those, the suspects (a shooter killed by police, one who turned the gun on himself)
    suspects_killed: int = 0
    suspects_injured: int = 0
    # the sentences the counted mentions stand in, (start, end) page offsets
    sentences: frozenset[tuple[int, int]] = frozenset()


def _match(mention: HarmMention, people: Sequence[_Someone]) -> _Someone | None:
    for person in people:
        if mention.span in person.mentions:
            return person  # the same words, read twice ("was shot and killed")
    if mention.ordinal is not None:
        return None  # "a second victim", "another man": someone new
    if mention.name:
        for person in people:
            if person.name and _same_name(person.name, mention.name):
                return person
    if mention.age is not None:
        for person in reversed(people):
            if person.age == mention.age and person.fits(mention):
                return person
    if mention.definite or mention.name:
        fitting = [
            p for p in reversed(people)
            if p.fits(mention) and (p.name is None or mention.name is None)
        ]
        if mention.status == "killed":
            # "A juvenile was killed and a driver was shot ... the 17-year-old boy killed": the
            # one already dead, not the latest person named
            fitting.sort(key=lambda p: p.status != "killed")
        return fitting[0] if fitting else None
    # An indefinite mention ("a man", "one person") in another sentence than everyone it could
    # be retells the one person a single-victim story is about; in the same sentence it is
    # someone else ("a man was killed and a woman wounded").
    candidates = [p for p in people if p.fits(mention)]
    if len(candidates) == 1 and len(people) == 1 and not _same_sentence(candidates[0], mention):
        return candidates[0]
    # ... as is one killed the way the only person killed so far was ("A 12-year-old girl has
    # died" ... "girl slain"; "A man is dead after a man was shot and killed": other words)
    bucket = "killed" if mention.status == "killed" else "injured"
    same_fate = [p for p in candidates if p.status == bucket == "killed"]
    killed = [p for p in people if p.status == "killed"]
    if (
        len(same_fate) == 1
        and len(killed) == 1
        and same_fate[0].gender == mention.gender
        and (
            not _same_sentence(same_fate[0], mention)
            or mention.evidence not in same_fate[0].evidence
        )
    ):
        return same_fate[0]
    return None


def _same_sentence(person: _Someone, mention: HarmMention) -> bool:
    return any(
        mention.sentence_start <= span.start < mention.sentence_end for span in person.mentions
    )


def _count(mentions: Sequence[HarmMention]) -> Tally:
    people: list[_Someone] = []
    # the largest group and ordinal per (side, status): suspects are counted apart from their
    # victims ("four people were killed ... then she turned the gun on herself" is five dead)
    largest: dict[tuple[bool, str], int] = {}
    ordinal: dict[tuple[bool, str], int] = {}
    evidence: dict[str, list[Span]] = {"killed": [], "injured": []}
    rest: set[str] = set()  # statuses "the others" had
    for mention in mentions:
        status = mention.status
        bucket = "killed" if status == "killed" else "injured"
        if mention.kind == "none":
            continue
        if mention.kind == "others":
            rest.add(bucket)
            evidence[bucket] += [mention.span, mention.evidence]
            continue
        evidence[bucket] += [mention.span, mention.evidence]
        key = (mention.role == "suspect", status)
        if mention.kind == "group":
            if mention.number is not None:
                largest[key] = max(largest.get(key, 0), mention.number)
            continue
        if mention.ordinal is not None:
            # "a second man has died": the second death; "a fourth victim was in critical
            # condition": the fourth person shot, of whatever status
            counted_as = key if status == "killed" else (key[0], "shot")
            ordinal[counted_as] = max(ordinal.get(counted_as, 0), mention.ordinal)
        person = _match(mention, people)
        if person is None:
            person = _Someone(
                status=bucket,
                role=mention.role,
                name=mention.name,
                age=mention.age,
                gender=mention.gender,
            )
            people.append(person)
        person.take(mention)
    people = _shot_then_dead(people)
    killed = injured = 0
    by_side: dict[bool, tuple[int, int]] = {}
    for suspect in (False, True):
        side = [p for p in people if (p.role == "suspect") == suspect]

        def most(status: str, suspect: bool = suspect) -> int:
            key = (suspect, status)
            return max(largest.get(key, 0), ordinal.get(key, 0))

        dead = _people_or_group(side, "killed", most("killed"))
        # the people only said to have been shot are members of a group shot, if the text
        # gives one: "two young children and an adult were shot ... a 4-year-old girl ..."
        hurt_group = most("injured") or max(most("shot") - dead, 0)
        hurt = _people_or_group(side, "injured", hurt_group, _dead_unnamed(side, dead))
        everyone = max((n for (s, _), n in largest.items() if s == suspect), default=0)
        if not suspect and everyone:
            # "one of five people shot ... the others suffered injuries"
            if "injured" in rest:
                hurt = max(hurt, everyone - dead)
            if "killed" in rest:
                dead = max(dead, everyone - hurt)
        shot = max(most("shot"), dead + hurt)
        by_side[suspect] = (dead, max(hurt, shot - dead))
        killed += dead
        injured += max(hurt, shot - dead)
    return Tally(
        people=people, killed=killed, injured=injured, evidence=evidence,
        suspects_killed=by_side[True][0], suspects_injured=by_side[True][1],
        sentences=frozenset(
            (m.sentence_start, m.sentence_end) for m in mentions if m.kind != "none"
        ),
    )


def _shot_then_dead(people: list[_Someone]) -> list[_Someone]:
    """Someone only said to have been shot ("a man was shot Saturday") is the one the report
    says died ("a 24-year-old was pronounced dead"), when exactly one dead person fits them
    and nothing tells them apart: not a name, an age, a sentence naming both."""
    dead = [p for p in people if p.status == "killed"]
    kept: list[_Someone] = []
    for person in people:
        if person.status == "killed" or person.hurt:
            kept.append(person)
            continue
        fitting = [d for d in dead if _could_be(person, d) and not person.sentences & d.sentences]
        if len(fitting) == 1:
            fitting[0].mentions += person.mentions
            fitting[0].evidence += person.evidence
            continue
        kept.append(person)
    return kept


def _could_be(a: _Someone, b: _Someone) -> bool:
    if a.gender and b.gender and a.gender != b.gender:
        return False
    if a.age is not None and b.age is not None and a.age != b.age:
        return False
    if a.name and b.name and not _same_name(a.name, b.name):
        return False
    return (a.role == "suspect") == (b.role == "suspect")


def _dead_unnamed(side: Sequence[_Someone], dead: int) -> int:
    """How many of the dead the text counts without telling who they were ("a fatal shooting",
    "two people were killed"): people only said to have been shot may be those."""
    return max(dead - sum(p.status == "killed" for p in side), 0)


def _people_or_group(
    side: Sequence[_Someone], status: str, group: int, unknown_dead: int = 0
) -> int:
    """Where the text counts a group ("three officers were killed"), the group's size, unless
    more people of that status are named; unnamed people ("he", "the deputy") are then taken
    for members of the group, not for more people. Of the people only said to have been shot,
    as many as the dead the text does not name are taken for those dead ("a man was shot ...
    the fatal shooting": one man, killed)."""
    people = [p for p in side if p.status == status]
    if unknown_dead:
        shot_only = [p for p in people if not p.hurt]
        people = [p for p in people if p.hurt] + shot_only[unknown_dead:]
    if not group:
        return len(people)
    return max(group, sum(p.name is not None for p in people))


def count_people(mentions: Sequence[HarmMention]) -> Tally:
    """The people and counts of one event's harm mentions. The headline is counted apart and
    stands in only for what the body does not count: headlines parse badly ("Nine Injured In
    Strip Mall Shooting, Suspect Dead") and repeat the body's people."""
    listed = [m for m in mentions if m.listed]
    if listed:
        # a killer's headline lists every one of the dead, himself too: the count of the dead,
        # whatever the body's sentences add by telling one of them twice or leave out
        counted = count_people([m for m in mentions if not m.listed])
        whole = max(listed, key=lambda m: m.number or 0)
        evidence = dict(counted.evidence)
        evidence["killed"] = [*evidence["killed"], whole.span, whole.evidence]
        return replace(
            counted, killed=whole.number or 0, evidence=evidence,
            suspects_killed=max(counted.suspects_killed, 1),
        )
    body = _count([m for m in mentions if not m.headline])
    headline = _count([m for m in mentions if m.headline])
    if headline.killed > body.killed and _only_a_fatal_shooting(mentions):
        # "4 Shot, 2 Killed" over a body that says only "a deadly shooting": the headline's dead
        body = _count([m for m in mentions if not m.headline and m.status != "killed"])
    if (body.killed or not headline.killed) and (body.injured or not headline.injured):
        return body
    # The headline adds a status the body does not count, not more people than both count:
    # "Friend shot" over a body that says the friend was killed adds no one injured.
    everyone = max(body.killed + body.injured, headline.killed + headline.injured)
    killed = body.killed or headline.killed
    injured = body.injured or headline.injured
    room = max(everyone - killed, 0)
    if any(m.headline and m.status == "injured" and m.kind != "none" for m in mentions):
        # "One man dead, two juveniles injured in triple shooting" over a body counting three
        # shot and no one dead: the two the headline says
        room = max(room, headline.injured)
    injured = min(injured, room)
    if (killed, injured) == (body.killed, body.injured):
        return body
    return Tally(
        people=body.people if len(body.people) >= len(headline.people) else headline.people,
        killed=killed,
        injured=injured,
        evidence={k: body.evidence[k] + headline.evidence[k] for k in body.evidence},
        suspects_killed=max(body.suspects_killed, headline.suspects_killed),
        suspects_injured=max(body.suspects_injured, headline.suspects_injured),
        sentences=body.sentences | headline.sentences,
    )


def _only_a_fatal_shooting(mentions: Sequence[HarmMention]) -> bool:
    """Whether the body tells of the dead only by 'a fatal shooting', 'a deadly shooting': that
    someone died, not how many."""
    dead = [m for m in mentions if not m.headline and m.status == "killed" and m.kind != "none"]
    return bool(dead) and all(
        m.kind == "group" and m.span.text.lower().split()[-1] == "shooting" for m in dead
    )


def people_records(tally: Tally, event_id: str) -> list[Person]:
    """The tally's people as records, ids derived from the event and the first mention."""
    records = []
    for someone in tally.people:
        first = someone.mentions[0]
        records.append(
            Person(
                id=record_id("person", event_id, first.start, first.end),
                status="killed" if someone.status == "killed" else "injured",
                role=someone.role,
                name=someone.name,
                age=someone.age,
                gender=someone.gender,  # type: ignore[arg-type]
                mentions=tuple(someone.mentions),
                evidence=tuple(someone.evidence),
            )
        )
    return records


def _source(
    evidence: Sequence[Span], attributions: Sequence[Attribution], voice: str
) -> tuple[str, str | None]:
    """Who the counted sentences are attributed to: the innermost attribution holding the first
    evidence that one holds ("a man was shot and killed, police said"), else the page's voice."""
    for span in evidence:
        holding = [
            a
            for a in attributions
            if a.content.start <= span.start and span.end <= a.content.end and a.cue
        ]
        if holding:
            inner = min(holding, key=lambda a: a.content.end - a.content.start)
            return inner.source_name or voice, inner.id
    return voice, None


def _says_more(number: int, stated: Sequence[Figure]) -> bool:
    """Whether a tally adds to the numbers the event's text states for the same measure: it
    does where none is stated, or where it exceeds them all ("A man was killed": 1 where the
    text has no number). A tally equal to a stated number repeats it ("at least 40 people were
    killed" is already a figure, with its hedge); one below the largest is a part of it ("five
    Russians" among "more than 200")."""
    for figure in stated:
        low, high = figure.count.low, figure.count.high
        if (low is not None and low >= number) or (high is not None and high >= number):
            return False
    return True


def tally_figures(
    tally: Tally,
    event_id: str,
    *,
    stated: Sequence[Figure] = (),
    attributions: Sequence[Attribution] = (),
    voice: str = "",
) -> list[Figure]:
    """The tally's killed and injured counts as figures (rule people.v1), each with the words
    that make it and the source of the sentences it comes from; none for a count of 0 or for
    one the event's stated figures (`stated`) in the same sentences already give (a number
    stated elsewhere, "212 people killed in the city this year", is no part of this count).
    Everyone shot is counted, suspects
    included (as the Gun Violence Archive counts); the suspects among them are also a figure of
    their own, population "suspects", so the ledger keeps them apart."""
    figures = []
    for measure, number in (("killed", tally.killed), ("injured", tally.injured)):
        evidence = tally.evidence.get(measure, [])
        same_measure = [
            f for f in stated
            if f.measure == measure and not f.negated
            and any(start <= f.span.start < end for start, end in tally.sentences)
        ]
        if number <= 0 or not evidence or not _says_more(number, same_measure):
            continue
        # who and what happened to them, in text order; the figure reads as the first who
        ordered = sorted(set(evidence), key=lambda span: (span.start, span.end))
        source, attribution_id = _source(ordered, attributions, voice)
        suspects = tally.suspects_killed if measure == "killed" else tally.suspects_injured
        if 0 < suspects < number:
            figures.append(
                Figure(
                    id=record_id("tally", event_id, measure, "suspects"),
                    span=ordered[0],
                    count=Count(low=suspects, high=suspects, conservative=suspects),
                    measure=measure,  # type: ignore[arg-type]
                    population="suspects",
                    attribution_id=attribution_id,
                    source_name=source,
                    rule=RULE,
                    evidence=tuple(ordered),
                )
            )
        figures.append(
            Figure(
                id=record_id("tally", event_id, measure),
                span=ordered[0],
                count=Count(low=number, high=number, conservative=number),
                measure=measure,  # type: ignore[arg-type]
                attribution_id=attribution_id,
                source_name=source,
                rule=RULE,
                evidence=tuple(ordered),
            )
        )
    return figures
