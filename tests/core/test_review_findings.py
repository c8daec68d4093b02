"""Regression tests of the review of the method/collaboration/safety additions: need-to-know, access log,
nothing lost. Each test failed before its fix."""

import datetime as dt

import pytest

from gezinsplan.cases.models import CaseContact
from tests.cases.helpers import make_world
from tests.conftest import client_for
from tests.factories import FamilyFactory, PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_api_contact_refuses_a_person_of_another_family():
    """The contacts API offers only this family's persons as child or parent (as the page's form does), also for
    a contact that is not a supervised visit; a person of another family is refused and nothing is stored."""
    world = make_world()
    stranger = PersonFactory(family=FamilyFactory())
    response = client_for(world.lt).post(
        f"/api/v1/cases/{world.case.pk}/contacts/",
        {
            "kind": "home_visit",
            "held_on": TODAY.isoformat(),
            "safety_score": 7,
            "child": str(stranger.pk),
            "parent": str(stranger.pk),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"child", "parent"}
    assert not CaseContact.objects.exists()


def test_missing_genogram_list_logs_a_read_of_each_listed_family():
    """R252's list shows family names: like the caseload, it is a logged read of each family it lists
    (NEN 7513)."""
    from gezinsplan.privacy.models import AccessLogEntry
    from tests.factories import MunicipalityFactory

    world = make_world()
    family = world.case.family
    family.municipality = MunicipalityFactory(name="Westland")
    family.save()
    html = client_for(world.lt).get("/analyse/genogram-en-tijdlijn-ontbreken/").content.decode()
    assert family.name in html
    assert AccessLogEntry.objects.filter(family_id=family.pk, user=world.lt).exists()
