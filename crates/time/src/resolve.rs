//! Placing time expressions on the calendar against the document date and the
//! running date of the narrative.
//!
//! The rules, in the order a reader applies them:
//! - An absolute date stands as written. A day and month without a year take
//!   the year of the running date (the candidate year closest to it, so
//!   "January 3" after "December 28, 2015" is 2016); with no running date,
//!   the most recent year that does not put the date after the document date
//!   (news reports past events), or the first year on or after it when the
//!   clause speaks of the future. With neither, the year stays unknown.
//! - Narrative expressions ("the next day", "that day's", "Thirteen hours
//!   later") count from the running date; deictic ones ("yesterday", "two days
//!   ago", "last week") from the moment of speaking: the date of the quote
//!   when the expression is inside one (see [`TimeContext::speech_date`]),
//!   else the document date.
//! - The running date moves to each new absolute date and to each forward or
//!   deictic relative one. Backward narrative steps ("the day before", "two
//!   days earlier") are flashbacks and leave it where it was. A coarser date
//!   that contains the running date ("in 2016" while on May 6, 2016) leaves
//!   it too, so the narrative does not lose precision.
//! - A weekday named with a date is checked against the calendar; a mismatch
//!   becomes a diagnostic, never a silent correction.

use crate::expr::{Anchor, Clock, DateSpec, Part, Quantity, TimeExpr, TimeValue};
use crate::lexicon::{days_in_month, Unit, Weekday};
use jiff::civil;
use jiff::ToSpan;
use sitrep_model::{DatePrecision, DateRange, PartialDate, Span};

/// The running date of a narrative, with the clock time when the text gave one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Running {
    pub date: PartialDate,
    pub time: Option<Clock>,
}

/// What relative expressions are resolved against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimeContext {
    /// The publication date of the document.
    pub doc_date: Option<PartialDate>,
    /// The last date the narrative mentioned.
    pub running: Option<Running>,
    /// The date the words were spoken when resolving inside a quote or a
    /// transcript turn; deictic expressions ("yesterday", "About 10 days ago")
    /// count from it instead of the document date.
    pub speech_date: Option<PartialDate>,
    /// Whether the running date was set in the paragraph being read (the
    /// timeline says so; a bare context assumes it was). Only such a
    /// narrative frame counts weekdays from its own date.
    pub running_here: bool,
}

/// A time expression placed on the calendar: the interval `[start, end]`
/// (inclusive, each as precise as known) and how precisely the text pins it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub start: PartialDate,
    pub end: PartialDate,
    pub precision: DatePrecision,
    /// Clock time of `start` when `precision` is `Hour`.
    pub time: Option<Clock>,
    /// The expression this came from; `None` when the date was carried over
    /// from earlier sentences.
    pub source: Option<Span>,
    /// Weekday mismatches, missing anchors, inconsistent appositions.
    pub diagnostics: Vec<String>,
}

const UNKNOWN: PartialDate = PartialDate { year: None, month: None, day: None };

impl Resolved {
    fn unknown(diagnostic: impl Into<String>) -> Resolved {
        Resolved {
            start: UNKNOWN,
            end: UNKNOWN,
            precision: DatePrecision::Year,
            time: None,
            source: None,
            diagnostics: vec![diagnostic.into()],
        }
    }

    fn point(d: PartialDate, time: Option<Clock>) -> Resolved {
        let precision = if time.is_some() && d.day.is_some() { DatePrecision::Hour } else { d.precision() };
        Resolved {
            start: d,
            end: d,
            precision,
            time: time.filter(|_| d.day.is_some()),
            source: None,
            diagnostics: Vec::new(),
        }
    }

    /// A date carried over from earlier sentences rather than read here.
    pub(crate) fn carried(d: PartialDate) -> Resolved {
        Resolved::point(d, None)
    }

    fn interval(start: PartialDate, end: PartialDate, precision: DatePrecision) -> Resolved {
        Resolved { start, end, precision, time: None, source: None, diagnostics: Vec::new() }
    }

    /// True when the expression could be placed on the calendar at all (a
    /// month and day without a year count; a bare duration does not).
    pub fn is_known(&self) -> bool {
        self.start != UNKNOWN
    }

