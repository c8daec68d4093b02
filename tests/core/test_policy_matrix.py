"""The need-to-know matrix over every screen and endpoint: role x URL x own family / other family.

Generic over every URL that takes family data: another family's data is always "not found"; the own family's data
is reachable (200, or 403 where the role may read but not do this) for professionals, and not found for roles
without access to personal data. Specific permissions per screen are tested in each app.
"""

import pytest

from gezinsplan.accounts.constants import Role
from gezinsplan.cases.models import InvolvementRole
from tests.conftest import client_for
from tests.core.test_access_log import _fill, family_url_patterns
from tests.core.test_policy import PROFESSIONAL_ROLES
from tests.core.url_ids import build_world
from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_matrix_every_family_url_for_every_role(role):
    user = UserFactory(role=role)
    own = build_world(user, role=InvolvementRole.SUPPORT)
    other = build_world(UserFactory())
    client = client_for(user)
    own_cache, other_cache, failures = {}, {}, []
    for route, _pattern, _names in family_url_patterns():
        other_status = client.get(_fill(route, other, other_cache)).status_code
        if other_status != 404:
            failures.append(("other", route, other_status))
        own_status = client.get(_fill(route, own, own_cache)).status_code
        allowed = {200, 403} if role in PROFESSIONAL_ROLES else {404}
        if own_status not in allowed:
            failures.append(("own", route, own_status))
    assert failures == []


@pytest.mark.django_db
def test_matrix_writes_to_another_family_are_not_found(alice):
    other = build_world(UserFactory())
    family, case, child = other["family"], other["case"], other["child"]
    client = client_for(alice)
    assert client.post(f"/gezinnen/{family.pk}/leden/nieuw/", {"first_name": "X"}).status_code == 404
    assert client.post(f"/api/v1/families/{family.pk}/persons/", {"first_name": "X"},
                       content_type="application/json").status_code == 404
    assert client.patch(f"/api/v1/persons/{child.pk}/", {"first_name": "X"},
                        content_type="application/json").status_code == 404
    assert client.post(f"/casussen/{case.pk}/afsluiten/", {}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CARE_PROVIDER, Role.REGIONAL_CONTACT])
def test_matrix_read_only_roles_get_forbidden_on_family_forms(role):
    user = UserFactory(role=role)
    world = build_world(user, role=InvolvementRole.SUPPORT)
    client = client_for(user)
    family = world["family"]
    for url in (f"/gezinnen/{family.pk}/wijzigen/", f"/gezinnen/{family.pk}/leden/nieuw/",
                f"/gezinnen/{family.pk}/netwerk/nieuw/", f"/casussen/{world['case'].pk}/afsluiten/"):
        assert client.get(url).status_code == 403, url
