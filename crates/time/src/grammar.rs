//! The grammar of absolute dates and clock times over tokens, shared by the
//! metadata parser (`parse_date`) and the running-text scanner.
//!
//! Each rule takes a token index and returns what it read plus the index
//! after it, so rules compose (a range is two dates and a connector) and the
//! scanner can keep the longest match.

use crate::expr::{Clock, DateSpec};
use crate::lexicon::{self, days_in_month};
use crate::token::Tokens;

/// Words after which a bare month or year is a date ("in May", "since 2011").
const TIME_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "during",
    "from",
    "of",
    "early",
    "late",
    "mid",
    "end",
    "last",
    "next",
    "this",
    "throughout",
    "before",
    "after",
    "to",
    "between",
    "and",
    "or",
    "through",
    "around",
    "until",
    "beginning",
    "start",
    "en",
    "depuis",
    "desde",
    "seit",
    "im",
    "dal",
    "em",
    "fin",
    "début",
];

/// A four-digit year in the range reports talk about.
pub(crate) fn year_at(t: &Tokens, i: usize) -> Option<i16> {
    let (v, digits) = t.num(i)?;
    (digits == 4 && (1800..=2199).contains(&v)).then_some(v as i16)
}

/// A day of the month: "3", "03", "3rd", "1er", "1º", German "3.".
/// Returns the day and the index after it.
pub(crate) fn day_at(t: &Tokens, i: usize) -> Option<(u8, usize)> {
    let (v, digits) = t.num(i)?;
    if digits > 2 || !(1..=31).contains(&v) {
        return None;
    }
    let mut j = i + 1;
    if t.touches(i) {
        if let Some(w) = t.word(j) {
            if lexicon::is_ordinal_suffix(w) {
                j += 1;
            } else {
                // A number glued to another word ("3km") is not a day.
                return None;
            }
        } else if t.is_punct(j, &['.']) && month_at(t, j + 1).is_some() {
            j += 1;
        }
    }
    Some((v as u8, j))
}

/// A month name, with its abbreviation dot when it has one. English names
/// count only when capitalised, so "they may" never reads as May.
pub(crate) fn month_at(t: &Tokens, i: usize) -> Option<(u8, usize)> {
    let w = t.word(i)?;
    let info = lexicon::lookup(w)?;
    if info.month == 0 || (info.month_english && !t.is_capitalised(i)) {
        return None;
    }
    let mut j = i + 1;
    let abbreviation = matches!(
        w,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "janv"
            | "févr"
            | "fevr"
            | "avr"
            | "juil"
            | "déc"
            | "okt"
            | "dez"
            | "dic"
    );
    if abbreviation && t.is_punct(j, &['.']) && t.touches(i) {
        j += 1;
    }
    Some((info.month, j))
}

/// True when the month word at `i` may stand alone as a date: unambiguous
/// and capitalised where the language capitalises months, or introduced by a
/// time preposition ("in March", "since May").
pub(crate) fn bare_month_ok(t: &Tokens, i: usize) -> bool {
    let Some(info) = t.word(i).and_then(lexicon::lookup) else {
        return false;
    };
    let after_preposition = i > 0 && t.is(i - 1, TIME_PREPOSITIONS);
    let abbreviated = t.word(i).is_some_and(|w| w.chars().count() <= 4)
        && !t.is(i, &["may", "mai", "june", "juin", "july", "juli", "juni", "mars", "mayo", "maio", "août", "aout"]);
    if abbreviated {
        // "Jan" is a first name and "Dec" a surname far more often than a
        // month when nothing else on either side is a date.
        return false;
    }
    after_preposition || (!info.month_ambiguous && (info.month_english || t.is_capitalised(i)))
}

/// True when a bare four-digit number at `i` reads as a year.
pub(crate) fn bare_year_ok(t: &Tokens, i: usize) -> bool {
    if year_at(t, i).is_none() {
        return false;
    }
    if i > 0 && (t.is_punct(i - 1, &['$', '£', '€', '#', '.', ':', '/']) || t.num(i - 1).is_some()) {
        return false;
    }
    if t.touches(i) && (t.word(i + 1).is_some() || t.is_punct(i + 1, &['%', '.']) && t.num(i + 2).is_some()) {
        return false;
    }
    let before = i > 0 && (t.is(i - 1, TIME_PREPOSITIONS) || t.is_punct(i - 1, &['(', ',', '-', '\u{2013}']));
    let after = i + 1 >= t.len() || t.is_punct(i + 1, &['.', ',', ';', ':', ')', '-', '\u{2013}', '!', '?']);
    before || after || i == 0
}

