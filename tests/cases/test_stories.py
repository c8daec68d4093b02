"""The four stories of seed 001 (../shared/STORIES.md) replayed through the service layer."""

import datetime as dt
from decimal import Decimal

import pytest

from gezinsplan.cases import products
from gezinsplan.cases.models import InvolvementRole, Phase
from gezinsplan.cases.responsibility import Party, case_responsibility
from tests.cases.helpers import (
    STEP_BACK,
    approve_extension,
    complete_handover,
    hours,
    indicate_2a,
    make_world,
    ready_to_end_measure,
)

pytestmark = pytest.mark.django_db
T0 = dt.date(2025, 9, 1)


def test_zoetermeer_ots_prevented_with_2a_16_of_25_hours():
    """Zoetermeer: weighing, 2a with Annette's consent, JB 16 of 25 hours, LT keeps regie and safety (R209)."""
    world = make_world(children=1, opened_on=T0)
    indication = indicate_2a(world, on=T0, consent_by="Annette (moeder)")
    case = world.refresh()
    assert case.phase == Phase.LT_GI
    responsibility = case_responsibility(case)
    assert responsibility.lead == Party.LT and responsibility.safety == Party.LT
    for week, amount in enumerate([2, 3, 2, 2, 1.5, 1.5, 2, 2]):  # "ruim drie maanden"
        hours(world, indication, amount, on=T0 + dt.timedelta(weeks=week * 2))
    budget = products.budget(indication)
    assert (budget.used, budget.remaining) == (Decimal(16), Decimal(9))
    assert not case.measures.exists() and case.framework == "vrijwillig"


def test_delft_ots_ended_then_2a_warm_handover_5_of_25_hours():
    """Delft: OTS during which BS starts; at the end the LT leads again and 2a keeps the JB reachable (R212)."""
    world = make_world(children=4, opened_on=dt.date(2024, 1, 8))
    complete_handover(world, giver=world.lt, receiver=world.gi, on=dt.date(2024, 2, 1))
    ots = [products.measure_record(actor=world.gi, case=world.refresh(), child=child, kind="ots",
                                   pronounced_on=dt.date(2024, 2, 12), starts_on=dt.date(2024, 2, 12),
                                   ends_on=dt.date(2025, 2, 11)) for child in world.children]
    assert world.refresh().phase == Phase.MEASURE
    assert case_responsibility(world.case).lead == Party.GI
    complete_handover(world, giver=world.gi, receiver=world.lt, on=dt.date(2025, 1, 20))
    ready_to_end_measure(world)
    for measure in ots:
        products.measure_end(actor=world.gi, measure=measure, ended_on=dt.date(2025, 2, 11),
                             end_reason="niet verlengd: OTS niet meer nodig", **STEP_BACK)
    case = world.refresh()
    assert case.phase == Phase.LT_AFTER and case.framework == "nazorg"
    assert case_responsibility(case).lead == Party.LT
    after = indicate_2a(world, on=dt.date(2025, 2, 12), reason="d", measure=ots[0])
    hours(world, after, 5, on=dt.date(2025, 3, 3))
    assert (products.budget(after).used, products.budget(after).remaining) == (5, 20)
    roles = {i.user_id: i.role for i in case.involvements.all()}
    assert roles[world.lt.pk] == InvolvementRole.LEAD and roles[world.gi.pk] == InvolvementRole.BACKGROUND


def test_westland_2b_then_urgent_vots_with_muhp():
    """Westland: 2b at the JBT with Milena's consent (GI regie), then urgent VOTS + MUHP (no handover first)."""
    world = make_world(children=3, opened_on=T0)
    complete_handover(world, giver=world.lt, receiver=world.gi, on=T0)
    products.indicate_2b(actor=world.chair, case=world.refresh(), starts_on=T0 + dt.timedelta(days=20),
                         decision_on=T0 + dt.timedelta(days=20), consent_by="Milena (moeder, gezag)",
                         consent_on=T0 + dt.timedelta(days=20))
    case = world.refresh()
    assert case_responsibility(case).lead == Party.GI and case_responsibility(case).safety == Party.GI
    for child in world.children:
        products.measure_record(actor=world.gi, case=case, child=child, kind="vots",
                                pronounced_on=T0 + dt.timedelta(days=90), starts_on=T0 + dt.timedelta(days=90),
                                ends_on=T0 + dt.timedelta(days=180))
    products.measure_record(actor=world.gi, case=case, child=world.children[0], kind="muhp",
                            pronounced_on=T0 + dt.timedelta(days=90), starts_on=T0 + dt.timedelta(days=90),
                            ends_on=T0 + dt.timedelta(days=180))
    case = world.refresh()
    assert case.phase == Phase.MEASURE and case.measures.count() == 4
    assert case.transitions.filter(trigger="measure_started").count() == 1


def test_den_haag_2b_then_ots_extended_six_months_with_three_advices():
    """Den Haag: 2b during the RvdK investigation, OTS x3, extension: JB/LT 'no', RvdK 6 months, court 6 (R256)."""
    world = make_world(children=3, opened_on=T0)
    complete_handover(world, giver=world.lt, receiver=world.gi, on=T0)  # the joint introduction meeting
    products.indicate_2b(actor=world.chair, case=world.refresh(), starts_on=T0, decision_on=T0,
                         consent_by="Nadia en Daan", consent_on=T0)
    measures = [products.measure_record(actor=world.gi, case=world.refresh(), child=child, kind="ots",
                                        pronounced_on=T0 + dt.timedelta(days=120),
                                        starts_on=T0 + dt.timedelta(days=120),
                                        ends_on=T0 + dt.timedelta(days=485)) for child in world.children]
    approve_extension(world, measures[0], on=T0 + dt.timedelta(days=470))
    extension = products.measure_extend(actor=world.gi, measure=measures[0], decided_on=T0 + dt.timedelta(days=480),
                                        new_ends_on=T0 + dt.timedelta(days=485 + 182),
                                        professionals_advice="geen verlenging nodig",
                                        council_advice="verlenging met 6 maanden",
                                        court_decision="verlengd met 6 maanden")
    assert (extension.professionals_advice, extension.council_advice, extension.court_decision) == (
        "geen verlenging nodig", "verlenging met 6 maanden", "verlengd met 6 maanden")
    measures[0].refresh_from_db()
    assert measures[0].ends_on == T0 + dt.timedelta(days=667)
    assert world.refresh().phase == Phase.MEASURE
