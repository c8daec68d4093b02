"""Two-factor login for professionals (django-otp, TOTP).

With GEZINSPLAN_REQUIRE_2FA on (always in production; off only in demo mode), an authenticated professional whose
session is not verified with a one-time code is sent to set up an authenticator app, or to enter a code.
Parents and young people (portal roles) log in differently and are not sent here.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from gezinsplan.accounts.constants import PORTAL_ROLES

EXEMPT_PREFIXES = ("/static/", "/i18n/", "/account/inloggen/", "/account/uitloggen/", "/privacy/tweestapsverificatie/")


def requires_second_factor(user) -> bool:
    return bool(getattr(settings, "GEZINSPLAN_REQUIRE_2FA", True) and user.is_authenticated
                and user.role not in PORTAL_ROLES and not user.is_verified())


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and requires_second_factor(user) and not request.path.startswith(EXEMPT_PREFIXES):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Tweestapsverificatie is verplicht: log in met een eenmalige "
                                                 "code.")}, status=403)
            has_device = any(True for _device in devices_for_user(user, confirmed=True))
            target = "privacy:otp_verify" if has_device else "privacy:otp_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
