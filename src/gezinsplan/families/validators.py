from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as stdnum_bsn


def validate_bsn(value: str) -> None:
    """A BSN has nine digits and passes the 11-test (elfproef)."""
    if not value:
        return
    if not value.isdigit() or len(value) != 9:
        raise ValidationError(_("Een BSN bestaat uit precies 9 cijfers."), code="bsn_format")
    if not stdnum_bsn.is_valid(value):
        raise ValidationError(_("Dit BSN klopt niet: het voldoet niet aan de elfproef."), code="bsn_checksum")


def validate_not_in_future(value: date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."), code="future")


def validate_not_before_1900(value: date) -> None:
    if value and value.year < 1900:
        raise ValidationError(_("Vul een datum na 1900 in."), code="too_old")
