from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.accounts.models import (
    CaseSupport,
    ConsultationKind,
    Contact,
    DecisionAuthority,
    DecisionRule,
    ExpertConsultation,
    MethodVersion,
    OnCallShift,
    Organisation,
    SupportKind,
    Team,
    TeamMembership,
    TrainingAttendance,
    TrainingKind,
    User,
)
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import StaleEdit, create_record, update_record


@transaction.atomic
def contact_save(*, actor, contact: Contact | None, version: int | None, **values) -> Contact:
    """Functional administrators maintain the directory (R322/R323)."""
    policy.require(actor, Action.MANAGE_DIRECTORY)
    if contact is None:
        contact = Contact(**values)
        contact.full_clean()
        contact.save()
        return contact
    current = Contact.objects.select_for_update().get(pk=contact.pk)
    if version is not None and current.version != version:
        raise StaleEdit(changed={}, current_version=current.version)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.full_clean()
    current.save()
    return current


# --- Rules of the method beyond the directory ---------------------------------------------------------------




TOEKOMSTTUIN_PARTNERS = (OrganisationType.GI, OrganisationType.VEILIG_THUIS, OrganisationType.RVDK,
                         OrganisationType.LOCAL_TEAM)


def method_value(key: str, *, on: date | None = None):
    """R168: a number or list of the method from the version in force on that day; the settings hold the seed
    values for anything no version overrides."""
    day = on or policy.today()
    for version in MethodVersion.objects.filter(effective_from__lte=day).order_by("-effective_from"):
        if key in version.values:
            return version.values[key]
    return settings.GEZINSPLAN_METHOD[key]


def current_method_version(*, on: date | None = None) -> MethodVersion | None:
    return MethodVersion.objects.filter(effective_from__lte=on or policy.today()).order_by("-effective_from").first()


# --- R099, R101, R103, R627: who decides, and what stays in force ----------------------------------------

def regie_organisation(case) -> Organisation | None:
    """The organisation that holds regie now: the lead party of the case (cases.responsibility) and its lead
    involvement's organisation."""
    from gezinsplan.cases.models import InvolvementRole
    from gezinsplan.cases.responsibility import PARTY_ORGANISATION_TYPE, case_responsibility

    org_type = PARTY_ORGANISATION_TYPE[case_responsibility(case).lead]
    involvements = (policy.active_involvements().filter(case=case, organisation__type=org_type)
                    .select_related("organisation").order_by("role", "start_date"))
    lead = next((i for i in involvements if i.role == InvolvementRole.LEAD), None) or involvements.first()
    return lead.organisation if lead else None


def decision_rule_for_case(*, case, decision_type: str) -> DecisionRule | None:
    """R099: the rule that applies is that of the organisation holding regie now; it switches with the regie."""
    organisation = regie_organisation(case)
    if organisation is None:
        return None
    return DecisionRule.objects.filter(organisation=organisation, decision_type=decision_type).first()


def decision_problems(*, case, decision_type: str, approved_by=(), on: date | None = None) -> list[str]:
    """What still stands between a core decision and its being final, under the regie organisation's rules:
    the internal GW consult (R101: an external GW never replaces it) and the approval step that stays in force in
    joint or network meetings (R627). Empty when nothing is missing."""
    rule = decision_rule_for_case(case=case, decision_type=decision_type)
    if rule is None:
        return []
    problems = []
    if rule.requires_internal_gw_consult:
        consults = ExpertConsultation.objects.filter(
            case=case, kind=ConsultationKind.BEHAVIOURAL, decision_type=decision_type, removed_at__isnull=True,
            expert__organisation_id=rule.organisation_id)
        if not consults.exists():
            problems.append(_("Voor dit besluit is bij %(org)s een consult met de eigen gedragswetenschapper "
                              "verplicht. Een consult met een externe gedragswetenschapper telt als extra stap, "
                              "niet in plaats daarvan (R101).") % {"org": rule.organisation.name})
    needed = rule.approval_by
    if needed and needed != DecisionAuthority.WORKER:
        roles = {DecisionAuthority.MANAGER: Role.TEAM_LEAD, DecisionAuthority.BEHAVIOURAL_SCIENTIST:
                 Role.BEHAVIOURAL_SCIENTIST}
        if needed == DecisionAuthority.COURT:
            problems.append(_("Dit besluit vraagt een beslissing van de kinderrechter; een overleg kan dat niet "
                              "vervangen (R627)."))
        elif not any(u.role == roles[needed] and u.organisation_id == rule.organisation_id for u in approved_by):
            problems.append(_("Dit besluit heeft de goedkeuring nodig van %(who)s van %(org)s. Die stap blijft "
                              "gelden, ook in een gezamenlijk overleg (R627).")
                            % {"who": rule.get_approval_by_display(), "org": rule.organisation.name})
    return problems


