from django.urls import path

from gezinsplan.safety import views

app_name = "safety"

urlpatterns = [
    path("aandacht/", views.attention, name="attention"),
    path("casus/<uuid:case_id>/weging/nieuw/", views.weighing_create, name="weighing_create"),
    path("casus/<uuid:case_id>/taxatie/nieuw/", views.assessment_create, name="assessment_create"),
    path("casus/<uuid:case_id>/risicotaxatie/nieuw/", views.risk_create, name="risk_create"),
    path("casus/<uuid:case_id>/verbod/nieuw/", views.ban_create, name="ban_create"),
    path("casus/<uuid:case_id>/score/nieuw/", views.score_create, name="score_create"),
    path("casus/<uuid:case_id>/plan/", views.plan_detail, name="plan"),
    path("casus/<uuid:case_id>/plan/bewerken/", views.plan_edit, name="plan_edit"),
    path("casus/<uuid:case_id>/plan/schending/nieuw/", views.breach_create, name="breach_create"),
    path("casus/<uuid:case_id>/plan/versies/<int:plan_version>/", views.plan_version, name="plan_version"),
    path("casus/<uuid:case_id>/plan/versies/<int:plan_version>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("taxatie/<uuid:assessment_id>/", views.assessment_detail, name="assessment"),
]
