"""The .bib resolver against a grammar of well-formed BibTeX.

Each example is a small bibliography built from a grammar (entry types, braced and
quoted values, numbers, ``@string`` macros used by name and joined with ``#``,
crossrefs to other generated keys, month macros, LaTeX accents) together with the
value every field must resolve to. The test asserts that lectio returns exactly those
values. A second pair of tests feeds arbitrary text and bytes: findings or lectio's
own error, never a crash.
"""

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lectio import citations
from lectio.citations import bibtex
from lectio.errors import LectioError

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
# (LaTeX, what it must become); usable in braced and in quoted values
ACCENTS = [("{\\'e}", "é"), ("\\'{e}", "é"), ("{\\\"o}", "ö"), ("\\`a", "à"), ("\\^{o}", "ô"), ("\\~n", "ñ"),
           ("\\c{c}", "ç"), ("\\c c", "ç"), ("{\\ss}", "ß"), ("\\ss{}", "ß"), ("{\\o}", "ø"), ("\\'{\\i}", "í"),
           ("\\v{s}", "š"), ("\\u{a}", "ă"), ("\\H{o}", "ő"), ("\\k{a}", "ą"), ("{\\l}", "ł"), ("\\={u}", "ū"),
           ("{\\'E}", "{É}"), ("\\.{z}", "ż"), ("\\r{a}", "å"), ("{\\AE}", "{Æ}")]
BARE_ACCENTS = [("\\\"o", "ö"), ("\\\"{u}", "ü")]  # a bare \" only inside braces, never inside quotes
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;'()-", min_size=1,
                max_size=8)
FIELDS = ("author", "editor", "title", "publisher", "address", "journal", "note", "pages", "volume", "booktitle")
TYPES = ("book", "article", "incollection", "inproceedings", "misc", "proceedings", "collection", "techreport")
NOT_INHERITED = {"title", "crossref"}
PARENT_TITLE = {"book": "booktitle", "proceedings": "booktitle", "collection": "booktitle"}
NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=7)  # never a month macro


@dataclass
class Part:
    """One operand of a BibTeX value, as written and as resolved; ``kind`` says which rule made it."""

    source: str
    value: str
    kinds: frozenset = frozenset()


@dataclass
class Doc:
    source: str
    expected: dict[str, dict[str, str]]
    types: dict[str, str]
    kinds: set = field(default_factory=set)


@st.composite
def literal(draw, quoted: bool) -> Part:
    """Words, accents and protected ``{Capitals}``, joined by single spaces."""
    accents = ACCENTS if quoted else ACCENTS + BARE_ACCENTS
    tokens = draw(st.lists(st.one_of(WORDS.map(lambda w: (w, w, "")),
                                     st.sampled_from(accents).map(lambda a: (a[0], a[1], "accent")),
                                     WORDS.map(lambda w: ("{" + w + "}", "{" + w + "}", "brace"))),
                           min_size=1, max_size=5))
    source = " ".join(t[0] for t in tokens)
    value = " ".join(t[1] for t in tokens)
    kinds = frozenset(t[2] for t in tokens if t[2])
    return Part('"' + source + '"' if quoted else "{" + source + "}", value, kinds | {"quoted" if quoted else "braced"})


@st.composite
def operand(draw, macros: dict[str, str]) -> Part:
    """A literal, a number, a month macro or a defined @string, used in any letter case."""
    choice = draw(st.integers(0, 4 if macros else 3))
    if choice < 2:
        return draw(literal(quoted=choice == 1))
    if choice == 2:
        number = str(draw(st.integers(0, 3000)))
        return Part(number, number, frozenset({"number"}))
    if choice == 3:
        index = draw(st.integers(0, 11))
        return Part(_case(draw, MONTHS[index]), MONTH_NAMES[index], frozenset({"month-macro"}))
    name = draw(st.sampled_from(sorted(macros)))
    return Part(_case(draw, name), macros[name], frozenset({"string"}))


@st.composite
def value(draw, macros: dict[str, str]) -> Part:
    """One operand, or several joined by ``#``."""
    parts = draw(st.lists(operand(macros), min_size=1, max_size=3))
    kinds = frozenset().union(*(p.kinds for p in parts)) | ({"concatenation"} if len(parts) > 1 else set())
    return Part(" # ".join(p.source for p in parts), "".join(p.value for p in parts), kinds)


@st.composite
def month(draw) -> Part:
    index = draw(st.integers(0, 11))
    source = draw(st.sampled_from([MONTHS[index], "{" + MONTH_NAMES[index] + "}", str(index + 1)]))
    return Part(source, str(index + 1), frozenset({"month"}))


