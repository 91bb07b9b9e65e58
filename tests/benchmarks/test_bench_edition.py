"""The generated editions grow in proportion: notes, citations and apparatus entries per page
are the same at 50 and 150 pages (counted in the files written, not taken from the generator)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

CITATION = re.compile(r"@[a-z]+\d{4}[a-z]\d+")


def counts(folder: Path) -> dict[str, int]:
    config = tomllib.loads((folder / "edition.toml").read_text(encoding="utf-8"))
    notes = [n for r in config["readings"]
             for n in tomllib.loads((folder / r["notes"]).read_text(encoding="utf-8"))["note"]]
    apparatus = tomllib.loads((folder / config["apparatus"]["file"]).read_text(encoding="utf-8"))["entry"]
    texts = [n["text"] for n in notes] + [e["commentary"] for e in apparatus]
    bib = (folder / config["bibliography"]["files"][0]).read_text(encoding="utf-8")
    words = sum(len((folder / r["source"]).read_text(encoding="utf-8").split()) for r in config["readings"])
    return {"notes": len(notes), "entries": len(apparatus), "citations": sum(len(CITATION.findall(t)) for t in texts),
            "bibliography": len(re.findall(r"^@\w+\{", bib, re.M)), "words": words,
            "readings": len(config["readings"])}


def test_notes_citations_and_apparatus_grow_with_the_pages(editions):
    small, large = counts(editions[50][0]), counts(editions[150][0])
    for part in ("notes", "entries", "citations", "bibliography", "words"):
        assert 2.5 <= large[part] / small[part] <= 3.5, (part, small[part], large[part])  # three times, ±1/6
    assert (small["readings"], large["readings"]) == (2, 4)  # readings grow as sqrt(pages / 12)
    assert small["notes"] >= 100 and small["entries"] == 12 and small["citations"] >= small["notes"] // 2


def test_the_generator_reports_what_it_wrote(editions):
    folder, figures = editions[50]
    found = counts(folder)
    assert (figures["notes"], figures["apparatus"], figures["bibliography"]) == \
        (found["notes"], found["entries"], found["bibliography"])
