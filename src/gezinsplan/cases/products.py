"""Products 2a and 2b, their hours, and the child measures: the use cases that drive the phase table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.accounts.constants import OrganisationType
from gezinsplan.cases import hooks
from gezinsplan.cases.casework import check_extension_evaluation, check_jr_offence
from gezinsplan.cases.models import (
    Case,
    ChildMeasure,
    HourEntry,
    IndicationReason,
    MeasureExtension,
    MeasureKind,
    Phase,
    ProductIndication,
    ProductKind,
)
from gezinsplan.cases.transitions import Trigger, apply_transition
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import create_record
from gezinsplan.families.models import FamilyRole, Person


def method(key: str):
    return settings.GEZINSPLAN_METHOD[key]


def _require_case_access(actor, case: Case) -> None:
    policy.require(actor, Action.VIEW_CASE, grant=policy.family_grant(actor, case.family))


def _require_gi(actor) -> None:
    """A measure is recorded by the GI (issue 4, R602)."""
    if getattr(actor.organisation, "type", None) != OrganisationType.GI:
        raise ValidationError(_("Een maatregel wordt vastgelegd door de gecertificeerde instelling."))


# --- Indications --------------------------------------------------------------------------------------------

@transaction.atomic
def indicate_2a(*, actor, case: Case, reason: str, starts_on: date, consent_by: str, consent_on: date,
                decision_on: date | None = None, decision_forum: str = "", decision_participants: str = "",
                measure=None) -> ProductIndication:
    """R007-R010, R015: the LT indicates 2a after a team decision (the weighing with 'GI expertise needed'),
    with the parents' consent; 25 hours. The decision's date, forum and participants come from the weighing."""
    from gezinsplan.safety.selectors import latest_gi_decision

    _require_case_access(actor, case)
    weighing = latest_gi_decision(case)
    if weighing is not None:
        decision_on = decision_on or weighing.held_on
        decision_forum = decision_forum or _("Casuïstiekbespreking (weging) met gedragswetenschapper")
        decision_participants = decision_participants or weighing.participants
    decision_on = decision_on or starts_on
    if reason == IndicationReason.JBT_2B:
        raise ValidationError({"reason": _("Deze reden hoort bij product 2b.")})
    _check_dates(starts_on=starts_on, decision_on=decision_on, consent_on=consent_on)
    indication = ProductIndication(
        case=case, kind=ProductKind.P2A, reason=reason, indicated_by=actor, starts_on=starts_on,
        budget_hours=Decimal(method("product_2a_budget_hours")), decision_on=decision_on,
        decision_forum=decision_forum, decision_participants=decision_participants, consent_by=consent_by,
        consent_on=consent_on, measure=measure,
    )
    indication.full_clean()
    _end_exhausted_2a(case=case, on=starts_on)
    if case.indications.filter(kind=ProductKind.P2A, removed_at__isnull=True).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)).exists():
        raise ValidationError(_("Er loopt al een 2a-indicatie met uren over. Een nieuwe 2a kan als het budget op "
                                "is of de vorige indicatie is beëindigd."))
    apply_transition(case=case, trigger=Trigger.PRODUCT_2A, actor=actor, on=starts_on, indication=indication,
                     reason=indication.get_reason_display())
    return create_record(actor=actor, instance=indication, family_id=case.family_id)


@transaction.atomic
def indicate_2b(*, actor, case: Case, starts_on: date, decision_on: date, consent_by: str, consent_on: date,
                decision_forum: str = "Jeugdbeschermingstafel", decision_participants: str = "",
                ends_on: date | None = None) -> ProductIndication:
    """R019/R024: the JBT chair indicates 2b after a JBT session with the custodial parents' consent."""
    _require_case_access(actor, case)
    _check_dates(starts_on=starts_on, decision_on=decision_on, consent_on=consent_on)
    indication = ProductIndication(
        case=case, kind=ProductKind.P2B, reason=IndicationReason.JBT_2B, indicated_by=actor, starts_on=starts_on,
        decision_on=decision_on, decision_forum=decision_forum, decision_participants=decision_participants,
        consent_by=consent_by, consent_on=consent_on, ends_on=ends_on,
    )
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("De einddatum ligt vóór de ingangsdatum.")})
    indication.full_clean()
    apply_transition(case=case, trigger=Trigger.PRODUCT_2B, actor=actor, on=starts_on, indication=indication,
                     reason=_("Besluit Jeugdbeschermingstafel"))
    return create_record(actor=actor, instance=indication, family_id=case.family_id)


