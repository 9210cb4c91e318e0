"""Counting people, not mentions: harm mentions read off the parse, resolved into people.

Every sentence here is written for these tests, in the shapes local reports use."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from claimledger.extract.harm import find_harm
from claimledger.extract.people import count_people
from parsing import parse, within

pytestmark = pytest.mark.model


def counts(text: str, title: str = "", published: str | None = None) -> tuple[int, int]:
    mentions = []
    if title:
        mentions += find_harm(within(parse(title), start=0, kind="title", published=published))
    body_start = len(title) + 2 if title else 0
    mentions += find_harm(within(parse(text), start=body_start, published=published))
    tally = count_people(mentions)
    return tally.killed, tally.injured


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # people named by a description, not a number
        ("A teenager was killed in a quadruple shooting on the east side.", 1, 3),
        # the parse gives the number to the possessor
        ("A man killed a police officer and critically wounded two sheriff's deputies.", 1, 2),
        # the parse makes 'quadruple' a noun the shooting qualifies
        ("Police are investigating a quadruple shooting outside a jazz club.", 0, 4),
        ("Marcus Webb, 31, was shot and killed outside a store on Friday.", 1, 0),
        ("A woman and her 6-year-old son were found shot dead in their home.", 2, 0),
        ("Police said a man was shot in the leg. He was taken to a hospital in stable "
         "condition.", 0, 1),
        # one group, its parts told apart
        ("Four people were shot early Sunday, one fatally, police said.", 1, 3),
        ("Darnell Hill was one of five people shot at the party and died at the scene. The others "
         "suffered injuries that were not life-threatening.", 1, 4),
        ("The gunfire left two men dead and three others wounded.", 2, 3),
        # the same person, mentioned again
        ("A 19-year-old man was shot Saturday night. The victim, identified as Dion Park, 19, "
         "died Sunday at the hospital. Park's mother said he loved basketball.", 1, 0),
        ("A woman was injured in the shooting. She is expected to survive, police said.", 0, 1),
        # the shooter counts too
        ("Three people were killed before the gunman turned the gun on himself.", 4, 0),
    ],
)
def test_counts_people_in_the_ways_reports_state_them(
    text: str, killed: int, injured: int
) -> None:
    assert counts(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A man was shot and killed on Elm Street. No one else was hurt.", 1, 0),
        ("Shots were fired at the house, but no one was injured.", 0, 0),
        ("The driver was not injured.", 0, 0),
        ("The boy was shot in the head. Neither of his brothers or his mother were injured, "
         "police said.", 0, 1),
        ("A man was shot. Neither the driver nor his passenger was hurt.", 0, 1),
    ],
)
def test_zeros_and_negation_count_nobody(text: str, killed: int, injured: int) -> None:
    assert counts(text) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "The bullet could have killed someone, the officer said.",
        "He threatened to shoot his neighbor during the argument.",
        "Police said the man tried to kill his wife with a knife.",
        "His son said the crash nearly killed his father last year.",
        "Any time one of our students is hurt or passes away it has a huge impact on us.",
        "Anytime a child is shot, the whole school feels it.",
        "Whenever a child is wounded, the whole city grieves.",
        "Every time someone is shot here, the neighbors call the pastor.",
    ],
)
def test_hypotheticals_and_attempts_count_nobody(text: str) -> None:
    assert counts(text) == (0, 0)


def test_a_headline_repeating_the_body_is_not_counted_twice() -> None:
    title = "Man killed, woman hurt in Dayton shooting"
    body = "A man was killed and a woman was wounded in a shooting on Friday, police said."
    assert counts(body, title=title) == (1, 1)


def test_a_statistic_of_the_year_is_no_toll_of_the_event() -> None:
    text = ("A man was shot and killed Tuesday. So far this year, 212 people have been killed "
            "in the city.")
    assert counts(text) == (1, 0)
    text = "Seven people were wounded. So far in 2017, at least 47 people have been killed here."
    assert counts(text) == (0, 7)
    text = "A woman was wounded. So far this month, nine people have been shot in the area."
    assert counts(text) == (0, 1)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # an earlier incident, dated by its year, told for comparison
        ("A woman was shot and killed at the mall on Saturday. In March 2011, a gunman killed "
         "nine people at a theater across town.", 1, 0),
        ("Two men were wounded outside the club. The same club saw three people killed in "
         "2009.", 0, 2),
        # the page's own incident, told again at a trial: dated to the day
        ("Reed pleaded guilty Monday. On June 4, 2013, Lena Cole, 30, was shot and killed in "
         "her driveway.", 1, 0),
        # the page's own year
        ("In 2016, a man was shot and killed on Oak Street.", 1, 0),
        # an earlier year dating only a noun of the sentence
        ("A vigil for a man slain in 2014 ended in gunfire, killing one man and wounding three "
         "other people.", 1, 3),
    ],
)
def test_an_incident_of_an_earlier_year_is_not_counted(
    text: str, killed: int, injured: int
) -> None:
    assert counts(text, published="2016-05-02") == (killed, injured)
    # without the page's date nothing is taken for an earlier year
    assert counts("Three people were killed in 2009.") == (3, 0)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # another incident, dated by a month of the year before the page's
        ("A boy was wounded on Elm Street on Friday. Another boy died in a shooting in the same "
         "town last November.", 0, 1),
        # an incident the sentence calls another
        ("Two men were wounded on Elm Street. In an unrelated shooting, a woman was killed on "
         "Oak Street.", 0, 2),
        # ... and told on in the sentence after it
        ("A girl was killed on Friday. Last year, a 9-year-old was shot at a park nearby. In that "
         "shooting, a neighbor's gun killed 9-year-old Ava Stone.", 1, 0),
    ],
)
def test_an_incident_told_for_comparison_is_not_counted(
    text: str, killed: int, injured: int
) -> None:
    assert counts(text, published="2016-03-02") == (killed, injured)


def test_a_month_named_as_the_pages_own_is_counted() -> None:
    # "last Monday" is no month; "last March" on a page of March is the page's own month
    text = "A man was shot and killed last Monday. Two women were wounded last March."
    assert counts(text, published="2016-03-02") == (1, 2)


def test_a_sentence_of_separate_shootings_counts_no_one_of_the_event() -> None:
    text = ("A man was wounded on Pine Street on Sunday. It came a week after two women and a "
            "boy were killed in separate shootings nearby.")
    assert counts(text) == (0, 1)


def test_suspects_count_in_the_total_and_as_a_population_of_their_own() -> None:
    from claimledger.extract.people import tally_figures

    mentions = find_harm(
        within(parse("Two people were killed before police shot and killed the gunman."))
    )
    tally = count_people(mentions)
    assert (tally.killed, tally.suspects_killed) == (3, 1)
    figures = tally_figures(tally, "event")
    by_population = {f.population: f.count.low for f in figures if f.measure == "killed"}
    assert by_population == {None: 3, "suspects": 1}


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # an age after a name is no group of that many
        ("Keisha Brown, 29, Tom Reyes, 33, Dana Cole, 25 and Paul Gant, 41 were taken to a "
         "hospital with gunshot wounds.", 0, 4),
        # the 'year' of an age is no statistic of the year
        ("A 19-year-old man is dead after a shooting on Elm Street earlier this week.", 1, 0),
        ("One person was killed and another injured when a gunman opened fire on a porch.", 1, 1),
        ("Police are searching for a gunman after a teenage boy was found shot.", 0, 1),
        # a surname the tagger does not know, of a name the page gives in full
        ("Tyrell Hicks was shot by a friend on Sunday. Hicks died from his wound on Tuesday.",
         1, 0),
        ("Two of the victims, 21-year-old Alan Pike and 30-year-old Rosa Lind, were pronounced "
         "deceased at the scene.", 2, 0),
        # a part of a group: three killed of four shot
        ("Police said three of four members of a family were fatally shot.", 3, 1),
        # "shot and killed" is fatal only where both verbs have one patient
        ("Four men were shot and one was killed overnight.", 1, 3),
        ("Police said the father shot him and killed his sister.", 1, 1),
        # each count with its own word: three injured, not three dead
        ("Police arrested a man for involvement in a drive-by shooting that left one dead and "
         "three injured.", 1, 3),
        # "he" may be the suspect: the suspect shot, then dead, is one person
        ("The suspect was shot by an officer during the chase. He died at the hospital.", 1, 0),
        ("A woman was wounded when the suspect opened fire. Officers shot the suspect. He died "
         "at the scene.", 1, 1),
        # the killer's own death, listed with the dead or told by who shot him
        ("A high school student killed four classmates and himself in the cafeteria.", 5, 0),
        ("Four people were killed by a man on a rampage before he was shot and killed by "
         "police.", 5, 0),
        ("A deputy was wounded and the suspect was shot by officers.", 0, 2),
        # "the child" is not "her mother"
        ("A 9-year-old girl and her mother were shot on Friday. The child was pronounced dead at "
         "the hospital. Her mother is in stable condition.", 1, 1),
        # the same sentence retells the only man killed in other words
        ("A woman was wounded in the shooting. A man is dead after a man was shot and killed in "
         "a parking lot on Friday.", 1, 1),
        # "a girl slain" retells the only girl killed, whoever else was hurt
        ("A 12-year-old girl has died after a drive-by shooting, and a 3-year-old boy was badly "
         "injured. Neighbors held a vigil for a girl slain on her porch.", 1, 1),
    ],
)
def test_names_ages_and_wordings_of_local_reports(text: str, killed: int, injured: int) -> None:
    assert counts(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "title", "killed", "injured"),
    [
        # a scraped page repeating its headline: 'one' counted again is the same one
        ("One killed, three hurt in shooting Police are investigating a shooting that left one "
         "person dead and three injured.", "", 1, 3),
        # the person shot is the one the fatal shooting killed
        ("Police are investigating a fatal shooting on Oak Street. A man was shot in the chest "
         "outside his home.", "", 1, 0),
        # the headline's friend, shot, is the body's friend, killed
        ("A 14-year-old boy was charged Monday with killing his friend while they played with a "
         "gun.", "Teen charged in shooting of friend", 1, 0),
        ("Police are investigating a non-fatal shooting on Main Street.", "", 0, 0),
        # a headline's counts as its verbs' objects, over a body that gives none
        ("Police said several people were injured.", "Gunfight At Fresno Biker Club Kills 1, "
         "Wounds 12", 1, 12),
        ("Police are looking for the gunman.", "Georgia man indicted in shooting that injured 7",
         0, 7),
        # "both", "a shooting death", a life claimed or taken
        ("When Trejo showed up with Martinez, both were fatally shot on the back deck.", "", 2, 0),
        ("Deputies are investigating an accidental shooting death that occurred Thursday.", "",
         1, 0),
        ("The shooting claimed the life of 47-year-old Michael Matthews.", "", 1, 0),
        ("A shooting that injured three males and claimed the life of one female.", "", 1, 3),
        ("An accidental shooting claims a St. Marie youth.", "", 1, 0),
        # an age written short is no count
        ("Police said a 43 y/o man was shot and killed.", "", 1, 0),
        # the shooting's suspect is not shot; a suspect shot is
        ("Police officers walked away from the scene of a standoff with shooting suspect Kurt "
         "Meyers on Wednesday.", "", 0, 0),
        ("The store clerk was charged after shooting the robbery suspect.", "", 0, 1),
        # one of two fates is no count of either: four people shot
        ("Police had reported that four people were wounded or killed.", "", 0, 4),
        # the headline parsed as killing the shooting: the shooting's three are no dead
        ("Seventeen-year-old Quantico Moton was shot along with a 16-year-old boy and a "
         "21-year-old man on Monday. He died late Monday night.",
         "Teen killed in Mayfair triple shooting identified", 1, 2),
    ],
)
def test_double_counting_traps(text: str, title: str, killed: int, injured: int) -> None:
    assert counts(text, title=title) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # the dead named again after someone else was shot: the one who died, not the latest
        ("A teenager was killed and a delivery driver was shot on Pine Street on Thursday. "
         "Police identified the 17-year-old boy killed as Kevin Hall.", 1, 1),
        ("She died at the scene. A second person was also injured. Police said the woman "
         "killed was Dana Hill, 44.", 1, 1),
    ],
)
def test_a_person_named_again_is_the_one_with_their_fate(
    text: str, killed: int, injured: int
) -> None:
    assert counts(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("The boy was taken off life support on Sunday and passed away.", 1, 0),
        ("A bullet struck the girl in the chest. She was taken to a hospital, but doctors were "
         "not able to save her.", 1, 0),
        ("Doctors could not save him.", 1, 0),
        ("A gunman massacred nine people at the church.", 9, 0),
        ("Police said the victim, a teen, did not survive.", 1, 0),
        ("A man was shot in the chest and is not expected to survive.", 0, 1),
        ("Two people were shot; both are expected to survive.", 0, 2),
        ("While cleaning his rifle, the 17-year-old accidentally shot himself and died.", 1, 0),
        # a reflexive killing without a subject the parse gives
        ("Police said a man suspected of robbing a store fought with a police dog before "
         "shooting and killing himself.", 1, 0),
        # a thing recovered is no person recovering
        ("The rifle the man used was also recovered from inside the house.", 0, 0),
        ("Four people are recovering after a shooting.", 0, 4),
        # 'each' counts the people counted already
        ("Three people were found dead in the house. Each victim suffered more than one gunshot "
         "wound.", 3, 0),
        # who a shooting left in critical condition
        ("The gunfire killed a man on Sunday and left a teenager in critical condition.", 1, 1),
        # in hospital: alive and hurt
        ("Two boys died. The other victim, a 16-year-old girl, is in an area hospital.", 2, 1),
        # the one carried to hospital with a wound, not who carried him
        ("Paramedics took the man, with a gunshot wound in the chest, to a hospital.", 0, 1),
        # each found in their own state
        ("Officers found a man dead and a woman wounded.", 1, 1),
        # an age in months is an age: the same baby, told three times
        ("A 2-year-old was pronounced dead. A 15-month-old suffered a gunshot wound to the leg. "
         "The 15-month-old child was taken to a hospital.", 1, 1),
        # the people described one by one are the members of the group shot
        ("Two young children and an adult were shot Sunday. A 4-year-old girl was shot in the "
         "leg, an 8-year-old boy was shot in the arm and a 61-year-old woman was shot in the "
         "back.", 0, 3),
    ],
)
def test_wordings_of_death_and_recovery(text: str, killed: int, injured: int) -> None:
    assert counts(text) == (killed, injured)


@pytest.mark.parametrize(
    ("title", "killed", "injured"),
    [
        ("17-year-old boy shot, killed in Bluffton", 1, 0),
        ("Man shot, killed in Dayton", 1, 0),
        # title case: 'Dead' taken for a name
        ("2 Dead, 3 Wounded In East Garfield Park Shooting", 2, 3),
        # a headline's shorthand: clauses of a count or a person and its harm words
        ("5 shot, 1 killed on Auburn Avenue", 1, 4),
        ("4 shot, one fatally, on St. Louis street", 1, 3),
        ("Four Shot Outside Jazz Club", 0, 4),
        ("Boy, 7, shot in Sandusky today", 0, 1),
        ("Teen Killed, Five Others Injured in Austin Shooting", 1, 5),
        ("No one hurt in shooting at bar", 0, 0),
        # a list without "and"
        ("Ex-firefighter killed 6-year-old boy, wife, himself", 3, 0),
        ("One man dead, two juveniles injured in east side shooting", 1, 2),
        ("Teens shot near park", 0, 0),
    ],
)
def test_a_headline_alone_states_the_count(title: str, killed: int, injured: int) -> None:
    assert counts("Police are investigating.", title=title) == (killed, injured)


def test_a_headline_tells_who_of_those_the_body_counts_shot_died() -> None:
    # the body counts three shot and no one dead; the headline says one died and two were hurt
    title = "One man dead, two juveniles injured in east side triple shooting"
    text = "Three people were shot Saturday night near a park, police said."
    assert counts(text, title=title) == (1, 2)


def test_a_headline_counts_the_dead_a_body_only_calls_a_fatal_shooting() -> None:
    title = "4 Shot, 2 Killed In South Side Apartment Complex"
    text = "Police are investigating a deadly shooting at an apartment complex on Elm Street."
    assert counts(text, title=title) == (2, 2)


def test_the_dead_named_after_others_shot_are_not_the_shot() -> None:
    # "killed" is coordinated with "shot" across other people: the two shot did not die
    title = "2 cops shot, suspect and bystander killed in West Philly rampage"
    killed, injured = counts("Police are investigating.", title=title)
    assert injured == 2 and killed < 2


def test_a_street_the_model_tags_as_a_person_is_no_one_harmed() -> None:
    # the model sometimes tags "Rosa Parks Boulevard" a person, who then "died" on it
    doc = parse("Rosa Parks Boulevard died down after midnight, and Rosa Parks died in 2005.")
    doc.ents = [Span(doc, 0, 3, label="PERSON"), Span(doc, 10, 12, label="PERSON")]
    found = find_harm(within(doc))
    assert [m.span.text for m in found] == ["Rosa Parks"]


@pytest.mark.parametrize(
    ("title", "text", "killed", "injured"),
    [
        # the headline lists every one the killer killed, himself last: the count of the dead,
        # over a body that tells one of them twice ...
        ("Soldier fatally shoots 11-year-old daughter, himself",
         "A soldier shot his daughter, 11, and then himself. The girl died at the scene. Emma "
         "Stone, 11, was a fifth grader. The father was found dead.", 2, 0),
        # ... or leaves one out
        ("South Dakota Man Killed Wife, 4 Kids Then Himself",
         "A father fatally shot his wife and four children in an apparent murder-suicide.",
         6, 0),
        ("Father kills sons, 10 and 12, before turning the gun on himself",
         "Two boys were found dead in their home on Sunday.", 3, 0),
        ("Dad fatally shot twin daughters, himself", "The girls were 8.", 3, 0),
        # the dead the headline's other clauses count
        ("Man Kills Wife Then Himself; 1 of 2 Students Wounded Has Died",
         "The gunman opened fire in his wife's classroom, striking two students.", 3, 1),
        ("7 slain by Missouri gunman who then killed himself",
         "Police found the bodies of seven people in two homes.", 8, 0),
        # a murder-suicide's headline lists everyone dead, the killer too
        ("Parents, 2 children dead in Roy murder-suicide",
         "The bodies of Ann Lee, her husband and their two children were found Sunday. Ann "
         "Lee, 34, was a nurse. Lee was found in the kitchen.", 4, 0),
        ("Wallkill man, two children dead in murder-suicide",
         "The children were found dead in their beds on Sunday.", 3, 0),
        # the killer not in the list: no whole count
        ("Boy, 3, killed by father in double murder-suicide",
         "Police found the bodies of the boy, his mother and his father on Sunday.", 2, 0),
        # not a list of the dead: a killer's own death, and victims the headline does not count
        ("Courthouse murderer killed himself during gun battle",
         "Two women were killed in the lobby before the gunman died.", 3, 0),
        ("Mother gave sons drugs before shooting them, killing herself",
         "A mother and her two sons were found dead.", 3, 0),
        ("Boy, 9, fatally shoots himself on Detroit's west side",
         "A 9-year-old boy died after shooting himself with his father's gun.", 1, 0),
    ],
)
def test_a_killers_headline_lists_the_dead(
    title: str, text: str, killed: int, injured: int
) -> None:
    assert counts(text, title=title) == (killed, injured)


@pytest.mark.parametrize(
    ("title", "killed", "injured"),
    [
        ("Jefferson County boy, 4, shoots self in groin with grandfather's handgun", 0, 1),
        ("Report: Man cleaning gun accidentally shoots self in Huber Heights", 0, 1),
        ("Teen fatally shoots self in hunting accident", 1, 0),
        # the site's name after the headline is no one ("21" is no age)
        ("Coroner identifies teen killed after accidentally shooting self - FOX Carolina 21",
         1, 0),
        # a headline's second half in title case is no site's name
        ("Man Killed Near Park - 3 Injured In Overnight Shooting", 1, 3),
    ],
)
def test_a_headline_shooting_self_counts_who_did(title: str, killed: int, injured: int) -> None:
    assert counts("", title=title) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a first name, then a surname, of the one full name the text gives
        ("The victim has been identified as Dnomyar Russell. The coroner reports that Russell "
         "died Friday. Police said Dnomyar was somehow shot in the head.", 1, 0),
        # two full names share the surname: two people
        ("Michelle Stone and Richard Stone were shot on Sunday. Stone died at the hospital.",
         1, 1),
        # the town a teenager comes from is no name of his
        ("A man is charged in the fatal shooting of a Larose teenager. Authorities say Bourda "
         "was shot while riding his bicycle.", 1, 0),
        # a gallery's caption, an animal: no one
        ("Image 2 of 8 An 11-year-old boy accidentally shot himself on Sunday.", 0, 1),
        ("The gun went off, struck and killed the girl and injured one of the family dogs.",
         1, 0),
    ],
)
def test_who_is_someone_and_who_is_the_same_someone(text: str, killed: int, injured: int) -> None:
    assert counts(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a sentence of the city's weekend or year counts no one of this shooting
        ("A man was shot dead on Elm Street on Sunday. Seventeen people were killed and 41 "
         "wounded across the city over the weekend.", 1, 0),
        ("Two men were wounded on Sunday. It was the city's 45th homicide so far this year.",
         0, 2),
        # the page's own shooting, however it is told, still counts
        ("Two men were wounded in a shooting on Sunday, police said.", 0, 2),
    ],
)
def test_people_of_a_roundup_sentence_are_not_counted(
    text: str, killed: int, injured: int
) -> None:
    assert counts(text) == (killed, injured)
