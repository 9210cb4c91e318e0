"""A synthetic corpus of local news about shootings, for timing and checking the linker at scale.

Incidents happen over three years in about one town per 80 articles (the listed cities, then
made-up towns); each is reported by one to five
articles from the city's outlets (the first report, the victim identified, an arrest, a funeral,
a sentencing), written from template sentences in the shapes local news uses ("CITY, ST — Two
people were shot, one fatally, early Sunday in the 300 block of Elm Street, police said."),
with varied names, ages, streets, days and counts. Pages carry the chrome lines real pages do
(copyright, newsletter prompts). Events, figures and the people harmed are built directly, as
the extraction would give them, so the corpus exercises linking alone. The sentences are this
file's own; nothing is copied from any corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from claimledger.model import (
    Count,
    DateMention,
    Document,
    Event,
    Figure,
    Person,
    PlaceCandidate,
    PlaceMention,
    Segment,
    Span,
    content_id,
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "James Michael Robert David William Richard Joseph Thomas Charles Christopher Daniel Matthew "
    "Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald "
    "Jason Edward Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott "
    "Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler "
    "Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian "
    "Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jordan Jesse Bryan "
    "Billy Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne Randy Vincent Mary "
    "Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra "
    "Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca "
    "Sharon Laura Cynthia Dorothy Amy Kathleen Angela Shirley Emma Brenda Pamela Nicole Anna "
    "Samantha Katherine Christine Debra Rachel Carolyn Janet Maria Olivia Heather Helen Catherine "
    "Diane Julie Victoria Joyce Lauren Kelly Christina Ruth Joan Virginia Judith Evelyn Hannah "
    "Andrea Megan Cheryl Jacqueline Madison Teresa Abigail Sophia Martha Sara Gloria Janice "
    "Kathryn Ann Isabella Judy Charlotte Julia Grace Amber Alice Jean Denise Frances Danielle "
    "Marilyn Natalie Beverly Diana Brittany Theresa Kayla Alexis Doris Lori Tiffany"
)
SURNAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
    "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips "
    "Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook "
    "Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward "
    "Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez "
    "Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan "
    "Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan "
    "Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant "
    "Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison "
    "Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker "
    "Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason "
    "Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox "
    "Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan "
    "Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos "
    "Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews "
    "Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Willis Carpenter "
    "Lawrence Sandoval Guerrero George Chapman Rios Estrada Ortega Watkins Greene Nunez Wheeler "
    "Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin Dominguez"
)
CITIES = (
    ("Dayton", "Ohio", "OH"), ("Toledo", "Ohio", "OH"), ("Akron", "Ohio", "OH"),
    ("Flint", "Michigan", "MI"), ("Lansing", "Michigan", "MI"), ("Gary", "Indiana", "IN"),
    ("Elgin", "Illinois", "IL"), ("Rockford", "Illinois", "IL"), ("Peoria", "Illinois", "IL"),
    ("Macon", "Georgia", "GA"), ("Augusta", "Georgia", "GA"), ("Savannah", "Georgia", "GA"),
    ("Mobile", "Alabama", "AL"), ("Montgomery", "Alabama", "AL"),
    ("Jackson", "Mississippi", "MS"), ("Shreveport", "Louisiana", "LA"),
    ("Lafayette", "Louisiana", "LA"), ("Tulsa", "Oklahoma", "OK"), ("Wichita", "Kansas", "KS"),
    ("Topeka", "Kansas", "KS"), ("Omaha", "Nebraska", "NE"), ("Fresno", "California", "CA"),
    ("Stockton", "California", "CA"), ("Modesto", "California", "CA"),
    ("Tacoma", "Washington", "WA"), ("Spokane", "Washington", "WA"), ("Salem", "Oregon", "OR"),
    ("Reno", "Nevada", "NV"), ("Tucson", "Arizona", "AZ"), ("Mesa", "Arizona", "AZ"),
    ("Albuquerque", "New Mexico", "NM"), ("Amarillo", "Texas", "TX"), ("Waco", "Texas", "TX"),
    ("Beaumont", "Texas", "TX"), ("Killeen", "Texas", "TX"), ("Lubbock", "Texas", "TX"),
    ("Chattanooga", "Tennessee", "TN"), ("Knoxville", "Tennessee", "TN"),
    ("Durham", "North Carolina", "NC"), ("Greensboro", "North Carolina", "NC"),
    ("Columbia", "South Carolina", "SC"), ("Richmond", "Virginia", "VA"),
    ("Norfolk", "Virginia", "VA"), ("Camden", "New Jersey", "NJ"),
    ("Trenton", "New Jersey", "NJ"), ("Syracuse", "New York", "NY"),
    ("Rochester", "New York", "NY"), ("Hartford", "Connecticut", "CT"),
    ("Springfield", "Massachusetts", "MA"), ("Erie", "Pennsylvania", "PA"),
    ("Allentown", "Pennsylvania", "PA"), ("Wilmington", "Delaware", "DE"),
    ("Baltimore", "Maryland", "MD"), ("Louisville", "Kentucky", "KY"),
    ("Lexington", "Kentucky", "KY"), ("Birmingham", "Alabama", "AL"),
    ("Memphis", "Tennessee", "TN"), ("Milwaukee", "Wisconsin", "WI"),
    ("Racine", "Wisconsin", "WI"), ("Des Moines", "Iowa", "IA"),
)
STREETS = _words(
    "Elm Oak Maple Pine Cedar Walnut Chestnut Locust Sycamore Willow Magnolia Dogwood Hickory "
    "Poplar Spruce Birch Laurel Juniper Cypress Hawthorn Linden Aspen Alder Beech Holly Ivy "
    "Lincoln Washington Jefferson Madison Monroe Jackson Grant Franklin Hamilton Adams Wilson "
    "Harrison Cleveland Garfield Lafayette Douglass Tubman Parks Chavez Kennedy Roosevelt Truman "
    "Highland Lakeview Riverside Hillcrest Fairview Ridgeway Brookside Meadow Sunset Parkview "
    "Broad Market Front Water Mill Church School Spring Bridge Union Center Main Prospect Vine "
    "Summit Grove Orchard Valley Glen Forest Woodland Country Pleasant Liberty Harmony Union"
)
KINDS = ("Street", "Avenue", "Road", "Drive", "Boulevard", "Lane", "Court", "Place")
OUTLETS = ("Herald", "News 4", "Daily Press", "Channel 7", "Tribune", "Courier")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PARTS = ("early", "late", "")
TIMES = ("morning", "afternoon", "evening", "night")
CHROME = (
    "Copyright {year} {outlet}. All rights reserved.",
    "Sign up for our newsletter to get the day's top stories in your inbox.",
    "Already a subscriber? Log in to continue reading this story.",
    "Follow us on Facebook and Twitter for breaking news alerts.",
)
BUSINESSES = ("Liquor", "Market", "Barbershop", "Tavern", "Laundromat", "Gas Station", "Diner",
              "Tire Shop", "Lounge", "Pizza", "Car Wash", "Food Mart")
SCENES = (
    "outside {owner}'s {business}", "in the parking lot of {owner}'s {business}",
    "at a birthday party at a home", "inside an apartment at the {tree} Court complex",
    "at a bus stop near {tree} Park", "after a dice game in an alley",
    "during a fight at a house party", "in a car stopped at a red light",
)
CARS = ("silver Nissan Altima", "black Chevrolet Impala", "white Ford pickup", "red Dodge Charger",
        "gray Honda Accord", "blue Toyota Camry", "green Jeep Cherokee", "gold Buick LeSabre")
QUOTES = (
    "It's not the first time something like this has happened here",
    "We heard five or six pops and everybody ran",
    "She was the kind of person who would give you her last dollar",
    "I just want whoever did this to turn themselves in",
    "This neighborhood deserves better than this",
    "My kids were sleeping in the next room",
    "He was trying to turn his life around",
    "We need more officers on these streets at night",
)
SPAN_DAYS = 3 * 365
START = date(2014, 1, 1)


@dataclass
class Incident:
    number: int
    city: tuple[str, str, str]
    day: date
    street: str
    block: int
    killed: list[tuple[str, int]]
    injured: list[tuple[str, int]]
    suspect: tuple[str, int]
    hospital: str
    scene: str
    car: str
    witness: str


@dataclass
class Corpus:
    documents: dict[str, Document] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    figures: dict[str, Figure] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    incident_of: dict[str, int] = field(default_factory=dict)  # document id -> incident
    # the calendar days each page writes (ISO), as Store.stated_days gives them to linking
    stated_days: dict[str, list[str]] = field(default_factory=dict)


SYLLABLES = ("Ab", "Bel", "Car", "Dal", "Ed", "Fen", "Gar", "Hal", "Ir", "Jen", "Kel", "Lan", "Mar",
             "Nor", "Os", "Pen", "Quin", "Ros", "Sel", "Tal", "Ul", "Ven", "Wal", "Yor", "Zan")
ENDINGS = ("ley", "ton", "son", "man", "ford", "well", "wood", "ridge", "ski", "ez", "er", "ins",
           "by", "ham", "dale", "stead", "worth", "more", "lin", "ard")


def _surname(rng: random.Random) -> str:
    """A surname: a common one half the time, else one made of two syllables (so names repeat
    across a large corpus about as often as they do in the news, not at every page)."""
    if rng.random() < 0.5:
        return rng.choice(SURNAMES)
    return f"{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES).lower()}{rng.choice(ENDINGS)}"


def _person(rng: random.Random) -> tuple[str, int]:
    return f"{rng.choice(FIRST_NAMES)} {_surname(rng)}", rng.randint(2, 70)


# About this many articles per city: a larger corpus covers more towns, as a national stream of
# local news does, rather than packing more shootings into the same towns and days.
ARTICLES_PER_CITY = 80
CITY_SHAPES = ("{street}ville", "{street} Heights", "Port {surname}", "{surname}town",
               "Lake {street}", "{street} Springs", "Mount {surname}", "East {street}",
               "{surname} City", "{street} Falls")


def cities(count: int) -> list[tuple[str, str, str]]:
    """The towns of a corpus: the listed cities, then made-up towns in their states."""
    found = list(CITIES)
    rng = random.Random(count)
    names = {c[0] for c in found}
    while len(found) < count:
        name = rng.choice(CITY_SHAPES).format(street=rng.choice(STREETS),
                                              surname=rng.choice(SURNAMES))
        if name not in names:
            names.add(name)
            _, state, abbreviation = rng.choice(CITIES)
            found.append((name, state, abbreviation))
    return found


def _incident(rng: random.Random, number: int, towns: list[tuple[str, str, str]]) -> Incident:
    city = rng.choice(towns)
    shot = rng.choice((1, 1, 1, 2, 2, 3, 4, 5))
    killed_count = rng.randint(0, min(shot, 2))
    people = [_person(rng) for _ in range(shot)]
    return Incident(
        number=number, city=city, day=START + timedelta(days=rng.randrange(SPAN_DAYS)),
        street=f"{rng.choice(STREETS)} {rng.choice(KINDS)}", block=rng.randint(1, 49) * 100,
        killed=people[:killed_count], injured=people[killed_count:],
        suspect=(f"{rng.choice(FIRST_NAMES)} {_surname(rng)}", rng.randint(16, 45)),
        hospital=rng.choice((f"{city[0]} General Hospital", f"St. {rng.choice(FIRST_NAMES)}'s "
                             "Medical Center", f"{rng.choice(STREETS)} Regional Medical Center")),
        scene=rng.choice(SCENES).format(owner=rng.choice(SURNAMES), business=rng.choice(
            BUSINESSES), tree=rng.choice(STREETS)),
        car=rng.choice(CARS),
        witness=f"{rng.choice(FIRST_NAMES)} {_surname(rng)}",
    )


def _when(rng: random.Random, day: date) -> str:
    return " ".join(w for w in (rng.choice(PARTS), WEEKDAYS[day.weekday()],
                                rng.choice(TIMES)) if w)


def _count_words(incident: Incident) -> tuple[str, str]:
    shot, killed = len(incident.killed) + len(incident.injured), len(incident.killed)
    people = "A man was" if shot == 1 else f"{NUMBER_WORDS[shot].capitalize()} people were"
    if killed == shot:
        fatal = " fatally"
    elif killed:
        fatal = f", {NUMBER_WORDS[killed]} fatally,"
    else:
        fatal = ""
    return people, fatal


def first_report(rng: random.Random, incident: Incident) -> tuple[str, list[str]]:
    city, _, state = incident.city
    people, fatal = _count_words(incident)
    when = _when(rng, incident.day)
    dateline = rng.choice((f"{city.upper()}, {state} — ", f"{city.upper()} — ", ""))
    lead = rng.choice((
        f"{dateline}{people} shot{fatal} {when} in the {incident.block} block of "
        f"{incident.street}, police said.",
        f"{dateline}Police are investigating a shooting {incident.scene} {when} that left "
        f"{len(incident.killed)} dead and {len(incident.injured)} wounded.",
        f"{dateline}Gunfire erupted {incident.scene} on {incident.street} {when}, and "
        f"{people.lower()} hit{fatal}, authorities said.",
    ))
    middle = [
        rng.choice((
            f"Officers responded to reports of gunfire around {rng.randint(1, 11)} "
            f"{rng.choice(('a.m.', 'p.m.'))} and found the victims {incident.scene}.",
            f"Witnesses told investigators the shots came from a {incident.car} that sped "
            f"away toward {rng.choice(STREETS)} {rng.choice(KINDS)}.",
            "Police said the shooting appears to have followed an argument between people "
            "who knew each other.",
        )),
        f"The wounded were taken to {incident.hospital}; their injuries were described as "
        f"{rng.choice(('serious', 'not life-threatening', 'critical'))}.",
        f'"{rng.choice(QUOTES)}," said {incident.witness}, who lives nearby.',
        rng.choice((
            f"No arrests have been made, and {city} police asked anyone with information to "
            "call the tip line.",
            f"Detectives were still searching for the driver of a {incident.car}.",
            "Police did not release a description of the shooter.",
        )),
    ]
    lines = [lead, *rng.sample(middle, rng.randint(2, len(middle)))]
    if incident.killed and rng.random() < 0.5:
        name, age = incident.killed[0]
        lines.insert(1, f"The victim was identified as {name}, {age}, of {city}.")
    title = rng.choice((
        f"{len(incident.killed)} dead, {len(incident.injured)} hurt in {city} shooting",
        f"Shooting on {incident.street} leaves {len(incident.killed) + len(incident.injured)} "
        "wounded",
        f"Police investigate {when.split()[-2] if ' ' in when else when} shooting in {city}",
    ))
    return title, lines


def identified(rng: random.Random, incident: Incident) -> tuple[str, list[str]]:
    city = incident.city[0]
    victims = incident.killed or incident.injured
    name, age = victims[0]
    lines = [
        f"Police have identified the {'man' if rng.random() < 0.5 else 'person'} killed in "
        f"{WEEKDAYS[incident.day.weekday()]}'s shooting on {incident.street} as {name}, {age}.",
        f"{name.split()[-1]} was pronounced dead at {incident.hospital}, the coroner's office "
        "said.",
        rng.choice((f"Relatives described {name.split()[0]} as a devoted parent who loved "
                    "music.", f'"{rng.choice(QUOTES)}," said {incident.witness}, a friend.')),
        f"The shooting happened {incident.scene} shortly after "
        f"{rng.randint(1, 11)} {rng.choice(('a.m.', 'p.m.'))}.",
    ]
    return f"{city} police identify {name} as shooting victim", lines


def arrest(rng: random.Random, incident: Incident) -> tuple[str, list[str]]:
    city = incident.city[0]
    suspect, age = incident.suspect
    victims = incident.killed or incident.injured
    name = victims[0][0]
    lines = [
        f"{city} police arrested {suspect}, {age}, in connection with the shooting on "
        f"{incident.street} that {'killed' if incident.killed else 'wounded'} {name}.",
        f"{suspect.split()[-1]} faces charges of "
        f"{'murder' if incident.killed else 'aggravated assault'} and is being held without bond.",
        rng.choice((f"Court records show {suspect.split()[-1]} had prior convictions for "
                    "robbery.", f"Investigators traced a {incident.car} seen leaving the scene "
                    f"{incident.scene} to {suspect.split()[-1]}.")),
    ]
    return f"Arrest made in {city} shooting of {name}", lines


def funeral(rng: random.Random, incident: Incident) -> tuple[str, list[str]]:
    name, age = (incident.killed or incident.injured)[0]
    first = name.split()[0]
    lines = [
        rng.choice((
            f"Family and friends gathered {rng.choice(WEEKDAYS)} to remember {name}, who was "
            f"shot on {incident.street} last week.",
            f"A vigil for {name} drew dozens of people to {incident.street} on "
            f"{rng.choice(WEEKDAYS)} night.",
            f"{name}, {age}, was laid to rest {rng.choice(WEEKDAYS)} at "
            f"{rng.choice(STREETS)} Baptist Church.",
        )),
        rng.choice((
            f"Mourners released balloons outside the church as {first}'s mother spoke.",
            f"Candles and photographs of {first} lined the sidewalk {incident.scene}.",
            f"Speakers asked the crowd to help police find whoever shot {first}.",
        )),
        f'"{rng.choice(QUOTES)}," said {incident.witness}.',
    ]
    title = rng.choice((f"Hundreds mourn {name} at {incident.city[0]} service",
                        f"Vigil held for {first} {name.split()[-1]}",
                        f"'{rng.choice(QUOTES)}': {incident.city[0]} remembers {name}"))
    return title, lines


def sentencing(rng: random.Random, incident: Incident) -> tuple[str, list[str]]:
    suspect, _ = incident.suspect
    name = (incident.killed or incident.injured)[0][0]
    lines = [
        f"{suspect} was sentenced {WEEKDAYS[rng.randrange(5)]} to {rng.randint(5, 60)} years in "
        f"prison for the shooting of {name} on {incident.street}.",
        f"A jury found {suspect.split()[-1]} guilty last month after a four-day trial.",
        f"{name.split()[-1]}'s family asked the judge for the maximum sentence.",
    ]
    return f"{suspect} sentenced in death of {name}", lines


REPORTS = (  # writer, days after the incident it is published, event type
    (first_report, (0, 1), "Violence against civilians"),
    (identified, (1, 3), "Violence against civilians"),
    (arrest, (2, 40), "Strategic developments"),
    (funeral, (4, 10), "Strategic developments"),
    (sentencing, (120, 500), "Strategic developments"),
)
ARTICLES_PER_INCIDENT = (1,) * 53 + (2,) * 29 + (3,) * 12 + (4,) * 4 + (5,) * 2


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def _add_article(
    corpus: Corpus, rng: random.Random, incident: Incident, kind: int, serial: int
) -> None:
    writer, (soonest, latest), event_type = REPORTS[kind]
    title, lines = writer(rng, incident)
    city, state, _ = incident.city
    outlet = f"{city} {rng.choice(OUTLETS)}"
    published = incident.day + timedelta(days=rng.randint(soonest, latest))
    chrome = rng.sample(CHROME, 2)
    # two follow-ups in five recall the day of the shooting (no draw: the rest of the corpus
    # is the same with or without these lines)
    recalled = kind > 0 and serial % 5 < 2
    if recalled:
        lines = [*lines, f"The shooting happened on {incident.day:%B} {incident.day.day}."]
    body = "\n\n".join(lines)
    text = f"{title}\n\n{body}\n\n" + "\n".join(
        c.format(year=published.year, outlet=outlet) for c in chrome)
    url = f"https://www.{outlet.lower().replace(' ', '')}.example/news/{serial}"
    document = Document(
        id=content_id(url), text=text, url=url, outlet=outlet, title=title,
        published=published.isoformat(), input_kind="jsonl",
        segments=(Segment("title", 0, len(title)),
                  Segment("body", len(title) + 2, len(title) + 2 + len(body)),
                  Segment("chrome", len(title) + 4 + len(body), len(text))),
    )
    start = len(title) + 2
    trigger = Span(start, start + 4, text[start : start + 4])
    figures = []
    for measure, people in (("killed", incident.killed), ("injured", incident.injured)):
        if people and (kind == 0 or rng.random() < 0.3):
            figure = Figure(id=f"f{serial}{measure[0]}", span=trigger,
                            count=Count(low=len(people), high=len(people)), measure=measure)  # type: ignore[arg-type]
            corpus.figures[figure.id] = figure
            figures.append(figure.id)
    people_ids = []
    for number, (name, age) in enumerate(incident.killed[:1] + incident.injured[:1]):
        if name in text:
            person = Person(id=f"p{serial}-{number}", status="killed" if incident.killed
                            and name == incident.killed[0][0] else "injured", name=name, age=age)
            corpus.people[person.id] = person
            people_ids.append(person.id)
    resolved = PlaceCandidate(name=city, feature="city", country_code="US",
                              country="United States", admin1=state)
    event = Event(
        id=f"e{serial}", document_id=document.id, trigger=trigger, event_type=event_type,
        date=DateMention(span=trigger, value=incident.day.isoformat())
        if kind == 0 and rng.random() < 0.6 else None,
        place=PlaceMention(span=trigger, name=city, candidates=(resolved,),
                           resolved=resolved if rng.random() < 0.5 else None)
        if rng.random() < 0.7 else None,
        figure_ids=tuple(figures), person_ids=tuple(people_ids),
    )
    corpus.documents[document.id] = document
    if recalled:
        corpus.stated_days[document.id] = [incident.day.isoformat()]
    corpus.events.append(event)
    corpus.incident_of[document.id] = incident.number


def synthetic_corpus(articles: int, *, seed: int = 0) -> Corpus:
    """`articles` articles about incidents spread over three years in about one town per
    ARTICLES_PER_CITY articles (the same seed and size, the same corpus)."""
    rng = random.Random(seed)
    corpus = Corpus()
    towns = cities(max(len(CITIES), articles // ARTICLES_PER_CITY))
    number = 0
    while len(corpus.documents) < articles:
        incident = _incident(rng, number, towns)
        count = rng.choice(ARTICLES_PER_INCIDENT)
        kinds = [0, *sorted(rng.sample(range(1, len(REPORTS)), count - 1))]
        for kind in kinds:
            if len(corpus.documents) >= articles:
                break
            _add_article(corpus, rng, incident, kind, len(corpus.documents))
        number += 1
    return corpus
