"""Fuzzing the .bib loader: any input gives entries and findings or lectio's own error, never a crash."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectio import bibtex, citations
from lectio.errors import LectioError

PIECES = st.sampled_from(["@book{k,", "@string{s = {S}}", "@misc{", "@comment{x}", "title = ", "{", "}", '"',
                          "#", ",", "=", " s ", " apr ", "month = ", "crossref = {k}", "\\'e", "{\\\"o}", "\\c{c}",
                          "\\", "%", "\n", "author = {A and B}", "year = 1999", "}\n", "@incollection{c,"])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(body=TEXTS)
def test_bib_parser_never_crashes_and_round_trips(body):
    entries, findings = bibtex.parse(body, "t.bib")
    lines = body.count("\n") + 1
    assert all(1 <= f.location.line <= lines for f in findings)
    by_key = {}
    for entry in entries:
        by_key.setdefault(entry.key, entry)
    bibtex.resolve_crossrefs(by_key)
    for entry in by_key.values():
        bibtex.required_findings(entry), bibtex.month_findings(entry)
    again, problems = bibtex.parse(bibtex.dumps(list(by_key.values())), "resolved.bib")
    assert not [p for p in problems if p.code == "citations.failed-block"]
    assert [e.key for e in again] == list(by_key)


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
