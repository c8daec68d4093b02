"""Output and input shapes of the API. Opaque UUIDs only; no logic here."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gezinsplan.accounts.models import Municipality, Organisation, User
from gezinsplan.cases.models import (
    Case,
    CaseContact,
    ChildMeasure,
    HourEntry,
    IntakeSource,
    Involvement,
    PhaseTransition,
    ProductIndication,
)
from gezinsplan.families.models import Family, NetworkMember, Person, Relationship
from gezinsplan.privacy.models import AccessLogEntry


class MeSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="name", read_only=True)
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "role", "organisation"]


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=200, style={"input_type": "password"})
    otp_token = serializers.CharField(max_length=8, required=False, allow_blank=True)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField(help_text="Verloopt na inactiviteit; elk gebruik verlengt tot het maximum.")


class FamilySerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", queryset=Municipality.objects.all(),
                                                help_text=_("CBS-code van de gemeente"))
    local_team = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                    allow_null=True)

    class Meta:
        model = Family
        fields = ["id", "version", "name", "municipality", "local_team", "interpreter_language",
                  "composition_confirmed", "notes", "created_at", "updated_at"]
        read_only_fields = ["id", "version", "created_at", "updated_at"]


class FamilyOpenSerializer(FamilySerializer):
    reason = serializers.CharField(max_length=300, write_only=True)
    intake_source = serializers.ChoiceField(choices=IntakeSource.choices, write_only=True, required=False)
    opened_on = serializers.DateField(write_only=True)

    class Meta(FamilySerializer.Meta):
        fields = [*FamilySerializer.Meta.fields, "reason", "intake_source", "opened_on"]


class VersionedInput(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1,
                                       help_text=_("De versie die u hebt bewerkt; een oudere versie wordt geweigerd."))


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "version", "family", "first_name", "last_name", "family_role", "gender", "birth_date",
                  "expected_birth_date", "bsn", "in_household", "custody", "is_referred", "deceased",
                  "trusted_person"]
        read_only_fields = ["id", "version", "family"]


class RelationshipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Relationship
        fields = ["id", "version", "family", "from_person", "kind", "to_person", "has_custody", "note"]
        read_only_fields = ["id", "version", "family"]

    def __init__(self, *args, family=None, **kwargs):
        super().__init__(*args, **kwargs)
        if family is not None:
            persons = Person.objects.filter(family=family)
            self.fields["from_person"].queryset = persons
            self.fields["to_person"].queryset = persons


class NetworkMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = NetworkMember
        fields = ["id", "version", "family", "name", "relation", "child", "group", "support", "contact_frequency",
                  "phone", "email", "address"]
        read_only_fields = ["id", "version", "family"]

    def __init__(self, *args, family=None, **kwargs):
        super().__init__(*args, **kwargs)
        if family is not None:
            self.fields["child"].queryset = Person.objects.filter(family=family)


class InvolvementSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.filter(is_active=True))
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Involvement
        fields = ["id", "version", "case", "user", "organisation", "role", "start_date", "end_date"]
        read_only_fields = ["id", "version", "case", "organisation"]


class CaseSerializer(serializers.ModelSerializer):
    involvements = InvolvementSerializer(many=True, read_only=True)
    lead = serializers.SerializerMethodField(help_text=_("Wie de regie heeft: afgeleid uit fase en product."))
    safety_responsible = serializers.SerializerMethodField(
        help_text=_("Wie verantwoordelijk is voor de veiligheidstaxatie: afgeleid uit fase en product."))
    lt_task = serializers.SerializerMethodField(help_text=_("Wat het lokaal team in deze fase doet."))
    gi_task = serializers.SerializerMethodField(help_text=_("Wat de GI in deze fase doet."))

    class Meta:
        model = Case
        fields = ["id", "version", "family", "reason", "status", "opened_on", "closed_on", "closing_reason",
                  "intake_source", "framework", "phase", "work_phase", "lead", "safety_responsible", "lt_task",
                  "gi_task", "involvements"]
        read_only_fields = fields

    def _responsibility(self, case):
        from gezinsplan.cases.responsibility import case_responsibility

        return case_responsibility(case)  # the one derivation (table 2, R035 mixed families, R102 split regie)

    def get_lead(self, case) -> str:
        return self._responsibility(case).lead.value

    def get_safety_responsible(self, case) -> str:
        return self._responsibility(case).safety.value

    def get_lt_task(self, case) -> str:
        return str(self._responsibility(case).lt_task)

    def get_gi_task(self, case) -> str:
        return str(self._responsibility(case).gi_task)


class ContactSerializer(serializers.ModelSerializer):
    """R517/R543/R309: a contact with its safety score; a supervised visit names child, parent and supervisor."""

    by_user = serializers.CharField(source="by_user.username", read_only=True)
    supervisor = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.filter(is_active=True),
                                              required=False, allow_null=True)

    class Meta:
        model = CaseContact
        fields = ["id", "kind", "held_on", "by_user", "safety_score", "summary", "child", "parent", "supervisor",
                  "observation", "clarity_checked", "clarity_note", "plan_updated_on"]
        read_only_fields = ["id", "by_user", "plan_updated_on"]
        extra_kwargs = {"safety_score": {"required": False, "allow_null": True}}

    def __init__(self, *args, family=None, **kwargs):
        super().__init__(*args, **kwargs)
        if family is not None:  # only this family's persons and professionals, as on the page's form
            from gezinsplan.core.policy import active_involvements

            persons = Person.objects.filter(family=family)
            self.fields["child"].queryset = persons
            self.fields["parent"].queryset = persons
            self.fields["supervisor"].queryset = User.objects.filter(
                is_active=True, pk__in=active_involvements().filter(case__family=family).values("user_id"))


class End2bSerializer(serializers.Serializer):
    ends_on = serializers.DateField()
    reason = serializers.CharField(max_length=300)


class IndicationSerializer(serializers.ModelSerializer):
    hours_used = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True, source="budget.used")
    hours_remaining = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True,
                                               source="budget.remaining", allow_null=True)

    class Meta:
        model = ProductIndication
        fields = ["id", "case", "kind", "reason", "indicated_by", "starts_on", "ends_on", "budget_hours",
                  "decision_on", "decision_forum", "decision_participants", "consent_by", "consent_on",
                  "hours_used", "hours_remaining", "end_reason"]
        read_only_fields = ["id", "case", "kind", "indicated_by", "ends_on", "budget_hours", "hours_used",
                            "hours_remaining", "end_reason"]


class HourEntrySerializer(serializers.ModelSerializer):
    professional = serializers.CharField(source="professional.username", read_only=True)

    class Meta:
        model = HourEntry
        fields = ["id", "indication", "professional", "worked_on", "hours", "activity", "description"]
        read_only_fields = ["id", "indication", "professional"]


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChildMeasure
        fields = ["id", "case", "child", "kind", "pronounced_on", "starts_on", "ends_on", "ended_on", "end_reason"]
        read_only_fields = ["id", "case", "ended_on", "end_reason"]

    def __init__(self, *args, family=None, **kwargs):
        super().__init__(*args, **kwargs)
        if family is not None:
            self.fields["child"].queryset = Person.objects.filter(family=family)


class TransitionSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True)

    class Meta:
        model = PhaseTransition
        fields = ["id", "trigger", "from_phase", "to_phase", "from_framework", "to_framework", "from_work_phase",
                  "to_work_phase", "rule_id", "reason", "actor", "occurred_on"]


class RemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class AccessLogEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessLogEntry
        fields = ["seq", "occurred_at", "username", "role", "organisation", "action", "object_type", "object_id",
                  "person_id", "channel", "reason", "emergency"]
