"""Nothing lost: a save on top of a colleague's change is refused, with the typed text offered back (core.records).

Each versioned service is tested twice: in the service (StaleEdit, nothing written) and through its page (POST with
the version the form was opened on after a colleague saved: 200, the Dutch message, the typed text, DB unchanged).
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import Role
from gezinsplan.cases import casework, products, services
from gezinsplan.cases.models import CaseClosure, ContactKind, DivorceApproach, HelpStatus, InvolvementRole, TaskKind
from gezinsplan.core.records import StaleEdit
from tests.cases.helpers import START, closure, complete_handover, make_world, team_lead_for
from tests.conftest import client_for
from tests.factories import InvolvementFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
STALE = "Iemand anders heeft dit intussen gewijzigd"


def _lt_colleague(world):
    colleague = UserFactory(role=Role.LT_PROFESSIONAL, organisation=world.lt.organisation)
    InvolvementFactory(case=world.case, user=colleague, role=InvolvementRole.SUPPORT, start_date=START)
    return colleague


def _refused(response, typed: str) -> str:
    assert response.status_code == 200
    body = response.content.decode()
    assert STALE in body and typed in body
    return body


def _visit(world):
    return casework.contact_record(actor=world.lt, case=world.case, kind=ContactKind.HOME_VISIT, held_on=TODAY,
                                   safety_score=5, summary="Huisbezoek bij moeder")


# --- plan update after a visit (R588) ---------------------------------------------------------------------------

REVIEWED = {"concerns": True, "strengths": True, "goals": True}


def test_r588_stale_plan_update_refused_in_the_service():
    world = make_world()
    visit = _visit(world)
    opened_on = visit.version
    casework.contact_plan_update(actor=_lt_colleague(world), contact=visit, reviewed=REVIEWED, note="Doel 2 bijgesteld",
                                 version=opened_on)
    visit.refresh_from_db()
    with pytest.raises(StaleEdit):
        casework.contact_plan_update(actor=world.lt, contact=visit, reviewed=REVIEWED, note="Mijn notitie",
                                     version=opened_on)
    visit.refresh_from_db()
    assert visit.plan_update_note == "Doel 2 bijgesteld"


def test_r588_stale_plan_update_page_keeps_the_typed_note():
    world = make_world()
    visit = _visit(world)
    url = f"/casussen/{world.case.pk}/contacten/{visit.pk}/plan/"
    colleague = _lt_colleague(world)
    opened = client_for(world.lt).get(url).context["form"].initial
    assert opened["version"] == visit.version
    checked = {"concerns": "on", "strengths": "on", "goals": "on"}
    assert client_for(colleague).post(url, {**checked, "note": "Doel 2 bijgesteld", **opened}).status_code == 302
    response = client_for(world.lt).post(url, {**checked, "note": "Mijn eigen notitie over doel 3", **opened})
    _refused(response, "Mijn eigen notitie over doel 3")
    visit.refresh_from_db()
    assert visit.plan_update_note == "Doel 2 bijgesteld"
    assert response.context["form"].data["version"] == visit.version  # saving again now deliberately overwrites


# --- feedback of the team leader (R680) -------------------------------------------------------------------------


def test_r680_stale_feedback_refused_in_the_service():
    world = make_world()
    visit = _visit(world)
    first, second = team_lead_for(world), team_lead_for(world)
    opened_on = visit.version
    casework.contact_feedback(actor=first, contact=visit, feedback="Vraag door naar vader", version=opened_on)
    visit.refresh_from_db()
    with pytest.raises(StaleEdit):
        casework.contact_feedback(actor=second, contact=visit, feedback="Mijn feedback", version=opened_on)
    visit.refresh_from_db()
    assert visit.feedback == "Vraag door naar vader" and visit.feedback_by == first


def test_r680_stale_feedback_page_keeps_the_typed_feedback():
    world = make_world()
    visit = _visit(world)
    first, second = team_lead_for(world), team_lead_for(world)
    url = f"/casussen/{world.case.pk}/contacten/{visit.pk}/feedback/"
    opened = client_for(second).get(url).context["form"].initial
    assert opened["version"] == visit.version
    assert client_for(first).post(url, {"feedback": "Vraag door naar vader",
                                        "version": opened["version"]}).status_code == 302
    response = client_for(second).post(url, {"feedback": "Mijn eigen feedback op het verslag",
                                             "version": opened["version"]})
    _refused(response, "Mijn eigen feedback op het verslag")
    visit.refresh_from_db()
    assert visit.feedback == "Vraag door naar vader"


# --- explaining what refusing help means (R310) -----------------------------------------------------------------


def test_r310_stale_refusal_explanation_refused_in_the_service():
    world = make_world()
    opened_on = world.refresh().version
    casework.refusal_explained(actor=_lt_colleague(world), case=world.case, on=TODAY, how="Bij het eerste gesprek",
                               version=opened_on)
    with pytest.raises(StaleEdit):
        casework.refusal_explained(actor=world.lt, case=world.refresh(), on=TODAY, how="Mijn uitleg",
                                   version=opened_on)
    assert world.refresh().refusal_explained_how == "Bij het eerste gesprek"


def test_r310_stale_refusal_explanation_page_keeps_the_typed_text():
    world = make_world()
    colleague = _lt_colleague(world)
    url = f"/casussen/{world.case.pk}/uitleg-weigeren/"
    opened = client_for(world.lt).get(url).context["form"].initial
    assert opened["version"] == world.refresh().version
    day = TODAY.isoformat()
    assert client_for(colleague).post(url, {"on": day, "how": "Bij het eerste gesprek",
                                            "version": opened["version"]}).status_code == 302
    response = client_for(world.lt).post(url, {"on": day, "how": "Met de folder over de JBT uitgelegd",
                                               "version": opened["version"]})
    _refused(response, "Met de folder over de JBT uitgelegd")
    assert world.refresh().refusal_explained_how == "Bij het eerste gesprek"


def test_a_form_without_the_version_is_refused_with_the_text_kept():
    world = make_world()
    response = client_for(world.lt).post(f"/casussen/{world.case.pk}/uitleg-weigeren/",
                                         {"on": TODAY.isoformat(), "how": "Zonder versie"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "mist de versie" in body and "Zonder versie" in body
    assert not world.refresh().refusal_explained_how


# --- referral on a GI request (R021, R220) -----------------------------------------------------------------------


def _gi_request(world):
    complete_handover(world, giver=world.lt, receiver=world.gi)
    products.indicate_2b(actor=world.chair, case=world.refresh(), starts_on=START, decision_on=START,
                         consent_by="moeder (gezag)", consent_on=START)
    return casework.help_request_youth_care(actor=world.gi, case=world.refresh(), description="Gezinscoach", on=TODAY)


def test_r220_stale_referral_refused_in_the_service():
    world = make_world()
    request = _gi_request(world)
    opened_on = request.version
    casework.help_refer(actor=_lt_colleague(world), help_=request, family_agreed_on=TODAY, lt_agrees=True,
                        provider="Jeugdhulp Delft", version=opened_on)
    request.refresh_from_db()
    with pytest.raises(StaleEdit):
        casework.help_refer(actor=world.lt, help_=request, family_agreed_on=TODAY, lt_agrees=True,
                            provider="Mijn aanbieder", version=opened_on)
    request.refresh_from_db()
    assert request.provider == "Jeugdhulp Delft" and request.status == HelpStatus.PROPOSED


def test_r220_stale_referral_page_keeps_the_typed_provider():
    world = make_world()
    request = _gi_request(world)
    colleague = _lt_colleague(world)
    url = f"/casussen/{world.case.pk}/hulp/{request.pk}/"
    form = client_for(world.lt).get(url).context["form"]
    opened = {"step": "refer", "version": form.initial["version"]}
    assert opened["version"] == request.version
    refer = {"family_agreed_on": TODAY.isoformat(), "lt_agrees": "on"}
    assert client_for(colleague).post(url, {**refer, "provider": "Jeugdhulp Delft", **opened}).status_code == 302
    response = client_for(world.lt).post(url, {**refer, "provider": "Gezinscoach De Brug", **opened})
    body = _refused(response, "Gezinscoach De Brug")
    assert "Het gezin stemde in op" in body  # the referral form again, not the next step's (confirmation)
    request.refresh_from_db()
    assert request.provider == "Jeugdhulp Delft" and request.lt_agreed_by == colleague
    # saving again on the refused form does not refer twice: the request is no longer open
    again = client_for(world.lt).post(url, {**refer, "provider": "Gezinscoach De Brug", "step": "refer",
                                            "version": response.context["form"].data["version"]})
    assert again.status_code == 200 and "verzoek van de GI" in again.content.decode()
    request.refresh_from_db()
    assert request.provider == "Jeugdhulp Delft"


def test_r680_confirming_help_twice_is_refused_unversioned():
    """help_confirm is not versioned (a choice of meeting, nothing typed): only proposed help is confirmed."""
    from gezinsplan.collaboration.models import MeetingParticipant
    from tests.collaboration.factories import MeetingFactory

    world = make_world()
    proposal = casework.help_propose(actor=world.lt, case=world.case, domain="youth_care", description="Training")
    mdo = MeetingFactory(case=world.case, kind="case_discussion", planned_on=TODAY, held_on=TODAY)
    for role in (Role.BEHAVIOURAL_SCIENTIST, Role.TEAM_LEAD):
        MeetingParticipant.objects.create(family=world.case.family, meeting=mdo, category="professional",
                                          user=UserFactory(role=role, organisation=world.lt.organisation),
                                          attendance="present")
    url = f"/casussen/{world.case.pk}/hulp/{proposal.pk}/"
    assert client_for(world.lt).post(url, {"step": "confirm", "meeting": mdo.pk}).status_code == 302
    with pytest.raises(ValidationError, match="Alleen voorgestelde hulp"):
        casework.help_confirm(actor=world.lt, help_=proposal, meeting=mdo)  # the stale object, refused on the row
    second = client_for(_lt_colleague(world)).post(url, {"step": "confirm", "meeting": mdo.pk})
    assert second.status_code == 200 and "Alleen voorgestelde hulp" in second.content.decode()


# --- evaluation for an OTS extension (R540) -----------------------------------------------------------------------


def _evaluation(world):
    complete_handover(world, giver=world.lt, receiver=world.gi)
    measure = products.measure_record(actor=world.gi, case=world.refresh(), child=world.children[0], kind="ots",
                                      pronounced_on=START, starts_on=START, ends_on=START + dt.timedelta(days=365))
    evaluation = casework.evaluation_write(actor=world.gi, measure=measure, evaluation="Doelen deels bereikt",
                                           not_good_enough="Moeder nog niet stabiel")
    return measure, evaluation


def test_r540_stale_review_refused_in_the_service():
    world = make_world()
    _measure, evaluation = _evaluation(world)
    first, second = team_lead_for(world), team_lead_for(world)
    opened_on = evaluation.version
    casework.evaluation_review(actor=first, evaluation=evaluation, comment="Akkoord", on=TODAY, version=opened_on)
    evaluation.refresh_from_db()
    with pytest.raises(StaleEdit):
        casework.evaluation_review(actor=second, evaluation=evaluation, comment="Mijn commentaar", on=TODAY,
                                   version=opened_on)
    evaluation.refresh_from_db()
    assert evaluation.review_comment == "Akkoord" and evaluation.reviewed_by == first


def test_r540_stale_review_page_keeps_the_typed_comment():
    world = make_world()
    measure, evaluation = _evaluation(world)
    first, second = team_lead_for(world), team_lead_for(world)
    url = f"/casussen/{world.case.pk}/maatregelen/{measure.pk}/evaluatie/"
    opened = client_for(second).get(url).context["form"].initial
    assert opened == {"evaluation_id": evaluation.pk, "version": evaluation.version}
    assert client_for(first).post(url, {"step": "review", "comment": "Akkoord", **opened}).status_code == 302
    response = client_for(second).post(url, {"step": "review", "comment": "Onderbouw de terugval beter", **opened})
    body = _refused(response, "Onderbouw de terugval beter")
    assert "Commentaar van de leidinggevende" in body  # the review form again, not the submit form
    evaluation.refresh_from_db()
    assert evaluation.review_comment == "Akkoord" and evaluation.reviewed_by == first


def test_r540_a_review_after_submission_and_a_second_submission_are_refused():
    world = make_world()
    _measure, evaluation = _evaluation(world)
    evaluation = casework.evaluation_review(actor=team_lead_for(world), evaluation=evaluation, comment="Akkoord",
                                            on=TODAY, version=evaluation.version)
    casework.evaluation_submit(actor=world.gi, evaluation=evaluation, on=TODAY)
    with pytest.raises(ValidationError, match="al ingediend"):
        casework.evaluation_submit(actor=world.gi, evaluation=evaluation, on=TODAY + dt.timedelta(days=1))
    evaluation.refresh_from_db()
    with pytest.raises(ValidationError, match="al ingediend"):
        casework.evaluation_review(actor=team_lead_for(world), evaluation=evaluation, comment="Toch niet",
                                   on=TODAY, version=evaluation.version)
    evaluation.refresh_from_db()
    assert evaluation.submitted_on == TODAY and evaluation.review_comment == "Akkoord"


# --- urgent request outcome (R255) and divorce approach (R694): services without a page ----------------------------


def test_r255_stale_urgent_request_outcome_refused_in_the_service():
    world = make_world()
    request = casework.urgent_request_submit(actor=world.gi, case=world.case, child=world.children[0],
                                             submitted_on=TODAY - dt.timedelta(days=2), grounds="Acuut onveilig")
    opened_on = request.version
    casework.urgent_request_outcome(actor=world.gi, request=request, council_followed=True, council_on=TODAY,
                                    court_decision="VOTS toegewezen", court_decided_on=TODAY, version=opened_on)
    request.refresh_from_db()
    with pytest.raises(StaleEdit):
        casework.urgent_request_outcome(actor=world.gi, request=request, council_followed=False, council_on=TODAY,
                                        court_decision="Afgewezen", court_decided_on=TODAY, version=opened_on)
    request.refresh_from_db()
    assert request.court_decision == "VOTS toegewezen" and request.council_followed is True


def test_r694_stale_divorce_approach_refused_in_the_service():
    world = make_world()
    first = casework.divorce_approach_save(actor=world.gi, case=world.case, version=None, problems="Strijd")
    with pytest.raises(StaleEdit):  # the user opened the form before the approach existed
        casework.divorce_approach_save(actor=world.gi, case=world.case, version=None, problems="Mijn probleem")
    casework.divorce_approach_save(actor=world.gi, case=world.case, version=first.version, problems="Strijd om omgang")
    with pytest.raises(StaleEdit):
        casework.divorce_approach_save(actor=world.gi, case=world.case, version=first.version, problems="Mijn tekst")
    assert DivorceApproach.objects.get(case=world.case).problems == "Strijd om omgang"


# --- closing the case: the closure row rides on the case's version (R583) ------------------------------------------


def test_r583_stale_close_refused_before_anything_is_written():
    world = make_world()
    opened_on = world.refresh().version
    services.case_update(actor=world.lt, case=world.case, version=opened_on, reason="Nieuwe aanleiding")
    with pytest.raises(StaleEdit):
        services.case_close(actor=world.lt, case=world.refresh(), version=opened_on, closed_on=TODAY,
                            closing_reason="Mijn reden", closure=closure())
    case = world.refresh()
    assert case.status == "open" and not CaseClosure.objects.filter(case=case).exists()
    assert not case.involvements.filter(end_date__isnull=False).exists()


def test_r583_stale_close_page_keeps_the_typed_handover():
    world = make_world()
    url = f"/casussen/{world.case.pk}/afsluiten/"
    opened = client_for(world.lt).get(url).context["form"].initial
    assert opened["version"] == world.refresh().version
    services.case_update(actor=_lt_colleague(world), case=world.case, version=opened["version"],
                         reason="Nieuwe aanleiding")
    response = client_for(world.lt).post(url, {
        "closed_on": TODAY.isoformat(), "closing_reason": "Gezin redt het zelf", "kind": "other",
        "next_providers": "Huisarts en buurtteam Oost", "documents": "Gezinsplan",
        "family_took_part_on": TODAY.isoformat(), "family_present": "moeder", "version": opened["version"]})
    _refused(response, "Huisarts en buurtteam Oost")
    case = world.refresh()
    assert case.status == "open" and not CaseClosure.objects.filter(case=case).exists()


# --- unversioned one-way steps ---------------------------------------------------------------------------------


def test_a_task_marked_done_twice_keeps_the_first():
    """task_done is not versioned (nothing typed): the second 'done' is refused on the locked row."""
    world = make_world()
    casework.status_set(actor=world.lt, case=world.case, cooperation_sufficient=False, pattern_breaking=None)
    task = world.case.tasks.get(kind=TaskKind.WEIGH_ESCALATION)
    casework.task_done(actor=world.lt, task=task, on=TODAY)
    with pytest.raises(ValidationError, match="al afgerond"):
        casework.task_done(actor=_lt_colleague(world), task=task, on=TODAY)  # the object as the colleague loaded it
    task.refresh_from_db()
    assert task.done_by == world.lt
