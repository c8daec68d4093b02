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


def weigh_extended_analysis(case, *, on=None):
    """R113: the team's weighing decided 'extended analysis: yes' (written directly; skipped when one exists)."""
    from gezinsplan.safety.models import Weighing

    latest = Weighing.objects.filter(case=case).order_by("-held_on", "-created_at").first()
    if latest is not None and latest.extended_analysis == "yes":
        return latest
    scientist = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST)
    return Weighing.objects.create(
        case=case, occasion="start", held_on=on or dt.date.today(), question="Is een uitgebreide analyse nodig?",
        participants="casusregisseur, gedragswetenschapper", extended_analysis="yes", gi_needed="no",
        behavioural_scientist=scientist, behavioural_scientist_advice="Start de analyse.")


def start_analysis(actor, family, **kwargs):
    """The analysis started as the method asks: after the team's weighing said 'yes' (R113)."""
    from gezinsplan.analysis.services import analysis_start
    from gezinsplan.cases.models import CaseStatus

    case = family.cases.filter(status=CaseStatus.OPEN, removed_at__isnull=True).first()
    if case is not None:
        weigh_extended_analysis(case)
    return analysis_start(actor=actor, family=family, **kwargs)


def children_spoken_alone(world: World, on=None):
    """R520: every child of the world spoken to alone in phase 1."""
    from gezinsplan.collaboration.models import ChildConversation

    for child in world.case.family.persons.filter(family_role=FamilyRole.CHILD):
        ChildConversation.objects.create(family=world.case.family, case=world.case, child=child,
                                         held_on=on or dt.date.today(), spoken=True, with_parents="without",
                                         by_user=world.lt, created_by=world.lt)


def weigh_jointly(world: World, purpose="measure_closure", on=None):
    """R070: the joint LT-GI weighing for requesting or closing a measure (written directly)."""
    from gezinsplan.safety.models import Weighing

    return Weighing.objects.create(
        case=world.case, occasion="start", held_on=on or dt.date.today(), question="Maatregel?", purpose=purpose,
        participants="LT, GI, gedragswetenschapper", extended_analysis="yes", gi_needed="no",
        behavioural_scientist=UserFactory(role=Role.BEHAVIOURAL_SCIENTIST), behavioural_scientist_advice="Akkoord.",
        lt_input="Het lokaal team neemt de regie terug", gi_input="De doelen zijn bereikt")


def ready_to_end_measure(world: World):
    """R070 and R410: the joint weighing and a safety plan with follow-up help, contributors and parents' direction."""
    from gezinsplan.safety.models import SafetyPlan, SafetyPlanVersion
    from gezinsplan.safety.plan_content import clean_content
    from tests.safety.factories import plan_content

    weigh_jointly(world)
    content = plan_content(parents_regie=True, supporters=[
        {"name": "Carla", "kind": "professional", "role": "casusregisseur lokaal team",
         "contributes": "vervolghulp: wekelijks huisbezoek"},
        {"name": "Oma Riet", "kind": "network", "role": "oma", "contributes": "opvang van de kinderen"}])
    plan, _created = SafetyPlan.objects.get_or_create(case=world.case)
    number = (plan.current.number + 1) if plan.current else 1
    plan.current = SafetyPlanVersion.objects.create(document=plan, number=number, content=clean_content(content),
                                                    author=world.gi)
    plan.save()


def handover_report_ready(world: World):
    """R581/R597: the family plan holds facts per life domain, decisions with reasons, earlier help with its result,
    a recent risk and safety assessment and a feasible end situation (written directly)."""
    from gezinsplan.analysis.models import LifeDomain
    from gezinsplan.analysis.services import configured_life_domains
    from gezinsplan.safety.models import RiskAssessment, SafetyAssessment
    from tests.analysis.factories import (
        HelpEpisodeFactory,
        LifeDomainReviewFactory,
        TimelineEventFactory,
        analysis_for,
    )
    from tests.safety.factories import all_safe

    family = world.case.family
    if not family.domain_reviews.exists():
        for domain in configured_life_domains():
            LifeDomainReviewFactory(family=family, domain=LifeDomain(domain), status="not_relevant", facts="")
        TimelineEventFactory(family=family, kind="decision", title="Besluit MDO", description="Veiligheid eerst")
        HelpEpisodeFactory(family=family)
    analysis = analysis_for(family)
    if not analysis.has_end_situation:
        analysis.end_description = "De kinderen wonen veilig thuis, oma helpt"
        analysis.save(update_fields=["end_description"])
    child = world.children[0]
    today = dt.date.today()
    recent = today - dt.timedelta(days=90)
    if not RiskAssessment.objects.filter(case__family=family, assessed_on__gte=recent).exists():
        RiskAssessment.objects.create(case=world.case, child=child, assessed_on=today, static_factors="geen",
                                      dynamic_factors="stress", result="low", assessed_by=world.lt)
    if not SafetyAssessment.objects.filter(case__family=family, assessed_on__gte=recent).exists():
        SafetyAssessment.objects.create(case=world.case, child=child, assessed_on=today, items=all_safe(),
                                        conclusion="Veilig", assessed_by=world.lt, created_by=world.lt)


def complete_handover(world: World, *, giver, receiver, on=START):
    handover_report_ready(world)
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
                                            comment="Akkoord, onderbouwing is helder.", on=on,
                                            version=evaluation.version)
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
