"""A site's home state learned from the corpus, and the event places it settles."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from claimledger.extract.call_signs import call_sign, station_states
from claimledger.model import Event, PlaceCandidate, PlaceMention, Span
from claimledger.runner import run
from claimledger.site_homes import settled_at_homes, settles_abroad, site_homes
from claimledger.store import open_store


def town(name: str, state: str, country: str = "US") -> PlaceCandidate:
    return PlaceCandidate(name=name, feature="city", country_code=country,
                          country="United States" if country == "US" else country, admin1=state)


def settled(name: str, state: str) -> PlaceMention:
    place = town(name, state)
    return PlaceMention(span=Span(0, len(name), name), name=name, candidates=(place,),
                        resolved=place)


SPRINGFIELDS = (town("Springfield", "Ohio"), town("Springfield", "Illinois"),
                town("Springfield", "Missouri"))


def event(event_id: str, document_id: str, place: PlaceMention | None) -> Event:
    return Event(id=event_id, document_id=document_id, trigger=Span(0, 4, "shot"),
                 event_type="Violence against civilians", place=place)


def unsettled(name: str = "Springfield") -> PlaceMention:
    return PlaceMention(span=Span(10, 10 + len(name), name), name=name, candidates=SPRINGFIELDS)


def test_a_site_is_at_home_where_most_of_its_pages_settle_a_state() -> None:
    pages = [
        ("https://www.wlwt.com/news/a", [settled("Cincinnati", "Ohio")]),
        ("https://www.wlwt.com/news/b", [settled("Dayton", "Ohio"), settled("Hamilton", "Ohio")]),
        ("http://web.archive.org/web/2016/http://www.wlwt.com:80/news/c",
         [settled("Covington", "Kentucky"), settled("Cincinnati", "Ohio")]),
        ("https://www.wlwt.com/news/d", [unsettled()]),
    ]
    assert site_homes(pages).regions == {"wlwt.com": "US|Ohio"}


def test_the_share_of_a_home_is_of_pages_not_of_the_states_they_name() -> None:
    # every page tells of Ohio, two of them of a neighbouring state besides: at home in Ohio
    pages = [
        ("https://wlwt.com/a", [settled("Cincinnati", "Ohio"), settled("Covington", "Kentucky")]),
        ("https://wlwt.com/b", [settled("Hamilton", "Ohio"), settled("Lawrenceburg", "Indiana")]),
        ("https://wlwt.com/c", [settled("Dayton", "Ohio")]),
    ]
    assert site_homes(pages).regions == {"wlwt.com": "US|Ohio"}
    # ... but not where a third of them tell of another state alone
    pages[2] = ("https://wlwt.com/c", [settled("Covington", "Kentucky")])
    assert site_homes(pages).regions == {}


def test_a_site_whose_pages_settle_no_state_is_at_home_where_their_open_names_meet() -> None:
    def open_name(name: str, *states: str) -> PlaceMention:
        return PlaceMention(span=Span(0, len(name), name), name=name,
                            candidates=tuple(town(name, state) for state in states))

    # one page names Beaufort, the other Bluffton: each alone may lie in two states
    pages = [
        ("https://www.islandpacket.com/a", [open_name("Beaufort", "South Carolina",
                                                      "North Carolina")]),
        ("https://www.islandpacket.com/b", [open_name("Bluffton", "South Carolina", "Indiana")]),
    ]
    assert site_homes(pages).regions == {"islandpacket.com": "US|South Carolina"}
    # a site whose pages settle a state is at home by them alone
    pages.append(("https://www.islandpacket.com/c", [settled("Savannah", "Georgia")]))
    assert site_homes(pages).regions == {"islandpacket.com": "US|Georgia"}


def test_one_page_is_a_home_and_a_split_site_has_none() -> None:
    assert site_homes([("https://one.example/a", [settled("Cincinnati", "Ohio")])]).regions == {
        "one.example": "US|Ohio"}
    split = [
        ("https://wire.example/a", [settled("Cincinnati", "Ohio")]),
        ("https://wire.example/b", [settled("Chicago", "Illinois")]),
        ("https://wire.example/c", [settled("Tulsa", "Oklahoma")]),
    ]
    assert site_homes(split).regions == {}
    abroad = [(f"https://abroad.example/{n}", [settled("Goma", "North Kivu")]) for n in "ab"]
    abroad = [(url, [PlaceMention(span=p[0].span, name="Goma", resolved=town("Goma", "North Kivu",
               "CD"))]) for url, p in abroad]
    assert site_homes(abroad).regions == {}


def test_an_unsettled_place_is_settled_only_where_one_candidate_is_at_home() -> None:
    homes = {"wlwt.com": "US|Ohio", "kmov.com": "US|Missouri", "nbc.example": "US|Texas"}
    urls = {"a": "https://www.wlwt.com/x", "b": "https://kmov.com/y", "c": "https://nbc.example/z",
            "d": "https://www.wlwt.com/w", "e": None}
    events = [
        event("e1", "a", unsettled()),
        event("e2", "b", unsettled()),
        event("e3", "c", unsettled()),  # no Springfield in Texas among the candidates
        event("e4", "d", settled("Springfield", "Illinois")),  # the page settled it already
        event("e5", "e", unsettled()),  # no address
    ]
    out = settled_at_homes(events, urls, homes)
    assert [(e.id, e.place.resolved.admin1) for e in out if e.place and e.place.resolved] == [
        ("e1", "Ohio"), ("e2", "Missouri"),
    ]


def test_a_name_the_home_holds_several_of_or_the_country_none_of_stands_in_the_home() -> None:
    homes = {"wlwt.com": "US|Ohio"}
    urls = {"a": "https://www.wlwt.com/x"}
    twice = PlaceMention(span=Span(10, 16, "Salem"), name="Salem",
                         candidates=(town("Salem", "Ohio"), town("Salem", "Ohio"),
                                     town("Salem", "Oregon")))
    quarter = PlaceMention(span=Span(10, 18, "Westwood"), name="Westwood")
    elsewhere = PlaceMention(span=Span(10, 19, "Southaven"), name="Southaven",
                             candidates=(town("Southaven", "Mississippi"),))
    events = [event("e1", "a", twice), event("e2", "a", quarter), event("e3", "a", elsewhere)]
    # as `run` calls it: the page leaves all three names unsettled
    assert settled_at_homes(events, urls, homes, guessed={("a", 10)}) == settled_at_homes(
        events, urls, homes)
    out = settled_at_homes(events, urls, homes)
    # the name stays as written, the home state stands in as its resolution, as a hint
    assert [(e.id, e.place.name, e.place.resolved.name, e.place.rule)  # type: ignore[union-attr]
            for e in out] == [("e1", "Salem", "Ohio", "site-home"),
                              ("e2", "Westwood", "Ohio", "site-home")]


def test_a_namesake_the_page_only_guessed_gives_way_to_the_one_at_the_site_s_home() -> None:
    homes = {"wtok.com": "US|Mississippi"}
    urls = {"a": "https://www.wtok.com/x", "b": "https://www.wtok.com/y"}
    meridians = (town("Meridian", "Idaho"), town("Meridian", "Mississippi"))
    guessed = PlaceMention(span=Span(10, 18, "Meridian"), name="Meridian", candidates=meridians,
                           resolved=meridians[0])  # the larger namesake, the page's guess
    events = [event("e1", "a", guessed), event("e2", "b", guessed)]
    out = settled_at_homes(events, urls, homes, guessed={("a", 10)})
    # the page's own words left it open: its site's home settles it; page b settled it itself
    assert [(e.id, e.place.resolved.admin1) for e in out  # type: ignore[union-attr]
            ] == [("e1", "Mississippi")]


def test_where_no_home_is_known_a_station_s_call_sign_settles_the_namesake_on_its_side() -> None:
    urls = {"a": "http://web.archive.org/web/2016/http://www.wtok.com:80/x",
            "b": "https://www.kmbc.com/y", "c": "https://www.wfaa.com/z",
            "d": "https://www.wsj.com/w"}
    meridians = (town("Meridian", "Idaho"), town("Meridian", "Mississippi"))
    meridian = PlaceMention(span=Span(10, 18, "Meridian"), name="Meridian", candidates=(
        msgspec.structs.replace(meridians[0], population=120_000),
        msgspec.structs.replace(meridians[1], population=40_000)))
    meridian = msgspec.structs.replace(meridian, resolved=meridian.candidates[0])
    columbia = PlaceMention(span=Span(10, 18, "Columbia"), name="Columbia", candidates=(
        town("Columbia", "South Carolina"), town("Columbia", "Missouri")))
    dallas = PlaceMention(span=Span(10, 16, "Dallas"), name="Dallas", candidates=(
        town("Dallas", "Texas"), town("Dallas", "Georgia")))
    dallas = msgspec.structs.replace(dallas, resolved=dallas.candidates[0])
    events = [event("e1", "a", meridian), event("e2", "b", columbia),
              event("e3", "c", dallas), event("e4", "d", columbia)]
    out = settled_at_homes(events, urls, {}, guessed={("a", 10), ("b", 10), ("c", 10)})
    # WTOK broadcasts east of the Mississippi, KMBC west of it; WFAA in Dallas kept its W
    # from before the line was drawn; the Wall Street Journal is no station
    assert [(e.id, e.place.resolved.admin1) for e in out  # type: ignore[union-attr]
            ] == [("e1", "Mississippi"), ("e2", "Missouri")]


@pytest.mark.parametrize(("url", "sign"), [
    ("https://www.wral.com/news/1", "wral"), ("http://whotv.com/a", "who"),
    ("https://www.kctv5.com/b", "kctv"), ("https://www.wsoctv.com/c", "wsoc"),
    ("https://www.wsj.com/d", None), ("https://www.kansas.com/e", None),
    ("https://news.example.co.uk/f", None), (None, None),
])
def test_a_station_s_call_sign_is_read_from_its_address(url: str | None, sign: str | None) -> None:
    assert call_sign(url) == sign


def test_a_station_that_kept_its_letter_from_before_the_line_is_on_its_own_side() -> None:
    assert "Texas" in (station_states("https://www.wfaa.com/") or ())
    assert "Texas" not in (station_states("https://www.wral.com/") or ())
    assert "Pennsylvania" in (station_states("https://kdka.com/") or ())
    assert "Louisiana" in (station_states("https://www.wwltv.com/") or ())
    assert station_states("https://www.nytimes.com/") is None


def test_a_site_whose_pages_mostly_tell_of_one_town_is_at_home_there() -> None:
    cincinnati = settled("Cincinnati", "Ohio")
    pages = [
        ("https://www.wlwt.com/a", [cincinnati, settled("Hamilton County", "Ohio")]),
        ("https://www.wlwt.com/b", [cincinnati]),
        ("https://www.wlwt.com/c", [settled("Dayton", "Ohio")]),
        ("https://one.example/a", [settled("Dayton", "Ohio")]),  # one page tells too little
        ("https://split.example/a", [cincinnati]),
        ("https://split.example/b", [settled("Dayton", "Ohio")]),
    ]
    assert site_homes(pages).towns == {"wlwt.com": cincinnati.resolved}


def test_a_placeless_event_or_a_quarter_the_gazetteer_lacks_stands_in_the_site_s_town() -> None:
    cincinnati = town("Cincinnati", "Ohio")
    urls = {"a": "https://www.wlwt.com/x", "b": "https://www.wlwt.com/y"}
    quarter = PlaceMention(span=Span(10, 18, "Westwood"), name="Westwood")
    out = settled_at_homes([event("e1", "a", None), event("e2", "b", quarter)], urls,
                           {"wlwt.com": "US|Ohio"}, towns={"wlwt.com": cincinnati})
    assert [(e.id, e.place.name, e.place.resolved, e.place.rule)  # type: ignore[union-attr]
            for e in out] == [("e1", "Cincinnati", cincinnati, "site-home"),
                              ("e2", "Westwood", cincinnati, "site-home")]
    # a town in another state than the site's home is no home town
    out = settled_at_homes([event("e1", "a", None)], urls, {"wlwt.com": "US|Ohio"},
                           towns={"wlwt.com": town("Covington", "Kentucky")})
    assert [e.place.name for e in out] == ["Ohio"]  # type: ignore[union-attr]


def test_a_page_of_news_from_abroad_is_never_settled() -> None:
    homes = {"wlwt.com": "US|Ohio"}
    urls = {"a": "https://www.wlwt.com/x", "b": "https://www.wlwt.com/y"}
    out = settled_at_homes([event("e1", "a", None), event("e2", "b", None)], urls, homes,
                           abroad={"b"})
    assert [e.id for e in out] == ["e1"]


def test_a_page_tells_of_news_abroad_by_a_country_a_region_or_a_large_town() -> None:
    def abroad(name: str, feature: str, population: int) -> PlaceMention:
        place = PlaceCandidate(name=name, feature=feature, country_code="GB",
                               country="United Kingdom", admin1="England",
                               population=population)
        return PlaceMention(span=Span(0, len(name), name), name=name, candidates=(place,),
                            resolved=place)

    home = settled("Henderson", "North Carolina")
    # "Councilwoman Alston": a surname some English village bears is no news from abroad
    assert not settles_abroad([home, abroad("Alston", "city", 1105)])
    assert settles_abroad([home, abroad("London", "city", 8_961_989)])
    assert settles_abroad([home, abroad("England", "admin1", 0)])


def test_an_event_its_page_places_nowhere_is_placed_in_its_site_s_home_state_as_a_hint() -> None:
    homes = {"wlwt.com": "US|Ohio"}
    urls = {"a": "https://www.wlwt.com/x", "b": "https://www.fox13memphis.com/y",
            "c": "https://wire.example/z", "d": None}
    events = [event("e1", "a", None),  # the corpus' home
              event("e2", "b", None),  # the state the address names
              event("e3", "c", None),  # a site with no home
              event("e4", "d", None)]  # no address
    out = settled_at_homes(events, urls, homes)
    assert [e.id for e in out] == ["e1", "e2"]
    places = [e.place for e in out]
    assert all(p is not None and p.rule == "site-home" and p.span == Span(0, 0, "")
               for p in places)
    assert [(p.name, p.resolved.feature, p.resolved.country_code)  # type: ignore[union-attr]
            for p in places if p is not None] == [
        ("Ohio", "admin1", "US"), ("Tennessee", "admin1", "US"),
    ]


def test_run_settles_an_ambiguous_town_and_a_placeless_event_in_the_site_s_home(
    tmp_path: Path,
) -> None:
    site = "https://www.valleynews.example/news"
    records = [
        {"url": f"{site}/1", "published": "2016-06-01", "title": "Man shot in Dayton",
         "text": "A man was shot and wounded in Dayton, Ohio, on Tuesday night, police said."},
        {"url": f"{site}/2", "published": "2016-06-03", "title": "Woman killed in Toledo",
         "text": "A woman was shot and killed in Toledo, Ohio, on Thursday, police said."},
        {"url": f"{site}/3", "published": "2016-06-05", "title": "Teen shot in Springfield",
         "text": "A teenager was shot and wounded in Springfield on Saturday, police said."},
        {"url": f"{site}/4", "published": "2016-06-07", "title": "Woman shot at home",
         "text": "A woman was shot and wounded at her home on Monday night, police said."},
    ]
    pages = tmp_path / "pages.jsonl"
    pages.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "store.db"
    run([pages], db)
    again = run([pages], db)  # every page stored already: relinked, settled the same way
    assert (again.analysed, again.skipped) == (0, 4)
    with open_store(db) as store:
        admin1 = {
            store.analysis(e.document_id).document.url: e.place.resolved.admin1  # type: ignore[union-attr]
            for e in store.events()
            if e.place is not None and e.place.resolved is not None
        }
        columns = dict(store.conn.execute("SELECT place, admin1 FROM events").fetchall())
        hint = [e.place for e in store.events()
                if store.analysis(e.document_id).document.url == f"{site}/4"]
    assert admin1[f"{site}/3"] == "Ohio"
    assert columns["Springfield"] == "Ohio"
    # the fourth page names no place: its event is placed in the site's home state, as a hint
    assert [(p.name, p.rule) for p in hint if p is not None] == [("Ohio", "site-home")]
    assert columns["Ohio"] == "Ohio"
