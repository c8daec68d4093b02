"""The pages of working together, through HTTP: forms, Dutch errors, access log, and constant query counts."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.collaboration.models import Agreement, CoreDecision, Meeting, MeetingKind
from gezinsplan.privacy.models import AccessLogEntry
from tests.collaboration.conftest import TODAY
from tests.collaboration.factories import AgreementFactory, BarrierFactory, CoreDecisionFactory, MeetingFactory
from tests.conftest import client_for
from tests.factories import PersonFactory, UserFactory, involve

DAY = dt.timedelta(days=1)


def test_plan_network_meeting_record_it_and_add_an_agreement(world):
    client = client_for(world["lead"])
    case = world["case"]
    url = f"/samenwerking/casus/{case.pk}/overleg/nieuw/"
    response = client.post(url, {"kind": "network", "planned_on": (TODAY - DAY).isoformat()})
    assert response.status_code == 200
    assert "kan niet in het verleden liggen" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(url, {"kind": "network", "planned_on": TODAY.isoformat(), "agenda": "Doelen"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == f"/samenwerking/overleg/{meeting.pk}/"
    response = client.post(f"/samenwerking/overleg/{meeting.pk}/afspraken/nieuw/", {"what": "Huisbezoek"})
    page = response.content.decode()
    assert "Een afspraak heeft iemand die hem uitvoert" in page and "Een afspraak heeft een datum" in page
    response = client.post(f"/samenwerking/overleg/{meeting.pk}/afspraken/nieuw/",
                           {"what": "Huisbezoek", "who_name": "Nathalie", "due_on": (TODAY + DAY).isoformat()})
    assert response.status_code == 302 and Agreement.objects.get().meeting == meeting
    due = client.get("/samenwerking/wat-staat-open/").content.decode()
    assert "Huisbezoek" in due and world["family"].name in due
    assert AccessLogEntry.objects.filter(family_id=world["family"].pk, object_type="wat staat open").exists()
    case_page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert "Samenwerking" in case_page and "Huisbezoek" in case_page


def test_r071_revision_in_another_forum_is_refused_with_an_explanation(world):
    first = CoreDecisionFactory(case=world["case"], forum_team=world["lt_team"],
                                behavioural_scientist=world["scientist"])
    first.participants.set([world["lead"], world["scientist"]])
    client = client_for(world["lead"])
    response = client.post(f"/samenwerking/kernbesluiten/{first.pk}/herzien/", {
        "kind": "safety", "decided_on": TODAY.isoformat(), "decision": "Anders", "forum_team": world["gi_team"].pk,
        "participants": [world["lead"].pk], "behavioural_scientist": world["scientist"].pk,
        "advice": "Advies", "advice_followed": "nee", "justification": "Omdat"})
    assert response.status_code == 200
    assert "hetzelfde forum" in response.content.decode()
    assert CoreDecision.objects.count() == 1
    detail = client.get(f"/samenwerking/kernbesluiten/{first.pk}/").content.decode()
    assert "Besluitketen" in detail


def test_core_decision_form_without_advice_says_what_is_missing(world):
    client = client_for(world["lead"])
    response = client.post(f"/samenwerking/casus/{world['case'].pk}/kernbesluiten/nieuw/", {
        "kind": "safety", "decided_on": TODAY.isoformat(), "decision": "X", "forum_team": world["lt_team"].pk,
        "advice_followed": "nee"})
    page = response.content.decode()
    assert "gedragswetenschapper" in page and "waarom het advies niet is opgevolgd" in page
    assert not CoreDecision.objects.exists()


def test_barrier_page_escalates_to_step_3_only_in_order(world):
    client = client_for(world["lead"])
    barrier = BarrierFactory(case=world["case"], raised_by=world["lead"])
    url = f"/samenwerking/barrieres/{barrier.pk}/"
    response = client.post(url, {"step": 3, "taken_on": TODAY.isoformat(), "with_whom": "Teamleider"})
    assert "Stappen overslaan mag alleen" in response.content.decode()
    extra = {1: {"my_share": "Defensief", "could_do": "Bellen"}, 2: {"goal_focus": "Eén route",
                                                                      "named_to_other": "Uitgenodigd"}, 3: {}}
    for step, whom in ((1, ""), (2, "Jeugdbeschermer"), (3, "Teamleider")):
        assert client.post(url, {"step": step, "taken_on": TODAY.isoformat(), "with_whom": whom,
                                 **extra[step]}).status_code == 302
    team_lead_page = client_for(world["team_lead"]).get("/samenwerking/wat-staat-open/").content.decode()
    assert "Open barrières" in team_lead_page and "stap 3 gezet" in team_lead_page


def test_outsider_gets_not_found(world):
    meeting = MeetingFactory(case=world["case"])
    assert client_for(UserFactory()).get(f"/samenwerking/overleg/{meeting.pk}/").status_code == 404


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(case, user, n):
    for _ in range(n):
        meeting = MeetingFactory(case=case, planned_on=TODAY + 3 * DAY)
        AgreementFactory(case=case, meeting=meeting, who_user=user)
        decision = CoreDecisionFactory(case=case)
        decision.participants.set([user])
        BarrierFactory(case=case)
        PersonFactory(family=case.family)


def test_case_page_with_collaboration_query_count_does_not_grow(world):
    client = client_for(world["lead"])
    url = f"/casussen/{world['case'].pk}/"
    _grow(world["case"], world["lead"], 1)
    small = _count(client, url)
    _grow(world["case"], world["lead"], 6)
    assert _count(client, url) == small


def test_due_overview_query_count_does_not_grow(world):
    client = client_for(world["team_lead"])
    _grow(world["case"], world["lead"], 1)
    small = _count(client, "/samenwerking/wat-staat-open/")
    for _ in range(5):
        case = involve(world["lead"]).case
        involve(UserFactory(team=world["lt_team"], organisation=world["lt"]), case.family)
        _grow(case, world["lead"], 2)
    # more families shown means more access-log rows (one per family), never more reads
    assert _count(client, "/samenwerking/wat-staat-open/") <= small + 2 * 5


def test_meeting_kinds_are_the_seeds(world):
    assert {MeetingKind.NETWORK, MeetingKind.CASE_DISCUSSION, MeetingKind.EVALUATION, MeetingKind.HANDOVER} <= set(
        MeetingKind)


def test_r528_record_meeting_with_attendance_minutes_and_next_date(world):
    from gezinsplan.collaboration.models import MeetingParticipant

    meeting = MeetingFactory(case=world["case"], planned_on=TODAY)
    participant = MeetingParticipant.objects.create(family=meeting.family, meeting=meeting, category="professional",
                                                    user=world["protector"], organisation=world["gi"])
    client = client_for(world["lead"])
    url = f"/samenwerking/overleg/{meeting.pk}/vastleggen/"
    assert f"attendance_{participant.pk}" in client.get(url).content.decode()
    response = client.post(url, {"held_on": TODAY.isoformat(), "minutes": "Verslag", "chair": "Nathalie",
                                 f"attendance_{participant.pk}": "absent_notified", "safety_score": 6})
    assert "Plan meteen het volgende netwerkberaad" in response.content.decode()
    response = client.post(url, {"held_on": TODAY.isoformat(), "minutes": "Verslag", "chair": "Nathalie",
                                 f"attendance_{participant.pk}": "absent_notified", "safety_score": 6,
                                 "next_planned_on": (TODAY + 14 * DAY).isoformat(),
                                 "parents_absent_reason": "Ouders in het buitenland; verslag nagestuurd"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.attendance == "absent_notified"
    assert Meeting.objects.filter(held_on__isnull=True, planned_on=TODAY + 14 * DAY).exists()
