"""Meetings: who is expected at the table, parents and children present, follow-ups, goals and tasks, the MDO
item and internal case discussions (rules of seeds 000, 001, 003 and 004)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import OrganisationType
from gezinsplan.cases.models import Phase
from gezinsplan.collaboration import meetings_services as ms
from gezinsplan.collaboration import services
from gezinsplan.collaboration.meetings_selectors import meeting_page_flags, task_division_page
from gezinsplan.collaboration.models import (
    Agreement,
    Attendance,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingPurpose,
)
from gezinsplan.collaboration.selectors import collaboration_page
from gezinsplan.core.due import cases_for_user, due_items
from tests.collaboration.conftest import TODAY
from tests.conftest import client_for
from tests.factories import NetworkMemberFactory, OrganisationFactory, UserFactory

DAY = dt.timedelta(days=1)


def _messages(error, field: str) -> str:
    return " ".join(error.value.message_dict[field])


def _plan(world, kind=MeetingKind.NETWORK, **values):
    meeting, warnings = services.meeting_plan(
        actor=world["lead"], case=world["case"], kind=kind, planned_on=TODAY, **values
    )
    return meeting, warnings


def _participants(meeting):
    return list(
        MeetingParticipant.objects.filter(meeting=meeting).select_related(
            "person", "user__organisation", "organisation", "network_member"
        )
    )


def test_r616_r689_no_parent_present_needs_a_reason_and_flags_the_meeting(world):
    """R616, R689: a network meeting is not saved without a parent present unless a reason is recorded; the reason
    flags the meeting. With a parent present no reason is asked."""
    meeting, _w = _plan(world)
    parent = services.participant_add(actor=world["lead"], meeting=meeting, category="family", person=world["parent"])
    with pytest.raises(ValidationError) as error:
        services.meeting_record(
            actor=world["lead"],
            meeting=meeting,
            version=None,
            held_on=TODAY,
            minutes="V",
            attendance={str(parent.pk): Attendance.ABSENT_NOTIFIED},
            next_planned_on=TODAY + 14 * DAY,
        )
    assert "R616" in _messages(error, "parents_absent_reason")
    assert Meeting.objects.get(pk=meeting.pk).held_on is None  # nothing saved half
    services.meeting_record(
        actor=world["lead"],
        meeting=meeting,
        version=None,
        held_on=TODAY,
        minutes="V",
        attendance={str(parent.pk): Attendance.ABSENT_NOTIFIED},
        next_planned_on=TODAY + 14 * DAY,
        parents_absent_reason="Moeder opgenomen; besproken bij huisbezoek",
    )
    meeting.refresh_from_db()
    assert any("R616" in f for f in meeting_page_flags(meeting, _participants(meeting)))
    other, _w = _plan(world, kind=MeetingKind.CASE_DISCUSSION)
    present = services.participant_add(actor=world["lead"], meeting=other, category="family", person=world["parent"])
    services.meeting_record(
        actor=world["lead"],
        meeting=other,
        version=None,
        held_on=TODAY,
        minutes="Met moeder",
        attendance={str(present.pk): Attendance.PRESENT},
    )
    other.refresh_from_db()
    assert other.parents_absent_reason == "" and meeting_page_flags(other, _participants(other)) == []


def test_r689_who_cares_answers_become_the_invite_list_of_the_first_network_meeting(world):
    """R689: 'Wie vinden het belangrijk dat het goed gaat met dit kind?' becomes the invite list."""
    oma = NetworkMemberFactory(family=world["family"], name="Oma Fatma")
    meeting, warnings = _plan(world, who_cares="Oma Fatma, oma\nMeester Joost, leerkracht")
    assert warnings == []
    invited = _participants(meeting)
    assert {p.display_name for p in invited} == {"Oma Fatma", "Meester Joost, leerkracht"}
    assert next(p for p in invited if p.network_member_id).network_member == oma
    second, warnings = _plan(world)
    assert warnings == [] and not _participants(second)  # only the first meeting


def test_r689_first_network_meeting_without_the_question_warns(world):
    """R689: without the answers the first network meeting is flagged."""
    meeting, warnings = _plan(world)
    assert warnings and "R689" in warnings[0]
    assert any("R689" in f for f in meeting_page_flags(meeting, []))


def test_r620_child_at_a_meeting_needs_a_recorded_reason_not_an_age(world):
    """R620: any child can attend; the professional records why (no age limit)."""
    meeting, _w = _plan(world)
    young = world["children"][0]
    with pytest.raises(ValidationError) as error:
        services.participant_add(actor=world["lead"], meeting=meeting, category="family", person=young)
    assert "R620" in _messages(error, "invite_reason")
    participant = services.participant_add(
        actor=world["lead"],
        meeting=meeting,
        category="family",
        person=young,
        invite_reason="Wil zelf vertellen wat er thuis gebeurt",
    )
    assert participant.invite_reason.startswith("Wil zelf")


def test_r664_network_conference_needs_a_follow_up_or_a_reason(world):
    """R664: a follow-up date, or a reason why none is needed; then no 'plan the next' nagging. A follow-up that
    passes without being held is flagged as overdue."""
    meeting, _w = _plan(world)
    with pytest.raises(ValidationError) as error:
        services.meeting_record(
            actor=world["lead"], meeting=meeting, version=None, held_on=TODAY, minutes="V", parents_absent_reason="x"
        )
    assert "R664" in _messages(error, "next_planned_on")
    services.meeting_record(
        actor=world["lead"],
        meeting=meeting,
        version=None,
        held_on=TODAY,
        minutes="V",
        parents_absent_reason="x",
        no_follow_up_reason="Doelen bereikt; borging bij het netwerk",
    )
    page = collaboration_page(case=world["case"])
    assert not page.network.none_planned and page.network.no_follow_up.startswith("Doelen")
    titles = [i.title for i in due_items(cases=cases_for_user(world["lead"]), today=TODAY)]
    assert "Plan het volgende netwerkberaad" not in titles
    follow_up, _w = _plan(world)
    items = due_items(cases=cases_for_user(world["lead"]), today=TODAY + 3 * DAY)
    assert any(i.overdue and str(follow_up.pk) in i.url for i in items)


def test_r571_r043_network_meeting_purpose_and_lt_at_the_assurance_plan(world):
    """R571: a network meeting records its purpose; R043: the borgingsplan meeting expects the LT worker."""
    gi_lead = world["protector"]
    meeting, _w = _plan(world, purpose=MeetingPurpose.ASSURANCE)
    assert meeting.get_purpose_display() == "het borgingsplan maken (laatste fase)"
    services.participant_add(actor=world["lead"], meeting=meeting, category="professional", user=gi_lead)
    assert any("R043" in f for f in meeting_page_flags(meeting, _participants(meeting)))
    services.participant_add(actor=world["lead"], meeting=meeting, category="professional", user=world["lead"])
    assert not any("R043" in f for f in meeting_page_flags(meeting, _participants(meeting)))


def test_r571_assurance_plan_links_to_the_meeting_where_it_was_agreed(world):
    """R571: the borgingsplan is agreed at a network meeting: tasks of that meeting carry the link."""
    meeting, _w = _plan(world, purpose=MeetingPurpose.ASSURANCE)
    agreement = services.agreement_add(
        actor=world["lead"],
        case=world["case"],
        meeting=meeting,
        what="Borgingsplan: oma belt wekelijks",
        who_name="Oma",
        due_on=TODAY + 30 * DAY,
    )
    assert agreement.meeting.purpose == MeetingPurpose.ASSURANCE


def test_r034_plan_established_together_warns_about_who_is_missing(world):
    """R034: the plan with child, parents, network and providers; in phase 3 (measure) also the LT."""
    meeting, _w = _plan(world, kind=MeetingKind.PLAN)
    flags = meeting_page_flags(meeting, _participants(meeting))
    assert any(
        "R034" in f and "het kind" in f and "de ouders" in f and "het netwerk" in f and "uitvoerend hulpverleners" in f
        for f in flags
    )
    services.participant_add(actor=world["lead"], meeting=meeting, category="family", person=world["parent"])
    services.participant_add(
        actor=world["lead"],
        meeting=meeting,
        category="family",
        person=world["children"][0],
        invite_reason="Het is zijn plan",
    )
    services.participant_add(actor=world["lead"], meeting=meeting, category="network", name="Tante Ayse")
    services.participant_add(
        actor=world["lead"],
        meeting=meeting,
        category="professional",
        name="Therapeut",
        organisation=OrganisationFactory(type=OrganisationType.CARE_PROVIDER),
    )
    assert not any("R034" in f for f in meeting_page_flags(meeting, _participants(meeting)))
    world["case"].phase = Phase.MEASURE
    world["case"].save()
    meeting.case.phase = Phase.MEASURE
    flags = meeting_page_flags(meeting, _participants(meeting))
    assert any("R034" in f and "lokaal team" in f for f in flags)


def test_r679_plan_evaluation_without_the_involved_professionals_is_flagged(world):
    """R679: evaluating the family plan in an implementers' meeting with every involved professional."""
    meeting, _w = _plan(world, kind=MeetingKind.EVALUATION)
    services.participant_add(actor=world["lead"], meeting=meeting, category="professional", user=world["lead"])
    flags = meeting_page_flags(meeting, _participants(meeting))
    assert any("R679" in f and str(world["protector"]) in f for f in flags)
    services.participant_add(actor=world["lead"], meeting=meeting, category="professional", user=world["protector"])
    assert not any("R679" in f for f in meeting_page_flags(meeting, _participants(meeting)))


