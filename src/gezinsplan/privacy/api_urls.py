"""API routes of this app, included under /api/v1/."""

from django.urls import path

from gezinsplan.privacy import api_views as views

urlpatterns = [
    path("families/<uuid:family_id>/consents/", views.ConsentListView.as_view(), name="family-consents"),
    path("families/<uuid:family_id>/consents/<uuid:consent_id>/", views.ConsentDetailView.as_view(),
         name="family-consent-detail"),
    path("families/<uuid:family_id>/disclosures/", views.DisclosureListView.as_view(), name="family-disclosures"),
    path("families/<uuid:family_id>/confidentiality-breaches/", views.BreachListView.as_view(),
         name="family-breaches"),
    path("anonymous-consultations/", views.ConsultationListView.as_view(), name="anonymous-consultations"),
    path("anonymous-consultations/counts/", views.ConsultationCountsView.as_view(), name="consultation-counts"),
    path("emergency-access/", views.EmergencyAccessView.as_view(), name="emergency-access"),
    path("emergency-access/reviews/", views.EmergencyReviewListView.as_view(), name="emergency-reviews"),
    path("access-log/search/", views.LogSearchView.as_view(), name="access-log-search"),
]
