"""The family's whole change history: paged, with Dutch record names, what changed, restricted rows hidden,
logged as an access, and a constant number of queries."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.core.models import ChangeRecord
from gezinsplan.families import services
from gezinsplan.privacy.models import AccessLogEntry
from tests.conftest import client_for
from tests.factories import UserFactory, involve

pytestmark = pytest.mark.django_db


def _changes(family, user, n, object_type="person"):
    ChangeRecord.objects.bulk_create(
        ChangeRecord(family_id=family.pk, object_type=object_type, object_id=uuid.uuid4(), action="update",
                     changes={"Roepnaam": ["Jan", f"Jan {i}"]}, user=user) for i in range(n))


def test_a_real_change_shows_the_record_name_and_old_and_new_value(alice, alice_family, alice_client):
    person = services.person_add(actor=alice, family=alice_family, first_name="Nelle", last_name="Flink",
                                 birth_date=dt.date(2016, 5, 1), family_role="child")
    services.person_update(actor=alice, person=person, version=person.version, first_name="Nel")
    page = alice_client.get(f"/gezinnen/{alice_family.pk}/geschiedenis/").content.decode()
    assert "gezinslid gewijzigd" in page and "gezinslid aangemaakt" in page
    assert "Nelle → Nel" in page
    family_page = alice_client.get(f"/gezinnen/{alice_family.pk}/").content.decode()
    assert f"/gezinnen/{alice_family.pk}/geschiedenis/" in family_page and "gezinslid gewijzigd" in family_page


def test_the_history_is_paged_25_at_a_time_newest_first(alice, alice_family, alice_client):
    _changes(alice_family, alice, 30)
    first = alice_client.get(f"/gezinnen/{alice_family.pk}/geschiedenis/").content.decode()
    assert first.count("Jan → Jan ") == 25 and "Jan → Jan 29<" in first and "Pagina 1 van 2" in first
    second = alice_client.get(f"/gezinnen/{alice_family.pk}/geschiedenis/", {"page": 2}).content.decode()
    assert second.count("Jan → Jan ") == 5 and "Jan → Jan 0<" in second
    beyond = alice_client.get(f"/gezinnen/{alice_family.pk}/geschiedenis/", {"page": "x"})
    assert beyond.status_code == 200  # a bad page number shows the first page


def test_empty_history_says_so(alice_family, alice_client):
    page = alice_client.get(f"/gezinnen/{alice_family.pk}/geschiedenis/").content.decode()
    assert "Nog geen wijzigingen." in page


def test_r569_the_matching_note_stays_out_of_the_history_of_others(alice, alice_family, alice_client):
    """R569: the history keeps the visibility of the record: a matching note only for the GI team."""
    _changes(alice_family, alice, 1, object_type="matchingnote")
    page = alice_client.get(f"/gezinnen/{alice_family.pk}/geschiedenis/").content.decode()
    assert "Jan → Jan 0" not in page
    assert "alleen wijzigingen die u niet mag zien" in page


def test_only_involved_professionals_see_it_and_each_view_is_logged(alice, alice_family, alice_client):
    outsider = UserFactory()
    involve(outsider)
    assert client_for(outsider).get(f"/gezinnen/{alice_family.pk}/geschiedenis/").status_code == 404
    alice_client.get(f"/gezinnen/{alice_family.pk}/geschiedenis/")
    entry = AccessLogEntry.objects.filter(family_id=alice_family.pk, user=alice).latest("seq")
    assert entry.object_type == "geschiedenis" and entry.action == "view"


def test_history_query_count_does_not_grow(alice, alice_family, alice_client):
    url = f"/gezinnen/{alice_family.pk}/geschiedenis/"
    _changes(alice_family, alice, 3)
    alice_client.get(url)
    with CaptureQueriesContext(connection) as small:
        alice_client.get(url)
    _changes(alice_family, alice, 80)
    _changes(alice_family, UserFactory(), 10)
    with CaptureQueriesContext(connection) as large:
        alice_client.get(url, {"page": 2})
    assert len(large.captured_queries) == len(small.captured_queries)
