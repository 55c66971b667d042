//! Dates in document metadata: a publication line, a `published` field, a
//! dateline. Unlike the running-text scanner this reads one string that is
//! expected to hold a date, and returns the first date it finds.

use crate::grammar;
use crate::token::Tokens;
use sitrep_model::PartialDate;

/// Parses a metadata date: ISO ("2016-05-08", "2016-05-08T10:00:00Z",
/// "2016-05", "2016"), numeric ("08/05/2016" read day first unless the
/// second number exceeds 12, "05/13/2016"), and month names in English,
/// French, Spanish, German, Italian and Portuguese ("May 7, 2016",
/// "7 May 2016", "Sept. 3, 2015", "08 mai 2016", "1er août 2016",
/// "mardi 3 mai 2016", "8 de mayo de 2016", "3. Mai 2016", "May 2016",
/// "3rd of May"). Text around the date is skipped ("Mondialisation.ca,
/// 08 mai 2016"). A date without a year keeps `year: None`.
///
/// Never panics; returns `None` when no date is found.
///
/// ```
/// use sitrep_time::parse_date;
/// use sitrep_model::PartialDate;
/// assert_eq!(parse_date("08 mai 2016"), Some(PartialDate::ymd(2016, 5, 8)));
/// assert_eq!(parse_date("Sept. 3, 2015"), Some(PartialDate::ymd(2015, 9, 3)));
/// ```
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    // Metadata fields are short; a huge string is cut rather than scanned whole.
    let mut cut = s.len().min(4096);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let s = &s[..cut];
    if let Some(d) = iso(s) {
        // An ISO-shaped string is decisive: "2016-02-30" is no date at all.
        return d;
    }
    let t = Tokens::new(s, 0, s.len());
    let mut without_year = None;
    let mut year_only = None;
    for i in 0..t.len() {
        if let Some((spec, _)) = grammar::date_at(&t, i) {
            if spec.date.year.is_some() {
                return Some(spec.date);
            }
            without_year.get_or_insert(spec.date);
        } else if year_only.is_none() && grammar::bare_year_ok(&t, i) {
            year_only = grammar::year_at(&t, i).map(PartialDate::y);
        }
    }
    without_year.or(year_only)
}

/// `Some(result)` when `s` is shaped like an ISO date, `None` otherwise.
fn iso(s: &str) -> Option<Option<PartialDate>> {
    let head = s.split(['T', ' ']).next()?;
    let shaped = head.len() >= 4
        && head.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && head.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if !shaped {
        return None;
    }
    let d = PartialDate::parse_iso(head).filter(|d| {
        d.year.is_some_and(|y| (1000..=2999).contains(&y))
            && match (d.month, d.day) {
                (Some(m), Some(day)) => day <= crate::lexicon::days_in_month(d.year, m),
                _ => true,
            }
    });
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_dates() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2016-05-08", Some("2016-05-08")),
            ("2016-05-08T10:00:00Z", Some("2016-05-08")),
            ("2016-05", Some("2016-05")),
            ("2016", Some("2016")),
            (" 08/05/2016 ", Some("2016-05-08")),
            ("05/13/2016", Some("2016-05-13")),
            ("May 7, 2016", Some("2016-05-07")),
            ("7 May 2016", Some("2016-05-07")),
            ("May 2016", Some("2016-05")),
            ("Sept. 3, 2015", Some("2015-09-03")),
            ("3rd of May", Some("--05-03")),
            ("08 mai 2016", Some("2016-05-08")),
            ("1er août 2016", Some("2016-08-01")),
            ("mardi 3 mai 2016", Some("2016-05-03")),
            ("Mondialisation.ca, 08 mai 2016", Some("2016-05-08")),
            ("8 de mayo de 2016", Some("2016-05-08")),
            ("domingo, 8 de mayo de 2016", Some("2016-05-08")),
            ("8. Mai 2016", Some("2016-05-08")),
            ("8 maggio 2016", Some("2016-05-08")),
            ("8 de maio de 2016", Some("2016-05-08")),
            ("Published Sunday, May 8, 2016 10:02 am", Some("2016-05-08")),
            ("2016-02-30", None),
            ("", None),
            ("no date here", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input).map(|d| d.to_string()).as_deref(), *want, "{input:?}");
        }
    }
}
