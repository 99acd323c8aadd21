"""The feed read by libical, the calendar library of Evolution and (through its own copy) Thunderbird: it
must parse without errors, pass libical's RFC 5545/5546 restriction check, and keep every event."""

from __future__ import annotations

import ctypes
import ctypes.util
from datetime import date

import pytest
from icalendar import Calendar

from cchc.notifications.ical import build_feed
from cchc.plans.models import ReportingObligation

pytestmark = pytest.mark.django_db

# enum icalcomponent_kind in libical 3 (icalderivedproperty.h / icalenums.h)
ICAL_VEVENT_COMPONENT = 4


def _libical() -> ctypes.CDLL:
    path = ctypes.util.find_library("ical")
    if path is None:
        pytest.skip("libical is not installed (make test installs Debian's libical3)")
    lib = ctypes.CDLL(path)
    lib.icalparser_parse_string.restype = ctypes.c_void_p
    lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
    lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_count_errors.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_count_components.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
    lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
    return lib


def test_libical_reads_the_feed_without_errors(member, task, plan, dept_a, province) -> None:
    from cchc.reports.models import ReportingPeriod
    from cchc.reports.services import add_requirement

    lib = _libical()
    ReportingObligation.objects.create(
        plan=plan,
        period=ReportingObligation.Period.HALF_YEAR,
        deadline_text="trước ngày 05/6",
        deadline_day=5,
        deadline_month=6,
    )
    # A line of the reporting calendar: an event of its own.
    add_requirement(
        dept_a, ReportingPeriod.get("quarter", 2026, 1), recipient=province, due_date=date(2026, 3, 20)
    )
    data = build_feed(member, date(2026, 3, 10), "https://cchc.example.vn")
    expected_events = len(Calendar.from_ical(data).walk("VEVENT"))

    component = lib.icalparser_parse_string(data)
    assert component, "libical could not parse the feed"
    try:
        valid = lib.icalrestriction_check(component)
        errors = lib.icalcomponent_count_errors(component)
        events = lib.icalcomponent_count_components(component, ICAL_VEVENT_COMPONENT)
        written = lib.icalcomponent_as_ical_string(component).decode()
    finally:
        lib.icalcomponent_free(component)

    assert errors == 0, written
    assert valid == 1, written
    assert events == expected_events > 1
    assert "Hạn báo cáo 6 tháng" in written  # Vietnamese survives libical's round trip
    assert "Hạn gửi báo cáo Quý I/2026" in written