def decision_overview(*, case) -> list[dict]:
    """R103: for every involved organisation, who holds decision authority for which decisions, and whether its
    managers attend case discussions. Two queries."""
    org_ids = policy.active_involvements().filter(case=case).values("organisation_id")
    organisations = list(Organisation.objects.filter(pk__in=org_ids).prefetch_related("decision_rules"))
    return [{"organisation": org, "rules": list(org.decision_rules.all()),
             "managers_attend": org.managers_attend_case_discussions} for org in organisations]


# --- R267: supporting roles on a case --------------------------------------------------------------------------

SUPPORT_ROLES = {
    SupportKind.BEHAVIOURAL_SCIENTIST: {Role.BEHAVIOURAL_SCIENTIST},
}


@transaction.atomic
def case_support_add(*, actor, case, user: User, kind: str, since: date, note: str = "") -> CaseSupport:
    """R267: attach a buddy (same team as the case director), a BS project leader, a behavioural scientist or a
    financial specialist. They get a supporting involvement so they can see the case (need-to-know)."""
    from gezinsplan.cases.models import Involvement, InvolvementRole

    grant = policy.family_grant(actor, case.family)
    policy.require(actor, Action.MANAGE_INVOLVEMENTS, grant=grant)
    errors: dict = {}
    if kind not in SupportKind.values:
        errors["kind"] = [_("Kies een rol.")]
    if kind == SupportKind.BUDDY:
        leads = policy.active_involvements().filter(case=case, role=InvolvementRole.LEAD).select_related("user")
        teams = {i.user.team_id for i in leads if i.user.team_id}
        if user.team_id is None or user.team_id not in teams:
            errors["user"] = [_("Een buddy komt uit het eigen team van de casusregisseur.")]
    if kind in SUPPORT_ROLES and user.role not in SUPPORT_ROLES[kind]:
        errors["user"] = [_("Deze medewerker heeft niet de rol gedragswetenschapper.")]
    if not policy.sees_personal_data(user):
        errors["user"] = [_("Deze gebruiker mag geen dossiers inzien.")]
    if since > policy.today():
        errors["since"] = [_("De datum kan niet in de toekomst liggen.")]
    if errors:
        raise ValidationError(errors)
    support = create_record(actor=actor, family_id=case.family_id, instance=CaseSupport(
        family_id=case.family_id, case=case, user=user, kind=kind, since=since, note=note.strip()))
    if not policy.active_involvements().filter(case=case, user=user).exists():
        role = InvolvementRole.EXPERT if kind != SupportKind.BUDDY else InvolvementRole.SUPPORT
        create_record(actor=actor, family_id=case.family_id, instance=Involvement(
            case=case, user=user, organisation=user.organisation, role=role, start_date=since))
    return support


# --- R542, R599, R101: consultations of experts ------------------------------------------------------------

EXPERT_ROLES = {ConsultationKind.BEHAVIOURAL: Role.BEHAVIOURAL_SCIENTIST, ConsultationKind.LEGAL: Role.LAWYER}


@transaction.atomic
def expert_consultation_record(*, actor, case, kind: str, expert: User, question: str, advice: str = "",
                               still_to_gather: str = "", decision_type: str = "",
                               asked_on: date | None = None) -> ExpertConsultation:
    """A GW consult with its advice (R542), or a question to a lawyer's consultation hour (R599). The expert gets
    an expertise involvement so they can read the case."""
    from gezinsplan.cases.models import Involvement, InvolvementRole

    policy.require(actor, Action.EDIT_CASE, grant=policy.family_grant(actor, case.family))
    errors: dict = {}
    if expert.role != EXPERT_ROLES.get(kind):
        errors["expert"] = [_("Kies een gedragswetenschapper.") if kind == ConsultationKind.BEHAVIOURAL
                            else _("Kies een jurist.")]
    if not (question or "").strip():
        errors["question"] = [_("Schrijf de vraag aan de deskundige op.")]
    day = asked_on or policy.today()
    if day > policy.today():
        errors["asked_on"] = [_("De datum kan niet in de toekomst liggen.")]
    if errors:
        raise ValidationError(errors)
    consultation = create_record(actor=actor, family_id=case.family_id, instance=ExpertConsultation(
        family_id=case.family_id, case=case, kind=kind, asked_by=actor, expert=expert, question=question.strip(),
        advice=advice.strip(), still_to_gather=still_to_gather.strip(), decision_type=decision_type,
        asked_on=day, answered_on=day if advice.strip() else None))
    if not policy.active_involvements().filter(case=case, user=expert).exists():
        create_record(actor=actor, family_id=case.family_id, instance=Involvement(
            case=case, user=expert, organisation=expert.organisation, role=InvolvementRole.EXPERT, start_date=day))
    return consultation


