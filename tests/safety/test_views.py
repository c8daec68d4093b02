"""Safety screens: the case section with the '6' chart, the plan form with versions, diff and PDF, the forms."""

import datetime as dt
import re
import shutil
import subprocess

import pytest

from gezinsplan.accounts.constants import Role
from gezinsplan.cases.models import InvolvementRole
from gezinsplan.privacy.models import AccessLogEntry
from gezinsplan.safety import services
from gezinsplan.safety.models import AssessmentAdvice, SafetyPlanVersion, SafetyScore, Weighing
from tests.conftest import client_for
from tests.factories import UserFactory, involve
from tests.safety.factories import all_safe, plan, safety_world

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def world():
    return safety_world()


def _plan_post(content: dict, *, based_on="", note="", rows=3) -> dict:
    """The POST body of the plan form for a content."""
    data = {k: ("" if v is None else v) for k, v in content.items() if not isinstance(v, list | bool)}
    if content.get("made_with_parents", True):
        data["made_with_parents"] = "on"
    data.update({"based_on": based_on, "note": note})
    for key, fields in (
        ("agreements", ("id", "what", "who", "since", "watched", "agreed_by", "fed_back_at")),
        ("bottom_lines", ("id", "text", "consequence", "deadline", "set_by", "status")),
        ("parties", ("name", "explained")),
        ("behaviours", ("id", "behaviour", "effect")),
        ("supporters", ("name", "kind", "role", "contributes")),
        ("probation_conditions", ("id", "condition", "consequence")),
    ):
        items = content.get(key, [])
        data.update(
            {
                f"{key}-TOTAL_FORMS": max(len(items), rows),
                f"{key}-INITIAL_FORMS": 0,
                f"{key}-MIN_NUM_FORMS": 0,
                f"{key}-MAX_NUM_FORMS": 40,
            }
        )
        for index, item in enumerate(items):
            for name in fields:
                value = item.get(name, "")
                if name == "explained":
                    if value:
                        data[f"{key}-{index}-{name}"] = "on"
                else:
                    data[f"{key}-{index}-{name}"] = value
    return data


def test_r126_case_page_shows_the_safety_section_with_the_six_line_chart(world):
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    for day, score in ((10, 7), (5, 5)):
        services.score_record(
            actor=world["lead"],
            case=world["case"],
            child=world["child"],
            score=score,
            scored_on=TODAY - dt.timedelta(days=day),
            situation="Huisbezoek",
        )
    html = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert 'id="veiligheid"' in html and "Eerst de directe veiligheid." in html
    assert 'data-line="six"' in html and html.count("<circle") == 2
    assert "<script" not in html.split('id="veiligheid"')[1].split("</section>")[0]


