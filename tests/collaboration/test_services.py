"""Working together: the rules of meetings, decisions, conversations, barriers and escalation, with their IDs."""

import datetime as dt
import functools

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.collaboration import services
from gezinsplan.collaboration.models import (
    Agreement,
    Attendance,
    BarrierStatus,
    ChildConversation,
    CoreDecision,
    Meeting,
    MeetingKind,
)
from gezinsplan.collaboration.selectors import collaboration_page
from gezinsplan.core.due import cases_for_team, cases_for_user, due_items
from tests.collaboration.conftest import TODAY
from tests.factories import PersonFactory, UserFactory

DAY = dt.timedelta(days=1)
ABSENT_REASON = "Moeder ziek afgemeld; verslag met haar besproken"
raise_barrier = functools.partial(services.barrier_raise, signalled_during="network_meeting")  # R078
STEP_1 = {"my_share": "Ik reageerde defensief", "could_do": "Zelf bellen"}  # R080
STEP_2 = {"goal_focus": "Samen één route", "named_to_other": "Per mail uitgenodigd"}  # R081


def _messages(error: ValidationError, field: str) -> str:
    return " ".join(error.value.message_dict[field])


def test_r062_r067_network_meeting_rhythm_and_next_always_planned(world):
    case = world["case"]
    page = collaboration_page(case=case)
    assert page.network.none_planned and page.network.overdue  # case opened 200 days ago, never a meeting
    meeting, _w = services.meeting_plan(actor=world["lead"], case=case, kind=MeetingKind.NETWORK, planned_on=TODAY)
    with pytest.raises(ValidationError) as error:
        services.meeting_record(actor=world["lead"], meeting=meeting, version=None, held_on=TODAY, minutes="Verslag",
                                parents_absent_reason=ABSENT_REASON)
    assert "volgende netwerkberaad" in _messages(error, "next_planned_on")
    _m, nxt = services.meeting_record(actor=world["lead"], meeting=meeting, version=None, held_on=TODAY,
                                      minutes="Verslag", next_planned_on=TODAY + 14 * DAY,
                                      parents_absent_reason=ABSENT_REASON)
    page = collaboration_page(case=case)
    assert page.network.next_planned == nxt and not page.network.overdue
    assert page.network.due_on == TODAY + dt.timedelta(weeks=13)


def test_meeting_in_the_past_cannot_be_planned(world):
    with pytest.raises(ValidationError) as error:
        services.meeting_plan(actor=world["lead"], case=world["case"], kind=MeetingKind.NETWORK,
                              planned_on=TODAY - DAY)
    assert "verleden" in _messages(error, "planned_on")
    assert not Meeting.objects.exists()


def test_r529_meeting_without_family_needs_a_reason(world):
    with pytest.raises(ValidationError) as error:
        services.meeting_plan(actor=world["lead"], case=world["case"], kind=MeetingKind.WITHOUT_FAMILY,
                              planned_on=TODAY)
    assert "R529" in _messages(error, "without_family_reason")


def test_r096_case_discussion_outside_the_lead_team_warns(world):
    _m, warnings = services.meeting_plan(actor=world["lead"], case=world["case"], kind=MeetingKind.CASE_DISCUSSION,
                                         planned_on=TODAY, forum_team=world["gi_team"])
    assert warnings and "R096" in warnings[0]


def test_r228_agreement_needs_who_and_date_nothing_saved(world):
    with pytest.raises(ValidationError) as error:
        services.agreement_add(actor=world["lead"], case=world["case"], what="Huisbezoek", due_on=None)
    assert set(error.value.message_dict) == {"who_user", "due_on"}
    assert not Agreement.objects.exists()
    agreement = services.agreement_add(actor=world["lead"], case=world["case"], what="Huisbezoek",
                                       who_name="Nathalie", due_on=TODAY + DAY)
    services.agreement_done(actor=world["lead"], agreement=agreement, version=agreement.version, done_on=TODAY)
    assert Agreement.objects.get().done_on == TODAY


