"""The cases API under the same policy: only the LT indicates 2a, only the JBT chair 2b, hours by the spender."""

import pytest

from gezinsplan.cases.models import HourEntry
from tests.cases.helpers import START, indicate_2a, make_world, weigh_gi_needed
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

INDICATION = {"kind": "2a", "reason": "a", "starts_on": "2026-01-05", "decision_on": "2026-01-05",
              "decision_forum": "MDO JGH", "consent_by": "moeder", "consent_on": "2026-01-05"}


def test_case_api_shows_derived_lead_and_safety():
    world = make_world()
    data = client_for(world.lt).get(f"/api/v1/cases/{world.case.pk}/").json()
    assert (data["phase"], data["lead"], data["safety_responsible"]) == ("lt", "lt", "lt")


def test_only_the_local_team_indicates_2a_through_the_api():
    world = make_world()
    weigh_gi_needed(world)
    refused = client_for(world.gi).post(f"/api/v1/cases/{world.case.pk}/indications/", INDICATION,
                                        content_type="application/json")
    assert refused.status_code == 400 and "Uw rol" in str(refused.json())
    made = client_for(world.lt).post(f"/api/v1/cases/{world.case.pk}/indications/", INDICATION,
                                     content_type="application/json")
    assert made.status_code == 201 and made.json()["hours_remaining"] == "25.00"
    assert client_for(world.lt).get(f"/api/v1/cases/{world.case.pk}/").json()["phase"] == "lt_gi"


def test_2a_without_consent_is_400_with_a_dutch_message():
    world = make_world()
    weigh_gi_needed(world)
    response = client_for(world.lt).post(f"/api/v1/cases/{world.case.pk}/indications/",
                                         {**INDICATION, "consent_by": ""}, content_type="application/json")
    assert response.status_code == 400
    assert not world.case.indications.exists()


def test_hours_are_written_by_the_caller_and_the_budget_is_returned():
    world = make_world()
    indication = indicate_2a(world)
    url = f"/api/v1/cases/{world.case.pk}/indications/{indication.pk}/hours/"
    response = client_for(world.gi).post(url, {"worked_on": "2026-01-06", "hours": "3.5", "activity": "home_visit"},
                                         content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["professional"] == world.gi.username and body["budget_remaining"] == "21.50"
    too_much = client_for(world.gi).post(url, {"worked_on": "2026-01-07", "hours": "22", "activity": "other"},
                                         content_type="application/json")
    assert too_much.status_code == 400 and "nieuwe 2a" in str(too_much.json())
    assert HourEntry.objects.count() == 1


def test_transitions_are_listed(db):
    world = make_world()
    indicate_2a(world, on=START)
    data = client_for(world.lt).get(f"/api/v1/cases/{world.case.pk}/transitions/").json()
    assert data["results"][0]["trigger"] == "product_2a_indicated"
