"""A build is a transaction: a failed, refused or interrupted build leaves the previous
PDF and EPUB byte for byte and no temporary file; two builds at once do not mix."""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import zipfile
from pathlib import Path

import pytest

from lectio import build as builder, transaction
from lectio.errors import RenderError
from lectio.fsutil import atomic_write
from tests.conftest import make_tiny_project, run_cli

KEPT = {"tiny.pdf", "tiny.epub", "tiny.tei.xml", transaction.LOCK_NAME}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    """The tiny edition built once; each test copies its build/ folder as the previous pair."""
    root = make_tiny_project(tmp_path_factory.mktemp("tx") / "tiny")
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def built(first_build: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    root = make_tiny_project(tmp_path / "tiny")
    (root / "build").mkdir()
    previous = {}
    for name in ("tiny.pdf", "tiny.epub", "tiny.tei.xml"):
        previous[name] = (first_build / "build" / name).read_bytes()
        (root / "build" / name).write_bytes(previous[name])
    (root / "a.txt").write_text("OPENING\nA changed paragraph that makes a claim.(1)\n", encoding="utf-8")
    return root, previous


def assert_untouched(root: Path, previous: dict[str, bytes]) -> None:
    names = {p.name for p in (root / "build").iterdir()}
    assert names <= KEPT, names  # no staging folder, no .tmp, no .previous
    for name, data in previous.items():
        assert (root / "build" / name).read_bytes() == data, name


def test_a_failure_after_the_pdf_keeps_the_previous_pair(built, monkeypatch):
    root, previous = built

    def broken_epub(*args, **kwargs):
        raise RenderError("the EPUB step failed", code="epub.failed")

    monkeypatch.setattr(builder, "make_epub", broken_epub)
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 1 and "error: the EPUB step failed [epub.failed]" in result.output
    assert_untouched(root, previous)


def test_ctrl_c_after_the_pdf_keeps_the_previous_pair(built, monkeypatch):
    root, previous = built

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(builder, "make_epub", interrupted)
    with pytest.raises(KeyboardInterrupt):
        builder.build(root, check_outputs=False, echo=lambda line: None)
    assert_untouched(root, previous)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_the_build_is_a_clean_exit_1(built, monkeypatch, number):
    root, previous = built
    before = signal.getsignal(number)

    def killed(*args, **kwargs):
        os.kill(os.getpid(), number)

    monkeypatch.setattr(builder, "make_epub", killed)
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 1
    assert f"error: build interrupted ({number.name}); the previous outputs are kept [build.interrupted]" \
        in result.output
    assert signal.getsignal(number) is before  # the handler is put back
    assert_untouched(root, previous)


def test_an_epubcheck_error_fails_the_build_and_keeps_the_previous_pair(built, monkeypatch):
    root, previous = built

    def invalid_epub(book, document=None, folder=None, prepared=None, inputs=None):
        path = builder.output_path(book.config, "epub", folder)
        with zipfile.ZipFile(path, "w") as epub:
            epub.writestr("mimetype", "application/epub+zip")
        return path

    monkeypatch.setattr(builder, "make_epub", invalid_epub)
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 1
    assert "EPUBCheck:" in result.output and "the outputs were not replaced" in result.output
    assert "wrote" not in result.output
    assert_untouched(root, previous)


def test_disk_full_is_a_message_not_a_traceback(built, monkeypatch):
    root, previous = built

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(builder, "atomic_write", full)
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "error: disk full while writing the outputs; the previous outputs are kept [build.disk-full]" \
        in result.output
    assert_untouched(root, previous)


def test_a_read_only_build_folder_is_named(built, monkeypatch):
    root, previous = built

    real = transaction.tempfile.mkdtemp

    def read_only(suffix=None, prefix=None, dir=None):
        if dir is not None and Path(dir) == root / "build":
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return real(suffix, prefix, dir)

    monkeypatch.setattr(transaction.tempfile, "mkdtemp", read_only)
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "build/ is not writable (Read-only file system)" in result.output
    assert "[build.not-writable]" in result.output
    assert_untouched(root, previous)


def test_a_second_build_at_once_is_refused(built):
    root, previous = built
    with open(root / "build" / transaction.LOCK_NAME, "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 1
    assert "error: another lectio build is running on this project [build.locked]" in result.output
    assert_untouched(root, previous)


def test_a_successful_build_replaces_the_pair_together(built):
    root, previous = built
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 0, result.output
    names = {p.name for p in (root / "build").iterdir()}
    assert names == KEPT | {".cache"}  # and the record of the build (docs/rebuilds.md)
    assert all((root / "build" / name).read_bytes() != data for name, data in previous.items())


def test_a_rename_failing_halfway_puts_the_previous_set_back(tmp_path: Path, monkeypatch):
    out, staging = tmp_path / "build", tmp_path / "build" / ".lectio-build-x"
    staging.mkdir(parents=True)
    for name in ("e.pdf", "e.epub"):
        (out / name).write_text(f"old {name}")
        (staging / name).write_text(f"new {name}")
    real, calls = os.replace, []

    def failing(source, target):
        calls.append(target)
        if len(calls) == 4:  # old pdf kept, new pdf in, old epub kept, new epub fails
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    monkeypatch.setattr(transaction.os, "replace", failing)
    with pytest.raises(OSError):
        transaction.commit([staging / "e.pdf", staging / "e.epub"], out)
    assert (out / "e.pdf").read_text() == "old e.pdf" and (out / "e.epub").read_text() == "old e.epub"
    assert not list(out.glob("*.previous"))


def test_leftovers_of_a_killed_build_are_cleared(tmp_path: Path):
    out = tmp_path / "build"
    (out / ".lectio-build-abc").mkdir(parents=True)
    (out / "e.pdf").write_text("new, from a commit cut short")
    (out / "e.pdf.previous").write_text("old")
    with transaction.transaction(out) as staging:
        assert staging.parent == out
    assert sorted(p.name for p in out.iterdir()) == [transaction.LOCK_NAME, "e.pdf"]
    assert (out / "e.pdf").read_text() == "old"


def test_atomic_write_flushes_the_file_and_the_folder(tmp_path: Path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.path.realpath(f"/proc/self/fd/{fd}")), real(fd)))
    atomic_write(tmp_path / "out.txt", "text")
    assert (tmp_path / "out.txt").read_text() == "text"
    assert len(synced) == 2 and synced[1] == str(tmp_path)


def test_messages_about_staged_outputs_name_the_final_places(tmp_path, monkeypatch):
    from lectio.build import _as_final

    monkeypatch.chdir(tmp_path)
    staging = tmp_path / "build" / ".lectio-build-abc123"
    shown = _as_final(staging)
    assert shown(f"PDF preflight: {staging}/tiny.pdf") == "PDF preflight: build/tiny.pdf"
    assert shown("build/.lectio-build-abc123/tiny.pdf: warning: 14 pages") == "build/tiny.pdf: warning: 14 pages"
