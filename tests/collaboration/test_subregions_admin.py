"""Functional administrators keep the subregions (R326) and switch the local learning groups per region (R325)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.accounts.constants import Role
from gezinsplan.collaboration import learning_services
from gezinsplan.collaboration.learning import CollaborationMeeting, RegionLearning, Subregion
from tests.collaboration.conftest import TODAY
from tests.conftest import client_for
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory

LIST = "/samenwerking/beheer/subregios/"


@pytest.fixture
def haaglanden(db):
    region = RegionFactory(name="Haaglanden", code="haaglanden")
    towns = {
        n: MunicipalityFactory(name=n, code=c, region=region)
        for n, c in (("Delft", "0503"), ("Midden-Delfland", "1842"), ("Westland", "1783"))
    }
    return region, towns


def test_r326_admin_creates_and_edits_subregions_with_dutch_errors(haaglanden):
    """R326: a subregion has a name unique in its region and municipalities of that region, each in one subregion."""
    region, towns = haaglanden
    other = MunicipalityFactory(
        name="Nijmegen", code="0268", region=RegionFactory(name="Rijk van Nijmegen", code="rvn")
    )
    admin = client_for(UserFactory(role=Role.FUNCTIONAL_ADMIN))
    assert admin.get(LIST).status_code == 200
    add = "/samenwerking/beheer/subregios/nieuw/"
    response = admin.post(add, {"region": region.pk, "name": "", "municipalities": []})
    body = response.content.decode()
    assert response.status_code == 200 and "Controleer de invoer" in body
    response = admin.post(
        add, {"region": region.pk, "name": "Delft e.o.", "municipalities": [towns["Delft"].pk, other.pk]}
    )
    assert "Deze gemeenten horen niet bij regio Haaglanden: Nijmegen." in response.content.decode()
    response = admin.post(
        add,
        {"region": region.pk, "name": "Delft e.o.", "municipalities": [towns["Delft"].pk, towns["Midden-Delfland"].pk]},
    )
    assert response.status_code == 302
    delft = Subregion.objects.get(name="Delft e.o.")
    response = admin.post(add, {"region": region.pk, "name": "delft E.O.", "municipalities": [towns["Westland"].pk]})
    assert "Regio Haaglanden heeft al een subregio met deze naam." in response.content.decode()
    response = admin.post(
        add, {"region": region.pk, "name": "Westland", "municipalities": [towns["Westland"].pk, towns["Delft"].pk]}
    )
    assert "Al ingedeeld: Delft (Delft e.o.)" in response.content.decode()
    edit = f"/samenwerking/beheer/subregios/{delft.pk}/"
    assert "Midden-Delfland" in admin.get(edit).content.decode()
    response = admin.post(
        edit, {"region": region.pk, "name": "Delft en omstreken", "municipalities": [towns["Delft"].pk]}
    )
    assert response.status_code == 302
    delft.refresh_from_db()
    assert delft.name == "Delft en omstreken" and [m.name for m in delft.municipalities.all()] == ["Delft"]
    page = admin.get(LIST).content.decode()
    assert "Delft en omstreken" in page and "Lokale leergroepen aan in Haaglanden" in page


def test_r325_admin_switches_learning_groups_per_region_and_others_may_not(haaglanden):
    """R325: the switch per region; only functional administrators see and use these screens."""
    region, towns = haaglanden
    admin_user = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    subregion = learning_services.subregion_save(
        actor=admin_user, region=region, name="Westland", municipalities=[towns["Westland"]]
    )
    admin = client_for(admin_user)
    url = f"/samenwerking/beheer/regios/{region.pk}/leren/"
    assert admin.post(url, {f"r{region.pk}-enabled": "on"}).status_code == 302
    assert RegionLearning.objects.get(region=region).learning_groups_enabled
    blockers = learning_services.learning_groups_blockers(subregion, TODAY)
    assert not any("staan voor regio" in b for b in blockers)
    admin.post(url, {})
    assert not RegionLearning.objects.get(region=region).learning_groups_enabled
    professional = client_for(UserFactory(role=Role.TEAM_LEAD))
    assert professional.get(LIST).status_code == 403
    assert professional.post(url, {f"r{region.pk}-enabled": "on"}).status_code == 403
    assert professional.get(f"/samenwerking/beheer/subregios/{subregion.pk}/").status_code == 403
    CollaborationMeeting.objects.create(
        subregion=subregion, planned_on=TODAY, title="Kennismaking", organised_by=admin_user
    )
    other_region = RegionFactory(name="Rijk van Nijmegen", code="rvn")
    response = admin.post(
        f"/samenwerking/beheer/subregios/{subregion.pk}/",
        {
            "region": other_region.pk,
            "name": "Westland",
            "municipalities": [MunicipalityFactory(region=other_region, name="Wijchen", code="0296").pk],
        },
    )
    assert "de regio kan niet meer veranderen" in response.content.decode()


def test_subregions_list_query_count_does_not_grow(haaglanden):
    region, _towns = haaglanden
    admin_user = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    client = client_for(admin_user)

    def count() -> int:
        client.get(LIST)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    learning_services.subregion_save(
        actor=admin_user, region=region, name="Delft e.o.", municipalities=[_towns["Delft"]]
    )
    base = count()
    for i in range(4):
        other = RegionFactory(name=f"Regio {i}", code=f"r{i}")
        for j in range(3):
            m = MunicipalityFactory(region=other, name=f"Gemeente {i}-{j}", code=f"9{i}{j}")
            learning_services.subregion_save(actor=admin_user, region=other, name=f"Sub {j}", municipalities=[m])
        learning_services.region_learning_set(actor=admin_user, region=other, enabled=True)
    assert count() == base
