"""The REST API: token login, me, families with search, records, cases, involvements and the access log."""

import pytest
from django.test import Client

from gezinsplan.families.models import Person
from tests.conftest import client_for
from tests.factories import FamilyFactory, MunicipalityFactory, PersonFactory, UserFactory, involve


@pytest.fixture
def lead(db):
    return UserFactory(username="casusregisseur", role="lt_professional")


@pytest.fixture
def family(lead):
    return involve(lead).case.family


def test_token_login_and_me(lead):
    client = Client()
    response = client.post("/api/v1/auth/token/", {"username": "casusregisseur", "password": "geheim-wachtwoord-1"},
                           content_type="application/json")
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert me["username"] == "casusregisseur"
    assert me["role"] == "lt_professional"
    assert me["organisation"] == lead.organisation.name


def test_token_login_with_wrong_password_gives_dutch_error(lead):
    response = Client().post("/api/v1/auth/token/", {"username": "casusregisseur", "password": "fout"},
                             content_type="application/json")
    assert response.status_code == 400
    assert "onbekend" in response.json()["non_field_errors"][0]


def test_family_list_is_paginated_and_only_visible(lead, family):
    FamilyFactory(name="Gezin Onzichtbaar")
    data = client_for(lead).get("/api/v1/families/", {"page_size": 1000}).json()
    assert data["count"] == 1 and data["results"][0]["id"] == str(family.pk)


def test_family_search_by_bsn_and_birth_date(lead, family):
    PersonFactory(family=family, bsn="111222333", birth_date="2014-05-06")
    client = client_for(lead)
    assert client.get("/api/v1/families/", {"q": "111222333"}).json()["count"] == 1
    assert client.get("/api/v1/families/", {"q": "06-05-2014"}).json()["count"] == 1
    assert client.get("/api/v1/families/", {"q": "999999999"}).json()["count"] == 0


def test_page_size_is_capped_at_1000(lead, family):
    response = client_for(lead).get("/api/v1/families/", {"page_size": 5000})
    assert response.status_code == 200


def test_create_family_and_person_with_field_errors_in_dutch(lead):
    client = client_for(lead)
    municipality = MunicipalityFactory(code="0637")
    response = client.post("/api/v1/families/", {"name": "Gezin API", "municipality": "0637", "reason": "Melding",
                                                 "opened_on": "2026-01-05"}, content_type="application/json")
    assert response.status_code == 201, response.content
    family_id = response.json()["id"]
    bad = client.post(f"/api/v1/families/{family_id}/persons/", {"first_name": "Kees", "family_role": "child",
                                                                 "bsn": "123456788"}, content_type="application/json")
    assert bad.status_code == 400
    assert "elfproef" in bad.json()["bsn"][0]
    good = client.post(f"/api/v1/families/{family_id}/persons/", {"first_name": "Kees", "family_role": "child",
                                                                  "bsn": "111222333"}, content_type="application/json")
    assert good.status_code == 201
    assert municipality.families.count() == 1


def test_patch_with_stale_version_is_refused(lead, family):
    person = PersonFactory(family=family, first_name="Eerst")
    client = client_for(lead)
    ok = client.patch(f"/api/v1/persons/{person.pk}/", {"first_name": "Tweede", "version": 1},
                      content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(f"/api/v1/persons/{person.pk}/", {"first_name": "Derde", "version": 1},
                         content_type="application/json")
    assert stale.status_code == 400
    assert "intussen gewijzigd" in stale.json()["non_field_errors"][0]


def test_delete_is_soft_and_needs_a_reason(lead, family):
    person = PersonFactory(family=family)
    client = client_for(lead)
    assert client.delete(f"/api/v1/persons/{person.pk}/", {}, content_type="application/json").status_code == 400
    assert client.delete(f"/api/v1/persons/{person.pk}/", {"reason": "dubbel"},
                         content_type="application/json").status_code == 204
    assert Person.all_objects.filter(pk=person.pk, removed_at__isnull=False).exists()


def test_records_of_another_family_are_not_found(lead, family):
    other = PersonFactory()
    assert client_for(lead).get(f"/api/v1/persons/{other.pk}/").status_code == 404


def test_cases_and_involvements(lead, family):
    client = client_for(lead)
    cases = client.get("/api/v1/cases/").json()
    assert cases["count"] == 1
    case_id = cases["results"][0]["id"]
    colleague = UserFactory(username="jeugdbeschermer", role="gi_protector")
    response = client.post(f"/api/v1/cases/{case_id}/involvements/", {
        "user": "jeugdbeschermer", "role": "expert", "start_date": cases["results"][0]["opened_on"]},
        content_type="application/json")
    assert response.status_code == 201, response.content
    assert client_for(colleague).get(f"/api/v1/cases/{case_id}/").status_code == 200


def test_involvement_end_before_start_is_refused(lead, family):
    case = family.cases.get()
    UserFactory(username="tweede")
    response = client_for(lead).post(f"/api/v1/cases/{case.pk}/involvements/", {
        "user": "tweede", "role": "support", "start_date": "2026-10-10", "end_date": "2026-10-01"},
        content_type="application/json")
    assert response.status_code == 400 and "einddatum" in str(response.json())


def test_schema_and_docs_are_served(lead):
    client = client_for(lead)
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/families/" in schema.content
    assert client.get("/api/v1/docs/").status_code == 200


def test_validation_messages_are_dutch(lead):
    response = client_for(lead).post("/api/v1/families/", {}, content_type="application/json")
    assert response.status_code == 400
    assert "dit veld is vereist" in str(response.json()).lower()
