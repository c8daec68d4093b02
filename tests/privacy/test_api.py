"""The privacy API: same policy, services and Dutch errors as the pages."""

import datetime as dt

import pytest

from gezinsplan.accounts.models import FixedProtector
from gezinsplan.privacy.models import AccessLogEntry, Consent, Disclosure, EmergencyAccess
from tests.conftest import client_for
from tests.factories import MunicipalityFactory, PersonFactory, UserFactory, involve
from tests.privacy.test_two_factor_and_log import verified_client

TODAY = dt.date.today().isoformat()


@pytest.mark.django_db
def test_consent_and_disclosure_through_the_api(lead, household):
    client = client_for(lead)
    family = household["family"]
    bad = client.post(f"/api/v1/families/{family.pk}/consents/", {
        "children": [str(household["Mila"].pk)], "given_by": [str(household["father"].pk)],
        "information": "verslag", "recipient": "Beter Thuis", "purpose": "aanmelding", "form": "oral",
        "given_on": TODAY, "explained": "uitleg", "withdrawal_explained": True}, content_type="application/json")
    assert bad.status_code == 400 and "geen gezag" in bad.json()["given_by"][0]
    good = client.post(f"/api/v1/families/{family.pk}/consents/", {
        "children": [str(household["Mila"].pk)], "given_by": [str(household["mother"].pk)],
        "information": "verslag", "recipient": "Beter Thuis", "purpose": "aanmelding", "form": "oral",
        "given_on": TODAY, "explained": "uitleg", "withdrawal_explained": True}, content_type="application/json")
    assert good.status_code == 201, good.content
    consent_id = good.json()["id"]
    none = client.post(f"/api/v1/families/{family.pk}/disclosures/", {
        "counterpart": "Beter Thuis", "information": "verslag", "purpose": "aanmelding", "occurred_on": TODAY},
        content_type="application/json")
    assert none.status_code == 400 and "grondslag" in none.json()["basis"][0]
    shared = client.post(f"/api/v1/families/{family.pk}/disclosures/", {
        "counterpart": "Beter Thuis", "children": [str(household["Mila"].pk)], "information": "verslag",
        "purpose": "aanmelding", "occurred_on": TODAY, "basis": "consent", "consent": consent_id,
        "family_informed_on": TODAY, "family_informed_how": "mondeling"}, content_type="application/json")
    assert shared.status_code == 201, shared.content
    assert Disclosure.objects.get().consent_id == Consent.objects.get().pk
    listed = client.get(f"/api/v1/families/{family.pk}/disclosures/").json()
    assert listed["count"] == 1
    revoke = client.delete(f"/api/v1/families/{family.pk}/consents/{consent_id}/", {"revoked_on": TODAY},
                           content_type="application/json")
    assert revoke.status_code == 200 and revoke.json()["revoked_on"] == TODAY


@pytest.mark.django_db
def test_another_familys_privacy_records_are_not_found(household):
    outsider = UserFactory()
    family = household["family"]
    assert client_for(outsider).get(f"/api/v1/families/{family.pk}/consents/").status_code == 404
    assert client_for(outsider).post(f"/api/v1/families/{family.pk}/disclosures/", {},
                                     content_type="application/json").status_code == 404


@pytest.mark.django_db
def test_anonymous_consultation_api_refuses_identifying_text():
    municipality = MunicipalityFactory(code="0637")
    lt, protector = UserFactory(), UserFactory(role="gi_protector")
    FixedProtector.objects.create(protector=protector, municipality=municipality)
    client = client_for(lt)
    payload = {"municipality": "0637", "consulted": str(protector.public_id), "held_on": TODAY,
               "question": "Bel moeder op 06-12345678"}
    response = client.post("/api/v1/anonymous-consultations/", payload, content_type="application/json")
    assert response.status_code == 400 and "telefoonnummer" in response.json()["question"][0]
    payload["question"] = "Moeder (30), zorgen over verwaarlozing."
    assert client.post("/api/v1/anonymous-consultations/", payload,
                       content_type="application/json").status_code == 201


@pytest.mark.django_db
def test_emergency_access_api_needs_a_reason_and_is_logged():
    family = involve(UserFactory()).case.family
    PersonFactory(family=family, bsn="111222333", birth_date=dt.date(2015, 3, 14))
    outsider = UserFactory()
    client = client_for(outsider)
    payload = {"bsn": "111222333", "birth_date": "2015-03-14", "reason": ""}
    assert client.post("/api/v1/emergency-access/", payload, content_type="application/json").status_code == 400
    payload["reason"] = "Crisisdienst, acuut gevaar voor de kinderen"
    assert client.post("/api/v1/emergency-access/", payload, content_type="application/json").status_code == 201
    assert EmergencyAccess.objects.count() == 1
    assert AccessLogEntry.objects.filter(user=outsider, family_id=family.pk, emergency=True).exists()
    assert client.get(f"/api/v1/families/{family.pk}/").status_code == 200


@pytest.mark.django_db
def test_log_search_api_for_a_verified_privacy_officer_only(alice, alice_family):
    PersonFactory(family=alice_family, bsn="111222333")
    client_for(alice).get(f"/gezinnen/{alice_family.pk}/")
    officer = UserFactory(role="privacy_officer", organisation=alice.organisation)
    assert client_for(officer).post("/api/v1/access-log/search/", {"bsn": "111222333"},
                                    content_type="application/json").status_code == 403
    data = verified_client(officer).post("/api/v1/access-log/search/", {"bsn": "111222333"},
                                         content_type="application/json").json()
    assert any(row["username"] == alice.username for row in data["results"])
    assert client_for(alice).post("/api/v1/access-log/search/", {"bsn": "111222333"},
                                  content_type="application/json").status_code == 403
