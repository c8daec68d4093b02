"""Safety track, acute pass/fail, 'good enough', conversations, calamities and the cross-app checks, by rule ID."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import Role
from gezinsplan.cases import services as case_services
from gezinsplan.cases.models import ChildMeasure, InvolvementRole, Phase
from gezinsplan.cases.responsibility import Party, case_responsibility
from gezinsplan.collaboration.models import ChildConversation
from gezinsplan.core.policy import PolicyDenied
from gezinsplan.families.models import FamilyRole
from gezinsplan.safety import checks, plan_content, services
from gezinsplan.safety.models import (
    ArijItem,
    CardQuestion,
    SafetyStage,
    StageChange,
)
from tests.cases.helpers import closure, start_analysis
from tests.conftest import client_for
from tests.factories import CaseFactory, InvolvementFactory, PersonFactory, UserFactory
from tests.safety.factories import all_safe, plan, safety_world

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def world():
    return safety_world()


def _gi_user(world, role=InvolvementRole.SUPPORT):
    gi = UserFactory(role=Role.GI_PROTECTOR, first_name="Jeroen", last_name="Jeugdbeschermer")
    InvolvementFactory(case=world["case"], user=gi, role=role)
    return gi


def _save_plan(world, **overrides):
    from gezinsplan.safety.models import SafetyPlan

    plan_obj = SafetyPlan.objects.filter(case=world["case"]).select_related("current").first()
    based_on = plan_obj.current.number if plan_obj and plan_obj.current else None
    return services.plan_save(
        actor=world["lead"], case=world["case"], content=plan(**overrides), based_on=based_on, note="bijgewerkt"
    )


def _assess(world, **items):
    return services.assessment_record(
        actor=world["lead"],
        case=world["case"],
        child=world["child"],
        assessed_on=TODAY,
        items=all_safe(**items),
        conclusion="Taxatie gemaakt.",
    )


def _weigh(world, **overrides):
    values = {
        "actor": world["lead"],
        "case": world["case"],
        "occasion": "start",
        "held_on": TODAY,
        "question": "Is een uitgebreide analyse nodig?",
        "participants": "casusregisseur, gedragswetenschapper",
        "behavioural_scientist": world["scientist"],
        "behavioural_scientist_advice": "Analyse starten.",
        "extended_analysis": "yes",
        "gi_needed": "no",
    }
    values.update(overrides)
    return services.weighing_record(**values)


def _talk(world, child=None, *, alone=True, spoken=True, how_used="", reason=""):
    child = child or world["child"]
    return ChildConversation.objects.create(
        family=world["family"],
        case=world["case"],
        child=child,
        held_on=TODAY,
        spoken=spoken,
        with_parents="without" if alone else "with",
        by_user=world["lead"],
        how_used=how_used,
        not_spoken_reason=reason,
        created_by=world["lead"],
    )


# --- Plan parts --------------------------------------------------------------------------------------------------


def test_r128_safety_plan_part_two_concerns_and_strengths(world):
    """R128: 'Zorgen en krachten' holds acute risks, consequences for the children, concerns and strengths."""
    version = _save_plan(
        world,
        acute_risks="Berend slaat als hij drinkt",
        consequences="Nelle slaapt slecht",
        concerns="Geweld in het bijzijn van Nelle",
        strengths="Oma Riet vangt Nelle op",
    )
    page = client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/plan/").content.decode()
    for text in ("Berend slaat als hij drinkt", "Nelle slaapt slecht", "Oma Riet vangt Nelle op"):
        assert text in page
    assert version.content["strengths"] == "Oma Riet vangt Nelle op"


def test_r152_r667_six_and_bookends_in_the_familys_words_in_the_family_facing_pdf(world):
    """R152: the '6' is the family's own text, shown as written. R667: the worst case and what must change (the
    exit criterion) are both in the plan the family gets."""
    six = "Papa roept niet meer en Nelle gaat 's ochtends gewoon naar school, dat ziet de buurvrouw."
    version = _save_plan(
        world,
        six_looks_like=six,
        danger_statement="Nelle raakt gewond als papa weer slaat.",
        must_change="Papa drinkt niet als Nelle thuis is en belt oma als hij boos wordt.",
    )
    assert version.content["six_looks_like"] == six
    response = client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/plan/versies/1/pdf/")
    assert response.status_code == 200
    html = client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/plan/").content.decode()
    assert "Papa roept niet meer en Nelle gaat" in html
    assert "Papa drinkt niet als Nelle thuis is" in html and "Nelle raakt gewond" in html


def test_r384_r553_r066_agreements_are_structured_with_who_agreed_and_where_fed_back(world):
    """R384: what/who/when and the steps when parents cannot keep them. R553: each agreement lists who agreed; the
    plan lists the supporters. R066: the network meeting where the agreement was fed back."""
    with pytest.raises(ValidationError, match="wie ermee instemden"):
        _save_plan(world, agreements=[{"what": "Niet drinken", "who": "Berend", "since": TODAY.isoformat()}])
    version = _save_plan(
        world,
        agreements=[
            {
                "what": "Niet drinken",
                "who": "Berend",
                "since": TODAY.isoformat(),
                "watched": "oma belt",
                "agreed_by": "Annette, Berend, oma Riet",
                "fed_back_at": "netwerkberaad 12 november",
            }
        ],
        supporters=[{"name": "Oma Riet", "kind": "network", "role": "oma", "contributes": "vangt Nelle op"}],
    )
    agreement = version.content["agreements"][0]
    assert agreement["agreed_by"] == "Annette, Berend, oma Riet" and agreement["fed_back_at"]
    assert version.content["unable_steps"]  # the steps when parents cannot keep the agreements (R384)
    assert "stappen als de ouders" not in " ".join(plan_content.missing_parts(version.content))
    assert "stappen als de ouders" in " ".join(plan_content.missing_parts({**version.content, "unable_steps": ""}))
    page = client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/plan/").content.decode()
    assert "Oma Riet" in page and "netwerkberaad 12 november" in page


def test_r579_concrete_behaviour_with_its_effect_and_a_warning_on_catch_all_terms(world):
    """R579: unsafe behaviour with its effect on the children; catch-all terms only give a warning."""
    with pytest.raises(ValidationError, match="effect op de kinderen"):
        _save_plan(world, behaviours=[{"behaviour": "Berend schreeuwt 's avonds", "effect": ""}])
    version = _save_plan(
        world,
        behaviours=[
            {"behaviour": "ernstige problematiek", "effect": "onveilig"},
            {"behaviour": "Berend gooit met spullen", "effect": "Nelle verstopt zich"},
        ],
    )
    warnings = plan_content.vague_warnings(version.content)
    assert len(warnings) == 2 and all("containerbegrip" in w for w in warnings)
    page = client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/plan/").content.decode()
    assert "containerbegrip" in page


def test_r558_probation_conditions_only_with_a_jr_measure_and_each_with_a_consequence(world):
    """R558: youth probation conditions with their consequence; the section is hidden without a JR measure."""
    conditions = [{"condition": "Elke dag naar school", "consequence": "Gesprek met de jeugdreclasseerder"}]
    with pytest.raises(ValidationError, match="geen jeugdreclassering"):
        _save_plan(world, probation_conditions=conditions)
    client = client_for(world["lead"])
    assert (
        "Voorwaarden jeugdreclassering"
        not in client.get(f"/veiligheid/casus/{world['case'].pk}/plan/bewerken/").content.decode()
    )
    ChildMeasure.objects.create(
        case=world["case"],
        child=world["child"],
        kind="jr",
        pronounced_on=TODAY,
        starts_on=TODAY,
        ends_on=TODAY + dt.timedelta(days=365),
        recorded_by_organisation=world["lead"].organisation,
        created_by=world["lead"],
    )
    with pytest.raises(ValidationError, match="R558"):
        _save_plan(world, probation_conditions=[{"condition": "Elke dag naar school", "consequence": ""}])
    assert _save_plan(world, probation_conditions=conditions).content["probation_conditions"][0]["consequence"]
    assert (
        "Voorwaarden jeugdreclassering"
        in client.get(f"/veiligheid/casus/{world['case'].pk}/plan/bewerken/").content.decode()
    )


def test_r600_parents_view_is_recorded_next_to_the_decision_and_never_blocks(world):
    """R600: the parents disagree: their view is recorded, the assessment and the plan are saved anyway."""
    assessment = services.assessment_record(
        actor=world["lead"],
        case=world["case"],
        child=world["child"],
        assessed_on=TODAY,
        items=all_safe(physical_abuse={"conclusion": "unsafe", "description": "Berend sloeg Nelle op 1 november"}),
        conclusion="Onveilig",
        parents_view="Wij vinden dat het wel meevalt.",
    )
    assert assessment.pk and assessment.parents_view == "Wij vinden dat het wel meevalt."
    version = _save_plan(world, parents_view="Annette is het niet eens met de bodemeis.")
    assert version.content["parents_view"]
    assert (
        "Annette is het niet eens"
        in client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/plan/").content.decode()
    )


def test_r501_safety_plan_and_change_plan_are_separate_documents(world):
    """R501: the safety plan and the change plan are separate objects with their own versions."""
    from gezinsplan.analysis.models import FamilyPlan

    version = _save_plan(world)
    services.score_record(
        actor=world["lead"], case=world["case"], child=world["child"], score=7, scored_on=TODAY, situation="rustig"
    )
    start_analysis(actor=world["lead"], family=world["family"])
    change_plan = FamilyPlan.objects.get(family=world["family"])
    assert change_plan._meta.model is not version.document._meta.model
    assert version.document.versions.count() == 1 and change_plan.pk != version.document.pk


# --- Assessments (R547, R550) --------------------------------------------------------------------------------------


def test_r547_acute_threat_checklist_categories_and_three_month_window(world):
    """R547: exactly these categories, honour-based violence included; a category counts within three months."""
    assert {i.value for i in ArijItem} == {
        "physical_abuse",
        "sexual_abuse",
        "neglect",
        "parent_psychiatry",
        "self_danger",
        "psychological_abuse",
        "abduction",
        "honour",
        "other",
    }
    assert "anderen" in str(ArijItem.SELF_DANGER.label)
    old = (TODAY - dt.timedelta(days=200)).isoformat()
    assessment = _assess(world, honour={"conclusion": "unsafe", "description": "Dreiging door oom", "occurred_on": old})
    assert assessment.acute_items() == []  # longer than three months ago
    recent = _assess(
        world,
        honour={
            "conclusion": "unsafe",
            "description": "Dreiging door oom",
            "occurred_on": (TODAY - dt.timedelta(days=10)).isoformat(),
        },
    )
    assert recent.acute_items() == ["honour"]
    with pytest.raises(ValidationError, match="na de datum van de taxatie"):
        _assess(
            world,
            honour={
                "conclusion": "unsafe",
                "description": "x",
                "occurred_on": (TODAY + dt.timedelta(days=3)).isoformat(),
            },
        )


def test_r550_r578_acute_safety_is_pass_fail_and_needs_the_arij_in_the_plan(world):
    """R550: the ARIJ with date, assessor and outcome is part of the plan; without it acute safety is not complete.
    R578: acute safety passes only with every bottom line met and no open acute threat; no override."""
    _save_plan(world)
    result = checks.acute_safety(world["case"])
    assert not result.passed and any("R550" in p for p in result.problems)
    _assess(world)
    assert not checks.acute_safety(world["case"]).passed  # the bottom line is not met yet
    _save_plan(
        world, bottom_lines=[{"text": "Geen nieuwe politiecontacten", "consequence": "Melding", "status": "met"}]
    )
    assert checks.acute_safety(world["case"]).passed
    page = client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/plan/").content.decode()
    assert "Veiligheidstaxatie (ARIJ)" in page and "Acute veiligheid: voldoende" in page
    _assess(world, neglect={"conclusion": "unsafe", "description": "Geen eten in huis"})
    assert not checks.acute_safety(world["case"]).passed
    with pytest.raises(ValidationError, match="acute dreiging"):
        services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY, reason="toch door")


# --- The track (R123, R301, R121) ----------------------------------------------------------------------------------


def _pass_acute(world):
    _save_plan(world, bottom_lines=[{"text": "Geen politie", "consequence": "Melding", "status": "met"}])
    _assess(world)


def test_r301_r123_ordered_stages_with_warning_without_agreements(world):
    """R301/R123: safety plan → risk-driven → recovery, one step at a time; a warning when no safety agreements."""
    assert checks.current_stage(world["case"]) == SafetyStage.DIRECT
    with pytest.raises(ValidationError):
        services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY)
    _save_plan(
        world,
        agreements=[],
        no_agreements_reason="Berend weigert",
        bottom_lines=[{"text": "Geen politie", "consequence": "Melding", "status": "met"}],
    )
    _assess(world)
    change, warnings = services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY)
    assert change.stage == SafetyStage.CAUSES and any("R301" in w for w in warnings)
    services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY)
    assert checks.current_stage(world["case"]) == SafetyStage.LASTING
    with pytest.raises(ValidationError, match="R123"):
        services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY)
    page = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "Werken aan blijvende veiligheid" in page


def test_r123_recovery_needs_stable_safety_good_enough_and_pattern_recorded(world):
    """R123: entering Herstelgericht needs 'good enough' and the causal factors and pattern in the analysis."""
    from gezinsplan.analysis.models import FamilyAnalysis

    _pass_acute(world)
    for _ in range(2):
        services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY)
    services.good_enough_record(
        actor=world["lead"],
        case=world["case"],
        verdict="yes",
        reasons="Stabiel",
        assessed_on=TODAY,
        participants="gezin en casusregisseur",
    )
    with pytest.raises(ValidationError, match="patroon"):
        services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY)
    FamilyAnalysis.objects.create(
        family=world["family"],
        started_by_organisation=world["lead"].organisation,
        pattern_sentence="Deze kinderen groeien op in een gezin waar drank de rust bepaalt",
        maintaining_factors="Schulden en isolement",
        created_by=world["lead"],
    )
    change, _warnings = services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY)
    assert change.stage == SafetyStage.RECOVERY


def test_r121_new_signal_puts_the_safety_plan_back_in_front_and_suspends_the_change_plan(world):
    """R121: a new direct-safety signal moves the track back to direct safety; the plan is up for review."""
    _pass_acute(world)
    services.stage_advance(actor=world["lead"], case=world["case"], changed_on=TODAY)
    assert not checks.change_plan_suspended(world["case"])
    response = client_for(world["lead"]).post(
        f"/veiligheid/casus/{world['case'].pk}/signaal/nieuw/",
        {"noticed_on": TODAY.isoformat(), "description": "School meldt blauwe plekken bij Nelle", "source": "school"},
    )
    assert response.status_code == 302
    assert checks.current_stage(world["case"]) == SafetyStage.DIRECT
    assert checks.change_plan_suspended(world["case"]) and checks.open_signal(world["case"]) is not None
    assert StageChange.objects.filter(case=world["case"], reason__contains="R121").exists()
    page = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "het veiligheidsplan staat weer centraal" in page and "Het veranderplan ligt stil" in page
    _save_plan(world)  # a new version reviews the plan
    assert checks.open_signal(world["case"]) is None


# --- Good enough (R578, R652) ---------------------------------------------------------------------------------------


def _responders(world):
    from gezinsplan.analysis.models import FamilyAnalysis

    FamilyAnalysis.objects.create(
        family=world["family"],
        started_by_organisation=world["lead"].organisation,
        help_to_stay_out="Wij bellen oma als het spannend wordt",
        relapse_signals="Papa gaat weer drinken",
        relapse_actions="Nelle gaat naar oma",
        created_by=world["lead"],
    )
    services.responder_record(
        actor=world["lead"],
        case=world["case"],
        name="Oma Riet",
        kind="network",
        action="Haalt Nelle op en belt de casusregisseur",
        agreed_on=TODAY,
    )


def test_r652_r578_good_enough_decides_escalation_or_stepping_back(world):
    """R652: 'no' twice in a row supports escalation; 'yes' with a complete assurance plan lets the GI step back.
    R578: 'good enough with lasting compensating help' is a valid closing state and names that help."""
    with pytest.raises(ValidationError, match="compenserende"):
        services.good_enough_record(
            actor=world["lead"],
            case=world["case"],
            verdict="yes_with_help",
            reasons="Stabiel",
            assessed_on=TODAY,
            participants="gezin",
        )
    for days in (30, 10):
        services.good_enough_record(
            actor=world["lead"],
            case=world["case"],
            verdict="no",
            reasons="Geen voortgang",
            assessed_on=TODAY - dt.timedelta(days=days),
            participants="gezin, GI, LT",
        )
    assert checks.good_enough_advice(world["case"]) == "escalate"
    services.good_enough_record(
        actor=world["lead"],
        case=world["case"],
        verdict="yes_with_help",
        reasons="Stabiel met hulp",
        assessed_on=TODAY,
        participants="gezin, GI, LT",
        compensating_help="Blijvende gezinscoach",
    )
    assert checks.good_enough_advice(world["case"]) is None  # no assurance plan yet
    _responders(world)
    assert checks.good_enough_advice(world["case"]) == "step_back"
    assert "de GI kan terugtreden" in client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()


def test_r537_r539_assurance_plan_contents_and_relapse_responders(world):
    """R537: how the family keeps safety, the relapse signals, what to do, and who agreed. R539: at least one
    responder with name, type and action."""
    problems = checks.assurance_plan_problems(world["case"])
    assert any("R537" in p for p in problems) and any("R539" in p for p in problems)
    with pytest.raises(ValidationError, match="R539"):
        services.responder_record(actor=world["lead"], case=world["case"], name="Oom Kees", kind="network")
    _responders(world)
    assert checks.assurance_plan_problems(world["case"]) == []


# --- Weighing (R070, R111, R113, R114) -----------------------------------------------------------------------------


def test_r070_joint_weighing_before_requesting_or_closing_a_measure(world):
    """R070: the request or closure needs a joint weighing with the input of both LT and GI."""
    assert checks.measure_request_problems(world["case"])
    with pytest.raises(ValidationError, match="inbreng van de GI"):
        _weigh(world, purpose="measure_request", lt_input="Wij zien geen verbetering")
    _weigh(world, purpose="measure_request", lt_input="Wij zien geen verbetering", gi_input="Wij adviseren een VTO")
    assert checks.measure_request_problems(world["case"]) == []
    assert any("R070" in p for p in checks.measure_closure_problems(world["case"]))
    _weigh(world, purpose="measure_closure", lt_input="LT neemt over", gi_input="Doelen bereikt")
    assert not any("R070" in p for p in checks.measure_closure_problems(world["case"]))


def test_r111_weighing_card_question_groups_on_the_form(world):
    """R111: the weighing card has the question groups: people, children, help, parents, reports."""
    page = client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/weging/nieuw/").content.decode()
    for group in CardQuestion:
        assert str(group.label).split(" (")[0] in page
    assert "Kunnen deze ouders denken in het belang van de kinderen" in page or "denken in het belang" in page


def test_r113_extended_analysis_only_after_the_weighing_decision_yes(world):
    """R113: the extended problem analysis needs the team's weighing decision 'extended analysis: yes'."""
    assert checks.extended_analysis_problems(world["case"])
    _weigh(world, extended_analysis="no")
    assert checks.extended_analysis_problems(world["case"])
    _weigh(world, extended_analysis="yes")
    assert checks.extended_analysis_problems(world["case"]) == []


