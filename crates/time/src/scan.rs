//! The running-text scanner: finds every time expression in a stretch of text
//! and gives it a symbolic value.
//!
//! At each token the scanner tries every rule (ranges, dates with modifiers,
//! dates, relative expressions, weekdays, clock times, ordinal days, bare
//! years, "since ...") and keeps the longest match, then moves past it. Two
//! passes follow: one joins a clock time to the date it belongs to ("By 7:00
//! am Damascus time on the morning of May 6") and a relative expression to the
//! date in apposition to it ("On the next day, May 3"); the other marks
//! expressions in clauses that speak of the future.

use crate::expr::{Anchor, AppositionShift, DateSpec, Part, Quantity, TimeExpr, TimeValue};
use crate::grammar::{self, clock_at, date_at, day_at, month_at, year_at};
use crate::lexicon::{self, Unit};
use crate::token::Tokens;
use sitrep_model::{PartialDate, Span};

/// Finds the time expressions in `text[span]`, in text order, with byte spans
/// into `text`. A span out of bounds or off a character boundary is clamped
/// to the text; never panics.
///
/// ```
/// use sitrep_time::{find_time_expressions, TimeValue};
/// use sitrep_model::Span;
/// let text = "Thirteen hours later at that day's briefing";
/// let found = find_time_expressions(text, Span::new(0, text.len()));
/// let spans: Vec<&str> = found.iter().map(|e| e.span.slice(text)).collect();
/// assert_eq!(spans, ["Thirteen hours later", "that day's"]);
/// ```
pub fn find_time_expressions(text: &str, span: Span) -> Vec<TimeExpr> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = span.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let t = Tokens::new(text, start, end);
    let mut found: Vec<(TimeExpr, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !can_start(&t, i) {
            i += 1;
            continue;
        }
        match best_at(&t, i) {
            Some((value, e)) if e > i => {
                let expr = TimeExpr::new(Span::new(t.start(i), t.end_before(e)), value);
                found.push((expr, i, e));
                i = e;
            }
            _ => i += 1,
        }
    }
    let mut out = merge(&t, found);
    for (expr, first, _) in &mut out {
        expr.future = future_cue(&t, *first);
    }
    out.into_iter().map(|(e, _, _)| e).collect()
}

/// True when some rule may match at `i`: a number, or a word the lexicon
/// knows. Most words of running text fail here with a single lookup.
fn can_start(t: &Tokens, i: usize) -> bool {
    t.num(i).is_some() || t.word(i).is_some_and(|w| lexicon::lookup(w).is_some())
}

type Rule = fn(&Tokens, usize) -> Option<(TimeValue, usize)>;

const RULES: &[Rule] =
    &[range_at, since_at, modified_at, date_rule, relative_at, weekday_at, clock_rule, ordinal_day_at, year_rule];

fn best_at(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    let mut best: Option<(TimeValue, usize)> = None;
    for rule in RULES {
        if let Some((v, e)) = rule(t, i) {
            if best.as_ref().is_none_or(|(_, be)| e > *be) {
                best = Some((v, e));
            }
        }
    }
    best
}

fn date_rule(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    date_at(t, i).map(|(d, e)| (TimeValue::Date(d), e))
}

fn year_rule(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    grammar::bare_year_ok(t, i)
        .then(|| year_at(t, i))
        .flatten()
        .map(|y| (TimeValue::Date(DateSpec::new(Some(y), None, None)), i + 1))
}

