"""Demo data: regions, organisations, people who log in, and the families of the practice stories.

Pure data, no database access. `load_demo` turns it into rows. Sources:
- the four practice stories of seed 001 ("Beter Samenspel voor veilig opgroeien"), as structured in
  /work/shared/STORIES.md; the section is named above each family;
- the practice stories of Jeugdbescherming west in seed 003 ("Een dag uit het leven van een
  jeugdbeschermer" and "Op zoek naar onderliggende patronen").

All family names in the sources are fictitious. We add no surnames, birth dates or addresses that the
sources do not give: persons have no last name and no birth date; the ages of the stories are in the
family notes. Persons the stories describe without a name get a describing first name ("Vader van Nelle").
Dates are relative to the day of loading: `*_days_ago` counts back from today, `expected_in_days` forward.

The names of the professionals (the demo logins) are invented for the demo.
"""

from __future__ import annotations

from dataclasses import dataclass

from gezinsplan.accounts.constants import OrganisationType, Role, TrainingStatus
from gezinsplan.cases.models import InvolvementRole
from gezinsplan.families.models import Custody, FamilyRole, Gender, NetworkGroup, RelationshipKind, Support

DEFAULT_PASSWORD = "demo-wachtwoord-2026"
EMAIL_DOMAIN = "demo.gezinsplan.example"


# --- Shapes -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MunicipalityData:
    code: str  # CBS gemeentecode (four digits)
    name: str
    case_professional_title: str = "casusregisseur"  # R268; the model's default


@dataclass(frozen=True)
class RegionData:
    code: str
    name: str
    municipalities: tuple[MunicipalityData, ...]
    central_municipality: str  # municipality name
    directory_owner: str  # organisation name (R323)


@dataclass(frozen=True)
class TeamData:
    name: str
    municipality: str | None = None


@dataclass(frozen=True)
class OrganisationData:
    name: str
    short_name: str
    type: str
    region: str | None  # region code
    municipalities: tuple[str, ...]  # working area (werkgebied), municipality names
    teams: tuple[TeamData, ...] = ()


@dataclass(frozen=True)
class UserData:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str | None  # organisation name
    function_title: str
    team: str | None = None  # team name within the organisation
    municipalities: tuple[str, ...] = ()  # R321: the area this professional serves
    fixed_for: tuple[str, ...] = ()  # R004/R204: fixed youth protector for these municipalities
    training_status: str = TrainingStatus.NONE

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class PersonData:
    first_name: str
    family_role: str
    gender: str = Gender.OTHER
    in_household: bool = True
    is_referred: bool = False
    custody: str = Custody.UNKNOWN
    expected_in_days: int | None = None  # R244: unborn child, expected birth this many days from today


@dataclass(frozen=True)
class RelationshipData:
    from_person: str  # first name within the family
    kind: str
    to_person: str
    has_custody: bool = False
    note: str = ""


@dataclass(frozen=True)
class NetworkMemberData:
    name: str
    relation: str
    group: str = NetworkGroup.FAMILY
    support: str = Support.UNKNOWN
    child: str | None = None  # first name of the child; None for the whole family
    contact_frequency: str = ""


@dataclass(frozen=True)
class InvolvementData:
    username: str
    role: str
    start_days_ago: int
    end_days_ago: int | None = None  # None: still involved


@dataclass(frozen=True)
class CaseData:
    reason: str
    opened_days_ago: int
    involvements: tuple[InvolvementData, ...]


@dataclass(frozen=True)
class FamilyData:
    name: str
    municipality: str
    local_team: str | None  # organisation name
    notes: str
    persons: tuple[PersonData, ...]
    case: CaseData
    relationships: tuple[RelationshipData, ...] = ()
    network: tuple[NetworkMemberData, ...] = ()
    composition_confirmed: bool = True

    def children(self) -> tuple[PersonData, ...]:
        return tuple(p for p in self.persons if p.family_role == FamilyRole.CHILD)


# --- Regions and municipalities -----------------------------------------------------------------------

# Haaglanden: the ten municipalities of the youth-care region ('H10'). The seeds speak of "de tien
# gemeenten in Haaglanden" without listing them; the list and the CBS codes are the public reference data.
HAAGLANDEN = RegionData(
    code="haaglanden",
    name="Haaglanden",
    municipalities=(
        MunicipalityData("0503", "Delft", "casuscoördinator"),
        MunicipalityData("0518", "Den Haag", "gezinscoach"),
        MunicipalityData("1621", "Lansingerland"),
        MunicipalityData("1916", "Leidschendam-Voorburg"),
        MunicipalityData("1842", "Midden-Delfland"),
        MunicipalityData("1926", "Pijnacker-Nootdorp"),
        MunicipalityData("0603", "Rijswijk"),
        MunicipalityData("0629", "Wassenaar"),
        MunicipalityData("1783", "Westland", "zorgregisseur"),
        MunicipalityData("0637", "Zoetermeer", "casusregisseur"),
    ),
    central_municipality="Den Haag",
    # R323 names owners only for the Gelderland regions; for Haaglanden the central municipality keeps it.
    directory_owner="Gemeente Den Haag",
)

