//! Publication dates as pages write them: `2016-05-08`, `08/05/2016`,
//! `May 7, 2016`, `7 May 2016`, `08 mai 2016`, `1er mai 2016`,
//! `8 de mayo de 2016`, `8. Mai 2016`, `8 maggio 2016`, `Sept. 5, 2016`.
//!
//! Only what a dateline or metadata field needs: explicit calendar dates with
//! a year. Relative expressions ("on Thursday", "two days later") belong to
//! the time-resolution stage. Ambiguous numeric dates read day first
//! (`05/04/2016` is 5 April), unless the second number cannot be a month.

use sitrep_model::PartialDate;
use std::ops::Range;

/// Month names and abbreviations in English, French, Spanish, German and
/// Italian, lowercased, with and without accents.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("januar", 1),
    ("jänner", 1),
    ("gennaio", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("febrero", 2),
    ("februar", 2),
    ("febbraio", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("marzo", 3),
    ("märz", 3),
    ("maerz", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("junio", 6),
    ("juni", 6),
    ("giugno", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("juli", 7),
    ("luglio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("oktober", 10),
    ("ottobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dezember", 12),
    ("dicembre", 12),
];

/// Words that may sit between the parts of a date ("8 de mayo de 2016",
/// "the 8th of May").
const FILLERS: &[&str] = &["de", "of", "del", "le", "el", "the"];

const NOT_A_DATE: PartialDate = PartialDate { year: None, month: None, day: None };

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num { value: u32, digits: usize },
    Word(String),
    Sep(char),
}

fn tokenize(s: &str) -> Vec<(Tok, Range<usize>)> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            let digits = end - i;
            let value = if digits <= 9 { s[i..end].parse().unwrap_or(u32::MAX) } else { u32::MAX };
            out.push((Tok::Num { value, digits }, i..end));
            // An ordinal suffix glued to the number is dropped: 1st, 1er, 8th, 3º.
            let rest = &s[end..];
            for suf in ["st", "nd", "rd", "th", "er", "re", "º", "°"] {
                let after = rest.get(suf.len()..).and_then(|r| r.chars().next());
                if rest.starts_with(suf) && !after.is_some_and(char::is_alphanumeric) {
                    for _ in 0..suf.chars().count() {
                        it.next();
                    }
                    break;
                }
            }
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push((Tok::Word(s[i..end].to_lowercase()), i..end));
        } else if !c.is_whitespace() {
            out.push((Tok::Sep(c), i..i + c.len_utf8()));
        }
    }
    out
}

fn month_of(w: &str) -> Option<u8> {
    MONTHS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn make(y: u32, m: u32, d: Option<u32>) -> Option<PartialDate> {
    if !(1800..=2200).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let (y, m) = (y as i16, m as u8);
    match d {
        Some(d) if d >= 1 && d <= u32::from(days_in_month(i32::from(y), m)) => Some(PartialDate::ymd(y, m, d as u8)),
        Some(_) => None,
        None => Some(PartialDate::ym(y, m)),
    }
}

struct Cursor<'a> {
    toks: &'a [(Tok, Range<usize>)],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.0)
    }
    /// Skip separators and filler words that may sit inside a date.
    fn skip_glue(&mut self, seps: &[char]) {
        while let Some(t) = self.peek() {
            match t {
                Tok::Sep(c) if seps.contains(c) => self.i += 1,
                Tok::Word(w) if FILLERS.contains(&w.as_str()) => self.i += 1,
                _ => break,
            }
        }
    }
    fn num(&mut self, max_digits: usize) -> Option<(u32, usize)> {
        match self.peek() {
            Some(Tok::Num { value, digits }) if *digits <= max_digits => {
                let v = (*value, *digits);
                self.i += 1;
                Some(v)
            }
            _ => None,
        }
    }
    fn month(&mut self) -> Option<u8> {
        match self.peek() {
            Some(Tok::Word(w)) => {
                let m = month_of(w)?;
                self.i += 1;
                Some(m)
            }
            _ => None,
        }
    }
    fn sep(&mut self) -> Option<char> {
        match self.peek() {
            Some(Tok::Sep(c)) => {
                let c = *c;
                self.i += 1;
                Some(c)
            }
            _ => None,
        }
    }
    fn end_byte(&self) -> usize {
        self.toks.get(self.i.saturating_sub(1)).map_or(0, |t| t.1.end)
    }
}

