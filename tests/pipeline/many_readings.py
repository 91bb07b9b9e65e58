"""Small projects of 1 to 6 readings, for the tests of editions with any number of readings.

Each reading is a short plain text that opens with its title and a byline (dropped: the
chapter heading prints them), has an elision line, a note with a citation and a passage
that every apparatus entry quotes. Readings B and C (and only they) share a quotation,
so ``apparatus suggest`` must pair them; reading B carries a quotation over two
paragraphs in the old convention (an opening mark on each, the closing one on the last).
"""

from __future__ import annotations

from pathlib import Path

SIGLA = "ABCDEF"
NAMES = ("Alder", "Birch", "Cedar", "Damson", "Elm", "Fir")
TOPICS = ("harbour", "orchard", "quarry", "ferry", "mill", "lighthouse")
SHARED = "“the river is a road that every town must keep open for all its neighbours”"
BIB = """@book{hale1850, author = {Hale, Edwin}, title = {A History of Small Towns},
  publisher = {Riverside Press}, address = {Boston}, year = {1850}}
"""


def title_of(index: int) -> str:
    return f"The {TOPICS[index].title()} and the Town"


def author_of(index: int) -> str:
    return f"Jane {NAMES[index]}"


def long_paragraph(index: int) -> str:
    """A paragraph of about 760 characters: six of its passages make a synopsis longer than a page."""
    topic, name = TOPICS[index], NAMES[index]
    return (f"The first sentence of reading {SIGLA[index]} tells of the streets and bridges near the {topic}, "
            f"of the carts that crossed them at dawn and of the lamps that the watchmen lit along them at dusk. "
            f"The second turns to the wharves where the {topic} boats were loaded with timber, grain and stone "
            f"for the cities down the valley, and to the clerks who counted every sack twice. The third "
            f"describes the school, the chapel and the {topic} inn by the road, where travellers waited for the "
            f"weather to change and the coaches to come, telling each other stories of older roads. The fourth, "
            f"last of all, records what the family {name} remembered of the floods of the great frost.")


def long_passage(index: int) -> str:
    """The passage the third entry quotes: the long paragraph but its last sentence."""
    return long_paragraph(index).rsplit(" The fourth", 1)[0]


def source(index: int, long_passages: bool = False) -> str:
    """The text of reading ``index`` as an editor receives it."""
    topic, other = TOPICS[index], TOPICS[(index + 1) % len(TOPICS)]
    paragraphs = [
        title_of(index).upper(),
        f"by {author_of(index)}",
        f"The {topic} was built in the spring of the year, and the town grew around the {topic} within "
        f"a decade, as the old records of the parish show in some detail.(1)",
        "[...]",
        f"Some held that the {topic} brought trade and work to every street, while others said that it took "
        f"their fields and gave them nothing but noise and the smoke of the {other}.",
    ]
    if index in (1, 2):
        paragraphs.append(f"The council wrote in its minutes that {SHARED}, and the words were read aloud at "
                          f"every meeting of the {topic} company for years afterwards.")
    if index == 1:
        paragraphs += ["“The first paragraph of a long letter runs on, as the old printers set it, without a "
                       "closing mark at its end, for the letter goes on.",
                       "“The second paragraph opens again with the mark, and the letter closes only here.”"]
    paragraphs += ["* * *",
                   f"In the end the {topic} stayed, and the town kept its name, its market and its {topic} "
                   f"for another hundred years."]
    if long_passages:
        paragraphs.append(long_paragraph(index))
    return "\n\n".join(paragraphs) + "\n"


def edition(count: int, apparatus: bool = True) -> str:
    out = ['[edition]\nname = "many"\ntitle = "Towns Compared"\neditors = ["A. Editor"]\n'
           'identifier = "urn:uuid:00000000-0000-4000-8000-000000000006"\ndate = "2026-01-01"\n']
    for index in range(count):
        out.append(f'[[readings]]\nsiglum = "{SIGLA[index]}"\ntitle = "{title_of(index)}"\n'
                   f'author = "{author_of(index)}"\nsource = "{SIGLA[index].lower()}.txt"\n'
                   f'notes = "{SIGLA[index].lower()}.notes.toml"\n')
    if apparatus:
        out.append('[apparatus]\nfile = "apparatus.toml"\n')
    out.append('[bibliography]\nfiles = ["t.bib"]\n')
    return "\n".join(out)


def apparatus_file(count: int, long_passages: bool = False) -> str:
    entries = []
    for entry, (theme, words) in enumerate((("Who built it", "was built in the spring"),
                                            ("What it cost", "gave them nothing but noise"))):
        passages = "".join(f'[entry.{SIGLA[i]}]\nexact = "{words}"\n' for i in range(count))
        entries.append(f'[[entry]]\nid = "e{entry + 1}"\ntheme = "{theme}"\n'
                       f'commentary = "The readings agree here [@hale1850]."\n{passages}')
    if long_passages:  # the paragraph but its last sentence
        passages = "".join(f'[entry.{SIGLA[i]}]\nexact = "{long_passage(i)}"\n' for i in range(count))
        entries.append(f'[[entry]]\nid = "e3"\ntheme = "Long passages"\ncommentary = "They run on."\n{passages}')
    return "\n".join(entries)


def make_project(root: Path, count: int, apparatus: bool = True, long_passages: bool = False) -> Path:
    """A project of ``count`` readings (A, B, …) in ``root``; without ``apparatus``, no apparatus file;
    with ``long_passages``, a last paragraph of 760 characters in each, quoted by a third entry."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "edition.toml").write_text(edition(count, apparatus), encoding="utf-8")
    for index in range(count):
        name = SIGLA[index].lower()
        (root / f"{name}.txt").write_text(source(index, long_passages), encoding="utf-8")
        (root / f"{name}.notes.toml").write_text('[[note]]\nmarker = 1\ntext = "[@hale1850, 12]"\n',
                                                 encoding="utf-8")
    if apparatus:
        (root / "apparatus.toml").write_text(apparatus_file(count, long_passages), encoding="utf-8")
    (root / "t.bib").write_text(BIB, encoding="utf-8")
    return root