def _check_dates(*, starts_on: date, decision_on: date, consent_on: date) -> None:
    today = policy.today()
    errors = {}
    if decision_on > today:
        errors["decision_on"] = _("Het besluit kan niet in de toekomst liggen.")
    if consent_on > today:
        errors["consent_on"] = _("De toestemming kan niet in de toekomst liggen.")
    if starts_on < decision_on:
        errors["starts_on"] = _("De ingangsdatum ligt vóór het besluit.")
    if errors:
        raise ValidationError(errors)


def _end_exhausted_2a(*, case: Case, on: date) -> None:
    """A 2a whose budget is used up ends when the next one starts, so indications never overlap."""
    for old in case.indications.filter(kind=ProductKind.P2A, removed_at__isnull=True, ends_on__isnull=True):
        if hours_used(old) >= old.budget_hours:
            old.ends_on = max(on - timedelta(days=1), old.starts_on)
            old.version += 1
            old.save(update_fields=["ends_on", "version", "updated_at"])


@transaction.atomic
def indication_end(*, actor, indication: ProductIndication, ends_on: date) -> ProductIndication:
    _require_case_access(actor, indication.case)
    if indication.kind == ProductKind.P2B:
        raise ValidationError(_("Product 2b eindigt via 'Product 2b beëindigen', met de reden van het einde."))
    if ends_on < indication.starts_on:
        raise ValidationError({"ends_on": _("De einddatum ligt vóór de ingangsdatum.")})
    indication.ends_on = ends_on
    indication.version += 1
    indication.save(update_fields=["ends_on", "version", "updated_at"])
    return indication


@transaction.atomic
def indication_2b_end(*, actor, indication: ProductIndication, ends_on: date, reason: str) -> ProductIndication:
    """A 2b ends through a recorded event '2b beëindigd' with its reason (for example the council's outcome).
    When the lead moves back to the LT, the phase table asks for a completed handover first."""
    case = indication.case
    _require_case_access(actor, case)
    if indication.kind != ProductKind.P2B or indication.end_reason:
        raise ValidationError(_("Dit is geen lopend product 2b."))
    if ends_on < indication.starts_on:
        raise ValidationError({"ends_on": _("De einddatum ligt vóór de ingangsdatum.")})
    if ends_on > policy.today():
        raise ValidationError({"ends_on": _("Leg het einde vast als het zover is: de datum ligt in de toekomst.")})
    apply_transition(case=case, trigger=Trigger.PRODUCT_2B_ENDED, actor=actor, on=ends_on, indication=indication,
                     end_reason=reason, reason=reason)
    return _close_2b(indication=indication, ends_on=ends_on, reason=reason, actor=actor)


def _close_2b(*, indication: ProductIndication, ends_on: date, reason: str, actor) -> ProductIndication:
    indication.ends_on = ends_on
    indication.end_reason = reason[:300]
    indication.ended_by = actor
    indication.version += 1
    indication.save(update_fields=["ends_on", "end_reason", "ended_by", "version", "updated_at"])
    return indication


def overdue_2b(indications, *, today: date) -> list[ProductIndication]:
    """2b indications past their planned end date whose end has not been recorded: they need ending."""
    return [i for i in indications if i.kind == ProductKind.P2B and not i.end_reason and i.ends_on
            and i.ends_on < today and i.removed_at is None]


# --- Hours --------------------------------------------------------------------------------------------------

def hours_used(indication: ProductIndication) -> Decimal:
    total = indication.hour_entries.filter(removed_at__isnull=True).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


@dataclass(frozen=True)
class Budget:
    """R209: used and remaining hours of an indication, for the budget bar."""

    used: Decimal
    budget: Decimal | None

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else max(self.budget - self.used, Decimal("0"))

    @property
    def share(self) -> float:
        return 0.0 if not self.budget else min(float(self.used / self.budget), 1.0)

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    @property
    def warning(self) -> bool:
        return self.budget is not None and self.share >= method("budget_warning_share")

    @property
    def exhausted(self) -> bool:
        return self.budget is not None and self.used >= self.budget


def budget(indication: ProductIndication, used: Decimal | None = None) -> Budget:
    return Budget(used=hours_used(indication) if used is None else used, budget=indication.budget_hours)


