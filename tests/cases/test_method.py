"""The method around a case (seeds 000-004): contact person, contacts, tasks, help, plan, assurance and closure."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases import casework, handovers, products, services
from gezinsplan.cases.models import (
    CaseTask,
    ContactKind,
    HelpStatus,
    InvolvementRole,
    TaskKind,
    WorkPhaseLabels,
)
from gezinsplan.collaboration.models import ChildConversation
from gezinsplan.core.due import due_items
from gezinsplan.core.records import StaleEdit
from gezinsplan.families.models import FamilyRole
from tests.analysis.factories import HelpEpisodeFactory, PatternElementFactory, analysis_for, published_version
from tests.cases.helpers import START, children_spoken_alone, complete_handover, make_world, ready_to_end_measure
from tests.conftest import client_for
from tests.factories import FamilyFactory, InvolvementFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _page(user, case) -> str:
    response = client_for(user).get(f"/casussen/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _due(world, user=None):
    from gezinsplan.core.due import cases_for_user

    return due_items(cases=cases_for_user(user or world.lt), today=TODAY)


def _lt_colleague(world):
    colleague = UserFactory(role=Role.LT_PROFESSIONAL, organisation=world.lt.organisation)
    InvolvementFactory(case=world.case, user=colleague, role=InvolvementRole.SUPPORT, start_date=START)
    return colleague


def _parent(world):
    return world.case.family.persons.get(family_role=FamilyRole.PARENT)


# --- Contact person (R264, R265, R674) ----------------------------------------------------------------------------


def test_r264_registration_assigns_one_fixed_contact_person_and_changes_are_dated():
    """R264: registering a case gives exactly one fixed LT contact person; changes are dated and kept."""
    lt = UserFactory(role=Role.LT_PROFESSIONAL, organisation=OrganisationFactory(type=OrganisationType.LOCAL_TEAM))
    from tests.factories import MunicipalityFactory

    family = FamilyFactory(municipality=MunicipalityFactory())
    InvolvementFactory(case__family=family, user=lt, role=InvolvementRole.SUPPORT, start_date=START)
    family.cases.update(status="closed")
    case = services.case_open(actor=lt, family=family, reason="Aanmelding", opened_on=START)
    assert [(c.user, c.change_reason) for c in case.contact_persons.all()] == [(lt, "registration")]
    successor = UserFactory(role=Role.LT_PROFESSIONAL, organisation=lt.organisation)
    casework.contact_person_assign(
        actor=lt, case=case, user=successor, on=START + dt.timedelta(days=30), reason="relationship_broken"
    )
    rows = list(case.contact_persons.order_by("start_date"))
    assert [r.end_date for r in rows] == [START + dt.timedelta(days=29), None]
    assert casework.current_contact_person(case).user == successor
    gi = UserFactory(role=Role.GI_PROTECTOR, organisation=OrganisationFactory(type=OrganisationType.GI))
    with pytest.raises(ValidationError, match="lokaal team"):
        casework.contact_person_assign(actor=lt, case=case, user=gi, on=TODAY, reason="relationship_broken")


def test_r674_change_of_worker_other_than_broken_relationship_is_an_exception_and_a_temporary_second_worker():
    """R674: only a broken relationship is the normal reason; others are recorded exceptions with a note. A
    temporary second worker joins with an end date."""
    world = make_world()
    casework.contact_person_assign(actor=world.lt, case=world.case, user=world.lt, on=START, reason="registration")
    colleague = _lt_colleague(world)
    with pytest.raises(ValidationError, match="uitzondering"):
        casework.contact_person_assign(actor=world.lt, case=world.case, user=colleague, on=START, reason="other")
    row = casework.contact_person_assign(
        actor=world.lt,
        case=world.case,
        user=colleague,
        on=START + dt.timedelta(3),
        reason="absence",
        note="Langdurig ziek",
    )
    assert row.is_exception
    second = UserFactory(role=Role.LT_PROFESSIONAL, organisation=world.lt.organisation)
    involvement, _warnings = services.involvement_add(
        actor=world.lt,
        case=world.case,
        user=second,
        role=InvolvementRole.SUPPORT,
        start_date=START,
        end_date=START + dt.timedelta(days=60),
    )
    assert involvement.end_date == START + dt.timedelta(days=60)


def test_r265_a_new_contact_person_on_a_case_with_an_analysis_gets_a_revisit_task():
    """R265: a change of the fixed contact person of a case with an explanatory analysis creates the task to revisit
    the timeline and analysis with the family; it is shown as open."""
    world = make_world()
    casework.contact_person_assign(actor=world.lt, case=world.case, user=world.lt, on=START, reason="registration")
    assert not world.case.tasks.exists()
    analysis_for(world.case.family)
    colleague = _lt_colleague(world)
    casework.contact_person_assign(
        actor=world.lt, case=world.case, user=colleague, on=START + dt.timedelta(9), reason="relationship_broken"
    )
    task = world.case.tasks.get()
    assert task.kind == TaskKind.REVISIT_ANALYSIS and task.rule_id == "R265"
    assert "tijdlijn en analyse opnieuw bespreken" in _page(world.lt, world.case)
    assert any("R265" in item.title for item in _due(world))


# --- Contacts and visits (R517, R543, R309, R588, R341) --------------------------------------------------------


def test_r517_home_visit_deadline_one_week_after_registration_with_countdown_and_overdue():
    """R517: the registration date sets the home-visit deadline at +7 days; a countdown, overdue without a visit."""
    world = make_world(opened_on=TODAY - dt.timedelta(days=3))
    world.case.registered_on = TODAY - dt.timedelta(days=5)
    world.case.save()
    status = casework.home_visit_status(world.case)
    assert status.deadline == TODAY + dt.timedelta(days=2) and status.days_left == 2 and not status.overdue
    assert "nog 2 dagen" in _page(world.lt, world.case)
    assert casework.home_visit_status(world.case, today=TODAY + dt.timedelta(days=3)).overdue
    assert any(i.kind == "Huisbezoek" for i in _due(world))
    casework.contact_record(
        actor=world.lt, case=world.refresh(), kind=ContactKind.HOME_VISIT, held_on=TODAY, safety_score=7
    )
    assert casework.home_visit_status(world.case, today=TODAY + dt.timedelta(days=3)).done_on == TODAY
    assert not any(i.kind == "Huisbezoek" for i in _due(world))


def test_r543_supervised_visit_records_child_parent_supervisor_observation_and_a_safety_score():
    """R543: a supervised visit is a contact type with child, parent, supervisor and observation; every contact
    needs a safety score (R531)."""
    world = make_world()
    with pytest.raises(ValidationError) as error:
        casework.contact_record(
            actor=world.gi, case=world.case, kind=ContactKind.SUPERVISED_VISIT, held_on=TODAY, safety_score=None
        )
    assert {"safety_score", "child", "parent", "supervisor", "observation"} <= set(error.value.message_dict)
    visit = casework.contact_record(
        actor=world.gi,
        case=world.case,
        kind=ContactKind.SUPERVISED_VISIT,
        held_on=TODAY,
        safety_score=6,
        child=world.children[0],
        parent=_parent(world),
        supervisor=world.gi,
        observation="Vader zoekt contact, Maarten ontspant.",
    )
    assert visit.get_kind_display() == "begeleid bezoek (kind en ouder)" and visit.safety_score == 6


def test_r309_clarity_check_on_each_contact_and_monitoring_of_cases_without_one():
    """R309: a contact records that clarity of agreements and goal was checked; cases without a check in the period
    are listed."""
    world = make_world()
    assert any(i.kind == "Helderheid" for i in _due(world))
    casework.contact_record(
        actor=world.lt,
        case=world.case,
        kind=ContactKind.OFFICE,
        held_on=TODAY,
        safety_score=7,
        clarity_checked=True,
        clarity_note="Moeder kan het doel in eigen woorden zeggen.",
    )
    assert not any(i.kind == "Helderheid" for i in _due(world))


def test_r588_after_a_visit_the_plan_update_is_pending_until_reviewed():
    """R588: after a visit the plan is updated: safety score first (with the visit), then concerns, strengths and
    goals; until then 'plan bijwerken' shows on the dashboard."""
    world = make_world()
    visit = casework.contact_record(
        actor=world.lt, case=world.case, kind=ContactKind.HOME_VISIT, held_on=TODAY, safety_score=5
    )
    assert "Gezinsplan bijwerken na bezoek" in _page(world.lt, world.case)
    assert any(i.kind == "Gezinsplan" for i in _due(world))
    with pytest.raises(ValidationError, match="Doelen nagelopen"):
        casework.contact_plan_update(actor=world.lt, contact=visit, reviewed={"concerns": True, "strengths": True},
                                     version=visit.version)
    casework.contact_plan_update(
        actor=world.lt,
        contact=visit,
        version=visit.version,
        reviewed={"concerns": True, "strengths": True, "goals": True},
        note="Doel 2 aangepast",
    )
    assert not any(i.kind == "Gezinsplan" for i in _due(world))
    assert "Gezinsplan bijwerken na bezoek" not in _page(world.lt, world.case)


def test_r341_no_cap_on_duration_or_number_of_conversations():
    """R341: no maximum trajectory duration or number of conversations; long cases stay open."""
    world = make_world(opened_on=TODAY - dt.timedelta(days=3 * 365))
    for week in range(60):
        casework.contact_record(
            actor=world.lt,
            case=world.case,
            kind=ContactKind.OFFICE,
            safety_score=7,
            held_on=TODAY - dt.timedelta(weeks=week),
        )
    case = world.refresh()
    assert case.contacts.count() == 60 and case.status == "open"
    assert "1095 dagen" in _page(world.lt, case)  # R513: how long the case has been open


# --- Status indicators and events (R027, R530) ----------------------------------------------------------------


def test_r027_status_indicators_and_a_weighing_task_on_insufficient_cooperation_or_new_signals():
    """R027: direct and stable safety, cooperation, the holder of the safety taxation and pattern breaking; setting
    cooperation insufficient or a new signal creates the task to weigh escalation to the JBT."""
    world = make_world()
    casework.status_set(actor=world.lt, case=world.case, cooperation_sufficient=True, pattern_breaking=None)
    assert not world.case.tasks.exists()
    body = _page(world.lt, world.case)
    assert "Voldoende medewerking aan hulp" in body and "Veiligheidstaxatie bij" in body
    indicators = casework.status_indicators(world.refresh())
    assert indicators.safety_holder == "lokaal team" and indicators.cooperation_sufficient is True
    casework.status_set(actor=world.lt, case=world.refresh(), cooperation_sufficient=False, pattern_breaking=False)
    assert world.case.tasks.get().kind == TaskKind.WEIGH_ESCALATION
    casework.event_record(
        actor=world.lt,
        case=world.refresh(),
        kind="new_signal",
        occurred_on=TODAY,
        description="Melding school: blauwe plek",
    )
    assert world.case.tasks.filter(done_on__isnull=True).count() == 1
    casework.task_done(actor=world.lt, task=world.case.tasks.get(), on=TODAY)
    casework.event_record(
        actor=world.lt, case=world.refresh(), kind="new_signal", occurred_on=TODAY, description="Politiemelding"
    )
    assert world.case.tasks.filter(done_on__isnull=True).count() == 1


def test_r530_stagnation_needs_a_follow_up_with_who_and_when():
    """R530: relapse and stagnation are recorded; stagnation needs another solution or escalation, with who and
    when."""
    world = make_world()
    casework.event_record(
        actor=world.gi,
        case=world.case,
        kind="relapse",
        occurred_on=TODAY,
        description="Vader weer negatief over de hulp",
    )
    with pytest.raises(ValidationError) as error:
        casework.event_record(
            actor=world.gi, case=world.case, kind="stagnation", occurred_on=TODAY, description="Geen voortgang"
        )
    assert {"follow_up", "responsible", "follow_up_on"} <= set(error.value.message_dict)
    event = casework.event_record(
        actor=world.gi,
        case=world.case,
        kind="stagnation",
        occurred_on=TODAY,
        description="Geen voortgang",
        follow_up="escalate",
        responsible=world.gi,
        follow_up_on=TODAY + dt.timedelta(days=7),
    )
    assert event.get_follow_up_display() == "ingrijpen: opschalen"


# --- Help (R303, R317, R021, R220, R680) --------------------------------------------------------------------------


def test_r303_r317_help_for_any_member_also_adult_care_and_one_case_per_family():
    """R303: the whole family is the unit: one case per family, help for a parent's own problem. R317: adult care and
    other municipal domains linked to the adult concerned."""
    world = make_world()
    parent = _parent(world)
    debt = casework.help_propose(
        actor=world.lt,
        case=world.case,
        domain="debt",
        description="Schuldhulpverlening",
        person=parent,
        provider="Kredietbank",
    )
    addiction = casework.help_propose(
        actor=world.lt, case=world.case, domain="addiction", description="Ambulante verslavingszorg", person=parent
    )
    assert (debt.person, debt.get_domain_display()) == (parent, "schuldhulpverlening")
    assert addiction.get_domain_display() == "verslavingszorg"
    stranger = PersonFactory()
    with pytest.raises(ValidationError, match="lid van dit gezin"):
        casework.help_propose(actor=world.lt, case=world.case, domain="wmo", description="Wmo", person=stranger)
    with pytest.raises(ValidationError, match="één plan"):
        services.case_open(actor=world.lt, family=world.case.family, reason="Tweede casus", opened_on=TODAY)
    assert "Schuldhulpverlening" in _page(world.lt, world.case)


def _with_2b(world):
    complete_handover(world, giver=world.lt, receiver=world.gi)
    return products.indicate_2b(
        actor=world.chair,
        case=world.refresh(),
        starts_on=START,
        decision_on=START,
        consent_by="moeder (gezag)",
        consent_on=START,
    )


def test_r021_r220_under_2b_youth_care_only_on_gi_request_with_family_and_lt_agreement():
    """R021/R220: during 2b the GI asks for youth care; the LT refers only with the family's and the LT's agreement;
    the referral links to the GI request."""
    world = make_world()
    with pytest.raises(ValidationError, match="lopend product 2b"):
        casework.help_request_youth_care(actor=world.gi, case=world.case, description="Gezinscoach", on=TODAY)
    _with_2b(world)
    with pytest.raises(ValidationError, match="verzoek van de GI"):
        casework.help_propose(actor=world.lt, case=world.refresh(), domain="youth_care", description="Gezinscoach")
    request = casework.help_request_youth_care(
        actor=world.gi, case=world.refresh(), description="Gezinscoach", on=TODAY
    )
    with pytest.raises(ValidationError) as error:
        casework.help_refer(actor=world.lt, help_=request, family_agreed_on=None, lt_agrees=False,
                            version=request.version)
    assert {"family_agreed_on", "lt_agrees"} <= set(error.value.message_dict)
    referral = casework.help_refer(
        actor=world.lt, help_=request, family_agreed_on=TODAY, lt_agrees=True, provider="Jeugdhulp Delft",
        version=request.version,
    )
    assert referral.status == HelpStatus.PROPOSED and referral.gi_request_by == world.gi
    assert referral.lt_agreed_by == world.lt and referral.family_agreed_on == TODAY


def test_r220_r680_youth_care_request_refer_and_confirm_through_the_pages():
    """R220 through the pages: the GI asks, the LT refers with agreement, the MDO confirms (R680)."""
    from gezinsplan.collaboration.models import MeetingParticipant
    from tests.collaboration.factories import MeetingFactory

    world = make_world()
    _with_2b(world)
    base = f"/casussen/{world.case.pk}"
    client_for(world.gi).post(f"{base}/hulp/jeugdhulp-vragen/", {"description": "Gezinscoach"})
    request = world.case.help.get()
    assert request.status == HelpStatus.REQUESTED and "verwijzen" in _page(world.lt, world.case)
    opened = client_for(world.lt).get(f"{base}/hulp/{request.pk}/").context["form"].initial
    assert opened["version"] == request.version
    refused = client_for(world.lt).post(f"{base}/hulp/{request.pk}/", {"provider": "Jeugdhulp Delft", **opened})
    assert refused.status_code == 200 and "instemde" in refused.content.decode()
    client_for(world.lt).post(f"{base}/hulp/{request.pk}/", {"family_agreed_on": TODAY.isoformat(), "lt_agrees": "on",
                                                             **opened})
    request.refresh_from_db()
    assert request.status == HelpStatus.PROPOSED
    mdo = MeetingFactory(case=world.case, kind="case_discussion", planned_on=TODAY, held_on=TODAY)
    for role in (Role.BEHAVIOURAL_SCIENTIST, Role.TEAM_LEAD):
        MeetingParticipant.objects.create(
            family=world.case.family,
            meeting=mdo,
            category="professional",
            user=UserFactory(role=role, organisation=world.lt.organisation),
            attendance="present",
        )
    client_for(world.lt).post(f"{base}/hulp/{request.pk}/", {"meeting": mdo.pk})
    request.refresh_from_db()
    assert request.status == HelpStatus.CONFIRMED


def test_r680_help_is_confirmed_only_in_the_case_discussion_with_behavioural_expert_and_team_manager():
    """R680: proposed help becomes confirmed only in the multidisciplinary case discussion with a behavioural
    expert and the team manager present."""
    from gezinsplan.collaboration.models import MeetingParticipant
    from tests.collaboration.factories import MeetingFactory

    world = make_world()
    proposal = casework.help_propose(
        actor=world.lt, case=world.case, domain="youth_care", description="Video-hometraining"
    )
    network = MeetingFactory(case=world.case, kind="network", planned_on=TODAY, held_on=TODAY)
    with pytest.raises(ValidationError, match="casuïstiekbespreking"):
        casework.help_confirm(actor=world.lt, help_=proposal, meeting=network)
    mdo = MeetingFactory(case=world.case, kind="case_discussion", planned_on=TODAY, held_on=TODAY)
    with pytest.raises(ValidationError, match="gedragswetenschapper en de teammanager"):
        casework.help_confirm(actor=world.lt, help_=proposal, meeting=mdo)
    for role in (Role.BEHAVIOURAL_SCIENTIST, Role.TEAM_LEAD):
        MeetingParticipant.objects.create(
            family=world.case.family,
            meeting=mdo,
            category="professional",
            user=UserFactory(role=role, organisation=world.lt.organisation),
            attendance="present",
        )
    confirmed = casework.help_confirm(actor=world.lt, help_=proposal, meeting=mdo)
    assert confirmed.status == HelpStatus.CONFIRMED and confirmed.confirmed_in == mdo


def test_r680_the_supervisor_sees_the_case_notes_and_adds_feedback():
    """R680: the supervisor (team leader) can see the worker's case notes and add feedback."""
    from tests.cases.helpers import team_lead_for

    world = make_world()
    note = casework.contact_record(
        actor=world.lt,
        case=world.case,
        kind=ContactKind.OFFICE,
        held_on=TODAY,
        safety_score=6,
        summary="Moeder vertelt over de schulden",
    )
    with pytest.raises(ValidationError, match="leidinggevende"):
        casework.contact_feedback(actor=world.gi, contact=note, feedback="Goed", version=note.version)
    lead = client_for(team_lead_for(world))
    url = f"/casussen/{world.case.pk}/contacten/{note.pk}/feedback/"
    assert "Moeder vertelt over de schulden" in lead.get(url).content.decode()
    assert lead.post(url, {"feedback": "Vraag door naar de rol van vader", "version": note.version}).status_code == 302
    assert "Vraag door naar de rol van vader" in _page(world.lt, world.case)


