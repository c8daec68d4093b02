from django.urls import path

from gezinsplan.collaboration import escalation_views as ev
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
    # escalation, partners and network (family data)
    path("escalaties/<uuid:escalation_id>/", ev.escalation_detail, name="escalation"),
    path("kernbesluiten/<uuid:decision_id>/opschalen/", ev.decision_escalate, name="decision_escalate"),
    path("overleg/<uuid:meeting_id>/opzet/", ev.meeting_setup, name="meeting_setup"),
    path("casus/<uuid:case_id>/partners/nieuw/", ev.partner_add, name="partner_add"),
    path("casus/<uuid:case_id>/partners/update/", ev.partner_update, name="partner_update"),
    path("casus/<uuid:case_id>/specialisten/nieuw/", ev.expert_add, name="expert_add"),
    path("casus/<uuid:case_id>/betrokkenheid-gi/", ev.gi_mode, name="gi_mode"),
    path("casus/<uuid:case_id>/eigen-kracht/", ev.conference, name="conference"),
    path("casus/<uuid:case_id>/netwerk/betrouwbaarheid/", ev.reliability, name="reliability"),
    path("casus/<uuid:case_id>/netwerk/taken/nieuw/", ev.network_task, name="network_task"),
    path("casus/<uuid:case_id>/wie-betrekken/", ev.stakeholders, name="stakeholders"),
    path("casus/<uuid:case_id>/tafels/nieuw/", ev.table_add, name="table_add"),
    path("casus/<uuid:case_id>/gesprekken/hulp/", ev.provider_view_add, name="provider_view_add"),
    path("casus/<uuid:case_id>/gedeeld-beeld/", ev.shared_picture, name="shared_picture"),
    # learning together (organisation level, no family data)
    path("regio/bijeenkomsten/", ev.regional_meetings, name="regional_meetings"),
    path("regio/bijeenkomsten/<int:collab_meeting_id>/", ev.regional_meeting, name="regional_meeting"),
    path("regio/leergroepen/<int:group_id>/", ev.learning_group, name="learning_group"),
    path("kernwaarden/", ev.core_values, name="core_values"),
    path("gedeelde-taal/", ev.vocabulary, name="vocabulary"),
    path("reflectie/skj/", ev.skj_reflection, name="skj"),
    path("reflectie/skj/export/", ev.skj_export, name="skj_export"),
    path("reflectie/casusniveau/", ev.case_reflections, name="case_reflections"),
]
