"""Fuzzing the OpenAPI schema with schemathesis against the WSGI app, as a logged-in professional: no 5xx.

The schema is generated in-process by drf-spectacular (the same document /api/v1/schema/ serves), so loading it
needs no database at collection time; the requests go to the WSGI application.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from knox.models import AuthToken

from gezinsplan.wsgi import application
from tests.factories import PersonFactory, UserFactory, involve

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the WSGI app directly fires request_finished, which closes the database connection (and with it the
    test's transaction on PostgreSQL). Django's own test client unhooks that handler; do the same here."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    user = UserFactory(username="fuzzer")
    family = involve(user).case.family
    PersonFactory(family=family)
    return AuthToken.objects.create(user=user)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_5xx(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
