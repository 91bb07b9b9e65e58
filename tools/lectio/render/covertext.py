"""What both covers say and their colours: the EPUB's PNG (:mod:`lectio.render.cover`) and the
print cover (:mod:`lectio.render.coverpdf`). Every word comes from ``[edition]``."""

from __future__ import annotations

from dataclasses import dataclass

INK, PAPER, RULE = (246, 241, 230), (38, 52, 74), (201, 162, 92)  # sRGB: type, ground, the rule


@dataclass(frozen=True)
class CoverText:
    title: str
    subtitle: str
    editors: str  # "Edited by A and B"
    publisher: str
    description: str  # the back of the print cover; "" leaves it empty

    @classmethod
    def of(cls, edition) -> "CoverText":
        return cls(edition.title, edition.subtitle, "Edited by " + " and ".join(edition.editors),
                   edition.publisher, edition.description)

    @property
    def spine(self) -> str:
        """The spine's line: the title and the editors' names (without "Edited by")."""
        return f"{self.title} · {self.editors.removeprefix('Edited by ')}"


def css_rgb(colour: tuple[int, int, int]) -> str:
    return "rgb({}, {}, {})".format(*colour)
