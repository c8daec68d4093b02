"""What the network and partner screens need, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from gezinsplan.cases.models import Case
from gezinsplan.collaboration.network_services import current_gi_mode
from gezinsplan.collaboration.partners import (
    ConferenceOffer,
    ExpertConsultation,
    GiMode,
    GiModePeriod,
    NetworkTask,
    PartnerInvolvement,
    PartnerUpdate,
    ProviderView,
    ReliabilityCheck,
    StakeholderApproach,
    TableSession,
)
from gezinsplan.collaboration.reference import LIVELIHOOD_PARTNERS
from gezinsplan.core import policy

LIVELIHOOD_DOMAINS = ("huisvesting", "financien")


@dataclass
class NetworkPage:
    case: Case
    today: date
    partners: list[PartnerInvolvement]
    updates: list[PartnerUpdate]
    consultations: list[ExpertConsultation]
    gi_modes: list[GiModePeriod]
    conference_offers: list[ConferenceOffer]
    tasks: list[NetworkTask]
    checks: list[ReliabilityCheck]
    approaches: list[StakeholderApproach]
    provider_views: list[ProviderView]
    tables: list[TableSession]
    livelihood_at_risk: bool
    impasses: list = field(default_factory=list)

    @property
    def gi_mode(self) -> GiModePeriod | None:
        return current_gi_mode(self.gi_modes, self.today)

    @property
    def lead_label(self) -> str:
        """R623: who holds the lead now, given the GI's mode of involvement."""
        from django.utils.translation import gettext as _

        mode = self.gi_mode
        if mode is None:
            return ""
        if mode.mode == GiMode.INSERTION:
            return _("De GI heeft de regie tijdelijk overgenomen (invoegen) tot en met %(d)s.") % {
                "d": mode.ends_on.strftime("%d-%m-%Y")}
        return _("Het wijkteam houdt de regie; de GI geeft consultatie en advies.")

    @property
    def conference_open(self) -> bool:
        """R678: no offer yet, or the family postponed its answer."""
        return not self.conference_offers or self.conference_offers[0].answer == "postponed"

    @property
    def livelihood_partners(self) -> list[PartnerInvolvement]:
        return [p for p in self.partners if p.partner_type in LIVELIHOOD_PARTNERS]

    @property
    def last_check(self) -> dict:
        last: dict = {}
        for check in self.checks:  # newest first
            last.setdefault(check.member_id, check)
        return last


def network_page(*, case: Case, today: date | None = None) -> NetworkPage:
    """Thirteen queries whatever the data."""
    from gezinsplan.analysis.models import ConcernOrStrength

    today = today or policy.today()
    return NetworkPage(
        case=case, today=today,
        partners=list(PartnerInvolvement.objects.filter(case=case).select_related("organisation")),
        updates=list(PartnerUpdate.objects.filter(case=case).select_related("partner__organisation",
                                                                             "created_by")[:20]),
        consultations=list(ExpertConsultation.objects.filter(case=case)),
        gi_modes=list(GiModePeriod.objects.filter(case=case)),
        conference_offers=list(ConferenceOffer.objects.filter(case=case)),
        tasks=list(NetworkTask.objects.filter(case=case).select_related("member")),
        checks=list(ReliabilityCheck.objects.filter(family_id=case.family_id).select_related("member",
                                                                                             "checked_by")),
        approaches=list(StakeholderApproach.objects.filter(case=case)[:1]),
        provider_views=list(ProviderView.objects.filter(conversation__case=case).select_related(
            "conversation__child")),
        tables=list(TableSession.objects.filter(case=case).select_related("forum")),
        livelihood_at_risk=ConcernOrStrength.objects.filter(
            family_id=case.family_id, kind="concern", life_domain__in=LIVELIHOOD_DOMAINS).exists(),
        impasses=impasse_signals(case),
    )


# --- R580: one shared picture -------------------------------------------------------------------------------------

@dataclass
class PicturePart:
    title: str
    lines: list[str]
    as_of: date | datetime | None
    changed_since_last_visit: bool = False


def last_seen(*, user, family_id, object_type: str) -> datetime | None:
    """When this user last looked at this screen of this family: the access log knows (this visit's own entry is
    written after the response)."""
    from gezinsplan.privacy.models import AccessLogEntry

    return (AccessLogEntry.objects.filter(user=user, family_id=family_id, object_type=object_type)
            .order_by("-seq").values_list("occurred_at", flat=True).first())


def mark_changed_since(parts: list[PicturePart], seen: datetime | None) -> None:
    """R589: partners see what changed since their previous visit (nothing is 'new' on a first visit)."""
    if seen is None:
        return
    from django.utils import timezone

    seen_day = timezone.localdate(seen)
    for part in parts:
        if isinstance(part.as_of, datetime):
            part.changed_since_last_visit = part.as_of > seen
        elif part.as_of is not None:
            part.changed_since_last_visit = part.as_of > seen_day


