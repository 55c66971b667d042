//! The symbolic values of time expressions, before they are placed on the
//! calendar: what the text says ("the next day", "May 3", "two days ago"), not
//! yet what date that is. Resolution against a context happens in `resolve`.

use crate::lexicon::{Unit, Weekday};
use sitrep_model::{PartialDate, Span};

/// A clock time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Clock {
    pub hour: u8,
    pub minute: u8,
}

/// A part of a day or of a longer period that narrows a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// "early on May 5", "early 2015", "the beginning of May".
    Early,
    /// "mid-2015", "mid-May".
    Mid,
    /// "late on Friday", "late 2015", "the end of May".
    Late,
    Morning,
    Afternoon,
    Evening,
    Night,
    /// Before the anchor within the unit: "earlier in the year", "earlier that day".
    Earlier,
    /// After the anchor within the unit: "later in the month", "later that day".
    Later,
}

/// A date as the text gives it: any component may be missing ("May 3" has no
/// year, "the 5th" only a day, "2015" only a year).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateSpec {
    pub date: PartialDate,
    /// The weekday the text names alongside the date ("Tuesday, May 3"),
    /// checked against the calendar on resolution.
    pub weekday: Option<Weekday>,
    pub time: Option<Clock>,
    pub part: Option<Part>,
}

impl DateSpec {
    pub(crate) fn new(year: Option<i16>, month: Option<u8>, day: Option<u8>) -> DateSpec {
        DateSpec { date: PartialDate { year, month, day }, weekday: None, time: None, part: None }
    }
}

/// How many units a relative expression counts: "two and a half months" is
/// `whole: 2, half: true`; "a few days" is `whole: 3, approx: true`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub whole: u16,
    pub half: bool,
    pub approx: bool,
}

impl Quantity {
    pub const ONE: Quantity = Quantity { whole: 1, half: false, approx: false };
    pub const ZERO: Quantity = Quantity { whole: 0, half: false, approx: false };
    pub(crate) const FEW: Quantity = Quantity { whole: 3, half: false, approx: true };
}

/// What a relative expression is measured from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The moment of speaking or writing: "yesterday", "two days ago", "last
    /// week". That is the document date, or the date of the quoted speech when
    /// the expression stands inside a quote.
    Speech,
    /// The running date of the narrative: "the next day", "that day",
    /// "Thirteen hours later", "the day before".
    Narrative,
    /// The running date when the paragraph being read set it, else the moment of writing:
    /// "overnight" in a news story is the night before it was filed unless its paragraph
    /// tells of another day.
    Local,
}

/// The symbolic value of a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeValue {
    /// A calendar date as precise as the text gives it: "May 7, 2016",
    /// "7 May", "May 2016", "in 2015", "the 5th", "08/05/2016".
    Date(DateSpec),
    /// An interval: "March 24 - April 25", "between May 3 and 5", "2011-2014".
    Range(DateSpec, DateSpec),
    /// A weekday with no date: "on Tuesday" (`offset` 0), "last Tuesday" (-1),
    /// "next Tuesday" (+1).
    Weekday { day: Weekday, offset: i8, part: Option<Part> },
    /// A moment or calendar unit counted from an anchor: "the next day"
    /// (+1 day, narrative), "two days ago" (-2 days, speech), "Thirteen hours
    /// later", "that day" (0 days), "last week" (calendar week before).
    /// `calendar` is true when the whole unit is meant ("last month" is the
    /// previous calendar month, "a month ago" a point about 30 days back).
    Shift { count: Quantity, unit: Unit, sign: i8, anchor: Anchor, calendar: bool, part: Option<Part> },
    /// A stretch that runs from the anchor back (`sign` -1: "the last few
    /// weeks", "the past two days") or forward (+1: "the next few months").
    Period { count: Quantity, unit: Unit, sign: i8, anchor: Anchor },
    /// A length of time with no place on the calendar: "in the span of one
    /// month", "for two weeks".
    Duration { count: Quantity, unit: Unit },
    /// "since March 2011" (from that date to the anchor); `None` when what
    /// follows "since" is an event rather than a date ("since the start of the
    /// cessation").
    Since(Option<DateSpec>),
    /// A clock time with no date: "7:00 am", "at noon".
    TimeOfDay(Clock),
}

/// One time expression found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeExpr {
    /// Byte span in the text that was scanned.
    pub span: Span,
    pub value: TimeValue,
    /// A relative expression in apposition to a date ("the next day, May 3"),
    /// checked against the date on resolution.
    pub apposition: Option<AppositionShift>,
    /// The clause speaks of the future ("will", "next", "scheduled"), so a
    /// date without a year is placed on or after the document date.
    pub future: bool,
}

/// The relative half of "the next day, May 3": a shift in days from the
/// narrative or speech anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AppositionShift {
    pub days: i32,
    pub anchor: Anchor,
}

impl TimeExpr {
    pub(crate) fn new(span: Span, value: TimeValue) -> TimeExpr {
        TimeExpr { span, value, apposition: None, future: false }
    }
}
