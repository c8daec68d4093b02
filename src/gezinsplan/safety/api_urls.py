"""API routes of this app, included under /api/v1/."""

from django.urls import path

from gezinsplan.safety import api_views as v

urlpatterns = [
    path("cases/<uuid:case_id>/safety/", v.SafetyStatusApi.as_view(), name="safety-status"),
    path("cases/<uuid:case_id>/weighings/", v.WeighingsApi.as_view(), name="safety-weighings"),
    path("cases/<uuid:case_id>/safety-assessments/", v.AssessmentsApi.as_view(), name="safety-assessments"),
    path("safety-assessments/<uuid:assessment_id>/", v.AssessmentApi.as_view(), name="safety-assessment"),
    path("cases/<uuid:case_id>/risk-assessments/", v.RisksApi.as_view(), name="safety-risk-assessments"),
    path("cases/<uuid:case_id>/safety-scores/", v.ScoresApi.as_view(), name="safety-scores"),
    path("cases/<uuid:case_id>/safety-plan/", v.PlanApi.as_view(), name="safety-plan"),
    path(
        "cases/<uuid:case_id>/safety-plan/versions/<int:plan_version>/",
        v.PlanVersionApi.as_view(),
        name="safety-plan-version",
    ),
    path(
        "cases/<uuid:case_id>/safety-plan/versions/<int:plan_version>/pdf/",
        v.PlanPdfApi.as_view(),
        name="safety-plan-pdf",
    ),
    path("cases/<uuid:case_id>/safety-plan/breaches/", v.BreachesApi.as_view(), name="safety-breaches"),
]