def test_r114_factual_concerns_require_a_weighing_otherwise_no_weighing(world):
    """R114: a factual concern on a life area requires a weighing; none: 'geen weging'."""
    none = services.threshold_record(actor=world["lead"], case=world["case"], concerns={}, decided_on=TODAY)
    assert none.needs_weighing is False and not checks.weighing_needed(world["case"])
    services.threshold_record(
        actor=world["lead"],
        case=world["case"],
        decided_on=TODAY,
        concerns={"domestic_violence": "Politie kwam op 1 november"},
    )
    assert checks.weighing_needed(world["case"])
    assert "een weging is nodig" in client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    _weigh(world)
    assert not checks.weighing_needed(world["case"])


# --- Responsibility (R056, R219, R621, R410, R619, R696) ------------------------------------------------------------


def test_r056_the_safety_plan_never_loses_its_owner(world):
    """R056: the last professional of the party holding the safety responsibility cannot leave while the plan is
    active; once a colleague of that party is involved, they can."""
    _save_plan(world)
    lead_inv = world["case"].involvements.get(user=world["lead"])
    with pytest.raises(ValidationError, match="R056"):
        case_services.involvement_end(actor=world["lead"], involvement=lead_inv, version=None, end_date=TODAY)
    colleague = UserFactory(organisation=world["lead"].organisation)
    InvolvementFactory(case=world["case"], user=colleague, role=InvolvementRole.SUPPORT)
    assert checks.involvement_end_problems(lead_inv, TODAY) == []


