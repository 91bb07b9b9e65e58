"""``lectio rules``: the named normalization rules."""

from __future__ import annotations

import click

from lectio.cli.options import shared


@click.command("rules")
@shared
def command() -> None:
    """List the normalization rules."""
    from lectio.sources import describe_rules

    for name, summary in describe_rules():
        click.echo(f"{name:24} {summary}")
