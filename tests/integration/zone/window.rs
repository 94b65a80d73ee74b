//! The calling window at fixed instants: across daylight-saving changes in
//! New York, in Phoenix (which has none), and for NPAs that span zones.

use jiff::civil::time;
use jiff::Timestamp;
use nanp_lerg::zone::{calling_window, CallingWindow, CallingWindowError, Verdict, Window};

fn at(instant: &str) -> Timestamp {
    instant.parse().unwrap()
}

fn window(number: &str, instant: &str) -> CallingWindow {
    calling_window(number, at(instant), Window::default()).unwrap()
}

/// Each zone's local time as `zone HH:MM:SS abbreviation`.
fn local(w: &CallingWindow) -> Vec<String> {
    w.local
        .iter()
        .map(|l| format!("{} {} {}", l.zone, l.time.time(), l.abbreviation()))
        .collect()
}

#[test]
fn new_york_across_the_spring_change_the_same_utc_hour_is_another_local_hour() {
    // Clocks went from 02:00 EST to 03:00 EDT at 07:00 UTC on 9 March 2025.
    let cases = [
        // Saturday: 12:59:59 UTC is 07:59:59 EST; 13:00 is 08:00, the first second allowed.
        ("2025-03-08T12:59:59Z", Verdict::Forbidden, "07:59:59 EST"),
        ("2025-03-08T13:00:00Z", Verdict::Allowed, "08:00:00 EST"),
        // Saturday night: 21:00:00 EST is the last second allowed.
        ("2025-03-09T02:00:00Z", Verdict::Allowed, "21:00:00 EST"),
        ("2025-03-09T02:00:01Z", Verdict::Forbidden, "21:00:01 EST"),
        // Sunday: an hour earlier in UTC.
        ("2025-03-09T11:59:59Z", Verdict::Forbidden, "07:59:59 EDT"),
        ("2025-03-09T12:00:00Z", Verdict::Allowed, "08:00:00 EDT"),
        ("2025-03-09T12:30:00Z", Verdict::Allowed, "08:30:00 EDT"),
        ("2025-03-10T01:00:00Z", Verdict::Allowed, "21:00:00 EDT"),
        ("2025-03-10T01:00:01Z", Verdict::Forbidden, "21:00:01 EDT"),
    ];
    for (instant, verdict, time) in cases {
        let w = window("+1 212 555 0100", instant);
        assert_eq!(w.verdict, verdict, "{instant}");
        assert_eq!(local(&w), [format!("America/New_York {time}")], "{instant}");
    }
    // The same UTC time, a day apart: forbidden, then allowed.
    assert_eq!(
        window("212", "2025-03-08T12:30:00Z").verdict,
        Verdict::Forbidden
    );
    assert_eq!(
        window("212", "2025-03-09T12:30:00Z").verdict,
        Verdict::Allowed
    );
}

#[test]
fn new_york_across_the_autumn_change() {
    // Clocks went from 02:00 EDT back to 01:00 EST at 06:00 UTC on 2 November 2025.
    assert_eq!(
        local(&window("212", "2025-11-02T05:59:59Z")),
        ["America/New_York 01:59:59 EDT"]
    );
    assert_eq!(
        local(&window("212", "2025-11-02T06:00:00Z")),
        ["America/New_York 01:00:00 EST"]
    );
    assert_eq!(
        window("212", "2025-11-01T12:00:00Z").verdict,
        Verdict::Allowed,
        "08:00 EDT"
    );
    assert_eq!(
        window("212", "2025-11-02T12:00:00Z").verdict,
        Verdict::Forbidden,
        "07:00 EST"
    );
    assert_eq!(
        window("212", "2025-11-02T13:00:00Z").verdict,
        Verdict::Allowed,
        "08:00 EST"
    );
}

#[test]
fn phoenix_has_no_daylight_saving_time() {
    // 15:00 UTC is 08:00 MST in Phoenix on both sides of the change that
    // moved Denver (and New York) an hour.
    for day in [
        "2025-03-08",
        "2025-03-09",
        "2025-07-01",
        "2025-11-02",
        "2025-11-03",
    ] {
        let before = window("602", &format!("{day}T14:59:59Z"));
        let first = window("602", &format!("{day}T15:00:00Z"));
        assert_eq!(local(&before), ["America/Phoenix 07:59:59 MST"], "{day}");
        assert_eq!(
            (before.verdict, first.verdict),
            (Verdict::Forbidden, Verdict::Allowed),
            "{day}"
        );
        assert_eq!(first.local[0].time.offset().seconds(), -7 * 3600, "{day}");
    }
    // Denver, by contrast, moved: 08:00 MDT in July is 14:00 UTC.
    assert_eq!(
        window("303", "2025-07-01T14:00:00Z").verdict,
        Verdict::Allowed
    );
    assert_eq!(
        window("602", "2025-07-01T14:00:00Z").verdict,
        Verdict::Forbidden
    );
}

