"""What other apps add to the case's own steps, called explicitly by the cases services instead of model signals.

- `closure_check`: a function `(case) -> list[str]` of Dutch reasons why the case cannot be closed yet
  (collaboration registers R538: continuing help needs a jeugdteam monitor).
- `on_involvement_started`: a function `(*, involvement) -> None` run in the same transaction when a
  professional's involvement starts (analysis registers R059: the information-intake task).

Apps register in their `AppConfig.ready()`, like sections and due providers.
"""

from __future__ import annotations

from collections.abc import Callable

_closure_checks: list[Callable] = []
_involvement_started: list[Callable] = []


def closure_check(func: Callable) -> Callable:
    if func not in _closure_checks:
        _closure_checks.append(func)
    return func


def on_involvement_started(func: Callable) -> Callable:
    if func not in _involvement_started:
        _involvement_started.append(func)
    return func


def closure_problems(case) -> list[str]:
    return [problem for check in _closure_checks for problem in check(case)]


def involvement_started(*, involvement) -> None:
    for follow_up in _involvement_started:
        follow_up(involvement=involvement)
