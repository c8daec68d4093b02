"""The demo families stand where their stories put them, consistent with the derived lead (table 2)."""

import pytest
from django.core.management import call_command

from gezinsplan.cases import products
from gezinsplan.cases.models import Case, InvolvementRole
from gezinsplan.cases.responsibility import PARTY_ORGANISATION_TYPE, case_responsibility
from gezinsplan.core.policy import active_involvements


@pytest.fixture
def demo(db, settings):
    settings.DEMO_MODE = True
    call_command("load_demo", verbosity=0)


def _case(name):
    return Case.objects.select_related("family").get(family__name=name)


def test_zoetermeer_2a_16_of_25_and_delft_2a_5_of_25_after_the_ots(demo):
    zoetermeer = _case("Gezin Annette (Zoetermeer)")
    assert zoetermeer.phase == "lt_gi"
    assert products.budget(zoetermeer.indications.get()).used == 16
    delft = _case("Gezin Kemal en Nathalie (Delft)")
    assert delft.phase == "lt_after"
    after = delft.indications.get()
    assert after.measure is not None and products.budget(after).used == 5


def test_every_demo_case_has_exactly_one_active_lead_of_the_derived_party(demo):
    for case in Case.objects.select_related("family"):
        leads = list(active_involvements().filter(case=case, role=InvolvementRole.LEAD).select_related("organisation"))
        assert len(leads) == 1, case.family.name
        party = case_responsibility(case).lead
        assert leads[0].organisation.type == PARTY_ORGANISATION_TYPE[party], case.family.name


def test_demo_load_stays_idempotent_with_states(demo):
    before = {m: m.objects.count() for m in (Case,)}
    call_command("load_demo", verbosity=0)
    assert {m: m.objects.count() for m in (Case,)} == before
