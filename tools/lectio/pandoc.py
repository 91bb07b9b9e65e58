"""Every pandoc call goes through here: sandboxed, time-limited, errors made clear.

``--sandbox`` stops a source or a stylesheet from making pandoc read local files
or fetch URLs; the time limit is the last guard against pathological input. The
known pathology, deeply nested or piled-up brackets (pandoc's Markdown reader
backtracks on them for minutes), is found before pandoc runs: :func:`bracket_findings`
reports a note text with more than :data:`MAX_BRACKET_DEPTH` levels of ``[`` (closed
or not) as ``notes.nested-brackets`` at the
note's file:line. pandoc's own failures become one line (its first meaningful line,
without the Haskell call stack).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from lectio import tasks
from lectio.errors import ERROR, Finding, RenderError, RequirementMissing

DEFAULT_TIMEOUT = 60
MAX_BRACKET_DEPTH = 10


def executable() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise RequirementMissing(f"pandoc is not available ({exc})",
                                 fix="pip install pypandoc-binary (it ships pandoc)") from None


def run(args: list[str], input_text: str | bytes = "", timeout: float = DEFAULT_TIMEOUT,
        cwd: Path | None = None, what: str = "pandoc") -> str:
    """Run pandoc with ``args`` (``--sandbox`` is always added) on ``input_text`` (bytes: a Word
    file); return stdout."""
    command = [executable(), "--sandbox", *args]
    data = input_text.encode("utf-8") if isinstance(input_text, str) else input_text
    try:
        done = tasks.run(command, data, timeout=timeout, cwd=cwd)  # stopped with the build (lectio.tasks)
    except subprocess.TimeoutExpired:
        raise RenderError(f"{what}: pandoc took more than {timeout:g} s and was stopped",
                          fix="look for deeply nested brackets in the input, or raise output.pandoc_timeout",
                          code="pandoc.timeout") from None
    if done.returncode != 0:
        message = clean_message(done.stderr.decode("utf-8", "replace"))
        raise RenderError(f"{what}: pandoc failed: {message}", code="pandoc.failed")
    return done.stdout.decode("utf-8")


def clean_message(stderr: str) -> str:
    """pandoc's error without the Haskell call stack: its first meaningful lines, joined."""
    kept = []
    for line in stderr.splitlines():
        if re.match(r"\s*CallStack \(from HasCallStack\)|\s*(error|undefined), called at ", line) or \
                re.search(r"\b\S+\.hs:\d+:\d+ in \S+:", line):
            break
        if line.strip() and not line.startswith("[WARNING]"):
            kept.append(re.sub(r"^pandoc(?:\.exe)?: ", "", line.strip()))
    return " ".join(kept[:2]) or "no message (exit status not zero)"


def bracket_problem(text: str) -> str:
    """Why ``text`` would send pandoc's Markdown reader into backtracking, or ``""``.

    What costs is the depth of open brackets, closed or not (measured with pandoc 3:
    12 levels 0.3 s, 16 levels 2.4 s, 25 levels over 20 s); stray ``]`` cost nothing.
    """
    depth = deepest = 0
    for char in re.sub(r"\\.", "", text):
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    if deepest > MAX_BRACKET_DEPTH:
        unclosed = f", {depth} never closed" if depth else ""
        return f"brackets nested {deepest} levels deep{unclosed} (at most {MAX_BRACKET_DEPTH})"
    return ""


def bracket_findings(texts) -> list[Finding]:
    """``notes.nested-brackets`` for every note whose text :func:`bracket_problem` refuses."""
    findings = []
    for text in texts:
        for note in text.notes:
            problem = bracket_problem(note.markdown)
            if problem:
                findings.append(Finding("notes.nested-brackets", f"note {note.number}: {problem}; pandoc would "
                                        "take minutes on it", note.text_location or note.location, ERROR,
                                        fix="close or remove the extra brackets, or escape them as \\[ and \\]"))
    return findings
