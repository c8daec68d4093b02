"""Barriers (four-step ladder of seed 000) and escalation between organisations (three levels of seed 002)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.collaboration import network_services, services
from gezinsplan.collaboration.models import (
    Attendance,
    Barrier,
    BarrierStep,
    CoreDecision,
    Escalation,
    EscalationLevel,
    MeetingKind,
)
from gezinsplan.core.due import cases_for_team, due_items
from gezinsplan.core.records import StaleEdit
from tests.collaboration.conftest import TODAY
from tests.collaboration.factories import BarrierFactory, CoreDecisionFactory
from tests.conftest import client_for
from tests.factories import InvolvementFactory, OrganisationFactory, TeamFactory, UserFactory

DAY = dt.timedelta(days=1)


def _messages(error, field: str) -> str:
    return " ".join(error.value.message_dict[field])


def _start(world, **overrides):
    values = {"actor": world["lead"], "case": world["case"], "other_organisation": world["gi"],
              "description": "Verschil over de vervolghulp", "family_informed": "Vooraf, in het huisbezoek",
              "consulted_other": True, "situation": 1, "level": 1}
    values.update(overrides)
    return services.escalation_start(**values)


# --- seed 000: barriers ------------------------------------------------------------------------------------------

def test_r075_golden_rules_shown_when_a_barrier_or_feedback_is_registered(world):
    """R075: the eight golden rules for feedback on the barrier pages and the feedback page."""
    client = client_for(world["lead"])
    barrier = BarrierFactory(case=world["case"], raised_by=world["lead"])
    pages = [client.get(f"/samenwerking/casus/{world['case'].pk}/barrieres/nieuw/").content.decode(),
             client.get(f"/samenwerking/barrieres/{barrier.pk}/").content.decode(),
             client.get("/samenwerking/feedback/").content.decode()]
    for page in pages:
        for rule in ("Wees specifiek.", "Doe het meteen.", "Gebruik de ik-vorm.", "Geef geen overdosis.",
                     "Verifieer.", "Doe het een-op-een.", "Doe het face-to-face.", "veranderbaar gedrag"):
            assert rule in page


def test_r076_diverging_end_situations_between_organisations_flag_an_impasse(world):
    """R076: the impasse signals are the barrier type's checklist, and the end situation rewritten back and forth by
    two organisations is flagged on the case page."""
    from gezinsplan.analysis.models import FamilyAnalysis
    from gezinsplan.collaboration.network_selectors import impasse_signals
    from gezinsplan.core.records import create_record, update_record

    services.barrier_raise(actor=world["lead"], case=world["case"], kind="impasse", raised_on=TODAY,
                           signalled_during="patterns_goals", description="Verschil over de eindsituatie",
                           signals=["persuasion", "analysis", "end_situation", "route", "follow_up_help"])
    analysis = create_record(actor=world["lead"], family_id=world["family"].pk, instance=FamilyAnalysis(
        family=world["family"], started_by_organisation=world["lt"], end_description="Thuis bij moeder"))
    update_record(actor=world["protector"], instance=analysis, version=None, family_id=world["family"].pk,
                  values={"end_description": "Bij oma"})
    assert impasse_signals(world["case"]) == []  # one change of view is no impasse yet
    update_record(actor=world["lead"], instance=analysis, version=None, family_id=world["family"].pk,
                  values={"end_description": "Thuis bij moeder, met steun"})
    [signal] = impasse_signals(world["case"])
    assert signal.switches == 2 and set(signal.organisations) == {world["lt"].label, world["gi"].label}
    page = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "Blijvende inhoudelijke impasse?" in page and "R076" in page


def test_r077_personal_barrier_only_for_its_author_and_their_manager(world):
    """R077: the personal signals, and a personal barrier hidden from other professionals of the case."""
    barrier = services.barrier_raise(actor=world["lead"], case=world["case"], kind="personal", raised_on=TODAY,
                                     signalled_during="contact_absent", description="Structureel laat geïnformeerd",
                                     signals=["no_contact", "not_objective", "irritation", "informed_late"])
    url = f"/samenwerking/barrieres/{barrier.pk}/"
    assert client_for(world["lead"]).get(url).status_code == 200
    assert client_for(world["team_lead"]).get(url).status_code == 200  # the author's manager
    assert client_for(world["protector"]).get(url).status_code == 404  # involved, but the other party
    link = f"/samenwerking/barrieres/{barrier.pk}/"
    assert link in client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert link not in client_for(world["protector"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    api = client_for(world["protector"]).get(f"/api/v1/cases/{world['case'].pk}/barriers/").json()
    assert api["results"] == []
    assert client_for(world["protector"]).get(f"/api/v1/barriers/{barrier.pk}/steps/").status_code == 404
    assert len(client_for(world["lead"]).get(f"/api/v1/cases/{world['case'].pk}/barriers/").json()["results"]) == 1


def test_r077_personal_barrier_step_is_due_only_for_who_may_open_it(world):
    """R077, R079: the next step of a personal barrier shows in 'Wat staat open' (page and API) for its author and the
    author's team lead, and not for the other professionals of the case, whose link would give 'not found'."""
    barrier = services.barrier_raise(
        actor=world["lead"],
        case=world["case"],
        kind="personal",
        raised_on=TODAY,
        signalled_during="contact_absent",
        description="Structureel laat geïnformeerd",
        signals=["no_contact"],
    )
    focus = BarrierFactory(case=world["case"], raised_by=world["protector"], raised_on=TODAY)
    link, focus_link = f"/samenwerking/barrieres/{barrier.pk}/", f"/samenwerking/barrieres/{focus.pk}/"

    def due_links(user) -> tuple[set, set]:
        page = client_for(user).get("/samenwerking/wat-staat-open/").content.decode()
        api = {i["url"] for i in client_for(user).get("/api/v1/due/").json()}
        return {u for u in (link, focus_link) if u in page}, {u for u in (link, focus_link) if u in api}

    assert due_links(world["lead"]) == ({link, focus_link}, {link, focus_link})
    assert due_links(world["protector"]) == ({focus_link}, {focus_link})
    assert client_for(world["protector"]).get(focus_link).status_code == 200
    assert client_for(world["protector"]).get(link).status_code == 404
    assert link in client_for(world["team_lead"]).get("/samenwerking/wat-staat-open/?team=1").content.decode()
    items = due_items(cases=cases_for_team(world["lt_team"]), today=TODAY, viewer=world["scientist"])
    assert {i.url for i in items} >= {focus_link} and link not in {i.url for i in items}