def test_r621_gi_stays_until_its_conditions_are_met(world):
    """R621: a condition records behaviour, deadline, agency and status; the GI stays until all are met."""
    gi = _gi_user(world)
    gi_inv = world["case"].involvements.get(user=gi)
    condition = {
        "text": "Berend volgt de alcoholbehandeling",
        "consequence": "Verzoek tot onderzoek",
        "deadline": (TODAY + dt.timedelta(days=60)).isoformat(),
        "set_by": "Jeugdbescherming West",
        "status": "open",
    }
    version = _save_plan(world, bottom_lines=[condition])
    assert version.content["bottom_lines"][0]["set_by"] == "Jeugdbescherming West"
    with pytest.raises(ValidationError, match="R621"):
        case_services.involvement_end(actor=world["lead"], involvement=gi_inv, version=None, end_date=TODAY)
    _save_plan(world, bottom_lines=[{**condition, "status": "met"}])
    assert checks.involvement_end_problems(gi_inv, TODAY) == []
    with pytest.raises(ValidationError, match="geldige status"):
        _save_plan(world, bottom_lines=[{**condition, "status": "misschien"}])


def test_r219_under_ots_the_gi_holds_the_safety_assessment_and_the_lt_contributes(world):
    """R219: with an OTS the GI holds regie and the safety assessment; the LT keeps contributor access."""
    gi = _gi_user(world)
    case = world["case"]
    case.phase = Phase.MEASURE
    case.save(update_fields=["phase"])
    ChildMeasure.objects.create(
        case=case,
        child=world["child"],
        kind="ots",
        pronounced_on=TODAY,
        starts_on=TODAY,
        ends_on=TODAY + dt.timedelta(days=365),
        recorded_by_organisation=gi.organisation,
        created_by=gi,
    )
    responsibility = case_responsibility(case)
    assert responsibility.lead == Party.GI and responsibility.safety == Party.GI
    with pytest.raises(PolicyDenied):
        _assess(world)
    assessment = services.assessment_record(
        actor=gi, case=case, child=world["child"], assessed_on=TODAY, items=all_safe(), conclusion="Veilig genoeg"
    )
    advice = services.assessment_advise(actor=world["lead"], assessment=assessment, text="Let op de school.")
    assert advice.pk
    page = client_for(world["lead"]).get(f"/casussen/{case.pk}/").content.decode()
    assert "gecertificeerde instelling" in page