/// A clock time: "7:00", "07:00 GMT", "7 am", "7:30 p.m.", "19h30", "noon".
pub(crate) fn clock_at(t: &Tokens, i: usize) -> Option<(Clock, usize)> {
    if t.is(i, &["noon", "midday", "midi"]) {
        return Some((Clock { hour: 12, minute: 0 }, i + 1));
    }
    if t.is(i, &["midnight", "minuit"]) {
        return Some((Clock { hour: 0, minute: 0 }, i + 1));
    }
    let (h, digits) = t.num(i)?;
    let mut j = i + 1;
    let (mut hour, mut minute) = (h, 0);
    let mut explicit = false;
    if digits <= 2 && t.touches(i) && t.is_punct(j, &[':']) && t.touches(j) {
        let (m, md) = t.num(j + 1)?;
        if md != 2 || m > 59 || h > 24 {
            return None;
        }
        minute = m;
        j += 2;
        explicit = true;
        // Seconds.
        if t.touches(j - 1) && t.is_punct(j, &[':']) && t.num(j + 1).is_some_and(|(_, d)| d == 2) {
            j += 2;
        }
    } else if digits <= 2 && t.touches(i) && t.is(j, &["h"]) {
        if h > 24 {
            return None;
        }
        j += 1;
        if t.touches(j - 1) {
            if let Some((m, 2)) = t.num(j) {
                if m > 59 {
                    return None;
                }
                minute = m;
                j += 1;
            }
        }
        explicit = true;
    } else if digits == 4 {
        // Military style "0700 GMT" needs its zone word to be read as a time.
        if !t.is(j, &["gmt", "utc", "hrs", "z"]) || h / 100 > 23 || h % 100 > 59 {
            return None;
        }
        hour = h / 100;
        minute = h % 100;
        explicit = true;
    } else if digits > 2 {
        return None;
    }
    // Meridiem: "am", "pm", "a.m.", "p.m.".
    let mut meridiem = None;
    if t.is(j, &["am", "pm"]) {
        meridiem = t.word(j).map(|w| w == "pm");
        j += 1;
    } else if t.is(j, &["a", "p"]) && t.touches(j) && t.is_punct(j + 1, &['.']) && t.is(j + 2, &["m"]) {
        meridiem = t.word(j).map(|w| w == "p");
        j += 3;
        if t.touches(j - 1) && t.is_punct(j, &['.']) {
            j += 1;
        }
    }
    match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (pm, hour) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
        }
        None if !explicit => return None,
        None => {}
    }
    if hour > 24 {
        return None;
    }
    if t.is(j, &["gmt", "utc", "z"]) {
        j += 1;
    }
    Some((Clock { hour: (hour % 24) as u8, minute: minute as u8 }, j))
}

