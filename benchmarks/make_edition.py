"""Generate a scaled edition for the benchmarks: readings, notes, citations and an apparatus.

    .venv/bin/python benchmarks/make_edition.py --pages 300 --out /tmp/ed300
    .venv/bin/python benchmarks/make_edition.py --pages 450 --readings 1 --out /tmp/one   # one ~1 MB source

The text is generated, not copied: an order-2 Markov chain over the words of the
public-domain example texts shipped in ``examples/`` (The Federalist nos. 10 and 51,
Hobbes's *Leviathan* ch. 13, Locke's *Second Treatise* ch. 2), driven by a seeded
random generator, so the same arguments always give the same edition, byte for byte.

What grows with ``--pages`` (about 275 words of reading text per printed 6x9 page: with the notes, the synopsis
and the apparatus, a 40-page request gave 54 pages: front matter, introduction and
bibliography add a dozen):

* readings: ``round(sqrt(pages / 12))`` of them (2 at 50 pages, 9 at 1,000), each a plain
  text with a title line, headings, paragraphs, straight quotes, ``--`` dashes and ``...``
  for the character rules, and note markers ``(n)`` after sentences;
* notes: one per ~700 characters (at most 999 per reading, more text per note beyond), in a notes file per reading; most cite the bibliography
  (``[@key]``, ``[@key, 12]``, ``Probably @key.``), some are prose;
* the bibliography: one entry per four pages (books and articles), every entry cited;
* the apparatus: one entry per four pages, each quoting a sentence of every reading that
  stands only once in it, with a commentary that cites the bibliography.

So a reading grows as sqrt(pages) and the apparatus as pages: a stage that scans a whole
reading for each passage grows as pages squared, one that formats each text on its own as
pages to the power 1.5.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import string
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ("examples/federalist/texts/federalist-10.md", "examples/federalist/texts/federalist-51.txt",
          "examples/contract/texts/hobbes-leviathan-13.txt", "examples/contract/texts/locke-second-treatise-2.md")
WORDS_PER_PAGE = 275  # with its notes, its share of the synopsis and of the apparatus: about one printed page
MAX_NOTES = 999  # note markers have at most three digits
CHARS_PER_NOTE = 700
PAGES_PER_ENTRY = 4
SYLLABLES = ("ab", "ber", "cal", "dor", "el", "fen", "gar", "hol", "in", "jor", "kel", "lan", "mor", "nes",
             "or", "pel", "quin", "ros", "sel", "tor", "ul", "ven", "wes", "yor", "zan")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z][.,;:]?|[A-Za-z][.,;:]?")


class Chain:
    """An order-2 Markov chain over the corpus's words; sentences end on a word with a period."""

    def __init__(self, words: list[str], rng: random.Random):
        self.rng = rng
        self.follow: dict[tuple[str, str], list[str]] = {}
        for a, b, c in zip(words, words[1:], words[2:]):
            self.follow.setdefault((a, b), []).append(c)
        self.starts = [(a, b) for (a, b) in self.follow if a[:1].isupper() and not a.endswith((".", ",", ";", ":"))]
        self.starts.sort()

    def sentence(self, least: int = 8, most: int = 36) -> str:
        while True:
            state = self.rng.choice(self.starts)
            out = list(state)
            while len(out) < most:
                options = self.follow.get(state)
                if not options:
                    break
                word = self.rng.choice(options)
                out.append(word)
                state = (state[1], word)
                if word.endswith(".") and len(out) >= least:
                    text = " ".join(out)
                    return text[0].upper() + text[1:]


def corpus_words() -> list[str]:
    words: list[str] = []
    for name in CORPUS:
        raw = (ROOT / name).read_text(encoding="utf-8")
        raw = re.sub(r"\[\^?\w+\]|\(\d+\)|[*_#>`]", " ", raw)
        words += [w for w in raw.split() if TOKEN.fullmatch(w)]
    return words


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_bibliography(rng: random.Random, chain: Chain, count: int) -> tuple[list[str], str]:
    keys, out = [], ["% A generated bibliography: invented authors and titles.\n"]
    for number in range(count):
        author, year = name(rng), 1800 + rng.randrange(200)
        key = f"{author.lower()}{year}{string.ascii_lowercase[number % 26]}{number}"
        title = " ".join(chain.sentence(4, 9).rstrip(".,;:").split()[:8])
        keys.append(key)
        if number % 3 == 2:
            out.append(f"@article{{{key},\n  author = {{{author}, {name(rng, 1)}}},\n  title = {{{title}}},\n"
                       f"  journal = {{Journal of {name(rng)} Studies}},\n  volume = {{{rng.randrange(1, 60)}}},\n"
                       f"  year = {{{year}}},\n  pages = {{{(p := rng.randrange(1, 400))}--{p + rng.randrange(5, 40)}}},\n}}\n")
        else:
            out.append(f"@book{{{key},\n  author = {{{author}, {name(rng, 1)}}},\n  title = {{{title}}},\n"
                       f"  publisher = {{{name(rng)} Press}},\n  address = {{{name(rng)}}},\n  year = {{{year}}},\n}}\n")
    return keys, "\n".join(out)


