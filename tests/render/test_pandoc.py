"""Every pandoc call is sandboxed and time-limited."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from lectio import pandoc
from lectio.errors import RenderError


def test_time_limit_stops_pandoc():
    nested = "[" * 20000 + "x" + "]" * 20000
    with pytest.raises(RenderError) as caught:
        pandoc.run(["-f", "markdown", "-t", "html"], nested, timeout=0.05, what="test")
    assert caught.value.code == "pandoc.timeout" and "was stopped" in caught.value.message


def test_sandbox_keeps_outside_images_out_of_the_epub(tmp_path: Path):
    image = tmp_path / "outside.png"
    Image.new("RGB", (4, 4), "blue").save(image)
    out = tmp_path / "t.epub"
    pandoc.run(["-f", "markdown", "-t", "epub3", "-o", str(out), "-M", "title=t"],
               f"# T\n\n![x]({image})\n\n<img src=\"{image}\"/>\n", timeout=60)
    with zipfile.ZipFile(out) as epub:
        assert not [n for n in epub.namelist() if n.endswith(".png")]


def test_pandoc_failure_is_a_render_error():
    with pytest.raises(RenderError, match="pandoc failed"):
        pandoc.run(["-f", "no-such-format"], "x", timeout=30)
