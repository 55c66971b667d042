//! Statement extraction: walks a document's paragraphs once, keeping a small
//! state (running narrative date, the attribution line in force, the turn or
//! block quote being continued, the last named speaker) and emits
//! transcript turns, block quotes, direct quotes and reported speech.
//!
//! The hard decision is where a quotation ends. A paragraph continues the
//! current turn or block quote only when it still reads as the speaker's
//! voice: in a transcript (most paragraphs are turns and nothing introduces
//! them) every unlabelled paragraph continues the turn; in an article a
//! paragraph must speak in the first or second person and must not name the
//! speaker in the third person, attribute speech to someone, or end in an
//! attribution colon.

use crate::attribution::{self, name_runs, ColonSubject, Speech, Subject, SubjectKind};
use crate::dates::{self, DateHit};
use crate::scan::{self, clean_text, mask_markup, quotations, words, Quotation};
use crate::speaker::{label_key, surname_key, SpeakerContext};
use crate::turns::{self, Label};
use sitrep_model::{
    record_id, Document, Mention, ParagraphKind, PartialDate, Provenance, Segmentation, Span, Statement,
};
use std::collections::HashMap;

/// Switches for [`extract_with`].
#[derive(Clone, Debug)]
pub struct ExtractOptions {
    /// Emit journalists' questions in transcripts as statements (speaker `QUESTION` / `Q`).
    pub include_questions: bool,
    /// Emit speech reported inside a turn or block quote (`Steve Warren, he
    /// said that ...` inside a question), attributed to the third party.
    pub embedded_speech: bool,
}

impl Default for ExtractOptions {
    fn default() -> ExtractOptions {
        ExtractOptions { include_questions: true, embedded_speech: true }
    }
}

/// Words that only manage the floor of a briefing ("Let me finish.", "Go
/// ahead.", "Thank you.") rather than say anything.
const PROCEDURAL: &[&str] = &[
    "let",
    "me",
    "finish",
    "go",
    "ahead",
    "thank",
    "thanks",
    "you",
    "sure",
    "okay",
    "ok",
    "please",
    "sorry",
    "hold",
    "on",
    "wait",
    "a",
    "second",
    "moment",
    "minute",
    "all",
    "right",
    "next",
    "question",
    "one",
    "more",
    "last",
    "again",
    "everybody",
    "everyone",
    "very",
    "much",
    "good",
    "afternoon",
    "morning",
    "hi",
    "hello",
    "yeah",
    "uh",
    "um",
];

/// Does a turn end cut off mid-sentence ("And we've —")?
fn ends_cut_off(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('\u{2014}') || t.ends_with('\u{2013}') || t.ends_with(" -") || t.ends_with("--")
}

/// Words of a text as lower-case alphanumeric runs.
fn word_list(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A turn that only manages the floor ("Let me finish, let me finish.").
fn is_floor_only(text: &str) -> bool {
    let words = word_list(text);
    words.len() <= 8 && words.iter().all(|w| PROCEDURAL.contains(&w.as_str()))
}

/// Does a turn open as the continuation of an interrupted answer: a
/// lower-case or dash start, a joining word, or a claim on the floor ("No,
/// no, let me finish.")?
fn resumes(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with(['\u{2014}', '\u{2013}', '-', '.']) || t.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let words = word_list(t);
    if words.first().is_some_and(|w| ["and", "but", "or", "because", "which", "that"].contains(&w.as_str())) {
        return true;
    }
    let opening = words.iter().take(12).map(String::as_str).collect::<Vec<_>>().join(" ");
    ["let me finish", "let me just finish", "if i could finish", "if i may finish", "as i was saying"]
        .iter()
        .any(|m| opening.contains(m))
}

/// Is this statement worth reporting as one: not a journalist's question
/// and not a turn that only manages the floor ("Let me finish, let me
/// finish."). Export keeps the others in the store but leaves them out of
/// the exchange format unless asked.
pub fn is_substantive(s: &Statement) -> bool {
    if s.form == "question" {
        return false;
    }
    if s.form != "turn" {
        return true;
    }
    !is_floor_only(&s.text)
}

/// Extracts every attributed statement of `doc` with default options.
pub fn extract(doc: &Document, seg: &Segmentation, mentions: &[Mention], ctx: &dyn SpeakerContext) -> Vec<Statement> {
    extract_with(doc, seg, mentions, ctx, &ExtractOptions::default())
}

#[derive(Clone, Debug)]
struct Para {
    span: Span,
    heading: bool,
    label: Option<Label>,
}

#[derive(Clone, Debug, PartialEq)]
struct Speaker {
    name: String,
    id: Option<String>,
    role: Option<String>,
    question: bool,
}

/// The attribution line in force for the paragraphs after it.
#[derive(Clone, Debug)]
struct Attr {
    speaker: Option<Speaker>,
    date: Option<PartialDate>,
    venue: Option<String>,
}

enum Open {
    None,
    /// Index into the output of the statement being continued.
    Turn(usize),
    Block(usize),
}

struct Extractor<'a> {
    doc: &'a Document,
    masked: String,
    mentions: &'a [Mention],
    ctx: &'a dyn SpeakerContext,
    opts: &'a ExtractOptions,
    /// (index, span) of each sentence, by position.
    sentences: Vec<(usize, Span)>,
    reference: Option<PartialDate>,
    out: Vec<Statement>,
    /// The paragraph spans of each turn or block quote, for joining text.
    spans: HashMap<usize, Vec<Span>>,
    running: Option<PartialDate>,
    /// Where the paragraph that last set `running` starts.
    running_para: Option<usize>,
    last_speaker: Option<Speaker>,
    /// Venue of the last attribution line, for `And again on April 28:`.
    last_venue: Option<String>,
    seen_speakers: Vec<Speaker>,
    /// Full names found for transcript labels (see `full_name`).
    full_names: HashMap<String, Option<String>>,
    /// The last answer turn of the transcript and what others said since.
    answer: Option<Answer>,
}

