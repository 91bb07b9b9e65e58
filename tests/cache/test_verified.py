"""Checks that passed on the same output bytes (and inputs) are not run again: their report lines and
findings are replayed."""

from __future__ import annotations

import pytest

from lectio import build, cache
from lectio.errors import Finding, Location
from tests.conftest import run_cli


def _report(output: str) -> list[str]:
    """The report lines and findings of a build's or verify's output (not what it wrote, not its timing)."""
    return [line for line in output.splitlines()
            if not line.startswith(("wrote ", "done in ", "up to date"))]


@pytest.fixture
def no_checks(monkeypatch):
    """Every check that the memo should spare fails the test if it runs."""
    from lectio import verify
    from lectio.verify import fidelity, tei

    def ran(*args, **kwargs):
        raise AssertionError("a memoized check ran again")

    for module, name in ((verify, "verify_epub"), (verify, "check_pdf"), (verify, "check_pdf_structure"),
                         (fidelity, "verify"), (tei, "check")):
        monkeypatch.setattr(module, name, ran)


def test_verify_after_a_build_replays_the_checks(tiny_built, copy, no_checks):
    result = run_cli("verify")
    assert result.exit_code == 0, result.output
    lines = _report(result.output)
    assert "EPUBCheck: 0 errors, 0 warnings" in lines and any(line.startswith("fidelity A:") for line in lines)
    assert any(line.startswith("PDF structure: build/tiny.pdf: tagged;") for line in lines)
    assert lines == _report(tiny_built[1])


def test_a_changed_output_is_checked_again(copy, no_checks):
    (copy / "build" / "tiny.epub").write_bytes((copy / "build" / "tiny.epub").read_bytes() + b"\0")
    with pytest.raises(AssertionError, match="memoized check ran again"):
        build.verify_outputs(copy, ("epub",))


@pytest.fixture(scope="session")
def contract(example_build):
    """The example built with --no-verify, then verified (before any check is made to fail)."""
    built = example_build("contract")
    assert built.build.exit_code == 0 and built.verify.exit_code == 0, built.verify.output
    return built


def test_no_verify_then_verify_checks_without_building(contract, monkeypatch, no_checks):
    """The example was built with --no-verify, then verified by ``lectio verify``: ``lectio build`` now
    only checks (from the memo), and says the outputs are up to date and verified."""
    built = contract
    monkeypatch.setattr(build, "layout_pdf", lambda *a: pytest.fail("laid out again"))
    before = {p.name: p.stat().st_mtime_ns for p in (built.root / "build").glob("state-of-nature.*")}
    result = run_cli("build", "--project", str(built.root))
    assert result.exit_code == 0, result.output
    assert _report(result.output) == _report(built.verify.output)
    assert "up to date, verified now: " in result.output
    assert run_cli("build", "--project", str(built.root)).output.startswith("up to date: ")
    assert {p.name: p.stat().st_mtime_ns for p in (built.root / "build").glob("state-of-nature.*")} == before


def test_a_check_with_an_error_is_not_kept(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"output bytes")
    runs = []

    def check():
        runs.append(1)
        return [Finding("verify.broken", "broken", Location("x.pdf"), "error")], {"n": 1}

    for _ in range(2):
        assert cache.verified(tmp_path, "k", [tmp_path / "x.pdf"], "", check)[1] == {"n": 1}
    assert len(runs) == 2


def test_a_passed_check_is_replayed_and_force_runs_it_again(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"output bytes")
    runs = []

    def check():
        runs.append(1)
        return [Finding("pdf.short", "short", Location("x.pdf", 3), "warning", fix="add pages")], {"pages": [1, 2]}

    first = cache.verified(tmp_path, "k", [tmp_path / "x.pdf"], "inputs", check)
    assert cache.verified(tmp_path, "k", [tmp_path / "x.pdf"], "inputs", check) == first
    assert len(runs) == 1
    cache.verified(tmp_path, "k", [tmp_path / "x.pdf"], "other inputs", check)
    cache.verified(tmp_path, "k", [tmp_path / "x.pdf"], None, check)
    with cache.forcing():
        cache.verified(tmp_path, "k", [tmp_path / "x.pdf"], "inputs", check)
    assert len(runs) == 4
