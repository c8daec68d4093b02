"""The family screens as a user meets them: stale forms, script in text, removal with confirmation."""

import pytest

from gezinsplan.families.models import Person
from tests.conftest import client_for
from tests.factories import PersonFactory, UserFactory, involve


@pytest.fixture
def lead(db):
    return UserFactory()


@pytest.fixture
def family(lead):
    return involve(lead).case.family


def _person_form(person, **changes):
    data = {"first_name": person.first_name, "last_name": person.last_name, "family_role": person.family_role,
            "gender": person.gender, "birth_date": person.birth_date.isoformat() if person.birth_date else "",
            "bsn": person.bsn, "in_household": "on", "custody": person.custody, "version": person.version}
    data.update(changes)
    return data


def test_stale_form_is_refused_and_keeps_the_users_text(lead, family):
    person = PersonFactory(family=family, first_name="Eerste")
    colleague = UserFactory()
    involve(colleague, family, role="support")
    url = f"/gezinnen/{family.pk}/leden/{person.pk}/"
    opened = _person_form(person)
    assert client_for(colleague).post(url, {**opened, "first_name": "Collega"}).status_code == 302
    response = client_for(lead).post(url, {**opened, "first_name": "Mijn eigen tekst"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "intussen gewijzigd" in body
    assert 'value="Mijn eigen tekst"' in body  # nothing typed is lost
    assert "Collega" in body  # what changed meanwhile is shown
    person.refresh_from_db()
    assert person.first_name == "Collega"


def test_script_in_a_text_field_is_escaped(lead, family):
    PersonFactory(family=family, first_name="<script>alert('x')</script>")
    body = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(" in body


def test_remove_asks_for_confirmation_and_a_reason(lead, family):
    person = PersonFactory(family=family)
    client = client_for(lead)
    url = f"/gezinnen/{family.pk}/leden/{person.pk}/verwijderen/"
    assert "Weet u het zeker" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()
    assert client.post(url, {"reason": "Dubbel ingevoerd"}).status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert "Dubbel ingevoerd" in client.get(f"/gezinnen/{family.pk}/").content.decode()


def test_open_a_family_through_the_intake_form(lead):
    from tests.factories import MunicipalityFactory

    municipality = MunicipalityFactory(name="Zoetermeer")
    client = client_for(lead)
    response = client.post("/gezinnen/nieuw/", {"name": "Gezin Nieuw", "municipality": municipality.pk,
                                                "reason": "Zorgen school", "opened_on": "2099-01-01",
                                                "intake_source": "school"})
    assert response.status_code == 200 and "toekomst" in response.content.decode()
    response = client.post("/gezinnen/nieuw/", {"name": "Gezin Nieuw", "municipality": municipality.pk,
                                                "reason": "Zorgen school", "opened_on": "2026-01-05",
                                                "intake_source": "school"})
    assert response.status_code == 302
    assert "Gezin Nieuw" in client.get(response["Location"]).content.decode()


def test_family_pages_render_empty_states(lead, family):
    body = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "Nog geen gezinsleden vastgelegd" in body
    assert "Nog geen netwerk vastgelegd" in body