# --- Plan with the family (R308, R310) ----------------------------------------------------------------------------


def test_r308_r310_plan_agreed_only_with_family_input_after_explaining_what_refusal_leads_to():
    """R310: the family is told from the start what refusing help leads to, before the plan is active. R308: the
    plan stays a draft until the family's participation (who, when, input) is recorded."""
    world = make_world()
    assert "concept" in _page(world.lt, world.case)
    with pytest.raises(ValidationError, match="niet aanvaarden van hulp"):
        casework.plan_agree(
            actor=world.lt, case=world.case, decided_on=TODAY, members="moeder", family_input="Wil eerst rust thuis"
        )
    casework.refusal_explained(
        actor=world.lt,
        case=world.refresh(),
        version=world.case.version,
        on=TODAY,
        how="In het eerste gesprek: bij weigeren volgt een melding aan de JBT",
    )
    with pytest.raises(ValidationError) as error:
        casework.plan_agree(actor=world.lt, case=world.refresh(), decided_on=TODAY, members=" ", family_input="")
    assert {"members", "family_input"} <= set(error.value.message_dict)
    casework.plan_agree(
        actor=world.lt,
        case=world.refresh(),
        decided_on=TODAY,
        members="moeder en Sami",
        family_input="Wil eerst rust thuis",
    )
    body = _page(world.lt, world.case)
    assert "afgesproken met het gezin" in body and "Uitgelegd wat het weigeren van hulp kan betekenen" in body


