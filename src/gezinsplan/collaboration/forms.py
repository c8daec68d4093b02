from django import forms
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import Role
from gezinsplan.accounts.models import Organisation, Team, User
from gezinsplan.analysis.models import Goal
from gezinsplan.cases.models import ChildMeasure
from gezinsplan.collaboration.models import (
    BARRIER_SIGNALS,
    Agreement,
    ArrangementRequest,
    Attendance,
    Barrier,
    BarrierStep,
    ChildConversation,
    CollaborationAgreement,
    ContactAssignment,
    ContinuingHelp,
    ConversationPurpose,
    ConversationTool,
    CoreDecision,
    Escalation,
    Feedback,
    ForumKind,
    GoalAssignment,
    InternalCaseDiscussion,
    InvolvedParty,
    LocalTeamLink,
    LtParticipation,
    Meeting,
    MeetingGoalReview,
    MeetingParticipant,
    ReflectionSession,
)
from gezinsplan.collaboration.reference import CoreValue
from gezinsplan.core import policy
from gezinsplan.core.forms import DateInput, VersionedForm
from gezinsplan.families.models import FamilyRole, NetworkMember, Person


def _case_users(case):
    """Professionals involved in the case (now or before)."""
    return (User.objects.filter(involvements__case=case, involvements__removed_at__isnull=True).distinct()
            .select_related("organisation").order_by("last_name", "first_name"))


def _label_user(user) -> str:
    org = user.organisation.label if user.organisation_id else ""
    return f"{user} ({org}, {user.get_role_display()})"


class MeetingPlanForm(VersionedForm):
    class Meta:
        model = Meeting
        fields = ["kind", "purpose", "planned_on", "chair", "agenda", "forum_team", "without_family_reason",
                  "for_next_agenda", "who_cares"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum_team"].queryset = Team.objects.filter(
            organisation__involvements__case=case).distinct().select_related("organisation")
        self.fields["agenda"].help_text = _("R063: rollen en taken gekoppeld aan de doelen, voortgang op de doelen.")


class ParticipantForm(VersionedForm):
    class Meta:
        model = MeetingParticipant
        fields = ["category", "person", "network_member", "user", "name", "organisation", "organisation_name",
                  "attendance", "invite_reason"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(family_id=meeting.family_id)
        self.fields["network_member"].queryset = NetworkMember.objects.filter(family_id=meeting.family_id)
        self.fields["user"].queryset = _case_users(meeting.case)
        self.fields["user"].label_from_instance = _label_user
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)


class MeetingRecordForm(VersionedForm):
    next_planned_on = forms.DateField(label=_("Volgende netwerkberaad op"), required=False, widget=DateInput(),
                                      help_text=_("R067: plan het volgende netwerkberaad meteen."))

    class Meta:
        model = Meeting
        fields = ["held_on", "chair", "minutes", "safety_score", "parents_absent_reason", "no_follow_up_reason",
                  "extension_decision"]

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["minutes"].required = True
        self.participants = list(participants)
        for p in self.participants:
            label = f"{p.display_name}" + (f" ({p.organisation_label})" if p.organisation_label else "")
            self.fields[f"attendance_{p.pk}"] = forms.ChoiceField(
                label=_("Aanwezigheid van %(name)s") % {"name": label}, choices=Attendance.choices,
                initial=p.attendance if p.attendance != Attendance.INVITED else Attendance.PRESENT)

    def attendance(self) -> dict:
        return {str(p.pk): self.cleaned_data[f"attendance_{p.pk}"] for p in self.participants}


