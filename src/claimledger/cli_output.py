"""What the command line writes: page text made safe for a terminal, and writes that fail loudly.

Page text is hostile: a title may hold ANSI escape sequences, which would drive the reader's
terminal, or rich markup ("[/red]"), which rich would parse. Text shown in tables and messages
therefore has its control characters removed and reaches rich as plain `Text`, never as markup.

Every write to standard output is checked: a failed one (a full disk, a closed pipe) ends the
command with one error line and a non-zero status, and a command prints its success line only
once its output is flushed.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO, Any

import click
from rich.markup import escape
from rich.text import Text

# C0 controls but tab and line feed, DEL, C1 controls (0x9b alone starts an escape sequence in
# some terminals), and the bidirectional overrides that reorder what a line appears to say.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
STDOUT = "standard output"


def terminal_text(value: object) -> str:
    """`value` as text with its control characters (ANSI escapes among them) removed."""
    return CONTROL_CHARACTERS.sub("", str(value))


def plain(value: object) -> Text:
    """A table cell or title that shows `value` as it is: no markup, no control characters."""
    return Text(terminal_text(value))


def markup_safe(value: object) -> str:
    """`value` to put inside a rich markup string: control characters removed, brackets
    escaped."""
    return escape(terminal_text(value))


class OutputError(click.ClickException):
    """A write that failed: the output is incomplete."""

    def __init__(self, target: str, error: OSError) -> None:
        reason = error.strerror or str(error) or type(error).__name__
        super().__init__(f"could not write to {terminal_text(target)}: {reason}")


class CheckedStream:
    """A text stream whose failed writes raise OutputError naming where the text was going."""

    def __init__(self, stream: IO[str], target: str) -> None:
        self.stream = stream
        self.target = target

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise self._failed(exc) from exc

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise self._failed(exc) from exc

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno... for rich and csv
        return getattr(self.stream, name)

    def _failed(self, error: OSError) -> OutputError:
        _discard_pending(self.stream)
        return OutputError(self.target, error)


def checked_stdout() -> CheckedStream:
    return CheckedStream(sys.stdout, STDOUT)


def _discard_pending(stream: IO[str]) -> None:
    """Point the stream's file at /dev/null: what is still buffered then goes nowhere when the
    interpreter flushes it at exit, instead of failing a second time with a traceback."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # not a file (a test runner's buffer)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
