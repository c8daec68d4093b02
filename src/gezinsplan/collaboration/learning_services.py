"""Use cases of learning together on the organisation level (R167, R305, R318, R319, R325, R326, R328, R330).

No family data: case material is pseudonymised, and the checks below refuse text that still identifies a family."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.accounts.models import Contact, User
from gezinsplan.collaboration.learning import (
    CaseReflection,
    CollaborationInvitee,
    CollaborationMeeting,
    CoreValueDiscussion,
    LearningGroup,
    LearningSession,
    ReflectionActivity,
    ReflectionKind,
    RegionLearning,
    Subregion,
)
from gezinsplan.collaboration.models import ReflectionLevel, ReflectionSession
from gezinsplan.collaboration.reference import CoreValue, method_setting
from gezinsplan.core import policy

# Who organises regional meetings and learning groups.
ORGANISER_ROLES = frozenset({Role.TEAM_LEAD, Role.REGIONAL_CONTACT, Role.POLICY_OFFICER, Role.FUNCTIONAL_ADMIN,
                             Role.BEHAVIOURAL_SCIENTIST})
# R326/R330: the four safety partners of a collaboration meeting.
MEETING_PARTNERS = (OrganisationType.LOCAL_TEAM, OrganisationType.GI, OrganisationType.VEILIG_THUIS,
                    OrganisationType.RVDK)


def _require_organiser(actor) -> None:
    if actor.role not in ORGANISER_ROLES:
        raise policy.PolicyDenied("organise_learning")


# --- pseudonymisation -----------------------------------------------------------------------------------------------

_IDENTIFYING = (
    (re.compile(r"\b\d{9}\b"), gettext_lazy("een BSN")),
    (re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"), gettext_lazy("een datum (bijvoorbeeld een geboortedatum)")),
    (re.compile(r"\b(gezin|familie|fam\.)\s+[A-Z][a-z]+", re.IGNORECASE), gettext_lazy("een gezinsnaam")),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), gettext_lazy("een e-mailadres")),
    (re.compile(r"\b0\d{9}\b|\b06[- ]?\d{8}\b"), gettext_lazy("een telefoonnummer")),
)


def identifying_content(text: str) -> list[str]:
    """What in this text still identifies a family (pseudonymised case material has none of it)."""
    found = []
    for pattern, label in _IDENTIFYING:
        match = pattern.search(text or "")
        if match and not (label == _IDENTIFYING[2][1] and match.group(0).split()[-1][0].islower()):
            found.append(str(label))
    return found


def _check_pseudonymised(errors: dict, field: str, text: str) -> None:
    found = identifying_content(text)
    if found:
        errors[field] = _("Casuïstiek wordt gepseudonimiseerd besproken: haal %(what)s weg en gebruik bijvoorbeeld "
                          "'casus A, gezin met drie kinderen'.") % {"what": ", ".join(found)}


# --- R326, R328, R330: collaboration meetings per subregion ------------------------------------------------------

@dataclass
class InviteeOverview:
    """R330: invitees per organisation type, and the partners without an area-bound professional invited."""

    by_type: dict[str, list[User]]
    missing: list[str]

    @property
    def warnings(self) -> list[str]:
        return [_("Er is nog geen professional van %(org)s uit deze subregio uitgenodigd (R330).")
                % {"org": OrganisationType(t).label} for t in self.missing]


def invitee_overview(meeting: CollaborationMeeting, invitees: list[User] | None = None) -> InviteeOverview:
    if invitees is None:
        invitees = [i.user for i in meeting.invitees.select_related("user__organisation")]
    area = set(meeting.subregion.municipalities.values_list("pk", flat=True))
    area_bound = set(User.objects.filter(pk__in=[u.pk for u in invitees], municipalities__in=area)
                     .values_list("pk", flat=True))
    by_type: dict[str, list[User]] = defaultdict(list)
    covered = set()
    for user in invitees:
        org_type = user.organisation.type if user.organisation_id else ""
        by_type[org_type].append(user)
        if user.pk in area_bound:
            covered.add(org_type)
    return InviteeOverview(by_type=dict(by_type), missing=[t for t in MEETING_PARTNERS if t not in covered])


@transaction.atomic
def collaboration_meeting_plan(*, actor, subregion: Subregion, planned_on: date, title: str, invitees=(),
                               learning_element: str = "") -> tuple[CollaborationMeeting, list[str]]:
    _require_organiser(actor)
    errors = {}
    if not title.strip():
        errors["title"] = _("Geef de bijeenkomst een titel.")
    if planned_on is None:
        errors["planned_on"] = _("Vul de datum in.")
    if errors:
        raise ValidationError(errors)
    meeting = CollaborationMeeting(subregion=subregion, planned_on=planned_on, title=title.strip(),
                                   learning_element=learning_element.strip(), organised_by=actor)
    meeting.full_clean(exclude=["learning_element"])
    meeting.save()
    invitees = list(invitees)
    CollaborationInvitee.objects.bulk_create([CollaborationInvitee(meeting=meeting, user=u) for u in invitees])
    return meeting, invitee_overview(meeting, invitees).warnings


@transaction.atomic
def collaboration_meeting_record(*, actor, meeting: CollaborationMeeting, attended=(), met_each_other: bool = False,
                                 vision_values: bool = False, building_blocks: bool = False,
                                 first_steps: bool = False, learning_element: str = "") -> CollaborationMeeting:
    """R328: the four programme items and a required shared learning element."""
    _require_organiser(actor)
    if meeting.planned_on > policy.today():
        raise ValidationError({"planned_on": _("Een bijeenkomst legt u vast als hij is geweest.")})
    if not learning_element.strip():
        raise ValidationError({"learning_element": _("Beschrijf het gezamenlijke leerelement van de bijeenkomst "
                                                     "(R328).")})
    attended_ids = {u.pk for u in attended}
    for invitee in meeting.invitees.all():
        invitee.attended = invitee.user_id in attended_ids
        invitee.save(update_fields=["attended"])
    meeting.held = True
    meeting.met_each_other, meeting.vision_values = met_each_other, vision_values
    meeting.building_blocks, meeting.first_steps = building_blocks, first_steps
    meeting.learning_element = learning_element.strip()
    meeting.save()
    return meeting


@dataclass
class YearProgress:
    subregion: Subregion
    counted: int
    incomplete: int
    target: int

    @property
    def reached(self) -> bool:
        return self.counted >= self.target


def yearly_progress(*, year: int, region=None) -> list[YearProgress]:
    """R328: per subregion, the held meetings with all four programme items count toward the yearly target."""
    complete = Q(collaboration_meetings__held=True, collaboration_meetings__planned_on__year=year,
                 collaboration_meetings__met_each_other=True, collaboration_meetings__vision_values=True,
                 collaboration_meetings__building_blocks=True, collaboration_meetings__first_steps=True)
    held = Q(collaboration_meetings__held=True, collaboration_meetings__planned_on__year=year)
    rows = Subregion.objects.select_related("region").annotate(
        counted=Count("collaboration_meetings", filter=complete),
        held_total=Count("collaboration_meetings", filter=held))
    if region is not None:
        rows = rows.filter(region=region)
    target = method_setting("collaboration_meetings_per_year", 2)
    return [YearProgress(s, s.counted, s.held_total - s.counted, target) for s in rows]


# --- R305: core values discussed with staff ---------------------------------------------------------------------

@transaction.atomic
def core_value_discuss(*, actor, value: str, daily_work: str, hard_when: str, fits: str,
                       meeting: CollaborationMeeting | None = None,
                       session: LearningSession | None = None) -> CoreValueDiscussion:
    if session is None:
        _require_organiser(actor)
    errors = {}
    if (meeting is None) == (session is None):
        errors["value"] = _("Een bespreking hoort bij één bijeenkomst of leergroep.")
    if value not in CoreValue.values:
        errors["value"] = _("Kies een van de vier kernwaarden (R306).")
    for field, text in (("daily_work", daily_work), ("hard_when", hard_when), ("fits", fits)):
        if not text.strip():
            errors[field] = _("Vul bij iedere kernwaarde beide vragen en het oordeel van de medewerkers in (R305).")
    if errors:
        raise ValidationError(errors)
    return CoreValueDiscussion.objects.create(meeting=meeting, session=session, value=value,
                                              daily_work=daily_work.strip(), hard_when=hard_when.strip(),
                                              fits=fits.strip())


def core_values_report() -> list[dict]:
    """R305: per region, how often each core value was discussed (one query)."""
    rows = (CoreValueDiscussion.objects
            .annotate(region_name=_coalesce_region())
            .values("region_name", "value").annotate(n=Count("id")).order_by("region_name", "value"))
    report: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        report[row["region_name"]][row["value"]] += row["n"]
    return [{"region": region, "values": [(str(CoreValue(v).label), counts.get(v, 0)) for v in CoreValue.values]}
            for region, counts in sorted(report.items())]


def _coalesce_region():
    from django.db.models.functions import Coalesce

    return Coalesce("meeting__subregion__region__name", "session__group__subregion__region__name")


# --- R325: local learning groups -------------------------------------------------------------------------------

def learning_groups_blockers(subregion: Subregion, on: date) -> list[str]:
    """Why learning-group sessions cannot be recorded yet in this subregion (empty: they can)."""
    blockers = []
    start = date.fromisoformat(method_setting("learning_groups_from", "2022-01-01"))
    if on < start:
        blockers.append(_("Lokale leergroepen starten pas vanaf %(d)s (R325).") % {"d": start.strftime("%d-%m-%Y")})
    if not RegionLearning.objects.filter(region_id=subregion.region_id, learning_groups_enabled=True).exists():
        blockers.append(_("Lokale leergroepen staan voor regio %(r)s nog niet aan.") % {"r": subregion.region.name})
    if not Contact.objects.filter(municipality__subregions=subregion, is_active=True).exists():
        blockers.append(_("Eerst de contactgids: er staan nog geen contactpersonen voor deze subregio in."))
    if not CollaborationMeeting.objects.filter(subregion=subregion, held=True).exists():
        blockers.append(_("Eerst de samenwerkingsbijeenkomsten: in deze subregio is er nog geen gehouden."))
    return blockers


@transaction.atomic
def learning_group_create(*, actor, subregion: Subregion, name: str, members) -> LearningGroup:
    _require_organiser(actor)
    members = list(members)
    errors = {}
    if not name.strip():
        errors["name"] = _("Geef de leergroep een naam.")
    area = subregion.municipalities.all()
    outside = [m for m in members if not m.municipalities.filter(pk__in=area).exists()]
    if not members:
        errors["members"] = _("Een leergroep heeft vaste deelnemers.")
    elif outside:
        errors["members"] = _("Vaste deelnemers komen uit dezelfde subregio; %(n)d deelnemer(s) werken er niet "
                              "(R325).") % {"n": len(outside)}
    if errors:
        raise ValidationError(errors)
    group = LearningGroup.objects.create(subregion=subregion, name=name.strip())
    group.members.set(members)
    return group


@transaction.atomic
def learning_session_record(*, actor, group: LearningGroup, held_on: date, hours: Decimal, cases_discussed: str,
                            attendees, skj_conditions_met: bool = False, lessons: str = "") -> LearningSession:
    """R325: pseudonymised cases, attendees from the fixed group; with the SKJ conditions met, each attendee's
    attendance is logged as an SKJ reflection activity (R318)."""
    members = set(group.members.values_list("pk", flat=True))
    if actor.pk not in members and actor.role not in ORGANISER_ROLES:
        raise policy.PolicyDenied("record_learning_session")
    attendees = list(attendees)
    errors = {}
    blockers = learning_groups_blockers(group.subregion, held_on) if held_on else [_("Vul de datum in.")]
    if blockers:
        errors["held_on"] = " ".join(blockers)
    elif held_on > policy.today():
        errors["held_on"] = _("De datum ligt in de toekomst.")
    if not attendees:
        errors["attendees"] = _("Kies wie er aanwezig waren.")
    elif any(a.pk not in members for a in attendees):
        errors["attendees"] = _("Aanwezigen komen uit de vaste groep van deze leergroep (R325).")
    if not cases_discussed.strip():
        errors["cases_discussed"] = _("Beschrijf de besproken casuïstiek (gepseudonimiseerd).")
    else:
        _check_pseudonymised(errors, "cases_discussed", cases_discussed)
    if lessons:
        _check_pseudonymised(errors, "lessons", lessons)
    if hours is None or hours <= 0:
        errors["hours"] = _("Vul de duur in uren in.")
    if errors:
        raise ValidationError(errors)
    session = LearningSession.objects.create(group=group, held_on=held_on, hours=hours,
                                             cases_discussed=cases_discussed.strip(), lessons=lessons.strip(),
                                             skj_conditions_met=skj_conditions_met, recorded_by=actor)
    session.attendees.set(attendees)
    if skj_conditions_met:
        names = ", ".join(f"{a} ({a.organisation.label})" for a in attendees if a.organisation_id)[:1000]
        ReflectionActivity.objects.bulk_create([ReflectionActivity(
            professional=a, held_on=held_on, kind=ReflectionKind.LEARNING_GROUP, hours=hours, participants=names,
            learning_session=session) for a in attendees])
    return session


# --- R318: reflection for SKJ ---------------------------------------------------------------------------------------

@transaction.atomic
def reflection_activity_log(*, actor, held_on: date, kind: str, hours: Decimal,
                            participants: str) -> ReflectionActivity:
    errors = {}
    if held_on is None or held_on > policy.today():
        errors["held_on"] = _("Vul de datum in; die ligt niet in de toekomst.")
    if kind not in ReflectionKind.values:
        errors["kind"] = _("Kies het soort reflectie.")
    if hours is None or hours <= 0 or hours > 24:
        errors["hours"] = _("Vul het aantal uren in (meer dan 0, hoogstens 24).")
    if not participants.strip():
        errors["participants"] = _("Noem de deelnemers en hun organisaties.")
    if errors:
        raise ValidationError(errors)
    return ReflectionActivity.objects.create(professional=actor, held_on=held_on, kind=kind, hours=hours,
                                             participants=participants.strip())


def skj_export_csv(*, professional, since: date | None = None) -> str:
    """R318: the professional's own reflection activities as CSV, evidence for SKJ re-registration."""
    rows = ReflectionActivity.objects.filter(professional=professional)
    if since:
        rows = rows.filter(held_on__gte=since)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Datum"), _("Soort"), _("Uren"), _("Deelnemers en organisaties")])
    total = Decimal(0)
    for row in rows.order_by("held_on", "id"):
        writer.writerow([row.held_on.isoformat(), row.get_kind_display(), str(row.hours), row.participants])
        total += row.hours
    writer.writerow([_("Totaal"), "", str(total), ""])
    return out.getvalue()


