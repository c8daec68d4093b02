"""Issue 8 items: consent editing, purpose of use on access-log entries, the legal-hold page for destruction
requests."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.privacy.access_log import verify_chain
from gezinsplan.privacy.models import AccessLogEntry, Consent, DestructionRequest, LegalHold
from gezinsplan.privacy.services import consent_record, consent_revoke, consent_update, disclosure_record
from tests.conftest import client_for
from tests.factories import UserFactory, involve
from tests.privacy.test_two_factor_and_log import verified_client


def _values(**extra):
    return {
        "information": "verslag huisbezoek",
        "recipient": "Beter Thuis",
        "purpose": "aanmelding gezinsbehandeling",
        "form": "oral",
        "given_on": dt.date.today(),
        "explained": "Ik wil overleggen met Beter Thuis over de aanmelding, zodat de hulp kan starten.",
        "withdrawal_explained": True,
        **extra,
    }


# --- Consent editing ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_r091_an_unused_consent_can_be_corrected_through_the_page(lead, household):
    family = household["family"]
    consent = consent_record(
        actor=lead, family=family, children=[household["Mila"]], given_by=[household["mother"]], **_values()
    )
    client = client_for(lead)
    url = f"/privacy/gezin/{family.pk}/toestemming/{consent.pk}/wijzigen/"
    assert client.get(url).status_code == 200
    data = {
        **_values(purpose="aanmelding ambulante hulp"),
        "given_on": dt.date.today().isoformat(),
        "children": [household["Mila"].pk],
        "given_by": [household["mother"].pk],
        "granted": "on",
        "withdrawal_explained": "on",
        "version": consent.version,
        "subject": "exchange",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.purpose == "aanmelding ambulante hulp" and consent.version == 2
    # the same custody rules as on recording: the father has no custody
    data["given_by"] = [household["father"].pk]
    data["version"] = consent.version
    response = client.post(url, data)
    assert response.status_code == 200 and "gezag" in response.content.decode()
    consent.refresh_from_db()
    assert list(consent.given_by.all()) == [household["mother"]]


@pytest.mark.django_db
def test_r092_a_used_or_revoked_consent_cannot_be_edited(lead, household):
    family = household["family"]
    mila, mother = household["Mila"], household["mother"]
    used = consent_record(
        actor=lead,
        family=family,
        children=[mila],
        given_by=[mother],
        **_values(given_on=dt.date.today() - dt.timedelta(days=2)),
    )
    disclosure_record(
        actor=lead,
        family=family,
        children=[mila],
        kind="shared",
        counterpart="Beter Thuis",
        information="verslag",
        purpose="aanmelding gezinsbehandeling",
        occurred_on=dt.date.today(),
        basis="consent",
        consent=used,
        family_informed_on=dt.date.today(),
        family_informed_how="mondeling",
    )
    with pytest.raises(ValidationError, match="al informatie gedeeld"):
        consent_update(
            actor=lead, consent=used, version=None, children=[mila], given_by=[mother], **_values(purpose="iets anders")
        )
    revoked = consent_record(actor=lead, family=family, children=[mila], given_by=[mother], **_values())
    consent_revoke(actor=lead, consent=revoked, revoked_on=dt.date.today())
    with pytest.raises(ValidationError, match="ingetrokken"):
        consent_update(actor=lead, consent=revoked, version=None, children=[mila], given_by=[mother], **_values())
    assert Consent.objects.get(pk=used.pk).purpose == "aanmelding gezinsbehandeling"


# --- Purpose of use and legal basis on the log ----------------------------------------------------------------


@pytest.mark.django_db
def test_access_log_entries_carry_purpose_of_use_and_ground(alice, alice_family):
    client_for(alice).get(f"/gezinnen/{alice_family.pk}/")
    entry = AccessLogEntry.objects.filter(family_id=alice_family.pk, user=alice).latest("seq")
    assert entry.purpose == "hulpverlening aan het gezin"
    assert entry.reason.startswith("betrokkenheid als")
    assert list(verify_chain()) == []  # the purpose is part of the hash chain
    AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="iets anders")
    assert list(verify_chain()) != []


@pytest.mark.django_db
def test_family_log_and_officer_export_show_purpose(alice, alice_family):
    client_for(alice).get(f"/gezinnen/{alice_family.pk}/")
    page = verified_client(alice).get(f"/privacy/gezin/{alice_family.pk}/toegangslog/").content.decode()
    assert "Doel van gebruik" in page and "hulpverlening aan het gezin" in page
    officer = UserFactory(role="privacy_officer", organisation=alice.organisation)
    export = verified_client(officer).post("/privacy/toegangslog/", {"username": alice.username, "export": "csv"})
    text = export.content.decode()
    assert "Doel van gebruik" in text and "hulpverlening aan het gezin" in text
    officer_entry = AccessLogEntry.objects.filter(user=officer).latest("seq")
    assert officer_entry.purpose.startswith("controle op rechtmatig gebruik")


@pytest.mark.django_db
def test_team_lead_access_is_logged_with_a_supervision_purpose(alice, alice_family):
    from tests.factories import TeamFactory

    team = TeamFactory(organisation=alice.organisation)
    alice.team = team
    alice.save()
    lead = UserFactory(role="team_lead", organisation=alice.organisation, team=team)
    assert client_for(lead).get(f"/gezinnen/{alice_family.pk}/").status_code == 200
    entry = AccessLogEntry.objects.filter(user=lead, family_id=alice_family.pk).latest("seq")
    assert entry.purpose == "leidinggeven en toezicht op de hulp"


# --- Legal hold page -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_legal_hold_page_blocks_granting_a_destruction_request(lead, household):
    family = household["family"]
    team_lead = involve(UserFactory(role="team_lead", organisation=lead.organisation), family).user
    url = f"/privacy/gezin/{family.pk}/bewaren/"
    client = client_for(lead)
    page = client.get(url)
    assert page.status_code == 200 and "Bewaarplicht" in page.content.decode()
    assert "loopt nog een casus" in page.content.decode()
    response = client.post(url, {"op": "hold", "reason": ""})
    assert "Geef de reden" in response.content.decode() and not LegalHold.objects.exists()
    assert client.post(url, {"op": "hold", "reason": "klachtprocedure loopt"}).status_code == 302
    response = client.post(
        url, {"op": "request", "requested_by": household["Mila"].pk, "received_on": dt.date.today().isoformat()}
    )
    assert "vanaf 12 jaar" in response.content.decode()
    client.post(
        url, {"op": "request", "requested_by": household["mother"].pk, "received_on": dt.date.today().isoformat()}
    )
    request = DestructionRequest.objects.get()
    # a professional cannot decide; the team lead cannot grant under a hold
    assert (
        client.post(url, {"op": "decide", "request_id": request.pk, "decision": "grant", "note": "ja"}).status_code
        == 403
    )
    lead_client = client_for(team_lead)
    response = lead_client.post(
        url, {"op": "decide", "request_id": request.pk, "decision": "grant", "note": "akkoord"}, follow=True
    )
    assert "bewaarplicht" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "open"
    lead_client.post(
        url,
        {
            "op": "decide",
            "request_id": request.pk,
            "decision": "refuse",
            "note": "klachtprocedure loopt; na afloop opnieuw bekijken",
        },
    )
    request.refresh_from_db()
    assert request.status == "refused" and request.decided_by == team_lead
    hold = LegalHold.objects.get()
    assert client.post(url, {"op": "lift", "hold_id": hold.pk}).status_code == 403
    lead_client.post(url, {"op": "lift", "hold_id": hold.pk})
    hold.refresh_from_db()
    assert hold.lifted_at is not None
    assert AccessLogEntry.objects.filter(family_id=family.pk, object_type="bewaartermijn").exists()