@st.composite
def documents(draw) -> Doc:
    doc = Doc("", {}, {})
    macros: dict[str, str] = {}
    lines = []
    for name in draw(st.lists(NAMES, max_size=3, unique=True)):
        defined = draw(value(macros))
        lines.append(f"@string{{{name} = {defined.source}}}")
        macros[name] = defined.value
        doc.kinds |= defined.kinds | {"string-definition"}
    keys = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    entries = [_entry(draw, key, keys[:index], macros, doc) for index, key in enumerate(keys)]
    lines += draw(st.permutations(entries))
    doc.source = "\n\n".join(lines) + "\n"
    for key in keys:
        _resolve(key, doc)
    return doc


def _entry(draw, key: str, earlier: list[str], macros: dict[str, str], doc: Doc) -> str:
    """An entry with 1–5 fields; it may cross-refer to an earlier key (so no cycles)."""
    kind = draw(st.sampled_from(TYPES))
    names = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4, unique=True))
    values = {name: draw(value(macros)) for name in names}
    if draw(st.booleans()):
        values["month"] = draw(month())
    if earlier and draw(st.booleans()):
        parent = draw(st.sampled_from(earlier))
        values["crossref"] = Part("{" + parent + "}", parent, frozenset({"crossref"}))
    doc.types[key] = kind
    doc.expected[key] = {name: part.value for name, part in values.items()}
    for part in values.values():
        doc.kinds |= part.kinds
    body = ",\n".join(f"  {_case(draw, name)} = {part.source}" for name, part in values.items())
    return f"@{_case(draw, kind)}{{{key},\n{body}}}"


def _case(draw, word: str) -> str:
    return draw(st.sampled_from([word, word.upper(), word.capitalize()]))


def _resolve(key: str, doc: Doc) -> None:
    """What BibTeX's crossref gives: the child keeps its fields and takes the parent's others."""
    fields = doc.expected[key]
    parent = fields.pop("crossref", None)
    if parent is None:
        return
    _resolve(parent, doc)
    for name, text in doc.expected[parent].items():
        if name not in NOT_INHERITED:
            fields.setdefault(name, text)
    if doc.types[parent] in PARENT_TITLE and "title" in doc.expected[parent]:
        fields.setdefault("booktitle", doc.expected[parent]["title"])


def check(doc: Doc) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.bib"
        path.write_text(doc.source, encoding="utf-8")
        bib = citations.load_bibliography([path])
    assert not [f for f in bib.findings if f.code in ("citations.failed-block", "citations.undefined-string",
                                                      "citations.crossref", "citations.month")], doc.source
    assert {key: entry.fields for key, entry in bib.entries.items()} == doc.expected, doc.source
    assert {key: entry.type for key, entry in bib.entries.items()} == doc.types
    assert all(entry.fields for entry in bib.entries.values())


FEATURES = ("string", "string-definition", "concatenation", "crossref", "month", "month-macro", "accent",
            "quoted", "braced", "number", "brace")


def test_generated_bibliographies_resolve_to_the_expected_values():
    """120 generated bibliographies resolve exactly; together they use every rule of the grammar."""
    reached = set()

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(doc=documents())
    def resolves(doc):
        for kind in sorted(doc.kinds):
            event(kind)
        reached.update(doc.kinds)
        check(doc)

    resolves()
    assert set(FEATURES) <= reached, f"never generated: {set(FEATURES) - reached}"


PIECES = st.sampled_from(["@book{k,", "@string{s = {S}}", "@misc{", "@comment{x}", "title = ", "{", "}", '"',
                          "#", ",", "=", " s ", " apr ", "month = ", "crossref = {k}", "\\'e", "{\\\"o}", "\\c{c}",
                          "\\", "%", "\n", "author = {A and B}", "year = 1999", "}\n", "@incollection{c,"])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(body=TEXTS)
def test_any_text_gives_findings_on_its_lines_and_round_trips(body):
    entries, findings = bibtex.parse(body, "t.bib")
    lines = body.count("\n") + 1
    assert all(1 <= f.location.line <= lines for f in findings)
    by_key = {}
    for entry in entries:
        by_key.setdefault(entry.key, entry)
    bibtex.resolve_crossrefs(by_key)
    again, problems = bibtex.parse(bibtex.dumps(list(by_key.values())), "resolved.bib")
    assert not [p for p in problems if p.code == "citations.failed-block"]
    assert [e.key for e in again] == list(by_key)
    assert [e.fields for e in again] == [{k: bibtex._balanced(v) for k, v in e.fields.items()}
                                         for e in by_key.values()]


@SETTINGS
@given(data=st.binary(max_size=60))
def test_bib_loader_bytes_give_lectio_errors_only(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.bib"
        path.write_bytes(data)
        try:
            citations.load_bibliography([path])
        except LectioError as error:
            assert error.code.startswith("citations.") and error.location.line >= 1
