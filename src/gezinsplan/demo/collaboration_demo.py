"""Learning together in the demo: the subregions of Haaglanden, the regional learning switch, one collaboration
meeting and one local learning group with a session on pseudonymised cases (R325, R326, R328).

Kept apart from `data.py` so it merges independently. Idempotent: rows are found by their natural key. Dates are
relative to today. No family data: the session names cases only by pseudonym.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from gezinsplan.accounts.models import Municipality, Region, User
from gezinsplan.collaboration.learning import (
    CollaborationInvitee,
    CollaborationMeeting,
    LearningGroup,
    LearningSession,
    RegionLearning,
    Subregion,
)

# R326: the subregions of Haaglanden in which the safety partners meet.
HAAGLANDEN_SUBREGIONS = {
    "Delft e.o.": ("Delft", "Midden-Delfland", "Pijnacker-Nootdorp", "Lansingerland"),
    "Westland": ("Westland",),
    "Zoetermeer": ("Zoetermeer",),
    "Den Haag": ("Den Haag", "Rijswijk", "Leidschendam-Voorburg", "Wassenaar"),
}
MEETING_INVITEES = (
    "casuscoordinator.delft",
    "jeugdbeschermer.wss",
    "gedragswetenschapper.jbwest",
    "raadsmedewerker",
    "teamleider.jbwest",
)
GROUP_MEMBERS = ("casuscoordinator.delft", "jeugdbeschermer.wss", "gedragswetenschapper.jbwest")


def load_collaboration(loader) -> None:
    """Called by `load_demo` after the users."""
    region = Region.objects.filter(code="haaglanden").first()
    if region is None:
        return
    subregions = {}
    for name, towns in HAAGLANDEN_SUBREGIONS.items():
        subregion, _created = Subregion.objects.get_or_create(region=region, name=name)
        subregion.municipalities.set(Municipality.objects.filter(region=region, name__in=towns))
        subregions[name] = subregion
    RegionLearning.objects.update_or_create(region=region, defaults={"learning_groups_enabled": True})
    users = {u.username: u for u in User.objects.filter(username__in={*MEETING_INVITEES, *GROUP_MEMBERS})}
    organiser = users.get("teamleider.jbwest")
    if organiser is None:
        return
    delft = subregions["Delft e.o."]
    meeting, _created = CollaborationMeeting.objects.update_or_create(
        subregion=delft,
        title="Kennismaking veiligheidspartners Delft e.o.",
        defaults={
            "planned_on": loader.today - timedelta(days=30),
            "held": True,
            "met_each_other": True,
            "vision_values": True,
            "building_blocks": True,
            "first_steps": True,
            "organised_by": organiser,
            "learning_element": "Het escalatiemodel geoefend met een gepseudonimiseerde casus (casus A).",
        },
    )
    for username in MEETING_INVITEES:
        if username in users:
            CollaborationInvitee.objects.update_or_create(
                meeting=meeting, user=users[username], defaults={"attended": True}
            )
    group, _created = LearningGroup.objects.get_or_create(subregion=delft, name="Leergroep Delft e.o.")
    group.members.set([users[u] for u in GROUP_MEMBERS if u in users])
    session, _created = LearningSession.objects.update_or_create(
        group=group,
        held_on=loader.today - timedelta(days=14),
        defaults={
            "hours": Decimal("2.00"),
            "recorded_by": organiser,
            "skj_conditions_met": True,
            "cases_discussed": "Casus A: gezin met drie kinderen, complexe scheiding. Casus B: jongere van 15, "
            "schooluitval en zorgen over veiligheid thuis.",
            "lessons": "Eerder samen de feiten en zorgen benoemen; de gedragswetenschappers tijdig betrekken.",
        },
    )
    session.attendees.set(group.members.all())
