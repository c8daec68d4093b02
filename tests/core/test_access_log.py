"""NEN 7513 access log: every read and write of a family's data is logged, in a tamper-evident chain."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import URLPattern, URLResolver, get_resolver

from gezinsplan.core.middleware import FAMILY_URL_KWARGS
from gezinsplan.privacy.access_log import verify_chain
from gezinsplan.privacy.models import AccessLogEntry
from tests.conftest import client_for
from tests.core.url_ids import build_world, value_for
from tests.factories import UserFactory


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def family_url_patterns():
    for route, pattern in _walk(get_resolver().url_patterns):
        names = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
        if names & FAMILY_URL_KWARGS:
            yield route, pattern, names


@pytest.fixture
def populated(db):
    user = UserFactory()
    world = build_world(user)
    return user, world, world["family"]


def _fill(route: str, world: dict, cache: dict | None = None) -> str:
    cache = {} if cache is None else cache
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(value_for(m.group(1), route, world, cache)), route)


def test_every_family_url_is_walked():
    routes = [route for route, _p, _n in family_url_patterns()]
    assert len(routes) >= 15, routes


@pytest.mark.django_db
def test_every_url_with_a_family_or_case_id_logs_an_entry(populated):
    """Walk every URL pattern that takes a family or case id: each GET leaves an access-log entry."""
    user, world, family = populated
    client = client_for(user)
    cache = {}
    for route, _pattern, _names in family_url_patterns():
        url = _fill(route, world, cache)
        before = AccessLogEntry.objects.count()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        new = AccessLogEntry.objects.filter(seq__gt=before)
        assert new.filter(family_id=family.pk, user=user).exists(), url


@pytest.mark.django_db
def test_entry_names_who_what_when_where_and_why(populated, alice):
    user, _world, family = populated
    client_for(user).get(f"/gezinnen/{family.pk}/", REMOTE_ADDR="10.1.2.3")
    entry = AccessLogEntry.objects.latest("seq")
    assert entry.username == user.username
    assert entry.role == user.role
    assert entry.organisation == user.organisation.name
    assert entry.family_id == family.pk
    assert entry.action == "view" and entry.object_type == "gezin" and entry.channel == "page"
    assert entry.ip_address == "10.1.2.3"
    assert "betrokkenheid" in entry.reason


@pytest.mark.django_db
def test_refused_access_reveals_nothing_and_logs_nothing(populated, alice):
    _user, _world, family = populated
    response = client_for(alice).get(f"/gezinnen/{family.pk}/")
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(family_id=family.pk, user=alice).exists()


@pytest.mark.django_db
def test_writes_are_logged_as_writes(populated):
    user, _world, family = populated
    client = client_for(user)
    response = client.post(f"/gezinnen/{family.pk}/netwerk/nieuw/", {
        "name": "Tante Riet", "relation": "tante", "group": "family", "support": "yes"})
    assert response.status_code == 302
    assert AccessLogEntry.objects.filter(family_id=family.pk, action="create", object_type="netwerklid").exists()


@pytest.mark.django_db
def test_api_reads_are_logged_with_channel_api(populated):
    user, _world, family = populated
    client_for(user).get(f"/api/v1/families/{family.pk}/persons/")
    entry = AccessLogEntry.objects.latest("seq")
    assert entry.channel == "api" and entry.family_id == family.pk


@pytest.mark.django_db
def test_caseload_logs_each_family_shown(populated):
    user, _world, family = populated
    client_for(user).get("/gezinnen/")
    assert AccessLogEntry.objects.filter(family_id=family.pk, object_type="overzicht").count() == 1


@pytest.mark.django_db
def test_verify_access_log_passes_on_an_intact_chain(populated):
    user, _world, family = populated
    client = client_for(user)
    for _ in range(3):
        client.get(f"/gezinnen/{family.pk}/")
    assert list(verify_chain()) == []
    call_command("verify_access_log")


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["change", "delete_middle", "delete_last"])
def test_verify_access_log_names_the_first_broken_entry(populated, tamper):
    user, _world, family = populated
    client = client_for(user)
    for _ in range(4):
        client.get(f"/gezinnen/{family.pk}/")
    entries = list(AccessLogEntry.objects.order_by("seq"))
    if tamper == "change":
        AccessLogEntry.objects.filter(pk=entries[1].pk).update(username="iemand-anders")
        expected = entries[1].seq
    elif tamper == "delete_middle":
        AccessLogEntry.objects.filter(pk=entries[1].pk).delete()
        expected = entries[1].seq
    else:
        AccessLogEntry.objects.filter(pk=entries[-1].pk).delete()
        expected = entries[-1].seq
    breaks = list(verify_chain())
    assert breaks and breaks[0].seq == expected
    with pytest.raises(CommandError, match=f"regel {expected}"):
        call_command("verify_access_log")


@pytest.mark.django_db
def test_access_log_api_names_user_role_organisation_action_object_time(populated):
    user, _world, family = populated
    client = client_for(user)
    client.get(f"/gezinnen/{family.pk}/")
    data = client.get(f"/api/v1/families/{family.pk}/access-log/").json()
    first = data["results"][-1]
    assert {"username", "role", "organisation", "action", "object_type", "occurred_at"} <= set(first)
    assert first["username"] == user.username
