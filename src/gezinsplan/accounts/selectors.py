from datetime import timedelta

from django.db.models import Q, QuerySet

from gezinsplan.accounts.models import Contact, ExpertConsultation
from gezinsplan.core import policy


def directory(*, q: str = "", municipality=None, organisation=None, include_inactive: bool = False
              ) -> QuerySet[Contact]:
    """The regional contact directory (R322), one query, with the staleness date per region (R324)."""
    contacts = Contact.objects.select_related("organisation", "municipality__region")
    if not include_inactive:
        contacts = contacts.filter(is_active=True)
    if q.strip():
        term = q.strip()
        contacts = contacts.filter(Q(name__icontains=term) | Q(function_title__icontains=term)
                                   | Q(organisation__name__icontains=term))
    if municipality:
        contacts = contacts.filter(municipality=municipality)
    if organisation:
        contacts = contacts.filter(organisation=organisation)
    return contacts.order_by("municipality__name", "organisation__name", "name", "id")


def is_stale(contact: Contact) -> bool:
    """R324: an entry not verified within the region's review period is flagged."""
    days = contact.municipality.region.directory_review_days
    return contact.last_verified < policy.today() - timedelta(days=days)


def open_questions(*, expert) -> QuerySet[ExpertConsultation]:
    """R599: questions put to this expert, open ones first. One query."""
    return (ExpertConsultation.objects.filter(expert=expert, removed_at__isnull=True)
            .select_related("case__family", "asked_by").order_by("answered_on", "-asked_on"))
