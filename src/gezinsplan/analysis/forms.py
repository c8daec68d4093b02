"""Forms of the analysis screens. Validation that spans rows lives in the services."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.analysis.instruments import CATALOGUE
from gezinsplan.analysis.models import (
    Background,
    ConcernOrStrength,
    ContactNote,
    DangerStatement,
    FamilyAnalysis,
    FfpAim,
    Goal,
    HelpEpisode,
    InstrumentUse,
    IntakeTask,
    LifeDomainReview,
    MatchingNote,
    ParentingQuestionnaire,
    PatternElement,
    PlanEndorsement,
    RelationalFunction,
    ScreeningItem,
    TimelineEvent,
)
from gezinsplan.core.forms import VersionedForm
from gezinsplan.families.models import Person

# The parts of the analysis row, each edited on its own screen: (url segment, title, fields).
PARTS = {
    "aanleiding": (
        _("Aanleiding en vraag van het gezin"),
        [
            "reason",
            "first_event",
            "last_event",
            "worst_event",
            "family_question",
            "underlying_question",
            "request_parents",
            "request_child",
            "care_report",
            "family_needs_now",
            "parents_underlying_problems",
            "relational_dynamics",
            "family_view",
        ],
    ),
    "tijdlijn-kop": (
        _("Tijdlijn: periode en bespreking met het gezin"),
        [
            "timeline_from",
            "timeline_to",
            "timeline_discussed_on",
            "timeline_discussed_with",
            "timeline_reactions",
            "network_background",
        ],
    ),
    "patroon": (
        _("Gezinspatroon en nobele intentie"),
        ["biggest_concern", "pattern_request", "pattern_sentence", "noble_intention"],
    ),
    "verklaring": (
        _("Verklarende analyse: oorzaak en instandhoudende factoren"),
        ["threat_cause", "maintaining_factors", "symptoms"],
    ),
    "eindsituatie": (
        _("Haalbare eindsituatie"),
        [
            "end_pattern_clear",
            "end_missing_information",
            "end_description",
            "end_changeable",
            "end_compensate",
            "end_compensate_how",
            "end_strengths",
            "end_wish_realistic",
            "end_children_where",
            "end_good_enough",
            "end_term",
            "end_agreed_by_family_on",
        ],
    ),
    "veranderplan": (
        _("Veranderplan en taakverdeling"),
        [
            "change_aim",
            "patterns_to_break",
            "recurrence_cause",
            "help_to_break",
            "help_from_network",
            "help_to_stay_out",
            "task_family",
            "task_network",
            "task_professionals",
            "information_needed",
            "picture_changed",
        ],
    ),
    "borgingsplan": (
        _("Borgingsplan"),
        [
            "assurance_agreements",
            "adherence_check",
            "if_stuck",
            "relapse_signals",
            "relapse_actions",
            "who_steps_in",
            "continued_help",
            "lt_follow_up",
        ],
    ),
}


def part_form_class(part: str) -> type[VersionedForm]:
    _title, fields = PARTS[part]
    meta = type(
        "Meta",
        (),
        {
            "model": FamilyAnalysis,
            "fields": fields,
            "widgets": {
                f: forms.Textarea(attrs={"rows": 3})
                for f in fields
                if isinstance(FamilyAnalysis._meta.get_field(f), models.TextField)
            },
        },
    )
    return type(f"AnalysisPartForm_{part.replace('-', '_')}", (VersionedForm,), {"Meta": meta})


class StartForm(forms.Form):
    confirm_reason = forms.CharField(
        label=_("Reden om de analyse nu te starten"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen nodig als de directe veiligheid nog onder de 6 is."),
    )


class PublishForm(forms.Form):
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(label=_("Wat is er veranderd in deze versie?"), max_length=300, required=False)


class FamilyRecordForm(VersionedForm):
    """A record form whose person choices are the persons of this family."""

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.family = family
        if "person" in self.fields:
            self.fields["person"].queryset = Person.objects.filter(family=family)
        for name in ("pattern_element", "targets", "patterns"):
            if name in self.fields:
                self.fields[name].queryset = PatternElement.objects.filter(family=family)
                self.fields[name].label_from_instance = lambda e: str(e)
        for name in ("members", "from_person", "to_person"):
            if name in self.fields:
                self.fields[name].queryset = Person.objects.filter(family=family)
        if "concern" in self.fields:
            self.fields["concern"].queryset = ConcernOrStrength.objects.filter(family=family, kind="concern")
        if "goal" in self.fields:
            self.fields["goal"].queryset = Goal.objects.filter(family=family)


def _textareas(*names):
    return {name: forms.Textarea(attrs={"rows": 3}) for name in names}


class TimelineEventForm(FamilyRecordForm):
    class Meta:
        model = TimelineEvent
        fields = [
            "occurred_on",
            "precision",
            "approximate",
            "kind",
            "title",
            "description",
            "person",
            "source",
            "patterns",
            "new_pattern",
        ]
        widgets = {**_textareas("description"), "patterns": forms.CheckboxSelectMultiple}


class HelpEpisodeForm(FamilyRecordForm):
    class Meta:
        model = HelpEpisode
        fields = [
            "provider",
            "offer",
            "started_on",
            "start_precision",
            "ended_on",
            "reason",
            "aimed_at",
            "person",
            "life_domain",
            "goals",
            "result",
            "ending",
            "contact",
            "relationship_with_helper",
            "what_worked",
            "what_did_not_work",
            "targets",
        ]
        widgets = _textareas("goals", "result", "relationship_with_helper", "what_worked", "what_did_not_work")


class BackgroundForm(FamilyRecordForm):
    class Meta:
        model = Background
        fields = [
            "person",
            "relationships",
            "development",
            "finances_housing",
            "health",
            "leisure",
            "transgenerational",
            "noble_intention",
            "motivation",
            "learnability",
            "insight",
        ]
        widgets = _textareas(
            "relationships",
            "development",
            "finances_housing",
            "health",
            "leisure",
            "transgenerational",
            "noble_intention",
            "motivation",
            "learnability",
            "insight",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].required = True


class ConcernForm(FamilyRecordForm):
    class Meta:
        model = ConcernOrStrength
        fields = [
            "kind",
            "text",
            "life_domain",
            "person",
            "noted_on",
            "discussed_with_family",
            "discussed_on",
            "threat",
            "desired_outcome",
        ]
        widgets = _textareas("text", "threat", "desired_outcome")


class DangerStatementForm(FamilyRecordForm):
    class Meta:
        model = DangerStatement
        fields = ["text", "safety_goal"]
        widgets = _textareas("text", "safety_goal")


class PatternElementForm(FamilyRecordForm):
    class Meta:
        model = PatternElement
        fields = [
            "kind",
            "person",
            "text",
            "life_domain",
            "facts",
            "underlying_causes",
            "members",
            "intergenerational",
            "discussed_with_family",
            "status",
            "broken_on",
            "broken_evidence",
        ]
        widgets = {
            **_textareas("text", "underlying_causes", "broken_evidence"),
            "members": forms.CheckboxSelectMultiple,
        }


class GoalForm(FamilyRecordForm):
    progress_note = forms.CharField(label=_("Toelichting bij de voortgang"), max_length=500, required=False)

    class Meta:
        model = Goal
        fields = [
            "what",
            "measurable",
            "who",
            "when",
            "progress",
            "status",
            "pattern_element",
            "life_domain",
            "agreed_with",
            "provider",
            "concern",
        ]
        widgets = _textareas("what")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # who and when are checked by the service with the Dutch messages of R029
        self.fields["who"].required = False
        self.fields["when"].required = False
        self.fields["progress"].min_value = None
        self.fields["progress"].max_value = None
        self.fields["progress"].validators = []
        self.fields["progress"].widget.attrs.pop("min", None)
        self.fields["progress"].widget.attrs.pop("max", None)

    def _post_clean(self):
        # model validation runs in the service, so its Dutch messages land on the fields
        pass

    def service_values(self) -> dict:
        values = super().service_values()
        values.pop("progress_note", None)
        values["who"] = values.get("who") or ""
        return values


class ScreeningItemForm(FamilyRecordForm):
    class Meta:
        model = ScreeningItem
        fields = ["person", "category", "other_label", "result", "note", "referral", "goal"]
        widgets = _textareas("note", "referral")


class LifeDomainReviewForm(FamilyRecordForm):
    class Meta:
        model = LifeDomainReview
        fields = ["domain", "status", "facts"]
        widgets = _textareas("facts")


class EndorsementForm(FamilyRecordForm):
    class Meta:
        model = PlanEndorsement
        fields = ["person", "stance", "reason", "recorded_on"]
        widgets = _textareas("reason")


class RelationalFunctionForm(FamilyRecordForm):
    class Meta:
        model = RelationalFunction
        fields = ["from_person", "to_person", "connectedness", "hierarchy"]
        widgets = _textareas("connectedness", "hierarchy")


class MatchingNoteForm(FamilyRecordForm):
    class Meta:
        model = MatchingNote
        fields = ["approach", "position"]
        widgets = _textareas("approach", "position")


class ContactNoteForm(FamilyRecordForm):
    ffp_aims = forms.MultipleChoiceField(
        label=_("FFP-doelen van dit contact"),
        choices=FfpAim.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ContactNote
        fields = ["held_on", "summary", "ffp_aims"]
        widgets = _textareas("summary")


class InstrumentUseForm(FamilyRecordForm):
    instrument = forms.ChoiceField(label=_("instrument"), choices=[(i.code, i.name) for i in CATALOGUE])

    class Meta:
        model = InstrumentUse
        fields = ["instrument", "used_on", "outcome"]
        widgets = _textareas("outcome")


class QuestionnaireForm(FamilyRecordForm):
    class Meta:
        model = ParentingQuestionnaire
        fields = [
            "person",
            "completed_on",
            "with_parents",
            "responsiveness",
            "basic_needs",
            "second_environment",
            "notes",
        ]
        widgets = _textareas("notes")

    def _post_clean(self):
        # model validation runs in the service, so its Dutch messages land on the fields
        pass


class IntakeTaskForm(FamilyRecordForm):
    class Meta:
        model = IntakeTask
        fields = ["from_family", "from_help", "from_network", "note"]
