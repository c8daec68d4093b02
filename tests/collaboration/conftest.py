import datetime as dt

import pytest

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.core import policy
from tests.factories import InvolvementFactory, OrganisationFactory, PersonFactory, TeamFactory, UserFactory, involve

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(policy, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def world(db):
    """An LT case (LT leads) with an LT team, a GI protector and a behavioural scientist, two children."""
    lt = OrganisationFactory(type=OrganisationType.LOCAL_TEAM, name="Sociaal Team Delft")
    gi = OrganisationFactory(type=OrganisationType.GI, name="Jeugdbescherming West")
    lt_team = TeamFactory(organisation=lt, name="Sociaal Team")
    gi_team = TeamFactory(organisation=gi, name="Team JB")
    lead = UserFactory(organisation=lt, team=lt_team, first_name="Carla", last_name="Coördinator")
    protector = UserFactory(role=Role.GI_PROTECTOR, organisation=gi, team=gi_team)
    scientist = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST, organisation=lt, team=lt_team)
    team_lead = UserFactory(role=Role.TEAM_LEAD, organisation=lt, team=lt_team)
    inv = involve(lead)
    case = inv.case
    case.opened_on = TODAY - dt.timedelta(days=200)
    case.save()
    inv.start_date = case.opened_on
    inv.save()
    InvolvementFactory(case=case, user=protector, role="support")
    children = [PersonFactory(family=case.family, first_name=n) for n in ("Ibrahim", "Adil")]
    parent = PersonFactory(family=case.family, family_role="parent", first_name="Nathalie", birth_date=None)
    return {"lt": lt, "gi": gi, "lt_team": lt_team, "gi_team": gi_team, "lead": lead, "protector": protector,
            "scientist": scientist, "team_lead": team_lead, "case": case, "family": case.family,
            "children": children, "parent": parent}
