"""Atomic writes and UTF-8 reading: what a reader sees, what a failure leaves, the modes, the messages."""

import os
from pathlib import Path

import pytest

from lectio import fsutil
from lectio.errors import NotesError


def test_atomic_write_replaces_the_file_instead_of_rewriting_it(tmp_path):
    target = tmp_path / "book.pdf"
    target.write_bytes(b"old")
    reader = tmp_path / "reader-holds-the-old-file"
    os.link(target, reader)  # a reader that opened the old file keeps seeing it whole
    fsutil.atomic_write(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert reader.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf", "reader-holds-the-old-file"]


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "book.epub"
    target.write_text("previous", encoding="utf-8")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        fsutil.atomic_write(target, "next")
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_get_the_usual_mode_not_the_temporary_files(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        fsutil.atomic_write(tmp_path / "out" / "deep" / "a.txt", "é")
    finally:
        os.umask(old)
    written = tmp_path / "out" / "deep" / "a.txt"
    assert written.stat().st_mode & 0o777 == mode
    assert written.read_bytes() == "é".encode("utf-8")


def test_read_utf8_names_the_bad_byte_its_line_and_column(tmp_path):
    path = tmp_path / "n.toml"
    path.write_bytes(b"first\nab\xe9c\n")
    with pytest.raises(NotesError) as caught:
        fsutil.read_utf8(path, NotesError, code="notes.encoding", fix="save it as UTF-8")
    error = caught.value
    assert error.message == "not valid UTF-8: byte 0xe9 at byte offset 8"
    assert (error.location.line, error.location.column) == (2, 3)
    assert (error.code, error.fix) == ("notes.encoding", "save it as UTF-8")


def test_read_utf8_drops_a_bom_and_names_a_missing_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffText\ufeff".encode("utf-8"))
    assert fsutil.read_utf8(path, NotesError) == "Text\ufeff"
    with pytest.raises(NotesError) as caught:
        fsutil.read_utf8(tmp_path / "none.txt", NotesError)
    assert caught.value.message == "cannot read: No such file or directory"
    assert caught.value.location.file.endswith("none.txt")


def test_display_path_is_relative_below_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert fsutil.display_path(tmp_path / "a" / "b.txt") == str(Path("a") / "b.txt")
    assert fsutil.display_path("/") == "/"