/// Try every date pattern at token `i`; return the date and the index of the
/// token after it.
fn date_at(toks: &[(Tok, Range<usize>)], i: usize, month_first: bool) -> Option<(PartialDate, usize)> {
    // ISO and numeric forms: 2016-05-08, 2016/05/08, 08/05/2016, 08.05.2016.
    let mut c = Cursor { toks, i };
    if let Some((a, ad)) = c.num(4) {
        if let Some(s1) = c.sep().filter(|s| matches!(s, '-' | '/' | '.')) {
            if let Some((b, _)) = c.num(2) {
                if c.sep() == Some(s1) {
                    if let Some((y, yd)) = c.num(4) {
                        if ad == 4 {
                            return make(a, b, Some(y)).map(|d| (d, c.i));
                        }
                        // Two-digit years only in the slash form ("4/26/16").
                        let y = match yd {
                            4 => Some(y),
                            2 if s1 == '/' => Some(if y < 70 { 2000 + y } else { 1900 + y }),
                            _ => None,
                        };
                        if let (Some(y), true) = (y, ad <= 2) {
                            // The preferred order, unless only the other is possible.
                            let dmy = make(y, b, Some(a));
                            let mdy = make(y, a, Some(b));
                            let pick = if month_first { mdy.or(dmy) } else { dmy.or(mdy) };
                            return pick.map(|d| (d, c.i));
                        }
                    }
                } else if ad == 4 && s1 == '-' && (1..=12).contains(&b) {
                    // 2016-05 alone is a month.
                    return make(a, b, None).map(|d| (d, c.i));
                }
            }
        }
    }
    // Day Month Year: "7 May 2016", "08 mai 2016", "8. Mai 2016", "8 de mayo de 2016".
    let mut c = Cursor { toks, i };
    if let Some((d, _)) = c.num(2) {
        c.skip_glue(&['.']);
        if let Some(m) = c.month() {
            c.skip_glue(&['.', ',']);
            if let Some((y, 4)) = c.num(4) {
                // An impossible day ("30 février") consumes the tokens so
                // the month and year are not read as a date on their own.
                return Some((make(y, u32::from(m), Some(d)).unwrap_or(NOT_A_DATE), c.i));
            }
        }
    }
    // Month Day Year: "May 7, 2016", "Sept. 5 2016", "May 7th, 2016"; or Month Year.
    let mut c = Cursor { toks, i };
    if let Some(m) = c.month() {
        c.skip_glue(&['.']);
        let save = c.i;
        if let Some((d, _)) = c.num(2) {
            c.skip_glue(&[',']);
            if let Some((y, 4)) = c.num(4) {
                return make(y, u32::from(m), Some(d)).map(|dt| (dt, c.i));
            }
        }
        c.i = save;
        c.skip_glue(&[',']);
        if let Some((y, 4)) = c.num(4) {
            return make(y, u32::from(m), None).map(|dt| (dt, c.i));
        }
    }
    None
}

/// Every explicit date in `s` with its byte range, in order.
pub fn find_dates(s: &str) -> Vec<(Range<usize>, PartialDate)> {
    find_dates_ordered(s, false)
}

