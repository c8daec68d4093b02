"""Forms of escalation, partners, network and learning together (services validate; forms only collect)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.accounts.models import Municipality, Organisation, Region, User
from gezinsplan.collaboration.forms import _case_users, _label_user
from gezinsplan.collaboration.learning import (
    CaseReflection,
    CollaborationMeeting,
    CoreValueDiscussion,
    LearningGroup,
    LearningSession,
    ReflectionActivity,
    Subregion,
)
from gezinsplan.collaboration.models import ChildConversation, Escalation, Step1Result
from gezinsplan.collaboration.partners import (
    ConferenceOffer,
    ExpertConsultation,
    GiModePeriod,
    MeetingSetup,
    NetworkTask,
    PartnerInvolvement,
    PartnerUpdate,
    ProviderView,
    ReliabilityCheck,
    StakeholderApproach,
    TableSession,
)
from gezinsplan.collaboration.reference import CoreValue
from gezinsplan.core.forms import DateInput, VersionedForm
from gezinsplan.families.models import NetworkMember


class _CaseForm(VersionedForm):
    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


class PartnerForm(_CaseForm):
    class Meta:
        model = PartnerInvolvement
        fields = ["partner_type", "organisation", "name", "contact", "part"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)


class PartnerUpdateForm(_CaseForm):
    class Meta:
        model = PartnerUpdate
        fields = ["partner", "text", "posted_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = PartnerInvolvement.objects.filter(case=self.case).select_related(
            "organisation")
        self.fields["partner"].label_from_instance = lambda p: f"{p.label} ({p.get_partner_type_display()})"


class ExpertConsultationForm(_CaseForm):
    class Meta:
        model = ExpertConsultation
        fields = ["expertise", "consulted_for", "consulted_on", "expert_organisation", "advice"]


class GiModeForm(_CaseForm):
    class Meta:
        model = GiModePeriod
        fields = ["mode", "starts_on", "ends_on"]


class ConferenceOfferForm(_CaseForm):
    class Meta:
        model = ConferenceOffer
        fields = ["offered_on", "answer", "note"]


class ReliabilityCheckForm(_CaseForm):
    class Meta:
        model = ReliabilityCheck
        fields = ["member", "checked_on", "outcome", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = NetworkMember.objects.filter(family_id=self.case.family_id)


class NetworkTaskForm(_CaseForm):
    class Meta:
        model = NetworkTask
        fields = ["member", "task", "safety_task"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = NetworkMember.objects.filter(family_id=self.case.family_id)


class StakeholderForm(_CaseForm):
    class Meta:
        model = StakeholderApproach
        fields = ["must_involve", "already_involved", "win_over", "approach", "own_barrier"]


class ProviderViewForm(_CaseForm):
    conversation = forms.ModelChoiceField(label=_("Gesprek"), queryset=ChildConversation.objects.none())

    class Meta:
        model = ProviderView
        fields = ["provider", "klik", "matches_wish", "in_own_words"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conversation"].queryset = ChildConversation.objects.filter(
            case=self.case, spoken=True).select_related("child")
        self.fields["conversation"].label_from_instance = lambda c: f"{c.child.first_name}, {c.held_on:%d-%m-%Y}"
        self.order_fields(["conversation"])


class TableSessionForm(_CaseForm):
    class Meta:
        model = TableSession
        fields = ["table", "held_on", "forum", "question", "outcome"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = Organisation.objects.filter(is_active=True)


class MeetingSetupForm(VersionedForm):
    class Meta:
        model = MeetingSetup
        fields = ["method", "method_other", "format", "chair_kind", "chair_user", "chair_name"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair_user"].queryset = _case_users(meeting.case)
        self.fields["chair_user"].label_from_instance = _label_user


class DecisionEscalateForm(VersionedForm):
    class Meta:
        model = Escalation
        fields = ["other_organisation", "description", "family_informed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_organisation"].queryset = Organisation.objects.filter(is_active=True)


class EscalationStep1Form(VersionedForm):
    result = forms.ChoiceField(label=_("Uitkomst van stap 1"), choices=[("", "---------"), *Step1Result.choices],
                               required=False)
    solution = forms.CharField(label=_("Hoe is het verschil overbrugd"), widget=forms.Textarea, required=False)

    class Meta:
        model = Escalation
        fields = ["own_scientist", "other_scientist", "both_acknowledged", "joint_meeting_on"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["own_scientist"].queryset = User.objects.filter(
            role=Role.BEHAVIOURAL_SCIENTIST, organisation_id=actor.organisation_id, is_active=True)
        self.fields["own_scientist"].required = False


class EscalationRaiseForm(VersionedForm):
    reason = forms.CharField(label=_("Reden"), max_length=500, required=False)

    class Meta:
        model = Escalation
        fields = ["level", "family_informed", "step3_reason", "civil_servants", "mediators"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["civil_servants"].queryset = User.objects.filter(
            organisation__type=OrganisationType.MUNICIPALITY, is_active=True).select_related("organisation")
        self.fields["civil_servants"].label_from_instance = _label_user
        self.fields["mediators"].queryset = User.objects.filter(
            Q(role=Role.REGIONAL_CONTACT) | Q(role=Role.JBT_CHAIR), is_active=True).select_related("organisation")
        self.fields["mediators"].label_from_instance = _label_user


class EscalationResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("Opgelost op"), widget=DateInput())
    solution = forms.CharField(label=_("Oplossing"), widget=forms.Textarea, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def apply_error(self, error):
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


# --- learning together (no family data) ----------------------------------------------------------------------------

class CollaborationMeetingForm(VersionedForm):
    invitees = forms.ModelMultipleChoiceField(
        label=_("Uitgenodigde professionals"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=User.objects.none())

    class Meta:
        model = CollaborationMeeting
        fields = ["subregion", "planned_on", "title", "learning_element"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learning_element"].required = False
        self.fields["subregion"].queryset = Subregion.objects.select_related("region")
        self.fields["invitees"].queryset = User.objects.filter(
            is_active=True, organisation__type__in=[OrganisationType.LOCAL_TEAM, OrganisationType.GI,
                                                    OrganisationType.VEILIG_THUIS, OrganisationType.RVDK]
        ).select_related("organisation").order_by("organisation__type", "last_name")
        self.fields["invitees"].label_from_instance = _label_user


class CollaborationRecordForm(VersionedForm):
    attended = forms.ModelMultipleChoiceField(label=_("Aanwezig"), required=False,
                                              widget=forms.CheckboxSelectMultiple, queryset=User.objects.none())

    class Meta:
        model = CollaborationMeeting
        fields = ["met_each_other", "vision_values", "building_blocks", "first_steps", "learning_element"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learning_element"].required = False
        self.fields["attended"].queryset = User.objects.filter(
            pk__in=self.instance.invitees.values("user_id")).select_related("organisation")
        self.fields["attended"].label_from_instance = _label_user


class LearningGroupForm(VersionedForm):
    class Meta:
        model = LearningGroup
        fields = ["subregion", "name", "members"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subregion"].queryset = Subregion.objects.select_related("region")
        self.fields["members"].queryset = User.objects.filter(
            is_active=True, organisation__isnull=False).select_related("organisation").order_by("last_name")
        self.fields["members"].label_from_instance = _label_user
        self.fields["members"].widget = forms.CheckboxSelectMultiple(choices=self.fields["members"].choices)
        self.fields["members"].required = False


class CoreValueForm(VersionedForm):
    class Meta:
        model = CoreValueDiscussion
        fields = ["value", "daily_work", "hard_when", "fits"]


class LearningSessionForm(VersionedForm):
    class Meta:
        model = LearningSession
        fields = ["held_on", "hours", "cases_discussed", "attendees", "skj_conditions_met", "lessons"]

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = group.members.select_related("organisation")
        self.fields["attendees"].widget = forms.CheckboxSelectMultiple(choices=self.fields["attendees"].choices)
        self.fields["attendees"].required = False


class ReflectionActivityForm(VersionedForm):
    class Meta:
        model = ReflectionActivity
        fields = ["held_on", "kind", "hours", "participants"]


class CaseReflectionForm(VersionedForm):
    class Meta:
        model = CaseReflection
        fields = ["held_on", "organisations", "attendees", "case_summary", "lessons"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["organisations"].required = False


class CoreValuesField(forms.MultipleChoiceField):
    """R306: tag a reflection or feedback with one or more of the four core values."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Kernwaarden"),
            choices=CoreValue.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            **kwargs,
        )


class _PlainForm(forms.Form):
    def service_values(self) -> dict:
        return dict(self.cleaned_data)

    apply_error = VersionedForm.apply_error


class SubregionForm(_PlainForm):
    """R326: a subregion of a youth-care region (functional administrators)."""

    region = forms.ModelChoiceField(label=_("Regio"), queryset=Region.objects.all())
    name = forms.CharField(label=_("Naam"), max_length=100, help_text=_("Bijvoorbeeld 'Delft e.o.' of 'Westland'."))
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.select_related("region"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Een gemeente hoort bij één subregio van haar regio."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].label_from_instance = lambda m: f"{m.name} ({m.region.name})"


class RegionLearningForm(_PlainForm):
    enabled = forms.BooleanField(label=_("Lokale leergroepen aan"), required=False)
