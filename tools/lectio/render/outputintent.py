"""The output intent of the PDF/X variants: the printer's ICC profile, embedded byte for byte.

WeasyPrint 70 chooses an output intent from the colour profiles of the laid-out
``Document``, and two things go wrong there for a print file:

- a profile named by ``@color-profile`` in a stylesheet given to ``render()`` is kept
  in that stylesheet's own table and never reaches the Document, and a profile it
  does keep is written as Pillow serializes it again (other bytes than the file's);
- writing a PDF/A adds WeasyPrint's sRGB profile to the Document's table, so every
  later ``write_pdf`` of the same Document gets an sRGB intent it did not ask for:
  the PDF/X written after a PDF/A was not the PDF/X written alone.

So lectio writes the ``/OutputIntents`` of a PDF/X itself, in a ``finisher`` (run on
WeasyPrint's PDF objects just before the file is written): ``/S /GTS_PDFX``, the
profile's bytes as ``DestOutputProfile``, its description as
``OutputConditionIdentifier``; and every write restores the Document's table as it
found it (:func:`unchanged`), so that a variant's bytes do not depend on the variants
written before it.
"""

from __future__ import annotations

import contextlib
import io
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from lectio.errors import RenderError, Location
from lectio.fsutil import display_path
from lectio.render import pdfxcolour

COMPONENTS = {b"CMYK": 4, b"RGB ": 3, b"GRAY": 1}
HEADER = 128


@dataclass(frozen=True)
class IccProfile:
    """An ICC output profile as read from the project: its bytes, description and channel count."""

    data: bytes
    description: str
    components: int

    @classmethod
    def read(cls, path: Path) -> "IccProfile":
        data = path.read_bytes()
        problem = header_problem(data)
        description = "" if problem else _description(data)
        if problem or not description:
            raise RenderError(f"{display_path(path)} is not a usable ICC output profile: "
                              f"{problem or 'it has no description'}", Location(display_path(path)),
                              fix="set output.icc_profile to the .icc file the printer gives for its "
                                  "press and paper (e.g. a FOGRA or GRACoL CMYK profile)",
                              code="pdf.icc-invalid")
        return cls(data, description, COMPONENTS[data[16:20]])


def header_problem(data: bytes) -> str:
    """Why ``data`` is not an ICC output (printer) profile, or ""."""
    if len(data) < HEADER + 4 or data[36:40] != b"acsp":
        return "no ICC header (signature 'acsp')"
    if int.from_bytes(data[:4], "big") != len(data):
        return f"the header gives {int.from_bytes(data[:4], 'big')} bytes, the file has {len(data)}"
    if data[12:16] != b"prtr":
        return f"its class is '{data[12:16].decode('latin-1')}', not an output profile ('prtr')"
    if data[16:20] not in COMPONENTS:
        return f"its colour space '{data[16:20].decode('latin-1')}' is not CMYK, RGB or grey"
    return ""


def _description(data: bytes) -> str:
    from PIL import ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    except (OSError, ValueError, TypeError):
        return ""
    return (profile.profile_description or profile.model or "").strip()


def profile_for(config, variant: str) -> IccProfile | None:
    """The configured profile when ``variant`` is a PDF/X; None for the other variants."""
    if not variant.startswith("pdf/x") or not config.output.icc_profile:
        return None
    return IccProfile.read(config.resolve(config.output.icc_profile))


def finisher(profile: IccProfile, document_id: str):
    """A WeasyPrint finisher that sets the PDF's only output intent to ``profile``, the XMP
    ``DocumentID`` (random in WeasyPrint's PDF/X-4) to one made from ``document_id``, and the
    colours to the intent's (:mod:`lectio.render.pdfxcolour`)."""
    def finish(document, pdf) -> None:
        import pydyf

        _stable_document_id(pdf, document_id)
        pdfxcolour.to_output_intent(pdf, profile)

        stream = pydyf.Stream([profile.data], pydyf.Dictionary({"N": profile.components}), compress=True)
        pdf.add_object(stream)
        intent = pydyf.Dictionary({
            "Type": "/OutputIntent", "S": "/GTS_PDFX",
            "OutputConditionIdentifier": pydyf.String(profile.description),
            "Info": pydyf.String(profile.description),
            "DestOutputProfile": stream.reference})
        pdf.catalog["OutputIntents"] = pydyf.Array([intent])
    return finish


def _stable_document_id(pdf, document_id: str) -> None:
    if "Metadata" not in pdf.catalog:
        return
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    stable = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, document_id)}".encode()
    stream.stream = [re.sub(rb"xmp\.did:[0-9a-f-]{36}", stable, bytes(part)) for part in stream.stream]


@contextlib.contextmanager
def unchanged(document):
    """Restore the Document's colour profiles after a write (WeasyPrint adds sRGB for a PDF/A)."""
    saved = dict(document.color_profiles)
    try:
        yield
    finally:
        document.color_profiles.clear()
        document.color_profiles.update(saved)
