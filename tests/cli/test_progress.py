"""The progress display and -q/-v on quick commands: a live line only on a terminal, NO_COLOR and
TERM=dumb honoured, the reporter fed from several threads and from WeasyPrint's progress log."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lectio import progress
from lectio.cli import display
from lectio.errors import Finding, Location
from tests.conftest import make_tiny_project, run_cli

LECTIO = [sys.executable, "-m", "lectio"]
COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # SGR: colours and bold
UNUSED = ('@book{spare2001, author = {Spare, Anna}, title = {An Uncited Book}, publisher = {Nowhere Press},\n'
          '  address = {Paris}, year = {2001}}\n')


@pytest.fixture(scope="module")
def warned(tmp_path_factory) -> Path:
    """The tiny project with a bibliography entry it never cites (citations.unused, a warning)."""
    root = make_tiny_project(tmp_path_factory.mktemp("warned") / "tiny")
    with (root / "t.bib").open("a", encoding="utf-8") as bib:
        bib.write(UNUSED)
    return root


def in_terminal(args: list[str], cwd: Path, **env: str) -> str:
    """What ``args`` writes to a pseudo-terminal that is its stdout and stderr."""
    master, slave = pty.openpty()
    process = subprocess.Popen(args, cwd=cwd, stdin=slave, stdout=slave, stderr=slave,
                               env={**os.environ, "TERM": "xterm-256color", **env})
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert process.wait(timeout=120) == 0, out.decode()
    return out.decode()


def test_live_line_on_a_terminal_in_colour(warned):
    out = in_terminal([*LECTIO, "check"], warned, NO_COLOR="")
    assert "\x1b[?25l" in out and "check › citations" in out  # the live line, cursor hidden while shown
    assert COLOUR.search(out)
    assert "[citations.unused]" in out and "0 errors, 1 warnings" in out


def test_no_color_on_a_terminal(warned):
    out = in_terminal([*LECTIO, "check"], warned, NO_COLOR="1")
    assert "\x1b[?25l" in out and "check › citations" in out
    assert not COLOUR.search(out), repr(out)


def test_dumb_terminal_gets_plain_lines(warned):
    out = in_terminal([*LECTIO, "-v", "check"], warned, TERM="dumb")
    assert "\x1b" not in out, repr(out)
    assert re.search(r"^  citations \d+\.\d\d s\r?$", out, re.M)


def test_not_a_terminal_gets_no_control_sequences(warned):
    done = subprocess.run([*LECTIO, "check", "-v"], cwd=warned, capture_output=True, text=True,
                          env={**os.environ, "TERM": "xterm-256color"})
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr
    assert re.search(r"^check \d+\.\d\d s$", done.stderr, re.M)  # -v: the stages, on stderr
    plain = subprocess.run([*LECTIO, "check"], cwd=warned, capture_output=True, text=True)
    assert not re.search(r"^ *[a-z ]+ \d+\.\d\d s$", plain.stderr, re.M)  # no stage lines without -v
    assert "[citations.unused]" in plain.stderr


def test_quiet_check_keeps_warnings_and_drops_the_summary(warned):
    result = run_cli("check", "-p", str(warned), "-q")
    assert result.exit_code == 0
    assert "t.bib:3: warning: entry 'spare2001' is never cited [citations.unused]" in result.stderr
    assert "0 errors" not in result.output and result.stdout == ""


def test_last_of_quiet_and_verbose_wins(warned):
    assert "0 errors, 1 warnings" not in run_cli("-v", "check", "-p", str(warned), "-q").output
    verbose = run_cli("-q", "check", "-p", str(warned), "-v")
    assert re.search(r"^  sources \d+\.\d\d s$", verbose.stderr, re.M) and "0 errors, 1 warnings" in verbose.output


def test_reporter_gets_pages_from_weasyprint():
    import weasyprint

    class Recording(progress.Silent):
        def __init__(self):
            self.counts = []

        def pages(self, count: int) -> None:
            self.counts.append(count)

    logger = progress.logging.getLogger(progress.WEASYPRINT_LOGGER)
    level = logger.level
    recording = Recording()
    previous = progress.install(recording)
    try:
        html = "".join(f'<p style="break-before: page">page {n}</p>' for n in range(3))
        assert len(weasyprint.HTML(string=html).render().pages) == 3
    finally:
        progress.install(previous)
    assert recording.counts[:3] == [1, 2, 3] and set(recording.counts) == {1, 2, 3}
    assert logger.level == level and not any(isinstance(h, progress._LaidOut) for h in logger.handlers)


def test_stages_from_two_threads(capsys):
    lines = display.Lines(display.VERBOSE)
    previous = progress.install(lines)
    inside = threading.Barrier(3)
    done = threading.Barrier(3)

    def work(name: str, laid_out: int) -> None:
        with progress.stage(name):
            with progress.stage(f"{name} step"):
                progress.pages(laid_out)
                progress.pages(2)  # a small render after the book's layout: shown, not counted at the end
                inside.wait(timeout=10)
                done.wait(timeout=10)

    threads = [threading.Thread(target=work, args=(name, n)) for name, n in (("pdf", 12), ("epub", 3))]
    try:
        for thread in threads:
            thread.start()
        inside.wait(timeout=10)
        running = lines.running()
        done.wait(timeout=10)
        for thread in threads:
            thread.join(timeout=10)
    finally:
        progress.install(previous)
    assert "pdf › pdf step (page 2)" in running and "epub › epub step (page 2)" in running
    err = capsys.readouterr().err
    assert re.search(r"^  pdf step \d+\.\d\d s \(12 pages\)$", err, re.M)
    assert re.search(r"^  epub step \d+\.\d\d s \(3 pages\)$", err, re.M)
    assert re.search(r"^epub \d+\.\d\d s$", err, re.M) and lines.idle()


@pytest.mark.parametrize("severity", ["error", "warning", "info"])
@pytest.mark.parametrize("message", ["no text for note marker (2)", "a message\non two lines"])
def test_a_printed_finding_is_told_from_a_report_line(severity, message):
    finding = Finding("notes.no-text", message, Location("a.txt", 2, 46), severity, fix="write the note's text")
    assert display.severity_of(str(finding)) == severity
    assert display.severity_of("EPUBCheck: 0 errors, 0 warnings") is None
    assert display.severity_of("wrote build/tiny.pdf") is None
