"""Cases rules that follow from the model and services: intake, one lead, frameworks, measures, closure."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.cases import products, services
from gezinsplan.cases.models import Framework, IndicationReason, InvolvementRole, MeasureKind, Phase
from tests.cases.helpers import (
    START,
    STEP_BACK,
    closure,
    complete_handover,
    indicate_2a,
    make_world,
    ready_to_end_measure,
)
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_r263_r351_case_records_its_intake_source():
    """R263/R351: each case records how it came in."""
    lead = UserFactory()
    from gezinsplan.families.services import family_open
    from tests.factories import MunicipalityFactory

    family = family_open(actor=lead, name="Gezin Intake", municipality=MunicipalityFactory(), reason="Na CIT",
                         opened_on=START, intake_source="cit")
    assert family.cases.get().get_intake_source_display() == "Crisis Interventie Team"


def test_r015_every_2a_records_exactly_one_indication_reason():
    """R015: reasons (a) team decision, (b) JBT under way, (c) deferred council investigation, (d) after an OTS."""
    assert {"a", "b", "c", "d"} <= set(IndicationReason.values)
    world = make_world()
    with pytest.raises(ValidationError):
        indicate_2a(world, reason="")
    assert indicate_2a(world, reason="b").get_reason_display().startswith("besluit lokaal team terwijl")


def test_r001_r333_r585_one_lead_at_a_time():
    """R001/R333/R585: exactly one party and professional holds case direction at any moment."""
    world = make_world()
    with pytest.raises(ValidationError, match="regie"):
        services.involvement_add(actor=world.lt, case=world.case, user=UserFactory(), role=InvolvementRole.LEAD,
                                 start_date=START)
    with pytest.raises(ValidationError, match="lopende casus"):
        services.case_open(actor=world.lt, family=world.case.family, reason="tweede plan", opened_on=START)


def test_r343_r510_r614_framework_history_on_one_continuous_case():
    """R343/R510/R614: a change of framework keeps the same case, plan and worker; periods are history."""
    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    products.measure_record(actor=world.gi, case=world.case, child=world.children[0], kind="ots",
                            pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=365))
    case = world.refresh()
    assert case.framework == Framework.COMPULSORY
    history = list(case.transitions.values_list("from_framework", "to_framework"))
    assert history == [(Framework.VOLUNTARY, Framework.COMPULSORY)]
    assert case.family.cases.count() == 1


def test_r602_r699_measure_types_and_concurrent_measures_for_one_child():
    """R602: OTS, VOTS, MUHP, guardianship, JR; R699: one child may have concurrent measures."""
    assert {"ots", "vots", "muhp", "voogdij", "jr"} <= set(MeasureKind.values)
    world = make_world()
    child = world.children[0]
    from gezinsplan.cases import casework

    offence = casework.offence_record(actor=world.gi, case=world.case, child=child, kind="school_absence",
                                      committed_on=START, judged_by="juvenile_court", judged_on=START)
    for kind in ("vots", "jr"):
        products.measure_record(actor=world.gi, case=world.refresh(), child=child, kind=kind, pronounced_on=START,
                                starts_on=START, ends_on=START + dt.timedelta(days=200),
                                offence=offence if kind == "jr" else None)
    assert child.measures.count() == 2 and world.refresh().phase == Phase.MEASURE


def test_r223_closing_a_case_needs_a_reason():
    """R223: a case (also one linked to a running measure) closes only with a recorded reason."""
    world = make_world()
    with pytest.raises(ValidationError, match="reden"):
        services.case_close(actor=world.lt, case=world.case, version=None, closed_on=dt.date.today(),
                            closing_reason=" ", closure=closure())
    services.case_close(actor=world.lt, case=world.case, version=None, closed_on=dt.date.today(),
                        closing_reason="Terugkeer naar vrijwillig kader niet snel aannemelijk", closure=closure())
    assert world.refresh().status == "closed"


def test_r040_prospective_youth_protector_is_involved_before_the_jbt_with_access():
    """R040: a prospective youth protector can be assigned before the JBT meeting, with access to prepare."""
    world = make_world()
    protector = UserFactory(role="gi_protector", organisation=world.gi.organisation)
    services.involvement_add(actor=world.lt, case=world.case, user=protector, role=InvolvementRole.EXPERT,
                             start_date=dt.date.today())
    assert client_for(protector).get(f"/casussen/{world.case.pk}/").status_code == 200
    assert world.refresh().phase == Phase.LT


def test_r016_r212_r657_after_the_ots_a_2a_links_to_the_closed_measure_and_follow_up_starts():
    """R016/R212: when an OTS closes, a 2a for the warm handover links to it; R657: aftercare follows."""
    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    measure = products.measure_record(actor=world.gi, case=world.case, child=world.children[0], kind="ots",
                                      pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=100))
    complete_handover(world, giver=world.gi, receiver=world.lt)
    ready_to_end_measure(world)
    products.measure_end(actor=world.gi, measure=measure, ended_on=START + dt.timedelta(days=100),
                         end_reason="niet verlengd door de rechter", **STEP_BACK)
    case = world.refresh()
    assert case.framework == Framework.AFTERCARE
    indication = indicate_2a(world, on=START + dt.timedelta(days=101), reason="d", measure=measure)
    assert indication.measure == measure and measure.aftercare_indications.get() == indication
    page = client_for(world.gi).get(f"/casussen/{case.pk}/maatregelen/{measure.pk}/beeindigen/")
    assert "product 2a" in page.content.decode()


def test_r604_case_is_linked_to_the_responsible_municipality():
    """R604: every case is linked to the responsible municipality (through its family)."""
    world = make_world()
    assert world.case.family.municipality_id is not None


def test_r594_the_method_page_shows_the_nine_principles_and_every_transition():
    """R594: the help shows the nine principles; the phase table is readable on one screen, from the code's data."""
    from gezinsplan.cases.transitions import TRANSITIONS

    body = client_for(UserFactory()).get("/casussen/werkwijze/").content.decode()
    assert "We praten altijd met het kind." in body and "Pull, niet push." in body
    for transition in TRANSITIONS:
        assert transition.label in body
    assert "Regie" in body and "Veiligheidstaxatie" in body


