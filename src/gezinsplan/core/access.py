"""Access choke points: every view and API view gets a family's data through these functions.

Each one asks the policy (404 when not visible) and queues an access-log entry on the request, so
there is no way to read a family's data without the read being logged.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from gezinsplan.cases.models import Case
from gezinsplan.core import policy
from gezinsplan.core.policy import Action, Grant, PolicyDenied
from gezinsplan.families.models import Family
from gezinsplan.privacy.access_log import PendingAccess
from gezinsplan.privacy.models import AccessAction


def _http_request(request):
    # DRF wraps the Django request; the queue lives on the Django one.
    return getattr(request, "_request", request)


def log_access(request, *, family_id, action: str, object_type: str, object_id="", person_id=None,
               reason: str = "", emergency: bool = False, purpose: str = "") -> None:
    http = _http_request(request)
    queue = getattr(http, "access_log_queue", None)
    if queue is None:  # outside a request cycle that runs the middleware (a bug): fail loudly
        raise RuntimeError("Access log middleware is not active for this request.")
    queue.append(PendingAccess(family_id=family_id, action=action, object_type=object_type,
                               object_id=str(object_id or ""), person_id=person_id, reason=reason,
                               emergency=emergency, purpose=purpose))


def access_family(request, family_id, *, action: str = AccessAction.VIEW, object_type: str = "gezin",
                  object_id=None, person_id=None, edit: bool = False) -> tuple[Family, Grant]:
    family, grant = policy.get_visible_family(request.user, family_id)
    if edit and not policy.can(request.user, Action.EDIT_FAMILY, grant=grant):
        raise PolicyDenied(Action.EDIT_FAMILY)
    log_access(request, family_id=family.pk, action=action, object_type=object_type,
               object_id=object_id or family.pk, person_id=person_id, reason=grant.reason,
               emergency=grant.emergency, purpose=grant.purpose)
    return family, grant


def access_case(request, case_id, *, action: str = AccessAction.VIEW, object_type: str = "casus",
                object_id=None, edit: bool = False) -> tuple[Case, Grant]:
    case = Case.objects.filter(pk=case_id, removed_at__isnull=True).first()
    if case is None:
        raise Http404(_("Niet gevonden"))
    family, grant = access_family(request, case.family_id, action=action, object_type=object_type,
                                  object_id=object_id or case.pk, edit=edit)
    case.family = family  # the one the policy checked: no second fetch of the case or the family
    return case, grant


def log_listed_families(request, families, *, action: str = AccessAction.VIEW,
                        object_type: str = "overzicht") -> None:
    """A list that shows families' names is a read of each of them."""
    for family in families:
        log_access(request, family_id=family.pk, action=action, object_type=object_type, object_id=family.pk,
                   reason=_("eigen overzicht (betrokkenheid)"), purpose=_("hulpverlening aan het gezin"))


def access_record(request, model, record_id, *, action: str = AccessAction.VIEW, object_type: str,
                  edit: bool = False):
    """A row that belongs to a family (person, relationship, network member): via its family's policy."""
    family_id = model.objects.filter(pk=record_id).values_list("family_id", flat=True).first()
    if family_id is None:
        raise Http404(_("Niet gevonden"))
    person_id = record_id if object_type == "gezinslid" else None
    family, grant = access_family(request, family_id, action=action, object_type=object_type,
                                  object_id=record_id, person_id=person_id, edit=edit)
    record = model.objects.get(pk=record_id)
    record.family = family
    return record, grant
