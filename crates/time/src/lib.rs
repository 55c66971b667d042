//! Time expressions in conflict reporting: find them, say what they mean,
//! and place them on the calendar.
//!
//! Reports date events absolutely ("May 7, 2016", "08 mai 2016"), partially
//! ("March 24 - April 25", "in October"), and relative to each other ("On the
//! next day, May 3", "Thirteen hours later", "About 10 days ago"). This crate
//! works in three layers:
//!
//! 1. [`parse_date`] reads a date from a metadata string.
//! 2. [`find_time_expressions`] scans text and returns each expression with
//!    its byte span and a symbolic [`TimeValue`] that says what the text says,
//!    not yet which day that is.
//! 3. [`TimeContext::resolve`] places an expression on the calendar against
//!    the document date and the narrative's running date, and [`Timeline`]
//!    does that for a whole document, answering "what date governs this
//!    trigger?" for the event coder.
//!
//! A key design decision is that nothing here guesses: a day and month with
//! no year anywhere in reach keeps `year: None`, a weekday that disagrees with
//! its date is reported as a diagnostic rather than fixed, and a bare duration
//! ("for two weeks") is not turned into a date. Pure functions never fail and
//! never panic; problems travel as diagnostics.
//!
//! ```
//! use sitrep_time::{find_time_expressions, TimeContext};
//! use sitrep_model::{PartialDate, Span};
//!
//! let text = "On May 2 the room reopened. On the next day, May 3, a tweet followed.";
//! let mut ctx = TimeContext::new(Some(PartialDate::ymd(2016, 5, 8)));
//! let found: Vec<String> = find_time_expressions(text, Span::new(0, text.len()))
//!     .iter()
//!     .map(|e| ctx.resolve(e).start.to_string())
//!     .collect();
//! assert_eq!(found, ["2016-05-02", "2016-05-03"]);
//! ```

mod expr;
mod grammar;
mod lexicon;
mod parse;
mod resolve;
mod scan;
mod timeline;
mod token;

pub use expr::{Anchor, AppositionShift, Clock, DateSpec, Part, Quantity, TimeExpr, TimeValue};
pub use lexicon::{Unit, Weekday};
pub use parse::parse_date;
pub use resolve::{to_range, try_range, Resolved, Running, TimeContext};
pub use scan::find_time_expressions;
pub use timeline::{ResolvedExpr, Timeline};
