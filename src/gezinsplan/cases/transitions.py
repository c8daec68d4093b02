"""The collaboration phases as a table (figure 3 and table 2 of seed 000). Nothing else changes a phase.

Each row: the trigger, the phases it may start from, the phase and framework it leads to, who may trigger it,
the preconditions (functions that return a Dutch refusal or None), the effects, and the rules it implements.
`apply_transition` looks the row up, checks it, changes the case, applies the effects and appends a
`PhaseTransition` row: the case history.

Whenever a transition moves the lead from one party to the other (LT <-> GI), a completed 100% clean handover to
a professional of the new lead party is required first (R057/R058); that check is part of the engine, because
whether the lead moves follows from table 2 (cases.responsibility), not from the row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.accounts.constants import Role
from gezinsplan.cases.models import (
    Case,
    CaseStatus,
    Framework,
    Handover,
    HandoverStatus,
    Involvement,
    InvolvementRole,
    Phase,
    PhaseTransition,
    ProductKind,
)
from gezinsplan.cases.responsibility import PARTY_ORGANISATION_TYPE, Party, active_products, derive


class Trigger(StrEnum):
    PRODUCT_2A = "product_2a_indicated"
    PRODUCT_2B = "product_2b_indicated"
    PRODUCT_2B_ENDED = "product_2b_ended"
    COUNCIL_INVESTIGATION = "council_investigation_started"
    MEASURE_STARTED = "measure_started"
    MEASURE_ENDED = "measure_ended"
    PRODUCTS_ENDED = "products_ended"
    DRANG = "drang_started"
    VOLUNTARY = "back_to_voluntary"


TRIGGER_LABELS = {
    Trigger.PRODUCT_2A: gettext_lazy("Product 2a geïndiceerd door het lokaal team"),
    Trigger.PRODUCT_2B: gettext_lazy("Product 2b geïndiceerd door de voorzitter van de JBT"),
    Trigger.PRODUCT_2B_ENDED: gettext_lazy("Product 2b beëindigd"),
    Trigger.COUNCIL_INVESTIGATION: gettext_lazy("Raadsonderzoek gestart"),
    Trigger.MEASURE_STARTED: gettext_lazy("Maatregel uitgesproken"),
    Trigger.MEASURE_ENDED: gettext_lazy("Laatste maatregel beëindigd"),
    Trigger.PRODUCTS_ENDED: gettext_lazy("Terug naar het lokaal team alleen"),
    Trigger.DRANG: gettext_lazy("Kader: drang (vrijwillig, niet vrijblijvend)"),
    Trigger.VOLUNTARY: gettext_lazy("Kader: terug naar vrijwillig"),
}


@dataclass
class Context:
    """What a precondition or effect can look at: the case before the change, the actor and the event's data."""

    case: Case
    actor: object
    on: date
    data: dict = field(default_factory=dict)
    handover: Handover | None = None


Check = Callable[[Context], str | None]
Effect = Callable[[Context], None]


@dataclass(frozen=True)
class Transition:
    trigger: Trigger
    from_phase: str
    to_phase: str
    to_framework: str | None  # None: the framework stays
    who: frozenset[str]
    requires: tuple[Check, ...] = ()
    effects: tuple[Effect, ...] = ()
    rule_ids: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(TRIGGER_LABELS[self.trigger])

    @property
    def conditions(self) -> list[str]:
        return [str(check.label) for check in self.requires]

    @property
    def effect_texts(self) -> list[str]:
        return [str(effect.label) for effect in self.effects]


def describe(label):
    """Give a precondition or effect its Dutch label for the method page."""
    def decorate(func):
        func.label = label
        return func
    return decorate


# --- Preconditions ------------------------------------------------------------------------------------------

@describe(gettext_lazy("Teambesluit van het lokaal team in een casuïstiekoverleg"))
def team_decision_recorded(ctx: Context) -> str | None:
    """R007: 2a only after an LT team decision in a case discussion (the weighing, with 'GI expertise needed')."""
    from gezinsplan.safety.selectors import latest_gi_decision

    indication = ctx.data.get("indication")
    weighing = latest_gi_decision(ctx.case)
    if weighing is None or (indication is not None and weighing.held_on > indication.starts_on):
        return _("Product 2a kan alleen na een teambesluit van het lokaal team: leg eerst de weging in de "
                 "casuïstiekbespreking vast met het besluit 'expertise GI nodig'.")
    if indication is None or not indication.decision_on or not indication.decision_forum:
        return _("Product 2a kan alleen na een teambesluit van het lokaal team in een casuïstiekoverleg.")
    return None


