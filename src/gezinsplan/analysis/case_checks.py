"""What the analysis (the versioned family plan) asks of the case's own steps; registered in `cases.hooks`.

The assurance plan (borgingsplan) lives in `FamilyAnalysis` so it is versioned with the family plan (issue 6 item
7); the patterns to break are `PatternElement` rows with their status (R560).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from gezinsplan.analysis.models import FamilyAnalysis, PatternElement, PatternKind, PatternStatus
from gezinsplan.cases.models import Case, ClosingKind, WorkPhase


def assurance_gaps(analysis: FamilyAnalysis | None) -> list[str]:
    """R044: the parts of the borgingsplan that are still empty."""
    parts = (
        ("assurance_agreements", _("de afspraken met alle betrokkenen")),
        ("adherence_check", _("hoe het nakomen van de afspraken wordt gevolgd")),
        ("if_stuck", _("wat te doen als het vastloopt")),
    )
    return [str(label) for name, label in parts if analysis is None or not getattr(analysis, name).strip()]


def assurance_closure_gaps(case: Case, *, kind: str) -> list[str]:
    """R504: closing with the end state or a handover needs the relapse plan. R513: the change is secured only with
    a complete borgingsplan (R044). R131: closing with the end state needs a borgingsplan at all."""
    if kind not in {ClosingKind.END_STATE, ClosingKind.HANDED_OVER}:
        return []
    analysis = FamilyAnalysis.objects.filter(family_id=case.family_id).first()
    gaps = []
    if analysis is None or not analysis.relapse_actions.strip():
        gaps.append(_("leg in het borgingsplan van het gezinsplan vast wat te doen bij terugval (R504)"))
    missing = assurance_gaps(analysis)
    if missing and len(missing) < 3:
        gaps.append(
            _("de verandering is pas geborgd met een volledig borgingsplan; nog leeg: %(parts)s (R513)")
            % {"parts": ", ".join(missing)}
        )
    elif missing:
        gaps.append(_("maak eerst een borgingsplan in het gezinsplan (R044, R131)"))
    return gaps


def unbroken_patterns(case: Case) -> list[PatternElement]:
    """R535: the patterns of the change plan not yet marked broken (symptoms are not patterns, R526)."""
    return list(
        PatternElement.objects.filter(family_id=case.family_id)
        .exclude(kind=PatternKind.SYMPTOM)
        .exclude(status=PatternStatus.BROKEN)
    )


def pattern_phase_problems(case: Case, *, to_phase: int) -> list[str]:
    """R535: phase 3 (securing) begins only when every pattern is marked broken, with a date and evidence."""
    if to_phase != WorkPhase.SECURE:
        return []
    open_patterns = unbroken_patterns(case)
    if not open_patterns:
        return []
    return [
        _(
            "Fase 3 begint pas als de patronen zijn doorbroken (met datum en waaruit dat blijkt); "
            "nog niet doorbroken: %(list)s (R535)."
        )
        % {"list": "; ".join(p.text[:60] for p in open_patterns)}
    ]


def endorsement_warnings(case: Case, *, to_phase: int) -> list[str]:
    """R516: moving from work phase 1 to 2 warns while members of the family system do not (yet) stand behind the
    latest version of the family plan."""
    from gezinsplan.analysis.selectors import endorsement_gaps

    if to_phase != WorkPhase.SUPPORT:
        return []
    missing = endorsement_gaps(family=case.family)
    if not missing:
        return []
    return [
        _("Nog niet iedereen in het gezin staat achter het gezinsplan: %(names)s (R516).")
        % {"names": ", ".join(p.first_name for p in missing)}
    ]


def handover_report_problems(handover) -> list[str]:
    """R581/R597: a handover is accepted only when the family plan holds the minimal content and is current."""
    from gezinsplan.analysis.selectors import handover_report_gaps

    return [str(gap) for gap in handover_report_gaps(family=handover.case.family)]
