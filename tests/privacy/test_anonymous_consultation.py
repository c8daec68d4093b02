"""Product 1: anonymous consultation (R003, R005, R006, R094, R201, R202, R204)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.models import FixedProtector
from gezinsplan.cases.models import Case
from gezinsplan.core.models import ChangeRecord
from gezinsplan.privacy import selectors
from gezinsplan.privacy.models import AnonymousConsultation
from gezinsplan.privacy.services import anonymous_consultation_record, identifying_data
from tests.conftest import client_for
from tests.factories import MunicipalityFactory, PersonFactory, UserFactory, involve

TODAY = dt.date.today()


@pytest.fixture
def setting(db):
    municipality = MunicipalityFactory(name="Zoetermeer")
    lt = UserFactory(role="lt_professional")
    protector = UserFactory(role="gi_protector")
    FixedProtector.objects.create(protector=protector, municipality=municipality)
    return municipality, lt, protector


@pytest.mark.parametrize("text", [
    "Moeder met BSN 111222333 wil niet meewerken",
    "Het kind is geboren op 14-03-2015",
    "Geboren 3 maart 2016, zorgen over school",
    "Ze wonen op Dorpsstraat 12 in het dorp",
    "Postcode 2711 AB",
    "Mail naar moeder@example.nl",
    "Bel vader op 06-12345678",
    "Bel 070 123 4567",
])
def test_r094_identifying_data_is_found(text):
    assert identifying_data(text, user=None)


@pytest.mark.parametrize("text", [
    "Moeder (32) en zoon (8): zorgen over huiselijk geweld sinds 2024, 3 kinderen, 12 uur per week hulp.",
    "Vader drinkt; de school meldt verzuim. Wat is een goede volgende stap?",
    "Een bedrag van 123456789 euro schuld",  # nine digits that fail the 11-test: no BSN
])
def test_r201_anonymous_text_passes(text):
    assert identifying_data(text, user=None) == []


@pytest.mark.django_db
def test_r094_names_of_members_of_the_users_families_are_refused(setting):
    municipality, lt, protector = setting
    family = involve(lt).case.family
    PersonFactory(family=family, first_name="Jesse", last_name="de Vries")
    assert identifying_data("Ik maak me zorgen over jesse.", user=lt)
    assert identifying_data("De familie De Vries weigert hulp", user=lt)
    assert identifying_data("Ik maak me zorgen over de zoon.", user=lt) == []


@pytest.mark.django_db
def test_r003_r201_consultation_with_a_bsn_is_refused_and_nothing_saved(setting):
    municipality, lt, protector = setting
    with pytest.raises(ValidationError) as error:
        anonymous_consultation_record(actor=lt, municipality=municipality, consulted=protector, held_on=TODAY,
                                      question="Wat te doen bij BSN 111222333?")
    assert "BSN" in error.value.message_dict["question"][0]
    assert not AnonymousConsultation.objects.exists()


@pytest.mark.django_db
def test_r005_r006_consultation_changes_no_case_and_makes_no_report(setting):
    municipality, lt, protector = setting
    case = involve(lt).case
    before = (case.phase, case.framework, list(case.involvements.values_list("user_id", "role")))
    changes = ChangeRecord.objects.count()
    consultation = anonymous_consultation_record(
        actor=lt, municipality=municipality, consulted=protector, held_on=TODAY,
        question="Moeder (30) met twee jonge kinderen; signalen van huiselijk geweld. Drang of JBT?")
    case = Case.objects.get(pk=case.pk)
    assert (case.phase, case.framework, list(case.involvements.values_list("user_id", "role"))) == before
    assert ChangeRecord.objects.count() == changes  # nothing in any family file: no report, no beschikking
    assert consultation.family_id is None and consultation.direction == "lt_to_gi"


@pytest.mark.django_db
def test_r204_lt_consults_only_a_fixed_protector_of_the_municipality(setting):
    municipality, lt, _protector = setting
    other = UserFactory(role="gi_protector")
    with pytest.raises(ValidationError) as error:
        anonymous_consultation_record(actor=lt, municipality=municipality, consulted=other, held_on=TODAY,
                                      question="Vraag over een gezin")
    assert "vaste jeugdbeschermer" in error.value.message_dict["consulted"][0]


@pytest.mark.django_db
def test_r202_a_protector_can_consult_the_local_team(setting):
    municipality, lt, protector = setting
    consultation = anonymous_consultation_record(actor=protector, municipality=municipality, consulted=lt,
                                                 held_on=TODAY, question="Welke voorliggende hulp is er?")
    assert consultation.direction == "gi_to_lt"


@pytest.mark.django_db
def test_counts_per_municipality_and_organisation(setting):
    municipality, lt, protector = setting
    for _ in range(3):
        anonymous_consultation_record(actor=lt, municipality=municipality, consulted=protector, held_on=TODAY,
                                      question="Een anonieme vraag")
    rows = selectors.consultation_counts()
    assert rows == [{"municipality__name": "Zoetermeer", "requester_organisation__name": lt.organisation.name,
                     "direction": "lt_to_gi", "count": 3}]


@pytest.mark.django_db
def test_consultation_page_refuses_a_name(setting):
    municipality, lt, protector = setting
    PersonFactory(family=involve(lt).case.family, first_name="Jesse")
    response = client_for(lt).post("/privacy/consultaties/", {
        "municipality": municipality.pk, "consulted": protector.pk, "held_on": TODAY.isoformat(),
        "question": "Jesse spijbelt"})
    assert response.status_code == 200 and "naam van een gezinslid" in response.content.decode()
    assert not AnonymousConsultation.objects.exists()
