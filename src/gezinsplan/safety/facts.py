"""The safety rows of one case, each read once per `cases.context.CaseContext`.

The safety section, the track overview and the status indicators ask the same rows (the current plan, the latest
'good enough', the assessments, the signals, the conversations with the children). The checks and selectors take
`ctx=None`; when the case page passes its context, every row below is fetched once for the whole page. Each
loader returns what the single query it replaces returned, in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gezinsplan.safety.models import (
    DirectSafetySignal,
    FirstConversation,
    GoodEnough,
    RelapseResponder,
    SafetyAssessment,
    SafetyPlan,
    SafetyScore,
    StageChange,
    TalkException,
    Weighing,
)

if TYPE_CHECKING:
    from gezinsplan.cases.context import CaseContext
    from gezinsplan.cases.models import Case
    from gezinsplan.families.models import Person


def context(case: Case, ctx: CaseContext | None) -> CaseContext:
    """The page's context, or a fresh one for a check that is asked on its own."""
    from gezinsplan.cases.context import CaseContext

    return ctx if ctx is not None else CaseContext(case)


def plan(ctx: CaseContext) -> SafetyPlan | None:
    """The safety plan with its current version and author (read with the case's other documents)."""
    return ctx.safety_plan


def plan_content(ctx: CaseContext) -> dict:
    current = plan(ctx)
    return current.current.content if current and current.current else {}


def good_enough(ctx: CaseContext) -> list[GoodEnough]:
    """The 'good enough' judgements, newest first."""
    return ctx.memo("safety.good_enough", lambda: list(
        GoodEnough.objects.filter(case_id=ctx.case.pk).order_by("-assessed_on", "-created_at")))


def assessments(ctx: CaseContext) -> list[SafetyAssessment]:
    """The ARIJ assessments with their assessor, newest first."""
    return ctx.memo("safety.assessments", lambda: list(
        SafetyAssessment.objects.filter(case_id=ctx.case.pk).select_related("assessed_by")
        .order_by("-assessed_on", "-created_at")))


def signals(ctx: CaseContext) -> list[DirectSafetySignal]:
    """The signals about direct safety, newest first."""
    return ctx.memo("safety.signals", lambda: list(
        DirectSafetySignal.objects.filter(case_id=ctx.case.pk).order_by("-noticed_on", "-created_at")))


def latest_stage_change(ctx: CaseContext) -> StageChange | None:
    return ctx.memo("safety.stage", lambda: StageChange.objects.filter(case_id=ctx.case.pk)
                    .order_by("-changed_on", "-created_at").first())


def first_conversations(ctx: CaseContext) -> list[FirstConversation]:
    """The first conversations, earliest first."""
    return ctx.memo("safety.first_conversations", lambda: list(
        FirstConversation.objects.filter(case_id=ctx.case.pk).order_by("held_on", "created_at")))


def talk_exceptions(ctx: CaseContext) -> list[TalkException]:
    return ctx.memo("safety.talk_exceptions", lambda: list(
        TalkException.objects.filter(case_id=ctx.case.pk).select_related("person")))


def scores(ctx: CaseContext) -> list[SafetyScore]:
    """Every score on the safety scale, oldest first."""
    return ctx.memo("safety.scores", lambda: list(
        SafetyScore.objects.filter(case_id=ctx.case.pk).order_by("scored_on", "created_at")))


def weighings(ctx: CaseContext) -> list[Weighing]:
    """The weighings with their behavioural scientist, newest first (the model's order)."""
    return ctx.memo("safety.weighings", lambda: list(
        Weighing.objects.filter(case_id=ctx.case.pk).select_related("behavioural_scientist")))


def responders(ctx: CaseContext) -> list[RelapseResponder]:
    return ctx.memo("safety.responders", lambda: list(RelapseResponder.objects.filter(case_id=ctx.case.pk)))


def conversations(ctx: CaseContext):
    """The conversations with the children (collaboration app), in the model's order."""
    from gezinsplan.collaboration.selectors import conversations_of

    return conversations_of(ctx)


def living_children(ctx: CaseContext) -> list[Person]:
    """The children with a date of birth who are alive, by birth date, first name and id."""
    return [p for p in ctx.children if not p.deceased and p.birth_date is not None]


def family_analysis(ctx: CaseContext):
    """The family's analysis (its assurance plan), or None."""
    return ctx.family_analysis
