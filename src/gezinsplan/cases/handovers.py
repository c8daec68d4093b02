"""The 100% clean handover (R057/R058) and the work phases with their checklists (R514/R515/R524/R534)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.cases import hooks
from gezinsplan.cases.models import (
    Case,
    Handover,
    HandoverStatus,
    PhaseTransition,
    WorkPhase,
    WorkPhaseCheck,
)
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import create_record

# What is minimally shared at a handover: seed 000, Informatiedeling (table 2).
HANDOVER_ITEMS: dict[str, str] = {
    "reason": gettext_lazy("Aanleiding en vraag"),
    "genogram": gettext_lazy("Genogram en netwerk"),
    "timeline": gettext_lazy("Tijdlijn en eerdere hulp met resultaten"),
    "concerns_strengths": gettext_lazy("Actuele zorgen en krachten, feiten per leefgebied"),
    "danger_safety": gettext_lazy("Gevaarsstellingen en veiligheidsafspraken"),
    "pattern": gettext_lazy("Gezinspatroon en overwegingen achter genomen stappen"),
    "end_situation": gettext_lazy("Haalbare eindsituatie"),
    "goals": gettext_lazy("Doelen: wie, wat, wanneer, voortgang"),
}


def _require_edit(actor, case: Case) -> None:
    policy.require(actor, Action.EDIT_CASE, grant=policy.family_grant(actor, case.family))


@transaction.atomic
def handover_start(*, actor, case: Case, to_user, reason: str) -> Handover:
    """Prepare a handover to an involved professional (R040: the receiver is involved to prepare)."""
    _require_edit(actor, case)
    if not policy.active_involvements().filter(case=case, user=to_user).exists():
        raise ValidationError({"to_user": _("Betrek de ontvangende professional eerst bij de casus.")})
    if to_user == actor:
        raise ValidationError({"to_user": _("U kunt niet aan uzelf overdragen.")})
    if case.handovers.filter(status=HandoverStatus.OPEN, to_user=to_user, removed_at__isnull=True).exists():
        raise ValidationError({"to_user": _("Er loopt al een overdracht naar deze professional.")})
    return create_record(actor=actor, family_id=case.family_id, instance=Handover(
        case=case, from_user=actor, to_user=to_user, reason=reason,
        checklist={key: {"done": False, "note": ""} for key in HANDOVER_ITEMS}))


@transaction.atomic
def handover_update(*, actor, handover: Handover, checklist: dict, meeting_on: date | None,
                    family_present: str) -> Handover:
    _require_edit(actor, handover.case)
    if handover.status != HandoverStatus.OPEN:
        raise ValidationError(_("Deze overdracht is al geaccepteerd en kan niet meer veranderen."))
    if meeting_on and meeting_on > policy.today():
        raise ValidationError({"meeting_on": _("De warme overdracht kan pas worden vastgelegd als die is geweest.")})
    handover.checklist = {key: {"done": bool(checklist.get(key, {}).get("done")),
                                "note": str(checklist.get(key, {}).get("note", ""))[:500]} for key in HANDOVER_ITEMS}
    handover.meeting_on = meeting_on
    handover.family_present = family_present
    handover.version += 1
    handover.save()
    return handover


def handover_gaps(handover: Handover) -> list[str]:
    """What keeps a handover from being 100% clean."""
    gaps = [str(label) for key, label in HANDOVER_ITEMS.items() if not handover.checklist.get(key, {}).get("done")]
    if not handover.meeting_on:
        gaps.append(_("Warme overdracht met het gezin"))
    return gaps


@transaction.atomic
def handover_accept(*, actor, handover: Handover) -> Handover:
    """Only the receiving professional accepts, and only a complete handover."""
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if actor.pk != handover.to_user_id:
        raise ValidationError(_("Alleen de ontvangende professional kan de overdracht accepteren."))
    policy.require(actor, Action.VIEW_CASE, grant=policy.family_grant(actor, handover.case.family))
    gaps = handover_gaps(handover)
    if gaps:
        raise ValidationError(_("De overdracht is nog niet compleet: %(gaps)s.") % {"gaps": ", ".join(gaps)})
    if problems := hooks.handover_accept_problems(handover):  # R581, R597 (the family plan's minimal content)
        raise ValidationError(
            _("Het gezinsplan is nog niet klaar voor een schone overdracht. Wat ontbreekt: %(missing)s")
            % {"missing": " ".join(problems)}
        )
    handover.status = HandoverStatus.ACCEPTED
    handover.accepted_at = timezone.now()
    handover.version += 1
    handover.save()
    return handover


# --- Work phases --------------------------------------------------------------------------------------------

CHECKLISTS: dict[int, dict[str, str]] = {
    WorkPhase.CONNECT: {  # R515
        "assess_safety": gettext_lazy("Direct de veiligheid inschatten"),
        "increase_safety": gettext_lazy("Veiligheid vergroten"),
        "reduce_negativity": gettext_lazy("Negativiteit verminderen"),
        "increase_hope": gettext_lazy("Hoop vergroten"),
        "working_relationship": gettext_lazy("Werkrelatie opbouwen"),
        "map_network": gettext_lazy("Informeel netwerk in kaart brengen"),
        "plan_together": gettext_lazy("Samen met het gezin een plan maken"),
    },
    WorkPhase.SUPPORT: {  # R524
        "carry_out_plan": gettext_lazy("Samen het plan uitvoeren"),
        "remove_barriers": gettext_lazy("Belemmeringen wegnemen"),
        "reduce_risks": gettext_lazy("Risicofactoren verminderen"),
        "support_network": gettext_lazy("Het (in)formele netwerk ondersteunen bij de doelen"),
    },
    WorkPhase.SECURE: {  # R534
        "generalise": gettext_lazy("Het geleerde oefenen (generaliseren)"),
        "continued_help": gettext_lazy("Afspraken over vervolghulp"),
        "assurance": gettext_lazy("Afspraken over borging van de resultaten"),
    },
}


@transaction.atomic
def work_phase_check(*, actor, case: Case, item: str, done: bool, note: str = "") -> WorkPhaseCheck:
    _require_edit(actor, case)
    if item not in CHECKLISTS[case.work_phase]:
        raise ValidationError(_("Dit doel hoort niet bij de huidige werkfase."))
    check, _created = WorkPhaseCheck.objects.update_or_create(
        case=case, work_phase=case.work_phase, item=item,
        defaults={"done": done, "note": note[:300], "checked_by": actor})
    return check


def open_items(case: Case) -> list[str]:
    done = set(case.work_phase_checks.filter(work_phase=case.work_phase, done=True).values_list("item", flat=True))
    return [str(label) for key, label in CHECKLISTS[case.work_phase].items() if key not in done]


@transaction.atomic
def work_phase_next(*, actor, case: Case, on: date, reason: str = "") -> PhaseTransition:
    """R514: the work phases are ordered; moving on with open goals needs a recorded reason (R515). Other apps'
    checks block the move (`hooks.work_phase_check`: R520, R535); their warnings come back on the returned
    transition as `warnings` (`hooks.work_phase_warning`: R516)."""
    _require_edit(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.work_phase >= WorkPhase.SECURE:
        raise ValidationError(_("Fase 3 is de laatste werkfase."))
    to_phase = case.work_phase + 1
    blockers = hooks.work_phase_problems(case, to_phase=to_phase)  # R520 (safety), R535 (analysis)
    if to_phase == WorkPhase.SECURE:
        from gezinsplan.cases.casework import entering_end_phase, secure_phase_blockers

        blockers += secure_phase_blockers(case)  # R566
    if blockers:
        raise ValidationError(
            _("Naar fase %(phase)s kan nog niet. Wat ontbreekt: %(missing)s")
            % {"phase": to_phase, "missing": " ".join(blockers)}
        )
    if to_phase == WorkPhase.SECURE:
        entering_end_phase(actor=actor, case=case, on=on)  # R046
    missing = open_items(case)
    if missing and not reason.strip():
        raise ValidationError({"reason": _("Nog open: %(items)s. Geef een reden om toch door te gaan.")
                               % {"items": ", ".join(missing)}})
    record = PhaseTransition.objects.create(
        case=case, trigger="work_phase_next", from_phase=case.phase, to_phase=case.phase,
        from_framework=case.framework, to_framework=case.framework, from_work_phase=case.work_phase,
        to_work_phase=case.work_phase + 1, rule_id="R514", reason=reason, actor=actor, occurred_on=on)
    case.work_phase += 1
    case.version += 1
    case.save(update_fields=["work_phase", "version", "updated_at"])
    record.warnings = hooks.work_phase_warnings(case, to_phase=to_phase)  # R516: shown, not blocking
    return record
