"""Small file helpers: reading an editor's file safely, atomic writes, paths as typed.

Every file an editor writes (sources, notes, introduction, apparatus, BibTeX) is read
through :func:`read_utf8`, which refuses, with the file, line, column and byte offset:

- a file larger than the limit (``output.max_source_mb``, default 20 MB), before it is
  read whole;
- an empty or whitespace-only file (where ``allow_empty`` is false);
- UTF-16 and UTF-32 (by their byte-order mark or the NUL pattern of ASCII text), named
  as such with the right ``iconv`` command; a UTF-8 BOM is accepted and dropped;
- bytes that are not UTF-8;
- NUL and the other control characters (C0, DEL and C1) except tab, line feed and
  carriage return. Form feed is refused too: it is not allowed in XML, so an EPUB
  could not carry it (replace it with a blank line).
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from pathlib import Path

MAX_SOURCE_MB = 20
CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_WIDE = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def display_path(path: Path | str) -> str:
    """``path`` relative to the working directory when it is below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def as_final(staging: Path):
    """Messages about the outputs staged in ``staging`` name the output folder they are moved to."""
    final = display_path(Path(staging).parent)
    names = sorted({str(staging), display_path(staging)}, key=len, reverse=True)

    def shown(line: str) -> str:
        for name in names:
            line = line.replace(name, final)
        return line
    return shown


def confined(path: Path | str, allowed: list[Path]) -> bool:
    """Whether ``path``, resolved (symbolic links followed), lies inside one of the ``allowed``
    folders (resolved too). ``is_relative_to``, not a string prefix: ``/a/book-x`` is not in ``/a/book``."""
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(Path(root).resolve()) for root in allowed)


def read_utf8(path: Path | str, error: type, code: str = "", fix: str = "",
              max_mb: float = MAX_SOURCE_MB, allow_empty: bool = True,
              too_large_fix: str = "split the text, or raise output.max_source_mb in edition.toml") -> str:
    """A file's text, checked as the module docstring says; any refusal is ``error``
    (a LectioError class) with a stable code. A BOM is dropped."""
    from lectio.errors import Location

    shown = display_path(path)
    prefix = (code or error.code).split(".")[0]
    data = _read_bytes(Path(path), error, shown, max_mb, prefix, too_large_fix)
    _refuse_wide(data, error, shown, prefix)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}",
                    _location(shown, data, exc.start), code=code, fix=fix) from None
    text = text[1:] if text.startswith("\ufeff") else text
    bad = CONTROL.search(text)
    if bad:
        offset = len(text[:bad.start()].encode("utf-8")) + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        raise error(f"control character U+{ord(bad.group()):04X} at byte offset {offset}",
                    _location(shown, data, offset), code=f"{prefix}.control-character",
                    fix="remove it (a form feed: replace it with a blank line); "
                        "only tab, line feed and carriage return are allowed")
    if not allow_empty and not text.strip():
        raise error("the file is empty", Location(shown), code=f"{prefix}.empty",
                    fix="put the text in the file, or remove it from edition.toml")
    return text


def read_binary(path: Path | str, error: type, max_mb: float = MAX_SOURCE_MB) -> bytes:
    """A binary file (a Word source) with the size limit of :func:`read_utf8`."""
    shown = display_path(path)
    return _read_bytes(Path(path), error, shown, max_mb, error.code.split(".")[0],
                       "split the text, or raise output.max_source_mb in edition.toml")


def _read_bytes(path: Path, error: type, shown: str, max_mb: float, prefix: str, too_large_fix: str) -> bytes:
    from lectio.errors import Location

    try:
        size = path.stat().st_size
        if size > max_mb * 1_000_000:
            raise error(f"the file is {size / 1_000_000:.1f} MB, more than the limit of {max_mb:g} MB",
                        Location(shown), code=f"{prefix}.too-large",
                        fix=too_large_fix)
        with path.open("rb") as handle:
            return handle.read(int(max_mb * 1_000_000) + 1)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", Location(shown), code=f"{prefix}.unreadable") from None


def _refuse_wide(data: bytes, error: type, shown: str, prefix: str) -> None:
    from lectio.errors import Location

    name = next((n for bom, n in _WIDE if data.startswith(bom)), "")
    if not name and len(data) >= 4 and data[1:4:2] == b"\0\0" and data[0] and data[2]:
        name = "utf-16"  # ASCII text in UTF-16LE: every other byte is NUL
    elif not name and len(data) >= 4 and data[0:3:2] == b"\0\0" and data[1] and data[3]:
        name = "utf-16"
    if name:
        raise error(f"the file is {name.upper()}, not UTF-8", Location(shown, 1, 1), code=f"{prefix}.encoding",
                    fix=f"convert it: iconv -f {name} -t utf-8 {shown} > converted && mv converted {shown}")


def _location(shown: str, data: bytes, offset: int):
    from lectio.errors import Location

    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return Location(shown, line, column)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file, ``fsync`` and a rename.

    A reader never sees half a file, and a failed write leaves the previous one. The
    file is flushed to disk before the rename and the folder after it, so that a crash
    cannot leave an empty file under the final name.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
