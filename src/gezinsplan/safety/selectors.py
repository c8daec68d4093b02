"""What the safety screens and the other apps need, derived from the data (never stored flags), in fixed queries.

Public for other apps:
- `latest_gi_decision(case)`: the latest weighing that decided GI expertise is needed (product 2a requires it);
- `latest_weighing(case, since=...)`: the latest weighing, e.g. to require one at a switch of lead (R105);
- `direct_safety_first(case)`: True while a child's latest professional score is below the '6' (R126);
- `caseload_attention(user=...)`: the open cases of a user's caseload that need safety attention (R546, R548).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from gezinsplan.cases.models import Case, CaseStatus
from gezinsplan.core import policy
from gezinsplan.families.models import FamilyRole, Person
from gezinsplan.safety import facts, plan_content
from gezinsplan.safety.models import (
    Breach,
    Conclusion,
    ContactBan,
    GiDecision,
    RiskAssessment,
    SafetyAssessment,
    SafetyPlan,
    SafetyScore,
    Scorer,
    Weighing,
)

if TYPE_CHECKING:
    from gezinsplan.cases.context import CaseContext

SIX = 6


def assessment_days() -> int:
    """R548: the acute safety assessment is due within five days of the registration."""
    return getattr(settings, "SAFETY_ASSESSMENT_DAYS", 5)


def score_interval_days() -> int:
    """R531: a score after every contact; without one for this many days the score is overdue."""
    return getattr(settings, "SAFETY_SCORE_INTERVAL_DAYS", 28)


def latest_gi_decision(case: Case) -> Weighing | None:
    """The latest live weighing of this case with the decision 'GI expertise needed' (R104, R007)."""
    return (
        Weighing.objects.filter(case_id=case.pk, gi_needed=GiDecision.YES)
        .select_related("behavioural_scientist")
        .order_by("-held_on", "-created_at")
        .first()
    )


def latest_weighing(case: Case, *, since: date | None = None) -> Weighing | None:
    """R105: the latest weighing of this case, held on or after `since` (e.g. the day of a switch of lead)."""
    weighings = Weighing.objects.filter(case_id=case.pk)
    if since is not None:
        weighings = weighings.filter(held_on__gte=since)
    return weighings.select_related("behavioural_scientist").order_by("-held_on", "-created_at").first()


def _professional_scores(case_id) -> QuerySet[SafetyScore]:
    return SafetyScore.objects.filter(case_id=case_id, scorer=Scorer.PROFESSIONAL)


def children(case: Case) -> QuerySet[Person]:
    return Person.objects.filter(family_id=case.family_id, family_role=FamilyRole.CHILD)


def latest_professional_scores(case: Case, *, ctx: CaseContext | None = None) -> dict:
    """{child id: latest professional score} for the children that have one. One query, none more on a page that
    has the scores in its `CaseContext`."""
    if ctx is not None:
        latest: dict = {}
        children_ids = {child.pk for child in ctx.children}
        for score in facts.scores(ctx):  # oldest first: the last one per child wins
            if score.scorer == Scorer.PROFESSIONAL and score.child_id in children_ids:
                latest[score.child_id] = score.score
        return latest
    rows = (
        children(case)
        .annotate(
            latest=Subquery(
                _professional_scores(case.pk)
                .filter(child_id=OuterRef("pk"))
                .order_by("-scored_on", "-created_at")
                .values("score")[:1]
            )
        )
        .values_list("pk", "latest")
    )
    return {pk: latest for pk, latest in rows if latest is not None}


def latest_professional_score(case: Case, *, ctx: CaseContext | None = None) -> int | None:
    """The lowest of the children's latest professional scores: the child that is least safe counts."""
    return min(latest_professional_scores(case, ctx=ctx).values(), default=None)


def direct_safety_first(case: Case) -> bool:
    """R126/R119: while a child's latest professional score is below 6, direct safety comes first."""
    score = latest_professional_score(case)
    return score is not None and score < SIX


# --- The case page section ----------------------------------------------------------------------------------------


@dataclass
class ChildSafety:
    child: Person
    scores: list[SafetyScore] = field(default_factory=list)
    assessments: list[SafetyAssessment] = field(default_factory=list)
    risk_assessments: list[RiskAssessment] = field(default_factory=list)

    @property
    def latest_professional(self) -> SafetyScore | None:
        prof = [s for s in self.scores if s.scorer == Scorer.PROFESSIONAL]
        return max(prof, key=lambda s: (s.scored_on, s.created_at)) if prof else None

    @property
    def latest_assessment(self) -> SafetyAssessment | None:
        return self.assessments[0] if self.assessments else None


