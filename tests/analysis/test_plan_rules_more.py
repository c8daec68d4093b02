"""More rules of RULES.md (Area: analysis): screening, life domains, endorsement, relational focus, instruments,
intake, currency, the shared and versioned plan, and the weighing it builds on."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test.utils import override_settings

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.analysis import selectors, services
from gezinsplan.analysis.models import IntakeTask
from gezinsplan.cases import handovers
from gezinsplan.cases.models import Case
from gezinsplan.core.policy import PolicyDenied
from gezinsplan.families.models import FamilyRole
from gezinsplan.safety import services as safety_services
from gezinsplan.safety.models import RiskAssessment, SafetyAssessment, Weighing
from tests.analysis import factories as af
from tests.cases.helpers import start_analysis
from tests.conftest import client_for
from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RelationshipFactory,
    UserFactory,
    involve,
)
from tests.safety.factories import all_safe

END = {"end_description": "Veilig thuis met oma als vangnet.", "end_changeable": "Moeder blijft in behandeling.",
       "end_compensate": "niets", "end_children_where": "Bij moeder.", "end_term": dt.date(2027, 6, 1)}


def _started(user, family, **values):
    analysis = start_analysis(actor=user, family=family)
    if values:
        analysis = services.analysis_update(actor=user, analysis=analysis, version=analysis.version, **values)
    return analysis


def _page(user, family) -> str:
    response = client_for(user).get(f"/analyse/gezin/{family.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _parent(family, name="Milena", role=FamilyRole.PARENT):
    return PersonFactory(family=family, first_name=name, last_name="", family_role=role, birth_date=None)


def _child(family, name="Ivan"):
    return PersonFactory(family=family, first_name=name, last_name="", birth_date=dt.date(2018, 5, 1))


def _gi_user():
    return UserFactory(role=Role.GI_PROTECTOR, organisation=OrganisationFactory(type=OrganisationType.GI))


# --- Screening and stress factors (R304, R334, R567) -----------------------------------------------------------

@pytest.mark.django_db
def test_r304_r334_r567_screening_per_member_and_stress_factors_need_an_action(alice, alice_family):
    """R304: per adult debts, addiction, psychiatry; R334: screening of trauma, addiction, psychiatry, LVB, debts
    with consultation/referral; R567: a present stress factor (also eviction) links to an action or referral."""
    mother, child = _parent(alice_family), _child(alice_family)
    _started(alice, alice_family, **END)
    with pytest.raises(ValidationError) as error:
        services.screening_item_add(actor=alice, family=alice_family, person=mother, category="debts",
                                    result="present")
    assert "R567" in " ".join(error.value.message_dict["goal"])
    services.screening_item_add(actor=alice, family=alice_family, person=mother, category="debts",
                                result="present", referral="Schuldhulpverlening gemeente")
    goal = af.GoalFactory(family=alice_family)
    services.screening_item_add(actor=alice, family=alice_family, category="eviction", result="present", goal=goal)
    services.screening_item_add(actor=alice, family=alice_family, person=child, category="trauma",
                                result="present", referral="Consultatie traumacentrum")
    services.screening_item_add(actor=alice, family=alice_family, person=mother, category="lvb", result="absent")
    with pytest.raises(ValidationError) as error:
        services.screening_item_add(actor=alice, family=alice_family, person=child, category="debts",
                                    result="absent")
    assert "person" in error.value.message_dict
    page = selectors.analysis_page(family=alice_family)
    (person, rows), = page.adult_problems
    assert person == mother and [label for label, _item in rows] == [
        "schulden", "verslaving (alcohol, drugs of anders)", "psychiatrische problemen"]
    assert rows[0][1] is not None and rows[1][1] is None and page.unaddressed_stress == []
    html = _page(alice, alice_family)
    assert "Consultatie traumacentrum" in html and "nog niet gescreend" in html and "dreigende uithuiszetting" in html


# --- Facts per life domain and the clean handover (R559, R581, R597) -------------------------------------------

@pytest.mark.django_db
@override_settings(GEZINSPLAN_METHOD={"life_domains": ["huisvesting", "financien"]})
def test_r559_facts_per_configured_life_domain_reviewed_or_not_relevant(alice, alice_family):
    """R559: facts per life domain from a configurable list, each 'reviewed with the family' or 'not relevant'."""
    _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.domain_review_add(actor=alice, family=alice_family, domain="school", status="not_relevant")
    assert "domain" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.domain_review_add(actor=alice, family=alice_family, domain="huisvesting", status="reviewed")
    assert "facts" in error.value.message_dict
    services.domain_review_add(actor=alice, family=alice_family, domain="huisvesting", status="reviewed",
                               facts="Huurachterstand")
    services.domain_review_add(actor=alice, family=alice_family, domain="financien", status="not_relevant")
    page = selectors.analysis_page(family=alice_family)
    assert [(code, review.status) for code, _label, review in page.domain_rows] == [
        ("huisvesting", "reviewed"), ("financien", "not_relevant")]
    assert "Huurachterstand" in _page(alice, alice_family)


@pytest.mark.django_db
@override_settings(GEZINSPLAN_METHOD={"life_domains": ["huisvesting"], "plan_current_months": 6})
def test_r581_r597_handover_report_needs_domain_facts_decisions_help_results_and_a_current_plan(alice,
                                                                                               alice_family):
    """R581: facts per life domain, reasons behind earlier steps (decision log), earlier help with result; R597:
    current only with a risk and safety assessment within the period and a feasible end state. The cases app's
    handover checklist holds these items and refuses to accept a handover while they are not done."""
    child = _child(alice_family)
    gaps = selectors.handover_report_gaps(family=alice_family)
    assert len(gaps) == 6
    _started(alice, alice_family, **END)
    af.LifeDomainReviewFactory(family=alice_family, domain="huisvesting")
    af.TimelineEventFactory(family=alice_family, kind="decision", title="Besluit OTS",
                            description="Vrijwillige hulp was drie keer vastgelopen")
    af.HelpEpisodeFactory(family=alice_family)
    case = Case.objects.get(family=alice_family)
    old = dt.date.today() - dt.timedelta(days=400)
    RiskAssessment.objects.create(case=case, child=child, assessed_on=old, static_factors="x",
                                  dynamic_factors="y", result="medium", assessed_by=alice, created_by=alice)
    SafetyAssessment.objects.create(case=case, child=child, assessed_on=dt.date.today(), items=all_safe(),
                                    conclusion="Veilig", assessed_by=alice, created_by=alice)
    assert selectors.handover_report_gaps(family=alice_family) == [
        "Geen (ARIJ-)risicotaxatie van de afgelopen 6 maanden."]
    assert "Het gezinsplan is niet actueel" in _page(alice, alice_family)
    RiskAssessment.objects.create(case=case, child=child, assessed_on=dt.date.today(), static_factors="x",
                                  dynamic_factors="y", result="medium", assessed_by=alice, created_by=alice)
    assert selectors.handover_report_gaps(family=alice_family) == []
    # the cases app's clean-handover checklist (not changed here) names the same three contents
    labels = " ".join(str(label) for label in handovers.HANDOVER_ITEMS.values())
    assert "feiten per leefgebied" in labels and "overwegingen achter genomen stappen" in labels
    assert "eerdere hulp met resultaten" in labels
    receiver = UserFactory()
    involve(receiver, alice_family, role="support")
    receiver.involvements.update(case=case)
    handover = handovers.handover_start(actor=alice, case=case, to_user=receiver, reason="Wissel")
    with pytest.raises(ValidationError) as error:
        handovers.handover_accept(actor=receiver, handover=handover)
    assert "feiten per leefgebied" in str(error.value)


# --- Endorsement (R516) --------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_r516_every_member_of_the_family_system_endorses_the_version(alice, alice_family):
    """R516: per member agrees / not yet / disagrees (with reason) on the current version; the gaps are what the
    move from phase 1 to phase 2 warns about."""
    mother, child = _parent(alice_family), _child(alice_family)
    _parent(alice_family, "Buurman", FamilyRole.VISITOR)  # not part of the family system
    _started(alice, alice_family)
    with pytest.raises(ValidationError):
        services.endorsement_add(actor=alice, family=alice_family, person=mother, stance="agrees")
    services.family_plan_publish(actor=alice, family=alice_family, based_on=None)
    with pytest.raises(ValidationError) as error:
        services.endorsement_add(actor=alice, family=alice_family, person=child, stance="not_yet")
    assert "reason" in error.value.message_dict
    services.endorsement_add(actor=alice, family=alice_family, person=mother, stance="agrees")
    services.endorsement_add(actor=alice, family=alice_family, person=child, stance="not_yet",
                             reason="Ivan wil eerst met papa praten")
    page = selectors.analysis_page(family=alice_family)
    assert page.endorsement_gaps == [child]
    assert "Ivan wil eerst met papa praten" in _page(alice, alice_family)
    af.ConcernFactory(family=alice_family)
    services.family_plan_publish(actor=alice, family=alice_family, based_on=1, note="nieuwe zorg")
    assert set(selectors.analysis_page(family=alice_family).endorsement_gaps) == {mother, child}
    assert set(selectors.endorsement_gaps(family=alice_family)) == {mother, child}


# --- Relational focus (R568, R569, R570) ---------------------------------------------------------------------

@pytest.mark.django_db
def test_r568_relational_functions_per_directed_relationship_descriptive_only(alice, alice_family):
    """R568: connectedness and hierarchy from A towards B; no rating and not selectable as a change goal."""
    mother, child = _parent(alice_family), _child(alice_family)
    _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.relational_function_add(actor=alice, family=alice_family, from_person=mother, to_person=mother,
                                         connectedness="x")
    assert "to_person" in error.value.message_dict
    services.relational_function_add(actor=alice, family=alice_family, from_person=mother, to_person=child,
                                     connectedness="Sterk verbonden", hierarchy="Weinig grenzen")
    services.relational_function_add(actor=alice, family=alice_family, from_person=child, to_person=mother,
                                     connectedness="Zorgt voor moeder")
    html = _page(alice, alice_family)
    assert "Milena → Ivan" in html and "Ivan → Milena" in html and "geen veranderdoel" in html
    goal_form = client_for(alice).get(f"/analyse/gezin/{alice_family.pk}/doelen/nieuw/").content.decode()
    assert "Sterk verbonden" not in goal_form


@pytest.mark.django_db
def test_r569_matching_and_position_only_for_the_gi_team(alice, alice_family):
    """R569: the worker's matching approach and position are seen (and written) by the GI team only."""
    _started(alice, alice_family)
    gi = _gi_user()
    involve(gi, alice_family, role="support")
    note = services.matching_note_add(actor=gi, family=alice_family, approach="Eerst erkennen, dan sturen",
                                      position="Naast moeder")
    with pytest.raises(PolicyDenied):
        services.matching_note_add(actor=alice, family=alice_family, approach="x")
    assert "Eerst erkennen, dan sturen" in _page(gi, alice_family)
    assert "Eerst erkennen, dan sturen" not in _page(alice, alice_family)
    response = client_for(alice).get(f"/analyse/gezin/{alice_family.pk}/matchen/{note.pk}/")
    assert "Eerst erkennen" not in response.content.decode()