# --- R319: case-level reflection across organisations ----------------------------------------------------------

@transaction.atomic
def case_reflection_record(*, actor, held_on: date, organisations, attendees: str, case_summary: str,
                           lessons: str) -> CaseReflection:
    if actor.organisation_id is None:
        raise ValidationError(_("Alleen professionals van een organisatie leggen een reflectie vast."))
    organisations = list(organisations)
    errors = {}
    if held_on is None or held_on > policy.today():
        errors["held_on"] = _("Vul de datum in; die ligt niet in de toekomst.")
    if len({o.type for o in organisations}) < 2:
        errors["organisations"] = _("Een reflectie op casusniveau is met professionals van verschillende "
                                    "organisaties, bijvoorbeeld lokaal team, Veilig Thuis, GI en Raad (R319).")
    if not attendees.strip():
        errors["attendees"] = _("Noem de deelnemers (functie en organisatie).")
    for field, text in (("case_summary", case_summary), ("lessons", lessons)):
        if not text.strip():
            errors[field] = _("Vul dit in.")
        else:
            _check_pseudonymised(errors, field, text)
    if "attendees" not in errors:
        _check_pseudonymised(errors, "attendees", attendees)
    if errors:
        raise ValidationError(errors)
    year = held_on.year
    number = CaseReflection.objects.filter(pseudonym__startswith=f"Casus {year}-").count() + 1
    reflection = CaseReflection.objects.create(
        held_on=held_on, pseudonym=f"Casus {year}-{number:03d}", attendees=attendees.strip(),
        case_summary=case_summary.strip(), lessons=lessons.strip(), recorded_by=actor)
    reflection.organisations.set(organisations)
    return reflection


