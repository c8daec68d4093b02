"""Genogram and sociogram drawn as accessible SVG on the server, from the family's data (R557).

Both functions are pure: they read plain attributes of the objects they are given (model instances or
any object with the same attribute names), never touch the database, and give the same markup for the
same input. Every piece of user text goes through `_esc` before it enters the markup; that is what makes
`Diagram.html` safe to mark safe. No JavaScript, no inline CSS: only SVG presentation attributes, so a
strict Content-Security-Policy is no obstacle.

The layout is a small layered drawing. Generations follow the parent edges (parents above children,
cycles broken), partners sit side by side, children hang under the midpoint of their parents' line, and
the horizontal positions are settled by a few sweeps of a least-squares placement with minimum gaps
(pool-adjacent-violators), which is linear per row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, wraps

from django.utils import dateformat, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from gezinsplan.families.models import (
    SYMMETRIC_KINDS,
    FamilyRole,
    NetworkGroup,
    RelationshipKind,
    Support,
)

__all__ = ["Diagram", "genogram_svg", "sociogram_svg"]

# Colours, checked against white and the sector tints in the tests (WCAG 2.1 AA: text 4.5:1, graphics 3:1).
INK = "#1a1a1a"  # 17.4:1
SOFT_INK = "#4a4a4a"  # 8.9:1, secondary text
CONFLICT_RED = "#a51d2d"  # 7.5:1
SUPPORT_GREEN = "#1c6b32"  # 6.6:1
NOT_SUPPORTIVE_RED = "#a51d2d"
UNKNOWN_GREY = "#5c5c5c"  # 6.7:1
RULE_GREY = "#8a8a8a"  # 3.5:1, dividers and rings
PAPER = "#ffffff"
SECTOR_TINTS = {  # very light, so every line colour above keeps its contrast on them
    NetworkGroup.FAMILY: "#f3f6fa",
    NetworkGroup.FRIENDS: "#f6f4fa",
    NetworkGroup.PROFESSIONAL: "#f3f8f4",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

PARENT_KINDS = (RelationshipKind.PARENT_OF, RelationshipKind.STEP_PARENT_OF)
COUPLE_KINDS = (RelationshipKind.PARTNER, RelationshipKind.FORMER_PARTNER)
SIBLING_KINDS = (RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING)
KNOWN_KINDS = frozenset(RelationshipKind.values)
ROLE_VALUES = frozenset(FamilyRole.values)
SUPPORT_VALUES = frozenset(Support.values)
KIND_ORDER = {kind: rank for rank, kind in enumerate((
    RelationshipKind.PARTNER, RelationshipKind.FORMER_PARTNER, RelationshipKind.PARENT_OF,
    RelationshipKind.STEP_PARENT_OF, RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING,
    RelationshipKind.CONFLICT, RelationshipKind.CUT_OFF,
))}

# Genogram geometry (px).
PARTNER_GAP = 150  # centre to centre of two partners; the children's line drops from the middle
UNIT_GAP = 150  # centre to centre of neighbours that are not a couple (equal: one child sits under its couple)
STUB = 75  # the short line of a single parent, where the other parent would be
LABEL_HALF = 66
LINE = 13.5
MARGIN = 24
ARC_STEP = 9
NAME_CHARS = 16
DETAIL_CHARS = 20

_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")


# Translations, looked up once per language: a family of 200 asks for the same few words thousands of times.
_LANGUAGE: ContextVar[str | None] = ContextVar("diagram_language", default=None)


@lru_cache(maxsize=2048)
def _translate(message: str, language: str | None) -> str:
    return translation.gettext(message)


@lru_cache(maxsize=2048)
def _translate_plural(singular: str, plural: str, number: int, language: str | None) -> str:
    return translation.ngettext(singular, plural, number)


@lru_cache(maxsize=256)
def _choice_label(choices: type, value: str, language: str | None) -> str:
    return str(choices(value).label)


def _(message: str) -> str:
    return _translate(message, _LANGUAGE.get())


def ngettext(singular: str, plural: str, number: int) -> str:
    return _translate_plural(singular, plural, number, _LANGUAGE.get())


def _label(choices: type, value: str) -> str:
    return _choice_label(choices, value, _LANGUAGE.get())


def _in_active_language(function):
    """Fix the active language for the cached lookups above while one diagram is drawn."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        token = _LANGUAGE.set(translation.get_language())
        try:
            return function(*args, **kwargs)
        finally:
            _LANGUAGE.reset(token)

    return wrapper


@dataclass(frozen=True)
class Diagram:
    """An SVG picture plus its text alternative (one Dutch sentence per person and per relation)."""

    svg: str
    text_alternative: list[str] = field(default_factory=list)
    empty: bool = False

    @property
    def html(self) -> SafeString:
        # Safe on purpose: every piece of text inside `svg` was XML-escaped by `_esc` when it was built.
        return mark_safe(self.svg)  # noqa: S308


# --------------------------------------------------------------------------------------------------
# Text helpers


