"""What the preview's tests ask of a running preview and of headless Chromium (``--dump-dom`` for
a page's DOM after its scripts ran; a DevTools port for what a tab shows after the page reloaded
itself)."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "contract"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
WAIT = 120.0  # seconds: a rebuild on a busy machine


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project, by its path, with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def get(url: str, timeout: float = 30) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


class Client:
    """What a test asks of a running preview: its pages, its status, a rebuild, a page as Chromium shows it."""

    def __init__(self, preview, profiles: Path):
        self.preview, self.profiles, self.runs = preview, profiles, 0

    def get(self, path: str) -> bytes:
        return get(self.preview.url + path.lstrip("/"))

    def status(self) -> dict:
        return json.loads(self.get("_lectio/version"))

    def wait_rebuild(self, above: int) -> dict:
        """The server's status once its build number is above ``above``."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            status = self.status()
            if status["version"] > above:
                return status
            time.sleep(0.05)
        raise AssertionError(f"no rebuild after {WAIT} s")

    def dom(self, path: str) -> lxml_html.HtmlElement:
        """The DOM Chromium has once the page has loaded and run its scripts."""
        self.runs += 1
        profile = self.profiles / f"dump-{self.runs}"
        done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                               self.preview.url + path.lstrip("/")], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.strip(), done.stderr[-2000:]
        return lxml_html.document_fromstring(done.stdout)


class Tab:
    """Chromium kept open on one page; its DevTools HTTP endpoint tells the page's title and URL."""

    def __init__(self, url: str, profile: Path):
        self.profile = profile
        self.process = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                         url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.port = self._port()

    def _port(self) -> int:
        active = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if active.exists() and active.read_text().strip():
                return int(active.read_text().split()[0])
            time.sleep(0.1)
        raise AssertionError("chromium did not open its DevTools port")

    def title(self) -> str:
        pages = json.loads(get(f"http://127.0.0.1:{self.port}/json/list"))
        return next((p["title"] for p in pages if p["type"] == "page"), "")

    def wait_title(self, wanted: str) -> str:
        deadline, seen = time.monotonic() + WAIT, ""
        while time.monotonic() < deadline:
            seen = self.title()
            if seen == wanted:
                return seen
            time.sleep(0.1)
        raise AssertionError(f"the tab's title stayed {seen!r}, not {wanted!r}")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