@pytest.mark.django_db
def test_r570_contact_notes_tagged_with_ffp_aims_back_the_phase_one_goals(alice, alice_family):
    """R570: notes tagged reduce negativity / increase hope / positive meaning; the plan counts the backing."""
    _started(alice, alice_family)
    services.contact_note_add(actor=alice, family=alice_family, held_on=dt.date(2026, 1, 5), summary="Huisbezoek",
                              ffp_aims=["increase_hope", "reduce_negativity"])
    services.contact_note_add(actor=alice, family=alice_family, held_on=dt.date(2026, 1, 12), summary="Gesprek",
                              ffp_aims=["increase_hope"])
    with pytest.raises(ValidationError):
        services.contact_note_add(actor=alice, family=alice_family, held_on=dt.date(2026, 1, 12), summary="x",
                                  ffp_aims=["praise"])
    backing = dict(selectors.analysis_page(family=alice_family).ffp_backing)
    assert backing["hoop op verandering vergroten"] == 2
    assert backing["negativiteit en beschuldigingen verminderen"] == 1
    assert backing["het gedrag een positievere betekenis geven"] == 0


# --- Instruments and questionnaire (R117, R685, R687) ---------------------------------------------------------

@pytest.mark.django_db
def test_r117_r622_instrument_catalogue_configurable_per_organisation_type_and_glossary(alice, alice_family):
    """R117: the Haaglanden instruments with their purpose, availability per LT/GI; R622: one glossary for all."""
    html = client_for(alice).get("/analyse/begrippen/").content.decode()
    for name in ("ARIJ", "WIK", "ZRM", "GIZ", "Veiligheidslijst SOS", "Veiligheidslijst plus", "LIRIK", "KOMPAS",
                 "ERBIJ", "Zelfredzaamheid-Matrix", "Instandhoudende factoren", "Vier vensters"):
        assert name in html
    _started(alice, alice_family)
    services.instrument_use_add(actor=alice, family=alice_family, instrument="ZRM", used_on=dt.date(2026, 1, 5),
                                outcome="Financiën acuut")
    with override_settings(GEZINSPLAN_METHOD={"instruments_available": {"lokaal_team": ["ARIJ"]}}):
        with pytest.raises(ValidationError) as error:
            services.instrument_use_add(actor=alice, family=alice_family, instrument="ZRM",
                                        used_on=dt.date(2026, 1, 5), outcome="x")
        assert "R117" in " ".join(error.value.message_dict["instrument"])
        assert "niet beschikbaar" in client_for(alice).get("/analyse/begrippen/").content.decode()
    assert "Financiën acuut" in _page(alice, alice_family)


