"""Genogram and sociogram drawn as SVG from plain objects: no database needed (R557, R245, R244, R141)."""

import re
import time
import xml.etree.ElementTree as ET
from datetime import date
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gezinsplan.families import diagrams
from gezinsplan.families.diagrams import genogram_svg, sociogram_svg
from gezinsplan.families.models import FamilyRole, NetworkGroup, RelationshipKind, Support

NS = "{http://www.w3.org/2000/svg}"
EMPTY = "Nog geen gezinsleden vastgelegd."


def person(pk, first, last="", *, gender="x", role=FamilyRole.CHILD, age=None, birth_date=None,
           expected=None, referred=False, deceased=False):
    return SimpleNamespace(
        pk=pk, first_name=first, last_name=last, full_name=f"{first} {last}".strip(), gender=gender,
        family_role=role, birth_date=birth_date, expected_birth_date=expected,
        is_unborn=birth_date is None and expected is not None, deceased=deceased, age=age, is_referred=referred,
    )


def rel(a, b, kind, *, custody=False, note=""):
    return SimpleNamespace(from_person_id=a, to_person_id=b, kind=kind, has_custody=custody, note=note)


def member(name, *, relation="", group=NetworkGroup.FAMILY, support=Support.UNKNOWN, child_id=None, frequency=""):
    return SimpleNamespace(name=name, relation=relation, group=group, support=support, child_id=child_id,
                           contact_frequency=frequency)


ANNETTE, BEREND, NELLE, LISA, FATHER = 1, 2, 3, 4, 5


def zoetermeer():
    """The Zoetermeer family of the seed stories: Annette, Berend, Nelle (5) and the unborn Lisa."""
    persons = [
        person(ANNETTE, "Annette", "de Wit", gender="v", role=FamilyRole.PARENT, age=31),
        person(BEREND, "Berend", "Smit", gender="m", role=FamilyRole.PARTNER, age=34),
        person(NELLE, "Nelle", "de Wit", gender="v", age=5, birth_date=date(2020, 3, 1), referred=True),
        person(LISA, "Lisa", "Smit", gender="v", expected=date(2026, 11, 22)),
        person(FATHER, "vader van Nelle", gender="m", role=FamilyRole.PARENT),
    ]
    relationships = [
        rel(ANNETTE, BEREND, RelationshipKind.PARTNER),
        rel(ANNETTE, FATHER, RelationshipKind.FORMER_PARTNER),
        rel(ANNETTE, NELLE, RelationshipKind.PARENT_OF, custody=True),
        rel(FATHER, NELLE, RelationshipKind.PARENT_OF),
        rel(ANNETTE, LISA, RelationshipKind.PARENT_OF),
        rel(BEREND, LISA, RelationshipKind.PARENT_OF),
        rel(BEREND, ANNETTE, RelationshipKind.CONFLICT, note="huiselijk geweld; contactverbod"),
        rel(FATHER, ANNETTE, RelationshipKind.CONFLICT, note="huiselijk geweld in het verleden"),
        rel(NELLE, FATHER, RelationshipKind.CUT_OFF, note="vader niet in beeld"),
    ]
    network = [
        member("Oma Truus", relation="moeder van Annette", support=Support.SUPPORTIVE, frequency="wekelijks"),
        member("Vader van Nelle", relation="vader", support=Support.NOT_SUPPORTIVE, child_id=NELLE),
        member("Buurvrouw Ans", relation="buurvrouw", group=NetworkGroup.FRIENDS),
        member("Verloskundige", relation="verloskundige", group=NetworkGroup.PROFESSIONAL,
               support=Support.SUPPORTIVE, child_id=LISA),
        member("BSO De Regenboog", relation="buitenschoolse opvang", group=NetworkGroup.PROFESSIONAL,
               child_id=NELLE, frequency="dagelijks"),
    ]
    return persons, relationships, network


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def all_text(root: ET.Element) -> str:
    return " ".join(root.itertext())


def classed(root: ET.Element, css: str) -> list[ET.Element]:
    return [el for el in root.iter() if css in (el.get("class") or "").split()]


def person_groups(root: ET.Element) -> dict[str, ET.Element]:
    """Person symbols keyed by full name (the start of their tooltip)."""
    found = {}
    for el in classed(root, "genogram-person"):
        title = el.find(f"{NS}title").text
        found[title.split(":")[0]] = el
    return found