fn clock_rule(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    // "to surrender by 3 a.m.", "a deadline until noon": a deadline is when something is due,
    // not when anything told happened. ("By 7:00 am ... the town had fallen", opening its
    // sentence, bounds what is told.)
    if i > 1 && t.is(i - 1, &["by", "until", "till"]) && t.punct(i - 2).is_none() {
        return None;
    }
    clock_at(t, i).map(|(c, e)| (TimeValue::TimeOfDay(c), e))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EndKind {
    Full,
    Month,
    Year,
    Day,
}

/// One side of a range: a date, a month, a year, or a bare day number that
/// borrows its month from the other side ("3-5 May").
fn endpoint_at(t: &Tokens, i: usize) -> Option<(DateSpec, usize, EndKind)> {
    if let Some((d, e)) = date_at(t, i) {
        return Some((d, e, EndKind::Full));
    }
    if let Some((m, e)) = month_at(t, i) {
        return Some((DateSpec::new(None, Some(m), None), e, EndKind::Month));
    }
    if let Some(y) = year_at(t, i) {
        return Some((DateSpec::new(Some(y), None, None), i + 1, EndKind::Year));
    }
    if let Some((d, e)) = day_at(t, i) {
        return Some((DateSpec::new(None, None, Some(d)), e, EndKind::Day));
    }
    None
}

const DASHES: &[char] = &['-', '\u{2013}', '\u{2014}', '\u{2012}'];

/// "March 24 - April 25", "May 3-5", "3-5 May 2016", "between May 3 and 5",
/// "from 2011 to 2014", "2011-14", "March-April 2015", "du 3 au 5 mai".
fn range_at(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    let (closers, j): (&[&str], usize) = match t.word(i) {
        Some("between") => (&["and"], i + 1),
        Some("from") => (&["to", "until", "till", "through", "thru"], i + 1),
        Some("du") => (&["au"], i + 1),
        Some("entre") => (&["et", "y", "e"], i + 1),
        Some("del") | Some("dal") => (&["al"], i + 1),
        Some("vom") => (&["bis"], i + 1),
        _ => (&["to", "through", "until", "till", "thru"], i),
    };
    let prefixed = j > i;
    let (mut a, k, ak) = endpoint_at(t, j)?;
    let connector = t.is(k, closers) || (t.is_punct(k, DASHES) && (!prefixed || t.word(i) == Some("from")));
    if !connector {
        return None;
    }
    // Year-to-two-digit-year: "2011-14".
    if ak == EndKind::Year && t.is_punct(k, DASHES) {
        if let (Some(y), Some((v, 2))) = (a.date.year, t.num(k + 1)) {
            let y2 = y - y % 100 + v as i16;
            if y2 > y && !(t.touches(k + 1) && t.word(k + 2).is_some()) {
                let b = DateSpec::new(Some(y2), None, None);
                return Some((TimeValue::Range(a, b), k + 2));
            }
        }
    }
    let (mut b, e, bk) = endpoint_at(t, k + 1)?;
    // Bare numbers on both sides are counts ("3-5 killed"), not days.
    match (ak, bk) {
        (EndKind::Day, EndKind::Day) | (EndKind::Day, EndKind::Year) | (EndKind::Year, EndKind::Day) => return None,
        (EndKind::Year, EndKind::Year) if !prefixed && !t.is_punct(k, DASHES) => return None,
        (EndKind::Year, EndKind::Full | EndKind::Month) | (EndKind::Full | EndKind::Month, EndKind::Year) => {
            return None
        }
        (EndKind::Month, EndKind::Day) | (EndKind::Day, EndKind::Month) => return None,
        _ => {}
    }
    if ak == EndKind::Day && b.date.month.is_none() {
        return None;
    }
    if bk == EndKind::Day && (a.date.month.is_none() || a.date.day.is_none()) {
        return None;
    }
    // Each side borrows what it lacks from the other.
    if b.date.month.is_none() && b.date.day.is_some() {
        b.date.month = a.date.month;
    }
    if b.date.year.is_none() && b.date.month.is_some() {
        b.date.year = a.date.year;
    }
    if a.date.month.is_none() && a.date.day.is_some() {
        a.date.month = b.date.month;
    }
    if a.date.year.is_none() && a.date.month.is_some() {
        if let Some(by) = b.date.year {
            // "December 28 - January 3, 2016" starts in the year before.
            let wraps = a.date.month > b.date.month;
            a.date.year = Some(if wraps { by - 1 } else { by });
        }
    }
    for side in [&a, &b] {
        if let (Some(m), Some(d)) = (side.date.month, side.date.day) {
            if d > lexicon::days_in_month(side.date.year, m) {
                return None;
            }
        }
    }
    let key = |d: &PartialDate| (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0));
    if a.date.year.is_some() == b.date.year.is_some() && key(&a.date) > key(&b.date) && a.date.year.is_some() {
        return None;
    }
    Some((TimeValue::Range(a, b), e))
}

