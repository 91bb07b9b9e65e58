"""The concurrent build (pandoc and the TEI beside the layout, EPUBCheck beside the PDF's writing and
checks) writes the same bytes and says the same lines, in the same order, as the build done one step
after the other (``tasks.Inline``); a failure on one side stops the other cleanly."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from lectio import build as builder, tasks
from lectio.errors import RenderError
from lectio.render import epub
from tests.conftest import EXAMPLES, make_tiny_project

pytestmark = pytest.mark.slow

EPOCH = "1700000000"


def build_lines(root: Path, monkeypatch, sequential: bool = False, verify: bool = True):
    """Build ``root`` (``sequential``: every task run at once in the main thread); returns (the result,
    every line the build said)."""
    if sequential:
        monkeypatch.setattr(tasks, "Tasks", tasks.Inline)
    lines: list[str] = []
    return builder.build(root, check_outputs=verify, echo=lines.append), lines


@pytest.fixture(scope="module")
def contract(tmp_path_factory) -> Path:
    """The contract example built (and verified) by the concurrent build, under SOURCE_DATE_EPOCH."""
    root = tmp_path_factory.mktemp("concurrent") / "contract"
    shutil.copytree(EXAMPLES / "contract", root, ignore=shutil.ignore_patterns("build"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result, lines = build_lines(root, patch)
    assert not result.errors, lines
    assert "EPUBCheck: 0 errors, 0 warnings" in lines
    return root


def test_the_concurrent_build_writes_the_bytes_of_the_sequential_one(contract, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path / "contract"
    shutil.copytree(EXAMPLES / "contract", root, ignore=shutil.ignore_patterns("build"))
    result, lines = build_lines(root, monkeypatch, sequential=True, verify=False)
    assert not result.errors, lines
    made = sorted(p.name for p in (contract / "build").iterdir() if p.is_file() and not p.name.startswith("."))
    assert {Path(n).suffix for n in made} >= {".pdf", ".epub", ".xml"}
    assert made == sorted(p.name for p in result.outputs)
    for name in made:
        assert (contract / "build" / name).read_bytes() == (root / "build" / name).read_bytes(), name


def test_the_lines_come_in_one_order_whichever_check_ends_first(tmp_path, monkeypatch):
    """EPUBCheck made to end last, then first: the build says the same lines, in the same order."""
    said = []
    for slow in ("_epubcheck", "_preflight"):
        root = make_tiny_project(tmp_path / slow)
        with monkeypatch.context() as patch:
            check = getattr(builder, slow)

            def delayed(*args, check=check):
                time.sleep(3)
                return check(*args)

            patch.setattr(builder, slow, delayed)
            result, lines = build_lines(root, patch)
        assert not result.errors, lines
        said.append([line.replace(str(tmp_path / slow), "ROOT") for line in lines])
    assert said[0] == said[1]
    first = [next(i for i, line in enumerate(said[0]) if line.startswith(start))
             for start in ("PDF preflight:", "PDF structure:", "EPUBCheck: 0 errors, 0 warnings", "TEI:", "fidelity A:")]
    assert first == sorted(first)  # report_lines' order: the PDF's checks, EPUBCheck, the TEI, fidelity


@pytest.fixture
def previous(tmp_path: Path, monkeypatch) -> tuple[Path, dict[str, bytes]]:
    """A tiny project with a previous build in build/, and a private temporary folder."""
    root = make_tiny_project(tmp_path / "tiny")
    result, lines = build_lines(root, monkeypatch, verify=False)
    assert not result.errors, lines
    (root / "a.txt").write_text("OPENING\nA changed paragraph that makes a claim.(1)\n", encoding="utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temporary))
    return root, {p.name: p.read_bytes() for p in (root / "build").iterdir() if p.is_file()}


def assert_untouched(root: Path, previous: dict[str, bytes]) -> None:
    kept = {p.name for p in (root / "build").iterdir()} - {".cache"}  # the previous build's cache (docs/rebuilds.md)
    assert kept == set(previous)  # no staging folder, no .previous
    for name, data in previous.items():
        assert (root / "build" / name).read_bytes() == data, name
    assert not list((root.parent / "tmp").glob("lectio-*"))  # pandoc's and EPUBCheck's temporary folders are gone


def recorded(monkeypatch) -> list[subprocess.Popen]:
    """Every process the build starts, from now on."""
    started = []

    class Recorded(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(subprocess, "Popen", Recorded)
    return started


def _java(process) -> bool:
    """An EPUBCheck JVM, started alone or through ``nice`` (``tasks.popen(idle=True)``)."""
    return any("java" in Path(arg).name for arg in process.args[:4])


def test_a_pdf_failure_stops_epubcheck_and_keeps_the_previous_outputs(previous, monkeypatch):
    root, before = previous
    started = recorded(monkeypatch)

    def failing_pdf(*args, **kwargs):
        deadline = time.monotonic() + 60
        while not any(_java(p) and p.poll() is None for p in started):
            assert time.monotonic() < deadline, "EPUBCheck was not started beside the PDF"
            time.sleep(0.05)
        raise RenderError("the PDF step failed", code="render.failed")

    monkeypatch.setattr(builder, "make_pdf", failing_pdf)
    began = time.monotonic()
    with pytest.raises(RenderError, match="the PDF step failed"):
        builder.build(root, echo=lambda line: None)
    java = [p for p in started if _java(p)]
    assert len(java) == 1 and java[0].returncode == -9  # killed, and waited for: no orphan, no zombie
    assert time.monotonic() - began < 60
    assert_untouched(root, before)


def test_a_failed_epub_keeps_the_previous_outputs(previous, monkeypatch):
    """pandoc's part of the EPUB fails in its thread while the PDF is laid out: the error is the build's."""
    root, before = previous
    started = recorded(monkeypatch)

    def failing(book):
        tasks.run(["sleep", "0.2"])
        raise RenderError("EPUB: pandoc failed: a test", code="pandoc.failed")

    monkeypatch.setattr(epub, "prepare_epub", failing)
    lines: list[str] = []
    with pytest.raises(RenderError, match="pandoc failed: a test"):
        builder.build(root, echo=lines.append)
    assert not [line for line in lines if line.startswith("EPUBCheck")]
    assert all(p.poll() is not None for p in started)
    assert_untouched(root, before)


def test_an_interrupted_build_kills_the_process_of_a_task(monkeypatch):
    """Ctrl-C (or any error) in the main thread kills what a task is waiting on, then waits for the task."""
    started = recorded(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        with tasks.Tasks() as work:
            pending = work.start(tasks.run, ["sleep", "30"])
            while not started:
                time.sleep(0.01)
            raise KeyboardInterrupt
    assert started[0].returncode == -9
    with pytest.raises(tasks.Cancelled):
        pending.result()


def test_results_are_taken_in_the_order_asked_not_the_order_finished():
    with tasks.Tasks() as work:
        slow = work.start(lambda: (time.sleep(0.3), "first")[1])
        fast = work.start(lambda: "second")
        assert [slow.result(), fast.result()] == ["first", "second"]


def test_what_the_jvm_says_is_no_finding(contract, tmp_path, monkeypatch):
    """Only EPUBCheck's JSON report is read: what the JVM itself prints (here, that the class-data
    archive it was given has a bad magic number, which it then does without) is no finding, and the
    verdict stays clean."""
    from lectio.verify import epubcheck

    corrupt = tmp_path / "epubcheck.jsa"
    corrupt.write_bytes(b"not a class-data archive" * 100)
    monkeypatch.setattr(epubcheck, "JVM_OPTIONS", (*epubcheck.JVM_OPTIONS, f"-XX:SharedArchiveFile={corrupt}",
                                                          "-Xlog:cds=info"))
    findings, counts = epubcheck.verify_epub(next((contract / "build").glob("*.epub")))
    assert (findings, counts) == ([], {"errors": 0, "warnings": 0})


def test_the_warm_jvm_gives_the_verdict_of_an_ordinary_run(contract, tmp_path, monkeypatch):
    """EPUBCheck warmed up on one EPUB, then asked for a broken one, reports what a fresh run reports;
    a JVM that cannot run the loop (here: its source is gone) falls back to a fresh run."""
    import zipfile

    from lectio.verify import epubcheck, epubwarm

    good = next((contract / "build").glob("*.epub")).read_bytes()
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w") as package:
        package.writestr("mimetype", "application/epub+zip")
    fresh = epubcheck.verify_epub(broken)
    assert fresh[1]["errors"] > 0
    warm = epubwarm.Prewarmed.start(good, tmp_path / "warm")
    assert warm.warmed(wait=120)
    with monkeypatch.context() as patch:
        patch.setattr(epubwarm, "run_epubcheck", lambda *a: pytest.fail("the warm JVM was not asked"))
        assert epubcheck.verify_epub(broken, warm.check) == fresh
    monkeypatch.setattr(epubwarm, "LOOP", tmp_path / "missing.java")
    assert epubcheck.verify_epub(broken, epubwarm.Prewarmed.start(good, tmp_path / "gone").check) == fresh


def test_a_warm_up_not_done_gives_way_to_an_ordinary_run(contract, tmp_path, monkeypatch):
    """Asked before its first check is done, a warm JVM started ``idle`` (at the lowest priority: it may
    have had no idle core) is stopped and the verdict comes from an ordinary run: not two checks in a row."""
    from lectio.verify import epubcheck, epubwarm

    good = next((contract / "build").glob("*.epub"))
    ordinary = []
    monkeypatch.setattr(epubwarm, "run_epubcheck", lambda epub, timeout: ordinary.append(epub) or {"messages": []})
    warm = epubwarm.Prewarmed.start(good.read_bytes(), tmp_path / "warm", idle=True)
    assert epubcheck.verify_epub(good, warm.check) == ([], {"errors": 0, "warnings": 0})
    assert ordinary == [good] and warm.process.returncode is not None


def test_the_warm_jvm_takes_only_idle_cpu(tmp_path):
    """For a book laid out on every core, the warm-up JVM (and every thread it starts) runs at the lowest
    CPU priority, so that it does not take a core from the layout's processes; otherwise, and a process
    not started ``idle``, at the build's."""
    import os

    from lectio.verify import epubwarm

    if shutil.which("nice") is None:
        pytest.skip("no nice on this system")
    tiny = tmp_path / "empty.epub"
    tiny.write_bytes(b"")
    warm = epubwarm.Prewarmed.start(tiny.read_bytes(), tmp_path / "warm", idle=True)
    busy = epubwarm.Prewarmed.start(tiny.read_bytes(), tmp_path / "busy")
    plain = tasks.popen(["sleep", "30"])
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    try:
        time.sleep(0.5)  # the JVMs' threads started
        for jvm, expected in ((warm, 19), (busy, ours)):
            threads = list((Path("/proc") / str(jvm.process.pid) / "task").iterdir())
            assert len(threads) > 1
            assert {os.getpriority(os.PRIO_PROCESS, int(t.name)) for t in threads} == {expected}
        assert os.getpriority(os.PRIO_PROCESS, plain.pid) == ours
    finally:
        warm.close()
        busy.close()
        plain.kill()
        plain.wait()
