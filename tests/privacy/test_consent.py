"""Consent (toestemming): who gives it by age and custody (R159), exact scope and revocation (R091), new consent for
every exchange (R092), and the check the cases code calls before sharing with a care provider."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gezinsplan.privacy import consent_rules
from gezinsplan.privacy.consent_rules import ChildFacts
from gezinsplan.privacy.models import Consent
from gezinsplan.privacy.services import consent_check, consent_record, consent_revoke, disclosure_record
from tests.factories import OrganisationFactory

CHILD, MOTHER, FATHER, STRANGER = "kind", "moeder", "vader", "oom"
NAMES = {CHILD: "Kind", MOTHER: "Moeder", FATHER: "Vader", STRANGER: "Oom"}


@given(age=st.integers(min_value=0, max_value=17),
       custodians=st.sets(st.sampled_from([MOTHER, FATHER]), min_size=1),
       givers=st.sets(st.sampled_from([CHILD, MOTHER, FATHER, STRANGER])))
def test_r159_consent_rule_over_ages_and_custody(age, custodians, givers):
    """Under 12 the custodial parents; 12-15 the custodial parents and the youth; 16+ the youth alone. A parent
    without custody, anyone else, or a child under 12 never makes a consent valid."""
    child = ChildFacts(id=CHILD, name="Kind", age=age, custodians=frozenset(custodians))
    problems = consent_rules.giver_problems(children=[child], givers=givers, names=NAMES)
    if age < 12:
        needed = set(custodians)
    elif age < 16:
        needed = set(custodians) | {CHILD}
    else:
        needed = {CHILD}
    invalid_givers = (givers - custodians - {CHILD}) | ({CHILD} & givers if age < 12 else set())
    assert (problems == []) == (needed <= givers and not invalid_givers)


@given(age=st.integers(min_value=0, max_value=11))
def test_r159_a_child_under_12_alone_never_consents(age):
    child = ChildFacts(id=CHILD, name="Kind", age=age, custodians=frozenset({MOTHER}))
    problems = consent_rules.giver_problems(children=[child], givers={CHILD}, names=NAMES)
    assert any("jonger dan 12" in p for p in problems)


def test_r159_category_boundaries():
    assert [consent_rules.category(a) for a in (11, 12, 15, 16)] == [
        "parents", "parents_and_youth", "parents_and_youth", "youth"]


def _values(**extra):
    return {"information": "verslag huisbezoek", "recipient": "Beter Thuis", "purpose": "aanmelding gezinsbehandeling",
            "form": "oral", "given_on": dt.date.today(), "explained": "Ik wil overleggen met Beter Thuis over de "
            "aanmelding, zodat de hulp kan starten.", "withdrawal_explained": True, **extra}


@pytest.mark.django_db
def test_r091_oral_consent_by_the_custodial_parent_is_recorded(lead, household):
    consent = consent_record(actor=lead, family=household["family"], children=[household["Mila"]],
                             given_by=[household["mother"]], **_values())
    assert consent.form == "oral" and consent.recipient == "Beter Thuis"
    assert list(consent.given_by.all()) == [household["mother"]]


@pytest.mark.django_db
def test_consent_by_a_parent_without_custody_is_refused_and_nothing_saved(lead, household):
    with pytest.raises(ValidationError) as error:
        consent_record(actor=lead, family=household["family"], children=[household["Mila"]],
                       given_by=[household["father"]], **_values())
    messages = error.value.message_dict["given_by"]
    assert any("Kevin heeft geen gezag" in m for m in messages)
    assert any("ontbreekt van: Sandra" in m for m in messages)
    assert not Consent.objects.exists()


@pytest.mark.django_db
def test_consent_by_an_11_year_old_alone_is_refused(lead, household):
    from tests.privacy.conftest import born_years_ago

    household["Mila"].birth_date = born_years_ago(11)
    household["Mila"].save()
    with pytest.raises(ValidationError) as error:
        consent_record(actor=lead, family=household["family"], children=[household["Mila"]],
                       given_by=[household["Mila"]], **_values())
    assert any("jonger dan 12" in m for m in error.value.message_dict["given_by"])
    assert not Consent.objects.exists()


@pytest.mark.django_db
def test_r159_youth_of_13_needs_parent_and_youth_and_16_plus_alone(lead, household):
    with pytest.raises(ValidationError):
        consent_record(actor=lead, family=household["family"], children=[household["Daan"]],
                       given_by=[household["mother"]], **_values())
    consent_record(actor=lead, family=household["family"], children=[household["Daan"]],
                   given_by=[household["mother"], household["Daan"]], **_values())
    consent_record(actor=lead, family=household["family"], children=[household["Noor"]],
                   given_by=[household["Noor"]], **_values())
    assert Consent.objects.count() == 2


@pytest.mark.django_db
def test_r091_withdrawal_must_be_explained(lead, household):
    with pytest.raises(ValidationError) as error:
        consent_record(actor=lead, family=household["family"], children=[household["Mila"]],
                       given_by=[household["mother"]], **_values(withdrawal_explained=False))
    assert "intrekken" in error.value.message_dict["withdrawal_explained"][0]


@pytest.mark.django_db
def test_r085_a_refusal_is_recorded_with_objections(lead, household):
    consent = consent_record(actor=lead, family=household["family"], children=[household["Mila"]],
                             given_by=[household["mother"]],
                             **_values(granted=False, withdrawal_explained=False, objections="Bang voor een melding"))
    assert not consent.granted and consent.objections
    assert consent_check(case_or_family=household["family"], children=[household["Mila"]],
                         purpose="aanmelding gezinsbehandeling", recipient="Beter Thuis") != []


@pytest.mark.django_db
def test_consent_check_reports_what_is_missing_and_passes_when_complete(lead, household):
    family = household["family"]
    provider = OrganisationFactory(name="Beter Thuis", type="zorgaanbieder")
    args = {"case_or_family": family, "children": [household["Mila"], household["Daan"]],
            "purpose": "Aanmelding gezinsbehandeling", "recipient": provider}
    assert "geen geldige toestemming" in consent_check(**args)[0]
    consent_record(actor=lead, family=family, children=[household["Mila"], household["Daan"]],
                   given_by=[household["mother"], household["Daan"]], **_values())
    assert consent_check(**args) == []
    other_purpose = consent_check(**{**args, "purpose": "onderzoek"})
    assert other_purpose and "R092" in other_purpose[0]


@pytest.mark.django_db
def test_r092_consent_is_used_once_and_revocation_blocks_it(lead, household):
    family = household["family"]
    consent = consent_record(actor=lead, family=family, children=[household["Mila"]], given_by=[household["mother"]],
                             **_values(given_on=dt.date.today() - dt.timedelta(days=3)))
    args = {"case_or_family": family, "children": household["Mila"], "purpose": "aanmelding gezinsbehandeling",
            "recipient": "beter thuis"}
    assert consent_check(**args) == []
    consent_revoke(actor=lead, consent=consent, revoked_on=dt.date.today(), note="moeder trekt in")
    assert consent_check(**args) != []
    with pytest.raises(ValidationError) as error:
        disclosure_record(actor=lead, family=family, children=[household["Mila"]], kind="shared",
                          counterpart="Beter Thuis", information="verslag", purpose="aanmelding gezinsbehandeling",
                          occurred_on=dt.date.today(), basis="consent", consent=consent,
                          family_informed_on=dt.date.today(), family_informed_how="mondeling")
    assert "ingetrokken" in error.value.message_dict["consent"][0]


@pytest.mark.django_db
def test_r045_a_time_limited_consent_expires(lead, household):
    """R045: consent to consult the former youth protector lasts a limited time (closure + 1 year)."""
    given = dt.date.today() - dt.timedelta(days=400)
    consent_record(actor=lead, family=household["family"], children=[household["Mila"]],
                   given_by=[household["mother"]], **_values(given_on=given, recipient="voormalig jeugdbeschermer",
                                                            purpose="advies na afsluiting",
                                                            expires_on=given + dt.timedelta(days=365)))
    args = {"case_or_family": household["family"], "children": [household["Mila"]],
            "purpose": "advies na afsluiting", "recipient": "voormalig jeugdbeschermer"}
    assert consent_check(**args, on=given + dt.timedelta(days=100)) == []
    assert consent_check(**args) != []


@pytest.mark.django_db
def test_r690_the_family_decides_per_recipient(lead, household):
    """R690: consent for one helper is not consent for another."""
    consent_record(actor=lead, family=household["family"], children=[household["Mila"]],
                   given_by=[household["mother"]], **_values())
    base = {"case_or_family": household["family"], "children": [household["Mila"]],
            "purpose": "aanmelding gezinsbehandeling"}
    assert consent_check(**base, recipient="Beter Thuis") == []
    assert consent_check(**base, recipient="School") != []