@describe(gettext_lazy("Toestemming van de ouders/verzorgers (en eventueel de jeugdige) vastgelegd"))
def parents_consent_recorded(ctx: Context) -> str | None:
    """R008/R206: 2a and 2b only with the recorded consent of the parents or carers."""
    indication = ctx.data.get("indication")
    if indication is None or not indication.consent_by.strip() or not indication.consent_on:
        return _("Leg eerst vast welke ouders/verzorgers (en eventueel de jeugdige) toestemming gaven, en wanneer.")
    return None


@describe(gettext_lazy("Geïndiceerd door een professional van het lokaal team"))
def actor_from_local_team(ctx: Context) -> str | None:
    """R010: only an LT user indicates (another) 2a."""
    organisation = getattr(ctx.actor, "organisation", None)
    if organisation is None or organisation.type != PARTY_ORGANISATION_TYPE[Party.LT]:
        return _("Alleen een professional van het lokaal team kan product 2a indiceren.")
    return None


@describe(gettext_lazy("Na een bespreking aan de Jeugdbeschermingstafel"))
def jbt_session_recorded(ctx: Context) -> str | None:
    """2b follows a session at the youth-protection table (JBT)."""
    indication = ctx.data.get("indication")
    if indication is None or not indication.decision_on:
        return _("Product 2b wordt geïndiceerd na een bespreking aan de Jeugdbeschermingstafel: vul de datum in.")
    return None


@describe(gettext_lazy("Reden van het einde vastgelegd (bijvoorbeeld de uitkomst van het raadsonderzoek)"))
def end_reason_recorded(ctx: Context) -> str | None:
    """A 2b ends only through a recorded event with its reason; it never lapses silently."""
    indication = ctx.data.get("indication")
    if indication is None or indication.kind != ProductKind.P2B or not str(ctx.data.get("end_reason", "")).strip():
        return _("Geef de reden waarom product 2b eindigt, bijvoorbeeld de uitkomst van het raadsonderzoek.")
    return None


@describe(gettext_lazy("Geen andere maatregel meer in het gezin"))
def no_other_active_measure(ctx: Context) -> str | None:
    """No other measure still runs in the family."""
    from gezinsplan.core.policy import today

    day = ctx.on or today()
    ending = ctx.data.get("measure")
    others = ctx.case.measures.filter(removed_at__isnull=True, starts_on__lte=day).exclude(
        pk=getattr(ending, "pk", None)).exclude(ended_on__lte=day)
    if others.exists():
        return _("Er loopt nog een andere maatregel in dit gezin; de fase blijft 'Maatregel GI'.")
    return None


@describe(gettext_lazy("Het lokaal team is actief betrokken"))
def local_team_actively_involved(ctx: Context) -> str | None:
    """R023: there must be no moment at which neither LT nor GI is actively involved."""
    from gezinsplan.core.policy import active_involvements

    if not active_involvements(on=ctx.on).filter(case=ctx.case,
                                                 organisation__type=PARTY_ORGANISATION_TYPE[Party.LT]).exists():
        return _("Er is geen actieve professional van het lokaal team betrokken. Betrek eerst het lokaal team.")
    return None


@describe(gettext_lazy("Geen lopend product 2a of 2b"))
def no_active_products(ctx: Context) -> str | None:
    """No product 2a or 2b is still running."""
    if active_products(ctx.case, on=ctx.on):
        return _("Er loopt nog een product; beëindig dat eerst.")
    return None


# --- Effects ------------------------------------------------------------------------------------------------

def _active(ctx: Context):
    from gezinsplan.core.policy import active_involvements

    return active_involvements(on=ctx.on).filter(case=ctx.case)


def _set_role(involvement: Involvement, role: str) -> None:
    if involvement.role != role:
        involvement.role = role
        involvement.version += 1
        involvement.save(update_fields=["role", "version", "updated_at"])


