from django import forms
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import OrganisationType
from gezinsplan.accounts.models import Municipality, Organisation
from gezinsplan.cases.models import IntakeSource
from gezinsplan.core.forms import DateInput, VersionedForm, VersionField
from gezinsplan.families.models import (
    CareArrangement,
    ChildPerspective,
    Family,
    FamilyRole,
    FinancialAdministrator,
    LastChanceMarker,
    NetworkMember,
    Person,
    PersonResidence,
    Relationship,
    SafetyContribution,
    WordsAndPicturesStory,
)


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
    last_chance_markers = forms.MultipleChoiceField(
        label=_("Kenmerken laatste-kansgezin"), choices=LastChanceMarker.choices, required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Family
        fields = ["name", "municipality", "local_team", "interpreter_language", "composition_confirmed", "notes",
                  "last_chance", "last_chance_markers", "self_reliance_at_close"]
        widgets = {"self_reliance_at_close": forms.Textarea(attrs={"rows": 3})}

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


class _FamilyRowForm(VersionedForm):
    """A form for a row of the family's situation: person choices limited to this family."""

    person_fields: dict = {}

    def __init__(self, *args, family: Family, **kwargs):
        super().__init__(*args, **kwargs)
        persons = Person.objects.filter(family=family)
        for name, role in self.person_fields.items():
            if role:
                self.fields[name].queryset = persons.filter(family_role=role)
            elif name in ("adults", "agreed_by"):
                self.fields[name].queryset = persons.exclude(family_role=FamilyRole.CHILD)
            else:
                self.fields[name].queryset = persons


class ResidenceForm(_FamilyRowForm):
    person_fields = {"person": None}

    class Meta:
        model = PersonResidence
        fields = ["person", "kind", "municipality", "situation", "since", "note"]


class ArrangementForm(_FamilyRowForm):
    person_fields = {"child": FamilyRole.CHILD, "adults": None}

    class Meta:
        model = CareArrangement
        fields = ["child", "kind", "adults", "starts_on", "ends_on", "conditions"]
        widgets = {"adults": forms.CheckboxSelectMultiple, "conditions": forms.Textarea(attrs={"rows": 3})}


class AdministratorForm(_FamilyRowForm):
    class Meta:
        model = FinancialAdministrator
        fields = ["name", "organisation_name", "appointed_on", "ended_on", "change_reason"]


class PerspectiveForm(_FamilyRowForm):
    person_fields = {"child": FamilyRole.CHILD}

    class Meta:
        model = ChildPerspective
        fields = ["child", "own_story", "wishes", "heard_how", "heard_on", "own_help"]
        widgets = {"own_story": forms.Textarea(attrs={"rows": 5}), "wishes": forms.Textarea(attrs={"rows": 3}),
                   "own_help": forms.Textarea(attrs={"rows": 3})}


class ContributionForm(_FamilyRowForm):
    person_fields = {"person": None}

    class Meta:
        model = SafetyContribution
        fields = ["person", "contribution", "recorded_on"]
        widgets = {"contribution": forms.Textarea(attrs={"rows": 3})}


class StoryForm(_FamilyRowForm):
    person_fields = {"children": FamilyRole.CHILD, "agreed_by": None}

    class Meta:
        model = WordsAndPicturesStory
        fields = ["title", "children", "agreed_by", "three_houses", "safety_circles", "told_not_to_blame"]
        widgets = {"children": forms.CheckboxSelectMultiple, "agreed_by": forms.CheckboxSelectMultiple}


class StoryAdvanceForm(forms.Form):
    """R665: the next step of a story, on the version the user saw."""

    version = VersionField()