@transaction.atomic
def expert_consultation_answer(*, actor, consultation: ExpertConsultation, advice: str,
                               still_to_gather: str = "") -> ExpertConsultation:
    """Only the consulted expert answers (pull, not push: R599)."""
    if actor.pk != consultation.expert_id:
        raise policy.PolicyDenied("expert_consultation")
    if consultation.answered_on:
        raise ValidationError(_("Deze vraag is al beantwoord."))
    if not (advice or "").strip():
        raise ValidationError({"advice": _("Schrijf het advies op.")})
    return update_record(actor=actor, instance=consultation, version=None, family_id=consultation.family_id,
                         values={"advice": advice.strip(), "still_to_gather": still_to_gather.strip(),
                                 "answered_on": policy.today()})


# --- R282: training and reflection ------------------------------------------------------------------------------

def training_overdue(*, users, on: date | None = None) -> list[dict]:
    """Employees overdue for the start training (all half-days), the yearly maintenance meeting or a reflection
    meeting (every three months). One query for the attendance."""
    day = on or policy.today()
    method = settings.GEZINSPLAN_METHOD
    users = list(users)
    rows = TrainingAttendance.objects.filter(user__in=users).values_list("user_id", "kind", "held_on")
    seen: dict = {}
    for user_id, kind, held_on in rows:
        entry = seen.setdefault((user_id, kind), [0, None])
        entry[0] += 1
        entry[1] = max(entry[1], held_on) if entry[1] else held_on
    result = []
    for user in users:
        reasons = []
        start_count = seen.get((user.pk, TrainingKind.START_TRAINING), [0, None])[0]
        if start_count < method.get("start_training_half_days", 4):
            reasons.append(_("starttraining: %(n)s van %(total)s dagdelen")
                           % {"n": start_count, "total": method.get("start_training_half_days", 4)})
        for kind, days, label in (
                (TrainingKind.REFLECTION, method.get("reflection_interval_days", 91), _("reflectiebijeenkomst")),
                (TrainingKind.MAINTENANCE, method.get("maintenance_interval_days", 365),
                 _("jaarlijkse onderhoudsbijeenkomst"))):
            last = seen.get((user.pk, kind), [0, None])[1]
            if last is None or last < day - timedelta(days=days):
                reasons.append(_("%(label)s: laatst %(last)s") % {
                    "label": label, "last": last.strftime("%d-%m-%Y") if last else _("nooit")})
        if reasons:
            result.append({"user": user, "reasons": reasons})
    return result


@transaction.atomic
def training_attendance_record(*, actor, users, kind: str, held_on: date, title: str = "") -> int:
    """A team lead records who attended; the collaboration app's reflection meetings can call this too."""
    if actor.role not in (Role.TEAM_LEAD, Role.FUNCTIONAL_ADMIN):
        raise policy.PolicyDenied("training")
    if held_on > policy.today():
        raise ValidationError({"held_on": _("Leg aanwezigheid vast na de bijeenkomst.")})
    users = list(users)
    if actor.role == Role.TEAM_LEAD and any(u.team_id != actor.team_id for u in users):
        raise ValidationError({"users": _("Kies medewerkers van uw eigen team.")})
    TrainingAttendance.objects.bulk_create([TrainingAttendance(user=u, kind=kind, held_on=held_on, title=title,
                                                               recorded_by=actor) for u in users])
    return len(users)


# --- R327: the central municipality organises collaboration meetings ---------------------------------------

