"""The method around a case (seeds 000-004): contact person, contacts and visits, status indicators, events,
help for every member, the assurance plan, patterns broken, closure, and the measure-side records.

Every function is a use case: keyword-only arguments, the policy first, a Dutch refusal when a rule forbids it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases.models import (
    VISIT_KINDS,
    Case,
    CaseClosure,
    CaseContact,
    CaseContactPerson,
    CaseEvent,
    CaseEventKind,
    CaseTask,
    ChildMeasure,
    ClosingKind,
    ContactKind,
    ContactPersonChange,
    CouncilReport,
    DivorceApproach,
    ExtensionEvaluation,
    Help,
    HelpDomain,
    HelpStatus,
    JointWork,
    JointWorkType,
    JudgedBy,
    MeasureKind,
    Offence,
    Phase,
    PhaseTaskCheck,
    PlanDecision,
    PreventiveAgreement,
    ProductKind,
    SiblingPreventive,
    TaskKind,
    UrgentRequest,
    WorkPhase,
    WorkPhaseLabels,
)
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import StaleEdit, create_record, refuse_stale, update_record
from gezinsplan.families.models import FamilyRole, Person


def method(key: str, default):
    return settings.GEZINSPLAN_METHOD.get(key, default)


def _require_edit(actor, case: Case) -> None:
    policy.require(actor, Action.EDIT_CASE, grant=policy.family_grant(actor, case.family))


def _require_view(actor, case: Case) -> None:
    policy.require(actor, Action.VIEW_CASE, grant=policy.family_grant(actor, case.family))


def _org_type(user):
    return getattr(getattr(user, "organisation", None), "type", None)


def _not_future(day: date | None, field: str, errors: dict, text: str) -> None:
    if day is not None and day > policy.today():
        errors[field] = text


def _member(person: Person | None, case: Case, role: str | None = None) -> bool:
    return person is not None and person.family_id == case.family_id and (role is None or person.family_role == role)


def _task(*, actor, case: Case, kind: str, due_on: date, rule_id: str, note: str = "") -> CaseTask:
    existing = case.tasks.filter(kind=kind, done_on__isnull=True, removed_at__isnull=True).first()
    if existing is not None:
        return existing
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=CaseTask(case=case, kind=kind, due_on=due_on, rule_id=rule_id, note=note),
    )


@transaction.atomic
def task_done(*, actor, task: CaseTask, on: date) -> CaseTask:
    """Not versioned: marking done is a one-way step with nothing typed; a second 'done' is refused here."""
    _require_edit(actor, task.case)
    task = CaseTask.objects.select_for_update().select_related("case").get(pk=task.pk)
    if task.done_on is not None:
        raise ValidationError(_("Deze taak is al afgerond."))
    if on < task.created_at.date():
        raise ValidationError({"done_on": _("De taak kan niet zijn afgerond vóór ze ontstond.")})
    return update_record(
        actor=actor,
        instance=task,
        version=None,
        family_id=task.case.family_id,
        values={"done_on": on, "done_by": actor},
    )


# --- Fixed contact person (R264, R265, R674) --------------------------------------------------------------------


def current_contact_person(case: Case) -> CaseContactPerson | None:
    return case.contact_persons.filter(removed_at__isnull=True, end_date__isnull=True).select_related("user").first()


@transaction.atomic
def contact_person_assign(*, actor, case: Case, user, on: date, reason: str, note: str = "",
                          version: int | None = None, current_id=None) -> CaseContactPerson:
    """R264: one fixed contact person at a time, changes dated. R674: a change of worker is normal only when the
    working relationship broke down; any other reason is recorded as an exception with a note. R265: a change on a
    case with an explanatory analysis creates the task to revisit the timeline and analysis with the family."""
    _require_edit(actor, case)
    errors = {}
    if _org_type(user) != OrganisationType.LOCAL_TEAM:
        errors["user"] = _("De vaste contactpersoon is een professional van het lokaal team.")
    if reason not in ContactPersonChange.values:
        errors["reason"] = _("Kies een reden.")
    current = current_contact_person(case)
    if version is not None and (current is None or str(current.pk) != str(current_id or "")):
        # someone else assigned a contact person since the form was opened
        raise StaleEdit(changed={}, current_version=current.version if current else 0)
    if current is not None and current.user_id == user.pk:
        errors["user"] = _("Deze professional is al de vaste contactpersoon.")
    if current is None and reason != ContactPersonChange.REGISTRATION and not case.contact_persons.exists():
        reason = ContactPersonChange.REGISTRATION
    if current is not None and reason == ContactPersonChange.REGISTRATION:
        errors["reason"] = _("Er is al een vaste contactpersoon; kies de reden van de wisseling.")
    exception = current is not None and reason != ContactPersonChange.RELATIONSHIP_BROKEN
    if exception and not note.strip():
        errors["note"] = _("Een andere medewerker alleen als de werkrelatie verstoord is; licht deze uitzondering toe.")
    if current is not None and on < current.start_date:
        errors["start_date"] = _("De wisseling ligt vóór de start van de huidige contactpersoon.")
    if errors:
        raise ValidationError(errors)
    if current is not None:
        update_record(
            actor=actor,
            instance=current,
            version=version,  # the current contact person's row as the form showed it
            family_id=case.family_id,
            values={"end_date": max(on - timedelta(days=1), current.start_date)},
        )
        from gezinsplan.analysis.models import FamilyAnalysis

        if FamilyAnalysis.objects.filter(family_id=case.family_id).exists():
            _task(
                actor=actor,
                case=case,
                kind=TaskKind.REVISIT_ANALYSIS,
                rule_id="R265",
                due_on=on + timedelta(days=method("revisit_after_change_days", 14)),
                note=_("Nieuwe vaste contactpersoon: %(name)s") % {"name": user},
            )
    row = CaseContactPerson(
        case=case, user=user, start_date=on, change_reason=reason, reason_note=note, is_exception=exception
    )
    return create_record(actor=actor, family_id=case.family_id, instance=row)


# --- Contacts and visits (R517, R543, R309, R588) -------------------------------------------------------------


@transaction.atomic
def contact_record(
    *,
    actor,
    case: Case,
    kind: str,
    held_on: date,
    safety_score: int | None = None,
    summary: str = "",
    child: Person | None = None,
    parent: Person | None = None,
    supervisor=None,
    observation: str = "",
    clarity_checked: bool = False,
    clarity_note: str = "",
) -> CaseContact:
    """Every contact carries a safety score (R531); a supervised visit names child, parent, supervisor and what
    was observed (R543). There is no maximum number of contacts or conversations (R341)."""
    _require_edit(actor, case)
    errors = {}
    _not_future(held_on, "held_on", errors, _("Een contact legt u vast als het is geweest."))
    if safety_score is None:
        errors["safety_score"] = _("Geef bij elk contact een veiligheidsscore van 1 tot 10.")
    if kind == ContactKind.SUPERVISED_VISIT:
        if not _member(child, case, FamilyRole.CHILD):
            errors["child"] = _("Kies het kind van dit gezin dat op bezoek was.")
        if not _member(parent, case) or parent.family_role == FamilyRole.CHILD:
            errors["parent"] = _("Kies de ouder van dit gezin die op bezoek kwam.")
        if supervisor is None:
            errors["supervisor"] = _("Vul in wie het bezoek begeleidde.")
        if not observation.strip():
            errors["observation"] = _("Beschrijf wat u zag in de interactie tussen kind en ouder.")
    if clarity_checked is False and clarity_note.strip():
        errors["clarity_checked"] = _("Vink aan dat u heeft nagevraagd of afspraken en doel helder zijn.")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=CaseContact(
            case=case,
            kind=kind,
            held_on=held_on,
            by_user=actor,
            safety_score=safety_score,
            summary=summary,
            child=child,
            parent=parent,
            supervisor=supervisor,
            observation=observation,
            clarity_checked=clarity_checked,
            clarity_note=clarity_note,
        ),
    )


PLAN_REVIEW_STEPS = (
    ("concerns", gettext_lazy("Zorgen nagelopen")),
    ("strengths", gettext_lazy("Krachten nagelopen")),
    ("goals", gettext_lazy("Doelen nagelopen")),
)


@transaction.atomic
def contact_plan_update(
    *, actor, contact: CaseContact, reviewed: dict, version: int, note: str = "", on: date | None = None
) -> CaseContact:
    """R588: right after a visit the plan is brought up to date: the safety score (recorded with the visit) first,
    then concerns, strengths and goals confirmed unchanged or edited. `version`: the contact the form showed."""
    _require_edit(actor, contact.case)
    refuse_stale(contact, version)
    missing = [str(label) for key, label in PLAN_REVIEW_STEPS if not reviewed.get(key)]
    if missing:
        raise ValidationError(_("Loop na het bezoek alles na: nog open: %(items)s.") % {"items": ", ".join(missing)})
    return update_record(
        actor=actor,
        instance=contact,
        version=version,
        family_id=contact.case.family_id,
        values={"plan_updated_on": on or policy.today(), "plan_update_note": note},
    )


@transaction.atomic
def contact_feedback(*, actor, contact: CaseContact, feedback: str, version: int) -> CaseContact:
    """R680: the team leader (supervisor) reads the worker's case notes and adds feedback. `version`: the contact
    the form showed, so feedback written meanwhile is not overwritten."""
    _require_view(actor, contact.case)
    refuse_stale(contact, version)
    if actor.role != Role.TEAM_LEAD:
        raise ValidationError(_("Feedback op het verslag geeft de leidinggevende (teamleider)."))
    if not feedback.strip():
        raise ValidationError({"feedback": _("Schrijf uw feedback.")})
    return update_record(
        actor=actor,
        instance=contact,
        version=version,
        family_id=contact.case.family_id,
        values={"feedback": feedback, "feedback_by": actor},
    )


@dataclass(frozen=True)
class HomeVisit:
    """R517: the first home visit within a week of the registration."""

    deadline: date | None
    done_on: date | None
    today: date

    @property
    def days_left(self) -> int | None:
        return None if self.deadline is None else (self.deadline - self.today).days

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.done_on is None and self.today > self.deadline

    @property
    def late(self) -> bool:
        return self.deadline is not None and self.done_on is not None and self.done_on > self.deadline


def home_visit_status(case: Case, *, contacts=None, today: date | None = None) -> HomeVisit:
    today = today or policy.today()
    registered = case.registered_on or case.opened_on
    deadline = registered + timedelta(days=method("home_visit_days", 7))
    rows = contacts if contacts is not None else case.contacts.filter(removed_at__isnull=True)
    visits = [c.held_on for c in rows if c.kind == ContactKind.HOME_VISIT and c.removed_at is None]
    return HomeVisit(deadline=deadline, done_on=min(visits) if visits else None, today=today)


# --- Status indicators and events (R027, R530) -----------------------------------------------------------------


@transaction.atomic
def status_set(
    *, actor, case: Case, cooperation_sufficient: bool | None, pattern_breaking: bool | None, on: date | None = None,
    version: int | None = None,
) -> Case:
    """R027: setting 'cooperation insufficient' creates the task to weigh escalation to the JBT."""
    _require_edit(actor, case)
    was = case.cooperation_sufficient
    case = update_record(
        actor=actor,
        instance=case,
        version=version,
        family_id=case.family_id,
        values={"cooperation_sufficient": cooperation_sufficient, "pattern_breaking": pattern_breaking},
    )
    if cooperation_sufficient is False and was is not False:
        day = on or policy.today()
        _task(
            actor=actor,
            case=case,
            kind=TaskKind.WEIGH_ESCALATION,
            rule_id="R027",
            due_on=day + timedelta(days=7),
            note=_("Onvoldoende medewerking aan hulp"),
        )
    return case


@dataclass(frozen=True)
class StatusIndicators:
    direct_safety: bool | None
    stable_safety: bool
    cooperation_sufficient: bool | None
    safety_holder: str
    pattern_breaking: bool | None


def status_indicators(case: Case, *, ctx=None) -> StatusIndicators:
    """R027: the figure-3 indicators of the voluntary phases on the case dashboard; stable safety is the safety
    app's latest 'good enough' judgement (R578). `ctx`: the case page's `cases.context.CaseContext`."""
    from gezinsplan.cases.responsibility import case_responsibility
    from gezinsplan.safety.checks import lasting_safety_good_enough
    from gezinsplan.safety.selectors import SIX, latest_professional_score

    score = latest_professional_score(case, ctx=ctx)
    return StatusIndicators(
        direct_safety=None if score is None else score >= SIX,
        stable_safety=lasting_safety_good_enough(case, ctx=ctx),
        cooperation_sufficient=case.cooperation_sufficient,
        safety_holder=str(case_responsibility(case).safety.label),
        pattern_breaking=case.pattern_breaking,
    )


@transaction.atomic
def event_record(
    *,
    actor,
    case: Case,
    kind: str,
    occurred_on: date,
    description: str,
    follow_up: str = "",
    responsible=None,
    follow_up_on: date | None = None,
) -> CaseEvent:
    """R530: relapse and stagnation are recorded; stagnation needs a follow-up (another solution or escalation)
    with who and by when. R027: a new signal creates the task to weigh escalation to the JBT."""
    _require_edit(actor, case)
    errors = {}
    _not_future(occurred_on, "occurred_on", errors, _("De datum ligt in de toekomst."))
    if not description.strip():
        errors["description"] = _("Beschrijf wat er gebeurde.")
    if kind == CaseEventKind.STAGNATION:
        if not follow_up:
            errors["follow_up"] = _("Kies bij stagnatie het vervolg: een andere oplossing of opschalen.")
        if responsible is None:
            errors["responsible"] = _("Wie is verantwoordelijk voor het vervolg?")
        if follow_up_on is None:
            errors["follow_up_on"] = _("Vóór wanneer gebeurt het vervolg?")
        elif follow_up_on < occurred_on:
            errors["follow_up_on"] = _("Het vervolg ligt vóór de stagnatie.")
    if errors:
        raise ValidationError(errors)
    event = create_record(
        actor=actor,
        family_id=case.family_id,
        instance=CaseEvent(
            case=case,
            kind=kind,
            occurred_on=occurred_on,
            description=description,
            follow_up=follow_up,
            responsible=responsible,
            follow_up_on=follow_up_on,
        ),
    )
    if kind == CaseEventKind.NEW_SIGNAL:
        _task(
            actor=actor,
            case=case,
            kind=TaskKind.WEIGH_ESCALATION,
            rule_id="R027",
            due_on=occurred_on + timedelta(days=7),
            note=_("Nieuw signaal"),
        )
    return event


# --- Help for every member (R303, R317, R680, R021, R220) -------------------------------------------------------


def _active_2b(case: Case, on: date | None = None) -> bool:
    from gezinsplan.cases.responsibility import active_products

    return case.phase == Phase.LT_GI and ProductKind.P2B in active_products(case, on=on)


@transaction.atomic
def help_propose(
    *, actor, case: Case, domain: str, description: str, person: Person | None = None, provider: str = ""
) -> Help:
    """Help for the child, a parent's own problem or the whole family, in youth care, adult care or another domain
    (R303, R317). Under product 2b the LT deploys youth care only on the GI's request (R021, R220)."""
    _require_edit(actor, case)
    errors = {}
    if person is not None and not _member(person, case):
        errors["person"] = _("Kies een lid van dit gezin.")
    if not description.strip():
        errors["description"] = _("Beschrijf de hulp.")
    if domain == HelpDomain.YOUTH_CARE and _active_2b(case) and _org_type(actor) == OrganisationType.LOCAL_TEAM:
        errors["domain"] = _(
            "Tijdens product 2b zet het lokaal team jeugdhulp alleen in op verzoek van de GI, met "
            "instemming van het gezin en het lokaal team: gebruik het verzoek van de GI."
        )
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=Help(
            case=case, person=person, domain=domain, description=description, provider=provider, proposed_by=actor
        ),
    )


