"""Issue 4 in the browser: an LT professional indicates 2a with consent, a GI protector writes hours, the bar moves."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login
from tests.cases.helpers import make_world, weigh_gi_needed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_indicate_2a_then_write_hours_and_see_the_budget(page, browser, live_server):
    world = make_world()
    weigh_gi_needed(world, on=dt.date.today() - dt.timedelta(days=8))  # the team decision in the case discussion
    world.lt.username, world.gi.username = "casusregisseur", "jeugdbeschermer"
    world.lt.save()
    world.gi.save()
    case_url = f"/casussen/{world.case.pk}/"

    login(page, "casusregisseur")
    page.wait_for_url("**/gezinnen/")
    page.goto(case_url)
    expect(page.get_by_role("heading", name="Regie en veiligheid")).to_be_visible()
    toc = page.get_by_role("navigation", name="Op deze pagina")  # the long case page links to its sections
    toc.get_by_role("link", name="Geschiedenis").click()
    page.wait_for_url("**#history")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Product 2a indiceren").click()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("zonder toestemming geen product").first).to_be_visible()  # consent missing: refused
    assert axe_violations(page) == []
    page.get_by_label("Toestemming van", exact=True).fill("Annette (moeder), mondeling")
    week_ago = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    for label in ("Datum toestemming", "Ingangsdatum"):
        page.get_by_label(label).fill(week_ago)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**{case_url}")
    assert page.locator("[aria-current=step]").inner_text().startswith("Lokaal team met expertise GI")
    expect(page.get_by_text("0 van 25 uur gebruikt, nog 25 uur")).to_be_visible()

    other = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    login(other, "jeugdbeschermer")
    other.wait_for_url("**/gezinnen/")
    other.goto(case_url)
    other.get_by_role("link", name="Uren schrijven").click()
    other.get_by_label("Uren").fill("21")
    other.get_by_label("Activiteit").select_option("home_visit")
    other.get_by_role("button", name="Opslaan").click()
    other.wait_for_url(f"**{case_url}")
    expect(other.get_by_text("80% van het budget").first).to_be_visible()
    meter = other.locator("meter.gp-budget__meter").first
    assert float(meter.get_attribute("value")) == 21.0
    expect(other.get_by_text("21 van 25 uur gebruikt, nog 4 uur")).to_be_visible()
    assert axe_violations(other) == []
    other.get_by_role("link", name="Uren schrijven").click()
    other.get_by_label("Datum").fill((dt.date.today() - dt.timedelta(days=1)).isoformat())
    other.get_by_label("Uren").fill("5")
    other.get_by_label("Activiteit").select_option("other")
    other.get_by_role("button", name="Opslaan").click()
    expect(other.get_by_text("nieuwe 2a-indicatie").first).to_be_visible()
