"""Where each demo family stands in the method today: phase, framework, products with hours, measures and the
transitions that led there (STORIES.md; the seed-003 families are under a measure). Days are relative to the load
date, like the rest of the demo data. Loaded by `load_demo` after the families."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class HoursData:
    username: str
    days_ago: int
    hours: str
    activity: str


@dataclass(frozen=True)
class IndicationData:
    kind: str  # "2a" or "2b"
    reason: str
    indicated_by: str
    starts_days_ago: int
    consent_by: str
    decision_forum: str
    hours: tuple[HoursData, ...] = ()
    ends_days_ago: int | None = None
    after_measure: bool = False  # a 2a for the warm handover after the OTS (R212)
    end_reason: str = ""  # a 2b ends only through a recorded event with its reason


@dataclass(frozen=True)
class MeasureData:
    child: str
    kind: str
    starts_days_ago: int
    ends_in_days: int
    ended_days_ago: int | None = None
    end_reason: str = ""


@dataclass(frozen=True)
class StepData:
    trigger: str
    from_phase: str
    to_phase: str
    from_framework: str
    to_framework: str
    days_ago: int
    actor: str
    reason: str
    rule_id: str


@dataclass(frozen=True)
class StateData:
    phase: str
    framework: str
    work_phase: int
    steps: tuple[StepData, ...] = ()
    indications: tuple[IndicationData, ...] = ()
    measures: tuple[MeasureData, ...] = field(default_factory=tuple)


JB = "jeugdbeschermer.jbwest"
OTS_JB = "jeugdbeschermer.ots.jbwest"

STATES: dict[str, StateData] = {
    # Zoetermeer: 2a with Annette's consent, JB 16 of 25 hours, LT keeps regie and the safety assessment.
    "Gezin Annette (Zoetermeer)": StateData(
        phase="lt_gi", framework="vrijwillig", work_phase=1,
        steps=(StepData("product_2a_indicated", "lt", "lt_gi", "vrijwillig", "vrijwillig", 45,
                        "casusregisseur.zoetermeer", "Teambesluit na de weging; Annette stemt in.", "R007,R008"),),
        indications=(IndicationData(
            "2a", "a", "casusregisseur.zoetermeer", 45, "Annette (moeder), mondeling",
            "Casuïstiekoverleg JGH met gedragswetenschapper",
            hours=(HoursData(JB, 44, "2", "case_discussion"), HoursData(JB, 40, "3", "home_visit"),
                   HoursData(JB, 33, "2.5", "analysis"), HoursData(JB, 26, "2", "home_visit"),
                   HoursData(JB, 19, "2", "network_meeting"), HoursData(JB, 12, "2.5", "consultation"),
                   HoursData(JB, 5, "2", "home_visit"))),),
    ),
    # Delft: the OTS ended 60 days ago; the LT leads again; 2a keeps the JB reachable (5 of 25 hours).
    "Gezin Kemal en Nathalie (Delft)": StateData(
        phase="lt_after", framework="nazorg", work_phase=3,
        steps=(StepData("measure_started", "lt_gi", "measure", "vrijwillig", "dwang", 926, JB,
                        "OTS uitgesproken voor de vier kinderen.", "R022"),
               StepData("measure_ended", "measure", "lt_after", "dwang", "nazorg", 60, JB,
                        "OTS niet meer nodig; warme overdracht aan het Sociaal Team.", "R023,R222"),
               StepData("product_2a_indicated", "lt_after", "lt_after", "nazorg", "nazorg", 59,
                        "casuscoordinator.delft", "2a na de OTS: de JB blijft op de achtergrond bereikbaar.",
                        "R212")),
        indications=(IndicationData(
            "2a", "d", "casuscoordinator.delft", 59, "Kemal en Nathalie", "Teamoverleg Delft Support",
            hours=(HoursData(JB, 30, "5", "home_visit"),), after_measure=True),),
        measures=tuple(MeasureData(child, "ots", 926, 0, ended_days_ago=60, end_reason="niet verlengd")
                       for child in ("Ibrahim", "Adil", "Erkan")),
    ),
    # Westland: 2b at the JBT (GI regie), then an urgent VOTS with MUHP.
    "Gezin Milena (Westland)": StateData(
        phase="measure", framework="dwang", work_phase=2,
        steps=(StepData("product_2b_indicated", "lt", "lt_gi", "vrijwillig", "vrijwillig", 240, "voorzitter.jbt",
                        "JBT: raadsonderzoek en product 2b; Milena stemt in aan tafel.", "R019,R024"),
               StepData("measure_started", "lt_gi", "measure", "vrijwillig", "dwang", 175, JB,
                        "Spoedverzoek VOTS met MUHP door JB en zorgregisseur; de rechter kent het toe.", "R255")),
        indications=(IndicationData("2b", "jbt", "voorzitter.jbt", 240, "Milena (moeder, gezag)",
                                    "Jeugdbeschermingstafel", ends_days_ago=175,
                                    end_reason="Maatregel uitgesproken: voorlopige OTS met MUHP"),),
        measures=tuple(MeasureData(child, kind, 175, 190) for child in ("Kristina", "Nikolai", "Ivan")
                       for kind in ("vots", "muhp")),
    ),
    # Den Haag: product 2b during the council investigation; regie and safety at the GI, the CJG stays.
    "Gezin Nadia en Daan (Den Haag)": StateData(
        phase="lt_gi", framework="vrijwillig", work_phase=1,
        steps=(StepData("product_2b_indicated", "lt", "lt_gi", "vrijwillig", "vrijwillig", 60, "voorzitter.jbt",
                        "JBT: raadsonderzoek, intussen product 2b; gezamenlijke kennismaking.", "R019,R024"),),
        indications=(IndicationData("2b", "jbt", "voorzitter.jbt", 60, "Nadia en Daan (gezag)",
                                    "Jeugdbeschermingstafel",
                                    hours=(HoursData(JB, 50, "3", "home_visit"), HoursData(JB, 20, "2",
                                                                                          "network_meeting"))),),
    ),
}

# The families of seed 003 are under an OTS with Jeugdbescherming west.
for _name, _child, _days in (("Gezin Sjors (JB west)", "Sjors", 240), ("Gezin Anne (JB west)", "Anne", 200),
                             ("Gezin Saïd (JB west)", "Saïd", 7), ("Gezin Maarten (JB west)", "Maarten", 150),
                             ("Gezin Dylan (JB west)", "Dylan", 400)):
    STATES[_name] = StateData(
        phase="measure", framework="dwang", work_phase=1 if _days < 60 else 2,
        steps=(StepData("measure_started", "lt", "measure", "vrijwillig", "dwang", _days, OTS_JB,
                        f"OTS voor {_child}.", "R022"),),
        measures=(MeasureData(_child, "ots", _days, 365 - _days),),
    )
