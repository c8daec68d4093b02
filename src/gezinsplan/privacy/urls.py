from django.urls import path

from gezinsplan.privacy import views

app_name = "privacy"

urlpatterns = [
    path("gezin/<uuid:family_id>/toestemming/nieuw/", views.consent_create, name="consent_create"),
    path("gezin/<uuid:family_id>/toestemming/<uuid:consent_id>/wijzigen/", views.consent_edit, name="consent_edit"),
    path(
        "gezin/<uuid:family_id>/toestemming/<uuid:consent_id>/intrekken/", views.consent_revoke, name="consent_revoke"
    ),
    path("gezin/<uuid:family_id>/verstrekking/nieuw/", views.disclosure_create, name="disclosure_create"),
    path("gezin/<uuid:family_id>/afweging/nieuw/", views.breach_create, name="breach_create"),
    path("gezin/<uuid:family_id>/opvolging/", views.follow_up_complete, name="follow_up_complete"),
    path("gezin/<uuid:family_id>/leermateriaal/", views.learning_material, name="learning_material"),
    path("gezin/<uuid:family_id>/bewaren/", views.retention_page, name="retention"),
    path("gezin/<uuid:family_id>/toegangslog/", views.family_log, name="family_log"),
    path("toegangslog/", views.log_search, name="log_search"),
    path("noodtoegang/", views.emergency, name="emergency"),
    path("noodtoegang/beoordelen/", views.emergency_reviews, name="emergency_reviews"),
    path("noodtoegang/<uuid:access_id>/beoordelen/", views.emergency_review, name="emergency_review"),
    path("consultaties/", views.consultations, name="consultations"),
    path("consultaties/aantallen/", views.consultation_counts, name="consultation_counts"),
    path("tweestapsverificatie/instellen/", views.otp_setup, name="otp_setup"),
    path("tweestapsverificatie/", views.otp_verify, name="otp_verify"),
]
