"""The phase table row by row, allowed and forbidden; lead and safety responsibility for every combination."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.cases import products
from gezinsplan.cases.models import InvolvementRole, Phase, PhaseTransition, ProductKind
from gezinsplan.cases.responsibility import Party, derive
from gezinsplan.cases.transitions import TRANSITIONS, Trigger, apply_transition, find
from tests.cases.helpers import (
    START,
    STEP_BACK,
    children_spoken_alone,
    complete_handover,
    handover_report_ready,
    indicate_2a,
    make_world,
    ready_to_end_measure,
)

pytestmark = pytest.mark.django_db

ALL = list(itertools.product(Trigger, Phase))


@pytest.mark.parametrize("trigger,phase", ALL)
def test_r025_r026_each_trigger_from_each_phase_is_allowed_exactly_by_the_table(trigger, phase):
    """R025/R026: the phase changes only by the table; every (trigger, phase) pair not in it is refused."""
    world = make_world()
    case = world.case
    case.phase = phase
    case.save()
    row = find(trigger, phase)
    if row is None:
        with pytest.raises(ValidationError, match="niet mogelijk"):
            apply_transition(case=case, trigger=trigger, actor=world.lt, on=START)
        assert not PhaseTransition.objects.filter(case=case).exists()
    else:
        assert row.rule_ids, "every edge names the rules it implements"
        assert row.who, "every edge says who may trigger it"


def test_transition_by_a_role_the_table_does_not_name_is_refused():
    world = make_world()
    with pytest.raises(ValidationError, match="Uw rol"):
        apply_transition(case=world.case, trigger=Trigger.MEASURE_STARTED, actor=world.lt, on=START)


def test_r007_r008_2a_needs_team_decision_and_consent():
    """R007/R008/R206: no team decision or no consent: refused, nothing changes."""
    world = make_world()
    with pytest.raises(ValidationError, match="toestemming"):
        indicate_2a(world, consent_by="", weigh=False)
    with pytest.raises(ValidationError, match="teambesluit"):
        indicate_2a(world, weigh=False)  # no weighing with 'GI expertise needed' in a case discussion
    assert world.refresh().phase == Phase.LT
    assert not world.case.indications.exists()


def test_r009_r207_2a_needs_no_jbt():
    """R009/R207: a 2a on a case without any JBT history is valid."""
    world = make_world()
    indication = indicate_2a(world)
    assert indication.kind == ProductKind.P2A and world.refresh().phase == Phase.LT_GI


def test_r010_only_the_local_team_indicates_2a():
    world = make_world()
    with pytest.raises(ValidationError):
        products.indicate_2a(actor=world.gi, case=world.case, reason="a", starts_on=START, decision_on=START,
                             decision_forum="MDO", consent_by="moeder", consent_on=START)


def test_r010_2a_can_be_indicated_again_when_the_budget_is_used():
    """R010: repeatable by the LT; unlimited 2a's per family, visible in the history."""
    from tests.cases.helpers import hours

    world = make_world()
    first = indicate_2a(world)
    with pytest.raises(ValidationError, match="al een 2a"):
        indicate_2a(world, starts_on=START + dt.timedelta(days=1))
    for day in range(3):
        hours(world, first, 8, on=START + dt.timedelta(days=day))
    hours(world, first, 1, on=START + dt.timedelta(days=3))
    second = indicate_2a(world, starts_on=START + dt.timedelta(days=10), decision_on=START + dt.timedelta(days=9))
    first.refresh_from_db()
    assert first.ends_on is not None and second.budget_hours == 25
    assert world.case.transitions.filter(trigger=Trigger.PRODUCT_2A).count() == 2


def test_r019_r024_2b_by_the_jbt_chair_moves_lead_to_gi_after_a_clean_handover():
    """R019/R024/R057: 2b moves the lead and the safety assessment to the GI; a clean handover comes first."""
    world = make_world()
    kwargs = dict(starts_on=START, decision_on=START, consent_by="moeder (gezag)", consent_on=START)
    with pytest.raises(ValidationError, match="schone overdracht"):
        products.indicate_2b(actor=world.chair, case=world.case, **kwargs)
    complete_handover(world, giver=world.lt, receiver=world.gi)
    products.indicate_2b(actor=world.chair, case=world.refresh(), **kwargs)
    case = world.refresh()
    assert case.phase == Phase.LT_GI and case.framework == "vrijwillig"
    roles = {i.user_id: i.role for i in case.involvements.all()}
    assert roles[world.gi.pk] == InvolvementRole.LEAD
    assert roles[world.lt.pk] == InvolvementRole.SUPPORT  # R020: the LT stays involved


