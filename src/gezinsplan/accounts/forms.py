from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token

from gezinsplan.accounts.constants import Role
from gezinsplan.accounts.models import (
    ConsultationKind,
    Contact,
    Municipality,
    Organisation,
    SupportKind,
    TrainingKind,
    User,
)
from gezinsplan.core.forms import DateInput, VersionedForm


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


class CaseSupportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rol"), choices=SupportKind.choices)
    user = forms.ModelChoiceField(label=_("Wie"), queryset=User.objects.none())
    since = forms.DateField(label=_("Sinds"), widget=DateInput())
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)
    apply_error = VersionedForm.apply_error

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).exclude(
            role__in=[Role.PARENT, Role.YOUTH]).select_related("organisation").order_by("last_name", "first_name")


class ExpertConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=ConsultationKind.choices)
    expert = forms.ModelChoiceField(label=_("Deskundige"), queryset=User.objects.none(),
                                    help_text=_("Een gedragswetenschapper of een jurist."))
    decision_type = forms.CharField(label=_("Voor welk kernbesluit (optioneel)"), max_length=30, required=False)
    question = forms.CharField(label=_("Vraag"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    advice = forms.CharField(label=_("Advies (als het al gegeven is)"), max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    still_to_gather = forms.CharField(label=_("Nog uit te zoeken vóór de teambespreking"), max_length=2000,
                                      required=False, widget=forms.Textarea(attrs={"rows": 2}))
    apply_error = VersionedForm.apply_error

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = User.objects.filter(
            is_active=True, role__in=[Role.BEHAVIOURAL_SCIENTIST, Role.LAWYER]).select_related("organisation")


class AnswerForm(forms.Form):
    consultation_id = forms.UUIDField(widget=forms.HiddenInput)
    advice = forms.CharField(label=_("Advies"), max_length=4000, required=False)
    still_to_gather = forms.CharField(label=_("Nog uit te zoeken"), max_length=2000, required=False)


class AttendanceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort bijeenkomst"), choices=TrainingKind.choices)
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    title = forms.CharField(label=_("Omschrijving"), max_length=150, required=False)
    users = forms.ModelMultipleChoiceField(label=_("Aanwezig"), queryset=User.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)
    apply_error = VersionedForm.apply_error

    def __init__(self, *args, team_members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = team_members