@transaction.atomic
def help_request_youth_care(*, actor, case: Case, description: str, on: date, person: Person | None = None) -> Help:
    """R220: during 2b a GI professional asks the LT to deploy youth care."""
    _require_view(actor, case)
    if _org_type(actor) != OrganisationType.GI:
        raise ValidationError(_("Alleen de GI vraagt tijdens product 2b om inzet van jeugdhulp."))
    if not _active_2b(case, on):
        raise ValidationError(_("Een verzoek om jeugdhulp door de GI hoort bij een lopend product 2b."))
    if person is not None and not _member(person, case):
        raise ValidationError({"person": _("Kies een lid van dit gezin.")})
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=Help(
            case=case,
            person=person,
            domain=HelpDomain.YOUTH_CARE,
            description=description,
            status=HelpStatus.REQUESTED,
            gi_request_by=actor,
            gi_request_on=on,
        ),
    )


@transaction.atomic
def help_refer(*, actor, help_: Help, family_agreed_on: date | None, lt_agrees: bool, version: int,
               provider: str = "") -> Help:
    """R021/R220: the LT creates the referral on the GI request only with the agreement of the family and the LT.
    `version`: the request the form showed (a colleague may have referred it meanwhile)."""
    _require_edit(actor, help_.case)
    refuse_stale(help_, version)
    errors = {}
    if _org_type(actor) != OrganisationType.LOCAL_TEAM:
        errors["__all__"] = _("De verwijzing naar jeugdhulp maakt het lokaal team.")
    if help_.status != HelpStatus.REQUESTED or help_.gi_request_by_id is None:
        errors["__all__"] = _("Deze verwijzing hoort bij een verzoek van de GI.")
    if family_agreed_on is None:
        errors["family_agreed_on"] = _("Leg vast wanneer het gezin instemde.")
    elif family_agreed_on > policy.today():
        errors["family_agreed_on"] = _("De instemming kan niet in de toekomst liggen.")
    if not lt_agrees:
        errors["lt_agrees"] = _("Het lokaal team moet instemmen met de inzet.")
    if errors:
        raise ValidationError(errors)
    return update_record(
        actor=actor,
        instance=help_,
        version=version,
        family_id=help_.case.family_id,
        values={
            "status": HelpStatus.PROPOSED,
            "family_agreed_on": family_agreed_on,
            "lt_agreed_by": actor,
            "provider": provider or help_.provider,
            "proposed_by": actor,
        },
    )


