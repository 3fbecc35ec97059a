"""Long output through a pager, as git does: only on a terminal, and only when it does not fit.

A practitioner reads the summary from the top ("Eerst lezen" first): printed straight to the
terminal its start would scroll away. The pager is $MAGNESIUM_PAGER, else $PAGER, else `less`
(with LESS=FRX unless LESS is set: quit when it fits, keep colours, leave the text on screen).
"""
from __future__ import annotations

import os
from typing import TextIO


def show(text: str, stream: TextIO, pager: bool = True) -> None:
    """Write `text` (ending in a newline) to `stream`, through the pager where that helps."""
    if pager and stream.isatty() and text.count("\n") >= _lines(stream):
        import shlex  # only when a pager is started (a fast start otherwise)
        import subprocess

        command = os.environ.get("MAGNESIUM_PAGER") or os.environ.get("PAGER") or "less"
        try:
            process = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE,
                                       env={**os.environ, "LESS": os.environ.get("LESS", "FRX")})
        except (OSError, ValueError):  # no such pager, or a broken setting: print as it is
            stream.write(text)
            return
        try:
            process.communicate(text.encode(stream.encoding or "utf-8", errors="replace"))
        except BrokenPipeError:  # the reader quit the pager early
            pass
        return
    stream.write(text)


def _lines(stream: TextIO) -> int:
    """The terminal's height (24 when it cannot be asked)."""
    try:
        return os.get_terminal_size(stream.fileno()).lines
    except (OSError, ValueError):
        return 24