def may_organise_collaboration_meeting(*, user, region) -> bool:
    """R327: only users of the region's central municipality (or a functional administrator) create the region's
    collaboration meetings; that municipality is the organiser of record."""
    if user.role == Role.FUNCTIONAL_ADMIN:
        return True
    org = user.organisation
    return bool(org and org.type == OrganisationType.MUNICIPALITY and region.central_municipality_id
                and org.municipalities.filter(pk=region.central_municipality_id).exists())


# --- R342, R347: toekomsttuin teams --------------------------------------------------------------------------

def toekomsttuin_problems(team: Team, *, without: User | None = None) -> list[str]:
    members = [m.user for m in team.memberships.select_related("user__organisation") if m.user != without]
    types = {u.organisation.type for u in members if u.organisation_id}
    labels = dict(OrganisationType.choices)
    problems = [_("Er ontbreekt een medewerker van: %(type)s.") % {"type": labels[t]}
                for t in TOEKOMSTTUIN_PARTNERS if t not in types]
    if team.team_leader_id is None or team.team_leader == without:
        problems.append(_("Wijs een teamleider aan voor de dagelijkse aansturing (R347)."))
    if team.behavioural_scientist_id is None or team.behavioural_scientist == without:
        problems.append(_("Wijs een gedragswetenschapper aan voor de inhoudelijke ondersteuning (R347)."))
    elif team.behavioural_scientist.role != Role.BEHAVIOURAL_SCIENTIST:
        problems.append(_("De gedragswetenschapper van het team moet de rol gedragswetenschapper hebben."))
    return problems


@transaction.atomic
def toekomsttuin_activate(*, actor, team: Team) -> Team:
    """R342: a toekomsttuin starts only with GI, Veilig Thuis, RvdK and a local team in it, and (R347) a team
    leader and a behavioural scientist."""
    if actor.role != Role.FUNCTIONAL_ADMIN:
        raise policy.PolicyDenied("team")
    problems = toekomsttuin_problems(team)
    if problems:
        raise ValidationError(problems)
    team.is_active = True
    team.save(update_fields=["is_active"])
    return team


@transaction.atomic
def team_member_add(*, actor, team: Team, user: User, since: date | None = None) -> TeamMembership:
    """Members keep their employing organisation (R347)."""
    if actor.role != Role.FUNCTIONAL_ADMIN:
        raise policy.PolicyDenied("team")
    membership, _created = TeamMembership.objects.get_or_create(team=team, user=user,
                                                                defaults={"since": since or policy.today()})
    return membership


@transaction.atomic
def team_member_remove(*, actor, team: Team, user: User) -> None:
    """R342: removing the last member of a partner type (or the lead or BS) from an active toekomsttuin is
    blocked."""
    if actor.role != Role.FUNCTIONAL_ADMIN:
        raise policy.PolicyDenied("team")
    team = Team.objects.select_for_update().get(pk=team.pk)
    if team.kind == "toekomsttuin" and team.is_active:
        problems = toekomsttuin_problems(team, without=user)
        if problems:
            raise ValidationError([_("Zo valt de toekomsttuin onder de eisen:"), *problems])
    TeamMembership.objects.filter(team=team, user=user).delete()


# --- R505: on-call duty ---------------------------------------------------------------------------------------

def on_duty(*, organisation, at: datetime | None = None) -> User | None:
    """The worker on (crisis) duty for the organisation at this moment, around the clock."""
    moment = at or timezone.now()
    shift = (OnCallShift.objects.filter(organisation=organisation, starts_at__lte=moment, ends_at__gt=moment)
             .select_related("user").order_by("-starts_at").first())
    return shift.user if shift else None


@transaction.atomic
def on_call_shift_add(*, actor, user: User, starts_at: datetime, ends_at: datetime) -> OnCallShift:
    if actor.role not in (Role.TEAM_LEAD, Role.FUNCTIONAL_ADMIN) or actor.organisation_id != user.organisation_id:
        raise policy.PolicyDenied("on_call")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Het einde van de dienst ligt na het begin.")})
    overlap = OnCallShift.objects.filter(Q(starts_at__lt=ends_at) & Q(ends_at__gt=starts_at),
                                         organisation_id=user.organisation_id)
    if overlap.exists():
        raise ValidationError({"starts_at": _("Er is in deze periode al een dienstdoende.")})
    return OnCallShift.objects.create(organisation_id=user.organisation_id, user=user, starts_at=starts_at,
                                      ends_at=ends_at)
