from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from gezinsplan.cases.context import CaseContext
from gezinsplan.cases.handovers import CHECKLISTS, handover_gaps
from gezinsplan.cases.models import (
    Case,
    ChildMeasure,
    Handover,
    Involvement,
    Phase,
    PhaseTransition,
    ProductIndication,
)
from gezinsplan.cases.responsibility import Responsibility
from gezinsplan.cases.transitions import Transition, allowed_triggers
from gezinsplan.core.models import ChangeRecord


@dataclass
class Lane:
    """One involvement drawn as a bar on the case's time axis (percentages of the axis width)."""

    involvement: Involvement
    left: float
    width: float
    active: bool


@dataclass
class CasePage:
    case: Case
    involvements: list[Involvement]
    lanes: list[Lane]
    axis_start: date
    axis_end: date
    history: list[ChangeRecord]
    responsibility: Responsibility
    indications: list[ProductIndication]
    measures: list[ChildMeasure]
    handovers: list[Handover]
    transitions: list[PhaseTransition]
    phases: list[tuple[str, str, bool]]
    open_work_items: list[str]
    next_steps: list[Transition]
    method: "MethodPanel | None" = None


def case_page(*, case: Case, organisation=None, ctx: CaseContext | None = None) -> CasePage:
    """The case page: the involvements, products, measures and persons come from the request's `CaseContext`
    (shared with the sections), plus history, handovers, transitions and the method panel."""
    ctx = ctx or CaseContext(case)
    involvements = ctx.involvements
    today = ctx.today
    axis_start = min([case.opened_on, *[i.start_date for i in involvements]])
    axis_end = max([case.closed_on or today, today, *[i.end_date for i in involvements if i.end_date]])
    span = max((axis_end - axis_start).days, 1)
    lanes = []
    for inv in involvements:
        end = inv.end_date or axis_end
        lanes.append(Lane(
            involvement=inv,
            left=round(100 * (inv.start_date - axis_start).days / span, 2),
            width=max(round(100 * ((end - inv.start_date).days + 1) / span, 2), 1.0),
            active=inv.start_date <= today and (inv.end_date is None or inv.end_date >= today),
        ))
    history = list(ChangeRecord.objects.filter(family_id=case.family_id).select_related("user")[:20])
    indications = ctx.indications
    measures = ctx.measures
    handovers = list(case.handovers.filter(removed_at__isnull=True).select_related("from_user", "to_user"))
    for handover in handovers:
        handover.gaps = handover_gaps(handover)
    transitions = list(case.transitions.select_related("actor").order_by("-id")[:30])
    children = ctx.children
    responsibility = ctx.responsibility
    phases = [(value, label, value == case.phase) for value, label in Phase.choices]
    done = {c.item for c in case.work_phase_checks.all() if c.work_phase == case.work_phase and c.done}
    open_work = [str(label) for key, label in CHECKLISTS[case.work_phase].items() if key not in done]
    page = CasePage(case, involvements, lanes, axis_start, axis_end, history, responsibility, indications, measures,
                    handovers, transitions, phases, open_work, allowed_triggers(case))
    if organisation is None:
        lead = next((i for i in involvements if i.role == "lead" and i.end_date is None), None)
        organisation = lead.organisation if lead else None
    page.method = method_panel(case=case, indications=indications, measures=measures, children=children,
                               today=today, organisation=organisation, ctx=ctx)
    return page


@dataclass
class MethodPanel:
    """The method around the case in a fixed number of queries (seeds 000-004)."""

    contact_person: object
    contact_persons: list
    home_visit: object
    contacts: list
    pending_plan_updates: list
    tasks: list
    status: object
    assurance: object
    plan_status: str
    plan_updated_at: object
    earlier_help: list
    help: list
    events: list
    phase_tasks: list
    work_phase_label: str
    open_items: list[str] = field(default_factory=list)
    children_ages: list = field(default_factory=list)

    @property
    def children_guidance(self) -> list:
        return [(child, age, conversation_guidance(age)) for child, age in self.children_ages]
    days_open: int = 0
    end_state_definition: str = ""

    @property
    def revisit_analysis(self) -> bool:
        """R265: the new contact person is shown the analysis first."""
        return any(t.kind == "revisit_analysis" for t in self.tasks)


