"""Under `make intake` the intake owns the terminal, so a stop is the intake's alone.

Ctrl-C goes to every program of the terminal's foreground process group: under make that is make
too, which then prints "make: *** [Makefile:NN: intake] Error 130" (or "Interrupt") on the
client's screen after the intake's own words. So when make started it (MAKELEVEL is set), the
intake moves into a process group of its own and makes that the terminal's foreground for as long
as it runs; the old foreground comes back after. Started from a shell, nothing changes (the
shell gave it the terminal already).
"""
from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def own_terminal() -> Iterator[None]:
    """The terminal's foreground is this program's own process group while it runs (under make)."""
    try:
        fd = sys.stdin.fileno()
        before = os.tcgetpgrp(fd)
    except (OSError, ValueError, AttributeError):
        before = None
    if before is None or not os.environ.get("MAKELEVEL") or os.getpgrp() != before:
        yield
        return
    try:
        os.setpgid(0, 0)
        _hand_over(fd, os.getpgrp())
    except OSError:  # not allowed here (a session leader): back in the group that has the terminal
        if os.getpgrp() != before:
            os.setpgid(0, before)
        yield
        return
    try:
        yield
    finally:
        try:
            _hand_over(fd, before)
        except OSError:
            pass


def _hand_over(fd: int, group: int) -> None:
    """Make `group` the terminal's foreground (a background group may do so with SIGTTOU ignored)."""
    old = signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    try:
        os.tcsetpgrp(fd, group)
    finally:
        signal.signal(signal.SIGTTOU, old)
