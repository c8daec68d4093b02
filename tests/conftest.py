import pytest
from django.test import Client

from tests.factories import UserFactory, involve


@pytest.fixture(autouse=True)
def _english_free(settings):
    settings.LANGUAGE_CODE = "nl"


@pytest.fixture
def alice(db):
    """An LT professional with the lead on one family."""
    return UserFactory(username="alice")


@pytest.fixture
def alice_family(alice):
    return involve(alice).case.family


@pytest.fixture
def bob(db):
    """An LT professional involved in another family only."""
    user = UserFactory(username="bob")
    involve(user)
    return user


@pytest.fixture
def alice_client(alice):
    client = Client()
    client.force_login(alice)
    return client


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
