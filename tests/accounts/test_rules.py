"""Accounts rules: organisation types and roles, the contact directory, training, availability."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.accounts.models import User
from gezinsplan.cases import services as case_services
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from tests.conftest import client_for
from tests.factories import ContactFactory, MunicipalityFactory, OrganisationFactory, UserFactory, involve


@pytest.mark.django_db
@pytest.mark.parametrize("org_type,ok", [(OrganisationType.MUNICIPALITY, True), (OrganisationType.JBT, True),
                                         (OrganisationType.GI, False), (OrganisationType.VEILIG_THUIS, False),
                                         (OrganisationType.RVDK, False), (OrganisationType.CARE_PROVIDER, False)])
def test_r367_jbt_chair_is_employed_by_the_municipality(org_type, ok):
    """R367: the chair role can only be held by users of a facilitating municipality."""
    user = User(username="voorzitter", role=Role.JBT_CHAIR, organisation=OrganisationFactory(type=org_type))
    if ok:
        user.full_clean(exclude=["password"])
    else:
        with pytest.raises(ValidationError):
            user.full_clean(exclude=["password"])


@pytest.mark.django_db
def test_r698_r321_only_gi_users_hold_youth_protector_roles():
    """R698/R321: a youth protector belongs to a GI; an account belongs to an organisation of a fixed type."""
    lt = OrganisationFactory(type=OrganisationType.LOCAL_TEAM)
    with pytest.raises(ValidationError):
        User(username="x", role=Role.GI_PROTECTOR, organisation=lt).full_clean(exclude=["password"])
    with pytest.raises(ValidationError):
        User(username="y", role=Role.LT_PROFESSIONAL, organisation=None).full_clean(exclude=["password"])
    User(username="z", role=Role.GI_PROTECTOR,
         organisation=OrganisationFactory(type=OrganisationType.GI)).full_clean(exclude=["password"])


@pytest.mark.django_db
def test_r322_directory_is_searchable_filterable_exportable_and_readable_by_professionals():
    """R322: per municipality the professionals of LT and safety partners, searchable and exportable."""
    delft = MunicipalityFactory(name="Delft")
    vt = OrganisationFactory(name="Veilig Thuis Haaglanden", type=OrganisationType.VEILIG_THUIS)
    ContactFactory(name="Ria Veilig", organisation=vt, municipality=delft, function_title="aandachtsfunctionaris")
    ContactFactory(name="Piet Elders")
    reader = UserFactory(role=Role.CARE_PROVIDER)
    client = client_for(reader)
    body = client.get("/account/contactgids/", {"q": "veilig"}).content.decode()
    assert "Ria Veilig" in body and "Piet Elders" not in body
    body = client.get("/account/contactgids/", {"municipality": delft.pk}).content.decode()
    assert "Ria Veilig" in body and "Piet Elders" not in body
    export = client.get("/account/contactgids/", {"organisation": vt.pk, "export": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Gemeente" and rows[1][2] == "Ria Veilig" and len(rows) == 2


@pytest.mark.django_db
def test_r322_only_functional_administrators_maintain_the_directory():
    admin = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    professional = UserFactory()
    assert client_for(professional).get("/account/contactgids/nieuw/").status_code == 403
    municipality = MunicipalityFactory()
    organisation = OrganisationFactory()
    response = client_for(admin).post("/account/contactgids/nieuw/", {
        "name": "Nieuwe Collega", "function_title": "gezinscoach", "organisation": organisation.pk,
        "municipality": municipality.pk, "phone": "06 1234 5678", "email": "nieuw@example.nl",
        "last_verified": dt.date.today().isoformat(), "is_active": "on"})
    assert response.status_code == 302
    assert "Nieuwe Collega" in client_for(professional).get("/account/contactgids/").content.decode()


@pytest.mark.django_db
def test_r324_stale_directory_entries_are_flagged():
    """R324: an entry not verified within the region's review period is flagged."""
    ContactFactory(name="Oud Contact", last_verified=dt.date.today() - dt.timedelta(days=400))
    ContactFactory(name="Vers Contact")
    body = client_for(UserFactory()).get("/account/contactgids/").content.decode()
    assert body.count("verouderd") == 1


@pytest.mark.django_db
def test_r266_untrained_professional_gets_a_warning_when_assigned():
    """R266: assigning a professional without Beter Samenspel training shows a warning."""
    lead = UserFactory()
    case = involve(lead).case
    untrained = UserFactory(role=Role.GI_PROTECTOR, training_status="none")
    _inv, warnings = case_services.involvement_add(actor=lead, case=case, user=untrained, role="expert",
                                                   start_date=case.opened_on)
    assert warnings and "training" in warnings[0]
    trained = UserFactory(role=Role.GI_PROTECTOR, training_status="trained")
    _inv, warnings = case_services.involvement_add(actor=lead, case=case, user=trained, role="support",
                                                   start_date=case.opened_on)
    assert warnings == []


@pytest.mark.django_db
def test_r064_availability_of_each_involved_professional_is_visible_on_the_case():
    """R064: recorded reachability agreements are visible to all parties on the case."""
    lead = UserFactory(availability="ma-do, belmoment 9-10 uur", phone="070 111 2222")
    case = involve(lead).case
    colleague = UserFactory()
    involve(colleague, case.family, role="support")
    body = client_for(colleague).get(f"/casussen/{case.pk}/").content.decode()
    assert "belmoment 9-10 uur" in body and "070 111 2222" in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REGIONAL_CONTACT, Role.CARE_PROVIDER])
def test_r424_regional_contact_and_care_provider_never_edit_case_content(role):
    """R424: the regional contact person has no edit rights on case content (it only brokers contact)."""
    user = UserFactory(role=role)
    family = involve(user, role="support").case.family
    grant = policy.family_grant(user, family)
    assert policy.can(user, Action.VIEW_FAMILY, grant=grant)
    assert not policy.can(user, Action.EDIT_FAMILY, grant=grant)
    assert client_for(user).get(f"/gezinnen/{family.pk}/wijzigen/").status_code == 403


@pytest.mark.django_db
def test_demo_users_respect_the_role_rules(settings):
    from django.core.management import call_command

    settings.DEMO_MODE = True
    call_command("load_demo", verbosity=0)
    for user in User.objects.select_related("organisation", "team"):
        user.full_clean(exclude=["password"])
