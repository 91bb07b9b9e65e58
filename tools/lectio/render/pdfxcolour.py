"""The colours of a PDF/X whose output intent is CMYK: no DeviceRGB left in it.

WeasyPrint paints CSS colours as DeviceRGB (``r g b rg``), which a PDF/X with a CMYK
output intent does not allow. In the PDF/X variants lectio rewrites them before the
file is written (:func:`to_output_intent`, run from the output intent's finisher):

- a grey (r = g = b, black text above all) becomes black ink only, ``0 0 0 k`` with
  k = 1 − r, as printers want type: no four-colour black to misregister;
- any other colour goes through the output profile (LittleCMS, through Pillow's
  ImageCms: sRGB to the printer's CMYK, relative colorimetric);
- an RGB image keeps its pixels and gets the sRGB ICC profile as its colour space
  (device-independent colour, which PDF/X-3 and PDF/X-4 allow).

The plain PDF and the PDF/A keep WeasyPrint's colours. The check
(:mod:`lectio.verify.printvariant`) refuses a PDF/X with DeviceRGB left in a page.
"""

from __future__ import annotations

import io
import re
from importlib.resources import files

RGB_OPERATOR = re.compile(rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (rg|RG)")


def to_output_intent(pdf, profile) -> None:
    """Rewrite the DeviceRGB colours of the pydyf ``pdf`` for a CMYK ``profile`` (an IccProfile)."""
    import pydyf

    if profile.components != 4:
        return
    convert = _converter(profile.data)
    streams = [obj for obj in pdf.objects if isinstance(obj, pydyf.Stream)]
    images = [s for s in streams if s.extra.get("Subtype") == "/Image" and s.extra.get("ColorSpace") == "/DeviceRGB"]
    for stream in streams:
        if stream.extra.get("Subtype") != "/Image" and stream.extra.get("Type") != "/Metadata":
            stream.stream = [_cmyk(part, convert) for part in stream.stream]
    if images:
        srgb = pydyf.Stream([(files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()],
                            pydyf.Dictionary({"N": 3}), compress=True)
        pdf.add_object(srgb)
        for image in images:
            image.extra["ColorSpace"] = pydyf.Array(("/ICCBased", srgb.reference))


def _cmyk(part, convert):
    data = part.encode("latin-1") if isinstance(part, str) else part
    if not isinstance(data, bytes):
        return part
    match = RGB_OPERATOR.fullmatch(data)
    if not match:
        return part
    cmyk = convert(*(float(v) for v in match.groups()[:3]))
    operator = b"k" if match.group(4) == b"rg" else b"K"
    return b" ".join(f"{v:.4g}".encode() for v in cmyk) + b" " + operator


def _converter(data: bytes):
    """(r, g, b) in 0…1 → (c, m, y, k) in 0…1: greys to black ink only, the rest through the profile."""
    from PIL import Image, ImageCms

    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(data)),
                                        "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    seen: dict[tuple[float, float, float], tuple[float, ...]] = {}

    def convert(r: float, g: float, b: float) -> tuple[float, ...]:
        if r == g == b:
            return 0.0, 0.0, 0.0, round(1 - r, 4)
        if (r, g, b) not in seen:
            pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (r, g, b)))
            seen[(r, g, b)] = tuple(v / 255 for v in ImageCms.applyTransform(pixel, transform).getpixel((0, 0)))
        return seen[(r, g, b)]
    return convert
