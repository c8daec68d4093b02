"""Use cases for families, persons, relationships and the network. Each checks the policy, validates,
writes in one transaction and leaves a change record."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gezinsplan.cases import hooks as case_hooks
from gezinsplan.cases.models import Case, Involvement, InvolvementRole
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import create_record, refuse_stale, remove_record, update_record
from gezinsplan.families.models import (
    SYMMETRIC_KINDS,
    ArrangementKind,
    CareArrangement,
    ChildPerspective,
    Family,
    FamilyRole,
    FinancialAdministrator,
    LastChanceMarker,
    NetworkMember,
    Person,
    PersonResidence,
    Relationship,
    RelationshipKind,
    ResidenceKind,
    ResidenceSituation,
    SafetyContribution,
    StoryStatus,
    WordsAndPicturesStory,
)

PARENT_KINDS = frozenset({RelationshipKind.PARENT_OF, RelationshipKind.STEP_PARENT_OF})


def name_key(first_name: str, last_name: str) -> str:
    """Lower case without accents: the key that name search matches on."""
    text = f"{last_name} {first_name}".strip().lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _require_edit(actor, family: Family) -> None:
    policy.require(actor, Action.EDIT_FAMILY, grant=policy.family_grant(actor, family))


# --- Family -------------------------------------------------------------------------------------------

@transaction.atomic
def family_open(*, actor, name: str, municipality, reason: str, opened_on: date, local_team=None,
                interpreter_language: str = "", notes: str = "", intake_source: str = "lokaal_team") -> Family:
    """Intake: a new family with its first case, and the professional who opens it as lead (R502)."""
    policy.require(actor, Action.CREATE_FAMILY)
    if opened_on > policy.today():
        raise ValidationError({"opened_on": _("De startdatum kan niet in de toekomst liggen.")})
    if local_team is None and actor.organisation.type == "lokaal_team":
        local_team = actor.organisation
    family = Family(name=name, municipality=municipality, local_team=local_team,
                    interpreter_language=interpreter_language, notes=notes)
    create_record(actor=actor, family_id=family.pk, instance=family)
    case = create_record(actor=actor, family_id=family.pk, instance=Case(family=family, reason=reason,
                                                                          opened_on=opened_on,
                                                                          intake_source=intake_source))
    involvement = create_record(actor=actor, family_id=family.pk, instance=Involvement(
        case=case, user=actor, organisation=actor.organisation, role=InvolvementRole.LEAD, start_date=opened_on,
    ))
    case_hooks.involvement_started(involvement=involvement)
    return family


@transaction.atomic
def family_update(*, actor, family: Family, version: int | None, **values) -> Family:
    _require_edit(actor, family)
    errors = last_chance_errors(last_chance=values.get("last_chance", family.last_chance),
                                markers=values.get("last_chance_markers", family.last_chance_markers))
    if errors:
        raise ValidationError(errors)
    return update_record(actor=actor, instance=family, version=version, values=values, family_id=family.pk)


# --- Persons ------------------------------------------------------------------------------------------

def _check_person(person: Person) -> None:
    errors: dict[str, str] = {}
    if person.birth_date and person.expected_birth_date:
        errors["expected_birth_date"] = _("Vul een geboortedatum óf een verwachte geboortedatum in, niet allebei.")
    if person.expected_birth_date:
        today = policy.today()
        if person.expected_birth_date < today - timedelta(days=60):
            errors["expected_birth_date"] = _(
                "Deze verwachte geboortedatum ligt ver in het verleden: vul de geboortedatum in.")
        elif person.expected_birth_date > today + timedelta(days=300):
            errors["expected_birth_date"] = _("Een verwachte geboortedatum ligt hooguit tien maanden vooruit.")
        if person.family_role != FamilyRole.CHILD:
            errors["family_role"] = _("Alleen een kind kan een verwachte geboortedatum hebben.")
    siblings = Person.objects.filter(family_id=person.family_id).exclude(pk=person.pk)
    if person.bsn and siblings.filter(bsn=person.bsn).exists():
        errors["bsn"] = _("Dit BSN staat al bij een ander lid van dit gezin.")
    key = name_key(person.first_name, person.last_name)
    if siblings.filter(name_key=key, birth_date=person.birth_date).exists():
        errors["first_name"] = _("Deze persoon staat al in dit gezin (zelfde naam en geboortedatum).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_add(*, actor, family: Family, **values) -> Person:
    _require_edit(actor, family)
    person = Person(family=family, **values)
    person.name_key = name_key(person.first_name, person.last_name)
    person.full_clean()
    _check_person(person)
    return create_record(actor=actor, instance=person, family_id=family.pk)


@transaction.atomic
def person_update(*, actor, person: Person, version: int | None, **values) -> Person:
    _require_edit(actor, person.family)
    probe = Person(pk=person.pk, family_id=person.family_id, **{
        **{f.name: getattr(person, f.name) for f in Person._meta.concrete_fields if f.editable
           and not f.primary_key and f.name != "family"},
        **values,
    })
    _check_person(probe)
    values["name_key"] = name_key(probe.first_name, probe.last_name)
    return update_record(actor=actor, instance=person, version=version, values=values, family_id=person.family_id)


@transaction.atomic
def person_remove(*, actor, person: Person, reason: str) -> None:
    _require_edit(actor, person.family)
    remove_record(actor=actor, instance=person, reason=reason, family_id=person.family_id)
    for rel in Relationship.objects.filter(Q(from_person=person) | Q(to_person=person)):
        remove_record(actor=actor, instance=rel, reason=_("gezinslid verwijderd"), family_id=person.family_id)


# --- Relationships ------------------------------------------------------------------------------------

def relationship_warnings(rel: Relationship) -> list[str]:
    """Things that may be right but deserve a second look (a warning, not a refusal)."""
    warnings = []
    parent, child = rel.from_person, rel.to_person
    if (rel.kind in PARENT_KINDS and parent.birth_date and child.birth_date
            and parent.birth_date >= child.birth_date):
        warnings.append(_("Let op: %(parent)s is jonger dan %(child)s en staat toch als ouder vastgelegd.")
                        % {"parent": parent.first_name, "child": child.first_name})
    return warnings


def _check_relationship(rel: Relationship) -> None:
    errors: dict[str, str] = {}
    if rel.from_person_id == rel.to_person_id:
        errors["to_person"] = _("Een persoon kan geen relatie met zichzelf hebben.")
    if rel.from_person.family_id != rel.family_id or rel.to_person.family_id != rel.family_id:
        errors["to_person"] = _("Beide personen moeten bij dit gezin horen.")
    if rel.has_custody and rel.kind != RelationshipKind.PARENT_OF:
        errors["has_custody"] = _("Gezag kan alleen bij 'is ouder van' worden vastgelegd.")
    if rel.kind in PARENT_KINDS and rel.to_person.family_role != FamilyRole.CHILD:
        errors["to_person"] = _("Bij 'is ouder van' moet de tweede persoon een kind van het gezin zijn.")
    if not errors:
        same = Relationship.objects.filter(family_id=rel.family_id, kind=rel.kind).exclude(pk=rel.pk)
        pair = same.filter(from_person_id=rel.from_person_id, to_person_id=rel.to_person_id)
        if rel.kind in SYMMETRIC_KINDS:
            pair = pair | same.filter(from_person_id=rel.to_person_id, to_person_id=rel.from_person_id)
        if pair.exists():
            errors["kind"] = _("Deze relatie is al vastgelegd.")
        if rel.kind == RelationshipKind.PARENT_OF and same.filter(to_person_id=rel.to_person_id).count() >= 2:
            errors["to_person"] = _("Dit kind heeft al twee ouders vastgelegd. Gebruik 'is stiefouder van'.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def relationship_add(*, actor, family: Family, **values) -> tuple[Relationship, list[str]]:
    _require_edit(actor, family)
    rel = Relationship(family=family, **values)
    rel.full_clean()
    _check_relationship(rel)
    return create_record(actor=actor, instance=rel, family_id=family.pk), relationship_warnings(rel)


@transaction.atomic
def relationship_update(*, actor, relationship: Relationship, version: int | None,
                        **values) -> tuple[Relationship, list[str]]:
    _require_edit(actor, relationship.family)
    probe = Relationship(pk=relationship.pk, family_id=relationship.family_id,
                         from_person=values.get("from_person", relationship.from_person),
                         to_person=values.get("to_person", relationship.to_person),
                         kind=values.get("kind", relationship.kind),
                         has_custody=values.get("has_custody", relationship.has_custody))
    _check_relationship(probe)
    rel = update_record(actor=actor, instance=relationship, version=version, values=values,
                        family_id=relationship.family_id)
    return rel, relationship_warnings(probe)


@transaction.atomic
def relationship_remove(*, actor, relationship: Relationship, reason: str) -> None:
    _require_edit(actor, relationship.family)
    remove_record(actor=actor, instance=relationship, reason=reason, family_id=relationship.family_id)


# --- Network ------------------------------------------------------------------------------------------

def _check_member(member: NetworkMember) -> None:
    if member.child_id and (member.child.family_id != member.family_id
                            or member.child.family_role != FamilyRole.CHILD):
        raise ValidationError({"child": _("Kies een kind uit dit gezin.")})


@transaction.atomic
def network_member_add(*, actor, family: Family, **values) -> NetworkMember:
    _require_edit(actor, family)
    member = NetworkMember(family=family, **values)
    member.full_clean()
    _check_member(member)
    return create_record(actor=actor, instance=member, family_id=family.pk)


@transaction.atomic
def network_member_update(*, actor, member: NetworkMember, version: int | None, **values) -> NetworkMember:
    _require_edit(actor, member.family)
    probe = NetworkMember(family_id=member.family_id, child=values.get("child", member.child))
    _check_member(probe)
    return update_record(actor=actor, instance=member, version=version, values=values, family_id=member.family_id)


@transaction.atomic
def network_member_remove(*, actor, member: NetworkMember, reason: str) -> None:
    _require_edit(actor, member.family)
    remove_record(actor=actor, instance=member, reason=reason, family_id=member.family_id)


# --- The family's situation over time (R246, R249, R250, R316, R596, R665, R683) --------------------------

def _not_future(errors: dict, field: str, day: date | None) -> None:
    if day and day > policy.today():
        errors.setdefault(field, []).append(_("Deze datum kan niet in de toekomst liggen."))


def _own_persons(errors: dict, field: str, family_id, persons, *, role: str | None = None, message: str) -> None:
    if any(p is not None and (p.family_id != family_id or (role and p.family_role != role)) for p in persons):
        errors.setdefault(field, []).append(message)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _clean(instance, errors: dict, exclude=()) -> None:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)


def _check_residence(residence: PersonResidence) -> None:
    errors: dict = {}
    _clean(residence, errors, exclude=["family", "person"])
    _own_persons(errors, "person", residence.family_id, [residence.person], message=_("Kies een lid van dit gezin."))
    _not_future(errors, "since", residence.since)
    if residence.kind == ResidenceKind.REGISTRATION and residence.municipality_id is None:
        errors.setdefault("municipality", []).append(_("Kies de gemeente waar deze persoon staat ingeschreven."))
    if residence.kind == ResidenceKind.REGISTRATION and residence.situation != ResidenceSituation.ADDRESS:
        errors.setdefault("situation", []).append(_("'Geen vaste verblijfplaats' en 'gezinsopvang' horen bij de "
                                                    "feitelijke verblijfplaats, niet bij de inschrijving."))
    if (residence.kind == ResidenceKind.RESIDENCE and residence.situation == ResidenceSituation.ADDRESS
            and residence.municipality_id is None):
        errors.setdefault("municipality", []).append(_("Kies de gemeente waar deze persoon feitelijk woont."))
    _raise(errors)


@transaction.atomic
def residence_add(*, actor, family: Family, **values) -> PersonResidence:
    """R246: a dated registration or actual residence of one person."""
    _require_edit(actor, family)
    residence = PersonResidence(family=family, **values)
    _check_residence(residence)
    return create_record(actor=actor, instance=residence, family_id=family.pk)


@transaction.atomic
def residence_update(*, actor, residence: PersonResidence, version: int | None, **values) -> PersonResidence:
    _require_edit(actor, residence.family)
    probe = PersonResidence(family_id=residence.family_id, **{**_fields(residence), **values})
    _check_residence(probe)
    return update_record(actor=actor, instance=residence, version=version, values=values,
                         family_id=residence.family_id)


def _fields(instance) -> dict:
    """The concrete, editable field values of a row, to validate a probe with the new values applied."""
    return {f.name: getattr(instance, f.name) for f in instance._meta.concrete_fields
            if f.editable and f.name not in ("id", "family") and not f.primary_key
            and f.name not in {"version", "created_at", "updated_at", "created_by", "removed_at", "removed_by",
                               "removal_reason"}}


def _check_arrangement(arrangement: CareArrangement, adults) -> None:
    errors: dict = {}
    _clean(arrangement, errors, exclude=["family", "child"])
    _own_persons(errors, "child", arrangement.family_id, [arrangement.child], role=FamilyRole.CHILD,
                 message=_("Kies een kind uit dit gezin."))
    if not adults:
        errors.setdefault("adults", []).append(_("Noem de volwassenen tussen wie de regeling geldt."))
    _own_persons(errors, "adults", arrangement.family_id, adults, message=_("Kies volwassenen uit dit gezin."))
    if any(a.family_role == FamilyRole.CHILD for a in adults):
        errors.setdefault("adults", []).append(_("Een regeling is tussen volwassenen, niet met een kind."))
    if arrangement.kind == ArrangementKind.CO_PARENTING and len(adults) < 2:
        errors.setdefault("adults", []).append(_("Bij co-ouderschap horen twee volwassenen."))
    if arrangement.ends_on and arrangement.starts_on and arrangement.ends_on < arrangement.starts_on:
        errors.setdefault("ends_on", []).append(_("De einddatum ligt vóór de ingangsdatum."))
    _raise(errors)


@transaction.atomic
def arrangement_add(*, actor, family: Family, adults=(), **values) -> CareArrangement:
    """R249: a care and residence arrangement for a child, with conditions; in the family's change history."""
    _require_edit(actor, family)
    adults = list(adults)
    arrangement = CareArrangement(family=family, **values)
    _check_arrangement(arrangement, adults)
    create_record(actor=actor, instance=arrangement, family_id=family.pk)
    arrangement.adults.set(adults)
    return arrangement


