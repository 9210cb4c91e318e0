"""Properties of the text-scrape segmenter on arbitrary input: it never raises, and its segments
are sorted, disjoint, trimmed, inside the text, and cover every non-whitespace character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.model import Segment
from claimledger.read.options import ReadOptions
from claimledger.read.text import read_text_scrape, segment_text_scrape

# Lines that trigger each rule, so generated pages exercise every branch, not just "short".
RULE_LINES = [
    "2 Comments",
    "[ 167 comments ]",
    "Comments (3)",
    "0 Comments",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Similar Posts",
    "Related",
    "By Tyler Durden",
    "Source: Zero Hedge",
    "© 2021 Example Daily. All rights reserved.",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "March 3, 2021 at 10:02 am",
    "1. A numbered item",
    "Reply",
    "Share",
    "Heavy rain overnight pushed the river over its banks, cutting the only road to the villages.",
    "Rescue teams reached two of the villages by boat before noon, officials said on Tuesday.",
    "Nearly 150 people returned home on Wednesday after being deported from…",
]
SEPARATORS = ["\n", "\n\n", "\r\n", "\n \t\n", "\u2028", "\x0b", "\x0c", "\x85", "\u00a0\n"]

lines = st.one_of(
    st.sampled_from(RULE_LINES),
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(" \t\u00a0\u3000.…:()[]«»“”-–|•*0123456789aZé"), max_size=40),
)
pages = st.lists(st.tuples(lines, st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(line + sep for line, sep in parts)
)


def assert_well_formed(text: str, segments: tuple[Segment, ...]) -> None:
    covered = bytearray(len(text))
    previous_end = 0
    for segment in segments:
        assert 0 <= previous_end <= segment.start < segment.end <= len(text)
        assert not text[segment.start].isspace()
        assert not text[segment.end - 1].isspace()
        covered[segment.start : segment.end] = b"\x01" * (segment.end - segment.start)
        previous_end = segment.end
    for offset, char in enumerate(text):
        assert covered[offset] or char.isspace(), f"{char!r} at {offset} lies in no segment"


@given(pages)
@settings(max_examples=300, deadline=None)
def test_segments_are_sorted_disjoint_trimmed_and_cover_the_text(text: str) -> None:
    assert_well_formed(text, segment_text_scrape(text))


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_segments_well(text: str) -> None:
    assert_well_formed(text, segment_text_scrape(text))


@given(pages)
@settings(max_examples=100, deadline=None)
def test_document_offsets_point_into_its_text(text: str) -> None:
    document = read_text_scrape(text, input="generated", options=ReadOptions())
    assert_well_formed(document.text, document.segments)
    assert document.comment_count is None or document.comment_count >= 0


def test_five_megabyte_page_segments_whole() -> None:
    page = "\n\n".join(RULE_LINES) + "\n\n"
    text = page * (5_000_000 // len(page) + 1)
    assert_well_formed(text, segment_text_scrape(text))


def test_one_megabyte_line_segments_whole() -> None:
    for line in ("word " * 200_000, "(" * 1_000_000, "By " + "a," * 500_000, "2 " * 500_000):
        segments = segment_text_scrape(line)
        assert_well_formed(line, segments)
        assert len(segments) == 1
