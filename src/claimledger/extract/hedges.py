"""Hedges and denials in a claim's wording: "may have been", "reportedly",
"had nothing to do with".
"""

from __future__ import annotations

import re

from claimledger.model import CueClass

# Ordered: longer, more specific expressions first, so the reported hedge is the telling one.
_HEDGES = (
    r"it(?:\s+is|['’]s|\s+was|\s+remains)\s+(?:still\s+)?(?:unclear|not\s+clear|uncertain|unknown)",
    r"(?:may|might|could|must)\s+(?:not\s+)?have\s+been",
    r"(?:may|might|could)\s+(?:not\s+)?(?:have\s+)?\w+",
    r"reportedly",
    r"allegedly",
    r"purportedly",
    r"supposedly",
    r"apparently",
    r"possibly",
    r"perhaps",
    r"probably",
    r"likely",
    r"unconfirmed",
    r"(?:is|are|was|were)\s+(?:believed|thought|said|reported|alleged|understood)\s+to",
    r"appears?\s+to",
    r"seems?\s+to",
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:independently\s+)?(?:confirmed|verified)",
)
_HEDGE = re.compile(r"\b(?:" + "|".join(_HEDGES) + r")\b", re.IGNORECASE)

_DENIALS = (
    r"(?:had|has|have)\s+nothing\s+to\s+do\s+with",
    r"(?:was|were|is|are)\s+not\s+(?:involved|responsible|behind)",
    r"(?:did|does|do)\s+not\s+(?:carry\s+out|take\s+part|participate|order|know)",
    r"(?:didn['’]t|doesn['’]t|don['’]t)\s+(?:carry\s+out|take\s+part|participate|order|know)",
    r"no\s+(?:involvement|role|part|knowledge)\s+in",
    r"(?:false|baseless|untrue|fabricated|fake\s+news)",
)
_DENIAL = re.compile(r"\b(?:" + "|".join(_DENIALS) + r")\b", re.IGNORECASE)
_DENIAL_CUES: frozenset[CueClass] = frozenset({"deny"})


def find_hedge(text: str) -> str | None:
    """The first hedging expression in a text, as written ("may have been"), or None."""
    match = _HEDGE.search(text)
    return match.group(0) if match else None


def is_denial(cue_class: CueClass | None, content: str) -> bool:
    """A claim that something did not happen or that the source had no part in it."""
    return cue_class in _DENIAL_CUES or _DENIAL.search(content) is not None