fn valid(year: Option<i16>, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// An absolute or partial date with an explicit month: ISO and numeric
/// forms, "7 May 2016", "May 7, 2016", "Sept. 3", "mardi 3 mai 2016",
/// "1er août", "3rd of May", "8 de mayo de 2016", "May 2016", "in May".
/// A weekday before the date is kept for checking.
pub(crate) fn date_at(t: &Tokens, i: usize) -> Option<(DateSpec, usize)> {
    let mut j = i;
    let mut weekday = None;
    if let Some(d) = t.word(j).and_then(lexicon::weekday_of) {
        weekday = Some(d);
        j += 1;
        if t.is_punct(j, &[',']) {
            j += 1;
        }
        if t.is(j, &["the"]) {
            j += 1;
        }
    }
    let (mut spec, mut k) =
        numeric_at(t, j).or_else(|| day_first_at(t, j)).or_else(|| month_first_at(t, j, weekday.is_some()))?;
    spec.weekday = weekday;
    if spec.date.day.is_none() && weekday.is_some() {
        return None;
    }
    // A clock time glued to the date: "2016-05-08T10:00", "May 6, 07:00", "May 6 at 7 am".
    let mut c = k;
    let iso_t = t.is(c, &["t"]) && t.touches(c) && t.touches(c - 1);
    if iso_t || t.is_punct(c, &[',']) || t.is(c, &["at", "à", "a", "um", "alle"]) {
        c += 1;
    }
    if spec.date.day.is_some() {
        if let Some((clock, e)) = clock_at(t, c) {
            spec.time = Some(clock);
            k = e;
        }
    }
    Some((spec, k))
}

/// "2016-05-08", "2016/05/08", "08/05/2016", "05.08.2016", "8/5/16".
///
/// Day and month order: a numeric date is read day first (as in most of the
/// world and in the languages besides English that reports come in) unless
/// that is impossible because the second number exceeds 12, in which case it
/// is read month first ("05/13/2016" is 13 May).
fn numeric_at(t: &Tokens, i: usize) -> Option<(DateSpec, usize)> {
    let sep = t.punct(i + 1)?;
    if !matches!(sep, '-' | '/' | '.') || t.punct(i + 3) != Some(sep) {
        return None;
    }
    if !(t.touches(i) && t.touches(i + 1) && t.touches(i + 2) && t.touches(i + 3)) {
        return None;
    }
    let (a, ad) = t.num(i)?;
    let (b, bd) = t.num(i + 2)?;
    let (c, cd) = t.num(i + 4)?;
    if bd > 2 {
        return None;
    }
    // The next token must not continue the number ("1.2.3.4", "2016-05-08-1").
    if t.touches(i + 4) && (t.num(i + 6).is_some() && t.is_punct(i + 5, &[sep])) {
        return None;
    }
    let (y, m, d) = if ad == 4 {
        if cd > 2 || !(1800..=2199).contains(&a) {
            return None;
        }
        (a, b, c)
    } else if ad <= 2 {
        let y = match cd {
            4 if (1800..=2199).contains(&c) => c,
            2 if sep != '-' => {
                if c < 70 {
                    2000 + c
                } else {
                    1900 + c
                }
            }
            _ => return None,
        };
        if a <= 12 && b > 12 {
            (y, a, b)
        } else {
            (y, b, a)
        }
    } else {
        return None;
    };
    let (y, m, d) = (y as i16, m as u8, d as u8);
    valid(Some(y), m, d).then_some((DateSpec::new(Some(y), Some(m), Some(d)), i + 5))
}

fn year_after(t: &Tokens, k: usize) -> Option<(i16, usize)> {
    if let Some(y) = year_at(t, k) {
        return Some((y, k + 1));
    }
    if t.is_punct(k, &[',']) || t.is(k, &["de", "del", "of"]) {
        if let Some(y) = year_at(t, k + 1) {
            return Some((y, k + 2));
        }
    }
    None
}

fn day_first_at(t: &Tokens, i: usize) -> Option<(DateSpec, usize)> {
    let (d, mut k) = day_at(t, i)?;
    if t.is(k, &["of", "de", "di"]) {
        k += 1;
    }
    let (m, mut k) = month_at(t, k)?;
    let mut year = None;
    if let Some((y, e)) = year_after(t, k) {
        year = Some(y);
        k = e;
    }
    valid(year, m, d).then_some((DateSpec::new(year, Some(m), Some(d)), k))
}

fn month_first_at(t: &Tokens, i: usize, after_weekday: bool) -> Option<(DateSpec, usize)> {
    let (m, k) = month_at(t, i)?;
    if let Some((d, mut e)) = day_at(t, k) {
        // "May 5:00" is a clock, not a day.
        if !t.is_punct(e, &[':']) {
            let mut year = None;
            if let Some((y, f)) = year_after(t, e) {
                year = Some(y);
                e = f;
            }
            // An impossible day ("February 30") rejects the whole date rather
            // than falling back to the month alone.
            return valid(year, m, d).then_some((DateSpec::new(year, Some(m), Some(d)), e));
        }
    }
    if let Some((y, e)) = year_after(t, k) {
        return Some((DateSpec::new(Some(y), Some(m), None), e));
    }
    if !after_weekday && bare_month_ok(t, i) {
        return Some((DateSpec::new(None, Some(m), None), k));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<String> {
        let t = Tokens::new(s, 0, s.len());
        date_at(&t, 0).map(|(d, _)| {
            let mut out = d.date.to_string();
            if let Some(c) = d.time {
                out.push_str(&format!("T{:02}:{:02}", c.hour, c.minute));
            }
            out
        })
    }

    #[test]
    fn absolute_dates() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2016-05-08", Some("2016-05-08")),
            ("2016-05-08T10:00:00Z", Some("2016-05-08T10:00")),
            ("08/05/2016", Some("2016-05-08")),
            ("05/13/2016", Some("2016-05-13")),
            ("13/13/2016", None),
            ("08.05.16", Some("2016-05-08")),
            ("7 May 2016", Some("2016-05-07")),
            ("May 7, 2016", Some("2016-05-07")),
            ("Sept. 3, 2015", Some("2015-09-03")),
            ("08 mai 2016", Some("2016-05-08")),
            ("1er août 2016", Some("2016-08-01")),
            ("mardi 3 mai 2016", Some("2016-05-03")),
            ("8 de mayo de 2016", Some("2016-05-08")),
            ("3. Mai 2016", Some("2016-05-03")),
            ("3 maggio 2016", Some("2016-05-03")),
            ("3rd of May", Some("--05-03")),
            ("May 2016", Some("2016-05")),
            ("October 2015", Some("2015-10")),
            ("May 6, 07:00", Some("--05-06T07:00")),
            ("February 30, 2016", None),
            ("may have", None),
            ("3 may", None),
        ];
        for (input, want) in cases {
            assert_eq!(date(input).as_deref(), *want, "{input}");
        }
    }

    #[test]
    fn clocks() {
        let cases: &[(&str, Option<(u8, u8)>)] = &[
            ("7:00 am", Some((7, 0))),
            ("7:30 p.m.", Some((19, 30))),
            ("12 am", Some((0, 0))),
            ("19h30", Some((19, 30))),
            ("0700 GMT", Some((7, 0))),
            ("noon", Some((12, 0))),
            ("7 people", None),
            ("2016", None),
            ("25:00", None),
        ];
        for (input, want) in cases {
            let t = Tokens::new(input, 0, input.len());
            assert_eq!(clock_at(&t, 0).map(|(c, _)| (c.hour, c.minute)), *want, "{input}");
        }
    }
}
