"""Accounts rules: fixed GI workers on site (R037), decision rules of the regie organisation (R099, R101, R103,
R627), local intake (R115), versioned method content (R168), supporting roles (R267), training and reflection
(R282), the central municipality (R327), toekomsttuin teams (R342, R347), on-call duty (R505), the behavioural
scientist's consultation (R542) and the lawyer's consultation hour (R599)."""

import datetime as dt
from html import escape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gezinsplan.accounts import services
from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.accounts.models import (
    CaseSupport,
    DecisionRule,
    ExpertConsultation,
    FixedProtector,
    IntakeStep,
    MethodVersion,
    OnCallShift,
    Team,
    TrainingAttendance,
)
from gezinsplan.cases.models import Case, Involvement, Phase
from gezinsplan.privacy.models import AccessLogEntry
from tests.conftest import client_for
from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    TeamFactory,
    UserFactory,
    involve,
)

TODAY = dt.date.today()


@pytest.fixture
def lt_lead(db):
    team = TeamFactory(organisation=OrganisationFactory(type=OrganisationType.LOCAL_TEAM))
    return UserFactory(role=Role.LT_PROFESSIONAL, organisation=team.organisation, team=team)


@pytest.fixture
def case(lt_lead):
    return involve(lt_lead).case


@pytest.fixture
def gi(case):
    org = OrganisationFactory(type=OrganisationType.GI, name="GI Haaglanden")
    protector = UserFactory(role=Role.GI_PROTECTOR, organisation=org)
    Involvement.objects.create(case=case, user=protector, organisation=org, role="support",
                               start_date=case.opened_on)
    return org


@pytest.mark.django_db
def test_r037_fixed_protector_on_site_day_and_anonymised_discussion_on_call(lt_lead):
    municipality = MunicipalityFactory(name="Delft")
    protector = UserFactory(role=Role.GI_PROTECTOR, first_name="Gerda", last_name="Vast")
    FixedProtector.objects.create(protector=protector, municipality=municipality, on_site_weekday=2,
                                  on_site_part="morning")
    page = client_for(lt_lead).get("/account/werkwijze/").content.decode()
    assert "Gerda Vast" in page and "dinsdag" in page and "ochtend" in page
    assert "geanonimiseerde casusbespreking" in page and "/privacy/consultaties/" in page


@pytest.mark.django_db
def test_r099_r627_the_regie_organisations_rules_apply_and_switch_with_the_regie(case, lt_lead, gi):
    DecisionRule.objects.create(organisation=lt_lead.organisation, decision_type="safety", authority="worker")
    DecisionRule.objects.create(organisation=gi, decision_type="safety", authority="manager",
                                approval_by="manager")
    assert services.decision_rule_for_case(case=case, decision_type="safety").organisation == lt_lead.organisation
    assert services.decision_problems(case=case, decision_type="safety") == []
    case.phase = Phase.MEASURE
    case.save()
    case = Case.objects.get(pk=case.pk)  # a new request: the regie is derived afresh
    assert services.decision_rule_for_case(case=case, decision_type="safety").organisation == gi
    problems = services.decision_problems(case=case, decision_type="safety", approved_by=[lt_lead])
    assert any("gezamenlijk overleg" in p and "GI Haaglanden" in p for p in problems)
    gi_lead = UserFactory(role=Role.TEAM_LEAD, organisation=gi)
    assert services.decision_problems(case=case, decision_type="safety", approved_by=[gi_lead]) == []


@pytest.mark.django_db
def test_r627_a_court_decision_is_never_replaced_by_a_meeting(case, lt_lead):
    DecisionRule.objects.create(organisation=lt_lead.organisation, decision_type="placement", authority="court",
                                approval_by="court")
    assert any("kinderrechter" in p for p in services.decision_problems(case=case, decision_type="placement"))


