"""The safety pages keep a constant number of queries whatever the number of scores, versions or cases."""

import datetime as dt

import pytest

from gezinsplan.safety import services
from tests.conftest import client_for
from tests.core.test_query_counts import _count
from tests.factories import PersonFactory, involve
from tests.safety.factories import all_safe, plan, safety_world

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _grow(world, n):
    for i in range(n):
        child = PersonFactory(family=world["family"])
        for day in range(3):
            services.score_record(
                actor=world["lead"],
                case=world["case"],
                child=child,
                score=4 + day,
                scored_on=TODAY - dt.timedelta(days=day + i),
                situation="Huisbezoek",
            )
        services.assessment_record(
            actor=world["lead"],
            case=world["case"],
            child=child,
            assessed_on=TODAY,
            items=all_safe(),
            conclusion="Veilig",
        )


def test_case_page_with_safety_section_query_count_does_not_grow():
    world = safety_world()
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    client = client_for(world["lead"])
    url = f"/casussen/{world['case'].pk}/"
    _grow(world, 1)
    small = _count(client, url)
    _grow(world, 5)
    assert _count(client, url) == small


def test_plan_page_query_count_does_not_grow():
    world = safety_world()
    client = client_for(world["lead"])
    url = f"/veiligheid/casus/{world['case'].pk}/plan/"
    v = services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    small = _count(client, url)
    for n in range(2, 8):
        v = services.plan_save(
            actor=world["lead"],
            case=world["case"],
            content=plan(concerns=f"zorg {n}"),
            based_on=v.number,
            note="aangepast",
        )
        services.breach_record(
            actor=world["lead"],
            case=world["case"],
            item_id=v.content["agreements"][0]["id"],
            occurred_on=TODAY,
            breached_by="Berend",
            what_happened="x",
        )
    assert _count(client, url) == small


def test_attention_list_query_count_does_not_grow():
    world = safety_world()
    client = client_for(world["lead"])
    small = _count(client, "/veiligheid/aandacht/")
    for _ in range(8):
        family = involve(world["lead"]).case.family
        PersonFactory(family=family)
    assert _count(client, "/veiligheid/aandacht/") == small


def test_case_page_safety_track_query_count_does_not_grow():
    """The safety track (calamities, talk exceptions, responders, network plans, earlier cases) in fixed queries."""
    from gezinsplan.safety.models import RecurrenceRisk
    from tests.factories import CaseFactory

    world = safety_world()
    case = world["case"]
    lead = world["lead"]
    services.calamity_record(
        actor=lead,
        case=case,
        occurred_on=TODAY,
        description="Incident",
        organisations="LT",
        management_notified_on=TODAY,
        management_notified="teamleider",
    )
    CaseFactory(family=world["family"], opened_on=TODAY - dt.timedelta(days=900))
    client = client_for(lead)
    small = _count(client, f"/casussen/{case.pk}/")
    for i in range(4):
        services.calamity_record(
            actor=lead,
            case=case,
            occurred_on=TODAY,
            description=f"Incident {i}",
            organisations="LT, GI",
            management_notified_on=TODAY,
            management_notified="manager",
        )
        services.talk_exception_record(
            actor=lead,
            case=case,
            person=PersonFactory(family=world["family"]),
            category="other",
            explanation="x",
            expert_advice="y",
            advice_from="z",
            decided_on=TODAY,
        )
        services.responder_record(actor=lead, case=case, name=f"Steun {i}", kind="network", action="belt")
        services.proposal_record(actor=lead, case=case, meeting="network", held_on=TODAY, text="Plan")
        earlier = CaseFactory(family=world["family"], opened_on=TODAY - dt.timedelta(days=800 + i))
        RecurrenceRisk.objects.create(case=earlier, level="low", reasons="rustig", created_by=lead)
    assert _count(client, f"/casussen/{case.pk}/") == small
