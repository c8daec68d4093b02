"""The need-to-know matrix over every screen and endpoint: role x URL x own family / other family."""

import pytest

from gezinsplan.accounts.constants import Role
from gezinsplan.cases.models import InvolvementRole
from gezinsplan.core.policy import READ_ONLY_ROLES
from tests.conftest import client_for
from tests.core.test_access_log import _fill, family_url_patterns
from tests.core.test_policy import PROFESSIONAL_ROLES
from tests.factories import NetworkMemberFactory, PersonFactory, RelationshipFactory, UserFactory, involve

WRITE_VIEWS = ("create", "edit", "remove", "open", "close", "involvement_add", "involvement_end")


def _ids(family, inv):
    parent = PersonFactory(family=family, family_role="parent", birth_date=None)
    child = PersonFactory(family=family)
    return {
        "family_id": family.pk, "case_id": inv.case.pk, "involvement_id": inv.pk, "person_id": child.pk,
        "relationship_id": RelationshipFactory(family=family, from_person=parent, to_person=child).pk,
        "member_id": NetworkMemberFactory(family=family).pk,
    }


def _is_write(pattern) -> bool:
    return any(part in (pattern.name or "") for part in WRITE_VIEWS) and not (pattern.name or "").startswith("family-")


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_matrix_every_family_url_for_every_role(role):
    user = UserFactory(role=role)
    own_inv = involve(user, role=InvolvementRole.SUPPORT)
    other_inv = involve(UserFactory())
    own = _ids(own_inv.case.family, own_inv)
    other = _ids(other_inv.case.family, other_inv)
    client = client_for(user)
    failures = []
    for route, pattern, _names in family_url_patterns():
        other_status = client.get(_fill(route, other)).status_code
        if other_status != 404:
            failures.append(("other", route, other_status))
        own_status = client.get(_fill(route, own)).status_code
        if role not in PROFESSIONAL_ROLES:
            expected = 404
        elif _is_write(pattern) and role in READ_ONLY_ROLES:
            expected = 403
        else:
            expected = 200
        if own_status != expected:
            failures.append(("own", route, own_status, expected))
    assert failures == []


@pytest.mark.django_db
def test_matrix_writes_to_another_family_are_not_found(alice):
    other_inv = involve(UserFactory())
    other = _ids(other_inv.case.family, other_inv)
    client = client_for(alice)
    assert client.post(f"/gezinnen/{other['family_id']}/leden/nieuw/", {"first_name": "X"}).status_code == 404
    assert client.post(f"/api/v1/families/{other['family_id']}/persons/", {"first_name": "X"},
                       content_type="application/json").status_code == 404
    assert client.patch(f"/api/v1/persons/{other['person_id']}/", {"first_name": "X"},
                        content_type="application/json").status_code == 404
    assert client.post(f"/casussen/{other['case_id']}/afsluiten/", {}).status_code == 404