def _clean(value) -> str:
    """Text as str, without the characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _INVALID_XML.sub("", "" if value is None else str(value))


def _esc(value) -> str:
    """Escape for XML text and for attribute values in double or single quotes."""
    return (_clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def _fit(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _text_width(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * (0.6 if bold else 0.55)


def _lookup_key(value):
    if value is None:
        return None
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


# --------------------------------------------------------------------------------------------------
# Input normalisation


@dataclass
class _Person:
    idx: int
    first: str
    last: str
    name: str
    gender: str
    role: str
    age: int | None
    unborn: bool
    deceased: bool
    referred: bool
    born: date | None
    expected: date | None

    @property
    def childlike(self) -> bool:
        if self.role == FamilyRole.CHILD or self.unborn or self.referred:
            return True
        undecided = self.role in ("", FamilyRole.HOUSEHOLD, FamilyRole.VISITOR)
        return undecided and self.age is not None and self.age < 18

    @property
    def birth_key(self) -> tuple:
        """Oldest first; without a birth date the age decides; the unborn come last."""
        known = 0 if self.born else 1 if self.age is not None else 2
        return (self.unborn, known, self.born or date.max, -(self.age or 0), self.expected or date.max, self.idx)

    @property
    def shape(self) -> str:
        if self.unborn:
            return "triangle"
        return {"m": "square", "v": "circle"}.get(self.gender, "diamond")


@dataclass(frozen=True)
class _Rel:
    a: int
    b: int
    kind: str
    custody: bool
    note: str


@dataclass(frozen=True)
class _Member:
    idx: int
    name: str
    relation: str
    group: str
    group_label: str
    support: str
    frequency: str
    child: int | None


def _read_persons(persons) -> tuple[list[_Person], dict]:
    people: list[_Person] = []
    index: dict = {}
    for obj in persons or ():
        key = _lookup_key(getattr(obj, "pk", None))
        if key is None:
            key = ("without-pk", len(people))
        if key in index:
            continue
        first = _clean(getattr(obj, "first_name", "") or "").strip()
        last = _clean(getattr(obj, "last_name", "") or "").strip()
        full = _clean(getattr(obj, "full_name", "") or "").strip()
        name = full or f"{first} {last}".strip() or _("naam onbekend")
        born = getattr(obj, "birth_date", None)
        born = born if isinstance(born, date) else None
        expected = getattr(obj, "expected_birth_date", None)
        expected = expected if isinstance(expected, date) else None
        unborn = getattr(obj, "is_unborn", None)
        unborn = bool(unborn) if unborn is not None else (born is None and expected is not None)
        age = getattr(obj, "age", None)
        age = age if isinstance(age, int) and not isinstance(age, bool) and 0 <= age < 200 else None
        gender = str(getattr(obj, "gender", "") or "x")
        index[key] = len(people)
        people.append(_Person(
            idx=len(people), first=first, last=last, name=name,
            gender=gender if gender in ("v", "m", "x") else "x",
            role=str(getattr(obj, "family_role", "") or ""), age=None if unborn else age, unborn=unborn,
            deceased=bool(getattr(obj, "deceased", False)), referred=bool(getattr(obj, "is_referred", False)),
            born=born, expected=expected,
        ))
    return people, index


def _read_relationships(relationships, index: dict) -> list[_Rel]:
    """Known kinds between two different, present persons; duplicates (also mirrored ones) merged."""
    rels: list[_Rel] = []
    seen: dict = {}
    for obj in relationships or ():
        kind = str(getattr(obj, "kind", "") or "")
        if kind not in KNOWN_KINDS:
            continue
        a = index.get(_lookup_key(getattr(obj, "from_person_id", None)))
        b = index.get(_lookup_key(getattr(obj, "to_person_id", None)))
        if a is None or b is None or a == b:
            continue
        key = (kind, min(a, b), max(a, b)) if kind in SYMMETRIC_KINDS else (kind, a, b)
        custody = bool(getattr(obj, "has_custody", False)) and kind in PARENT_KINDS
        note = " ".join(_clean(getattr(obj, "note", "") or "").split())
        if key in seen:
            old = rels[seen[key]]
            rels[seen[key]] = _Rel(old.a, old.b, kind, old.custody or custody, old.note or note)
            continue
        seen[key] = len(rels)
        rels.append(_Rel(a, b, kind, custody, note))
    return rels


# --------------------------------------------------------------------------------------------------
# Dutch wording


ROLE_NOUNS = {  # role: (woman, man, other)
    FamilyRole.PARENT: (gettext_noop("moeder"), gettext_noop("vader"), gettext_noop("ouder")),
    FamilyRole.CHILD: (gettext_noop("dochter"), gettext_noop("zoon"), gettext_noop("kind")),
    FamilyRole.STEP_PARENT: (gettext_noop("stiefmoeder"), gettext_noop("stiefvader"), gettext_noop("stiefouder")),
}


def _role_noun(p: _Person) -> str:
    if p.role in ROLE_NOUNS:
        female, male, other = ROLE_NOUNS[p.role]
        return _(female if p.gender == "v" else male if p.gender == "m" else other)
    if p.role in ROLE_VALUES:
        return _label(FamilyRole, p.role)
    return _("gezinslid")


def _age_text(p: _Person) -> str | None:
    if p.unborn:
        return _("ongeboren")
    if p.deceased or p.age is None:
        return None
    if p.age == 0:
        return _("jonger dan 1 jaar")
    return ngettext("%(age)d jaar", "%(age)d jaar", p.age) % {"age": p.age}


def _long_date(day: date) -> str:
    return dateformat.format(day, "j F Y")


def _short_description(p: _Person) -> str:
    """'Annette (moeder)' or 'Nelle (5 jaar, aangemeld kind)': the subject of a relation sentence."""
    parts = []
    if p.childlike:
        age = _age_text(p)
        if age:
            parts.append(age)
        if p.referred:
            parts.append(_("aangemeld kind"))
    else:
        parts.append(_role_noun(p))
    if p.deceased:
        parts.append(_("overleden"))
    if not parts:
        parts.append(_role_noun(p))
    return f"{p.name} ({', '.join(parts)})"


def _person_sentence(p: _Person) -> str:
    parts = [_role_noun(p)]
    if p.role not in (FamilyRole.PARENT, FamilyRole.CHILD, FamilyRole.STEP_PARENT) and p.gender in ("v", "m"):
        if p.childlike:
            parts.append(_("meisje") if p.gender == "v" else _("jongen"))
        else:
            parts.append(_("vrouw") if p.gender == "v" else _("man"))
    age = _age_text(p)
    if p.unborn:
        parts.append(_("ongeboren"))
        if p.expected:
            parts.append(_("verwacht op %(date)s") % {"date": _long_date(p.expected)})
    elif age:
        parts.append(age)
    if p.referred:
        parts.append(_("aangemeld kind"))
    if p.deceased:
        parts.append(_("overleden"))
    return f"{p.name}: {', '.join(parts)}."


def _sibling_word(p: _Person, half: bool) -> str:
    if half:
        return {"v": _("halfzus"), "m": _("halfbroer")}.get(p.gender, _("halfbroer of halfzus"))
    return {"v": _("zus"), "m": _("broer")}.get(p.gender, _("broer of zus"))


def _siblings_plural(group: list[_Person], half: bool) -> str:
    genders = {p.gender for p in group}
    if half:
        if genders == {"v"}:
            return _("halfzussen")
        if genders == {"m"}:
            return _("halfbroers")
        return _("halfbroers en halfzussen") if genders == {"v", "m"} else _("halfbroers of halfzussen")
    if genders == {"v"}:
        return _("zussen")
    if genders == {"m"}:
        return _("broers")
    return _("broers en zussen")


def _relation_sentence(rel: _Rel, people: list[_Person]) -> str:
    a, b = people[rel.a], people[rel.b]
    values = {"a": _short_description(a), "b": b.name}
    if rel.kind == RelationshipKind.PARTNER:
        text = _("%(a)s is partner van %(b)s.") % values
    elif rel.kind == RelationshipKind.FORMER_PARTNER:
        text = _("%(a)s is ex-partner van %(b)s.") % values
    elif rel.kind in PARENT_KINDS:
        values = {"child": _short_description(b), "parent": a.name}
        if rel.kind == RelationshipKind.PARENT_OF:
            text = _("%(child)s is kind van %(parent)s") % values
        else:
            text = _("%(child)s is stiefkind van %(parent)s") % values
        text += (_("; %(parent)s heeft gezag.") % values) if rel.custody else "."
    elif rel.kind in SIBLING_KINDS:
        values["word"] = _sibling_word(a, rel.kind == RelationshipKind.HALF_SIBLING)
        text = _("%(a)s is %(word)s van %(b)s.") % values
    elif rel.kind == RelationshipKind.CONFLICT:
        text = _("%(a)s en %(b)s hebben conflict.") % values
    else:
        text = _("%(a)s en %(b)s hebben geen contact (breuk).") % values
    if rel.note:
        text += " " + _("Toelichting: %(note)s") % {"note": rel.note}
        text += "" if text[-1] in ".!?" else "."
    return text


def _relation_title(rel: _Rel, people: list[_Person]) -> str:
    """Short tooltip text for a line in the picture."""
    a, b = people[rel.a].name, people[rel.b].name
    label = _label(RelationshipKind, rel.kind)
    text = f"{a} {label} {b}"
    if rel.custody:
        text += " (" + _("heeft gezag") + ")"
    return text + (f": {rel.note}" if rel.note else "")


# --------------------------------------------------------------------------------------------------
# Shared drawing


def _svg_open(*, width: float, height: float, id_prefix: str, title: str, desc: str, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="{_num(width)}" height="{_num(height)}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" class="gezinsplan-diagram gezinsplan-{kind}" '
        f'font-family="{_esc(FONT)}" fill="{INK}">',
        f'<title id="{id_prefix}-title">{_esc(title)}</title>',
        f'<desc id="{id_prefix}-desc">{_esc(desc)}</desc>',
        f'<rect width="{_num(width)}" height="{_num(height)}" fill="{PAPER}"/>',
    ]


def _safe_id(prefix: str, default: str) -> str:
    cleaned = _ID_CHARS.sub("", prefix or "")
    return cleaned if cleaned[:1].isalpha() else default


def _empty(*, title: str, id_prefix: str, kind: str) -> Diagram:
    message = _("Nog geen gezinsleden vastgelegd.")
    parts = _svg_open(width=360, height=72, id_prefix=id_prefix, title=title, desc=message, kind=kind)
    parts.append(f'<rect x="1" y="1" width="358" height="70" rx="6" fill="none" stroke="{RULE_GREY}" '
                 'stroke-dasharray="4 4"/>')
    parts.append(f'<text x="180" y="41" text-anchor="middle" font-size="14">{_esc(message)}</text>')
    parts.append("</svg>")
    return Diagram(svg="".join(parts), text_alternative=[message], empty=True)


def _symbol(shape: str, *, referred: bool = False, deceased: bool = False, scale: float = 1.0) -> str:
    """A person symbol centred on (0, 0): square man, circle woman, diamond other, triangle unborn."""
    s = scale
    stroke = f'fill="{PAPER}" stroke="{INK}" stroke-width="{_num(2 * max(s, 0.75))}" stroke-linejoin="round"'
    ring = f'fill="none" stroke="{INK}" stroke-width="{_num(1.5 * max(s, 0.75))}" stroke-linejoin="round"'

    def outline(grow: float, attrs: str) -> str:
        if shape == "square":
            h = (20 + grow) * s
            return f'<rect x="{_num(-h)}" y="{_num(-h)}" width="{_num(2 * h)}" height="{_num(2 * h)}" {attrs}/>'
        if shape == "circle":
            return f'<circle r="{_num((21 + grow) * s)}" {attrs}/>'
        if shape == "diamond":
            h = (24 + grow * 1.4) * s
            return f'<path d="M0 {_num(-h)}L{_num(h)} 0L0 {_num(h)}L{_num(-h)} 0Z" {attrs}/>'
        top, half, base = (15 + grow * 1.6) * s, (15 + grow * 1.4) * s, (11 + grow * 0.8) * s
        return f'<path d="M0 {_num(-top)}L{_num(half)} {_num(base)}L{_num(-half)} {_num(base)}Z" {attrs}/>'

    parts = [outline(0, stroke)]
    if referred:
        parts.append(outline(5, ring))
    if deceased:
        c = (10 if shape == "triangle" else 17) * s
        parts.append(f'<path d="M{_num(-c)} {_num(-c)}L{_num(c)} {_num(c)}M{_num(c)} {_num(-c)}L{_num(-c)} {_num(c)}" '
                     f'stroke="{INK}" stroke-width="{_num(2 * max(s, 0.75))}"/>')
    return "".join(parts)


def _symbol_extent(p: _Person) -> tuple[float, float]:
    """Distance from the centre to the top and to the bottom of the symbol."""
    top, bottom = {"square": (20, 20), "circle": (21, 21), "diamond": (24, 24), "triangle": (15, 11)}[p.shape]
    if p.referred:
        grow = {"square": 5, "circle": 5, "diamond": 7, "triangle": 8}[p.shape]
        top, bottom = top + grow, bottom + (4 if p.shape == "triangle" else grow)
    return top, bottom


def _half_width(p: _Person, dy: float) -> float:
    """Half the width of the symbol at height dy from its centre (where a horizontal line starts)."""
    shape, dy = p.shape, abs(dy) if p.shape != "triangle" else dy
    if shape == "square":
        return 20.0
    if shape == "circle":
        return math.sqrt(max(21 * 21 - dy * dy, 0.0))
    if shape == "diamond":
        return max(24 - dy, 0.0)
    return min(max((dy + 15) / 26 * 15, 2.0), 15.0)


def _stroke(kind: str) -> str:
    if kind == RelationshipKind.CONFLICT:
        return f'stroke="{CONFLICT_RED}" stroke-width="2"'
    if kind == RelationshipKind.STEP_PARENT_OF:
        return f'stroke="{INK}" stroke-width="1.6" stroke-dasharray="6 4"'
    if kind == RelationshipKind.HALF_SIBLING:
        return f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="9 3 2 3"'
    if kind in COUPLE_KINDS:
        return f'stroke="{INK}" stroke-width="2"'
    return f'stroke="{INK}" stroke-width="1.6"'


def _zigzag(x1: float, y1: float, x2: float, y2: float) -> str:
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 20:
        return f"M{_num(x1)} {_num(y1)}L{_num(x2)} {_num(y2)}"
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = -uy, ux
    points = [(x1, y1), (x1 + ux * 5, y1 + uy * 5)]
    steps = max(int((length - 10) // 5), 2)
    step = (length - 10) / steps
    for k in range(1, steps):
        d = 5 + k * step
        side = 4.5 if k % 2 else -4.5
        points.append((x1 + ux * d + nx * side, y1 + uy * d + ny * side))
    points += [(x2 - ux * 5, y2 - uy * 5), (x2, y2)]
    return "M" + "L".join(f"{_num(x)} {_num(y)}" for x, y in points)


def _edge(points: list[tuple[float, float]], kind: str, *, title: str = "", mark_at: float = 0.5,
          css: str = "genogram-rel") -> str:
    """A relation line along points; the longest segment carries the kind's mark (zigzag, bars, slashes)."""
    segments = list(zip(points, points[1:], strict=False))
    if not segments:
        return ""
    main = max(range(len(segments)), key=lambda k: (math.hypot(segments[k][1][0] - segments[k][0][0],
                                                                segments[k][1][1] - segments[k][0][1]), -k))
    d = []
    for k, ((x1, y1), (x2, y2)) in enumerate(segments):
        if k == main and kind == RelationshipKind.CONFLICT:
            d.append(_zigzag(x1, y1, x2, y2))
        else:
            d.append(f"M{_num(x1)} {_num(y1)}L{_num(x2)} {_num(y2)}")
    parts = [f'<g class="{css} {css}--{_esc(kind)}">']
    if title:
        parts.append(f"<title>{_esc(title)}</title>")
    parts.append(f'<path d="{"".join(d)}" fill="none" {_stroke(kind)} stroke-linecap="round"/>')
    (x1, y1), (x2, y2) = segments[main]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = -uy, ux
    mx, my = x1 + (x2 - x1) * mark_at, y1 + (y2 - y1) * mark_at
    if kind == RelationshipKind.CUT_OFF:
        marks = []
        for shift in (-4, 4):
            cx, cy = mx + ux * shift, my + uy * shift
            marks.append(f"M{_num(cx + nx * 8)} {_num(cy + ny * 8)}L{_num(cx - nx * 8)} {_num(cy - ny * 8)}")
        parts.append(f'<path d="{"".join(marks)}" stroke="{INK}" stroke-width="2"/>')
    elif kind == RelationshipKind.FORMER_PARTNER:
        marks = []
        for shift in (-4, 4):
            cx, cy = mx + ux * shift, my + uy * shift
            # A slash: leaning forward along the line.
            marks.append(f"M{_num(cx - ux * 4 + nx * 8)} {_num(cy - uy * 4 + ny * 8)}"
                         f"L{_num(cx + ux * 4 - nx * 8)} {_num(cy + uy * 4 - ny * 8)}")
        parts.append(f'<path d="{"".join(marks)}" stroke="{INK}" stroke-width="2"/>')
    parts.append("</g>")
    return "".join(parts)