@transaction.atomic
def arrangement_update(*, actor, arrangement: CareArrangement, version: int | None, adults=(), **values
                       ) -> CareArrangement:
    _require_edit(actor, arrangement.family)
    adults = list(adults)
    _check_arrangement(CareArrangement(family_id=arrangement.family_id, **{**_fields(arrangement), **values}),
                       adults)
    arrangement = update_record(actor=actor, instance=arrangement, version=version, values=values,
                                family_id=arrangement.family_id)
    arrangement.adults.set(adults)
    return arrangement


@transaction.atomic
def administrator_add(*, actor, family: Family, **values) -> FinancialAdministrator:
    """R250: a (new) bewindvoerder. A change ends the previous one on the new appointment date, with a reason."""
    _require_edit(actor, family)
    administrator = FinancialAdministrator(family=family, **values)
    errors: dict = {}
    _clean(administrator, errors, exclude=["family"])
    _not_future(errors, "appointed_on", administrator.appointed_on)
    current = (FinancialAdministrator.objects.select_for_update().filter(family=family, ended_on__isnull=True)
               .order_by("-appointed_on").first())
    if current is not None:
        if not administrator.change_reason.strip():
            errors.setdefault("change_reason", []).append(_(
                "Er is al een bewindvoerder (%(name)s). Geef de reden van de wisseling.") % {"name": current.name})
        if administrator.appointed_on and administrator.appointed_on < current.appointed_on:
            errors.setdefault("appointed_on", []).append(_("De nieuwe bewindvoerder is benoemd vóór de huidige."))
    _raise(errors)
    if current is not None:
        update_record(actor=actor, instance=current, version=None, family_id=family.pk,
                      values={"ended_on": administrator.appointed_on})
    return create_record(actor=actor, instance=administrator, family_id=family.pk)


