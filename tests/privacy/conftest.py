import datetime as dt

import pytest

from gezinsplan.families.models import RelationshipKind
from tests.factories import PersonFactory, RelationshipFactory, UserFactory, involve


def born_years_ago(years: int, *, days_extra: int = 30) -> dt.date:
    today = dt.date.today()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:
        day = today.replace(year=today.year - years, day=28)
    return day - dt.timedelta(days=days_extra)


@pytest.fixture
def lead(db):
    return UserFactory(username="regisseur")


@pytest.fixture
def household(lead):
    """A family with a mother (custody), a father (no custody), a child of 8, one of 13 and one of 17."""
    family = involve(lead).case.family
    mother = PersonFactory(family=family, family_role="parent", first_name="Sandra", last_name="Verhoef",
                           birth_date=dt.date(1985, 1, 1))
    father = PersonFactory(family=family, family_role="parent", first_name="Kevin", last_name="Verhoef",
                           birth_date=dt.date(1983, 1, 1))
    kids = {}
    for name, age in (("Mila", 8), ("Daan", 13), ("Noor", 17)):
        kid = PersonFactory(family=family, first_name=name, last_name="Verhoef", birth_date=born_years_ago(age))
        RelationshipFactory(family=family, from_person=mother, to_person=kid, kind=RelationshipKind.PARENT_OF,
                            has_custody=True)
        RelationshipFactory(family=family, from_person=father, to_person=kid, kind=RelationshipKind.PARENT_OF,
                            has_custody=False)
        kids[name] = kid
    return {"family": family, "mother": mother, "father": father, **kids}
