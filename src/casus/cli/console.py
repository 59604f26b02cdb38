"""What the CLI says on stderr: one-line errors, reject lines and, on a terminal, a progress line.

Errors never show a traceback: a CasusError is the user's to fix and its message says how; any
other exception is casus's bug, reported in one line with its class so it can be filed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from casus.errors import CasusError
from casus.models import Reject, Result

EXIT_REJECTS = 1
EXIT_ERROR = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    typer.echo(f"casus: error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def guard() -> Iterator[None]:
    """Turn whatever escapes a command into one line on stderr and an exit status."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except CasusError as exc:
        fail(str(exc))
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(0) from None
    except KeyboardInterrupt:
        fail("interrupted", EXIT_INTERRUPTED)
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except Exception as exc:
        fail(f"internal error: {type(exc).__name__}: {exc} (please report this)", EXIT_BUG)


def _silence_stdout() -> None:
    # The reader went away (`casus extract ... | head`); point stdout at /dev/null so the
    # interpreter's final flush does not complain about the closed pipe.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return


class Reporter:
    """Counts what a run produced, prints reject lines, and shows progress on a terminal."""

    def __init__(self, label: str):
        self.documents = 0
        self.events = 0
        self.rejects = 0
        self._label = label
        self._progress: Progress | None = None
        self._task = None

    def __enter__(self) -> Reporter:
        if sys.stderr.isatty():
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TextColumn("{task.fields[documents]} documents, {task.fields[events]} events"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self._label, total=None, documents=0, events=0)
        return self

    def __exit__(self, *exc_info) -> None:
        if self._progress is not None:
            self._progress.stop()

    def result(self, result: Result) -> None:
        self.documents += 1
        self.events += len(result.events)
        self._update()

    def reject(self, reject: Reject) -> None:
        self.rejects += 1
        if self._progress is not None:
            self._progress.console.print(reject.line(), markup=False, highlight=False)
        else:
            typer.echo(reject.line(), err=True)
        self._update()

    def _update(self) -> None:
        if self._progress is not None:
            self._progress.update(self._task, documents=self.documents, events=self.events)
