"""The analysis API: same policy and access log as the pages; Dutch errors; stale versions refused."""

import pytest

from gezinsplan.analysis.models import FamilyAnalysis, TimelineEvent
from gezinsplan.privacy.models import AccessLogEntry
from tests.analysis import factories as af
from tests.conftest import client_for

J = "application/json"


@pytest.mark.django_db
def test_api_start_build_and_publish(alice, alice_family):
    from tests.cases.helpers import weigh_extended_analysis

    weigh_extended_analysis(alice_family.cases.get())  # R113
    client = client_for(alice)
    base = f"/api/v1/families/{alice_family.pk}/"
    assert client.get(base + "analysis/").json()["started"] is False
    assert client.post(base + "analysis/", {}, content_type=J).status_code == 201
    assert client.post(base + "analysis/", {}, content_type=J).status_code == 201  # the same one (R001)
    assert FamilyAnalysis.objects.filter(family=alice_family).count() == 1
    response = client.post(base + "analysis/timeline-events/", {"occurred_on": "2015-01-01", "kind": "report",
                                                                 "title": "AMK-melding", "source": "AMK"},
                           content_type=J)
    assert response.status_code == 201, response.json()
    event_id = response.json()["id"]
    assert client.get(base + "analysis/timeline-events/").json()["results"][0]["title"] == "AMK-melding"
    response = client.patch(f"/api/v1/analysis/timeline-events/{event_id}/", {"title": "AMK", "version": 1},
                            content_type=J)
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = client.patch(f"/api/v1/analysis/timeline-events/{event_id}/", {"title": "X", "version": 1},
                         content_type=J)
    assert stale.status_code == 400 and "Iemand anders" in str(stale.json())
    first = client.post(base + "family-plan/", {"note": "eerste"}, content_type=J)
    assert first.status_code == 201 and first.json()["number"] == 1
    client.post(base + "analysis/timeline-events/", {"occurred_on": "2016-01-01", "title": "Tweede", "source": "x"},
                content_type=J)
    assert client.post(base + "family-plan/", {"based_on": 1}, content_type=J).status_code == 201
    conflict = client.post(base + "family-plan/", {"based_on": 1, "note": "te laat"}, content_type=J)
    assert conflict.status_code == 409 and conflict.json()["current_version"] == 2
    assert client.get(base + "family-plan/versions/2/").json()["number"] == 2
    assert client.delete(f"/api/v1/analysis/timeline-events/{event_id}/", {"reason": "dubbel"},
                         content_type=J).status_code == 204
    assert TimelineEvent.objects.filter(family=alice_family).count() == 1
    assert AccessLogEntry.objects.filter(family_id=alice_family.pk, channel="api").exists()


@pytest.mark.django_db
def test_api_bad_input_gives_dutch_messages(alice, alice_family):
    af.analysis_for(alice_family, end_description="x", end_changeable="y", end_compensate="niets",
                    end_children_where="thuis")
    client = client_for(alice)
    base = f"/api/v1/families/{alice_family.pk}/analysis/"
    response = client.post(base + "help-episodes/", {
        "provider": "GGZ", "offer": "hulp", "started_on": "2016-05-01", "ended_on": "2016-01-01", "reason": "x",
        "life_domain": "school", "ending": "completed", "result": "ok"}, content_type=J)
    assert response.status_code == 400 and "vóór de start" in response.json()["ended_on"][0]
    response = client.post(base + "goals/", {"what": "x", "measurable": "y", "progress": 120}, content_type=J)
    body = response.json()
    assert response.status_code == 400 and {"who", "when", "progress"} <= set(body)
    response = client.patch(base, {"end_changeable": ""}, content_type=J)
    assert response.status_code == 400 and "splitsing" in response.json()["end_changeable"][0]
    response = client.post(base + "concerns/", {"kind": "concern", "text": "<script>x</script>"}, content_type=J)
    assert response.status_code == 400 and "scripts" in response.json()["text"][0]


@pytest.mark.django_db
def test_api_other_family_is_not_found_and_rows_too(alice, bob):
    other = bob.involvements.first().case.family
    event = af.TimelineEventFactory(family=other)
    client = client_for(alice)
    assert client.get(f"/api/v1/families/{other.pk}/analysis/").status_code == 404
    assert client.get(f"/api/v1/analysis/timeline-events/{event.pk}/").status_code == 404
    assert client.post(f"/api/v1/families/{other.pk}/analysis/goals/", {}, content_type=J).status_code == 404


@pytest.mark.django_db
def test_api_newer_parts_r253_r567_r516_r685(alice, alice_family):
    """The API offers every part: incidents linked to patterns (R253), stress factors that need an action (R567),
    endorsement of the current version (R516) and the questionnaire warning (R685/R687)."""
    from tests.cases.helpers import weigh_extended_analysis

    weigh_extended_analysis(alice_family.cases.get())  # R113
    from gezinsplan.cases.models import Case
    from tests.factories import PersonFactory

    client = client_for(alice)
    base = f"/api/v1/families/{alice_family.pk}/analysis/"
    client.post(base, {}, content_type=J)
    parent = PersonFactory(family=alice_family, family_role="parent", birth_date=None)
    element = client.post(base + "pattern-elements/", {"kind": "parent_behaviour", "text": "Terugtrekken",
                                                      "members": [str(parent.pk)]}, content_type=J)
    assert element.status_code == 201, element.json()
    event = client.post(base + "timeline-events/", {"occurred_on": "2020-01-01", "kind": "incident", "title": "X",
                                                    "source": "politie", "patterns": [element.json()["id"]]},
                        content_type=J)
    assert event.status_code == 201 and event.json()["patterns"] == [element.json()["id"]]
    stress = client.post(base + "screening-items/", {"person": str(parent.pk), "category": "debts",
                                                     "result": "present"}, content_type=J)
    assert stress.status_code == 400 and "R567" in str(stress.json())
    assert client.post(base + "endorsements/", {"person": str(parent.pk), "stance": "agrees"},
                       content_type=J).status_code == 400  # no version yet
    client.post(f"/api/v1/families/{alice_family.pk}/family-plan/", {}, content_type=J)
    endorsed = client.post(base + "endorsements/", {"person": str(parent.pk), "stance": "agrees"}, content_type=J)
    assert endorsed.status_code == 201 and endorsed.json()["version_number"] == 1
    Case.objects.filter(family=alice_family).update(complex_divorce=True)
    questionnaire = client.post(base + "parenting-questionnaires/", {
        "person": str(parent.pk), "completed_on": "2026-01-05", "responsiveness": 50, "basic_needs": 10,
        "second_environment": 0}, content_type=J)
    assert questionnaire.status_code == 201 and "Kind uit de strijd" in questionnaire.json()["warnings"][0]
    other = PersonFactory()
    assert client.post(base + "relational-functions/", {"from_person": str(parent.pk),
                                                         "to_person": str(other.pk), "connectedness": "x"},
                       content_type=J).status_code == 400