def test_r129_below_the_lower_limit_the_case_shows_the_plan_for_that_situation(world):
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(lower_limit=4), based_on=None)
    services.score_record(
        actor=world["lead"],
        case=world["case"],
        child=world["child"],
        score=3,
        scored_on=TODAY,
        situation="Politie-inzet",
    )
    html = client_for(world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "onder de afgesproken ondergrens van 4" in html
    assert "Annette gaat met Nelle naar oma" in html


def test_plan_form_saves_versions_and_shows_the_difference(world):
    client = client_for(world["lead"])
    url = f"/veiligheid/casus/{world['case'].pk}/plan/bewerken/"
    assert client.get(url).status_code == 200
    response = client.post(url, _plan_post(plan()))
    assert response.status_code == 302, response.content.decode()[:3000]
    v1 = SafetyPlanVersion.objects.get()
    changed = plan(concerns="Berend drinkt weer.", agreements=v1.content["agreements"])
    assert client.post(url, _plan_post(changed, based_on=1)).status_code == 302
    page = client.get(f"/veiligheid/casus/{world['case'].pk}/plan/versies/2/").content.decode()
    assert "Wat veranderde ten opzichte van versie 1" in page
    assert "Concrete zorgen" in page and "Berend drinkt weer." in page
    assert "Afspraak 1: " not in page  # the agreement kept its id: no spurious change
    old = client.get(f"/veiligheid/casus/{world['case'].pk}/plan/versies/1/").content.decode()
    assert "eerdere versie" in old and "Huiselijk geweld in het bijzijn van Nelle." in old


def test_concurrent_edit_second_save_is_refused_and_its_text_offered_back(world):
    """Two professionals open the same plan; the second save is refused in Dutch and keeps the typed text."""
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    colleague = UserFactory(first_name="Sanne", last_name="Collega")
    involve(colleague, world["family"], role=InvolvementRole.SUPPORT)
    url = f"/veiligheid/casus/{world['case'].pk}/plan/bewerken/"
    first, second = client_for(world["lead"]), client_for(colleague)
    assert 'name="based_on" value="1"' in first.get(url).content.decode()
    assert 'name="based_on" value="1"' in second.get(url).content.decode()
    assert first.post(url, _plan_post(plan(concerns="Eerste wijziging"), based_on=1)).status_code == 302
    response = second.post(url, _plan_post(plan(strengths="Mijn zorgvuldig getypte tekst"), based_on=1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze versie is intussen vervangen door versie 2" in html
    assert "Intussen gewijzigd door een ander" in html and "Eerste wijziging" in html
    assert "Mijn zorgvuldig getypte tekst" in html  # the typed text is kept in the form
    assert 'name="based_on" value="2"' in html
    assert SafetyPlanVersion.objects.count() == 2


def test_agreement_without_who_is_refused_in_the_form(world):
    client = client_for(world["lead"])
    content = plan(agreements=[{"what": "Niet drinken", "who": ""}])
    html = client.post(f"/veiligheid/casus/{world['case'].pk}/plan/bewerken/", _plan_post(content)).content.decode()
    assert "Afspraak 1: vul in wie het doet." in html and "Niet drinken" in html
    assert not SafetyPlanVersion.objects.exists()


def test_script_in_a_plan_field_is_refused_in_the_form(world):
    client = client_for(world["lead"])
    content = plan(danger_statement="<script>alert(1)</script>")
    html = client.post(f"/veiligheid/casus/{world['case'].pk}/plan/bewerken/", _plan_post(content)).content.decode()
    assert "HTML-code of scripts zijn niet toegestaan" in html
    assert "<script>alert(1)" not in html  # echoed back escaped
    assert not SafetyPlanVersion.objects.exists()


def test_pdf_of_a_version_is_a4_with_the_agreements_and_is_logged_as_download(world):
    services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    response = client_for(world["lead"]).get(f"/veiligheid/casus/{world['case'].pk}/plan/versies/1/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert world["family"].name not in response["Content-Disposition"]
    entry = AccessLogEntry.objects.filter(family_id=world["family"].pk, action="download").latest("seq")
    assert entry.object_type == "veiligheidsplan" and entry.channel == "download"
    if shutil.which("pdftotext"):
        text = " ".join(
            subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
            .stdout.decode()
            .split()
        )
        assert world["family"].name in text and "Versie 1" in text
        assert "Berend komt niet naar de woning" in text
        size = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True).stdout.decode()
        assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", size)


def test_r240_breach_form_records_the_breach_and_the_plan_shows_it(world):
    v1 = services.plan_save(actor=world["lead"], case=world["case"], content=plan(), based_on=None)
    client = client_for(world["lead"])
    response = client.post(
        f"/veiligheid/casus/{world['case'].pk}/plan/schending/nieuw/",
        {
            "item_id": v1.content["bottom_lines"][0]["id"],
            "occurred_on": TODAY.isoformat(),
            "breached_by": "Berend",
            "what_happened": "Deur ingetrapt",
            "police_involved": "on",
            "police_called_by": "buren",
        },
    )
    assert response.status_code == 302
    html = client.get(f"/veiligheid/casus/{world['case'].pk}/plan/").content.decode()
    assert "geschonden door Berend" in html and "gebeld door buren" in html and "plan nog niet aangepast" in html


@pytest.mark.parametrize("bad", ["0", "11", "6.5", ""])
def test_r531_score_form_refuses_outside_1_to_10(world, bad):
    response = client_for(world["lead"]).post(
        f"/veiligheid/casus/{world['case'].pk}/score/nieuw/",
        {
            "child": world["child"].pk,
            "score": bad,
            "scored_on": TODAY.isoformat(),
            "scorer": "professional",
            "setting": "family_conversation",
            "situation": "Huisbezoek",
        },
    )
    assert "Geef een heel getal van 1 tot en met 10." in response.content.decode()
    assert not SafetyScore.objects.exists()


def test_score_form_saves(world):
    response = client_for(world["lead"]).post(
        f"/veiligheid/casus/{world['case'].pk}/score/nieuw/",
        {
            "child": world["child"].pk,
            "score": "7",
            "scored_on": TODAY.isoformat(),
            "scorer": "parent",
            "scorer_name": "Annette",
            "setting": "family_conversation",
            "situation": "Huisbezoek",
        },
    )
    assert response.status_code == 302 and SafetyScore.objects.get().score == 7


def test_weighing_form_without_advice_is_refused_in_dutch(world):
    data = {
        "occasion": "start",
        "held_on": TODAY.isoformat(),
        "question": "GI nodig?",
        "participants": "team",
        "risk_kind": "both",
        "extended_analysis": "yes",
        "gi_needed": "yes",
        "behavioural_scientist": world["scientist"].pk,
        "behavioural_scientist_advice": "",
    }
    client = client_for(world["lead"])
    html = client.post(f"/veiligheid/casus/{world['case'].pk}/weging/nieuw/", data).content.decode()
    assert "zonder dat advies is er geen wegingsbesluit" in html and not Weighing.objects.exists()
    data["behavioural_scientist_advice"] = "Samen optrekken met de GI."
    data["signal_domestic_violence"] = "Contactverbod"
    assert client.post(f"/veiligheid/casus/{world['case'].pk}/weging/nieuw/", data).status_code == 302
    assert Weighing.objects.get().signals == {"domestic_violence": "Contactverbod"}


def test_r032_assessment_form_only_for_the_safety_responsible_party_others_advise(world):
    gi = UserFactory(role=Role.GI_PROTECTOR)
    involve(gi, world["family"], role=InvolvementRole.EXPERT)
    url = f"/veiligheid/casus/{world['case'].pk}/taxatie/nieuw/"
    assert client_for(gi).get(url).status_code == 403
    lead = client_for(world["lead"])
    assert lead.get(url).status_code == 200
    data = {
        "child": world["child"].pk,
        "instrument": "ARIJ",
        "assessed_on": TODAY.isoformat(),
        "conclusion": "Voldoende veilig",
        "with_family": "on",
    }
    for item, value in all_safe().items():
        data[f"item_{item}"] = value["conclusion"]
    data["item_physical_abuse"] = "unsafe"
    html = lead.post(url, data).content.decode()
    assert "beschrijf concreet wat er gebeurde" in html
    data["item_physical_abuse_description"] = "Berend sloeg Annette waar Nelle bij was."
    assert lead.post(url, data).status_code == 302
    assessment = world["case"].safety_assessments.get()
    page = f"/veiligheid/taxatie/{assessment.pk}/"
    assert client_for(gi).post(page, {"text": "Let op Nelle's boosheid."}).status_code == 302
    assert AssessmentAdvice.objects.get().created_by == gi
    assert "Let op Nelle" in lead.get(page).content.decode()


def test_attention_page_lists_cases_without_a_plan(world):
    html = client_for(world["lead"]).get("/veiligheid/aandacht/").content.decode()
    assert world["family"].name in html and "geen veiligheidsplan" in html
    assert AccessLogEntry.objects.filter(family_id=world["family"].pk, object_type="overzicht").exists()


def test_r243_contact_ban_is_registered_and_shows_as_a_safety_alert(world):
    client = client_for(world["lead"])
    url = f"/veiligheid/casus/{world['case'].pk}/verbod/nieuw/"
    data = {"person": world["mother"].pk, "kind": "contact", "starts_on": TODAY.isoformat(), "protects": ""}
    assert "Vul in wie door het verbod beschermd wordt." in client.post(url, data).content.decode()
    data["protects"] = "Annette en Nelle"
    assert client.post(url, data).status_code == 302
    html = client.get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "contactverbod voor" in html and "Beschermt: Annette en Nelle" in html
    status = client.get(f"/api/v1/cases/{world['case'].pk}/safety/").json()
    assert status["bans"][0]["kind"] == "contact"
