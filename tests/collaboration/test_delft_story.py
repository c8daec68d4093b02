"""STORIES.md section 2 (Delft): fortnightly meetings with one partner always absent, then a change of the
casuscoördinator followed by a session that revisits the information gathered earlier."""

import datetime as dt

from gezinsplan.cases.models import Involvement
from gezinsplan.collaboration import services
from gezinsplan.collaboration.models import Attendance, MeetingKind
from gezinsplan.collaboration.selectors import collaboration_page
from gezinsplan.core import policy
from tests.factories import UserFactory

START = dt.date(2020, 1, 13)  # early 2020: the decision to use Beter Samenspel during the OTS


def test_delft_fortnightly_meetings_partner_always_absent_then_new_coordinator_reviews(world, monkeypatch):
    """R230, R074, R062, R067: the absent chain partner becomes a visible barrier signal."""
    case, lead = world["case"], world["lead"]
    case.opened_on = START - dt.timedelta(days=30)
    case.save()
    Involvement.objects.filter(case=case).update(start_date=case.opened_on)
    day = START
    monkeypatch.setattr(policy, "today", lambda: day)
    meeting, _w = services.meeting_plan(actor=lead, case=case, kind=MeetingKind.NETWORK, planned_on=day,
                                        chair="Carla", agenda="Probleemanalyse: achtergrond en oorzaken")
    for person in (world["parent"],):
        services.participant_add(actor=lead, meeting=meeting, category="family", person=person)
    services.participant_add(actor=lead, meeting=meeting, category="professional", user=world["protector"])
    services.participant_add(actor=lead, meeting=meeting, category="professional", name="Begeleider",
                             organisation_name="Maatschappelijke opvang")
    for n in range(4):  # fortnightly, two hours, all parties, one partner never there
        attendance = {str(p.pk): (Attendance.ABSENT_UNNOTIFIED if p.organisation_name else Attendance.PRESENT)
                      for p in meeting.participants.all()}
        _m, meeting = services.meeting_record(
            actor=lead, meeting=meeting, version=None, held_on=day, minutes=f"Beraad {n + 1}",
            attendance=attendance, next_planned_on=day + dt.timedelta(weeks=2))
        day = day + dt.timedelta(weeks=2)
    page = collaboration_page(case=case, today=day)
    assert [(s.party, s.consecutive) for s in page.absences] == [("Maatschappelijke opvang", 4)]
    assert not page.network.overdue and page.network.next_planned == meeting

    # The fixed casuscoördinator changes: a review session of the earlier information is due.
    successor = UserFactory(organisation=world["lt"], team=world["lt_team"])
    services_end = Involvement.objects.get(case=case, user=lead)
    services_end.end_date = day
    services_end.save()
    Involvement.objects.create(case=case, user=successor, organisation=world["lt"], role="lead",
                               start_date=day + dt.timedelta(days=1))
    day = day + dt.timedelta(days=1)
    page = collaboration_page(case=case, today=day)
    assert page.review_due == day + dt.timedelta(weeks=2)
    services.meeting_plan(actor=successor, case=case, kind=MeetingKind.REVIEW, planned_on=day + dt.timedelta(days=3),
                          agenda="Terugblik op de eerder verzamelde informatie met gezin en betrokkenen")
    assert collaboration_page(case=case, today=day).review_due is None