def test_r226_lt_joins_the_gi_extension_weighing_and_the_decision_is_on_the_case(world):
    """R226: an evaluation meeting with an LT participant records attendance and the extension decision."""
    meeting, _w = _plan(world, kind=MeetingKind.EVALUATION, agenda="Verlenging OTS en MUHP wegen")
    lt = services.participant_add(actor=world["lead"], meeting=meeting, category="professional", user=world["lead"])
    with pytest.raises(ValidationError):
        other, _w = _plan(world, kind=MeetingKind.CASE_DISCUSSION)
        services.meeting_record(
            actor=world["lead"],
            meeting=other,
            version=None,
            held_on=TODAY,
            minutes="x",
            parents_absent_reason="x",
            extension_decision="extend",
        )
    services.meeting_record(
        actor=world["lead"],
        meeting=meeting,
        version=None,
        held_on=TODAY,
        minutes="Weging",
        attendance={str(lt.pk): Attendance.PRESENT},
        parents_absent_reason="GI-overleg",
        extension_decision="extend",
    )
    page = client_for(world["protector"]).get(f"/samenwerking/overleg/{meeting.pk}/").content.decode()
    assert "verlengen" in page and "aanwezig" in page


def test_r063_tasks_linked_to_goals_and_progress_per_goal(world):
    """R063: the network meeting's task division links tasks to goals, and records progress per goal."""
    from tests.analysis.factories import GoalFactory

    goal = GoalFactory(family=world["family"], what="Moeder heeft een vast inkomen")
    meeting, _w = _plan(world)
    task = services.agreement_add(
        actor=world["lead"],
        case=world["case"],
        meeting=meeting,
        goal=goal,
        what="Schuldhulp aanvragen",
        who_name="Moeder",
        due_on=TODAY + 7 * DAY,
    )
    assert task.goal == goal
    with pytest.raises(ValidationError) as error:
        services.agreement_add(
            actor=world["lead"], case=world["case"], goal=GoalFactory(), what="x", who_name="y", due_on=TODAY
        )
    assert "gezinsplan" in _messages(error, "goal")
    ms.meeting_goal_review(actor=world["lead"], meeting=meeting, goal=goal, progress=40, note="Afspraak staat")
    with pytest.raises(ValidationError):
        ms.meeting_goal_review(actor=world["lead"], meeting=meeting, goal=goal, progress=140)
    page = client_for(world["lead"]).get(f"/samenwerking/overleg/{meeting.pk}/").content.decode()
    assert "Voortgang per doel" in page and "40%" in page and "Moeder heeft een vast inkomen" in page