@transaction.atomic
def hours_record(*, actor, indication: ProductIndication, worked_on: date, hours: Decimal, activity: str,
                 description: str = "") -> tuple[HourEntry, Budget]:
    """Hours are written only by the professional who spent them; a 2a budget is never exceeded (R010)."""
    indication = ProductIndication.objects.select_for_update().get(pk=indication.pk)
    case = indication.case
    _require_case_access(actor, case)
    errors = {}
    if hours is None or hours <= 0:
        errors["hours"] = _("Vul een positief aantal uren in.")
    elif hours > 24:
        errors["hours"] = _("Meer dan 24 uur op één dag kan niet.")
    if worked_on > policy.today():
        errors["worked_on"] = _("Uren schrijft u achteraf: de datum ligt in de toekomst.")
    elif worked_on < indication.starts_on or (indication.ends_on and worked_on > indication.ends_on):
        errors["worked_on"] = _("Deze datum valt buiten de looptijd van de indicatie.")
    if errors:
        raise ValidationError(errors)
    same_day = HourEntry.objects.filter(professional=actor, worked_on=worked_on, removed_at__isnull=True) \
        .aggregate(total=Sum("hours"))["total"] or Decimal("0")
    if same_day + hours > 24:
        raise ValidationError({"hours": _("Op %(day)s staan al %(hours)s uur: samen meer dan 24 uur.")
                               % {"day": worked_on.strftime("%d-%m-%Y"), "hours": same_day}})
    used = hours_used(indication)
    if indication.budget_hours is not None and used + hours > indication.budget_hours:
        raise ValidationError({"hours": _(
            "Het budget van deze indicatie is %(budget)s uur; er is %(used)s uur gebruikt en er kan nog %(left)s uur "
            "bij. Voor meer uren is een nieuwe 2a-indicatie door het lokaal team nodig.")
            % {"budget": indication.budget_hours, "used": used, "left": indication.budget_hours - used}})
    entry = create_record(actor=actor, family_id=case.family_id, instance=HourEntry(
        indication=indication, professional=actor, organisation_id=actor.organisation_id, worked_on=worked_on,
        hours=hours, activity=activity, description=description, case_phase=case.phase))
    return entry, budget(indication, used + hours)


# --- Measures -----------------------------------------------------------------------------------------------