@pytest.mark.django_db
def test_r101_only_the_internal_gw_consult_satisfies_the_requirement(case, lt_lead, gi):
    DecisionRule.objects.create(organisation=gi, decision_type="measure_needed", authority="behavioural_scientist",
                                requires_internal_gw_consult=True)
    case.phase = Phase.MEASURE
    case.save()
    case = Case.objects.get(pk=case.pk)
    assert "eigen gedragswetenschapper" in services.decision_problems(case=case, decision_type="measure_needed")[0]
    external_gw = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST, organisation=lt_lead.organisation)
    services.expert_consultation_record(actor=lt_lead, case=case, kind="behavioural", expert=external_gw,
                                        question="OTS nodig?", advice="Ja, overweeg", decision_type="measure_needed")
    assert services.decision_problems(case=case, decision_type="measure_needed") != []  # external: extra only
    internal_gw = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST, organisation=gi)
    services.expert_consultation_record(actor=lt_lead, case=case, kind="behavioural", expert=internal_gw,
                                        question="OTS nodig?", advice="Ja", decision_type="measure_needed")
    assert services.decision_problems(case=case, decision_type="measure_needed") == []


@pytest.mark.django_db
def test_r103_the_case_page_shows_who_decides_in_each_involved_organisation(case, lt_lead, gi):
    gi.managers_attend_case_discussions = True
    gi.save()
    DecisionRule.objects.create(organisation=gi, decision_type="placement", authority="manager")
    page = client_for(lt_lead).get(f"/casussen/{case.pk}/").content.decode()
    assert "Wie beslist" in page and "GI Haaglanden" in page and "de teamleider of manager" in page
    assert lt_lead.organisation.name in page


@pytest.mark.django_db
def test_r115_each_local_team_shows_its_own_intake_steps(lt_lead):
    IntakeStep.objects.create(organisation=lt_lead.organisation, order=1, title="Aanmelding via Delfts Support")
    IntakeStep.objects.create(organisation=lt_lead.organisation, order=2, title="Triage in het teamoverleg")
    other = OrganisationFactory(type=OrganisationType.LOCAL_TEAM)
    IntakeStep.objects.create(organisation=other, order=1, title="Wijkteam Rijswijk belt terug")
    page = client_for(lt_lead).get("/gezinnen/nieuw/").content.decode()
    assert "Delfts Support" in page and "Triage in het teamoverleg" in page and "Rijswijk" not in page
    assert page.index("Delfts Support") < page.index("Triage")


@pytest.mark.django_db
def test_r168_method_content_is_versioned_with_the_seed_values_as_default(settings, lt_lead):
    assert services.method_value("product_2a_budget_hours") == 25
    MethodVersion.objects.create(label="2027.1", effective_from=TODAY + dt.timedelta(days=30),
                                 values={"product_2a_budget_hours": 30})
    assert services.method_value("product_2a_budget_hours") == 25  # not yet in force
    MethodVersion.objects.create(label="2026.2", effective_from=TODAY - dt.timedelta(days=1),
                                 values={"product_2a_budget_hours": 20}, note="budget verlaagd")
    assert services.method_value("product_2a_budget_hours") == 20
    assert services.method_value("product_2a_budget_hours", on=TODAY + dt.timedelta(days=31)) == 30
    assert services.method_value("budget_warning_share") == settings.GEZINSPLAN_METHOD["budget_warning_share"]
    page = client_for(lt_lead).get("/account/werkwijze/").content.decode()
    assert "2026.2" in page and "jeugdhulphaaglanden.nl" in page


@pytest.mark.django_db
def test_r267_buddy_from_the_own_team_and_specialists_are_attached_to_a_case(case, lt_lead):
    colleague = UserFactory(role=Role.LT_PROFESSIONAL, organisation=lt_lead.organisation, team=lt_lead.team)
    stranger = UserFactory(role=Role.LT_PROFESSIONAL, organisation=lt_lead.organisation)
    with pytest.raises(ValidationError) as error:
        services.case_support_add(actor=lt_lead, case=case, user=stranger, kind="buddy", since=TODAY)
    assert "eigen team" in error.value.message_dict["user"][0]
    client = client_for(lt_lead)
    url = f"/account/casus/{case.pk}/ondersteuning/nieuw/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": "buddy", "user": colleague.pk, "since": TODAY.isoformat()}).status_code == 302
    services.case_support_add(actor=lt_lead, case=case, user=UserFactory(), kind="project_leader", since=TODAY)
    assert CaseSupport.objects.filter(case=case).count() == 2
    assert client_for(colleague).get(f"/casussen/{case.pk}/").status_code == 200  # the buddy can see the case
    page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert "buddy (uit het eigen team)" in page and "projectleider Beter Samenspel" in page


