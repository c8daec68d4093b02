"""Safety services: weighing, assessments, the safety scale and the versioned safety plan, each rule by its ID."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import Role
from gezinsplan.cases.models import InvolvementRole
from gezinsplan.core.models import ChangeRecord
from gezinsplan.core.policy import PolicyDenied
from gezinsplan.core.versioning import StaleVersion
from gezinsplan.safety import plan_content, selectors, services
from gezinsplan.safety.models import (
    AssessmentAdvice,
    Breach,
    SafetyAssessment,
    SafetyPlan,
    SafetyPlanVersion,
    SafetyScore,
    UnsafeConfirmation,
    Weighing,
)
from tests.factories import PersonFactory, UserFactory, involve
from tests.safety.factories import all_safe, plan, safety_world

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def world():
    return safety_world()


def _weigh(world, **overrides):
    values = {
        "actor": world["lead"],
        "case": world["case"],
        "occasion": "start",
        "held_on": TODAY,
        "question": "Is GI-expertise nodig?",
        "participants": "casusregisseur, collega, gedragswetenschapper",
        "behavioural_scientist": world["scientist"],
        "behavioural_scientist_advice": "Samen optrekken met de GI.",
        "extended_analysis": "yes",
        "gi_needed": "yes",
        "signals": {"domestic_violence": "Contactverbod Berend"},
        "answers": {"parents": "Annette deelt de zorgen."},
        "risk_kind": "both",
    }
    values.update(overrides)
    return services.weighing_record(**values)


# --- Weighing ---------------------------------------------------------------------------------------------------


def test_r104_r236_weighing_records_both_decisions_and_signals_per_life_area(world):
    weighing = _weigh(world)
    assert weighing.extended_analysis == "yes" and weighing.gi_needed == "yes"
    assert weighing.signals == {"domestic_violence": "Contactverbod Berend"}
    assert weighing.answers == {"parents": "Annette deelt de zorgen."}


def test_r237_weighing_classifies_acute_and_structural_risks(world):
    assert _weigh(world, risk_kind="both").get_risk_kind_display() == "acute én structurele risico's"


def test_weighing_without_behavioural_scientist_advice_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as error:
        _weigh(world, behavioural_scientist_advice="  ")
    assert "advies van de gedragswetenschapper" in str(error.value.message_dict["behavioural_scientist_advice"])
    assert not Weighing.objects.exists()


def test_weighing_needs_a_behavioural_scientist_user(world):
    with pytest.raises(ValidationError) as error:
        _weigh(world, behavioural_scientist=world["lead"])
    assert "gedragswetenschapper" in error.value.message_dict["behavioural_scientist"][0]


def test_r110_weighing_needs_the_question(world):
    with pytest.raises(ValidationError) as error:
        _weigh(world, question="")
    assert "R110" in error.value.message_dict["question"][0]


def test_r106_r107_unknown_life_area_is_refused_and_stuck_is_a_life_area(world):
    assert _weigh(world, signals={"stuck": "Ik kom niet meer binnen"}).signals["stuck"]
    with pytest.raises(ValidationError):
        _weigh(world, signals={"weather": "regen"})


def test_latest_gi_decision_is_the_latest_weighing_that_decided_gi_is_needed(world):
    assert selectors.latest_gi_decision(world["case"]) is None
    first = _weigh(world, held_on=TODAY - dt.timedelta(days=10))
    _weigh(world, gi_needed="no")
    assert selectors.latest_gi_decision(world["case"]) == first


def test_weighing_by_someone_without_editing_involvement_is_refused(world):
    outsider = UserFactory()
    with pytest.raises(PolicyDenied):
        _weigh(world, actor=outsider)


# --- Safety assessment -------------------------------------------------------------------------------------------


def _assess(world, **overrides):
    values = {
        "actor": world["lead"],
        "case": world["case"],
        "child": world["child"],
        "assessed_on": TODAY,
        "items": all_safe(),
        "conclusion": "Veilig genoeg met het veiligheidsplan.",
    }
    values.update(overrides)
    return services.assessment_record(**values)


def test_r124_every_arij_item_is_judged_with_one_of_three_conclusions(world):
    items = all_safe()
    del items["abduction"]
    with pytest.raises(ValidationError) as error:
        _assess(world, items=items)
    assert "item_abduction" in error.value.message_dict
    with pytest.raises(ValidationError):
        _assess(world, items=all_safe(neglect={"conclusion": "maybe", "description": "x"}))
    assert _assess(world).outcome == "safe"


def test_r549_an_unsafe_item_needs_a_concrete_description(world):
    with pytest.raises(ValidationError) as error:
        _assess(world, items=all_safe(physical_abuse={"conclusion": "unsafe", "description": ""}))
    assert "R549" in error.value.message_dict["item_physical_abuse"][0]


def test_r548_secure_immediately_needs_the_immediate_action(world):
    items = all_safe(physical_abuse={"conclusion": "secure_now", "description": "Berend sloeg Annette"})
    with pytest.raises(ValidationError) as error:
        _assess(world, items=items)
    assert "immediate_action" in error.value.message_dict
    assessment = _assess(world, items=items, immediate_action="Contactverbod en opvang bij oma")
    assert assessment.get_outcome_display() == "direct veiligstellen"


def test_r284_assessment_for_a_person_who_is_not_a_child_of_the_family_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _assess(world, child=world["mother"])
    assert error.value.message_dict["child"] == ["Deze persoon is geen kind van dit gezin."]
    with pytest.raises(ValidationError):
        _assess(world, child=PersonFactory())  # a child of another family
    sibling = PersonFactory(family=world["family"], first_name="Chris")
    assert _assess(world, child=sibling).child == sibling  # children not named in the report count too
    assert SafetyAssessment.objects.count() == 1


def test_instrument_is_configurable(world):
    assert _assess(world, instrument="LIRIK").instrument == "LIRIK"


def test_r014_r032_r213_only_the_safety_responsible_party_assesses_others_advise(world):
    gi = UserFactory(role=Role.GI_PROTECTOR)
    involve(gi, world["family"], role=InvolvementRole.EXPERT)
    with pytest.raises(PolicyDenied):
        _assess(world, actor=gi)
    assessment = _assess(world)
    advice = services.assessment_advise(actor=gi, assessment=assessment, text="Let ook op Nelle's boosheid.")
    assert AssessmentAdvice.objects.get() == advice


def test_r238_arij_can_be_repeated_and_history_is_kept_in_order(world):
    _assess(world, assessed_on=TODAY - dt.timedelta(days=30))
    _assess(world)
    overview = selectors.case_safety(case=world["case"])
    assert [a.assessed_on for a in overview.assessments] == [TODAY - dt.timedelta(days=30), TODAY]


def test_r116_r564_risk_assessment_keeps_static_and_dynamic_factors_apart(world):
    risk = services.risk_assessment_record(
        actor=world["lead"],
        case=world["case"],
        child=world["child"],
        assessed_on=TODAY,
        static_factors="Eerder huiselijk geweld",
        dynamic_factors="Alcoholgebruik Berend",
        result="high",
    )
    assert risk.instrument == "ARIJ Risicotaxatie"
    with pytest.raises(ValidationError) as error:
        services.risk_assessment_record(
            actor=world["lead"],
            case=world["case"],
            child=world["child"],
            assessed_on=TODAY,
            static_factors="",
            dynamic_factors="x",
            result="low",
        )
    assert "static_factors" in error.value.message_dict


# --- Safety scale ------------------------------------------------------------------------------------------------


def _score(world, score, **overrides):
    values = {
        "actor": world["lead"],
        "case": world["case"],
        "child": world["child"],
        "score": score,
        "scored_on": TODAY,
        "situation": "Huisbezoek",
    }
    values.update(overrides)
    return services.score_record(**values)


@pytest.mark.parametrize("bad", [0, 11, None, 5.5, "7", True])
def test_r531_score_is_a_whole_number_from_1_to_10(world, bad):
    with pytest.raises(ValidationError) as error:
        _score(world, bad)
    assert error.value.message_dict["score"] == ["Geef een heel getal van 1 tot en met 10."]
    assert not SafetyScore.objects.exists()


def test_r532_score_keeps_setting_scorer_and_child_and_is_history(world):
    _score(world, 4, scorer="parent", scorer_name="Annette", setting="network_meeting")
    _score(world, 7)
    scores = selectors.case_safety(case=world["case"]).children[0].scores
    assert [(s.score, s.scorer, s.setting) for s in scores] == [
        (4, "parent", "network_meeting"),
        (7, "professional", "family_conversation"),
    ]


def test_r126_direct_safety_first_while_latest_professional_score_is_below_six(world):
    case = world["case"]
    assert selectors.direct_safety_first(case) is False
    _score(world, 5, scored_on=TODAY - dt.timedelta(days=2))
    assert selectors.direct_safety_first(case) is True
    _score(world, 9, scorer="parent")  # a parent's score does not lift the professional judgement
    assert selectors.direct_safety_first(case) is True
    _score(world, 6)
    assert selectors.direct_safety_first(case) is False


def test_r119_confirm_despite_unsafe_needs_a_reason_and_records_it(world):
    case = world["case"]
    assert services.confirm_despite_unsafe(actor=world["lead"], case=case, reason="", what="analyse") is None
    _score(world, 3)
    with pytest.raises(ValidationError) as error:
        services.confirm_despite_unsafe(actor=world["lead"], case=case, reason=" ", what="verklarende analyse")
    assert "veiligheid gaat voor" in error.value.message_dict["reason"][0]
    confirmation = services.confirm_despite_unsafe(
        actor=world["lead"],
        case=case,
        what="verklarende analyse",
        reason="De tijdlijn helpt juist nu de afspraken te begrijpen.",
    )
    assert UnsafeConfirmation.objects.get() == confirmation and confirmation.latest_score == 3


def test_r126_drop_below_the_agreed_lower_limit_shows_the_plan_for_that_situation(world):
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(lower_limit=4), based_on=None)
    _score(world, 5)
    assert selectors.case_safety(case=world["case"]).below_lower_limit == []
    _score(world, 3)
    overview = selectors.case_safety(case=world["case"])
    assert [c.child for c in overview.below_lower_limit] == [world["child"]]
    assert "naar oma" in overview.content["lower_limit_plan"]


# --- Safety plan -------------------------------------------------------------------------------------------------


def test_r125_r556_each_save_is_a_new_immutable_version_with_author(world):
    v1 = services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    v2 = services.plan_save(
        actor=world["lead"],
        case=world["case"],
        content=plan(concerns="Meer zorgen"),
        based_on=1,
        note="zorgen bijgewerkt",
    )
    assert (v1.number, v2.number) == (1, 2)
    assert SafetyPlanVersion.objects.get(number=1).content["concerns"] == "Huiselijk geweld in het bijzijn van Nelle."
    assert v2.author == world["lead"] and SafetyPlan.objects.get().current == v2


def test_agreement_without_who_is_refused_and_nothing_saved(world):
    content = plan(agreements=[{"what": "Niet drinken", "who": "", "since": "", "watched": ""}])
    with pytest.raises(ValidationError) as error:
        services.plan_save(actor=world["lead"], case=world["case"], content=content, based_on=None)
    assert "vul in wie het doet" in error.value.message_dict["agreements"][0]
    assert not SafetyPlanVersion.objects.exists()


def test_r552_bottom_line_needs_a_consequence(world):
    with pytest.raises(ValidationError) as error:
        services.plan_save(
            actor=world["lead"],
            case=world["case"],
            based_on=None,
            content=plan(bottom_lines=[{"text": "Geen geweld", "consequence": ""}]),
        )
    assert "R552" in error.value.message_dict["bottom_lines"][0]


def test_r374_agreements_or_the_reason_why_none(world):
    with pytest.raises(ValidationError) as error:
        services.plan_save(actor=world["lead"], case=world["case"], content=plan(agreements=[]), based_on=None)
    assert "R374" in error.value.message_dict["agreements"][0]
    version = services.plan_save(
        actor=world["lead"],
        case=world["case"],
        based_on=None,
        content=plan(agreements=[], no_agreements_reason="Vader weigert elk contact."),
    )
    assert version.content["agreements"] == []


def test_r127_the_cause_is_required(world):
    with pytest.raises(ValidationError) as error:
        services.plan_save(actor=world["lead"], case=world["case"], content=plan(cause_what=""), based_on=None)
    assert "R127" in error.value.message_dict["cause_what"][0]


def test_r383_plan_not_made_with_parents_needs_a_reason(world):
    with pytest.raises(ValidationError) as error:
        services.plan_save(
            actor=world["lead"], case=world["case"], content=plan(made_with_parents=False), based_on=None
        )
    assert "R383" in error.value.message_dict["not_with_parents_reason"][0]


def test_r129_lower_limit_is_1_to_10_and_needs_the_plan_when_crossed(world):
    for bad in (0, 11, "zes"):
        with pytest.raises(ValidationError) as error:
            services.plan_save(actor=world["lead"], case=world["case"], content=plan(lower_limit=bad), based_on=None)
        assert "lower_limit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.plan_save(actor=world["lead"], case=world["case"], content=plan(lower_limit_plan=""), based_on=None)
    assert "R129" in error.value.message_dict["lower_limit_plan"][0]


def test_r129_r375_r382_missing_parts_are_shown_until_the_plan_is_complete(world):
    version = services.plan_save(
        actor=world["lead"],
        case=world["case"],
        based_on=None,
        content=plan(bottom_lines=[], supporter="", unable_steps=""),
    )
    overview = selectors.case_safety(case=world["case"])
    assert overview.plan.current == version
    assert {
        "bodemeisen",
        "stappen als de ouders de veiligheid niet kunnen waarborgen",
        "wie de ouders ondersteunt en wie toeziet",
    } <= set(overview.missing_parts)


def test_script_in_a_text_field_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as error:
        services.plan_save(
            actor=world["lead"], case=world["case"], based_on=None, content=plan(concerns="<script>alert(1)</script>")
        )
    assert "HTML-code of scripts" in error.value.message_dict["concerns"][0]
    with pytest.raises(ValidationError):
        _score(world, 5, situation="<img src=x onerror=alert(1)>")
    assert not SafetyPlanVersion.objects.exists() and not SafetyScore.objects.exists()


def test_stale_save_is_refused_with_what_changed_meanwhile(world):
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(concerns="Nieuw"), based_on=1)
    with pytest.raises(StaleVersion) as error:
        services.plan_save(actor=world["lead"], case=world["case"], content=plan(strengths="Mijn tekst"), based_on=1)
    assert "versie 2" in error.value.messages[0]
    assert [c.path for c in plan_content.visible_changes(error.value.changes)] == ["concerns"]
    assert SafetyPlanVersion.objects.count() == 2


def test_r240_r239_breach_is_recorded_and_the_next_version_must_record_the_adjustment(world):
    v1 = services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    line = v1.content["bottom_lines"][0]
    breach = services.breach_record(
        actor=world["lead"],
        case=world["case"],
        item_id=line["id"],
        occurred_on=TODAY,
        breached_by="Berend",
        what_happened="Trapte de deur in",
        police_involved=True,
        police_called_by="buren",
    )
    assert breach.in_version == 1 and breach.item_text == "Geen nieuwe politiecontacten"
    with pytest.raises(ValidationError) as error:
        services.plan_save(actor=world["lead"], case=world["case"], content=plan(concerns="x"), based_on=1)
    assert "R239" in error.value.message_dict["note"][0]
    services.plan_save(
        actor=world["lead"],
        case=world["case"],
        content=plan(concerns="x"),
        based_on=1,
        note="Bodemeis binnen de invloed van Annette gebracht",
    )
    assert Breach.objects.get().adjusted_in == 2


def test_breach_of_an_unknown_agreement_is_refused(world):
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    with pytest.raises(ValidationError) as error:
        services.breach_record(
            actor=world["lead"],
            case=world["case"],
            item_id="nope",
            occurred_on=TODAY,
            breached_by="Berend",
            what_happened="x",
        )
    assert "item_id" in error.value.message_dict


def test_records_leave_a_change_history(world):
    _score(world, 6)
    assert ChangeRecord.objects.filter(family_id=world["family"].pk, object_type="safetyscore").exists()


# --- Derived attention ---------------------------------------------------------------------------------------------


def test_r546_r548_attention_without_plan_and_with_overdue_assessment(world):
    notes = selectors.case_safety(case=world["case"]).attention
    assert any("R546" in n for n in notes) and any("R548" in n for n in notes)
    rows = selectors.caseload_attention(user=world["lead"])
    assert rows[0].case == world["case"]
    assert "geen veiligheidsplan" in rows[0].reasons and "veiligheidstaxatie te laat" in rows[0].reasons
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    _assess(world)
    _score(world, 7)
    assert selectors.case_safety(case=world["case"]).attention == []
    assert selectors.caseload_attention(user=world["lead"]) == []


def test_r548_assessment_is_not_overdue_within_five_days():
    lead = UserFactory()
    inv = involve(lead)
    inv.case.opened_on = TODAY - dt.timedelta(days=3)
    inv.case.save()
    PersonFactory(family=inv.case.family)
    reasons = selectors.caseload_attention(user=lead)[0].reasons
    assert "veiligheidstaxatie te laat" not in reasons


def test_r126_caseload_shows_a_child_whose_latest_professional_score_is_below_six(world):
    _score(world, 4, scored_on=TODAY - dt.timedelta(days=1))
    assert "directe veiligheid onder de 6" in selectors.caseload_attention(user=world["lead"])[0].reasons
    _score(world, 7)
    assert "directe veiligheid onder de 6" not in selectors.caseload_attention(user=world["lead"])[0].reasons


def test_r242_breach_after_the_latest_assessment_asks_for_a_new_assessment(world):
    _assess(world)
    v1 = services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    services.breach_record(
        actor=world["lead"],
        case=world["case"],
        item_id=v1.content["agreements"][0]["id"],
        occurred_on=TODAY,
        breached_by="Berend",
        what_happened="Kwam toch langs",
    )
    assert any("R242" in n for n in selectors.case_safety(case=world["case"]).attention)


def test_r105_latest_weighing_since_a_switch_of_lead(world):
    old = _weigh(world, held_on=TODAY - dt.timedelta(days=30))
    assert selectors.latest_weighing(world["case"]) == old
    assert selectors.latest_weighing(world["case"], since=TODAY - dt.timedelta(days=7)) is None
    new = _weigh(world, occasion="lead_switch")
    assert selectors.latest_weighing(world["case"], since=TODAY - dt.timedelta(days=7)) == new


def test_r129_caseload_alerts_the_lead_when_a_score_drops_below_the_agreed_lower_limit(world):
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(lower_limit=4), based_on=None)
    _score(world, 5, scored_on=TODAY - dt.timedelta(days=1))
    reasons = selectors.caseload_attention(user=world["lead"])[0].reasons
    assert not any("ondergrens" in r for r in reasons)
    _score(world, 3)
    reasons = selectors.caseload_attention(user=world["lead"])[0].reasons
    assert any("ondergrens" in r for r in reasons)


def test_r124_r554_unsafe_assessment_after_the_plan_reopens_it_and_secure_now_alerts(world):
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    _assess(world)
    assert not any("R554" in n for n in selectors.case_safety(case=world["case"]).attention)
    _assess(
        world,
        items=all_safe(neglect={"conclusion": "secure_now", "description": "Nelle alleen thuis"}),
        immediate_action="Nelle bij oma ondergebracht",
    )
    notes = selectors.case_safety(case=world["case"]).attention
    assert any("R554" in n for n in notes) and any("R124" in n for n in notes)
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(concerns="Verwaarlozing"), based_on=1)
    assert not any("R554" in n for n in selectors.case_safety(case=world["case"]).attention)