def test_r410_ots_end_needs_follow_up_help_contributors_and_parents_regie(world):
    """R410: ending an OTS needs the follow-up help and per contributor what they contribute in which role, with
    the parents holding direction."""
    _save_plan(world)
    problems = checks.measure_closure_problems(world["case"], kind="ots")
    assert sum("R410" in p for p in problems) == 3
    _save_plan(
        world,
        parents_regie=True,
        supporters=[
            {
                "name": "Carla",
                "kind": "professional",
                "role": "casusregisseur lokaal team",
                "contributes": "vervolghulp: wekelijks huisbezoek",
            },
            {"name": "Oma Riet", "kind": "network", "role": "oma", "contributes": "opvang van Nelle"},
        ],
    )
    assert not any("R410" in p for p in checks.measure_closure_problems(world["case"], kind="ots"))


def test_r619_network_tasks_only_after_safety_is_secured_and_bottom_lines_stay_visible(world):
    """R619: no network tasks in the change plan until the safety plan is sufficiently secured; the bottom lines
    stay visible on the case view."""
    _save_plan(world)
    assert any("R619" in p for p in checks.network_tasks_problems(world["case"]))
    page = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "Bodemeisen en voorwaarden" in page and "Geen nieuwe politiecontacten" in page
    _pass_acute(world)
    assert checks.network_tasks_problems(world["case"]) == []


