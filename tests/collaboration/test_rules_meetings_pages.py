"""The pages of the meetings part: every form page opens for an involved professional, outsiders get 'not found',
and the case section 'Taakverdeling en betrokkenen' and the due list keep a constant number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.cases.models import ChildMeasure, Phase
from gezinsplan.collaboration import meetings_services as ms
from gezinsplan.collaboration.models import Attendance, MeetingParticipant
from tests.collaboration.conftest import TODAY
from tests.collaboration.factories import AgreementFactory, CoreDecisionFactory, MeetingFactory
from tests.conftest import client_for
from tests.factories import PersonFactory, UserFactory

DAY = dt.timedelta(days=1)

CASE_PAGES = [
    "partijen/nieuw/",
    "aanspreekpunten/",
    "samenwerkingsafspraken/",
    "betrokkenheid-lokaal-team/",
    "voortgezette-hulp/",
    "interne-bespreking/",
    "lokaal-team-koppelen/",
    "kennismaking/",
    "doelen/toewijzen/",
    "doelen/aanpak/",
    "regelingen/",
]


def test_every_meetings_page_opens_for_the_involved_and_not_for_outsiders(world):
    meeting = MeetingFactory(case=world["case"], planned_on=TODAY)
    agreement = AgreementFactory(case=world["case"], meeting=meeting)
    decision = CoreDecisionFactory(case=world["case"], kind="additional_help")
    urls = [f"/samenwerking/casus/{world['case'].pk}/{page}" for page in CASE_PAGES] + [
        f"/samenwerking/overleg/{meeting.pk}/voortgang/",
        f"/samenwerking/kernbesluiten/{decision.pk}/bevestigen/",
        f"/samenwerking/afspraken/{agreement.pk}/niet-nagekomen/",
    ]
    lead, outsider = client_for(world["lead"]), client_for(UserFactory())
    for url in urls:
        assert lead.get(url).status_code == 200, url
        assert outsider.get(url).status_code == 404, url


def test_r527_agreement_not_kept_through_the_page(world):
    """R527: the status of an agreement is set on the page (not kept, with the reason)."""
    agreement = AgreementFactory(case=world["case"], due_on=TODAY - DAY)
    client = client_for(world["lead"])
    url = f"/samenwerking/afspraken/{agreement.pk}/niet-nagekomen/"
    assert "Waarom niet nagekomen" in client.get(url).content.decode()
    response = client.post(url, {"on": TODAY.isoformat(), "reason": "", "version": agreement.version})
    assert response.status_code == 200
    response = client.post(url, {"on": TODAY.isoformat(), "reason": "Vader kwam niet", "version": agreement.version})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "not_kept"


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(world, n):
    case, lead = world["case"], world["lead"]
    for i in range(n):
        person = PersonFactory(family=case.family)
        ms.party_add(
            actor=lead,
            case=case,
            party_type="school",
            organisation_name=f"School {i}",
            contact_person="Juf",
            responsibility="Onderwijs",
            active_from=TODAY,
        )
        ms.contact_assign(actor=lead, case=case, person=person, professional=world["protector"])
        ms.continuing_help_add(actor=lead, case=case, help=f"Hulp {i}", provider="Aanbieder", monitor=lead)
        ms.internal_discussion_record(
            actor=lead, case=case, held_on=TODAY, present="team", question="v", plan_of_approach="p"
        )
        ms.lt_participation_agree(
            actor=lead,
            case=case,
            professional=lead,
            level="evaluations",
            every_weeks=13,
            starts_on=TODAY - (100 + i) * DAY,
        )
        meeting = MeetingFactory(
            case=case, planned_on=TODAY - 20 * DAY, held_on=TODAY - 20 * DAY, minutes="x", kind="case_discussion"
        )
        MeetingParticipant.objects.create(
            family=case.family,
            meeting=meeting,
            category="professional",
            user=lead,
            organisation=world["lt"],
            attendance=Attendance.PRESENT,
        )
        measure = ChildMeasure.objects.create(
            case=case,
            child=person,
            kind="ots",
            pronounced_on=TODAY,
            starts_on=TODAY,
            ends_on=TODAY + 300 * DAY,
            recorded_by_organisation=world["gi"],
        )
        if i % 2:
            ms.local_team_link(actor=lead, measure=measure, linked_on=TODAY, lt_contact="Carla", informed_how="mail")
        ms.decision_confirm(
            actor=lead, decision=CoreDecisionFactory(case=case, kind="additional_help"), confirmed_on=TODAY
        )


@pytest.fixture
def measure_world(world):
    world["case"].phase = Phase.MEASURE
    world["case"].save()
    return world


def test_case_page_task_division_query_count_does_not_grow(measure_world):
    client = client_for(measure_world["lead"])
    url = f"/casussen/{measure_world['case'].pk}/"
    _grow(measure_world, 1)
    small = _count(client, url)
    _grow(measure_world, 5)
    assert _count(client, url) == small
    page = client.get(url).content.decode()
    assert "School 4" in page and "Hulp 4" in page


def test_due_list_with_the_meetings_items_query_count_does_not_grow(measure_world):
    client = client_for(measure_world["lead"])
    _grow(measure_world, 1)
    small = _count(client, "/samenwerking/wat-staat-open/")
    _grow(measure_world, 5)
    assert _count(client, "/samenwerking/wat-staat-open/") == small


def test_r538_closing_page_says_why_it_cannot_close_yet(world):
    """R538 on the page: the close form shows the missing jeugdteam monitor; the case stays open."""
    ms.continuing_help_add(actor=world["lead"], case=world["case"], help="Schuldhulp", provider="Kredietbank")
    client = client_for(world["lead"])
    response = client.post(
        f"/casussen/{world['case'].pk}/afsluiten/",
        {"closed_on": TODAY.isoformat(), "closing_reason": "Doelen bereikt", "version": world["case"].version,
         "kind": "other", "next_providers": "Huisarts", "documents": "Gezinsplan", "family_present": "moeder",
         "family_took_part_on": TODAY.isoformat()},
    )
    assert response.status_code == 200 and "R538" in response.content.decode()
    world["case"].refresh_from_db()
    assert world["case"].status == "open"
