"""Regression tests of the review of the method/collaboration/safety additions: need-to-know, access log,
nothing lost. Each test failed before its fix."""

import datetime as dt

import pytest

from gezinsplan.cases.models import CaseContact
from tests.cases.helpers import make_world
from tests.conftest import client_for
from tests.factories import FamilyFactory, PersonFactory, UserFactory

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
            "supervisor": UserFactory().username,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"child", "parent", "supervisor"}
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


def test_family_history_does_not_show_the_matching_note_to_who_may_not_see_it():
    """R569: only the GI team sees how the worker matches with the family; the family page's history does not show
    the old and new text of that note to the local team."""
    from gezinsplan.analysis import services as analysis_services

    world = make_world()
    family = world.case.family
    note = analysis_services.matching_note_add(actor=world.gi, family=family, approach="Eerst vertrouwen winnen")
    analysis_services.matching_note_update(
        actor=world.gi, note=note, version=note.version, approach="Moeder voelt zich snel aangevallen"
    )
    assert "snel aangevallen" in client_for(world.gi).get(f"/gezinnen/{family.pk}/").content.decode()
    page = client_for(world.lt).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "snel aangevallen" not in page and "Eerst vertrouwen winnen" not in page


def test_family_history_does_not_show_a_personal_barrier_to_others():
    """R077: a personal barrier is seen only by its author and the author's team lead; the family page's history
    does not show its changes to other professionals of the family."""
    from gezinsplan.collaboration import services as collaboration_services
    from gezinsplan.collaboration.models import Barrier, BarrierKind, SignalMoment
    from gezinsplan.core.records import update_record

    world = make_world()
    barrier = collaboration_services.barrier_raise(
        actor=world.lt,
        case=world.refresh(),
        kind=BarrierKind.PERSONAL,
        signalled_during=SignalMoment.values[0],
        description="Ik vind de GI-collega lastig",
        raised_on=TODAY,
    )
    barrier = barrier[0] if isinstance(barrier, tuple) else barrier
    update_record(
        actor=world.lt,
        instance=Barrier.objects.get(pk=barrier.pk),
        version=None,
        values={"outcome": "Gesprek met de collega hielp"},
        family_id=world.case.family_id,
    )
    url = f"/gezinnen/{world.case.family_id}/"
    assert "Gesprek met de collega hielp" in client_for(world.lt).get(url).content.decode()
    assert "Gesprek met de collega hielp" not in client_for(world.gi).get(url).content.decode()


def test_a_personal_barrier_is_not_on_a_colleagues_due_list():
    """R077 on 'Wat staat open' (page and API): the next step of a personal barrier is due for its author (and the
    author's team lead), not on the list of the other professionals of the family."""
    from gezinsplan.collaboration import services as collaboration_services
    from gezinsplan.collaboration.models import BarrierKind, SignalMoment

    world = make_world()
    collaboration_services.barrier_raise(
        actor=world.lt,
        case=world.refresh(),
        kind=BarrierKind.PERSONAL,
        signalled_during=SignalMoment.values[0],
        description="Ik vind de GI-collega lastig",
        raised_on=TODAY - dt.timedelta(days=30),
    )
    assert "Barrière" in client_for(world.lt).get("/samenwerking/wat-staat-open/").content.decode()
    assert "Barrière" not in client_for(world.gi).get("/samenwerking/wat-staat-open/").content.decode()
    assert any("Barrière" in i["title"] for i in client_for(world.lt).get("/api/v1/due/").json())
    assert not any("Barrière" in i["title"] for i in client_for(world.gi).get("/api/v1/due/").json())


def test_the_team_leads_barrier_overview_leaves_out_other_teams_personal_barriers():
    """R077: the team lead's overview of open barriers shows a personal barrier only when its author is in the
    team lead's own team."""
    from gezinsplan.accounts.constants import Role
    from gezinsplan.collaboration import services as collaboration_services
    from gezinsplan.collaboration.models import BarrierKind, SignalMoment
    from tests.factories import TeamFactory, UserFactory

    world = make_world()
    team = TeamFactory(organisation=world.lt.organisation)
    world.lt.team = team
    world.lt.save()
    lead = UserFactory(role=Role.TEAM_LEAD, organisation=world.lt.organisation, team=team)
    for author, text in ((world.gi, "Van de GI"), (world.lt, "Van het lokaal team")):
        collaboration_services.barrier_raise(
            actor=author,
            case=world.refresh(),
            kind=BarrierKind.PERSONAL,
            signalled_during=SignalMoment.values[0],
            description=text,
            raised_on=TODAY,
        )
    page = client_for(lead).get("/samenwerking/wat-staat-open/").content.decode()
    assert page.count(": blijvende persoonlijke barrière</a>") == 1


def test_region_report_query_count_does_not_grow():
    """The region report (R337) counts in one query, whatever the number of cases and regions."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gezinsplan.accounts.constants import Role
    from gezinsplan.cases.models import Case, IntakeSource
    from tests.factories import UserFactory

    client = client_for(UserFactory(role=Role.POLICY_OFFICER, organisation=None))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/casussen/regio-overzicht/").status_code == 200
        return len(ctx.captured_queries)

    make_world()
    Case.objects.update(intake_source=IntakeSource.VEILIG_THUIS)
    small = count()
    for _ in range(4):
        make_world()
    Case.objects.update(intake_source=IntakeSource.VEILIG_THUIS)
    assert count() == small


def test_case_history_does_not_show_a_personal_barrier_to_others():
    """R077 on the case page's history: who raised a personal barrier is not shown to the other professionals."""
    from gezinsplan.collaboration import services as collaboration_services
    from gezinsplan.collaboration.models import BarrierKind, SignalMoment

    world = make_world()
    collaboration_services.barrier_raise(
        actor=world.lt,
        case=world.refresh(),
        kind=BarrierKind.PERSONAL,
        signalled_during=SignalMoment.values[0],
        description="Ik vind de GI-collega lastig",
        raised_on=TODAY,
    )
    url = f"/casussen/{world.case.pk}/"
    assert ": barrier aangemaakt" in client_for(world.lt).get(url).content.decode()
    assert ": barrier aangemaakt" not in client_for(world.gi).get(url).content.decode()
