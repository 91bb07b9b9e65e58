"""The generated Note on the text lists every decision the seed's notes files record, once, readably."""

import re
from pathlib import Path

from lectio import assemble, notes, sources
from lectio.model import Reading

ROOT = Path(__file__).resolve().parents[2]
SEED = {"M": "000_60675b7950f4f9e5.txt", "S": "004_080bc33c96e9dd48.txt"}


def test_note_on_text_covers_the_seed_decisions():
    readings, findings, decisions = [], [], []
    for siglum, source in SEED.items():
        text, found = sources.read_text(siglum, ROOT / "manuscript" / source)
        sidecar = notes.load_notes_file(ROOT / "manuscript" / f"{siglum}.notes.toml")
        findings += notes.resolve_notes(text, sidecar, found) + found
        readings.append(Reading(siglum, "Title", "Attributed to Somebody", text))
        decisions += [e.decision for e in sidecar.notes + sidecar.citations if e.decision]
        decisions += [e.reason for e in sidecar.emendations]
    paragraphs = assemble.note_on_text(readings, findings)
    plain = [re.sub(r"<[^>]+>", "", p).replace("&amp;", "&") for p in paragraphs]
    for decision in set(decisions):
        wanted = decision.replace("*", "")
        assert sum(wanted in p for p in plain) == 1, decision
    # the two "(12)" stand in S 7 and S 8 (lines 10 and 11 of the received file, which the book never prints)
    assert "S 7 and 8: A note number is printed twice and a note number is missing in the received text." \
        in "\n".join(plain)
    assert not any(re.search(r"\blines? \d", p) for p in plain)
    assert not any("*" in p for p in paragraphs) and "<em>The Best Sons of the Fatherland</em>" in "".join(paragraphs)
    assert not any(", by Attributed" in p for p in plain)
    numbers = [int(m.group(1)) for p in plain if (m := re.match(r"M (\d+): A citation had been stripped", p))]
    assert numbers == [3, 5, 6, 10, 11]  # the paragraphs of lines 8, 13, 15, 24 and 26 of the received file
