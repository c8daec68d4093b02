from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from gezinsplan.accounts.constants import PORTAL_ROLES, ROLE_ORGANISATION_TYPES, OrganisationType, Role
from gezinsplan.accounts.models import FixedProtector, Municipality, Organisation, Region, User
from gezinsplan.cases.models import Involvement
from gezinsplan.core import policy
from gezinsplan.demo import data
from gezinsplan.demo.management.commands.load_demo import row_counts
from gezinsplan.families import services as family_services
from gezinsplan.families.models import Family, FamilyRole, NetworkMember, Person, Relationship, RelationshipKind

ZOETERMEER = "Gezin Annette (Zoetermeer)"
DELFT = "Gezin Kemal en Nathalie (Delft)"
WESTLAND = "Gezin Milena (Westland)"
DEN_HAAG = "Gezin Nadia en Daan (Den Haag)"
STORY_FAMILIES = {ZOETERMEER, DELFT, WESTLAND, DEN_HAAG}


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    return load()


def user(username: str) -> User:
    return User.objects.get(username=username)


def visible(username: str) -> set[str]:
    return set(policy.visible_families(user(username)).values_list("name", flat=True))


def family(name: str) -> Family:
    return Family.objects.get(name=name)


def person(family_name: str, first_name: str) -> Person:
    return Person.objects.get(family__name=family_name, first_name=first_name)


def parents_of(child: Person) -> set[str]:
    return set(Relationship.objects.filter(kind=RelationshipKind.PARENT_OF, to_person=child)
               .values_list("from_person__first_name", flat=True))


# --- The command --------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_loading_twice_gives_the_same_row_counts(demo):
    through = (Organisation.municipalities.through, User.municipalities.through)
    first = row_counts() | {model.__name__: model.objects.count() for model in through}
    assert first["gezinnen"] == len(data.FAMILIES)
    load()
    assert row_counts() | {model.__name__: model.objects.count() for model in through} == first


@pytest.mark.django_db
def test_a_demo_row_removed_in_the_app_comes_back_on_reload(demo):
    Person.all_objects.filter(first_name="Nelle").update(removed_at=timezone.now(), removal_reason="test")
    load()
    assert person(ZOETERMEER, "Nelle").removal_reason == ""
    assert Person.all_objects.filter(first_name="Nelle").count() == 1


@pytest.mark.django_db
def test_prints_a_summary_and_the_logins_table(demo):
    assert "Demogegevens geladen." in demo
    assert data.DEFAULT_PASSWORD in demo
    for user_data in data.USERS:
        assert user_data.username in demo


@pytest.mark.django_db
def test_password_option_sets_every_demo_password(settings):
    settings.DEMO_MODE = True
    load(password="ander-geheim-1")
    assert all(u.check_password("ander-geheim-1") for u in User.objects.all())


@pytest.mark.django_db
def test_refuses_outside_debug_and_demo_mode(settings):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        load()
    assert not User.objects.exists()


# --- Organisations, regions and people -----------------------------------------------------------------

@pytest.mark.django_db
def test_every_role_except_parent_and_youth_has_a_demo_user(demo):
    roles = set(User.objects.values_list("role", flat=True))
    assert set(Role.values) - set(PORTAL_ROLES) <= roles


@pytest.mark.django_db
def test_R286_organisations_are_seeded_and_typed_with_the_three_gis(demo):
    assert set(Organisation.objects.values_list("type", flat=True)) == set(OrganisationType.values)
    gis = set(Organisation.objects.filter(type=OrganisationType.GI).values_list("name", flat=True))
    assert gis == {
        "Jeugdbescherming west",
        "Leger des Heils Jeugdbescherming en Reclassering",
        "William Schrikker Stichting Jeugdbescherming & Jeugdreclassering",
    }
    assert Organisation.objects.get(name="Delft Support").type == OrganisationType.LOCAL_TEAM
    assert Organisation.objects.get(name="Sociaal Kernteam Westland").type == OrganisationType.LOCAL_TEAM