def test_r527_agreements_open_kept_not_kept_and_overdue_on_the_dashboard(world):
    """R527: every agreement has an owner, a due date and a status; overdue ones are on 'Wat staat open'; help
    without a recent review is listed too."""
    from tests.analysis.factories import GoalFactory

    late = services.agreement_add(
        actor=world["lead"], case=world["case"], what="Huisbezoek", who_user=world["lead"], due_on=TODAY - DAY
    )
    assert late.status == "open"
    items = due_items(cases=cases_for_user(world["lead"]), today=TODAY)
    assert any(i.title == "Huisbezoek" and i.overdue for i in items)
    with pytest.raises(ValidationError):
        services.agreement_not_kept(actor=world["lead"], agreement=late, version=None, on=TODAY, reason=" ")
    services.agreement_not_kept(actor=world["lead"], agreement=late, version=None, on=TODAY, reason="Moeder was ziek")
    assert Agreement.objects.get(pk=late.pk).status == "not_kept"
    assert not any(i.title == "Huisbezoek" for i in due_items(cases=cases_for_user(world["lead"]), today=TODAY))
    kept = services.agreement_add(actor=world["lead"], case=world["case"], what="Bellen", who_name="Oma", due_on=TODAY)
    services.agreement_done(actor=world["lead"], agreement=kept, version=None, done_on=TODAY)
    assert Agreement.objects.get(pk=kept.pk).status == "kept"
    GoalFactory(family=world["family"], provider="Jeugdhulp Delft", what="Rust in huis")
    items = due_items(cases=cases_for_user(world["lead"]), today=TODAY + 200 * DAY)
    assert any("Rust in huis" in i.title and i.who == "Jeugdhulp Delft" for i in items)


