"""Sections this app adds to the case page and the family page (see core/sections.py)."""

from gezinsplan.cases.responsibility import is_safety_responsible
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.sections import Section, case_section
from gezinsplan.safety import checks, selectors


@case_section(order=20)
def safety(*, request, case, grant, ctx) -> Section:
    """The case shows safety first: the '6', the lower limit, what is missing or overdue (R126, R546, R548)."""
    overview = selectors.case_safety(case=case, ctx=ctx)
    lower = overview.content.get("lower_limit")
    can_edit = policy.can(request.user, Action.EDIT_CASE, grant=grant)
    for kid in overview.children:
        kid.chart = selectors.score_chart(kid.scores, lower_limit=lower)
    track = checks.track_overview(case, ctx=ctx)
    return Section(
        "safety/section.html",
        {
            "track": track,
            "case": case,
            "safety": overview,
            "can_edit": can_edit,
            "can_assess": can_edit and is_safety_responsible(user=request.user, case=case,
                                                             involvements=ctx.active_involvements),
            "responsibility": ctx.responsibility,
        },
    )
