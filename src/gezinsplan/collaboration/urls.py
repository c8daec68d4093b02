from django.urls import path

from gezinsplan.collaboration import meetings_views, views

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
    # meetings part (meetings_views.py)
    path("casus/<uuid:case_id>/partijen/nieuw/", meetings_views.party_add, name="party_add"),
    path("casus/<uuid:case_id>/aanspreekpunten/", meetings_views.contact_assign, name="contact_assign"),
    path("casus/<uuid:case_id>/samenwerkingsafspraken/", meetings_views.collaboration_agreement,
         name="collaboration_agreement"),
    path("casus/<uuid:case_id>/betrokkenheid-lokaal-team/", meetings_views.lt_participation,
         name="lt_participation"),
    path("casus/<uuid:case_id>/voortgezette-hulp/", meetings_views.continuing_help, name="continuing_help"),
    path("casus/<uuid:case_id>/interne-bespreking/", meetings_views.internal_discussion,
         name="internal_discussion"),
    path("casus/<uuid:case_id>/lokaal-team-koppelen/", meetings_views.local_team_link, name="local_team_link"),
    path("casus/<uuid:case_id>/kennismaking/", meetings_views.introduction_plan, name="introduction_plan"),
    path("casus/<uuid:case_id>/doelen/toewijzen/", meetings_views.goal_assign, name="goal_assign"),
    path("casus/<uuid:case_id>/doelen/aanpak/", meetings_views.assignment_update, name="assignment_update"),
    path("casus/<uuid:case_id>/regelingen/", meetings_views.arrangements, name="arrangements"),
    path("overleg/<uuid:meeting_id>/voortgang/", meetings_views.goal_review, name="goal_review"),
    path("kernbesluiten/<uuid:decision_id>/bevestigen/", meetings_views.decision_confirm, name="decision_confirm"),
    path("afspraken/<uuid:agreement_id>/niet-nagekomen/", meetings_views.agreement_not_kept,
         name="agreement_not_kept"),
]
