"""``lectio build``: the PDF and the EPUB, verified."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from lectio.cli.options import echo_line, say, with_project


@click.command("build")
@with_project
@click.option("--to", "targets", multiple=True, type=click.Choice(["pdf", "epub", "tei", "cover"]),
              help="Outputs to make (default: pdf, epub and tei); tei is the TEI P5 export, "
                   "build/<name>.tei.xml; cover is the full-wrap print cover, build/<name>.cover.pdf.")
@click.option("--verify/--no-verify", default=True, show_default=True, help="Run the checks on the outputs.")
def command(project: Path, targets: tuple[str, ...], verify: bool) -> None:
    """Build the edition to build/<name>.pdf, build/<name>.epub and build/<name>.tei.xml
    (and build/<name>.cover.pdf)."""
    from lectio import build as builder

    started = time.monotonic()
    result = builder.build(project, targets or builder.TARGETS, check_outputs=verify, echo=echo_line)
    for path in result.outputs:
        say(f"wrote {path}")
    say(f"done in {time.monotonic() - started:.1f} s", err=True)
    if result.errors:
        sys.exit(1)
