from django.urls import path

from gezinsplan.cases import views

app_name = "cases"

urlpatterns = [
    path("werkwijze/", views.method, name="method"),
    path("regio-overzicht/", views.region_report, name="region_report"),
    path("<uuid:case_id>/", views.detail, name="detail"),
    path("<uuid:case_id>/wijzigen/", views.case_edit, name="edit"),
    path("<uuid:case_id>/afsluiten/", views.case_close, name="close"),
    path("<uuid:case_id>/betrokkenen/nieuw/", views.involvement_add, name="involvement_add"),
    path("<uuid:case_id>/betrokkenen/<uuid:involvement_id>/beeindigen/", views.involvement_end,
         name="involvement_end"),
    path("<uuid:case_id>/product-2a/", views.indicate_2a, name="indicate_2a"),
    path("<uuid:case_id>/product-2b/", views.indicate_2b, name="indicate_2b"),
    path("<uuid:case_id>/producten/<uuid:indication_id>/uren/", views.hours_add, name="hours_add"),
    path("<uuid:case_id>/producten/<uuid:indication_id>/2b-beeindigen/", views.end_2b, name="end_2b"),
    path("<uuid:case_id>/contacten/nieuw/", views.contact_add, name="contact_add"),
    path("<uuid:case_id>/contacten/<uuid:case_contact_id>/plan/", views.plan_update, name="plan_update"),
    path("<uuid:case_id>/contacten/<uuid:case_contact_id>/feedback/", views.contact_feedback,
         name="contact_feedback"),
    path("<uuid:case_id>/taken/<uuid:task_id>/afgerond/", views.task_done, name="task_done"),
    path("<uuid:case_id>/contactpersoon/", views.contact_person, name="contact_person"),
    path("<uuid:case_id>/status/", views.status, name="status"),
    path("<uuid:case_id>/gebeurtenissen/nieuw/", views.event_add, name="event_add"),
    path("<uuid:case_id>/hulp/nieuw/", views.help_add, name="help_add"),
    path("<uuid:case_id>/strafbare-feiten/nieuw/", views.offence_add, name="offence_add"),
    path("<uuid:case_id>/borgingsplan/", views.assurance_plan, name="assurance_plan"),
    path("<uuid:case_id>/uitleg-weigeren/", views.refusal_explained, name="refusal_explained"),
    path("<uuid:case_id>/gezinsplan-afspreken/", views.plan_agree, name="plan_agree"),
    path("<uuid:case_id>/uren.csv", views.hours_export, name="hours_export"),
    path("<uuid:case_id>/maatregelen/nieuw/", views.measure_add, name="measure_add"),
    path("<uuid:case_id>/maatregelen/<uuid:measure_id>/beeindigen/", views.measure_end, name="measure_end"),
    path("<uuid:case_id>/maatregelen/<uuid:measure_id>/verlengen/", views.measure_extend, name="measure_extend"),
    path("<uuid:case_id>/maatregelen/<uuid:measure_id>/evaluatie/", views.measure_evaluation,
         name="measure_evaluation"),
    path("<uuid:case_id>/overdrachten/nieuw/", views.handover_add, name="handover_add"),
    path("<uuid:case_id>/overdrachten/<uuid:handover_id>/", views.handover_edit, name="handover_edit"),
    path("<uuid:case_id>/werkfase/", views.work_phase, name="work_phase"),
    path("<uuid:case_id>/stap/<str:trigger>/", views.transition, name="transition"),
    path("gezin/<uuid:family_id>/nieuw/", views.case_open, name="open"),
]
