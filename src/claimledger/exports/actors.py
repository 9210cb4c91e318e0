"""Which kind of actor a name is, as the event datasets code it: ACLED's `inter` codes (1 state
forces ... 8 external/other forces) and whether UCDP would put the actor on side A as a state.

An actor is typed only where its words or its event's type say so: a name with a state force's
word ("the army", "Nigerian police", "government troops") unless a word of an armed group makes
it one ("Lord's Resistance Army", "Free Syrian Army", "militia"; a group named only "... Army",
such as the Arakan Army, is still read as a state's); rebels, insurgents and guerrillas (2);
protesters (6), rioters and mobs (5), civilians (7); the actor a type defines (ACLED codes a
protest's first actor as protesters, a riot's as rioters, the victims of violence against
civilians as civilians). Any other name is left untyped, never guessed."""

from __future__ import annotations

import re

from claimledger.taxonomy import PROTESTS, RIOTS, VIOLENCE_AGAINST_CIVILIANS

STATE_FORCES, REBELS_CODE, RIOTERS_CODE, PROTESTERS_CODE, CIVILIANS_CODE = 1, 2, 5, 6, 7
# Words that make an actor a state's forces or its government, matched as whole words (not
# after "anti-": "anti-government protesters" are no state).
STATE_WORDS = (
    "army", "armies", "military", "militaries", "soldier", "soldiers", "troops", "police",
    "policemen", "policeman", "gendarmerie", "gendarmes", "security forces", "government forces",
    "armed forces", "air force", "navy", "marines", "national guard", "government",
    "defence forces", "defense forces", "border guards", "regime forces", "coast guard",
)
# Words of an armed group fighting a state: never the state, and ACLED's rebel groups (2).
REBEL_WORDS = (
    "rebels", "rebel", "insurgents", "insurgent", "guerrillas", "guerrilla", "liberation",
    "resistance", "independence", "revolutionary", "free",
)
# Words of armed groups that are no state, whose ACLED type the word alone does not tell.
NON_STATE_WORDS = ("militants", "militant", "militia", "militias", "militiamen", "jihadists")
PROTESTER_WORDS = ("protesters", "protestors", "protester", "protestor", "demonstrators")
RIOTER_WORDS = ("rioters", "mob", "mobs")
CIVILIAN_WORDS = (
    "civilians", "civilian", "villagers", "residents", "passengers", "worshippers",
    "worshipers", "students", "farmers", "pupils", "children",
)


def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


STATE = _words(STATE_WORDS)
REBELS = _words(REBEL_WORDS)
NON_STATE = _words(NON_STATE_WORDS)
PROTESTERS = _words(PROTESTER_WORDS)
RIOTERS = _words(RIOTER_WORDS)
CIVILIANS = _words(CIVILIAN_WORDS)


def is_state(name: str | None) -> bool:
    """Whether an actor's name says it is a state's forces or government."""
    if not name or not STATE.search(name):
        return False
    return not (REBELS.search(name) or NON_STATE.search(name))


def inter_code(name: str | None, *, first: bool, event_type: str | None) -> int | None:
    """ACLED's `inter` code of actor 1 (`first`) or actor 2; None where nothing says."""
    if not name:
        return None
    if is_state(name):
        return STATE_FORCES
    if REBELS.search(name):
        return REBELS_CODE
    if first and event_type == PROTESTS:
        return PROTESTERS_CODE
    if first and event_type == RIOTS:
        return RIOTERS_CODE
    if not first and event_type == VIOLENCE_AGAINST_CIVILIANS:
        return CIVILIANS_CODE
    for words, code in ((PROTESTERS, PROTESTERS_CODE), (RIOTERS, RIOTERS_CODE),
                        (CIVILIANS, CIVILIANS_CODE)):
        if words.search(name):
            return code
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's `interaction`: both codes, the lower first as tens ("12": state forces against
    rebels); None unless both actors are typed."""
    if inter1 is None or inter2 is None:
        return None
    low, high = sorted((inter1, inter2))
    return low * 10 + high