# A Gelderland youth-care region (seed 002). R323: in the regions around Tiel, Nijmegen, Ede and Arnhem
# the central municipality owns the contact directory. Rijk van Nijmegen is the region of Nijmegen.
RIJK_VAN_NIJMEGEN = RegionData(
    code="rijk-van-nijmegen",
    name="Rijk van Nijmegen",
    municipalities=(
        MunicipalityData("1945", "Berg en Dal"),
        MunicipalityData("0209", "Beuningen"),
        MunicipalityData("0225", "Druten"),
        MunicipalityData("0252", "Heumen"),
        MunicipalityData("0944", "Mook en Middelaar"),
        MunicipalityData("0268", "Nijmegen"),
        MunicipalityData("0296", "Wijchen"),
    ),
    central_municipality="Nijmegen",
    directory_owner="Gemeente Nijmegen",
)

REGIONS = (HAAGLANDEN, RIJK_VAN_NIJMEGEN)
H10 = tuple(m.name for m in HAAGLANDEN.municipalities)
STORY_MUNICIPALITIES = ("Zoetermeer", "Delft", "Westland", "Den Haag")


# --- Organisations and teams (R286, R321) ------------------------------------------------------------

# Local teams, as the stories name them (STORIES.md §1-4; R268).
JGH = "Plusteam Jeugd- en Gezinshulp Zoetermeer"
DELFT_SUPPORT = "Delft Support"
SKT = "Sociaal Kernteam Westland"
CJG = "Centrum Jeugd & Gezin Den Haag"
# The three GIs of the programme (seed 001, "Beter Samenspel in een notendop").
JB_WEST = "Jeugdbescherming west"
LEGER_DES_HEILS = "Leger des Heils Jeugdbescherming en Reclassering"
WILLIAM_SCHRIKKER = "William Schrikker Stichting Jeugdbescherming & Jeugdreclassering"
# Safety partners, the table, care providers, municipalities and the region.
VEILIG_THUIS = "Veilig Thuis Haaglanden"
VEILIG_THUIS_GZ = "Veilig Thuis Gelderland-Zuid"
RVDK = "Raad voor de Kinderbescherming"
JBT = "Jeugdbeschermingstafel Haaglanden"
BETER_THUIS = "Beter Thuis"
SHELTER_DELFT = "Maatschappelijke opvang Delft (gezinsopvang)"
GEMEENTE_DEN_HAAG = "Gemeente Den Haag"
GEMEENTE_NIJMEGEN = "Gemeente Nijmegen"
JEUGDHULP_HAAGLANDEN = "Jeugdhulp Haaglanden"

ORGANISATIONS = (
    OrganisationData(JGH, "JGH", OrganisationType.LOCAL_TEAM, "haaglanden", ("Zoetermeer",),
                     (TeamData("Werkgroep Beter Samenspel", "Zoetermeer"),)),
    OrganisationData(DELFT_SUPPORT, "Delft Support", OrganisationType.LOCAL_TEAM, "haaglanden", ("Delft",),
                     (TeamData("Sociaal Team", "Delft"), TeamData("Jeugdteam", "Delft"),
                      TeamData("Wmo-team", "Delft"))),
    OrganisationData(SKT, "SKT", OrganisationType.LOCAL_TEAM, "haaglanden", ("Westland",),
                     (TeamData("Sociaal Kernteam", "Westland"),)),
    OrganisationData(CJG, "CJG", OrganisationType.LOCAL_TEAM, "haaglanden", ("Den Haag",),
                     (TeamData("CJG Escamp", "Den Haag"),)),
    OrganisationData(JB_WEST, "JB west", OrganisationType.GI, "haaglanden", H10,
                     (TeamData("Basisteam Haaglanden"),)),
    OrganisationData(LEGER_DES_HEILS, "LJ&R", OrganisationType.GI, "haaglanden", H10,
                     (TeamData("Team Haaglanden"),)),
    OrganisationData(WILLIAM_SCHRIKKER, "WSS", OrganisationType.GI, "haaglanden", H10,
                     (TeamData("Team Haaglanden"),)),
    OrganisationData(VEILIG_THUIS, "VT Haaglanden", OrganisationType.VEILIG_THUIS, "haaglanden", H10),
    OrganisationData(VEILIG_THUIS_GZ, "VT Gelderland-Zuid", OrganisationType.VEILIG_THUIS, "rijk-van-nijmegen",
                     tuple(m.name for m in RIJK_VAN_NIJMEGEN.municipalities)),
    OrganisationData(RVDK, "RvdK", OrganisationType.RVDK, "haaglanden", H10,
                     (TeamData("Regio Haaglanden"),)),
    OrganisationData(JBT, "JBT", OrganisationType.JBT, "haaglanden", H10,
                     (TeamData("Voorzitters"),)),
    # Zoetermeer story, event 15: an integrated offer of several parties.
    OrganisationData(BETER_THUIS, "Beter Thuis", OrganisationType.CARE_PROVIDER, "haaglanden", ("Zoetermeer",),
                     (TeamData("Aanmelding en intake"),)),
    # Delft story: the family lives in the gezinsopvang of the maatschappelijke opvang.
    OrganisationData(SHELTER_DELFT, "Gezinsopvang", OrganisationType.CARE_PROVIDER, "haaglanden", ("Delft",)),
    OrganisationData(GEMEENTE_DEN_HAAG, "Gemeente Den Haag", OrganisationType.MUNICIPALITY, "haaglanden",
                     ("Den Haag",), (TeamData("Backoffice Jeugd", "Den Haag"),)),
    OrganisationData(GEMEENTE_NIJMEGEN, "Gemeente Nijmegen", OrganisationType.MUNICIPALITY, "rijk-van-nijmegen",
                     ("Nijmegen",)),
    OrganisationData(JEUGDHULP_HAAGLANDEN, "Jeugdhulp Haaglanden", OrganisationType.REGION, "haaglanden", H10,
                     (TeamData("Regiobureau"),)),
)