def _text_block(x: float, y: float, lines: list[tuple[str, str]], *, anchor: str = "middle") -> str:
    """Lines of text with a white halo, so a line passing behind never hides a letter."""
    if not lines:
        return ""
    parts = [f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" stroke="{PAPER}" stroke-width="4" '
             'stroke-linejoin="round" paint-order="stroke">']
    for k, (text, style) in enumerate(lines):
        font = {"name": 'font-size="13" font-weight="700"', "title": 'font-size="14" font-weight="700"'}.get(
            style, f'font-size="11.5" fill="{SOFT_INK}"')
        dy = "0" if k == 0 else _num(LINE)
        parts.append(f'<tspan x="{_num(x)}" dy="{dy}" {font}>{_esc(text)}</tspan>')
    parts.append("</text>")
    return "".join(parts)


def _legend(items: list[tuple[str, str]], *, x: float, y: float, width: float) -> tuple[str, float]:
    """A legend of (glyph drawn in a 44x24 box centred on 0,0; label), flowing in rows; markup and height."""
    if not items:
        return "", 0.0
    legend_label = _("Legenda")  # outside the f-string, so makemessages finds it
    parts = [f'<g class="gezinsplan-legend" transform="translate({_num(x)} {_num(y)})">',
             f'<text x="0" y="14" font-size="13" font-weight="700">{_esc(legend_label)}</text>']
    column = 54 + max(_text_width(label, 12) for _glyph, label in items) + 28
    columns = max(1, min(len(items), int(width // column)))
    rows = math.ceil(len(items) / columns)
    for k, (glyph, label) in enumerate(items):
        gx, gy = (k % columns) * column, 40 + (k // columns) * 30
        parts.append(f'<g transform="translate({_num(gx + 22)} {_num(gy)})">{glyph}</g>')
        parts.append(f'<text x="{_num(gx + 54)}" y="{_num(gy + 4)}" font-size="12">{_esc(label)}</text>')
    parts.append("</g>")
    return "".join(parts), 40 + rows * 30


def _line_glyph(kind: str) -> str:
    if kind in PARENT_KINDS:  # a bar with a drop, as the lines to children are drawn
        return f'<path d="M-18 -7H18M0 -7V9" fill="none" {_stroke(kind)}/>'
    if kind in SIBLING_KINDS:  # a bracket over two persons
        return _edge([(-16.0, 9.0), (-16.0, -6.0), (16.0, -6.0), (16.0, 9.0)], kind, css="legend-line")
    return _edge([(-20.0, 0.0), (20.0, 0.0)], kind, css="legend-line")


# --------------------------------------------------------------------------------------------------
# Genogram


@dataclass
class _Group:
    """Children hanging from one set of parents (bio) or from a step-parent (step)."""

    style: str  # parent_of or step_parent_of
    parents: tuple[int, ...]
    row: int
    children: list[int] = field(default_factory=list)
    origin: str = "single"  # pair | single | bar


def _pav(targets: list[float], weights: list[float], gaps: list[float]) -> list[float]:
    """Least-squares positions closest to targets, in order, with at least gaps[i] between i-1 and i."""
    offsets, total = [], 0.0
    for k, gap in enumerate(gaps):
        total += gap if k else 0.0
        offsets.append(total)
    blocks: list[list[float]] = []  # [weight, weighted sum, count]
    for t, w, off in zip(targets, weights, offsets, strict=True):
        blocks.append([w, w * (t - off), 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][0] > blocks[-1][1] / blocks[-1][0]:
            w2, s2, c2 = blocks.pop()
            blocks[-1][0] += w2
            blocks[-1][1] += s2
            blocks[-1][2] += c2
    result = []
    for w, s, count in blocks:
        result.extend([s / w] * int(count))
    return [y + off for y, off in zip(result, offsets, strict=True)]


class _Genogram:
    def __init__(self, people: list[_Person], rels: list[_Rel]):
        self.people = people
        self.n = len(people)
        self.rels = rels
        self._generations()
        self._order()
        self._groups()
        self._place()
        self._classify_edges()
        self._vertical()

    # -- generations ------------------------------------------------------------------------------

    def _generations(self) -> None:
        n, people = self.n, self.people
        parent_rels = [r for r in self.rels if r.kind in PARENT_KINDS]
        out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for k, r in enumerate(parent_rels):
            out[r.a].append((r.b, k))
        # Depth-first search in input order; an edge back into the current path would close a cycle: drop it.
        state, kept, post = [0] * n, [False] * len(parent_rels), []
        for start in range(n):
            if state[start]:
                continue
            state[start] = 1
            stack = [(start, 0)]
            while stack:
                node, i = stack[-1]
                if i < len(out[node]):
                    stack[-1] = (node, i + 1)
                    child, k = out[node][i]
                    if state[child] == 1:
                        continue
                    kept[k] = True
                    if state[child] == 0:
                        state[child] = 1
                        stack.append((child, 0))
                else:
                    state[node] = 2
                    post.append(node)
                    stack.pop()
        topo = post[::-1]
        self.parent_edges = [r for k, r in enumerate(parent_rels) if kept[k]]
        self.broken_edges = [r for k, r in enumerate(parent_rels) if not kept[k]]
        self.bio = [[] for _ in range(n)]
        self.step = [[] for _ in range(n)]
        self.kids = [[] for _ in range(n)]
        self.edges_to: list[list[_Rel]] = [[] for _ in range(n)]
        for r in self.parent_edges:
            self.edges_to[r.b].append(r)
            (self.bio if r.kind == RelationshipKind.PARENT_OF else self.step)[r.b].append(r.a)
            if r.b not in self.kids[r.a]:
                self.kids[r.a].append(r.b)
        has_parents = [bool(self.bio[i] or self.step[i]) for i in range(n)]
        equal = [(r.a, r.b) for r in self.rels if r.kind in COUPLE_KINDS or r.kind in SIBLING_KINDS]
        linked = [has_parents[i] or bool(self.kids[i]) for i in range(n)]
        for a, b in equal:
            linked[a] = linked[b] = True
        self.linked = linked

        gen = [1 if people[i].childlike and not has_parents[i] else 0 for i in range(n)]

        def push_down() -> None:
            for p in topo:
                for c in self.kids[p]:
                    if gen[c] < gen[p] + 1:
                        gen[c] = gen[p] + 1

        for _round in range(n + 2):
            before = list(gen)
            push_down()
            for a, b in equal:
                gen[a] = gen[b] = max(gen[a], gen[b])
            for p in range(n):
                if not has_parents[p] and self.kids[p]:
                    gen[p] = max(gen[p], min(gen[c] for c in self.kids[p]) - 1)
            if gen == before:
                break
        push_down()

        def mode(values: list[int], default: int) -> int:
            if not values:
                return default
            counts: dict[int, int] = {}
            for v in values:
                counts[v] = counts.get(v, 0) + 1
            return min(counts, key=lambda v: (-counts[v], v))

        adult_gen = mode([gen[i] for i in range(n) if linked[i] and not people[i].childlike], 0)
        child_gen = mode([gen[i] for i in range(n) if linked[i] and people[i].childlike], adult_gen + 1)
        for i in range(n):
            if not linked[i]:
                gen[i] = child_gen if people[i].childlike else adult_gen
        levels = {v: rank for rank, v in enumerate(sorted(set(gen)))}
        self.gen = [levels[v] for v in gen]
        self.rows: list[list[int]] = [[] for _ in levels]

    # -- order within rows ------------------------------------------------------------------------

    def _couple_kinds(self, a: int, b: int) -> set[str]:
        return self.couple_links.get((min(a, b), max(a, b)), set())

    def _linearize(self, comp: list[int], nbrs: dict[int, list[int]]) -> list[int]:
        if len(comp) == 1:
            return comp
        edges = sum(len(nbrs[i]) for i in comp) // 2
        if all(len(nbrs[i]) <= 2 for i in comp) and edges == len(comp) - 1:
            ends = [i for i in comp if len(nbrs[i]) == 1]

            def end_rank(i: int) -> tuple:
                kinds = self._couple_kinds(i, nbrs[i][0])
                former_only = RelationshipKind.FORMER_PARTNER in kinds and RelationshipKind.PARTNER not in kinds
                return (not former_only, self.people[i].gender != "m", i)

            order, previous, node = [], None, min(ends, key=end_rank)
            while node is not None:
                order.append(node)
                following = [j for j in nbrs[node] if j != previous]
                previous, node = node, (following[0] if following else None)
            return order
        center = min(comp, key=lambda i: (-len(nbrs[i]), i))
        seen, queue = {center}, [center]
        for node in queue:
            for j in nbrs[node]:
                if j not in seen:
                    seen.add(j)
                    queue.append(j)
        rest = queue[1:]
        return list(reversed(rest[1::2])) + [center] + rest[0::2]

    def _order(self) -> None:
        n, gen = self.n, self.gen
        self.couple_links: dict[tuple[int, int], set[str]] = {}
        nbrs: dict[int, list[int]] = {i: [] for i in range(n)}
        for r in self.rels:
            if r.kind in COUPLE_KINDS and gen[r.a] == gen[r.b]:
                key = (min(r.a, r.b), max(r.a, r.b))
                self.couple_links.setdefault(key, set()).add(r.kind)
                if r.b not in nbrs[r.a]:
                    nbrs[r.a].append(r.b)
                    nbrs[r.b].append(r.a)
        for i in range(n):
            nbrs[i].sort()
        sibling_nbrs: dict[int, list[int]] = {i: [] for i in range(n)}
        for r in self.rels:
            if r.kind in SIBLING_KINDS and gen[r.a] == gen[r.b]:
                sibling_nbrs[r.a].append(r.b)
                sibling_nbrs[r.b].append(r.a)

        self.unit_of = [0] * n
        self.pos = [0] * n
        prelim = [0.0] * n
        unit_id = 0
        by_row: list[list[int]] = [[] for _ in self.rows]
        for i in range(n):
            by_row[gen[i]].append(i)
        for g, members in enumerate(by_row):
            seen: set[int] = set()
            units = []
            for i in members:
                if i in seen:
                    continue
                comp, queue = [], [i]
                seen.add(i)
                for node in queue:
                    comp.append(node)
                    for j in nbrs[node]:
                        if j not in seen:
                            seen.add(j)
                            queue.append(j)
                units.append(self._linearize(sorted(comp), nbrs))
            key: dict[int, float | None] = {}
            for i in members:
                ups = [prelim[p] for p in self.bio[i] + self.step[i] if gen[p] < g]
                key[i] = sum(ups) / len(ups) if ups else None

            known = [v for v in key.values() if v is not None]
            middle = sum(known) / len(known) if known else 0.0

            def unit_key(unit: list[int], key=key, middle=middle) -> tuple:
                values = [key[i] for i in unit if key[i] is not None]
                anchor = sum(values) / len(values) if values else None
                if anchor is None:
                    # Tied only by a sibling line: stand beside that sibling, on the outer side.
                    values = [key[s] for i in unit for s in sibling_nbrs[i] if key.get(s) is not None]
                    if values:
                        anchor = sum(values) / len(values)
                        anchor += -1e-6 if anchor <= middle else 1e-6
                first = min(unit, key=lambda i: self.people[i].birth_key)
                return (anchor is None, anchor or 0.0, self.people[first].birth_key)

            def misfit(unit: list[int], start: float, key=key) -> float:
                return sum(abs(start + k * PARTNER_GAP - key[i]) for k, i in enumerate(unit) if key[i] is not None)

            units.sort(key=unit_key)
            x = 0.0
            for unit in units:
                if len(unit) > 1 and misfit(unit[::-1], x) < misfit(unit, x) - 1e-6:
                    unit.reverse()  # the partner who has parents in the picture goes on their side
                for k, i in enumerate(unit):
                    self.unit_of[i] = unit_id
                    self.pos[i] = len(self.rows[g])
                    self.rows[g].append(i)
                    prelim[i] = x
                    x += PARTNER_GAP if k < len(unit) - 1 else UNIT_GAP
                unit_id += 1

    def _consecutive(self, a: int, b: int) -> bool:
        return self.gen[a] == self.gen[b] and abs(self.pos[a] - self.pos[b]) == 1

    def _is_couple(self, a: int, b: int) -> bool:
        return self._consecutive(a, b) and self.unit_of[a] == self.unit_of[b] and bool(self._couple_kinds(a, b))

    # -- descent groups ---------------------------------------------------------------------------

    def _groups(self) -> None:
        gen, pos = self.gen, self.pos
        groups: dict[tuple, _Group] = {}
        self.child_group: dict[int, _Group] = {}
        for row in self.rows:
            for c in row:
                bio = sorted((p for p in self.bio[c] if gen[p] < gen[c]), key=lambda p: (gen[p], pos[p]))
                for s in self.step[c]:
                    if gen[s] >= gen[c]:
                        continue
                    mate = next((q for q in bio if self._is_couple(q, s)), None)
                    parents = tuple(sorted((s, mate), key=lambda p: pos[p])) if mate is not None else (s,)
                    key = (RelationshipKind.STEP_PARENT_OF, parents, gen[c])
                    group = groups.setdefault(key, _Group(RelationshipKind.STEP_PARENT_OF, parents, gen[c]))
                    group.children.append(c)
                    self.child_group.setdefault(c, group)
                if bio:
                    key = (RelationshipKind.PARENT_OF, tuple(bio), gen[c])
                    group = groups.setdefault(key, _Group(RelationshipKind.PARENT_OF, tuple(bio), gen[c]))
                    group.children.append(c)
                    self.child_group[c] = group
        self.groups = list(groups.values())
        self.stub_side = [0] * self.n
        for group in self.groups:
            ps = group.parents
            if len(ps) == 1:
                group.origin = "single"
                p = ps[0]
                if self.stub_side[p] == 0:
                    self.stub_side[p] = self._free_side(p)
            elif len(ps) == 2 and self._is_couple(*ps):
                group.origin = "pair"
            else:
                group.origin = "bar"

    def _free_side(self, p: int) -> int:
        row, k = self.rows[self.gen[p]], self.pos[p]
        right_free = k + 1 >= len(row) or self.unit_of[row[k + 1]] != self.unit_of[p]
        left_free = k == 0 or self.unit_of[row[k - 1]] != self.unit_of[p]
        return 1 if right_free else (-1 if left_free else 2)  # 2: no room, the line goes straight down

    # -- horizontal placement ---------------------------------------------------------------------

    def _gaps(self, row: list[int]) -> list[float]:
        gaps = [0.0]
        for a, b in zip(row, row[1:], strict=False):
            gap = PARTNER_GAP if self.unit_of[a] == self.unit_of[b] else UNIT_GAP
            gap += STUB if self.stub_side[a] == 1 else 0
            gap += STUB if self.stub_side[b] == -1 else 0
            gaps.append(float(gap))
        return gaps

    def _origin_x(self, group: _Group, x: list[float]) -> float:
        ps = group.parents
        if group.origin == "single":
            side = self.stub_side[ps[0]]
            return x[ps[0]] + (side * STUB if side in (-1, 1) else 0)
        return sum(x[p] for p in ps) / len(ps)

    def _place(self) -> None:
        x = [0.0] * self.n
        self.row_gaps = [self._gaps(row) for row in self.rows]
        for row, gaps in zip(self.rows, self.row_gaps, strict=True):
            total = 0.0
            for i, gap in zip(row, gaps, strict=True):
                total += gap
                x[i] = total
        by_row: dict[int, list[_Group]] = {}
        for group in self.groups:
            by_row.setdefault(group.row, []).append(group)

        def down(g: int) -> None:
            row = self.rows[g]
            targets, weights = [x[i] for i in row], [0.05] * len(row)
            ordered = sorted(by_row.get(g, []), key=lambda grp: grp.style == RelationshipKind.PARENT_OF)
            for group in ordered:  # step groups first, so a child's own parents have the last word
                kids = sorted(group.children, key=lambda c: self.pos[c])
                ox = self._origin_x(group, x)
                for j, c in enumerate(kids):
                    if self.child_group.get(c) is group or group.style == RelationshipKind.STEP_PARENT_OF:
                        targets[self.pos[c]] = ox + (j - (len(kids) - 1) / 2) * UNIT_GAP
                        weights[self.pos[c]] = 1.0
            # A partner who married in moves along with the partner who has parents here.
            shift: dict[int, list[float]] = {}
            for k, i in enumerate(row):
                if weights[k] == 1.0:
                    acc = shift.setdefault(self.unit_of[i], [0.0, 0.0])
                    acc[0] += targets[k] - x[i]
                    acc[1] += 1
            for k, i in enumerate(row):
                acc = shift.get(self.unit_of[i])
                if weights[k] < 1.0 and acc:
                    targets[k], weights[k] = x[i] + acc[0] / acc[1], 0.5
            for i, value in zip(row, _pav(targets, weights, self.row_gaps[g]), strict=True):
                x[i] = value

        def up(g: int) -> None:
            row = self.rows[g]
            shift: dict[int, list[float]] = {}
            for group in self.groups:
                unit = self.unit_of[group.parents[0]]
                if group.row <= g or any(self.gen[p] != g or self.unit_of[p] != unit for p in group.parents):
                    continue
                mean_kids = sum(x[c] for c in group.children) / len(group.children)
                acc = shift.setdefault(unit, [0.0, 0.0])
                acc[0] += (mean_kids - self._origin_x(group, x)) * len(group.children)
                acc[1] += len(group.children)
            targets, weights = [], []
            for i in row:
                acc = shift.get(self.unit_of[i])
                targets.append(x[i] + (acc[0] / acc[1] if acc else 0.0))
                weights.append(1.0 if acc else 0.05)
            for i, value in zip(row, _pav(targets, weights, self.row_gaps[g]), strict=True):
                x[i] = value

        rows = range(len(self.rows))
        for _sweep in range(3):
            for g in rows[1:]:
                down(g)
            for g in reversed(rows[:-1]):
                up(g)
        for g in rows[1:]:
            down(g)
        for row, gaps in zip(self.rows, self.row_gaps, strict=True):
            # Loose people at the end of a row (no family lines) close up to the others.
            for k in range(len(row) - 1, 0, -1):
                if self.linked[row[k]]:
                    break
            else:
                k = 0
            for j in range(k + 1, len(row)):
                x[row[j]] = x[row[j - 1]] + gaps[j]
        left = min(x[i] - LABEL_HALF - (STUB if self.stub_side[i] == -1 else 0) for i in range(self.n))
        self.x = [value - left + MARGIN for value in x]
        self.right = max(self.x[i] + LABEL_HALF + (STUB if self.stub_side[i] == 1 else 0)
                         for i in range(self.n)) + MARGIN

    # -- edges other than descent -----------------------------------------------------------------

    def _classify_edges(self) -> None:
        """Decide for each relation how it is drawn: beside (same row, neighbours), arc (same row), straight."""
        shared = set()
        for r in self.rels:
            if r.kind in SIBLING_KINDS and set(self.bio[r.a]) & set(self.bio[r.b]):
                shared.add((r.kind, r.a, r.b))  # implied by the shared parents' lines
        slots: dict[tuple[int, int], list[float]] = {}
        self.beside: list[tuple[_Rel, float]] = []
        arcs: list[_Rel] = []
        self.straight: list[_Rel] = []
        for r in sorted(self.rels, key=lambda r: KIND_ORDER[r.kind]):
            if r.kind in PARENT_KINDS or (r.kind, r.a, r.b) in shared:
                continue
            if self.gen[r.a] != self.gen[r.b]:
                self.straight.append(r)
                continue
            if r.kind in SIBLING_KINDS or not self._consecutive(r.a, r.b):
                arcs.append(r)
                continue
            left, right = sorted((r.a, r.b), key=lambda i: self.pos[i])
            if (left, right) not in slots:
                free = [0.0, -11.0]
                if self.stub_side[left] == 1 or self.stub_side[right] == -1:
                    free = [-11.0]
                slots[(left, right)] = free
            if slots[(left, right)]:
                self.beside.append((r, slots[(left, right)].pop(0)))
            else:
                arcs.append(r)
        # Arcs above a row: each gets the lowest level where it overlaps no other arc.
        self.arcs: list[tuple[_Rel, int]] = []
        self.arc_levels = [0] * len(self.rows)
        taken: dict[int, list[tuple[int, int, int]]] = {}
        for r in sorted(arcs, key=lambda r: (abs(self.pos[r.a] - self.pos[r.b]), min(self.pos[r.a], self.pos[r.b]))):
            g = self.gen[r.a]
            lo, hi = sorted((self.pos[r.a], self.pos[r.b]))
            level = 0
            while any(lvl == level and lo <= h2 and l2 <= hi for l2, h2, lvl in taken.get(g, [])):
                level += 1
            taken.setdefault(g, []).append((lo, hi, level))
            self.arcs.append((r, level))
            self.arc_levels[g] = max(self.arc_levels[g], level + 1)

    # -- vertical placement -----------------------------------------------------------------------

    def _label_lines(self, p: _Person) -> list[tuple[str, str]]:
        lines = [(_fit(p.first or p.name, NAME_CHARS), "name")]
        if p.first and p.last:
            lines.append((_fit(p.last, DETAIL_CHARS), "detail"))
        if p.unborn:
            if p.expected:
                lines.append((_("ongeboren, verwacht"), "detail"))
                lines.append((_long_date(p.expected), "detail"))
            else:
                lines.append((_("ongeboren"), "detail"))
        elif p.deceased:
            lines.append((_("overleden"), "detail"))
        else:
            age = _age_text(p)
            if age:
                lines.append((age, "detail"))
        custody = [self.people[r.a] for r in self.edges_to[p.idx] if r.custody]
        if custody:
            names = ", ".join(q.first or q.name for q in custody)
            lines.append((_fit(_("gezag: %(names)s") % {"names": names}, DETAIL_CHARS), "detail"))
        return lines

    def _vertical(self) -> None:
        self.labels = [self._label_lines(p) for p in self.people]
        self.extent = [_symbol_extent(p) for p in self.people]
        bars_per_row: dict[int, list[_Group]] = {}
        for group in self.groups:
            bars_per_row.setdefault(group.row, []).append(group)
        for groups in bars_per_row.values():
            groups.sort(key=lambda grp: min(self.pos[c] for c in grp.children))
        self.bar_y: dict[int, float] = {}
        self.label_bottom: list[float] = []
        self.cy: list[float] = []
        for g, row in enumerate(self.rows):
            arcs = self.arc_levels[g]
            if g == 0:
                cy = 34 + 32 + ARC_STEP * max(arcs - 1, 0)
            else:
                bars = bars_per_row.get(g, [])
                bars_top = self.label_bottom[g - 1] + 18
                for k, group in enumerate(bars):
                    self.bar_y[id(group)] = bars_top + 7 * (k % 6)
                arcs_top = bars_top + 7 * min(max(len(bars) - 1, 0), 5) + 14
                cy = max(arcs_top + 34 + ARC_STEP * max(arcs - 1, 0), self.cy[g - 1] + 170)
            self.cy.append(cy)
            self.label_bottom.append(cy + max(self.extent[i][1] + 16 + (len(self.labels[i]) - 1) * LINE + 6
                                              for i in row))
        self.bottom = self.label_bottom[-1] + 16

    # -- drawing ----------------------------------------------------------------------------------

    def _xy(self, i: int) -> tuple[float, float]:
        return self.x[i], self.cy[self.gen[i]]

    def draw(self) -> tuple[list[str], set[str]]:
        used: set[str] = set()
        lines: list[str] = []
        people = self.people
        for group in self.groups:
            lines.append(self._draw_group(group))
            used.add(group.style)
        for r in self.broken_edges:
            lines.append(self._straight(r))
            used.add(r.kind)
        for r, dy in self.beside:
            (xa, cy), (xb, _cy) = sorted((self._xy(r.a), self._xy(r.b)))
            left, right = sorted((r.a, r.b), key=lambda i: self.pos[i])
            pts = [(xa + _half_width(people[left], dy), cy + dy), (xb - _half_width(people[right], dy), cy + dy)]
            has_kids = any(grp.origin == "pair" and set(grp.parents) == {r.a, r.b} for grp in self.groups)
            mark = 0.28 if has_kids and r.kind == RelationshipKind.FORMER_PARTNER else 0.5
            lines.append(_edge(pts, r.kind, title=_relation_title(r, people), mark_at=mark))
            used.add(r.kind)
        for r, level in self.arcs:
            lines.append(self._arc(r, level))
            used.add(r.kind)
        for r in self.straight:
            lines.append(self._straight(r))
            used.add(r.kind)

        persons = []
        for p in people:
            x, cy = self._xy(p.idx)
            used.add(p.shape)
            if p.referred:
                used.add("referred")
            if p.deceased:
                used.add("deceased")
            css = f"genogram-person genogram-person--{p.shape}"
            css += " genogram-person--referred" if p.referred else ""
            css += " genogram-person--deceased" if p.deceased else ""
            persons.append(
                f'<g class="{css}" transform="translate({_num(x)} {_num(cy)})">'
                f"<title>{_esc(_person_sentence(p))}</title>"
                f"{_symbol(p.shape, referred=p.referred, deceased=p.deceased)}"
                f"{_text_block(0, self.extent[p.idx][1] + 16, self.labels[p.idx])}</g>"
            )
        return lines + persons, used

    def _draw_group(self, group: _Group) -> str:
        people, x, ps = self.people, self.x, group.parents
        bar_y = self.bar_y[id(group)]
        d = []
        if group.origin == "pair":
            ox, oy = (x[ps[0]] + x[ps[1]]) / 2, self.cy[self.gen[ps[0]]]
        elif group.origin == "single":
            p = ps[0]
            px, py = self._xy(p)
            side = self.stub_side[p]
            if side in (-1, 1):
                ox, oy = px + side * STUB, py
                d.append(f"M{_num(px + side * _half_width(people[p], 0))} {_num(py)}H{_num(ox)}")
            else:
                ox, oy = px, py + self.extent[p][1]
        else:
            oy = max(self.label_bottom[self.gen[p]] for p in ps) + 6
            xs = [x[p] for p in ps]
            for p in ps:
                d.append(f"M{_num(x[p])} {_num(self.cy[self.gen[p]] + self.extent[p][1])}V{_num(oy)}")
            d.append(f"M{_num(min(xs))} {_num(oy)}H{_num(max(xs))}")
            ox = sum(xs) / len(xs)
        kid_x = [x[c] for c in group.children]
        d.append(f"M{_num(ox)} {_num(oy)}V{_num(bar_y)}")
        d.append(f"M{_num(min(kid_x + [ox]))} {_num(bar_y)}H{_num(max(kid_x + [ox]))}")
        for c in group.children:
            d.append(f"M{_num(x[c])} {_num(bar_y)}V{_num(self.cy[self.gen[c]] - self.extent[c][0])}")
        title = "; ".join(
            _relation_title(r, people) for c in group.children for r in self.edges_to[c]
            if r.kind == group.style and r.a in ps
        )
        return (f'<g class="genogram-rel genogram-rel--{group.style}"><title>{_esc(title)}</title>'
                f'<path d="{"".join(d)}" fill="none" {_stroke(group.style)}/></g>')

    def _arc(self, r: _Rel, level: int) -> str:
        (xa, ya), (xb, yb) = self._xy(r.a), self._xy(r.b)
        if xa > xb:
            (xa, ya, a), (xb, yb, b) = (xb, yb, r.b), (xa, ya, r.a)
        else:
            a, b = r.a, r.b
        y = ya - 32 - ARC_STEP * level
        pts = [(xa + 6, ya - self.extent[a][0] - 2), (xa + 6, y), (xb - 6, y), (xb - 6, yb - self.extent[b][0] - 2)]
        return _edge(pts, r.kind, title=_relation_title(r, self.people))

    def _straight(self, r: _Rel) -> str:
        """Between generations: from under the upper person's name to the top of the lower person's symbol."""
        upper, lower = sorted((r.a, r.b), key=lambda i: (self.gen[i], self.pos[i]))
        xa, ya = self.x[upper], self.label_bottom_of(upper) + 2
        cx, cy = self.x[lower], self.cy[self.gen[lower]]
        length = math.hypot(xa - cx, ya - cy) or 1.0
        reach = self.extent[lower][0] + 5  # stop at the symbol's edge, facing the upper person
        xb, yb = cx + (xa - cx) / length * reach, cy + (ya - cy) / length * reach
        if yb - ya < 12:
            return ""
        return _edge([(xa, ya), (xb, yb)], r.kind, title=_relation_title(r, self.people))

    def label_bottom_of(self, i: int) -> float:
        return self.cy[self.gen[i]] + self.extent[i][1] + 16 + (len(self.labels[i]) - 1) * LINE + 4

    # -- text -------------------------------------------------------------------------------------

    def sentences(self) -> list[str]:
        people = self.people
        order = [i for row in self.rows for i in row]
        out = [ngettext("Het genogram toont %(count)d persoon", "Het genogram toont %(count)d personen",
                        self.n) % {"count": self.n}
               + " " + ngettext("in %(rows)d generatie.", "in %(rows)d generaties.", len(self.rows))
               % {"rows": len(self.rows)}]
        out += [_person_sentence(people[i]) for i in order]
        rank = {i: k for k, i in enumerate(order)}
        rels = sorted(self.rels, key=lambda r: (KIND_ORDER[r.kind], rank[r.b] if r.kind in PARENT_KINDS
                                                else rank[r.a], rank[r.a], rank[r.b]))
        out += [_relation_sentence(r, people) for r in rels]
        out += self._sibling_sentences(order, rank)
        return out

    def _sibling_sentences(self, order: list[int], rank: dict[int, int]) -> list[str]:
        """Siblings follow from shared parents; say so, and name half-siblings explicitly."""
        people = self.people
        explicit = {(min(r.a, r.b), max(r.a, r.b)) for r in self.rels if r.kind in SIBLING_KINDS}
        parents_of = {i: sorted(set(self.bio[i]), key=lambda p: rank[p]) for i in range(self.n)}
        out: list[str] = []
        full_done: set[tuple[int, ...]] = set()
        half_done: set[tuple[int, int]] = set()
        for c in order:
            mine = parents_of[c]
            if len(mine) >= 2 and tuple(mine) not in full_done:
                full_done.add(tuple(mine))
                group = [i for i in order if parents_of[i] == mine]
                if len(group) >= 2:
                    out.append(_("%(children)s zijn %(siblings)s: zij hebben dezelfde ouders (%(parents)s).") % {
                        "children": _join([people[i].name for i in group]),
                        "siblings": _siblings_plural([people[i] for i in group], half=False),
                        "parents": _join([people[p].name for p in mine]),
                    })
            for p in mine:
                for s in self.kids[p]:
                    pair = (min(c, s), max(c, s))
                    if s == c or rank[s] < rank[c] or pair in half_done or pair in explicit:
                        continue
                    if p not in self.bio[s] or set(parents_of[s]) == set(mine):
                        continue
                    half_done.add(pair)
                    shared = [q for q in mine if q in parents_of[s]]
                    out.append(ngettext(
                        "%(a)s en %(b)s zijn %(siblings)s; hun gemeenschappelijke ouder is %(shared)s.",
                        "%(a)s en %(b)s zijn %(siblings)s; hun gemeenschappelijke ouders zijn %(shared)s.",
                        len(shared),
                    ) % {
                        "a": people[c].name, "b": people[s].name,
                        "siblings": _siblings_plural([people[c], people[s]], half=True),
                        "shared": _join([people[q].name for q in shared]),
                    })
        return out


def _genogram_legend(used: set[str]) -> list[tuple[str, str]]:
    items = [
        ("square", _symbol("square", scale=0.55), _("man")),
        ("circle", _symbol("circle", scale=0.55), _("vrouw")),
        ("diamond", _symbol("diamond", scale=0.55), _("anders of onbekend")),
        ("triangle", _symbol("triangle", scale=0.7), _("ongeboren kind")),
        ("referred", _symbol("square", referred=True, scale=0.5), _("aangemeld kind")),
        ("deceased", _symbol("square", deceased=True, scale=0.55), _("overleden")),
        (RelationshipKind.PARTNER, _line_glyph(RelationshipKind.PARTNER), _("partners")),
        (RelationshipKind.FORMER_PARTNER, _line_glyph(RelationshipKind.FORMER_PARTNER), _("ex-partners")),
        (RelationshipKind.PARENT_OF, _line_glyph(RelationshipKind.PARENT_OF), _("ouder en kind")),
        (RelationshipKind.STEP_PARENT_OF, _line_glyph(RelationshipKind.STEP_PARENT_OF),
         _("stiefouder en stiefkind")),
        (RelationshipKind.SIBLING, _line_glyph(RelationshipKind.SIBLING), _("broer of zus")),
        (RelationshipKind.HALF_SIBLING, _line_glyph(RelationshipKind.HALF_SIBLING),
         _("halfbroer of halfzus")),
        (RelationshipKind.CONFLICT, _line_glyph(RelationshipKind.CONFLICT), _("conflict")),
        (RelationshipKind.CUT_OFF, _line_glyph(RelationshipKind.CUT_OFF), _("geen contact (breuk)")),
    ]
    return [(glyph, label) for key, glyph, label in items if key in used]


@_in_active_language
def genogram_svg(*, persons: Iterable, relationships: Iterable, id_prefix: str = "genogram-svg") -> Diagram:
    """The family's genogram: generations top to bottom, couples side by side, children under their parents."""
    id_prefix = _safe_id(id_prefix, "genogram-svg")
    people, index = _read_persons(persons)
    if not people:
        return _empty(title=_("Genogram"), id_prefix=id_prefix, kind="genogram")
    rels = _read_relationships(relationships, index)
    layout = _Genogram(people, rels)
    body, used = layout.draw()
    width = max(layout.right, 640.0)
    legend, legend_height = _legend(_genogram_legend(used), x=MARGIN, y=layout.bottom + 8,
                                    width=width - 2 * MARGIN)
    height = layout.bottom + 8 + legend_height + MARGIN
    desc = (ngettext("Genogram met %(count)d persoon", "Genogram met %(count)d personen", len(people))
            % {"count": len(people)} + " " + ngettext("in %(rows)d generatie.", "in %(rows)d generaties.",
                                                       len(layout.rows)) % {"rows": len(layout.rows)}
            + " " + _("De tekstversie staat onder de afbeelding."))
    parts = _svg_open(width=width, height=height, id_prefix=id_prefix, title=_("Genogram"), desc=desc,
                      kind="genogram")
    parts += body
    parts.append(legend)
    parts.append("</svg>")
    return Diagram(svg="".join(parts), text_alternative=layout.sentences())


# --------------------------------------------------------------------------------------------------
# Sociogram

GROUP_ORDER = (NetworkGroup.FAMILY, NetworkGroup.FRIENDS, NetworkGroup.PROFESSIONAL)
GROUP_ANGLE = {NetworkGroup.FAMILY: -90.0, NetworkGroup.FRIENDS: 30.0, NetworkGroup.PROFESSIONAL: 150.0}
SECTOR_SPREAD = 100.0  # degrees of each 120-degree sector that members use
MEMBER_SPACING = 138.0  # px along the ring between neighbours
NODE_R = 13.0


def _read_members(network_members, index: dict) -> list[_Member]:
    members = []
    labels = {value: str(label) for value, label in NetworkGroup.choices}
    for obj in network_members or ():
        group = str(getattr(obj, "group", "") or "")
        support = str(getattr(obj, "support", "") or "")
        child = index.get(_lookup_key(getattr(obj, "child_id", None)))
        members.append(_Member(
            idx=len(members),
            name=_clean(getattr(obj, "name", "") or "").strip() or _("naam onbekend"),
            relation=" ".join(_clean(getattr(obj, "relation", "") or "").split()),
            group=group if group in labels else NetworkGroup.FAMILY,
            group_label=labels.get(group, _clean(group) or labels[NetworkGroup.FAMILY]),
            support=support if support in SUPPORT_VALUES else Support.UNKNOWN,
            frequency=" ".join(_clean(getattr(obj, "contact_frequency", "") or "").split()),
            child=child,
        ))
    return members


def _support_stroke(support: str) -> str:
    if support == Support.SUPPORTIVE:
        return f'stroke="{SUPPORT_GREEN}" stroke-width="3"'
    if support == Support.NOT_SUPPORTIVE:
        return f'stroke="{NOT_SUPPORTIVE_RED}" stroke-width="2.5" stroke-dasharray="9 5"'
    return f'stroke="{UNKNOWN_GREY}" stroke-width="2.5" stroke-dasharray="0.1 6" stroke-linecap="round"'


def _member_sentence(m: _Member, people: list[_Person]) -> str:
    who = f"{m.name} ({m.relation}; {m.group_label})" if m.relation else f"{m.name} ({m.group_label})"
    target = people[m.child].name if m.child is not None else _("het hele gezin")
    values = {"who": who, "target": target}
    if m.support == Support.SUPPORTIVE:
        text = _("%(who)s is steunend voor %(target)s.") % values
    elif m.support == Support.NOT_SUPPORTIVE:
        text = _("%(who)s is niet steunend voor %(target)s.") % values
    else:
        text = _("%(who)s: nog onbekend of deze persoon steunend is voor %(target)s.") % values
    if m.frequency:
        text += " " + _("Contact: %(frequency)s.") % {"frequency": m.frequency}
    return text


class _Box:
    def __init__(self) -> None:
        self.x0 = self.y0 = math.inf
        self.x1 = self.y1 = -math.inf

    def add(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.x0, self.y0 = min(self.x0, x0, x1), min(self.y0, y0, y1)
        self.x1, self.y1 = max(self.x1, x0, x1), max(self.y1, y0, y1)

    def text(self, x: float, y: float, lines: list[tuple[str, str]], anchor: str) -> None:
        for k, (text, style) in enumerate(lines):
            size = 14 if style == "title" else 13 if style == "name" else 11.5
            w = _text_width(text, size, style != "detail") * 1.05
            left = {"start": x, "end": x - w}.get(anchor, x - w / 2)
            base = y + k * LINE
            self.add(left - 3, base - size, left + w + 3, base + 4)


def _wrap(text: str, limit: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines or [""]


@_in_active_language
def sociogram_svg(*, family_name, persons: Iterable, network_members: Iterable,
                  id_prefix: str = "sociogram-svg") -> Diagram:
    """The informal network (R141): the household in the middle, members around it per group."""
    id_prefix = _safe_id(id_prefix, "sociogram-svg")
    family = " ".join(_clean(family_name).split())
    people, index = _read_persons(persons)
    members = _read_members(network_members, index)
    if not people and not members:
        return _empty(title=_("Sociogram"), id_prefix=id_prefix, kind="sociogram")

    # The household in the middle: children first (oldest first), then the others, as small chips.
    centre = sorted((p for p in people if p.childlike), key=lambda p: p.birth_key)
    centre += [p for p in people if not p.childlike]
    count = len(centre)
    cols = 1 if count <= 1 else 2 if count <= 4 else 3 if count <= 9 else math.ceil(math.sqrt(count))
    rows = math.ceil(count / cols) if count else 0
    chip_w, chip_h = 118.0, 30.0
    title_lines = [(_fit(line, 26), "title") for line in _wrap(family or _("Het gezin"), 26)[:2]]
    block_w = max(cols * chip_w, max(_text_width(t, 14, True) for t, _s in title_lines))
    block_h = len(title_lines) * LINE + 10 + rows * chip_h
    rc = max(74.0, math.hypot(block_w / 2, block_h / 2) + 12)

    by_group: dict[str, list[_Member]] = {g: [] for g in GROUP_ORDER}
    for m in members:
        by_group[m.group].append(m)
    spread = math.radians(SECTOR_SPREAD)
    box = _Box()
    box.add(-rc, -rc, rc, rc)
    back, edges, nodes = [], [], []
    rims = {}
    for g in GROUP_ORDER:  # each sector as deep as its own members need
        k = len(by_group[g])
        rims[g] = max(rc + 120, (k - 1) * MEMBER_SPACING / spread if k > 1 else 0) + 95
    for g in GROUP_ORDER:
        mid = GROUP_ANGLE[g]
        rim = rims[g]
        ring = rim - 95
        a0, a1 = math.radians(mid - 60), math.radians(mid + 60)
        p0 = (math.cos(a0), math.sin(a0))
        p1 = (math.cos(a1), math.sin(a1))
        back.append(
            f'<path d="M0 0L{_num(rim * p0[0])} {_num(rim * p0[1])}A{_num(rim)} {_num(rim)} 0 0 1 '
            f'{_num(rim * p1[0])} {_num(rim * p1[1])}Z" fill="{SECTOR_TINTS[g]}" stroke="{RULE_GREY}" '
            'stroke-width="1"/>'
        )
        back.append(
            f'<path d="M{_num(ring * p0[0])} {_num(ring * p0[1])}A{_num(ring)} {_num(ring)} 0 0 1 '
            f'{_num(ring * p1[0])} {_num(ring * p1[1])}" fill="none" stroke="{RULE_GREY}" stroke-width="1" '
            'stroke-dasharray="2 6"/>'
        )
        for a in range(int(mid - 60), int(mid + 61), 10):
            box.add(0, 0, rim * math.cos(math.radians(a)), rim * math.sin(math.radians(a)))

        group = by_group[g]
        k = len(group)
        used = min(spread, (k - 1) * MEMBER_SPACING / ring) if k > 1 else 0.0
        label_boxes: list[_Box] = []
        for j, m in enumerate(group):
            angle = math.radians(mid) + (j - (k - 1) / 2) * (used / (k - 1) if k > 1 else 0.0)
            ux, uy = math.cos(angle), math.sin(angle)
            nx, ny = ring * ux, ring * uy
            title = _member_sentence(m, people)
            edges.append(
                f'<g class="sociogram-edge sociogram-edge--{_esc(m.support)}"><title>{_esc(title)}</title>'
                f'<path d="M{_num(rc * ux)} {_num(rc * uy)}L{_num((ring - NODE_R - 3) * ux)} '
                f'{_num((ring - NODE_R - 3) * uy)}" fill="none" {_support_stroke(m.support)}/></g>'
            )
            lines = [(_fit(m.name, 20), "name")]
            if m.relation:
                lines.append((_fit(m.relation, 24), "detail"))
            if m.child is not None:
                lines.append((_fit(_("voor %(name)s") % {"name": people[m.child].first or people[m.child].name},
                                   24), "detail"))
            if m.frequency:
                lines.append((_fit(m.frequency, 24), "detail"))
            # The label sits outside the node, away from the centre, so no line runs through it.
            anchor = "start" if ux > 0.35 else "end" if ux < -0.35 else "middle"
            lx, ly = nx + (NODE_R + 7) * ux, ny + (NODE_R + 7) * uy
            if uy < -0.35:
                ly -= (len(lines) - 1) * LINE + 4
            elif uy > 0.35:
                ly += 12
            else:
                ly -= (len(lines) - 1) * LINE / 2 - 4
            label_box = _Box()
            label_box.text(lx, ly, lines, anchor)
            label_boxes.append(label_box)
            box.add(label_box.x0, label_box.y0, label_box.x1, label_box.y1)
            nodes.append(
                f'<g class="sociogram-member sociogram-member--{_esc(m.group)}"><title>{_esc(title)}</title>'
                f'<circle cx="{_num(nx)}" cy="{_num(ny)}" r="{_num(NODE_R)}" fill="{PAPER}" stroke="{INK}" '
                f'stroke-width="2"/>{_text_block(lx, ly, lines, anchor=anchor)}</g>'
            )
        # The group's name outside its sector, beyond the labels of its members.
        ux, uy = math.cos(math.radians(mid)), math.sin(math.radians(mid))
        reach = rim
        for lb in label_boxes:  # only labels in the title's way push it further out
            corners = [(x, y) for x in (lb.x0, lb.x1) for y in (lb.y0, lb.y1)]
            across = [y * ux - x * uy for x, y in corners]  # signed distance from the sector's middle line
            if min(across) < 0 < max(across) or min(abs(d) for d in across) < 110:
                reach = max(reach, *(x * ux + y * uy for x, y in corners))
        anchor = "start" if ux > 0.35 else "end" if ux < -0.35 else "middle"
        label = [(line, "title") for line in _wrap(_label(NetworkGroup, g), 24)]
        tx, ty = (reach + 14) * ux, (reach + 14) * uy
        ty = ty - (len(label) - 1) * LINE - 4 if uy < -0.35 else ty + 14 if uy > 0.35 else ty
        back.append(_text_block(tx, ty, label, anchor=anchor))
        box.text(tx, ty, label, anchor)

    # The circle of the household, on top of the edges.
    core = [f'<g class="sociogram-household"><circle r="{_num(rc)}" fill="{PAPER}" stroke="{INK}" '
            'stroke-width="2"/>']
    top = -block_h / 2 + 12
    core.append(_text_block(0, top, title_lines))
    y0 = top + (len(title_lines) - 1) * LINE + 10 + chip_h / 2
    for k, p in enumerate(centre):
        row, col = divmod(k, cols)
        in_row = min(cols, count - row * cols)
        cx = (col - (in_row - 1) / 2) * chip_w - chip_w / 2 + 16
        cy = y0 + row * chip_h
        text = _fit(p.first or p.name, 11) + (f" ({p.age})" if p.age is not None and not p.deceased else "")
        weight = ' font-weight="700"' if p.referred else ""
        core.append(
            f'<g class="sociogram-person" transform="translate({_num(cx)} {_num(cy)})">'
            f"<title>{_esc(_person_sentence(p))}</title>"
            f"{_symbol(p.shape, referred=p.referred, deceased=p.deceased, scale=0.42)}"
            f'<text x="16" y="4.5" font-size="12"{weight}>{_esc(text)}</text></g>'
        )
    core.append("</g>")

    legend_items = [
        (_edge_glyph(Support.SUPPORTIVE), _("steunend")),
        (_edge_glyph(Support.NOT_SUPPORTIVE), _("niet steunend")),
        (_edge_glyph(Support.UNKNOWN), _("steun onbekend")),
        (f'<circle r="9" fill="{PAPER}" stroke="{INK}" stroke-width="2"/>', _("in het midden: het gezin")),
    ]
    width = max(box.x1 - box.x0 + 2 * MARGIN, 460.0)
    dx = MARGIN - box.x0 + (width - (box.x1 - box.x0 + 2 * MARGIN)) / 2
    dy = MARGIN - box.y0
    legend, legend_height = _legend(legend_items, x=MARGIN, y=box.y1 - box.y0 + MARGIN + 12,
                                    width=width - 2 * MARGIN)
    height = box.y1 - box.y0 + MARGIN + 12 + legend_height + MARGIN
    desc = (_("Sociogram van %(family)s") % {"family": family or _("het gezin")} + ": "
            + ngettext("%(count)d netwerklid", "%(count)d netwerkleden", len(members)) % {"count": len(members)}
            + ". " + _("De tekstversie staat onder de afbeelding."))
    parts = _svg_open(width=width, height=height, id_prefix=id_prefix, title=_("Sociogram"), desc=desc,
                      kind="sociogram")
    parts.append(f'<g transform="translate({_num(dx)} {_num(dy)})">')
    parts += back
    parts += edges
    parts += core
    parts += nodes
    parts.append("</g>")
    parts.append(legend)
    parts.append("</svg>")

    text = [_("Sociogram van %(family)s.") % {"family": family or _("het gezin")}]
    if centre:
        text.append(_("In het midden staat het gezin: %(persons)s.") % {
            "persons": _join([_short_description(p) for p in centre])})
    else:
        text.append(_("In het midden staat het gezin; er zijn nog geen gezinsleden vastgelegd."))
    if not members:
        text.append(_("Nog geen netwerk vastgelegd."))
    for g in GROUP_ORDER:
        group = by_group[g]
        label = _label(NetworkGroup, g)
        if not group:
            if members:
                text.append(_("%(group)s: nog niemand vastgelegd.") % {"group": label})
            continue
        text.extend(_member_sentence(m, people) for m in group)
    return Diagram(svg="".join(parts), text_alternative=text)


def _edge_glyph(support: str) -> str:
    return f'<path d="M-20 0H20" fill="none" {_support_stroke(support)}/>'
