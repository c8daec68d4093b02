"""API shapes of the analysis and the family plan. Opaque UUIDs only; validation is in the services."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gezinsplan.analysis.forms import PARTS
from gezinsplan.analysis.models import (
    Background,
    ConcernOrStrength,
    ContactNote,
    DangerStatement,
    FamilyAnalysis,
    FamilyPlanVersion,
    FfpAim,
    Goal,
    HelpEpisode,
    InstrumentUse,
    IntakeTask,
    LifeDomainReview,
    ParentingQuestionnaire,
    PatternElement,
    PlanEndorsement,
    RelationalFunction,
    ScreeningItem,
    TimelineEvent,
)
from gezinsplan.families.models import Person

ANALYSIS_FIELDS = [name for _title, fields in PARTS.values() for name in fields]


class FamilyRowSerializer(serializers.ModelSerializer):
    """A row of the analysis; person and pattern-element choices are limited to the family."""

    created_by = serializers.StringRelatedField(read_only=True)

    def __init__(self, *args, family=None, **kwargs):
        super().__init__(*args, **kwargs)
        if family is not None:
            if "person" in self.fields:
                self.fields["person"].queryset = Person.objects.filter(family=family)
            if "pattern_element" in self.fields:
                self.fields["pattern_element"].queryset = PatternElement.objects.filter(family=family)
            for name in ("targets", "patterns"):
                if name in self.fields:
                    field = self.fields[name]
                    (getattr(field, "child_relation", field)).queryset = PatternElement.objects.filter(family=family)
            for name in ("members", "from_person", "to_person"):
                if name in self.fields:
                    field = self.fields[name]
                    (getattr(field, "child_relation", field)).queryset = Person.objects.filter(family=family)
            if "concern" in self.fields:
                self.fields["concern"].queryset = ConcernOrStrength.objects.filter(family=family, kind="concern")
            if "goal" in self.fields:
                self.fields["goal"].queryset = Goal.objects.filter(family=family)


def _meta(model, fields):
    return type("Meta", (), {"model": model, "fields": ["id", "version", "family", *fields, "created_by",
                                                         "created_at"],
                             "read_only_fields": ["id", "version", "family", "created_by", "created_at"]})


class TimelineEventSerializer(FamilyRowSerializer):
    Meta = _meta(TimelineEvent, ["occurred_on", "precision", "approximate", "kind", "title", "description", "person",
                                 "source", "patterns", "new_pattern"])


class HelpEpisodeSerializer(FamilyRowSerializer):
    Meta = _meta(HelpEpisode, ["provider", "offer", "started_on", "start_precision", "ended_on", "reason", "aimed_at",
                               "person", "life_domain", "goals", "result", "ending", "contact",
                               "relationship_with_helper", "what_worked", "what_did_not_work", "targets"])


class BackgroundSerializer(FamilyRowSerializer):
    Meta = _meta(Background, ["person", "relationships", "development", "finances_housing", "health", "leisure",
                              "transgenerational", "noble_intention", "motivation", "learnability", "insight"])


class ConcernSerializer(FamilyRowSerializer):
    Meta = _meta(ConcernOrStrength, ["kind", "text", "life_domain", "person", "noted_on", "discussed_with_family",
                                     "discussed_on", "threat", "desired_outcome"])


class DangerStatementSerializer(FamilyRowSerializer):
    Meta = _meta(DangerStatement, ["text", "safety_goal"])


class PatternElementSerializer(FamilyRowSerializer):
    Meta = _meta(PatternElement, ["kind", "person", "text", "life_domain", "facts", "underlying_causes", "members",
                                  "intergenerational", "discussed_with_family", "status", "broken_on",
                                  "broken_evidence"])


class GoalSerializer(FamilyRowSerializer):
    # who, when and progress are checked by the service, with the Dutch messages of R029
    who = serializers.CharField(max_length=200, required=False, allow_blank=True)
    when = serializers.DateField(required=False, allow_null=True)
    progress = serializers.IntegerField(required=False)
    progress_note = serializers.CharField(max_length=500, required=False, allow_blank=True, write_only=True)

    Meta = _meta(Goal, ["what", "measurable", "who", "when", "progress", "status", "pattern_element", "life_domain",
                        "agreed_with", "provider", "concern", "progress_note"])


class ScreeningItemSerializer(FamilyRowSerializer):
    Meta = _meta(ScreeningItem, ["person", "category", "other_label", "result", "note", "referral", "goal"])


class LifeDomainReviewSerializer(FamilyRowSerializer):
    Meta = _meta(LifeDomainReview, ["domain", "status", "facts"])


class EndorsementSerializer(FamilyRowSerializer):
    version_number = serializers.IntegerField(read_only=True)

    Meta = _meta(PlanEndorsement, ["version_number", "person", "stance", "reason", "recorded_on"])


class RelationalFunctionSerializer(FamilyRowSerializer):
    Meta = _meta(RelationalFunction, ["from_person", "to_person", "connectedness", "hierarchy"])


class ContactNoteSerializer(FamilyRowSerializer):
    ffp_aims = serializers.ListField(child=serializers.ChoiceField(choices=FfpAim.choices), required=False)

    Meta = _meta(ContactNote, ["held_on", "summary", "ffp_aims"])


class InstrumentUseSerializer(FamilyRowSerializer):
    Meta = _meta(InstrumentUse, ["instrument", "used_on", "outcome"])


class QuestionnaireSerializer(FamilyRowSerializer):
    responsiveness = serializers.IntegerField()
    basic_needs = serializers.IntegerField()
    second_environment = serializers.IntegerField()

    Meta = _meta(ParentingQuestionnaire, ["person", "completed_on", "with_parents", "responsiveness", "basic_needs",
                                          "second_environment", "notes"])


class IntakeTaskSerializer(FamilyRowSerializer):
    professional = serializers.StringRelatedField(read_only=True)

    Meta = _meta(IntakeTask, ["professional", "from_family", "from_help", "from_network", "note"])


class AnalysisSerializer(serializers.ModelSerializer):
    class Meta:
        model = FamilyAnalysis
        fields = ["id", "version", "family", "direct_safety_note", *ANALYSIS_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "version", "family", "direct_safety_note", "created_at", "updated_at"]


class StartSerializer(serializers.Serializer):
    confirm_reason = serializers.CharField(max_length=500, required=False, allow_blank=True,
                                           help_text=_("Nodig als de directe veiligheid nog onder de 6 is."))


class PlanVersionSerializer(serializers.ModelSerializer):
    author = serializers.StringRelatedField()

    class Meta:
        model = FamilyPlanVersion
        fields = ["number", "author", "created_at", "note", "content"]


class PublishSerializer(serializers.Serializer):
    based_on = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                        help_text=_("Het versienummer dat u hebt bekeken; leeg bij de eerste versie."))
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)
