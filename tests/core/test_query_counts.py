"""Every list and family page keeps a constant number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from tests.factories import (
    ContactFactory,
    NetworkMemberFactory,
    PersonFactory,
    RelationshipFactory,
    UserFactory,
    involve,
)


def _count(client, url, method="get", **params) -> int:
    send = getattr(client, method)
    send(url, params)  # warm up: the very first access-log append creates the chain head
    with CaptureQueriesContext(connection) as ctx:
        response = send(url, params)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow_family(family, n):
    for _ in range(n):
        parent = PersonFactory(family=family, family_role="parent", birth_date=None)
        child = PersonFactory(family=family, last_name=parent.last_name)
        RelationshipFactory(family=family, from_person=parent, to_person=child)
        NetworkMemberFactory(family=family, child=child)


@pytest.mark.django_db
def test_caseload_query_count_does_not_grow():
    user = UserFactory()
    involve(user)
    client = client_for(user)
    small = _count(client, "/gezinnen/")
    for _ in range(15):
        family = involve(user).case.family
        _grow_family(family, 1)
    assert _count(client, "/gezinnen/") == small


@pytest.mark.django_db
def test_family_page_query_count_does_not_grow():
    user = UserFactory()
    family = involve(user).case.family
    client = client_for(user)
    _grow_family(family, 1)
    small = _count(client, f"/gezinnen/{family.pk}/")
    _grow_family(family, 8)
    for _ in range(4):
        involve(UserFactory(), family)
    assert _count(client, f"/gezinnen/{family.pk}/") == small


@pytest.mark.django_db
def test_case_page_query_count_does_not_grow():
    user = UserFactory()
    inv = involve(user)
    client = client_for(user)
    small = _count(client, f"/casussen/{inv.case.pk}/")
    for _ in range(6):
        involve(UserFactory(), inv.case.family, role="support")
    assert _count(client, f"/casussen/{inv.case.pk}/") == small


@pytest.mark.django_db
def test_search_query_count_does_not_grow():
    user = UserFactory()
    client = client_for(user)
    family = involve(user).case.family
    PersonFactory(family=family, last_name="Zoekmans")
    small = _count(client, "/gezinnen/zoeken/", method="post", q="zoekmans")
    for _ in range(10):
        other = involve(user).case.family
        PersonFactory(family=other, last_name="Zoekmans")
    assert _count(client, "/gezinnen/zoeken/", method="post", q="zoekmans") == small


@pytest.mark.django_db
def test_api_family_list_query_count_does_not_grow():
    user = UserFactory()
    involve(user)
    client = client_for(user)
    small = _count(client, "/api/v1/families/")
    for _ in range(10):
        involve(user)
    assert _count(client, "/api/v1/families/") == small


@pytest.mark.django_db
def test_api_case_list_query_count_does_not_grow():
    user = UserFactory()
    involve(user)
    client = client_for(user)
    small = _count(client, "/api/v1/cases/")
    for _ in range(10):
        inv = involve(user)
        involve(UserFactory(), inv.case.family)
    assert _count(client, "/api/v1/cases/") == small


@pytest.mark.django_db
def test_directory_query_count_does_not_grow():
    user = UserFactory()
    client = client_for(user)
    ContactFactory()
    small = _count(client, "/account/contactgids/")
    ContactFactory.create_batch(20)
    assert _count(client, "/account/contactgids/") == small