#[test]
fn an_npa_that_spans_zones_is_ambiguous_when_the_instant_is_allowed_in_one_zone_only() {
    // 850 at 12:30 UTC on 2 June 2025: 07:30 CDT in Pensacola, 08:30 EDT in Tallahassee.
    let w = window("850-555-0100", "2025-06-02T12:30:00Z");
    assert_eq!(w.verdict, Verdict::Ambiguous);
    assert_eq!(
        local(&w),
        [
            "America/Chicago 07:30:00 CDT",
            "America/New_York 08:30:00 EDT"
        ]
    );
    assert_eq!((w.local[0].allowed, w.local[1].allowed), (false, true));
    // At the other end of the day it is the other zone that is out.
    let late = window("850", "2025-06-03T01:30:00Z");
    assert_eq!(late.verdict, Verdict::Ambiguous);
    assert_eq!(
        (late.local[0].allowed, late.local[1].allowed),
        (true, false)
    );
    // An hour later both are in.
    assert_eq!(
        window("850", "2025-06-02T13:30:00Z").verdict,
        Verdict::Allowed
    );

    // 928 in March: Arizona stayed on MST, the Navajo Nation moved to MDT.
    let navajo = window("928", "2025-03-09T14:30:00Z");
    assert_eq!(navajo.verdict, Verdict::Ambiguous);
    assert_eq!(
        local(&navajo),
        [
            "America/Phoenix 07:30:00 MST",
            "America/Denver 08:30:00 MDT"
        ]
    );
    // In January the two agree: both are 07:30 MST.
    assert_eq!(
        window("928", "2025-01-15T14:30:00Z").verdict,
        Verdict::Forbidden
    );
}

#[test]
fn guam_is_on_the_next_day_and_newfoundland_a_half_hour_off() {
    let guam = window("671", "2025-03-09T14:30:00Z");
    assert_eq!(guam.local[0].time.date(), jiff::civil::date(2025, 3, 10));
    assert_eq!(guam.local[0].time.time(), time(0, 30, 0, 0));
    assert_eq!(guam.verdict, Verdict::Forbidden);
    let st_johns = window("709", "2025-01-15T11:00:00Z");
    assert_eq!(
        local(&st_johns),
        [
            "America/St_Johns 07:30:00 NST",
            "America/Halifax 07:00:00 AST"
        ]
    );
    assert_eq!(st_johns.local[0].rfc3339(), "2025-01-15T07:30:00-03:30");
}

#[test]
fn a_window_of_ones_own_and_the_windows_refused() {
    let office: Window = "09:00-17:00".parse().unwrap();
    let w = calling_window("212", at("2025-06-02T12:30:00Z"), office).unwrap();
    assert_eq!(w.verdict, Verdict::Forbidden, "08:30 is before nine");
    assert_eq!(w.window.to_string(), "09:00-17:00");
    assert_eq!("8:00–21:00".parse::<Window>().unwrap(), Window::default());
    for bad in [
        "21:00-08:00",
        "08:00-08:00",
        "08:00",
        "8-21",
        "24:00-25:00",
        "08:60-09:00",
        "",
    ] {
        assert!(bad.parse::<Window>().is_err(), "{bad:?}");
    }
}

#[test]
fn codes_without_a_zone_are_errors_not_answers() {
    let now = at("2025-06-02T12:30:00Z");
    let w = Window::default();
    assert!(matches!(
        calling_window("800", now, w),
        Err(CallingWindowError::NotGeographic {
            kind: "non-geographic",
            ..
        })
    ));
    assert!(matches!(
        calling_window("911", now, w),
        Err(CallingWindowError::NotGeographic {
            kind: "reserved",
            ..
        })
    ));
    assert!(matches!(
        calling_window("282", now, w),
        Err(CallingWindowError::NotGeographic {
            kind: "unassigned",
            ..
        })
    ));
    assert!(matches!(
        calling_window("+44 20 7946 0958", now, w),
        Err(CallingWindowError::Parse(_))
    ));
}