@describe(gettext_lazy("Het lokaal team gaat naar de achtergrond en blijft betrokken"))
def local_team_to_background(ctx: Context) -> None:
    """R022/R221: when a measure starts the LT steps back but stays on the case."""
    for inv in _active(ctx).filter(organisation__type=PARTY_ORGANISATION_TYPE[Party.LT]):
        _set_role(inv, InvolvementRole.BACKGROUND)


@describe(gettext_lazy("Het lokaal team ondersteunt en blijft betrokken"))
def local_team_supports(ctx: Context) -> None:
    """2b: the LT stays involved and supports (R020)."""
    for inv in _active(ctx).filter(organisation__type=PARTY_ORGANISATION_TYPE[Party.LT], role=InvolvementRole.LEAD):
        _set_role(inv, InvolvementRole.SUPPORT)


@describe(gettext_lazy("De jeugdbeschermer blijft op de achtergrond betrokken"))
def gi_to_background(ctx: Context) -> None:
    """R222: after the measure the youth protector stays linked in the background."""
    for inv in _active(ctx).filter(organisation__type=PARTY_ORGANISATION_TYPE[Party.GI]):
        _set_role(inv, InvolvementRole.BACKGROUND)


# --- The table ----------------------------------------------------------------------------------------------

LT_ROLES = frozenset({Role.LT_PROFESSIONAL, Role.TEAM_LEAD})
GI_ROLES = frozenset({Role.GI_PROTECTOR, Role.TEAM_LEAD})
CASE_WORKERS = LT_ROLES | GI_ROLES
@describe(gettext_lazy("Gezamenlijke afweging van lokaal team en GI over het aanvragen van een maatregel"))
def joint_request_weighing(ctx: Context) -> str | None:
    """R070: a request for a protection measure (the council investigation) needs a joint LT-GI weighing; the
    safety app registers the check (`hooks.measure_request_check`)."""
    from gezinsplan.cases import hooks

    problems = hooks.measure_request_problems(ctx.case)
    return " ".join(problems) if problems else None


_2A = (actor_from_local_team, team_decision_recorded, parents_consent_recorded)
_2A_RULES = ("R007", "R008", "R009", "R010", "R015")
VOLUNTARY_PHASES = (Phase.LT, Phase.LT_GI, Phase.LT_AFTER)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Trigger.PRODUCT_2A, Phase.LT, Phase.LT_GI, None, LT_ROLES, _2A, (), _2A_RULES),
    Transition(Trigger.PRODUCT_2A, Phase.LT_GI, Phase.LT_GI, None, LT_ROLES, _2A, (), _2A_RULES),
    Transition(Trigger.PRODUCT_2A, Phase.LT_AFTER, Phase.LT_AFTER, None, LT_ROLES, _2A, (), (*_2A_RULES, "R212")),
    Transition(Trigger.PRODUCT_2B, Phase.LT, Phase.LT_GI, Framework.VOLUNTARY, frozenset({Role.JBT_CHAIR}),
               (jbt_session_recorded, parents_consent_recorded), (local_team_supports,), ("R019", "R024")),
    Transition(Trigger.PRODUCT_2B, Phase.LT_GI, Phase.LT_GI, Framework.VOLUNTARY, frozenset({Role.JBT_CHAIR}),
               (jbt_session_recorded, parents_consent_recorded), (local_team_supports,), ("R019", "R024")),
    Transition(Trigger.PRODUCT_2B_ENDED, Phase.LT_GI, Phase.LT_GI, Framework.VOLUNTARY,
               frozenset({Role.JBT_CHAIR}) | GI_ROLES, (end_reason_recorded,), (), ("R019", "R024")),
    *(Transition(Trigger.COUNCIL_INVESTIGATION, p, p, Framework.COUNCIL,
                 frozenset({Role.JBT_CHAIR, Role.RVDK_OFFICER}), (joint_request_weighing,), (),
                 ("R026", "R611", "R070"))
      for p in (Phase.LT, Phase.LT_GI)),
    *(Transition(Trigger.MEASURE_STARTED, p, Phase.MEASURE, Framework.COMPULSORY, GI_ROLES, (),
                 (local_team_to_background,), ("R022", "R221", "R614")) for p in VOLUNTARY_PHASES),
    Transition(Trigger.MEASURE_ENDED, Phase.MEASURE, Phase.LT_AFTER, Framework.AFTERCARE, GI_ROLES,
               (no_other_active_measure, local_team_actively_involved), (gi_to_background,),
               ("R023", "R222", "R657")),
    Transition(Trigger.PRODUCTS_ENDED, Phase.LT_GI, Phase.LT, Framework.VOLUNTARY, CASE_WORKERS,
               (no_active_products,), (), ("R026", "R611")),
    *(Transition(Trigger.DRANG, p, p, Framework.DRANG, CASE_WORKERS, (), (), ("R609",)) for p in VOLUNTARY_PHASES),
    *(Transition(Trigger.VOLUNTARY, p, p, Framework.VOLUNTARY, CASE_WORKERS, (), (), ("R611",))
      for p in VOLUNTARY_PHASES),
)


