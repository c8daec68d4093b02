"""Writing a family's records: optimistic versions, soft removal and a change history.

Domain services call these after their own guards, inside their own transaction. Nothing here decides
who may write: that is the policy's job, done before.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.core.models import ChangeRecord

STALE_MESSAGE = gettext_lazy(
    "Iemand anders heeft dit intussen gewijzigd. Uw invoer is niet opgeslagen maar staat hieronder nog. "
    "Bekijk de wijzigingen en sla opnieuw op."
)


class StaleEdit(ValidationError):
    """Saving on top of a version that is no longer current. Carries what changed meanwhile."""

    def __init__(self, changed: dict[str, object], current_version: int):
        super().__init__(STALE_MESSAGE, code="stale")
        self.changed = changed
        self.current_version = current_version


def refuse_stale(instance: models.Model, version: int | None) -> None:
    """Refuse a save on a row that changed since the form was opened, before the service checks its rules, so
    the user gets the stale message (and their text back) rather than an error about a state they never saw.
    `update_record` checks again under a row lock."""
    if version is not None and instance.version != version:
        raise StaleEdit(changed={}, current_version=instance.version)


def _display(instance: models.Model, field: models.Field) -> str:
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    value = getattr(instance, field.name)
    if value is None or value == "":
        return ""
    return str(value)


def _editable_fields(instance: models.Model) -> list[models.Field]:
    return [f for f in instance._meta.concrete_fields if f.editable and not f.primary_key]


def create_record(*, actor, instance: models.Model, family_id) -> models.Model:
    instance.created_by = actor
    instance.full_clean()
    instance.save()
    ChangeRecord.objects.create(
        family_id=family_id, object_type=instance._meta.model_name, object_id=instance.pk, action="create",
        changes={str(f.verbose_name): ["", _display(instance, f)] for f in _editable_fields(instance)
                 if _display(instance, f)},
        user=actor,
    )
    return instance


def update_record(*, actor, instance: models.Model, version: int | None, values: dict, family_id):
    """Apply `values` to the row if `version` is still current; refuse a stale edit with what changed."""
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if version is not None and current.version != version:
            raise StaleEdit(
                changed={str(f.verbose_name): _display(current, f) for f in _editable_fields(current)
                         if _display(current, f) != _display(instance, f)},
                current_version=current.version,
            )
        before = {f.name: _display(current, f) for f in _editable_fields(current)}
        for name, value in values.items():
            setattr(current, name, value)
        current.full_clean()
        changes = {
            str(f.verbose_name): [before[f.name], _display(current, f)]
            for f in _editable_fields(current) if before[f.name] != _display(current, f)
        }
        if not changes:
            return current
        current.version += 1
        current.save()
        ChangeRecord.objects.create(family_id=family_id, object_type=model._meta.model_name,
                                    object_id=current.pk, action="update", changes=changes, user=actor)
        return current


def remove_record(*, actor, instance: models.Model, reason: str, family_id) -> None:
    """Soft removal: the row stays, marked removed, with who, when and why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor het verwijderen.")})
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        current.removed_at = timezone.now()
        current.removed_by = actor
        current.removal_reason = reason.strip()[:300]
        current.version += 1
        current.save(update_fields=["removed_at", "removed_by", "removal_reason", "version", "updated_at"])
        ChangeRecord.objects.create(family_id=family_id, object_type=model._meta.model_name,
                                    object_id=current.pk, action="remove", changes={"reden": ["", reason]},
                                    user=actor)