def method_panel(*, case: Case, indications, measures, children, today: date, organisation=None,
                 ctx: CaseContext | None = None) -> MethodPanel:
    from gezinsplan.analysis.models import HelpEpisode
    from gezinsplan.cases import casework
    from gezinsplan.cases.models import CouncilReport, WorkPhaseLabels
    from gezinsplan.cases.products import overdue_2b

    contact_persons = list(case.contact_persons.filter(removed_at__isnull=True).select_related("user"))
    current = next((c for c in contact_persons if c.end_date is None), None)
    contacts = list(case.contacts.filter(removed_at__isnull=True).select_related("by_user")[:50])
    tasks = list(case.tasks.filter(removed_at__isnull=True, done_on__isnull=True))
    ctx = ctx or CaseContext(case, today=today)
    assurance = ctx.family_analysis  # the borgingsplan (R044)
    plan = ctx.family_plan
    decisions = list(case.plan_decisions.filter(removed_at__isnull=True))
    help_rows = list(case.help.filter(removed_at__isnull=True).select_related("person"))
    events = list(case.events.filter(removed_at__isnull=True).select_related("responsible")[:20])
    earlier = list(HelpEpisode.objects.filter(family_id=case.family_id))
    checks = list(case.phase_task_checks.all())
    labels = WorkPhaseLabels.objects.filter(organisation=organisation).first() if organisation else None
    open_items = [str(t.get_kind_display()) for t in tasks]
    for indication in overdue_2b(indications, today=today):
        open_items.append(_("Product 2b is over de einddatum (%(day)s): leg het einde vast met de reden, of "
                            "verleng het. Tot dan houdt de GI de regie.") % {"day": indication.ends_on.strftime(
                                "%d-%m-%Y")})
    if any(m.removed_at is None for m in measures) and not CouncilReport.objects.filter(
            case=case, removed_at__isnull=True).exists():
        open_items.append(_("Voeg het raadsrapport toe als bron bij de intake (R593)."))
    if casework.reoffending_goal_missing(case, measures=measures):
        open_items.append(_("Het plan heeft nog geen doel om nieuwe delicten te voorkomen (R506)."))
    open_items.extend(casework.divorce_gaps(case))
    pending = [c for c in contacts if c.kind in casework.VISITS and c.plan_updated_on is None]
    ages = [(c, age_on(c.birth_date, today)) for c in children]
    return MethodPanel(
        contact_person=current, contact_persons=contact_persons,
        home_visit=casework.home_visit_status(case, contacts=contacts, today=today), contacts=contacts,
        pending_plan_updates=pending, tasks=tasks,
        status=casework.status_indicators(case, ctx=ctx), assurance=assurance,
        plan_status=casework.plan_status(case, decisions),
        plan_updated_at=plan.current.created_at if plan and plan.current else None,
        earlier_help=earlier, help=help_rows, events=events,
        phase_tasks=casework.phase_tasks(case, checks),
        work_phase_label=casework.work_phase_label(case.work_phase, labels=labels),
        open_items=open_items, children_ages=ages,
        days_open=((case.closed_on or today) - case.opened_on).days,
        end_state_definition=str(casework.END_STATE_DEFINITION))


def age_on(birth_date, day: date) -> int | None:
    """R158: the child's age on a day, from the date of birth."""
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def conversation_guidance(age: int | None) -> str:
    """R158: age-appropriate guidance for a conversation with a child."""
    if age is None:
        return str(_("Leeftijd onbekend: stem het gesprek af op wat het kind begrijpt."))
    if age < 4:
        return str(_("Jonger dan 4: observeer en speel; stel geen open vragen, leg in eenvoudige woorden uit wat er "
                     "gebeurt."))
    if age < 12:
        return str(_("Vanaf ongeveer 4 jaar kunt u open vragen stellen; gebruik hulpmiddelen zoals Drie Huizen of "
                     "Words and Pictures en leg uit wat er gebeurt en welke zorgen er zijn."))
    return str(_("Jeugdige: open vragen, leg uit wat er gebeurt en betrek de jeugdige bij het veiligheids- en "
                 "herstelplan."))


def family_cases(*, family_id):
    return Case.objects.filter(family_id=family_id, removed_at__isnull=True).prefetch_related(
        Prefetch("involvements", queryset=Involvement.objects.select_related("user")))