    /// The same date at a coarser precision: carried dates lose detail with
    /// distance.
    pub fn coarsened(&self, precision: DatePrecision) -> Resolved {
        let cut = |d: PartialDate| match precision {
            DatePrecision::Hour | DatePrecision::Day => d,
            DatePrecision::Month => PartialDate { day: None, ..d },
            DatePrecision::Year => PartialDate { month: None, day: None, ..d },
        };
        let finer = rank(precision) < rank(self.precision);
        let precision = if finer { self.precision } else { precision };
        let mut r = Resolved { start: cut(self.start), end: cut(self.end), precision, ..self.clone() };
        if precision != DatePrecision::Hour {
            r.time = None;
        }
        if r.start.year.is_none() && r.start.month.is_none() {
            return Resolved { start: UNKNOWN, end: UNKNOWN, ..r };
        }
        r
    }
}

fn rank(p: DatePrecision) -> u8 {
    match p {
        DatePrecision::Hour => 0,
        DatePrecision::Day => 1,
        DatePrecision::Month => 2,
        DatePrecision::Year => 3,
    }
}

/// The exchange form of a resolved date: ISO strings (`2016-05-06`,
/// `2016-05`, `2016`, `2016-05-06T07:00` at hour precision, `--05-03` when
/// the year is unknown). An unknown date gives empty strings; check
/// [`Resolved::is_known`] or use [`try_range`].
pub fn to_range(resolved: &Resolved) -> DateRange {
    let fmt = |d: PartialDate, with_time: bool| {
        let mut s = d.to_string();
        if let (true, Some(c), Some(_)) = (with_time, resolved.time, d.day) {
            s.push_str(&format!("T{:02}:{:02}", c.hour, c.minute));
        }
        s
    };
    let hourly = resolved.precision == DatePrecision::Hour;
    DateRange {
        start: fmt(resolved.start, hourly),
        end: fmt(resolved.end, hourly && resolved.end == resolved.start),
        precision: resolved.precision,
    }
}

/// [`to_range`], or `None` when the date is unknown.
pub fn try_range(resolved: &Resolved) -> Option<DateRange> {
    resolved.is_known().then(|| to_range(resolved))
}

fn civil_of(d: PartialDate) -> Option<civil::Date> {
    civil::Date::new(d.year?, d.month? as i8, d.day? as i8).ok()
}

fn partial_of(d: civil::Date) -> PartialDate {
    PartialDate::ymd(d.year(), d.month() as u8, d.day() as u8)
}

fn add_days(d: PartialDate, n: i64) -> Option<PartialDate> {
    civil_of(d)?.checked_add(n.days()).ok().map(partial_of)
}

fn add_months(year: i16, month: u8, n: i32) -> (i16, u8) {
    let total = i32::from(year) * 12 + i32::from(month) - 1 + n;
    ((total.div_euclid(12)) as i16, (total.rem_euclid(12) + 1) as u8)
}

/// An ordering key for comparing partial dates; missing parts count as the
/// middle of their range unless `fill_end` asks for the latest possible.
fn pos(y: i16, m: Option<u8>, d: Option<u8>, fill_end: bool) -> i32 {
    let (dm, dd) = if fill_end { (12, 31) } else { (6, 15) };
    i32::from(y) * 372 + i32::from(m.unwrap_or(dm)) * 31 + i32::from(d.unwrap_or(dd))
}

fn weekday_of(d: civil::Date) -> Weekday {
    Weekday::from_index(d.weekday().to_monday_zero_offset() as u8)
}

impl TimeContext {
    pub fn new(doc_date: Option<PartialDate>) -> TimeContext {
        TimeContext { doc_date, running: None, speech_date: None, running_here: true }
    }

    /// Resolves `expr` and moves the running date as the narrative proceeds.
    /// Never fails: an expression that cannot be placed comes back with
    /// [`Resolved::is_known`] false and a diagnostic saying why.
    pub fn resolve(&mut self, expr: &TimeExpr) -> Resolved {
        // A date the clause looks forward to ("the Secretary will travel to Munich on Friday")
        // is not where the narrative stands: it does not move the running date.
        let before = self.running;
        let mut r = self.resolve_value(expr);
        if expr.future {
            self.running = before;
        }
        r.source = Some(expr.span);
        r
    }

    /// Resolves `expr` with deictic expressions counted from `anchor` (the
    /// date of a quote, say) instead of the document date.
    pub fn resolve_with_anchor(&mut self, expr: &TimeExpr, anchor: Option<PartialDate>) -> Resolved {
        let saved = std::mem::replace(&mut self.speech_date, anchor);
        let r = self.resolve(expr);
        self.speech_date = saved;
        r
    }

    fn speech_anchor(&self) -> Option<PartialDate> {
        self.speech_date.or(self.doc_date)
    }

