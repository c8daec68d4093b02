"""Forms of the analysis screens. Validation that spans rows lives in the services."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from gezinsplan.analysis.models import (
    Background,
    ConcernOrStrength,
    DangerStatement,
    FamilyAnalysis,
    Goal,
    HelpEpisode,
    PatternElement,
    TimelineEvent,
)
from gezinsplan.core.forms import VersionedForm
from gezinsplan.families.models import Person

# The parts of the analysis row, each edited on its own screen: (url segment, title, fields).
PARTS = {
    "aanleiding": (_("Aanleiding en vraag van het gezin"), ["reason", "family_question"]),
    "tijdlijn-kop": (_("Tijdlijn: periode en bespreking met het gezin"),
                     ["timeline_from", "timeline_to", "timeline_discussed_on", "timeline_discussed_with",
                      "timeline_reactions"]),
    "patroon": (_("Gezinspatroon en nobele intentie"), ["pattern_request", "pattern_sentence", "noble_intention"]),
    "eindsituatie": (_("Haalbare eindsituatie"),
                     ["end_description", "end_changeable", "end_compensate", "end_compensate_how",
                      "end_children_where", "end_good_enough", "end_term", "end_agreed_by_family_on"]),
    "veranderplan": (_("Veranderplan en taakverdeling"),
                     ["patterns_to_break", "maintaining_factors", "help_to_break", "help_to_stay_out",
                      "task_family", "task_network", "task_professionals", "information_needed"]),
    "borgingsplan": (_("Borgingsplan"),
                     ["relapse_signals", "relapse_actions", "who_steps_in", "continued_help", "lt_follow_up"]),
}


def part_form_class(part: str) -> type[VersionedForm]:
    _title, fields = PARTS[part]
    meta = type("Meta", (), {"model": FamilyAnalysis, "fields": fields,
                             "widgets": {f: forms.Textarea(attrs={"rows": 3}) for f in fields
                                         if isinstance(FamilyAnalysis._meta.get_field(f), models.TextField)}})
    return type(f"AnalysisPartForm_{part.replace('-', '_')}", (VersionedForm,), {"Meta": meta})


class StartForm(forms.Form):
    confirm_reason = forms.CharField(
        label=_("Reden om de analyse nu te starten"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen nodig als de directe veiligheid nog onder de 6 is."))


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
        if "pattern_element" in self.fields:
            self.fields["pattern_element"].queryset = PatternElement.objects.filter(family=family)
            self.fields["pattern_element"].label_from_instance = lambda e: str(e)


def _textareas(*names):
    return {name: forms.Textarea(attrs={"rows": 3}) for name in names}


class TimelineEventForm(FamilyRecordForm):
    class Meta:
        model = TimelineEvent
        fields = ["occurred_on", "precision", "approximate", "kind", "title", "description", "person", "source"]
        widgets = _textareas("description")


class HelpEpisodeForm(FamilyRecordForm):
    class Meta:
        model = HelpEpisode
        fields = ["provider", "offer", "started_on", "start_precision", "ended_on", "reason", "aimed_at", "person",
                  "life_domain", "goals", "result", "ending", "contact"]
        widgets = _textareas("goals", "result")


class BackgroundForm(FamilyRecordForm):
    class Meta:
        model = Background
        fields = ["person", "relationships", "development", "finances_housing", "health", "leisure"]
        widgets = _textareas("relationships", "development", "finances_housing", "health", "leisure")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].required = True


class ConcernForm(FamilyRecordForm):
    class Meta:
        model = ConcernOrStrength
        fields = ["kind", "text", "life_domain", "person", "discussed_with_family"]
        widgets = _textareas("text")


class DangerStatementForm(FamilyRecordForm):
    class Meta:
        model = DangerStatement
        fields = ["text", "safety_goal"]
        widgets = _textareas("text", "safety_goal")


class PatternElementForm(FamilyRecordForm):
    class Meta:
        model = PatternElement
        fields = ["kind", "person", "text", "life_domain", "facts"]
        widgets = _textareas("text")


class GoalForm(FamilyRecordForm):
    progress_note = forms.CharField(label=_("Toelichting bij de voortgang"), max_length=500, required=False)

    class Meta:
        model = Goal
        fields = ["what", "measurable", "who", "when", "progress", "status", "pattern_element", "life_domain",
                  "agreed_with", "provider"]
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
