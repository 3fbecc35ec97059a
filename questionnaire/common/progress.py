"""Progress of long work on a terminal: `advise --batch` of a large file, `rules impact` over many
intakes (issue 21).

A bar from tqdm on standard error, only when standard error is a terminal (and the caller says it
may be shown: not while the output itself goes to that terminal); it appears only after a moment
(short work shows nothing) and ends with the count and the time taken ("Advies: 10000 (00:02)").
Otherwise nothing extra is written. Lines said meanwhile (a bad line's problem) go above the bar.
tqdm is imported only when a bar is shown.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterator

DELAY_S = 0.5  # work done sooner shows no bar at all


class Progress:
    """Count the work done (`step`); `say` lines that must not break the bar."""

    def __init__(self, bar: Any):
        self._bar = bar

    def step(self, done: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(done)

    def say(self, lines: list[str], stream: Any = None) -> None:
        """Write whole lines (to standard error unless `stream`), the bar redrawn under them."""
        stream = stream or sys.stderr
        for line in lines:
            if self._bar is not None:
                self._bar.write(line, file=stream)
            else:
                stream.write(line + "\n")


@contextmanager
def progress(label: str, of: str, total: int | None = None, shown: bool = True) -> Iterator[Progress]:
    """A bar for `label` (in the user's language; `of` is their word for "of", as in 3 of 10)."""
    live = shown and sys.stderr is not None and sys.stderr.isatty()
    if not live:
        yield Progress(None)
        return
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: `advise --batch` forks its workers after this
    counted = f" {of} {{total_fmt}} {{bar:20}}" if total else ""
    bar = tqdm(total=total, file=sys.stderr, delay=DELAY_S, mininterval=0.2, dynamic_ncols=True,
               bar_format=f"{label}: {{n_fmt}}{counted} ({{elapsed}})")
    try:
        yield Progress(bar)
    finally:
        bar.close()
