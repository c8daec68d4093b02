from django.contrib.auth import views as auth_views
from django.urls import path

from gezinsplan.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("contactgids/", views.directory, name="directory"),
    path("contactgids/nieuw/", views.contact_form, name="contact_create"),
    path("contactgids/<uuid:contact_id>/", views.contact_form, name="contact_edit"),
    path("casus/<uuid:case_id>/ondersteuning/nieuw/", views.case_support_create, name="case_support_create"),
    path("casus/<uuid:case_id>/consult/nieuw/", views.expert_consultation_create, name="consultation_create"),
    path("spreekuur/", views.consultation_hour, name="consultation_hour"),
    path("team/training/", views.team_training, name="team_training"),
    path("werkwijze/", views.method, name="method"),
]