def test_r285_mdo_item_shows_weighing_patterns_end_situation_and_outcome_on_the_case(world):
    """R285: a case on the MDO agenda shows the weighing, the patterns and the feasible end situation; the
    outcome is on the case."""
    from tests.analysis.factories import analysis_for

    analysis_for(
        world["family"],
        pattern_sentence="Als vader drinkt, trekt moeder zich terug",
        end_description="De kinderen wonen veilig bij moeder",
    )
    meeting, _w = _plan(world, kind=MeetingKind.CASE_DISCUSSION)
    client = client_for(world["lead"])
    page = client.get(f"/samenwerking/overleg/{meeting.pk}/").content.decode()
    assert "Ingebracht in het MDO" in page and "Als vader drinkt" in page and "veilig bij moeder" in page
    assert "nog geen weging" in page
    services.meeting_record(
        actor=world["lead"],
        meeting=meeting,
        version=None,
        held_on=TODAY,
        minutes="Besluit: extra steun bij opvoeding",
        parents_absent_reason="MDO zonder ouders",
    )
    case_page = client.get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "Uitkomst laatste MDO" in case_page and "extra steun bij opvoeding" in case_page


def test_r541_internal_case_discussion_seen_only_by_the_own_organisation(world):
    """R541: date, team members present, question and plan of approach; only the own team sees it."""
    protector = world["protector"]
    with pytest.raises(ValidationError) as error:
        ms.internal_discussion_record(
            actor=protector, case=world["case"], held_on=TODAY, present="", question="", plan_of_approach=""
        )
    assert set(error.value.message_dict) == {"present", "question", "plan_of_approach"}
    ms.internal_discussion_record(
        actor=protector,
        case=world["case"],
        held_on=TODAY,
        present="JB, gedragsw.",
        question="Is verlenging nodig?",
        plan_of_approach="Eerst huisbezoek samen",
    )
    assert len(task_division_page(case=world["case"], user=protector).internal) == 1
    assert task_division_page(case=world["case"], user=world["lead"]).internal == []
    lt_page = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    gi_page = client_for(protector).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "Is verlenging nodig?" in gi_page and "Is verlenging nodig?" not in lt_page


def test_outsider_cannot_add_a_party_or_an_internal_discussion(world):
    from gezinsplan.core.policy import PolicyDenied

    with pytest.raises(PolicyDenied):
        ms.internal_discussion_record(
            actor=UserFactory(), case=world["case"], held_on=TODAY, present="x", question="y", plan_of_approach="z"
        )


def test_r063_held_network_meeting_without_a_task_division_is_flagged(world):
    """R063: the minutes of a network meeting need an explicit task division."""
    meeting, _w = _plan(world, who_cares="Oma")
    services.meeting_record(
        actor=world["lead"],
        meeting=meeting,
        version=None,
        held_on=TODAY,
        minutes="Besproken",
        next_planned_on=TODAY + 14 * DAY,
        parents_absent_reason="x",
    )
    meeting.refresh_from_db()
    assert any("R063" in f for f in meeting_page_flags(meeting, _participants(meeting)))
    services.agreement_add(
        actor=world["lead"], case=world["case"], meeting=meeting, what="Oma haalt op", who_name="Oma", due_on=TODAY
    )
    assert not any("R063" in f for f in meeting_page_flags(meeting, _participants(meeting)))


def test_delft_story_signal_and_review_are_visible_on_the_case_page(world, monkeypatch):
    """Delft (seed 001): the absent partner shows as a barrier signal on the case page, and after a change of the
    casuscoördinator the review session is asked for."""
    from gezinsplan.cases.models import Involvement

    meeting, _w = _plan(world, who_cares="Oma")
    services.participant_add(actor=world["lead"], meeting=meeting, category="family", person=world["parent"])
    services.participant_add(
        actor=world["lead"],
        meeting=meeting,
        category="professional",
        name="Begeleider",
        organisation_name="Maatschappelijke opvang",
    )
    for n in range(3):
        attendance = {
            str(p.pk): Attendance.ABSENT_UNNOTIFIED if p.organisation_name else Attendance.PRESENT
            for p in meeting.participants.all()
        }
        day = meeting.planned_on
        monkeypatch.setattr("gezinsplan.core.policy.today", lambda day=day: day)
        _m, meeting = services.meeting_record(
            actor=world["lead"],
            meeting=meeting,
            version=None,
            held_on=day,
            minutes=f"Beraad {n}",
            attendance=attendance,
            next_planned_on=day + 14 * DAY,
        )
    page = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "barrièresignaal" in page and "Maatschappelijke opvang was afwezig bij de laatste 3 netwerkberaden" in page
    successor = UserFactory(organisation=world["lt"], team=world["lt_team"])
    Involvement.objects.filter(case=world["case"], user=world["lead"]).update(end_date=meeting.planned_on - 15 * DAY)
    Involvement.objects.create(
        case=world["case"],
        user=successor,
        organisation=world["lt"],
        role="lead",
        start_date=meeting.planned_on - 14 * DAY,
    )
    page = client_for(successor).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "plan vóór" in page and "terugblik op de eerder verzamelde informatie" in page
