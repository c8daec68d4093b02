"""core.due: one overview of what is due, computed (never stored), in a constant number of queries."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.core.due import cases_for_user, due_items
from tests.collaboration.conftest import TODAY
from tests.collaboration.factories import AgreementFactory, BarrierFactory, MeetingFactory
from tests.factories import PersonFactory, involve


def _add_case(user):
    case = involve(user).case
    MeetingFactory(case=case, planned_on=TODAY - dt.timedelta(days=3))  # planned, passed, not recorded
    AgreementFactory(case=case, due_on=TODAY - dt.timedelta(days=1))
    BarrierFactory(case=case, raised_on=TODAY - dt.timedelta(days=30))
    PersonFactory(family=case.family)
    return case


def _queries(user) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as ctx:
        items = due_items(cases=cases_for_user(user), today=TODAY)
    return len(ctx.captured_queries), items


def test_due_items_constant_queries_and_overdue_kinds(world):
    lead = world["lead"]
    _add_case(lead)
    small, items = _queries(lead)
    assert {i.kind for i in items if i.overdue} >= {"Overleg", "Afspraak", "Escalatie", "Gesprek met kind"}
    for _ in range(6):
        _add_case(lead)
    large, items = _queries(lead)
    assert large == small
    assert items == sorted(items, key=lambda i: (i.due_on, i.family_name, i.title))


def test_barrier_step_due_in_working_days(world):
    """The next escalation step is due 10 working days after the last (Atw calendar, here over Christmas)."""
    from gezinsplan.collaboration.due import barrier_steps_due

    case = world["case"]
    BarrierFactory(case=case, raised_on=dt.date(2026, 12, 18))
    items = barrier_steps_due(cases=cases_for_user(world["lead"]), today=TODAY)
    # 21-24 Dec (4), 28-31 Dec (4), 2 Jan 2027 is a Saturday; 4-5 Jan (2): Christmas days and New Year skipped
    assert [i.due_on for i in items] == [dt.date(2027, 1, 5)]
