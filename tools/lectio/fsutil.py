"""Small file helpers: atomic writes and paths shown the way the editor typed them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def display_path(path: Path | str) -> str:
    """``path`` relative to the working directory when it is below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_utf8(path: Path | str, error: type, code: str = "", fix: str = "") -> str:
    """A file's text. Unreadable, or not UTF-8, it is ``error`` (a LectioError class)
    naming the first bad byte: its value, offset, line and column. A BOM is dropped."""
    from lectio.errors import Location

    shown = display_path(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", Location(shown)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}",
                    Location(shown, line, column), code=code, fix=fix) from None
    return text[1:] if text.startswith("\ufeff") else text


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees half a file, and a failed build leaves the previous one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
