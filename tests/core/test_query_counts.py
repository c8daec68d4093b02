"""Every list and family page keeps a constant number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from tests.factories import (
    ContactFactory,
    NetworkMemberFactory,
    PersonFactory,
    RelationshipFactory,
    UserFactory,
    involve,
)


def _count(client, url, method="get", **params) -> int:
    send = getattr(client, method)
    send(url, params)  # warm up: the very first access-log append creates the chain head
    with CaptureQueriesContext(connection) as ctx:
        response = send(url, params)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow_family(family, n):
    for _ in range(n):
        parent = PersonFactory(family=family, family_role="parent", birth_date=None)
        child = PersonFactory(family=family, last_name=parent.last_name)
        RelationshipFactory(family=family, from_person=parent, to_person=child)
        NetworkMemberFactory(family=family, child=child)


@pytest.mark.django_db
def test_caseload_query_count_does_not_grow():
    user = UserFactory()
    involve(user)
    client = client_for(user)
    small = _count(client, "/gezinnen/")
    for _ in range(15):
        family = involve(user).case.family
        _grow_family(family, 1)
    assert _count(client, "/gezinnen/") == small


FAMILY_PAGE_MAX_QUERIES = 34  # 36 before the situation section reused the page's persons and cases


@pytest.mark.django_db
def test_family_page_query_count_does_not_grow():
    user = UserFactory()
    family = involve(user).case.family
    client = client_for(user)
    _grow_family(family, 1)
    small = _count(client, f"/gezinnen/{family.pk}/")
    assert small <= FAMILY_PAGE_MAX_QUERIES
    _grow_family(family, 8)
    for _ in range(4):
        involve(UserFactory(), family)
    assert _count(client, f"/gezinnen/{family.pk}/") == small


# The case page reads what its sections share once (cases.context.CaseContext); before that it ran 110 queries (121
# with every section filled). The bounds catch a section that reads the persons, involvements, plan or judgements
# again. With rows, a few prefetches more run (meeting participants, decision participants and confirmations,
# barrier steps, measure extensions, the council report check), still the same number for 1 or 4 of each.
CASE_PAGE_MAX_QUERIES_EMPTY = 82
CASE_PAGE_MAX_QUERIES_FILLED = 89


@pytest.mark.django_db
def test_case_page_query_count_does_not_grow():
    user = UserFactory()
    inv = involve(user)
    client = client_for(user)
    small = _count(client, f"/casussen/{inv.case.pk}/")
    assert small <= CASE_PAGE_MAX_QUERIES_EMPTY
    for _ in range(6):
        involve(UserFactory(), inv.case.family, role="support")
    assert _count(client, f"/casussen/{inv.case.pk}/") == small


def _fill_case(case, user, n):
    """n rows of each kind every case page section reads: children with scores, assessments and conversations,
    products, measures, handovers, contacts, tasks, help, signals, judgements, meetings, agreements, decisions and
    barriers (rows made directly: the queries matter here, not the rules)."""
    import datetime as dt

    from gezinsplan.collaboration.models import ChildConversation
    from gezinsplan.safety.models import DirectSafetySignal, GoodEnough, SafetyScore
    from tests.cases.helpers import any_contact, any_handover, any_help, any_indication, any_measure, any_task
    from tests.collaboration.factories import AgreementFactory, BarrierFactory, CoreDecisionFactory, MeetingFactory
    from tests.safety.factories import any_assessment, any_plan_version

    today = dt.date.today()
    for _ in range(n):
        child = PersonFactory(family=case.family, birth_date=today - dt.timedelta(days=2000))
        world = {"case": case, "user": user, "child": child}
        for make in (any_indication, any_measure, any_handover, any_contact, any_task, any_help, any_assessment):
            make(world)
        SafetyScore.objects.create(case=case, child=child, score=5, scored_on=today, situation="Na het gesprek")
        ChildConversation.objects.create(family=case.family, case=case, child=child, held_on=today, by_user=user,
                                         with_parents="without")
        DirectSafetySignal.objects.create(case=case, noticed_on=today, description="Politie belde")
        GoodEnough.objects.create(case=case, verdict="no", reasons="Nog niet", assessed_on=today, participants="LT")
        MeetingFactory(case=case)
        AgreementFactory(case=case)
        CoreDecisionFactory(case=case)
        BarrierFactory(case=case)
    any_plan_version({"case": case, "user": user})


@pytest.mark.django_db
def test_case_page_with_every_section_filled_keeps_its_query_count():
    user = UserFactory()
    case = involve(user).case
    client = client_for(user)
    _fill_case(case, user, 1)
    small = _count(client, f"/casussen/{case.pk}/")
    assert small <= CASE_PAGE_MAX_QUERIES_FILLED
    _fill_case(case, user, 3)
    for _ in range(3):
        involve(UserFactory(), case.family, role="support")
    assert _count(client, f"/casussen/{case.pk}/") == small


@pytest.mark.django_db
def test_search_query_count_does_not_grow():
    user = UserFactory()
    client = client_for(user)
    family = involve(user).case.family
    PersonFactory(family=family, last_name="Zoekmans")
    small = _count(client, "/gezinnen/zoeken/", method="post", q="zoekmans")
    for _ in range(10):
        other = involve(user).case.family
        PersonFactory(family=other, last_name="Zoekmans")
    assert _count(client, "/gezinnen/zoeken/", method="post", q="zoekmans") == small


@pytest.mark.django_db
def test_api_family_list_query_count_does_not_grow():
    user = UserFactory()
    involve(user)
    client = client_for(user)
    small = _count(client, "/api/v1/families/")
    for _ in range(10):
        involve(user)
    assert _count(client, "/api/v1/families/") == small


@pytest.mark.django_db
def test_api_case_list_query_count_does_not_grow():
    user = UserFactory()
    involve(user)
    client = client_for(user)
    small = _count(client, "/api/v1/cases/")
    for _ in range(10):
        inv = involve(user)
        involve(UserFactory(), inv.case.family)
    assert _count(client, "/api/v1/cases/") == small


@pytest.mark.django_db
def test_directory_query_count_does_not_grow():
    user = UserFactory()
    client = client_for(user)
    ContactFactory()
    small = _count(client, "/account/contactgids/")
    ContactFactory.create_batch(20)
    assert _count(client, "/account/contactgids/") == small
