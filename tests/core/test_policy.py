"""Need-to-know as a matrix: every role x own family / other family, through the policy and through the pages."""

import datetime as dt

import pytest

from gezinsplan.accounts.constants import PORTAL_ROLES, ROLES_WITHOUT_PERSONAL_DATA, Role
from gezinsplan.cases.models import InvolvementRole
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from tests.conftest import client_for
from tests.factories import FamilyFactory, TeamFactory, UserFactory, involve

PROFESSIONAL_ROLES = [r for r in Role.values if r not in ROLES_WITHOUT_PERSONAL_DATA and r not in PORTAL_ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_each_role_sees_own_family_only_when_involved(role):
    user = UserFactory(role=role)
    own = FamilyFactory()
    other = FamilyFactory()
    involve(user, own, role=InvolvementRole.SUPPORT)
    involve(UserFactory(), other)
    visible = set(policy.visible_families(user))
    if role in PROFESSIONAL_ROLES:
        assert visible == {own}
    else:
        assert visible == set(), "policy officers, administrators and portal roles see no personal data"


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_family_page_matrix(role, whose):
    """Not visible means 404, never the data; visible means 200 with the family's name."""
    user = UserFactory(role=role)
    own = FamilyFactory(name="Gezin Eigen")
    other = FamilyFactory(name="Gezin Ander")
    involve(user, own, role=InvolvementRole.SUPPORT)
    involve(UserFactory(), other)
    family = own if whose == "own" else other
    client = client_for(user)
    page = client.get(f"/gezinnen/{family.pk}/")
    api = client.get(f"/api/v1/families/{family.pk}/")
    if whose == "own" and role in PROFESSIONAL_ROLES:
        assert page.status_code == 200 and family.name in page.content.decode()
        assert api.status_code == 200 and api.json()["name"] == family.name
    else:
        assert page.status_code == 404 and family.name not in page.content.decode()
        assert api.status_code == 404 and family.name not in api.content.decode()


@pytest.mark.django_db
def test_ended_involvement_no_longer_grants_access():
    user = UserFactory()
    inv = involve(user)
    inv.end_date = dt.date.today() - dt.timedelta(days=1)
    inv.save()
    assert not policy.visible_families(user).exists()
    assert client_for(user).get(f"/gezinnen/{inv.case.family_id}/").status_code == 404


@pytest.mark.django_db
def test_future_involvement_does_not_grant_access_yet():
    user = UserFactory()
    involve(user, start_date=dt.date.today() + dt.timedelta(days=3))
    assert not policy.visible_families(user).exists()


@pytest.mark.django_db
def test_team_lead_sees_what_team_members_are_involved_in():
    team = TeamFactory()
    lead = UserFactory(role=Role.TEAM_LEAD, team=team, organisation=team.organisation)
    member = UserFactory(team=team, organisation=team.organisation)
    outsider = UserFactory()
    team_family = involve(member).case.family
    other_family = involve(outsider).case.family
    assert set(policy.visible_families(lead)) == {team_family}
    assert client_for(lead).get(f"/gezinnen/{other_family.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("inv_role,can_edit", [
    (InvolvementRole.LEAD, True), (InvolvementRole.SUPPORT, True), (InvolvementRole.EXPERT, True),
    (InvolvementRole.BACKGROUND, False), (InvolvementRole.ON_CALL, False),
])
def test_edit_follows_involvement_role(inv_role, can_edit):
    user = UserFactory()
    family = involve(user, role=inv_role).case.family
    grant = policy.family_grant(user, family)
    assert policy.can(user, Action.EDIT_FAMILY, grant=grant) is can_edit
    response = client_for(user).get(f"/gezinnen/{family.pk}/wijzigen/")
    assert response.status_code == (200 if can_edit else 403)


@pytest.mark.django_db
def test_care_provider_reads_but_never_edits():
    user = UserFactory(role=Role.CARE_PROVIDER)
    family = involve(user, role=InvolvementRole.SUPPORT).case.family
    grant = policy.family_grant(user, family)
    assert policy.can(user, Action.VIEW_FAMILY, grant=grant)
    assert not policy.can(user, Action.EDIT_FAMILY, grant=grant)


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_search_only_finds_visible_families(role):
    user = UserFactory(role=role)
    own = FamilyFactory(name="Gezin Zoek")
    other = FamilyFactory(name="Gezin Verborgen")
    from tests.factories import PersonFactory
    PersonFactory(family=own, first_name="Sanne", last_name="Zoekmans")
    PersonFactory(family=other, first_name="Sanne", last_name="Zoekmans")
    involve(user, own)
    body = client_for(user).post("/gezinnen/zoeken/", {"q": "zoekmans"}).content.decode()
    assert "Gezin Verborgen" not in body
    assert ("Gezin Zoek" in body) is (role in PROFESSIONAL_ROLES)


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_login():
    family = FamilyFactory()
    from django.test import Client
    response = Client().get(f"/gezinnen/{family.pk}/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    assert Client().get("/api/v1/families/").status_code in (401, 403)