def test_r022_measure_moves_lt_to_background_and_r023_end_gives_lead_back():
    """R022/R221: OTS → LT to the background; R023/R222: last measure ends → LT leads again."""
    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    measure = products.measure_record(actor=world.gi, case=world.refresh(), child=world.children[0], kind="ots",
                                      pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=365))
    case = world.refresh()
    assert case.phase == Phase.MEASURE and case.framework == "dwang"
    assert {i.user_id: i.role for i in case.involvements.all()}[world.lt.pk] == InvolvementRole.BACKGROUND
    ready_to_end_measure(world)
    with pytest.raises(ValidationError, match="schone overdracht"):
        products.measure_end(actor=world.gi, measure=measure, ended_on=START + dt.timedelta(days=200),
                             end_reason="niet verlengd", **STEP_BACK)
    complete_handover(world, giver=world.gi, receiver=world.lt)
    products.measure_end(actor=world.gi, measure=measure, ended_on=START + dt.timedelta(days=200),
                         end_reason="niet verlengd", **STEP_BACK)
    case = world.refresh()
    assert case.phase == Phase.LT_AFTER
    roles = {i.user_id: i.role for i in case.involvements.all()}
    assert roles[world.lt.pk] == InvolvementRole.LEAD and roles[world.gi.pk] == InvolvementRole.BACKGROUND


def test_vots_is_urgent_and_needs_no_handover_first():
    world = make_world()
    products.measure_record(actor=world.gi, case=world.case, child=world.children[0], kind="vots",
                            pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=90))
    assert world.refresh().phase == Phase.MEASURE


def test_measure_only_for_a_child_of_the_family_and_by_the_gi():
    world = make_world()
    from tests.factories import PersonFactory

    with pytest.raises(ValidationError, match="kind van dit gezin"):
        products.measure_record(actor=world.gi, case=world.case, child=PersonFactory(), kind="vots",
                                pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=90))
    with pytest.raises(ValidationError, match="gecertificeerde instelling"):
        products.measure_record(actor=world.lt, case=world.case, child=world.children[0], kind="vots",
                                pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=90))
    with pytest.raises(ValidationError, match="vóór"):
        products.measure_record(actor=world.gi, case=world.case, child=world.children[0], kind="vots",
                                pronounced_on=START, starts_on=START, ends_on=START - dt.timedelta(days=1))
    assert world.refresh().phase == Phase.LT


def test_r035_second_measure_keeps_phase_and_mixed_family_has_gi_lead():
    """R035: a family with children with and without a measure: GI leads, LT helps the others."""
    r = derive(phase=Phase.MEASURE, active_products=frozenset(), children_with_measure=1,
               children_without_measure=1)
    assert r.lead == Party.GI and "zonder maatregel" in str(r.lt_task)


@pytest.mark.parametrize("phase,products_,lead,safety", [
    (Phase.LT, set(), Party.LT, Party.LT),
    (Phase.LT, {ProductKind.P2A}, Party.LT, Party.LT),
    (Phase.LT_GI, {ProductKind.P2A}, Party.LT, Party.LT),
    (Phase.LT_GI, {ProductKind.P2B}, Party.GI, Party.GI),
    (Phase.LT_GI, {ProductKind.P2A, ProductKind.P2B}, Party.GI, Party.GI),
    (Phase.LT_GI, set(), Party.LT, Party.LT),
    (Phase.MEASURE, set(), Party.GI, Party.GI),
    (Phase.MEASURE, {ProductKind.P2A}, Party.GI, Party.GI),
    (Phase.LT_AFTER, set(), Party.LT, Party.LT),
    (Phase.LT_AFTER, {ProductKind.P2A}, Party.LT, Party.LT),
])
def test_r032_r033_r051_lead_and_safety_for_every_phase_and_product(phase, products_, lead, safety):
    """R032/R033/R051: lead and safety responsibility are derived from phase and product (table 2)."""
    result = derive(phase=phase, active_products=frozenset(products_))
    assert (result.lead, result.safety) == (lead, safety)


def test_every_transition_is_appended_to_the_history_with_who_and_why():
    world = make_world()
    indicate_2a(world)
    row = world.case.transitions.get()
    assert row.actor == world.lt and row.from_phase == Phase.LT and row.to_phase == Phase.LT_GI
    assert "R007" in row.rule_id and row.reason


def test_table_has_a_row_for_every_trigger():
    assert {t.trigger for t in TRANSITIONS} == set(Trigger)


def test_r609_drang_and_back():
    """R609/R611: drang is a framework value; scaling up and down is logged."""
    world = make_world()
    apply_transition(case=world.case, trigger=Trigger.DRANG, actor=world.lt, on=START, reason="laatste kans")
    assert world.refresh().framework == "drang"
    apply_transition(case=world.case, trigger=Trigger.VOLUNTARY, actor=world.lt, on=START)
    assert world.refresh().framework == "vrijwillig"
    assert world.case.transitions.count() == 2


