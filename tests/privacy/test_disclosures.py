"""Disclosures (gegevensverstrekking): a legal basis for every exchange (R083), the family informed (R084),
sharing without consent only on a basis or after a recorded weighing (R086, R088), one consent per exchange (R092),
a covenant is no consent (R093), not sharing is recorded too (R087, R095)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.core.models import ChangeRecord
from gezinsplan.privacy.models import ConfidentialityBreach, Disclosure
from gezinsplan.privacy.services import breach_record, consent_record, disclosure_record
from tests.conftest import client_for
from tests.privacy.factories import BreachFactory

TODAY = dt.date.today()


def _share(**extra):
    return {"kind": "shared", "counterpart": "Beter Thuis", "information": "verslag huisbezoek",
            "purpose": "aanmelding gezinsbehandeling", "occurred_on": TODAY, "family_informed_on": TODAY,
            "family_informed_how": "mondeling", **extra}


def _consent(lead, household, **extra):
    return consent_record(actor=lead, family=household["family"], children=[household["Mila"]],
                          given_by=[household["mother"]], information="verslag huisbezoek", recipient="Beter Thuis",
                          purpose="aanmelding gezinsbehandeling", form="oral",
                          given_on=extra.pop("given_on", TODAY - dt.timedelta(days=1)),
                          explained="Ik wil overleggen met Beter Thuis.", withdrawal_explained=True, **extra)


@pytest.mark.django_db
def test_r083_a_disclosure_without_basis_is_refused_and_nothing_saved(lead, household):
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=household["family"], **_share())
    assert "Kies een grondslag" in error.value.message_dict["basis"][0]
    assert not Disclosure.objects.exists() and not ChangeRecord.objects.filter(object_type="disclosure").exists()


@pytest.mark.django_db
def test_r093_basis_consent_without_a_consent_record_is_refused(lead, household):
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=household["family"], **_share(basis="consent"))
    assert "convenant" in error.value.message_dict["consent"][0]


@pytest.mark.django_db
def test_r092_a_consent_used_for_an_exchange_already_done_is_refused(lead, household):
    consent = _consent(lead, household)
    disclosure_record(actor=lead, family=household["family"], children=[household["Mila"]],
                      **_share(basis="consent", consent=consent))
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=household["family"], children=[household["Mila"]],
                          **_share(basis="consent", consent=consent))
    assert "al gebruikt" in error.value.message_dict["consent"][0]
    assert Disclosure.objects.count() == 1


@pytest.mark.django_db
def test_consent_given_after_the_exchange_does_not_count(lead, household):
    consent = _consent(lead, household, given_on=TODAY)
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=household["family"], children=[household["Mila"]],
                          **_share(basis="consent", consent=consent, occurred_on=TODAY - dt.timedelta(days=2)))
    assert "achteraf" in error.value.message_dict["consent"][0]


@pytest.mark.django_db
def test_r092_consent_for_another_recipient_is_refused(lead, household):
    consent = _consent(lead, household)
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=household["family"], children=[household["Mila"]],
                          **_share(basis="consent", consent=consent, counterpart="School"))
    assert "niet voor deze ontvanger" in error.value.message_dict["consent"][0]


@pytest.mark.django_db
def test_r084_family_informed_or_a_reason_is_required(lead, household):
    values = _share(basis="direct_involvement", basis_explanation="Zij behandelen Mila.", family_informed_on=None,
                    family_informed_how="")
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=household["family"], **values)
    assert "R084" in error.value.message_dict["family_informed_on"][0]
    values["not_informed_reason"] = "Informeren brengt Mila nu in gevaar."
    assert disclosure_record(actor=lead, family=household["family"], **values).pk


@pytest.mark.django_db
def test_r086_sharing_between_directly_involved_helpers_needs_an_explanation(lead, household):
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=household["family"], **_share(basis="direct_involvement"))
    assert "R086" in error.value.message_dict["basis_explanation"][0]


@pytest.mark.django_db
def test_r088_sharing_on_a_breach_needs_the_recorded_weighing(lead, household):
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=household["family"], **_share(basis="breach"))
    assert "R088" in error.value.message_dict["breach"][0]
    breach = BreachFactory(family=household["family"])
    assert disclosure_record(actor=lead, family=household["family"], **_share(basis="breach", breach=breach)).pk


@pytest.mark.django_db
def test_r088_r095_the_weighing_needs_all_five_items_and_a_consultation(lead, household):
    values = {"decided_on": TODAY, "why_no_consent": "Moeder weigert.", "weighing": "Veiligheid gaat voor.",
              "consulted_names": "", "data_provided": "", "recipient": "Veilig Thuis", "purpose": "onderzoek"}
    with pytest.raises(ValidationError) as error:
        breach_record(actor=lead, family=household["family"], **values)
    assert {"consulted_names", "data_provided", "consulted_colleague"} <= set(error.value.message_dict)
    assert not ConfidentialityBreach.objects.exists()
    values.update(consulted_names="M. (gedragswetenschapper)", data_provided="de zorgen",
                  consulted_behavioural_scientist=True)
    assert breach_record(actor=lead, family=household["family"], **values).pk


@pytest.mark.django_db
def test_r087_a_decision_not_to_share_is_recorded_with_its_considerations(lead, household):
    with pytest.raises(ValidationError):
        disclosure_record(actor=lead, family=household["family"], **_share(kind="not_shared"))
    record = disclosure_record(actor=lead, family=household["family"],
                               **_share(kind="not_shared", considerations="School hoeft dit niet te weten."))
    assert record.kind == "not_shared" and record.basis == ""


@pytest.mark.django_db
def test_r090_the_form_points_to_work_instructions_and_the_privacy_app(lead, household):
    page = client_for(lead).get(f"/privacy/gezin/{household['family'].pk}/verstrekking/nieuw/").content.decode()
    assert "jeugdconnect.nl/privacy" in page and "Kleine Gids" in page and "werkinstructies" in page


@pytest.mark.django_db
def test_register_on_the_family_page_shows_disclosures_and_consents(lead, household):
    consent = _consent(lead, household)
    disclosure_record(actor=lead, family=household["family"], children=[household["Mila"]],
                      **_share(basis="consent", consent=consent))
    page = client_for(lead).get(f"/gezinnen/{household['family'].pk}/").content.decode()
    assert "Register gegevensverstrekking" in page and "Beter Thuis" in page and "gebruikt" in page


@pytest.mark.django_db
def test_disclosure_form_post_saves_and_redirects(lead, household):
    client = client_for(lead)
    url = f"/privacy/gezin/{household['family'].pk}/verstrekking/nieuw/"
    response = client.post(url, {"kind": "shared", "counterpart": "Huisarts", "information": "zorgen",
                                 "purpose": "afstemming", "occurred_on": TODAY.isoformat(), "basis": ""})
    assert response.status_code == 200 and "Kies een grondslag" in response.content.decode()
    response = client.post(url, {"kind": "shared", "counterpart": "Huisarts", "information": "zorgen",
                                 "purpose": "afstemming", "occurred_on": TODAY.isoformat(),
                                 "basis": "legal_obligation", "basis_explanation": "Jeugdwet art. 7.1.1.3",
                                 "family_informed_on": TODAY.isoformat(), "family_informed_how": "brief"})
    assert response.status_code == 302
    assert Disclosure.objects.get().basis == "legal_obligation"