/// An answer turn that may be resumed after an interjection: "MR TONER: ...
/// And we've —" / "QUESTION: And those lines are fluid." / "MR TONER: And
/// the lines are fluid ...".
#[derive(Clone, Copy, Debug)]
struct Answer {
    /// Index into the output.
    stmt: usize,
    /// Words said by others since (journalists' interjections).
    others_words: usize,
    /// An interjection since ended with a question mark.
    asked: bool,
}

/// Most words an interjection may have for the answer to resume across it.
const INTERJECTION_MAX_WORDS: usize = 20;

/// Extracts statements with explicit options. Never panics; a document
/// without attributions gives an empty list.
pub fn extract_with(
    doc: &Document,
    seg: &Segmentation,
    mentions: &[Mention],
    ctx: &dyn SpeakerContext,
    opts: &ExtractOptions,
) -> Vec<Statement> {
    let masked = mask_markup(&doc.text);
    let paras = paragraphs(doc, seg, &masked);
    // Sentences from the segmenter keep their index for provenance; spans that
    // do not fit the text are ignored rather than trusted.
    let text = &doc.text;
    let fits = |s: Span| {
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    let mut sentences: Vec<(usize, Span)> =
        seg.sentences.iter().filter(|s| fits(s.span)).map(|s| (s.index, s.span)).collect();
    if sentences.is_empty() {
        sentences = paras.iter().flat_map(|p| scan::sentences(&masked, p.span)).enumerate().collect();
    }
    sentences.sort_by_key(|(_, s)| (s.start, s.end));
    let mut ex = Extractor {
        doc,
        masked,
        mentions,
        ctx,
        opts,
        sentences,
        reference: doc.meta.published,
        out: Vec::new(),
        spans: HashMap::new(),
        running: None,
        running_para: None,
        last_speaker: None,
        last_venue: None,
        seen_speakers: Vec::new(),
        full_names: HashMap::new(),
        answer: None,
    };
    ex.run(&paras);
    ex.resolve_offices();
    ex.out
}

/// Turn labels that name an office rather than a person ([`label_key`] form), with the first words
/// of the office's role titles in the lexicon.
const OFFICE_LABELS: &[(&str, &str)] = &[
    ("the president", "President"),
    ("president", "President"),
    ("the vice president", "Vice President"),
    ("vice president", "Vice President"),
    ("the prime minister", "Prime Minister"),
    ("prime minister", "Prime Minister"),
];

/// Paragraphs from the segmentation (or blank-line splitting without one),
/// minus boilerplate, with speaker labels detected and trusted labels kept.
fn paragraphs(doc: &Document, seg: &Segmentation, masked: &str) -> Vec<Para> {
    let mut raw: Vec<(Span, ParagraphKind, Option<Span>)> = if seg.paragraphs.is_empty() {
        split_paragraphs(masked).into_iter().map(|s| (s, ParagraphKind::Text, None)).collect()
    } else {
        seg.paragraphs.iter().map(|p| (p.span, p.kind, p.speaker_label)).collect()
    };
    // A segmentation from elsewhere is not trusted: spans must fit the text,
    // come in order and not overlap.
    raw.retain(|(s, _, _)| {
        s.start <= s.end
            && s.end <= masked.len()
            && masked.is_char_boundary(s.start)
            && masked.is_char_boundary(s.end)
            && !doc.removed.iter().any(|r| r.span.contains(*s) || (r.span.overlaps(*s) && r.span.len() * 2 > s.len()))
    });
    raw.sort_by_key(|(s, _, _)| (s.start, s.end));
    let mut last_end = 0;
    raw.retain(|(s, _, _)| {
        let keep = s.start >= last_end;
        if keep {
            last_end = s.end;
        }
        keep
    });
    let mut paras: Vec<Para> = raw
        .into_iter()
        .filter_map(|(span, kind, label_span)| {
            let span = scan::trim(masked, span);
            if span.is_empty() || masked.get(span.range()).is_none() {
                return None;
            }
            let original = span.slice(&doc.text).trim_start();
            let heading = kind == ParagraphKind::Heading || original.starts_with('#');
            let mut label = turns::label_at(masked, span);
            if let (Some(ls), None) = (label_span, label) {
                if span.contains(ls) && !ls.is_empty() && masked.get(ls.range()).is_some() {
                    let after = masked.get(ls.end..span.end).unwrap_or("");
                    let skip = after.len() - after.trim_start_matches([':', ' ', '\t', '.']).len();
                    let q = ls.slice(masked).trim().trim_end_matches('.').to_uppercase();
                    label = Some(Label {
                        span: ls,
                        body_start: ls.end + skip,
                        question: matches!(q.as_str(), "Q" | "QUESTION" | "QUESTIONER"),
                        needs_repeat: false,
                    });
                }
            }
            Some(Para { span, heading, label: if heading { None } else { label } })
        })
        .collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in &paras {
        if let Some(l) = p.label {
            *counts.entry(l.span.slice(masked).to_uppercase()).or_default() += 1;
        }
    }
    for p in &mut paras {
        if let Some(l) = p.label {
            if l.needs_repeat && counts.get(&l.span.slice(masked).to_uppercase()).copied().unwrap_or(0) < 2 {
                p.label = None;
            }
        }
    }
    paras
}

/// Blank-line paragraphs; a line starting with a speaker label also starts one.
fn split_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut pos = 0usize;
    let mut prev_blank = true;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        let line_span = Span::new(pos, pos + line.len());
        if blank {
            if start < pos {
                out.push(Span::new(start, pos));
            }
            start = pos + line.len();
        } else if !prev_blank && turns::label_at(text, line_span).is_some() {
            out.push(Span::new(start, pos));
            start = pos;
        }
        prev_blank = blank;
        pos += line.len();
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

const FIRST_SECOND_PERSON: &[&str] = &[
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "we",
    "we're",
    "we've",
    "we'd",
    "we'll",
    "our",
    "ours",
    "us",
    "me",
    "my",
    "you",
    "your",
    "you're",
    "let's",
    "i\u{2019}m",
    "we\u{2019}re",
    "we\u{2019}ve",
    "i\u{2019}ve",
    "let\u{2019}s",
    "we\u{2019}ll",
    "i\u{2019}ll",
    "i\u{2019}d",
    "we\u{2019}d",
    "you\u{2019}re",
];

fn is_break_line(s: &str) -> bool {
    let t = s.trim();
    t == "END" || t.starts_with("END ") || {
        let u = t.to_uppercase();
        (u.ends_with(" EDT")
            || u.ends_with(" EST")
            || u.ends_with(" GMT")
            || u.ends_with(" UTC")
            || u.ends_with(" P.M.")
            || u.ends_with(" A.M."))
            && t.len() < 24
            && t.chars().next().is_some_and(|c| c.is_ascii_digit())
    }
}

impl Extractor<'_> {
    fn run(&mut self, paras: &[Para]) {
        let turn_count = paras.iter().filter(|p| p.label.is_some()).count();
        let colon_lines = paras.iter().filter(|p| p.label.is_none() && self.ends_with_colon(p.span)).count();
        let transcript = self.doc.meta.primary
            || (turn_count >= 3 && colon_lines * 10 <= turn_count && turn_count * 4 >= paras.len());
        let first_turn = paras.iter().position(|p| p.label.is_some()).unwrap_or(paras.len());
        let header_venue = {
            let mut v = self.doc.meta.title.as_deref().and_then(|t| attribution::venue(t, Span::new(0, t.len())));
            for p in &paras[..first_turn.min(6)] {
                if v.is_none() {
                    v = attribution::venue(&self.masked, p.span);
                }
            }
            v
        };
        let mut attr: Option<Attr> = None;
        let mut open = Open::None;
        for (pi, p) in paras.iter().enumerate() {
            if p.heading {
                attr = None;
                open = Open::None;
                self.answer = None;
                continue;
            }
            if let Some(label) = p.label {
                let date = attr.as_ref().and_then(|a| a.date).or(self.running).or(self.reference);
                let venue = attr.as_ref().and_then(|a| a.venue.clone()).or_else(|| header_venue.clone());
                if transcript && self.running.is_none() {
                    self.running = date;
                }
                open = self.turn(p, label, date, venue);
                continue;
            }
            let text = p.span.slice(&self.masked);
            match open {
                Open::Turn(i) => {
                    let cont = if transcript {
                        !is_break_line(text)
                    } else {
                        let speaker = self.out[i].speaker.clone();
                        self.speaks_on(p.span, &speaker)
                    };
                    if cont {
                        self.append(i, p.span);
                        continue;
                    }
                    if is_break_line(text) {
                        open = Open::None;
                        continue;
                    }
                }
                Open::Block(i) => {
                    let speaker = self.out[i].speaker.clone();
                    if self.speaks_on(p.span, &speaker) {
                        self.append(i, p.span);
                        continue;
                    }
                }
                Open::None => {
                    // The first paragraph after an attribution line is its quotation.
                    if let Some(a) = attr.as_ref() {
                        let next_is_turn = paras.get(pi + 1).is_some_and(|n| n.label.is_some());
                        if let Some(sp) = a.speaker.clone() {
                            if !self.ends_with_colon(p.span) || next_is_turn && !self.is_attribution(p.span) {
                                let i =
                                    self.push(sp, a.date, a.venue.clone(), p.span, "block", "block-after-attribution");
                                self.spans.insert(i, vec![p.span]);
                                self.embedded(i);
                                open = Open::Block(i);
                                continue;
                            }
                        }
                    }
                }
            }
            // Narrative resumes.
            open = Open::None;
            self.answer = None;
            attr = self.narrative(p, header_venue.as_deref());
        }
    }

    /// A speaker named by an office (a turn labelled "THE PRESIDENT:", "the President said that
    /// ...") is its holder on the statement's date, in the state more than half of the transcript's
    /// known turn speakers serve (the press secretary's United States in a White House transcript).
    /// Without such a state (a news report has no turns), or a date, it stays as written.
    fn resolve_offices(&mut self) {
        let office_of = |st: &Statement| {
            if st.form == "question" || st.speaker_id.is_some() {
                return None;
            }
            let key = label_key(&st.speaker);
            OFFICE_LABELS.iter().find(|(label, _)| *label == key).map(|(_, office)| *office)
        };
        if !self.out.iter().any(|st| office_of(st).is_some()) {
            return;
        }
        let ctx = self.ctx;
        let mut known = 0usize;
        let mut states: HashMap<String, usize> = HashMap::new();
        for id in self.out.iter().filter(|st| st.form == "turn").filter_map(|st| st.speaker_id.as_deref()) {
            known += 1;
            if let Some(state) = ctx.state_of(id) {
                *states.entry(state).or_default() += 1;
            }
        }
        let Some(home) = states.into_iter().find(|(_, n)| n * 2 > known).map(|(state, _)| state) else {
            return;
        };
        let reference = self.reference;
        for st in self.out.iter_mut() {
            let Some(office) = office_of(st) else { continue };
            let date = st.date.as_deref().and_then(PartialDate::parse_iso).or(reference);
            if let Some(holder) = ctx.office_holder(office, &home, date) {
                st.speaker = holder.name;
                st.speaker_id = holder.id;
                st.role = holder.role;
            }
        }
    }

    fn ends_with_colon(&self, span: Span) -> bool {
        span.slice(&self.masked).trim_end().ends_with(':')
    }

    fn last_sentence(&self, span: Span) -> Span {
        scan::sentences(&self.masked, span).last().copied().unwrap_or(span)
    }

    fn is_attribution(&self, span: Span) -> bool {
        self.ends_with_colon(span) && attribution::is_attribution_line(&self.masked, self.last_sentence(span))
    }

    /// Emits a transcript turn and returns what stays open.
    fn turn(&mut self, p: &Para, label: Label, date: Option<PartialDate>, venue: Option<String>) -> Open {
        let surface = clean_text(label.span.slice(&self.masked));
        let speaker = if label.question {
            Speaker { name: surface.to_uppercase(), id: None, role: Some("journalist".into()), question: true }
        } else {
            let sp = self.resolve(&surface, label.span, date, None);
            let full = if sp.id.is_none() && sp.name == surface {
                let masked = &self.masked;
                self.full_names
                    .entry(surface.clone())
                    .or_insert_with(|| full_name(masked, &surface).or_else(|| turns::name_after_title(&surface)))
                    .clone()
            } else {
                None
            };
            let sp = match full {
                Some(full) => match self.ctx.speaker(&full, date) {
                    Some(r) => Speaker { name: r.name, id: r.id, role: r.role, question: false },
                    None => Speaker { name: full, ..sp },
                },
                None => sp,
            };
            match sp.role {
                Some(_) => sp,
                None => Speaker { role: label_role(&surface, &sp.name), ..sp },
            }
        };
        if label.question && !self.opts.include_questions {
            // Questions still get their embedded speech, then nothing stays open.
            let body = Span::new(label.body_start, p.span.end);
            self.embedded_in(body, date, &speaker);
            return Open::None;
        }
        let body = Span::new(label.body_start.min(p.span.end), p.span.end);
        let body_text = body.slice(&self.masked);
        if speaker.question {
            if let Some(a) = self.answer.as_mut() {
                a.others_words += body_text.split_whitespace().count();
                a.asked |= body_text.trim_end().ends_with('?');
            }
        } else if let Some(a) = self.answer {
            let prior = &self.out[a.stmt];
            let same = prior.speaker == speaker.name && prior.date == date.map(|d| d.to_string());
            if same && a.others_words > 0 && a.others_words <= INTERJECTION_MAX_WORDS && ends_cut_off(&prior.text) {
                if is_floor_only(body_text) {
                    // "Let me finish." keeps the answer open; it is stored as its own turn.
                    let i = self.push(speaker, date, venue, body, "turn", "turn-label");
                    self.spans.insert(i, vec![body]);
                    return Open::Turn(i);
                }
                if !a.asked || resumes(body_text) {
                    self.append(a.stmt, body);
                    self.out[a.stmt].provenance.rule = "turn-resumed".into();
                    self.embedded_in(body, date, &speaker);
                    self.answer = Some(Answer { stmt: a.stmt, others_words: 0, asked: false });
                    return Open::Turn(a.stmt);
                }
            }
        }
        let form = if speaker.question { "question" } else { "turn" };
        let i = self.push(speaker.clone(), date, venue, body, form, "turn-label");
        self.spans.insert(i, vec![body]);
        self.embedded(i);
        if !speaker.question {
            self.note_speaker(&speaker);
            self.answer = Some(Answer { stmt: i, others_words: 0, asked: false });
        }
        Open::Turn(i)
    }

    /// Does paragraph `span` continue the voice of `speaker` (article mode)?
    fn speaks_on(&self, span: Span, speaker: &str) -> bool {
        if self.ends_with_colon(span) {
            return false;
        }
        let qs = quotations(&self.masked, span);
        let ws = words(&self.masked, span);
        let outside = |w: &scan::Word| !qs.iter().any(|q| q.outer.start <= w.start && w.end <= q.outer.end);
        // `US` is the country, not the pronoun.
        let lw: Vec<String> = ws
            .iter()
            .filter(|w| outside(w) && !matches!(w.text(&self.masked), "US" | "U.S"))
            .map(|w| w.text(&self.masked).to_lowercase())
            .collect();
        let surname = surname_key(speaker);
        if surname.len() > 2 && lw.iter().any(|w| w.trim_end_matches("'s").trim_end_matches("\u{2019}s") == surname) {
            return false;
        }
        let first_person = lw.iter().any(|w| FIRST_SECOND_PERSON.contains(&w.as_str()));
        if !first_person {
            return false;
        }
        // Someone named is reported as speaking: the author's voice again.
        for s in scan::sentences(&self.masked, span) {
            let sp = attribution::speech_in_sentence(&self.masked, s, &qs);
            if sp.iter().any(|x| x.subject.kind == SubjectKind::Name) {
                return false;
            }
        }
        true
    }

    /// Processes a narrative paragraph: dates, inline speech, and a closing
    /// attribution line. Returns the attribution now in force, if any.
    fn narrative(&mut self, p: &Para, header_venue: Option<&str>) -> Option<Attr> {
        let qs = quotations(&self.masked, p.span);
        let sents = scan::sentences(&self.masked, p.span);
        let colon = self.ends_with_colon(p.span);
        let mut last_hits: Vec<DateHit> = Vec::new();
        let mut quote_owner: Option<(Speaker, Option<PartialDate>, Option<String>)> = None;
        for (si, s) in sents.iter().enumerate() {
            // Relative dates resolve against the narrative's clock, or the
            // publication date before the text has set one.
            // News names weekdays from the day it is written: only a narrative that set its own
            // date in this paragraph ("On March 3, 2022, ... On Tuesday, ...") counts them from it.
            let weekday_anchor = if self.running_para == Some(p.span.start) {
                self.running.or(self.reference)
            } else {
                self.reference.or(self.running)
            };
            let hits = self.dates_outside(*s, &qs, self.running.or(self.reference), weekday_anchor);
            let is_colon_line = colon && si + 1 == sents.len();
            let speeches = attribution::speech_in_sentence(&self.masked, *s, &qs);
            if !is_colon_line {
                for sp in &speeches {
                    // A date inside what was said dates what it tells, not the saying ("X said
                    // in a statement that 2,000 soldiers had surrendered on Thursday"); a verb
                    // in the present ("Bamako says", "officials say") speaks at publication.
                    // Before the text names any date, what a report says was said was said by its
                    // publication ("X told Reuters that ...").
                    // Words told to the outlet that publishes them ("told Reuters by phone" in a
                    // Reuters story) were said for that story, by its publication.
                    let own: Vec<DateHit> = hits.iter().copied().filter(|h| !sp.content.contains(h.span)).collect();
                    let venue = attribution::venue(&self.masked, *s);
                    let to_publisher = venue
                        .as_deref()
                        .is_some_and(|v| self.doc.meta.outlet.as_deref().is_some_and(|o| label_key(o) == label_key(v)));
                    let present = attribution::present_tense(&self.masked, sp.verb);
                    let sentence_date = dates::pick(&own)
                        .or(if present || to_publisher { self.reference } else { None })
                        .or(self.running)
                        .or(self.reference);
                    let Some(speaker) = self.subject_speaker(&sp.subject, sentence_date, Some(p.span), false) else {
                        continue;
                    };
                    self.emit_speech(sp, speaker.clone(), sentence_date, venue.clone());
                    if sp.form == "direct" {
                        quote_owner = Some((speaker, sentence_date, venue));
                    }
                }
                // A further quotation with no attribution of its own in a
                // paragraph whose earlier quotation was attributed.
                if let Some((sp, d, v)) = quote_owner.clone() {
                    for q in qs.iter().filter(|q| {
                        s.contains(Span::new(q.outer.start, q.outer.start))
                            || s.start <= q.outer.start && q.outer.start < s.end
                    }) {
                        let taken = self.out.iter().any(|st| st.provenance.span.overlaps(q.inner));
                        if !taken && words(&self.masked, q.inner).len() >= 5 {
                            self.push(sp.clone(), d, v.clone(), q.inner, "direct", "quote-continued");
                        }
                    }
                }
            }
            // A look back (`the day before`, `yesterday`) dates an event
            // inside the narrative; it does not move the narrative's clock.
            // Nor does a date inside what someone said ("told the Council that the attacks on 29
            // March had ...").
            // Nor an earlier date in a relative clause ("the deal that Biden outlined on May 31")
            // or a "since" clause ("since the military took power in February 2021").
            let sentence_text = s.slice(&self.masked);
            let breaks = sitrep_text::clauses::clause_breaks(sentence_text, s.start);
            let relatives = sitrep_text::clauses::relative_breaks(sentence_text, s.start);
            let relative = |h: &DateHit| {
                sitrep_text::clauses::in_relative(&breaks, &relatives, h.span.start)
                    || sitrep_text::clauses::after_since(sentence_text, s.start, h.span.start)
            };
            let outside: Vec<DateHit> = hits.iter().copied().filter(|h| !relative(h)).collect();
            let now = dates::pick(&outside).or(self.running).or(self.reference);
            let forward: Vec<DateHit> = hits
                .iter()
                .copied()
                .filter(|h| !h.backward && !speeches.iter().any(|sp| sp.content.contains(h.span)))
                .filter(|h| now.is_none_or(|r| h.date >= r) || !relative(h))
                .collect();
            if let Some(d) = dates::pick(&forward) {
                self.running = Some(d);
                self.running_para = Some(p.span.start);
            }
            last_hits = hits;
        }
        if !colon {
            return None;
        }
        let last = sents.last().copied().unwrap_or(p.span);
        let is_attr = attribution::is_attribution_line(&self.masked, last);
        if !is_attr {
            return None;
        }
        let date = dates::pick(&last_hits).or(self.running);
        let mut inherited = false;
        let speaker = match attribution::colon_line_subject(&self.masked, last) {
            ColonSubject::Found(s) => self.subject_speaker(&s, date, Some(p.span), false),
            ColonSubject::Passive => None,
            // `And again on April 28:` keeps the speaker of the line before.
            ColonSubject::Missing => {
                let ws = words(&self.masked, last);
                let again = ws.iter().any(|w| {
                    matches!(w.text(&self.masked).to_lowercase().as_str(), "again" | "also" | "later" | "added")
                });
                if ws.len() <= 8 || again {
                    inherited = true;
                    self.last_speaker.clone()
                } else {
                    None
                }
            }
        };
        if let Some(sp) = &speaker {
            self.note_speaker(sp);
        }
        let venue = attribution::venue(&self.masked, last)
            .or_else(|| attribution::venue(&self.masked, p.span))
            .or_else(|| if inherited { self.last_venue.clone() } else { None })
            .or_else(|| header_venue.map(str::to_string));
        self.last_venue = venue.clone();
        Some(Attr { speaker, date, venue })
    }

    fn dates_outside(
        &self,
        s: Span,
        qs: &[Quotation],
        anchor: Option<PartialDate>,
        weekday_anchor: Option<PartialDate>,
    ) -> Vec<DateHit> {
        dates::find_dates(&self.masked, s, anchor, weekday_anchor, self.reference)
            .into_iter()
            .filter(|h| !qs.iter().any(|q| q.outer.start <= h.span.start && h.span.end <= q.outer.end))
            .collect()
    }

    /// Speech reported inside statement `i` (a question citing an officer).
    fn embedded(&mut self, i: usize) {
        let span = self.out[i].provenance.span;
        let date = self.out[i].date.as_deref().and_then(PartialDate::parse_iso);
        let speaker = Speaker {
            name: self.out[i].speaker.clone(),
            id: self.out[i].speaker_id.clone(),
            role: None,
            question: false,
        };
        self.embedded_in(span, date, &speaker);
    }

    fn embedded_in(&mut self, span: Span, date: Option<PartialDate>, quoting: &Speaker) {
        if !self.opts.embedded_speech {
            return;
        }
        let qs = quotations(&self.masked, span);
        for s in scan::sentences(&self.masked, span) {
            for sp in attribution::speech_in_sentence(&self.masked, s, &qs) {
                let hits = self.dates_outside(s, &qs, date, date);
                // Speech a turn reports was made by the day of the turn at the latest.
                let d = dates::pick(&hits).or(date);
                let Some(speaker) = self.subject_speaker(&sp.subject, d, None, true) else {
                    continue;
                };
                if speaker.name == quoting.name || surname_key(&speaker.name) == surname_key(&quoting.name) {
                    continue;
                }
                let venue = attribution::venue(&self.masked, s);
                self.emit_speech(&sp, speaker, d, venue);
            }
        }
    }

    fn emit_speech(&mut self, sp: &Speech, speaker: Speaker, date: Option<PartialDate>, venue: Option<String>) {
        if sp.content.is_empty() || self.out.iter().any(|s| s.provenance.span == sp.content) {
            return;
        }
        self.push(speaker.clone(), date, venue, sp.content, sp.form, sp.rule);
        if !speaker.question && sp.subject.kind != SubjectKind::Role {
            self.note_speaker(&speaker);
        }
    }

    /// Turns a grammatical subject into a speaker. `para` bounds the search
    /// for a pronoun's antecedent; `local` restricts it to the sentence.
    fn subject_speaker(
        &self,
        subject: &Subject,
        date: Option<PartialDate>,
        para: Option<Span>,
        local: bool,
    ) -> Option<Speaker> {
        match subject.kind {
            SubjectKind::Name => {
                let surface = clean_text(subject.span.slice(&self.masked));
                Some(self.resolve(&surface, subject.span, date, subject.role.clone()))
            }
            SubjectKind::Role => {
                let role = subject.role.clone().unwrap_or_default();
                let noun = role.rsplit(' ').next().unwrap_or("").to_lowercase();
                if let Some(last) = self
                    .last_speaker
                    .as_ref()
                    .filter(|l| !local && l.role.as_deref().is_some_and(|r| r.to_lowercase().contains(&noun)))
                {
                    return Some(last.clone());
                }
                // "the monitor said", "the war monitor said": the monitoring group the
                // document named before.
                if matches!(noun.as_str(), "monitor" | "watchdog") {
                    let monitor = self.mentions.iter().rev().find(|m| {
                        let n = m.name.to_lowercase();
                        m.actor.is_some()
                            && m.span.end <= subject.span.start
                            && ["observatory", "monitor", "watch", "airwars", "acled"].iter().any(|w| n.contains(w))
                    });
                    if let Some(m) = monitor {
                        return Some(Speaker {
                            name: m.name.clone(),
                            id: m.actor.clone(),
                            role: Some(role),
                            question: false,
                        });
                    }
                }
                // "Ukraine's military", "the Russian defence ministry": the
                // actor the lexicon finds in the phrase speaks.
                // The mention may include the article the role phrase leaves out ("The army").
                if let Some(m) = self.mentions.iter().find(|m| m.actor.is_some() && subject.span.overlaps(m.span)) {
                    return Some(Speaker {
                        name: m.name.clone(),
                        id: m.actor.clone(),
                        role: Some(role),
                        question: false,
                    });
                }
                let name =
                    clean_text(role.trim_start_matches("the ").trim_start_matches("a ").trim_start_matches("an "));
                Some(Speaker { name, id: None, role: Some(role), question: false })
            }
            SubjectKind::Pronoun => {
                // Nearest person named before the pronoun in its sentence (or paragraph).
                let scope_start = if local {
                    self.sentences.iter().rev().find(|(_, s)| s.start <= subject.span.start).map_or(0, |(_, s)| s.start)
                } else {
                    para.map_or(0, |p| p.start)
                };
                let scope = Span::new(scope_start.min(subject.span.start), subject.span.start);
                let runs = name_runs(&self.masked, scope);
                let known = |r: &Span| {
                    let surface = clean_text(r.slice(&self.masked));
                    self.ctx.speaker(&surface, date).is_some()
                        || self.seen_speakers.iter().any(|s| surname_key(&s.name) == surname_key(&surface))
                };
                if let Some(r) = runs.iter().rev().find(|r| known(r)) {
                    let surface = clean_text(r.slice(&self.masked));
                    return Some(self.resolve(&surface, *r, date, None));
                }
                if !local {
                    if let Some(l) = &self.last_speaker {
                        return Some(l.clone());
                    }
                }
                let r = runs.last()?;
                let surface = clean_text(r.slice(&self.masked));
                Some(self.resolve(&surface, *r, date, None))
            }
        }
    }

    /// Resolves a name as written through the mentions and the context.
    fn resolve(&self, surface: &str, span: Span, date: Option<PartialDate>, text_role: Option<String>) -> Speaker {
        let mention = self
            .mentions
            .iter()
            .filter(|m| m.span.overlaps(span))
            .max_by_key(|m| m.span.end.min(span.end).saturating_sub(m.span.start.max(span.start)));
        // A name the lexicon resolved and that holds more than the surface ("UN" of "the UN human
        // rights office") is the speaker; the surface alone would be looked up as a person.
        let wider = mention.filter(|m| m.actor.is_some() && m.span.contains(span) && m.span.len() > span.len());
        // "MS. SINGH:" after "DEPUTY PENTAGON PRESS SECRETARY SABRINA SINGH:", or "Perthes said"
        // after "UN envoy Volker Perthes told reporters", is the person this document named in
        // full, not whoever of that surname the lexicon knows best.
        if wider.is_none() {
            if let Some(seen) = self.seen_by_surname(surface) {
                return Speaker { role: text_role.or(seen.role.clone()), question: false, ..seen.clone() };
            }
        }
        let resolved = match wider {
            Some(m) => self.ctx.speaker(&m.name, date),
            None => self.ctx.speaker(surface, date).or_else(|| mention.and_then(|m| self.ctx.speaker(&m.name, date))),
        };
        match resolved {
            Some(r) => Speaker {
                name: r.name,
                id: r.id.or_else(|| mention.and_then(|m| m.actor.clone())),
                role: r.role.or(text_role),
                question: false,
            },
            None => match mention.filter(|m| {
                m.actor.is_some() && m.span.contains(span)
                    || m.actor.is_some() && span.contains(m.span) && m.span.len() * 2 >= span.len()
            }) {
                Some(m) => Speaker { name: m.name.clone(), id: m.actor.clone(), role: text_role, question: false },
                None => match self.named_before_by_head(surface, span) {
                    Some(m) => Speaker { name: m.name.clone(), id: m.actor.clone(), role: text_role, question: false },
                    None => Speaker { name: surface.to_string(), id: None, role: text_role, question: false },
                },
            },
        }
    }

    /// "The Council said" after "the United Nations Security Council": one capitalised word
    /// that ends a name the document gave in full before `span` is that actor (the nearest).
    fn named_before_by_head(&self, surface: &str, span: Span) -> Option<&Mention> {
        let head = surface.trim_start_matches("the ").trim_start_matches("The ");
        if head.contains(' ') || !head.chars().next().is_some_and(char::is_uppercase) || head.len() < 4 {
            return None;
        }
        self.mentions.iter().rev().filter(|m| m.actor.is_some() && m.span.end <= span.start).find(|m| {
            let written = m.span.slice(&self.masked);
            [written, m.name.as_str()].iter().any(|n| {
                n.len() > head.len()
                    && n.rsplit(' ').next().is_some_and(|last| last.eq_ignore_ascii_case(head))
                    && n.contains(' ')
            })
        })
    }

    /// The speaker named in full earlier in the document whose surname a lone surname
    /// (honorifics aside: "Ms. Singh", "Singh") is.
    fn seen_by_surname(&self, surface: &str) -> Option<&Speaker> {
        let key = label_key(surface);
        if key.contains(' ') || key.chars().count() < 3 {
            return None;
        }
        self.seen_speakers
            .iter()
            .rev()
            .find(|s| !s.question && label_key(&s.name).contains(' ') && surname_key(&s.name) == key)
    }

    fn note_speaker(&mut self, sp: &Speaker) {
        if sp.question {
            return;
        }
        self.last_speaker = Some(sp.clone());
        if !self.seen_speakers.iter().any(|s| s.name == sp.name) {
            self.seen_speakers.push(sp.clone());
        }
    }

    /// The sentence holding byte `pos` (or the last one before it).
    fn sentence_of(&self, pos: usize) -> (usize, Span) {
        let i = self.sentences.partition_point(|(_, s)| s.start <= pos);
        let candidates = &self.sentences[..i];
        candidates
            .iter()
            .rev()
            .find(|(_, s)| pos < s.end)
            .or(candidates.last())
            .copied()
            .unwrap_or((0, Span::new(pos, pos)))
    }

    fn push(
        &mut self,
        sp: Speaker,
        date: Option<PartialDate>,
        venue: Option<String>,
        span: Span,
        form: &str,
        rule: &str,
    ) -> usize {
        let (sentence_index, sentence_span) = self.sentence_of(span.start);
        let start = span.start.to_string();
        let end = span.end.to_string();
        let st = Statement {
            id: record_id("stmt", &[&self.doc.id, &start, &end, form]),
            doc: self.doc.id.clone(),
            speaker: sp.name,
            speaker_id: sp.id,
            role: sp.role,
            date: date.map(|d| d.to_string()).filter(|d| !d.is_empty()),
            venue,
            text: clean_text(span.slice(&self.masked)),
            form: form.to_string(),
            verification: None,
            provenance: Provenance {
                doc: self.doc.id.clone(),
                sentence_index,
                sentence_span,
                span,
                rule: rule.to_string(),
            },
        };
        self.out.push(st);
        self.out.len() - 1
    }

    /// Adds paragraph `span` to the turn or block quote `i`.
    fn append(&mut self, i: usize, span: Span) {
        let spans = self.spans.entry(i).or_default();
        spans.push(span);
        let text = spans.iter().map(|s| clean_text(s.slice(&self.masked))).collect::<Vec<_>>().join("\n\n");
        let st = &mut self.out[i];
        st.provenance.span.end = st.provenance.span.end.max(span.end);
        st.text = text;
        let start = st.provenance.span.start.to_string();
        let end = st.provenance.span.end.to_string();
        st.id = record_id("stmt", &[&self.doc.id, &start, &end, &st.form]);
    }
}