# --- Assurance, patterns, end state, work phases (R044, R535, R566, R511, R682, R046) ----------------------------


def _assurance(world, **values):
    """The borgingsplan is a part of the analysis (versioned with the family plan)."""
    from gezinsplan.analysis.services import analysis_update

    analysis = analysis_for(world.case.family)
    return analysis_update(actor=world.lt, analysis=analysis, version=None, **values)


ASSURANCE = {
    "assurance_agreements": "Oma haalt op dinsdag",
    "adherence_check": "Maandelijks belrondje door het lokaal team",
    "if_stuck": "Oma belt de vaste contactpersoon",
}


def test_r044_assurance_plan_requires_agreements_adherence_and_what_if_stuck():
    """R044: the borgingsplan (in the family plan) requires the agreements with all involved, how adherence is
    checked and a fallback; the case page shows it and links to it."""
    world = make_world()
    with pytest.raises(ValidationError) as error:
        _assurance(world, relapse_signals="Moeder slaapt slecht")
    assert {"assurance_agreements", "adherence_check", "if_stuck"} == set(error.value.message_dict)
    plan = _assurance(world, **ASSURANCE)
    assert plan.if_stuck == "Oma belt de vaste contactpersoon"
    body = _page(world.lt, world.case)
    assert "Oma haalt op dinsdag" in body and f"/gezin/{world.case.family_id}/borgingsplan/" in body


def _to_phase_2(world):
    children_spoken_alone(world)  # R520
    handovers.work_phase_next(actor=world.lt, case=world.refresh(), on=TODAY, reason="Doelen fase 1 volgen later")


def _break(world, pattern, **values):
    from gezinsplan.analysis.services import pattern_element_update

    pattern.refresh_from_db()
    return pattern_element_update(actor=world.lt, element=pattern, version=None, status="broken", **values)


def test_r535_phase_3_starts_only_after_every_pattern_is_broken_with_date_and_evidence():
    """R535: moving to phase 3 requires every pattern of the change plan marked broken (the pattern element's
    status, R560), with date and evidence."""
    world = make_world()
    pattern = PatternElementFactory(family=world.case.family)
    PatternElementFactory(family=world.case.family, kind="symptom", text="Schoolverzuim")  # symptoms do not count
    _to_phase_2(world)
    with pytest.raises(ValidationError, match="patronen zijn doorbroken"):
        handovers.work_phase_next(actor=world.lt, case=world.refresh(), on=TODAY, reason="door")
    with pytest.raises(ValidationError) as error:
        _break(world, pattern)
    assert {"broken_on", "broken_evidence"} == set(error.value.message_dict)
    with pytest.raises(ValidationError, match="toekomst"):
        _break(world, pattern, broken_on=TODAY + dt.timedelta(days=1), broken_evidence="x")
    _break(world, pattern, broken_on=TODAY, broken_evidence="Drie maanden geen escalaties meer, school bevestigt")
    handovers.work_phase_next(actor=world.lt, case=world.refresh(), on=TODAY, reason="door")
    assert world.refresh().work_phase == 3


