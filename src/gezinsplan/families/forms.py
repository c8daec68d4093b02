from django import forms
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import OrganisationType
from gezinsplan.accounts.models import Municipality, Organisation
from gezinsplan.cases.models import IntakeSource
from gezinsplan.core.forms import DateInput, VersionedForm
from gezinsplan.families.models import Family, FamilyRole, NetworkMember, Person, Relationship


class FamilyOpenForm(VersionedForm):
    reason = forms.CharField(label=_("Aanleiding"), max_length=300,
                             help_text=_("Waarom komt dit gezin in beeld? Concreet en feitelijk."))
    intake_source = forms.ChoiceField(label=_("Binnengekomen via"), choices=IntakeSource.choices,
                                      help_text=_("R351: hoe het gezin in beeld kwam."))
    opened_on = forms.DateField(label=_("Startdatum"), widget=DateInput())

    class Meta:
        model = Family
        fields = ["name", "municipality", "local_team", "interpreter_language", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.select_related("region")
        self.fields["local_team"].queryset = Organisation.objects.filter(type=OrganisationType.LOCAL_TEAM)


class FamilyForm(VersionedForm):
    class Meta:
        model = Family
        fields = ["name", "municipality", "local_team", "interpreter_language", "composition_confirmed", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_team"].queryset = Organisation.objects.filter(type=OrganisationType.LOCAL_TEAM)


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "family_role", "gender", "birth_date", "expected_birth_date", "bsn",
                  "in_household", "custody", "is_referred", "deceased", "trusted_person"]

    def clean_bsn(self):
        return "".join((self.cleaned_data.get("bsn") or "").split()).replace(".", "")


class RelationshipForm(VersionedForm):
    class Meta:
        model = Relationship
        fields = ["from_person", "kind", "to_person", "has_custody", "note"]

    def __init__(self, *args, family: Family, **kwargs):
        super().__init__(*args, **kwargs)
        persons = Person.objects.filter(family=family)
        self.fields["from_person"].queryset = persons
        self.fields["to_person"].queryset = persons


class NetworkMemberForm(VersionedForm):
    class Meta:
        model = NetworkMember
        fields = ["name", "relation", "child", "group", "support", "contact_frequency", "phone", "email", "address"]

    def __init__(self, *args, family: Family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = Person.objects.filter(family=family, family_role=FamilyRole.CHILD)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam, BSN of geboortedatum"), max_length=100, required=False,
                        help_text=_("Bijvoorbeeld 'Jansen', '123456782' of '14-03-2015'. U vindt alleen gezinnen "
                                    "waarbij u betrokken bent."))