/// [`find_dates`], reading ambiguous numeric dates month first when
/// `month_first` (American usage: "5/2/2016" is 2 May) and day first
/// otherwise.
pub fn find_dates_ordered(s: &str, month_first: bool) -> Vec<(Range<usize>, PartialDate)> {
    // Every form has a year in digits: most lines are not tokenized at all.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let toks = tokenize(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((d, next)) = date_at(&toks, i, month_first) {
            let c = Cursor { toks: &toks, i: next };
            if d != NOT_A_DATE {
                out.push((toks[i].1.start..c.end_byte(), d));
            }
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

/// The first date in `s`, preferring one with a day.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let dates = find_dates(s);
    dates.iter().find(|(_, d)| d.day.is_some()).or(dates.first()).map(|(_, d)| *d)
}

/// A date given as metadata: any form [`parse_date`] reads, or a Unix
/// timestamp in seconds or milliseconds (as JSON exports often carry).
pub fn parse_meta_date(s: &str) -> Option<PartialDate> {
    let t = s.trim();
    if (t.len() == 10 || t.len() == 13) && t.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = t.parse().ok()?;
        let secs = if t.len() == 13 { secs / 1000 } else { secs };
        return Some(civil_from_days(secs.div_euclid(86_400)));
    }
    parse_date(t)
}

/// Days since 1970-01-01 to a calendar date (proleptic Gregorian).
fn civil_from_days(z: i64) -> PartialDate {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    PartialDate::ymd(y as i16, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2016-05-08", Some("2016-05-08")),
            ("2016-05-08T14:03:00+02:00", Some("2016-05-08")),
            ("Mondialisation.ca, 08 mai 2016", Some("2016-05-08")),
            ("[Yalla La Barra](#) 7 mai 2016", Some("2016-05-07")),
            ("May 7, 2016", Some("2016-05-07")),
            ("Published: Sunday, May 8th, 2016 10:32 GMT", Some("2016-05-08")),
            ("7 May 2016", Some("2016-05-07")),
            ("1er mai 2016", Some("2016-05-01")),
            ("le 22 décembre 2016", Some("2016-12-22")),
            ("8 de mayo de 2016", Some("2016-05-08")),
            ("8. Mai 2016", Some("2016-05-08")),
            ("8 maggio 2016", Some("2016-05-08")),
            ("Sept. 5, 2016", Some("2016-09-05")),
            ("08/05/2016", Some("2016-05-08")),
            ("4/18/2016", Some("2016-04-18")),
            ("18.04.2016", Some("2016-04-18")),
            ("2016/04/18", Some("2016-04-18")),
            ("4/26/16", Some("2016-04-26")),
            ("26.04.16", None),
            ("May 2016", Some("2016-05")),
            ("30 février 2016", None),
            ("he may 7 times", None),
            ("version 2.5.1", None),
            ("in 2016", None),
        ];
        for (input, want) in cases {
            let got = parse_date(input).map(|d| d.to_string());
            assert_eq!(got.as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn meta_dates_table() {
        for (input, want) in [
            ("1462665600", "2016-05-08"),
            ("1462665600000", "2016-05-08"),
            ("2016-05-08", "2016-05-08"),
            ("Sun, 08 May 2016 10:00:00 GMT", "2016-05-08"),
        ] {
            assert_eq!(parse_meta_date(input).map(|d| d.to_string()).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn numeric_order_follows_the_hint() {
        let first = |s: &str, mf: bool| find_dates_ordered(s, mf).first().map(|(_, d)| d.to_string());
        assert_eq!(first("5/2/2016", true).as_deref(), Some("2016-05-02"));
        assert_eq!(first("5/2/2016", false).as_deref(), Some("2016-02-05"));
        assert_eq!(first("5/13/2016", false).as_deref(), Some("2016-05-13"));
        assert_eq!(first("13/5/2016", true).as_deref(), Some("2016-05-13"));
    }

    #[test]
    fn ranges_cover_the_date() {
        let s = "Beirut, May 7, 2016 — updated 8 May 2016";
        let got: Vec<_> = find_dates(s).into_iter().map(|(r, _)| &s[r]).collect();
        assert_eq!(got, vec!["May 7, 2016", "8 May 2016"]);
    }
}