@transaction.atomic
def help_confirm(*, actor, help_: Help, meeting) -> Help:
    """R680: proposed help is confirmed only in the (weekly) multidisciplinary case discussion, held, with a
    behavioural expert and the team manager present. Not versioned: nothing typed, and only proposed help is
    confirmed (checked on the locked row), so a second confirmation is refused."""
    from gezinsplan.collaboration.models import Attendance, MeetingKind

    _require_edit(actor, help_.case)
    help_ = Help.objects.select_for_update().select_related("case").get(pk=help_.pk)
    if help_.status != HelpStatus.PROPOSED:
        raise ValidationError(_("Alleen voorgestelde hulp kan worden bekrachtigd."))
    if meeting.case_id != help_.case_id or meeting.kind != MeetingKind.CASE_DISCUSSION or meeting.held_on is None:
        raise ValidationError(_("Hulp wordt bekrachtigd in een gehouden casuïstiekbespreking (MDO) van deze casus."))
    roles = set(
        meeting.participants.filter(
            attendance=Attendance.PRESENT, user__isnull=False, removed_at__isnull=True
        ).values_list("user__role", flat=True)
    )
    missing = []
    if Role.BEHAVIOURAL_SCIENTIST not in roles:
        missing.append(_("een gedragswetenschapper"))
    if Role.TEAM_LEAD not in roles:
        missing.append(_("de teammanager"))
    if missing:
        raise ValidationError(_("Bij het bekrachtigen moeten aanwezig zijn: %(who)s.") % {"who": " en ".join(missing)})
    return update_record(
        actor=actor,
        instance=help_,
        version=None,
        family_id=help_.case.family_id,
        values={"status": HelpStatus.CONFIRMED, "confirmed_in": meeting, "started_on": meeting.held_on},
    )