def test_r078_signalled_during_is_required_and_cancellations_are_counted(world):
    """R078: where the barrier was signalled is required; cancelled appointments per professional are shown."""
    with pytest.raises(ValidationError) as error:
        services.barrier_raise(actor=world["lead"], case=world["case"], kind="focus", raised_on=TODAY,
                               description="Verschil in focus")
    assert "R078" in _messages(error, "signalled_during")
    assert not Barrier.objects.exists()
    meeting, _w = services.meeting_plan(actor=world["lead"], case=world["case"], kind=MeetingKind.NETWORK,
                                        planned_on=TODAY)
    services.participant_add(actor=world["lead"], meeting=meeting, category="professional", user=world["protector"])
    [p] = meeting.participants.all()
    services.meeting_record(actor=world["lead"], meeting=meeting, version=None, held_on=TODAY, minutes="Verslag",
                            attendance={str(p.pk): Attendance.ABSENT_NOTIFIED}, next_planned_on=TODAY + 14 * DAY,
                            parents_absent_reason="Moeder ziek afgemeld")  # R616
    client = client_for(world["lead"])
    page = client.get(f"/samenwerking/casus/{world['case'].pk}/barrieres/nieuw/").content.decode()
    assert "1 keer afgemeld" in page and world["protector"].last_name in page
    response = client.post(f"/samenwerking/casus/{world['case'].pk}/barrieres/nieuw/", {
        "kind": "focus", "description": "Afspraken worden afgezegd", "raised_on": TODAY.isoformat(),
        "signalled_during": "contact_absent"})
    assert response.status_code == 302
    assert Barrier.objects.get().get_signalled_during_display() == "contact blijft uit of afspraken worden afgezegd"


def test_r080_step_1_self_analysis_fields(world):
    """R080: step 1 records my view, what I want to know, where we agree, my share, my behaviour, what I can do and
    the critical colleague; my share and what I can do are required."""
    barrier = BarrierFactory(case=world["case"], raised_by=world["lead"])
    client = client_for(world["lead"])
    url = f"/samenwerking/barrieres/{barrier.pk}/"
    response = client.post(url, {"step": 1, "taken_on": TODAY.isoformat()})
    assert "uw eigen aandeel" in response.content.decode()
    assert not BarrierStep.objects.exists()
    response = client.post(url, {
        "step": 1, "taken_on": TODAY.isoformat(), "view_kind": "focus", "want_to_know": "Waarom geen huisbezoek",
        "agree_on": "Het patroon", "my_share": "Ik mail in plaats van te bellen", "my_behaviour": "Afwachtend",
        "could_do": "Zelf bellen", "critical_colleague": "Collega Fatima"})
    assert response.status_code == 302
    step = BarrierStep.objects.get()
    assert (step.want_to_know, step.agree_on, step.critical_colleague) == (
        "Waarom geen huisbezoek", "Het patroon", "Collega Fatima")
    page = client.get(url).content.decode()
    assert "Ik mail in plaats van te bellen" in page and "Collega Fatima" in page


