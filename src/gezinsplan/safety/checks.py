"""Derived safety checks that the safety screens and other apps ask (never stored flags).

Each returns data or a list of Dutch problems (empty: nothing stands in the way). Public for other apps:

- `current_stage(case)`, `acute_safety(case)`, `latest_good_enough(case)`, `good_enough_advice(case)`
  (R123, R301, R578, R652);
- `involvement_end_problems(involvement, end_date)`: R056 (the safety plan never loses its owner) and R621
  (the GI stays until its conditions are met); called by `cases.services.involvement_end`;
- `phase_one_problems(case)`: R520, registered for `cases.handovers.work_phase_next` (`phase_one_move_problems`);
- `measure_closure_problems(case)` (R070, R410; registered for `cases.products.measure_end` of the last measure),
  `measure_request_problems(case)` (R070; registered for the council-investigation step),
  `extended_analysis_problems(case)` (R113; `analysis.services.analysis_start` calls it),
  `network_tasks_problems(case)` (R619), `strengths_step_problems(case)` (R677),
  `assurance_plan_problems(case)` (R537, R539): for the cases and analysis apps to call before those steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _

from gezinsplan.cases.models import Case, CaseStatus, MeasureKind
from gezinsplan.cases.responsibility import PARTY_ORGANISATION_TYPE, Party, case_responsibility
from gezinsplan.core import policy
from gezinsplan.families.models import Person
from gezinsplan.safety import facts
from gezinsplan.safety.models import (
    DirectSafetySignal,
    FirstConversation,
    GoodEnough,
    GoodEnoughVerdict,
    SafetyAssessment,
    SafetyStage,
    Weighing,
    WeighingPurpose,
)

if TYPE_CHECKING:
    from gezinsplan.cases.context import CaseContext


def method(key: str, default):
    return settings.GEZINSPLAN_METHOD.get(key, default)


def _children(case: Case, ctx: CaseContext | None = None) -> list[Person]:
    """The living children with a date of birth, by birth date, first name and id."""
    return facts.living_children(facts.context(case, ctx))


def current_plan_content(case: Case, *, ctx: CaseContext | None = None) -> dict:
    return facts.plan_content(facts.context(case, ctx))


# --- The safety track (R123, R301, R121) ---------------------------------------------------------------------------


def current_stage(case: Case, *, ctx: CaseContext | None = None) -> int:
    """The latest stage of the safety track; every case starts with direct safety (stage 1)."""
    latest = facts.latest_stage_change(facts.context(case, ctx))
    return latest.stage if latest else SafetyStage.DIRECT


def open_signal(case: Case, *, ctx: CaseContext | None = None) -> DirectSafetySignal | None:
    """R121: the latest signal about direct safety that came after the last version of the safety plan."""
    ctx = facts.context(case, ctx)
    signal = next(iter(facts.signals(ctx)), None)
    if signal is None:
        return None
    plan = facts.plan(ctx)
    if plan and plan.current and plan.current.created_at > signal.created_at:
        return None
    return signal


def change_plan_suspended(case: Case, *, ctx: CaseContext | None = None) -> bool:
    """R121: progress on the change plan is suspended while the case is back at direct safety after a signal."""
    ctx = facts.context(case, ctx)
    return current_stage(case, ctx=ctx) == SafetyStage.DIRECT and bool(facts.signals(ctx))


# --- Acute safety: pass or fail (R578, R547, R550) -----------------------------------------------------------------


@dataclass
class AcuteSafety:
    passed: bool
    problems: list[str] = field(default_factory=list)
    assessments: list[SafetyAssessment] = field(default_factory=list)


def acute_safety(case: Case, *, ctx: CaseContext | None = None) -> AcuteSafety:
    """R578: acute safety is a gate without override: every child has an ARIJ assessment (R550) without an open
    acute threat in the three months before it (R547), and every bottom line of the safety plan is met."""
    ctx = facts.context(case, ctx)
    problems: list[str] = []
    latest: list[SafetyAssessment] = []
    window = method("acute_threat_window_days", 92)
    by_child: dict = {}
    for assessment in facts.assessments(ctx):
        by_child.setdefault(assessment.child_id, assessment)
    for child in _children(case, ctx):
        assessment = by_child.get(child.pk)
        if assessment is None:
            problems.append(
                _("Er is nog geen veiligheidstaxatie (ARIJ) van %(name)s (R550).") % {"name": child.first_name}
            )
            continue
        latest.append(assessment)
        if assessment.acute_items(window_days=window):
            problems.append(
                _("Bij %(name)s is er een acute dreiging (taxatie van %(day)s) (R547).")
                % {"name": child.first_name, "day": assessment.assessed_on.strftime("%d-%m-%Y")}
            )
    content = current_plan_content(case, ctx=ctx)
    if not content:
        problems.append(_("Er is nog geen veiligheidsplan."))
    for line in content.get("bottom_lines", []):
        if line.get("status", "open") != "met":
            problems.append(_("Bodemeis nog niet nageleefd: %(text)s") % {"text": line.get("text", "")})
    return AcuteSafety(not problems, problems, latest)


# --- Lasting safety: 'good enough' (R578, R652) ---------------------------------------------------------------------


def latest_good_enough(case: Case, *, ctx: CaseContext | None = None) -> GoodEnough | None:
    return next(iter(facts.good_enough(facts.context(case, ctx))), None)


def lasting_safety_good_enough(case: Case, *, ctx: CaseContext | None = None) -> bool:
    """R504/R578: the latest 'good enough' judgement says yes (possibly with lasting compensating help)."""
    latest = latest_good_enough(case, ctx=ctx)
    return latest is not None and latest.verdict in (GoodEnoughVerdict.YES, GoodEnoughVerdict.YES_WITH_HELP)


def good_enough_closure_gaps(case: Case, *, kind: str) -> list[str]:
    """R504: closing with the end state or a handover needs lasting safety judged 'good enough' (registered as a
    `cases.hooks.closure_content_check`)."""
    from gezinsplan.cases.models import ClosingKind

    if kind not in {ClosingKind.END_STATE, ClosingKind.HANDED_OVER} or lasting_safety_good_enough(case):
        return []
    return [_("stel vast dat de blijvende veiligheid 'goed genoeg' is (oordeel bij Veiligheid) (R504)")]


def assurance_plan_problems(case: Case, *, ctx: CaseContext | None = None) -> list[str]:
    """R537/R539: the assurance plan (texts in the family's words in the analysis, the responders here) is complete:
    how the family keeps safety, the relapse signals, what to do, at least one responder with an action, and the
    family and network members who agreed to it."""
    ctx = facts.context(case, ctx)
    problems = []
    analysis = facts.family_analysis(ctx)
    texts = {
        "help_to_stay_out": _("hoe het gezin de veiligheid en de veranderingen vasthoudt"),
        "relapse_signals": _("de signalen van terugval"),
        "relapse_actions": _("wat het gezin doet als die signalen er zijn"),
    }
    for name, label in texts.items():
        if analysis is None or not getattr(analysis, name, "").strip():
            problems.append(_("Het borgingsplan mist %(part)s (R537).") % {"part": label})
    responders = facts.responders(ctx)
    if not any(r.steps_in and r.action.strip() for r in responders):
        problems.append(_("Het borgingsplan noemt nog niemand die ingrijpt bij terugval, met wat die doet (R539)."))
    if not any(r.agreed_on for r in responders):
        problems.append(_("Leg vast welke gezinsleden en netwerkleden met het borgingsplan instemden (R537)."))
    return problems


def good_enough_advice(case: Case, *, ctx: CaseContext | None = None) -> str | None:
    """R652: 'no' with stagnation supports escalation; 'yes' with a complete assurance plan lets the GI step back.

    Stagnation: the last `good_enough_stagnation_count` judgements are all 'no'.
    """
    ctx = facts.context(case, ctx)
    count = method("good_enough_stagnation_count", 2)
    recent = facts.good_enough(ctx)[:count]
    if not recent:
        return None
    if recent[0].verdict == GoodEnoughVerdict.NO:
        if len(recent) == count and all(g.verdict == GoodEnoughVerdict.NO for g in recent):
            return "escalate"
        return None
    return "step_back" if not assurance_plan_problems(case, ctx=ctx) else None


# --- Conversations (R520, R595, R157, R519, R677) ------------------------------------------------------------------


def phase_one_problems(case: Case, *, ctx: CaseContext | None = None) -> list[str]:
    """R520: phase 1 ends only when every child was spoken to alone, or the reason why not is recorded."""
    from gezinsplan.collaboration.models import ParentsPresence

    ctx = facts.context(case, ctx)
    alone, reasons = set(), set()
    for conv in facts.conversations(ctx):
        if conv.spoken and conv.with_parents == ParentsPresence.WITHOUT:
            alone.add(conv.child_id)
        elif not conv.spoken and conv.not_spoken_reason.strip():
            reasons.add(conv.child_id)
    return [
        _("%(name)s is in fase 1 nog niet alleen gesproken en er staat geen reden waarom niet (R520).")
        % {"name": child.first_name}
        for child in _children(case, ctx)
        if child.pk not in alone | reasons
    ]


def alone_overdue(case: Case, *, on: date | None = None, ctx: CaseContext | None = None) -> list[Person]:
    """R595: children not spoken to alone within the interval, throughout the case."""
    from gezinsplan.collaboration.models import ParentsPresence

    today = on or policy.today()
    start = today - timedelta(days=method("child_alone_interval_days", 42))
    if case.status != CaseStatus.OPEN or case.opened_on >= start:
        return []
    ctx = facts.context(case, ctx)
    recent = {
        conv.child_id for conv in facts.conversations(ctx)
        if conv.spoken and conv.with_parents == ParentsPresence.WITHOUT and conv.held_on is not None
        and conv.held_on >= start
    }
    return [child for child in _children(case, ctx) if child.pk not in recent]


def abuse_suspected(case: Case, *, ctx: CaseContext | None = None) -> bool:
    """R157: suspected abuse or an unsafe upbringing: the case flag, an unsafe assessment or a direct-safety signal."""
    if case.suspected_sexual_abuse:
        return True
    ctx = facts.context(case, ctx)
    if facts.signals(ctx):
        return True
    return any(a.outcome != "safe" for a in facts.assessments(ctx))


def abuse_talk_problems(case: Case, *, ctx: CaseContext | None = None) -> list[str]:
    """R157: with suspected abuse each child has at least two conversations and was involved (what was done with
    their voice), unless a well-founded reason to deviate is recorded (a talk exception, R161)."""
    ctx = facts.context(case, ctx)
    if not abuse_suspected(case, ctx=ctx):
        return []
    needed = method("abuse_conversations_per_child", 2)
    excepted = {exception.person_id for exception in facts.talk_exceptions(ctx)}
    counts: dict = {}
    involved: set = set()
    for conv in facts.conversations(ctx):
        if not conv.spoken:
            continue
        counts[conv.child_id] = counts.get(conv.child_id, 0) + 1
        if conv.how_used.strip():
            involved.add(conv.child_id)
    problems = []
    for child in _children(case, ctx):
        if child.pk in excepted:
            continue
        if counts.get(child.pk, 0) < needed:
            problems.append(
                _("Vermoeden van kindermishandeling: spreek %(name)s meer dan eens (nu %(n)s keer) (R157).")
                % {"name": child.first_name, "n": counts.get(child.pk, 0)}
            )
        elif child.pk not in involved:
            problems.append(
                _("Leg vast hoe %(name)s betrokken is bij besluiten, planning en monitoring (R157).")
                % {"name": child.first_name}
            )
    return problems


def strengths_step_problems(case: Case, *, ctx: CaseContext | None = None) -> list[str]:
    """R677: first explain why we are there (the first conversation), then confirm the child is safe enough;
    only then does exploring the family's strengths open."""
    first = next(iter(facts.first_conversations(facts.context(case, ctx))), None)
    if first is None or not first.reason_explained:
        return [_("Leg eerst het eerste gesprek vast waarin is uitgelegd waarom wij in het gezin komen (R677).")]
    if first.safe_enough_on is None:
        return [
            _("Bevestig eerst dat het kind veilig genoeg is; daarna verkennen we de krachten van het gezin (R677).")
        ]
    return []


# --- Steps of other apps (R056, R621, R070, R410, R113, R619) ------------------------------------------------------


def involvement_end_problems(involvement, end_date: date) -> list[str]:
    """R056: an active safety plan always has an owner: the party holding the safety responsibility (derived).
    Its last involved professional cannot leave before a colleague of that party has taken over.
    R621: the GI's involvement does not end while a condition (bottom line) it set is not met."""
    case = involvement.case
    if case.status != CaseStatus.OPEN:
        return []
    content = current_plan_content(case)
    if not content:
        return []
    problems = []
    org_type = involvement.organisation.type
    party = case_responsibility(case).safety
    others = (
        policy.active_involvements(on=end_date + timedelta(days=1))
        .filter(case_id=case.pk, organisation__type=org_type)
        .exclude(pk=involvement.pk)
    )
    if org_type == PARTY_ORGANISATION_TYPE[party] and not others.exists():
        problems.append(
            _(
                "Het veiligheidsplan mag nooit zonder eigenaar zijn: %(party)s is verantwoordelijk voor de "
                "veiligheid. Zorg eerst dat een collega van %(party)s betrokken is en het plan overneemt "
                "(R056)."
            )
            % {"party": party.label}
        )
    if org_type == PARTY_ORGANISATION_TYPE[Party.GI] and not others.exists():
        open_lines = [line for line in content.get("bottom_lines", []) if line.get("status", "open") != "met"]
        if open_lines:
            problems.append(
                _("De GI blijft betrokken tot alle voorwaarden zijn nageleefd. Nog open: %(items)s (R621).")
                % {"items": "; ".join(line["text"] for line in open_lines)}
            )
    return problems


def joint_weighing(case: Case, *, purpose: str, since: date | None = None) -> Weighing | None:
    """R070: the latest joint LT–GI weighing for requesting or closing a measure."""
    weighings = Weighing.objects.filter(case_id=case.pk, purpose=purpose).exclude(lt_input="").exclude(gi_input="")
    if since is not None:
        weighings = weighings.filter(held_on__gte=since)
    return weighings.order_by("-held_on", "-created_at").first()


def measure_request_problems(case: Case) -> list[str]:
    """R070: no request for a protection measure (VTO) without a joint weighing."""
    if joint_weighing(case, purpose=WeighingPurpose.MEASURE_REQUEST) is None:
        return [_("Een verzoek tot onderzoek kan pas na een gezamenlijke afweging van lokaal team en GI (R070).")]
    return []


def measure_closure_problems(case: Case, *, kind: str = MeasureKind.OTS) -> list[str]:
    """R070: closing a measure needs a joint weighing. R410: ending an OTS needs the follow-up help and a safety
    plan that says per contributor what they contribute and in which role, with the parents holding direction."""
    problems = []
    if joint_weighing(case, purpose=WeighingPurpose.MEASURE_CLOSURE) is None:
        problems.append(_("Een maatregel afsluiten kan pas na een gezamenlijke afweging van lokaal team en GI (R070)."))
    if kind in (MeasureKind.OTS, MeasureKind.VOTS):
        content = current_plan_content(case)
        supporters = content.get("supporters", [])
        if not any(s.get("kind") == "professional" and s.get("contributes") for s in supporters):
            problems.append(
                _(
                    "Leg in het veiligheidsplan vast welke vervolghulp (lokaal team of zorgaanbieder) wat "
                    "bijdraagt (R410)."
                )
            )
        if any(not (s.get("role") and s.get("contributes")) for s in supporters) or not supporters:
            problems.append(
                _("Leg per betrokkene (professional of netwerk) vast wat die bijdraagt en vanuit welke rol (R410).")
            )
        if not content.get("parents_regie"):
            problems.append(_("Leg vast dat de ouders de regie houden na de OTS (R410)."))
    return problems


def measure_end_problems(measure) -> list[str]:
    """R070/R410 for ending the last running measure (registered as `cases.hooks.measure_end_check`)."""
    return measure_closure_problems(measure.case, kind=measure.kind)


def phase_one_move_problems(case: Case, *, to_phase: int) -> list[str]:
    """R520 when leaving work phase 1 (registered as `cases.hooks.work_phase_check`)."""
    return phase_one_problems(case) if to_phase == 2 else []


def extended_analysis_problems(case: Case) -> list[str]:
    """R113: an extended problem analysis starts only after the team's weighing decided 'yes'."""
    from gezinsplan.safety.models import AnalysisDecision

    latest = Weighing.objects.filter(case_id=case.pk).order_by("-held_on", "-created_at").first()
    if latest is None or latest.extended_analysis != AnalysisDecision.YES:
        return [
            _(
                "Een uitgebreide probleemanalyse start pas na het wegingsbesluit van het team: 'uitgebreide "
                "analyse: ja' (R113)."
            )
        ]
    return []


def network_tasks_problems(case: Case, *, ctx: CaseContext | None = None) -> list[str]:
    """R619: the network gets tasks in the change plan only when the safety plan is sufficiently secured."""
    result = acute_safety(case, ctx=ctx)
    if result.passed:
        return []
    return [
        _("Vraag het netwerk pas om hulp in het veranderplan als de veiligheid voldoende geborgd is (R619)."),
        *result.problems,
    ]


def weighing_needed(case: Case, *, ctx: CaseContext | None = None) -> bool:
    """R114: the latest threshold check found factual concerns and no weighing was held since."""
    from gezinsplan.safety.models import WeighingThreshold

    threshold = WeighingThreshold.objects.filter(case_id=case.pk).order_by("-decided_on", "-created_at").first()
    if threshold is None or not threshold.needs_weighing:
        return False
    if ctx is not None:  # the page has the weighings already
        return not any(w.held_on >= threshold.decided_on for w in facts.weighings(ctx))
    return not Weighing.objects.filter(case_id=case.pk, held_on__gte=threshold.decided_on).exists()


def earlier_cases(case: Case) -> list[Case]:
    """R336: new reports about a known family are linked to the earlier case history (with its recurrence risk).
    Two queries, whatever the number of cases; each case gets `.risks`."""
    from gezinsplan.safety.models import RecurrenceRisk

    cases = list(
        Case.objects.filter(family_id=case.family_id, removed_at__isnull=True)
        .exclude(pk=case.pk)
        .filter(opened_on__lte=case.opened_on)
        .order_by("-opened_on")
    )
    risks: dict = {}
    for risk in RecurrenceRisk.objects.filter(case__family_id=case.family_id).exclude(case_id=case.pk):
        risks.setdefault(risk.case_id, []).append(risk)
    for earlier in cases:
        earlier.risks = risks.get(earlier.pk, [])
    return cases


def has_probation(case: Case, *, on: date | None = None) -> bool:
    """R558: the case has a youth probation (JR) measure in force."""
    day = on or policy.today()
    return any(
        m.kind == MeasureKind.JR
        and m.removed_at is None
        and m.starts_on <= day
        and (m.ended_on is None or m.ended_on >= day)
        for m in case.measures.all()
    )


# --- What the case page shows ----------------------------------------------------------------------------------------


@dataclass
class TrackOverview:
    stage: int
    stage_label: str
    signal: DirectSafetySignal | None
    change_plan_suspended: bool
    acute: AcuteSafety
    good_enough: GoodEnough | None
    advice: str | None
    bottom_lines: list
    notes: list[str]
    first_conversation: FirstConversation | None
    talk_exceptions: list
    calamities: list
    earlier_cases: list
    proposals: list
    responders: list


def track_overview(case: Case, *, ctx: CaseContext | None = None) -> TrackOverview:
    """The safety track on the case page: stage, signals, acute pass/fail, 'good enough', the bottom lines (visible
    while the network works on solutions, R619) and what needs doing (R114, R157, R520, R595, R677). The checks
    share one `CaseContext`, so each row is read once (the case page passes its own)."""
    from gezinsplan.safety.models import Calamity, NetworkPlanProposal

    ctx = facts.context(case, ctx)
    stage = current_stage(case, ctx=ctx)
    notes = []
    if weighing_needed(case, ctx=ctx):
        notes.append(_("Er zijn feitelijke (ernstige) zorgen vastgelegd: een weging is nodig (R114)."))
    if case.work_phase == 1:
        notes += phase_one_problems(case, ctx=ctx)
    notes += [
        _("%(name)s is te lang niet alleen gesproken (R595).") % {"name": c.first_name}
        for c in alone_overdue(case, ctx=ctx)
    ]
    notes += abuse_talk_problems(case, ctx=ctx)
    if case.status == CaseStatus.OPEN:
        notes += strengths_step_problems(case, ctx=ctx)
    if case.status == CaseStatus.CLOSED and not case.recurrence_risks.exists():
        notes.append(_("De casus is afgesloten: leg het risico op herhaling vast (R336)."))
    good = latest_good_enough(case, ctx=ctx)
    return TrackOverview(
        stage=stage,
        stage_label=str(SafetyStage(stage).label),
        signal=open_signal(case, ctx=ctx),
        change_plan_suspended=change_plan_suspended(case, ctx=ctx),
        acute=acute_safety(case, ctx=ctx),
        good_enough=good,
        advice=good_enough_advice(case, ctx=ctx),
        bottom_lines=current_plan_content(case, ctx=ctx).get("bottom_lines", []),
        notes=notes,
        first_conversation=next(iter(facts.first_conversations(ctx)), None),
        talk_exceptions=facts.talk_exceptions(ctx),
        calamities=list(Calamity.objects.filter(case_id=case.pk)),
        earlier_cases=earlier_cases(case),
        proposals=list(NetworkPlanProposal.objects.filter(case_id=case.pk)),
        responders=facts.responders(ctx),
    )
