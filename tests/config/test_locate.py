"""The locator: key paths of a TOML text mapped to line and column."""

from __future__ import annotations

import tomllib

from lectio.config.locate import Locator

TEXT = r'''# a comment with [[readings]] in it
[edition]
title = "A [[readings]] title"
note = """
[[readings]]
not a header, "" still the string, \""" too
"""

[[readings]]
siglum = "A"

[[readings]]
  siglum = 'B'   # indented
  source.file = "b.txt"
  "quoted key" = 1

[output]
size = { width = 6, "height" = [9, { unit = "in" }] }
list = [
  "one",
  "two",
]

[[entry]]
id = "a"
[entry.M]
exact = "x"
[[entry]]
id = "b"
[entry.M]
exact = "y"
'''


def test_text_is_valid_toml():
    assert len(tomllib.loads(TEXT)["readings"]) == 2


def test_each_key_at_its_line_and_column():
    find = Locator(TEXT).find
    assert find(("edition", "title")) == (3, 1)
    assert find(("readings", 0)) == (9, 1)
    assert find(("readings", 1)) == (12, 1)  # "[[readings]]" inside strings and comments does not count
    assert find(("readings", 1, "siglum")) == (13, 3)
    assert find(("readings", 1, "source", "file")) == (14, 10)
    assert find(("readings", 1, "quoted key")) == (15, 3)
    assert find(("output", "size", "width")) == (18, 10)
    assert find(("output", "size", "height", 1, "unit")) == (18, 38)
    assert find(("output", "list", 1)) == (21, 3)
    assert find(("entry", 1, "M", "exact")) == (31, 1)


def test_a_missing_key_is_at_its_table():
    find = Locator(TEXT).find
    assert find(("readings", 1, "title")) == (12, 1)
    assert find(("entry", 0, "M", "prefix")) == (26, 1)
    assert find(("introduction", "file")) == (0, 0)


def test_very_deep_nesting_keeps_what_was_found():
    locator = Locator('a = 1\nb = ' + "[" * 50000 + "]" * 50000 + "\n")
    assert locator.find(("a",)) == (1, 1)
