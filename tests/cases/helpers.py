"""A small world for case tests: an LT professional with the lead, a GI protector, a JBT chair, children."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases import handovers, products
from gezinsplan.cases.models import Case, InvolvementRole
from gezinsplan.families.models import FamilyRole
from tests.factories import InvolvementFactory, OrganisationFactory, PersonFactory, UserFactory, involve

START = dt.date(2026, 1, 5)


@dataclass
class World:
    lt: object
    gi: object
    chair: object
    case: Case
    children: list

    def refresh(self) -> Case:
        self.case = Case.objects.get(pk=self.case.pk)
        return self.case


def make_world(*, children: int = 2, opened_on=START) -> World:
    lt = UserFactory(role=Role.LT_PROFESSIONAL, organisation=OrganisationFactory(type=OrganisationType.LOCAL_TEAM),
                     training_status="trained")
    gi = UserFactory(role=Role.GI_PROTECTOR, organisation=OrganisationFactory(type=OrganisationType.GI),
                     training_status="trained")
    chair = UserFactory(role=Role.JBT_CHAIR, organisation=OrganisationFactory(type=OrganisationType.MUNICIPALITY))
    inv = involve(lt, role=InvolvementRole.LEAD)
    case = inv.case
    case.opened_on = opened_on
    case.save()
    inv.start_date = opened_on
    inv.save()
    family = case.family
    PersonFactory(family=family, family_role=FamilyRole.PARENT, birth_date=dt.date(1990, 1, 1))
    kids = [PersonFactory(family=family, birth_date=dt.date(2018 + i, 3, 1)) for i in range(children)]
    InvolvementFactory(case=case, user=gi, role=InvolvementRole.EXPERT, start_date=opened_on)
    InvolvementFactory(case=case, user=chair, role=InvolvementRole.ON_CALL, start_date=opened_on)
    return World(lt=lt, gi=gi, chair=chair, case=case, children=kids)


def weigh_gi_needed(world: World, on=START):
    """The weighing in the case discussion with the decision 'GI expertise needed' (R007, safety app)."""
    from gezinsplan.safety.services import weighing_record

    scientist = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST, organisation=world.lt.organisation)
    return weighing_record(actor=world.lt, case=world.refresh(), occasion="start", held_on=on,
                           question="Is expertise van de GI nodig?",
                           participants="casusregisseur, gedragswetenschapper",
                           behavioural_scientist=scientist, behavioural_scientist_advice="Betrek een jeugdbeschermer.",
                           extended_analysis="yes", gi_needed="yes")


def indicate_2a(world: World, on=START, weigh=True, **overrides):
    if weigh and not world.case.weighings.filter(gi_needed="yes").exists():
        weigh_gi_needed(world, on=min(on, overrides.get("starts_on", on)))
    values = dict(reason="a", starts_on=on, decision_on=on, decision_forum="Casuïstiekoverleg JGH",
                  decision_participants="casusregisseur, collega, gedragswetenschapper",
                  consent_by="Annette (moeder)", consent_on=on)
    values.update(overrides)
    return products.indicate_2a(actor=world.lt, case=world.refresh(), **values)


def complete_handover(world: World, *, giver, receiver, on=START):
    handover = handovers.handover_start(actor=giver, case=world.refresh(), to_user=receiver, reason="Regie wisselt")
    handovers.handover_update(actor=giver, handover=handover, meeting_on=on, family_present="moeder",
                              checklist={k: {"done": True, "note": "gedeeld"} for k in handovers.HANDOVER_ITEMS})
    return handovers.handover_accept(actor=receiver, handover=handover)


def hours(world: World, indication, amount, on=START, actor=None):
    return products.hours_record(actor=actor or world.gi, indication=indication, worked_on=on,
                                 hours=Decimal(str(amount)), activity="home_visit")


def any_indication(world: dict):
    """A 2a indication on the world's case, written directly (URL walker: the row, not the rule, matters)."""
    from gezinsplan.cases.models import ProductIndication

    return ProductIndication.objects.create(
        case=world["case"], kind="2a", reason="a", indicated_by=world["user"], starts_on=world["case"].opened_on,
        budget_hours=Decimal(25), decision_on=world["case"].opened_on, decision_forum="MDO",
        consent_by="moeder", consent_on=world["case"].opened_on)


def any_measure(world: dict):
    from gezinsplan.cases.models import ChildMeasure

    return ChildMeasure.objects.create(
        case=world["case"], child=world["child"], kind="ots", pronounced_on=world["case"].opened_on,
        starts_on=world["case"].opened_on, ends_on=world["case"].opened_on + dt.timedelta(days=365),
        recorded_by_organisation=world["user"].organisation or OrganisationFactory())


def any_handover(world: dict):
    from gezinsplan.cases.models import Handover

    return Handover.objects.create(case=world["case"], from_user=world["user"], to_user=world["user"],
                                   reason="test", checklist={})


STEP_BACK = {"step_back_basis": "sufficiently_safe", "local_can_manage": True}  # R658


def closure(kind="other", on=None, **overrides):
    """The handover record a closure needs (R583); kind 'other' asks no end-state confirmations."""
    values = dict(kind=kind, next_providers="Huisarts en wijkteam", documents="Gezinsplan, veiligheidsplan",
                  family_took_part_on=on or dt.date.today(), family_present="moeder en vader")
    values.update(overrides)
    return values


def team_lead_for(world: World):
    lead = UserFactory(role=Role.TEAM_LEAD, organisation=world.gi.organisation)
    InvolvementFactory(case=world.case, user=lead, role=InvolvementRole.ON_CALL, start_date=world.case.opened_on)
    return lead


def approve_extension(world: World, measure, on):
    """R540: the written evaluation, reviewed by the team leader, submitted before the court decides."""
    from gezinsplan.cases import casework

    evaluation = casework.evaluation_write(actor=world.gi, measure=measure, evaluation="Doelen deels bereikt.",
                                           not_good_enough="Vader houdt zich nog niet aan de afspraken.")
    evaluation = casework.evaluation_review(actor=team_lead_for(world), evaluation=evaluation,
                                            comment="Akkoord, onderbouwing is helder.", on=on)
    return casework.evaluation_submit(actor=world.gi, evaluation=evaluation, on=on)


def any_contact(world: dict):
    from gezinsplan.cases.models import CaseContact

    return CaseContact.objects.create(case=world["case"], kind="home_visit", held_on=world["case"].opened_on,
                                      by_user=world["user"], safety_score=7)


def any_task(world: dict):
    from gezinsplan.cases.models import CaseTask

    return CaseTask.objects.create(case=world["case"], kind="weigh_escalation", due_on=world["case"].opened_on,
                                   rule_id="R027")


def any_help(world: dict):
    from gezinsplan.cases.models import Help

    return Help.objects.create(case=world["case"], domain="wmo", description="Wmo", proposed_by=world["user"])
