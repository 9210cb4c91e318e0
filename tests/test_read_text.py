"""The plain-text scrape reader: segments of a copied page, and the fields they fill."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from claimledger.model import Document, content_id, document_id
from claimledger.read.options import ReadOptions
from claimledger.read.record import read_record
from claimledger.read.text import read_text_scrape, segment_text_scrape
from claimledger.read.text_rules import (
    byline_name,
    classify_line,
    comment_count,
    count_words,
    source_name,
)

# A page of our own writing, laid out the way a copied news page comes: menu, headline, byline,
# story, share buttons, a related block, a discussion, a reply form, a legal footer.
SCRAPED_PAGE = """\
Home
World
Business
Sport
Search

Floods cut off three villages as the river breaks its banks

By Maria Okafor | Lagos
March 3, 2021 08:15

Heavy rain overnight pushed the river over its banks on Tuesday, cutting the only road to three \
villages and forcing families onto rooftops, local officials said.

Rescue teams reached two of the villages by boat before noon, according to the state emergency \
agency, which said at least 40 homes had been flooded.

Residents said the water rose faster than in any year they could remember. "We lost everything \
in the kitchen," one farmer said, standing in knee-deep water.

The agency said it would send more boats on Wednesday if the rain continues.

Share
Tweet
Email

Related Articles

Bridge repairs delayed again as costs rise
New dam plan faces objections from farmers

3 Comments

Kemi A.
March 3, 2021 at 10:02 am
My cousin lives there and they are still waiting for help. The road has been bad for years and \
nobody listened when people complained about it.
Reply

Tunde
March 3, 2021 at 11:40 am
Thank you for reporting this, the national papers have not said a word about it all morning.
Reply

Leave a Reply

Your email address will not be published. Required fields are marked *

Name *
Email *
Post Comment

