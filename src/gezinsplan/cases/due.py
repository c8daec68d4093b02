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
