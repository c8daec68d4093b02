"""Need-to-know: the one place that decides who may see and do what.

Two questions, answered for every screen and endpoint:
- which families and cases may this user see (`visible_families`, `visible_cases`: querysets);
- may this user do action X on this object (`can`: a predicate; `require`: raises).

A professional sees a family while they have an active involvement in one of its cases. A team lead
also sees what the members of their team are involved in. Policy officers and functional administrators
see no personal data at all. What is not visible is "not found" (404), never the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gezinsplan.accounts.constants import PORTAL_ROLES, ROLES_WITHOUT_PERSONAL_DATA, Role
from gezinsplan.cases.models import Case, Involvement, InvolvementRole
from gezinsplan.families.models import Family


class Action(StrEnum):
    VIEW_FAMILY = "view_family"
    EDIT_FAMILY = "edit_family"
    CREATE_FAMILY = "create_family"
    VIEW_CASE = "view_case"
    EDIT_CASE = "edit_case"
    MANAGE_INVOLVEMENTS = "manage_involvements"
    VIEW_DIRECTORY = "view_directory"
    MANAGE_DIRECTORY = "manage_directory"


# Roles that may open a new family with a first case (intake).
INTAKE_ROLES = frozenset({Role.LT_PROFESSIONAL, Role.GI_PROTECTOR, Role.TEAM_LEAD})
# Involvement roles that may change a family's data; the others read.
EDITING_INVOLVEMENTS = frozenset({InvolvementRole.LEAD, InvolvementRole.SUPPORT, InvolvementRole.EXPERT})
# Roles that read a family's data when involved but never change it: a care provider receives referrals, and a
# regional contact person only brokers contact (R424).
READ_ONLY_ROLES = frozenset({Role.CARE_PROVIDER, Role.REGIONAL_CONTACT})
# Roles that read the directory: every professional of the region (R322).
DIRECTORY_READERS = frozenset(Role.values) - PORTAL_ROLES


@dataclass(frozen=True)
class Grant:
    """Why a user may see a family: written into the access log as the legal ground of the access."""

    reason: str
    can_edit: bool
    involvement_id: str | None = None
    emergency: bool = False  # break-the-glass access (privacy.EmergencyAccess): read only, flagged in the log
    purpose: str = ""  # NEN 7513 purpose of use, written into the access log next to the ground


def today() -> date:
    return timezone.localdate()


def active_involvements(*, on: date | None = None) -> QuerySet[Involvement]:
    day = on or today()
    return Involvement.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day),
        start_date__lte=day,
        removed_at__isnull=True,
        case__removed_at__isnull=True,
    )


def sees_personal_data(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active
        and user.role not in ROLES_WITHOUT_PERSONAL_DATA and user.role not in PORTAL_ROLES
    )


def _granting_involvements(user) -> QuerySet[Involvement]:
    involvements = active_involvements()
    if user.role == Role.TEAM_LEAD and user.team_id:
        # "user in (the lead and the team's members)" lets the database use the index on involvement.user;
        # an OR over a join to the users table would scan every involvement.
        from gezinsplan.accounts.models import User

        team = User.objects.filter(Q(pk=user.pk) | Q(team_id=user.team_id)).values("pk")
        return involvements.filter(user_id__in=team)
    return involvements.filter(user=user)


def visible_families(user) -> QuerySet[Family]:
    if not sees_personal_data(user):
        return Family.objects.none()
    return Family.objects.filter(id__in=_granting_involvements(user).values("case__family_id"))


def visible_cases(user) -> QuerySet[Case]:
    if not sees_personal_data(user):
        return Case.objects.none()
    return Case.objects.filter(removed_at__isnull=True, family_id__in=visible_families(user).values("id"))


def family_grant(user, family: Family) -> Grant | None:
    """Why this user may see this family, or None. One query."""
    if not sees_personal_data(user):
        return None
    involvements = list(
        _granting_involvements(user).filter(case__family_id=family.pk).order_by("start_date")[:20]
    )
    own = [inv for inv in involvements if inv.user_id == user.pk]
    if own:
        editing = [inv for inv in own if inv.role in EDITING_INVOLVEMENTS]
        chosen = (editing or own)[0]
        return Grant(
            reason=_("betrokkenheid als %(role)s") % {"role": chosen.get_role_display()},
            can_edit=bool(editing),
            involvement_id=str(chosen.pk),
            purpose=_("hulpverlening aan het gezin"),
        )
    if involvements:  # team lead through a member of the team
        return Grant(reason=_("teamleider van een betrokken professional"), can_edit=True,
                     involvement_id=str(involvements[0].pk), purpose=_("leidinggeven en toezicht op de hulp"))
    return _emergency_grant(user, family)


def _emergency_grant(user, family: Family) -> Grant | None:
    """An active break-the-glass access (privacy.services.emergency_access_open): read only, time-limited."""
    from gezinsplan.privacy.models import EmergencyAccess

    access = (EmergencyAccess.objects.filter(user=user, family_id=family.pk, expires_at__gt=timezone.now())
              .order_by("-expires_at").only("reason").first())
    if access is None:
        return None
    return Grant(reason=(_("noodtoegang: %(reason)s") % {"reason": access.reason})[:200], can_edit=False,
                 emergency=True, purpose=_("noodsituatie (noodtoegang)"))


def get_visible_family(user, family_id) -> tuple[Family, Grant]:
    """The choke point for one family: the family and the grant, or 404."""
    family = Family.objects.select_related("municipality", "local_team").filter(pk=family_id).first()
    grant = family_grant(user, family) if family else None
    if family is None or grant is None:
        raise Http404(_("Niet gevonden"))
    return family, grant


def can(user, action: Action, *, grant: Grant | None = None) -> bool:
    """May this user do this action? For family-bound actions pass the grant from the choke point."""
    if not (user.is_authenticated and user.is_active):
        return False
    match action:
        case Action.VIEW_FAMILY | Action.VIEW_CASE:
            return grant is not None
        case Action.EDIT_FAMILY | Action.EDIT_CASE | Action.MANAGE_INVOLVEMENTS:
            return grant is not None and grant.can_edit and user.role not in READ_ONLY_ROLES
        case Action.CREATE_FAMILY:
            return user.role in INTAKE_ROLES and user.organisation_id is not None
        case Action.VIEW_DIRECTORY:
            return user.role in DIRECTORY_READERS
        case Action.MANAGE_DIRECTORY:
            return user.role == Role.FUNCTIONAL_ADMIN
    return False


class PolicyDenied(PermissionDenied):
    """The user may see the object but not do this; a 403 in pages and API alike."""


def require(user, action: Action, *, grant: Grant | None = None) -> None:
    if not can(user, action, grant=grant):
        raise PolicyDenied(action)
