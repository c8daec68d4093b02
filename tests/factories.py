"""factory_boy factories for the whole suite: realistic Dutch data, valid BSNs."""

import datetime as dt

import factory
from faker import Faker

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.accounts.models import Contact, Municipality, Organisation, Region, Team, User
from gezinsplan.cases.models import Case, Involvement, InvolvementRole
from gezinsplan.families.models import Family, FamilyRole, NetworkMember, Person, Relationship
from gezinsplan.families.services import name_key

fake = Faker("nl_NL")


def _plain_last_name() -> str:
    """A Dutch surname without an apostrophe ("d' Heripon", "van 't Hek"), so that tests can find a name in a page
    without HTML-escaping it; escaping itself is tested on purpose elsewhere."""
    return fake.last_name().replace("'", "")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = "Haaglanden"
    code = "haaglanden"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    code = factory.Sequence(lambda n: f"{n:04d}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.LOCAL_TEAM


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


ROLE_ORGANISATION = {
    Role.LT_PROFESSIONAL: OrganisationType.LOCAL_TEAM,
    Role.GI_PROTECTOR: OrganisationType.GI,
    Role.BEHAVIOURAL_SCIENTIST: OrganisationType.LOCAL_TEAM,
    Role.TEAM_LEAD: OrganisationType.LOCAL_TEAM,
    Role.JBT_CHAIR: OrganisationType.MUNICIPALITY,
    Role.RVDK_OFFICER: OrganisationType.RVDK,
    Role.CARE_PROVIDER: OrganisationType.CARE_PROVIDER,
    Role.BACK_OFFICE: OrganisationType.MUNICIPALITY,
    Role.REGIONAL_CONTACT: OrganisationType.REGION,
    Role.POLICY_OFFICER: OrganisationType.MUNICIPALITY,
    Role.FUNCTIONAL_ADMIN: OrganisationType.MUNICIPALITY,
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(_plain_last_name)
    role = Role.LT_PROFESSIONAL
    organisation = factory.LazyAttribute(
        lambda o: OrganisationFactory(type=ROLE_ORGANISATION.get(o.role, OrganisationType.LOCAL_TEAM)))
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-1")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    name = factory.LazyFunction(lambda: f"Gezin {_plain_last_name()}")
    municipality = factory.SubFactory(MunicipalityFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family = factory.SubFactory(FamilyFactory)
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(_plain_last_name)
    family_role = FamilyRole.CHILD
    birth_date = factory.LazyFunction(lambda: fake.date_of_birth(minimum_age=1, maximum_age=17))
    bsn = factory.LazyFunction(fake.ssn)
    name_key = factory.LazyAttribute(lambda o: name_key(o.first_name, o.last_name))


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    family = factory.LazyAttribute(lambda o: o.from_person.family)
    from_person = factory.SubFactory(PersonFactory, family_role=FamilyRole.PARENT)
    to_person = factory.SubFactory(PersonFactory, family=factory.SelfAttribute("..from_person.family"))
    kind = "parent_of"


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMember

    family = factory.SubFactory(FamilyFactory)
    name = factory.LazyFunction(fake.name)
    relation = "oma"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    family = factory.SubFactory(FamilyFactory)
    reason = "Zorgen over de veiligheid van de kinderen"
    opened_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=60))


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    case = factory.SubFactory(CaseFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda o: o.user.organisation)
    role = InvolvementRole.LEAD
    start_date = factory.LazyAttribute(lambda o: o.case.opened_on)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.LazyFunction(fake.name)
    function_title = "casusregisseur"
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    phone = "070 123 4567"
    email = factory.LazyFunction(fake.email)
    last_verified = factory.LazyFunction(dt.date.today)


def involve(user, family=None, *, role=InvolvementRole.LEAD, **kwargs) -> Involvement:
    """Put a user on a (new) family's case: the way need-to-know grants access."""
    case = CaseFactory(family=family) if family is not None else CaseFactory()
    return InvolvementFactory(case=case, user=user, role=role, **kwargs)
