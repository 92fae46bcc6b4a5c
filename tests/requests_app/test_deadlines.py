"""The deadline rules, by hand-checked dates and by properties over two centuries."""

import datetime

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from requests_app.deadlines import (
    ClockStop,
    add_months,
    complaint_deadline,
    extension_allowed,
    is_working_day,
    next_working_day,
    postponement_allowed,
    public_holidays,
    request_deadline,
)

D = datetime.date
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2199, 12, 31))


@pytest.mark.parametrize(
    ("received", "deadline", "why"),
    [
        (D(2026, 1, 15), D(2026, 2, 16), "15 Feb 2026 is a Sunday"),
        (D(2026, 1, 31), D(2026, 3, 2), "no 31 Feb: 28 Feb, a Saturday, so Monday 2 March"),
        (D(2024, 1, 31), D(2024, 2, 29), "leap year: 29 Feb 2024, a Thursday"),
        (D(2023, 1, 30), D(2023, 2, 28), "no 30 Feb: last day of February"),
        (D(2026, 3, 3), D(2026, 4, 3), "Good Friday is no holiday under the ATW"),
        (D(2026, 3, 6), D(2026, 4, 7), "6 April 2026 is Easter Monday"),
        (D(2026, 3, 27), D(2026, 4, 28), "27 April 2026 is King's Day"),
        (D(2025, 3, 26), D(2025, 4, 28), "King's Day 2025 on Saturday 26 April, then Sunday"),
        (D(2026, 4, 5), D(2026, 5, 6), "5 May is a holiday every year under the ATW"),
        (D(2026, 4, 14), D(2026, 5, 15), "14 May 2026 is Ascension Day"),
        (D(2026, 4, 25), D(2026, 5, 26), "25 May 2026 is Whit Monday"),
        (D(2026, 11, 25), D(2026, 12, 28), "Christmas on Friday, Boxing Day, Sunday"),
        (D(2026, 12, 1), D(2027, 1, 4), "New Year's Day 2027 is a Friday, then the weekend"),
        (D(2026, 12, 31), D(2027, 2, 1), "31 Jan 2027 is a Sunday"),
    ],
)
def test_gdpr_one_month_by_hand(received, deadline, why):
    assert request_deadline(received=received) == deadline, why


def test_extension_makes_three_months_from_receipt():
    # 31 Jan 2026: three months later is 30 April, a Thursday (not 28 April via 28 February).
    assert request_deadline(received=D(2026, 1, 31), extended=True) == D(2026, 4, 30)
    # 15 Feb 2026: 15 May 2026 is a Friday.
    assert request_deadline(received=D(2026, 2, 15), extended=True) == D(2026, 5, 15)


def test_extension_only_when_announced_within_the_first_month():
    received = D(2026, 1, 15)
    assert extension_allowed(received=received, announced=D(2026, 2, 16))  # the last day
    assert not extension_allowed(received=received, announced=D(2026, 2, 17))
    assert not extension_allowed(received=received, announced=D(2026, 1, 14))


def test_a_stopped_clock_moves_the_deadline_by_the_days_it_stood_still():
    stop = ClockStop(start=D(2026, 1, 20), end=D(2026, 1, 30), reason="identity")
    assert request_deadline(received=D(2026, 1, 15), stops=(stop,)) == D(2026, 2, 25)


def test_a_clock_still_stopped_counts_up_to_today():
    stop = ClockStop(start=D(2026, 1, 20))
    assert request_deadline(received=D(2026, 1, 15), stops=(stop,), today=D(2026, 1, 25)) == D(
        2026, 2, 20
    )


def test_complaint_six_weeks_and_one_postponement_of_at_most_four():
    assert complaint_deadline(received=D(2026, 11, 13)) == D(2026, 12, 28)  # Christmas Friday
    assert complaint_deadline(received=D(2026, 11, 13), postponed_weeks=4) == D(2027, 1, 22)
    with pytest.raises(ValueError, match="at most 4 weeks"):
        complaint_deadline(received=D(2026, 11, 13), postponed_weeks=5)
    assert postponement_allowed(received=D(2026, 11, 13), announced=D(2026, 12, 28))
    assert not postponement_allowed(received=D(2026, 11, 13), announced=D(2026, 12, 29))


@pytest.mark.parametrize("year", range(2014, 2101))
def test_holidays_are_the_atw_list_not_a_generic_calendar(year):
    """The `holidays` package lists the Dutch calendar: Good Friday, Easter and Whit Sunday,
    and Liberation Day only every fifth year. The ATW differs on exactly those days."""
    generic = holidays.NL(years=year, language="en_US")
    not_atw = {"Good Friday", "Easter Sunday", "Pentecost"}
    expected = {day for day, name in generic.items() if name not in not_atw} | {D(year, 5, 5)}
    assert public_holidays(year) == expected


@settings(max_examples=1000)
@given(dates)
def test_the_deadline_is_a_working_day_a_month_away(received):
    deadline = request_deadline(received=received)
    assert is_working_day(deadline)
    assert received + datetime.timedelta(days=28) <= deadline
    assert deadline <= received + datetime.timedelta(days=31 + 4)


@settings(max_examples=1000)
@given(dates)
def test_the_deadline_is_the_same_date_next_month_when_that_is_a_working_day(received):
    same = add_months(received, 1)
    if same.day == received.day and is_working_day(same):
        assert request_deadline(received=received) == same


@settings(max_examples=1000)
@given(dates)
def test_month_end_when_next_month_has_no_such_date(received):
    same = add_months(received, 1)
    if same.day != received.day:
        assert received.day > same.day
        assert (same + datetime.timedelta(days=1)).day == 1  # the last day of its month


@given(dates, dates)
def test_a_later_receipt_never_gives_an_earlier_deadline(first, second):
    first, second = sorted((first, second))
    assert request_deadline(received=first) <= request_deadline(received=second)


@settings(max_examples=1000)
@given(dates)
def test_the_extension_makes_three_months_in_all(received):
    extended = request_deadline(received=received, extended=True)
    assert is_working_day(extended)
    assert extended > request_deadline(received=received)
    # Three consecutive months hold 89 to 92 days; a move to a working day adds at most 4.
    assert received + datetime.timedelta(days=89) <= extended
    assert extended <= received + datetime.timedelta(days=92 + 4)


@given(dates, st.integers(min_value=0, max_value=120))
def test_stopping_the_clock_never_shortens_the_deadline(received, days):
    stop = ClockStop(start=received, end=received + datetime.timedelta(days=days))
    assert request_deadline(received=received, stops=(stop,)) >= request_deadline(received=received)


@given(dates, st.integers(min_value=0, max_value=4))
def test_complaint_deadline_is_a_working_day_six_to_ten_weeks_away(received, weeks):
    deadline = complaint_deadline(received=received, postponed_weeks=weeks)
    assert is_working_day(deadline)
    assert received + datetime.timedelta(weeks=6 + weeks) <= deadline
    assert deadline <= received + datetime.timedelta(weeks=6 + weeks, days=4)


@settings(max_examples=1000)
@given(dates)
def test_next_working_day_is_the_first_one(day):
    found = next_working_day(day)
    assert is_working_day(found)
    between = day
    while between < found:
        assert not is_working_day(between)
        between += datetime.timedelta(days=1)
