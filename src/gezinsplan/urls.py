from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="families:caseload", permanent=False)),
    path("account/", include("gezinsplan.accounts.urls")),
    path("gezinnen/", include("gezinsplan.families.urls")),
    path("casussen/", include("gezinsplan.cases.urls")),
    path("veiligheid/", include("gezinsplan.safety.urls")),
    path("analyse/", include("gezinsplan.analysis.urls")),
    path("samenwerking/", include("gezinsplan.collaboration.urls")),
    path("privacy/", include("gezinsplan.privacy.urls")),
    path("api/v1/", include("gezinsplan.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