© 2021 Example Daily. All rights reserved.
Privacy Policy
"""


def _texts(document: Document, kind: str) -> list[str]:
    return [document.segment_text(s) for s in document.segments if s.kind == kind]


def _read(text: str, **kwargs: object) -> Document:
    return read_text_scrape(text, input="page.txt", options=ReadOptions(), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def reference_document(reference_page_path: Path) -> Document:
    return _read(reference_page_path.read_text(encoding="utf-8"))


def test_reference_page_title_is_its_first_line(reference_document: Document) -> None:
    assert reference_document.title is not None
    assert reference_document.title.startswith("Risking Major Escalation, Trump Weighs Killing")
    assert _texts(reference_document, "title") == [reference_document.title]


def test_reference_page_body_runs_from_first_paragraph_to_the_byline(
    reference_document: Document,
) -> None:
    (body,) = _texts(reference_document, "body")
    assert body.startswith("In the aftermath of Robert Mueller")
    assert body.endswith("presence in the country.")
    for chrome in ("By Tyler Durden", "Similar Posts", "Comments", "Leave a Reply", "Clinton"):
        assert chrome not in body


def test_reference_page_byline_and_source(reference_document: Document) -> None:
    assert reference_document.byline == "Tyler Durden"
    assert reference_document.original_source == "Zero Hedge"
    assert _texts(reference_document, "byline") == ["By Tyler Durden"]
    assert _texts(reference_document, "source") == ["Source: Zero Hedge"]


def test_reference_page_comments_hold_the_reader_comment(reference_document: Document) -> None:
    (comments,) = _texts(reference_document, "comments")
    assert comments.startswith("2 Comments")
    assert "Clinton and Obama have blood on their hands" in comments
    assert reference_document.comment_count == 2


def test_reference_page_related_links_and_reply_form(reference_document: Document) -> None:
    assert _texts(reference_document, "related") == ["Similar Posts"]
    chrome = "\n".join(_texts(reference_document, "chrome"))
    assert "Leave a Reply" in chrome
    assert "Your email address will not be published" in chrome


def test_reference_page_segments_come_in_page_order(reference_document: Document) -> None:
    kinds = [s.kind for s in reference_document.segments]
    assert kinds == ["title", "body", "byline", "source", "related", "comments", "chrome"]


def test_scraped_page_body_is_the_story_only() -> None:
    document = _read(SCRAPED_PAGE)
    (body,) = _texts(document, "body")
    assert body.startswith("Heavy rain overnight")
    assert body.endswith("if the rain continues.")
    assert "Share" not in body and "Bridge repairs" not in body


def test_scraped_page_header_fields() -> None:
    document = _read(SCRAPED_PAGE)
    assert document.title == "Floods cut off three villages as the river breaks its banks"
    assert document.byline == "Maria Okafor"
    assert _texts(document, "dateline") == ["March 3, 2021 08:15"]
    assert "Home\nWorld" in _texts(document, "chrome")[0]


def test_scraped_page_related_comments_and_footer() -> None:
    document = _read(SCRAPED_PAGE)
    (related,) = _texts(document, "related")
    assert related.startswith("Related Articles") and "New dam plan" in related
    (comments,) = _texts(document, "comments")
    assert "My cousin lives there" in comments and "Thank you for reporting" in comments
    assert document.comment_count == 3
    chrome = _texts(document, "chrome")
    assert chrome[-1].startswith("Leave a Reply") and chrome[-1].endswith("Privacy Policy")


def test_long_discussion_does_not_become_the_body() -> None:
    comment = (
        "I have followed this story for weeks and I still think the officials are hiding "
        "what really happened at the plant, which is why nobody trusts them anymore."
    )
    discussion = "\n\n".join(f"reader{i}\n2 days ago\n{comment}\nReply" for i in range(30))
    page = SCRAPED_PAGE.replace("Leave a Reply", discussion + "\n\nLeave a Reply")
    (body,) = _texts(_read(page), "body")
    assert body.startswith("Heavy rain overnight")
    assert "officials are hiding" not in body


def test_cookie_banner_is_not_the_body() -> None:
    banner = (
        "We use cookies and similar technologies to improve your browsing experience, to show "
        "you personalised content and targeted ads, to analyse our traffic and to understand "
        "where our visitors come from. By continuing you consent to our use of cookies."
    )
    document = _read(banner + "\n\nAccept\n\n" + SCRAPED_PAGE)
    (body,) = _texts(document, "body")
    assert "cookies" not in body
    assert banner in _texts(document, "chrome")[0]


def test_text_is_kept_as_given_except_crlf() -> None:
    text = SCRAPED_PAGE.replace("\n", "\r\n")
    document = _read(text)
    assert document.text == SCRAPED_PAGE
    assert document.text_id == content_id(SCRAPED_PAGE)
    assert document.id == document_id(SCRAPED_PAGE, url=None, input="page.txt")
    assert document.input_kind == "text"
    assert document.input == "page.txt"


UNDATED_PAGE = SCRAPED_PAGE.replace("March 3, 2021 08:15\n", "")


def test_published_comes_from_the_record_or_the_user_when_given() -> None:
    assert _read(UNDATED_PAGE).published is None
    given = _read(UNDATED_PAGE, published="2021-03-03")
    assert (given.published, given.published_from) == ("2021-03-03", "record")
    from_options = read_text_scrape(
        UNDATED_PAGE, input="p", options=ReadOptions(published="2021-03-04")
    )
    assert (from_options.published, from_options.published_from) == ("2021-03-04", "user")


def test_title_given_by_the_user_wins() -> None:
    assert _read(SCRAPED_PAGE, title="Floods").title == "Floods"


def test_empty_and_blank_text_have_no_segments() -> None:
    assert segment_text_scrape("") == ()
    assert segment_text_scrape(" \n\t\n  ") == ()


def test_page_without_prose_is_all_chrome() -> None:
    segments = segment_text_scrape("Home\nNews\nSport\nContact us")
    assert [s.kind for s in segments] == ["chrome"]


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("2 Comments", 2),
        ("[ 167 comments ]", 167),
        ("Comments (14)", 14),
        ("12 Responses to “Floods cut off three villages”", 12),
        ("3 thoughts on “Bridge repairs delayed”", 3),
        ("2 Comentários", 2),
        ("1,024 comments", 1024),
        ("Comments", -1),
        ("Top Rated Comments", -1),
        ("0 Comments", 0),
        ("The comments were harsh.", None),
        ("Comment is free, but facts are sacred.", None),
    ],
)
def test_comment_count_of_a_header_line(line: str, count: int | None) -> None:
    assert comment_count(line) == count


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("2 Comments", "comments_header"),
        ("0 Comments", "short"),
        ("No comments yet", "short"),
        ("Leave a Reply", "reply_form"),
        ("Leave a comment", "reply_form"),
        ("Post a Comment", "reply_form"),
        ("Your email address will not be published. Required fields are marked *", "reply_form"),
        ("Deixe uma resposta", "reply_form"),
        ("Similar Posts", "related_header"),
        ("Related", "related_header"),
        ("You may also like", "related_header"),
        ("More from Business", "related_header"),
        ("Most Read", "related_header"),
        ("Artigos relacionados", "related_header"),
        ("By Tyler Durden", "byline"),
        ("Source: Zero Hedge", "source"),
        ("© 2019 Example Media Ltd. All rights reserved.", "legal"),
        ("Privacy Policy", "legal"),
        ("Subscribe to our newsletter", "legal"),
        ("Nov. 18, 2019 7:04 pm ET", "date"),
        ("2 days ago at 07:52 am", "date"),
        ("1) Lego Star Wars 75188", "list_item"),
        ("Share", "short"),
        ("Bridge repairs delayed again as costs rise", "short"),
        ("Rescue teams reached two of the villages by boat before noon, officials said.", "prose"),
        ("Nearly 150 Indians returned home broke on Wednesday after being deported from…", "short"),
    ],
)
def test_line_role(line: str, role: str) -> None:
    assert classify_line(line, count_words(line)) == role


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Tyler Durden", "Tyler Durden"),
        ("By Maria Okafor | Lagos", "Maria Okafor"),
        ("by Finian Cunningham", "Finian Cunningham"),
        ("By Jane Doe and John Roe - 3 hours ago", "Jane Doe and John Roe"),
        ("Written by Chris Davies, 19 November 2019", "Chris Davies"),
        ("By Regan December 6, 2018", "Regan"),
        ("Posted by admin", None),
        ("by the time the rescue teams arrived the water had gone", None),
        ("By choosing I Accept, you consent to our use of cookies.", None),
    ],
)
def test_byline_name(line: str, name: str | None) -> None:
    assert byline_name(line) == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Source: Zero Hedge", "Zero Hedge"),
        ("SOURCE: Reuters", "Reuters"),
        ("Via: The Guardian", "The Guardian"),
        ("Sources say the talks failed", None),
    ],
)
def test_source_name(line: str, name: str | None) -> None:
    assert source_name(line) == name


def test_clean_article_text_is_all_body() -> None:
    story = SCRAPED_PAGE.split("Heavy rain", 1)[1].split("\n\nShare", 1)[0]
    text = "Heavy rain" + story.replace("Residents said", "What residents saw\n\nResidents said")
    assert [s.kind for s in segment_text_scrape(text)] == ["body"]


def test_hard_wrapped_scrape_keeps_its_paragraphs_in_the_body() -> None:
    story = SCRAPED_PAGE.split("Heavy rain", 1)[1].split("\n\nShare", 1)[0]
    paragraphs = ("Heavy rain" + story).split("\n\n")
    wrapped = "\n\n".join(textwrap.fill(p, width=60) for p in paragraphs)
    page = SCRAPED_PAGE.replace("Heavy rain" + story, wrapped)
    document = _read(page)
    (body,) = _texts(document, "body")
    assert body == wrapped
    assert document.title == "Floods cut off three villages as the river breaks its banks"


def test_stacked_headlines_are_not_joined_into_a_paragraph() -> None:
    headlines = "\n".join(
        [
            "China furious at Macron over remarks on the protests in the city [INSIGHT]",
            "Lakers vs Nets: league makes final decision on game after the row |",
            "Shoppers queue for hours as the new store opens its doors in the centre",
            "Minister says the talks with the unions will resume next week at the latest",
        ]
    )
    page = SCRAPED_PAGE.replace("Share\nTweet", headlines + "\n\nShare\nTweet")
    (body,) = _texts(_read(page), "body")
    assert body.endswith("if the rain continues.")


def test_a_dateline_gives_the_publication_date_before_the_users_fallback() -> None:
    options = ReadOptions(published="2024-01-01")
    document = read_text_scrape(SCRAPED_PAGE, input="p", options=options)
    assert (document.published, document.published_from) == ("2021-03-03", "page")


def test_a_relative_dateline_is_not_read_as_a_date() -> None:
    page = SCRAPED_PAGE.replace("March 3, 2021 08:15", "Yesterday 08:15")
    assert _read(page).published is None


def test_a_scrapes_source_line_names_its_outlet() -> None:
    document = _read(SCRAPED_PAGE.replace("\nShare\n", "\nSource: Lagos Ledger\n\nShare\n"))
    assert document.original_source == "Lagos Ledger"
    assert document.outlet == "Lagos Ledger"


# --- the outlet of a scrape: "Source:" line, dateline agency, "| Site", the address's host -----

OUTLET_BODY = (
    "Shelling killed four people in the town on Sunday, a regional official said, and wounded "
    "eleven others who were taken to the district hospital for treatment.\n\n"
    "The official said rescue teams were still searching the ruins of two houses.\n"
)


@pytest.mark.parametrize(
    ("page", "url", "outlet"),
    [
        # a "Source:" line outranks every other sign
        (
            "Shelling kills four in border town | Valley Courier\n\nTOWN (AP) - "
            + OUTLET_BODY
            + "\nSource: Hill Gazette\n",
            "https://www.example.org/a",
            "Hill Gazette",
        ),
        # then the agency of the dateline
        (
            "Shelling kills four in border town | Valley Courier\n\nTOWN, Region (AFP) - "
            + OUTLET_BODY,
            "https://www.example.org/a",
            "AFP",
        ),
        ("Shelling kills four in border town\n\n(Reuters) — " + OUTLET_BODY, None, "Reuters"),
        # then the site's name after the headline's bar
        (
            "Shelling kills four in border town | Valley Courier\n\n" + OUTLET_BODY,
            "https://www.example.org/a",
            "Valley Courier",
        ),
        # then the address's host, as people write it
        (
            "Shelling kills four in border town\n\n" + OUTLET_BODY,
            "https://www.example.org/a",
            "example.org",
        ),
        (
            "Shelling kills four in border town\n\n" + OUTLET_BODY,
            "http://web.archive.org/web/2014/http://news.example.co.uk/x",
            "example.co.uk",
        ),
        # nothing to go by: no outlet, and never the headline line itself
        ("Shelling kills four in border town | \n\n" + OUTLET_BODY, None, None),
    ],
)
def test_a_scrapes_outlet_comes_from_the_best_sign_it_gives(
    page: str, url: str | None, outlet: str | None
) -> None:
    document = read_text_scrape(page, input="p", options=ReadOptions(), url=url)
    assert document.outlet == outlet


def test_a_parenthesised_word_that_names_no_agency_is_no_outlet() -> None:
    page = "Shelling kills four in border town\n\n(Photo) - " + OUTLET_BODY
    assert read_text_scrape(page, input="p", options=ReadOptions()).outlet is None


def test_a_records_named_outlet_comes_after_the_source_line_only() -> None:
    page = "Shelling kills four in border town\n\nTOWN (AP) - " + OUTLET_BODY
    document = read_text_scrape(page, input="p", options=ReadOptions(), outlet="Valley Courier")
    assert document.outlet == "Valley Courier"


def test_the_site_after_the_headlines_bar_is_not_part_of_the_title() -> None:
    page = "Shelling kills four in border town | Valley Courier\n\n" + OUTLET_BODY
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert document.title == "Shelling kills four in border town"
    assert _texts(document, "title") == ["Shelling kills four in border town"]
    assert "| Valley Courier" in _texts(document, "chrome")


def test_a_first_line_headline_stands_alone_without_a_blank_line_under_it() -> None:
    page = "Shelling kills four in border town\n" + OUTLET_BODY
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert document.title == "Shelling kills four in border town"
    assert _texts(document, "body")[0].startswith("Shelling killed four people")


def test_a_hard_wrapped_first_paragraph_is_not_taken_for_a_headline() -> None:
    page = (
        "Shelling killed four people in the town on Sunday, a regional\n"
        "official said, and wounded eleven others who were taken to the hospital.\n"
    )
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert document.title is None


def test_a_headline_first_line_is_the_title_over_a_longer_caption() -> None:
    page = (
        "Shelling kills four in border town\n\n"
        "Image caption,\n"
        "Rescue teams, seen here on Sunday, searched the ruins of two houses for survivors\n\n"
        + OUTLET_BODY
    )
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert document.title == "Shelling kills four in border town"


# --- links to other reports set in a page: kept as related, out of the body ------------------

TEASER_PAGE = (
    "Gunmen kill 12 in village raid\n\n"
    "Gunmen killed 12 villagers in a raid on a village in the north on Sunday, a local official "
    "said. The attackers burned houses and a market before leaving on motorbikes.\n\n"
    "Go to video\n"
    "Army convoy ambushed: the massacre of 40 civilians in the east\n\n"
    "Residents said they had asked for troops to be sent to the area weeks before the attack, "
    "but no help came, and many have since left for the town.\n\n"
    "Watch: army says 20 fighters neutralised in the west\n"
)


def test_video_and_teaser_links_inside_a_body_are_related_not_body() -> None:
    document = read_text_scrape(TEASER_PAGE, input="p", options=ReadOptions())
    related = _texts(document, "related")
    assert related == [
        "Go to video\nArmy convoy ambushed: the massacre of 40 civilians in the east",
        "Watch: army says 20 fighters neutralised in the west",
    ]
    assert all("40 civilians" not in body for body in _texts(document, "body"))
    assert len(_texts(document, "body")) == 2


PLAYLIST = (
    "1:17 Twins receive gift of mobility this holiday season Pause\n\n"
    "0:41 Woman dies crossing river in Kennewick\n\n"
    "0:16 Scene of street wreck where motorcyclist was killed\n"
)


def test_a_video_playlist_in_a_page_is_related_not_body() -> None:
    document = _read(TEASER_PAGE.replace("Go to video\n", PLAYLIST))
    assert _texts(document, "related")[0].startswith("1:17 Twins")
    assert not any(
        "motorcyclist" in body or "Woman dies" in body for body in _texts(document, "body")
    )
    assert len(_texts(document, "body")) == 2


def test_a_page_of_nothing_but_a_playlist_has_no_body_even_from_a_record() -> None:
    title = "Man accidentally shoots himself in leg in Kennewick"
    document = read_record(
        {"title": title, "text": PLAYLIST}, input="r", options=ReadOptions(), kind="jsonl"
    )
    assert document.segments_of("body") == ()
    assert document.title == title


def test_a_timeline_entry_opening_with_a_clock_time_stays_body() -> None:
    entry = (
        "10:45 Police said the gunman fled the scene on foot and was arrested two blocks away "
        "an hour later."
    )
    document = _read(TEASER_PAGE.replace("Go to video\n", entry + "\n\n"))
    assert any(entry in body for body in _texts(document, "body"))


def test_prose_that_opens_with_a_teaser_word_stays_body() -> None:
    page = TEASER_PAGE.replace(
        "Residents said", "Video footage shows the attackers leaving, and residents said"
    )
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert any("Video footage shows" in body for body in _texts(document, "body"))


def test_a_title_case_headline_over_its_story_is_not_a_wrapped_line_of_it() -> None:
    page = (
        "Floods Cut Off Three Villages as River Breaks Its Banks\n"
        "Heavy rain overnight pushed the river over its banks on Tuesday, cutting the only road.\n"
    )
    units = [page[s.start : s.end] for s in segment_text_scrape(page)]
    assert units[0] == "Floods Cut Off Three Villages as River Breaks Its Banks"


def test_the_headline_repeated_above_the_story_is_title_again() -> None:
    page = (
        "Floods cut off three villages as the river breaks its banks | Valley Courier\n\n"
        "Story code: 1234\n"
        "Floods cut off three villages as the river breaks its banks\n\n" + OUTLET_BODY
    )
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert _texts(document, "title") == [
        "Floods cut off three villages as the river breaks its banks",
        "Floods cut off three villages as the river breaks its banks",
    ]


def test_a_pages_last_line_cut_off_under_the_story_is_the_storys() -> None:
    page = (
        OUTLET_BODY
        + "\nIn 2010, 76 soldiers of the same battalion died in the district as they were on an exe"
    )
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert _texts(document, "body")[-1].endswith("they were on an exe")


def test_a_short_last_line_is_not_taken_for_the_storys() -> None:
    page = OUTLET_BODY + "\nShare this story on Facebook"
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert "Share this story on Facebook" in _texts(document, "chrome")


def test_a_headline_set_as_a_list_item_is_the_title_without_its_bullet() -> None:
    page = (
        "Jun 29, 2023 08:51 UTC\n  •  Shelling kills four people in border town\n\n" + OUTLET_BODY
    )
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert document.title == "Shelling kills four people in border town"
    assert "•" in _texts(document, "chrome")


def test_a_source_lines_name_stops_at_a_bar() -> None:
    page = OUTLET_BODY + "\nSource: Hill Gazette| 2018-08-27 07:57:35|Editor: A. Writer\n"
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert (document.outlet, document.original_source) == ("Hill Gazette", "Hill Gazette")


def test_a_headline_over_a_longer_standfirst_is_no_wrapped_line_of_it() -> None:
    page = (
        "WORLD\n"
        "Separatists kill five soldiers and four civilians in the west of the country\n"
        "On Saturday, around 20 gunmen attacked a gendarmerie and a police station in a town in "
        "a mostly French-speaking province, officials said.\n\n" + OUTLET_BODY
    )
    document = read_text_scrape(page, input="p", options=ReadOptions())
    assert document.title == (
        "Separatists kill five soldiers and four civilians in the west of the country"
    )