/// "since March 2011", "since 2015", "since the start of the cessation".
fn since_at(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    let mut j = i;
    if t.is(j, &["ever"]) {
        j += 1;
    }
    if !t.is(j, &["since", "depuis", "desde", "seit"]) {
        return None;
    }
    j += 1;
    if let Some((TimeValue::Date(d), e)) = modified_at(t, j).or_else(|| date_rule(t, j)) {
        return Some((TimeValue::Since(Some(d)), e));
    }
    if let Some(y) = year_at(t, j) {
        return Some((TimeValue::Since(Some(DateSpec::new(Some(y), None, None))), j + 1));
    }
    let k = if t.is(j, &["the"]) { j + 1 } else { j };
    if t.is(k, &["start", "beginning", "outbreak", "onset", "launch", "signing", "announcement"])
        && t.is(k + 1, &["of"])
    {
        return Some((TimeValue::Since(None), k + 2));
    }
    None
}

/// Dates narrowed by a modifier: "Early on May 5", "late 2015", "mid-May",
/// "the end of October", "on the morning of May 6", "late on Friday".
fn modified_at(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    let (part, j) = match t.word(i)? {
        "early" | "début" => (Part::Early, i + 1),
        "late" | "fin" => (Part::Late, i + 1),
        "mid" | "mi" => (Part::Mid, if t.is_punct(i + 1, DASHES) { i + 2 } else { i + 1 }),
        w @ ("the" | "end" | "beginning" | "start" | "middle") => {
            let k = if w == "the" { i + 1 } else { i };
            let part = match t.word(k)? {
                "end" => Part::Late,
                "beginning" | "start" => Part::Early,
                "middle" => Part::Mid,
                "morning" => Part::Morning,
                "afternoon" => Part::Afternoon,
                "evening" => Part::Evening,
                "night" => Part::Night,
                _ => return None,
            };
            if !t.is(k + 1, &["of"]) {
                return None;
            }
            (part, k + 2)
        }
        _ => return None,
    };
    let k = if matches!(part, Part::Early | Part::Late) && t.is(j, &["on", "in"]) { j + 1 } else { j };
    if let Some((mut d, e)) = date_at(t, k).or_else(|| {
        // A bare month after a modifier is always a date ("early May").
        month_at(t, k).map(|(m, e)| (DateSpec::new(None, Some(m), None), e))
    }) {
        d.part = Some(part);
        return Some((TimeValue::Date(d), e));
    }
    if let Some(y) = year_at(t, k) {
        let mut d = DateSpec::new(Some(y), None, None);
        d.part = Some(part);
        return Some((TimeValue::Date(d), k + 1));
    }
    if let Some((TimeValue::Weekday { day, offset, .. }, e)) = weekday_at(t, k) {
        return Some((TimeValue::Weekday { day, offset, part: Some(part) }, e));
    }
    None
}

fn day_part(w: &str) -> Option<Part> {
    match w {
        "morning" | "matin" => Some(Part::Morning),
        "afternoon" => Some(Part::Afternoon),
        "evening" | "soir" => Some(Part::Evening),
        "night" | "nuit" => Some(Part::Night),
        _ => None,
    }
}

/// A unit or a part of a day standing for a day ("the next morning").
fn unit_or_part(t: &Tokens, i: usize) -> Option<(Unit, bool, Option<Part>)> {
    let w = t.word(i)?;
    if let Some(p) = day_part(w) {
        return Some((Unit::Day, false, Some(p)));
    }
    lexicon::unit_of(w).map(|(u, plural)| (u, plural, None))
}

