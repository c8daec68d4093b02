"""Sections that other apps add to the case page and the family page.

An app registers a function in its `sections.py` (imported from its AppConfig.ready):

    @case_section(order=20)
    def safety(*, request, case, grant, ctx) -> Section | None: ...

The function fetches what it shows in a fixed number of queries and returns a template with its context,
or None when the section does not apply. The case and family views render them in order. A case section gets
the page's `cases.context.CaseContext` as `ctx`: read the family's persons, the involvements, products, measures
and the responsibility from it (and pass it on to selectors that take one), so the page reads each only once.
A family section gets the family page's `families.selectors.FamilyPage` as `page` (its persons and cases).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)


_CASE: list[tuple[int, Callable]] = []
_FAMILY: list[tuple[int, Callable]] = []


def case_section(*, order: int):
    def register(func):
        _CASE.append((order, func))
        _CASE.sort(key=lambda item: item[0])
        return func
    return register


def family_section(*, order: int):
    def register(func):
        _FAMILY.append((order, func))
        _FAMILY.sort(key=lambda item: item[0])
        return func
    return register


def render_case_sections(*, request, case, grant, ctx) -> list[Section]:
    return [s for _order, func in _CASE
            if (s := func(request=request, case=case, grant=grant, ctx=ctx)) is not None]


def render_family_sections(*, request, family, grant, page) -> list[Section]:
    return [s for _order, func in _FAMILY
            if (s := func(request=request, family=family, grant=grant, page=page)) is not None]
