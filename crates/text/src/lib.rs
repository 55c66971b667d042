//! sitrep-text: the text-level stages that sit between ingest and coding.
//!
//! The main entry point is [`segment()`]: given a [`sitrep_model::Document`],
//! it returns its paragraphs (with their kind: text, heading, list item,
//! block quote, transcript turn) and sentences as byte spans into
//! `Document::text`, skipping the spans ingest marked as removed.
//!
//! A key design decision is that segmentation is pure and total: it never
//! fails, never panics, and never copies or rewrites text. Every span it
//! returns lies on character boundaries inside the document text, in order,
//! and every sentence lies inside its paragraph, so a later stage can always
//! show a fact in the sentence it came from.
//!
//! ```
//! use sitrep_model::{DocMeta, Document};
//! let doc = Document {
//!     id: "doc_example".into(),
//!     meta: DocMeta::default(),
//!     text: "MR TONER: We are aware of the reports. We call on all parties to stop.".into(),
//!     removed: vec![],
//! };
//! let seg = sitrep_text::segment(&doc);
//! assert_eq!(seg.paragraphs[0].speaker_label.unwrap().slice(&doc.text), "MR TONER");
//! assert_eq!(seg.sentences.len(), 2);
//! assert_eq!(seg.sentences[0].span.slice(&doc.text), "We are aware of the reports.");
//! ```

pub mod clauses;
pub mod segment;

pub use segment::{live_ranges, segment, segment_text, speaker_label, split_sentences};

pub mod fold;