def test_r696_network_plan_is_proposed_until_the_gi_approves_it(world):
    """R696: a plan from an Eigen Kracht-conferentie is 'proposed'; only the GI worker approves it after checking
    it against the conditions, recording those not met."""
    proposal = services.proposal_record(
        actor=world["lead"],
        case=world["case"],
        meeting="eigen_kracht",
        held_on=TODAY,
        text="Oma haalt Nelle elke dag van school.",
    )
    assert proposal.status == "proposed"
    with pytest.raises(PolicyDenied):
        services.proposal_review(actor=world["lead"], proposal=proposal, approve=True, conditions_checked=True)
    gi = _gi_user(world)
    with pytest.raises(ValidationError, match="voorwaarden"):
        services.proposal_review(actor=gi, proposal=proposal, approve=True, conditions_checked=False)
    proposal = services.proposal_review(
        actor=gi,
        proposal=proposal,
        approve=True,
        conditions_checked=True,
        unmet_conditions="Alcoholbehandeling nog niet geregeld",
    )
    assert proposal.status == "active" and proposal.reviewed_by == gi
    assert (
        "Alcoholbehandeling nog niet geregeld"
        in client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    )


# --- Conversations (R157, R161, R519, R520, R595, R677) ------------------------------------------------------------


def test_r519_r677_first_conversation_names_the_unsafety_and_opens_strengths_after_safe_enough(world):
    """R519: two required texts. R677: the reason for being there explained first; 'safe enough' confirmed before
    the strengths step opens."""
    case_url = f"/veiligheid/casus/{world['case'].pk}/eerste-gesprek/nieuw/"
    client = client_for(world["lead"])
    response = client.post(
        case_url,
        {"held_on": TODAY.isoformat(), "unsafety_named": "", "behaviour_meaning": "Als papa drinkt, is Nelle bang"},
    )
    assert response.status_code == 200 and not world["case"].first_conversations.exists()
    with pytest.raises(ValidationError, match="R677"):
        services.first_conversation_record(
            actor=world["lead"],
            case=world["case"],
            held_on=TODAY,
            reason_explained=False,
            unsafety_named="Geweld",
            behaviour_meaning="Nelle is bang",
        )
    assert checks.strengths_step_problems(world["case"])
    client.post(
        case_url,
        {
            "held_on": TODAY.isoformat(),
            "reason_explained": "on",
            "unsafety_named": "Papa slaat mama waar Nelle bij is",
            "behaviour_meaning": "Als papa drinkt, is Nelle bang en slaapt zij niet",
        },
    )
    assert any("veilig genoeg" in p for p in checks.strengths_step_problems(world["case"]))
    services.score_record(
        actor=world["lead"], case=world["case"], child=world["child"], score=4, scored_on=TODAY, situation="onrustig"
    )
    with pytest.raises(ValidationError, match="lager dan een 6"):
        services.safe_enough_confirm(actor=world["lead"], case=world["case"], on=TODAY)
    services.score_record(
        actor=world["lead"], case=world["case"], child=world["child"], score=7, scored_on=TODAY, situation="rustig"
    )
    assert client.post(f"/veiligheid/casus/{world['case'].pk}/eerste-gesprek/veilig-genoeg/").status_code == 302
    assert checks.strengths_step_problems(world["case"]) == []