@transaction.atomic
def measure_record(*, actor, case: Case, child: Person, kind: str, pronounced_on: date, starts_on: date,
                   ends_on: date, urgent: bool = False, offence=None) -> ChildMeasure:
    """A court measure for a child, recorded by the GI (R602); the case enters 'Maatregel GI' (R022)."""
    _require_case_access(actor, case)
    _require_gi(actor)
    errors = {}
    if child.family_id != case.family_id or child.family_role != FamilyRole.CHILD:
        errors["child"] = _("Een maatregel geldt voor een kind van dit gezin.")
    if ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de ingangsdatum.")
    if pronounced_on > policy.today():
        errors["pronounced_on"] = _("De uitspraak kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    check_jr_offence(case=case, child=child, kind=kind, offence=offence)
    measure = ChildMeasure(case=case, child=child, kind=kind, pronounced_on=pronounced_on, starts_on=starts_on,
                           ends_on=ends_on, recorded_by_organisation_id=actor.organisation_id, offence=offence)
    measure.full_clean()

    if Case.objects.get(pk=case.pk).phase != Phase.MEASURE:
        apply_transition(case=case, trigger=Trigger.MEASURE_STARTED, actor=actor, on=starts_on,
                         urgent=urgent or kind == MeasureKind.VOTS,
                         reason=_("%(kind)s voor %(child)s") % {"kind": measure.get_kind_display(),
                                                                 "child": child.first_name})
    for running in case.indications.filter(kind=ProductKind.P2B, removed_at__isnull=True, end_reason=""):
        # the 2b bridged the council investigation; the measure is its recorded outcome
        _close_2b(indication=running, ends_on=max(starts_on - timedelta(days=1), running.starts_on), actor=actor,
                  reason=_("Maatregel uitgesproken: %(kind)s") % {"kind": measure.get_kind_display()})
    return create_record(actor=actor, instance=measure, family_id=case.family_id)


@transaction.atomic
def measure_extend(*, actor, measure: ChildMeasure, decided_on: date, new_ends_on: date, court_decision: str,
                   professionals_advice: str = "", council_advice: str = "") -> MeasureExtension:
    """R256: the professionals' advice, the RvdK advice and the court decision are kept apart."""
    _require_case_access(actor, measure.case)
    _require_gi(actor)
    if new_ends_on <= measure.ends_on:
        raise ValidationError({"new_ends_on": _("Een verlenging eindigt na de huidige einddatum.")})
    check_extension_evaluation(measure, decided_on)  # R540
    extension = create_record(actor=actor, family_id=measure.case.family_id, instance=MeasureExtension(
        measure=measure, decided_on=decided_on, new_ends_on=new_ends_on, court_decision=court_decision,
        professionals_advice=professionals_advice, council_advice=council_advice))
    measure.ends_on = new_ends_on
    measure.version += 1
    measure.save(update_fields=["ends_on", "version", "updated_at"])
    return extension


@transaction.atomic
def measure_end(*, actor, measure: ChildMeasure, ended_on: date, end_reason: str, step_back_basis: str = "",
                local_can_manage: bool = False) -> ChildMeasure:
    """When the last measure ends the LT takes the lead again (R023, R222); a 2a may follow (R016, R212).
    R658: before the GI steps back it records 'sufficiently safe' (protection) or 'criminal career sufficiently
    turned' (youth probation), and confirms that family, network and local care can manage on their own."""
    case = measure.case
    _require_case_access(actor, case)
    _require_gi(actor)
    if ended_on < measure.starts_on:
        raise ValidationError({"ended_on": _("De einddatum ligt vóór de ingangsdatum.")})
    if not end_reason.strip():
        raise ValidationError({"end_reason": _("Geef de reden van het einde (bijvoorbeeld: niet verlengd).")})
    others = case.measures.filter(removed_at__isnull=True, ended_on__isnull=True).exclude(pk=measure.pk)
    if not others.exists():
        _check_step_back(measure=measure, basis=step_back_basis, local_can_manage=local_can_manage)
        if problems := hooks.measure_end_problems(measure):  # R070, R410 (safety)
            raise ValidationError(
                _("De laatste maatregel kan nog niet worden beëindigd. Wat ontbreekt: %(missing)s")
                % {"missing": " ".join(problems)}
            )
        end_reason = f"{end_reason} ({StepBackBasis(step_back_basis).label})"
        apply_transition(case=case, trigger=Trigger.MEASURE_ENDED, actor=actor, on=ended_on, measure=measure,
                         reason=end_reason)
    measure.ended_on = ended_on
    measure.end_reason = end_reason
    measure.version += 1
    measure.save(update_fields=["ended_on", "end_reason", "version", "updated_at"])
    return measure


class StepBackBasis(models.TextChoices):
    SUFFICIENTLY_SAFE = "sufficiently_safe", gettext_lazy("voldoende veilig")
    CAREER_TURNED = "career_turned", gettext_lazy("criminele carrière voldoende gekeerd")


def _check_step_back(*, measure: ChildMeasure, basis: str, local_can_manage: bool) -> None:
    errors = {}
    expected = StepBackBasis.CAREER_TURNED if measure.kind == MeasureKind.JR else StepBackBasis.SUFFICIENTLY_SAFE
    if basis != expected:
        errors["step_back_basis"] = _("Voordat de GI terugtreedt: leg vast '%(label)s'.") % {"label": expected.label}
    if not local_can_manage:
        errors["local_can_manage"] = _("Bevestig dat gezin, netwerk en lokale zorg het weer alleen afkunnen.")
    if errors:
        raise ValidationError(errors)


# --- Totals -------------------------------------------------------------------------------------------------

def hour_totals(*, entries) -> dict[str, Decimal]:
    """Totals per product, organisation and month of a queryset of hour entries, in one query each."""
    from django.db.models.functions import TruncMonth

    live = entries.filter(removed_at__isnull=True)
    return {
        "per_product": {row["indication__kind"]: row["total"] for row in
                        live.values("indication__kind").annotate(total=Sum("hours")).order_by()},
        "per_organisation": {row["organisation__name"]: row["total"] for row in
                             live.values("organisation__name").annotate(total=Sum("hours")).order_by()},
        "per_month": {row["month"].strftime("%Y-%m"): row["total"] for row in
                      live.annotate(month=TruncMonth("worked_on")).values("month").annotate(total=Sum("hours"))
                      .order_by("month")},
        "per_phase": {row["case_phase"]: row["total"] for row in
                      live.values("case_phase").annotate(total=Sum("hours")).order_by()},
        "total": live.aggregate(total=Sum("hours"))["total"] or Decimal("0"),
    }
