"""Values for the keyword arguments of family-data URLs, so tests can walk every such URL.

Each app that adds a URL keyword argument adds a builder here: `name: lambda world: value`, where `world` is the
dict made by `build_world` (user, family, case, involvement, parent, child, ...). Builders may create rows.
"""

from tests.factories import NetworkMemberFactory, PersonFactory, RelationshipFactory, involve


def build_world(user, *, role="lead") -> dict:
    inv = involve(user, role=role)
    family = inv.case.family
    parent = PersonFactory(family=family, family_role="parent", birth_date=None)
    child = PersonFactory(family=family)
    return {"user": user, "involvement": inv, "case": inv.case, "family": family, "parent": parent,
            "child": child}


BUILDERS = {
    "family_id": lambda w: w["family"].pk,
    "case_id": lambda w: w["case"].pk,
    "involvement_id": lambda w: w["involvement"].pk,
    "person_id": lambda w: w["child"].pk,
    "relationship_id": lambda w: RelationshipFactory(family=w["family"], from_person=w["parent"],
                                                     to_person=w["child"]).pk,
    "member_id": lambda w: NetworkMemberFactory(family=w["family"]).pk,
}

# API detail routes take a generic record_id: which builder serves it, by the route's collection name.
RECORD_ID_BY_COLLECTION = {"persons": "person_id", "relationships": "relationship_id",
                           "network-members": "member_id"}


def value_for(name: str, route: str, world: dict, cache: dict):
    if name == "record_id":
        parts = [p for p in route.split("/") if p and not p.startswith("<")]
        name = RECORD_ID_BY_COLLECTION[parts[-1]]
    if name not in cache:
        cache[name] = BUILDERS[name](world)
    return cache[name]
