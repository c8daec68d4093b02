"""Retention and destruction of a family's file (STANDARDS.md, 'Retention').

Each organisation type that worked with the family sets a retention period; the family's destruction date is the
latest of them, and there is none while a case is open, while a legal hold is in force, or while a date it depends on
is unknown (we keep rather than guess).

| organisation type (involved)        | kept until                                                      |
|-------------------------------------|-----------------------------------------------------------------|
| lokaal team, zorgaanbieder, others  | 20 years after the last case ended (jeugdhulp)                  |
| Veilig Thuis                        | the youngest child turns 18                                     |
| GI with an OTS or guardianship      | 30 years after the youngest child under a measure comes of age  |
| GI without such a measure           | 20 years after the last case ended                              |
| Raad voor de Kinderbescherming      | 100 years after the birth of the youngest child                 |

Destruction is a hard delete, not anonymisation: a family file is full of free text (plans, reports, notes) that no
rule can reliably strip of personal data, and the law asks for destruction. The family's rows are deleted in
dependency order (rows that point to others first); what stays is a DestructionRecord with the family's opaque id,
the number of rows per table and the dates, and the access log, which holds no personal data and has its own
retention of at least five years (NEN 7513).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases.models import Case, CaseStatus, ChildMeasure, Involvement, MeasureKind
from gezinsplan.core import policy
from gezinsplan.families.models import Family, FamilyRole, Person
from gezinsplan.privacy.models import (
    AccessLogEntry,
    AnonymousConsultation,
    DestructionRecord,
    DestructionRequest,
    DestructionRequestStatus,
    LegalHold,
)

YOUTH_CARE_YEARS = 20
GI_MEASURE_YEARS_AFTER_MAJORITY = 30
RVDK_YEARS_AFTER_BIRTH = 100
MAJORITY = 18
REQUEST_MIN_AGE = 12
GI_LONG_MEASURES = frozenset({MeasureKind.OTS, MeasureKind.VOTS, MeasureKind.GUARDIANSHIP})


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Retention:
    family_id: object
    destroy_on: date | None  # None: not (yet) computable, keep
    rule: str
    blocked_by: str = ""  # an open case, a legal hold, an unknown date


def family_retention(family: Family) -> Retention:
    """The destruction date of one family's file, with the rule that set it. A few queries."""
    if Case.objects.filter(family=family, status=CaseStatus.OPEN, removed_at__isnull=True).exists():
        return Retention(family.pk, None, "", _("er loopt nog een casus"))
    if LegalHold.objects.filter(family=family, lifted_at__isnull=True).exists():
        return Retention(family.pk, None, "", _("bewaarplicht (legal hold)"))
    org_types = set(Involvement.objects.filter(case__family=family).values_list("organisation__type", flat=True))
    last_closed = Case.objects.filter(family=family).aggregate(last=models.Max("closed_on"))["last"]
    births = list(Person.all_objects.filter(family=family, family_role=FamilyRole.CHILD)
              .values_list("birth_date", flat=True))
    youngest = max((b for b in births if b), default=None)
    candidates: list[tuple[date, str]] = []
    unknown: list[str] = []

    def youth_care(label):
        if last_closed is None:
            unknown.append(label)
        else:
            candidates.append((_add_years(last_closed, YOUTH_CARE_YEARS), label))

    for org_type in org_types or {OrganisationType.LOCAL_TEAM}:
        if org_type == OrganisationType.VEILIG_THUIS:
            label = _("Veilig Thuis: tot het jongste kind 18 is")
            if youngest is None or None in births:
                unknown.append(label)
            else:
                candidates.append((_add_years(youngest, MAJORITY), label))
        elif org_type == OrganisationType.RVDK:
            label = _("Raad voor de Kinderbescherming: 100 jaar na de geboorte van het jongste kind")
            if youngest is None or None in births:
                unknown.append(label)
            else:
                candidates.append((_add_years(youngest, RVDK_YEARS_AFTER_BIRTH), label))
        elif org_type == OrganisationType.GI:
            measured = list(ChildMeasure.objects.filter(case__family=family, kind__in=GI_LONG_MEASURES)
                            .values_list("child__birth_date", flat=True))
            if measured:
                label = _("GI (OTS of voogdij): 30 jaar na de meerderjarigheid")
                if None in measured:
                    unknown.append(label)
                else:
                    candidates.append((_add_years(max(measured), MAJORITY + GI_MEASURE_YEARS_AFTER_MAJORITY), label))
            else:
                youth_care(_("jeugdhulp: 20 jaar na het einde van de hulp"))
        else:
            youth_care(_("jeugdhulp: 20 jaar na het einde van de hulp"))
    if unknown:
        return Retention(family.pk, None, "; ".join(sorted(set(unknown))), _("een datum is onbekend"))
    destroy_on, rule = max(candidates)
    return Retention(family.pk, destroy_on, rule)


