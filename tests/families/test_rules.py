"""Families rules shown on the family page: composition, trusted persons, interpreters, visitors, networks."""

import datetime as dt

import pytest

from gezinsplan.families import services
from gezinsplan.families.models import FamilyRole
from tests.conftest import client_for
from tests.factories import MunicipalityFactory, PersonFactory, UserFactory, involve


@pytest.fixture
def lead(db):
    return UserFactory()


@pytest.fixture
def family(lead):
    return involve(lead).case.family


def test_r521_family_page_warns_until_the_composition_is_confirmed(lead, family):
    """R521: intake stays incomplete until the family composition is confirmed."""
    client = client_for(lead)
    assert "nog niet bevestigd" in client.get(f"/gezinnen/{family.pk}/").content.decode()
    services.family_update(actor=lead, family=family, version=family.version, composition_confirmed=True)
    assert "nog niet bevestigd" not in client.get(f"/gezinnen/{family.pk}/").content.decode()


def test_r551_warning_while_a_child_has_no_trusted_person(lead, family):
    """R551: the family shows a warning while any child has no trusted person."""
    child = PersonFactory(family=family, first_name="Nelle", trusted_person="")
    client = client_for(lead)
    assert "Nelle heeft nog geen vertrouwenspersoon" in client.get(f"/gezinnen/{family.pk}/").content.decode()
    services.person_update(actor=lead, person=child, version=child.version, trusted_person="Juf Ans (school)")
    assert "vertrouwenspersoon" not in client.get(f"/gezinnen/{family.pk}/").content.decode().split("Gezinsleden")[0]


def test_r332_household_without_minor_children(lead):
    """R332: a household can exist without any minor child (partner violence, adult children)."""
    family = services.family_open(actor=lead, name="Gezin Volwassen", municipality=MunicipalityFactory(),
                                  reason="Partnergeweld", opened_on=dt.date.today())
    services.person_add(actor=lead, family=family, first_name="Karin", family_role=FamilyRole.PARENT,
                        birth_date=dt.date(1970, 1, 1))
    services.person_add(actor=lead, family=family, first_name="Sven", family_role=FamilyRole.CHILD,
                        birth_date=dt.date(1998, 1, 1))
    assert client_for(lead).get(f"/gezinnen/{family.pk}/").status_code == 200


def test_r651_interpreter_need_is_recorded_and_shown(lead, family):
    """R651: family records hold needs such as an interpreter with the language."""
    services.family_update(actor=lead, family=family, version=family.version, interpreter_language="Arabisch")
    body = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "Tolk nodig" in body and "Arabisch" in body


def test_r675_frequent_visitor_is_part_of_the_family_system(lead, family):
    """R675: people outside the household who are often in the home are part of the family system."""
    visitor = services.person_add(actor=lead, family=family, first_name="Oom Kees", family_role=FamilyRole.VISITOR,
                                  in_household=False)
    body = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert visitor.first_name in body and "vaak in huis" in body


def test_r315_r300_new_partner_of_a_parent_as_co_caregiver(lead, family):
    """R315/R300: adults beyond the legal parents (a parent's new partner) are part of the family."""
    mother = services.person_add(actor=lead, family=family, first_name="Nadia", family_role=FamilyRole.PARENT)
    partner = services.person_add(actor=lead, family=family, first_name="Daan", family_role=FamilyRole.PARTNER)
    child = services.person_add(actor=lead, family=family, first_name="Chris", family_role=FamilyRole.CHILD)
    services.relationship_add(actor=lead, family=family, from_person=mother, to_person=partner, kind="partner")
    _rel, warnings = services.relationship_add(actor=lead, family=family, from_person=partner, to_person=child,
                                               kind="step_parent_of")
    assert warnings == []
    body = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "is stiefouder van" in body


def test_r054_family_map_holds_network_and_agencies_with_contact_details(lead, family):
    """R054: household members, network persons and involved agencies with contact details and roles."""
    services.network_member_add(actor=lead, family=family, name="Huisarts Jansen", relation="huisarts",
                                group="professional", support="yes", phone="015 123 4567")
    services.network_member_add(actor=lead, family=family, name="Oma Truus", relation="oma", group="family",
                                support="yes")
    body = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "Huisarts Jansen" in body and "015 123 4567" in body and "Oma Truus" in body


def test_r557_genogram_and_sociogram_on_the_family_page(lead, family):
    """R557: the family record supports a genogram and a sociogram, drawn from the data."""
    parent = services.person_add(actor=lead, family=family, first_name="Annette", family_role=FamilyRole.PARENT)
    child = services.person_add(actor=lead, family=family, first_name="Nelle", family_role=FamilyRole.CHILD)
    services.relationship_add(actor=lead, family=family, from_person=parent, to_person=child, kind="parent_of")
    services.network_member_add(actor=lead, family=family, name="Buurvrouw", relation="buurvrouw", group="friends")
    body = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert body.count("<svg") >= 2 and "Tekstversie" in body


def test_r002_local_team_is_shown_on_the_family(lead, family):
    """R002: the family keeps its local team in view."""
    family.local_team = lead.organisation
    family.save()
    assert lead.organisation.name in client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
