"""Safety API: access_case → one service → serializer. Same policy, same access log as the pages."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from gezinsplan.accounts.models import User
from gezinsplan.cases.context import CaseContext
from gezinsplan.core.access import access_case
from gezinsplan.core.pdf import pdf_response
from gezinsplan.core.versioning import StaleVersion
from gezinsplan.families.models import Person
from gezinsplan.privacy.models import AccessAction
from gezinsplan.safety import checks, plan_content, selectors, services
from gezinsplan.safety.models import (
    AnalysisDecision,
    Breach,
    GiDecision,
    RiskAssessment,
    RiskKind,
    RiskLevel,
    SafetyAssessment,
    SafetyPlan,
    SafetyPlanVersion,
    SafetyScore,
    Scorer,
    ScoreSetting,
    Weighing,
    WeighingOccasion,
    WeighingPurpose,
)

PLAN = "veiligheidsplan"


class PersonField(serializers.PrimaryKeyRelatedField):
    """Any person id; the service says in Dutch when it is not a child of the family."""

    def get_queryset(self):
        return Person.objects.all()


class WeighingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Weighing
        fields = [
            "id",
            "occasion",
            "held_on",
            "question",
            "participants",
            "signals",
            "answers",
            "risk_kind",
            "extended_analysis",
            "gi_needed",
            "behavioural_scientist",
            "behavioural_scientist_advice",
            "purpose",
            "lt_input",
            "gi_input",
            "created_at",
        ]


class WeighingInput(serializers.Serializer):
    occasion = serializers.ChoiceField(choices=WeighingOccasion.choices)
    held_on = serializers.DateField()
    question = serializers.CharField(max_length=500)
    participants = serializers.CharField(max_length=500)
    signals = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    answers = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    risk_kind = serializers.ChoiceField(choices=RiskKind.choices, default=RiskKind.NONE)
    extended_analysis = serializers.ChoiceField(choices=AnalysisDecision.choices)
    gi_needed = serializers.ChoiceField(choices=GiDecision.choices)
    behavioural_scientist = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    behavioural_scientist_advice = serializers.CharField(allow_blank=True, max_length=4000)
    purpose = serializers.ChoiceField(choices=WeighingPurpose.choices, default=WeighingPurpose.REGULAR)  # R070
    lt_input = serializers.CharField(allow_blank=True, max_length=4000, default="")
    gi_input = serializers.CharField(allow_blank=True, max_length=4000, default="")


class AssessmentSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(read_only=True)

    class Meta:
        model = SafetyAssessment
        fields = [
            "id",
            "child",
            "instrument",
            "assessed_on",
            "items",
            "conclusion",
            "with_family",
            "immediate_action",
            "parents_view",
            "assessed_by",
            "outcome",
            "created_at",
        ]


class AssessmentInput(serializers.Serializer):
    child = PersonField()
    instrument = serializers.CharField(max_length=60, default="ARIJ")
    assessed_on = serializers.DateField()
    items = serializers.DictField(child=serializers.DictField())
    conclusion = serializers.CharField(allow_blank=True, max_length=4000)
    with_family = serializers.BooleanField(default=True)
    immediate_action = serializers.CharField(allow_blank=True, max_length=2000, default="")
    parents_view = serializers.CharField(allow_blank=True, max_length=4000, default="")  # R600


class RiskSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskAssessment
        fields = [
            "id",
            "child",
            "instrument",
            "assessed_on",
            "static_factors",
            "dynamic_factors",
            "protective_factors",
            "result",
            "assessed_by",
            "created_at",
        ]


class RiskInput(serializers.Serializer):
    child = PersonField()
    instrument = serializers.CharField(max_length=60, default="ARIJ Risicotaxatie")
    assessed_on = serializers.DateField()
    static_factors = serializers.CharField(allow_blank=True, max_length=4000)
    dynamic_factors = serializers.CharField(allow_blank=True, max_length=4000)
    protective_factors = serializers.CharField(allow_blank=True, max_length=4000, default="")
    result = serializers.ChoiceField(choices=RiskLevel.choices)


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = SafetyScore
        fields = ["id", "child", "score", "scored_on", "scorer", "scorer_name", "setting", "situation", "created_at"]


class ScoreInput(serializers.Serializer):
    child = PersonField()
    score = serializers.JSONField(help_text=gettext_lazy("Een heel getal van 1 tot en met 10."), allow_null=True)
    scored_on = serializers.DateField()
    scorer = serializers.ChoiceField(choices=Scorer.choices, default=Scorer.PROFESSIONAL)
    scorer_name = serializers.CharField(allow_blank=True, max_length=150, default="")
    setting = serializers.ChoiceField(choices=ScoreSetting.choices, default=ScoreSetting.FAMILY_CONVERSATION)
    situation = serializers.CharField(allow_blank=True, max_length=500)


class VersionSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_full_name", read_only=True)

    class Meta:
        model = SafetyPlanVersion
        fields = ["number", "content", "author", "created_at", "note"]


class PlanInput(serializers.Serializer):
    content = serializers.DictField()
    based_on = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None,
                                        help_text=gettext_lazy(
                                            "De versie die u hebt bewerkt; leeg voor de eerste versie."))
    note = serializers.CharField(allow_blank=True, max_length=300, default="")


class BreachSerializer(serializers.ModelSerializer):
    class Meta:
        model = Breach
        fields = [
            "id",
            "item_id",
            "item_text",
            "in_version",
            "occurred_on",
            "breached_by",
            "what_happened",
            "police_involved",
            "police_called_by",
            "adjusted_in",
            "created_at",
        ]
        read_only_fields = ["id", "item_text", "in_version", "adjusted_in", "created_at"]


def _write(request) -> str:
    return AccessAction.CREATE if request.method == "POST" else AccessAction.VIEW


class CaseCollection(APIView):
    """GET the list of a case's rows, POST a new one through the service."""

    model = Weighing
    output = WeighingSerializer
    input = WeighingInput
    service = staticmethod(services.weighing_record)
    object_type = "weging"

    def get_serializer_class(self):
        return self.output

    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type=self.object_type)
        rows = self.model.objects.filter(case=case).order_by("-created_at")
        return Response(self.output(rows, many=True).data)

    def post(self, request, case_id):
        case, _grant = access_case(
            request, case_id, action=AccessAction.CREATE, object_type=self.object_type, edit=True
        )
        data = self.input(data=request.data)
        data.is_valid(raise_exception=True)
        row = self.service(actor=request.user, case=case, **data.validated_data)
        return Response(self.output(row).data, status=status.HTTP_201_CREATED)