@pytest.mark.django_db
def test_r685_r687_minimaal_opvoedgedrag_three_subscales_and_divorce_warning(alice, alice_family):
    """R685: responsiveness, basic needs, second upbringing environment, completed with the parents; R687: in a
    high-conflict divorce the questionnaire warns and offers 'Kind uit de strijd'."""
    mother, child = _parent(alice_family), _child(alice_family)
    _started(alice, alice_family)
    values = {"completed_on": dt.date(2026, 1, 5), "responsiveness": 60, "basic_needs": 20,
              "second_environment": 10}
    with pytest.raises(ValidationError) as error:
        services.questionnaire_add(actor=alice, family=alice_family, person=child, **values)
    assert "person" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.questionnaire_add(actor=alice, family=alice_family, person=mother, **{**values, "basic_needs": 140})
    assert "basic_needs" in error.value.message_dict
    _row, warnings = services.questionnaire_add(actor=alice, family=alice_family, person=mother, **values)
    assert warnings == []
    Case.objects.filter(family=alice_family).update(complex_divorce=True)
    _row, warnings = services.questionnaire_add(actor=alice, family=alice_family, person=mother, **values)
    assert "Kind uit de strijd" in warnings[0]
    form = client_for(alice).get(f"/analyse/gezin/{alice_family.pk}/vragenlijst-mog/nieuw/").content.decode()
    assert "vechtscheiding" in form and "Kind uit de strijd" in form
    assert "responsiviteit 60" in _page(alice, alice_family)


