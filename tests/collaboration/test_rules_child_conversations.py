"""Conversations with children (R158, R162): told what is happening and why, involved in the planning, the tools from
a fixed list and a conscious choice about the parents' presence, through the page, the service and the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.collaboration import services
from gezinsplan.collaboration.models import ChildConversation
from tests.collaboration.conftest import TODAY
from tests.conftest import client_for


def test_r158_r162_conversation_page_records_explanation_planning_tools_and_parents_choice(world):
    """R158: the child was told what is happening and why (age-appropriate) and involved in the planning, with age
    guidance per child on the page; R162: with or without parents with its reason, tools from a fixed list."""
    child = world["children"][0]
    child.birth_date = TODAY - dt.timedelta(days=365 * 7 + 10)
    child.save()
    client = client_for(world["lead"])
    url = f"/samenwerking/casus/{world['case'].pk}/gesprekken/nieuw/"
    page = client.get(url).content.decode()
    assert "(7 jaar)" in page and "Vanaf ongeveer 4 jaar kunt u open vragen stellen" in page  # R158
    assert "Drie Huizen" in page and "Schaalvragen" in page and "Waarom met of zonder ouders" in page  # R162
    data = {
        "child": child.pk,
        "held_on": TODAY.isoformat(),
        "spoken": "on",
        "with_parents": "without",
        "purposes": ["safety"],
        "by_user": world["lead"].pk,
        "child_voice": "Ik wil dat papa en mama stoppen",
        "explanation": "Met poppetjes uitgelegd waarom wij er zijn",
        "conversation_tools": ["three_houses"],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "vink dan ook aan dat het kind is verteld wat er gebeurt en waarom" in response.content.decode()
    response = client.post(url, {**data, "conversation_tools": ["magic"]})
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post(
        url,
        {
            **data,
            "explained": "on",
            "involved_in_planning": "on",
            "conversation_tools": ["three_houses", "scaling"],
            "tools": "Knuffel",
            "parents_choice_reason": "Zonder ouders zodat hij vrij kan praten",
        },
    )
    assert response.status_code == 302
    record = ChildConversation.objects.get()
    assert record.explained and record.involved_in_planning
    assert record.conversation_tools == ["three_houses", "scaling"]
    assert record.parents_choice_reason == "Zonder ouders zodat hij vrij kan praten"
    case_page = client.get(f"/casussen/{world['case'].pk}/").content.decode()
    assert "uitgelegd wat er gebeurt en waarom" in case_page and "betrokken bij het plan" in case_page
    assert "Drie Huizen, Schaalvragen, Knuffel" in case_page
    assert "Zonder ouders zodat hij vrij kan praten" in case_page


def test_r162_service_rejects_unknown_tools_and_r158_fields_through_the_api(world):
    """R162: a tool outside the fixed list is refused (service and API); R158/R162 fields are in the API."""
    child = world["children"][0]
    values = dict(
        actor=world["lead"],
        case=world["case"],
        child=child,
        held_on=TODAY,
        by_user=world["lead"],
        with_parents="with",
        purposes=["introduction"],
        child_voice="Het gaat goed op school",
    )
    with pytest.raises(ValidationError) as error:
        services.conversation_record(**values, conversation_tools=["magic"])
    assert "R162" in error.value.message_dict["conversation_tools"][0]
    client = client_for(world["lead"])
    base = f"/api/v1/cases/{world['case'].pk}/child-conversations/"
    payload = {
        "child": str(child.pk),
        "held_on": TODAY.isoformat(),
        "by_user": world["lead"].pk,
        "with_parents": "with",
        "purposes": ["safety"],
        "child_voice": "x",
    }
    response = client.post(base, {**payload, "conversation_tools": ["magic"]}, content_type="application/json")
    assert response.status_code == 400 and "conversation_tools" in response.json()
    response = client.post(
        base,
        {
            **payload,
            "conversation_tools": ["drawing", "week_planning"],
            "explained": True,
            "involved_in_planning": True,
            "parents_choice_reason": "Kind is pas 4",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    [row] = client.get(base).json()["results"]
    assert row["conversation_tools"] == ["drawing", "week_planning"]
    assert row["explained"] is True and row["involved_in_planning"] is True
    assert row["parents_choice_reason"] == "Kind is pas 4"
