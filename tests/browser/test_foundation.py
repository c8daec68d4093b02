"""Issue 3 in the browser: log in, Mijn gezinnen, a family with its genogram, errors in Dutch, axe clean."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login
from tests.factories import PersonFactory, RelationshipFactory, UserFactory, involve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story():
    lead = UserFactory(username="casusregisseur", first_name="Carla", last_name="Regisseur")
    UserFactory(username="buitenstaander")
    family = involve(lead).case.family
    family.name = "Gezin Annette"
    family.save()
    annette = PersonFactory(family=family, first_name="Annette", last_name="", family_role="parent",
                            gender="v", birth_date=None)
    nelle = PersonFactory(family=family, first_name="Nelle", last_name="", gender="v")
    RelationshipFactory(family=family, from_person=annette, to_person=nelle, has_custody=True)
    return family


def test_login_caseload_family_genogram_and_axe(page, story):
    login(page, "casusregisseur")
    page.wait_for_url("**/gezinnen/")
    expect(page.get_by_role("heading", name="Mijn gezinnen")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Gezin Annette").click()
    page.wait_for_url(f"**/gezinnen/{story.pk}/")
    expect(page.get_by_role("heading", name="Gezin Annette", level=1)).to_be_visible()
    genogram = page.locator("figure svg[role=img]").first
    expect(genogram).to_be_visible()
    assert "Annette" in genogram.inner_html() and "Nelle" in genogram.inner_html()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Zoeken").click()
    page.get_by_label("Zoek op naam, BSN of geboortedatum").fill("nelle")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Gezin Annette")).to_be_visible()
    assert "nelle" not in page.url.lower(), "no personal data in URLs"
    assert axe_violations(page) == []


def test_wrong_password_shows_dutch_error(page, story):
    login(page, "casusregisseur", password="verkeerd-wachtwoord")
    expect(page.get_by_text("combinatie van gebruikersnaam en wachtwoord is onbekend")).to_be_visible()
    assert axe_violations(page) == []


def test_uninvolved_login_gets_not_found(page, story):
    login(page, "buitenstaander")
    page.wait_for_url("**/gezinnen/")
    response = page.goto(f"/gezinnen/{story.pk}/")
    assert response.status == 404
    expect(page.get_by_text("Niet gevonden").first).to_be_visible()
    assert "Annette" not in page.content()


def test_add_person_with_bad_input_then_fix_it(page, story):
    login(page, "casusregisseur")
    page.wait_for_url("**/gezinnen/")
    page.goto(f"/gezinnen/{story.pk}/leden/nieuw/")
    page.get_by_label("Voornaam").fill("<script>alert(1)</script>")
    page.get_by_label("Rol in het gezin").select_option("child")
    page.get_by_label("BSN").fill("123456788")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("elfproef").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("BSN").fill("111222333")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/gezinnen/{story.pk}/#person")
    expect(page.get_by_text("<script>alert(1)</script>").first).to_be_visible()  # shown as text, never run
