//! A small fallback timeline: the date a sentence reports, from explicit dates
//! in it or the running narrative date.
//!
//! The time stage of the pipeline resolves dates properly; this fallback lets
//! the coder stand alone (tests, `sitrep explain` without a timeline). It
//! knows English month names, day-month and month-day orders, ranges
//! ("March 24 - April 25"), a year stated earlier in the same paragraph, and
//! a handful of relative expressions ("the next day", "that day", "the last
//! few weeks"). A year-less date takes the paragraph's year, else the latest
//! year that does not put it after publication.

use sitrep_model::{DatePrecision, DateRange, Document, PartialDate, Segmentation, Span};

use crate::tokens::{tokenize, Token};

/// Something that knows the date a stretch of a sentence refers to. The time
/// stage implements it; [`FallbackTimeline`] is the built-in one.
pub trait DateResolver {
    fn date_for(&self, sentence: usize, span: Span) -> Option<DateRange>;

    /// The narrative's running date carried into sentence `sentence` from
    /// the sentences before it.
    fn carried(&self, sentence: usize) -> Option<DateRange>;
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// A month or weekday name or a month's abbreviation ("on Oct. 27"), lowercase: capitalised,
/// but no place.
pub(crate) fn is_calendar_word(w: &str) -> bool {
    MONTHS.contains(&w) || WEEKDAYS.contains(&w) || MONTH_ABBREVIATIONS.contains(&w)
}

const MONTH_ABBREVIATIONS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u8 + 1);
    }
    let abbr = ["jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if w == "sept" {
        return Some(9);
    }
    abbr.iter().position(|a| !a.is_empty() && *a == w).map(|i| i as u8 + 1)
}

fn days_in(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Days since 0000-03-01 style epoch; only differences matter.
fn ordinal(y: i32, m: u8, d: u8) -> i64 {
    let (y, m) = if m <= 2 { (y - 1, m as i64 + 9) } else { (y, m as i64 - 3) };
    let y = y as i64;
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d as i64
}

fn from_ordinal(n: i64) -> (i32, u8, u8) {
    // Inverse of `ordinal` by search around the estimate; cheap and exact.
    let mut y = (n / 366) as i32;
    while ordinal(y + 1, 3, 1) <= n {
        y += 1;
    }
    let mut best = (y, 3u8, 1u8);
    for (yy, mm) in (0..12).map(|k| if k < 10 { (y, k as u8 + 3) } else { (y + 1, k as u8 - 9) }) {
        if ordinal(yy, mm, 1) <= n {
            best = (yy, mm, (n - ordinal(yy, mm, 1) + 1) as u8);
        }
    }
    best
}

fn shift_days(d: PartialDate, days: i64) -> PartialDate {
    match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(dd)) => {
            let (y, m, dd) = from_ordinal(ordinal(y as i32, m, dd) + days);
            PartialDate::ymd(y as i16, m, dd)
        }
        _ => d,
    }
}

fn range(start: PartialDate, end: PartialDate) -> DateRange {
    let p = start.precision();
    DateRange { start: start.to_string(), end: end.to_string(), precision: p }
}

fn single(d: PartialDate) -> DateRange {
    let end = match (d.year, d.month, d.day) {
        (Some(y), Some(m), None) => PartialDate::ymd(y, m, days_in(y as i32, m)),
        (Some(y), None, _) => PartialDate::ymd(y, 12, 31),
        _ => d,
    };
    DateRange {
        start: d.to_string(),
        end: if d.day.is_some() { d.to_string() } else { end.to_string() },
        precision: d.precision(),
    }
}

/// A date expression found in a sentence.
#[derive(Clone, Debug)]
struct Found {
    span: Span,
    date: DateRange,
    /// Sets the narrative date (a relative "last few weeks" does not).
    narrative: bool,
}

/// The built-in timeline over one document.
#[derive(Clone, Debug, Default)]
pub struct FallbackTimeline {
    /// Per sentence: expressions found, and the narrative date in force.
    found: Vec<Vec<Found>>,
    narrative: Vec<Option<DateRange>>,
}

impl FallbackTimeline {
    pub fn build(doc: &Document, seg: &Segmentation) -> FallbackTimeline {
        let published = doc.meta.published.filter(|d| d.year.is_some());
        let mut tl = FallbackTimeline::default();
        let mut current: Option<PartialDate> = None;
        let mut para_year: (usize, Option<i16>) = (usize::MAX, None);
        for s in &seg.sentences {
            if para_year.0 != s.paragraph {
                para_year = (s.paragraph, None);
            }
            let toks = tokenize(&doc.text, s.span);
            let mut found = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                if let Some((f, next)) = parse_at(&toks, i, para_year.1, published, current) {
                    if let Some(y) = PartialDate::parse_iso(&f.date.start).and_then(|d| d.year) {
                        if explicit_year(&toks, i, next) {
                            para_year.1 = Some(y);
                        }
                    }
                    if f.narrative {
                        current = PartialDate::parse_iso(&f.date.start);
                    }
                    found.push(f);
                    i = next;
                } else {
                    i += 1;
                }
            }
            tl.narrative.push(current.map(single));
            tl.found.push(found);
        }
        tl
    }
}

