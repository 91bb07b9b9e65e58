"""The book face: Source Serif Pro from the font-source-serif-pro package, and lectio's own face for the
angle brackets of supplied text (``signfont``), the same file at every weight and style so that
nothing is synthesized."""

from __future__ import annotations

from pathlib import Path

from lectio.errors import RequirementMissing
from lectio.render import signfont

FAMILY = "Source Serif Pro"
FACES = (  # file stem, weight, style
    ("SourceSerifPro-Regular", 400, "normal"),
    ("SourceSerifPro-It", 400, "italic"),
    ("SourceSerifPro-Semibold", 600, "normal"),
    ("SourceSerifPro-SemiboldIt", 600, "italic"),
    ("SourceSerifPro-Bold", 700, "normal"),
    ("SourceSerifPro-BoldIt", 700, "italic"),
)


def font_dir() -> Path:
    try:
        import font_source_serif_pro
    except ImportError:
        raise RequirementMissing("the font package font-source-serif-pro is not installed",
                                 fix="pip install font-source-serif-pro") from None
    return Path(font_source_serif_pro.__file__).parent / "files"


def font_files(suffix: str = "otf", faces=None) -> list[Path]:
    """The files of the faces, or of those of ``faces`` ((weight, style) pairs) only."""
    return [font_dir() / f"{stem}.{suffix}" for stem, weight, style in FACES
            if faces is None or (weight, style) in faces]


def font_face_css(url_for, faces=None, signs: bool = True) -> str:
    """@font-face rules (of ``faces`` only, when given); ``url_for(path)`` gives the URL a writer can load.
    ``signs``: with the face of the angle brackets (print; an e-book leaves them to the reading system's
    fonts, which have them, rather than ship a face for two glyphs)."""
    rules = []
    for (stem, weight, style), path in zip(FACES, font_files()):
        if faces is not None and (weight, style) not in faces:
            continue
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; src: url("{url_for(path)}"); '
                     f"font-weight: {weight}; font-style: {style}; }}")
        rules += [] if not signs else [f'@font-face {{ font-family: "{signfont.FAMILY}"; src: url("{url_for(signfont.font_path())}"); '
                     f"font-weight: {weight}; font-style: {style}; unicode-range: {signfont.UNICODE_RANGE}; }}"]
    return "\n".join(rules) + "\n"
