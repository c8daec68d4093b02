"""Hours against indications: the 25-hour 2a budget (R010, R209), the 80% warning, day limits, totals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gezinsplan.cases import products
from gezinsplan.cases.models import HourEntry
from tests.cases.helpers import START, hours, indicate_2a, make_world

pytestmark = pytest.mark.django_db

quarter_hours = st.integers(min_value=1, max_value=40).map(lambda q: Decimal(q) / 4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(quarter_hours, min_size=1, max_size=12))
def test_r010_the_2a_budget_is_never_exceeded(entries):
    """R010: whatever the entries, the recorded total never passes 25 hours; refusals change nothing."""
    world = make_world()
    indication = indicate_2a(world)
    total = Decimal("0")
    for day, amount in enumerate(entries):
        on = START + dt.timedelta(days=day)
        if total + amount <= 25:
            _entry, budget = hours(world, indication, amount, on=on)
            total += amount
            assert budget.used == total
            assert budget.warning is (total >= 20)
        else:
            with pytest.raises(ValidationError, match="nieuwe 2a"):
                hours(world, indication, amount, on=on)
    assert products.hours_used(indication) == total <= 25


def test_r209_used_and_remaining_hours():
    """R209: used hours, remaining hours (25 - used) and the 80% warning."""
    world = make_world()
    indication = indicate_2a(world)
    hours(world, indication, 16)
    budget = products.budget(indication)
    assert (budget.used, budget.remaining, budget.percent, budget.warning) == (16, 9, 64, False)
    hours(world, indication, 4, on=START + dt.timedelta(days=1))
    assert products.budget(indication).warning


@pytest.mark.parametrize("amount,message", [(0, "positief"), (-2, "positief"), (25, "24 uur")])
def test_bad_hours_are_refused(amount, message):
    world = make_world()
    indication = indicate_2a(world)
    with pytest.raises(ValidationError, match=message):
        hours(world, indication, amount)
    assert not HourEntry.objects.exists()


def test_more_than_24_hours_on_one_day_across_entries_is_refused():
    world = make_world()
    indication = indicate_2a(world)
    hours(world, indication, 20)
    with pytest.raises(ValidationError, match="24 uur"):
        hours(world, indication, 5)


def test_hours_in_the_future_or_outside_the_indication_are_refused():
    world = make_world()
    indication = indicate_2a(world)
    with pytest.raises(ValidationError, match="toekomst"):
        hours(world, indication, 1, on=dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="looptijd"):
        hours(world, indication, 1, on=START - dt.timedelta(days=1))


def test_hours_are_written_by_the_professional_who_spent_them():
    world = make_world()
    indication = indicate_2a(world)
    entry, _budget = hours(world, indication, 2)
    assert entry.professional == world.gi and entry.organisation == world.gi.organisation


def test_r011_activity_types_and_totals_per_product_organisation_and_month():
    """R011: activity types; totals per product, organisation and month."""
    world = make_world()
    indication = indicate_2a(world)
    hours(world, indication, 3)
    hours(world, indication, 2, on=START + dt.timedelta(days=40))
    hours(world, indication, 1.5, actor=world.lt, on=START + dt.timedelta(days=41))
    totals = products.hour_totals(entries=HourEntry.objects.filter(indication__case=world.case))
    assert totals["total"] == Decimal("6.5")
    assert totals["per_product"] == {"2a": Decimal("6.5")}
    assert totals["per_organisation"][world.gi.organisation.name] == 5
    assert totals["per_month"] == {"2026-01": 3, "2026-02": Decimal("3.5")}


def test_uninvolved_professional_cannot_write_hours():
    from tests.factories import UserFactory

    world = make_world()
    indication = indicate_2a(world)
    with pytest.raises(PermissionDenied):
        products.hours_record(actor=UserFactory(), indication=indication, worked_on=START, hours=Decimal(1),
                              activity="other")