def test_r566_realised_end_state_opens_phase_3_and_the_plan_names_who_to_call():
    """R566: marking the feasible end state realised allows phase 3; the assurance plan then names the people the
    family can call on when relapse threatens."""
    world = make_world()
    with pytest.raises(ValidationError, match="haalbare eindsituatie"):
        casework.end_state_realised(actor=world.lt, case=world.case, on=TODAY)
    analysis_for(world.case.family, end_description="De kinderen wonen veilig bij moeder, oma helpt",
                 end_changeable="Moeder vraagt op tijd hulp", end_compensate="niets", end_children_where="Bij moeder",
                 end_term=TODAY + dt.timedelta(days=90))
    _to_phase_2(world)
    with pytest.raises(ValidationError, match="gerealiseerd"):
        handovers.work_phase_next(actor=world.lt, case=world.refresh(), on=TODAY, reason="door")
    casework.end_state_realised(actor=world.lt, case=world.refresh(), on=TODAY)
    handovers.work_phase_next(actor=world.lt, case=world.refresh(), on=TODAY, reason="door")
    with pytest.raises(ValidationError, match="inschakelen"):
        _assurance(world, **ASSURANCE)
    plan = _assurance(world, **ASSURANCE, who_steps_in="Oma Jansen, buurvrouw Fatima")
    assert plan.who_steps_in.startswith("Oma")
    assert "Oma Jansen, buurvrouw Fatima" in _page(world.lt, world.case)


def test_r511_every_case_type_passes_the_ffp_phases_in_order():
    """R511: every case follows the three FFP phases; no case type (voluntary, drang, measure) skips one."""
    from gezinsplan.cases.forms import CaseForm
    from gezinsplan.cases.models import Case

    assert not Case._meta.get_field("work_phase").editable and "work_phase" not in CaseForm().fields
    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    products.measure_record(
        actor=world.gi,
        case=world.case,
        child=world.children[0],
        kind="ots",
        pronounced_on=START,
        starts_on=START,
        ends_on=START + dt.timedelta(days=365),
    )
    assert world.refresh().work_phase == 1
    children_spoken_alone(world)  # R520
    casework.end_state_realised(actor=world.gi, case=world.refresh(), on=TODAY)  # R566 (the plan has an end state)
    seen = [1]
    while world.refresh().work_phase < 3:
        handovers.work_phase_next(actor=world.gi, case=world.case, on=TODAY, reason="volgende fase")
        seen.append(world.refresh().work_phase)
    assert seen == [1, 2, 3]
    with pytest.raises(ValidationError, match="laatste werkfase"):
        handovers.work_phase_next(actor=world.gi, case=world.refresh(), on=TODAY, reason="x")


def test_r682_and_issue_item_6_work_phase_labels_per_organisation_plan_date_and_earlier_help():
    """R682 (issue 4 item 6): an organisation maps the work phases to its own three-phase model; the plan shows its
    last-updated date; earlier help (e.g. by the CJG) is visible at intake."""
    world = make_world()
    WorkPhaseLabels.objects.create(
        organisation=world.lt.organisation,
        phase_1="Bepalen wat nodig is",
        phase_2="Doen wat nodig is",
        phase_3="Borgen wat nodig blijft",
    )
    published_version(world.case.family, world.lt)
    HelpEpisodeFactory(family=world.case.family, provider="CJG", offer="Opvoedondersteuning")
    body = _page(world.lt, world.case)
    assert "Bepalen wat nodig is" in body and "laatst bijgewerkt" in body and "Opvoedondersteuning" in body
    assert "Bepalen wat nodig is" not in _page(world.gi, world.case)
    assert "Fase 1: verbinden en motiveren" in _page(world.gi, world.case)
    lead = UserFactory(role=Role.TEAM_LEAD, organisation=world.gi.organisation)
    casework.work_phase_labels_set(actor=lead, phase_1="Verbinden", phase_2="Regie", phase_3="Borgen")
    assert casework.work_phase_label(1, organisation=world.gi.organisation) == "Verbinden"
    with pytest.raises(ValidationError, match="teamleider"):
        casework.work_phase_labels_set(actor=world.lt, phase_1="a", phase_2="b", phase_3="c")
    page = client_for(lead)
    assert 'value="Verbinden"' in page.get("/casussen/werkfasen/").content.decode()
    page.post("/casussen/werkfasen/", {"phase_1": "Kennismaken", "phase_2": "Doen", "phase_3": "Borgen"})
    assert "Kennismaken" in _page(world.gi, world.case)
    assert client_for(world.lt).get("/casussen/werkfasen/").status_code == 403
    assert "/casussen/werkfasen/" in page.get("/casussen/werkwijze/").content.decode()


def test_r046_measure_case_without_the_lt_is_registered_with_the_lt_at_the_start_of_the_end_phase():
    """R046: the case origin is recorded; a measure case not known to the LT gets a mandatory registration task
    with the LT when it enters the end phase."""
    gi = UserFactory(role=Role.GI_PROTECTOR, organisation=OrganisationFactory(type=OrganisationType.GI))
    from tests.factories import involve

    case = involve(gi, role=InvolvementRole.LEAD).case
    case.intake_source = "veilig_thuis"
    case.save()
    child = PersonFactory(family=case.family)
    products.measure_record(
        actor=gi,
        case=case,
        child=child,
        kind="ots",
        pronounced_on=START,
        starts_on=START,
        ends_on=START + dt.timedelta(days=365),
        urgent=True,
    )
    ChildConversation.objects.create(family=case.family, case=case, child=child, held_on=TODAY, spoken=True,
                                     with_parents="without", by_user=gi, created_by=gi)  # R520
    handovers.work_phase_next(actor=gi, case=case, on=TODAY, reason="verder")
    assert not case.tasks.exists()
    handovers.work_phase_next(actor=gi, case=case, on=TODAY, reason="eindfase")
    task = CaseTask.objects.get(case=case)
    assert task.kind == TaskKind.REGISTER_LT and "Veilig Thuis" in task.note


# --- Phase checklists (R047, R049) --------------------------------------------------------------------------------


def test_r047_lt_checklist_in_phases_1_and_4_with_extended_analysis_after_weighing():
    """R047: in phases 1 and 4 the LT checklist; the extended problem analysis only after weighing and decision."""
    from tests.cases.helpers import weigh_gi_needed

    world = make_world()
    body = _page(world.lt, world.case)
    assert "Bodemeisen" in body and "Alle kinderen in het gezin gesproken" in body
    assert "Ondersteuning ouders: financiën" in body
    with pytest.raises(ValidationError, match="na de weging"):
        casework.phase_task_check(actor=world.lt, case=world.case, item="extended_analysis", done=True)
    weigh_gi_needed(world)
    check = casework.phase_task_check(actor=world.lt, case=world.refresh(), item="extended_analysis", done=True)
    assert check.done and check.party == "lt"
    with pytest.raises(ValidationError, match="uw organisatie"):
        casework.phase_task_check(actor=world.gi, case=world.refresh(), item="bottom_line", done=True)


def test_r049_phase_3_gi_and_lt_checklists():
    """R049: in phase 3 (measure) the GI checklist (placement, legal procedures, …) and the LT parent support."""
    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    products.measure_record(
        actor=world.gi,
        case=world.case,
        child=world.children[0],
        kind="ots",
        pronounced_on=START,
        starts_on=START,
        ends_on=START + dt.timedelta(days=365),
    )
    body = _page(world.gi, world.refresh())
    assert "Plaatsing (MUHP, uithuisplaatsing)" in body and "Juridische procedures" in body
    assert "Ondersteuning ouders: huisvesting" in body
    casework.phase_task_check(actor=world.gi, case=world.case, item="placement", done=True)
    casework.phase_task_check(actor=world.lt, case=world.case, item="housing", done=True)
    with pytest.raises(ValidationError):
        casework.phase_task_check(actor=world.lt, case=world.case, item="placement", done=True)


# --- Split regie, joint work, siblings (R102, R118, R695) --------------------------------------------------------


