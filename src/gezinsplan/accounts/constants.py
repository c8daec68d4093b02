from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    LOCAL_TEAM = "lokaal_team", _("Lokaal team")
    GI = "gi", _("Gecertificeerde instelling")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    RVDK = "rvdk", _("Raad voor de Kinderbescherming")
    JBT = "jbt", _("Jeugdbeschermingstafel")
    CARE_PROVIDER = "zorgaanbieder", _("Zorgaanbieder")
    MUNICIPALITY = "gemeente", _("Gemeente / backoffice")
    REGION = "regio", _("Regio")


class Role(models.TextChoices):
    """The roles of DESIGN §2; the code is what the API returns."""

    LT_PROFESSIONAL = "lt_professional", _("Professional lokaal team")
    GI_PROTECTOR = "gi_protector", _("Jeugdbeschermer")
    BEHAVIOURAL_SCIENTIST = "behavioural_scientist", _("Gedragswetenschapper")
    TEAM_LEAD = "team_lead", _("Teamleider")
    JBT_CHAIR = "jbt_chair", _("Voorzitter Jeugdbeschermingstafel")
    RVDK_OFFICER = "rvdk_officer", _("Raadsmedewerker")
    CARE_PROVIDER = "care_provider", _("Zorgaanbieder")
    BACK_OFFICE = "back_office", _("Backoffice gemeente")
    REGIONAL_CONTACT = "regional_contact", _("Regionale contactpersoon")
    POLICY_OFFICER = "policy_officer", _("Beleidsmedewerker")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")
    PRIVACY_OFFICER = "privacy_officer", _("Privacyfunctionaris")
    LAWYER = "lawyer", _("Jurist")
    PARENT = "parent", _("Ouder")
    YOUTH = "youth", _("Jeugdige")


# Which organisation types may employ which role (R321, R367, R698).
ROLE_ORGANISATION_TYPES: dict[str, frozenset[str]] = {
    Role.LT_PROFESSIONAL: frozenset({OrganisationType.LOCAL_TEAM}),
    Role.GI_PROTECTOR: frozenset({OrganisationType.GI}),
    Role.BEHAVIOURAL_SCIENTIST: frozenset({OrganisationType.LOCAL_TEAM, OrganisationType.GI,
                                           OrganisationType.VEILIG_THUIS, OrganisationType.RVDK}),
    Role.TEAM_LEAD: frozenset(OrganisationType.values),
    Role.JBT_CHAIR: frozenset({OrganisationType.MUNICIPALITY, OrganisationType.JBT}),
    Role.RVDK_OFFICER: frozenset({OrganisationType.RVDK}),
    Role.CARE_PROVIDER: frozenset({OrganisationType.CARE_PROVIDER}),
    Role.BACK_OFFICE: frozenset({OrganisationType.MUNICIPALITY}),
    Role.REGIONAL_CONTACT: frozenset({OrganisationType.REGION, OrganisationType.MUNICIPALITY}),
    Role.POLICY_OFFICER: frozenset({OrganisationType.MUNICIPALITY, OrganisationType.REGION}),
    Role.FUNCTIONAL_ADMIN: frozenset(OrganisationType.values),
    # Supervises the access log (NEN 7513) of its organisation; sees no family records.
    Role.PRIVACY_OFFICER: frozenset(OrganisationType.values),
    # R599: lawyers join internal case discussions and hold consultation hours.
    Role.LAWYER: frozenset({OrganisationType.LOCAL_TEAM, OrganisationType.GI, OrganisationType.VEILIG_THUIS,
                            OrganisationType.RVDK}),
}

# Roles that see no personal data at all: aggregate monitoring and administration only.
ROLES_WITHOUT_PERSONAL_DATA = frozenset({Role.POLICY_OFFICER, Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER})
PORTAL_ROLES = frozenset({Role.PARENT, Role.YOUTH})


class TrainingStatus(models.TextChoices):
    NONE = "none", _("Niet getraind")
    IN_TRAINING = "in_training", _("In training")
    TRAINED = "trained", _("Getraind")
