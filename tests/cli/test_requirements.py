"""Missing system requirements are named, with what to install, and exit status 1."""

from __future__ import annotations

import builtins

from tests.conftest import run_cli


def test_missing_java_is_named(project, monkeypatch):
    (project / "build").mkdir()
    (project / "build" / "collectivization-reader.epub").write_bytes(b"PK")
    monkeypatch.setattr("lectio.verify.epubcheck.shutil.which", lambda name: None)
    result = run_cli("verify")
    assert result.exit_code == 1
    assert "Java is not installed" in result.output and "default-jre-headless" in result.output


def test_missing_pango_is_named(tiny, monkeypatch):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    result = run_cli("build", "--project", str(tiny), "--to", "pdf", "--no-verify")
    assert result.exit_code == 1
    assert "Pango" in result.output and "apt-get install libpango" in result.output
    assert not (tiny / "build" / "tiny.pdf").exists()
