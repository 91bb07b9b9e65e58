"""``lectio new DIR [--from FILE…]``: start a project that builds at once."""

from __future__ import annotations

from pathlib import Path

import click

from lectio.cli import display
from lectio.cli.check import summary
from lectio.cli.options import print_findings, say, shared
from lectio.errors import LectioError

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("new")
@shared
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--from", "received", multiple=True, type=FILE,
              help="A received text (plain text or Markdown): one reading per file. Repeat, or list files after it.")
@click.argument("more", nargs=-1, type=FILE)
def command(directory: Path, received: tuple[Path, ...], more: tuple[Path, ...]) -> None:
    """Write a new project in DIRECTORY; never overwrites a file."""
    from lectio.scaffold import new_project

    if more and not received:
        raise click.UsageError("files after DIRECTORY need --from: lectio new DIR --from a.txt b.md")
    made = new_project(directory, received + more)
    for relative in made.files:
        say(f"wrote {directory / relative}")
    for proposal in made.proposals:
        say(f"reading {proposal.siglum}: {proposal.path.name}, \"{proposal.title}\"; {proposal.describe()}")
    if made.proposals:
        _check(directory)
    say(f"\nnext: cd {directory} && lectio build   (see {directory / 'README.md'})")


def _check(directory: Path) -> None:
    """Run check on the new project; its findings are the editor's to settle, not a failure of ``new``."""
    from lectio import pipeline

    say("\nlectio check:")
    try:
        findings = pipeline.check(directory).findings
    except LectioError as error:
        display.echo(str(error))
        say("the project was written; settle this in its files, then run lectio check")
        return
    print_findings(findings, "text", one_stream=True)
    say(summary(findings))
    if findings:
        say("the project was written (exit status 0); settle these findings in its files, "
            "then run lectio check")