def _decision(world, **overrides):
    values = {"actor": world["lead"], "case": world["case"], "kind": "safety", "decided_on": TODAY,
              "decision": "Veiligheidsplan met bodemeisen", "forum_team": world["lt_team"],
              "participants": [world["lead"], world["protector"]], "behavioural_scientist": world["scientist"],
              "advice": "Bodemeisen vastleggen", "advice_followed": True, "justification": "Past bij de analyse.",
              "informing": "Verslag per e-mail aan alle betrokkenen"}
    values.update(overrides)
    return services.decision_record(**values)


def test_r097_core_decision_needs_the_behavioural_scientist_and_advice(world):
    with pytest.raises(ValidationError) as error:
        _decision(world, behavioural_scientist=world["protector"], advice="")
    assert "R097" in _messages(error, "behavioural_scientist") and "R097" in _messages(error, "advice")
    assert not CoreDecision.objects.exists()


def test_r098_justification_required_whether_followed_or_not(world):
    for followed in (True, False):
        with pytest.raises(ValidationError) as error:
            _decision(world, advice_followed=followed, justification=" ")
        assert "R098" in _messages(error, "justification")
    decision = _decision(world, advice_followed=False, justification="De ouders werken nu mee.")
    assert set(decision.participants.all()) == {world["lead"], world["protector"], world["scientist"]}


def test_r096_core_decision_in_the_team_of_the_lead(world):
    with pytest.raises(ValidationError) as error:
        _decision(world, forum_team=world["gi_team"])
    assert "R096" in _messages(error, "forum_team")


def test_r071_revision_only_in_the_same_forum_with_the_same_people(world):
    first = _decision(world)
    with pytest.raises(ValidationError) as error:
        _decision(world, forum_team=world["gi_team"], revises=first)
    assert "hetzelfde forum" in _messages(error, "forum_team")
    with pytest.raises(ValidationError) as error:
        _decision(world, participants=[world["lead"]], revises=first)
    assert "R071" in _messages(error, "participants")
    second = _decision(world, decision="Bodemeisen aangescherpt", revises=first)
    page = collaboration_page(case=world["case"])
    assert page.decisions_in_force == [second] and page.decisions_revised == [first]
    with pytest.raises(ValidationError):
        _decision(world, revises=first)  # the old one was already revised: revise the one in force


def test_conversation_only_with_a_child_of_the_family(world):
    other_child = PersonFactory()
    for person in (world["parent"], other_child):
        with pytest.raises(ValidationError) as error:
            services.conversation_record(actor=world["lead"], case=world["case"], child=person, held_on=TODAY,
                                         by_user=world["lead"], with_parents="without", purposes=["safety"],
                                         child_voice="...")
        assert "kind van dit gezin" in _messages(error, "child")
    assert not ChildConversation.objects.exists()


