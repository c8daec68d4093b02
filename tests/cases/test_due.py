"""What is due from cases: open handovers, 2a budgets at 80%, measure reviews (R042, R633) and ends (R257)."""

import datetime as dt

import pytest

from gezinsplan.cases import handovers, products
from gezinsplan.cases.models import Case
from gezinsplan.core.due import due_items
from tests.cases.helpers import complete_handover, hours, indicate_2a, make_world

pytestmark = pytest.mark.django_db


def _titles(world):
    return [i.title for i in due_items(cases=Case.objects.filter(pk=world.case.pk), today=dt.date.today())]


def test_open_handover_and_budget_at_80_percent_are_due():
    world = make_world()
    handovers.handover_start(actor=world.lt, case=world.case, to_user=world.gi, reason="2b voorbereiden")
    indication = indicate_2a(world)
    hours(world, indication, 20)
    titles = _titles(world)
    assert any("Overdracht aan" in t for t in titles)
    assert any("20 van 25 uur" in t for t in titles)


def test_r042_r633_r257_measure_reviews_and_end_are_due():
    """R042: a year of measure → review LT involvement; R633: long OTS → guardianship review; R257: ends soon."""
    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    start = dt.date.today() - dt.timedelta(days=800)
    products.measure_record(actor=world.gi, case=world.case, child=world.children[0], kind="ots",
                            pronounced_on=start, starts_on=start, ends_on=dt.date.today() + dt.timedelta(days=20))
    titles = _titles(world)
    assert any("R042" in t for t in titles) and any("R633" in t for t in titles)
    assert any("loopt af" in t for t in titles)