    fn anchor(&self, anchor: Anchor, diags: &mut Vec<String>) -> Option<Running> {
        let speech = self.speech_anchor().map(|date| Running { date, time: None });
        match anchor {
            Anchor::Speech => speech,
            Anchor::Local if self.running_here && self.running.is_some() => self.running,
            Anchor::Local => speech,
            Anchor::Narrative => self.running.or_else(|| {
                if speech.is_some() {
                    diags.push("no running date: counted from the document date".into());
                }
                speech
            }),
        }
    }

    fn set_running(&mut self, d: PartialDate, time: Option<Clock>) {
        if d == UNKNOWN {
            return;
        }
        if let Some(r) = self.running {
            let contains = d.year.is_none_or(|y| r.date.year == Some(y))
                && d.month.is_none_or(|m| r.date.month == Some(m))
                && d.day.is_none_or(|dd| r.date.day == Some(dd));
            let coarser = rank(d.precision()) > rank(r.date.precision())
                || (d.precision() == r.date.precision() && time.is_none());
            if contains && coarser {
                return;
            }
        }
        self.running = Some(Running { date: d, time: time.filter(|_| d.day.is_some()) });
    }

    /// The year for a month (and day) written without one.
    ///
    /// The running date's year (or the neighbouring one closest to it) wins
    /// while the narrative moves forward or stays near; a yearless date that
    /// would jump more than about six weeks back from the running date reads
    /// instead as a return to the present (the most recent such date not after
    /// the document date), since narratives move forward and a real flashback
    /// usually names its year.
    fn infer_year(&self, month: u8, day: Option<u8>, future: bool) -> Option<i16> {
        let doc_pos = self.doc_date.and_then(|d| d.year.map(|y| pos(y, d.month, d.day, true)));
        // A month without a day is not after the document date if it began by then.
        let first = day.or(Some(1));
        let from_doc = self.doc_date.and_then(|d| {
            let dy = d.year?;
            let here = pos(dy, Some(month), first, false);
            Some(if future {
                if here < pos(dy, d.month, d.day, false) {
                    dy + 1
                } else {
                    dy
                }
            } else if here > doc_pos? {
                dy - 1
            } else {
                dy
            })
        });
        let Some(r) = self.running.filter(|r| r.date.year.is_some()) else {
            return from_doc;
        };
        let ry = r.date.year?;
        if r.date.month.is_none() {
            return Some(ry);
        }
        let here = pos(ry, r.date.month, r.date.day, false);
        let mut y = [ry - 1, ry, ry + 1]
            .into_iter()
            .min_by_key(|c| (pos(*c, Some(month), day, false) - here).abs())
            .unwrap_or(ry);
        if let Some(doc) = doc_pos {
            while !future && pos(y, Some(month), first, false) > doc && y > ry - 2 {
                y -= 1;
            }
        }
        if pos(y, Some(month), day, false) < here - 45 {
            if let Some(dy) = from_doc.filter(|dy| pos(*dy, Some(month), day, false) > here) {
                return Some(dy);
            }
        }
        Some(y)
    }

    /// Fills what a written date leaves out and checks its weekday.
    fn complete(&self, spec: &DateSpec, future: bool, diags: &mut Vec<String>) -> Option<PartialDate> {
        let mut d = spec.date;
        if d.month.is_none() && d.day.is_some() {
            // "the 5th": the month of the running date, else of the document.
            let base = self.running.map(|r| r.date).or(self.speech_anchor());
            match base {
                Some(b) if b.month.is_some() => {
                    d.month = b.month;
                    d.year = b.year;
                }
                _ => {
                    diags.push("a day of the month with no month in reach".into());
                    return None;
                }
            }
        }
        if d.year.is_none() {
            if let Some(m) = d.month {
                d.year = self.infer_year(m, d.day, future);
            }
        }
        if let (Some(m), Some(day)) = (d.month, d.day) {
            if day > days_in_month(d.year, m) {
                diags.push(format!("{d} is not a calendar date"));
                return None;
            }
        }
        if let (Some(w), Some(c)) = (spec.weekday, civil_of(d)) {
            let actual = weekday_of(c);
            if actual != w {
                diags.push(format!("weekday mismatch: the text says {} but {d} is a {}", w.name(), actual.name()));
            }
        }
        Some(d)
    }

