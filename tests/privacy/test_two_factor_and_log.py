"""Two-factor login for professionals outside demo mode; the access log only after two-factor (NEN 7513 ch. 8);
the family's log page and the privacy officer's search and export."""

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gezinsplan.privacy.models import AccessLogEntry
from tests.conftest import client_for
from tests.factories import OrganisationFactory, PersonFactory, UserFactory, involve


def verified_client(user) -> Client:
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = client_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.mark.django_db
def test_2fa_is_enforced_for_professionals_outside_demo_mode(settings, alice, alice_family):
    settings.GEZINSPLAN_REQUIRE_2FA = True
    client = client_for(alice)
    response = client.get(f"/gezinnen/{alice_family.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/privacy/tweestapsverificatie/instellen/")
    assert client.get("/api/v1/families/").status_code == 403
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    page = setup.content.decode()
    assert "otpauth://totp/" in page and "<svg" in page
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    response = client.post("/privacy/tweestapsverificatie/instellen/",
                           {"otp_token": f"{totp(device.bin_key):06d}", "next": f"/gezinnen/{alice_family.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/gezinnen/{alice_family.pk}/"
    assert client.get(f"/gezinnen/{alice_family.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_user_with_a_device_is_sent_to_enter_a_code(settings, alice):
    settings.GEZINSPLAN_REQUIRE_2FA = True
    TOTPDevice.objects.create(user=alice, name="app", confirmed=True)
    response = client_for(alice).get("/gezinnen/")
    assert response["Location"].startswith("/privacy/tweestapsverificatie/?next=")


@pytest.mark.django_db
def test_2fa_is_optional_in_demo_mode(settings, alice):
    settings.GEZINSPLAN_REQUIRE_2FA = False  # base.py: not DEMO_MODE; production forces True
    assert client_for(alice).get("/gezinnen/").status_code == 200


def test_production_forces_2fa():
    from gezinsplan.conf import production

    assert production.GEZINSPLAN_REQUIRE_2FA is True


@pytest.mark.django_db
def test_family_log_page_filters_and_paginates_for_a_verified_professional(alice, alice_family):
    bob = UserFactory(username="bob")
    involve(bob, alice_family)
    for _ in range(3):
        client_for(bob).get(f"/gezinnen/{alice_family.pk}/")
    client = verified_client(alice)
    page = client.get(f"/privacy/gezin/{alice_family.pk}/toegangslog/")
    assert page.status_code == 200 and "bob" in page.content.decode()
    filtered = client.get(f"/privacy/gezin/{alice_family.pk}/toegangslog/", {"action": "update"})
    assert "bob" not in filtered.content.decode()
    assert AccessLogEntry.objects.filter(user=alice, object_type="toegangslog").exists()


@pytest.mark.django_db
def test_privacy_officer_needs_2fa_always(settings, alice_family):
    settings.DEMO_MODE = True
    officer = UserFactory(role="privacy_officer")
    page = client_for(officer).get("/privacy/toegangslog/")
    assert "tweestapsverificatie" in page.content.decode()
    assert "Exporteren" not in page.content.decode()


@pytest.mark.django_db
def test_privacy_officer_searches_by_bsn_and_by_user_and_exports_csv(alice, alice_family):
    PersonFactory(family=alice_family, bsn="111222333")
    client_for(alice).get(f"/gezinnen/{alice_family.pk}/")
    officer = UserFactory(role="privacy_officer", organisation=alice.organisation)
    client = verified_client(officer)
    by_family = client.post("/privacy/toegangslog/", {"bsn": "111222333"})
    assert by_family.status_code == 200 and alice.username in by_family.content.decode()
    assert alice_family.name in by_family.content.decode()
    by_user = client.post("/privacy/toegangslog/", {"username": alice.username})
    assert alice_family.name in by_user.content.decode()
    export = client.post("/privacy/toegangslog/", {"username": alice.username, "export": "csv"})
    assert export["Content-Disposition"] == 'attachment; filename="toegangslog.csv"'
    assert alice.username in export.content.decode()
    # the officer's own searches are in the log too
    assert AccessLogEntry.objects.filter(user=officer, family_id=alice_family.pk).exists()


@pytest.mark.django_db
def test_privacy_officer_sees_only_the_own_organisations_scope(alice, alice_family):
    PersonFactory(family=alice_family, bsn="111222333")
    client_for(alice).get(f"/gezinnen/{alice_family.pk}/")
    officer = UserFactory(role="privacy_officer", organisation=OrganisationFactory())
    page = verified_client(officer).post("/privacy/toegangslog/", {"bsn": "111222333"})
    assert alice.username not in page.content.decode()


@pytest.mark.django_db
def test_other_roles_cannot_search_the_log(alice):
    assert verified_client(alice).get("/privacy/toegangslog/").status_code == 403


@pytest.mark.django_db
def test_privacy_officer_sees_no_family_records(alice_family):
    officer = UserFactory(role="privacy_officer")
    assert client_for(officer).get(f"/gezinnen/{alice_family.pk}/").status_code == 404


@pytest.mark.django_db
def test_family_log_page_query_count_does_not_grow(alice, alice_family):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = verified_client(alice)
    url = f"/privacy/gezin/{alice_family.pk}/toegangslog/"
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for _ in range(30):
        client.get(f"/gezinnen/{alice_family.pk}/")
    assert count() == small
