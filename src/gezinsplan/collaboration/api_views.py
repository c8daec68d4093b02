"""API of working together: the same choke points (policy, access log) and services as the pages."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from gezinsplan.accounts.models import Organisation, Team, User
from gezinsplan.collaboration import network_selectors, services
from gezinsplan.collaboration.models import (
    Barrier,
    BarrierStep,
    ChildConversation,
    ConversationPurpose,
    CoreDecision,
    Feedback,
    Meeting,
    ReflectionSession,
)
from gezinsplan.core import due, policy
from gezinsplan.core.access import access_case, access_record, log_access
from gezinsplan.families.models import Person
from gezinsplan.privacy.models import AccessAction


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "kind", "planned_on", "held_on", "chair", "agenda", "minutes", "safety_score", "forum_team",
                  "without_family_reason", "for_next_agenda", "purpose", "who_cares", "parents_absent_reason",
                  "no_follow_up_reason", "extension_decision", "version"]
        read_only_fields = ["id", "held_on", "minutes", "safety_score", "parents_absent_reason",
                            "no_follow_up_reason", "extension_decision", "version"]


class DecisionSerializer(serializers.ModelSerializer):
    participants = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), many=True, required=False)
    behavioural_scientist = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False,
                                                               allow_null=True)
    forum_team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all(), required=False, allow_null=True)
    advice_followed = serializers.BooleanField(required=False, allow_null=True, default=None)
    advice = serializers.CharField(required=False, allow_blank=True, default="")
    justification = serializers.CharField(required=False, allow_blank=True, default="")
    revises = serializers.PrimaryKeyRelatedField(queryset=CoreDecision.objects.all(), required=False,
                                                 allow_null=True)
    children = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), many=True, required=False)
    informing = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = CoreDecision
        fields = ["id", "kind", "decided_on", "decision", "forum_team", "participants", "behavioural_scientist",
                  "advice", "advice_followed", "justification", "informing", "revises", "disputed", "forum_kind",
                  "children", "gi_consulted"]
        read_only_fields = ["id"]


class ConversationSerializer(serializers.ModelSerializer):
    child = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    purposes = serializers.ListField(child=serializers.ChoiceField(choices=ConversationPurpose.choices),
                                     required=False)

    class Meta:
        model = ChildConversation
        fields = ["id", "child", "held_on", "spoken", "with_parents", "purposes", "by_user", "child_voice",
                  "how_used", "view_of_help", "tools", "not_spoken_reason"]
        read_only_fields = ["id"]


class BarrierStepSerializer(serializers.ModelSerializer):
    resolve = serializers.BooleanField(required=False, default=False, write_only=True)

    class Meta:
        model = BarrierStep
        fields = ["id", "step", "taken_on", "taken_by", "with_whom", "notes", "outcome", "skip_reason", "status_quo",
                  "safety_not_affected", "resolve", "view_kind", "want_to_know", "agree_on", "my_share",
                  "my_behaviour", "could_do", "critical_colleague", "named_to_other", "invitation_sent_on",
                  "goal_focus", "shared_analysis", "feedback_colleague"]
        read_only_fields = ["id", "taken_by"]


class BarrierSerializer(serializers.ModelSerializer):
    signals = serializers.ListField(child=serializers.CharField(max_length=40), required=False)
    steps = serializers.SerializerMethodField()
    other_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                            allow_null=True)

    class Meta:
        model = Barrier
        fields = ["id", "kind", "signals", "signalled_during", "description", "other_organisation", "raised_on",
                  "status", "outcome", "steps"]
        read_only_fields = ["id", "status", "outcome", "steps"]

    def get_steps(self, barrier) -> list[dict]:
        return BarrierStepSerializer([s for s in barrier.steps.all() if s.removed_at is None], many=True).data


class FeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Feedback
        fields = ["id", "about_organisation", "sentiment", "text", "given_on"]
        read_only_fields = ["id"]


class ReflectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReflectionSession
        fields = ["id", "level", "held_on", "topic", "participants", "technical", "normative", "personal",
                  "outcomes"]
        read_only_fields = ["id"]


class DueItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    due_on = serializers.DateField()
    overdue = serializers.BooleanField()
    case_id = serializers.UUIDField()
    family_id = serializers.UUIDField()
    family_name = serializers.CharField()
    who = serializers.CharField()
    url = serializers.CharField()


def _saved(result):
    return result[0] if isinstance(result, tuple) else result


# kind: (serializer, object type in the access log, queryset of the case, service)
CASE_COLLECTIONS = {
    "meetings": (MeetingSerializer, "overleg", lambda case: Meeting.objects.filter(case=case),
                 services.meeting_plan),
    "core-decisions": (DecisionSerializer, "kernbesluit",
                       lambda case: CoreDecision.objects.filter(case=case).prefetch_related("participants"),
                       services.decision_record),
    "child-conversations": (ConversationSerializer, "gesprek met kind",
                            lambda case: ChildConversation.objects.filter(case=case), services.conversation_record),
    "barriers": (BarrierSerializer, "barriere",
                 lambda case: Barrier.objects.filter(case=case).prefetch_related("steps"), services.barrier_raise),
}


class CaseCollectionView(generics.GenericAPIView):
    """Meetings, core decisions, conversations with children or barriers of one case."""

    kind = "meetings"

    def get_serializer_class(self):
        return CASE_COLLECTIONS[self.kind][0]

    def get(self, request, case_id):
        serializer, object_type, rows, _service = CASE_COLLECTIONS[self.kind]
        case, _grant = access_case(request, case_id, object_type=object_type)
        rows_of_case = rows(case)
        if self.kind == "barriers":
            rows_of_case = network_selectors.visible_barriers(rows_of_case, request.user)  # R077
        page = self.paginate_queryset(rows_of_case.order_by("-created_at", "id"))
        return self.get_paginated_response(serializer(page, many=True).data)

    def post(self, request, case_id):
        serializer, object_type, _rows, service = CASE_COLLECTIONS[self.kind]
        case, _grant = access_case(request, case_id, action=AccessAction.CREATE, object_type=object_type,
                                   edit=True)
        data = serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if self.kind == "barriers":
            values.setdefault("signals", [])
        if self.kind == "core-decisions":
            values.setdefault("participants", [])
        record = _saved(service(actor=request.user, case=case, **values))
        return Response(serializer(record).data, status=status.HTTP_201_CREATED)


class BarrierStepsView(generics.GenericAPIView):
    serializer_class = BarrierStepSerializer

    def get(self, request, barrier_id):
        barrier, _grant = access_record(request, Barrier, barrier_id, object_type="barriere")
        if not network_selectors.barrier_visible_to(barrier, request.user):
            raise Http404
        return Response(BarrierSerializer(Barrier.objects.prefetch_related("steps").get(pk=barrier.pk)).data)

    def post(self, request, barrier_id):
        barrier, _grant = access_record(request, Barrier, barrier_id, action=AccessAction.CREATE,
                                        object_type="barriere", edit=True)
        if not network_selectors.barrier_visible_to(barrier, request.user):
            raise Http404
        data = BarrierStepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        step = services.barrier_step(actor=request.user, barrier=barrier, **data.validated_data)
        return Response(BarrierStepSerializer(step).data, status=status.HTTP_201_CREATED)


class DueView(generics.GenericAPIView):
    """What is due or overdue in the user's own cases (?team=1: the team lead's team)."""

    serializer_class = DueItemSerializer

    @extend_schema(responses=DueItemSerializer(many=True))
    def get(self, request):
        today = policy.today()
        if not policy.sees_personal_data(request.user):
            return Response([])
        team = request.query_params.get("team") and request.user.role == "team_lead" and request.user.team
        cases = due.cases_for_team(team) if team else due.cases_for_user(request.user)
        items = due.due_items(cases=cases, today=today, user=request.user)
        for family_id in {i.family_id for i in items}:
            log_access(request, family_id=family_id, action=AccessAction.VIEW, object_type="wat staat open",
                       object_id=family_id, reason="eigen overzicht (betrokkenheid)")
        return Response(DueItemSerializer(items, many=True).data)


class FeedbackView(generics.ListCreateAPIView):
    serializer_class = FeedbackSerializer

    def get_queryset(self):
        return Feedback.objects.filter(from_organisation_id=self.request.user.organisation_id).order_by("-given_on",
                                                                                                        "id")

    def perform_create(self, serializer):
        serializer.instance = services.feedback_give(actor=self.request.user, **serializer.validated_data)


class ReflectionView(generics.ListCreateAPIView):
    serializer_class = ReflectionSerializer

    def get_queryset(self):
        return ReflectionSession.objects.filter(organisation_id=self.request.user.organisation_id).order_by(
            "-held_on", "id")

    def perform_create(self, serializer):
        serializer.instance = services.reflection_record(actor=self.request.user, **serializer.validated_data)
