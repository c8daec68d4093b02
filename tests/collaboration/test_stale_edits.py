"""Nothing lost: raising or resolving an escalation on top of a colleague's change is refused with the typed text
offered back; a barrier step refused because the barrier was resolved meanwhile shows its form again."""

import pytest

from gezinsplan.collaboration import services
from gezinsplan.collaboration.models import BarrierStep, Escalation, EscalationLevel
from gezinsplan.core.records import StaleEdit
from tests.collaboration.conftest import TODAY
from tests.collaboration.factories import BarrierFactory
from tests.conftest import client_for
from tests.factories import InvolvementFactory, UserFactory

STALE = "Iemand anders heeft dit intussen gewijzigd"


def _colleague(world):
    colleague = UserFactory(organisation=world["lt"], team=world["lt_team"])
    InvolvementFactory(case=world["case"], user=colleague, role="support")
    return colleague


def _escalation(world, *, step1_done: bool):
    escalation = services.escalation_start(
        actor=world["lead"], case=world["case"], other_organisation=world["gi"], situation=1, level=1,
        description="Verschil over de vervolghulp", family_informed="Vooraf, in het huisbezoek", consulted_other=True)
    if step1_done:
        escalation = services.escalation_step1(
            actor=world["lead"], escalation=escalation, own_scientist=world["scientist"], other_scientist="GW GI",
            both_acknowledged=True, joint_meeting_on=TODAY, result="not_bridged", version=escalation.version)
    return Escalation.objects.get(pk=escalation.pk)


# --- raise (R466, R468) --------------------------------------------------------------------------------------------

def test_r466_stale_escalation_raise_refused_in_the_service(world):
    escalation = _escalation(world, step1_done=True)
    opened_on = escalation.version
    services.escalation_raise(actor=world["lead"], escalation=escalation, level=2, reason="Geen akkoord",
                              family_informed="Achteraf", version=opened_on)
    with pytest.raises(StaleEdit):
        services.escalation_raise(actor=_colleague(world), escalation=Escalation.objects.get(pk=escalation.pk),
                                  level=2, reason="Mijn reden", family_informed="Mijn uitleg aan het gezin",
                                  version=opened_on)
    escalation = Escalation.objects.get(pk=escalation.pk)
    assert escalation.level == EscalationLevel.MANAGERS and escalation.family_informed == "Achteraf"
    assert [m.reason for m in escalation.moves.filter(level=2)] == ["Geen akkoord"]


def test_r466_stale_escalation_raise_page_keeps_the_typed_reason(world):
    escalation = _escalation(world, step1_done=True)
    colleague = _colleague(world)
    url = f"/samenwerking/escalaties/{escalation.pk}/"
    opened_on = client_for(colleague).get(url).context["raise_form"].initial["version"]
    assert opened_on == escalation.version
    response = client_for(world["lead"]).post(url, {"action": "raise", "level": 2, "reason": "Geen akkoord",
                                                    "family_informed": "Achteraf", "version": opened_on})
    assert response.status_code == 302
    response = client_for(colleague).post(url, {
        "action": "raise", "level": 2, "reason": "Mijn eigen reden om op te schalen",
        "family_informed": "Moeder telefonisch ingelicht", "version": opened_on})
    assert response.status_code == 200
    body = response.content.decode()
    assert STALE in body and "Mijn eigen reden om op te schalen" in body and "Moeder telefonisch ingelicht" in body
    escalation = Escalation.objects.get(pk=escalation.pk)
    assert escalation.family_informed == "Achteraf" and escalation.moves.filter(level=2).count() == 1


# --- resolve (R469) ---------------------------------------------------------------------------------------------

def test_r469_stale_escalation_resolve_refused_in_the_service(world):
    escalation = _escalation(world, step1_done=False)
    opened_on = escalation.version
    services.escalation_resolve(actor=world["lead"], escalation=escalation, resolved_on=TODAY,
                                solution="Samen intensieve hulp thuis", version=opened_on)
    with pytest.raises(StaleEdit):
        services.escalation_resolve(actor=_colleague(world), escalation=Escalation.objects.get(pk=escalation.pk),
                                    resolved_on=TODAY, solution="Mijn oplossing", version=opened_on)
    assert Escalation.objects.get(pk=escalation.pk).solution == "Samen intensieve hulp thuis"


def test_r469_stale_escalation_resolve_page_keeps_the_typed_solution(world):
    escalation = _escalation(world, step1_done=False)
    colleague = _colleague(world)
    url = f"/samenwerking/escalaties/{escalation.pk}/"
    opened_on = client_for(colleague).get(url).context["resolve"].initial["version"]
    assert opened_on == escalation.version
    response = client_for(world["lead"]).post(url, {"action": "resolve", "resolved_on": TODAY.isoformat(),
                                                    "solution": "Samen intensieve hulp thuis", "version": opened_on})
    assert response.status_code == 302
    response = client_for(colleague).post(url, {"action": "resolve", "resolved_on": TODAY.isoformat(),
                                                "solution": "Mijn eigen beschrijving van de oplossing",
                                                "version": opened_on})
    assert response.status_code == 200
    body = response.content.decode()
    assert STALE in body and "Mijn eigen beschrijving van de oplossing" in body  # shown although now resolved
    assert Escalation.objects.get(pk=escalation.pk).solution == "Samen intensieve hulp thuis"


# --- a barrier step after the barrier was resolved (unversioned: refused on the locked barrier) -------------------

def test_r079_step_on_a_barrier_resolved_meanwhile_keeps_the_typed_notes(world):
    barrier = BarrierFactory(case=world["case"], raised_by=world["lead"])
    colleague = _colleague(world)
    url = f"/samenwerking/barrieres/{barrier.pk}/"
    assert client_for(colleague).get(url).status_code == 200
    services.barrier_step(actor=world["lead"], barrier=barrier, step=1, taken_on=TODAY, my_share="Afwachtend",
                          could_do="Bellen", resolve=True, outcome="Opgelost na eigen analyse")
    response = client_for(colleague).post(url, {  # the colleague's page still offered step 2
        "step": 2, "taken_on": TODAY.isoformat(), "with_whom": "Jeugdbeschermer", "goal_focus": "Eén beeld",
        "named_to_other": "Benoemd als verschil in focus", "notes": "Mijn eigen gespreksnotities"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "al opgelost" in body and "Mijn eigen gespreksnotities" in body
    assert BarrierStep.objects.filter(barrier=barrier).count() == 1