@pytest.mark.django_db
def test_r282_training_and_reflection_attendance_and_who_is_overdue(lt_lead):
    lead = UserFactory(role=Role.TEAM_LEAD, organisation=lt_lead.organisation, team=lt_lead.team)
    client = client_for(lead)
    page = client.get("/account/team/training/").content.decode()
    assert escape(str(lt_lead)) in page and "starttraining: 0 van 4 dagdelen" in page
    for days_ago in (40, 30, 20, 10):
        services.training_attendance_record(actor=lead, users=[lt_lead], kind="start_training",
                                            held_on=TODAY - dt.timedelta(days=days_ago))
    response = client.post("/account/team/training/", {"kind": "maintenance", "held_on": TODAY.isoformat(),
                                                       "users": [lt_lead.pk]})
    assert response.status_code == 302
    services.training_attendance_record(actor=lead, users=[lt_lead], kind="reflection",
                                        held_on=TODAY - dt.timedelta(days=100))
    overdue = {row["user"]: row["reasons"] for row in services.training_overdue(users=[lt_lead])}
    assert len(overdue[lt_lead]) == 1 and overdue[lt_lead][0].startswith("reflectiebijeenkomst")
    services.training_attendance_record(actor=lead, users=[lt_lead], kind="reflection", held_on=TODAY)
    assert services.training_overdue(users=[lt_lead]) == []
    assert TrainingAttendance.objects.filter(user=lt_lead).count() == 7
    assert client_for(lt_lead).get("/account/team/training/").status_code == 403


@pytest.mark.django_db
def test_r327_only_the_central_municipality_organises_collaboration_meetings():
    central = MunicipalityFactory(name="Den Haag")
    region = RegionFactory()
    region.central_municipality = central
    region.save()
    central_org = OrganisationFactory(type=OrganisationType.MUNICIPALITY)
    central_org.municipalities.add(central)
    other_org = OrganisationFactory(type=OrganisationType.MUNICIPALITY)
    other_org.municipalities.add(MunicipalityFactory(name="Rijswijk"))
    assert services.may_organise_collaboration_meeting(
        user=UserFactory(role=Role.POLICY_OFFICER, organisation=central_org), region=region)
    assert not services.may_organise_collaboration_meeting(
        user=UserFactory(role=Role.POLICY_OFFICER, organisation=other_org), region=region)
    assert not services.may_organise_collaboration_meeting(user=UserFactory(), region=region)
    assert services.may_organise_collaboration_meeting(user=UserFactory(role=Role.FUNCTIONAL_ADMIN), region=region)


@pytest.mark.django_db
def test_r342_r347_toekomsttuin_needs_all_four_partners_a_team_leader_and_a_behavioural_scientist():
    admin = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    team = Team.objects.create(organisation=OrganisationFactory(type=OrganisationType.LOCAL_TEAM),
                               name="Toekomsttuin Arnhem", kind="toekomsttuin", is_active=False)
    members = {t: UserFactory(role=role, organisation=OrganisationFactory(type=t)) for t, role in (
        (OrganisationType.GI, Role.GI_PROTECTOR), (OrganisationType.VEILIG_THUIS, Role.TEAM_LEAD),
        (OrganisationType.RVDK, Role.RVDK_OFFICER))}
    for user in members.values():
        services.team_member_add(actor=admin, team=team, user=user)
    with pytest.raises(ValidationError) as error:
        services.toekomsttuin_activate(actor=admin, team=team)
    assert any("Lokaal team" in m for m in error.value.messages)
    assert any("teamleider" in m for m in error.value.messages)
    lt = UserFactory(role=Role.LT_PROFESSIONAL)
    services.team_member_add(actor=admin, team=team, user=lt)
    team.team_leader = lt
    team.behavioural_scientist = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST)
    team.save()
    services.toekomsttuin_activate(actor=admin, team=team)
    assert team.is_active
    assert lt.organisation.type == OrganisationType.LOCAL_TEAM  # members keep their employer
    with pytest.raises(ValidationError) as error:
        services.team_member_remove(actor=admin, team=team, user=members[OrganisationType.RVDK])
    assert any("Raad voor de Kinderbescherming" in m for m in error.value.messages)
    with pytest.raises(PermissionDenied):
        services.toekomsttuin_activate(actor=lt, team=team)


