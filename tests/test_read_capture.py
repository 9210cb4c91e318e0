"""An archived page's capture time from its address, and the publication date it bounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.model import Document
from claimledger.nlp import load_nlp
from claimledger.pipeline import analyse
from claimledger.read import read_paths
from claimledger.read.capture import capture_time
from claimledger.read.options import ReadOptions
from claimledger.read.text import dateline_date, read_text_scrape

ARCHIVED = "http://web.archive.org/web/20160531150737/http://www.wthr.com/story/32093001"
BODY = (
    "A 9-year-old boy was shot and killed Friday night at a home on the east side, police said.\n\n"
    "Officers were called to the 3500 block of North Station Street shortly before 10 p.m. "
    "Friday and found the boy with a gunshot wound to the head. He died at a hospital.\n\n"
    "Police have not said who fired the shot. No arrests had been made by Saturday."
)


def read_one(tmp_path: Path, record: dict[str, str]) -> Document:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (document,) = read_paths([path])
    assert isinstance(document, Document)
    return document


def test_an_archive_address_gives_the_capture_time() -> None:
    assert capture_time(ARCHIVED) == "2016-05-31T15:07:37Z"
    assert capture_time("https://web.archive.org/web/20140112222729id_/https://example.org/a") \
        == "2014-01-12T22:27:29Z"
    assert capture_time("https://www.wthr.com/story/32093001") is None
    assert capture_time("https://web.archive.org/web/20161399999999/http://example.org/") is None
    assert capture_time(None) is None


def test_a_date_later_than_the_capture_gives_way_to_the_capture_day(tmp_path: Path) -> None:
    document = read_one(tmp_path, {"url": ARCHIVED, "published": "2017-01-28", "text": BODY,
                                   "title": "9-year-old boy fatally shot"})
    assert (document.published, document.published_from) == ("2016-05-31", "capture")
    assert document.fetched == "2016-05-31T15:07:37Z"


def test_a_date_no_later_than_the_capture_stands(tmp_path: Path) -> None:
    for given in ("2016-05-28", "2016-06-01"):  # a day ahead: a time zone, not a wrong date
        document = read_one(tmp_path, {"url": ARCHIVED, "published": given, "text": BODY})
        assert (document.published, document.published_from) == (given, "record")
        assert document.fetched == "2016-05-31T15:07:37Z"
    plain = read_one(tmp_path, {"url": "https://www.wthr.com/story/1", "published": "2017-01-28",
                                "text": BODY})
    assert (plain.published, plain.fetched) == ("2017-01-28", None)


def test_the_pages_own_stamp_stands_in_before_the_capture_day(tmp_path: Path) -> None:
    text = ("9-year-old boy fatally shot\n\nUpdated: 05/28/2016 4:26 PM\n\n"
            "Created: 05/27/2016 11:14 PM KSTP.com\n\n" + BODY)
    document = read_one(tmp_path, {"url": ARCHIVED, "published": "2017-01-28", "text": text})
    assert (document.published, document.published_from) == ("2016-05-27", "page")


def test_dateline_lines_with_labels_give_their_earliest_date() -> None:
    text = ("Man shot outside a store on Main Street\n\nUpdated: 08/10/2014 4:26 PM\n\n"
            "Created: 08/09/2014 5:14 AM KSTP.com\n\n" + BODY)
    document = read_text_scrape(text, input="page.txt", options=ReadOptions())
    assert document.segments_of("dateline")
    assert dateline_date(document.text, document.segments) == "2014-08-09"
    assert (document.published, document.published_from) == ("2014-08-09", "page")


@pytest.mark.model
def test_weekdays_are_read_against_the_capture_not_the_late_date(tmp_path: Path) -> None:
    document = read_one(tmp_path, {"url": ARCHIVED, "published": "2017-01-28", "text": BODY,
                                   "title": "9-year-old boy fatally shot"})
    (event,) = analyse(document, load_nlp()).events
    assert event.date is not None
    assert event.date.value == "2016-05-27"  # the Friday before Tuesday 2016-05-31


def test_a_stamp_the_parser_cannot_read_leaves_the_capture_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimledger.read.capture as capture

    def broken(text: str, segments: object) -> str:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(capture, "dateline_date", broken)
    text = "Boy fatally shot\n\nCreated: 05/27/2016 11:14 PM\n\n" + BODY
    document = read_one(tmp_path, {"url": ARCHIVED, "published": "2017-01-28", "text": text})
    assert (document.published, document.published_from) == ("2016-05-31", "capture")