# --- Demo logins: one or more per role (DESIGN §2) ----------------------------------------------------

USERS = (
    # Local teams (R268: the title differs per municipality).
    UserData("casusregisseur.zoetermeer", "Ilse", "de Groot", Role.LT_PROFESSIONAL, JGH, "Casusregisseur",
             team="Werkgroep Beter Samenspel", municipalities=("Zoetermeer",),
             # Zoetermeer story, event 14: training started a month into the collaboration.
             training_status=TrainingStatus.IN_TRAINING),
    UserData("gedragswetenschapper.lt", "Femke", "Jansen", Role.BEHAVIOURAL_SCIENTIST, JGH,
             "Gedragswetenschapper", team="Werkgroep Beter Samenspel", municipalities=("Zoetermeer",),
             training_status=TrainingStatus.TRAINED),
    UserData("teamleider.jgh", "Ruud", "Bakker", Role.TEAM_LEAD, JGH, "Teamleider plusteam JGH",
             team="Werkgroep Beter Samenspel", municipalities=("Zoetermeer",)),
    UserData("casuscoordinator.delft", "Noor", "Visser", Role.LT_PROFESSIONAL, DELFT_SUPPORT,
             "Casuscoördinator", team="Sociaal Team", municipalities=("Delft",),
             training_status=TrainingStatus.TRAINED),
    UserData("zorgregisseur.westland", "Kees", "van Leeuwen", Role.LT_PROFESSIONAL, SKT, "Zorgregisseur",
             team="Sociaal Kernteam", municipalities=("Westland",), training_status=TrainingStatus.TRAINED),
    UserData("gezinscoach.denhaag", "Esther", "Mulder", Role.LT_PROFESSIONAL, CJG, "Gezinscoach",
             team="CJG Escamp", municipalities=("Den Haag",), training_status=TrainingStatus.TRAINED),
    # GIs: fixed youth protectors linked to municipalities (R004, R204).
    UserData("jeugdbeschermer.jbwest", "Lieke", "van Dam", Role.GI_PROTECTOR, JB_WEST, "Jeugdbeschermer",
             team="Basisteam Haaglanden", municipalities=STORY_MUNICIPALITIES, fixed_for=STORY_MUNICIPALITIES,
             training_status=TrainingStatus.TRAINED),
    UserData("jeugdbeschermer.ots.jbwest", "Jeroen", "Smit", Role.GI_PROTECTOR, JB_WEST,
             "Jeugdbeschermer (maatregelen)", team="Basisteam Haaglanden", municipalities=("Den Haag",),
             training_status=TrainingStatus.TRAINED),
    UserData("gedragswetenschapper.jbwest", "Marloes", "Kok", Role.BEHAVIOURAL_SCIENTIST, JB_WEST,
             "Gedragswetenschapper", team="Basisteam Haaglanden", municipalities=H10,
             training_status=TrainingStatus.TRAINED),
    UserData("teamleider.jbwest", "Wendy", "de Bruin", Role.TEAM_LEAD, JB_WEST, "Teammanager basisteam",
             team="Basisteam Haaglanden", municipalities=H10),
    # R599: the GI's lawyer joins case discussions and holds a consultation hour.
    UserData("jurist.jbwest", "Hanneke", "Pauw", Role.LAWYER, JB_WEST, "Jurist", team="Basisteam Haaglanden"),
    UserData("jeugdbeschermer.ldh", "Bart", "Hendriks", Role.GI_PROTECTOR, LEGER_DES_HEILS, "Jeugdbeschermer",
             team="Team Haaglanden", municipalities=("Den Haag", "Rijswijk"), fixed_for=("Den Haag", "Rijswijk")),
    UserData("jeugdbeschermer.wss", "Anouk", "Vermeulen", Role.GI_PROTECTOR, WILLIAM_SCHRIKKER,
             "Jeugdbeschermer", team="Team Haaglanden", municipalities=("Delft", "Zoetermeer"),
             fixed_for=("Delft", "Zoetermeer")),
    # The table, the council, care and the municipality.
    UserData("voorzitter.jbt", "Gerard", "van den Berg", Role.JBT_CHAIR, JBT, "Onafhankelijk voorzitter JBT",
             team="Voorzitters", municipalities=H10),
    UserData("raadsmedewerker", "Ingrid", "Bos", Role.RVDK_OFFICER, RVDK, "Raadsonderzoeker",
             team="Regio Haaglanden", municipalities=H10),
    UserData("zorgaanbieder", "Tom", "Willems", Role.CARE_PROVIDER, BETER_THUIS, "Medewerker aanmelding",
             team="Aanmelding en intake", municipalities=("Zoetermeer",)),
    UserData("backoffice", "Linda", "Schouten", Role.BACK_OFFICE, GEMEENTE_DEN_HAAG, "Medewerker backoffice jeugd",
             team="Backoffice Jeugd", municipalities=("Den Haag",)),
    UserData("regiocontact", "Erik", "Brouwer", Role.REGIONAL_CONTACT, JEUGDHULP_HAAGLANDEN,
             "Regionale contactpersoon", team="Regiobureau", municipalities=H10),
    # No personal data at all (ROLES_WITHOUT_PERSONAL_DATA).
    UserData("beleid", "Petra", "van Wijk", Role.POLICY_OFFICER, JEUGDHULP_HAAGLANDEN, "Beleidsmedewerker jeugd",
             team="Regiobureau", municipalities=H10),
    UserData("beheer", "Rob", "Meijer", Role.FUNCTIONAL_ADMIN, JEUGDHULP_HAAGLANDEN, "Functioneel beheerder",
             team="Regiobureau"),
    UserData("privacy", "Sanne", "Dekker", Role.PRIVACY_OFFICER, JEUGDHULP_HAAGLANDEN, "Privacyfunctionaris",
             team="Regiobureau"),
    # Portal role, for a later issue: a parent with no access to anything yet.
    UserData("ouder.annette", "Annette", "", Role.PARENT, None, ""),
)