# --- R167: three levels ------------------------------------------------------------------------------------------

@dataclass
class LevelReport:
    level: str
    label: str
    question: str
    sessions: int
    by_kind: list[tuple[str, int]]


LEVEL_QUESTIONS = {
    ReflectionLevel.PROFESSIONAL: gettext_lazy("Doe ik het goed?"),
    ReflectionLevel.MANAGEMENT: gettext_lazy("Doe ik het goede?"),
    ReflectionLevel.BOARD: gettext_lazy("Doe ik het om de goede reden?"),
}


def reflection_levels(*, organisation_id) -> list[LevelReport]:
    """R167: reflection organised on execution, management and board level; on execution level the supervision,
    intervision, collegial consultation and work supervision of the organisation's professionals (two queries)."""
    sessions = dict(ReflectionSession.objects.filter(organisation_id=organisation_id).values_list("level")
                    .annotate(n=Count("id")).values_list("level", "n"))
    kinds = dict(ReflectionActivity.objects.filter(professional__organisation_id=organisation_id)
                 .values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    reports = []
    for level in ReflectionLevel:
        by_kind = ([(str(k.label), kinds.get(k.value, 0)) for k in ReflectionKind]
                   if level == ReflectionLevel.PROFESSIONAL else [])
        reports.append(LevelReport(level.value, str(level.label), str(LEVEL_QUESTIONS[level]),
                                   sessions.get(level.value, 0), by_kind))
    return reports


# --- R325, R326: subregions and the regional learning switch (functional administrators) ---------------------


@transaction.atomic
def subregion_save(*, actor, region, name: str, municipalities, subregion: Subregion | None = None) -> Subregion:
    """Create or change a subregion: a name unique in its region and municipalities of that region, each in one
    subregion only."""
    policy.require(actor, policy.Action.MANAGE_DIRECTORY)
    municipalities = list(municipalities)
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Geef de subregio een naam.")
    elif (
        Subregion.objects.filter(region=region, name__iexact=name)
        .exclude(pk=subregion.pk if subregion else None)
        .exists()
    ):
        errors["name"] = _("Regio %(r)s heeft al een subregio met deze naam.") % {"r": region.name}
    if not municipalities:
        errors["municipalities"] = _("Kies minstens één gemeente.")
    else:
        outside = [m.name for m in municipalities if m.region_id != region.pk]
        taken = (
            Subregion.municipalities.through.objects.filter(municipality__in=municipalities, subregion__region=region)
            .exclude(subregion_id=subregion.pk if subregion else None)
            .select_related("municipality", "subregion")
        )
        if outside:
            errors["municipalities"] = _("Deze gemeenten horen niet bij regio %(r)s: %(m)s.") % {
                "r": region.name,
                "m": ", ".join(sorted(outside)),
            }
        elif taken:
            errors["municipalities"] = _("Een gemeente hoort bij één subregio. Al ingedeeld: %(m)s.") % {
                "m": ", ".join(sorted(f"{t.municipality.name} ({t.subregion.name})" for t in taken))
            }
    if (
        subregion is not None
        and subregion.region_id != region.pk
        and (subregion.collaboration_meetings.exists() or subregion.learning_groups.exists())
    ):
        errors["region"] = _("Deze subregio heeft al bijeenkomsten of leergroepen; de regio kan niet meer veranderen.")
    if errors:
        raise ValidationError(errors)
    subregion = subregion or Subregion()
    subregion.region, subregion.name = region, name
    subregion.save()
    subregion.municipalities.set(municipalities)
    return subregion


@transaction.atomic
def region_learning_set(*, actor, region, enabled: bool) -> RegionLearning:
    """R325: switch the local learning groups of a region on or off."""
    policy.require(actor, policy.Action.MANAGE_DIRECTORY)
    switch, _created = RegionLearning.objects.get_or_create(region=region)
    switch.learning_groups_enabled = bool(enabled)
    switch.save(update_fields=["learning_groups_enabled"])
    return switch
