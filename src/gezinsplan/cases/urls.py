from django.urls import path

from gezinsplan.cases import views

app_name = "cases"

urlpatterns = [
    path("<uuid:case_id>/", views.detail, name="detail"),
    path("<uuid:case_id>/afsluiten/", views.case_close, name="close"),
    path("<uuid:case_id>/betrokkenen/nieuw/", views.involvement_add, name="involvement_add"),
    path("<uuid:case_id>/betrokkenen/<uuid:involvement_id>/beeindigen/", views.involvement_end,
         name="involvement_end"),
    path("gezin/<uuid:family_id>/nieuw/", views.case_open, name="open"),
]