# --- Families -----------------------------------------------------------------------------------------

P, C, PARTNER, CAREGIVER = FamilyRole.PARENT, FamilyRole.CHILD, FamilyRole.PARTNER, FamilyRole.CAREGIVER
F, M, X = Gender.FEMALE, Gender.MALE, Gender.OTHER
K = RelationshipKind
LEAD, SUPPORT, EXPERT, BACKGROUND = (InvolvementRole.LEAD, InvolvementRole.SUPPORT, InvolvementRole.EXPERT,
                                     InvolvementRole.BACKGROUND)
PRO, FRIENDS = NetworkGroup.PROFESSIONAL, NetworkGroup.FRIENDS
YES, NO = Support.SUPPORTIVE, Support.NOT_SUPPORTIVE


def _parent_of(parent: str, *children: str, note: str = "") -> tuple[RelationshipData, ...]:
    return tuple(RelationshipData(parent, K.PARENT_OF, child, note=note) for child in children)


# STORIES.md §1 Zoetermeer, "Casus OTS voorkomen". Snapshot: during product 2a, weeks after the CIT
# handover; Annette is heavily pregnant (about 7 months at the start), so Lisa is still unborn (R244).
ZOETERMEER = FamilyData(
    name="Gezin Annette (Zoetermeer)",
    municipality="Zoetermeer",
    local_team=JGH,
    notes=(
        "Demogezin uit 'Beter Samenspel voor veilig opgroeien' (praktijkverhaal Zoetermeer). Namen zijn "
        "gefingeerd. Leeftijd volgens het verhaal: Nelle 5 jaar. Annette was bij de start ongeveer 7 maanden "
        "zwanger van Berend. Na een geweldsincident onder invloed van alcohol heeft Berend een contactverbod; "
        "het CIT droeg het gezin over aan JGH. Eerder: langdurig huiselijk geweld door de vader van Nelle, "
        "verblijf in een Blijf-van-mijn-lijfhuis en een OTS in een andere regio (afgesloten). "
        "Gezag: niet bekend."
    ),
    persons=(
        PersonData("Annette", P, F),
        PersonData("Berend", P, M, in_household=False),  # contactverbod
        PersonData("Nelle", C, F, is_referred=True),
        PersonData("Lisa", C, F, expected_in_days=21),
        PersonData("Vader van Nelle", P, M, in_household=False),
    ),
    relationships=(
        *_parent_of("Annette", "Nelle", "Lisa"),
        *_parent_of("Berend", "Lisa", note="Vader van het ongeboren kind."),
        *_parent_of("Vader van Nelle", "Nelle", note="Niet in beeld."),
        RelationshipData("Annette", K.PARTNER, "Berend", note="Relatie sinds kort; contactverbod na het incident."),
        RelationshipData("Berend", K.CONFLICT, "Annette",
                         note="Geweld onder invloed van alcohol; bodemeisen en veiligheidsafspraken."),
        RelationshipData("Annette", K.FORMER_PARTNER, "Vader van Nelle", note="Langdurig huiselijk geweld."),
        RelationshipData("Vader van Nelle", K.CUT_OFF, "Nelle", note="Niet in beeld."),
        RelationshipData("Nelle", K.HALF_SIBLING, "Lisa", note="Andere vader."),
    ),
    network=(
        NetworkMemberData("Verloskundige", "verloskundige van Annette", PRO, YES),
        NetworkMemberData("Huisarts", "huisarts van het gezin", PRO, YES),
        NetworkMemberData("Gynaecoloog", "gynaecoloog van Annette", PRO, YES),
        NetworkMemberData("Buitenschoolse opvang", "BSO van Nelle", PRO, Support.UNKNOWN, child="Nelle"),
    ),
    case=CaseData(
        reason=("Overdracht door het CIT na huiselijk geweld en een contactverbod; acute en structurele "
                "veiligheidsrisico's (ARIJ)."),
        opened_days_ago=49,
        involvements=(
            InvolvementData("casusregisseur.zoetermeer", LEAD, 49),
            InvolvementData("gedragswetenschapper.lt", EXPERT, 49),  # weging at the handover
            InvolvementData("jeugdbeschermer.jbwest", SUPPORT, 45),  # product 2a, LT keeps regie
            InvolvementData("zorgaanbieder", SUPPORT, 7),  # Beter Thuis: on the waiting list with urgency
        ),
    ),
)

