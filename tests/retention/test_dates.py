"""Not a day early, not a day late: the date arithmetic, hand-checked and property-tested."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retention.dates import destruction_date, local_today, retention_end

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date


@pytest.mark.parametrize(
    ("brondatum", "period", "last_kept", "destroy_on"),
    [
        (D(2026, 1, 15), "P6M", D(2026, 7, 15), D(2026, 7, 16)),
        # month end: 31 August + 6 months has no 31 February → the last day of February
        (D(2026, 8, 31), "P6M", D(2027, 2, 28), D(2027, 3, 1)),
        (D(2027, 8, 31), "P6M", D(2028, 2, 29), D(2028, 3, 1)),  # 2028 is a leap year
        (D(2026, 12, 31), "P6M", D(2027, 6, 30), D(2027, 7, 1)),
        # leap day
        (D(2028, 2, 29), "P6M", D(2028, 8, 29), D(2028, 8, 30)),
        (D(2028, 2, 29), "P20Y", D(2048, 2, 29), D(2048, 3, 1)),  # 2048 is a leap year
        (D(2028, 2, 29), "P1Y", D(2029, 2, 28), D(2029, 3, 1)),
        (D(2028, 2, 29), "P21Y", D(2049, 2, 28), D(2049, 3, 1)),
        # weeks across the change to winter time (25 October 2026)
        (D(2026, 10, 1), "P6W", D(2026, 11, 12), D(2026, 11, 13)),
        (D(2026, 3, 20), "P6W", D(2026, 5, 1), D(2026, 5, 2)),
    ],
)
def test_the_period_ends_on_the_same_date_and_the_record_goes_the_next_day(
    brondatum, period, last_kept, destroy_on
):
    assert retention_end(brondatum=brondatum, period=period) == last_kept
    assert destruction_date(brondatum=brondatum, period=period) == destroy_on


@pytest.mark.parametrize(
    ("instant", "local"),
    [
        # 23:30 UTC on 24 October is already 25 October in Amsterdam (summer time, +2)
        (dt.datetime(2026, 10, 24, 22, 30, tzinfo=dt.UTC), D(2026, 10, 25)),
        (dt.datetime(2026, 10, 24, 21, 59, tzinfo=dt.UTC), D(2026, 10, 24)),
        # the repeated hour of 25 October 2026 (02:00-03:00 twice) is still the 25th
        (dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC), D(2026, 10, 25)),
        (dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC), D(2026, 10, 25)),
        # winter time, +1: 23:30 UTC on 31 December is New Year's Day
        (dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC), D(2027, 1, 1)),
        # the skipped hour of 29 March 2026
        (dt.datetime(2026, 3, 29, 0, 59, tzinfo=dt.UTC), D(2026, 3, 29)),
        (dt.datetime(2026, 3, 28, 22, 59, tzinfo=dt.UTC), D(2026, 3, 28)),
    ],
)
def test_the_run_counts_in_amsterdam_local_dates(instant, local):
    assert local_today(instant) == local


periods = st.sampled_from(["P6M", "P6W", "P20Y", "P1Y", "P1M", "P3D"])
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31))


@given(brondatum=dates, period=periods)
def test_a_record_is_kept_the_whole_period_and_not_a_day_longer(brondatum, period):
    end = retention_end(brondatum=brondatum, period=period)
    destroy_on = destruction_date(brondatum=brondatum, period=period)
    assert destroy_on == end + dt.timedelta(days=1)
    assert end > brondatum
    if period.endswith(("M", "Y")):
        # the same date, or the last day of the month where that date does not exist
        assert end.day == brondatum.day or (
            end.day < brondatum.day and (end + dt.timedelta(days=1)).day == 1
        )
    if period == "P6W":
        assert (end - brondatum).days == 42


@given(first=dates, second=dates, period=periods)
def test_a_later_start_never_destroys_earlier(first, second, period):
    if first <= second:
        assert destruction_date(brondatum=first, period=period) <= destruction_date(
            brondatum=second, period=period
        )


@given(
    instant=st.datetimes(
        min_value=dt.datetime(2020, 1, 1),
        max_value=dt.datetime(2040, 1, 1),
        timezones=st.just(dt.UTC),
    )
)
def test_the_local_date_is_the_amsterdam_calendar_date(instant):
    assert local_today(instant) == instant.astimezone(AMSTERDAM).date()
