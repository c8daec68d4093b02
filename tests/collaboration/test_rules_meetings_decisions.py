"""Core decisions: where they are taken and how parties are informed (R068), who owns up- and downscaling
(R039, R041, R043), mixed families (R053) and additional help decided jointly (R069)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import Role
from gezinsplan.cases.models import ChildMeasure, Phase
from gezinsplan.collaboration import meetings_services as ms
from gezinsplan.collaboration import services
from gezinsplan.collaboration.meetings_selectors import task_division_page
from gezinsplan.collaboration.models import CoreDecision, DecisionKind, ForumKind
from tests.collaboration.conftest import TODAY
from tests.conftest import client_for
from tests.factories import UserFactory

DAY = dt.timedelta(days=1)


def _messages(error, field: str) -> str:
    return " ".join(error.value.message_dict[field])


def _decision(world, **overrides):
    values = {
        "actor": world["lead"],
        "case": world["case"],
        "kind": "safety",
        "decided_on": TODAY,
        "decision": "Bodemeisen",
        "forum_team": world["lt_team"],
        "participants": [world["lead"], world["protector"]],
        "behavioural_scientist": world["scientist"],
        "advice": "Bodemeisen vastleggen",
        "advice_followed": True,
        "justification": "Past bij de analyse.",
        "informing": "Verslag aan ouders en GI binnen twee dagen",
    }
    values.update(overrides)
    return services.decision_record(**values)


def _measure(world, child):
    return ChildMeasure.objects.create(
        case=world["case"],
        child=child,
        kind="ots",
        pronounced_on=TODAY - 30 * DAY,
        starts_on=TODAY - 30 * DAY,
        ends_on=TODAY + 300 * DAY,
        recorded_by_organisation=world["gi"],
    )


def test_r068_decision_records_forum_kind_organisation_participants_and_informing(world):
    """R068: forum type, organisation, date, participants and how the others were informed."""
    with pytest.raises(ValidationError) as error:
        _decision(world, informing=" ")
    assert "R068" in _messages(error, "informing")
    with pytest.raises(ValidationError) as error:
        _decision(world, forum_kind="koffieautomaat")
    assert "R068" in _messages(error, "forum_kind")
    decision = _decision(world, forum_kind=ForumKind.NETWORK)
    assert (decision.forum_kind, decision.forum_team.organisation, decision.decided_on) == (
        "network",
        world["lt"],
        TODAY,
    )
    page = client_for(world["lead"]).get(f"/samenwerking/kernbesluiten/{decision.pk}/").content.decode()
    assert "netwerkberaad" in page and "Verslag aan ouders en GI" in page and "Sociaal Team Delft" in page


def test_r068_collaboration_agreement_states_which_decisions_in_which_forum(world):
    """R068 (with R061): the collaboration agreement names the forum per decision type."""
    agreement = ms.collaboration_agreement_save(
        actor=world["lead"],
        case=world["case"],
        roles="LT regie, GI expertise",
        tasks="LT: netwerk; GI: taxatie",
        responsibilities="LT eindverantwoordelijk",
        availability="Ma-vr, 06-nummer",
        decision_forums="Inzet hulp: netwerkberaad; veiligheid: MDO lokaal team",
        agreed_on=TODAY,
    )
    assert "MDO lokaal team" in agreement.decision_forums


def test_r039_lt_owns_upscaling_to_the_forced_framework_with_gi_as_expert(world):
    """R039: the LT decides (only LT users finalise) with the GI youth care worker as expert; a warning without."""
    kind = DecisionKind.UPSCALING_FORCED
    with pytest.raises(ValidationError) as error:
        _decision(world, kind=kind, actor=world["protector"])
    assert "R039" in _messages(error, "forum_team")
    with pytest.raises(ValidationError):
        _decision(world, kind=kind, forum_team=world["gi_team"])
    without_gi = _decision(world, kind=kind, participants=[world["lead"]])
    assert any("R039" in w for w in services.decision_warnings(without_gi))
    with_gi = _decision(world, kind=kind)
    assert services.decision_warnings(with_gi) == []


def test_r041_r043_gi_owns_line_plan_and_downscaling_with_the_lt_worker_as_expert(world):
    """R041: the GI MDO on the line and the Gezinsplan lists the LT worker; R043: GI decides downscaling."""
    case = world["case"]
    case.phase = Phase.MEASURE
    case.save()
    gi_scientist = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST, organisation=world["gi"], team=world["gi_team"])
    for kind in (DecisionKind.LINE_AND_PLAN, DecisionKind.DOWNSCALING_VOLUNTARY):
        with pytest.raises(ValidationError) as error:
            _decision(world, kind=kind)  # an LT actor in the LT team
        assert "R043" in _messages(error, "forum_team")
        decision = _decision(
            world,
            kind=kind,
            actor=world["protector"],
            forum_team=world["gi_team"],
            participants=[world["protector"]],
            behavioural_scientist=gi_scientist,
        )
        assert any("lokaal team" in w for w in services.decision_warnings(decision))
        decision = _decision(
            world, kind=kind, actor=world["protector"], forum_team=world["gi_team"], behavioural_scientist=gi_scientist
        )
        assert services.decision_warnings(decision) == []


def test_r041_lt_worker_stays_actively_assigned_when_a_measure_starts(world):
    """R041: in the first part of a measure the LT worker stays assigned (background, not ended)."""
    from gezinsplan.cases import products
    from gezinsplan.core.policy import active_involvements

    products.measure_record(
        actor=world["protector"],
        case=world["case"],
        child=world["children"][0],
        kind="ots",
        pronounced_on=TODAY,
        starts_on=TODAY,
        ends_on=TODAY + 365 * DAY,
        urgent=True,
    )
    lt = active_involvements().filter(case=world["case"], user=world["lead"])
    assert lt.exists()


def test_r053_mixed_family_lt_decides_for_children_without_measure_after_consulting_gi(world):
    """R053: GI leads a mixed family; an LT decision about the children without a measure needs 'GI consulted'."""
    with_measure, without = world["children"]
    _measure(world, with_measure)
    world["case"].phase = Phase.MEASURE
    world["case"].save()
    with pytest.raises(ValidationError) as error:
        _decision(world, kind=DecisionKind.ADDITIONAL_HELP, children=[without])
    assert "R053" in _messages(error, "gi_consulted")
    with pytest.raises(ValidationError) as error:  # a child with a measure: GI decides
        _decision(world, kind=DecisionKind.ADDITIONAL_HELP, children=[with_measure], gi_consulted="JB, 3 nov")
    assert "R096" in _messages(error, "forum_team")
    decision = _decision(
        world,
        kind=DecisionKind.ADDITIONAL_HELP,
        children=[without],
        gi_consulted="Met de jeugdbeschermer op 20 november",
    )
    assert list(decision.children.all()) == [without] and decision.gi_consulted
    gi = _decision(world, actor=world["protector"], forum_team=world["gi_team"])  # family level: GI team
    assert gi.forum_team == world["gi_team"]


def test_r069_additional_help_confirmed_by_both_before_the_beschikking(world):
    """R069: with LT and GI both linked, the beschikking waits for both confirmations."""
    decision = _decision(world, kind=DecisionKind.ADDITIONAL_HELP, decision="Gezinscoach 6 maanden")
    assert ms.beschikking_allowed(decision) == (False, [ms.Party.LT, ms.Party.GI])
    ms.decision_confirm(actor=world["lead"], decision=decision, confirmed_on=TODAY)
    with pytest.raises(ValidationError):
        ms.decision_confirm(actor=world["lead"], decision=decision, confirmed_on=TODAY)  # once per party
    allowed, missing = ms.beschikking_allowed(decision)
    assert not allowed and missing == [ms.Party.GI]
    assert task_division_page(case=world["case"], user=world["lead"]).awaiting_confirmation == [decision]
    client = client_for(world["protector"])
    assert "wacht op bevestiging" in client.get(f"/samenwerking/kernbesluiten/{decision.pk}/").content.decode()
    response = client.post(f"/samenwerking/kernbesluiten/{decision.pk}/bevestigen/", {"on": TODAY.isoformat()})
    assert response.status_code == 302
    assert ms.beschikking_allowed(CoreDecision.objects.get(pk=decision.pk)) == (True, [])
    safety = _decision(world)
    with pytest.raises(ValidationError):
        ms.decision_confirm(actor=world["lead"], decision=safety, confirmed_on=TODAY)


def test_r068_r689_api_takes_forum_kind_informing_and_who_cares(world):
    """R068 through the API: without informing a Dutch 400; R689: who_cares on a planned network meeting."""
    client = client_for(world["lead"])
    base = f"/api/v1/cases/{world['case'].pk}"
    decision = {
        "kind": "safety",
        "decided_on": TODAY.isoformat(),
        "decision": "X",
        "forum_team": str(world["lt_team"].pk),
        "behavioural_scientist": world["scientist"].pk,
        "advice": "Advies",
        "advice_followed": True,
        "justification": "Past",
        "forum_kind": "network",
    }
    response = client.post(f"{base}/core-decisions/", decision, content_type="application/json")
    assert response.status_code == 400 and "R068" in response.json()["informing"][0]
    response = client.post(
        f"{base}/core-decisions/",
        {**decision, "informing": "Verslag aan alle partijen"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["forum_kind"] == "network"
    response = client.post(
        f"{base}/meetings/",
        {"kind": "network", "planned_on": TODAY.isoformat(), "who_cares": "Oom Ali", "purpose": "explore"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["who_cares"] == "Oom Ali"