# STORIES.md §2 Delft, "Casus OTS beëindigd". Snapshot: the OTS has just ended; the JB stays reachable in
# the background through product 2a (waakvlam) and the Sociaal Team holds regie.
DELFT = FamilyData(
    name="Gezin Kemal en Nathalie (Delft)",
    municipality="Delft",
    local_team=DELFT_SUPPORT,
    notes=(
        "Demogezin uit 'Beter Samenspel voor veilig opgroeien' (praktijkverhaal Delft). Namen zijn gefingeerd. "
        "Leeftijden volgens het verhaal: Ibrahim 6, Adil 3, Erkan 2, Elif 0 jaar. Na huisuitzetting in de "
        "vorige gemeente woont het gezin in de gezinsopvang; geen sociaal netwerk om op terug te vallen. "
        "Aanmelding Sociaal Team 2016, melding JBT zomer 2018, OTS begin 2019, Elif geboren medio 2019, "
        "Beter Samenspel vanaf begin 2020. Bewindvoering loopt langdurig door. Gezag: niet bekend."
    ),
    persons=(
        PersonData("Kemal", P, M),
        PersonData("Nathalie", P, F),
        PersonData("Ibrahim", C, M, is_referred=True),
        PersonData("Adil", C, M, is_referred=True),
        PersonData("Erkan", C, M, is_referred=True),
        PersonData("Elif", C, F),  # born after the JBT report
    ),
    relationships=(
        *_parent_of("Kemal", "Ibrahim", "Adil", "Erkan", "Elif"),
        *_parent_of("Nathalie", "Ibrahim", "Adil", "Erkan", "Elif"),
        RelationshipData("Kemal", K.PARTNER, "Nathalie"),
        RelationshipData("Ibrahim", K.SIBLING, "Adil"),
        RelationshipData("Ibrahim", K.SIBLING, "Erkan"),
        RelationshipData("Ibrahim", K.SIBLING, "Elif"),
        RelationshipData("Adil", K.SIBLING, "Erkan"),
        RelationshipData("Adil", K.SIBLING, "Elif"),
        RelationshipData("Erkan", K.SIBLING, "Elif"),
    ),
    network=(
        NetworkMemberData("Bewindvoerder", "bewindvoerder van het gezin (door de rechter benoemd)", PRO, YES),
        NetworkMemberData("Gezinsopvang", "maatschappelijke opvang met begeleiding", PRO, YES),
        NetworkMemberData("Woningcorporatie", "zelfstandige woning in zicht", PRO),
        NetworkMemberData("School", "school van de kinderen", PRO),
    ),
    case=CaseData(
        reason=("Aanmelding bij het Sociaal Team: financiële problemen en schulden, huisvesting (gezinsopvang), "
                "overbelaste moeder, geen netwerk."),
        opened_days_ago=1826,
        involvements=(
            # The fixed casuscoördinator changed during the OTS; the demo login is the current one.
            # During the OTS the Sociaal Team stood beside the GI; since the OTS ended it leads again (R222).
            InvolvementData("casuscoordinator.delft", SUPPORT, 400, end_days_ago=61),
            InvolvementData("casuscoordinator.delft", LEAD, 60),
            InvolvementData("voorzitter.jbt", BACKGROUND, 1096, end_days_ago=1096),  # JBT, summer 2018
            InvolvementData("jeugdbeschermer.jbwest", SUPPORT, 1096, end_days_ago=927),  # GI preventively
            InvolvementData("jeugdbeschermer.jbwest", LEAD, 926, end_days_ago=60),  # OTS
            InvolvementData("jeugdbeschermer.jbwest", BACKGROUND, 59),  # product 2a after the OTS
        ),
    ),
)

