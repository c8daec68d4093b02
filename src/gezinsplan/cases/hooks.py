"""What other apps add to the case's own steps, called explicitly by the cases services instead of model signals.

The cases app does not import the apps that build on it (analysis, safety, collaboration); they register here.
Every check returns a list of Dutch problems (empty: nothing stands in the way).

- `closure_check`: `(case) -> list[str]`, why the case cannot be closed yet
  (collaboration registers R538: continuing help needs a jeugdteam monitor).
- `closure_content_check`: `(case, *, kind) -> list[str]`, what the chosen kind of closure (`ClosingKind`) still
  lacks (analysis registers the assurance plan, R044/R131/R504/R513; safety the 'good enough' judgement, R504).
- `work_phase_check`: `(case, *, to_phase) -> list[str]`, blocks the move to the next work phase
  (analysis registers R535 patterns broken; safety registers R520 every child spoken to alone).
- `work_phase_warning`: `(case, *, to_phase) -> list[str]`, shown but not blocking (analysis registers R516).
- `measure_end_check`: `(measure) -> list[str]`, blocks ending the last running measure of a case
  (safety registers R070 joint weighing and R410 follow-up and safety plan).
- `measure_request_check`: `(case) -> list[str]`, blocks a request for a protection measure (safety, R070).
- `handover_accept_check`: `(handover) -> list[str]`, blocks accepting a handover (analysis, R581/R597).
- `on_involvement_started`: a function `(*, involvement) -> None` run in the same transaction when a
  professional's involvement starts (analysis registers R059: the information-intake task).

Apps register in their `AppConfig.ready()`, like sections and due providers.
"""

from __future__ import annotations

from collections.abc import Callable

_registry: dict[str, list[Callable]] = {}


def _register(hook: str, func: Callable) -> Callable:
    funcs = _registry.setdefault(hook, [])
    if func not in funcs:
        funcs.append(func)
    return func


def _problems(hook: str, *args, **kwargs) -> list[str]:
    return [str(problem) for check in _registry.get(hook, []) for problem in check(*args, **kwargs)]


def closure_check(func: Callable) -> Callable:
    return _register("closure", func)


def closure_content_check(func: Callable) -> Callable:
    return _register("closure_content", func)


def work_phase_check(func: Callable) -> Callable:
    return _register("work_phase", func)


def work_phase_warning(func: Callable) -> Callable:
    return _register("work_phase_warning", func)


def measure_end_check(func: Callable) -> Callable:
    return _register("measure_end", func)


def measure_request_check(func: Callable) -> Callable:
    return _register("measure_request", func)


def handover_accept_check(func: Callable) -> Callable:
    return _register("handover_accept", func)


def on_involvement_started(func: Callable) -> Callable:
    return _register("involvement_started", func)


def closure_problems(case) -> list[str]:
    return _problems("closure", case)


def closure_content_problems(case, *, kind: str) -> list[str]:
    return _problems("closure_content", case, kind=kind)


def work_phase_problems(case, *, to_phase: int) -> list[str]:
    return _problems("work_phase", case, to_phase=to_phase)


def work_phase_warnings(case, *, to_phase: int) -> list[str]:
    return _problems("work_phase_warning", case, to_phase=to_phase)


def measure_end_problems(measure) -> list[str]:
    return _problems("measure_end", measure)


def measure_request_problems(case) -> list[str]:
    return _problems("measure_request", case)


def handover_accept_problems(handover) -> list[str]:
    return _problems("handover_accept", handover)


def involvement_started(*, involvement) -> None:
    for follow_up in _registry.get("involvement_started", []):
        follow_up(involvement=involvement)
