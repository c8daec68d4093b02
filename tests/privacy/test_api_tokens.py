"""API tokens are stored only as a digest (django-rest-knox), lapse after inactivity and can be revoked."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from tests.factories import UserFactory


@pytest.fixture
def user(db):
    user = UserFactory(username="tokengebruiker")
    user.set_password("geheim-wachtwoord-1")
    user.save()
    return user


def _login(client):
    return client.post("/api/v1/auth/token/", {"username": "tokengebruiker", "password": "geheim-wachtwoord-1"},
                       content_type="application/json")


def test_the_token_is_not_stored_in_plain_text(user):
    client = Client()
    response = _login(client)
    assert response.status_code == 200
    token = response.json()["token"]
    assert response.json()["expiry"]
    stored = AuthToken.objects.get(user=user)
    assert token not in (stored.digest, stored.token_key) and stored.digest != token
    assert "authtoken_token" not in connection.introspection.table_names()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_an_expired_token_is_refused(user):
    token = _login(Client()).json()["token"]
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - dt.timedelta(minutes=1))
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_a_deleted_token_no_longer_works(user):
    token = _login(Client()).json()["token"]
    AuthToken.objects.filter(user=user).delete()
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