def test_r520_phase_one_ends_only_when_each_child_was_spoken_to_alone(world):
    """R520: phase 1 is not complete until each child was spoken to alone, or why not is recorded; the case page
    shows which child still needs it (safety.checks.phase_one_problems is the check for the work-phase step)."""
    baby = PersonFactory(
        family=world["family"],
        first_name="Sem",
        family_role=FamilyRole.CHILD,
        birth_date=TODAY - dt.timedelta(days=200),
    )
    _talk(world, alone=False)
    problems = checks.phase_one_problems(world["case"])
    assert len(problems) == 2 and all("R520" in p for p in problems)
    assert (
        "nog niet alleen gesproken" in client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    )
    _talk(world)
    _talk(world, baby, spoken=False, reason="Sem is een baby van zes maanden")
    assert checks.phase_one_problems(world["case"]) == []


def test_r595_children_not_spoken_alone_within_the_interval_are_flagged(world, settings):
    """R595: throughout the case, a child without a one-to-one conversation within the interval is flagged."""
    settings.GEZINSPLAN_METHOD = {**settings.GEZINSPLAN_METHOD, "child_alone_interval_days": 30}
    assert checks.alone_overdue(world["case"]) == [world["child"]]
    assert (
        "te lang niet alleen gesproken"
        in client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    )
    _talk(world)
    assert checks.alone_overdue(world["case"]) == []