def position(el: ET.Element) -> tuple[float, float]:
    x, y = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", el.get("transform")).groups()
    return float(x), float(y)


def test_r557_genogram_and_sociogram_render_from_the_data():
    """R557: the family record has a genogram and a sociogram, both drawn from the recorded data."""
    persons, relationships, network = zoetermeer()
    genogram = genogram_svg(persons=persons, relationships=relationships)
    sociogram = sociogram_svg(family_name="Gezin De Wit", persons=persons, network_members=network)

    for diagram, names in ((genogram, [p.full_name for p in persons]),
                           (sociogram, [p.full_name for p in persons] + [m.name for m in network])):
        root = parse(diagram.svg)
        assert root.get("role") == "img"
        title_id, desc_id = root.get("aria-labelledby").split()
        assert root.find(f"{NS}title").get("id") == title_id
        assert root.find(f"{NS}desc").get("id") == desc_id
        assert root.get("viewBox").startswith("0 0 ")
        text = all_text(root)
        for name in names:
            assert name in text
        assert not diagram.empty
        assert diagram.text_alternative
        assert str(diagram.html) == diagram.svg

    root = parse(genogram.svg)
    assert len(person_groups(root)) == 5
    assert classed(root, "gezinsplan-legend")
    assert classed(root, "genogram-rel--partner")
    assert classed(root, "genogram-rel--conflict")
    assert classed(root, "genogram-rel--cut_off")
    assert "Annette de Wit (moeder) is partner van Berend Smit." in genogram.text_alternative

    root = parse(sociogram.svg)
    assert len(classed(root, "sociogram-member")) == len(network)
    assert len(classed(root, "sociogram-person")) == len(persons)
    assert classed(root, "sociogram-edge--yes") and classed(root, "sociogram-edge--no")
    assert classed(root, "sociogram-edge--unknown")
    assert sociogram.text_alternative[0] == "Sociogram van Gezin De Wit."
    assert ("Oma Truus (moeder van Annette; Familie) is steunend voor het hele gezin. Contact: wekelijks."
            in sociogram.text_alternative)
    assert "Vader van Nelle (vader; Familie) is niet steunend voor Nelle de Wit." in sociogram.text_alternative


def test_r245_half_sisters_from_different_fathers_and_a_former_partner():
    """R245: Nelle (father not in the picture) and Lisa (Annette and Berend) are half-sisters; the
    former partner is drawn and named."""
    persons, relationships, _network = zoetermeer()
    diagram = genogram_svg(persons=persons, relationships=relationships)
    root = parse(diagram.svg)

    assert classed(root, "genogram-rel--former_partner")
    assert "Annette de Wit (moeder) is ex-partner van vader van Nelle." in diagram.text_alternative
    assert ("Nelle de Wit en Lisa Smit zijn halfzussen; hun gemeenschappelijke ouder is Annette de Wit."
            in diagram.text_alternative)

    at = {name: position(el) for name, el in person_groups(root).items()}
    father, annette, berend = at["vader van Nelle"], at["Annette de Wit"], at["Berend Smit"]
    nelle, lisa = at["Nelle de Wit"], at["Lisa Smit"]
    assert father[1] == annette[1] == berend[1] < nelle[1] == lisa[1]  # parents above, children below
    assert father[0] < annette[0] < berend[0]  # the mother between her former and her current partner
    # Each child hangs under the middle of her own parents' line.
    assert nelle[0] == pytest.approx((father[0] + annette[0]) / 2, abs=1)
    assert lisa[0] == pytest.approx((annette[0] + berend[0]) / 2, abs=1)


def test_r245_half_siblings_without_recorded_parents_get_their_own_line():
    """R245: a half-sibling relation is drawn when no shared parent shows it, and is implied otherwise."""
    persons = [person(1, "Chris", gender="m", age=6), person(2, "Lotte", gender="v", age=4)]
    diagram = genogram_svg(persons=persons, relationships=[rel(1, 2, RelationshipKind.HALF_SIBLING)])
    assert classed(parse(diagram.svg), "genogram-rel--half_sibling")
    assert "Chris (6 jaar) is halfbroer van Lotte." in diagram.text_alternative

    persons, relationships, _network = zoetermeer()
    relationships.append(rel(NELLE, LISA, RelationshipKind.HALF_SIBLING))
    diagram = genogram_svg(persons=persons, relationships=relationships)
    assert not classed(parse(diagram.svg), "genogram-rel--half_sibling")  # the mother's lines show it
    assert "Nelle de Wit (5 jaar, aangemeld kind) is halfzus van Lisa Smit." in diagram.text_alternative