/// "two", "10", "two and a half", "a couple of", "a few", "about 10",
/// "twenty-four", "half a".
fn quantity_at(t: &Tokens, i: usize) -> Option<(Quantity, usize)> {
    let mut j = i;
    let mut approx = false;
    loop {
        if t.is(j, &["about", "around", "nearly", "almost", "roughly", "approximately", "some", "over", "environ"])
            && !t.is(j + 1, &["the"])
        {
            approx = true;
            j += 1;
        } else if t.is(j, &["more", "less", "fewer"]) && t.is(j + 1, &["than"])
            || t.is(j, &["at"]) && t.is(j + 1, &["least", "most"])
            || t.is(j, &["up"]) && t.is(j + 1, &["to"])
        {
            approx = true;
            j += 2;
        } else if t.is(j, &["just", "only", "barely"]) {
            j += 1;
        } else {
            break;
        }
    }
    let mut q = if let Some((v, digits)) = t.num(j) {
        if digits > 3 || t.touches(j) && t.is_punct(j + 1, &[',', '.']) && t.num(j + 2).is_some() {
            return None;
        }
        j += 1;
        Quantity { whole: v as u16, half: false, approx }
    } else if let Some(n) = t.word(j).and_then(lexicon::number_of) {
        j += 1;
        let mut v = n;
        // "twenty-four".
        if n >= 20 && n % 10 == 0 && t.is_punct(j, &['-']) {
            if let Some(m) = t.word(j + 1).and_then(lexicon::number_of).filter(|m| *m < 10) {
                v += m;
                j += 2;
            }
        }
        Quantity { whole: v, half: false, approx }
    } else if t.is(j, &["a", "an"]) {
        match t.word(j + 1) {
            Some("few") => {
                j += 2;
                Quantity::FEW
            }
            Some("couple") if t.is(j + 2, &["of"]) => {
                j += 3;
                Quantity { whole: 2, half: false, approx: true }
            }
            Some("dozen") => {
                j += 2;
                Quantity { whole: 12, half: false, approx: true }
            }
            _ => {
                j += 1;
                Quantity { whole: 1, half: false, approx }
            }
        }
    } else if t.is(j, &["few", "several"]) {
        j += 1;
        Quantity::FEW
    } else if t.is(j, &["couple"]) && t.is(j + 1, &["of"]) {
        j += 2;
        Quantity { whole: 2, half: false, approx: true }
    } else if t.is(j, &["half"]) && t.is(j + 1, &["a", "an"]) {
        j += 2;
        Quantity { whole: 0, half: true, approx }
    } else if approx && t.word(j - 1) == Some("some") {
        // "some days later": "some" is the quantity itself.
        Quantity::FEW
    } else {
        return None;
    };
    if t.is(j, &["and"]) && t.is(j + 1, &["a"]) && t.is(j + 2, &["half"]) {
        q.half = true;
        j += 3;
    }
    q.approx |= approx;
    Some((q, j))
}

fn shift(count: Quantity, unit: Unit, sign: i8, anchor: Anchor, calendar: bool, part: Option<Part>) -> TimeValue {
    TimeValue::Shift { count, unit, sign, anchor, calendar, part }
}