# --- Plan with the family (R308, R310) ---------------------------------------------------------------------------


@transaction.atomic
def refusal_explained(*, actor, case: Case, on: date, how: str, version: int) -> Case:
    """R310: at the start the family is told what refusing offered help can lead to (JBT, council investigation).
    `version`: the case the form showed."""
    _require_edit(actor, case)
    refuse_stale(case, version)
    errors = {}
    _not_future(on, "refusal_explained_on", errors, _("De datum ligt in de toekomst."))
    if not how.strip():
        errors["refusal_explained_how"] = _("Leg vast hoe het gezin is geïnformeerd.")
    if errors:
        raise ValidationError(errors)
    return update_record(
        actor=actor,
        instance=case,
        version=version,
        family_id=case.family_id,
        values={"refusal_explained_on": on, "refusal_explained_how": how},
    )


@transaction.atomic
def plan_agree(*, actor, case: Case, decided_on: date, members: str, family_input: str) -> PlanDecision:
    """R308: the plan moves from draft to agreed only with the family's recorded participation; R310: and after
    the family was told what refusing help leads to."""
    _require_edit(actor, case)
    errors = {}
    if not case.refusal_explained_on:
        errors["__all__"] = _("Leg eerst vast dat het gezin weet wat het niet aanvaarden van hulp kan betekenen.")
    if not members.strip():
        errors["members"] = _("Wie van het gezin besliste mee? Het plan wordt met het gezin gemaakt, niet ervoor.")
    if not family_input.strip():
        errors["family_input"] = _("Leg de inbreng van het gezin vast.")
    _not_future(decided_on, "decided_on", errors, _("De datum ligt in de toekomst."))
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=PlanDecision(case=case, decided_on=decided_on, members=members, family_input=family_input),
    )


def plan_status(case: Case, decisions=None) -> str:
    rows = decisions if decisions is not None else list(case.plan_decisions.filter(removed_at__isnull=True))
    return str(_("afgesproken met het gezin")) if rows else str(_("concept"))


# --- End state, work phases (R566, R511, R682); assurance plan and patterns: analysis ----------------------------


@transaction.atomic
def end_state_realised(*, actor, case: Case, on: date) -> Case:
    """R566: the feasible end state marked realised: the move to phase 3 (securing the results) opens."""
    from gezinsplan.analysis.models import FamilyAnalysis

    _require_edit(actor, case)
    analysis = FamilyAnalysis.objects.filter(family_id=case.family_id).first()
    if analysis is None or not analysis.has_end_situation:
        raise ValidationError(_("Beschrijf eerst de haalbare eindsituatie in de verklarende analyse."))
    if on > policy.today():
        raise ValidationError({"end_state_realised_on": _("De datum ligt in de toekomst.")})
    case.end_state_realised_on = on
    case.version += 1
    case.save(update_fields=["end_state_realised_on", "version", "updated_at"])
    return case


def secure_phase_blockers(case: Case) -> list[str]:
    """What keeps a case from phase 3 in the case itself (R566). Every case type passes the FFP phases in order
    (R511). The patterns broken (R535) are the analysis app's `work_phase_check`."""
    from gezinsplan.analysis.models import FamilyAnalysis

    problems = []
    analysis = FamilyAnalysis.objects.filter(family_id=case.family_id).first()
    if analysis is not None and analysis.has_end_situation and not case.end_state_realised_on:
        problems.append(_("Markeer eerst de haalbare eindsituatie als gerealiseerd."))
    return problems


def entering_end_phase(*, actor, case: Case, on: date) -> None:
    """R046: a measure case that reached the GI without the LT is registered with the LT at the start of the
    end phase: a mandatory task."""
    from gezinsplan.cases.responsibility import PARTY_ORGANISATION_TYPE, Party

    if case.phase != Phase.MEASURE:
        return
    if case.involvements.filter(organisation__type=PARTY_ORGANISATION_TYPE[Party.LT], removed_at__isnull=True).exists():
        return
    _task(
        actor=actor,
        case=case,
        kind=TaskKind.REGISTER_LT,
        rule_id="R046",
        due_on=on + timedelta(days=14),
        note=_("Binnengekomen via %(source)s, niet bekend bij het lokaal team")
        % {"source": case.get_intake_source_display()},
    )


def work_phase_label(phase: int, *, organisation=None, labels: WorkPhaseLabels | None = None) -> str:
    """Issue 4 item 6, R682: the organisation's own names for the three work phases."""
    if labels is None and organisation is not None:
        labels = WorkPhaseLabels.objects.filter(organisation=organisation).first()
    return labels.label(phase) if labels is not None else str(WorkPhase(phase).label)


@transaction.atomic
def work_phase_labels_set(*, actor, phase_1: str, phase_2: str, phase_3: str) -> WorkPhaseLabels:
    if actor.role not in {Role.TEAM_LEAD, Role.FUNCTIONAL_ADMIN} or actor.organisation_id is None:
        raise ValidationError(
            _("Alleen een teamleider of functioneel beheerder van een organisatie stelt de namen van de werkfasen in.")
        )
    if not all(v.strip() for v in (phase_1, phase_2, phase_3)):
        raise ValidationError(_("Geef alle drie de fasen een naam."))
    labels, _created = WorkPhaseLabels.objects.update_or_create(
        organisation=actor.organisation, defaults={"phase_1": phase_1, "phase_2": phase_2, "phase_3": phase_3}
    )
    return labels


