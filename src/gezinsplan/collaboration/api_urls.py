"""API routes of this app, included under /api/v1/."""
from django.urls import path

from gezinsplan.collaboration import api_views

urlpatterns = [
    path("due/", api_views.DueView.as_view(), name="due"),
    path("feedback/", api_views.FeedbackView.as_view(), name="feedback"),
    path("reflection-sessions/", api_views.ReflectionView.as_view(), name="reflection-sessions"),
    path("barriers/<uuid:barrier_id>/steps/", api_views.BarrierStepsView.as_view(), name="barrier-steps"),
]
for kind in api_views.CASE_COLLECTIONS:
    urlpatterns.append(path(f"cases/<uuid:case_id>/{kind}/", api_views.CaseCollectionView.as_view(kind=kind),
                            name=f"case-{kind}"))
