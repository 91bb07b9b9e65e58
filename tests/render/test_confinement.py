"""Neither WeasyPrint nor pandoc may read files outside the project or reach the network
because a source, a note or a stylesheet asked them to."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
from PIL import Image

from lectio.render.fetcher import ConfinedFetcher
from tests.conftest import run_cli

SECRET = "/etc/hostname"


def test_fetcher_serves_project_files_only(tmp_path: Path):
    inside = tmp_path / "img.txt"
    inside.write_text("ok", encoding="utf-8")
    fetcher = ConfinedFetcher([tmp_path])
    assert fetcher.fetch(inside.as_uri()).read() == b"ok"
    for url in (Path(SECRET).as_uri(), "http://example.com/x.css", (tmp_path / ".." / "x").as_uri()):
        try:
            fetcher.fetch(url)
        except ValueError:
            pass
        else:  # pragma: no cover - the assertion below explains the failure
            raise AssertionError(f"{url} was served")
    assert len(fetcher.refused) == 3


def test_build_ignores_outside_files_asked_for_by_css(tiny: Path, tmp_path: Path):
    outside = tmp_path / "secret.png"  # outside the project folder
    Image.new("RGB", (4, 4), "red").save(outside)
    secret = outside.read_bytes()
    css = tiny / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + f'\nbody {{ background: url("{outside.as_uri()}"); }}\n',
                   encoding="utf-8")
    result = run_cli("build", "--project", str(tiny), "--no-verify")
    assert result.exit_code == 0, result.output
    assert f"warning: not loaded: {outside.as_uri()} (asked for by the stylesheet {css})" in result.output
    with pikepdf.open(tiny / "build" / "tiny.pdf") as pdf:
        images = [name for page in pdf.pages for name in page.get_images()]
    assert images == []
    with zipfile.ZipFile(tiny / "build" / "tiny.epub") as epub:
        names = epub.namelist()
        assert not [n for n in names if "secret" in n]
        assert not any(secret in epub.read(n) for n in names)