# STORIES.md §3 Westland, "Casus OTS toch noodzakelijk". Snapshot: the first year of the measure
# (VOTS + MUHP); the JB holds regie, the zorgregisseur joins the quarterly network meeting.
WESTLAND = FamilyData(
    name="Gezin Milena (Westland)",
    municipality="Westland",
    local_team=SKT,
    notes=(
        "Demogezin uit 'Beter Samenspel voor veilig opgroeien' (praktijkverhaal Westland). Namen zijn "
        "gefingeerd. Leeftijden volgens het verhaal: Kristina 13, Nikolai 8, Ivan 6 jaar. Milena is "
        "alleenstaande moeder met een verslavingsgeschiedenis van bijna 20 jaar; zij meldde zichzelf bij het "
        "SKT na een terugval. Eerder: VOTS met MUHP, OTS en pleegzorg; maatregelen beëindigd eind 2016. "
        "Nu: VOTS met MUHP, de kinderen zijn uit huis geplaatst (pleeggezin). Gezag: niet bekend."
    ),
    persons=(
        PersonData("Milena", P, F),
        PersonData("Kristina", C, F, in_household=False, is_referred=True),
        PersonData("Nikolai", C, M, in_household=False),
        PersonData("Ivan", C, M, in_household=False, is_referred=True),
        PersonData("Vader van de kinderen", P, M, in_household=False),
    ),
    relationships=(
        *_parent_of("Milena", "Kristina", "Nikolai", "Ivan"),
        *_parent_of("Vader van de kinderen", "Kristina", "Nikolai", "Ivan", note="Uit beeld."),
        *(RelationshipData("Vader van de kinderen", K.CUT_OFF, child, note="Uit beeld.")
          for child in ("Kristina", "Nikolai", "Ivan")),
        RelationshipData("Kristina", K.SIBLING, "Nikolai"),
        RelationshipData("Kristina", K.SIBLING, "Ivan"),
        RelationshipData("Nikolai", K.SIBLING, "Ivan"),
    ),
    network=(
        NetworkMemberData("Huisarts", "huisarts van het gezin", PRO),
        NetworkMemberData("Leerkracht van Kristina", "leerkracht", PRO, child="Kristina"),
        NetworkMemberData("School van Ivan", "school", PRO, child="Ivan"),
        NetworkMemberData("Vriend van Kristina", "vriend", FRIENDS, child="Kristina"),
        NetworkMemberData("Pleeggezin", "pleeggezin tijdens de uithuisplaatsing", PRO),
    ),
    case=CaseData(
        reason="Zelfmelding bij terugval: moeder laat de kinderen 's nachts alleen thuis door haar verslaving.",
        opened_days_ago=365,
        involvements=(
            InvolvementData("zorgregisseur.westland", LEAD, 365, end_days_ago=241),
            InvolvementData("voorzitter.jbt", BACKGROUND, 240, end_days_ago=240),  # JBT: raadsonderzoek + 2b
            InvolvementData("jeugdbeschermer.jbwest", LEAD, 240),  # 2b, then the measure: GI regie
            InvolvementData("zorgregisseur.westland", SUPPORT, 240),  # quarterly network meeting
            InvolvementData("raadsmedewerker", EXPERT, 240, end_days_ago=175),  # urgent request VOTS + MUHP
        ),
    ),
)