def due_families(*, on: date | None = None) -> list[Retention]:
    """Families whose destruction date has passed, or that have a granted destruction request."""
    day = on or policy.today()
    due = []
    closed = Family.all_objects.exclude(cases__status=CaseStatus.OPEN).distinct().order_by("id")
    granted = set(DestructionRequest.objects.filter(status=DestructionRequestStatus.GRANTED)
                  .values_list("family_id", flat=True))
    for family in closed.iterator(chunk_size=500):
        retention = family_retention(family)
        if family.pk in granted and not retention.blocked_by:
            due.append(Retention(family.pk, day, _("verzoek tot vernietiging toegekend")))
        elif retention.destroy_on and retention.destroy_on <= day:
            due.append(retention)
    return due


# --- Hard delete in dependency order ---------------------------------------------------------------------

KEPT_MODELS = frozenset({AccessLogEntry, DestructionRecord, AnonymousConsultation})


def _collect(family: Family) -> dict[type[models.Model], set]:
    """Every row that belongs to the family: rows pointing to the family, to those rows, and so on; plus rows that
    name the family by a plain family_id (the change history)."""
    found: dict[type[models.Model], set] = defaultdict(set)
    queue: list[tuple[type[models.Model], set]] = [(Family, {family.pk})]
    found[Family].add(family.pk)
    while queue:
        model, pks = queue.pop()
        for relation in model._meta.related_objects:
            related = relation.related_model
            if related in KEPT_MODELS or relation.many_to_many:
                continue  # many-to-many link rows go with their owner
            field = relation.field
            if field.remote_field.on_delete is models.SET_NULL:
                continue  # an outside row that merely mentions the family: unlinked by the delete
            new = set(related._base_manager.filter(**{f"{field.name}__in": pks}).values_list("pk", flat=True))
            new -= found[related]
            if new:
                found[related] |= new
                queue.append((related, new))
    for model in apps.get_models():
        if model in KEPT_MODELS:
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "family_id"
                      and not f.is_relation), None)
        if field is not None:
            found[model] |= set(model._base_manager.filter(family_id=family.pk).values_list("pk", flat=True))
    return {m: pks for m, pks in found.items() if pks}


def _delete_in_order(found: dict[type[models.Model], set]) -> dict[str, int]:
    counts: dict[str, int] = {}
    remaining = dict(found)
    while remaining:
        progress = False
        for model in list(remaining):
            try:
                with transaction.atomic():
                    deleted, per_model = model._base_manager.filter(pk__in=remaining[model]).delete()
            except (ProtectedError, RestrictedError):
                continue  # something still points to these rows: delete that first
            for label, n in per_model.items():
                counts[label] = counts.get(label, 0) + n
            del remaining[model]
            progress = True
        if not progress:
            raise RuntimeError("Vernietigen lukt niet: rijen verwijzen naar elkaar (" +
                               ", ".join(m._meta.label for m in remaining) + ").")
    return counts


@transaction.atomic
def family_destroy(*, family: Family, reason: str, rule: str, due_on: date | None) -> DestructionRecord:
    """Destroy all of one family's rows; keep a record without personal data."""
    family_id = family.pk
    counts = _delete_in_order(_collect(family))
    return DestructionRecord.objects.create(family_id=family_id, destroyed_at=timezone.now(), reason=reason,
                                            rule=rule[:200], due_on=due_on, counts=counts)


# --- Requests for earlier destruction ----------------------------------------------------------------------