/// The title a turn label gives before the name it ends with: "Deputy Pentagon Press Secretary"
/// of `DEPUTY PENTAGON PRESS SECRETARY SABRINA SINGH` for Sabrina Singh. Honorifics alone
/// (`MS. SINGH`) are no role.
fn label_role(label: &str, name: &str) -> Option<String> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let name_words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    if name_words.is_empty() || words.len() <= name_words.len() {
        return None;
    }
    let split = words.len() - name_words.len();
    let tail_is_name = words[split..].iter().zip(&name_words).all(|(w, n)| w.to_lowercase() == *n);
    if !tail_is_name {
        return None;
    }
    let title = &words[..split];
    if title.iter().all(|w| crate::speaker::is_honorific(&w.trim_end_matches('.').to_lowercase())) {
        return None;
    }
    let cased: Vec<String> = title
        .iter()
        .map(|w| {
            if w.chars().any(char::is_lowercase) {
                return w.to_string();
            }
            let lower = w.to_lowercase();
            if matches!(lower.as_str(), "of" | "for" | "and" | "the" | "on") {
                return lower;
            }
            turns::title_case(w)
        })
        .collect();
    Some(cased.join(" "))
}

/// The full name `text` gives a transcript label's surname: `MR. RHODES` in a
/// transcript titled "... Josh Earnest and Ben Rhodes" is Ben Rhodes. The
/// first "Forename Surname" in the text wins; a label whose surname the text
/// never writes with a forename stays as written.
fn full_name(text: &str, label: &str) -> Option<String> {
    role_holder(text, label).or_else(|| surname_holder(text, label))
}