def shared_picture(*, case: Case) -> list[PicturePart]:
    """The current version of acute safety, lasting safety, pattern, end situation and goals: one source, read
    live for every partner, each with the date it was last changed (six queries)."""
    from django.utils.translation import gettext as _

    from gezinsplan.analysis.models import FamilyAnalysis, FamilyPlan, Goal
    from gezinsplan.safety.models import RiskAssessment, SafetyAssessment

    parts = []
    acute = {}
    for a in SafetyAssessment.objects.filter(case=case).select_related("child").order_by("-assessed_on"):
        acute.setdefault(a.child_id, a)
    parts.append(PicturePart(_("Directe veiligheid"), [
        f"{a.child.first_name}: {a.get_outcome_display()} ({a.instrument})" for a in acute.values()],
        max((a.assessed_on for a in acute.values()), default=None)))
    lasting = {}
    for r in RiskAssessment.objects.filter(case=case).select_related("child").order_by("-assessed_on"):
        lasting.setdefault(r.child_id, r)
    parts.append(PicturePart(_("Blijvende veiligheid (risicotaxatie)"), [
        f"{r.child.first_name}: {r.get_result_display()}" for r in lasting.values()],
        max((r.assessed_on for r in lasting.values()), default=None)))
    analysis = FamilyAnalysis.objects.filter(family_id=case.family_id).first()
    parts.append(PicturePart(_("Patroon"), [analysis.pattern_sentence] if analysis and analysis.pattern_sentence
                             else [], analysis.updated_at if analysis else None))
    parts.append(PicturePart(_("Haalbare eindsituatie"), [analysis.end_description] if analysis and
                             analysis.end_description else [], analysis.updated_at if analysis else None))
    goals = list(Goal.objects.filter(family_id=case.family_id, status="active"))
    parts.append(PicturePart(_("Doelen"), [f"{g.what} ({g.progress}%)" for g in goals],
                             max((g.updated_at for g in goals), default=None)))
    plan = FamilyPlan.objects.filter(family_id=case.family_id).select_related("current").first()
    if plan is not None and plan.current is not None:
        parts.append(PicturePart(_("Gezinsplan"), [_("versie %(n)s") % {"n": plan.current.number}],
                                 plan.current.created_at))
    return parts



# --- R077, R078: barriers -------------------------------------------------------------------------------------------

def visible_barriers(queryset, user):
    """R077 (sensible reading): a personal barrier is seen only by its author and the author's manager (the team
    lead of the author's team). The one place of this rule: the barrier page, the case section, the API and the
    due items of 'Wat staat open' all filter through it."""
    from django.db.models import Q

    from gezinsplan.accounts.constants import Role
    from gezinsplan.collaboration.models import BarrierKind

    allowed = ~Q(kind=BarrierKind.PERSONAL) | Q(raised_by=user)
    if user.role == Role.TEAM_LEAD and user.team_id:
        allowed |= Q(raised_by__team_id=user.team_id)
    return queryset.filter(allowed)


def barrier_visible_to(barrier, user) -> bool:
    """R077 for one barrier (one query), through `visible_barriers`."""
    from gezinsplan.collaboration.models import Barrier

    return visible_barriers(Barrier.all_objects.filter(pk=barrier.pk), user).exists()


@dataclass
class Cancellations:
    who: str
    notified: int
    unnotified: int


def cancellations(case: Case) -> list[Cancellations]:
    """R078: per professional, how often they cancelled or did not show up at this case's meetings (one query)."""
    from django.db.models import Count, Q

    from gezinsplan.collaboration.models import Attendance, MeetingParticipant, ParticipantCategory

    rows = (MeetingParticipant.objects.filter(meeting__case=case, meeting__removed_at__isnull=True,
                                              category=ParticipantCategory.PROFESSIONAL)
            .values("user__first_name", "user__last_name", "name", "organisation__short_name",
                    "organisation__name", "organisation_name")
            .annotate(notified=Count("id", filter=Q(attendance=Attendance.ABSENT_NOTIFIED)),
                      unnotified=Count("id", filter=Q(attendance=Attendance.ABSENT_UNNOTIFIED)))
            .filter(Q(notified__gt=0) | Q(unnotified__gt=0)))
    result = []
    for r in rows:
        person = " ".join(filter(None, [r["user__first_name"], r["user__last_name"]])) or r["name"]
        org = r["organisation__short_name"] or r["organisation__name"] or r["organisation_name"]
        result.append(Cancellations(f"{person} ({org})" if org else person, r["notified"], r["unnotified"]))
    return sorted(result, key=lambda c: (-(c.notified + c.unnotified), c.who))


# --- R076: a lasting content impasse, flagged from the change history ----------------------------------------------

# The fields whose back-and-forth between organisations signals an impasse: (object type, field label).
IMPASSE_FIELDS = {"familyanalysis": "end_description", "goal": "what"}


@dataclass
class ImpasseSignal:
    what: str
    organisations: list[str]
    switches: int


def impasse_signals(case: Case, *, limit: int = 200) -> list[ImpasseSignal]:
    """R076: parties recording diverging end situations or goals for one family: the same end situation or goal
    rewritten by one organisation, then another, then back (two switches or more). One query."""
    from django.utils.translation import gettext as _

    from gezinsplan.analysis.models import FamilyAnalysis, Goal
    from gezinsplan.core.models import ChangeRecord

    labels = {"familyanalysis": str(FamilyAnalysis._meta.get_field("end_description").verbose_name),
              "goal": str(Goal._meta.get_field("what").verbose_name)}
    rows = (ChangeRecord.objects.filter(family_id=case.family_id, object_type__in=list(IMPASSE_FIELDS))
            .select_related("user__organisation").order_by("-id")[:limit])
    sequences: dict[tuple[str, object], list[str]] = defaultdict(list)
    for row in reversed(list(rows)):
        if labels[row.object_type] not in row.changes or row.user.organisation_id is None:
            continue
        org = row.user.organisation.label
        seq = sequences[(row.object_type, row.object_id)]
        if not seq or seq[-1] != org:
            seq.append(org)
    signals = []
    for (object_type, _id), seq in sequences.items():
        if len(seq) >= 3:
            what = _("haalbare eindsituatie") if object_type == "familyanalysis" else _("doel")
            signals.append(ImpasseSignal(str(what), sorted(set(seq)), len(seq) - 1))
    return signals
