"""A progress bar on stderr for long work (imports, exports, indexing): redrawn in place on a
terminal, one line per tenth otherwise (CI logs), silent for short work. A caller that shows
progress elsewhere (the admin's import page) also gets `callback(label, done, total)` at each
hundredth and at the end, whatever the work's size."""

import sys
import time


class Progress:
    def __init__(self, label: str, total: int, stream=None, min_total: int = 5000, callback=None):
        self.label = label
        self.callback = callback
        self._last_hundredth = -1
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = total >= min_total
        self.tty = getattr(self.stream, "isatty", lambda: False)()
        self.done = 0
        self._last_draw = 0.0
        self._last_tenth = -1

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        if self.callback:
            hundredth = min(100, self.done * 100 // self.total)
            if hundredth != self._last_hundredth:
                self._last_hundredth = hundredth
                # A total that was a guess (an XLSX's rows) never shows more than all of it.
                self.callback(self.label, min(self.done, self.total), self.total)
        if not self.enabled:
            return
        if self.tty:
            now = time.monotonic()
            if now - self._last_draw >= 0.2 or self.done >= self.total:
                self._last_draw = now
                self._draw("\r", "")
        else:
            tenth = min(10, self.done * 10 // self.total)
            if tenth != self._last_tenth:
                self._last_tenth = tenth
                self._draw("", "\n")

    def close(self) -> None:
        if self.callback:
            self.callback(self.label, self.total, self.total)
        if self.enabled and self.tty:
            self._draw("\r", "\n")

    def _draw(self, start: str, end: str) -> None:
        fraction = min(1.0, self.done / self.total)
        width = 30
        filled = int(width * fraction)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"{start}{self.label} [{bar}] {fraction:4.0%} {self.done:,}/{self.total:,}{end}"
        )
        self.stream.flush()
