"""R164: the repetition of help, a pure function, tested by example and by property."""

import datetime as dt
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gezinsplan.analysis.models import WITHOUT_RESULT_ENDINGS, HelpEnding, LifeDomain
from gezinsplan.analysis.repetition import FlagKind, repeated_domains, repetition_flags


def episode(domain="gezondheid_ouders", year=2015, ending=HelpEnding.COMPLETED, pk=None):
    return SimpleNamespace(life_domain=domain, started_on=dt.date(year, 1, 1), ending=ending,
                           pk=pk or f"{domain}{year}", offer="hulp", provider="aanbieder", result="")


def report(year):
    return SimpleNamespace(kind="report", occurred_on=dt.date(year, 1, 1), pk=f"r{year}")


def test_r164_no_help_no_flags():
    assert repetition_flags([]) == []


def test_r164_help_started_again_on_the_same_domain_is_flagged():
    flags = repetition_flags([episode(year=2012), episode(year=2014), episode("school", 2013)])
    assert [(f.kind, f.life_domain) for f in flags] == [(FlagKind.REPEATED, "gezondheid_ouders")]
    assert "2 keer opnieuw gestart" in flags[0].message
    assert [e.started_on.year for e in flags[0].items] == [2012, 2014]


def test_r164_help_closed_without_result_and_started_again_is_flagged():
    flags = repetition_flags([episode(ending=HelpEnding.ENDED_EARLY, year=2012), episode(year=2013)])
    assert {f.kind for f in flags} == {FlagKind.REPEATED, FlagKind.WITHOUT_RESULT}


def test_r164_one_episode_without_result_alone_is_no_repetition():
    assert repetition_flags([episode(ending=HelpEnding.NOT_STARTED)]) == []


def test_r164_repeated_reports_are_flagged():
    flags = repetition_flags([], [report(2010), report(2012), SimpleNamespace(kind="decision",
                                                                                occurred_on=dt.date(2011, 1, 1))])
    assert [(f.kind, len(f.items)) for f in flags] == [(FlagKind.REPEATED_REPORTS, 2)]


episodes_strategy = st.lists(st.builds(
    episode, domain=st.sampled_from(LifeDomain.values), year=st.integers(1990, 2030),
    ending=st.sampled_from(HelpEnding.values), pk=st.uuids().map(str)), max_size=25)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(episodes_strategy)
def test_r164_property_a_domain_is_flagged_repeated_iff_it_has_two_or_more_episodes(episodes):
    flagged = {f.life_domain for f in repetition_flags(episodes) if f.kind == FlagKind.REPEATED}
    counts = {d: sum(1 for e in episodes if e.life_domain == d) for d in LifeDomain.values}
    assert flagged == {d for d, n in counts.items() if n >= 2}


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(episodes_strategy)
def test_r164_property_order_does_not_matter_and_items_belong_to_their_domain(episodes):
    forward = repetition_flags(episodes)
    backward = repetition_flags(list(reversed(episodes)))
    assert [(f.kind, f.life_domain, [e.pk for e in f.items]) for f in forward] == \
        [(f.kind, f.life_domain, [e.pk for e in f.items]) for f in backward]
    for flag in forward:
        assert all(e.life_domain == flag.life_domain for e in flag.items)
        if flag.kind == FlagKind.WITHOUT_RESULT:
            assert all(e.ending in WITHOUT_RESULT_ENDINGS for e in flag.items)
    assert repeated_domains(episodes) == {f.life_domain for f in forward}
