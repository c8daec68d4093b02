"""Families, persons, relationships and network through the service layer, with the bad input of issue 3."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gezinsplan.core.models import ChangeRecord
from gezinsplan.core.records import StaleEdit
from gezinsplan.families import services
from gezinsplan.families.models import FamilyRole, Person, Relationship
from tests.factories import MunicipalityFactory, PersonFactory, UserFactory, involve

VALID_BSN = "111222333"  # passes the 11-test
INVALID_BSN = "123456788"


@pytest.fixture
def lead(db):
    return UserFactory()


@pytest.fixture
def family(lead):
    return involve(lead).case.family


def test_r300_r502_family_open_creates_household_case_and_lead(lead):
    """R300/R502: intake opens a family (the case unit) with a case and the opener as lead."""
    family = services.family_open(actor=lead, name="Gezin Test", municipality=MunicipalityFactory(),
                                  reason="Melding school", opened_on=dt.date.today())
    case = family.cases.get()
    assert case.involvements.get().user == lead
    assert case.involvements.get().role == "lead"


def test_r002_family_open_keeps_the_local_team(lead):
    """R002: the family keeps its local team."""
    family = services.family_open(actor=lead, name="Gezin LT", municipality=MunicipalityFactory(),
                                  reason="Zorgen", opened_on=dt.date.today())
    assert family.local_team == lead.organisation


def test_family_open_refused_for_roles_without_intake(db):
    officer = UserFactory(role="policy_officer")
    with pytest.raises(PermissionDenied):
        services.family_open(actor=officer, name="Gezin X", municipality=MunicipalityFactory(), reason="x",
                             opened_on=dt.date.today())


def test_invalid_bsn_is_refused_with_dutch_message(lead, family):
    with pytest.raises(ValidationError) as error:
        services.person_add(actor=lead, family=family, first_name="Piet", last_name="Jansen",
                            family_role=FamilyRole.CHILD, bsn=INVALID_BSN)
    assert "elfproef" in str(error.value.message_dict["bsn"])
    assert not Person.objects.filter(family=family).exists()


def test_valid_bsn_is_accepted(lead, family):
    person = services.person_add(actor=lead, family=family, first_name="Piet", family_role=FamilyRole.CHILD,
                                 bsn=VALID_BSN)
    assert person.bsn == VALID_BSN


def test_birth_date_in_the_future_is_refused(lead, family):
    with pytest.raises(ValidationError) as error:
        services.person_add(actor=lead, family=family, first_name="Toekomst", family_role=FamilyRole.CHILD,
                            birth_date=dt.date.today() + dt.timedelta(days=1))
    assert "toekomst" in str(error.value.message_dict["birth_date"])


def test_r244_unborn_child_with_expected_birth_date(lead, family):
    """R244: an unborn child is a family member with an expected birth date; recording the birth keeps it."""
    unborn = services.person_add(actor=lead, family=family, first_name="Baby", family_role=FamilyRole.CHILD,
                                 expected_birth_date=dt.date.today() + dt.timedelta(days=60))
    assert unborn.is_unborn
    born = services.person_update(actor=lead, person=unborn, version=unborn.version, first_name="Lisa",
                                  expected_birth_date=None, birth_date=dt.date.today())
    assert not born.is_unborn and born.pk == unborn.pk
    assert ChangeRecord.objects.filter(object_id=unborn.pk, action="update").exists()


def test_person_twice_in_one_family_is_refused(lead, family):
    born = dt.date(2015, 3, 14)
    services.person_add(actor=lead, family=family, first_name="Emma", last_name="de Vries",
                        family_role=FamilyRole.CHILD, birth_date=born)
    with pytest.raises(ValidationError) as error:
        services.person_add(actor=lead, family=family, first_name="emma", last_name="De Vries",
                            family_role=FamilyRole.CHILD, birth_date=born)
    assert "al in dit gezin" in str(error.value.message_dict["first_name"])


def test_same_bsn_twice_in_one_family_is_refused(lead, family):
    services.person_add(actor=lead, family=family, first_name="A", family_role=FamilyRole.CHILD, bsn=VALID_BSN)
    with pytest.raises(ValidationError):
        services.person_add(actor=lead, family=family, first_name="B", family_role=FamilyRole.CHILD, bsn=VALID_BSN)


def test_relation_to_self_is_refused(lead, family):
    person = PersonFactory(family=family, family_role=FamilyRole.PARENT)
    with pytest.raises(ValidationError) as error:
        services.relationship_add(actor=lead, family=family, from_person=person, to_person=person, kind="partner")
    assert "zichzelf" in str(error.value.message_dict["to_person"])
    assert not Relationship.objects.exists()


def test_parent_younger_than_child_is_a_warning_not_a_refusal(lead, family):
    parent = PersonFactory(family=family, family_role=FamilyRole.PARENT, birth_date=dt.date(2015, 1, 1))
    child = PersonFactory(family=family, birth_date=dt.date(2010, 1, 1))
    rel, warnings = services.relationship_add(actor=lead, family=family, from_person=parent, to_person=child,
                                              kind="parent_of", has_custody=True)
    assert rel.pk and warnings and "jonger" in warnings[0]


def test_r245_half_siblings_and_former_partner(lead, family):
    """R245: children with different parents, a former partner living elsewhere, half-siblings."""
    annette = PersonFactory(family=family, family_role=FamilyRole.PARENT, first_name="Annette", birth_date=None)
    berend = PersonFactory(family=family, family_role=FamilyRole.PARTNER, first_name="Berend", birth_date=None)
    ex = PersonFactory(family=family, family_role=FamilyRole.RELATIVE, first_name="Vader", in_household=False,
                       birth_date=None)
    nelle = PersonFactory(family=family, first_name="Nelle")
    lisa = PersonFactory(family=family, first_name="Lisa")
    for parent, child in ((annette, nelle), (ex, nelle), (annette, lisa), (berend, lisa)):
        services.relationship_add(actor=lead, family=family, from_person=parent, to_person=child,
                                  kind="parent_of")
    services.relationship_add(actor=lead, family=family, from_person=annette, to_person=ex, kind="former_partner")
    services.relationship_add(actor=lead, family=family, from_person=nelle, to_person=lisa, kind="half_sibling")
    assert Relationship.objects.filter(family=family).count() == 6


def test_symmetric_relationship_cannot_be_recorded_twice(lead, family):
    a = PersonFactory(family=family, family_role=FamilyRole.PARENT)
    b = PersonFactory(family=family, family_role=FamilyRole.PARENT)
    services.relationship_add(actor=lead, family=family, from_person=a, to_person=b, kind="partner")
    with pytest.raises(ValidationError):
        services.relationship_add(actor=lead, family=family, from_person=b, to_person=a, kind="partner")


def test_custody_only_on_parent_relation(lead, family):
    a = PersonFactory(family=family, family_role=FamilyRole.PARENT)
    b = PersonFactory(family=family, family_role=FamilyRole.PARENT)
    with pytest.raises(ValidationError):
        services.relationship_add(actor=lead, family=family, from_person=a, to_person=b, kind="partner",
                                  has_custody=True)


def test_stale_edit_is_refused_and_says_what_changed(lead, family):
    person = PersonFactory(family=family, first_name="Oud")
    opened_version = person.version
    services.person_update(actor=lead, person=person, version=opened_version, first_name="Nieuw")
    with pytest.raises(StaleEdit) as error:
        services.person_update(actor=lead, person=person, version=opened_version, first_name="Mijn tekst")
    assert "Nieuw" in error.value.changed.values()
    person.refresh_from_db()
    assert person.first_name == "Nieuw"


def test_removal_is_soft_logged_and_takes_relations_along(lead, family):
    parent = PersonFactory(family=family, family_role=FamilyRole.PARENT)
    child = PersonFactory(family=family)
    services.relationship_add(actor=lead, family=family, from_person=parent, to_person=child, kind="parent_of")
    with pytest.raises(ValidationError):
        services.person_remove(actor=lead, person=child, reason=" ")
    services.person_remove(actor=lead, person=child, reason="Dubbel ingevoerd")
    assert not Person.objects.filter(pk=child.pk).exists()
    assert Person.all_objects.get(pk=child.pk).removal_reason == "Dubbel ingevoerd"
    assert not Relationship.objects.filter(family=family).exists()
    assert Relationship.all_objects.filter(family=family).count() == 1
    assert ChangeRecord.objects.filter(object_id=child.pk, action="remove").exists()


def test_network_member_child_must_belong_to_family(lead, family):
    stranger = PersonFactory()
    with pytest.raises(ValidationError):
        services.network_member_add(actor=lead, family=family, name="Opa", relation="opa", child=stranger)


def test_r141_network_member_fields_and_groups(lead, family):
    """R141: a network person has name, relation, contact details and a group (Familie / Vrienden...)."""
    member = services.network_member_add(actor=lead, family=family, name="Tante Riet", relation="tante",
                                         group="family", support="yes", phone="06 12345678",
                                         email="riet@example.nl", address="Dorpsstraat 1")
    assert member.get_group_display() == "Familie"


def test_uninvolved_user_cannot_write(family):
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        services.person_add(actor=outsider, family=family, first_name="X", family_role=FamilyRole.CHILD)


def test_overlong_input_is_refused(lead, family):
    with pytest.raises(ValidationError) as error:
        services.person_add(actor=lead, family=family, first_name="x" * 200, family_role=FamilyRole.CHILD)
    assert "first_name" in error.value.message_dict


def test_search_query_never_travels_in_the_url(lead, family):
    """No personal data in URLs: the search form posts, and a GET with ?q= searches nothing."""
    from tests.conftest import client_for

    PersonFactory(family=family, last_name="Zoekmans")
    client = client_for(lead)
    assert family.name in client.post("/gezinnen/zoeken/", {"q": "zoekmans"}).content.decode()
    assert family.name not in client.get("/gezinnen/zoeken/", {"q": "zoekmans"}).content.decode()
