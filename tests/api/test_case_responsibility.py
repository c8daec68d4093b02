"""The API shows the same derived lead, safety responsibility and tasks as the case page (one derivation)."""

import datetime as dt

import pytest

from gezinsplan.cases.models import Case, ChildMeasure, Phase
from tests.cases.helpers import START, make_world
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_r035_api_gives_the_lt_the_children_without_a_measure_like_the_case_page():
    """R035: one child with a measure, one without: the GI leads; the LT organises help for the other child."""
    world = make_world(children=2)
    ChildMeasure.objects.create(case=world.case, child=world.children[0], kind="ots", pronounced_on=START,
                                starts_on=START, ends_on=START + dt.timedelta(days=365),
                                recorded_by_organisation=world.gi.organisation)
    Case.objects.filter(pk=world.case.pk).update(phase=Phase.MEASURE)
    detail = client_for(world.gi).get(f"/api/v1/cases/{world.case.pk}/").json()
    assert (detail["lead"], detail["safety_responsible"]) == ("gi", "gi")
    assert "zonder maatregel" in detail["lt_task"]
    listed = [c for c in client_for(world.gi).get("/api/v1/cases/").json()["results"] if c["id"] == str(world.case.pk)]
    assert listed[0]["lt_task"] == detail["lt_task"]
    page = client_for(world.gi).get(f"/casussen/{world.case.pk}/").content.decode()
    assert detail["lt_task"] in page


def test_without_a_measure_the_api_tasks_follow_table_2():
    world = make_world(children=2)
    detail = client_for(world.lt).get(f"/api/v1/cases/{world.case.pk}/").json()
    assert (detail["lead"], detail["safety_responsible"]) == ("lt", "lt")
    assert detail["lt_task"] == "regie en veiligheidstaxatie"
