"""``lectio preview`` seen in headless Chromium: the pages, their links, a save, an error, the reload."""

from __future__ import annotations

import re
import time
from pathlib import Path

from lxml import etree

from tests.preview.browser import Client, needs_chromium, snapshot

pytestmark = needs_chromium
LOCKE = "texts/locke-second-treatise-2.md"
FIRST_WORDS = "TO understand political power right"


def chapter(client, title_part: str) -> str:
    """The path of the page whose contents entry contains ``title_part`` (from the index page)."""
    index = etree.fromstring(client.get("/"))
    for link in index.iter("{http://www.w3.org/1999/xhtml}a"):
        if title_part in "".join(link.itertext()):
            return link.get("href").split("#")[0]
    raise AssertionError(f"no contents entry with {title_part!r}")


def text(dom) -> str:
    return " ".join(dom.text_content().split())


def test_a_chapter_shows_its_text_and_its_note_and_apparatus_links_resolve(served, tmp_path):
    client = Client(served, tmp_path)
    page = chapter(client, "Second Treatise")
    dom = client.dom(page)
    assert FIRST_WORDS in text(dom)
    assert dom.get_element_by_id("lectio-bar") is not None
    assert not dom.xpath('//*[@id="lectio-findings"]')  # the example has no findings
    call = dom.xpath('//a[contains(@class, "footnote-ref")]')[0]
    note = dom.get_element_by_id(call.get("href").lstrip("#"))
    assert note.tag == "aside" and "Filmer" in note.text_content()
    marker = dom.xpath('//span[contains(@class, "app-ref")]')[0]
    target_file, entry = marker.xpath(".//a")[0].get("href").split("#")
    assert re.fullmatch(r"ch\d+\.xhtml", target_file) and entry.startswith("app-")
    compared = client.dom(f"/EPUB/text/{target_file}")
    assert compared.get_element_by_id(entry) is not None
    back = Path(page).name + "#" + marker.get("id")
    assert compared.xpath(f'//a[@href="{back}"]'), "the entry links back to the passage's marker"


def test_the_pages_get_their_stylesheet_and_fonts(served, tmp_path):
    client = Client(served, tmp_path)
    page = etree.fromstring(client.get(chapter(client, "Leviathan")))
    sheets = page.xpath('//x:link[@rel="stylesheet"]/@href', namespaces={"x": "http://www.w3.org/1999/xhtml"})
    assert sheets == ["../styles/stylesheet1.css", "/_lectio/preview.css"]
    css = client.get("/EPUB/styles/stylesheet1.css").decode()
    font = re.search(r"url\(\"?\.\./fonts/([^\")]+)", css).group(1)
    assert client.get(f"/EPUB/fonts/{font}")[:4] == b"OTTO"


def test_a_saved_edit_is_in_the_page_after_the_rebuild(client, example):
    page = chapter(client, "Second Treatise")
    before = client.status()["version"]
    source = example / LOCKE
    source.write_text(source.read_text(encoding="utf-8").replace(FIRST_WORDS, "TO understand civil power aright"),
                      encoding="utf-8")
    status = client.wait_rebuild(before)
    assert status["errors"] == 0 and not status["stale"]
    shown = text(client.dom(page))
    assert "TO understand civil power aright" in shown and FIRST_WORDS not in shown


def test_an_edit_with_an_error_shows_the_finding_and_keeps_the_last_good_pages(client, example):
    page = chapter(client, "Second Treatise")
    apparatus = example / "apparatus.toml"
    good = apparatus.read_bytes()
    quoted = "Nature hath made men so equall, in the faculties of body, and mind"
    apparatus.write_text(good.decode().replace(quoted, "<script>alert(1)</script> & nothing"), encoding="utf-8")
    status = client.wait_rebuild(client.status()["version"])
    assert status["errors"] >= 1 and status["stale"]
    dom = client.dom(page)
    panel = text(dom.get_element_by_id("lectio-findings"))
    assert "apparatus.toml:11" in panel and "[apparatus.not-found]" in panel and "fix: closest passage" in panel
    assert "<script>alert(1)</script>" in panel  # the editor's text shown as text …
    assert dom.xpath("//script/@src") == ["/_lectio/reload.js"]  # … never run
    assert not [s for s in dom.xpath("//script") if "alert" in s.text_content()]
    assert FIRST_WORDS in text(dom)  # the last good build's page
    apparatus.write_bytes(good)
    status = client.wait_rebuild(status["version"])
    assert status["errors"] == 0 and not status["stale"]


def test_an_open_page_reloads_itself_after_a_save(live, example, tab):
    opened = tab(live.url)
    opened.wait_title("The State of Nature (preview)")
    config = example / "edition.toml"
    saved = time.monotonic()
    config.write_text(config.read_text(encoding="utf-8").replace(
        'title = "The State of Nature"', 'title = "The State of Nature Revisited"'), encoding="utf-8")
    opened.wait_title("The State of Nature Revisited (preview)")
    print(f"save to reloaded page: {time.monotonic() - saved:.2f} s")


def test_the_project_is_left_as_it_was(example, tmp_path):
    from lectio.preview import Preview

    (example / "build").mkdir()
    (example / "build" / "state-of-nature.epub").write_bytes(b"the previous build's EPUB")
    before = snapshot(example)
    with Preview(example) as preview:
        client = Client(preview, tmp_path)
        client.dom(chapter(client, "Leviathan"))
        source = example / "texts" / "hobbes-leviathan-13.txt"
        source.write_bytes(source.read_bytes() + b"\nOne more paragraph.\n")
        version = client.wait_rebuild(client.status()["version"])["version"]
        source.write_bytes(before["texts/hobbes-leviathan-13.txt"])
        client.wait_rebuild(version)
    assert snapshot(example) == before
