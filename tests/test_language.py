"""Each document's language: detected from title and body, kept on the document, in the store
and in JSON; a document in another language than English is stored but not extracted from, and
the summaries say so."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from claimledger.cli import main
from claimledger.model import Document, Segment, skipped_for_language
from claimledger.read import read_paths
from claimledger.read.language import detect_language, language_text, with_language
from claimledger.read.options import ReadOptions

PAGES = {
    "en": "At least 40 people were killed when rebels attacked an army base near Goma on "
    "Saturday, the provincial governor said. Witnesses described heavy gunfire.",
    "fr": "Au moins 40 personnes ont été tuées samedi lorsque des rebelles ont attaqué une base "
    "militaire près de Goma, a déclaré le gouverneur de la province du Nord-Kivu.",
    "es": "Al menos cinco personas murieron el domingo en un ataque armado en Culiacán, informó "
    "la Fiscalía General del Estado de Sinaloa, que abrió una investigación.",
    "de": "Bei einer Explosion in einem Chemiewerk in Ludwigshafen sind am Montag zwei Menschen "
    "ums Leben gekommen, teilte die Polizei mit. Mehrere Anwohner wurden verletzt.",
    "ru": "В результате обстрела Харькова в ночь на среду погибли по меньшей мере три человека, "
    "ещё шестеро получили ранения, сообщил глава областной администрации.",
    "ar": "قُتل ثلاثة أشخاص على الأقل وأصيب خمسة آخرون في غارة جوية استهدفت سيارة قرب مدينة "
    "إدلب يوم الأحد، بحسب ما أفاد الدفاع المدني.",
}
FRENCH_PAGE = (
    "<html><head><title>Attaque près de Goma</title></head><body><article>"
    "<h1>Attaque près de Goma : au moins 40 morts</h1>"
    f"<p>{PAGES['fr']}</p><p>Les habitants ont fui vers le centre-ville pendant la nuit, "
    "selon des témoins joints par téléphone.</p></article></body></html>"
)


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_paragraph_is_told_by_its_language(language: str) -> None:
    assert detect_language(PAGES[language]) == language


def test_an_english_page_full_of_foreign_names_is_english() -> None:
    text = ("Coast guards from Chania and Héraklion said on Tuesday that three fishing boats were "
            "stranded south of Crête after a storm. No one was hurt, the port authority said.")
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "Goma", "40 killed", "12:30 — 14/03/2024"])
def test_too_little_text_gives_no_language(text: str) -> None:
    assert detect_language(text) is None


@given(st.text(st.characters(exclude_categories=())))  # surrogates and controls too
def test_any_text_gives_a_language_or_none_never_an_error(text: str) -> None:
    language = detect_language(text)
    assert language is None or (language and language != "un")


def test_the_language_is_told_by_title_and_body_not_comments() -> None:
    body = PAGES["fr"]
    comments = " ".join([PAGES["en"]] * 5)
    text = f"{body}\n\n{comments}"
    document = Document(
        id="d", text=text,
        segments=(Segment("body", 0, len(body)), Segment("comments", len(body) + 2, len(text))),
    )
    assert language_text(document) == body
    assert with_language(document).language == "fr"
    assert skipped_for_language(with_language(document)) == "language fr"


def test_english_and_unknown_documents_are_not_skipped() -> None:
    assert skipped_for_language(Document(id="a", text="", language="en")) is None
    assert skipped_for_language(Document(id="b", text="")) is None


def test_read_sets_each_documents_language(examples_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "goma-fr.html").write_text(FRENCH_PAGE, encoding="utf-8")
    documents = list(read_paths([str(examples_dir), str(tmp_path)], ReadOptions()))
    languages = {d.input.rsplit("/", 1)[-1]: d.language for d in documents
                 if isinstance(d, Document)}
    assert languages.pop("goma-fr.html") == "fr"
    assert set(languages.values()) == {"en"}, languages
    result = CliRunner().invoke(main, ["read", str(tmp_path), "--format", "jsonl"])
    assert json.loads(result.stdout)["language"] == "fr"


@pytest.mark.model
@pytest.mark.slow
def test_extract_and_run_skip_a_french_page_and_say_so(
    examples_dir: Path, tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "goma-fr.html").write_text(FRENCH_PAGE, encoding="utf-8")
    (pages / "lakeside-wire-goma.html").write_bytes(
        (examples_dir / "lakeside-wire-goma.html").read_bytes()
    )
    extract = CliRunner().invoke(main, ["extract", str(pages), "--format", "jsonl"])
    assert extract.exit_code == 0, extract.output
    records = {json.loads(line)["document"]["input"].rsplit("/", 1)[-1]: json.loads(line)
               for line in extract.stdout.splitlines()}
    french = records["goma-fr.html"]
    assert french["skipped"] == "language fr"
    assert french["figures"] == [] and french["events"] == [] and french["attributions"] == []
    english = records["lakeside-wire-goma.html"]
    assert english["skipped"] is None and english["figures"]
    assert "1 document not in English, not extracted (fr 1)" in extract.stderr

    table = CliRunner().invoke(main, ["extract", str(pages / "goma-fr.html")])
    # the table may wrap a long path at any space: compare without whitespace
    assert "goma-fr.html:languagefr" in "".join(table.stdout.split())
    assert table.stdout.startswith("skipped ")

    db = tmp_path / "ledger.db"
    run = CliRunner().invoke(main, ["run", str(pages), "--db", str(db)])
    assert run.exit_code == 0, run.output
    assert "2 inputs: 2 analysed" in run.stderr
    assert "1 document not in English, not extracted (fr 1)" in run.stderr
    conn = sqlite3.connect(db)
    stored = dict(conn.execute("SELECT input, language FROM documents"))
    french_events = conn.execute(
        "SELECT count(*) FROM events JOIN documents ON documents.id = events.document_id"
        " WHERE documents.language = 'fr'"
    ).fetchone()[0]
    conn.close()
    assert sorted(stored.values()) == ["en", "fr"]
    assert french_events == 0