def test_r057_r615_the_lead_cannot_leave_without_a_clean_handover_to_a_successor():
    """R057: ending the lead's involvement is blocked until a handover to the successor is completed."""
    from gezinsplan.cases import services
    from tests.factories import InvolvementFactory, UserFactory

    world = make_world()
    colleague = UserFactory(organisation=world.lt.organisation)
    InvolvementFactory(case=world.case, user=colleague, role=InvolvementRole.SUPPORT, start_date=START)
    lead = world.case.involvements.get(user=world.lt)
    with pytest.raises(ValidationError, match="overdracht"):
        services.involvement_end(actor=world.lt, involvement=lead, version=None, end_date=START + dt.timedelta(days=30))
    complete_handover(world, giver=world.lt, receiver=colleague)
    services.involvement_end(actor=world.lt, involvement=lead, version=None, end_date=dt.date.today())
    roles = {i.user_id: i.role for i in world.case.involvements.all()}
    assert roles[colleague.pk] == InvolvementRole.LEAD


def test_r058_handover_is_accepted_only_complete_and_only_by_the_receiver():
    """R058: every checklist item and the warm meeting with the family; the receiver accepts."""
    from gezinsplan.cases import handovers

    world = make_world()
    handover = handovers.handover_start(actor=world.lt, case=world.case, to_user=world.gi, reason="2b")
    with pytest.raises(ValidationError, match="niet compleet"):
        handovers.handover_accept(actor=world.gi, handover=handover)
    handovers.handover_update(actor=world.lt, handover=handover, meeting_on=START, family_present="moeder",
                              checklist={k: {"done": True} for k in handovers.HANDOVER_ITEMS})
    with pytest.raises(ValidationError, match="ontvangende"):
        handovers.handover_accept(actor=world.lt, handover=handover)
    handover_report_ready(world)
    assert handovers.handover_accept(actor=world.gi, handover=handover).status == "accepted"


def test_r581_r597_a_handover_is_accepted_only_when_the_family_plan_holds_the_minimal_content():
    """R581: facts per life domain, the reasons behind earlier steps and earlier help with its result; R597: a
    current plan (recent risk and safety assessment, feasible end state). Accepting says what is missing."""
    from gezinsplan.analysis.models import LifeDomainReview
    from gezinsplan.cases import handovers

    world = make_world()
    handover = handovers.handover_start(actor=world.lt, case=world.case, to_user=world.gi, reason="2b")
    handovers.handover_update(actor=world.lt, handover=handover, meeting_on=START, family_present="moeder",
                              checklist={k: {"done": True} for k in handovers.HANDOVER_ITEMS})
    with pytest.raises(ValidationError) as error:
        handovers.handover_accept(actor=world.gi, handover=handover)
    text = " ".join(error.value.messages)
    assert "schone overdracht" in text and "leefgebied" in text and "eerder ingezette hulp" in text
    assert "risicotaxatie" in text and "haalbare eindsituatie" in text
    handover_report_ready(world)
    LifeDomainReview.objects.filter(family=world.case.family, domain="school").update(status="open")
    with pytest.raises(ValidationError, match="school"):
        handovers.handover_accept(actor=world.gi, handover=handover)
    LifeDomainReview.objects.filter(family=world.case.family, domain="school").update(status="reviewed")
    assert handovers.handover_accept(actor=world.gi, handover=handover).status == "accepted"


def test_r514_r515_work_phase_moves_on_with_open_goals_only_with_a_reason():
    """R514/R515/R524/R534: ordered work phases with checklists; open items need a reason."""
    from gezinsplan.cases import handovers

    world = make_world()
    children_spoken_alone(world)  # R520
    with pytest.raises(ValidationError, match="reden"):
        handovers.work_phase_next(actor=world.lt, case=world.case, on=START)
    for item in handovers.CHECKLISTS[1]:
        handovers.work_phase_check(actor=world.lt, case=world.case, item=item, done=True)
    handovers.work_phase_next(actor=world.lt, case=world.case, on=START)
    case = world.refresh()
    assert case.work_phase == 2 and len(handovers.CHECKLISTS[2]) == 4 and len(handovers.CHECKLISTS[3]) == 3
    handovers.work_phase_next(actor=world.lt, case=case, on=START, reason="Netwerk nog niet rond, wel stabiel")
    case = world.refresh()
    assert case.work_phase == 3
    assert case.transitions.filter(trigger="work_phase_next").count() == 2


