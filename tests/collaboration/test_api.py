"""The API of working together: same policy, same services, same access log, Dutch errors."""

from gezinsplan.collaboration.models import Barrier, Meeting
from gezinsplan.privacy.models import AccessLogEntry
from tests.collaboration.conftest import TODAY
from tests.conftest import client_for
from tests.factories import UserFactory


def test_api_meetings_decisions_conversations_barriers_and_due(world):
    client = client_for(world["lead"])
    case = world["case"]
    base = f"/api/v1/cases/{case.pk}"
    response = client.post(f"{base}/meetings/", {"kind": "network", "planned_on": TODAY.isoformat()},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    assert client.get(f"{base}/meetings/").json()["results"][0]["kind"] == "network"
    response = client.post(f"{base}/core-decisions/", {
        "kind": "safety", "decided_on": TODAY.isoformat(), "decision": "X", "forum_team": str(world["lt_team"].pk),
        "behavioural_scientist": world["scientist"].pk, "advice": "Advies", "advice_followed": False},
        content_type="application/json")
    assert response.status_code == 400 and "R098" in response.json()["justification"][0]
    response = client.post(f"{base}/child-conversations/", {
        "child": str(world["parent"].pk), "held_on": TODAY.isoformat(), "by_user": world["lead"].pk,
        "with_parents": "with", "purposes": ["safety"], "child_voice": "x"}, content_type="application/json")
    assert response.status_code == 400 and "kind van dit gezin" in response.json()["child"][0]
    response = client.post(f"{base}/barriers/", {"kind": "focus", "description": "Verschil",
                                                 "signalled_during": "network_meeting",
                                                 "raised_on": TODAY.isoformat()}, content_type="application/json")
    assert response.status_code == 201
    barrier = Barrier.objects.get()
    response = client.post(f"/api/v1/barriers/{barrier.pk}/steps/", {"step": 3, "taken_on": TODAY.isoformat(),
                                                                     "with_whom": "Teamleider"},
                           content_type="application/json")
    assert response.status_code == 400 and "R079" in response.json()["skip_reason"][0]
    due = client.get("/api/v1/due/").json()
    assert any(item["kind"] == "Overleg" for item in due)
    assert AccessLogEntry.objects.filter(family_id=case.family_id, object_type="wat staat open").exists()
    assert Meeting.objects.count() == 1


def test_api_other_family_is_not_found(world):
    client = client_for(UserFactory())
    assert client.get(f"/api/v1/cases/{world['case'].pk}/meetings/").status_code == 404
    assert client.post(f"/api/v1/cases/{world['case'].pk}/barriers/", {}, content_type="application/json"
                       ).status_code == 404


def test_api_feedback_and_reflection(world):
    client = client_for(world["lead"])
    response = client.post("/api/v1/feedback/", {"about_organisation": str(world["gi"].pk), "sentiment": "positive",
                                                 "text": "Snel geschakeld", "given_on": TODAY.isoformat()},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    assert client.get("/api/v1/feedback/").json()["results"][0]["sentiment"] == "positive"
    response = client.post("/api/v1/reflection-sessions/", {
        "level": "management", "held_on": TODAY.isoformat(), "topic": "Wachtlijsten", "participants": "MT",
        "outcomes": "Afspraak met de regio"}, content_type="application/json")
    assert response.status_code == 201, response.content
