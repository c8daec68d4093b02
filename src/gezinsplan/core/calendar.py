"""The deadline engine's calendar: Dutch working days by the Algemene termijnenwet (Atw), and calendar weeks.

Working days exclude Saturdays, Sundays and the general holidays of Art. 3 Atw, computed here (never the
`holidays` package, which has 5 May only every fifth year and no Good Friday): Nieuwjaarsdag, Goede Vrijdag,
tweede paasdag, Koningsdag (27 April, or 26 April when the 27th is a Sunday), 5 mei (every year),
Hemelvaartsdag, tweede pinksterdag and both Christmas days. An administrator adds extra days (e.g. a
bridge day a region closes on) in `core.models.ExtraHoliday`.

- `add_working_days(d, n)`: the n-th working day after d (legal terms counted in working days);
- `term_end(start, days)`: a term of calendar days, moved on to the next working day when it ends on a
  Saturday, Sunday or holiday (Art. 1 Atw);
- `add_weeks(d, weeks)`: rhythms in calendar weeks (the network meeting every 13 weeks).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous algorithm of Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=64)
def general_holidays(year: int) -> dict[date, str]:
    """The general holidays of Art. 3 Atw in one year, with their Dutch names."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "Tweede paasdag",
        kings_day(year): "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede pinksterdag",
        date(year, 12, 25): "Eerste kerstdag",
        date(year, 12, 26): "Tweede kerstdag",
    }


def _extra_holidays() -> frozenset[date]:
    """The administrator's extra days: one small query, cached for the request by the caller if needed."""
    from gezinsplan.core.models import ExtraHoliday

    return frozenset(ExtraHoliday.objects.values_list("day", flat=True))


class WorkingDays:
    """A calendar with the extra holidays loaded once (use it for many computations in one request)."""

    def __init__(self, extra: frozenset[date] | None = None):
        self.extra = _extra_holidays() if extra is None else extra

    def holiday_name(self, d: date) -> str | None:
        if d in self.extra:
            return "Extra vrije dag"
        return general_holidays(d.year).get(d)

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and self.holiday_name(d) is None

    def next_working_day(self, d: date) -> date:
        """d itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, d: date, n: int) -> date:
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            d += timedelta(days=step)
            if self.is_working_day(d):
                remaining -= 1
        return d

    def term_end(self, start: date, days: int) -> date:
        return self.next_working_day(start + timedelta(days=days))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after start up to and including end (0 when end <= start)."""
        count, d = 0, start
        while d < end:
            d += timedelta(days=1)
            count += self.is_working_day(d)
        return count


def is_working_day(d: date) -> bool:
    return WorkingDays().is_working_day(d)


def add_working_days(d: date, n: int) -> date:
    """The n-th working day after d (n may be negative: before d)."""
    return WorkingDays().add_working_days(d, n)


def term_end(start: date, days: int) -> date:
    """Art. 1 Atw: a term of `days` calendar days from `start`; ending on a Saturday, Sunday or holiday, it runs
    on to the next working day."""
    return WorkingDays().term_end(start, days)


def add_weeks(d: date, weeks: int) -> date:
    """Calendar weeks, for rhythms (not a legal term, so no working-day shift)."""
    return d + timedelta(weeks=weeks)