def test_r081_step_2_conversation_record(world):
    """R081: step 2 records the barrier as named and the invitation, the goal and focus set beforehand, the shared
    analysis, the colleague for feedback and the outcome."""
    barrier = BarrierFactory(case=world["case"], raised_by=world["lead"], signalled_during="case_discussion")
    services.barrier_step(actor=world["lead"], barrier=barrier, step=1, taken_on=TODAY, my_share="Afwachtend",
                          could_do="Bellen")
    with pytest.raises(ValidationError) as error:
        services.barrier_step(actor=world["lead"], barrier=barrier, step=2, taken_on=TODAY, with_whom="JB")
    assert "R081" in _messages(error, "goal_focus") and "R081" in _messages(error, "named_to_other")
    step = services.barrier_step(
        actor=world["lead"], barrier=barrier, step=2, taken_on=TODAY, with_whom="Jeugdbeschermer",
        named_to_other="Benoemd als verschil in focus; uitgenodigd per mail", invitation_sent_on=TODAY - DAY,
        goal_focus="Eén gedeeld beeld van de veiligheid", shared_analysis="Mijn aandeel: afwachtend",
        feedback_colleague="Gedragswetenschapper", outcome="Afgesproken samen op huisbezoek te gaan")
    step.refresh_from_db()
    assert step.invitation_sent_on == TODAY - DAY and step.goal_focus == "Eén gedeeld beeld van de veiligheid"
    page = client_for(world["lead"]).get(f"/samenwerking/barrieres/{barrier.pk}/").content.decode()
    assert "Eén gedeeld beeld van de veiligheid" in page and "samen op huisbezoek" in page


# --- seed 000, R100: a disputed core decision ------------------------------------------------------------------

def test_r100_disputed_core_decision_goes_to_the_managers_of_both_organisations(world):
    """R100: only a decision marked disputed; both managers see it on 'Wat staat open'; the outcome is recorded
    against the decision."""
    undisputed = CoreDecisionFactory(case=world["case"], forum_team=world["lt_team"])
    with pytest.raises(ValidationError) as error:
        network_services.decision_escalate(actor=world["lead"], decision=undisputed, other_organisation=world["gi"],
                                           description="Oneens", family_informed="Vooraf")
    assert "R100" in _messages(error, "decision")
    decision = CoreDecisionFactory(case=world["case"], forum_team=world["lt_team"], disputed=True)
    client = client_for(world["lead"])
    response = client.post(f"/samenwerking/kernbesluiten/{decision.pk}/opschalen/", {
        "other_organisation": world["gi"].pk, "description": "GI wil een uithuisplaatsing, LT niet",
        "family_informed": "Vooraf, telefonisch"})
    assert response.status_code == 302
    escalation = Escalation.objects.get(decision=decision)
    assert escalation.level == EscalationLevel.MANAGERS
    gi_lead = UserFactory(role=Role.TEAM_LEAD, organisation=world["gi"], team=world["gi_team"])
    for team in (world["lt_team"], world["gi_team"]):  # both organisations' managers are told
        items = due_items(cases=cases_for_team(team), today=TODAY)
        assert any("Omstreden kernbesluit" in i.title for i in items)
    page = client_for(gi_lead).get("/samenwerking/wat-staat-open/").content.decode()
    assert "Omstreden kernbesluit bij de managers" in page
    services.escalation_resolve(actor=gi_lead, escalation=escalation, resolved_on=TODAY,
                                solution="Managers: eerst intensieve hulp thuis")
    page = client.get(f"/samenwerking/kernbesluiten/{decision.pk}/").content.decode()
    assert "Managers: eerst intensieve hulp thuis" in page
    assert CoreDecision.objects.get(pk=decision.pk).escalations.get().solution


# --- seed 002: the three-level escalation model ------------------------------------------------------------------

def test_r463_three_situations_and_the_agreement_concerned(world):
    """R463: a situation is required; situation 2 names the agreement or the generally applicable agreements."""
    with pytest.raises(ValidationError) as error:
        _start(world, situation=9)
    assert "situation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _start(world, situation=2, level=2)
    assert "R463" in _messages(error, "agreement_reference")
    escalation = _start(world, situation=2, level=2, no_specific_agreement=True)
    assert escalation.agreement_reference == "algemeen geldende afspraken"
    escalation = _start(world, situation=2, level=2, agreement_reference="Wachtlijst Veilig Thuis: binnen 5 dagen")
    assert escalation.get_situation_display().startswith("2.")


