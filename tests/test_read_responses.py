"""News API files as users save them: NewsAPI, Event Registry and GDELT-DOC responses (whole
files and one response per JSON line) give an input per article; news-please records map by
name; an error response, an empty list and a list of URLs are errors that say what to do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.model import Document, ReadError
from claimledger.read import ReadOptions, read_paths

NEWSAPI = {
    "status": "ok",
    "totalResults": 2,
    "articles": [
        {
            "source": {"id": None, "name": "BBC News"},
            "author": "Jane Roe",
            "title": "Air strike kills 7 in Idlib",
            "description": "An air strike killed seven people.",
            "url": "https://bbc.example/1",
            "urlToImage": None,
            "publishedAt": "2024-01-05T12:15:00Z",
            "content": "An air strike killed seven people in Idlib on Friday, the health "
            "ministry said. Rescuers searched… [+2345 chars]",
        },
        {
            "source": {"id": "cnn", "name": "CNN"},
            "author": None,
            "title": "Two hurt in Lagos blast",
            "description": "Police said two people were injured in the blast.",
            "url": "https://cnn.example/2",
            "publishedAt": "2024-01-06T08:00:00Z",
            "content": None,
        },
    ],
}
EVENT_REGISTRY = {
    "articles": {
        "results": [
            {
                "uri": "8012345678",
                "lang": "eng",
                "date": "2024-02-01",
                "time": "10:00:00",
                "dateTime": "2024-02-01T10:00:00Z",
                "dateTimePub": "2024-02-01T09:30:00Z",
                "url": "https://er.example/x",
                "title": "Clashes leave 4 dead",
                "body": "Four people died in clashes in Gao on Wednesday, the army said.\n\n"
                "Residents said the fighting lasted three hours.",
                "source": {"uri": "er.example", "dataType": "news", "title": "ER Times"},
                "authors": [{"uri": "john@er", "name": "John Doe", "type": "author"}],
            }
        ],
        "totalResults": 1,
        "page": 1,
        "count": 100,
        "pages": 1,
    }
}
NEWS_PLEASE = {
    "authors": ["Ann Lee"],
    "date_download": "2024-03-01 10:00:00",
    "date_publish": "2024-02-28 16:20:00",
    "description": "A landslide hit the village.",
    "language": "en",
    "maintext": "Three people were killed in a landslide, local officials said on Wednesday.",
    "source_domain": "news.example.org",
    "title": "Landslide kills 3",
    "url": "https://news.example.org/landslide",
}
GDELT_DOC = {
    "articles": [
        {
            "url": "https://g.example/1",
            "url_mobile": "",
            "title": "Bombing kills 9",
            "seendate": "20240105T121500Z",
            "socialimage": "",
            "domain": "g.example",
            "language": "English",
            "sourcecountry": "Nigeria",
        }
    ]
}


def read(path: Path) -> list[Document | ReadError]:
    return list(read_paths([path], ReadOptions()))


def write_json(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")
    return path


def test_a_newsapi_response_gives_each_article_with_its_source_and_date(tmp_path: Path) -> None:
    path = write_json(tmp_path / "newsapi.json", NEWSAPI)
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.input, second.input) == (f"{path}:articles[0]", f"{path}:articles[1]")
    assert (first.outlet, first.byline, first.url) == ("BBC News", "Jane Roe", "https://bbc.example/1")
    assert (first.published, first.published_from) == ("2024-01-05T12:15:00Z", "record")
    assert first.title == "Air strike kills 7 in Idlib"
    assert "killed seven people in Idlib" in first.text
    assert "[+2345 chars]" not in first.text  # NewsAPI's cut mark is no part of the story
    # no content: the description is the text, one sentence read as body
    assert second.outlet == "CNN"
    body = "".join(second.segment_text(s) for s in second.segments_of("body"))
    assert body == "Police said two people were injured in the blast."


def test_an_event_registry_response_gives_each_result(tmp_path: Path) -> None:
    path = write_json(tmp_path / "er.json", EVENT_REGISTRY)
    (document,) = read(path)
    assert isinstance(document, Document)
    assert document.input == f"{path}:articles.results[0]"
    assert (document.outlet, document.byline) == ("ER Times", "John Doe")
    assert document.published == "2024-02-01T09:30:00Z"  # when published, not when crawled
    assert document.url == "https://er.example/x"
    assert "Four people died in clashes" in document.text


def test_a_news_please_record_maps_by_name(tmp_path: Path) -> None:
    path = write_json(tmp_path / "article.json", NEWS_PLEASE)
    (document,) = read(path)
    assert isinstance(document, Document) and document.input == str(path)
    assert (document.outlet, document.byline) == ("news.example.org", "Ann Lee")
    assert document.published == "2024-02-28 16:20:00"
    assert document.title == "Landslide kills 3" and "Three people were killed" in document.text


def test_gdelt_doc_articles_are_errors_that_say_to_fetch_the_pages(tmp_path: Path) -> None:
    path = write_json(tmp_path / "gdelt.json", GDELT_DOC)
    (error,) = read(path)
    assert isinstance(error, ReadError) and error.input == f"{path}:articles[0]"
    assert "no text or HTML" in error.reason and "GDELT-DOC" in error.reason
    assert "claimledger fetch" in error.reason


def test_one_response_per_json_line_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "responses.jsonl"
    lines = [json.dumps(NEWSAPI), json.dumps(EVENT_REGISTRY), json.dumps(NEWS_PLEASE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = read(path)
    assert [r.input for r in records] == [
        f"{path}:1:articles[0]", f"{path}:1:articles[1]", f"{path}:2:articles.results[0]",
        f"{path}:3",
    ]
    assert all(isinstance(r, Document) for r in records)


def test_flattened_records_find_dotted_columns(tmp_path: Path) -> None:
    flat = {
        "source.name": "Reuters", "publishedAt": "2024-01-07T00:00:00Z", "title": "T",
        "content": "Rebels said they killed five soldiers in the north on Sunday.",
    }
    (document,) = read(write_json(tmp_path / "flat.json", flat))
    assert isinstance(document, Document)
    assert (document.outlet, document.published) == ("Reuters", "2024-01-07T00:00:00Z")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ({"status": "error", "code": "apiKeyInvalid", "message": "Your API key is invalid."},
         "an API error response, no articles: apiKeyInvalid: Your API key is invalid."),
        ({"error": "Unknown API key"}, "an API error response, no articles: Unknown API key"),
        ({"status": "ok", "totalResults": 0, "articles": []},
         "an API response with no articles (an empty articles list)"),
    ],
)
def test_an_error_or_empty_response_is_one_error(
    tmp_path: Path, value: object, reason: str
) -> None:
    path = write_json(tmp_path / "response.json", value)
    assert read(path) == [ReadError(input=str(path), reason=reason)]


@pytest.mark.parametrize("name", ["urls.txt", "urls"])
def test_a_list_of_urls_is_refused_with_a_pointer_to_fetch(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("# to read\nhttps://a.example/1\nhttp://b.example/2?x=1\n\n", encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.reason.startswith("a list of 2 URLs, not a page:")
    assert f"`claimledger fetch {path} -o pages.warc.gz`" in error.reason


def test_a_scrape_that_quotes_a_url_is_still_a_page(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "Storm hits the coast\n\nThe storm killed two people, officials said on Monday.\n\n"
        "https://example.com/storm\n",
        encoding="utf-8",
    )
    (document,) = read(path)
    assert isinstance(document, Document)


def test_the_bundled_inputs_read_as_the_readme_shows() -> None:
    folder = Path(__file__).resolve().parents[1] / "examples" / "inputs"
    runner = CliRunner()
    table = runner.invoke(main, [
        "read", str(folder / "reports.csv"), "--text-column", "story", "--source-column",
        "site", "--format", "jsonl",
    ])
    assert table.exit_code == 0 and "3 inputs: 2 documents, 1 errors" in table.stderr
    response = runner.invoke(main, ["read", str(folder / "newsapi-response.json"), "--strict"])
    assert response.exit_code == 0 and "2 inputs: 2 documents, 0 errors" in response.stderr
    urls = runner.invoke(main, ["read", str(folder / "urls.txt"), "--strict"])
    assert urls.exit_code == 1 and "a list of 2 URLs, not a page" in urls.stdout
