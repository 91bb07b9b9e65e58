"""What the Note on the text says of a collation: the witnesses, the number of entries, what was
normalized away and how many entries the editor corrected, all from the edition's own data."""

from __future__ import annotations

import html

from lectio.config.variants_schema import VariantsFile
from lectio.locators import joined
from lectio.model import Witness

esc = html.escape


def collation_paragraph(siglum: str, witnesses: list[Witness], entries: int, file: VariantsFile, shown: str) -> str:
    base = next(w for w in witnesses if w.base)
    others = [f'<span class="siglum">{esc(w.siglum)}</span>' for w in witnesses if not w.base]
    listed = joined(others)
    out = (f'<span class="siglum">{esc(siglum)}</span> is collated word by word with {listed} against its '
           f'base text, <span class="siglum">{esc(base.siglum)}</span> (see the Conspectus siglorum): '
           f'{entries} entr{"y" if entries == 1 else "ies"} in the apparatus criticus.')
    ignored = _ignored(file)
    if ignored:
        out += f" Not counted as variants: {'; '.join(ignored)}."
    if file.entries:
        out += f" The editor corrected the collation at {len(file.entries)} place{'s' * (len(file.entries) != 1)} ({esc(shown)})."
    return out


def _ignored(file: VariantsFile) -> list[str]:
    normal = file.normalize
    parts = ["differences of case"] if normal.case else []
    if normal.punctuation:
        parts.append("punctuation")
    elif normal.marks:
        parts.append("the marks " + joined([esc(m) for m in normal.marks]))
    parts += [" = ".join(esc(form) for form in group) for group in normal.spelling]
    return parts