def test_r508_case_flags_for_sexual_abuse_and_complex_divorce():
    """R508: explicit flags on the case, shown on the case page."""
    world = make_world()
    services.case_update(actor=world.lt, case=world.case, version=world.case.version, complex_divorce=True)
    body = client_for(world.lt).get(f"/casussen/{world.case.pk}/").content.decode()
    assert "complexe scheiding" in body


def test_r272_hours_carry_the_phase_they_were_spent_in():
    """R272: hours per activity and per phase (before, during, after a measure), with totals."""
    from gezinsplan.cases.models import HourEntry
    from tests.cases.helpers import hours

    world = make_world()
    first = indicate_2a(world)
    hours(world, first, 3)
    totals = products.hour_totals(entries=HourEntry.objects.filter(indication__case=world.case))
    assert totals["per_phase"] == {"lt_gi": 3}


def test_r262_a_new_case_shows_the_earlier_closed_case():
    """R262: re-registration shows earlier involvement: the family page lists the closed case with the new one."""
    world = make_world()
    services.case_close(actor=world.lt, case=world.case, version=None, closed_on=dt.date.today(),
                        closing_reason="Gezin verhuisd", closure=closure("moved"))
    from gezinsplan.cases.models import Involvement

    Involvement.objects.filter(case=world.case, user=world.lt).update(end_date=None)
    new = services.case_open(actor=world.lt, family=world.case.family, reason="Nieuwe melding",
                             opened_on=dt.date.today())
    body = client_for(world.lt).get(f"/gezinnen/{world.case.family_id}/").content.decode()
    assert world.case.reason in body and new.reason in body and "afgesloten" in body


def test_r023_the_measure_cannot_end_without_an_actively_involved_local_team():
    """R023: no moment at which neither LT nor GI is actively involved."""
    from gezinsplan.cases.models import Involvement

    world = make_world()
    complete_handover(world, giver=world.lt, receiver=world.gi)
    measure = products.measure_record(actor=world.gi, case=world.case, child=world.children[0], kind="ots",
                                      pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=100))
    Involvement.objects.filter(case=world.case, user=world.lt).update(end_date=START + dt.timedelta(days=10))
    ready_to_end_measure(world)
    with pytest.raises(ValidationError, match="lokaal team"):
        products.measure_end(actor=world.gi, measure=measure, ended_on=START + dt.timedelta(days=100),
                             end_reason="niet verlengd", **STEP_BACK)
