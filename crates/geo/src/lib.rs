//! Places in conflict reporting: an embedded gazetteer, matching and
//! disambiguation in document context.
//!
//! A key design decision in this crate is that matching is exact on a folded
//! skeleton of each word (see the `fold` module) rather than fuzzy: Khan
//! Touman, Khan Tuman and Khān Ṭūmān share a key, Khan Shaykhun has another,
//! and no similarity threshold can merge them. Ambiguity between places that
//! share a key (Tripoli in Libya, Lebanon, Greece) is resolved by what the
//! document names: countries, divisions, large cities, their neighbours, and
//! population as the last tie-breaker. Small places collide with ordinary
//! words worldwide, so they are accepted only after a locative cue or when
//! their country dominates the document.
//!
//! Coordinates are never invented: a place the gazetteer lacks keeps its name
//! from the text and takes the coordinates of the nearest place the text names
//! around it (precision 2), or of the country (precision 3), or none.
//!
//! ```
//! use sitrep_geo::{Gazetteer, PlaceKind};
//! let gaz = Gazetteer::embedded();
//! let text = "Rebels attacked the town of Khan Touman in South Aleppo.";
//! let places = gaz.find_places(text, &[], &[]);
//! let names: Vec<_> = places.iter().map(|p| (p.name.as_str(), p.kind, p.place.precision)).collect();
//! assert_eq!(names, [("Khan Touman", PlaceKind::Unknown, 2), ("South Aleppo", PlaceKind::City, 2)]);
//! ```

mod capitals;
mod data;
mod fold;
mod places;
mod words;

pub use data::{DataIssue, Entry, EntryId, EntryKind, Gazetteer};
pub use places::{place_for_span, PlaceKind, PlaceMention};
