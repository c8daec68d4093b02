from django.db import transaction

from gezinsplan.accounts.models import Contact
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import StaleEdit


@transaction.atomic
def contact_save(*, actor, contact: Contact | None, version: int | None, **values) -> Contact:
    """Functional administrators maintain the directory (R322/R323)."""
    policy.require(actor, Action.MANAGE_DIRECTORY)
    if contact is None:
        contact = Contact(**values)
        contact.full_clean()
        contact.save()
        return contact
    current = Contact.objects.select_for_update().get(pk=contact.pk)
    if version is not None and current.version != version:
        raise StaleEdit(changed={}, current_version=current.version)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.full_clean()
    current.save()
    return current
