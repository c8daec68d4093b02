from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from gezinsplan.api import views

app_name = "api"

families = views.FamilyViewSet
cases = views.CaseViewSet

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("me/", views.MeView.as_view(), name="me"),
    path("families/", families.as_view({"get": "list", "post": "create"}), name="family-list"),
    path("families/<uuid:family_id>/", families.as_view({"get": "retrieve", "patch": "partial_update"}),
         name="family-detail"),
    path("families/<uuid:family_id>/access-log/", views.FamilyAccessLogView.as_view(), name="family-access-log"),
    path("cases/", cases.as_view({"get": "list"}), name="case-list"),
    path("cases/<uuid:case_id>/", cases.as_view({"get": "retrieve"}), name="case-detail"),
    path("cases/<uuid:case_id>/involvements/", views.CaseInvolvementsView.as_view(), name="case-involvements"),
    path("cases/<uuid:case_id>/indications/", views.CaseIndicationsView.as_view(), name="case-indications"),
    path("cases/<uuid:case_id>/indications/<uuid:indication_id>/hours/", views.IndicationHoursView.as_view(),
         name="indication-hours"),
    path("cases/<uuid:case_id>/measures/", views.CaseMeasuresView.as_view(), name="case-measures"),
    path("cases/<uuid:case_id>/contacts/", views.CaseContactsView.as_view(), name="case-contacts"),
    path("cases/<uuid:case_id>/indications/<uuid:indication_id>/end-2b/", views.IndicationEnd2bView.as_view(),
         name="indication-end-2b"),
    path("cases/<uuid:case_id>/transitions/", views.CaseTransitionsView.as_view(), name="case-transitions"),
]

for kind in ("persons", "relationships", "network-members"):
    urlpatterns += [
        path(f"families/<uuid:family_id>/{kind}/", views.FamilyRecordListView.as_view(kind=kind),
             name=f"family-{kind}"),
        path(f"{kind}/<uuid:record_id>/", views.FamilyRecordDetailView.as_view(kind=kind), name=f"{kind}-detail"),
    ]

# Each domain app keeps its own API routes; they share the namespace "api" and the /api/v1/ prefix.
for module in ("safety", "analysis", "collaboration", "privacy"):
    urlpatterns.append(path("", include(f"gezinsplan.{module}.api_urls")))