def test_r520_phase_1_ends_only_when_every_child_was_spoken_to_alone_or_why_not():
    """R520: leaving work phase 1 is refused, naming the children not yet spoken to alone without a reason."""
    from gezinsplan.cases import handovers
    from gezinsplan.collaboration.models import ChildConversation

    world = make_world()
    first, second = world.children
    ChildConversation.objects.create(family=world.case.family, case=world.case, child=first, held_on=START,
                                     spoken=True, with_parents="with", by_user=world.lt, created_by=world.lt)
    with pytest.raises(ValidationError) as error:
        handovers.work_phase_next(actor=world.lt, case=world.case, on=START, reason="door")
    text = " ".join(error.value.messages)
    assert "Naar fase 2 kan nog niet" in text and first.first_name in text and second.first_name in text
    ChildConversation.objects.create(family=world.case.family, case=world.case, child=first, held_on=START,
                                     spoken=True, with_parents="without", by_user=world.lt, created_by=world.lt)
    ChildConversation.objects.create(family=world.case.family, case=world.case, child=second, held_on=START,
                                     spoken=False, not_spoken_reason="Baby van drie maanden", by_user=world.lt,
                                     created_by=world.lt)
    handovers.work_phase_next(actor=world.lt, case=world.refresh(), on=START, reason="door")
    assert world.refresh().work_phase == 2


def test_r516_moving_to_phase_2_warns_who_does_not_yet_endorse_the_family_plan():
    """R516: the move from work phase 1 to 2 is not blocked, but the page warns which members of the family
    system do not (yet) stand behind the latest version of the family plan."""
    from gezinsplan.analysis.models import PlanEndorsement, Stance
    from gezinsplan.families.models import FamilyRole
    from tests.analysis.factories import published_version
    from tests.conftest import client_for

    world = make_world()
    children_spoken_alone(world)
    version = published_version(world.case.family, world.lt)
    parent = world.case.family.persons.get(family_role=FamilyRole.PARENT)
    page = client_for(world.lt).get(f"/casussen/{world.case.pk}/werkfase/").content.decode()
    assert "Nog niet iedereen in het gezin staat achter het gezinsplan" in page  # before the move too
    response = client_for(world.lt).post(f"/casussen/{world.case.pk}/werkfase/", {"next": "1", "reason": "door"},
                                         follow=True)
    body = response.content.decode()
    assert world.refresh().work_phase == 2
    assert "Nog niet iedereen in het gezin staat achter het gezinsplan" in body and parent.first_name in body
    for person in world.case.family.persons.all():
        PlanEndorsement.objects.create(family=world.case.family, person=person, version_number=version.number,
                                       stance=Stance.AGREES, created_by=world.lt)
    from gezinsplan.cases import hooks

    assert hooks.work_phase_warnings(world.refresh(), to_phase=2) == []


def test_r070_r410_ending_the_last_measure_needs_the_joint_weighing_and_a_follow_up_safety_plan():
    """R070: closing a protection measure needs a joint LT-GI weighing; R410: ending an OTS needs the follow-up help
    and per contributor what they contribute, with the parents holding direction. Only the last measure asks."""
    from tests.cases.helpers import weigh_jointly

    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    measure = products.measure_record(actor=world.gi, case=world.refresh(), child=world.children[0], kind="ots",
                                      pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=365))
    complete_handover(world, giver=world.gi, receiver=world.lt)
    end = dict(actor=world.gi, measure=measure, ended_on=START + dt.timedelta(days=200), end_reason="niet verlengd",
               **STEP_BACK)
    with pytest.raises(ValidationError) as error:
        products.measure_end(**end)
    text = " ".join(error.value.messages)
    assert "kan nog niet worden beëindigd" in text and "R070" in text and "R410" in text
    weigh_jointly(world)
    with pytest.raises(ValidationError) as error:
        products.measure_end(**end)
    assert "R070" not in " ".join(error.value.messages) and "regie houden" in " ".join(error.value.messages)
    ready_to_end_measure(world)
    products.measure_end(**end)
    assert world.refresh().phase == Phase.LT_AFTER


def test_r070_a_council_investigation_is_requested_only_after_a_joint_weighing():
    """R070: the request for a protection measure (the council investigation) needs the joint LT-GI weighing."""
    from tests.cases.helpers import weigh_jointly

    world = make_world()
    with pytest.raises(ValidationError, match="gezamenlijke afweging"):
        apply_transition(case=world.case, trigger=Trigger.COUNCIL_INVESTIGATION, actor=world.chair, on=START)
    weigh_jointly(world, purpose="measure_closure")  # a weighing about closing does not count
    with pytest.raises(ValidationError, match="R070"):
        apply_transition(case=world.case, trigger=Trigger.COUNCIL_INVESTIGATION, actor=world.chair, on=START)
    weigh_jointly(world, purpose="measure_request")
    apply_transition(case=world.case, trigger=Trigger.COUNCIL_INVESTIGATION, actor=world.chair, on=START)
    assert world.refresh().framework == "raadsonderzoek"
