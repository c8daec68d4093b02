"""API routes of this app, included under /api/v1/."""

from django.urls import path

from gezinsplan.analysis import api_views

urlpatterns = [
    path("families/<uuid:family_id>/analysis/", api_views.AnalysisView.as_view(), name="family-analysis"),
    path("families/<uuid:family_id>/family-plan/", api_views.FamilyPlanView.as_view(), name="family-plan"),
    path("families/<uuid:family_id>/family-plan/versions/<int:version_number>/",
         api_views.FamilyPlanVersionView.as_view(), name="family-plan-version"),
]

for collection, (_model, _serializer, _type, kwarg, *_rest) in api_views.COLLECTIONS.items():
    urlpatterns += [
        path(f"families/<uuid:family_id>/analysis/{collection}/", api_views.RowListView.as_view(
            collection=collection), name=f"analysis-{collection}"),
        path(f"analysis/{collection}/<uuid:{kwarg}>/", api_views.RowDetailView.as_view(collection=collection),
             name=f"analysis-{collection}-detail"),
    ]