# --- Tasks per collaboration phase (R047, R049) ------------------------------------------------------------------

_LT_SUPPORT = {
    "finances": gettext_lazy("Ondersteuning ouders: financiën"),
    "housing": gettext_lazy("Ondersteuning ouders: huisvesting"),
    "work": gettext_lazy("Ondersteuning ouders: werk en dagbesteding"),
    "mental_health": gettext_lazy("Ondersteuning ouders: ggz"),
}
_LT_OWN = {
    "safety_risk": gettext_lazy("Veiligheids- en risicotaxatie"),
    "bottom_line": gettext_lazy("Bodemeisen"),
    "network_meeting": gettext_lazy("Netwerkberaad plannen"),
    "children_spoken": gettext_lazy("Alle kinderen in het gezin gesproken"),
    "extended_analysis": gettext_lazy("Uitgebreide probleemanalyse (na weging en besluit team)"),
    **_LT_SUPPORT,
}
PHASE_TASKS: dict[tuple[str, str], dict[str, str]] = {
    (Phase.LT, "lt"): _LT_OWN,  # R047: phase 1
    (Phase.LT_AFTER, "lt"): _LT_OWN,  # R047: phase 4
    (Phase.MEASURE, "gi"): {  # R049: phase 3
        "safety_risk": gettext_lazy("Veiligheids- en risicotaxatie"),
        "bottom_line": gettext_lazy("Bodemeisen"),
        "legal": gettext_lazy("Juridische procedures"),
        "placement": gettext_lazy("Plaatsing (MUHP, uithuisplaatsing)"),
        "network_meeting": gettext_lazy("Netwerkberaad plannen"),
        "youth_care": gettext_lazy("Jeugdhulp bepalen"),
        "children_spoken": gettext_lazy("Alle kinderen gesproken"),
    },
    (Phase.MEASURE, "lt"): _LT_SUPPORT,  # R049
}


def phase_tasks(case: Case, checks=None) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """The checklists of the current phase per party: (party, label, [(key, label, done)])."""
    rows = checks if checks is not None else list(case.phase_task_checks.all())
    done = {(c.party, c.item) for c in rows if c.phase == case.phase and c.done}
    result = []
    for (phase, party), items in PHASE_TASKS.items():
        if phase == case.phase:
            label = _("Lokaal team") if party == "lt" else _("Gecertificeerde instelling")
            result.append((party, label, [(k, str(v), (party, k) in done) for k, v in items.items()]))
    return result


@transaction.atomic
def phase_task_check(*, actor, case: Case, item: str, done: bool) -> PhaseTaskCheck:
    from gezinsplan.cases.responsibility import party_of
    from gezinsplan.safety.selectors import latest_weighing

    _require_view(actor, case)  # a party in the background still ticks its own tasks (R049)
    party = party_of(actor.organisation)
    items = PHASE_TASKS.get((case.phase, getattr(party, "value", "")), {})
    if item not in items:
        raise ValidationError(_("Deze taak hoort niet bij uw organisatie in deze fase."))
    if item == "extended_analysis" and done:
        weighing = latest_weighing(case)
        if weighing is None or weighing.extended_analysis != "yes":
            raise ValidationError(
                _("De uitgebreide probleemanalyse kan pas na de weging en het besluit van het team dat die nodig is.")
            )
    check, _created = PhaseTaskCheck.objects.update_or_create(
        case=case, phase=case.phase, party=party.value, item=item, defaults={"done": done, "checked_by": actor}
    )
    return check


# --- Closure (R131, R504, R513, R583) ----------------------------------------------------------------------------

END_STATE_DEFINITION = gettext_lazy(
    "De haalbare eindsituatie is de situatie waarin de veiligheid van de kinderen niet meer in het geding is en ook "
    "niet meer komt."
)


def closure_gaps(case: Case, closure: CaseClosure) -> list[str]:
    """R513/R131: the confirmations of the closure itself; the assurance plan (analysis) and the 'good enough'
    judgement (safety) come from the apps that hold them (`hooks.closure_content_check`, R044/R504/R513)."""
    from gezinsplan.cases import hooks

    gaps = []
    handing_over = closure.kind in {ClosingKind.END_STATE, ClosingKind.HANDED_OVER}
    if handing_over and not (closure.patterns_broken and closure.change_secured):  # R513
        gaps.append(_("bevestig dat de patronen zijn doorbroken en de verandering is geborgd"))
    if closure.kind == ClosingKind.END_STATE and not (closure.safety_not_at_stake and closure.not_expected_again):
        gaps.append(  # R131
            _("bevestig dat de veiligheid van de kinderen niet meer in het geding is en ook niet meer komt")
        )
    return gaps + hooks.closure_content_problems(case, kind=closure.kind)


def closure_prepare(*, actor, case: Case, closed_on: date, values: dict) -> CaseClosure:
    """R583: closing needs a handover record: the next provider(s), what was handed over, and that the family
    took part (date, who). The checks of R131/R504/R513 follow from the kind of closure. Only part of
    `services.case_close`, which refuses a stale close on the case's version first, so the closure row needs no
    version of its own."""
    errors = {}
    for field, text in (
        ("next_providers", _("Noem de vervolghulp (of 'geen', met reden).")),
        ("documents", _("Welke informatie is overgedragen?")),
        ("family_present", _("Wie van het gezin was bij de overdracht?")),
    ):
        if not str(values.get(field, "")).strip():
            errors[field] = text
    took_part = values.get("family_took_part_on")
    if took_part is None:
        errors["family_took_part_on"] = _("Wij dragen samen met het gezin over: vul de datum in.")
    elif took_part > closed_on:
        errors["family_took_part_on"] = _("De overdracht met het gezin ligt na de einddatum.")
    if values.get("kind") not in ClosingKind.values:
        errors["kind"] = _("Kies de soort afsluiting.")
    if errors:
        raise ValidationError(errors)
    fields = {k: values[k] for k in ("kind", "next_providers", "documents", "family_took_part_on", "family_present")}
    fields.update(
        {
            k: bool(values.get(k))
            for k in ("safety_not_at_stake", "not_expected_again", "patterns_broken", "change_secured")
        }
    )
    closure = CaseClosure.objects.filter(case=case).first()
    if closure is None:
        closure = CaseClosure(case=case, **fields)
    else:
        for key, value in fields.items():
            setattr(closure, key, value)
    gaps = closure_gaps(case, closure)
    if gaps:
        raise ValidationError(_("De casus kan nog niet worden afgesloten: %(gaps)s.") % {"gaps": "; ".join(gaps)})
    if closure._state.adding:
        return create_record(actor=actor, family_id=case.family_id, instance=closure)
    return update_record(
        actor=actor,
        instance=CaseClosure.objects.get(pk=closure.pk),
        version=None,
        values=fields,
        family_id=case.family_id,
    )


