from django.urls import path

from gezinsplan.analysis import views
from gezinsplan.analysis.forms import PARTS

app_name = "analysis"

urlpatterns = [
    path("gezin/<uuid:family_id>/", views.plan, name="plan"),
    path("gezin/<uuid:family_id>/starten/", views.start, name="start"),
    path("gezin/<uuid:family_id>/versie-vastleggen/", views.publish, name="publish"),
    path("gezin/<uuid:family_id>/versies/<int:version_number>/", views.version_detail, name="version"),
    path("gezin/<uuid:family_id>/gezinsplan.pdf", views.plan_pdf, name="pdf"),
]

urlpatterns += [
    path(f"gezin/<uuid:family_id>/{part}/", views.part_edit, {"part": part}, name=f"part_{part.replace('-', '_')}")
    for part in PARTS
]

urlpatterns += [
    path("begrippen/", views.glossary, name="glossary"),
    path("genogram-en-tijdlijn-ontbreken/", views.missing_genogram_timeline, name="missing"),
]

for kind, segment in views.SEGMENTS:
    kwarg = views.KINDS[kind].url_kwarg
    urlpatterns += [
        path(f"gezin/<uuid:family_id>/{segment}/nieuw/", views.record_form, {"kind": kind}, name=f"{kind}_create"),
        path(
            f"gezin/<uuid:family_id>/{segment}/<uuid:{kwarg}>/", views.record_form, {"kind": kind}, name=f"{kind}_edit"
        ),
        path(
            f"gezin/<uuid:family_id>/{segment}/<uuid:{kwarg}>/verwijderen/",
            views.record_remove,
            {"kind": kind},
            name=f"{kind}_remove",
        ),
    ]