def test_r157_suspected_abuse_needs_more_than_one_conversation_and_involvement(world):
    """R157: with suspected abuse each child is spoken to at least twice and involved; a talk exception deviates."""
    assert checks.abuse_talk_problems(world["case"]) == []
    _assess(world, physical_abuse={"conclusion": "unsafe", "description": "Blauwe plekken op 3 november"})
    assert any("meer dan eens" in p for p in checks.abuse_talk_problems(world["case"]))
    _talk(world)
    _talk(world)
    assert any("betrokken" in p for p in checks.abuse_talk_problems(world["case"]))
    _talk(world, how_used="Nelle koos oma als vertrouwenspersoon; meegenomen in het plan")
    assert checks.abuse_talk_problems(world["case"]) == []


def test_r161_not_talking_needs_a_reason_category_and_expert_advice_and_stays_in_the_dossier(world):
    """R161: a reason category and the expert advice; an option to talk together with another professional."""
    values = {
        "actor": world["lead"],
        "case": world["case"],
        "person": world["mother"],
        "category": "honour",
        "explanation": "Dreiging uit de familie",
        "advice_from": "Landelijk Expertise Centrum Eer",
        "decided_on": TODAY,
        "together_with": "wijkagent",
    }
    with pytest.raises(ValidationError, match="deskundig advies"):
        services.talk_exception_record(**values, expert_advice="")
    with pytest.raises(ValidationError, match="Kies de reden"):
        services.talk_exception_record(**{**values, "category": "zomaar"}, expert_advice="Eerst de veiligheid")
    exception = services.talk_exception_record(**values, expert_advice="Eerst de veiligheid van Annette regelen")
    assert exception.get_category_display() == "eergerelateerd geweld"
    page = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "Landelijk Expertise Centrum Eer" in page


# --- Calamity and recurrence (R350, R336) ---------------------------------------------------------------------------


def test_r350_calamity_registration_with_notification_to_management(world):
    """R350: a calamity with date, description, organisations and the notification to management."""
    url = f"/veiligheid/casus/{world['case'].pk}/calamiteit/nieuw/"
    client = client_for(world["lead"])
    bad = client.post(
        url,
        {
            "occurred_on": TODAY.isoformat(),
            "description": "Nelle opgenomen in het ziekenhuis",
            "organisations": "lokaal team, GI",
            "management_notified": "teamleider",
            "management_notified_on": (TODAY - dt.timedelta(days=2)).isoformat(),
        },
    )
    assert bad.status_code == 200 and "vóór de calamiteit" in bad.content.decode()
    assert (
        client.post(
            url,
            {
                "occurred_on": TODAY.isoformat(),
                "description": "Nelle opgenomen in het ziekenhuis",
                "organisations": "lokaal team, GI",
                "management_notified": "teamleider",
                "management_notified_on": TODAY.isoformat(),
            },
        ).status_code
        == 302
    )
    assert world["case"].calamities.get().management_notified == "teamleider"
    assert "Nelle opgenomen in het ziekenhuis" in client.get(f"/casussen/{world['case'].pk}/").content.decode()