/// Relative expressions: deictic ("yesterday", "last week", "two days ago"),
/// narrative ("the next day", "that day's", "Thirteen hours later", "the day
/// before", "later that day", "earlier in the year"), periods ("the last few
/// weeks", "the next few months", "the two and a half months that have
/// passed") and durations ("in the span of one month").
fn relative_at(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    use Anchor::{Narrative, Speech};
    let w = t.word(i)?;
    let one = Quantity::ONE;
    let zero = Quantity::ZERO;
    let part_after = |k: usize| t.word(k).and_then(day_part);
    match w {
        "yesterday" | "hier" => {
            let p = part_after(i + 1);
            return Some((shift(one, Unit::Day, -1, Speech, true, p), i + 1 + p.is_some() as usize));
        }
        "today" | "tonight" | "aujourd" => {
            let e = if w == "aujourd" {
                if t.is_punct(i + 1, &['\'', '\u{2019}']) && t.is(i + 2, &["hui"]) {
                    i + 3
                } else {
                    return None;
                }
            } else {
                i + 1
            };
            let p = (w == "tonight").then_some(Part::Night);
            return Some((shift(zero, Unit::Day, 0, Speech, true, p), e));
        }
        "overnight" => return Some((shift(zero, Unit::Day, 0, Anchor::Local, true, None), i + 1)),
        "tomorrow" | "demain" => {
            let p = part_after(i + 1);
            return Some((shift(one, Unit::Day, 1, Speech, true, p), i + 1 + p.is_some() as usize));
        }
        "recently" | "lately" | "récemment" => {
            return Some((
                TimeValue::Period { count: Quantity::FEW, unit: Unit::Week, sign: -1, anchor: Speech },
                i + 1,
            ));
        }
        "le" if t.is(i + 1, &["lendemain"]) => return Some((shift(one, Unit::Day, 1, Narrative, true, None), i + 2)),
        "la" if t.is(i + 1, &["veille"]) => return Some((shift(one, Unit::Day, -1, Narrative, true, None), i + 2)),
        "il" if t.is(i + 1, &["y"]) && t.is(i + 2, &["a"]) => {
            let (q, k) = quantity_at(t, i + 3)?;
            let (u, _, _) = unit_or_part(t, k)?;
            return Some((shift(q, u, -1, Speech, false, None), k + 1));
        }
        "last" | "this" | "next" if !t.prev_is(i, &["the"]) => {
            if w == "last" && t.is(i + 1, &["night"]) {
                return Some((shift(one, Unit::Day, -1, Speech, true, Some(Part::Night)), i + 2));
            }
            let sign = match w {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            if let Some((u, false, p)) = unit_or_part(t, i + 1) {
                if p.is_some() && sign != 0 {
                    // "next morning" reads as narrative: the morning after.
                    return Some((shift(one, Unit::Day, sign, Narrative, true, p), i + 2));
                }
                if u == Unit::Day && sign != 0 {
                    return Some((shift(one, Unit::Day, sign, Narrative, true, None), i + 2));
                }
                let count = if sign == 0 { zero } else { one };
                return Some((shift(count, u, sign, Speech, true, p), i + 2));
            }
        }
        "earlier" | "later" => {
            let part = if w == "earlier" { Part::Earlier } else { Part::Later };
            // "later that day", "earlier this year", "later in the month".
            let (anchor, k) = match t.word(i + 1) {
                Some("that") => (Narrative, i + 2),
                Some("this") => (Speech, i + 2),
                Some("in" | "on") if t.is(i + 2, &["the"]) => (Narrative, i + 3),
                _ => return None,
            };
            let (u, false, p) = unit_or_part(t, k)? else {
                return None;
            };
            let part = if p.is_some() && w == "later" { p } else { Some(part) };
            return Some((shift(zero, u, 0, anchor, true, part), k + 1));
        }
        "that" | "same" => {
            let k = if t.is(i + 1, &["same"]) { i + 2 } else { i + 1 };
            let (u, false, p) = unit_or_part(t, k)? else {
                return None;
            };
            let start_ok = w == "that" || t.prev_is(i, &["the"]);
            if !start_ok {
                return None;
            }
            let e = t.possessive(k + 1).unwrap_or(k + 1);
            return Some((shift(zero, u, 0, Narrative, true, p), e));
        }
        "the" => {
            if let Some(found) = the_relative(t, i) {
                return Some(found);
            }
        }
        "recent" => {
            let (u, true, _) = unit_or_part(t, i + 1)? else {
                return None;
            };
            return Some((TimeValue::Period { count: Quantity::FEW, unit: u, sign: -1, anchor: Speech }, i + 2));
        }
        "in" if t.is(i + 1, &["the"]) && t.is(i + 2, &["span", "space", "course"]) && t.is(i + 3, &["of"]) => {
            let (q, k) = quantity_at(t, i + 4)?;
            let (u, _, _) = unit_or_part(t, k)?;
            return Some((TimeValue::Duration { count: q, unit: u }, k + 1));
        }
        _ => {}
    }
    // Quantity + unit + direction: "two days ago", "Thirteen hours later",
    // "a couple of days ago", "About 10 days ago", or a bare duration.
    if let Some((q, k)) = quantity_at(t, i) {
        let (u, _, _) = unit_or_part(t, k)?;
        return Some(counted(t, q, u, k + 1).unwrap_or((TimeValue::Duration { count: q, unit: u }, k + 1)));
    }
    // A plural unit alone: "days later", "weeks ago".
    if let Some((u, true, None)) = unit_or_part(t, i) {
        return counted(t, Quantity::FEW, u, i + 1);
    }
    None
}

/// The direction word after a counted unit.
fn counted(t: &Tokens, q: Quantity, u: Unit, k: usize) -> Option<(TimeValue, usize)> {
    use Anchor::{Narrative, Speech};
    match t.word(k)? {
        "ago" => Some((shift(q, u, -1, Speech, false, None), k + 1)),
        "later" | "afterwards" | "afterward" => Some((shift(q, u, 1, Narrative, false, None), k + 1)),
        "after" => Some((shift(q, u, 1, Narrative, false, None), k + 1)),
        "earlier" | "before" | "prior" | "previously" => Some((shift(q, u, -1, Narrative, false, None), k + 1)),
        _ => None,
    }
}

/// Relative expressions that open with "the".
fn the_relative(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    use Anchor::{Narrative, Speech};
    let one = Quantity::ONE;
    let w = t.word(i + 1)?;
    match w {
        "day" if t.is(i + 2, &["before", "after"]) && t.is(i + 3, &["yesterday", "tomorrow"]) => {
            let sign = if t.is(i + 3, &["yesterday"]) { -1 } else { 1 };
            let two = Quantity { whole: 2, half: false, approx: false };
            return Some((shift(two, Unit::Day, sign, Speech, true, None), i + 4));
        }
        "next" | "following" | "subsequent" | "previous" | "preceding" | "prior" | "last" | "past" | "coming" => {
            let sign = if matches!(w, "next" | "following" | "subsequent" | "coming") { 1 } else { -1 };
            let anchor = if matches!(w, "last" | "past" | "coming") { Speech } else { Narrative };
            // "the next day", "the previous week", "the following morning".
            if let Some((u, false, p)) = unit_or_part(t, i + 2) {
                if matches!(w, "last" | "past") {
                    // "the past week": the stretch back to now.
                    return Some((TimeValue::Period { count: one, unit: u, sign, anchor }, i + 3));
                }
                return Some((shift(one, u, sign, anchor, true, p), i + 3));
            }
            // "the next few months", "the last few weeks", "the past two days".
            let (q, k) = quantity_at(t, i + 2).unwrap_or((Quantity::FEW, i + 2));
            let (u, _, None) = unit_or_part(t, k)? else {
                return None;
            };
            return Some((TimeValue::Period { count: q, unit: u, sign, anchor }, k + 1));
        }
        "same" => {
            let (u, false, p) = unit_or_part(t, i + 2)? else {
                return None;
            };
            let e = t.possessive(i + 3).unwrap_or(i + 3);
            return Some((shift(Quantity::ZERO, u, 0, Narrative, true, p), e));
        }
        _ => {}
    }
    // "the day before", "the night before", "the week after".
    if let Some((u, false, p)) = unit_or_part(t, i + 1) {
        let sign = match t.word(i + 2) {
            Some("before" | "earlier" | "prior") => -1,
            Some("after" | "later") => 1,
            _ => return None,
        };
        return Some((shift(one, u, sign, Narrative, true, p), i + 3));
    }
    // "the two and a half months that have passed".
    let (q, k) = quantity_at(t, i + 1)?;
    let (u, _, None) = unit_or_part(t, k)? else {
        return None;
    };
    if t.is(k + 1, &["that", "which"])
        && t.is(k + 2, &["have", "has", "had"])
        && t.is(k + 3, &["passed", "elapsed", "gone"])
    {
        return Some((TimeValue::Period { count: q, unit: u, sign: -1, anchor: Speech }, k + 4));
    }
    if t.is(k + 1, &["since"]) {
        return Some((TimeValue::Period { count: q, unit: u, sign: -1, anchor: Speech }, k + 1));
    }
    None
}

/// "on Tuesday", "last Tuesday", "next Friday", "Tuesday night", "Monday's".
fn weekday_at(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    let (offset, j) = match t.word(i)? {
        "last" => (-1, i + 1),
        "next" => (1, i + 1),
        "this" => (0, i + 1),
        _ => (0, i),
    };
    let day = t.word(j).and_then(lexicon::weekday_of)?;
    // Abbreviations alone are too often other words ("Sun", "Wed").
    if t.word(j).is_some_and(|w| w.len() < 5) {
        return None;
    }
    let mut e = j + 1;
    let part = t.word(e).and_then(day_part);
    if part.is_some() {
        e += 1;
    }
    let e = t.possessive(e).unwrap_or(e);
    Some((TimeValue::Weekday { day, offset, part }, e))
}

/// "the 5th", "on the 21st" when nothing makes the ordinal a unit number
/// ("the 5th Corps").
fn ordinal_day_at(t: &Tokens, i: usize) -> Option<(TimeValue, usize)> {
    if !t.is(i, &["the"]) {
        return None;
    }
    if date_at(t, i + 1).is_some() {
        // "the 3rd of May": the date rule reads it from the number on.
        return None;
    }
    let (v, 1..=2) = t.num(i + 1)? else {
        return None;
    };
    if !(1..=31).contains(&v) || !t.touches(i + 1) || !t.is(i + 2, &["st", "nd", "rd", "th"]) {
        return None;
    }
    let e = i + 3;
    let introduced = t.prev_is(i, &["on", "by", "until", "till", "since", "from"]);
    let closed = e >= t.len() || t.is_punct(e, &['.', ',', ';', ':', ')', '!', '?']);
    let next_lower =
        t.word(e).is_some() && !t.is_capitalised(e) && !t.is(e, &["century", "anniversary", "time", "round", "floor"]);
    (closed || introduced && next_lower).then_some((TimeValue::Date(DateSpec::new(None, None, Some(v as u8))), e))
}

/// Joins a clock time to its date and a relative expression to a date in
/// apposition.
fn merge(t: &Tokens, found: Vec<(TimeExpr, usize, usize)>) -> Vec<(TimeExpr, usize, usize)> {
    let mut out: Vec<(TimeExpr, usize, usize)> = Vec::with_capacity(found.len());
    for cur in found {
        if let Some(prev) = out.last_mut() {
            let gap = t.text.get(prev.0.span.end..cur.0.span.start).unwrap_or("");
            if let Some(merged) = join(&prev.0, &cur.0, gap) {
                prev.0 = merged;
                prev.2 = cur.2;
                continue;
            }
        }
        out.push(cur);
    }
    out
}

fn join(a: &TimeExpr, b: &TimeExpr, gap: &str) -> Option<TimeExpr> {
    let span = Span::new(a.span.start, b.span.end);
    let g = gap.trim();
    let clean = gap.len() <= 40 && !gap.contains(['.', ';', '!', '?', '\n', '"', '\u{201c}', '\u{201d}']);
    match (&a.value, &b.value) {
        // "7:00 am Damascus time on the morning of May 6".
        (TimeValue::TimeOfDay(c), TimeValue::Date(d)) if clean && d.date.day.is_some() && d.time.is_none() => {
            let mut d = *d;
            d.time = Some(*c);
            Some(TimeExpr { span, value: TimeValue::Date(d), ..*b })
        }
        // "May 6 at 7:00".
        (TimeValue::Date(d), TimeValue::TimeOfDay(c))
            if d.date.day.is_some() && d.time.is_none() && matches!(g, "" | "," | "at" | "around" | "about" | "by") =>
        {
            let mut d = *d;
            d.time = Some(*c);
            Some(TimeExpr { span, value: TimeValue::Date(d), ..*a })
        }
        // "On the next day, May 3".
        (TimeValue::Shift { count, unit: Unit::Day, sign, anchor, calendar: true, .. }, TimeValue::Date(d))
            if matches!(g, "," | "(" | "\u{2013}" | "\u{2014}" | "-") && d.date.day.is_some() && !count.approx =>
        {
            let days = i32::from(*sign) * i32::from(count.whole);
            Some(TimeExpr { span, apposition: Some(AppositionShift { days, anchor: *anchor }), ..*b })
        }
        _ => None,
    }
}

/// True when the clause around token `first` speaks of the future.
fn future_cue(t: &Tokens, first: usize) -> bool {
    const CUES: &[&str] = &[
        "will",
        "shall",
        "ll",
        "scheduled",
        "planned",
        "plans",
        "plan",
        "upcoming",
        "expected",
        "due",
        "intends",
        "tomorrow",
    ];
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 8 {
        k -= 1;
        steps += 1;
        if t.is_punct(k, &['.', ';', ':', '!', '?', '"', '\u{201c}', '\u{201d}']) {
            break;
        }
        if t.is(k, CUES) {
            return true;
        }
    }
    false
}
