//! Adapters to the pipeline's other stages: the time stage's `Timeline` as
//! the date source, the gazetteer's place mentions as place candidates, and
//! the lexicon's entity types for anaphora.
//!
//! [`code_document`] is the one call the pipeline needs: it builds the
//! timeline and finds places itself, then codes.

use sitrep_geo::{Gazetteer, PlaceMention};
use sitrep_lexicon::Lexicon;
use sitrep_model::{ActorType, DateRange, Document, Mention, Segmentation, Span, Statement};
use sitrep_time::Timeline;
use std::collections::HashMap;

use crate::{ActorTypes, Coded, Coder, DateResolver, Inputs, PlaceHit, PlaceResolver};

impl DateResolver for Timeline {
    fn date_for(&self, sentence: usize, span: Span) -> Option<DateRange> {
        // Words spoken in a briefing date from the briefing unless they name
        // their own date.
        let own = Timeline::date_for(self, sentence, span);
        let speech = self.speech_date(sentence).map(|sp| sitrep_time::to_range(&sp));
        match (own, speech) {
            (Some(r), Some(sp)) if r.source.is_none() => Some(sp),
            (Some(r), Some(sp)) => {
                // "at a moment when": a coarser date that the briefing day refines.
                let own = sitrep_time::to_range(&r);
                Some(if sp.start.starts_with(&own.start) && sp.start.len() > own.start.len() { sp } else { own })
            }
            (Some(r), None) => Some(sitrep_time::to_range(&r)),
            (None, sp) => sp,
        }
    }

    fn carried(&self, sentence: usize) -> Option<DateRange> {
        Timeline::carried(self, sentence).and_then(|r| sitrep_time::try_range(&r))
    }
}

impl ActorTypes for Lexicon {
    fn actor_type(&self, id: &str) -> Option<ActorType> {
        self.get(id).map(|e| e.kind)
    }
}

/// The lexicon the coder reads actor types from, by reference.
pub struct LexiconTypes(pub &'static Lexicon);

impl ActorTypes for LexiconTypes {
    fn actor_type(&self, id: &str) -> Option<ActorType> {
        self.0.actor_type(id)
    }

    fn affiliation(&self, id: &str) -> Option<(String, String)> {
        let person = self.0.get(id).filter(|e| e.kind == ActorType::Person)?;
        let org = self.0.get(person.affiliation.as_deref()?)?;
        Some((org.name.clone(), org.id.clone()))
    }
}

/// The places of one document, found once by the gazetteer, in text order
/// and not overlapping (as [`Gazetteer::find_places_hinted`] returns them).
#[derive(Clone, Debug, Default)]
pub struct DocPlaces(Vec<PlaceHit>);

/// Words after which a state's name is where something happened.
pub(crate) const LOCATIVES: &[&str] = &["in", "across", "throughout", "inside", "into", "within"];

impl DocPlaces {
    pub fn from_mentions(found: &[PlaceMention]) -> DocPlaces {
        let mut hits: Vec<PlaceHit> = found.iter().map(|m| PlaceHit { span: m.span, place: m.place.clone() }).collect();
        hits.sort_by_key(|h| (h.span.start, h.span.end));
        hits.dedup_by(|b, a| a.span.overlaps(b.span));
        DocPlaces(hits)
    }

    pub fn hits(&self) -> &[PlaceHit] {
        &self.0
    }

    /// Runs the gazetteer over a document. Actor mentions are no places,
    /// except a state named by its capital ("missiles struck Kyiv"): the
    /// state is the actor and the city is where it happened.
    pub fn find(gazetteer: &Gazetteer, doc: &Document, seg: &Segmentation, mentions: &[Mention]) -> DocPlaces {
        // States named as actors ("Russian jets", "the regime") tell the
        // gazetteer which country the document is about.
        let mut known: HashMap<&str, Option<String>> = HashMap::new();
        let mut countries: Vec<String> = Vec::new();
        let mut exclude: Vec<Span> = Vec::with_capacity(mentions.len());
        let mut by_alias: Vec<Span> = Vec::new();
        for m in mentions {
            let country = match m.actor {
                Some(_) => known.entry(m.name.as_str()).or_insert_with(|| gazetteer.country_code(&m.name)).clone(),
                None => None,
            };
            if country.is_some() && m.rule == "alias" && m.sector.is_none() {
                by_alias.push(m.span);
            } else {
                exclude.push(m.span);
            }
            countries.extend(country);
        }
        let mut found = gazetteer.find_places_hinted(&doc.text, &seg.sentences, &exclude, &countries);
        // Of a state's alias, a city is a place, and the state itself after a
        // locative word ("strikes across Yemen"); "Yemen said", "the Syrian
        // government" are none.
        let locative = |at: usize| {
            let before = doc.text[..at].trim_end();
            let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            LOCATIVES.iter().any(|l| word.eq_ignore_ascii_case(l))
        };
        found.retain(|p| {
            p.place.precision == 1 || locative(p.span.start) || !by_alias.iter().any(|a| a.overlaps(p.span))
        });
        DocPlaces::from_mentions(&found)
    }
}

impl PlaceResolver for DocPlaces {
    fn find(&self, _text: &str, span: Span) -> Vec<PlaceHit> {
        self.0.iter().filter(|h| span.contains(h.span)).cloned().collect()
    }

    fn covers(&self, span: Span) -> bool {
        // Hits do not overlap: only the last one starting at or before `span` can hold it.
        let n = self.0.partition_point(|h| h.span.start <= span.start);
        n > 0 && self.0[n - 1].span.contains(span) && self.0[n - 1].span != span
    }
}

/// Codes a document with the time stage's timeline and the gazetteer.
pub fn code_document(
    coder: &Coder,
    doc: &Document,
    seg: &Segmentation,
    mentions: &[Mention],
    statements: &[Statement],
    gazetteer: &Gazetteer,
) -> Coded {
    let timeline = Timeline::build(&doc.text, &seg.sentences, doc.meta.published);
    let places = DocPlaces::find(gazetteer, doc, seg, mentions);
    coder.code_inputs(&Inputs::new(doc, seg, mentions, statements).with_dates(&timeline).with_places(&places))
}

/// [`Coder::explain`] with the same inputs as [`code_document`].
pub fn explain_document(
    coder: &Coder,
    doc: &Document,
    seg: &Segmentation,
    mentions: &[Mention],
    statements: &[Statement],
    gazetteer: &Gazetteer,
    sentence_index: usize,
) -> String {
    let timeline = Timeline::build(&doc.text, &seg.sentences, doc.meta.published);
    let places = DocPlaces::find(gazetteer, doc, seg, mentions);
    coder.explain_inputs(
        &Inputs::new(doc, seg, mentions, statements).with_dates(&timeline).with_places(&places),
        sentence_index,
    )
}
