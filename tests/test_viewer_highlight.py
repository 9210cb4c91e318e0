"""Cutting a document into blocks and highlighted pieces, whatever offsets the store holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from battle_records import first_analysis
from claimledger.model import Document, Segment
from claimledger.viewer.highlight import Mark, analysis_marks, cut_pieces, document_blocks

KINDS = ("title", "body", "byline", "comments", "chrome", "related")
MARK_KINDS = ("source", "cue", "content", "figure", "date", "place", "trigger")


def test_overlapping_highlights_become_flat_pieces_listing_every_record() -> None:
    text = "Bloomberg reported more than 200 killed"
    marks = [
        Mark(0, 9, "source", "a1"),
        Mark(10, 18, "cue", "a1"),
        Mark(19, 39, "content", "a1"),
        Mark(19, 32, "figure", "f1"),
        # Not nested in anything: straddles the figure's end.
        Mark(28, 36, "place", "p1"),
    ]
    pieces = cut_pieces(text, 0, len(text), marks)
    assert [(p.text, p.kinds, p.record_ids) for p in pieces] == [
        ("Bloomberg", ("source",), ("a1",)),
        (" ", (), ()),
        ("reported", ("cue",), ("a1",)),
        (" ", (), ()),
        ("more than", ("content", "figure"), ("a1", "f1")),
        (" 200", ("content", "figure", "place"), ("a1", "f1", "p1")),
        (" kil", ("content", "place"), ("a1", "p1")),
        ("led", ("content",), ("a1",)),
    ]


def test_comments_are_folded_and_never_highlighted() -> None:
    analysis = first_analysis()
    blocks = document_blocks(analysis.document, analysis_marks(analysis))
    comments = [b for b in blocks if b.kind == "comments"]
    assert len(comments) == 1 and comments[0].folded
    assert all(not piece.kinds for piece in comments[0].pieces)
    assert any(piece.kinds for b in blocks if b.kind == "body" for piece in b.pieces)


def test_text_between_segments_is_kept_as_gaps() -> None:
    document = Document(id="d", text="Title\n\nBody.", segments=(Segment("title", 0, 5),
                                                                 Segment("body", 7, 12)))
    blocks = document_blocks(document, [])
    assert [(b.kind, b.start, b.end) for b in blocks] == [
        ("title", 0, 5), ("gap", 5, 7), ("body", 7, 12)]


@st.composite
def documents_and_marks(draw: st.DrawFn) -> tuple[Document, list[Mark]]:
    """A text with arbitrary (overlapping, out-of-range, reversed) segments and marks, as a
    damaged or hostile store could hold them."""
    text = draw(st.text(max_size=60))
    offset = st.integers(min_value=-5, max_value=len(text) + 5)
    segments = draw(st.lists(st.builds(Segment, st.sampled_from(KINDS), offset, offset),
                             max_size=6))
    marks = draw(st.lists(st.builds(Mark, offset, offset, st.sampled_from(MARK_KINDS),
                                    st.sampled_from(["r1", "r2", "r3"])), max_size=8))
    return Document(id="d", text=text, segments=tuple(segments)), marks


@given(documents_and_marks())
def test_blocks_and_pieces_partition_the_text_whatever_the_offsets(
    case: tuple[Document, list[Mark]],
) -> None:
    document, marks = case
    blocks = document_blocks(document, marks)
    assert "".join(p.text for b in blocks for p in b.pieces) == document.text
    cursor = 0
    for block in blocks:
        assert block.start == cursor and block.end > block.start
        cursor = block.end
        for piece in block.pieces:
            assert piece.text and piece.text == document.text[piece.start : piece.end]
            covering = {m.record_id for m in marks
                        if 0 <= m.start <= piece.start and piece.end <= m.end <= len(document.text)
                        and m.start < m.end}
            assert set(piece.record_ids) == (set() if block.folded else covering)
    assert cursor == len(document.text)
