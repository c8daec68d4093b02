from django.urls import path

from gezinsplan.families import views

app_name = "families"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("zoeken/", views.search, name="search"),
    path("nieuw/", views.family_open, name="create"),
    path("<uuid:family_id>/", views.detail, name="detail"),
    path("<uuid:family_id>/wijzigen/", views.family_edit, name="edit"),
]

for kind, segment, kwarg in (("person", "leden", "person_id"), ("relationship", "relaties", "relationship_id"),
                             ("network", "netwerk", "member_id")):
    urlpatterns += [
        path(f"<uuid:family_id>/{segment}/nieuw/", views.record_form, {"kind": kind}, name=f"{kind}_create"),
        path(f"<uuid:family_id>/{segment}/<uuid:{kwarg}>/", views.record_form, {"kind": kind},
             name=f"{kind}_edit"),
        path(f"<uuid:family_id>/{segment}/<uuid:{kwarg}>/verwijderen/", views.record_remove, {"kind": kind},
             name=f"{kind}_remove"),
    ]