@transaction.atomic
def destruction_request_record(*, actor, family: Family, requested_by: Person, received_on: date
                               ) -> DestructionRequest:
    """A written request of a parent, or of a young person of 12 or older, for earlier destruction."""
    policy.require(actor, policy.Action.EDIT_FAMILY, grant=policy.family_grant(actor, family))
    if requested_by.family_id != family.pk:
        raise ValidationError({"requested_by": _("Kies een lid van dit gezin.")})
    if requested_by.family_role == FamilyRole.CHILD:
        age = requested_by.age_on(received_on)
        if age is None or age < REQUEST_MIN_AGE:
            raise ValidationError({"requested_by": _("Een kind kan vanaf 12 jaar zelf om vernietiging vragen; "
                                                     "jonger doen de ouders dat.")})
    elif requested_by.family_role not in (FamilyRole.PARENT, FamilyRole.CAREGIVER):
        raise ValidationError({"requested_by": _("Alleen een ouder of een jongere van 12 of ouder kan om "
                                                 "vernietiging vragen.")})
    if received_on > policy.today():
        raise ValidationError({"received_on": _("De datum kan niet in de toekomst liggen.")})
    return DestructionRequest.objects.create(family=family, requested_by=requested_by, received_on=received_on,
                                             recorded_by=actor)


@transaction.atomic
def destruction_request_decide(*, actor, request: DestructionRequest, grant: bool, note: str
                               ) -> DestructionRequest:
    """A team lead decides. Exceptions: a legal hold or an open case block granting; the reason is recorded."""
    if actor.role != Role.TEAM_LEAD:
        raise policy.PolicyDenied("destruction_request")
    policy.require(actor, policy.Action.VIEW_FAMILY, grant=policy.family_grant(actor, request.family))
    if request.status != DestructionRequestStatus.OPEN:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    if not note.strip():
        raise ValidationError({"note": _("Licht het besluit toe; het gezin krijgt een schriftelijk antwoord.")})
    if grant:
        hold = LegalHold.objects.filter(family_id=request.family_id, lifted_at__isnull=True).first()
        if hold is not None:
            raise ValidationError(_("Dit dossier valt onder een bewaarplicht (%(reason)s) en mag nu niet worden "
                                    "vernietigd. Wijs het verzoek af met deze reden.") % {"reason": hold.reason})
        if Case.objects.filter(family_id=request.family_id, status=CaseStatus.OPEN, removed_at__isnull=True).exists():
            raise ValidationError(_("Er loopt nog een casus: het dossier kan pas na afsluiten worden vernietigd."))
    request.status = DestructionRequestStatus.GRANTED if grant else DestructionRequestStatus.REFUSED
    request.decision_note = note.strip()[:500]
    request.decided_by = actor
    request.save(update_fields=["status", "decision_note", "decided_by"])
    return request


# --- Legal holds ---------------------------------------------------------------------------------------------


@transaction.atomic
def legal_hold_place(*, actor, family: Family, reason: str) -> LegalHold:
    """A reason the file may not be destroyed (a court case, a complaint, an investigation), by anyone who edits."""
    policy.require(actor, policy.Action.EDIT_FAMILY, grant=policy.family_grant(actor, family))
    if len((reason or "").strip()) < 5:
        raise ValidationError(
            {
                "reason": _(
                    "Geef de reden van de bewaarplicht, bijvoorbeeld 'klachtprocedure loopt' "
                    "of 'rechtszaak over het gezag'."
                )
            }
        )
    return LegalHold.objects.create(family=family, reason=reason.strip()[:300], placed_by=actor)


@transaction.atomic
def legal_hold_lift(*, actor, hold: LegalHold) -> LegalHold:
    """Only a team lead lifts a hold; the row stays, with the date it was lifted."""
    if actor.role != Role.TEAM_LEAD:
        raise policy.PolicyDenied("legal_hold")
    policy.require(actor, policy.Action.VIEW_FAMILY, grant=policy.family_grant(actor, hold.family))
    if hold.lifted_at:
        raise ValidationError(_("Deze bewaarplicht is al opgeheven."))
    hold.lifted_at = timezone.now()
    hold.save(update_fields=["lifted_at"])
    return hold


@dataclass
class RetentionPage:
    retention: Retention
    holds: list
    requests: list


def retention_page(*, family: Family) -> RetentionPage:
    """What the legal-hold page shows: the destruction date, holds and requests. A fixed number of queries."""
    holds = list(
        LegalHold.objects.filter(family=family).select_related("placed_by").order_by("lifted_at", "-placed_at")
    )
    requests = list(
        DestructionRequest.objects.filter(family=family)
        .select_related("requested_by", "recorded_by", "decided_by")
        .order_by("-received_on")
    )
    return RetentionPage(family_retention(family), holds, requests)