class WeighingsApi(CaseCollection):
    pass


class AssessmentsApi(CaseCollection):
    model, output, input, object_type = SafetyAssessment, AssessmentSerializer, AssessmentInput, "veiligheidstaxatie"
    service = staticmethod(services.assessment_record)


class RisksApi(CaseCollection):
    model, output, input, object_type = RiskAssessment, RiskSerializer, RiskInput, "risicotaxatie"
    service = staticmethod(services.risk_assessment_record)


class ScoresApi(CaseCollection):
    model, output, input, object_type = SafetyScore, ScoreSerializer, ScoreInput, "veiligheidsschaal"
    service = staticmethod(services.score_record)


class AssessmentApi(APIView):
    serializer_class = AssessmentSerializer

    def get(self, request, assessment_id):
        case_id = SafetyAssessment.objects.filter(pk=assessment_id).values_list("case_id", flat=True).first()
        if case_id is None:
            raise Http404(_("Niet gevonden"))
        access_case(request, case_id, object_type="veiligheidstaxatie", object_id=assessment_id)
        return Response(AssessmentSerializer(SafetyAssessment.objects.get(pk=assessment_id)).data)


class SafetyStatusApi(APIView):
    """Derived: whether direct safety comes first, the latest GI decision and what is missing or overdue."""

    @extend_schema(responses={200: None})
    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type="veiligheid")
        ctx = CaseContext(case)  # the overview and the track read the plan, children and judgements once
        overview = selectors.case_safety(case=case, ctx=ctx)
        gi = selectors.latest_gi_decision(case)
        track = checks.track_overview(case, ctx=ctx)
        return Response(
            {
                "stage": track.stage,
                "acute_safety_passed": track.acute.passed,
                "acute_safety_problems": track.acute.problems,
                "good_enough": track.good_enough.verdict if track.good_enough else None,
                "good_enough_advice": track.advice,
                "change_plan_suspended": track.change_plan_suspended,
                "notes": track.notes,
                "direct_safety_first": overview.direct_safety_first,
                "latest_gi_decision": str(gi.pk) if gi else None,
                "plan_version": overview.plan.current.number if overview.plan and overview.plan.current else None,
                "below_lower_limit": [str(c.child.pk) for c in overview.below_lower_limit],
                "attention": overview.attention,
                "missing_parts": overview.missing_parts,
                "bans": [
                    {
                        "person": str(b.person_id),
                        "kind": b.kind,
                        "starts_on": b.starts_on,
                        "ends_on": b.ends_on,
                        "protects": b.protects,
                    }
                    for b in overview.bans
                ],
            }
        )


