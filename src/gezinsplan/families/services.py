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
from gezinsplan.core.records import create_record, remove_record, update_record
from gezinsplan.families.models import (
    SYMMETRIC_KINDS,
    Family,
    FamilyRole,
    NetworkMember,
    Person,
    Relationship,
    RelationshipKind,
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
