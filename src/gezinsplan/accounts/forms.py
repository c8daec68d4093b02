from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token

from gezinsplan.accounts.models import Contact, Municipality, Organisation
from gezinsplan.core.forms import VersionedForm


class LoginForm(AuthenticationForm):
    """Username and password; a one-time code as well for a user with two-factor login set up."""

    otp_token = forms.CharField(label=_("Eenmalige code (als u tweestapsverificatie gebruikt)"), required=False,
                                max_length=8, widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                                            "inputmode": "numeric"}))
    error_messages = {
        "invalid_login": _("Deze combinatie van gebruikersnaam en wachtwoord is onbekend. Let op: na vijf "
                           "mislukte pogingen wordt het account een tijd geblokkeerd."),
        "inactive": _("Dit account is niet actief."),
        "otp_required": _("Vul de eenmalige code uit uw authenticator-app in."),
        "otp_invalid": _("Deze eenmalige code klopt niet of is verlopen."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        self.otp_device = verify_otp(user, self.cleaned_data.get("otp_token", ""), self.error_messages)


def verify_otp(user, token: str, error_messages) -> object | None:
    """A user with a confirmed device must give a valid code. Returns the matched device."""
    devices = list(devices_for_user(user, confirmed=True))
    if not devices:
        return None
    if not token:
        raise forms.ValidationError(error_messages["otp_required"], code="otp_required")
    device = match_token(user, token.strip())
    if device is None:
        raise forms.ValidationError(error_messages["otp_invalid"], code="otp_invalid")
    return device


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam of functie"), max_length=100, required=False)
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=Municipality.objects.all(), required=False,
                                          empty_label=_("Alle gemeenten"))
    organisation = forms.ModelChoiceField(label=_("Organisatie"), queryset=Organisation.objects.all(),
                                          required=False, empty_label=_("Alle organisaties"))


class ContactForm(VersionedForm):
    class Meta:
        model = Contact
        fields = ["name", "function_title", "organisation", "municipality", "phone", "email", "availability",
                  "last_verified", "is_active"]