@dataclass
class CaseSafety:
    case: Case
    plan: SafetyPlan | None
    children: list[ChildSafety]
    weighings: list[Weighing]
    breaches: list[Breach]
    attention: list[str]
    below_lower_limit: list[ChildSafety]
    bans: list[ContactBan] = field(default_factory=list)

    @property
    def content(self) -> dict:
        return self.plan.current.content if self.plan and self.plan.current else {}

    @property
    def direct_safety_first(self) -> bool:
        return any(c.latest_professional and c.latest_professional.score < SIX for c in self.children)

    @property
    def missing_parts(self) -> list[str]:
        return plan_content.missing_parts(self.content) if self.content else []

    @property
    def assessments(self) -> list[SafetyAssessment]:
        return sorted([a for c in self.children for a in c.assessments], key=lambda a: (a.assessed_on, a.created_at))


def case_safety(*, case: Case, on: date | None = None, ctx: CaseContext | None = None) -> CaseSafety:
    """Everything the safety section shows, in eight queries whatever the number of scores or versions (the
    children, scores, assessments, weighings and plan come from the page's `CaseContext` when it has them)."""
    ctx = facts.context(case, ctx)
    today = on or ctx.today
    kids = [ChildSafety(child) for child in ctx.children]
    by_id = {c.child.pk: c for c in kids}
    for score in facts.scores(ctx):
        if score.child_id in by_id:
            by_id[score.child_id].scores.append(score)
    for assessment in facts.assessments(ctx):
        if assessment.child_id in by_id:
            by_id[assessment.child_id].assessments.append(assessment)
    for risk in RiskAssessment.objects.filter(case_id=case.pk).order_by("-assessed_on", "-created_at"):
        if risk.child_id in by_id:
            by_id[risk.child_id].risk_assessments.append(risk)
    weighings = facts.weighings(ctx)
    plan = facts.plan(ctx)
    breaches = list(Breach.objects.filter(plan=plan)) if plan else []
    content = plan.current.content if plan and plan.current else {}
    lower = content.get("lower_limit")
    below = [c for c in kids if lower and c.latest_professional and c.latest_professional.score < lower]
    bans = [ban for ban in ContactBan.objects.filter(case_id=case.pk).select_related("person") if ban.in_force(today)]
    return CaseSafety(
        case,
        plan,
        kids,
        weighings,
        breaches,
        _attention(case=case, kids=kids, plan=plan, breaches=breaches, today=today),
        below,
        bans,
    )


def _attention(
    *, case: Case, kids: list[ChildSafety], plan: SafetyPlan | None, breaches: list[Breach], today: date
) -> list[str]:
    """What is missing or overdue, derived from dates (R546, R548, R531, R242, R124, R554)."""
    if case.status != CaseStatus.OPEN:
        return []
    notes = []
    current = plan.current if plan else None
    content = current.content if current else {}
    for kid in kids:
        latest = kid.latest_assessment
        if latest and latest.outcome == Conclusion.SECURE_NOW:
            notes.append(
                _("Direct veiligstellen: de laatste taxatie van %(name)s vraagt om directe bescherming (R124).")
                % {"name": kid.child.first_name}
            )
        if (
            latest
            and latest.outcome != Conclusion.SAFE
            and current is not None
            and latest.created_at > current.created_at
        ):
            notes.append(
                _(
                    "Nieuwe onveiligheid bij %(name)s na de laatste versie van het plan: werk het "
                    "veiligheidsplan bij (R554)."
                )
                % {"name": kid.child.first_name}
            )
    if not content:
        notes.append(_("Er is nog geen veiligheidsplan. Het veiligheidsplan begint op dag één (R546)."))
    due = case.opened_on + timedelta(days=assessment_days())
    for kid in kids:
        if kid.child.is_unborn:
            continue
        name = kid.child.first_name
        if not kid.assessments and today > due:
            notes.append(
                _("Veiligheidstaxatie van %(name)s is te laat: die moest er uiterlijk %(due)s zijn (R548).")
                % {"name": name, "due": due.strftime("%d-%m-%Y")}
            )
        latest = kid.latest_assessment
        if latest and any(b.occurred_on >= latest.assessed_on and b.created_at > latest.created_at for b in breaches):
            notes.append(
                _("Na de schending van een afspraak is een nieuwe taxatie van %(name)s nodig (R242).") % {"name": name}
            )
        last_score = max((s.scored_on for s in kid.scores), default=None)
        start = last_score or case.opened_on
        if (today - start).days > score_interval_days():
            notes.append(
                _("Geen score op de veiligheidsschaal voor %(name)s in de laatste %(n)s dagen (R531).")
                % {"name": name, "n": score_interval_days()}
            )
    if any(b.adjusted_in is None for b in breaches):
        notes.append(_("Er is een schending van een afspraak vastgelegd: pas het veiligheidsplan aan (R239)."))
    return notes


# --- The caseload ------------------------------------------------------------------------------------------------


@dataclass
class Attention:
    case: Case
    reasons: list[str]


