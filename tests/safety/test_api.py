"""The safety API: same services, same policy, same access log as the pages."""

import datetime as dt

import pytest

from gezinsplan.privacy.models import AccessLogEntry
from gezinsplan.safety import services
from gezinsplan.safety.models import SafetyPlanVersion, SafetyScore, Weighing
from tests.conftest import client_for
from tests.factories import PersonFactory, UserFactory, involve
from tests.safety.factories import all_safe, plan, safety_world

pytestmark = pytest.mark.django_db
TODAY = dt.date.today().isoformat()


@pytest.fixture
def world():
    return safety_world()


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_api_weighing_needs_the_behavioural_scientists_advice(world):
    client = client_for(world["lead"])
    url = f"/api/v1/cases/{world['case'].pk}/weighings/"
    data = {
        "occasion": "start",
        "held_on": TODAY,
        "question": "GI nodig?",
        "participants": "team",
        "extended_analysis": "yes",
        "gi_needed": "yes",
        "behavioural_scientist": world["scientist"].pk,
        "behavioural_scientist_advice": "",
    }
    response = _post(client, url, data)
    assert response.status_code == 400 and "gedragswetenschapper" in response.json()["behavioural_scientist_advice"][0]
    data["behavioural_scientist_advice"] = "Samen optrekken"
    assert _post(client, url, data).status_code == 201
    assert client.get(url).json()[0]["gi_needed"] == "yes" and Weighing.objects.count() == 1
    status = client.get(f"/api/v1/cases/{world['case'].pk}/safety/").json()
    assert status["latest_gi_decision"] == str(Weighing.objects.get().pk)


def test_api_assessment_for_someone_who_is_not_a_child_is_refused_in_dutch(world):
    client = client_for(world["lead"])
    url = f"/api/v1/cases/{world['case'].pk}/safety-assessments/"
    data = {"child": str(world["mother"].pk), "assessed_on": TODAY, "items": all_safe(), "conclusion": "Veilig"}
    response = _post(client, url, data)
    assert response.status_code == 400 and response.json()["child"] == ["Deze persoon is geen kind van dit gezin."]
    data["child"] = str(PersonFactory().pk)  # another family's child
    assert _post(client, url, data).status_code == 400
    data["child"] = str(world["child"].pk)
    created = _post(client, url, data).json()
    assert client.get(f"/api/v1/safety-assessments/{created['id']}/").json()["outcome"] == "safe"


@pytest.mark.parametrize("bad", [0, 11, 6.5, "7", None])
def test_r531_api_score_outside_1_to_10_is_refused(world, bad):
    response = _post(
        client_for(world["lead"]),
        f"/api/v1/cases/{world['case'].pk}/safety-scores/",
        {"child": str(world["child"].pk), "score": bad, "scored_on": TODAY, "situation": "Huisbezoek"},
    )
    assert response.status_code == 400 and response.json()["score"] == ["Geef een heel getal van 1 tot en met 10."]
    assert not SafetyScore.objects.exists()


def test_api_plan_versions_stale_conflict_and_pdf(world):
    client = client_for(world["lead"])
    url = f"/api/v1/cases/{world['case'].pk}/safety-plan/"
    assert client.get(url).json() == {"current": None, "versions": []}
    assert _post(client, url, {"content": plan()}).status_code == 201
    assert _post(client, url, {"content": plan(concerns="Nieuw"), "based_on": 1}).status_code == 201
    stale = _post(client, url, {"content": plan(strengths="Mijn tekst"), "based_on": 1})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert [c["label"] for c in stale.json()["changes"]] == ["Concrete zorgen"]
    assert [v["number"] for v in client.get(url).json()["versions"]] == [2, 1]
    assert client.get(f"{url}versions/1/").json()["content"]["concerns"].startswith("Huiselijk geweld")
    bad = _post(client, url, {"content": plan(agreements=[{"what": "x", "who": ""}]), "based_on": 2})
    assert bad.status_code == 400 and "wie het doet" in bad.json()["agreements"][0]
    pdf = client.get(f"{url}versions/2/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    entry = AccessLogEntry.objects.filter(family_id=world["family"].pk, action="download").latest("seq")
    assert entry.channel == "api"
    assert SafetyPlanVersion.objects.count() == 2


def test_api_breach_and_adjustment(world):
    client = client_for(world["lead"])
    v1 = services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    url = f"/api/v1/cases/{world['case'].pk}/safety-plan/breaches/"
    response = _post(
        client,
        url,
        {
            "item_id": v1.content["bottom_lines"][0]["id"],
            "occurred_on": TODAY,
            "breached_by": "Berend",
            "what_happened": "Deur ingetrapt",
            "police_involved": True,
            "police_called_by": "buren",
        },
    )
    assert response.status_code == 201 and response.json()["in_version"] == 1
    assert client.get(url).json()[0]["adjusted_in"] is None


def test_api_other_family_is_not_found_and_read_only_roles_cannot_write(world):
    outsider = client_for(UserFactory())
    assert outsider.get(f"/api/v1/cases/{world['case'].pk}/safety-plan/").status_code == 404
    assert _post(outsider, f"/api/v1/cases/{world['case'].pk}/safety-plan/", {"content": plan()}).status_code == 404
    provider = UserFactory(role="care_provider")
    involve(provider, world["family"], role="support")
    client = client_for(provider)
    assert client.get(f"/api/v1/cases/{world['case'].pk}/safety-plan/").status_code == 200
    assert _post(client, f"/api/v1/cases/{world['case'].pk}/safety-plan/", {"content": plan()}).status_code == 403
