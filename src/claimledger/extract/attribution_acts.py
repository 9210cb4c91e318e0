"""Acts told apart from speech: "Rebels attacked a base" and "the coalition responded with
artillery" report deeds, while "attacked the plan as reckless", "responded that ...",
"attacked Machado in tweets" and "did not respond to requests for comment" report speech. A cue
whose head is a verb of deeds (lexicons/act_verbs.txt) is kept only where it reports speech."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.extract import lexicons

ACT_VERBS = lexicons.words("act_verbs")
SPEECH_NOUNS = lexicons.words("speech_nouns")
# Complements by which a verb reports what was said: a clause, or a sentence beside it.
_SPEECH_DEPS = frozenset({"ccomp", "parataxis"})
# "attacked the plan as reckless", "attacked Trump for his remarks"
_JUDGING_PREPOSITIONS = frozenset({"as", "for"})
_TIME_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY"})
_OBJECT_DEPS = frozenset({"pobj", "pcomp", "acomp", "amod"})


def is_act(head: Token, *, quoted_content: bool) -> bool:
    """Whether a cue's head word reports a deed rather than speech. `quoted_content`: the cue
    introduces a quotation ("“We will not back down,” he responded")."""
    if lexicons.lemma(head) not in ACT_VERBS or quoted_content:
        return False
    if head.dep_ in _SPEECH_DEPS and head.head.i != head.i:
        return False  # "..., he responded" hung under the sentence it reports
    return not any(_reports_speech(child) for child in head.children)


def _reports_speech(child: Token) -> bool:
    """Whether one dependent of a verb of deeds makes it a verb of speech."""
    if child.dep_ in _SPEECH_DEPS:
        return True
    if child.dep_ == "dobj":  # "attacked Machado", "answered questions"
        return child.ent_type_ == "PERSON" or _speech_noun(child)
    if child.dep_ != "prep":
        return False
    objects = [c for c in child.children if c.dep_ in _OBJECT_DEPS]
    if not objects:
        return False
    if child.lower_ in _JUDGING_PREPOSITIONS:  # "as reckless", not "for hours"
        return not any(o.ent_type_ in _TIME_ENTITIES for o in objects)
    if child.lower_ == "by":  # "responded by saying ...", "by using the example of Chicago"
        return any(o.dep_ == "pcomp" for o in objects)
    return any(_speech_noun(o) for o in objects)  # "to requests", "in tweets", "with a statement"


def _speech_noun(token: Token) -> bool:
    return lexicons.lemma(token) in SPEECH_NOUNS
