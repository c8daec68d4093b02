from django import forms
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import Role
from gezinsplan.accounts.models import Municipality, Organisation, User
from gezinsplan.core.forms import DateInput, VersionedForm
from gezinsplan.families.models import FamilyRole, Person
from gezinsplan.privacy.models import AccessAction, ConfidentialityBreach, Consent, Disclosure


class ConsentForm(VersionedForm):
    class Meta:
        model = Consent
        fields = [
            "subject",
            "children",
            "given_by",
            "information",
            "recipient",
            "recipient_organisation",
            "purpose",
            "form",
            "given_on",
            "granted",
            "explained",
            "reasons",
            "objections",
            "objections_resolved",
            "withdrawal_explained",
            "expires_on",
            "blocks_help",
        ]
        widgets = {
            "children": forms.CheckboxSelectMultiple,
            "given_by": forms.CheckboxSelectMultiple,
            "explained": forms.Textarea(attrs={"rows": 3}),
            "reasons": forms.Textarea(attrs={"rows": 2}),
            "objections": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        persons = Person.objects.filter(family=family)
        self.fields["children"].queryset = persons.filter(family_role=FamilyRole.CHILD)
        self.fields["given_by"].queryset = persons
        self.fields["recipient"].required = False
        self.fields["recipient_organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["given_by"].help_text = _("Jonger dan 12: de ouders met gezag. 12 tot 16: de ouders met gezag én "
                                              "de jongere. 16 of ouder: de jongere zelf.")


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label=_("Ingetrokken op"), widget=DateInput())
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class DisclosureForm(VersionedForm):
    class Meta:
        model = Disclosure
        fields = ["kind", "counterpart", "counterpart_organisation", "children", "information", "purpose",
                  "occurred_on", "basis", "basis_explanation", "consent", "breach", "considerations",
                  "family_informed_on", "family_informed_how", "not_informed_reason"]
        widgets = {"children": forms.CheckboxSelectMultiple, "considerations": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counterpart"].required = False
        self.fields["counterpart_organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["children"].queryset = Person.objects.filter(family=family, family_role=FamilyRole.CHILD)
        self.fields["consent"].queryset = Consent.objects.filter(
            family=family,
            granted=True,
            revoked_on__isnull=True,
            subject="exchange",
            disclosure__isnull=True,
            removed_at__isnull=True,
        )
        self.fields["breach"].queryset = ConfidentialityBreach.objects.filter(family=family, removed_at__isnull=True)

    def clean(self):
        data = super().clean()
        if not data.get("counterpart") and not data.get("counterpart_organisation"):
            self.add_error("counterpart", _("Vul in aan of van wie de informatie gaat."))
        return data


class BreachForm(VersionedForm):
    class Meta:
        model = ConfidentialityBreach
        fields = ["decided_on", "why_no_consent", "weighing", "consulted_colleague", "consulted_behavioural_scientist",
                  "consulted_manager", "consulted_names", "data_provided", "recipient", "purpose"]
        widgets = {"why_no_consent": forms.Textarea(attrs={"rows": 3}), "weighing": forms.Textarea(attrs={"rows": 4})}


class ConsultationForm(forms.Form):
    apply_error = VersionedForm.apply_error

    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=Municipality.objects.all())
    consulted = forms.ModelChoiceField(label=_("Wie raadpleegt u"), queryset=User.objects.none())
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    question = forms.CharField(label=_("Vraag (anoniem)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Zonder namen, BSN, adres, exacte datums, telefoonnummers of "
                                           "e-mailadressen. Noem 'moeder', 'zoon (8)'."))
    advice = forms.CharField(label=_("Advies (anoniem)"), max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        role = Role.GI_PROTECTOR if user.role == Role.LT_PROFESSIONAL else Role.LT_PROFESSIONAL
        self.fields["consulted"].queryset = User.objects.filter(role=role, is_active=True).select_related(
            "organisation")
        if user.role == Role.LT_PROFESSIONAL:
            self.fields["consulted"].queryset = self.fields["consulted"].queryset.filter(
                fixed_assignments__isnull=False).distinct()
            self.fields["consulted"].help_text = _("De vaste jeugdbeschermers van de GI (R004).")


class EmergencyForm(forms.Form):
    bsn = forms.CharField(label=_("BSN van een gezinslid"), max_length=11)
    birth_date = forms.DateField(label=_("Geboortedatum van dat gezinslid"), widget=DateInput())
    reason = forms.CharField(label=_("Reden voor noodtoegang"), max_length=1000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Waarom moet u dit gezin nu inzien? Uw teamleider beoordeelt dit."))

    def clean_bsn(self):
        return "".join(self.cleaned_data["bsn"].split()).replace(".", "")


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Oordeel"), max_length=500, required=False)


class OtpForm(forms.Form):
    otp_token = forms.CharField(label=_("Eenmalige code"), max_length=8,
                                widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Actie"), required=False,
                               choices=[("", _("Alle acties")), *AccessAction.choices])
    emergency = forms.BooleanField(label=_("Alleen noodtoegang"), required=False)
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())


class LogSearchForm(LogFilterForm):
    bsn = forms.CharField(label=_("BSN van een gezinslid"), max_length=11, required=False,
                          help_text=_("Wie heeft dit gezin gezien?"))
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150, required=False,
                               help_text=_("Welke gezinnen heeft deze gebruiker gezien?"))

    def clean(self):
        data = super().clean()
        if not data.get("bsn") and not data.get("username"):
            raise forms.ValidationError(_("Vul een BSN of een gebruikersnaam in."))
        return data


class LegalHoldForm(forms.Form):
    apply_error = VersionedForm.apply_error

    reason = forms.CharField(
        label=_("Reden van de bewaarplicht"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: klachtprocedure, rechtszaak, onderzoek van de inspectie."),
    )


class DestructionRequestForm(forms.Form):
    apply_error = VersionedForm.apply_error

    requested_by = forms.ModelChoiceField(
        label=_("Verzoek van"),
        queryset=Person.objects.none(),
        help_text=_("Een ouder, of een jongere van 12 jaar of ouder."),
    )
    received_on = forms.DateField(label=_("Schriftelijk ontvangen op"), widget=DateInput())

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_by"].queryset = Person.objects.filter(family=family)


class DestructionDecisionForm(forms.Form):
    request_id = forms.UUIDField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Besluit"), choices=[("grant", _("toekennen")), ("refuse", _("afwijzen"))])
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class LiftHoldForm(forms.Form):
    hold_id = forms.UUIDField(widget=forms.HiddenInput)


class FollowUpForm(forms.Form):
    apply_error = VersionedForm.apply_error

    follow_up_id = forms.UUIDField(widget=forms.HiddenInput)
    outcome = forms.CharField(
        label=_("Uitkomst"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    forced_framework_needed = forms.NullBooleanField(
        label=_("Is het gedwongen kader nodig?"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("ja")), ("false", _("nee"))]),
    )
    still_refused = forms.NullBooleanField(
        label=_("Weigeren de ouders nog steeds?"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("ja")), ("false", _("nee"))]),
    )


class LearningMaterialForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst uit het dossier"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Wordt niet opgeslagen. Namen worden rollen ('moeder', 'kind 1 (8)'); BSN, "
            "datums, adressen en contactgegevens worden weggelaten."
        ),
    )
