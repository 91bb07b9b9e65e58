"""The .bib as lectio resolves it: macros, #, months, accents, crossref, and every error with its line."""

from pathlib import Path

import pytest

from lectio import citations
from lectio.citations import bibtex
from lectio.errors import ERROR, WARNING, CitationError

RESOLVE = r"""@string{flph = "Foreign Languages " # {Publishing House}}
@string{pravda = "Pravda"}

@book{works12,
  author = {Stalin, J. V.}, title = {Works}, volume = 12,
  publisher = flph, address = {Moscow}, year = 1955}

@incollection{dizzy,
  crossref = {works12},
  title = {Dizzy with Success},
  note = {First published in } # pravda # {, 2 March 1930}}

@article{reply,
  author = {Stalin, J. V.}, title = {Reply to {C.P.S.U.(B.)} Comrades}, journal = pravda,
  year = 1930, month = apr}

@book{cafe,
  author = {Caf{\'e}, Ren\'{e} and M{\"u}ller, J\"org and Gar\c{c}on, {\O}ystein},
  title = {{\'E}tudes on the {R}{\'e}volution in \emph{Pravda}}, publisher = {Gallimard}, address = {Paris},
  year = {1990}, month = {December}}
"""


def parse(body: str, name: str = "t.bib"):
    entries, findings = bibtex.parse(body, name)
    return {e.key: e for e in entries}, findings


def load(tmp_path: Path, body: str) -> citations.Bibliography:
    path = tmp_path / "t.bib"
    path.write_text(body, encoding="utf-8")
    return citations.load_bibliography([path])


def test_strings_concatenation_and_months_resolved():
    entries, findings = parse(RESOLVE)
    assert not findings
    assert entries["works12"].fields["publisher"] == "Foreign Languages Publishing House"
    assert entries["dizzy"].fields["note"] == "First published in Pravda, 2 March 1930"
    assert entries["reply"].fields["journal"] == "Pravda"
    assert entries["reply"].fields["month"] == "4"
    assert entries["cafe"].fields["month"] == "12"


def test_accents_decoded_protecting_braces_and_commands_kept():
    entries, _ = parse(RESOLVE)
    assert entries["cafe"].fields["author"] == "Café, René and Müller, Jörg and Garçon, {Ø}ystein"
    assert entries["cafe"].fields["title"] == r"{É}tudes on the {R}évolution in \emph{Pravda}"
    assert entries["reply"].fields["title"] == "Reply to {C.P.S.U.(B.)} Comrades"


@pytest.mark.parametrize("latex, text", [
    (r"\'e", "é"), (r"{\'e}", "é"), (r"\'{e}", "é"), (r"{\'E}", "{É}"), (r"\`a", "à"), (r"\^o", "ô"),
    (r"\~n", "ñ"), (r"\=a", "ā"), (r"\.z", "ż"), (r"\u{g}", "ğ"), (r"\v{s}", "š"), (r"\v s", "š"),
    (r"\H{o}", "ő"), (r"\c{c}", "ç"), (r"\k{a}", "ą"), (r"\r{a}", "å"), (r"\'{\i}", "í"), (r"\ss", "ß"),
    (r"{\ss}", "ß"), (r"\o{}", "ø"), (r"\l", "ł"), (r"\AE", "Æ"), (r"\~{}", r"\~{}"), (r"\&", r"\&"),
])
def test_accent_forms(latex, text):
    assert bibtex.decode_accents(latex) == text


def test_crossref_inherits_and_parent_counts_as_used(tmp_path):
    bib = load(tmp_path, RESOLVE)
    child = bib.entries["dizzy"].fields
    assert child["author"] == "Stalin, J. V." and child["year"] == "1955" and child["volume"] == "12"
    assert child["booktitle"] == "Works" and child["title"] == "Dizzy with Success"
    assert "crossref" not in child and bib.entries["dizzy"].parents == ["works12"]
    assert not [f for f in bib.findings if f.code == "citations.missing-field"]
    from tests.citations.test_citations import text_with
    unused = [f.message for f in citations.check_citations([text_with("[@dizzy]")], bib) if f.code == "citations.unused"]
    assert not any("works12" in m for m in unused) and any("'reply'" in m for m in unused)


def test_crossref_chain_unknown_and_cycle():
    entries, _ = parse("@book{a, crossref={b}, title={A}}\n@book{b, crossref={c}, title={B}}\n"
                       "@book{c, title={C}, publisher={P}}\n@book{d, crossref={works}, title={D}}\n"
                       "@book{e, crossref={f}, title={E}}\n@book{f, crossref={e}, title={F}}\n")
    findings = bibtex.resolve_crossrefs(entries)
    assert entries["a"].fields["publisher"] == "P" and entries["a"].parents == ["b", "c"]
    unknown = next(f for f in findings if "unknown entry 'works'" in f.message)
    assert unknown.severity == ERROR and unknown.location.line == 4
    assert any("cycle" in f.message for f in findings)