class AgreementForm(VersionedForm):
    class Meta:
        model = Agreement
        fields = ["what", "who_user", "who_name", "due_on", "goal"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(family_id=case.family_id)
        self.fields["goal"].help_text = _("R063: koppel de taak waar mogelijk aan een doel.")
        self.fields["who_user"].queryset = _case_users(case)
        self.fields["who_user"].label_from_instance = _label_user
        self.fields["due_on"].required = False  # the service says what is missing, in one message per field


class AgreementDoneForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    done_on = forms.DateField(label=_("Gedaan op"), widget=DateInput())


class DecisionForm(VersionedForm):
    advice_followed = forms.TypedChoiceField(
        label=_("Advies opgevolgd"), choices=[("", "---------"), ("ja", _("ja")), ("nee", _("nee"))],
        coerce=lambda v: v == "ja", empty_value=None, required=False)

    class Meta:
        model = CoreDecision
        fields = ["kind", "decided_on", "decision", "forum_team", "participants", "behavioural_scientist", "advice",
                  "advice_followed", "justification", "forum_kind", "informing", "disputed", "children",
                  "gi_consulted"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum_team"].queryset = Team.objects.filter(
            organisation__involvements__case=case).distinct().select_related("organisation")
        users = User.objects.filter(is_active=True, organisation__isnull=False).select_related("organisation")
        self.fields["participants"].queryset = users.filter(
            Q(involvements__case=case) | Q(role=Role.BEHAVIOURAL_SCIENTIST)).distinct().order_by("last_name")
        self.fields["participants"].label_from_instance = _label_user
        self.fields["participants"].required = False
        self.fields["behavioural_scientist"].queryset = users.filter(role=Role.BEHAVIOURAL_SCIENTIST)
        self.fields["behavioural_scientist"].label_from_instance = _label_user
        self.fields["behavioural_scientist"].required = False
        self.fields["advice"].required = False
        self.fields["justification"].required = False
        self.fields["informing"].required = False
        self.fields["forum_kind"].required = False
        self.fields["children"].queryset = Person.objects.filter(family_id=case.family_id,
                                                                 family_role=FamilyRole.CHILD)
        self.fields["children"].widget = forms.CheckboxSelectMultiple(choices=self.fields["children"].choices)

    def clean_forum_kind(self):
        return self.cleaned_data.get("forum_kind") or ForumKind.CASE_DISCUSSION


class ConversationForm(VersionedForm):
    purposes = forms.MultipleChoiceField(label=_("Doel van het gesprek"), choices=ConversationPurpose.choices,
                                         widget=forms.CheckboxSelectMultiple, required=False)

    conversation_tools = forms.MultipleChoiceField(
        label=_("Gebruikte hulpmiddelen"),
        choices=ConversationTool.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ChildConversation
        fields = [
            "child",
            "held_on",
            "spoken",
            "with_parents",
            "parents_choice_reason",
            "purposes",
            "by_user",
            "explained",
            "explanation",
            "involved_in_planning",
            "child_voice",
            "how_used",
            "view_of_help",
            "conversation_tools",
            "tools",
            "not_spoken_reason",
        ]
        help_texts = {
            "parents_choice_reason": _(
                "Een bewuste keuze (R162): bijvoorbeeld zonder ouders zodat het "
                "kind vrij kan praten, of met ouders omdat het kind jong is."
            ),
            "explanation": _("In woorden die passen bij de leeftijd van het kind (R158)."),
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = Person.objects.filter(family_id=case.family_id, family_role=FamilyRole.CHILD)
        self.fields["by_user"].queryset = _case_users(case)
        self.fields["by_user"].label_from_instance = _label_user
        self.fields["with_parents"].required = False


class BarrierForm(VersionedForm):
    signals = forms.MultipleChoiceField(
        label=_("Signalen"), widget=forms.CheckboxSelectMultiple, required=False,
        choices=[(key, format_lazy("{}: {}", kind.label, label)) for kind, signals in BARRIER_SIGNALS.items()
                 for key, label in signals])

    class Meta:
        model = Barrier
        fields = ["kind", "signals", "signalled_during", "description", "other_organisation", "raised_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["signalled_during"].required = False  # the service names what is missing (R078)


class BarrierStepForm(VersionedForm):
    resolve = forms.BooleanField(label=_("De barrière is hiermee opgelost"), required=False)

    class Meta:
        model = BarrierStep
        fields = ["step", "taken_on", "with_whom", "notes",
                  # step 1: self-analysis (R080)
                  "view_kind", "want_to_know", "agree_on", "my_share", "my_behaviour", "could_do",
                  "critical_colleague",
                  # step 2: the conversation (R081)
                  "named_to_other", "invitation_sent_on", "goal_focus", "shared_analysis", "feedback_colleague",
                  "outcome", "skip_reason", "status_quo", "safety_not_affected"]


class EscalationForm(VersionedForm):
    consulted_other = forms.BooleanField(label=_("Ik heb eerst overlegd met de andere professional (R462)"),
                                         required=False)
    no_specific_agreement = forms.BooleanField(
        label=_("Situatie 2: er is geen specifieke afspraak; de algemeen geldende afspraken gelden (R463)"),
        required=False)
    cannot_reach_lt = forms.BooleanField(
        label=_("Het gaat erom dat de jeugdbeschermer geen contact krijgt met het lokaal team"), required=False,
        help_text=_("R471: daarvoor is dit escalatiemodel niet bedoeld; u krijgt de juiste route te zien."))

    class Meta:
        model = Escalation
        fields = ["situation", "level", "other_organisation", "agreement_reference", "no_specific_agreement",
                  "conduct_observed", "conduct_norm", "description", "family_informed", "cannot_reach_lt"]


class FeedbackForm(VersionedForm):
    core_values = forms.MultipleChoiceField(label=_("Kernwaarden (R306)"), choices=CoreValue.choices,
                                            widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Feedback
        fields = ["about_organisation", "sentiment", "text", "given_on", "core_values"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("given_on", policy.today())


class ReflectionForm(VersionedForm):
    core_values = forms.MultipleChoiceField(label=_("Kernwaarden (R306)"), choices=CoreValue.choices,
                                            widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = ReflectionSession
        fields = ["level", "held_on", "topic", "participants", "technical", "normative", "personal", "outcomes",
                  "core_values"]


# --- meetings part (meetings_services.py) ------------------------------------------------------------------------

class ServiceForm(forms.Form):
    """A plain form whose cleaned data are a service's keyword arguments."""

    def service_values(self) -> dict:
        return dict(self.cleaned_data)

    def apply_error(self, error) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


class PartyForm(VersionedForm):
    class Meta:
        model = InvolvedParty
        fields = ["party_type", "organisation_name", "contact_person", "responsibility", "active_from",
                  "active_until"]


class ContactForm(VersionedForm):
    class Meta:
        model = ContactAssignment
        fields = ["person", "professional", "meeting", "note"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(family_id=case.family_id)
        self.fields["professional"].queryset = _case_users(case)
        self.fields["professional"].label_from_instance = _label_user
        self.fields["meeting"].queryset = Meeting.objects.filter(case=case)


class CollaborationAgreementForm(VersionedForm):
    class Meta:
        model = CollaborationAgreement
        fields = ["roles", "tasks", "responsibilities", "availability", "decision_forums", "agreed_on"]


class LtParticipationForm(VersionedForm):
    class Meta:
        model = LtParticipation
        fields = ["professional", "level", "every_weeks", "starts_on", "ends_on", "note"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = _case_users(case).filter(organisation__type="lokaal_team")
        self.fields["professional"].label_from_instance = _label_user


class ArrangementRequestForm(ServiceForm):
    arrangement = forms.ChoiceField(label=_("Gemeentelijke regeling"))
    question = forms.CharField(label=_("Verzoek"), max_length=500, widget=forms.Textarea,
                               help_text=_("Toepassen of bespoedigen, en waarom."))
    requested_on = forms.DateField(label=_("Gevraagd op"), widget=DateInput())

    def __init__(self, *args, arrangements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arrangement"].choices = [(a, a) for a in arrangements]


class ArrangementResolveForm(ServiceForm):
    request = forms.ModelChoiceField(label=_("Verzoek"), queryset=ArrangementRequest.objects.none())
    result = forms.CharField(label=_("Resultaat"), max_length=500)
    resolved_on = forms.DateField(label=_("Afgehandeld op"), widget=DateInput())

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = ArrangementRequest.objects.filter(case=case, resolved_on__isnull=True)
        self.fields["request"].label_from_instance = lambda r: f"{r.arrangement}: {r.question}"


class ContinuingHelpForm(VersionedForm):
    class Meta:
        model = ContinuingHelp
        fields = ["help", "provider", "monitor"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["monitor"].queryset = _case_users(case).filter(organisation__type="lokaal_team")
        self.fields["monitor"].label_from_instance = _label_user


class InternalDiscussionForm(VersionedForm):
    class Meta:
        model = InternalCaseDiscussion
        fields = ["held_on", "present", "question", "plan_of_approach"]


class LocalTeamLinkForm(VersionedForm):
    class Meta:
        model = LocalTeamLink
        fields = ["measure", "linked_on", "lt_contact", "informed_how"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = ChildMeasure.objects.filter(case=case, removed_at__isnull=True)


class GoalAssignForm(ServiceForm):
    goal = forms.ModelChoiceField(label=_("Doel"), queryset=Goal.objects.none())
    organisation = forms.ModelChoiceField(label=_("Verantwoordelijke aanbieder"),
                                          queryset=Organisation.objects.filter(is_active=True))
    consulted = forms.CharField(label=_("Wie is geraadpleegd"), max_length=300, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(family_id=case.family_id)


class AssignmentUpdateForm(ServiceForm):
    assignment = forms.ModelChoiceField(label=_("Opdracht"), queryset=GoalAssignment.objects.none())
    approach = forms.CharField(label=_("Aanpak (het hoe)"), max_length=4000, widget=forms.Textarea)
    execution_plan = forms.CharField(label=_("Uitvoeringsplan"), max_length=8000, widget=forms.Textarea,
                                     required=False)

    # The versions the page was opened on ("<id>:<version>,..."), or one version after a stale edit was refused:
    # a save on top of a version that is no longer current is refused (core.records.update_record).
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = GoalAssignment.objects.filter(
            family_id=case.family_id, organisation_id=user.organisation_id).select_related("goal")
        self.fields["assignment"].label_from_instance = lambda a: str(a.goal)
        if not self.is_bound:
            self.initial["version"] = ",".join(
                f"{a.pk}:{a.version}" for a in self.fields["assignment"].queryset)

    def clean(self):
        cleaned = super().clean()
        seen, assignment = cleaned.get("version") or "", cleaned.get("assignment")
        if seen.isdigit():
            cleaned["version"] = int(seen)
        else:
            versions = dict(pair.split(":", 1) for pair in seen.split(",") if ":" in pair)
            number = versions.get(str(assignment.pk)) if assignment is not None else None
            cleaned["version"] = int(number) if number and number.isdigit() else None
        return cleaned


class GoalReviewForm(VersionedForm):
    class Meta:
        model = MeetingGoalReview
        fields = ["goal", "progress", "note"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(family_id=meeting.family_id)


class DateForm(ServiceForm):
    on = forms.DateField(label=_("Datum"), widget=DateInput())


class NotKeptForm(ServiceForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    on = forms.DateField(label=_("Niet nagekomen op"), widget=DateInput())
    reason = forms.CharField(label=_("Waarom niet nagekomen"), max_length=500)
