"""Where each key of a TOML file is written: key paths mapped to line and column.

tomllib returns values without positions, so this module scans the raw text (already
known to be valid TOML) once and records, for every key, the 1-based line and column
of the key itself: ``("readings", 1, "siglum")`` is the ``siglum`` under the second
``[[readings]]``. Table headers (``[output]``, ``[[readings]]``, ``[entry.M]``), dotted
keys (``output.trim = …``), inline tables and the items of arrays are recorded too. A
path that is not written (a missing key) is located at its nearest written parent:
the table header it belongs in.
"""

from __future__ import annotations

import re

Path = tuple  # a key path: strings for keys, integers for array indices

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
SCALAR_END = re.compile(r"[,\]}\s#]")


class Locator:
    """Positions of the keys of one TOML text."""

    def __init__(self, raw: str):
        self.raw = raw
        self.starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.positions: dict[Path, int] = {}
        self.arrays: dict[Path, int] = {}  # array-of-tables path → count of its headers so far
        try:
            _Scanner(raw, self).document()
        except (RecursionError, IndexError):  # nesting too deep: keep what was found
            pass

    def record(self, path: Path, offset: int) -> None:
        self.positions.setdefault(path, offset)

    def line_column(self, offset: int) -> tuple[int, int]:
        line = _bisect(self.starts, offset)
        return line + 1, offset - self.starts[line] + 1

    def find(self, path) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest written parent; (0, 0) when none is written."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.line_column(self.positions[path])
            path = path[:-1]
        return 0, 0

    def has(self, path) -> bool:
        return tuple(path) in self.positions


def _bisect(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _escaped(raw: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd run of backslashes."""
    count = 0
    while at - count - 1 >= 0 and raw[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


class _Scanner:
    """A forgiving reader of valid TOML that records positions instead of values."""

    def __init__(self, raw: str, locator: Locator):
        self.raw, self.at, self.locator = raw, 0, locator
        self.table: Path = ()

    def document(self) -> None:
        while self.at < len(self.raw):
            self.blank(newlines=True)
            if self.at >= len(self.raw):
                return
            if self.raw[self.at] == "[":
                self.header()
            else:
                self.keyval(self.table)

    def blank(self, newlines: bool = False) -> None:
        while self.at < len(self.raw):
            char = self.raw[self.at]
            if char in " \t\r" or (newlines and char == "\n"):
                self.at += 1
            elif char == "#":
                end = self.raw.find("\n", self.at)
                self.at = len(self.raw) if end < 0 else end
            else:
                return

    def header(self) -> None:
        many = self.raw.startswith("[[", self.at)
        start = self.at
        self.at += 2 if many else 1
        self.blank()
        keys = self.key()
        path = self.expand(tuple(keys[:-1])) + (keys[-1],)
        if many:
            index = self.locator.arrays.get(path, 0)
            self.locator.arrays[path] = index + 1
            self.locator.record(path, start)
            path = path + (index,)
        self.locator.record(path, start)
        self.table = path
        self.at = self.raw.index("]]" if many else "]", self.at) + (2 if many else 1)

    def expand(self, keys: Path) -> Path:
        """``entry.A`` after the third ``[[entry]]`` is ``("entry", 2, "A")``."""
        path: Path = ()
        for key in keys:
            path += (key,)
            if path in self.locator.arrays:
                path += (self.locator.arrays[path] - 1,)
        return path

    def key(self) -> list[str]:
        """A dotted key; the position recorded is that of its last part."""
        parts = []
        while True:
            self.blank()
            self.last_key = self.at
            parts.append(self.string() if self.raw[self.at] in "\"'" else self.bare())
            self.blank()
            if self.at < len(self.raw) and self.raw[self.at] == ".":
                self.at += 1
                continue
            return parts

    def bare(self) -> str:
        match = BARE_KEY.match(self.raw, self.at)
        self.at = match.end()
        return match.group()

    def keyval(self, table: Path) -> None:
        first = self.at
        keys = self.key()
        for depth in range(1, len(keys)):
            self.locator.record(table + tuple(keys[:depth]), first)
        path = table + tuple(keys)
        self.locator.record(path, self.last_key)
        self.at = self.raw.index("=", self.at) + 1
        self.blank()
        self.value(path)

    def value(self, path: Path) -> None:
        char = self.raw[self.at]
        if char in "\"'":
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            match = SCALAR_END.search(self.raw, self.at)
            self.at = match.start() if match else len(self.raw)

    def array(self, path: Path) -> None:
        count = [0]

        def item() -> None:
            self.locator.record(path + (count[0],), self.at)
            self.value(path + (count[0],))
            count[0] += 1
        self.items("]", item)

    def inline_table(self, path: Path) -> None:
        self.items("}", lambda: self.keyval(path))

    def items(self, close: str, each) -> None:
        """The items of an array or inline table, separated by commas, up to ``close``."""
        self.at += 1
        while True:
            self.blank(newlines=True)
            if self.raw[self.at] == close:
                self.at += 1
                return
            if self.raw[self.at] == ",":
                self.at += 1
                continue
            each()

    def string(self) -> str:
        """Skip a string of any of the four kinds; return its text (escapes left as written)."""
        quote = self.raw[self.at]
        if self.raw.startswith(quote * 3, self.at):
            end = self.raw.index(quote * 3, self.at + 3)
            while quote == '"' and _escaped(self.raw, end):
                end = self.raw.index(quote * 3, end + 1)
            while self.raw.startswith(quote, end + 3):  # up to two quotes may close the string
                end += 1
            text, self.at = self.raw[self.at + 3:end], end + 3
            return text
        at = self.at + 1
        while self.raw[at] != quote:
            at += 2 if quote == '"' and self.raw[at] == "\\" else 1
        text, self.at = self.raw[self.at + 1:at], at + 1
        return text