@transaction.atomic
def administrator_update(*, actor, administrator: FinancialAdministrator, version: int | None, **values
                         ) -> FinancialAdministrator:
    _require_edit(actor, administrator.family)
    errors: dict = {}
    _not_future(errors, "appointed_on", values.get("appointed_on"))
    ended = values.get("ended_on")
    if ended and values.get("appointed_on", administrator.appointed_on) > ended:
        errors.setdefault("ended_on", []).append(_("De einddatum ligt vóór de benoeming."))
    _raise(errors)
    return update_record(actor=actor, instance=administrator, version=version, values=values,
                         family_id=administrator.family_id)


def _check_perspective(perspective: ChildPerspective) -> None:
    errors: dict = {}
    _clean(perspective, errors, exclude=["family", "child"])
    _own_persons(errors, "child", perspective.family_id, [perspective.child], role=FamilyRole.CHILD,
                 message=_("Kies een kind uit dit gezin."))
    _not_future(errors, "heard_on", perspective.heard_on)
    _raise(errors)


@transaction.atomic
def perspective_add(*, actor, family: Family, **values) -> ChildPerspective:
    """R316: the child's own story, wishes, how and when heard, own help."""
    _require_edit(actor, family)
    perspective = ChildPerspective(family=family, **values)
    _check_perspective(perspective)
    return create_record(actor=actor, instance=perspective, family_id=family.pk)


