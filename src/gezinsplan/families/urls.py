from django.urls import path

from gezinsplan.families import views

app_name = "families"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("zoeken/", views.search, name="search"),
    path("nieuw/", views.family_open, name="create"),
    path("<uuid:family_id>/", views.detail, name="detail"),
    path("<uuid:family_id>/wijzigen/", views.family_edit, name="edit"),
    path("<uuid:family_id>/geschiedenis/", views.history, name="history"),
]

for kind, segment, kwarg in (("person", "leden", "person_id"), ("relationship", "relaties", "relationship_id"),
                             ("network", "netwerk", "member_id"), ("residence", "verblijf", "residence_id"),
                             ("arrangement", "regelingen", "arrangement_id"),
                             ("administrator", "bewindvoering", "administrator_id"),
                             ("perspective", "verhalen-kinderen", "perspective_id"),
                             ("contribution", "veiligheid", "contribution_id"),
                             ("story", "woord-beeldverhalen", "story_id")):
    urlpatterns += [
        path(f"<uuid:family_id>/{segment}/nieuw/", views.record_form, {"kind": kind}, name=f"{kind}_create"),
        path(f"<uuid:family_id>/{segment}/<uuid:{kwarg}>/", views.record_form, {"kind": kind},
             name=f"{kind}_edit"),
        path(f"<uuid:family_id>/{segment}/<uuid:{kwarg}>/verwijderen/", views.record_remove, {"kind": kind},
             name=f"{kind}_remove"),
    ]

urlpatterns += [
    path("<uuid:family_id>/woord-beeldverhalen/<uuid:story_id>/volgende-stap/", views.story_advance,
         name="story_advance"),
]