def find(trigger: str, from_phase: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.trigger == trigger and t.from_phase == from_phase), None)


def allowed_triggers(case: Case) -> list[Transition]:
    return [t for t in TRANSITIONS if t.from_phase == case.phase]


# --- The engine ---------------------------------------------------------------------------------------------

def accepted_handover_to(case: Case, party: Party, *, since) -> Handover | None:
    """A completed handover to an actively involved professional of `party`, accepted after `since`."""
    from gezinsplan.core.policy import active_involvements

    receivers = active_involvements().filter(case=case, organisation__type=PARTY_ORGANISATION_TYPE[party]) \
        .values("user_id")
    handovers = Handover.objects.filter(case=case, status=HandoverStatus.ACCEPTED, removed_at__isnull=True,
                                        to_user_id__in=receivers)
    if since is not None:
        handovers = handovers.filter(accepted_at__gte=since)
    return handovers.order_by("-accepted_at").first()


def _last_lead_change(case: Case):
    last = case.transitions.order_by("-id").first()
    return last.recorded_at if last else None


@transaction.atomic
def apply_transition(*, case: Case, trigger: str, actor, on: date, reason: str = "", **data) -> PhaseTransition:
    """Change the case by the table, or refuse with a Dutch explanation (nothing changes then)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Deze casus is afgesloten."))
    transition = find(trigger, case.phase)
    if transition is None:
        raise ValidationError(_("Deze stap is niet mogelijk in de fase '%(phase)s'.") % {
            "phase": case.get_phase_display()})
    if actor.role not in transition.who:
        raise ValidationError(_("Uw rol (%(role)s) kan deze stap niet zetten.") % {"role": actor.get_role_display()})
    ctx = Context(case=case, actor=actor, on=on, data=data)
    problems = [message for check in transition.requires if (message := check(ctx))]
    current = active_products(case, on=on)
    added = {Trigger.PRODUCT_2A: {ProductKind.P2A}, Trigger.PRODUCT_2B: {ProductKind.P2B}}.get(trigger, set())
    dropped = {Trigger.PRODUCT_2B_ENDED: {ProductKind.P2B}}.get(trigger, set())
    before = derive(phase=case.phase, active_products=current)
    after = derive(phase=transition.to_phase, active_products=(current | added) - dropped)
    if before.lead != after.lead and not data.get("urgent"):
        ctx.handover = accepted_handover_to(case, after.lead, since=_last_lead_change(case))
        if ctx.handover is None:
            problems.append(_("De regie gaat naar %(party)s: rond eerst een 100%% schone overdracht af met een "
                              "betrokken professional van %(party)s (checklist, warme overdracht met het gezin, "
                              "acceptatie).") % {"party": after.lead.label})
    if problems:
        raise ValidationError(problems)
    record = PhaseTransition.objects.create(
        case=case, trigger=trigger, from_phase=case.phase, to_phase=transition.to_phase,
        from_framework=case.framework, to_framework=transition.to_framework or case.framework,
        from_work_phase=case.work_phase, to_work_phase=case.work_phase, rule_id=",".join(transition.rule_ids),
        reason=reason, actor=actor, occurred_on=on,
    )
    case.phase = transition.to_phase
    case.framework = transition.to_framework or case.framework
    case.version += 1
    case.save(update_fields=["phase", "framework", "version", "updated_at"])
    for effect in transition.effects:
        effect(ctx)
    if ctx.handover is not None:
        receiver = _active(ctx).filter(user_id=ctx.handover.to_user_id).first()
        if receiver is not None:
            _set_role(receiver, InvolvementRole.LEAD)
    return record

