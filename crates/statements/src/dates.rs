//! When a statement was said: date expressions in attribution text.
//!
//! This is deliberately one small module behind [`find_dates`] so the
//! extraction logic does not care where dates come from. It reads absolute
//! dates (`April 25, 2016`, `May 4`, `25 April 2016`, `8 mai 2016`, `4/18/2016`,
//! `2016-05-04`) and relative ones resolved against a running narrative date
//! (`the next day`, `later that day`, `that day's briefing`, `Thirteen hours
//! later`, `About 10 days ago`, `yesterday`, `on Tuesday`). A year missing
//! from the text is inferred from the reference date (publication) and never
//! put more than two months in its future.

use crate::scan::{words, Word};
use sitrep_model::{PartialDate, Span};
use std::borrow::Cow;

/// A date expression found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateHit {
    pub span: Span,
    pub date: PartialDate,
    /// True when resolved against the running date rather than written out.
    pub relative: bool,
    /// A relative date before the running date (`the day before`, `yesterday`).
    pub backward: bool,
}

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("février", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("août", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
    ("décembre", 12),
];

const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

const NUMBERS: &[(&str, i64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("several", 3),
    ("few", 3),
];

/// `w` in lower case, borrowed when it has no capital. These tests run on every word of every
/// attribution, where a fresh string per word and test was most of their cost.
fn lower(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

fn month(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    // No month name is longer than nine letters ("septembre" and "décembre" in bytes: 9).
    if w.len() > 9 || w.len() < 3 || !w.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    // Every month name starts with one of these letters.
    if !matches!(w.as_bytes()[0].to_ascii_lowercase(), b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd') {
        return None;
    }
    if w.is_ascii() {
        // ASCII lowercasing is all `lower` would do, without a new string.
        return MONTHS.iter().find(|(n, _)| n.eq_ignore_ascii_case(w)).map(|(_, m)| *m);
    }
    let l = lower(w);
    MONTHS.iter().find(|(n, _)| *n == l).map(|(_, m)| *m)
}

fn number(w: &str) -> Option<i64> {
    if let Ok(n) = w.parse::<i64>() {
        return Some(n);
    }
    NUMBERS.iter().find(|(n, _)| n.eq_ignore_ascii_case(w)).map(|(_, v)| *v)
}

fn day_number(w: &str) -> Option<u8> {
    if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let digits = match w.len().checked_sub(2).and_then(|at| w.get(at..)) {
        Some(end) if ["st", "nd", "rd", "th"].iter().any(|s| s.eq_ignore_ascii_case(end)) => &w[..w.len() - 2],
        _ => w,
    };
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(w: &str) -> Option<i16> {
    if w.len() != 4 {
        return None;
    }
    let y: i16 = w.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The inclusive range of days a partial date covers, when it has a year.
pub(crate) fn day_range(d: PartialDate) -> Option<(i64, i64)> {
    let y = i64::from(d.year?);
    match (d.month, d.day) {
        (Some(m), Some(day)) => {
            let x = days_from_civil(y, i64::from(m), i64::from(day));
            Some((x, x))
        }
        (Some(m), None) => {
            let lo = days_from_civil(y, i64::from(m), 1);
            let hi = if m == 12 { days_from_civil(y + 1, 1, 1) } else { days_from_civil(y, i64::from(m) + 1, 1) } - 1;
            Some((lo, hi))
        }
        _ => Some((days_from_civil(y, 1, 1), days_from_civil(y, 12, 31))),
    }
}

fn shift(anchor: PartialDate, days: i64) -> Option<PartialDate> {
    let (y, m, d) = (anchor.year?, anchor.month?, anchor.day?);
    let (y, m, d) = civil_from_days(days_from_civil(i64::from(y), i64::from(m), i64::from(d)) + days);
    Some(PartialDate::ymd(i16::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?))
}

fn with_inferred_year(month: u8, day: Option<u8>, reference: Option<PartialDate>) -> PartialDate {
    let Some(year) = reference.and_then(|r| r.year) else {
        return PartialDate { year: None, month: Some(month), day };
    };
    let mut y = year;
    if let (Some(rm), Some(rd)) = (reference.and_then(|r| r.month), reference.and_then(|r| r.day)) {
        let candidate = days_from_civil(i64::from(y), i64::from(month), i64::from(day.unwrap_or(1)));
        let base = days_from_civil(i64::from(year), i64::from(rm), i64::from(rd));
        if candidate - base > 62 {
            y -= 1;
        }
    }
    PartialDate { year: Some(y), month: Some(month), day }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Finds date expressions in `span` of `text` (use the masked view).
/// Relative expressions resolve against `anchor` (the running date) and are
/// skipped without one; missing years come from `reference`, else `anchor`.
/// Dates in `span`: relative expressions count from `anchor` (the running date), weekdays
/// ("on Tuesday") from `weekday_anchor`, a missing year is inferred from `reference`.
pub(crate) fn find_dates(
    text: &str,
    span: Span,
    anchor: Option<PartialDate>,
    weekday_anchor: Option<PartialDate>,
    reference: Option<PartialDate>,
) -> Vec<DateHit> {
    let ws = words(text, span);
    let lw: Vec<Cow<'_, str>> = ws.iter().map(|w| lower(w.text(text))).collect();
    let reference = reference.or(anchor);
    let mut out = Vec::new();
    let sep = |a: &Word, b: &Word| text.get(a.end..b.start).unwrap_or("").to_string();
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i].text(text);
        let l = lw[i].as_ref();
        let next = |k: usize| ws.get(i + k).map(|x| x.text(text)).unwrap_or("");
        // Month name first: "April 25, 2016", "May 4", "October 2015".
        if let Some(m) = month(w).filter(|_| l != "may" || w.starts_with('M')).filter(|_| l.len() > 2) {
            if let Some(d) = day_number(next(1)) {
                let (date, used) = match year_number(next(2)) {
                    Some(y) => (PartialDate { year: Some(y), month: Some(m), day: Some(d) }, 3),
                    None => (with_inferred_year(m, Some(d), reference), 2),
                };
                out.push(DateHit {
                    span: Span::new(ws[i].start, ws[i + used - 1].end),
                    date,
                    relative: false,
                    backward: false,
                });
                i += used;
                continue;
            }
            if let Some(y) = year_number(next(1)) {
                out.push(DateHit {
                    span: Span::new(ws[i].start, ws[i + 1].end),
                    date: PartialDate::ym(y, m),
                    relative: false,
                    backward: false,
                });
                i += 2;
                continue;
            }
        }
        // Day first: "25 April 2016", "8 mai 2016".
        if let (Some(d), Some(m)) = (day_number(w), month(next(1))) {
            if next(1).len() > 2 && (next(1) != "may" || year_number(next(2)).is_some()) {
                let (date, used) = match year_number(next(2)) {
                    Some(y) => (PartialDate { year: Some(y), month: Some(m), day: Some(d) }, 3),
                    None => (with_inferred_year(m, Some(d), reference), 2),
                };
                out.push(DateHit {
                    span: Span::new(ws[i].start, ws[i + used - 1].end),
                    date,
                    relative: false,
                    backward: false,
                });
                i += used;
                continue;
            }
        }
        // ISO dates survive tokenising as one word.
        if w.len() == 10 && w.as_bytes()[4] == b'-' {
            if let Some(date) = PartialDate::parse_iso(w).filter(|d| d.day.is_some()) {
                out.push(DateHit { span: ws[i].span(), date, relative: false, backward: false });
                i += 1;
                continue;
            }
        }
        // US numeric dates: 4/18/2016, 5/20/16.
        if i + 2 < ws.len()
            && is_digits(w)
            && is_digits(next(1))
            && is_digits(next(2))
            && sep(&ws[i], &ws[i + 1]) == "/"
            && sep(&ws[i + 1], &ws[i + 2]) == "/"
        {
            let (a, b): (u8, u8) = (w.parse().unwrap_or(0), next(1).parse().unwrap_or(0));
            let y: i64 = next(2).parse().unwrap_or(0);
            let y = if y < 100 { 2000 + y } else { y };
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                if let Ok(y) = i16::try_from(y) {
                    out.push(DateHit {
                        span: Span::new(ws[i].start, ws[i + 2].end),
                        date: PartialDate::ymd(y, m, d),
                        relative: false,
                        backward: false,
                    });
                }
            }
            i += 3;
            continue;
        }
        if let Some((used, offset)) = relative_at(&lw, i) {
            // "two weeks after an attack on tourists": a count forward past publication is from
            // the event it names, not from the running date.
            let key = |d: PartialDate| (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31));
            let past_publication =
                |d: PartialDate| offset > 0 && reference.is_some_and(|r| r.year.is_some() && key(d) > key(r));
            if let Some(date) = anchor.and_then(|a| shift(a, offset)).filter(|&d| !past_publication(d)) {
                out.push(DateHit {
                    span: Span::new(ws[i].start, ws[i + used - 1].end),
                    date,
                    relative: true,
                    backward: offset < 0,
                });
            }
            i += used;
            continue;
        }
        // "on Tuesday": the last such weekday on or before the anchor.
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == l) {
            let prev = if i > 0 { lw[i - 1].as_ref() } else { "" };
            if matches!(prev, "on" | "last" | "late" | "early" | "since") {
                if let Some(a) = weekday_anchor.filter(|a| a.day.is_some() && a.year.is_some()) {
                    if let Some((lo, _)) = day_range(a) {
                        // 1970-01-01 was a Thursday (index 3 with Monday = 0).
                        let anchor_wd = (lo + 3).rem_euclid(7);
                        let back = (anchor_wd - wd as i64).rem_euclid(7);
                        if let Some(date) = shift(a, -back) {
                            out.push(DateHit { span: ws[i].span(), date, relative: true, backward: back > 0 });
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// A relative day expression starting at word `i`: how many words it takes
/// and its offset in days from the running date.
fn relative_at(lw: &[Cow<'_, str>], i: usize) -> Option<(usize, i64)> {
    let g = |k: usize| lw.get(i + k).map(AsRef::as_ref).unwrap_or("");
    match g(0) {
        "yesterday" => return Some((1, -1)),
        "today" | "tonight" => return Some((1, 0)),
        "tomorrow" => return Some((1, 1)),
        "next" | "following" if matches!(g(1), "day" | "morning" | "day's") => return Some((2, 1)),
        "day" if g(1) == "after" && g(2) != "tomorrow" && i > 0 && lw[i - 1] == "the" => return Some((2, 1)),
        "day" if matches!(g(1), "before" | "earlier") && i > 0 && lw[i - 1] == "the" => return Some((2, -1)),
        "previous" if g(1) == "day" => return Some((2, -1)),
        "that" | "same" if matches!(g(1), "day" | "day's" | "morning" | "afternoon" | "evening" | "night") => {
            return Some((2, 0))
        }
        _ => {}
    }
    let n = number(g(0))?;
    let (unit_days, hours) = match g(1) {
        "day" | "days" => (1, false),
        "week" | "weeks" => (7, false),
        "hour" | "hours" => (0, true),
        _ => return None,
    };
    let sign = match g(2) {
        "ago" | "earlier" | "before" => -1,
        "later" | "after" => 1,
        _ => return None,
    };
    let days = if hours { n / 24 } else { n * unit_days };
    Some((3, sign * days))
}

/// Picks the date a statement was made from the hits of its attribution:
/// a written-out date wins over a relative one, the last of each kind wins.
pub(crate) fn pick(hits: &[DateHit]) -> Option<PartialDate> {
    hits.iter().rev().find(|h| !h.relative).or_else(|| hits.last()).map(|h| h.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, anchor: Option<PartialDate>) -> Vec<String> {
        let reference = Some(PartialDate::ymd(2016, 5, 8));
        find_dates(text, Span::new(0, text.len()), anchor, anchor, reference)
            .iter()
            .map(|h| h.date.to_string())
            .collect()
    }

    #[test]
    fn date_expressions_table() {
        let may5 = Some(PartialDate::ymd(2016, 5, 5));
        let cases: &[(&str, Option<PartialDate>, &[&str])] = &[
            ("At the press briefing of April 25, 2016 Mr Kirby said:", None, &["2016-04-25"]),
            ("And again on April 28:", None, &["2016-04-28"]),
            (
                "On the next day at the May 4 briefing, the following was said:",
                Some(PartialDate::ymd(2016, 5, 3)),
                &["2016-05-04", "2016-05-04"],
            ),
            ("At the briefing later that day neither spokesman spoke", may5, &["2016-05-05"]),
            (
                "Thirteen hours later at that day's briefing",
                Some(PartialDate::ymd(2016, 5, 6)),
                &["2016-05-06", "2016-05-06"],
            ),
            ("About 10 days ago Steve Warren said", may5, &["2016-04-25"]),
            // Published 8 May: counted from the attack, not from 5 May.
            ("said it had struck two weeks after the attack on the camp", may5, &[]),
            ("formed in March 2015 and", None, &["2015-03"]),
            ("Mondialisation.ca, 08 mai 2016", None, &["2016-05-08"]),
            ("Press Briefing by Josh Earnest, 4/18/2016", None, &["2016-04-18"]),
            ("the talks may resume in December", None, &[]),
            ("they said on Tuesday", may5, &["2016-05-03"]),
            ("as he said yesterday", may5, &["2016-05-04"]),
            ("in December", None, &[]),
            ("on December 20", None, &["2015-12-20"]),
        ];
        for (text, anchor, want) in cases {
            assert_eq!(dates(text, *anchor), *want, "{text}");
        }
    }

    #[test]
    fn civil_round_trip() {
        for z in [-1000i64, 0, 16_921, 20_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2016, 5, 5), 16_926);
    }
}
