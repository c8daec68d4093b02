"""Login: Argon2 hashes, Dutch errors, lockout after five failures, one-time codes when two-factor is on."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory


def _login(client, username, password, otp=""):
    return client.post("/account/inloggen/", {"username": username, "password": password, "otp_token": otp})


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        assert make_password("een-wachtwoord").startswith("argon2")
    from django.conf import settings

    from gezinsplan.conf import base
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.AUTH_USER_MODEL == "accounts.User"


@pytest.mark.django_db
def test_wrong_password_gives_dutch_message():
    UserFactory(username="anna")
    response = _login(Client(), "anna", "fout")
    assert response.status_code == 200
    assert "onbekend" in response.content.decode()


@pytest.mark.django_db
def test_five_failures_lock_the_account():
    UserFactory(username="anna")
    client = Client()
    for _ in range(5):
        _login(client, "anna", "fout")
    response = _login(client, "anna", "geheim-wachtwoord-1")
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()


@pytest.mark.django_db
def test_correct_login_lands_on_my_families():
    UserFactory(username="anna")
    response = _login(Client(), "anna", "geheim-wachtwoord-1")
    assert response.status_code == 302 and response["Location"] == "/gezinnen/"


@pytest.mark.django_db
def test_user_with_two_factor_needs_a_valid_code():
    user = UserFactory(username="anna")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    assert "eenmalige code" in _login(client, "anna", "geheim-wachtwoord-1").content.decode().lower()
    assert "klopt niet" in _login(client, "anna", "geheim-wachtwoord-1", "000000").content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles after a wrong code; a test does not wait for it
    code = f"{totp(device.bin_key):06d}"
    assert _login(client, "anna", "geheim-wachtwoord-1", code).status_code == 302
    api = Client().post("/api/v1/auth/token/", {"username": "anna", "password": "geheim-wachtwoord-1"},
                        content_type="application/json")
    assert api.status_code == 400 and "otp_token" in api.json()


@pytest.mark.django_db
def test_no_personal_data_in_error_pages(alice):
    client = Client()
    client.force_login(alice)
    response = client.get("/gezinnen/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_api_token_needs_two_factor_when_it_is_required(settings):
    """Outside demo mode a professional without a second factor gets no API token."""
    settings.GEZINSPLAN_REQUIRE_2FA = True
    UserFactory(username="anna")
    response = Client().post("/api/v1/auth/token/", {"username": "anna", "password": "geheim-wachtwoord-1"},
                             content_type="application/json")
    assert response.status_code == 400 and "tweestapsverificatie" in str(response.json())