    fn resolve_value(&mut self, expr: &TimeExpr) -> Resolved {
        let mut diags = Vec::new();
        let mut r = match expr.value {
            TimeValue::Date(spec) => self.date(&spec, expr, &mut diags),
            TimeValue::Range(a, b) => self.range(&a, &b, expr.future, &mut diags),
            TimeValue::Weekday { day, offset, part: _ } => self.weekday(day, offset, expr.future, &mut diags),
            TimeValue::Shift { count, unit, sign, anchor, calendar, part } => {
                self.shift(count, unit, sign, anchor, calendar, part, expr.future, &mut diags)
            }
            TimeValue::Period { count, unit, sign, anchor } => self.period(count, unit, sign, anchor, &mut diags),
            TimeValue::Duration { .. } => Resolved::unknown("a duration has no place on the calendar"),
            TimeValue::Since(Some(spec)) => match self.complete(&spec, false, &mut diags) {
                Some(d) => {
                    let end = self.speech_anchor().unwrap_or(d);
                    Resolved::interval(d, end, d.precision())
                }
                None => Resolved::unknown("since an incomplete date"),
            },
            TimeValue::Since(None) => Resolved::unknown("since an event, not a date"),
            TimeValue::TimeOfDay(c) => match self.anchor(Anchor::Narrative, &mut diags) {
                Some(base) if base.date.day.is_some() => {
                    self.running = Some(Running { date: base.date, time: Some(c) });
                    Resolved::point(base.date, Some(c))
                }
                _ => Resolved::unknown("a clock time with no day in reach"),
            },
        };
        r.diagnostics.extend(diags);
        r
    }

    fn date(&mut self, spec: &DateSpec, expr: &TimeExpr, diags: &mut Vec<String>) -> Resolved {
        // What "the next day" in apposition predicts, before the running date moves.
        let predicted = expr.apposition.and_then(|a| {
            let base = self.anchor(a.anchor, &mut Vec::new())?;
            add_days(base.date, i64::from(a.days))
        });
        let Some(d) = self.complete(spec, expr.future, diags) else {
            return Resolved::unknown("incomplete date");
        };
        if let (Some(p), Some(_)) = (predicted, civil_of(d)) {
            if p != d {
                diags.push(format!("the relative expression gives {p} but the date says {d}"));
            }
        }
        let r = narrow(d, spec.part).unwrap_or_else(|| Resolved::point(d, spec.time));
        self.set_running(d, spec.time);
        r
    }

    fn range(&mut self, a: &DateSpec, b: &DateSpec, future: bool, diags: &mut Vec<String>) -> Resolved {
        let Some(start) = self.complete(a, future, diags) else {
            return Resolved::unknown("incomplete range start");
        };
        let mut b = *b;
        if b.date.year.is_none() && b.date.month.is_some() {
            if let (Some(y), Some(am), Some(bm)) = (start.year, start.month, b.date.month) {
                b.date.year = Some(if bm < am { y + 1 } else { y });
            }
        }
        let Some(end) = self.complete(&b, future, diags) else {
            return Resolved::unknown("incomplete range end");
        };
        let p = if rank(start.precision()) >= rank(end.precision()) { start.precision() } else { end.precision() };
        self.set_running(end, None);
        Resolved::interval(start, end, p)
    }

    fn weekday(&mut self, day: Weekday, offset: i8, future: bool, diags: &mut Vec<String>) -> Resolved {
        let speech = self.speech_anchor().and_then(civil_of);
        let running = self.running.and_then(|r| civil_of(r.date));
        // News names weekdays relative to the day of writing; a narrative that
        // has moved well away from it names them relative to its own date, in
        // the paragraph that set it (after a background paragraph on 27 October,
        // "said on Wednesday" is the Wednesday before publication).
        let base = match (speech, running) {
            (Some(s), Some(r)) if self.running_here && s.since(r).map_or(true, |gap| gap.get_days().abs() > 7) => r,
            (Some(s), _) => s,
            (None, Some(r)) => r,
            (None, None) => return Resolved::unknown("a weekday with no date in reach"),
        };
        let bw = i64::from(weekday_of(base).index());
        let want = i64::from(day.index());
        let delta = match offset {
            -1 => -((bw - want - 1).rem_euclid(7) + 1),
            1 => (want - bw - 1).rem_euclid(7) + 1,
            _ if future => (want - bw).rem_euclid(7),
            _ => -((bw - want).rem_euclid(7)),
        };
        let Some(d) = add_days(partial_of(base), delta) else {
            diags.push("weekday out of calendar range".into());
            return Resolved::unknown("weekday out of calendar range");
        };
        self.set_running(d, None);
        Resolved::point(d, None)
    }