# --- Measures: youth probation, urgent requests, evaluations, council reports (R255, R506, R540, R593, R603) ----


@transaction.atomic
def offence_record(
    *,
    actor,
    case: Case,
    child: Person,
    kind: str,
    committed_on: date,
    judged_by: str = JudgedBy.NOT_JUDGED,
    judged_on: date | None = None,
    during_case: bool = False,
) -> Offence:
    _require_edit(actor, case)
    errors = {}
    if not _member(child, case, FamilyRole.CHILD):
        errors["child"] = _("Kies een kind van dit gezin.")
    _not_future(committed_on, "committed_on", errors, _("De datum ligt in de toekomst."))
    if judged_by != JudgedBy.NOT_JUDGED and judged_on is None:
        errors["judged_on"] = _("Wanneer beoordeelde de rechter het feit?")
    if judged_on and judged_on < committed_on:
        errors["judged_on"] = _("Het oordeel ligt vóór het feit.")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=Offence(
            case=case,
            child=child,
            kind=kind,
            committed_on=committed_on,
            judged_by=judged_by,
            judged_on=judged_on,
            during_case=during_case,
        ),
    )


def check_jr_offence(*, case: Case, child: Person, kind: str, offence: Offence | None) -> None:
    """R603: youth probation follows an offence judged as such by a criminal or juvenile court."""
    if kind != MeasureKind.JR:
        return
    if offence is None or offence.case_id != case.pk or offence.child_id != child.pk:
        raise ValidationError(
            {
                "offence": _(
                    "Jeugdreclassering vraagt een strafbaar feit van dit kind (bijvoorbeeld "
                    "schoolverzuim) dat door de straf- of kinderrechter is beoordeeld."
                )
            }
        )
    if offence.judged_by == JudgedBy.NOT_JUDGED:
        raise ValidationError(
            {
                "offence": _(
                    "Dit feit is nog niet door de straf- of kinderrechter beoordeeld; "
                    "zonder dat oordeel geen jeugdreclassering."
                )
            }
        )


def reoffending_goal_missing(case: Case, *, measures=None, offences=None) -> bool:
    """R506: with (past) criminal behaviour or a JR measure, the plan holds a goal on preventing new offences
    (a goal in the life domain 'justitiële contacten')."""
    from gezinsplan.analysis.models import Goal, LifeDomain

    measures = measures if measures is not None else list(case.measures.filter(removed_at__isnull=True))
    has_offences = offences if offences is not None else case.offences.filter(removed_at__isnull=True).exists()
    if not (has_offences or any(m.kind == MeasureKind.JR for m in measures)):
        return False
    return not Goal.objects.filter(family_id=case.family_id, life_domain=LifeDomain.JUSTICE).exists()


@transaction.atomic
def urgent_request_submit(
    *, actor, case: Case, child: Person, submitted_on: date, grounds: str, with_muhp: bool = False, author_lt=None
) -> UrgentRequest:
    """R255: a joint urgent request for a VOTS, optionally with MUHP, by the JB and the LT professional."""
    _require_view(actor, case)
    errors = {}
    if _org_type(actor) != OrganisationType.GI:
        errors["author_gi"] = _("Een spoedverzoek VOTS dient de jeugdbeschermer (GI) in.")
    if (
        author_lt is not None
        and not policy.active_involvements()
        .filter(case=case, user=author_lt, organisation__type=OrganisationType.LOCAL_TEAM)
        .exists()
    ):
        errors["author_lt"] = _("De medeauteur van het lokaal team moet bij de casus betrokken zijn.")
    if not _member(child, case, FamilyRole.CHILD):
        errors["child"] = _("Kies een kind van dit gezin.")
    if not grounds.strip():
        errors["grounds"] = _("Leg de gronden van het spoedverzoek vast.")
    _not_future(submitted_on, "submitted_on", errors, _("De datum ligt in de toekomst."))
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=UrgentRequest(
            case=case,
            child=child,
            with_muhp=with_muhp,
            submitted_on=submitted_on,
            grounds=grounds,
            author_gi=actor,
            author_lt=author_lt,
        ),
    )


@transaction.atomic
def urgent_request_outcome(
    *,
    actor,
    request: UrgentRequest,
    council_followed: bool | None,
    council_on: date | None,
    court_decision: str = "",
    court_decided_on: date | None = None,
    version: int,
) -> UrgentRequest:
    """The council's and the court's decisions on an urgent request. `version`: the request the user saw."""
    _require_edit(actor, request.case)
    refuse_stale(request, version)
    errors = {}
    if council_on and council_on < request.submitted_on:
        errors["council_on"] = _("Het besluit van de Raad ligt vóór het verzoek.")
    if court_decided_on and court_decided_on < request.submitted_on:
        errors["court_decided_on"] = _("De beslissing van de rechter ligt vóór het verzoek.")
    if court_decision.strip() and court_decided_on is None:
        errors["court_decided_on"] = _("Vul de datum van de beslissing in.")
    if errors:
        raise ValidationError(errors)
    return update_record(
        actor=actor,
        instance=request,
        version=version,
        family_id=request.case.family_id,
        values={
            "council_followed": council_followed,
            "council_on": council_on,
            "court_decision": court_decision,
            "court_decided_on": court_decided_on,
        },
    )