def _plan_or_404(case) -> SafetyPlan:
    plan = SafetyPlan.objects.filter(case=case).select_related("current__author").first()
    if plan is None or plan.current is None:
        raise Http404(_("Er is nog geen veiligheidsplan."))
    return plan


class PlanApi(APIView):
    """GET the current version with the list of versions; POST a new version (refused when stale, 409)."""

    serializer_class = VersionSerializer

    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type=PLAN)
        plan = SafetyPlan.objects.filter(case=case).select_related("current__author").first()
        if plan is None or plan.current is None:
            return Response({"current": None, "versions": []})
        versions = plan.versions.select_related("author")
        return Response(
            {
                "current": VersionSerializer(plan.current).data,
                "versions": [
                    {"number": v.number, "author": v.author.get_full_name(), "created_at": v.created_at, "note": v.note}
                    for v in versions
                ],
            }
        )

    @extend_schema(request=PlanInput, responses=VersionSerializer)
    def post(self, request, case_id):
        exists = SafetyPlan.objects.filter(case_id=case_id, current__isnull=False).exists()
        case, _grant = access_case(
            request, case_id, object_type=PLAN, edit=True, action=AccessAction.UPDATE if exists else AccessAction.CREATE
        )
        data = PlanInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            version = services.plan_save(actor=request.user, case=case, **data.validated_data)
        except StaleVersion as error:
            return Response(
                {
                    "non_field_errors": error.messages,
                    "current_version": error.current.number,
                    "changes": [
                        {"path": c.path, "label": plan_content.path_label(c.path), "old": c.old, "new": c.new}
                        for c in plan_content.visible_changes(error.changes)
                    ],
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)


class PlanVersionApi(APIView):
    serializer_class = VersionSerializer

    def get(self, request, case_id, plan_version):
        case, _grant = access_case(request, case_id, object_type=PLAN)
        version = (
            SafetyPlanVersion.objects.filter(document__case=case, number=plan_version).select_related("author").first()
        )
        if version is None:
            raise Http404(_("Niet gevonden"))
        return Response(VersionSerializer(version).data)


class PlanPdfApi(APIView):
    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, case_id, plan_version):
        case, _grant = access_case(request, case_id, action=AccessAction.DOWNLOAD, object_type=PLAN)
        plan = _plan_or_404(case)
        version = SafetyPlanVersion.objects.filter(document=plan, number=plan_version).select_related("author").first()
        if version is None:
            raise Http404(_("Niet gevonden"))
        return pdf_response(
            template_name="safety/plan_pdf.html",
            request=request,
            filename=f"veiligheidsplan-{plan.pk}-v{version.number}.pdf",
            context={
                "case": case,
                "family": case.family,
                "version": version,
                "content": version.content,
                "persons": list(case.family.persons.all()),
                "is_current": plan.current_id == version.pk,
                "breaches": list(plan.breaches.filter(in_version__lte=version.number)),
            },
        )


class BreachesApi(APIView):
    serializer_class = BreachSerializer

    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type="schending")
        return Response(BreachSerializer(Breach.objects.filter(plan__case=case), many=True).data)

    def post(self, request, case_id):
        case, _grant = access_case(request, case_id, action=AccessAction.CREATE, object_type="schending", edit=True)
        data = BreachSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        breach = services.breach_record(actor=request.user, case=case, **data.validated_data)
        return Response(BreachSerializer(breach).data, status=status.HTTP_201_CREATED)