def caseload_attention(*, user, on: date | None = None) -> list[Attention]:
    """Open cases the user is actively involved in that need safety attention. One query, whatever the caseload.

    Reasons: no safety plan (R546); a child without an assessment after five days (R548); a child whose latest
    professional score is below 6 (R126); no score for any child within the interval (R531).
    """
    today = on or policy.today()
    mine = policy.active_involvements(on=today).filter(user=user).values("case_id")
    kids = Person.objects.filter(
        family_id=OuterRef("family_id"), family_role=FamilyRole.CHILD, birth_date__isnull=False
    )
    unassessed = kids.exclude(
        Exists(SafetyAssessment.objects.filter(case_id=OuterRef(OuterRef("pk")), child_id=OuterRef("pk")))
    )
    newer = SafetyScore.objects.filter(
        case_id=OuterRef("case_id"), child_id=OuterRef("child_id"), scorer=Scorer.PROFESSIONAL
    ).filter(
        Q(scored_on__gt=OuterRef("scored_on"))
        | Q(scored_on=OuterRef("scored_on"), created_at__gt=OuterRef("created_at"))
    )
    low = SafetyScore.objects.filter(case_id=OuterRef("pk"), scorer=Scorer.PROFESSIONAL, score__lt=SIX).exclude(
        Exists(newer)
    )
    recent = SafetyScore.objects.filter(
        case_id=OuterRef("pk"), scored_on__gte=today - timedelta(days=score_interval_days())
    )
    cases = (
        Case.objects.filter(pk__in=mine, status=CaseStatus.OPEN, removed_at__isnull=True)
        .select_related("family")
        .annotate(
            has_plan=Exists(SafetyPlan.objects.filter(case_id=OuterRef("pk"), current__isnull=False)),
            has_unassessed=Exists(unassessed),
            below_six=Exists(low),
            has_recent_score=Exists(recent),
        )
        .order_by("family__name", "id")
    )
    cases = list(cases)
    crossed = _below_lower_limit({c.pk for c in cases if c.below_six})
    rows = []
    for case in cases:
        reasons = []
        if case.pk in crossed:
            reasons.append(_("onder de afgesproken ondergrens: plan voor die situatie geldt"))
        if not case.has_plan:
            reasons.append(_("geen veiligheidsplan"))
        if case.has_unassessed and today > case.opened_on + timedelta(days=assessment_days()):
            reasons.append(_("veiligheidstaxatie te laat"))
        if case.below_six:
            reasons.append(_("directe veiligheid onder de 6"))
        if not case.has_recent_score and (today - case.opened_on).days > score_interval_days():
            reasons.append(_("veiligheidsschaal niet bijgehouden"))
        if reasons:
            rows.append(Attention(case, reasons))
    return rows


def _below_lower_limit(case_ids: set) -> set:
    """Of these cases, those where a child's latest professional score is below the plan's lower limit. Two queries."""
    if not case_ids:
        return set()
    limits = {
        plan.case_id: plan.current.content.get("lower_limit")
        for plan in SafetyPlan.objects.filter(case_id__in=case_ids, current__isnull=False).select_related("current")
    }
    limits = {case_id: limit for case_id, limit in limits.items() if limit}
    latest: dict = {}
    for score in (
        SafetyScore.objects.filter(case_id__in=limits, scorer=Scorer.PROFESSIONAL)
        .order_by("case_id", "child_id", "scored_on", "created_at")
        .only("case_id", "child_id", "score")
    ):
        latest[(score.case_id, score.child_id)] = score.score
    return {case_id for (case_id, _child), score in latest.items() if score < limits[case_id]}


# --- The chart ---------------------------------------------------------------------------------------------------


@dataclass
class ChartPoint:
    x: float
    y: float
    score: SafetyScore


@dataclass
class Chart:
    width: int
    height: int
    points: list[ChartPoint]
    six_y: float
    lower_y: float | None
    ticks: list[tuple[int, float]]
    path: str


def score_chart(
    scores: list[SafetyScore], *, lower_limit: int | None = None, width: int = 560, height: int = 220
) -> Chart:
    """Coordinates of a server-side SVG line chart: scores 1–10 over time with the '6' line (no script needed)."""
    left, right, top, bottom = 36, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(value: float) -> float:
        return round(top + plot_h * (10 - value) / 9, 1)

    dated = sorted(scores, key=lambda s: (s.scored_on, s.created_at))
    points = []
    if dated:
        first, last = dated[0].scored_on, dated[-1].scored_on
        span = max((last - first).days, 1)
        for index, score in enumerate(dated):
            days = (score.scored_on - first).days
            x = left + (plot_w * days / span if last != first else plot_w * index / max(len(dated) - 1, 1))
            points.append(ChartPoint(round(x, 1), y_of(score.score), score))
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(points))
    return Chart(
        width,
        height,
        points,
        y_of(SIX),
        y_of(lower_limit) if lower_limit else None,
        [(n, y_of(n)) for n in (1, 4, 6, 8, 10)],
        path,
    )
