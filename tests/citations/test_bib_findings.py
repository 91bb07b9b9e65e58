"""Every .bib finding in full: code, message, line, severity and fix."""

from lectio.citations import bibtex

FIX_FIELD = "add it; pandoc will format the entry without it"


def findings(source: str) -> list[tuple]:
    entries, found = bibtex.parse(source, "t.bib")
    by_key = {}
    for entry in entries:
        by_key.setdefault(entry.key, entry)
    found += bibtex.resolve_crossrefs(by_key)
    for entry in by_key.values():
        found += bibtex.required_findings(entry) + bibtex.month_findings(entry)
    return [(f.code, f.message, str(f.location), f.severity, f.fix) for f in found]


def test_a_field_given_twice():
    assert findings("\n@misc{a, title = {A}, title = {B}}\n") == [
        ("citations.duplicate-field", "entry 'a': field 'title' given twice", "t.bib:2", "error",
         "keep one 'title' field and delete the other")]


def test_a_key_defined_twice_names_the_first_line():
    assert findings("@misc{a, title = {A}}\n\n@misc{a, title = {B}}\n") == [
        ("citations.duplicate-key", "key 'a' defined again (first at line 1)", "t.bib:3", "error",
         "give one of the two entries another key, or remove it")]


def test_an_unclosed_brace_is_named_on_its_line():
    assert findings("@misc{x,\n title = {open\n\n@misc{y, title = {Y}}\n") == [
        ("citations.failed-block", "a brace opened on this line is never closed: the entry that starts at line 1 "
         "runs on into the next entry", "t.bib:2", "error", "close the brace on this line")]


def test_crossrefs_unknown_near_unknown_far_and_cyclic():
    source = ("@misc{c, title = {C}, crossref = {d}}\n@misc{d, title = {D}, crossref = {c}}\n"
              "@misc{e, title = {E}, crossref = {artcle}}\n@misc{f, title = {F}, crossref = {zzz}}\n"
              "@article{artcl, author = {A}, title = {T}, journal = {J}, year = 1990}\n")
    assert findings(source) == [
        ("citations.crossref", "@misc{d}: crossref to 'c' makes a cycle", "t.bib:2", "error",
         "a parent entry must not point back to its child"),
        ("citations.crossref", "@misc{e}: crossref to unknown entry 'artcle'", "t.bib:3", "error",
         "did you mean 'artcl'?"),
        ("citations.crossref", "@misc{f}: crossref to unknown entry 'zzz'", "t.bib:4", "error", "add the parent entry")]


def test_unknown_types_near_and_far():
    assert findings("@artcle{g, title = {G}}\n@zzqq{h, title = {H}}\n") == [
        ("citations.entry-type", "@artcle{g}: unknown entry type", "t.bib:1", "warning", "did you mean @article?"),
        ("citations.entry-type", "@zzqq{h}: unknown entry type", "t.bib:2", "warning",
         "use one of @article, @book, @booklet, @collection, @conference, @inbook, @incollection, @inproceedings, "
         "@manual, @mastersthesis, @misc, @online, @phdthesis, @proceedings, @report, @techreport, @thesis, "
         "@unpublished")]


def test_missing_fields_name_the_alternatives_and_a_blank_field_is_missing():
    assert findings("@book{a, title = {T}, author = { }}\n@thesis{t, author = {A}, title = {T}, date = 2000}\n") == [
        ("citations.missing-field", "@book{a} has no 'author' or 'editor'", "t.bib:1", "warning", FIX_FIELD),
        ("citations.missing-field", "@book{a} has no 'publisher'", "t.bib:1", "warning", FIX_FIELD),
        ("citations.missing-field", "@book{a} has no 'year' or 'date'", "t.bib:1", "warning", FIX_FIELD),
        ("citations.missing-field", "@thesis{t} has no 'institution' or 'school'", "t.bib:2", "warning", FIX_FIELD)]


def test_months_that_are_not_months():
    fix = "write a month macro (month = apr), a month name or a number 1–12"
    source = "".join(f"@misc{{m{i}, title = {{T}}, month = {value}}}\n"
                     for i, value in enumerate(["{Smarch}", "13", "0", "12", "1", "{}", "sep"]))
    assert findings(source) == [
        ("citations.month", "@misc{m0}: month 'Smarch' is not a month", "t.bib:1", "warning", fix),
        ("citations.month", "@misc{m1}: month '13' is not a month", "t.bib:2", "warning", fix),
        ("citations.month", "@misc{m2}: month '0' is not a month", "t.bib:3", "warning", fix)]


def test_an_undefined_macro_suggests_the_nearest_one():
    source = "@string{flph = {F}}\n@misc{a, title = {T},\n  publisher = flhp # zzzz}\n"
    assert findings(source) == [
        ("citations.undefined-string", "@misc{a}: field 'publisher' uses 'flhp', which no @string defines",
         "t.bib:3", "error", "did you mean 'flph'?"),
        ("citations.undefined-string", "@misc{a}: field 'publisher' uses 'zzzz', which no @string defines",
         "t.bib:3", "error", "define it with @string, or put the text in braces")]
