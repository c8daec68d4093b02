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
    path("casus/<uuid:case_id>/signaal/nieuw/", views.signal_create, name="signal_create"),
    path("casus/<uuid:case_id>/fase/volgende/", views.stage_advance, name="stage_advance"),
    path("casus/<uuid:case_id>/goed-genoeg/nieuw/", views.good_enough_create, name="good_enough_create"),
    path(
        "casus/<uuid:case_id>/eerste-gesprek/nieuw/", views.first_conversation_create, name="first_conversation_create"
    ),
    path("casus/<uuid:case_id>/eerste-gesprek/veilig-genoeg/", views.safe_enough_confirm, name="safe_enough_confirm"),
    path("casus/<uuid:case_id>/niet-spreken/nieuw/", views.talk_exception_create, name="talk_exception_create"),
    path("casus/<uuid:case_id>/calamiteit/nieuw/", views.calamity_create, name="calamity_create"),
    path("casus/<uuid:case_id>/herhalingsrisico/nieuw/", views.recurrence_create, name="recurrence_create"),
    path("casus/<uuid:case_id>/netwerkplan/nieuw/", views.proposal_create, name="proposal_create"),
    path("casus/<uuid:case_id>/borging/nieuw/", views.responder_create, name="responder_create"),
]