@pytest.mark.django_db
def test_R286_R321_professionals_belong_to_one_organisation_of_a_fitting_type(demo):
    for u in User.objects.exclude(role__in=PORTAL_ROLES).select_related("organisation"):
        assert u.organisation is not None, u.username
        assert u.organisation.type in ROLE_ORGANISATION_TYPES[u.role], u.username
        if u.team_id:
            assert u.team.organisation_id == u.organisation_id, u.username


@pytest.mark.django_db
def test_R268_case_professional_title_per_municipality(demo):
    titles = dict(Municipality.objects.values_list("name", "case_professional_title"))
    assert titles["Zoetermeer"] == "casusregisseur"
    assert titles["Delft"] == "casuscoördinator"
    assert titles["Westland"] == "zorgregisseur"
    assert titles["Den Haag"] == "gezinscoach"


@pytest.mark.django_db
def test_haaglanden_has_its_ten_municipalities_with_cbs_codes(demo):
    haaglanden = Region.objects.get(code="haaglanden")
    codes = set(haaglanden.municipalities.values_list("code", flat=True))
    assert len(codes) == 10
    assert all(len(code) == 4 and code.isdigit() for code in codes)
    assert Municipality.objects.get(name="Zoetermeer").code == "0637"


@pytest.mark.django_db
def test_R323_central_municipality_owns_the_directory_in_the_nijmegen_region(demo):
    region = Region.objects.get(code="rijk-van-nijmegen")
    assert region.central_municipality.name == "Nijmegen"
    assert region.directory_owner.name == "Gemeente Nijmegen"
    assert region.directory_owner.type == OrganisationType.MUNICIPALITY
    assert Region.objects.filter(directory_owner__isnull=True).count() == 0


@pytest.mark.django_db
def test_R004_R204_fixed_protectors_are_gi_protectors_linked_to_the_story_municipalities(demo):
    links = FixedProtector.objects.select_related("protector__organisation", "municipality")
    assert links.exists()
    for link in links:
        assert link.protector.role == Role.GI_PROTECTOR
        assert link.protector.organisation.type == OrganisationType.GI
    jb_west = set(links.filter(protector__username="jeugdbeschermer.jbwest")
                  .values_list("municipality__name", flat=True))
    assert jb_west == set(data.STORY_MUNICIPALITIES)


# --- Families ------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_R300_all_children_of_each_story_are_registered(demo):
    expected = {
        ZOETERMEER: {"Nelle", "Lisa"},
        DELFT: {"Ibrahim", "Adil", "Erkan", "Elif"},
        WESTLAND: {"Kristina", "Nikolai", "Ivan"},
        DEN_HAAG: {"Chris", "Lotte", "Emma"},
    }
    for name, children in expected.items():
        registered = set(family(name).persons.filter(family_role=FamilyRole.CHILD)
                         .values_list("first_name", flat=True))
        assert registered == children, name


@pytest.mark.django_db
def test_no_invented_surnames_or_birth_dates(demo):
    assert not Person.objects.exclude(last_name="").exists()
    assert not Person.objects.filter(birth_date__isnull=False).exists()


@pytest.mark.django_db
def test_R244_the_unborn_child_in_zoetermeer(demo):
    lisa = person(ZOETERMEER, "Lisa")
    assert lisa.is_unborn
    assert lisa.expected_birth_date > policy.today()
    assert parents_of(lisa) == {"Annette", "Berend"}


