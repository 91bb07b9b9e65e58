"""A small project whose one reading has witnesses: hand-made texts for the collation tests."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TINY_EDITION

EDITION = TINY_EDITION.split("[[readings]]")[0].replace("{", "{{").replace("}", "}}") + """[[readings]]
siglum = "T"
title = "The Text"
source = "base.txt"
{variants}
[[readings.witnesses]]
siglum = "O"
label = "The original, in a label of its own"
source = "base.txt"
"""

WITNESS = """
[[readings.witnesses]]
siglum = "{siglum}"
label = "Copy {siglum}"
source = "{siglum}.txt"
"""


def project(root: Path, base: str, witnesses: dict[str, str], variants: str | None = None) -> Path:
    """``base`` is the reading's source (witness O); ``witnesses`` siglum → text; ``variants`` the
    variants file's TOML, when there is one."""
    line = 'variants = "variants.toml"\n' if variants is not None else ""
    toml = EDITION.format(variants=line) + "".join(WITNESS.format(siglum=s) for s in witnesses)
    (root / "edition.toml").write_text(toml, encoding="utf-8")
    (root / "base.txt").write_text(base, encoding="utf-8")
    for siglum, text in witnesses.items():
        (root / f"{siglum}.txt").write_text(text, encoding="utf-8")
    if variants is not None:
        (root / "variants.toml").write_text(variants, encoding="utf-8")
    return root


def entries(book) -> list[str]:
    """Each variant as ``lemma ] reading A B; om. C``."""
    return [f"{v.lemma} ] " + "; ".join(f"{r.text or 'om.'} {' '.join(r.sigla)}" for r in v.readings)
            for v in book.variants]
