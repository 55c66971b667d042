//! Statements: who said what, when and where, and whether a quotation
//! matches what was actually said.
//!
//! Half of a conflict report is quotation: transcript turns (`MR TONER:`,
//! `QUESTION:`), block quotes introduced by an attribution line (`At the press
//! briefing of April 25, 2016 Mr Kirby said:`), inline quotes (`"...," said
//! X`) and reported speech (`X said that ...`). [`extract`] turns a segmented
//! document into [`Statement`]s with speaker, role, date said, venue and the
//! byte span of the words; [`verify`] (or [`PrimaryIndex`] for many quotes)
//! aligns a quotation with the primary transcripts of the same speaker and
//! date and says whether it is exact, altered, truncated or not found.
//!
//! A key design decision is that extraction is one pass with a small state
//! (the running narrative date, the attribution line in force, the turn or
//! block being continued, the last named speaker) rather than a set of
//! independent pattern matchers, because whether a paragraph is quotation
//! depends on what came before it. Speakers are resolved through the
//! [`SpeakerContext`] trait so this crate does not depend on how the actor
//! lexicon stores people and their dated roles.
//!
//! Both stages are pure: they never fail and never panic on any input.
//!
//! ```
//! use sitrep_model::{DocMeta, Document, PartialDate, Segmentation};
//! use sitrep_statements::{extract, SpeakerTable};
//!
//! let text = "At the briefing of April 27, 2016 the spokesman was asked about Aleppo.\n\n\
//!             MR TONER: We call on them to refrain from targeting these groups.\n";
//! let doc = Document {
//!     id: "d1".into(),
//!     meta: DocMeta { published: Some(PartialDate::ymd(2016, 5, 8)), ..DocMeta::default() },
//!     text: text.into(),
//!     removed: vec![],
//! };
//! let people = SpeakerTable::new().with("mark_toner", "Mark Toner", Some(("State Department spokesman", None, None)));
//! let statements = extract(&doc, &Segmentation::default(), &[], &people);
//! assert_eq!(statements[0].speaker, "Mark Toner");
//! assert_eq!(statements[0].date.as_deref(), Some("2016-04-27"));
//! assert_eq!(statements[0].form, "turn");
//! ```

mod attribution;
mod dates;
mod extract;
mod scan;
mod speaker;
mod turns;
mod verify;

pub use extract::{extract, extract_with, is_substantive, ExtractOptions};
pub use speaker::{
    label_key, surname_key, NoSpeakers, ResolvedSpeaker, SpeakerContext, SpeakerEntry, SpeakerRole, SpeakerTable,
};
pub use verify::{verify, PrimaryIndex, ALTERED_MIN};

pub use sitrep_model::{Statement, Verification};