@pytest.mark.django_db
def test_R245_half_siblings_have_different_parents(demo):
    chris, lotte, emma = (person(DEN_HAAG, n) for n in ("Chris", "Lotte", "Emma"))
    assert parents_of(chris) == {"Nadia", "Henk"}
    assert parents_of(lotte) == parents_of(emma) == {"Nadia", "Daan"}
    half = Relationship.objects.filter(kind=RelationshipKind.HALF_SIBLING, from_person=chris)
    assert set(half.values_list("to_person__first_name", flat=True)) == {"Lotte", "Emma"}
    nelle, lisa = person(ZOETERMEER, "Nelle"), person(ZOETERMEER, "Lisa")
    assert parents_of(nelle) & parents_of(lisa) == {"Annette"}
    assert Relationship.objects.filter(kind=RelationshipKind.HALF_SIBLING, from_person=nelle, to_person=lisa).exists()
    # Ex-partners and a new partner are modelled too.
    assert Relationship.objects.filter(kind=RelationshipKind.FORMER_PARTNER, family__name=DEN_HAAG).count() == 2


@pytest.mark.django_db
def test_den_haag_referral_covers_only_the_children_registered_in_den_haag(demo):
    referred = set(family(DEN_HAAG).persons.filter(is_referred=True).values_list("first_name", flat=True))
    assert referred == {"Lotte", "Emma"}


@pytest.mark.django_db
def test_demo_rows_pass_the_checks_of_the_family_services(demo):
    for p in Person.objects.all():
        family_services._check_person(p)
    for rel in Relationship.objects.select_related("from_person", "to_person"):
        family_services._check_relationship(rel)
    for member in NetworkMember.objects.select_related("child"):
        family_services._check_member(member)


@pytest.mark.django_db
def test_every_family_has_one_open_case_with_a_lead(demo):
    for f in Family.objects.all():
        cases = list(f.cases.all())
        assert len(cases) == 1, f.name
        assert cases[0].status == "open"
        leads = policy.active_involvements().filter(case=cases[0], role="lead")
        assert leads.count() == 1, f.name


@pytest.mark.django_db
def test_involvements_are_on_behalf_of_the_users_organisation(demo):
    for inv in Involvement.objects.select_related("user"):
        assert inv.organisation_id == inv.user.organisation_id


# --- Need-to-know: different logins see different families ---------------------------------------------

@pytest.mark.django_db
def test_zoetermeer_casusregisseur_sees_zoetermeer_and_not_delft(demo):
    seen = visible("casusregisseur.zoetermeer")
    assert ZOETERMEER in seen
    assert DELFT not in seen
    assert seen == {ZOETERMEER}


@pytest.mark.django_db
def test_each_local_team_professional_sees_only_their_own_story(demo):
    assert visible("casuscoordinator.delft") == {DELFT}
    assert visible("zorgregisseur.westland") == {WESTLAND}
    assert visible("gezinscoach.denhaag") == {DEN_HAAG}


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["beleid", "beheer", "ouder.annette"])
def test_policy_officer_functional_admin_and_parent_see_no_family(demo, username):
    assert visible(username) == set()


@pytest.mark.django_db
def test_gi_protectors_see_exactly_the_families_where_a_gi_is_involved(demo):
    gi_involved = set(policy.active_involvements().filter(organisation__type=OrganisationType.GI)
                      .values_list("case__family__name", flat=True))
    seen = set()
    for u in User.objects.filter(role=Role.GI_PROTECTOR):
        seen |= visible(u.username)
    assert seen == gi_involved
    assert visible("jeugdbeschermer.jbwest") == STORY_FAMILIES
    assert visible("jeugdbeschermer.ots.jbwest") == {f.name for f in data.JB_WEST_FAMILIES}
    assert visible("jeugdbeschermer.ldh") == set()


@pytest.mark.django_db
def test_team_lead_sees_what_their_team_is_involved_in(demo):
    assert visible("teamleider.jgh") == {ZOETERMEER}
    assert visible("teamleider.jbwest") == {f.name for f in data.FAMILIES}


@pytest.mark.django_db
def test_ended_involvements_grant_nothing(demo):
    # The JBT chair and the council officer took part in Westland earlier; only Den Haag is current.
    assert visible("voorzitter.jbt") == {DEN_HAAG}
    assert visible("raadsmedewerker") == {DEN_HAAG}
    assert Involvement.objects.filter(user__username="voorzitter.jbt", case__family__name=WESTLAND).exists()
