"""Long output through a pager, as git does: only on a terminal, and only when it does not fit.

A practitioner reads the summary from the top ("Eerst lezen" first): printed straight to the
terminal its start would scroll away. The pager is $MAGNESIUM_PAGER, else $PAGER, else `less`
(with LESS=FRX unless LESS is set: quit when it fits, keep colours, leave the text on screen).
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from typing import TextIO


def show(text: str, stream: TextIO, pager: bool = True) -> None:
    """Write `text` (ending in a newline) to `stream`, through the pager where that helps."""
    if pager and stream.isatty() and text.count("\n") >= shutil.get_terminal_size().lines:
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