@transaction.atomic
def perspective_update(*, actor, perspective: ChildPerspective, version: int | None, **values) -> ChildPerspective:
    _require_edit(actor, perspective.family)
    _check_perspective(ChildPerspective(family_id=perspective.family_id, **{**_fields(perspective), **values}))
    return update_record(actor=actor, instance=perspective, version=version, values=values,
                         family_id=perspective.family_id)


def _check_contribution(contribution: SafetyContribution) -> None:
    errors: dict = {}
    _clean(contribution, errors, exclude=["family", "person"])
    _own_persons(errors, "person", contribution.family_id, [contribution.person],
                 message=_("Kies een lid van dit gezin."))
    _not_future(errors, "recorded_on", contribution.recorded_on)
    _raise(errors)


@transaction.atomic
def contribution_add(*, actor, family: Family, **values) -> SafetyContribution:
    """R596: what this member (a sibling too) contributes to the children's safety."""
    _require_edit(actor, family)
    contribution = SafetyContribution(family=family, **values)
    _check_contribution(contribution)
    return create_record(actor=actor, instance=contribution, family_id=family.pk)


@transaction.atomic
def contribution_update(*, actor, contribution: SafetyContribution, version: int | None, **values
                        ) -> SafetyContribution:
    _require_edit(actor, contribution.family)
    _check_contribution(SafetyContribution(family_id=contribution.family_id, **{**_fields(contribution), **values}))
    return update_record(actor=actor, instance=contribution, version=version, values=values,
                         family_id=contribution.family_id)