# STORIES.md §4 Den Haag, "Casus samenwerking tijdens OTS". Snapshot: during product 2b and the RvdK
# investigation, after the decision that Chris lives with Daan too.
DEN_HAAG = FamilyData(
    name="Gezin Nadia en Daan (Den Haag)",
    municipality="Den Haag",
    local_team=CJG,
    notes=(
        "Demogezin uit 'Beter Samenspel voor veilig opgroeien' (praktijkverhaal Den Haag). Namen zijn "
        "gefingeerd. Leeftijden volgens het verhaal: Chris 6, Lotte 4, Emma 3 jaar. Nadia en Chris staan "
        "ingeschreven in Amsterdam, Lotte en Emma in Den Haag; het verzoek aan de JBT ging daarom alleen over "
        "Lotte en Emma, het raadsonderzoek gaat over alle drie. Henk woont in Amsterdam. Nadia is thuisloos "
        "(traject via het Haagse Daklozenloket). De kinderen wonen bij Daan, op voorwaarde dat Nadia daar niet "
        "intrekt. Co-ouderschap voor Lotte en Emma. Gezag: niet uitdrukkelijk vermeld."
    ),
    persons=(
        PersonData("Nadia", P, F, in_household=False),
        PersonData("Daan", P, M),
        PersonData("Henk", P, M, in_household=False),
        PersonData("Chris", C, M),
        PersonData("Lotte", C, F, is_referred=True),
        PersonData("Emma", C, F, is_referred=True),
        PersonData("Nieuwe partner van Daan", PARTNER, X, in_household=False),
    ),
    relationships=(
        *_parent_of("Nadia", "Chris", "Lotte", "Emma"),
        *_parent_of("Henk", "Chris", note="Nauwelijks contact met Chris."),
        *_parent_of("Daan", "Lotte", "Emma", note="Co-ouderschap met Nadia."),
        RelationshipData("Daan", K.STEP_PARENT_OF, "Chris",
                         note="Niet de vader; Chris woont bij hem, op voorwaarde dat Nadia niet intrekt."),
        RelationshipData("Nadia", K.FORMER_PARTNER, "Henk", note="Zeer gewelddadige relatie; nieuw huiselijk geweld."),
        RelationshipData("Henk", K.CONFLICT, "Nadia", note="Huiselijk geweld."),
        RelationshipData("Nadia", K.FORMER_PARTNER, "Daan", note="Relatie beëindigd; co-ouderschap."),
        RelationshipData("Nadia", K.CONFLICT, "Daan", note="Verbale agressie, conflicten bij overdrachtsmomenten."),
        RelationshipData("Daan", K.PARTNER, "Nieuwe partner van Daan",
                         note="Spanning rond de co-ouderschapscontacten."),
        RelationshipData("Chris", K.HALF_SIBLING, "Lotte", note="Andere vader."),
        RelationshipData("Chris", K.HALF_SIBLING, "Emma", note="Andere vader."),
        RelationshipData("Lotte", K.SIBLING, "Emma"),
    ),
    network=(
        NetworkMemberData("Vrienden van Nadia", "Nadia en Chris verbleven tijdelijk bij hen", FRIENDS),
        NetworkMemberData("Haagse Daklozenloket", "traject voor Nadia", PRO, YES),
        NetworkMemberData("Gemeente Amsterdam", "inschrijving Nadia en Chris; afstemming met Den Haag", PRO),
    ),
    case=CaseData(
        reason=("Herhaalde incidenten en politiemeldingen: schreeuwen en deurslaan met de kinderen erbij; "
                "veiligheidsafspraken niet nagekomen."),
        opened_days_ago=450,
        involvements=(
            InvolvementData("gezinscoach.denhaag", LEAD, 450, end_days_ago=61),
            InvolvementData("gezinscoach.denhaag", SUPPORT, 60),  # the CJG stays involved
            InvolvementData("jeugdbeschermer.jbwest", LEAD, 60),  # product 2b: regie and safety at the GI
            InvolvementData("voorzitter.jbt", BACKGROUND, 60),
            InvolvementData("raadsmedewerker", EXPERT, 60),  # investigation, extended to all three children
        ),
    ),
)

STORY_FAMILIES = (ZOETERMEER, DELFT, WESTLAND, DEN_HAAG)


# Seed 003 (Jeugdbescherming west, "Blijvend veilig!"): the families of two practice stories. The seed
# names no municipality; for the demo they are registered in Den Haag, without a local team, and say so.
JB_WEST_NOTE = ("Demogezin uit een praktijkverhaal van Jeugdbescherming west ('{story}'). Namen zijn "
                "gefingeerd. De bron noemt geen gemeente; voor de demo ondergebracht in Den Haag. {details}")
DAY_IN_THE_LIFE = "Een dag uit het leven van een jeugdbeschermer"

SJORS = FamilyData(
    name="Gezin Sjors (JB west)",
    municipality="Den Haag",
    local_team=None,
    notes=JB_WEST_NOTE.format(
        story="Op zoek naar onderliggende patronen",
        details=("Sjors is 12 jaar en woont bij zijn moeder; de ouders zijn gescheiden. Meldingen van huiselijk "
                 "geweld; moeder drinkt te veel, vader is twee keer behandeld voor cocaïnegebruik. OTS na een "
                 "jaar schoolverzuim."),
    ),
    persons=(
        PersonData("Sjors", C, M, is_referred=True),
        PersonData("Moeder van Sjors", P, F),
        PersonData("Vader van Sjors", P, M, in_household=False),
    ),
    relationships=(
        *_parent_of("Moeder van Sjors", "Sjors"),
        *_parent_of("Vader van Sjors", "Sjors"),
        RelationshipData("Moeder van Sjors", K.FORMER_PARTNER, "Vader van Sjors", note="Gescheiden."),
        RelationshipData("Moeder van Sjors", K.CONFLICT, "Vader van Sjors",
                         note="Verschillende opvoedstijlen; veel spanningen, ook na de scheiding."),
    ),
    network=(NetworkMemberData("Mike", "beste vriend", FRIENDS, YES, child="Sjors"),),
    case=CaseData(
        reason=("Ondertoezichtstelling: Sjors (12) gaat niet meer naar school; huiselijk geweld en spanningen "
                "tussen de gescheiden ouders."),
        opened_days_ago=240,
        involvements=(InvolvementData("jeugdbeschermer.ots.jbwest", LEAD, 240),),
    ),
    composition_confirmed=False,
)

