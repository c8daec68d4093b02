"""What is due from the cases app (core.due): open handovers, hours budgets, measure reviews and ends."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from gezinsplan.cases.models import ChildMeasure, Handover, HandoverStatus, MeasureKind, ProductIndication, ProductKind
from gezinsplan.core.due import DueItem, due_provider


def _item(*, kind, title, due_on, case, today, who="", url=None) -> DueItem:
    return DueItem(kind=kind, title=title, due_on=due_on, case_id=case.pk, family_id=case.family_id,
                   family_name=case.family.name, url=url or reverse("cases:detail", args=[case.pk]), who=who,
                   today=today)


@due_provider
def open_handovers(*, cases, today: date) -> list[DueItem]:
    """R057: an open handover is finished within two weeks of its start."""
    return [_item(kind=_("Overdracht"), title=_("Overdracht aan %(name)s afronden") % {"name": h.to_user},
                  due_on=h.created_at.date() + timedelta(weeks=2), case=h.case, today=today, who=str(h.from_user),
                  url=reverse("cases:handover_edit", args=[h.case_id, h.pk]))
            for h in Handover.objects.filter(case__in=cases, status=HandoverStatus.OPEN, removed_at__isnull=True)
            .select_related("case__family", "from_user", "to_user")]


@due_provider
def hours_budgets(*, cases, today: date) -> list[DueItem]:
    """R010/R209: a 2a budget at 80% or more asks the LT to decide on a new indication."""
    share = Decimal(str(settings.GEZINSPLAN_METHOD["budget_warning_share"]))
    indications = (ProductIndication.objects.filter(case__in=cases, kind=ProductKind.P2A, removed_at__isnull=True)
                   .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
                   .annotate(used=Coalesce(Sum("hour_entries__hours", filter=Q(hour_entries__removed_at__isnull=True)),
                                           Decimal("0")))
                   .select_related("case__family"))
    return [_item(kind=_("Urenbudget"), title=_("2a: %(used)s van %(budget)s uur gebruikt; nieuwe indicatie nodig?")
                  % {"used": f"{float(i.used):g}", "budget": f"{float(i.budget_hours):g}"},
                  due_on=today, case=i.case, today=today)
            for i in indications if i.budget_hours and i.used >= i.budget_hours * share]


@due_provider
def measure_reviews(*, cases, today: date) -> list[DueItem]:
    """R042: a measure of a year asks for a reasoned decision on LT involvement; R633: a long OTS for a review of
    guardianship; R257: a measure that ends soon asks to prepare extension or ending (product 2a as an option)."""
    review_months = settings.GEZINSPLAN_METHOD["ots_guardianship_review_months"]
    items = []
    for m in ChildMeasure.objects.filter(case__in=cases, removed_at__isnull=True, ended_on__isnull=True) \
            .select_related("case__family", "child"):
        child = m.child.first_name
        year = m.starts_on + timedelta(days=365)
        if year <= today + timedelta(weeks=4):
            items.append(_item(kind=_("Maatregel"), title=_("%(child)s: een jaar %(kind)s, betrokkenheid lokaal "
                                                             "team herzien (R042)") % {"child": child,
                                                                                       "kind": m.get_kind_display()},
                               due_on=year, case=m.case, today=today))
        if m.kind == MeasureKind.OTS and m.starts_on + timedelta(days=30 * review_months) <= today:
            items.append(_item(kind=_("Maatregel"), title=_("%(child)s: lange OTS, omzetting naar voogdij "
                                                             "overwegen (R633)") % {"child": child},
                               due_on=m.starts_on + timedelta(days=30 * review_months), case=m.case, today=today))
        if m.ends_on <= today + timedelta(weeks=8):
            items.append(_item(kind=_("Maatregel"), title=_("%(child)s: %(kind)s loopt af; verlenging of afsluiting "
                                                             "(eventueel met 2a) voorbereiden") % {
                                   "child": child, "kind": m.get_kind_display()},
                               due_on=m.ends_on - timedelta(weeks=8), case=m.case, today=today))
    return items


@due_provider
def case_tasks(*, cases, today: date) -> list[DueItem]:
    """Tasks the method created: weigh escalation (R027), register with the LT (R046), revisit the analysis (R265)."""
    from gezinsplan.cases.models import CaseTask

    return [_item(kind=_("Taak"), title=f"{t.get_kind_display()} ({t.rule_id})", due_on=t.due_on, case=t.case,
                  today=today)
            for t in CaseTask.objects.filter(case__in=cases, done_on__isnull=True, removed_at__isnull=True)
            .select_related("case__family")]


@due_provider
def products_2b_past_end(*, cases, today: date) -> list[DueItem]:
    """A 2b past its end date stays in force until its end is recorded with a reason: it needs ending."""
    return [_item(kind=_("Product 2b"), title=_("Product 2b is over de einddatum: leg het einde vast met de reden"),
                  due_on=i.ends_on, case=i.case, today=today, url=reverse("cases:end_2b", args=[i.case_id, i.pk]))
            for i in ProductIndication.objects.filter(case__in=cases, kind=ProductKind.P2B, removed_at__isnull=True,
                                                      end_reason="", ends_on__lt=today)
            .select_related("case__family")]


@due_provider
def plan_updates_after_visits(*, cases, today: date) -> list[DueItem]:
    """R588: after a visit the family plan is updated right away; until then the visit shows here."""
    from gezinsplan.cases.models import VISIT_KINDS, CaseContact

    return [_item(kind=_("Gezinsplan"), title=_("Plan bijwerken na %(kind)s") % {"kind": c.get_kind_display()},
                  due_on=c.held_on + timedelta(days=1), case=c.case, today=today, who=str(c.by_user))
            for c in CaseContact.objects.filter(case__in=cases, kind__in=VISIT_KINDS, plan_updated_on__isnull=True,
                                                removed_at__isnull=True).select_related("case__family", "by_user")]


@due_provider
def first_home_visit(*, cases, today: date) -> list[DueItem]:
    """R517: a home visit within a week of the registration."""
    from django.db.models import Exists, OuterRef

    from gezinsplan.cases.models import Case, CaseContact, ContactKind

    days = settings.GEZINSPLAN_METHOD.get("home_visit_days", 7)
    visited = CaseContact.objects.filter(case=OuterRef("pk"), kind=ContactKind.HOME_VISIT, removed_at__isnull=True)
    return [_item(kind=_("Huisbezoek"), title=_("Eerste huisbezoek (binnen een week na aanmelding)"),
                  due_on=(c.registered_on or c.opened_on) + timedelta(days=days), case=c, today=today)
            for c in Case.objects.filter(pk__in=cases.values("pk"), opened_on__gte=today - timedelta(weeks=8))
            .filter(~Exists(visited)).select_related("family")]


@due_provider
def clarity_checks(*, cases, today: date) -> list[DueItem]:
    """R309: regularly ask the family whether agreements and the goal of the help are clear."""
    from django.db.models import Max

    from gezinsplan.cases.models import Case

    days = settings.GEZINSPLAN_METHOD.get("clarity_check_days", 42)
    rows = Case.objects.filter(pk__in=cases.values("pk")).annotate(
        last=Max("contacts__held_on", filter=Q(contacts__clarity_checked=True, contacts__removed_at__isnull=True))
    ).select_related("family")
    items = []
    for c in rows:
        due_on = (c.last or c.opened_on) + timedelta(days=days)
        if due_on <= today:
            items.append(_item(kind=_("Helderheid"), title=_("Navragen of afspraken en doel van de hulp helder zijn"),
                               due_on=due_on, case=c, today=today))
    return items


@due_provider
def help_after_handover(*, cases, today: date) -> list[DueItem]:
    """R337: a handed-over family without registered help is signalled to the receiving and the handing-over side."""
    from gezinsplan.cases.casework import handed_over_without_help, method

    days = method("help_after_handover_days", 28)
    return [_item(kind=_("Na overdracht"), title=_("Nog geen hulp geregistreerd na de overdracht"),
                  due_on=h.accepted_at.date() + timedelta(days=days), case=h.case, today=today,
                  who=f"{h.to_user} ({h.to_user.organisation.label if h.to_user.organisation_id else ''}), "
                      f"{h.from_user} ({h.from_user.organisation.label if h.from_user.organisation_id else ''})")
            for h in handed_over_without_help(cases=cases, today=today)]
