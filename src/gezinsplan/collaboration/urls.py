from django.urls import path

from gezinsplan.collaboration import views

app_name = "collaboration"

urlpatterns = [
    path("wat-staat-open/", views.due_overview, name="due"),
    path("feedback/", views.feedback, name="feedback"),
    path("reflectie/", views.reflection, name="reflection"),
    path("casus/<uuid:case_id>/overleg/nieuw/", views.meeting_plan, name="meeting_plan"),
    path("overleg/<uuid:meeting_id>/", views.meeting_detail, name="meeting"),
    path("overleg/<uuid:meeting_id>/deelnemers/nieuw/", views.participant_add, name="participant_add"),
    path("overleg/<uuid:meeting_id>/vastleggen/", views.meeting_record, name="meeting_record"),
    path("overleg/<uuid:meeting_id>/afspraken/nieuw/", views.agreement_add, name="agreement_add"),
    path("afspraken/<uuid:agreement_id>/afronden/", views.agreement_done, name="agreement_done"),
    path("casus/<uuid:case_id>/kernbesluiten/nieuw/", views.decision_add, name="decision_add"),
    path("kernbesluiten/<uuid:decision_id>/", views.decision_detail, name="decision"),
    path("kernbesluiten/<uuid:decision_id>/herzien/", views.decision_revise, name="decision_revise"),
    path("casus/<uuid:case_id>/gesprekken/nieuw/", views.conversation_add, name="conversation_add"),
    path("casus/<uuid:case_id>/barrieres/nieuw/", views.barrier_add, name="barrier_add"),
    path("barrieres/<uuid:barrier_id>/", views.barrier_detail, name="barrier"),
    path("casus/<uuid:case_id>/escalaties/nieuw/", views.escalation_add, name="escalation_add"),
]
