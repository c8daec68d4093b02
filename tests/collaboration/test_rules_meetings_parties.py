"""Task division and involved parties: LT and GI through the phases, collaboration agreements, the register of
parties, contacts per family member, municipal arrangements, the local team after a court decision, continuing
help and the providers' execution plans."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases import products
from gezinsplan.cases import services as case_services
from gezinsplan.cases.models import Case, ChildMeasure, Framework, Involvement, InvolvementRole, Phase
from gezinsplan.cases.responsibility import Party, case_responsibility
from gezinsplan.collaboration import meetings_services as ms
from gezinsplan.collaboration.meetings_selectors import task_division_page
from gezinsplan.collaboration.models import (
    Attendance,
    GoalAssignment,
    LtParticipation,
    MeetingKind,
    MeetingParticipant,
)
from gezinsplan.core import policy
from gezinsplan.core.due import cases_for_user, due_items
from tests.cases import helpers
from tests.collaboration.conftest import TODAY
from tests.collaboration.factories import MeetingFactory
from tests.conftest import client_for
from tests.factories import InvolvementFactory, OrganisationFactory, PersonFactory, UserFactory

DAY = dt.timedelta(days=1)


def _messages(error, field: str) -> str:
    return " ".join(error.value.message_dict[field])


def _page(world, user=None):
    return client_for(user or world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()


def _set_phase(world, phase, framework=None):
    case = world["case"]
    case.phase = phase
    if framework:
        case.framework = framework
    case.save()


# --- LT and GI through the phases ----------------------------------------------------------------------------


def test_r048_phase_2_shows_the_lt_and_gi_task_split(world):
    """R048: in phase 2 (LT with GI expertise) the case shows the LT and the GI checklist."""
    assert "Taken in fase 2" not in _page(world)
    _set_phase(world, Phase.LT_GI)
    page = _page(world)
    assert "Taken in fase 2" in page and "alle kinderen gesproken" in page
    assert "adviseren, meedenken en meegaan bij juridische procedures" in page


def test_r036_phase_4_shows_the_previous_measure_and_re_involves_gi_in_one_step(db):
    """R036: after a measure the case shows it prominently; the LT re-involves GI with a 2a, without a JBT."""
    world = helpers.make_world(opened_on=dt.date(2025, 6, 2))
    policy_today = policy.today()
    child = world.children[0]
    measure = products.measure_record(
        actor=world.gi,
        case=world.refresh(),
        child=child,
        kind="ots",
        pronounced_on=dt.date(2025, 7, 1),
        starts_on=dt.date(2025, 7, 1),
        ends_on=dt.date(2026, 7, 1),
        urgent=True,
    )
    helpers.complete_handover(world, giver=world.gi, receiver=world.lt, on=policy_today)
    helpers.ready_to_end_measure(world)
    products.measure_end(actor=world.gi, measure=measure, ended_on=policy_today - 10 * DAY, end_reason="Doelen bereikt",
                         **helpers.STEP_BACK)
    case = world.refresh()
    assert case.phase == Phase.LT_AFTER
    page = client_for(world.lt).get(f"/casussen/{case.pk}/").content.decode()
    assert "Eerdere maatregel in dit gezin" in page and "R036" in page
    assert f"/casussen/{case.pk}/product-2a/" in page
    indication = helpers.indicate_2a(world, on=policy_today, reason="d")
    assert indication.kind == "2a" and world.refresh().phase == Phase.LT_AFTER  # no JBT step needed


def test_r509_r574_r641_jeugdteam_stays_linked_and_gi_leads_under_ots(world):
    """R509/R574: while the GI is involved the jeugdteam stays linked (warning without); R641: under a measure the
    GI jeugdbeschermer leads."""
    assert not task_division_page(case=world["case"], user=world["lead"]).no_process_director
    _set_phase(world, Phase.MEASURE, Framework.COMPULSORY)
    assert case_responsibility(Case.objects.get(pk=world["case"].pk)).lead == Party.GI
    page = task_division_page(case=world["case"], user=world["lead"])
    assert page.lead_not_gi_under_ots  # the lead involvement is still the LT worker
    assert "R641" in _page(world)
    Involvement.objects.filter(case=world["case"], user=world["lead"]).update(role=InvolvementRole.BACKGROUND)
    Involvement.objects.filter(case=world["case"], user=world["protector"]).update(role=InvolvementRole.LEAD)
    page = task_division_page(case=world["case"], user=world["lead"])
    assert not page.lead_not_gi_under_ots and not page.no_process_director  # LT in the background stays linked
    Involvement.objects.filter(case=world["case"], user=world["lead"]).update(end_date=TODAY - DAY)
    assert task_division_page(case=world["case"], user=world["protector"]).no_process_director
    assert "R509" in _page(world, world["protector"])


def test_r574_r681_lead_back_to_the_district_team_only_with_a_personal_handover(db):
    """R681: handing the lead back needs a warm, personal handover (date, receiving LT professional, information);
    R574: the case then goes back to the linked jeugdteam, which stayed linked throughout."""
    world = helpers.make_world(opened_on=dt.date(2025, 6, 2))
    measure = products.measure_record(
        actor=world.gi,
        case=world.refresh(),
        child=world.children[0],
        kind="ots",
        pronounced_on=dt.date(2025, 7, 1),
        starts_on=dt.date(2025, 7, 1),
        ends_on=dt.date(2026, 7, 1),
        urgent=True,
    )
    assert policy.active_involvements().filter(case=world.case, user=world.lt).exists()  # during
    helpers.ready_to_end_measure(world)
    with pytest.raises(ValidationError, match="overdracht"):
        products.measure_end(actor=world.gi, measure=measure, ended_on=policy.today(), end_reason="Niet verlengd",
                             **helpers.STEP_BACK)
    handover = helpers.complete_handover(world, giver=world.gi, receiver=world.lt, on=policy.today())
    assert (
        handover.meeting_on
        and handover.to_user == world.lt
        and all(item["done"] and item["note"] for item in handover.checklist.values())
    )
    products.measure_end(
        actor=world.gi,
        measure=ChildMeasure.objects.get(pk=measure.pk),
        ended_on=policy.today(),
        end_reason="Niet verlengd",
        **helpers.STEP_BACK,
    )
    case = world.refresh()
    assert case.phase == Phase.LT_AFTER and case_responsibility(case).lead == Party.LT
    assert policy.active_involvements().filter(case=case, user=world.lt, role=InvolvementRole.LEAD).exists()


def test_r655_gi_joins_the_existing_plan_and_the_history_shows_joining_and_leaving(world):
    """R655: the GI joins the existing family plan as a partner; the history shows when it joined and left."""
    page = task_division_page(case=world["case"], user=world["lead"])
    gi = next(p for p in page.partners if p.organisation == world["gi"].label)
    assert gi.joined_on and gi.left_on is None
    Involvement.objects.filter(case=world["case"], user=world["protector"]).update(end_date=TODAY - DAY)
    page = task_division_page(case=world["case"], user=world["lead"])
    assert next(p for p in page.partners if p.organisation == world["gi"].label).left_on == TODAY - DAY
    assert Case.objects.filter(family=world["family"]).count() == 1  # one family, one plan
    assert "Partners in het gezinsplan" in _page(world) and "vertrokken op" in _page(world)


def test_r227_joint_introduction_after_the_jbt_instead_of_a_handover(db):
    """R227: after a 2b decision a joint introduction (LT, JB, family) is due and planned in one step; the LT stays
    involved (no 'handover and close')."""
    world = helpers.make_world(opened_on=dt.date(2026, 1, 5))
    helpers.complete_handover(world, giver=world.lt, receiver=world.gi)
    today = policy.today()
    products.indicate_2b(
        actor=world.chair,
        case=world.refresh(),
        starts_on=today,
        decision_on=today,
        consent_by="moeder",
        consent_on=today,
    )
    items = due_items(cases=cases_for_user(world.lt), today=today)
    assert any("Gezamenlijke kennismaking plannen" in i.title for i in items)
    with pytest.raises(ValidationError):
        ms.introduction_plan(actor=world.lt, case=world.refresh(), planned_on=today - DAY)
    meeting = ms.introduction_plan(actor=world.lt, case=world.refresh(), planned_on=today + 7 * DAY)
    invited = MeetingParticipant.objects.filter(meeting=meeting)
    assert meeting.kind == MeetingKind.INTRODUCTION
    assert {world.lt.pk, world.gi.pk} <= {p.user_id for p in invited}
    assert invited.filter(person__family_role="parent").exists()
    assert not any("kennismaking plannen" in i.title for i in due_items(cases=cases_for_user(world.lt), today=today))
    assert policy.active_involvements().filter(case=world.case, user=world.lt).exists()


def test_r061_collaboration_agreements_as_soon_as_two_parties_are_involved(world):
    """R061: with LT and GI both involved, collaboration agreements are due until completed."""
    page = task_division_page(case=world["case"], user=world["lead"])
    assert page.needs_agreement
    assert any(
        i.title == "Samenwerkingsafspraken maken" for i in due_items(cases=cases_for_user(world["lead"]), today=TODAY)
    )
    with pytest.raises(ValidationError) as error:
        ms.collaboration_agreement_save(
            actor=world["lead"],
            case=world["case"],
            roles="LT regie",
            tasks="",
            responsibilities="",
            availability="",
            decision_forums="",
            agreed_on=TODAY,
        )
    assert set(error.value.message_dict) == {"tasks", "responsibilities", "availability", "decision_forums"}
    response = client_for(world["lead"]).post(
        f"/samenwerking/casus/{world['case'].pk}/samenwerkingsafspraken/",
        {
            "roles": "LT regie",
            "tasks": "GI taxatie",
            "responsibilities": "LT eindverantwoordelijk",
            "availability": "Werkdagen",
            "decision_forums": "Hulp: netwerkberaad",
            "agreed_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    assert not task_division_page(case=world["case"], user=world["lead"]).needs_agreement
    assert "GI taxatie" in _page(world)


# --- LT involvement during a measure --------------------------------------------------------------------------


def test_r224_agreed_lt_involvement_level_during_an_ots_can_change(world):
    """R224: regular / at evaluations / on call, recorded per case with an OTS, changing over time."""
    with pytest.raises(ValidationError) as error:
        ms.lt_participation_agree(
            actor=world["lead"],
            case=world["case"],
            professional=world["lead"],
            level="regular",
            starts_on=TODAY - 100 * DAY,
        )
    assert "R224" in _messages(error, "level")
    _set_phase(world, Phase.MEASURE, Framework.COMPULSORY)
    with pytest.raises(ValidationError) as error:
        ms.lt_participation_agree(
            actor=world["lead"], case=world["case"], professional=world["protector"], level="regular", starts_on=TODAY
        )
    assert "lokaal team" in _messages(error, "professional")
    first = ms.lt_participation_agree(
        actor=world["lead"],
        case=world["case"],
        professional=world["lead"],
        level="regular",
        starts_on=TODAY - 100 * DAY,
    )
    ms.lt_participation_agree(
        actor=world["lead"], case=world["case"], professional=world["lead"], level="on_call", starts_on=TODAY - 10 * DAY
    )
    first.refresh_from_db()
    assert first.ends_on == TODAY - 11 * DAY
    assert [p.level for p in LtParticipation.objects.order_by("starts_on")] == ["regular", "on_call"]
    assert "alleen op afroep" in _page(world)


def test_r225_quarterly_lt_participation_for_a_year_shows_the_missed_meeting(world):
    """R225 (Westland): the care director joins the network meeting every quarter for one year; a quarter without
    attendance shows as missed."""
    _set_phase(world, Phase.MEASURE, Framework.COMPULSORY)
    start = TODAY - 364 * DAY
    ms.lt_participation_agree(
        actor=world["lead"],
        case=world["case"],
        professional=world["lead"],
        level="evaluations",
        every_weeks=13,
        starts_on=start,
        ends_on=start + 363 * DAY,
    )
    for weeks in (2, 15, 41):  # quarters 1, 2 and 4; quarter 3 (weeks 26-38) missed
        meeting = MeetingFactory(
            case=world["case"],
            planned_on=start + dt.timedelta(weeks=weeks),
            held_on=start + dt.timedelta(weeks=weeks),
            minutes="x",
        )
        MeetingParticipant.objects.create(
            family=world["family"],
            meeting=meeting,
            category="professional",
            user=world["lead"],
            organisation=world["lt"],
            attendance=Attendance.PRESENT,
        )
    status = task_division_page(case=world["case"], user=world["lead"]).participations[0]
    assert len(status.periods) == 4
    assert [p.starts_on for p in status.missed] == [start + dt.timedelta(weeks=26)]
    assert "gemist" in _page(world)


# --- parties and contacts -------------------------------------------------------------------------------------


def test_r231_register_of_involved_parties_with_responsibility_contact_and_period(world):
    """R231: every involved organisation with its responsibility, contact person and active period."""
    with pytest.raises(ValidationError) as error:
        ms.party_add(
            actor=world["lead"],
            case=world["case"],
            party_type="budget",
            organisation_name="Bewind BV",
            contact_person="",
            responsibility="",
            active_from=TODAY,
        )
    assert "R231" in _messages(error, "responsibility") and "contact_person" in error.value.message_dict
    response = client_for(world["lead"]).post(
        f"/samenwerking/casus/{world['case'].pk}/partijen/nieuw/",
        {
            "party_type": "budget",
            "organisation_name": "Bewindvoering Delft",
            "contact_person": "Mevr. De Boer",
            "responsibility": "Beheer van de financiën",
            "active_from": (TODAY - 30 * DAY).isoformat(),
        },
    )
    assert response.status_code == 302
    page = _page(world)
    assert "Bewindvoering Delft" in page and "Mevr. De Boer" in page and "Beheer van de financiën" in page
    assert "Jeugdbescherming West" in page  # the involved organisations are listed too


def test_r229_task_division_assigns_a_contact_per_family_member(world):
    """R229: the JB for the mother, the family coach for the father; shown on the case."""
    father = PersonFactory(family=world["family"], family_role="parent", first_name="Karim", birth_date=None)
    ms.contact_assign(actor=world["lead"], case=world["case"], person=world["parent"], professional=world["protector"])
    ms.contact_assign(actor=world["lead"], case=world["case"], person=father, professional=world["protector"])
    ms.contact_assign(actor=world["lead"], case=world["case"], person=father, professional=world["lead"])
    with pytest.raises(ValidationError) as error:
        ms.contact_assign(actor=world["lead"], case=world["case"], person=PersonFactory(), professional=UserFactory())
    assert set(error.value.message_dict) == {"person", "professional"}
    contacts = {
        c.person.first_name: c.professional for c in task_division_page(case=world["case"], user=world["lead"]).contacts
    }
    assert contacts == {"Nathalie": world["protector"], "Karim": world["lead"]}
    assert "Aanspreekpunt per gezinslid" in _page(world)


def test_r270_gi_asks_the_lt_for_a_municipal_arrangement_and_the_result_is_on_the_case(world):
    """R270: the linked JB sees the arrangements and the social map, asks; the LT records the result."""
    client = client_for(world["protector"])
    page = client.get(f"/samenwerking/casus/{world['case'].pk}/regelingen/").content.decode()
    assert "Leerlingenvervoer" in page and "Sociale kaart" in page
    with pytest.raises(ValidationError):
        ms.arrangement_request(
            actor=world["lead"], case=world["case"], arrangement="Leerlingenvervoer", question="x", requested_on=TODAY
        )
    response = client.post(
        f"/samenwerking/casus/{world['case'].pk}/regelingen/",
        {
            "arrangement": "Leerlingenvervoer",
            "question": "Bespoedigen: school start maandag",
            "requested_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    request = world["case"].arrangement_requests.get()
    onlooker = UserFactory(role=Role.TEAM_LEAD, organisation=world["protector"].organisation,
                           team=world["protector"].team)  # sees the team's families, is not linked to this case
    assert client_for(onlooker).get(f"/casussen/{world['case'].pk}/").status_code == 200
    with pytest.raises(ValidationError, match="betrokken"):
        ms.arrangement_request(actor=onlooker, case=world["case"], arrangement="Leerlingenvervoer",
                               question="Ook graag", requested_on=TODAY)
    with pytest.raises(ValidationError):
        ms.arrangement_resolve(actor=world["protector"], request=request, result="x", resolved_on=TODAY)
    ms.arrangement_resolve(actor=world["lead"], request=request, result="Toegekend per 1 december", resolved_on=TODAY)
    assert "Toegekend per 1 december" in _page(world)


def test_r656_court_decision_creates_the_task_to_link_the_local_team_and_reports_the_date(world):
    """R656: a new beschikking puts 'link and inform the local team' on the list; the link date is reported."""
    measure = ChildMeasure.objects.create(
        case=world["case"],
        child=world["children"][0],
        kind="ots",
        pronounced_on=TODAY - 3 * DAY,
        starts_on=TODAY - 3 * DAY,
        ends_on=TODAY + 360 * DAY,
        recorded_by_organisation=world["gi"],
    )
    items = due_items(cases=cases_for_user(world["protector"]), today=TODAY)
    assert any("Lokaal team koppelen" in i.title for i in items)
    with pytest.raises(ValidationError):
        ms.local_team_link(
            actor=world["protector"],
            measure=measure,
            linked_on=TODAY - 10 * DAY,
            lt_contact="Carla",
            informed_how="telefonisch",
        )
    ms.local_team_link(
        actor=world["protector"],
        measure=measure,
        linked_on=TODAY - DAY,
        lt_contact="Carla",
        informed_how="Telefonisch en per beveiligde mail",
    )
    assert not any(
        "Lokaal team koppelen" in i.title for i in due_items(cases=cases_for_user(world["protector"]), today=TODAY)
    )
    assert "Lokaal team gekoppeld op 22 november 2026" in _page(world)


def test_r538_closure_blocked_while_continuing_help_has_no_jeugdteam_monitor(world):
    """R538: continuing help names the provider and the jeugdteam monitor; closing waits for the monitor."""
    help_item = ms.continuing_help_add(
        actor=world["lead"], case=world["case"], help="Opvoedondersteuning", provider="Jeugdhulp Delft"
    )
    with pytest.raises(ValidationError, match="R538"):
        case_services.case_close(
            actor=world["lead"], case=world["case"], version=None, closed_on=TODAY, closing_reason="Doelen bereikt"
        )
    assert Case.objects.get(pk=world["case"].pk).status == "open"
    with pytest.raises(ValidationError):
        ms.continuing_help_add(
            actor=world["lead"], case=world["case"], help="x", provider="y", monitor=world["protector"]
        )
    help_item.monitor = world["lead"]
    help_item.save()
    case_services.case_close(
        actor=world["lead"], case=world["case"], version=None, closed_on=TODAY, closing_reason="Doelen bereikt",
        closure=helpers.closure(on=TODAY),
    )
    assert Case.objects.get(pk=world["case"].pk).status == "closed"


# --- goals and providers --------------------------------------------------------------------------------------


@pytest.fixture
def provider(world):
    org = OrganisationFactory(type=OrganisationType.CARE_PROVIDER, name="Jeugdhulp Delft")
    user = UserFactory(role=Role.CARE_PROVIDER, organisation=org)
    InvolvementFactory(case=world["case"], user=user, organisation=org, role=InvolvementRole.SUPPORT)
    return user


def test_r573_goals_by_the_case_workers_one_responsible_provider_decides_how(world, provider):
    """R573: the jeugdbeschermer/jeugdteam set the goal and its one responsible party; the provider fills in only
    the 'how' of its own assignment; a provider cannot create goals."""
    from gezinsplan.analysis import services as analysis_services
    from tests.analysis.factories import GoalFactory

    goal = GoalFactory(family=world["family"])
    with pytest.raises(PermissionDenied):
        ms.goal_assign(actor=provider, goal=goal, organisation=provider.organisation)
    with pytest.raises(PermissionDenied):
        analysis_services.goal_add(
            actor=provider, family=world["family"], what="Eigen doel", measurable="x", who="x", when=TODAY
        )
    with pytest.raises(ValidationError) as error:
        ms.goal_assign(actor=world["lead"], goal=goal, organisation=None)
    assert "R573" in _messages(error, "organisation")
    assignment = ms.goal_assign(
        actor=world["lead"], goal=goal, organisation=provider.organisation, consulted="Moeder en de school"
    )
    with pytest.raises(ValidationError):
        ms.goal_assign(actor=world["protector"], goal=goal, organisation=world["gi"])  # exactly one party
    with pytest.raises(ValidationError, match="R573"):
        ms.assignment_update(actor=world["lead"], assignment=assignment, version=None, approach="Anders")
    ms.assignment_update(actor=provider, assignment=assignment, version=None, approach="Video-hometraining")
    assert GoalAssignment.objects.get(pk=assignment.pk).approach == "Video-hometraining"


def test_r666_provider_attaches_its_execution_plan_to_an_agreed_goal(world, provider):
    """R666: the provider's own uitvoeringsplan hangs at a goal of the shared plan, through its page."""
    from tests.analysis.factories import GoalFactory

    goal = GoalFactory(family=world["family"], what="Rust en regelmaat in huis")
    assignment = ms.goal_assign(actor=world["lead"], goal=goal, organisation=provider.organisation)
    other = GoalAssignment.objects.create(
        family=world["family"], goal=GoalFactory(family=world["family"]), organisation=world["gi"]
    )
    client = client_for(provider)
    url = f"/samenwerking/casus/{world['case'].pk}/doelen/aanpak/"
    page = client.get(url).content.decode()
    assert str(assignment.pk) in page and str(other.pk) not in page  # only its own assignments
    response = client.post(
        url,
        {
            "assignment": assignment.pk,
            "approach": "Wekelijks huisbezoek",
            "execution_plan": "Week 1-4: dagritme; week 5-8: evaluatie",
        },
    )
    assert response.status_code == 302
    assert GoalAssignment.objects.get(pk=assignment.pk).execution_plan.startswith("Week 1-4")
    assert "uitvoeringsplan" in _page(world)
