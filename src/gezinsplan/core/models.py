"""Abstract bases shared by the domain apps."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveManager(models.Manager):
    """Rows that were not (softly) removed; a family record's `objects`, beside `all_objects`."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class FamilyRecord(models.Model):
    """A row of a family's data: opaque id, optimistic version, who made it, soft removal."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False)
    removal_reason = models.CharField(_("reden van verwijderen"), max_length=300, blank=True, editable=False)

    class Meta:
        abstract = True


class ChangeRecord(models.Model):
    """What changed in a family's data: the history shown on the family page. Never updated."""

    id = models.BigAutoField(primary_key=True)
    family_id = models.UUIDField(db_index=True)
    object_type = models.CharField(max_length=60)
    object_id = models.UUIDField()
    action = models.CharField(max_length=10)  # create, update, remove
    changes = models.JSONField(default=dict)  # {field label: [old, new]}
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["family_id", "-id"])]


class ExtraHoliday(models.Model):
    """A day off that the Algemene termijnenwet does not list, added by an administrator (core.calendar)."""

    day = models.DateField(_("datum"), unique=True)
    name = models.CharField(_("omschrijving"), max_length=100)

    class Meta:
        ordering = ["day"]
        verbose_name = _("extra vrije dag")
        verbose_name_plural = _("extra vrije dagen")

    def __str__(self):
        return f"{self.name} ({self.day:%d-%m-%Y})"
