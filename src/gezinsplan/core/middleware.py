import logging

from django.conf import settings
from django.utils import translation

from gezinsplan.privacy.access_log import append_entries

logger = logging.getLogger(__name__)

# URL keyword arguments that address a family's data; a successful response for such a URL must have
# logged an access (enforced here, and walked by tests over every URL pattern).
FAMILY_URL_KWARGS = frozenset({"family_id", "case_id", "person_id", "relationship_id", "member_id",
                               "involvement_id", "record_id", "indication_id", "measure_id", "handover_id",
                               "event_id", "help_id", "background_id", "concern_id",
                               "danger_id", "element_id", "goal_id", "consent_id", "disclosure_id", "breach_id",
                               "meeting_id", "agreement_id", "decision_id", "barrier_id",
                               "assessment_id", "screening_id", "review_id", "endorsement_id", "function_id",
                               "matching_id", "note_id", "instrument_use_id", "questionnaire_id", "intake_id",
                               "escalation_id", "case_contact_id", "task_id", "case_help_id",
                               # families: the situation over time
                               "residence_id", "arrangement_id", "administrator_id", "perspective_id",
                               "contribution_id", "story_id"})


class AccessLogMiddleware:
    """Appends the access-log entries a request queued, before the response leaves the server."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access_log_queue = []
        response = self.get_response(request)
        queue = request.access_log_queue
        if queue:
            user = request.user
            channel = "api" if request.path.startswith("/api/") else (
                "download" if response.get("Content-Disposition", "").startswith("attachment") else "page")
            append_entries(user=user, pending=queue, channel=channel, ip_address=_client_ip(request))
        elif 200 <= response.status_code < 300 and request.method != "OPTIONS" and self._addresses_family(request):
            # (OPTIONS answers with the API's field descriptions only, never a family's data.)
            message = f"No access logged for {request.resolver_match.view_name}"
            if settings.DEBUG or getattr(settings, "ACCESS_LOG_STRICT", False):
                raise RuntimeError(message)
            logger.error(message)
        return response

    @staticmethod
    def _addresses_family(request) -> bool:
        match = getattr(request, "resolver_match", None)
        return bool(match and FAMILY_URL_KWARGS & set(match.kwargs))


def _client_ip(request) -> str | None:
    # Behind the load balancer the proxy sets REMOTE_ADDR through its own trusted configuration.
    return request.META.get("REMOTE_ADDR") or None


class LanguageMiddleware:
    """Dutch unless the user chose another language (the language cookie); the browser's language is ignored,
    so a professional with an English browser still gets the Dutch interface of a Dutch service."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