def note_text(rng: random.Random, chain: Chain, keys: list[str], cited: list[str]) -> str:
    key = cited.pop() if cited else rng.choice(keys)
    kind = rng.randrange(5)
    if kind == 0:
        return f"[@{key}]."
    if kind == 1:
        return f"[@{key}, {rng.randrange(1, 300)}]."
    if kind == 2:
        return f"Probably @{key}. {chain.sentence(6, 20)}"
    if kind == 3:
        return f"{chain.sentence(6, 24)} See @{key}, {rng.randrange(1, 300)}."
    cited.append(key)
    return chain.sentence(8, 30)


def spice(rng: random.Random, sentence: str) -> str:
    """Input for the character rules: straight double quotes, TeX dashes, three dots."""
    words = sentence.split()
    kind = rng.randrange(12)
    if kind == 0 and len(words) > 6:
        i = rng.randrange(1, len(words) - 4)
        words[i] = '"' + words[i]
        words[i + 2] = words[i + 2].rstrip(".,;:") + '"'
    elif kind == 1 and len(words) > 4:
        words.insert(rng.randrange(1, len(words) - 1), "--")
    elif kind == 2:
        words[-1] = words[-1].rstrip(".,;:") + "..."
    return " ".join(words)


class Reading:
    def __init__(self, siglum: str, title: str):
        self.siglum, self.title = siglum, title
        self.paragraphs: list[str] = []
        self.notes: list[str] = []
        self.candidates: list[str] = []  # plain sentences an apparatus entry may quote
        self.spare: list[str] = []  # the others, quoted when the plain ones run out (a long apparatus)

    def source(self) -> str:
        return f"{self.title}\n\n" + "\n\n".join(self.paragraphs) + "\n"

    def notes_toml(self) -> str:
        return "".join(f'[[note]]\nmarker = {n}\ntext = {toml_string(t)}\n\n' for n, t in enumerate(self.notes, 1))


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_reading(rng: random.Random, chain: Chain, siglum: str, words: int, keys: list[str], cited: list[str]) -> Reading:
    reading = Reading(siglum, f"{name(rng)} on the {chain.sentence(3, 6).split()[-1].strip('.,;:').lower()}")
    written, since_note, section = 0, 0, 1
    every = max(CHARS_PER_NOTE, words * 7 // MAX_NOTES)
    while written < words:
        if len(reading.paragraphs) % 12 == 11:
            section += 1
            reading.paragraphs.append(f"Part {section} of the argument")
        sentences = []
        for _ in range(rng.randrange(3, 9)):
            sentence = chain.sentence()
            if rng.randrange(4) == 0:
                reading.candidates.append(sentence)
            else:
                sentence = spice(rng, sentence)
                reading.spare.append(sentence)
            since_note += len(sentence)
            if since_note > every and len(reading.notes) < MAX_NOTES and not sentence.endswith(("...", '"')):
                reading.notes.append(note_text(rng, chain, keys, cited))
                sentence += f"({len(reading.notes)})"
                since_note = 0
            sentences.append(sentence)
            written += len(sentence.split())
        reading.paragraphs.append(" ".join(sentences))
    return reading


def unique_passage(rng: random.Random, reading: Reading, text: str, used: set[str]) -> str:
    while reading.candidates or reading.spare:
        pool = reading.candidates or reading.spare
        sentence = pool.pop(rng.randrange(len(pool)))
        if len(sentence.split()) >= 8 and sentence not in used and text.count(sentence) == 1:
            used.add(sentence)
            return sentence
    raise SystemExit(f"reading {reading.siglum} ran out of unique sentences to quote")


def make_apparatus(rng: random.Random, chain: Chain, readings: list[Reading], count: int, keys: list[str]) -> str:
    out = ["# A generated apparatus: one passage of every reading per entry.\n"]
    texts = {r.siglum: r.source() for r in readings}
    used: set[str] = set()
    ids = [f"entry-{n}" for n in range(1, count + 1)]
    for number, entry in enumerate(ids):
        see = [ids[(number + 1) % count]] if count > 1 else []
        commentary = f"{chain.sentence(10, 30)} {chain.sentence(10, 30)} [@{rng.choice(keys)}]"
        out.append(f"[[entry]]\nid = \"{entry}\"\ntheme = {toml_string(chain.sentence(3, 8).rstrip('.,;:'))}\n"
                   f"see = [{', '.join(map(toml_string, see))}]\n" + f"commentary = {toml_string(commentary)}\n")
        for reading in readings:
            passage = unique_passage(rng, reading, texts[reading.siglum], used)
            out.append(f"[entry.{reading.siglum}]\nexact = {toml_string(passage)}\n")
    return "\n".join(out)


EDITION = """[edition]
name = "scaled-{pages}"
title = "A Scaled Edition of {pages} Pages"
subtitle = "Generated text for measuring the build"
editors = ["The lectio editors"]
language = "en"
identifier = "urn:uuid:00000000-0000-4000-8000-{pages:012d}"
rights = "Generated text from public-domain sources."
date = "2026-11-23"
publisher = "lectio"

{readings}
[introduction]
file = "texts/introduction.md"

[apparatus]
file = "apparatus.toml"

[bibliography]
files = ["bib/scaled.bib"]
style = "chicago-notes-bibliography-17th-edition"

[output]
directory = "build"
trim = "6x9in"
bleed = false
"""


def reading_table(reading: Reading) -> str:
    return (f"[[readings]]\nsiglum = \"{reading.siglum}\"\ntitle = {toml_string(reading.title)}\n"
            f"author = \"{name(random.Random(reading.siglum), 3)}\"\nsource = \"texts/{reading.siglum}.txt\"\n"
            f"notes = \"texts/{reading.siglum}.notes.toml\"\n")


def generate(pages: int, out: Path, readings: int | None = None, seed: int = 14) -> dict[str, int]:
    rng = random.Random(seed)
    chain = Chain(corpus_words(), rng)
    count = readings or max(2, round(math.sqrt(pages / 12)))
    keys, bib = make_bibliography(rng, chain, max(4, pages // PAGES_PER_ENTRY))
    cited = list(reversed(keys))  # every entry cited at least once, in order
    sigla = string.ascii_uppercase
    texts = [make_reading(rng, chain, sigla[i], pages * WORDS_PER_PAGE // count, keys, cited) for i in range(count)]
    entries = max(1, pages // PAGES_PER_ENTRY)
    apparatus = make_apparatus(rng, chain, texts, entries, keys)
    intro = "## About this edition\n\n" + " ".join(chain.sentence() for _ in range(6))
    intro += "".join(f" [@{k}]" for k in cited[:]) + "\n"  # whatever the notes left uncited
    (out / "texts").mkdir(parents=True, exist_ok=True)
    (out / "bib").mkdir(exist_ok=True)
    (out / "bib" / "scaled.bib").write_text(bib, encoding="utf-8")
    (out / "apparatus.toml").write_text(apparatus, encoding="utf-8")
    (out / "texts" / "introduction.md").write_text(intro, encoding="utf-8")
    for reading in texts:
        (out / "texts" / f"{reading.siglum}.txt").write_text(reading.source(), encoding="utf-8")
        (out / "texts" / f"{reading.siglum}.notes.toml").write_text(reading.notes_toml(), encoding="utf-8")
    (out / "edition.toml").write_text(EDITION.format(pages=pages, readings="\n".join(map(reading_table, texts))),
                                      encoding="utf-8")
    return {"readings": count, "notes": sum(len(r.notes) for r in texts), "bibliography": len(keys),
            "apparatus": entries, "bytes": sum(len(r.source().encode()) for r in texts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, required=True, help="about how many printed pages")
    parser.add_argument("--out", type=Path, required=True, help="the edition's folder (created)")
    parser.add_argument("--readings", type=int, help="how many readings (default: grows as sqrt(pages))")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    figures = generate(args.pages, args.out, args.readings, args.seed)
    print(", ".join(f"{key} {value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