def test_r244_unborn_child_is_drawn_as_a_triangle():
    """R244: an unborn child is a family member, drawn as a small triangle with its expected date."""
    persons, relationships, _network = zoetermeer()
    diagram = genogram_svg(persons=persons, relationships=relationships)
    lisa = person_groups(parse(diagram.svg))["Lisa Smit"]
    assert "genogram-person--triangle" in lisa.get("class")
    assert lisa.find(f"{NS}path").get("d").count("L") == 2  # three corners
    assert "ongeboren, verwacht" in all_text(lisa)
    assert "Lisa Smit: dochter, ongeboren, verwacht op 22 november 2026." in diagram.text_alternative
    assert "Lisa Smit (ongeboren) is kind van Berend Smit." in diagram.text_alternative


def test_symbols_follow_gender_and_status():
    persons = [
        person(1, "Piet", gender="m", role=FamilyRole.PARENT, deceased=True),
        person(2, "Joke", gender="v", role=FamilyRole.PARENT),
        person(3, "Sam", gender="x", age=9, referred=True),
    ]
    groups = person_groups(parse(genogram_svg(persons=persons, relationships=[]).svg))
    assert groups["Piet"].find(f"{NS}rect") is not None
    assert "genogram-person--deceased" in groups["Piet"].get("class")
    assert len(groups["Piet"].findall(f"{NS}path")) == 1  # the cross
    assert groups["Joke"].find(f"{NS}circle") is not None
    assert "genogram-person--diamond" in groups["Sam"].get("class")
    assert len(groups["Sam"].findall(f"{NS}path")) == 2  # double outline
    assert "genogram-person--referred" in groups["Sam"].get("class")


KIND_WORDS = {
    RelationshipKind.PARTNER: "is partner van",
    RelationshipKind.FORMER_PARTNER: "is ex-partner van",
    RelationshipKind.PARENT_OF: "is kind van",
    RelationshipKind.STEP_PARENT_OF: "is stiefkind van",
    RelationshipKind.SIBLING: "is zus van",
    RelationshipKind.HALF_SIBLING: "is halfbroer van",
    RelationshipKind.CONFLICT: "hebben conflict",
    RelationshipKind.CUT_OFF: "hebben geen contact",
}


def test_text_alternative_mentions_every_relationship():
    persons = [
        person(1, "Anna", gender="v", role=FamilyRole.PARENT), person(2, "Bert", gender="m", role=FamilyRole.PARENT),
        person(3, "Carla", gender="v", role=FamilyRole.RELATIVE), person(4, "Dirk", gender="m", age=7),
        person(5, "Eva", gender="v", age=9), person(6, "Fred", gender="m", role=FamilyRole.STEP_PARENT),
        person(7, "Gijs", gender="m", age=3),
    ]
    relationships = [
        rel(1, 2, RelationshipKind.PARTNER), rel(2, 3, RelationshipKind.FORMER_PARTNER),
        rel(1, 4, RelationshipKind.PARENT_OF, custody=True), rel(6, 5, RelationshipKind.STEP_PARENT_OF),
        rel(5, 4, RelationshipKind.SIBLING), rel(7, 4, RelationshipKind.HALF_SIBLING),
        rel(3, 1, RelationshipKind.CONFLICT), rel(6, 2, RelationshipKind.CUT_OFF),
    ]
    diagram = genogram_svg(persons=persons, relationships=relationships)
    names = {p.pk: p.full_name for p in persons}
    for r in relationships:
        assert any(names[r.from_person_id] in s and names[r.to_person_id] in s and KIND_WORDS[r.kind] in s
                   for s in diagram.text_alternative), r
    assert "Dirk (7 jaar) is kind van Anna; Anna heeft gezag." in diagram.text_alternative
    for p in persons:  # and every person has a sentence of their own
        assert any(s.startswith(f"{p.full_name}: ") for s in diagram.text_alternative)
    # Every drawn relation kind is in the legend.
    legend = all_text(classed(parse(diagram.svg), "gezinsplan-legend")[0])
    for word in ("partners", "ex-partners", "ouder en kind", "stiefouder en stiefkind", "broer of zus",
                 "halfbroer of halfzus", "conflict", "geen contact (breuk)"):
        assert word in legend