def test_undefined_string_has_line_and_near_miss():
    _, findings = parse("@string{flph = {FLPH}}\n@book{k,\n  title = {T},\n  publisher = flhp,\n  year = 1}\n")
    [undefined] = findings
    assert undefined.code == "citations.undefined-string" and undefined.severity == ERROR
    assert undefined.location.line == 4 and "'flph'" in undefined.fix


def test_failed_block_duplicate_key_and_duplicate_field(tmp_path):
    bib = load(tmp_path, "@book{a, title={A}, year=1, publisher={P}, author={X}}\n"
                         "@book{a, title={Again}, year={2}}\n"
                         "@book{b, title={B}, title={B again}}\n"
                         "@book{broken, title = {x\n"
                         "@misc{after, title={ok}}\n")
    found = {(f.code, f.location.line) for f in bib.findings}
    assert ("citations.duplicate-key", 2) in found
    assert ("citations.duplicate-field", 3) in found and ("citations.failed-block", 4) in found
    duplicate = next(f for f in bib.findings if f.code == "citations.duplicate-key")
    assert "first at line 1" in duplicate.message
    assert "after" in bib.entries  # one broken entry does not hide the next


def test_duplicate_key_across_files(tmp_path):
    (tmp_path / "a.bib").write_text("@misc{k, title={A}}\n", encoding="utf-8")
    (tmp_path / "b.bib").write_text("\n@misc{k, title={B}}\n", encoding="utf-8")
    bib = citations.load_bibliography([tmp_path / "a.bib", tmp_path / "b.bib"])
    [duplicate] = [f for f in bib.findings if f.code == "citations.duplicate-key"]
    assert duplicate.location.file.endswith("b.bib") and duplicate.location.line == 2
    assert "a.bib:1" in duplicate.message


@pytest.mark.parametrize("entry, missing", [
    ("@book{k, author={A}, title={T}, year=1}", "'publisher'"),
    ("@book{k, title={T}, publisher={P}, year=1}", "'author' or 'editor'"),
    ("@incollection{k, author={A}, title={T}, publisher={P}, year=1}", "'booktitle'"),
    ("@article{k, author={A}, title={T}, year=1}", "'journal'"),
    ("@article{k, author={A}, title={T}, journal={J}}", "'year' or 'date'"),
    ("@misc{k, note={N}}", "'title'"),
    ("@inbook{k, author={A}, title={T}, publisher={P}, year=1}", "'chapter' or 'pages'"),
    ("@phdthesis{k, author={A}, title={T}, year=1}", "'school'"),
    ("@unpublished{k, title={T}}", "'author'"),
])
def test_missing_required_fields(entry, missing):
    entries, _ = parse("\n\n" + entry + "\n")
    [finding] = bibtex.required_findings(entries["k"])
    assert finding.code == "citations.missing-field" and finding.severity == WARNING
    assert missing in finding.message and finding.location.line == 3


def test_unknown_entry_type_and_bad_month():
    entries, _ = parse("@bok{k, title={T}, month={Spring}}\n")
    [kind] = bibtex.required_findings(entries["k"])
    assert kind.code == "citations.entry-type" and "@book" in kind.fix
    [month] = bibtex.month_findings(entries["k"])
    assert month.code == "citations.month" and "Spring" in month.message


def test_non_utf8_gives_byte_offset_line_and_column(tmp_path):
    path = tmp_path / "bad.bib"
    path.write_bytes("@misc{k,\n  title={Caf\u00e9}}\n".encode("latin-1"))
    with pytest.raises(CitationError) as caught:
        citations.load_bibliography([path])
    error = caught.value
    assert "byte offset 21" in error.message and "0xe9" in error.message
    assert (error.location.line, error.location.column) == (2, 13) and "UTF-8" in error.fix


def test_dumps_round_trip():
    entries, _ = parse(RESOLVE)
    bibtex.resolve_crossrefs(entries)
    again, findings = parse(bibtex.dumps(list(entries.values())))
    assert not findings
    assert {k: e.fields for k, e in again.items()} == {k: e.fields for k, e in entries.items()}


def test_dumps_balances_stray_braces():
    assert bibtex._balanced("a}b{c") == "abc" and bibtex._balanced("{a{b}") == "{ab}"


def test_parse_stack_order_is_explicit():
    names = [type(m).__name__ for m in bibtex.parse_stack()]
    assert names == ["ResolveValuesMiddleware", "RemoveEnclosingMiddleware", "MonthIntMiddleware",
                     "LatexAccentsMiddleware"]