def _check_story(story: WordsAndPicturesStory, children, agreed_by) -> None:
    errors: dict = {}
    _clean(story, errors, exclude=["family"])
    if not children:
        errors.setdefault("children", []).append(_("Kies voor welke kinderen het verhaal is."))
    _own_persons(errors, "children", story.family_id, children, role=FamilyRole.CHILD,
                 message=_("Kies kinderen uit dit gezin."))
    _own_persons(errors, "agreed_by", story.family_id, agreed_by, message=_("Kies ouders uit dit gezin."))
    if any(p.family_role == FamilyRole.CHILD for p in agreed_by):
        errors.setdefault("agreed_by", []).append(_("Het verhaal wordt eerst met de ouders afgestemd, niet met een "
                                                    "kind."))
    _raise(errors)


@transaction.atomic
def story_add(*, actor, family: Family, children=(), agreed_by=(), **values) -> WordsAndPicturesStory:
    """R665: a words-and-pictures story starts as a draft."""
    _require_edit(actor, family)
    children, agreed_by = list(children), list(agreed_by)
    story = WordsAndPicturesStory(family=family, **values)
    _check_story(story, children, agreed_by)
    create_record(actor=actor, instance=story, family_id=family.pk)
    story.children.set(children)
    story.agreed_by.set(agreed_by)
    return story