def test_r102_split_regie_safety_with_gi_other_domains_with_lt():
    """R102: regie per domain: on a preventive track agreed at the JBT the GI holds the child's safety, the LT the
    other life domains; the decision rules follow the domain."""
    from gezinsplan.cases.responsibility import Party, case_responsibility, is_safety_responsible

    world = make_world()
    with pytest.raises(ValidationError, match="Jeugdbeschermingstafel"):
        casework.safety_regie_to_gi(actor=world.lt, case=world.case, on=TODAY, reason="x")
    casework.safety_regie_to_gi(actor=world.chair, case=world.case, on=TODAY, reason="Preventief traject")
    case = world.refresh()
    responsibility = case_responsibility(case)
    assert (responsibility.lead, responsibility.safety) == (Party.LT, Party.GI)
    assert casework.regie_for_domain(case, "safety") == Party.GI
    assert casework.regie_for_domain(case, "finances") == Party.LT
    assert is_safety_responsible(user=world.gi, case=case) and not is_safety_responsible(user=world.lt, case=case)


def test_r118_gi_works_with_skt_care_director_with_assignment_consent_and_a_type():
    """R118: joint GI-SKT work needs the client's assignment and consent and a type; type 2 leaves the regie on
    process and safety with the SKT."""
    world = make_world()
    values = dict(
        type=2,
        care_director="Zorgregisseur SKT",
        assignment_on=TODAY,
        consent_by="beide ouders",
        consent_on=TODAY,
        started_on=TODAY,
    )
    with pytest.raises(ValidationError, match="GI"):
        casework.joint_work_start(actor=world.lt, case=world.case, **values)
    with pytest.raises(ValidationError, match="instemming"):
        casework.joint_work_start(actor=world.gi, case=world.case, **{**values, "consent_by": " "})
    joint = casework.joint_work_start(actor=world.gi, case=world.case, **values)
    assert joint.process_and_safety_regie == "SKT (zorgregisseur)"


def test_r695_sibling_in_preventive_framework_only_with_a_municipality_gi_agreement():
    """R695: a sibling without a measure under 'justitieel preventief kader' only with a municipality-GI
    agreement; the sibling is in the voluntary framework within the same case."""
    from gezinsplan.cases.models import PreventiveAgreement

    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    products.measure_record(
        actor=world.gi,
        case=world.case,
        child=world.children[0],
        kind="ots",
        pronounced_on=START,
        starts_on=START,
        ends_on=START + dt.timedelta(days=365),
    )
    with pytest.raises(ValidationError, match="afspraak"):
        casework.sibling_preventive_register(actor=world.gi, case=world.case, child=world.children[1], starts_on=TODAY)
    PreventiveAgreement.objects.create(
        municipality=world.case.family.municipality, organisation=world.gi.organisation, valid_from=START
    )
    with pytest.raises(ValidationError, match="zelf een maatregel"):
        casework.sibling_preventive_register(actor=world.gi, case=world.case, child=world.children[0], starts_on=TODAY)
    sibling = casework.sibling_preventive_register(
        actor=world.gi, case=world.case, child=world.children[1], starts_on=TODAY
    )
    assert sibling.framework == "vrijwillig" and sibling.case == world.case


# --- Closure (R131, R504, R513, R583) -------------------------------------------------------------------------------


def _closure(**overrides):
    from tests.cases.helpers import closure

    return closure("end_state", **overrides)


