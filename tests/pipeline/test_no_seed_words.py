"""lectio's code speaks of no edition: every word of the seed edition (its subject, its people,
its sigla as paragraph references) comes from the edition's files, never from the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tools" / "lectio"
SUFFIXES = {".py", ".css", ".html", ".xhtml", ".toml", ".md", ".txt", ".csl", ".json"}
WORDS = ("stalin", "bukharin", "collectiviz", "collectivis", "kulak", "viola", "martens", "lenin", "peasant",
         "soviet", "batrak", "trotsk", "kolkhoz", "bolshevik", "oppressed masses")


def code_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in SUFFIXES)


def seed_patterns() -> list[re.Pattern]:
    """The seed's words, and its sigla used as paragraph references ("M 7", "(M 7, S 23)")."""
    config = tomllib.loads((ROOT / "edition.toml").read_text(encoding="utf-8"))
    sigla = [reading["siglum"] for reading in config["readings"]]
    patterns = [re.compile(re.escape(word), re.I) for word in WORDS]
    patterns += [re.compile(rf"\b{re.escape(siglum)} \d+\b") for siglum in sigla]
    patterns += [re.compile(re.escape(Path(reading["source"]).stem)) for reading in config["readings"]]
    return patterns


def test_the_code_holds_no_word_of_the_seed_edition():
    files = code_files()
    assert len(files) > 50 and any(p.suffix == ".css" for p in files)
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern in seed_patterns():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {match.group()!r}")
    assert found == []


def test_the_check_sees_a_seed_word_where_there_is_one(tmp_path):
    """The patterns do find the words they are for (as they were in the generated text before)."""
    sample = "Its paragraphs are numbered with the reading’s siglum (M 7, S 23), as Stalin wrote."
    hits = [p.pattern for p in seed_patterns() if p.search(sample)]
    assert len(hits) == 3
