"""The ``lectio`` command: one module per subcommand, a thin layer over the pipeline.

Exit status: 0 done, 1 bad input or a failed check (a ``LectioError``), 2 bad usage
(click), 3 an internal error: one line asking to report it, the traceback only
with ``--debug``.
"""

from __future__ import annotations

import shlex
import sys
import traceback

import click

from lectio import __version__
from lectio.cli import options
from lectio.errors import LectioError, StageFailed

PASS_THROUGH = (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit,
                KeyboardInterrupt)


class LectioGroup(click.Group):
    """Turns what a command raises into a message and an exit status."""

    arguments: list[str] = []

    def main(self, args=None, *rest, **kwargs):
        LectioGroup.arguments = list(sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PASS_THROUGH:
            raise
        except LectioError as error:
            _traceback()
            click.echo(str(error), err=True)
            ctx.exit(1)
        except Exception as error:  # a bug in lectio, not in the edition
            _traceback()
            first = (str(error).splitlines() or [""])[0]
            command = shlex.join(["lectio", "--debug", *[a for a in self.arguments if a != "--debug"]])
            click.echo(f"internal error: {type(error).__name__}: {first}; please report it with the output of "
                       f"`{command}`", err=True)
            ctx.exit(3)


def _traceback() -> None:
    if options.settings().debug:
        traceback.print_exc()


@click.group(cls=LectioGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lectio")
@options.shared
def main() -> None:
    """Critical editions from plain texts: PDF and EPUB 3 from one source."""


def _register() -> None:
    from lectio.cli import apparatus, build, check, new, normalize, preview, rules, verify

    for module in (check, build, verify, normalize, rules, apparatus, new, preview):
        main.add_command(module.command)


_register()

__all__ = ["main", "StageFailed"]