def test_r131_r504_r513_r583_closing_with_the_feasible_end_state_needs_confirmations_plan_and_handover():
    """R583: closing needs next providers, documents and the family's part. R513: patterns broken and change
    secured. R504: lasting safety 'good enough' and a relapse plan. R131: end state reached means safety no longer
    at stake and not expected to be, with a borgingsplan; the definition is shown as help text."""
    world = make_world()
    close = dict(actor=world.lt, version=None, closed_on=TODAY, closing_reason="Haalbare eindsituatie bereikt")
    with pytest.raises(ValidationError) as error:
        services.case_close(case=world.case, closure={"kind": "end_state"}, **close)
    assert {"next_providers", "documents", "family_took_part_on", "family_present"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.case_close(case=world.case, closure=_closure(), **close)
    text = " ".join(error.value.messages)
    assert "patronen zijn doorbroken" in text and "goed genoeg" in text and "niet meer in het geding" in text
    assert "maak eerst een borgingsplan" in text and "terugval" in text
    analysis_for(world.case.family, assurance_agreements="a", adherence_check="b")  # written before R044 applied
    with pytest.raises(ValidationError, match="volledig borgingsplan"):  # R513: plan incomplete
        services.case_close(case=world.case, closure=_closure(patterns_broken=True, change_secured=True), **close)
    _assurance(world, **ASSURANCE, relapse_actions="Bij terugval belt moeder oma en de huisarts")
    with pytest.raises(ValidationError, match="goed genoeg"):  # R504: the safety app's judgement
        services.case_close(case=world.case, closure=_closure(patterns_broken=True, change_secured=True), **close)
    from gezinsplan.safety.services import good_enough_record

    good_enough_record(actor=world.lt, case=world.case, verdict="no", reasons="Nog wankel", assessed_on=TODAY,
                       participants="gezin, LT")
    with pytest.raises(ValidationError, match="goed genoeg"):
        services.case_close(case=world.case, closure=_closure(patterns_broken=True, change_secured=True), **close)
    good_enough_record(actor=world.lt, case=world.case, verdict="yes", reasons="Een half jaar stabiel",
                       assessed_on=TODAY, participants="gezin, LT")
    with pytest.raises(ValidationError, match="niet meer in het geding"):
        services.case_close(case=world.case, closure=_closure(patterns_broken=True, change_secured=True), **close)
    services.case_close(
        case=world.case,
        closure=_closure(patterns_broken=True, change_secured=True, safety_not_at_stake=True, not_expected_again=True),
        **close,
    )
    case = world.refresh()
    assert case.status == "closed" and case.closure.next_providers == "Huisarts en wijkteam"
    form = client_for(world.lt).get(f"/casussen/{case.pk}/afsluiten/").content.decode()
    assert "niet meer in het geding is en ook niet meer komt" in form


# --- Measures (R255, R506, R540, R593, R603, R658, R694) --------------------------------------------------------


def _ots(world, child=None, kind="ots", **extra):
    if world.refresh().phase != "measure":
        complete_handover(world, giver=world.lt, receiver=world.gi)
    return products.measure_record(
        actor=world.gi,
        case=world.refresh(),
        child=child or world.children[0],
        kind=kind,
        pronounced_on=START,
        starts_on=START,
        ends_on=START + dt.timedelta(days=365),
        **extra,
    )


def test_r603_youth_probation_needs_an_offence_judged_by_a_court():
    """R603: a JR measure links to an offence judged by a criminal or juvenile court; school absence counts."""
    world = make_world()
    child = world.children[0]
    with pytest.raises(ValidationError, match="strafbaar feit"):
        _ots(world, kind="jr")
    unjudged = casework.offence_record(
        actor=world.gi, case=world.case, child=child, kind="school_absence", committed_on=START
    )
    with pytest.raises(ValidationError, match="nog niet door de straf- of kinderrechter"):
        _ots(world, kind="jr", offence=unjudged)
    judged = casework.offence_record(
        actor=world.gi,
        case=world.case,
        child=child,
        kind="school_absence",
        committed_on=START,
        judged_by="juvenile_court",
        judged_on=START,
    )
    measure = _ots(world, kind="jr", offence=judged)
    assert measure.offence.get_kind_display() == "schoolverzuim"


def test_r506_jr_case_needs_a_goal_on_preventing_new_offences_and_new_offences_are_recorded():
    """R506: with a JR measure the plan has a goal on preventing new offences; new offences can be recorded."""
    from tests.analysis.factories import GoalFactory

    world = make_world()
    child = world.children[0]
    offence = casework.offence_record(
        actor=world.gi,
        case=world.case,
        child=child,
        kind="property",
        committed_on=START,
        judged_by="juvenile_court",
        judged_on=START,
    )
    _ots(world, kind="jr", offence=offence)
    assert "nieuwe delicten" in _page(world.gi, world.case)
    new = casework.offence_record(
        actor=world.gi, case=world.case, child=child, kind="vandalism", committed_on=TODAY, during_case=True
    )
    assert new.during_case and world.case.offences.filter(during_case=True).count() == 1
    GoalFactory(family=world.case.family, what="Sami pleegt geen nieuwe delicten", life_domain="justitie")
    assert "nieuwe delicten" not in _page(world.gi, world.case)


def test_r593_council_report_is_attached_at_intake_of_a_measure_case():
    """R593: a measure case asks for the council's report as a source document; the findings are kept."""
    world = make_world()
    _ots(world)
    assert "raadsrapport" in _page(world.gi, world.case)
    report = casework.council_report_record(
        actor=world.gi,
        case=world.case,
        received_on=START,
        findings="Sjors heeft al veel meegemaakt",
        reference="RvdK-123",
    )
    assert report.findings.startswith("Sjors")
    assert "raadsrapport" not in _page(world.gi, world.case)


def test_r255_joint_urgent_request_for_vots_with_muhp_and_its_outcome():
    """R255: an urgent VOTS request, optionally with MUHP, co-authored by JB and LT, with the council's and the
    court's decisions."""
    world = make_world()
    with pytest.raises(ValidationError, match="jeugdbeschermer"):
        casework.urgent_request_submit(
            actor=world.lt, case=world.case, child=world.children[0], submitted_on=TODAY, grounds="Acuut onveilig"
        )
    request = casework.urgent_request_submit(
        actor=world.gi,
        case=world.case,
        child=world.children[0],
        submitted_on=TODAY - dt.timedelta(days=2),
        grounds="Acuut onveilig",
        with_muhp=True,
        author_lt=world.lt,
    )
    assert request.author_lt == world.lt and request.with_muhp
    with pytest.raises(ValidationError, match="vóór het verzoek"):
        casework.urgent_request_outcome(
            actor=world.gi, request=request, council_followed=True, council_on=TODAY - dt.timedelta(days=5),
            version=request.version,
        )
    done = casework.urgent_request_outcome(
        actor=world.gi,
        request=request,
        council_followed=True,
        council_on=TODAY - dt.timedelta(days=1),
        court_decision="VOTS en MUHP toegewezen",
        court_decided_on=TODAY,
        version=request.version,
    )
    assert done.council_followed and done.court_decided_on == TODAY


def test_r540_ots_extension_needs_an_evaluation_reviewed_by_the_team_leader():
    """R540: an OTS extension rests on a written evaluation (why home is not yet good enough), reviewed and
    commented on by the team leader before it is submitted."""
    from tests.cases.helpers import team_lead_for

    world = make_world()
    measure = _ots(world)
    extend = dict(
        actor=world.gi,
        measure=measure,
        decided_on=TODAY,
        new_ends_on=measure.ends_on + dt.timedelta(180),
        court_decision="verlengd",
    )
    with pytest.raises(ValidationError, match="evaluatie"):
        products.measure_extend(**extend)
    with pytest.raises(ValidationError, match="niet goed genoeg"):
        casework.evaluation_write(actor=world.gi, measure=measure, evaluation="Tekst", not_good_enough="")
    evaluation = casework.evaluation_write(
        actor=world.gi, measure=measure, evaluation="Tekst", not_good_enough="Moeder is nog niet stabiel"
    )
    with pytest.raises(ValidationError, match="leidinggevende"):
        casework.evaluation_submit(actor=world.gi, evaluation=evaluation, on=TODAY)
    with pytest.raises(ValidationError, match="teamleider"):
        casework.evaluation_review(actor=world.gi, evaluation=evaluation, comment="ok", on=TODAY,
                                   version=evaluation.version)
    evaluation = casework.evaluation_review(
        actor=team_lead_for(world), evaluation=evaluation, comment="Akkoord", on=TODAY, version=evaluation.version
    )
    casework.evaluation_submit(actor=world.gi, evaluation=evaluation, on=TODAY)
    assert products.measure_extend(**extend).court_decision == "verlengd"


def test_r658_gi_steps_back_only_with_sufficiently_safe_or_career_turned_and_local_care_confirmed():
    """R658: before the GI steps back: 'sufficiently safe' (protection) or 'criminal career turned' (JR), and
    family, network and local care manage on their own."""
    world = make_world()
    measure = _ots(world)
    complete_handover(world, giver=world.gi, receiver=world.lt)
    ready_to_end_measure(world)  # R070, R410
    end = dict(actor=world.gi, measure=measure, ended_on=TODAY, end_reason="doelen bereikt")
    with pytest.raises(ValidationError) as error:
        products.measure_end(**end)
    assert {"step_back_basis", "local_can_manage"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError, match="voldoende veilig"):
        products.measure_end(**end, step_back_basis="career_turned", local_can_manage=True)
    products.measure_end(**end, step_back_basis="sufficiently_safe", local_can_manage=True)
    assert world.refresh().phase == "lt_after"
    assert "voldoende veilig" in world.case.transitions.last().reason


def test_r694_divorce_ots_needs_two_guardians_file_analysis_ladder_and_children_spoken_alone():
    """R694: an OTS with 'divorce': two guardians, a file analysis, the escalation ladder, the first conversation
    with both parents and guardians unless a safety reason, and the children spoken without their parents."""
    from gezinsplan.collaboration.services import conversation_record

    world = make_world(children=1)
    world.case.complex_divorce = True
    world.case.save()
    _ots(world)
    gaps = casework.divorce_gaps(world.refresh())
    assert len(gaps) == 5 and "twee gezinsvoogden" in _page(world.gi, world.case)
    second = UserFactory(role=Role.GI_PROTECTOR, organisation=world.gi.organisation)
    InvolvementFactory(case=world.case, user=second, role=InvolvementRole.SUPPORT, start_date=START)
    with pytest.raises(ValidationError, match="veiligheidsreden"):
        casework.divorce_approach_save(actor=world.gi, case=world.case, version=None, first_conversation_on=TODAY)
    casework.divorce_approach_save(
        actor=world.gi,
        case=world.case,
        version=None,
        problems="p",
        interests="i",
        parties="ouders",
        legal_framework="OTS, omgangsregeling",
        escalation_level=6,
        first_conversation_on=TODAY,
        first_conversation_complete=True,
    )
    conversation_record(
        actor=world.gi,
        case=world.case,
        child=world.children[0],
        held_on=TODAY,
        by_user=world.gi,
        with_parents="without",
        purposes=["introduction"],
        child_voice="Ik wil geen ruzie meer",
    )
    assert casework.divorce_gaps(world.refresh()) == []


# --- After a handover (R337) --------------------------------------------------------------------------------------


def test_r337_handed_over_family_without_help_is_signalled_to_both_sides_and_reported_per_region():
    """R337: a handover needs a named receiver and acceptance; without registered help within the period both
    organisations see a signal; the share of VT families without help is reported per region."""
    from gezinsplan.cases.models import Handover

    world = make_world()
    world.case.intake_source = "veilig_thuis"
    world.case.save()
    colleague = _lt_colleague(world)
    handover = complete_handover(world, giver=world.lt, receiver=colleague)
    Handover.objects.filter(pk=handover.pk).update(accepted_at=handover.accepted_at - dt.timedelta(days=40))
    items = [i for i in _due(world, colleague) if i.kind == "Na overdracht"]
    assert len(items) == 1 and str(world.lt) in items[0].who and str(colleague) in items[0].who
    report = casework.region_without_help_after_vt()
    assert report[0]["percent"] == 100
    casework.help_propose(actor=colleague, case=world.case, domain="wmo", description="Huishoudelijke hulp")
    assert not [i for i in _due(world, colleague) if i.kind == "Na overdracht"]
    assert casework.region_without_help_after_vt()[0]["percent"] == 0
    policy_officer = UserFactory(role=Role.POLICY_OFFICER, organisation=None)
    body = client_for(policy_officer).get("/casussen/regio-overzicht/").content.decode()
    assert "Zonder hulp" in body and "0%" in body
    assert client_for(world.lt).get("/casussen/regio-overzicht/").status_code == 403


# --- Conversations with children (R158, R162) -------------------------------------------------------------------


def test_r158_child_age_on_the_day_and_age_appropriate_guidance_on_the_case_page():
    """R158: the child's age from the date of birth and age-specific guidance (open questions from about 4)."""
    from gezinsplan.cases.selectors import age_on, conversation_guidance

    assert age_on(dt.date(2018, 3, 1), dt.date(2022, 2, 28)) == 3
    assert age_on(dt.date(2018, 3, 1), dt.date(2022, 3, 1)) == 4
    assert "geen open vragen" in conversation_guidance(3)
    assert "open vragen" in conversation_guidance(4)
    world = make_world()
    body = _page(world.lt, world.case)
    expected = age_on(world.children[0].birth_date, TODAY)
    assert f"({expected} jaar)" in body and "Vanaf ongeveer 4 jaar kunt u open vragen stellen" in body


def test_r162_conscious_choice_about_parents_presence_and_conversation_tools():
    """R162: a child conversation requires 'with or without parents'; tools are recorded."""
    from gezinsplan.collaboration.services import conversation_record

    world = make_world()
    values = dict(
        actor=world.lt,
        case=world.case,
        child=world.children[0],
        held_on=TODAY,
        by_user=world.lt,
        purposes=["safety"],
        child_voice="Het is thuis soms eng",
        tools="Drie Huizen",
    )
    with pytest.raises(ValidationError, match="met of zonder ouders"):
        conversation_record(**values)
    record = conversation_record(**values, with_parents="without")
    assert record.tools == "Drie Huizen" and record.get_with_parents_display() == "zonder ouders"


# --- Product 2b ends through a recorded event (issue 4, brief) ---------------------------------------------------


def test_2b_past_its_end_date_keeps_the_gi_lead_and_needs_an_explicit_recorded_end():
    """A 2b past its planned end date does not silently hand the lead back to the LT: it shows as open until its end
    is recorded with a reason; ending it moves the lead back only after a handover (R019, R024)."""
    from gezinsplan.cases.responsibility import Party, case_responsibility

    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    indication = products.indicate_2b(
        actor=world.chair,
        case=world.refresh(),
        starts_on=START,
        decision_on=START,
        consent_by="moeder (gezag)",
        consent_on=START,
        ends_on=TODAY - dt.timedelta(days=10),
    )
    assert case_responsibility(world.refresh()).lead == Party.GI
    body = _page(world.gi, world.case)
    assert "Product 2b is over de einddatum" in body and "Tot dan houdt de GI de regie" in body
    assert any(i.kind == "Product 2b" for i in _due(world, world.gi))
    with pytest.raises(ValidationError, match="2b beëindigen"):
        products.indication_end(actor=world.gi, indication=indication, ends_on=TODAY)
    with pytest.raises(ValidationError, match="reden"):
        products.indication_2b_end(actor=world.gi, indication=indication, ends_on=TODAY, reason=" ")
    with pytest.raises(ValidationError, match="schone overdracht"):
        products.indication_2b_end(
            actor=world.gi, indication=indication, ends_on=TODAY, reason="Raadsonderzoek: geen maatregel nodig"
        )
    complete_handover(world, giver=world.gi, receiver=world.lt)
    response = client_for(world.gi).post(
        f"/casussen/{world.case.pk}/producten/{indication.pk}/2b-beeindigen/",
        {"ends_on": (TODAY - dt.timedelta(days=1)).isoformat(), "reason": "Raadsonderzoek: geen maatregel nodig"},
    )
    assert response.status_code == 302
    case = world.refresh()
    assert case_responsibility(case).lead == Party.LT
    assert case.transitions.last().trigger == "product_2b_ended"
    assert not any(i.kind == "Product 2b" for i in _due(world, world.gi))


def test_a_measure_after_a_2b_records_the_end_of_the_2b_with_its_outcome():
    """When the council investigation leads to a measure, the bridging 2b ends with that recorded outcome."""
    world = make_world()
    indication = _with_2b(world)
    _ots(world)
    indication.refresh_from_db()
    assert indication.end_reason.startswith("Maatregel uitgesproken") and indication.ends_on == START


# --- API --------------------------------------------------------------------------------------------------------


def test_r543_r531_contacts_through_the_api_need_a_safety_score():
    """R543/R531 via the API: a contact without a safety score is refused with a Dutch message; with one it is
    listed."""
    world = make_world()
    url = f"/api/v1/cases/{world.case.pk}/contacts/"
    refused = client_for(world.lt).post(
        url, {"kind": "home_visit", "held_on": TODAY.isoformat()}, content_type="application/json"
    )
    assert refused.status_code == 400 and "veiligheidsscore" in str(refused.json())
    made = client_for(world.lt).post(
        url,
        {"kind": "home_visit", "held_on": TODAY.isoformat(), "safety_score": 7, "clarity_checked": True},
        content_type="application/json",
    )
    assert made.status_code == 201
    assert client_for(world.gi).get(url).json()["results"][0]["safety_score"] == 7


def test_2b_past_end_keeps_gi_lead_in_the_api_until_ended_through_the_api():
    """The API shows the GI lead on a 2b past its planned end; the end is recorded through its own endpoint."""
    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    indication = products.indicate_2b(
        actor=world.chair,
        case=world.refresh(),
        starts_on=START,
        decision_on=START,
        consent_by="moeder",
        consent_on=START,
        ends_on=TODAY - dt.timedelta(days=3),
    )
    assert client_for(world.gi).get(f"/api/v1/cases/{world.case.pk}/").json()["lead"] == "gi"
    complete_handover(world, giver=world.gi, receiver=world.lt)
    response = client_for(world.gi).post(
        f"/api/v1/cases/{world.case.pk}/indications/{indication.pk}/end-2b/",
        {"ends_on": (TODAY - dt.timedelta(days=1)).isoformat(), "reason": "Raad: geen verzoek tot maatregel"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["end_reason"].startswith("Raad")
    assert client_for(world.gi).get(f"/api/v1/cases/{world.case.pk}/").json()["lead"] == "lt"


def test_r265_r588_r027_method_pages_work_from_the_case_page():
    """The method's forms on the case page: the contact person change shows the analysis link first (R265), a visit
    leads to the plan update page (R588), the status page creates the weighing task (R027), a task is done."""
    world = make_world()
    analysis_for(world.case.family)
    casework.contact_person_assign(actor=world.lt, case=world.case, user=world.lt, on=START, reason="registration")
    colleague = _lt_colleague(world)
    client = client_for(world.lt)
    base = f"/casussen/{world.case.pk}"
    assert client.get(f"{base}/contactpersoon/").status_code == 200
    response = client.post(
        f"{base}/contactpersoon/", {"user": colleague.pk, "on": TODAY.isoformat(), "reason": "relationship_broken"}
    )
    assert response.status_code == 302
    assert "Naar de verklarende analyse" in _page(world.lt, world.case)
    client.post(f"{base}/contacten/nieuw/", {"kind": "home_visit", "held_on": TODAY.isoformat(), "safety_score": 6})
    visit = world.case.contacts.get()
    refused = client.post(f"{base}/contacten/{visit.pk}/plan/", {"concerns": "on", "version": visit.version})
    assert refused.status_code == 200 and "Doelen nagelopen" in refused.content.decode()
    client.post(f"{base}/contacten/{visit.pk}/plan/", {"concerns": "on", "strengths": "on", "goals": "on",
                                                       "version": visit.version})
    visit.refresh_from_db()
    assert visit.plan_updated_on == TODAY
    client.post(f"{base}/status/", {"cooperation_sufficient": "false", "pattern_breaking": "unknown"})
    task = world.case.tasks.get(kind=TaskKind.WEIGH_ESCALATION)
    client.post(f"{base}/taken/{task.pk}/afgerond/")
    task.refresh_from_db()
    assert task.done_on == TODAY
    for path in ("gebeurtenissen/nieuw", "hulp/nieuw", "uitleg-weigeren", "gezinsplan-afspreken"):
        assert client.get(f"{base}/{path}/").status_code == 200, path


def test_r540_r603_evaluation_and_offence_pages():
    """R540 through the pages: the GI writes the evaluation, the team leader reviews, the GI submits. R603: an
    offence is recorded on its page and offered when recording a JR measure."""
    from tests.cases.helpers import team_lead_for

    world = make_world()
    measure = _ots(world)
    base = f"/casussen/{world.case.pk}"
    gi = client_for(world.gi)
    gi.post(
        f"{base}/maatregelen/{measure.pk}/evaluatie/",
        {"evaluation": "Doelen deels bereikt", "not_good_enough": "Moeder nog niet stabiel"},
    )
    evaluation = measure.evaluations.get()
    lead = client_for(team_lead_for(world))
    page = lead.get(f"{base}/maatregelen/{measure.pk}/evaluatie/").content.decode()
    assert "Moeder nog niet stabiel" in page and "Commentaar van de leidinggevende" in page
    lead.post(f"{base}/maatregelen/{measure.pk}/evaluatie/", {"step": "review", "comment": "Akkoord",
                                                              "evaluation_id": evaluation.pk,
                                                              "version": evaluation.version})
    gi.post(f"{base}/maatregelen/{measure.pk}/evaluatie/", {"step": "submit", "on": TODAY.isoformat(),
                                                            "evaluation_id": evaluation.pk})
    evaluation.refresh_from_db()
    assert evaluation.review_comment == "Akkoord" and evaluation.submitted_on == TODAY
    gi.post(
        f"{base}/strafbare-feiten/nieuw/",
        {
            "child": world.children[1].pk,
            "kind": "school_absence",
            "committed_on": TODAY.isoformat(),
            "judged_by": "juvenile_court",
            "judged_on": TODAY.isoformat(),
        },
    )
    offence = world.case.offences.get()
    assert offence.get_kind_display() == "schoolverzuim"
    assert "schoolverzuim" in gi.get(f"{base}/maatregelen/nieuw/").content.decode()


def test_r517_case_open_form_records_the_registration_date():
    """R517: the registration date is recorded when a case is opened; the deadline follows from it."""
    lt = UserFactory(role=Role.LT_PROFESSIONAL, organisation=OrganisationFactory(type=OrganisationType.LOCAL_TEAM))
    from tests.factories import involve

    family = involve(lt).case.family
    family.cases.update(status="closed")
    response = client_for(lt).post(
        f"/casussen/gezin/{family.pk}/nieuw/",
        {
            "reason": "Aanmelding school",
            "intake_source": "school",
            "registered_on": (TODAY - dt.timedelta(2)).isoformat(),
            "opened_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    case = family.cases.get(status="open")
    assert casework.home_visit_status(case).deadline == TODAY + dt.timedelta(days=5)
    assert casework.current_contact_person(case).user == lt  # R264


def test_case_page_with_the_method_panel_keeps_a_constant_query_count():
    """The case page does not query per contact, help, task, contact person or child."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = make_world()
    client = client_for(world.lt)
    url = f"/casussen/{world.case.pk}/"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def grow():
        casework.contact_record(
            actor=world.lt, case=world.case, kind=ContactKind.HOME_VISIT, held_on=TODAY, safety_score=7
        )
        casework.help_propose(actor=world.lt, case=world.case, domain="wmo", description="Wmo", person=_parent(world))
        casework.event_record(actor=world.lt, case=world.case, kind="relapse", occurred_on=TODAY, description="x")
        PersonFactory(family=world.case.family)
        HelpEpisodeFactory(family=world.case.family)

    grow()
    casework.contact_person_assign(actor=world.lt, case=world.case, user=world.lt, on=START, reason="registration")
    small = count()
    for _ in range(4):
        grow()
    casework.contact_person_assign(
        actor=world.lt, case=world.case, user=_lt_colleague(world), on=TODAY, reason="relationship_broken"
    )
    casework.status_set(actor=world.lt, case=world.refresh(), cooperation_sufficient=False, pattern_breaking=None)
    assert count() == small


def test_2b_ended_row_of_the_transition_table_only_from_lt_gi_and_only_by_jbt_chair_or_gi():
    """The '2b beëindigd' row: allowed from 'lt_gi' only, by the JBT chair or the GI, and only with a reason."""
    from gezinsplan.cases.transitions import Trigger, apply_transition, find

    row = find(Trigger.PRODUCT_2B_ENDED, "lt_gi")
    assert row is not None and Role.JBT_CHAIR in row.who and Role.GI_PROTECTOR in row.who
    assert Role.LT_PROFESSIONAL not in row.who
    assert all(find(Trigger.PRODUCT_2B_ENDED, phase) is None for phase in ("lt", "measure", "lt_after"))
    world = make_world()
    with pytest.raises(ValidationError, match="niet mogelijk"):
        apply_transition(case=world.case, trigger=Trigger.PRODUCT_2B_ENDED, actor=world.gi, on=TODAY)
    indication = _with_2b(world)
    with pytest.raises(ValidationError, match="Uw rol"):
        products.indication_2b_end(actor=world.lt, indication=indication, ends_on=TODAY, reason="klaar")


# --- Nothing lost: a stale edit is refused and the typed text offered back ------------------------------------


def test_stale_edit_status_indicators_refused_in_the_service():
    world = make_world()
    colleague = _lt_colleague(world)
    opened_on = world.refresh().version  # both open the form on this version
    casework.status_set(actor=world.lt, case=world.refresh(), cooperation_sufficient=True, pattern_breaking=True,
                        version=opened_on)
    with pytest.raises(StaleEdit):
        casework.status_set(actor=colleague, case=world.refresh(), cooperation_sufficient=False,
                            pattern_breaking=False, version=opened_on)
    case = world.refresh()
    assert case.cooperation_sufficient is True and case.pattern_breaking is True
    assert not case.tasks.filter(kind=TaskKind.WEIGH_ESCALATION).exists()


def test_stale_edit_status_indicators_page_keeps_the_choice_with_the_dutch_message():
    world = make_world()
    colleague = _lt_colleague(world)
    url = f"/casussen/{world.case.pk}/status/"
    first, second = client_for(world.lt), client_for(colleague)
    assert first.get(url).status_code == 200 and second.get(url).status_code == 200
    opened_on = world.refresh().version
    response = first.post(url, {"cooperation_sufficient": "true", "pattern_breaking": "true", "version": opened_on})
    assert response.status_code == 302
    response = second.post(url, {"cooperation_sufficient": "false", "pattern_breaking": "false",
                                 "version": opened_on})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body
    assert response.context["form"].data["cooperation_sufficient"] == "false"  # their choice is offered back
    assert world.refresh().cooperation_sufficient is True


def test_stale_edit_contact_person_refused_in_the_service():
    world = make_world()
    colleague, other = _lt_colleague(world), _lt_colleague(world)
    row = casework.contact_person_assign(actor=world.lt, case=world.case, user=world.lt, on=START,
                                         reason="registration")
    casework.contact_person_assign(actor=world.lt, case=world.refresh(), user=colleague, on=TODAY,
                                   reason="relationship_broken", version=row.version, current_id=row.pk)
    with pytest.raises(StaleEdit):
        casework.contact_person_assign(actor=other, case=world.refresh(), user=other, on=TODAY,
                                       reason="other", note="Mijn toelichting", version=row.version,
                                       current_id=row.pk)
    assert casework.current_contact_person(world.refresh()).user == colleague


def test_stale_edit_contact_person_page_keeps_the_typed_note():
    world = make_world()
    colleague, other = _lt_colleague(world), _lt_colleague(world)
    row = casework.contact_person_assign(actor=world.lt, case=world.case, user=world.lt, on=START,
                                         reason="registration")
    url = f"/casussen/{world.case.pk}/contactpersoon/"
    opened = client_for(other).get(url).context["form"].initial
    assert opened["version"] == row.version and opened["current_id"] == row.pk
    response = client_for(world.lt).post(url, {"user": colleague.pk, "on": TODAY.isoformat(),
                                               "reason": "relationship_broken", "version": opened["version"],
                                               "current_id": opened["current_id"]})
    assert response.status_code == 302
    response = client_for(other).post(url, {"user": other.pk, "on": TODAY.isoformat(), "reason": "other",
                                            "note": "Mijn eigen toelichting", "version": opened["version"],
                                            "current_id": opened["current_id"]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body and "Mijn eigen toelichting" in body
    assert casework.current_contact_person(world.refresh()).user == colleague