/// The person a text introduces with a role that is also a turn label:
/// `Spokesman:` in a briefing "by Stéphane Dujarric, Spokesman for the
/// Secretary-General" (or "by Spokesman Stéphane Dujarric") is Stéphane Dujarric.
fn role_holder(text: &str, label: &str) -> Option<String> {
    const ROLES: &[&str] = &["spokesman", "spokeswoman", "spokesperson", "moderator", "briefer", "presenter", "host"];
    let role = label.trim().trim_end_matches(':').to_lowercase();
    if !ROLES.contains(&role.as_str()) {
        return None;
    }
    let ws = words(text, Span::new(0, text.len()));
    let name_word = |k: usize| {
        let w = ws[k].text(text);
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars().count() >= 2
            && !crate::speaker::is_honorific(&w.to_lowercase())
    };
    let gap = |a: usize, b: usize| text.get(ws[a].end..ws[b].start).unwrap_or("");
    for k in 0..ws.len() {
        if ws[k].text(text).to_lowercase() != role {
            continue;
        }
        // "Stéphane Dujarric, Spokesman for ..."
        if k >= 2 && gap(k - 1, k) == ", " && gap(k - 2, k - 1) == " " && name_word(k - 1) && name_word(k - 2) {
            return Some(format!("{} {}", ws[k - 2].text(text), ws[k - 1].text(text)));
        }
        // "Spokesman Stéphane Dujarric"
        if k + 2 < ws.len() && gap(k, k + 1) == " " && gap(k + 1, k + 2) == " " && name_word(k + 1) && name_word(k + 2)
        {
            return Some(format!("{} {}", ws[k + 1].text(text), ws[k + 2].text(text)));
        }
    }
    None
}

fn surname_holder(text: &str, label: &str) -> Option<String> {
    const NOT_FORENAME: &[&str] = &[
        "the", "and", "but", "so", "if", "when", "as", "at", "in", "on", "to", "with", "by", "from", "for", "of",
        "thanks", "thank", "well", "yes", "no", "okay", "oh", "hi", "dear", "that", "this", "what", "how", "why",
    ];
    let key = surname_key(label);
    if key.chars().count() < 3 || !key.chars().all(char::is_alphabetic) {
        return None;
    }
    let ws = words(text, Span::new(0, text.len()));
    for pair in ws.windows(2) {
        let (f, w) = (pair[0].text(text), pair[1].text(text));
        let title_case = w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase);
        if !title_case || w.to_lowercase() != key || text.get(pair[0].end..pair[1].start) != Some(" ") {
            continue;
        }
        let lower = f.to_lowercase();
        let forename = f.chars().next().is_some_and(char::is_uppercase)
            && f.chars().skip(1).all(char::is_lowercase)
            && f.chars().count() >= 2
            && lower != key
            && !NOT_FORENAME.contains(&lower.as_str())
            && !crate::speaker::is_honorific(&lower);
        if forename {
            return Some(format!("{f} {w}"));
        }
    }
    None
}