ANNE = FamilyData(
    name="Gezin Anne (JB west)",
    municipality="Den Haag",
    local_team=None,
    notes=JB_WEST_NOTE.format(
        story=DAY_IN_THE_LIFE,
        details="Anne is 15 jaar en heeft een licht verstandelijke beperking. Beperkt netwerk.",
    ),
    persons=(
        PersonData("Anne", C, F, is_referred=True),
        PersonData("Moeder van Anne", P, F),
    ),
    relationships=(
        *_parent_of("Moeder van Anne", "Anne"),
        RelationshipData("Anne", K.CONFLICT, "Moeder van Anne", note="Anne accepteert geen gezag van haar moeder."),
    ),
    case=CaseData(
        reason="Anne (15) spijbelt veel en accepteert geen gezag van haar moeder.",
        opened_days_ago=200,
        involvements=(InvolvementData("jeugdbeschermer.ots.jbwest", LEAD, 200),),
    ),
    composition_confirmed=False,
)

SAID = FamilyData(
    name="Gezin Saïd (JB west)",
    municipality="Den Haag",
    local_team=None,
    notes=JB_WEST_NOTE.format(
        story=DAY_IN_THE_LIFE,
        details="Saïd is 3 jaar en woont al twee jaar bij zijn grootouders. Ouders niet in het verhaal.",
    ),
    persons=(
        PersonData("Saïd", C, M, is_referred=True),
        PersonData("Opa van Saïd", CAREGIVER, M),
        PersonData("Oma van Saïd", CAREGIVER, F),
    ),
    case=CaseData(
        reason="Saïd (3) woont al twee jaar bij zijn grootouders; kennismaking met de jeugdbeschermer.",
        opened_days_ago=7,
        involvements=(
            InvolvementData("jeugdbeschermer.ots.jbwest", LEAD, 7),
            InvolvementData("gedragswetenschapper.jbwest", EXPERT, 0),
        ),
    ),
    composition_confirmed=False,
)

MAARTEN = FamilyData(
    name="Gezin Maarten (JB west)",
    municipality="Den Haag",
    local_team=None,
    notes=JB_WEST_NOTE.format(
        story=DAY_IN_THE_LIFE,
        details="Maarten is 8 jaar; begeleid bezoek met zijn vader, die autisme heeft.",
    ),
    persons=(
        PersonData("Maarten", C, M, is_referred=True),
        PersonData("Vader van Maarten", P, M, in_household=False),
    ),
    relationships=_parent_of("Vader van Maarten", "Maarten", note="Begeleid bezoek."),
    case=CaseData(
        reason="Begeleide bezoeken van Maarten (8) met zijn vader.",
        opened_days_ago=150,
        involvements=(InvolvementData("jeugdbeschermer.ots.jbwest", LEAD, 150),),
    ),
    composition_confirmed=False,
)

DYLAN = FamilyData(
    name="Gezin Dylan (JB west)",
    municipality="Den Haag",
    local_team=None,
    notes=JB_WEST_NOTE.format(
        story=DAY_IN_THE_LIFE,
        details=("Dylan is 17 jaar en verbleef in een behandelgroep; na een agressie-incident mag hij daar niet "
                 "terug. Thuis is voorlopig de enige plek. De bron noemt de vader en 'de ouders'."),
    ),
    persons=(
        PersonData("Dylan", C, M, in_household=False, is_referred=True),
        PersonData("Vader van Dylan", P, M),
        PersonData("Andere ouder van Dylan", P, X),
    ),
    relationships=(*_parent_of("Vader van Dylan", "Dylan"), *_parent_of("Andere ouder van Dylan", "Dylan")),
    network=(
        NetworkMemberData("Behandelgroep", "vorige verblijfplaats; neemt Dylan niet terug", PRO, NO, child="Dylan"),
        NetworkMemberData("GZ-psycholoog", "beoordeelt een verzoek tot gesloten plaatsing", PRO, child="Dylan"),
    ),
    case=CaseData(
        reason="Dylan (17) moet de behandelgroep verlaten na een agressie-incident; er is geen andere plek.",
        opened_days_ago=400,
        involvements=(InvolvementData("jeugdbeschermer.ots.jbwest", LEAD, 400),),
    ),
    composition_confirmed=False,
)

JB_WEST_FAMILIES = (SJORS, ANNE, SAID, MAARTEN, DYLAN)

FAMILIES = STORY_FAMILIES + JB_WEST_FAMILIES

