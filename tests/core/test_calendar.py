"""Working days by the Algemene termijnenwet (core.calendar): computed holidays, Art. 1, calendar weeks."""

from datetime import date

import pytest

from gezinsplan.core.calendar import (
    WorkingDays,
    add_weeks,
    add_working_days,
    easter_sunday,
    general_holidays,
    is_working_day,
    kings_day,
    term_end,
)
from gezinsplan.core.models import ExtraHoliday

NO_EXTRA = WorkingDays(extra=frozenset())


def test_easter_dates():
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert easter_sunday(2031) == date(2031, 4, 13)


def test_holidays_2026():
    assert set(general_holidays(2026)) == {
        date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 4, 27), date(2026, 5, 5),
        date(2026, 5, 14), date(2026, 5, 25), date(2026, 12, 25), date(2026, 12, 26),
    }


def test_holidays_2027():
    assert set(general_holidays(2027)) == {
        date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 4, 27), date(2027, 5, 5),
        date(2027, 5, 6), date(2027, 5, 17), date(2027, 12, 25), date(2027, 12, 26),
    }


@pytest.mark.parametrize("year", [2025, 2031])
def test_kings_day_moves_to_26_april_when_27_is_a_sunday(year):
    assert date(year, 4, 27).weekday() == 6
    assert kings_day(year) == date(year, 4, 26)
    assert date(year, 4, 26) in general_holidays(year)
    assert date(year, 4, 27) not in general_holidays(year)


def test_liberation_day_every_year_not_only_every_fifth():
    for year in range(2024, 2032):
        assert general_holidays(year)[date(year, 5, 5)] == "Bevrijdingsdag"
    assert not NO_EXTRA.is_working_day(date(2026, 5, 5))  # a Tuesday
    assert not NO_EXTRA.is_working_day(date(2027, 5, 5))  # a Wednesday


def test_good_friday_is_not_a_working_day():
    assert not NO_EXTRA.is_working_day(date(2026, 4, 3))
    assert not NO_EXTRA.is_working_day(date(2027, 3, 26))
    assert NO_EXTRA.is_working_day(date(2026, 4, 2))


def test_add_working_days_over_easter_2026():
    # Thursday 2 April + 1 working day: Good Friday, the weekend and Easter Monday are skipped.
    assert NO_EXTRA.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    # Over King's Day (Mon 27 April) and 5 May 2026 (Tuesday).
    assert NO_EXTRA.add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)
    assert NO_EXTRA.add_working_days(date(2026, 5, 4), 1) == date(2026, 5, 6)
    assert NO_EXTRA.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)


def test_add_working_days_2027_ascension_and_liberation_day():
    # Tuesday 4 May 2027: 5 May (Wed) and Ascension (Thu 6 May) are holidays.
    assert NO_EXTRA.add_working_days(date(2027, 5, 4), 1) == date(2027, 5, 7)
    assert NO_EXTRA.add_working_days(date(2027, 5, 4), 10) == date(2027, 5, 21)  # also skips Whit Monday 17 May
    assert NO_EXTRA.add_working_days(date(2027, 5, 7), -1) == date(2027, 5, 4)


def test_term_ending_on_a_saturday_runs_to_monday():
    """Art. 1 Atw: 14 days from Saturday 31 October 2026 end on Saturday 14 November: the term runs to Monday."""
    assert date(2026, 11, 14).weekday() == 5
    assert NO_EXTRA.term_end(date(2026, 10, 31), 14) == date(2026, 11, 16)


def test_term_ending_on_a_holiday_runs_past_it():
    # Ends on Good Friday 2027 (26 March): the weekend and Easter Monday follow, so Tuesday 30 March.
    assert NO_EXTRA.term_end(date(2027, 3, 12), 14) == date(2027, 3, 30)
    # Ends on a working day: unchanged.
    assert NO_EXTRA.term_end(date(2026, 11, 2), 14) == date(2026, 11, 16)


def test_calendar_weeks_for_rhythms():
    assert add_weeks(date(2026, 1, 5), 13) == date(2026, 4, 6)  # Easter Monday: a rhythm is not moved


@pytest.mark.django_db
def test_administrator_extends_the_table():
    day = date(2026, 5, 15)  # the Friday after Ascension, a bridge day
    assert is_working_day(day)
    ExtraHoliday.objects.create(day=day, name="Brugdag")
    assert not is_working_day(day)
    assert add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 18)
    assert term_end(date(2026, 5, 1), 14) == date(2026, 5, 18)


def test_working_days_between():
    assert NO_EXTRA.working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1