    #[allow(clippy::too_many_arguments)]
    fn shift(
        &mut self,
        count: Quantity,
        unit: Unit,
        sign: i8,
        anchor: Anchor,
        calendar: bool,
        part: Option<Part>,
        future: bool,
        diags: &mut Vec<String>,
    ) -> Resolved {
        let Some(base) = self.anchor(anchor, diags) else {
            return Resolved::unknown("a relative date with no date to count from");
        };
        let n = i64::from(sign) * i64::from(count.whole);
        let b = base.date;
        let r = match unit {
            Unit::Minute | Unit::Hour => {
                let minutes =
                    if unit == Unit::Hour { n * 60 + i64::from(sign) * 30 * i64::from(count.half) } else { n };
                match (civil_of(b), base.time) {
                    (Some(d), Some(c)) => {
                        let dt = d.at(c.hour as i8, c.minute as i8, 0, 0);
                        match dt.checked_add(minutes.minutes()) {
                            Ok(x) => {
                                let clock = Clock { hour: x.hour() as u8, minute: x.minute() as u8 };
                                Resolved::point(partial_of(x.date()), Some(clock))
                            }
                            Err(_) => return Resolved::unknown("date out of range"),
                        }
                    }
                    (Some(_), None) => match add_days(b, minutes.div_euclid(24 * 60)) {
                        Some(d) => Resolved::point(d, None),
                        None => return Resolved::unknown("date out of range"),
                    },
                    (None, _) => Resolved::point(b, None),
                }
            }
            Unit::Day => {
                if b.day.is_none() {
                    if n != 0 {
                        diags.push("counted days from a date without a day".into());
                    }
                    Resolved::point(b, None)
                } else {
                    match add_days(b, n) {
                        Some(d) => Resolved::point(d, None),
                        None => return Resolved::unknown("date out of range"),
                    }
                }
            }
            Unit::Week => match civil_of(b) {
                Some(d) if calendar => {
                    let monday = i64::from(d.weekday().to_monday_zero_offset());
                    let s = add_days(b, 7 * n - monday);
                    let e = s.and_then(|s| add_days(s, 6));
                    match (s, e) {
                        (Some(s), Some(e)) => Resolved::interval(s, e, DatePrecision::Day),
                        _ => return Resolved::unknown("date out of range"),
                    }
                }
                Some(_) => {
                    let days = 7 * n + i64::from(sign) * 3 * i64::from(count.half);
                    match add_days(b, days) {
                        Some(d) => Resolved::point(d, None),
                        None => return Resolved::unknown("date out of range"),
                    }
                }
                None => Resolved::point(b, None),
            },
            Unit::Month => {
                let (Some(y), Some(m)) = (b.year, b.month) else {
                    return Resolved::unknown("counted months from a date without a year or month");
                };
                let (y2, m2) = add_months(y, m, n as i32);
                Resolved::point(PartialDate::ym(y2, m2), None)
            }
            Unit::Year => {
                let Some(y) = b.year else {
                    return Resolved::unknown("counted years from a date without a year");
                };
                let y2 = y.saturating_add(n as i16);
                Resolved::point(PartialDate::y(y2), None)
            }
        };
        let mut r = r;
        if n == 0 {
            // "later that day", "earlier in the year": the part of the unit
            // before or after the anchor.
            match (part, unit) {
                (Some(Part::Earlier), Unit::Year) if b.month.is_some() => {
                    r = Resolved::interval(
                        PartialDate { month: Some(1), day: None, ..b },
                        PartialDate { day: None, ..b },
                        DatePrecision::Month,
                    );
                }
                (Some(Part::Later), Unit::Year) if b.month.is_some() => {
                    r = Resolved::interval(
                        PartialDate { day: None, ..b },
                        PartialDate { month: Some(12), day: None, ..b },
                        DatePrecision::Month,
                    );
                }
                (Some(Part::Earlier), Unit::Month) if b.day.is_some() => {
                    r = Resolved::interval(PartialDate { day: Some(1), ..b }, b, DatePrecision::Day);
                }
                (Some(Part::Later), Unit::Month) if b.day.is_some() => {
                    let last = days_in_month(b.year, b.month.unwrap_or(1));
                    r = Resolved::interval(b, PartialDate { day: Some(last), ..b }, DatePrecision::Day);
                }
                _ => {}
            }
        }
        if count.approx && r.precision == DatePrecision::Hour {
            r.precision = DatePrecision::Day;
            r.time = None;
        }
        // "has recaptured the city more than a year after the RSF seized it": counted forward
        // from the running date, a past clause would land after publication, so what it counts
        // from is the event the text names, whose date is not known here.
        let published = self.speech_anchor();
        let past_publication = |d: PartialDate, p: PartialDate| match (d.year, p.year) {
            (Some(y), Some(py)) => {
                pos(y, d.month.or(Some(1)), d.day.or(Some(1)), false) > pos(py, p.month, p.day, true)
            }
            _ => false,
        };
        if sign > 0 && anchor == Anchor::Narrative && !future && published.is_some_and(|p| past_publication(r.start, p))
        {
            return Resolved::unknown(
                "counted forward past the publication date: from an event, not the narrative date",
            );
        }
        if sign >= 0 || anchor == Anchor::Speech {
            self.set_running(r.start, r.time);
        }
        r
    }

