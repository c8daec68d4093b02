"""Issue 8 item 8: the headers every page carries (CSP, framing, sniffing, referrer, HSTS in production) and the
inactivity timeout of a professional's session."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.shortcuts import resolve_url
from django.utils import timezone

from tests.conftest import client_for


@pytest.mark.django_db
def test_a_family_page_carries_a_strict_content_security_policy_and_no_framing(alice, alice_family):
    response = client_for(alice).get(f"/gezinnen/{alice_family.pk}/")
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert policy["script-src"] == "'self'"  # no inline scripts, no third-party scripts
    assert policy["style-src"] == "'self'"  # no inline styles
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_login_page_carries_the_same_headers(client, settings):
    response = client.get(resolve_url(settings.LOGIN_URL))
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_https_requests_get_hsts_with_the_production_values(settings, alice, alice_family):
    from gezinsplan.conf import production

    settings.SECURE_HSTS_SECONDS = production.SECURE_HSTS_SECONDS
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = production.SECURE_HSTS_INCLUDE_SUBDOMAINS
    settings.SECURE_HSTS_PRELOAD = production.SECURE_HSTS_PRELOAD
    response = client_for(alice).get(f"/gezinnen/{alice_family.pk}/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert production.SESSION_COOKIE_NAME.startswith("__Host-")  # only over HTTPS, only this host


@pytest.mark.django_db
def test_each_request_extends_the_session_by_the_inactivity_timeout(settings, alice, alice_family):
    client = client_for(alice)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert client.get(f"/gezinnen/{alice_family.pk}/").status_code == 200
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < remaining <= dt.timedelta(
        seconds=settings.SESSION_COOKIE_AGE)
    assert settings.SESSION_COOKIE_AGE == 30 * 60


@pytest.mark.django_db
def test_after_the_inactivity_timeout_the_family_page_asks_to_log_in_again(settings, alice, alice_family):
    client = client_for(alice)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(f"/gezinnen/{alice_family.pk}/")
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert str(alice_family.pk) not in response["Location"].split("?")[0]
    assert client.get("/api/v1/families/").status_code in (401, 403)