# --- Intake (R059), weighing (R108, R112) --------------------------------------------------------------------

@pytest.mark.django_db
def test_r059_starting_an_involvement_creates_an_intake_task_per_source(alice, alice_family):
    """R059: a new involvement creates the task to collect information from the family, the help already involved
    and the network partners, with a status per source."""
    from gezinsplan.cases.services import involvement_add

    case = Case.objects.get(family=alice_family)
    gi = _gi_user()
    assert not IntakeTask.objects.filter(family=alice_family, professional=gi).exists()
    involvement_add(actor=alice, case=case, user=gi, role="expert", start_date=case.opened_on)
    task = IntakeTask.objects.get(family=alice_family, professional=gi)
    assert (task.from_family, task.from_help, task.from_network) == ("open", "open", "open")
    from gezinsplan.core.models import ChangeRecord

    assert ChangeRecord.objects.get(object_id=task.pk, action="create").user == alice  # in the history, by alice
    _started(alice, alice_family)
    task = services.intake_task_update(actor=gi, task=task, version=task.version, from_family="done",
                                       from_help="done", from_network="n/a")
    assert task.complete
    assert "netwerkpartners" in _page(gi, alice_family)


@pytest.mark.django_db
def test_r108_r112_weighing_with_a_behavioural_scientist_and_more_information_first(alice, alice_family):
    """R108: the weighing (safety app) is taken in a case discussion with a behavioural scientist; R112: 'more
    factual information needed' shows an information task on the plan until a new weighing decides."""
    case = Case.objects.get(family=alice_family)
    _started(alice, alice_family)  # after an earlier weighing that said 'yes' (R113)
    scientist = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST)
    values = {"case": case, "occasion": "start", "held_on": dt.date.today(), "question": "Uitgebreide analyse?",
              "participants": "casusregisseur, collega, gedragswetenschapper",
              "behavioural_scientist_advice": "Eerst feiten verzamelen", "gi_needed": "no"}
    with pytest.raises(ValidationError) as error:
        safety_services.weighing_record(actor=alice, behavioural_scientist=alice, extended_analysis="yes", **values)
    assert "behavioural_scientist" in error.value.message_dict
    safety_services.weighing_record(actor=alice, behavioural_scientist=scientist, extended_analysis="more_info",
                                    **values)
    assert selectors.analysis_page(family=alice_family).information_task is not None
    assert "eerst meer feitelijke informatie nodig" in _page(alice, alice_family)
    Weighing.objects.update(held_on=dt.date.today() - dt.timedelta(days=1))
    safety_services.weighing_record(actor=alice, behavioural_scientist=scientist, extended_analysis="yes", **values)
    assert selectors.analysis_page(family=alice_family).information_task is None


# --- The shared, versioned analysis (R031, R344, R622, R653, R252) -------------------------------------------

