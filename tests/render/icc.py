"""A small valid ICC v2 CMYK output profile, built byte by byte for the tests.

Pillow's ImageCms can create RGB, Lab and XYZ profiles but no CMYK one, so the profile
is written here: the 128-byte header (class 'prtr', colour space 'CMYK', PCS 'Lab '),
the tag table, and the tags an output profile needs: desc, cprt, wtpt, A2B0 (CMYK → Lab)
and B2A0 (Lab → CMYK) as lut16 tables on a 2-point grid (ink darkens L* linearly).
LittleCMS opens it and transforms colours through it (tested in test_print_files.py).
"""

from __future__ import annotations

import itertools
import struct

D50 = (0.9642, 1.0, 0.8249)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _desc(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return (b"desc" + bytes(4) + struct.pack(">I", len(ascii_text)) + ascii_text
            + bytes(8) + bytes(3) + bytes(67))


def _text(text: str) -> bytes:
    return b"text" + bytes(4) + text.encode("ascii") + b"\0"


def _xyz(values) -> bytes:
    return b"XYZ " + bytes(4) + b"".join(_s15(v) for v in values)


def _lut16(inputs: int, outputs: int, point) -> bytes:
    """A lut16Type with identity curves and a 2-point grid whose entries ``point(corner)`` gives."""
    matrix = b"".join(_s15(1.0 if row == col else 0.0) for row in range(3) for col in range(3))
    curve = struct.pack(">2H", 0, 65535)
    grid = b"".join(struct.pack(f">{outputs}H", *point(corner))
                    for corner in itertools.product((0, 1), repeat=inputs))
    return (b"mft2" + bytes(4) + bytes([inputs, outputs, 2, 0]) + matrix + struct.pack(">2H", 2, 2)
            + curve * inputs + grid + curve * outputs)


def _lab(corner) -> tuple[int, int, int]:
    lightness = 1.0 - min(1.0, sum(corner) / 2)
    return round(lightness * 0xFF00), 0x8000, 0x8000


def _cmyk(corner) -> tuple[int, int, int, int]:
    ink = 0 if corner[0] else 65535
    return ink, ink, ink, ink


def cmyk_profile(description: str = "Test CMYK Coated") -> bytes:
    tags = [(b"desc", _desc(description)), (b"cprt", _text("No copyright, test data")),
            (b"wtpt", _xyz(D50)), (b"A2B0", _lut16(4, 3, _lab)), (b"B2A0", _lut16(3, 4, _cmyk))]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">2I", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"prtr" + b"CMYK" + b"Lab "
              + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + bytes(4) + bytes(4) + bytes(4) + bytes(4)
              + bytes(8) + struct.pack(">I", 0) + b"".join(_s15(v) for v in D50) + bytes(4) + bytes(16) + bytes(28))
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body