def test_r464_situation_3_names_conduct_and_norm_and_starts_at_step_2(world):
    """R464: situation 3 needs the observed conduct and the norm (SKJ or general), and starts directly at step 2."""
    with pytest.raises(ValidationError) as error:
        _start(world, situation=3, level=1, conduct_observed="x", conduct_norm="skj")
    assert "level" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _start(world, situation=3, level=2)
    assert "R464" in _messages(error, "conduct_observed") and "R464" in _messages(error, "conduct_norm")
    escalation = _start(world, situation=3, level=2, conduct_observed="Geen huisbezoek in vier maanden",
                        conduct_norm="skj")
    page = client_for(world["lead"]).get(f"/samenwerking/escalaties/{escalation.pk}/").content.decode()
    assert "Geen huisbezoek in vier maanden" in page and "kwaliteitskader SKJ" in page


def test_r467_step_1_with_both_behavioural_scientists_bridged_closes_it(world):
    """R467: own behavioural scientist, the other's, both acknowledge, a joint meeting; 'bridged' closes the
    escalation as successful."""
    escalation = _start(world)
    client = client_for(world["lead"])
    url = f"/samenwerking/escalaties/{escalation.pk}/"
    response = client.post(url, {"action": "step1", "result": "bridged", "joint_meeting_on": TODAY.isoformat()})
    page = response.content.decode()
    assert "eigen organisatie" in page and "erkennen" in page
    with pytest.raises(ValidationError) as error:  # a scientist of another organisation is not 'own'
        services.escalation_step1(actor=world["lead"], escalation=escalation, own_scientist=UserFactory(
            role=Role.BEHAVIOURAL_SCIENTIST, organisation=world["gi"]), other_scientist="GW GI",
            both_acknowledged=True, joint_meeting_on=TODAY, result="bridged", solution="x")
    assert "R467" in _messages(error, "own_scientist")
    response = client.post(url, {"action": "step1", "own_scientist": world["scientist"].pk,
                                 "other_scientist": "Gedragswetenschapper GI", "both_acknowledged": "on",
                                 "joint_meeting_on": TODAY.isoformat(), "result": "bridged",
                                 "solution": "Samen gekozen voor intensieve ambulante hulp"})
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.resolved_on == TODAY and escalation.step1_result == "bridged"


def test_r468_step_2_after_an_unsuccessful_step_1_or_directly_for_situations_2_and_3(world):
    """R468: situation 1 cannot start at the managers, nor move there before step 1 failed; 2 and 3 start there."""
    with pytest.raises(ValidationError) as error:
        _start(world, situation=1, level=2)
    assert "R468" in _messages(error, "level")
    escalation = _start(world)
    with pytest.raises(ValidationError) as error:
        services.escalation_raise(actor=world["lead"], escalation=escalation, level=2, reason="Geen akkoord",
                                  family_informed="Achteraf")
    assert "R468" in _messages(error, "level")
    services.escalation_step1(actor=world["lead"], escalation=escalation, own_scientist=world["scientist"],
                              other_scientist="GW GI", both_acknowledged=True, joint_meeting_on=TODAY,
                              result="not_bridged")
    escalation = services.escalation_raise(actor=world["lead"], escalation=Escalation.objects.get(pk=escalation.pk),
                                           level=2, reason="Geen akkoord", family_informed="Achteraf")
    assert escalation.level == EscalationLevel.MANAGERS
    assert _start(world, situation=2, level=2, agreement_reference="Wachtlijst").level == 2


