"""``lectio normalize``: what normalization does to each source; ``--write`` keeps a backup."""

from __future__ import annotations

from pathlib import Path

import click

from lectio.cli.options import say, with_project


@click.command("normalize")
@with_project
@click.argument("sigla", nargs=-1)
@click.option("--diff", "show_diff", is_flag=True, help="Show the changes as a unified diff.")
@click.option("--write", is_flag=True, help="Write canonical Markdown over the source, keeping a .orig backup.")
def command(project: Path, sigla: tuple[str, ...], show_diff: bool, write: bool) -> None:
    """Show (or write) what normalization does to each reading's source."""
    from lectio import normalize

    for _text, summary in normalize.normalize_readings(project, sigla, write=write):
        if show_diff:
            click.echo(summary.diff, nl=False)
        say(summary.line, err=show_diff)