@transaction.atomic
def story_update(*, actor, story: WordsAndPicturesStory, version: int | None, children=(), agreed_by=(),
                 **values) -> WordsAndPicturesStory:
    _require_edit(actor, story.family)
    children, agreed_by = list(children), list(agreed_by)
    _check_story(WordsAndPicturesStory(family_id=story.family_id, **{**_fields(story), **values}), children,
                 agreed_by)
    if story.status != StoryStatus.DRAFT and {p.pk for p in agreed_by} != set(
            story.agreed_by.values_list("pk", flat=True)):
        raise ValidationError({"agreed_by": _("De ouders zijn het al eens met dit verhaal; wie akkoord gaf, wijzigt "
                                              "niet meer.")})
    story = update_record(actor=actor, instance=story, version=version, values=values, family_id=story.family_id)
    story.children.set(children)
    story.agreed_by.set(agreed_by)
    return story


@transaction.atomic
def story_advance(*, actor, story: WordsAndPicturesStory, version: int,
                  on: date | None = None) -> WordsAndPicturesStory:
    """R665: draft → agreed with the parents (who: `agreed_by`) → discussed with the child. 'Discussed' never
    before the parents' agreement. `version`: the story the user saw, so a second click on 'agreed' (by a colleague
    on an older page) is refused instead of recording 'discussed with the child'."""
    _require_edit(actor, story.family)
    refuse_stale(story, version)
    day = on or policy.today()
    errors: dict = {}
    _not_future(errors, "status", day)
    _raise(errors)
    if story.status == StoryStatus.DRAFT:
        parents = list(story.agreed_by.all())
        if not parents:
            raise ValidationError({"agreed_by": _("Leg eerst vast welke ouders het eens zijn met het verhaal.")})
        values = {"status": StoryStatus.AGREED, "agreed_on": day}
    elif story.status == StoryStatus.AGREED:
        if day < story.agreed_on:
            raise ValidationError({"status": _("Het gesprek met het kind kan niet vóór het akkoord van de ouders "
                                               "(%(day)s) liggen.") % {"day": story.agreed_on.strftime("%d-%m-%Y")}})
        values = {"status": StoryStatus.DISCUSSED, "discussed_on": day}
    else:
        raise ValidationError({"status": _("Het verhaal is al met het kind besproken.")})
    return update_record(actor=actor, instance=story, version=version, values=values, family_id=story.family_id)


def situation_remove(*, actor, record, reason: str) -> None:
    """Soft removal of any of the situation rows, with a reason."""
    _require_edit(actor, record.family)
    remove_record(actor=actor, instance=record, reason=reason, family_id=record.family_id)


LAST_CHANCE_MIN_MARKERS = 2


def last_chance_errors(*, last_chance: bool, markers) -> dict:
    """R683: the tag needs the combination of problems it stands for: at least two of the five markers."""
    markers = list(markers or [])
    if any(m not in LastChanceMarker.values for m in markers):
        return {"last_chance_markers": [_("Onbekend kenmerk.")]}
    if last_chance and len(markers) < LAST_CHANCE_MIN_MARKERS:
        return {"last_chance_markers": [_("Een laatste-kansgezin heeft een combinatie van problemen: kies minstens "
                                          "twee kenmerken (huurachterstand, overlast, schulden, politie, problemen "
                                          "met kinderen).")]}
    return {}
