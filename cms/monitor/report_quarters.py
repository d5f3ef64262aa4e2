"""Calendar quarters, as the quarterly report names and chooses them: written `2026-Q3` in
addresses and files, "Q3 2026" / "Quý 3 năm 2026" for people."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

EARLIEST_YEAR = 2000
WRITTEN = re.compile(r"(\d{4})-Q([1-4])", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def containing(cls, day: dt.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The quarter's last day."""
        return self.next().start - dt.timedelta(days=1)

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def since(self) -> dt.datetime:
        """The quarter's first instant, local time (the agency's day)."""
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    def until(self) -> dt.datetime:
        """The first instant after the quarter."""
        return self.next().since()

    def last(self, count: int) -> list["Quarter"]:
        """The `count` quarters ending with this one, oldest first."""
        quarters = [self]
        while len(quarters) < count:
            quarters.insert(0, quarters[0].previous())
        return quarters

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return gettext("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}


def current_quarter(today: dt.date | None = None) -> Quarter:
    return Quarter.containing(today or timezone.localdate())


def last_full_quarter(today: dt.date | None = None) -> Quarter:
    return current_quarter(today).previous()


def parse_quarter(text: str, today: dt.date | None = None) -> Quarter:
    """The quarter written in `text`; ValueError with the reason, in the active language."""
    match = WRITTEN.fullmatch((text or "").strip())
    if not match:
        raise ValueError(gettext("Write the quarter as year-Q and its number, e.g. 2026-Q3."))
    quarter = Quarter(int(match.group(1)), int(match.group(2)))
    if quarter.year < EARLIEST_YEAR:
        raise ValueError(gettext("Choose a quarter from %(year)s on.") % {"year": EARLIEST_YEAR})
    if quarter > current_quarter(today):
        raise ValueError(gettext("That quarter has not begun yet."))
    return quarter


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    """Every quarter from `first` to `last`, newest first (the chooser's order)."""
    quarters = [last]
    while quarters[-1] > first:
        quarters.append(quarters[-1].previous())
    return quarters
