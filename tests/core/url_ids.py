"""Values for the keyword arguments of family-data URLs, so tests can walk every such URL.

Each app that adds a URL keyword argument adds a builder here: `name: lambda world: value`, where `world` is the
dict made by `build_world` (user, family, case, involvement, parent, child, ...). Builders may create rows.
"""

from tests.analysis import factories as analysis_factories
from tests.cases import helpers as case_helpers
from tests.collaboration import escalation_factories
from tests.collaboration import factories as collaboration_factories
from tests.factories import NetworkMemberFactory, PersonFactory, RelationshipFactory, involve
from tests.families import factories as family_factories
from tests.privacy import factories as privacy_factories
from tests.safety import factories as safety_factories


def build_world(user, *, role="lead") -> dict:
    inv = involve(user, role=role)
    family = inv.case.family
    parent = PersonFactory(family=family, family_role="parent", birth_date=None)
    child = PersonFactory(family=family)
    return {"user": user, "involvement": inv, "case": inv.case, "family": family, "parent": parent,
            "child": child}


BUILDERS = {
    "family_id": lambda w: w["family"].pk,
    "case_id": lambda w: w["case"].pk,
    "involvement_id": lambda w: w["involvement"].pk,
    "person_id": lambda w: w["child"].pk,
    "relationship_id": lambda w: RelationshipFactory(family=w["family"], from_person=w["parent"],
                                                     to_person=w["child"]).pk,
    "member_id": lambda w: NetworkMemberFactory(family=w["family"]).pk,
    # cases (tests/cases/helpers.py)
    "indication_id": lambda w: case_helpers.any_indication(w).pk,
    "measure_id": lambda w: case_helpers.any_measure(w).pk,
    "handover_id": lambda w: case_helpers.any_handover(w).pk,
    "trigger": lambda w: "drang_started",
    "case_contact_id": lambda w: case_helpers.any_contact(w).pk,
    "task_id": lambda w: case_helpers.any_task(w).pk,
    "case_help_id": lambda w: case_helpers.any_help(w).pk,
    # analysis (tests/analysis/factories.py)
    "event_id": lambda w: analysis_factories.TimelineEventFactory(family=w["family"]).pk,
    "help_id": lambda w: analysis_factories.HelpEpisodeFactory(family=w["family"]).pk,
    "background_id": lambda w: analysis_factories.BackgroundFactory(family=w["family"], person=w["parent"]).pk,
    "concern_id": lambda w: analysis_factories.ConcernFactory(family=w["family"]).pk,
    "danger_id": lambda w: analysis_factories.DangerStatementFactory(family=w["family"]).pk,
    "element_id": lambda w: analysis_factories.PatternElementFactory(family=w["family"]).pk,
    "goal_id": lambda w: analysis_factories.GoalFactory(family=w["family"]).pk,
    "version_number": lambda w: analysis_factories.published_version(w["family"], w["user"]).number,
    "screening_id": lambda w: analysis_factories.ScreeningItemFactory(family=w["family"], person=w["parent"]).pk,
    "review_id": lambda w: analysis_factories.LifeDomainReviewFactory(family=w["family"]).pk,
    "endorsement_id": lambda w: analysis_factories.endorsement(w["family"], w["user"], w["parent"]).pk,
    "function_id": lambda w: analysis_factories.RelationalFunctionFactory(
        family=w["family"], from_person=w["parent"], to_person=w["child"]).pk,
    "matching_id": lambda w: analysis_factories.MatchingNoteFactory(family=w["family"]).pk,
    "note_id": lambda w: analysis_factories.ContactNoteFactory(family=w["family"]).pk,
    "instrument_use_id": lambda w: analysis_factories.InstrumentUseFactory(family=w["family"]).pk,
    "questionnaire_id": lambda w: analysis_factories.QuestionnaireFactory(family=w["family"], person=w["parent"]).pk,
    "intake_id": lambda w: analysis_factories.intake_task(w["family"], w["user"]).pk,
    # collaboration (tests/collaboration/factories.py)
    "meeting_id": lambda w: collaboration_factories.MeetingFactory(case=w["case"]).pk,
    "agreement_id": lambda w: collaboration_factories.AgreementFactory(case=w["case"]).pk,
    "decision_id": lambda w: collaboration_factories.CoreDecisionFactory(case=w["case"]).pk,
    "barrier_id": lambda w: collaboration_factories.BarrierFactory(case=w["case"]).pk,
    "escalation_id": lambda w: escalation_factories.EscalationFactory(case=w["case"]).pk,
    # safety (tests/safety/factories.py)
    "assessment_id": lambda w: safety_factories.any_assessment(w).pk,
    "plan_version": lambda w: safety_factories.any_plan_version(w).number,
    # privacy (tests/privacy/factories.py)
    "consent_id": lambda w: privacy_factories.ConsentFactory(family=w["family"], children=[w["child"]],
                                                             given_by=[w["parent"]]).pk,
    # families: the situation over time (tests/families/factories.py)
    "residence_id": lambda w: family_factories.residence(w).pk,
    "arrangement_id": lambda w: family_factories.arrangement(w).pk,
    "administrator_id": lambda w: family_factories.administrator(w).pk,
    "perspective_id": lambda w: family_factories.perspective(w).pk,
    "contribution_id": lambda w: family_factories.contribution(w).pk,
    "story_id": lambda w: family_factories.story(w).pk,
}

# API detail routes take a generic record_id: which builder serves it, by the route's collection name.
RECORD_ID_BY_COLLECTION = {"persons": "person_id", "relationships": "relationship_id",
                           "network-members": "member_id"}


def value_for(name: str, route: str, world: dict, cache: dict):
    if name == "record_id":
        parts = [p for p in route.split("/") if p and not p.startswith("<")]
        name = RECORD_ID_BY_COLLECTION[parts[-1]]
    if name not in cache:
        cache[name] = BUILDERS[name](world)
    return cache[name]