def test_r470_step_3_by_managers_with_a_reason_and_a_municipal_civil_servant(world):
    """R470: only managers start step 3; the reason is required; at least one municipal civil servant; mediators
    are regional advisers or table chairs."""
    escalation = _start(world, situation=2, level=2, agreement_reference="Wachtlijst GI")
    municipality = OrganisationFactory(type=OrganisationType.MUNICIPALITY, name="Gemeente Delft")
    civil_servant = UserFactory(role=Role.POLICY_OFFICER, organisation=municipality)
    region = OrganisationFactory(type=OrganisationType.REGION, name="Regio Haaglanden")
    adviser = UserFactory(role=Role.REGIONAL_CONTACT, organisation=region)
    kwargs = {"escalation": escalation, "level": 3, "reason": "Beleid schiet tekort", "family_informed": "Vooraf"}
    with pytest.raises(ValidationError) as error:
        services.escalation_raise(actor=world["lead"], step3_reason="policy", civil_servants=[civil_servant],
                                  **kwargs)
    assert "R470" in _messages(error, "level")
    with pytest.raises(ValidationError) as error:
        services.escalation_raise(actor=world["team_lead"], **kwargs)
    assert "R470" in _messages(error, "step3_reason") and "R470" in _messages(error, "civil_servants")
    with pytest.raises(ValidationError) as error:
        services.escalation_raise(actor=world["team_lead"], step3_reason="policy", civil_servants=[civil_servant],
                                  mediators=[world["protector"]], **kwargs)
    assert "R470" in _messages(error, "mediators")
    client = client_for(world["team_lead"])
    response = client.post(f"/samenwerking/escalaties/{escalation.pk}/", {
        "action": "raise", "level": 3, "reason": "Stap 1 en 2 gaven geen oplossing", "family_informed": "Vooraf",
        "step3_reason": "insufficient", "civil_servants": [civil_servant.pk], "mediators": [adviser.pk]})
    assert response.status_code == 302, response.content.decode()
    escalation.refresh_from_db()
    assert escalation.level == 3 and list(escalation.civil_servants.all()) == [civil_servant]
    assert list(escalation.mediators.all()) == [adviser]


def test_r471_unreachable_local_team_is_not_for_the_escalation_model(world):
    """R471: the form refuses 'the protector cannot reach the LT' and points to the referral route."""
    client = client_for(world["protector"])
    response = client.post(f"/samenwerking/casus/{world['case'].pk}/escalaties/nieuw/", {
        "situation": 2, "level": 2, "other_organisation": world["lt"].pk, "agreement_reference": "Bereikbaarheid",
        "description": "Ik krijg de LT-medewerker niet te pakken", "family_informed": "Vooraf",
        "consulted_other": "on", "cannot_reach_lt": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "niet bedoeld" in page and "tweede medewerker" in page and "regionale contactpersoon" in page
    assert not Escalation.objects.exists()


def test_escalation_page_outsider_not_found(world):
    escalation = _start(world)
    other_team = TeamFactory(organisation=world["gi"])
    assert client_for(UserFactory(team=other_team)).get(
        f"/samenwerking/escalaties/{escalation.pk}/").status_code == 404


# --- Nothing lost: a stale step 1 is refused and the typed text offered back -------------------------------------

def _colleague(world):
    colleague = UserFactory(organisation=world["lt"], team=world["lt_team"])
    InvolvementFactory(case=world["case"], user=colleague, role="support")
    return colleague


def test_stale_edit_escalation_step1_refused_in_the_service(world):
    escalation = _start(world)
    colleague = _colleague(world)
    opened_on = escalation.version
    services.escalation_step1(actor=world["lead"], escalation=Escalation.objects.get(pk=escalation.pk),
                              own_scientist=world["scientist"], other_scientist="GW GI", both_acknowledged=True,
                              joint_meeting_on=TODAY, result="not_bridged", version=opened_on)
    with pytest.raises(StaleEdit):
        services.escalation_step1(actor=colleague, escalation=Escalation.objects.get(pk=escalation.pk),
                                  own_scientist=world["scientist"], other_scientist="Mijn gedragswetenschapper",
                                  both_acknowledged=True, joint_meeting_on=TODAY, result="bridged",
                                  solution="Mijn oplossing", version=opened_on)
    assert Escalation.objects.get(pk=escalation.pk).step1_result == "not_bridged"


def test_stale_edit_escalation_step1_page_keeps_the_typed_text(world):
    escalation = _start(world)
    colleague = _colleague(world)
    url = f"/samenwerking/escalaties/{escalation.pk}/"
    opened_on = client_for(colleague).get(url).context["step1"].initial["version"]
    assert opened_on == escalation.version
    response = client_for(world["lead"]).post(url, {
        "action": "step1", "own_scientist": world["scientist"].pk, "other_scientist": "GW GI",
        "both_acknowledged": "on", "joint_meeting_on": TODAY.isoformat(), "result": "not_bridged",
        "version": opened_on})
    assert response.status_code == 302
    response = client_for(colleague).post(url, {
        "action": "step1", "own_scientist": world["scientist"].pk, "other_scientist": "GW GI",
        "both_acknowledged": "on", "joint_meeting_on": TODAY.isoformat(), "result": "bridged",
        "solution": "Mijn eigen beschrijving van de oplossing", "version": opened_on})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body
    assert "Mijn eigen beschrijving van de oplossing" in body
    assert Escalation.objects.get(pk=escalation.pk).step1_result == "not_bridged"
