"""What the privacy screens need, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from gezinsplan.cases.models import Involvement
from gezinsplan.families.models import Family, Person
from gezinsplan.privacy.models import (
    AccessLogEntry,
    AnonymousConsultation,
    ConfidentialityBreach,
    Consent,
    Disclosure,
    DisclosureKind,
    PrivacyFollowUp,
)


@dataclass
class Register:
    consents: list[Consent]
    disclosures: list[Disclosure]
    breaches: list[ConfidentialityBreach]
    follow_ups: list = ()
    own_dossiers: list = ()

    @property
    def open_follow_ups(self) -> list:
        return [f for f in self.follow_ups if not f.done_on]

    @property
    def incomplete(self) -> list[Disclosure]:
        """R084: exchanges where the family was not informed and no reason is recorded."""
        return [d for d in self.disclosures if d.kind in (DisclosureKind.SHARED, DisclosureKind.REQUESTED)
                and not d.family_informed_on and not d.not_informed_reason]


def family_register(*, family: Family) -> Register:
    """The family's disclosure register: consents, exchanges, weighings, follow-ups and dossiers. Seven queries."""
    persons = Prefetch("children", queryset=Person.all_objects.only("id", "first_name"))
    consents = list(Consent.objects.filter(family=family, removed_at__isnull=True).select_related("disclosure")
                    .prefetch_related(persons, Prefetch("given_by", queryset=Person.all_objects.only(
                        "id", "first_name"))))
    disclosures = list(Disclosure.objects.filter(family=family, removed_at__isnull=True)
                       .select_related("consent", "breach", "created_by").prefetch_related(persons))
    breaches = list(ConfidentialityBreach.objects.filter(family=family, removed_at__isnull=True))
    follow_ups = list(PrivacyFollowUp.objects.filter(family=family, removed_at__isnull=True).select_related("consent"))
    return Register(consents, disclosures, breaches, follow_ups, own_dossiers(family=family))


def own_dossiers(*, family: Family) -> list[dict]:
    """R645: one plan on the table, several dossiers behind it. The organisations that work (or worked) with the
    family and keep their own professional dossier next to the shared family plan. One query; for the family portal
    too."""
    rows = (
        Involvement.objects.filter(case__family=family, removed_at__isnull=True)
        .values("organisation__name", "organisation__type")
        .distinct()
        .order_by("organisation__name")
    )
    from gezinsplan.accounts.constants import OrganisationType

    labels = dict(OrganisationType.choices)
    return [{"name": r["organisation__name"], "type": labels.get(r["organisation__type"], "")} for r in rows]


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_log(entries: QuerySet[AccessLogEntry], filters: dict) -> QuerySet[AccessLogEntry]:
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("emergency"):
        entries = entries.filter(emergency=True)
    if filters.get("since"):
        entries = entries.filter(occurred_at__gte=_day_start(filters["since"]))
    if filters.get("until"):
        entries = entries.filter(occurred_at__lt=_day_start(filters["until"]) + timezone.timedelta(days=1))
    return entries


def family_log(*, family: Family, filters: dict) -> QuerySet[AccessLogEntry]:
    return filter_log(AccessLogEntry.objects.filter(family_id=family.pk), filters).order_by("-seq")


def officer_scope(officer) -> Q:
    """A privacy officer supervises the log of the own organisation: its users' accesses and the families it
    works with."""
    families = Involvement.objects.filter(organisation_id=officer.organisation_id).values("case__family_id")
    return Q(user__organisation_id=officer.organisation_id) | Q(family_id__in=families)


def log_search(*, officer, bsn: str = "", username: str = "", filters: dict) -> QuerySet[AccessLogEntry]:
    entries = AccessLogEntry.objects.filter(officer_scope(officer))
    if bsn:
        entries = entries.filter(family_id__in=Person.all_objects.filter(bsn=bsn).values("family_id"))
    if username:
        entries = entries.filter(username=username)
    return filter_log(entries, filters).order_by("-seq")


def family_names(family_ids) -> dict:
    return dict(Family.all_objects.filter(pk__in=set(family_ids)).values_list("id", "name"))


def consultation_counts(*, since: date | None = None, until: date | None = None) -> list[dict]:
    """Product 1 for monitoring: the number of anonymous consultations per municipality and organisation."""
    rows = AnonymousConsultation.objects.all()
    if since:
        rows = rows.filter(held_on__gte=since)
    if until:
        rows = rows.filter(held_on__lte=until)
    return list(rows.values("municipality__name", "requester_organisation__name", "direction")
                .annotate(count=Count("id")).order_by("municipality__name", "requester_organisation__name",
                                                      "direction"))


def my_consultations(user) -> QuerySet[AnonymousConsultation]:
    return (
        AnonymousConsultation.objects.filter(Q(requester=user) | Q(consulted=user))
        .select_related("municipality", "requester", "consulted")
        .order_by("-held_on", "-created_at")
    )


def lt_file_visible(*, user, family: Family) -> bool:
    """R269: a GI youth protector sees the local team's case file (timeline, analysis, social-map notes) only when
    the case is linked through product 2a, 2b or a measure; otherwise only the VTO and JBT records. Other roles are
    governed by need-to-know alone. One query for a GI protector, none otherwise."""
    from gezinsplan.accounts.constants import Role
    from gezinsplan.cases.models import ChildMeasure, ProductIndication

    if user.role != Role.GI_PROTECTOR:
        return True
    linked = ProductIndication.objects.filter(case__family=family, removed_at__isnull=True)
    measured = ChildMeasure.objects.filter(case__family=family, removed_at__isnull=True)
    return linked.exists() or measured.exists()
