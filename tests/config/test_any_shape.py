"""Any TOML shape gives findings, never a traceback: random documents built from the schema's
own table and key names, with values of every TOML type in every place."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from lectio.config import tomlfile
from lectio.config.apparatus_schema import entry_model
from lectio.config.notes_schema import NotesFile
from lectio.config.schema import EditionFile

NAMES = ["edition", "readings", "output", "bibliography", "name", "title", "siglum", "source", "files", "trim",
         "pad_to", "date", "directory", "note", "marker", "citation", "after", "entry", "id", "see", "A", "exact",
         "zzz"]
SCALARS = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.floats(allow_nan=False))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.sampled_from(NAMES), inner, max_size=4)),
                      max_leaves=12)
DOCUMENTS = st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=6)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_every_shape_gives_findings(document):
    for model, kind in ((EditionFile, "config"), (NotesFile, "notes"), (entry_model(("A",)), "apparatus")):
        where = tomlfile.Source("f.toml", kind, model, tomlfile.Locator(""))
        value, found = tomlfile.check(model, tomlfile.frozen(document), where, context={})
        assert (value is None) == bool(found)
        for finding in found:
            assert finding.code.startswith(f"{kind}.") and finding.message and finding.severity == "error"
            assert "Input should" not in finding.message  # pydantic's own words never reach the editor