    fn period(&mut self, count: Quantity, unit: Unit, sign: i8, anchor: Anchor, diags: &mut Vec<String>) -> Resolved {
        let Some(base) = self.anchor(anchor, diags) else {
            return Resolved::unknown("a period with no date to count from");
        };
        let b = base.date;
        let n = i64::from(count.whole);
        let days = match unit {
            Unit::Minute => 0,
            Unit::Hour => (n + 23) / 24,
            Unit::Day => n,
            Unit::Week => 7 * n + 3 * i64::from(count.half),
            Unit::Month => 30 * n + 15 * i64::from(count.half),
            Unit::Year => 365 * n + 182 * i64::from(count.half),
        }
        .max(1);
        let precision = match unit {
            Unit::Minute | Unit::Hour | Unit::Day | Unit::Week => DatePrecision::Day,
            Unit::Month => DatePrecision::Month,
            Unit::Year => DatePrecision::Year,
        };
        let r = if civil_of(b).is_some() {
            let far = add_days(b, i64::from(sign) * days);
            // Forward periods start after the anchor's own unit: "the next few
            // months" after April 25 start in May.
            let near = match (sign > 0, unit) {
                (false, _) => Some(b),
                (true, Unit::Month) => {
                    let (y, m) = add_months(b.year.unwrap_or(0), b.month.unwrap_or(1), 1);
                    Some(PartialDate::ymd(y, m, 1))
                }
                (true, Unit::Year) => b.year.map(|y| PartialDate::ymd(y + 1, 1, 1)),
                (true, _) => add_days(b, 1),
            };
            match (far, near) {
                (Some(f), Some(nr)) => {
                    let (s, e) = if sign < 0 { (f, nr) } else { (nr, f) };
                    Resolved::interval(s, e, precision).coarsened(precision)
                }
                _ => return Resolved::unknown("date out of range"),
            }
        } else if let (Some(y), Some(m)) = (b.year, b.month) {
            let months = (days / 30).max(1) as i32;
            let (fy, fm) = add_months(y, m, i32::from(sign) * months);
            let (ny, nm) = if sign > 0 { add_months(y, m, 1) } else { (y, m) };
            let (s, e) = if sign < 0 {
                (PartialDate::ym(fy, fm), PartialDate::ym(ny, nm))
            } else {
                (PartialDate::ym(ny, nm), PartialDate::ym(fy, fm))
            };
            Resolved::interval(s, e, if rank(precision) < 2 { DatePrecision::Month } else { precision })
        } else {
            return Resolved::unknown("a period counted from a date without a month");
        };
        self.set_running(r.start, None);
        r
    }
}

/// The interval a modifier leaves of a month or year: "early May" is its
/// first ten days, "late 2015" its last four months.
fn narrow(d: PartialDate, part: Option<Part>) -> Option<Resolved> {
    let part = part?;
    match (d.year, d.month, d.day) {
        (Some(y), None, None) => {
            let (a, b) = match part {
                Part::Early => (1, 4),
                Part::Mid => (5, 8),
                Part::Late => (9, 12),
                _ => return None,
            };
            Some(Resolved::interval(PartialDate::ym(y, a), PartialDate::ym(y, b), DatePrecision::Month))
        }
        (_, Some(m), None) => {
            let last = days_in_month(d.year, m);
            let (a, b) = match part {
                Part::Early => (1, 10),
                Part::Mid => (11, 20),
                Part::Late => (21, last),
                _ => return None,
            };
            let at = |day| PartialDate { day: Some(day), ..d };
            Some(Resolved::interval(at(a), at(b), DatePrecision::Month))
        }
        _ => None,
    }
}
