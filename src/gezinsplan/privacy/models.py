from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AccessAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    DOWNLOAD = "download", _("gedownload")
    SEARCH = "search", _("gezocht")


class AccessLogEntry(models.Model):
    """One NEN 7513 event: who did what with which family's data, when, from where and why.

    Append-only. Each row carries the hash of its content and of the previous row (a hash chain),
    so a changed or removed row is found by `manage.py verify_access_log`.
    """

    id = models.BigAutoField(primary_key=True)
    seq = models.BigIntegerField(unique=True, editable=False)
    occurred_at = models.DateTimeField(_("tijdstip"), db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(_("gebruiker"), max_length=150)
    role = models.CharField(_("rol"), max_length=30)
    organisation = models.CharField(_("organisatie"), max_length=150)
    on_behalf_of = models.CharField(_("namens"), max_length=150, blank=True)
    family_id = models.UUIDField(_("gezin"), null=True, db_index=True)
    person_id = models.UUIDField(_("gezinslid"), null=True)
    action = models.CharField(_("actie"), max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=60)
    object_id = models.CharField(_("gegeven"), max_length=64, blank=True)
    channel = models.CharField(_("kanaal"), max_length=10)  # page, api, download, command
    ip_address = models.GenericIPAddressField(_("adres"), null=True)
    reason = models.CharField(_("grondslag"), max_length=200,
                              help_text=_("Waarom toegang: de betrokkenheid of rol die toegang gaf."))
    emergency = models.BooleanField(_("noodtoegang"), default=False)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["family_id", "-id"]),
            models.Index(fields=["user", "-id"]),
        ]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")


class AccessLogHead(models.Model):
    """The single row that holds the end of the chain; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