def test_r155_r154_conversation_fields_and_reason_when_not_spoken(world):
    child = world["children"][0]
    with pytest.raises(ValidationError) as error:
        services.conversation_record(actor=world["lead"], case=world["case"], child=child, held_on=TODAY,
                                     by_user=world["lead"])
    assert {"with_parents", "purposes", "child_voice"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.conversation_record(actor=world["lead"], case=world["case"], child=child, held_on=TODAY,
                                     by_user=world["lead"], spoken=False)
    assert "R154" in _messages(error, "not_spoken_reason")


def test_r050_r153_every_child_spoken_with_not_only_the_referred_one(world):
    ibrahim, adil = world["children"]
    ibrahim.is_referred = True
    ibrahim.save()
    services.conversation_record(actor=world["lead"], case=world["case"], child=ibrahim, held_on=TODAY,
                                 by_user=world["lead"], with_parents="without", purposes=["introduction", "safety"],
                                 child_voice="Ik wil thuis blijven", view_of_help="Klik met de jeugdbeschermer")
    page = collaboration_page(case=world["case"])
    assert [c.child for c in page.children_not_spoken] == [adil]
    items = due_items(cases=cases_for_user(world["lead"]), today=TODAY)
    assert [i.title for i in items if i.kind == "Gesprek met kind" and i.overdue] == ["Gesprek met Adil"]


def test_r079_barrier_ladder_in_order_skipping_only_for_safety(world):
    barrier = raise_barrier(actor=world["lead"], case=world["case"], kind="focus", raised_on=TODAY,
                                     description="Andere taal bij de taxatie", signals=["taxation_language"],
                                     other_organisation=world["gi"])
    with pytest.raises(ValidationError) as error:
        services.barrier_step(actor=world["lead"], barrier=barrier, step=3, taken_on=TODAY, with_whom="teamleider")
    assert "R079" in _messages(error, "skip_reason")
    services.barrier_step(actor=world["lead"], barrier=barrier, step=1, taken_on=TODAY, **STEP_1)
    with pytest.raises(ValidationError):
        services.barrier_step(actor=world["lead"], barrier=barrier, step=1, taken_on=TODAY)
    services.barrier_step(actor=world["lead"], barrier=barrier, step=2, taken_on=TODAY, with_whom="jeugdbeschermer",
                          **STEP_2)
    services.barrier_step(actor=world["lead"], barrier=barrier, step=3, taken_on=TODAY, with_whom="teamleiders")
    team_items = due_items(cases=cases_for_team(world["lt_team"]), today=TODAY)
    assert any(i.kind == "Escalatie" and "Stap 4" in i.title for i in team_items)


def test_r079_skipping_with_a_direct_safety_reason_is_allowed_and_kept(world):
    barrier = raise_barrier(actor=world["lead"], case=world["case"], kind="impasse", raised_on=TODAY,
                                     description="Impasse over de vervolghulp")
    step = services.barrier_step(actor=world["lead"], barrier=barrier, step=3, taken_on=TODAY,
                                 with_whom="teamleider", skip_reason="Direct gevaar voor Ibrahim")
    assert step.skip_reason == "Direct gevaar voor Ibrahim"


def test_r082_status_quo_only_when_safety_not_affected_and_resolution(world):
    barrier = raise_barrier(actor=world["lead"], case=world["case"], kind="personal", raised_on=TODAY,
                                     description="Structureel laat geïnformeerd", signals=["informed_late"])
    with pytest.raises(ValidationError) as error:
        services.barrier_step(actor=world["lead"], barrier=barrier, step=1, taken_on=TODAY, status_quo=True,
                              **STEP_1)
    assert "R082" in _messages(error, "safety_not_affected")
    services.barrier_step(actor=world["lead"], barrier=barrier, step=1, taken_on=TODAY, outcome="Opgelost",
                          resolve=True, **STEP_1)
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.RESOLVED


def test_r073_signals_belong_to_the_barrier_type(world):
    with pytest.raises(ValidationError) as error:
        raise_barrier(actor=world["lead"], case=world["case"], kind="personal", raised_on=TODAY,
                               description="x", signals=["taxation_language"])
    assert "signals" in error.value.message_dict


def test_r465_r472_r466_three_level_escalation(world):
    kwargs = {"actor": world["lead"], "case": world["case"], "other_organisation": world["gi"],
              "description": "Verschil over de vervolghulp", "family_informed": "Vooraf, in het huisbezoek",
              "consulted_other": True}
    with pytest.raises(ValidationError) as error:
        services.escalation_start(situation=2, level=1, agreement_reference="wachtlijst", **kwargs)
    assert "R465" in _messages(error, "level")
    with pytest.raises(ValidationError) as error:
        services.escalation_start(situation=1, level=1, **{**kwargs, "family_informed": ""})
    assert "R472" in _messages(error, "family_informed")
    with pytest.raises(ValidationError) as error:
        services.escalation_start(situation=1, level=1, **{**kwargs, "consulted_other": False})
    assert "R462" in _messages(error, "consulted_other")
    escalation = services.escalation_start(situation=1, level=1, **kwargs)
    with pytest.raises(ValidationError):
        services.escalation_raise(actor=world["lead"], escalation=escalation, level=1, reason="x",
                                  family_informed="y")
    escalation = services.escalation_step1(  # R467: step 1 did not bridge the difference
        actor=world["lead"], escalation=escalation, own_scientist=world["scientist"], other_scientist="GW van de GI",
        both_acknowledged=True, joint_meeting_on=TODAY, result="not_bridged")
    escalation = services.escalation_raise(actor=world["lead"], escalation=escalation, level=2,
                                           reason="Geen overeenstemming", family_informed="Achteraf, telefonisch")
    assert list(escalation.moves.values_list("level", flat=True)) == [1, 2]
    with pytest.raises(ValidationError):  # R469: managers decide at level 2
        services.escalation_resolve(actor=world["lead"], escalation=escalation, resolved_on=TODAY, solution="x")
    services.escalation_resolve(actor=world["team_lead"], escalation=escalation, resolved_on=TODAY,
                                solution="Managers spraken een gezamenlijke route af")


def test_r072_r166_feedback_both_ways_and_reflection(world):
    for sentiment in ("positive", "negative"):
        services.feedback_give(actor=world["lead"], about_organisation=world["gi"], sentiment=sentiment,
                               text="Snel teruggebeld", given_on=TODAY)
    session = services.reflection_record(actor=world["team_lead"], level="professional", held_on=TODAY,
                                         participants="Team", topic="Intervisie", outcomes="Eerder opschalen",
                                         technical="ARIJ", normative="Veiligheid eerst", personal="Twijfel")
    assert session.technical and session.normative and session.personal


def test_outsider_cannot_write(world):
    from gezinsplan.core.policy import PolicyDenied

    with pytest.raises(PolicyDenied):
        services.meeting_plan(actor=UserFactory(), case=world["case"], kind=MeetingKind.NETWORK, planned_on=TODAY)


def test_r230_r074_repeated_absence_of_the_same_partner_is_a_barrier_signal(world, monkeypatch):
    case = world["case"]
    meeting, _w = services.meeting_plan(actor=world["lead"], case=case, kind=MeetingKind.NETWORK, planned_on=TODAY)
    services.participant_add(actor=world["lead"], meeting=meeting, category="professional", name="Bewindvoerder",
                             organisation_name="Bewindvoering Delft")
    services.participant_add(actor=world["lead"], meeting=meeting, category="professional", user=world["protector"])
    ids = {str(p.pk): p for p in meeting.participants.all()}
    attendance = {pid: (Attendance.ABSENT_UNNOTIFIED if p.name else Attendance.PRESENT) for pid, p in ids.items()}
    _m, nxt = services.meeting_record(actor=world["lead"], meeting=meeting, version=None, held_on=TODAY,
                                      minutes="Eerste beraad", attendance=attendance, next_planned_on=TODAY + 14 * DAY,
                                      parents_absent_reason=ABSENT_REASON)
    assert collaboration_page(case=case).absences == []  # once is not yet a signal
    monkeypatch.setattr("gezinsplan.core.policy.today", lambda: TODAY + 14 * DAY)
    ids = {str(p.pk): p for p in nxt.participants.all()}
    attendance = {pid: (Attendance.ABSENT_NOTIFIED if p.name else Attendance.PRESENT) for pid, p in ids.items()}
    services.meeting_record(actor=world["lead"], meeting=nxt, version=None, held_on=TODAY + 14 * DAY,
                            minutes="Tweede", attendance=attendance, next_planned_on=TODAY + 28 * DAY,
                            parents_absent_reason=ABSENT_REASON)
    signals = collaboration_page(case=case).absences
    assert [(s.party, s.consecutive) for s in signals] == [("Bewindvoering Delft", 2)]