def test_mirrored_duplicates_self_loops_and_missing_persons_are_left_out():
    persons = [person(1, "Anna", gender="v", role=FamilyRole.PARENT), person(2, "Bert", gender="m",
                                                                               role=FamilyRole.PARENT)]
    relationships = [rel(1, 2, RelationshipKind.PARTNER), rel(2, 1, RelationshipKind.PARTNER),
                     rel(1, 1, RelationshipKind.CONFLICT), rel(1, 99, RelationshipKind.PARENT_OF),
                     rel(1, 2, "unknown-kind")]
    diagram = genogram_svg(persons=persons, relationships=relationships)
    assert [s for s in diagram.text_alternative if "partner" in s] == ["Anna (moeder) is partner van Bert."]
    assert len(classed(parse(diagram.svg), "genogram-rel")) == 1


def test_custody_is_shown_under_the_child():
    persons, relationships, _network = zoetermeer()
    root = parse(genogram_svg(persons=persons, relationships=relationships).svg)
    assert "gezag: Annette" in all_text(person_groups(root)["Nelle de Wit"])
    assert "gezag" not in all_text(person_groups(root)["Lisa Smit"])


def test_parent_cycles_do_not_break_the_drawing():
    persons = [person(1, "A", role=FamilyRole.PARENT), person(2, "B"), person(3, "C")]
    relationships = [rel(1, 2, RelationshipKind.PARENT_OF), rel(2, 3, RelationshipKind.PARENT_OF),
                     rel(3, 1, RelationshipKind.PARENT_OF), rel(2, 1, RelationshipKind.STEP_PARENT_OF)]
    diagram = genogram_svg(persons=persons, relationships=relationships)
    root = parse(diagram.svg)
    ys = {name: position(el)[1] for name, el in person_groups(root).items()}
    assert ys["A"] < ys["B"] < ys["C"]
    assert len([s for s in diagram.text_alternative if "kind van" in s]) == 4


SCRIPT = "<script>alert(1)</script>"


def test_user_text_is_escaped_everywhere():
    persons = [
        person(1, SCRIPT, SCRIPT, gender="v", role=FamilyRole.PARENT),
        person(2, "Kind & <b>co</b>", "\"'", age=4, referred=True),
    ]
    relationships = [rel(1, 2, RelationshipKind.PARENT_OF, custody=True, note=SCRIPT)]
    network = [member(SCRIPT, relation=SCRIPT, frequency=SCRIPT, child_id=2, group=SCRIPT, support=SCRIPT)]
    genogram = genogram_svg(persons=persons, relationships=relationships, id_prefix='x"><script>')
    sociogram = sociogram_svg(family_name=SCRIPT, persons=persons, network_members=network)
    for diagram in (genogram, sociogram):
        assert "<script" not in diagram.svg.lower()
        assert "&lt;script&gt;" in diagram.svg
        assert "<b>" not in diagram.svg
        root = parse(diagram.svg)
        assert SCRIPT in all_text(root)
        for template in ("families/includes/genogram.html", "families/includes/sociogram.html"):
            html = render_to_string(template, {"diagram": diagram, "heading_id": "kop"})
            assert "<script" not in html.lower()
            assert "&lt;script&gt;" in html


def test_empty_input_gives_a_small_valid_picture():
    for diagram in (genogram_svg(persons=[], relationships=[rel(1, 2, RelationshipKind.PARTNER)]),
                    sociogram_svg(family_name="Gezin Leeg", persons=[], network_members=[])):
        root = parse(diagram.svg)
        assert EMPTY in all_text(root)
        assert diagram.text_alternative == [EMPTY]
        assert diagram.empty
        assert root.get("role") == "img"


def test_sociogram_without_network_says_so():
    persons, _relationships, _network = zoetermeer()
    diagram = sociogram_svg(family_name="Gezin De Wit", persons=persons, network_members=[])
    parse(diagram.svg)
    assert "Nog geen netwerk vastgelegd." in diagram.text_alternative
    assert diagram.text_alternative[1].startswith("In het midden staat het gezin: Nelle de Wit (5 jaar, aangemeld")


