"""Documents are versions: every save makes a new immutable version; the current version is a pointer.

A versioned document (safety plan, family plan, ...) is a `VersionedDocument` row with a `current` pointer and
`DocumentVersion` rows holding the whole content as JSON (validated by the domain service before saving).
`save_version` refuses a save on top of a version that is no longer current and says what changed meanwhile;
nothing typed is lost because the caller keeps the submitted content and shows it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class VersionedDocument(models.Model):
    """Abstract: the document; concrete models add their owner (a case) and a `current` FK to their version."""

    created_at = models.DateTimeField(gettext_lazy("aangemaakt op"), auto_now_add=True)

    class Meta:
        abstract = True


class DocumentVersion(models.Model):
    """Abstract: one immutable version. Concrete models add `document = ForeignKey(..., related_name="versions")`."""

    number = models.PositiveIntegerField(gettext_lazy("versie"))
    content = models.JSONField(gettext_lazy("inhoud"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(gettext_lazy("opgeslagen op"), auto_now_add=True)
    note = models.CharField(gettext_lazy("toelichting bij deze versie"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["-number"]


class StaleVersion(ValidationError):
    """A save on top of a version that is no longer current."""

    def __init__(self, *, current, changes: list[Change]):
        super().__init__(
            _("Deze versie is intussen vervangen door versie %(number)s van %(author)s. Uw tekst is niet "
              "opgeslagen maar staat hieronder nog; bekijk wat er veranderde en sla opnieuw op.")
            % {"number": current.number, "author": current.author},
            code="stale_version",
        )
        self.current = current
        self.changes = changes


@dataclass(frozen=True)
class Change:
    """One difference between two versions, addressed by a path such as 'agreements.2.who'."""

    path: str
    old: object
    new: object


def diff(old: object, new: object, path: str = "") -> list[Change]:
    """Field-by-field differences between two JSON contents (dicts, lists and scalars)."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in sorted(set(old) | set(new), key=str):
            changes += diff(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
        return changes
    if isinstance(old, list) and isinstance(new, list):
        changes = []
        for index in range(max(len(old), len(new))):
            changes += diff(old[index] if index < len(old) else None, new[index] if index < len(new) else None,
                            f"{path}.{index + 1}" if path else str(index + 1))
        return changes
    return [] if old == new else [Change(path, old, new)]


def save_version(*, document: models.Model, version_model: type[models.Model], content: dict, author,
                 based_on: int | None, note: str = ""):
    """Append a version if `based_on` is the current number (None only for the first version).

    Locks the document row so two simultaneous saves cannot both pass the check.
    """
    with transaction.atomic():
        locked = type(document).objects.select_for_update().get(pk=document.pk)
        current = locked.current
        if current is not None and based_on != current.number:
            raise StaleVersion(current=current, changes=diff(_content_at(version_model, locked, based_on),
                                                              current.content))
        if current is not None and current.content == content:
            return current
        version = version_model.objects.create(document=locked, number=(current.number + 1) if current else 1,
                                               content=content, author=author, note=note)
        locked.current = version
        locked.save(update_fields=["current"])
        document.current = version
        return version


def _content_at(version_model, document, number: int | None) -> dict:
    if number is None:
        return {}
    old = version_model.objects.filter(document=document, number=number).first()
    return old.content if old else {}