@pytest.mark.django_db
def test_r031_r344_contributions_attributed_versioned_and_changes_since_last_view(alice, alice_family):
    """R031/R344: LT and GI add to one analysis, each row attributed; versions carry author and date, and a
    professional sees which versions were laid down since their last view."""
    _started(alice, alice_family)
    gi = _gi_user()
    involve(gi, alice_family, role="support")
    services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2020, 1, 1),
                                title="Melding", kind="report", source="VT")
    services.timeline_event_add(actor=gi, family=alice_family, occurred_on=dt.date(2021, 1, 1),
                                title="OTS", kind="measure", source="rechtbank")
    services.family_plan_publish(actor=alice, family=alice_family, based_on=None, note="LT")
    _page(gi, alice_family)  # the GI saw version 1
    af.ConcernFactory(family=alice_family, text="Eerste zorg")
    services.family_plan_publish(actor=alice, family=alice_family, based_on=1, note="na gesprek")
    af.ConcernFactory(family=alice_family, text="Tweede zorg")
    version = services.family_plan_publish(actor=gi, family=alice_family, based_on=2, note="GI vult aan")
    assert {e["recorded_by"] for e in version.content["timeline"]} == {str(alice), str(gi)}
    html = _page(gi, alice_family)
    assert "Sinds uw vorige bezoek (versie 1)" in html and ">versie 2</a>" in html
    assert ">versie 3</a>" not in html  # the GI's own version needs no notice
    assert "Sinds uw vorige bezoek" not in _page(gi, alice_family)


@pytest.mark.django_db
def test_r622_r653_same_plan_model_for_lt_and_gi_with_the_four_windows(alice, alice_family):
    """R622: no partner-specific templates: LT and GI see the same sections; R653: people, facts, weighing (good
    enough) and next steps with an owner."""
    _started(alice, alice_family, **END)
    af.GoalFactory(family=alice_family, who="Oma Riet")
    gi = _gi_user()
    involve(gi, alice_family, role="support")
    import re

    def headings(html):
        return [h for h in re.findall(r'<h2 class="utrecht-heading-2" id="([a-z-]+)"', html) if h != "relationeel"]

    lt_html, gi_html = _page(alice, alice_family), _page(gi, alice_family)
    assert headings(lt_html) == headings(gi_html)
    for window in ("Mensen", "Feiten", "Weging", "Vervolgstappen", "Goed genoeg als:", "Oma Riet"):
        assert window in lt_html


@pytest.mark.django_db
def test_r252_families_missing_genogram_or_timeline_in_westland_are_listed(alice):
    """R252: a per-municipality setting makes a genogram and timeline required; the missing ones are listed."""
    westland = MunicipalityFactory(name="Westland")
    complete = involve(alice).case.family
    lacking = involve(alice).case.family
    elsewhere = involve(alice).case.family
    for family in (complete, lacking):
        family.municipality = westland
        family.save()
    a, b = PersonFactory(family=complete), PersonFactory(family=complete)
    RelationshipFactory(family=complete, from_person=a, to_person=b)
    af.TimelineEventFactory(family=complete)
    rows = selectors.families_missing_genogram_timeline(user=alice)
    assert [r["family"] for r in rows] == [lacking]
    html = client_for(alice).get("/analyse/genogram-en-tijdlijn-ontbreken/").content.decode()
    assert lacking.name in html and complete.name not in html and elsewhere.name not in html
    with override_settings(GEZINSPLAN_METHOD={"genogram_timeline_required_municipalities": []}):
        assert selectors.families_missing_genogram_timeline(user=alice) == []


@pytest.mark.django_db
def test_r581_r576_version_and_pdf_hold_domain_facts_noble_intentions_and_screening(alice, alice_family):
    """R581: the version snapshot holds the facts per life domain and the help with its result; R576: the parents'
    noble intentions reach the family's PDF."""
    mother = _parent(alice_family)
    _started(alice, alice_family, first_event="Eerste melding 2011")
    services.background_add(actor=alice, family=alice_family, person=mother, noble_intention="Dat ze veilig zijn")
    af.LifeDomainReviewFactory(family=alice_family, facts="Huurachterstand")
    af.ScreeningItemFactory(family=alice_family, person=mother)
    af.HelpEpisodeFactory(family=alice_family, what_worked="Vaste behandelaar")
    version = services.family_plan_publish(actor=alice, family=alice_family, based_on=None)
    assert version.content["domain_reviews"][0]["facts"] == "Huurachterstand"
    assert version.content["screening"][0]["category"] == "debts"
    assert version.content["help_history"][0]["what_worked"] == "Vaste behandelaar"
    response = client_for(alice).get(f"/analyse/gezin/{alice_family.pk}/gezinsplan.pdf")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