@transaction.atomic
def evaluation_write(*, actor, measure: ChildMeasure, evaluation: str, not_good_enough: str) -> ExtensionEvaluation:
    """R540: the written evaluation behind an OTS extension, with why home is not yet 'good enough'."""
    _require_edit(actor, measure.case)
    errors = {}
    if measure.kind not in {MeasureKind.OTS, MeasureKind.VOTS}:
        errors["__all__"] = _("Een evaluatie voor verlenging hoort bij een OTS.")
    if not evaluation.strip():
        errors["evaluation"] = _("Schrijf de evaluatie.")
    if not not_good_enough.strip():
        errors["not_good_enough"] = _("Leg vast waarom de situatie thuis nog niet goed genoeg is.")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=measure.case.family_id,
        instance=ExtensionEvaluation(
            measure=measure, written_by=actor, evaluation=evaluation, not_good_enough=not_good_enough
        ),
    )


@transaction.atomic
def evaluation_review(*, actor, evaluation: ExtensionEvaluation, comment: str, on: date,
                      version: int) -> ExtensionEvaluation:
    """R540: the team leader's review. `version`: the evaluation the form showed (another reviewer may have
    commented meanwhile)."""
    _require_view(actor, evaluation.measure.case)
    refuse_stale(evaluation, version)
    if evaluation.submitted_on is not None:
        raise ValidationError(_("Deze evaluatie is al ingediend bij de rechter; het commentaar wijzigt niet meer."))
    if actor.role != Role.TEAM_LEAD:
        raise ValidationError(_("De evaluatie wordt beoordeeld door de leidinggevende (teamleider)."))
    if not comment.strip():
        raise ValidationError({"review_comment": _("Geef uw commentaar op de evaluatie.")})
    return update_record(
        actor=actor,
        instance=evaluation,
        version=version,
        family_id=evaluation.measure.case.family_id,
        values={"reviewed_by": actor, "review_comment": comment, "reviewed_on": on},
    )


@transaction.atomic
def evaluation_submit(*, actor, evaluation: ExtensionEvaluation, on: date) -> ExtensionEvaluation:
    """Not versioned: only a date, and a one-way step checked on the locked row (reviewed, not yet submitted)."""
    _require_edit(actor, evaluation.measure.case)
    evaluation = ExtensionEvaluation.objects.select_for_update().select_related("measure__case").get(
        pk=evaluation.pk)
    if evaluation.submitted_on is not None:
        raise ValidationError(_("Deze evaluatie is al ingediend."))
    if evaluation.reviewed_by_id is None:
        raise ValidationError(
            _(
                "Het verzoek tot verlenging gaat pas naar de rechter als de leidinggevende de "
                "evaluatie heeft beoordeeld."
            )
        )
    return update_record(
        actor=actor,
        instance=evaluation,
        version=None,
        family_id=evaluation.measure.case.family_id,
        values={"submitted_on": on},
    )


def check_extension_evaluation(measure: ChildMeasure, decided_on: date) -> None:
    if measure.kind not in {MeasureKind.OTS, MeasureKind.VOTS}:
        return
    if not measure.evaluations.filter(
        removed_at__isnull=True, submitted_on__isnull=False, submitted_on__lte=decided_on
    ).exists():
        raise ValidationError(
            _(
                "Een verlenging van de OTS volgt op een schriftelijke evaluatie die de leidinggevende "
                "heeft beoordeeld en die is ingediend."
            )
        )


@transaction.atomic
def council_report_record(*, actor, case: Case, received_on: date, findings: str, reference: str = "") -> CouncilReport:
    """R593: the council's report is attached at intake as a source; the analysis can refer to its findings."""
    _require_edit(actor, case)
    errors = {}
    if not findings.strip():
        errors["findings"] = _("Vat de bevindingen uit het raadsrapport samen.")
    _not_future(received_on, "received_on", errors, _("De datum ligt in de toekomst."))
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=CouncilReport(case=case, received_on=received_on, findings=findings, reference=reference),
    )


# --- Divorce OTS (R694), GI-SKT joint work (R118), siblings in preventive framework (R695), split regie (R102) ----


@transaction.atomic
def divorce_approach_save(*, actor, case: Case, version: int | None, **values) -> DivorceApproach:
    """R694: the approach of a divorce OTS, one per case. `version`: that of the approach the user saw, or None
    when there was none yet (then one written meanwhile is not overwritten either)."""
    _require_edit(actor, case)
    approach = DivorceApproach.objects.select_for_update().filter(case=case).first()
    if approach is not None and version is None:  # written by someone else since the form was opened
        raise StaleEdit(changed={}, current_version=approach.version)
    if approach is not None:
        refuse_stale(approach, version)
    if (
        values.get("first_conversation_on")
        and not values.get("first_conversation_complete")
        and not str(values.get("safety_reason", "")).strip()
    ):
        raise ValidationError(
            {
                "safety_reason": _(
                    "Het eerste gesprek is met beide ouders en beide gezinsvoogden, "
                    "tenzij een veiligheidsreden dat verhindert: leg die vast."
                )
            }
        )
    if approach is None:
        return create_record(actor=actor, family_id=case.family_id, instance=DivorceApproach(case=case, **values))
    return update_record(actor=actor, instance=approach, version=version, values=values, family_id=case.family_id)


def divorce_gaps(case: Case) -> list[str]:
    """R694: what an OTS with core problem 'divorce' still lacks."""
    from gezinsplan.collaboration.models import ChildConversation, ParentsPresence

    if (
        not case.complex_divorce
        or not case.measures.filter(kind__in=[MeasureKind.OTS, MeasureKind.VOTS], removed_at__isnull=True).exists()
    ):
        return []
    gaps = []
    guardians = (
        policy.active_involvements()
        .filter(case=case, organisation__type=OrganisationType.GI, user__role=Role.GI_PROTECTOR)
        .count()
    )
    if guardians < 2:
        gaps.append(
            _("Een OTS bij een vechtscheiding wordt opgepakt door twee gezinsvoogden (nu %(n)s).") % {"n": guardians}
        )
    approach = DivorceApproach.objects.filter(case=case).first()
    if approach is None or not all(
        getattr(approach, f).strip() for f in ("problems", "interests", "parties", "legal_framework")
    ):
        gaps.append(_("Dossieranalyse bij de start: problemen, belangen, partijen en het volledige juridisch kader."))
    if approach is None or approach.escalation_level is None:
        gaps.append(_("Schat de ernst van het conflict in op de escalatieladder."))
    if approach is None or approach.first_conversation_on is None:
        gaps.append(_("Eerste gesprek met beide ouders en beide gezinsvoogden."))
    children = case.family.persons.filter(family_role=FamilyRole.CHILD).values_list("pk", flat=True)
    spoken = set(
        ChildConversation.objects.filter(case=case, spoken=True, with_parents=ParentsPresence.WITHOUT).values_list(
            "child_id", flat=True
        )
    )
    if set(children) - spoken:
        gaps.append(_("Spreek ook de kinderen zonder hun ouders."))
    return gaps


