"""Use cases for cases and involvements (the minimal case of the foundation)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gezinsplan.accounts.constants import PORTAL_ROLES, ROLES_WITHOUT_PERSONAL_DATA, Role, TrainingStatus
from gezinsplan.cases import hooks
from gezinsplan.cases.models import Case, CaseStatus, Handover, HandoverStatus, Involvement, InvolvementRole
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import create_record, refuse_stale, update_record
from gezinsplan.families.models import Family

# Professionals who should be trained in Beter Samenspel before joining a case (R266).
TRAINED_ROLES = frozenset({Role.LT_PROFESSIONAL, Role.GI_PROTECTOR})


def _require(actor, action: Action, family: Family) -> None:
    policy.require(actor, action, grant=policy.family_grant(actor, family))


@transaction.atomic
def case_open(*, actor, family: Family, reason: str, opened_on: date, intake_source: str = "lokaal_team",
              registered_on: date | None = None, contact_person=None) -> Case:
    """Open the family's one case. R264: a registration at the local team gets exactly one fixed contact person
    (the registering LT professional unless another is named). R517: the registration date starts the week in
    which the first home visit takes place."""
    from gezinsplan.accounts.constants import OrganisationType
    from gezinsplan.cases.casework import contact_person_assign
    from gezinsplan.cases.models import ContactPersonChange

    _require(actor, Action.EDIT_CASE, family)
    if opened_on > policy.today():
        raise ValidationError({"opened_on": _("De startdatum kan niet in de toekomst liggen.")})
    registered_on = registered_on or opened_on
    if registered_on > opened_on:
        raise ValidationError({"registered_on": _("De aanmelding ligt na de start van de casus.")})
    if Case.objects.filter(family=family, status=CaseStatus.OPEN, removed_at__isnull=True).exists():
        raise ValidationError(_("Dit gezin heeft al een lopende casus: één gezin, één plan (R001)."))
    case = create_record(actor=actor, family_id=family.pk, instance=Case(
        family=family, reason=reason, opened_on=opened_on, intake_source=intake_source, registered_on=registered_on))
    involvement = create_record(actor=actor, family_id=family.pk, instance=Involvement(
        case=case, user=actor, organisation=actor.organisation, role=InvolvementRole.LEAD, start_date=opened_on))
    hooks.involvement_started(involvement=involvement)
    if contact_person is None and getattr(actor.organisation, "type", None) == OrganisationType.LOCAL_TEAM:
        contact_person = actor
    if contact_person is not None:
        contact_person_assign(actor=actor, case=case, user=contact_person, on=opened_on,
                              reason=ContactPersonChange.REGISTRATION)
    return case


@transaction.atomic
def case_update(*, actor, case: Case, version: int | None, **values) -> Case:
    _require(actor, Action.EDIT_CASE, case.family)
    return update_record(actor=actor, instance=case, version=version, values=values, family_id=case.family_id)


@transaction.atomic
def case_close(*, actor, case: Case, version: int | None, closed_on: date, closing_reason: str,
               closure: dict | None = None) -> Case:
    """Close with the handover record and the confirmations the kind of closure needs (R131, R504, R513, R583).
    There is no automatic closure after a maximum duration or number of conversations (R341)."""
    from gezinsplan.cases.casework import closure_prepare

    _require(actor, Action.EDIT_CASE, case.family)
    refuse_stale(case, version)  # before the rules: someone else may have closed or changed it meanwhile
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Deze casus is al afgesloten."))
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("De einddatum ligt vóór de startdatum.")})
    if not closing_reason.strip():
        raise ValidationError({"closing_reason": _("Geef een reden voor het afsluiten.")})
    if problems := hooks.closure_problems(case):
        raise ValidationError(problems)
    closure_prepare(actor=actor, case=case, closed_on=closed_on, values=closure or {})
    for involvement in case.involvements.filter(Q(end_date__isnull=True) | Q(end_date__gt=closed_on),
                                                removed_at__isnull=True):
        update_record(actor=actor, instance=involvement, version=None, values={"end_date": closed_on},
                      family_id=case.family_id)
    return update_record(actor=actor, instance=case, version=version, family_id=case.family_id, values={
        "status": CaseStatus.CLOSED, "closed_on": closed_on, "closing_reason": closing_reason})


def _check_involvement(involvement: Involvement) -> None:
    errors: dict[str, str] = {}
    user = involvement.user
    if user.role in ROLES_WITHOUT_PERSONAL_DATA or user.role in PORTAL_ROLES or user.organisation_id is None:
        errors["user"] = _("Deze gebruiker kan niet bij een casus betrokken worden.")
    if involvement.end_date and involvement.end_date < involvement.start_date:
        errors["end_date"] = _("De einddatum ligt vóór de startdatum.")
    if involvement.start_date < involvement.case.opened_on:
        errors["start_date"] = _("De betrokkenheid kan niet beginnen vóór de start van de casus.")
    if not errors:
        overlapping = Involvement.objects.filter(case_id=involvement.case_id, removed_at__isnull=True).exclude(
            pk=involvement.pk).filter(Q(end_date__isnull=True) | Q(end_date__gte=involvement.start_date))
        if involvement.end_date:
            overlapping = overlapping.filter(start_date__lte=involvement.end_date)
        if overlapping.filter(user_id=involvement.user_id).exists():
            errors["user"] = _("Deze professional is in deze periode al bij de casus betrokken.")
        elif involvement.role == InvolvementRole.LEAD and overlapping.filter(role=InvolvementRole.LEAD).exists():
            errors["role"] = _("Er is al iemand met de regie in deze periode. Eén gezin, één regisseur (R001).")
    if errors:
        raise ValidationError(errors)


def involvement_warnings(involvement: Involvement) -> list[str]:
    """R266: assigning a professional without Beter Samenspel training is allowed, with a warning."""
    user = involvement.user
    if user.role in TRAINED_ROLES and user.training_status != TrainingStatus.TRAINED:
        return [_("Let op: %(name)s heeft de training Beter Samenspel nog niet afgerond.") % {"name": user}]
    return []


@transaction.atomic
def involvement_add(*, actor, case: Case, user, role: str, start_date: date, end_date: date | None = None
                    ) -> tuple[Involvement, list[str]]:
    _require(actor, Action.MANAGE_INVOLVEMENTS, case.family)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Deze casus is afgesloten."))
    involvement = Involvement(case=case, user=user, organisation_id=user.organisation_id, role=role,
                              start_date=start_date, end_date=end_date)
    involvement.full_clean()
    _check_involvement(involvement)
    create_record(actor=actor, instance=involvement, family_id=case.family_id)
    hooks.involvement_started(involvement=involvement)
    return involvement, involvement_warnings(involvement)


@transaction.atomic
def involvement_end(*, actor, involvement: Involvement, version: int | None, end_date: date) -> Involvement:
    _require(actor, Action.MANAGE_INVOLVEMENTS, involvement.case.family)
    if end_date < involvement.start_date:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
    from gezinsplan.safety.checks import involvement_end_problems  # noqa: PLC0415  (safety imports cases)

    if problems := involvement_end_problems(involvement, end_date):  # R056, R621
        raise ValidationError(problems)
    successor = None
    if involvement.role == InvolvementRole.LEAD:
        successor = _successor_after_handover(involvement)
    ended = update_record(actor=actor, instance=involvement, version=version, values={"end_date": end_date},
                          family_id=involvement.case.family_id)
    if successor is not None:
        update_record(actor=actor, instance=successor, version=None, values={"role": InvolvementRole.LEAD},
                      family_id=involvement.case.family_id)
    return ended


def _successor_after_handover(involvement: Involvement) -> Involvement:
    """R057/R615: a lead cannot let go of a family without a completed handover to a successor of the same
    organisation type (a move of the lead to the other party goes through the phase table)."""
    handover = Handover.objects.filter(case_id=involvement.case_id, from_user_id=involvement.user_id,
                                       status=HandoverStatus.ACCEPTED, removed_at__isnull=True,
                                       accepted_at__date__gte=involvement.start_date).order_by("-accepted_at").first()
    successor = None
    if handover is not None:
        successor = policy.active_involvements().filter(
            case_id=involvement.case_id, user_id=handover.to_user_id,
            organisation__type=involvement.organisation.type).exclude(pk=involvement.pk).first()
    if successor is None:
        raise ValidationError(_("Wie de regie heeft, laat een gezin niet los zonder overdracht: rond eerst een 100%% "
                                "schone overdracht af met de opvolger (een betrokken collega van dezelfde organisatie)."
                                ).replace("%%", "%"))
    return successor
