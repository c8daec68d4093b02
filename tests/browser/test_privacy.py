"""Privacy in the browser: record oral consent, share with a care provider on that consent, see the exchange in the
family's disclosure register and in its access log; axe clean on every page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login
from tests.factories import PersonFactory, RelationshipFactory, UserFactory, involve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(settings):
    settings.DEMO_MODE = True  # the log page asks for a second factor outside demo mode
    lead = UserFactory(username="casusregisseur", first_name="Carla", last_name="Regisseur")
    family = involve(lead).case.family
    family.name = "Gezin Annette"
    family.save()
    annette = PersonFactory(family=family, first_name="Annette", last_name="", family_role="parent", gender="v",
                            birth_date=None)
    nelle = PersonFactory(family=family, first_name="Nelle", last_name="", gender="v",
                          birth_date=dt.date.today() - dt.timedelta(days=365 * 7))
    RelationshipFactory(family=family, from_person=annette, to_person=nelle, has_custody=True)
    return family


def test_oral_consent_then_disclosure_in_register_and_log(page, story):
    today = dt.date.today().isoformat()
    login(page, "casusregisseur")
    page.wait_for_url("**/gezinnen/")
    page.goto(f"/gezinnen/{story.pk}/")
    page.get_by_role("link", name="Toestemming vastleggen").click()
    expect(page.get_by_role("group", name="Over welke kinderen")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("group", name="Over welke kinderen").get_by_label("Nelle").check()
    page.get_by_role("group", name="Gegeven door").get_by_label("Annette").check()
    page.get_by_label("Welke informatie").fill("verslag van het huisbezoek")
    page.get_by_label("Aan wie").fill("Beter Thuis")
    page.get_by_label("Met welk doel").fill("aanmelding gezinsbehandeling")
    page.get_by_label("Vorm").select_option("oral")
    page.locator("#id_given_on").fill(today)
    page.get_by_label("Wat is uitgelegd en waarom").fill("Ik wil overleggen met Beter Thuis over de aanmelding.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Controleer de invoer")).to_be_visible()  # withdrawal not yet explained (R091)
    assert axe_violations(page) == []
    page.get_by_label("uitgelegd dat intrekken altijd kan").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/gezinnen/{story.pk}/#privacy")
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()

    page.get_by_role("link", name="Gegevensverstrekking vastleggen").click()
    page.get_by_label("Aan of van wie").fill("Beter Thuis")
    page.get_by_role("group", name="Over welke kinderen").get_by_label("Nelle").check()
    page.get_by_label("Welke informatie").fill("verslag van het huisbezoek")
    page.get_by_label("Doel", exact=False).first.fill("aanmelding gezinsbehandeling")
    page.locator("#id_occurred_on").fill(today)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Kies een grondslag").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Grondslag", exact=False).first.select_option("consent")
    page.locator("#id_consent").select_option(index=1)
    page.locator("#id_family_informed_on").fill(today)
    page.get_by_label("Hoe geïnformeerd").fill("mondeling bij het huisbezoek")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/gezinnen/{story.pk}/#privacy")
    register = page.get_by_role("table", name="Register gegevensverstrekking")
    assert "Beter Thuis" in register.inner_text() and "toestemming" in register.inner_text()
    assert "gebruikt" in page.get_by_role("table", name="Toestemmingen").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Toegangslog van dit gezin").click()
    expect(page.get_by_text("gegevensverstrekking aangemaakt").first).to_be_visible()
    expect(page.get_by_text("toestemming aangemaakt").first).to_be_visible()
    assert axe_violations(page) == []