@pytest.mark.django_db
def test_r505_on_call_duty_around_the_clock(lt_lead):
    lead = UserFactory(role=Role.TEAM_LEAD, organisation=lt_lead.organisation, team=lt_lead.team)
    now = timezone.now()
    night = now.replace(hour=3, minute=0, second=0, microsecond=0)
    services.on_call_shift_add(actor=lead, user=lt_lead, starts_at=night - dt.timedelta(hours=5),
                               ends_at=night + dt.timedelta(hours=5))
    assert services.on_duty(organisation=lt_lead.organisation, at=night) == lt_lead
    assert services.on_duty(organisation=lt_lead.organisation, at=night + dt.timedelta(hours=6)) is None
    with pytest.raises(ValidationError):
        services.on_call_shift_add(actor=lead, user=lead, starts_at=night, ends_at=night + dt.timedelta(hours=1))
    OnCallShift.objects.create(organisation=lt_lead.organisation, user=lead, starts_at=now - dt.timedelta(hours=1),
                               ends_at=now + dt.timedelta(hours=1))
    assert f"Nu dienstdoende voor acute situaties: {lead}" in client_for(lt_lead).get(
        "/account/werkwijze/").content.decode()


@pytest.mark.django_db
def test_r542_behavioural_scientist_consultation_is_logged_with_question_advice_and_what_to_gather(case, lt_lead):
    gw = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST, organisation=lt_lead.organisation)
    client = client_for(lt_lead)
    url = f"/account/casus/{case.pk}/consult/nieuw/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "behavioural", "expert": gw.pk, "question": "Hoe veilig is Saïd thuis?",
                                 "advice": "Eerst school en huisarts bevragen.",
                                 "still_to_gather": "informatie school en huisarts"})
    assert response.status_code == 302
    consult = ExpertConsultation.objects.get()
    assert consult.asked_by == lt_lead and consult.answered_on == TODAY
    assert "informatie school en huisarts" in client.get(f"/casussen/{case.pk}/").content.decode()
    with pytest.raises(ValidationError):
        services.expert_consultation_record(actor=lt_lead, case=case, kind="behavioural", expert=UserFactory(),
                                            question="x")


@pytest.mark.django_db
def test_r599_lawyer_role_and_consultation_hour_pull_not_push(case, lt_lead):
    lawyer = UserFactory(role=Role.LAWYER, organisation=lt_lead.organisation)
    lawyer.full_clean()
    consult = services.expert_consultation_record(actor=lt_lead, case=case, kind="legal", expert=lawyer,
                                                  question="Kunnen we zonder toestemming delen met school?")
    assert consult.answered_on is None
    client = client_for(lawyer)
    page = client.get("/account/spreekuur/").content.decode()
    assert "zonder toestemming delen met school" in page
    assert AccessLogEntry.objects.filter(user=lawyer, family_id=case.family_id).exists()
    with pytest.raises(PermissionDenied):
        services.expert_consultation_answer(actor=lt_lead, consultation=consult, advice="x")
    client.post("/account/spreekuur/", {"consultation_id": consult.pk, "advice": "Alleen met een afweging."})
    consult.refresh_from_db()
    assert consult.advice == "Alleen met een afweging." and consult.answered_on == TODAY
    assert client_for(lt_lead).get("/account/spreekuur/").status_code == 403