def test_r336_closing_prompts_for_recurrence_risk_and_new_cases_link_to_the_history(world):
    """R336: a closed case asks for the recurrence risk and a follow-up date; a new case shows the earlier one."""
    case = world["case"]
    case_services.case_close(
        actor=world["lead"], case=case, version=None, closed_on=TODAY, closing_reason="Doelen bereikt",
        closure=closure(on=TODAY),
    )
    assert "leg het risico op herhaling vast" in client_for(world["lead"]).get(f"/casussen/{case.pk}/").content.decode()
    services.recurrence_risk_record(
        actor=world["lead"],
        case=case,
        level="high",
        reasons="Eerder terugval",
        follow_up_on=TODAY + dt.timedelta(days=90),
    )
    new_case = CaseFactory(family=world["family"], opened_on=TODAY)
    InvolvementFactory(case=new_case, user=world["lead"], start_date=TODAY)
    earlier = checks.earlier_cases(new_case)
    assert earlier == [case] and earlier[0].risks[0].level == "high"
    page = client_for(world["lead"]).get(f"/casussen/{new_case.pk}/").content.decode()
    assert "Eerdere casussen van dit gezin" in page and "herhalingsrisico hoog" in page


@pytest.mark.django_db
def test_demo_stories_carry_the_safety_record(settings):
    """The demo: Zoetermeer has the weighing, two ARIJ assessments, scores and a plan of three versions whose bottom
    line was adjusted after the breach with the police; reloading writes no second plan."""
    from django.core.management import call_command

    from gezinsplan.safety.models import Breach, SafetyPlan

    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    plan_obj = SafetyPlan.objects.get(case__family__name="Gezin Annette (Zoetermeer)")
    assert plan_obj.current.number == 3 and plan_obj.versions.count() == 3
    assert plan_obj.case.safety_assessments.count() == 2 and plan_obj.case.weighings.count() == 1
    breach = Breach.objects.get(plan=plan_obj)
    assert breach.police_involved and breach.adjusted_in == 2
    assert {p["name"] for p in plan_obj.current.content["parties"]} == {"Annette", "Berend"}


def test_r619_the_change_plan_refuses_network_tasks_while_safety_is_not_secured(world):
    """R619: analysis_update refuses tasks for the network in the change plan until acute safety passes."""
    from gezinsplan.analysis.services import analysis_update

    services.score_record(
        actor=world["lead"], case=world["case"], child=world["child"], score=7, scored_on=TODAY, situation="rustig"
    )
    analysis = start_analysis(actor=world["lead"], family=world["family"])
    with pytest.raises(ValidationError, match="R619"):
        analysis_update(actor=world["lead"], analysis=analysis, version=None, task_network="Oma haalt Nelle op")
    _pass_acute(world)
    # Safety no longer blocks the network's part; what remains are the change plan's own content checks (R503).
    with pytest.raises(ValidationError) as refused:
        analysis_update(actor=world["lead"], analysis=analysis, version=None, task_network="Oma haalt Nelle op")
    assert "R619" not in str(refused.value) and "task_network" not in refused.value.message_dict


def test_r578_r123_api_status_shows_stage_acute_pass_fail_and_good_enough(world):
    """R578/R123/R652 through the API: the stage, acute pass/fail with its reasons and the 'good enough' verdict."""
    client = client_for(world["lead"])
    data = client.get(f"/api/v1/cases/{world['case'].pk}/safety/").json()
    assert data["stage"] == 1 and data["acute_safety_passed"] is False and data["good_enough"] is None
    _pass_acute(world)
    services.good_enough_record(
        actor=world["lead"],
        case=world["case"],
        verdict="no",
        reasons="Nog wankel",
        assessed_on=TODAY,
        participants="gezin",
    )
    data = client.get(f"/api/v1/cases/{world['case'].pk}/safety/").json()
    assert data["acute_safety_passed"] is True and data["good_enough"] == "no"


def test_r070_api_joint_weighing_needs_both_lt_and_gi_input(world):
    """R070 through the API: a joint weighing for a measure request without the GI's input is refused in Dutch."""
    client = client_for(world["lead"])
    url = f"/api/v1/cases/{world['case'].pk}/weighings/"
    body = {
        "occasion": "signals",
        "held_on": TODAY.isoformat(),
        "question": "VTO?",
        "participants": "LT, GI, GW",
        "extended_analysis": "yes",
        "gi_needed": "yes",
        "behavioural_scientist": str(world["scientist"].pk),
        "behavioural_scientist_advice": "Verzoek tot onderzoek",
        "purpose": "measure_request",
        "lt_input": "Geen verbetering",
    }
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400 and "inbreng van de GI" in response.content.decode()
    response = client.post(url, {**body, "gi_input": "Wij steunen het verzoek"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["purpose"] == "measure_request"
    assert checks.measure_request_problems(world["case"]) == []