fn explicit_year(toks: &[Token], from: usize, to: usize) -> bool {
    toks[from..to.min(toks.len())].iter().any(|t| t.norm.len() == 4 && t.norm.parse::<u16>().is_ok())
}

fn year_token(t: Option<&Token>) -> Option<i16> {
    let t = t?;
    if t.norm.len() == 4 {
        let y: i16 = t.norm.parse().ok()?;
        if (1900..=2100).contains(&y) {
            return Some(y);
        }
    }
    None
}

fn day_token(t: Option<&Token>) -> Option<u8> {
    let t = t?;
    let n = t.norm.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
    let d: u8 = n.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn infer_year(m: u8, d: Option<u8>, para: Option<i16>, published: Option<PartialDate>) -> Option<i16> {
    if para.is_some() {
        return para;
    }
    let p = published?;
    let py = p.year?;
    let pm = p.month.unwrap_or(12);
    let pd = p.day.unwrap_or(31);
    if (m, d.unwrap_or(1)) <= (pm, pd) {
        Some(py)
    } else {
        Some(py - 1)
    }
}

fn parse_at(
    toks: &[Token],
    i: usize,
    para: Option<i16>,
    published: Option<PartialDate>,
    current: Option<PartialDate>,
) -> Option<(Found, usize)> {
    let t = &toks[i];
    let w = |k: usize| toks.get(k).map(|t| t.norm.as_str()).unwrap_or("");
    // Month D[, YYYY] or Month YYYY.
    if let Some(m) = month_of(&t.norm).filter(|_| t.capitalized) {
        if let Some(y) = year_token(toks.get(i + 1)) {
            let d = PartialDate::ym(y, m);
            return Some((
                Found { span: Span::new(t.span.start, toks[i + 1].span.end), date: single(d), narrative: true },
                i + 2,
            ));
        }
        if let Some(day) = day_token(toks.get(i + 1)) {
            let mut next = i + 2;
            let mut year = None;
            if w(next) == "," && year_token(toks.get(next + 1)).is_some() {
                year = year_token(toks.get(next + 1));
                next += 2;
            } else if let Some(y) = year_token(toks.get(next)) {
                year = Some(y);
                next += 1;
            }
            let y = year.or_else(|| infer_year(m, Some(day), para, published))?;
            let start = PartialDate::ymd(y, m, day.min(days_in(y as i32, m)));
            // A range "March 24 - April 25" or "May 3-5".
            if matches!(w(next), "-" | "--" | "\u{2013}" | "to" | "until") {
                if let Some(m2) = month_of(w(next + 1)) {
                    if let Some(d2) = day_token(toks.get(next + 2)) {
                        let end = PartialDate::ymd(y, m2, d2.min(days_in(y as i32, m2)));
                        let span = Span::new(t.span.start, toks[next + 2].span.end);
                        return Some((Found { span, date: range(start, end), narrative: true }, next + 3));
                    }
                }
            }
            let span = Span::new(t.span.start, toks[next - 1].span.end);
            return Some((Found { span, date: single(start), narrative: true }, next));
        }
    }
    // D Month [YYYY].
    if let Some(day) = day_token(Some(t)) {
        if let Some(m) = toks.get(i + 1).filter(|t| t.capitalized).and_then(|t| month_of(&t.norm)) {
            let (y, next) = match year_token(toks.get(i + 2)) {
                Some(y) => (Some(y), i + 3),
                None => (infer_year(m, Some(day), para, published), i + 2),
            };
            let y = y?;
            let d = PartialDate::ymd(y, m, day.min(days_in(y as i32, m)));
            let span = Span::new(t.span.start, toks[next - 1].span.end);
            return Some((Found { span, date: single(d), narrative: true }, next));
        }
    }
    // "in 2015".
    if matches!(t.norm.as_str(), "in" | "since" | "during") {
        if let Some(y) = year_token(toks.get(i + 1)) {
            let span = Span::new(toks[i + 1].span.start, toks[i + 1].span.end);
            return Some((Found { span, date: single(PartialDate::y(y)), narrative: true }, i + 2));
        }
    }
    // Relative expressions against the narrative date or publication.
    let rel = |days: i64, base: Option<PartialDate>, len: usize, narrative: bool| -> Option<(Found, usize)> {
        let b = base.filter(|d| d.day.is_some())?;
        let d = shift_days(b, days);
        let span = Span::new(t.span.start, toks[i + len - 1].span.end);
        Some((Found { span, date: single(d), narrative }, i + len))
    };
    match (t.norm.as_str(), w(i + 1), w(i + 2), w(i + 3)) {
        ("next", "day", _, _) | ("following", "day", _, _) => return rel(1, current, 2, true),
        ("day", "before", _, _) if i > 0 && w(i - 1) == "the" => return rel(-1, current, 2, true),
        ("that", "day", _, _) | ("same", "day", _, _) => return rel(0, current, 2, true),
        ("hours", "later", _, _) => return rel(0, current, 2, true),
        ("yesterday", _, _, _) => return rel(-1, current.or(published), 1, false),
        ("last", "few", "weeks", _) | ("past", "few", "weeks", _) | ("recent", "weeks", _, _) => {
            let n = if w(i + 1) == "weeks" { 2 } else { 3 };
            return rel(-14, published, n, false);
        }
        ("last", "few", "days", _) | ("past", "few", "days", _) => return rel(-3, published, 3, false),
        ("next", "few", "months", _) | ("following", "months", _, _) => {
            let n = if w(i + 1) == "months" { 2 } else { 3 };
            return rel(60, current, n, false);
        }
        _ => {}
    }
    None
}

impl DateResolver for FallbackTimeline {
    fn date_for(&self, sentence: usize, span: Span) -> Option<DateRange> {
        let found = self.found.get(sentence)?;
        // The expression nearest before the trigger, else the first after it.
        let before = found.iter().rfind(|f| f.span.end <= span.start);
        if let Some(f) = before.or_else(|| found.first()) {
            return Some(f.date.clone());
        }
        self.narrative.get(sentence).cloned().flatten()
    }

    fn carried(&self, sentence: usize) -> Option<DateRange> {
        self.narrative.get(sentence).cloned().flatten()
    }
}

/// The precision of a date string such as "2016-05".
pub fn precision_of(iso: &str) -> DatePrecision {
    PartialDate::parse_iso(iso).map(|d| d.precision()).unwrap_or(DatePrecision::Year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{DocMeta, Sentence};

    fn timeline(text: &str, published: PartialDate) -> (FallbackTimeline, Segmentation) {
        let mut seg = Segmentation::default();
        let mut start = 0;
        for (i, part) in text.split_inclusive(". ").enumerate() {
            let para = if part.starts_with('\n') { 1 } else { 0 };
            seg.sentences.push(Sentence {
                index: i,
                paragraph: para,
                span: Span::new(start, start + part.trim_end().len()),
            });
            start += part.len();
        }
        let doc = Document {
            id: "d".into(),
            meta: DocMeta { published: Some(published), ..DocMeta::default() },
            text: text.into(),
            removed: vec![],
        };
        (FallbackTimeline::build(&doc, &seg), seg)
    }

    #[test]
    fn dates_follow_the_narrative() {
        let text = "The group formed in March 2015. It took the city (March 24 - April 25). \
                    On April 27 he spoke. Early on May 5, they attacked. On the next day, they won. \
                    During the last few weeks, they fought.";
        let (tl, seg) = timeline(text, PartialDate::ymd(2016, 5, 8));
        let got: Vec<String> = seg
            .sentences
            .iter()
            .map(|s| {
                tl.date_for(s.index, Span::new(s.span.end, s.span.end))
                    .map(|d| format!("{}..{}", d.start, d.end))
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            got,
            [
                "2015-03..2015-03-31",
                "2015-03-24..2015-04-25",
                "2015-04-27..2015-04-27",
                "2015-05-05..2015-05-05",
                "2015-05-06..2015-05-06",
                "2016-04-24..2016-04-24"
            ]
        );
    }

    #[test]
    fn yearless_dates_take_the_paragraph_year_or_the_latest_past_one() {
        let text = "In 2014 they met. \nOn June 2 the talks began.";
        let (tl, seg) = timeline(text, PartialDate::ymd(2016, 5, 8));
        let d = tl.date_for(1, Span::new(seg.sentences[1].span.end, seg.sentences[1].span.end)).unwrap();
        assert_eq!(d.start, "2015-06-02");
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(shift_days(PartialDate::ymd(2016, 3, 1), -1), PartialDate::ymd(2016, 2, 29));
        assert_eq!(shift_days(PartialDate::ymd(2015, 12, 31), 1), PartialDate::ymd(2016, 1, 1));
        assert_eq!(shift_days(PartialDate::ymd(2016, 5, 8), -14), PartialDate::ymd(2016, 4, 24));
    }
}