def test_sociogram_groups_each_member_in_its_sector():
    """R141: network members are grouped as Familie, Vrienden (vrijwilligers, vereniging) and professionals."""
    persons, _relationships, network = zoetermeer()
    diagram = sociogram_svg(family_name="Gezin De Wit", persons=persons, network_members=network)
    root = parse(diagram.svg)
    groups = {el.find(f"{NS}title").text.split(" (")[0]: el.get("class") for el in classed(root, "sociogram-member")}
    assert "sociogram-member--family" in groups["Oma Truus"]
    assert "sociogram-member--friends" in groups["Buurvrouw Ans"]
    assert "sociogram-member--professional" in groups["Verloskundige"]
    text = all_text(root)
    for label in ("Familie", "Vrienden, vrijwilligers,", "Professional of"):
        assert label in text
    edges = {el.get("class").split("--")[1]: el.find(f"{NS}path") for el in classed(root, "sociogram-edge")}
    assert edges["yes"].get("stroke") == diagrams.SUPPORT_GREEN and edges["yes"].get("stroke-dasharray") is None
    assert edges["no"].get("stroke") == diagrams.NOT_SUPPORTIVE_RED and edges["no"].get("stroke-dasharray")
    assert edges["unknown"].get("stroke") == diagrams.UNKNOWN_GREY


def test_same_input_gives_the_same_picture():
    first = genogram_svg(persons=zoetermeer()[0], relationships=zoetermeer()[1])
    second = genogram_svg(persons=zoetermeer()[0], relationships=zoetermeer()[1])
    assert first == second
    persons, _relationships, network = zoetermeer()
    assert (sociogram_svg(family_name="G", persons=persons, network_members=network)
            == sociogram_svg(family_name="G", persons=zoetermeer()[0], network_members=zoetermeer()[2]))


def test_templates_show_the_picture_and_the_text_version():
    persons, relationships, network = zoetermeer()
    diagram = genogram_svg(persons=persons, relationships=relationships)
    html = render_to_string("families/includes/genogram.html", {"diagram": diagram, "heading_id": "genogram-kop"})
    assert '<figure class="gp-diagram gp-diagram--genogram" aria-labelledby="genogram-kop">' in html
    assert 'id="genogram-kop"' in html
    assert diagram.svg in html
    assert "<summary>Tekstversie</summary>" in html
    assert html.count("<li ") == len(diagram.text_alternative)
    html = render_to_string("families/includes/sociogram.html", {
        "diagram": sociogram_svg(family_name="G", persons=persons, network_members=network),
        "heading_id": "sociogram-kop"})
    assert 'aria-labelledby="sociogram-kop"' in html and "<details" in html
    assert 'id="genogram-svg-title"' in diagram.svg  # does not clash with the caption ids callers use


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_meet_wcag_aa():
    backgrounds = [diagrams.PAPER, *diagrams.SECTOR_TINTS.values()]
    for background in backgrounds:
        for text in (diagrams.INK, diagrams.SOFT_INK):
            assert _contrast(text, background) >= 4.5
        for line in (diagrams.CONFLICT_RED, diagrams.SUPPORT_GREEN, diagrams.NOT_SUPPORTIVE_RED,
                     diagrams.UNKNOWN_GREY, diagrams.RULE_GREY):
            assert _contrast(line, background) >= 3.0


def big_family(size=200):
    """An extended family over several generations: couples with two or three children each."""
    persons, relationships = [], []

    def add(gender, role, age):
        pk = len(persons) + 1
        persons.append(person(pk, f"Persoon{pk}", "Achternaam", gender=gender, role=role, age=age))
        return pk

    couples = [(add("m", FamilyRole.RELATIVE, 80), add("v", FamilyRole.RELATIVE, 78)) for _ in range(6)]
    age = 55
    while len(persons) < size:
        next_couples = []
        for k, (a, b) in enumerate(couples):
            relationships.append(rel(a, b, RelationshipKind.PARTNER if k % 4 else RelationshipKind.FORMER_PARTNER))
            for j in range(2 + k % 2):
                if len(persons) >= size:
                    break
                child = add("v" if j % 2 else "m", FamilyRole.CHILD, age)
                relationships += [rel(a, child, RelationshipKind.PARENT_OF, custody=True),
                                  rel(b, child, RelationshipKind.PARENT_OF)]
                if len(persons) < size and j == 0:
                    spouse = add("x" if k % 5 == 0 else "v", FamilyRole.PARTNER, age)
                    next_couples.append((child, spouse))
                if j == 1 and k % 3 == 0:
                    relationships.append(rel(child, a, RelationshipKind.CONFLICT))
        couples, age = next_couples or couples, max(age - 25, 1)
    return persons, relationships