@transaction.atomic
def joint_work_start(
    *,
    actor,
    case: Case,
    type: int,
    care_director: str,
    assignment_on: date,
    consent_by: str,
    consent_on: date,
    started_on: date,
) -> JointWork:
    """R118: the GI works with an SKT care director on the client's assignment and with consent; type 2 leaves the
    regie on process and safety with the SKT while the GI makes the safety assessment."""
    _require_view(actor, case)
    errors = {}
    if _org_type(actor) != OrganisationType.GI:
        errors["__all__"] = _("Samen optrekken met een zorgregisseur van het SKT start de GI.")
    if type not in JointWorkType.values:
        errors["type"] = _("Kies soort 1 of 2.")
    if not consent_by.strip():
        errors["consent_by"] = _("Zonder opdracht en instemming van de cliënt geen samenwerking.")
    for field, day in (("assignment_on", assignment_on), ("consent_on", consent_on)):
        if day > started_on:
            errors[field] = _("Opdracht en instemming liggen vóór de start.")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=JointWork(
            case=case,
            type=type,
            care_director=care_director,
            assignment_on=assignment_on,
            consent_by=consent_by,
            consent_on=consent_on,
            started_on=started_on,
        ),
    )


@transaction.atomic
def sibling_preventive_register(*, actor, case: Case, child: Person, starts_on: date) -> SiblingPreventive:
    """R695: a sibling without a measure under 'activiteiten in justitieel preventief kader', only when the
    municipality and the GI have a (financial) agreement; the sibling is in the voluntary framework."""
    _require_view(actor, case)
    errors = {}
    if _org_type(actor) != OrganisationType.GI:
        errors["__all__"] = _("Deze registratie doet de GI.")
    if not _member(child, case, FamilyRole.CHILD):
        errors["child"] = _("Kies een kind van dit gezin.")
    elif case.measures.filter(child=child, removed_at__isnull=True, ended_on__isnull=True).exists():
        errors["child"] = _("Dit kind heeft zelf een maatregel.")
    agreement = (
        PreventiveAgreement.objects.filter(
            municipality_id=case.family.municipality_id,
            organisation_id=getattr(actor, "organisation_id", None),
            valid_from__lte=starts_on,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=starts_on))
        .first()
    )
    if agreement is None:
        errors["agreement"] = _(
            "Er is geen (financiële) afspraak tussen de gemeente en de GI over activiteiten in "
            "justitieel preventief kader."
        )
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=SiblingPreventive(case=case, child=child, agreement=agreement, starts_on=starts_on),
    )


@transaction.atomic
def safety_regie_to_gi(*, actor, case: Case, on: date, reason: str) -> Case:
    """R102: a preventive youth-protection track agreed at the JBT: the regie on the child's safety goes to the GI,
    the LT keeps the regie on the other life domains."""
    from gezinsplan.cases.models import PhaseTransition

    _require_view(actor, case)
    if actor.role != Role.JBT_CHAIR:
        raise ValidationError(_("Een preventief jeugdbeschermingstraject spreekt de Jeugdbeschermingstafel af."))
    if case.phase not in (Phase.LT, Phase.LT_GI, Phase.LT_AFTER):
        raise ValidationError(_("Gesplitste regie past in het vrijwillig kader."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de afspraak van de tafel.")})
    PhaseTransition.objects.create(
        case=case,
        trigger="safety_regie_gi",
        from_phase=case.phase,
        to_phase=case.phase,
        from_framework=case.framework,
        to_framework=case.framework,
        from_work_phase=case.work_phase,
        to_work_phase=case.work_phase,
        rule_id="R102",
        reason=reason,
        actor=actor,
        occurred_on=on,
    )
    case.safety_regie_gi_since = on
    case.version += 1
    case.save(update_fields=["safety_regie_gi_since", "version", "updated_at"])
    return case


def regie_for_domain(case: Case, domain: str) -> str:
    """R102: the decision rules follow the domain: 'safety' of the child or the other life domains."""
    from gezinsplan.cases.responsibility import case_responsibility

    resp = case_responsibility(case)
    return resp.safety if domain == "safety" else resp.lead


# --- After a handover (R337) ------------------------------------------------------------------------------------


def handed_over_without_help(*, cases, today: date):
    """R337: accepted handovers with no help registered within the period: signalled to both organisations."""
    from gezinsplan.cases.models import Handover, HandoverStatus

    days = method("help_after_handover_days", 28)
    handovers = Handover.objects.filter(
        case__in=cases,
        status=HandoverStatus.ACCEPTED,
        removed_at__isnull=True,
        accepted_at__date__lte=today - timedelta(days=days),
    ).select_related("case__family", "from_user__organisation", "to_user__organisation")
    helped = set(Help.objects.filter(case__in=cases, removed_at__isnull=True).values_list("case_id", "created_at"))
    latest_help = {}
    for case_id, created in helped:
        latest_help[case_id] = max(created, latest_help.get(case_id, created))
    return [h for h in handovers if h.case_id not in latest_help or latest_help[h.case_id] < h.accepted_at]


def region_without_help_after_vt() -> list[dict]:
    """R337: per region the share of families that came in via Veilig Thuis and have no registered help."""
    from django.db.models import Count, Exists, OuterRef

    from gezinsplan.cases.models import IntakeSource

    rows = (
        Case.objects.filter(removed_at__isnull=True, intake_source__in=[IntakeSource.VEILIG_THUIS, IntakeSource.BOTH])
        .annotate(helped=Exists(Help.objects.filter(case=OuterRef("pk"), removed_at__isnull=True)))
        .values("family__municipality__region__name")
        .annotate(total=Count("id"), without=Count("id", filter=Q(helped=False)))
        .order_by()
    )
    return [
        {
            "region": r["family__municipality__region__name"],
            "total": r["total"],
            "without": r["without"],
            "percent": round(100 * r["without"] / r["total"]) if r["total"] else 0,
        }
        for r in rows
    ]


VISITS = VISIT_KINDS
