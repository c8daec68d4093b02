"""Regression tests of the review: nothing lost on the provider's own approach page."""

import re

import pytest

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases.models import InvolvementRole
from gezinsplan.collaboration import meetings_services as ms
from gezinsplan.collaboration.models import GoalAssignment
from tests.analysis.factories import GoalFactory
from tests.conftest import client_for
from tests.factories import InvolvementFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_stale_approach_edit_is_refused_and_the_text_kept(world):
    """Two professionals of the provider edit the approach of the same assignment: the one who saves on top of a
    version that is no longer current is refused (text kept, what changed shown), as on every other edit page."""
    org = OrganisationFactory(type=OrganisationType.CARE_PROVIDER)
    anna, bert = (UserFactory(role=Role.CARE_PROVIDER, organisation=org) for _ in range(2))
    for user in (anna, bert):
        InvolvementFactory(case=world["case"], user=user, organisation=org, role=InvolvementRole.SUPPORT)
    assignment = ms.goal_assign(actor=world["lead"], goal=GoalFactory(family=world["family"]), organisation=org)
    url = f"/samenwerking/casus/{world['case'].pk}/doelen/aanpak/"
    page = client_for(bert).get(url).content.decode()
    version = re.search(r'name="version" value="([^"]*)"', page).group(1)
    ms.assignment_update(actor=anna, assignment=assignment, version=None, approach="Anna's aanpak")
    response = client_for(bert).post(
        url, {"assignment": assignment.pk, "approach": "Bert's aanpak", "execution_plan": "", "version": version}
    )
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert "Bert&#x27;s aanpak" in response.content.decode()
    assert GoalAssignment.objects.get(pk=assignment.pk).approach == "Anna's aanpak"


def test_a_stale_network_meeting_setup_edit_is_refused(world):
    """The set-up form of a network meeting carries its version; saving on top of a newer set-up is refused."""
    from gezinsplan.collaboration import network_services
    from gezinsplan.collaboration.models import MeetingKind
    from gezinsplan.collaboration.partners import MeetingSetup
    from tests.collaboration.factories import MeetingFactory

    meeting = MeetingFactory(case=world["case"], kind=MeetingKind.NETWORK)
    values = {"method": "eigen_kracht", "format": "familieberaad", "chair_kind": "facilitator", "chair_name": "A"}
    network_services.meeting_setup_save(actor=world["lead"], meeting=meeting, **values)
    url = f"/samenwerking/overleg/{meeting.pk}/opzet/"
    page = client_for(world["lead"]).get(url).content.decode()
    version = re.search(r'name="version" value="([^"]*)"', page).group(1)
    network_services.meeting_setup_save(actor=world["lead"], meeting=meeting, **{**values, "chair_name": "B"})
    response = client_for(world["lead"]).post(url, {**values, "chair_name": "C", "version": version})
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert MeetingSetup.objects.get().chair_name == "B"