def test_two_hundred_persons_are_drawn_within_50_ms():
    persons, relationships = big_family(200)
    network = [member(f"Netwerk{k}", relation="buur", group=list(NetworkGroup.values)[k % 3],
                      support=list(Support.values)[k % 3]) for k in range(60)]
    genogram_svg(persons=persons, relationships=relationships)  # warm up translations
    best_genogram = best_sociogram = 1.0
    for _attempt in range(5):  # CPU time of this process: other work on the machine does not count
        start = time.process_time()
        diagram = genogram_svg(persons=persons, relationships=relationships)
        middle = time.process_time()
        sociogram_svg(family_name="Groot gezin", persons=persons, network_members=network)
        end = time.process_time()
        best_genogram, best_sociogram = min(best_genogram, middle - start), min(best_sociogram, end - middle)
    assert len(person_groups(parse(diagram.svg))) == 200
    assert best_genogram < 0.05
    assert best_sociogram < 0.05


# -- Random graphs -------------------------------------------------------------------------------

printable = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzAZÉë'\"&<> -")), min_size=1,
                    max_size=14).filter(lambda s: s.strip())
tricky = st.one_of(printable, st.just(SCRIPT), st.just("<script src=x>"))
kinds = st.sampled_from([*RelationshipKind.values, "nonsense"])


@st.composite
def family_graphs(draw):
    count = draw(st.integers(min_value=0, max_value=14))
    persons = []
    for pk in range(count):
        first = draw(tricky)
        expected = draw(st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1))))
        persons.append(person(
            pk, first, draw(st.one_of(st.just(""), printable)),
            gender=draw(st.sampled_from(["v", "m", "x", "", "?"])),
            role=draw(st.sampled_from([*FamilyRole.values, ""])),
            age=draw(st.one_of(st.none(), st.integers(min_value=0, max_value=99))),
            expected=expected, referred=draw(st.booleans()), deceased=draw(st.booleans()),
        ))
    ids = st.integers(min_value=-2, max_value=count + 1)  # some point at persons who are not there
    relationships = [rel(draw(ids), draw(ids), draw(kinds), custody=draw(st.booleans()),
                         note=draw(st.one_of(st.just(""), tricky)))
                     for _ in range(draw(st.integers(min_value=0, max_value=30)))]
    network = [member(draw(tricky), relation=draw(st.one_of(st.just(""), tricky)),
                      group=draw(st.sampled_from([*NetworkGroup.values, "other"])),
                      support=draw(st.sampled_from([*Support.values, "maybe"])), child_id=draw(ids),
                      frequency=draw(st.one_of(st.just(""), printable)))
               for _ in range(draw(st.integers(min_value=0, max_value=12)))]
    return persons, relationships, network


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(family_graphs())
def test_random_families_always_give_well_formed_escaped_svg(graph):
    persons, relationships, network = graph
    genogram = genogram_svg(persons=persons, relationships=relationships)
    sociogram = sociogram_svg(family_name=SCRIPT, persons=persons, network_members=network)
    for diagram in (genogram, sociogram):
        assert "<script" not in diagram.svg.lower()
        root = parse(diagram.svg)
        for el in root.iter():  # every coordinate is a finite number
            assert not any(re.search(r"\b(nan|inf)\b", value) for value in el.attrib.values())
        text = all_text(root)
        for p in persons:
            assert p.full_name.strip() in text
        assert diagram.text_alternative and all(isinstance(s, str) for s in diagram.text_alternative)
    for m in network:
        assert m.name.strip() in all_text(parse(sociogram.svg))
    assert genogram == genogram_svg(persons=persons, relationships=relationships)
    if persons:
        assert len(classed(parse(genogram.svg), "genogram-person")) == len(persons)
        for p in persons:
            assert any(s.startswith(f"{p.full_name.strip()}: ") for s in genogram.text_alternative)
