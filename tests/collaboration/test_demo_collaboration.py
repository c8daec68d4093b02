"""The demo has the subregions of Haaglanden, the learning switch, a collaboration meeting and a learning group
(R325, R326), loaded again without new rows, and without family data in the learning records."""

from io import StringIO

import pytest
from django.core.management import call_command

from gezinsplan.accounts.models import User
from gezinsplan.collaboration.learning import (
    CollaborationInvitee,
    CollaborationMeeting,
    LearningGroup,
    LearningSession,
    RegionLearning,
    Subregion,
)
from gezinsplan.families.models import Person
from tests.conftest import client_for

MODELS = (
    Subregion,
    Subregion.municipalities.through,
    RegionLearning,
    CollaborationMeeting,
    CollaborationInvitee,
    LearningGroup,
    LearningSession,
)


@pytest.mark.django_db
def test_r326_demo_subregions_meeting_and_learning_group(settings):
    """R326: Haaglanden split into subregions with one held meeting; R325: learning groups on, one group."""
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    counts = {m.__name__: m.objects.count() for m in MODELS}
    call_command("load_demo", stdout=StringIO())
    assert {m.__name__: m.objects.count() for m in MODELS} == counts
    names = set(Subregion.objects.filter(region__code="haaglanden").values_list("name", flat=True))
    assert names == {"Delft e.o.", "Westland", "Zoetermeer", "Den Haag"}
    assert Subregion.objects.get(municipalities__name="Delft").name == "Delft e.o."
    assert RegionLearning.objects.get(region__code="haaglanden").learning_groups_enabled
    assert CollaborationMeeting.objects.filter(held=True).count() == 1
    session = LearningSession.objects.get()
    first_names = set(Person.objects.values_list("first_name", flat=True)) - {""}
    assert not any(name in session.cases_discussed for name in first_names)  # pseudonymised
    member = User.objects.get(username="casuscoordinator.delft")
    page = client_for(member).get("/samenwerking/regio/bijeenkomsten/").content.decode()
    assert "Kennismaking veiligheidspartners Delft e.o." in page and "Leergroep Delft e.o." in page
    group = LearningGroup.objects.get()
    assert "Casus A" in client_for(member).get(f"/samenwerking/regio/leergroepen/{group.pk}/").content.decode()
