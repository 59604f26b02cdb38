"""HTML pages, RSS and Atom feeds, read from canned files."""

from __future__ import annotations

from casus.ingest import iter_items
from casus.models import RawItem, Reject


def test_html_article_text_title_date_and_links(resources):
    (item,) = iter_items([resources / "article.html"])
    assert isinstance(item, RawItem)
    assert item.origin == str(resources / "article.html")
    assert item.title == "Foreign ministers meet in Geneva to discuss ceasefire"
    assert item.published == "2025-01-29"
    assert item.url == "https://ledger.example.org/world/geneva-talks"
    assert item.source == "The Daily Ledger"
    assert "The foreign ministers of Armenia and Azerbaijan met in Geneva" in item.text
    assert "withdraw troops from the disputed area." in item.text
    # navigation and footer are boilerplate, not article text
    assert "Privacy" not in item.text and "All rights reserved" not in item.text
    # one blank line between blocks, so a headline never runs into the first paragraph
    assert "ceasefire\n\nThe foreign ministers" in item.text


def test_html_in_its_declared_charset(tmp_path):
    page = (
        "<html><head><meta charset='iso-8859-1'><title>Zürich</title></head><body><article>"
        "<p>Police in Zürich closed the old town on Monday after a protest by farmers.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1"))
    (item,) = iter_items([path])
    assert "Police in Zürich closed the old town" in item.text


def test_rss_items(resources):
    path = resources / "world.rss"
    first, second, third, fourth = iter_items([path])
    assert first.origin == f"{path}#1"
    assert first.id == "harbour-20250203-001"
    assert first.title == "Kenya and Ethiopia sign water-sharing accord"
    assert first.url == "https://harbour.example.net/world/kenya-ethiopia-accord"
    assert first.published == "2025-02-03T09:15:00+00:00"
    assert first.source == "Harbour Times: World"
    assert first.language == "en-gb"
    assert first.text == (
        "Kenya and Ethiopia signed an accord on sharing the waters of the Omo river on Monday."
        "\n\nThe deal & its annex run to forty pages."
    )
    # content:encoded wins over the teaser description; scripts in it are dropped
    assert second.text.startswith("Thousands of protesters rallied outside the Peruvian")
    assert "track()" not in second.text
    assert second.published == "2025-02-04T22:40:00-05:00"
    assert second.id is None
    # a headline-only item keeps its headline as the text
    assert third.text == "Headline only: Chile recalls ambassador"
    assert isinstance(fourth, Reject)
    assert (fourth.origin, fourth.error) == (f"{path}#4", "EmptyInputError")


def test_atom_entries(resources):
    path = resources / "europe.atom"
    first, second = iter_items([path])
    assert first.title == "Poland & Lithuania hold border talks"
    assert first.id == "urn:continental-wire:2025:0301"
    assert first.url == "https://wire.example.com/2025/03/01/border-talks"
    assert first.published == "2025-03-01T07:00:00+01:00"  # published, not updated
    assert first.text == (
        "Interior ministers of Poland and Lithuania met in Vilnius on Saturday to discuss "
        "border security."
    )
    assert (first.source, first.language) == ("Continental Wire", "en")
    assert second.url == "https://wire.example.com/2025/03/02/farmers"
    assert second.published == "2025-03-02T11:00:00Z"  # falls back to updated
    assert second.text == (
        "Farmers blocked a motorway near Thessaloniki with tractors on Sunday."
        "\n\nPolice diverted traffic."
    )


def test_rss_1_0_feed(resources):
    (item,) = iter_items([resources / "briefing.xml"])
    assert item.title == "Japan and South Korea resume security dialogue"
    assert item.published == "2025-04-07"
    assert item.source == "Morning Brief"
    assert item.text == "Japan and South Korea resumed their security dialogue in Tokyo."


def test_xml_that_is_not_a_feed(resources):
    (reject,) = iter_items([resources / "not_a_feed.xml"])
    assert reject.error == "MalformedInputError"
    assert reject.message == "XML but not an RSS or Atom feed (root element <inventory>)"


def test_broken_feed(resources):
    (reject,) = iter_items([resources / "broken.rss"])
    assert reject.origin == str(resources / "broken.rss")
    assert reject.error == "MalformedInputError"
    assert reject.message.startswith("feed is not well-formed XML (line 3:")


def test_feed_entities_are_never_expanded(resources):
    (item,) = iter_items([resources / "hostile.rss"])
    assert item.text == "Before middle after."
    assert "lol" not in item.text


def test_feed_in_its_declared_encoding(tmp_path):
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        "<rss><channel><title>Le Monde du Sud</title><item><title>Réunion à Bâle</title>"
        "<description>Les ministres se sont réunis à Bâle.</description></item></channel></rss>"
    )
    path = tmp_path / "sud.rss"
    path.write_bytes(feed.encode("latin-1"))
    (item,) = iter_items([path])
    assert (item.title, item.text) == ("Réunion à Bâle", "Les ministres se sont réunis à Bâle.")


def test_undeclared_feed_encoding_must_be_utf8(tmp_path):
    path = tmp_path / "bad.rss"
    path.write_bytes(
        "<rss><channel><item><title>Bâle</title></item></channel></rss>".encode("latin-1")
    )
    (reject,) = iter_items([path])
    assert reject.error == "EncodingError"
    assert reject.message == "not valid UTF-8 (byte 0xe2 at offset 28)"
