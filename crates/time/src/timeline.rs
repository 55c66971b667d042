//! The dates of a whole document, built once and asked per trigger: "which
//! date governs the event at this span of this sentence?"
//!
//! # Carry-over policy
//!
//! Sentences are read in order with one [`TimeContext`], so relative
//! expressions resolve against the narrative as it stands. A trigger gets:
//!
//! 1. the nearest resolvable expression in its clause (clauses end at `;`,
//!    `:`, dashes, and a comma before a conjunction or relative pronoun);
//! 2. else the nearest resolvable expression in its sentence;
//! 3. else the running date carried from earlier sentences:
//!    - in the paragraph where the running date was last set: at day precision
//!      (the clock time is dropped: the next sentence need not be the same hour);
//!    - in the next narrative paragraph: at month precision;
//!    - further on: nothing. A new date anywhere resets the count.
//! 4. Quoted speech is its own frame. A paragraph that opens with a speaker
//!    label ("MR TONER:", "QUESTION:", "Q") or follows a paragraph ending in a
//!    colon ("Mr Kirby said:") is speech; consecutive speech paragraphs form a
//!    block. The block takes the running date at its start as its speech date:
//!    deictic expressions inside ("yesterday", "About 10 days ago") count from
//!    it, every sentence without its own date carries it at full precision
//!    (that is when the words were said), and nothing said inside moves the
//!    narrative's running date, which resumes after the block as it was.

use crate::expr::TimeExpr;
use crate::resolve::{Resolved, TimeContext};
use crate::scan::find_time_expressions;
use sitrep_model::{DatePrecision, PartialDate, Sentence, Span};
use std::collections::HashMap;

/// A time expression with its resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedExpr {
    pub expr: TimeExpr,
    pub resolved: Resolved,
}

#[derive(Clone, Debug)]
struct SentenceDates {
    span: Span,
    exprs: Vec<ResolvedExpr>,
    /// Clause boundaries (byte offsets) inside the sentence.
    breaks: Vec<usize>,
    /// The breaks that open a relative clause (", where ...", ", which ...", ", who ...").
    relatives: Vec<usize>,
    carried: Option<Resolved>,
    speech: Option<Resolved>,
}

/// The resolved dates of one document. See the module docs for the policy.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    doc_date: Option<PartialDate>,
    sentences: Vec<SentenceDates>,
    by_index: HashMap<usize, usize>,
}

impl Timeline {
    /// Scans and resolves every sentence of a document, in order. `sentences`
    /// are the segmenter's sentences (spans into `text`); a sentence's
    /// `paragraph` field groups them into paragraphs.
    pub fn build(text: &str, sentences: &[Sentence], doc_date: Option<PartialDate>) -> Timeline {
        let mut ctx = TimeContext::new(doc_date);
        let mut out = Vec::with_capacity(sentences.len());
        let mut by_index = HashMap::with_capacity(sentences.len());
        // Narrative paragraph counter and the paragraph where the running date last moved.
        let mut narrative_par = 0usize;
        let mut set_in: Option<usize> = None;
        // Whether the paragraph that last moved the running date was one sentence.
        let mut set_alone = false;
        let mut saved: Option<(TimeContext, Option<usize>)> = None;
        let mut speech_date: Option<Resolved> = None;
        // Whether the previous paragraph ended in a colon, and if so whether
        // its last words name an act of speaking.
        let mut prev_colon: Option<bool> = None;
        let mut k = 0;
        while k < sentences.len() {
            let par = sentences[k].paragraph;
            let mut end = k + 1;
            while end < sentences.len() && sentences[end].paragraph == par {
                end += 1;
            }
            let group = &sentences[k..end];
            let first = group[0].span;
            let last = group[group.len() - 1].span;
            let ptext = Span::new(first.start, last.end.max(first.start)).slice(text);
            let speech = starts_with_speaker(ptext) || prev_colon.is_some_and(|verb| verb || sounds_spoken(ptext));
            prev_colon = ends_with_colon(ptext).then(|| introduces_speech(ptext));
            if speech && saved.is_none() {
                let running = ctx.running;
                speech_date = running.map(|r| Resolved::carried(r.date));
                ctx.speech_date = running.map(|r| r.date).or(doc_date);
                saved = Some((ctx.clone(), set_in));
            } else if !speech {
                if let Some((c, s)) = saved.take() {
                    ctx = c;
                    ctx.speech_date = None;
                    set_in = s;
                    speech_date = None;
                }
                narrative_par += 1;
            }
            for s in group {
                let carried = if speech {
                    speech_date.clone()
                } else {
                    match (ctx.running, set_in) {
                        (Some(r), Some(p)) if narrative_par == p => {
                            Some(Resolved::carried(r.date).coarsened(DatePrecision::Day))
                        }
                        // Wire copy sets one sentence a paragraph: the paragraph after a
                        // one-sentence paragraph that dated the story keeps its day.
                        (Some(r), Some(p)) if narrative_par == p + 1 && set_alone => {
                            Some(Resolved::carried(r.date).coarsened(DatePrecision::Day))
                        }
                        (Some(r), Some(p)) if narrative_par == p + 1 => {
                            Some(Resolved::carried(r.date).coarsened(DatePrecision::Month))
                        }
                        _ => None,
                    }
                    .filter(Resolved::is_known)
                };
                let before = ctx.running;
                ctx.running_here = speech || set_in == Some(narrative_par);
                let breaks = sitrep_text::clauses::clause_breaks(s.span.slice(text), s.span.start);
                let relatives = sitrep_text::clauses::relative_breaks(s.span.slice(text), s.span.start);
                let exprs: Vec<ResolvedExpr> = find_time_expressions(text, s.span)
                    .into_iter()
                    .map(|expr| {
                        let at = expr.span.start;
                        let held = ctx.running;
                        let resolved = ctx.resolve(&expr);
                        // "the deal that Biden outlined on May 31": a relative clause's
                        // earlier date tells what it describes, not where the story stands.
                        let back = matches!((ctx.running, held), (Some(n), Some(h)) if n.date < h.date);
                        // Nor does the start of what still holds ("the first time since the
                        // military took power in February 2021").
                        let slice = s.span.slice(text);
                        let background = sitrep_text::clauses::in_relative(&breaks, &relatives, at)
                            || sitrep_text::clauses::after_since(slice, s.span.start, at);
                        if back && background {
                            ctx.running = held;
                        }
                        // "On March 3, 2022, ... on Tuesday": a date set here frames what follows.
                        ctx.running_here |= ctx.running != before;
                        ResolvedExpr { resolved, expr }
                    })
                    .collect();
                if ctx.running != before && !speech {
                    set_in = Some(narrative_par);
                    set_alone = group.len() == 1;
                }
                by_index.insert(s.index, out.len());
                out.push(SentenceDates {
                    span: s.span,
                    breaks,
                    relatives,
                    exprs,
                    carried,
                    speech: if speech { speech_date.clone() } else { None },
                });
            }
            k = end;
        }
        Timeline { doc_date, sentences: out, by_index }
    }

    fn get(&self, sentence_index: usize) -> Option<&SentenceDates> {
        self.by_index.get(&sentence_index).and_then(|&i| self.sentences.get(i))
    }

    /// The date governing a trigger at `span` in sentence `sentence_index`
    /// (the segmenter's `Sentence::index`), or `None` when no date is in reach.
    pub fn date_for(&self, sentence_index: usize, span: Span) -> Option<Resolved> {
        let s = self.get(sentence_index)?;
        let known: Vec<&ResolvedExpr> = s.exprs.iter().filter(|e| e.resolved.is_known()).collect();
        if known.is_empty() {
            return s.carried.clone();
        }
        let clause = |at: usize| s.breaks.iter().filter(|b| **b <= at).count();
        let here = clause(span.start);
        let distance = |e: &ResolvedExpr| {
            let x = e.expr.span;
            if x.overlaps(span) {
                0
            } else if x.end <= span.start {
                // Before the trigger wins a tie: "On May 5 they attacked".
                2 * (span.start - x.end)
            } else {
                2 * (x.start - span.end) + 1
            }
        };
        let same_clause: Vec<&ResolvedExpr> =
            known.iter().copied().filter(|e| clause(e.expr.span.start) == here).collect();
        // "withdrawing from Kursk, where they have held ground since August 2024": a relative
        // clause's date is of what it tells, not of the clause it hangs on.
        let relative_of_other = |e: &ResolvedExpr| {
            let c = clause(e.expr.span.start);
            c != here && c > 0 && s.relatives.contains(&s.breaks[c - 1])
        };
        let elsewhere: Vec<&ResolvedExpr> = known.iter().copied().filter(|e| !relative_of_other(e)).collect();
        if same_clause.is_empty() && elsewhere.is_empty() {
            return s.carried.clone();
        }
        let pool = if same_clause.is_empty() { &elsewhere } else { &same_clause };
        let best = pool.iter().min_by_key(|e| distance(e))?;
        // "Thirteen hours later at that day's briefing": when another
        // expression of the clause pins the same date more finely, use it.
        let finer = pool
            .iter()
            .filter(|e| {
                rank(e.resolved.precision) < rank(best.resolved.precision) && within(&e.resolved, &best.resolved)
            })
            .min_by_key(|e| distance(e));
        Some(finer.unwrap_or(best).resolved.clone())
    }

    /// The running date carried into sentence `sentence_index` from earlier
    /// sentences, whatever the sentence names itself.
    pub fn carried(&self, sentence_index: usize) -> Option<Resolved> {
        self.get(sentence_index)?.carried.clone()
    }

    /// The date the words of a quote or transcript turn were spoken, when
    /// sentence `sentence_index` is inside one (see the module docs).
    pub fn speech_date(&self, sentence_index: usize) -> Option<Resolved> {
        self.get(sentence_index)?.speech.clone()
    }

    /// The expressions found in a sentence, with their resolutions.
    pub fn expressions(&self, sentence_index: usize) -> &[ResolvedExpr] {
        self.get(sentence_index).map_or(&[], |s| s.exprs.as_slice())
    }

    /// Every sentence's span and expressions, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (Span, &[ResolvedExpr])> {
        self.sentences.iter().map(|s| (s.span, s.exprs.as_slice()))
    }

    pub fn doc_date(&self) -> Option<PartialDate> {
        self.doc_date
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

/// True when `inner` lies inside `outer`'s interval at `outer`'s precision.
fn within(inner: &Resolved, outer: &Resolved) -> bool {
    let cut = |d: PartialDate, p: DatePrecision| match p {
        DatePrecision::Hour | DatePrecision::Day => d,
        DatePrecision::Month => PartialDate { day: None, ..d },
        DatePrecision::Year => PartialDate { month: None, day: None, ..d },
    };
    let p = outer.precision;
    let key = |d: PartialDate| (d.year, d.month, d.day);
    key(cut(inner.start, p)) >= key(cut(outer.start, p)) && key(cut(inner.end, p)) <= key(cut(outer.end, p))
}

/// "MR TONER:", "QUESTION:", "Q:", "MR. EARNEST:", "Q " at a paragraph start.
fn starts_with_speaker(p: &str) -> bool {
    let p = p.trim_start_matches(['*', '_', '>', ' ', '\t']);
    if let Some(rest) = p.strip_prefix('Q') {
        if rest.starts_with([' ', ':', '.']) {
            return true;
        }
    }
    let Some(colon) = p.get(..60.min(p.len())).and_then(|h| h.find(':')) else {
        return false;
    };
    let label = &p[..colon];
    label.chars().any(char::is_alphabetic)
        && label.chars().all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-' | '\u{2019}'))
}

/// True when the end of a colon-ended paragraph introduces words ("Mr Kirby
/// said:", "the following was said:"), not a picture or a list.
fn introduces_speech(p: &str) -> bool {
    const VERBS: &[&str] = &[
        "said",
        "says",
        "say",
        "stated",
        "told",
        "added",
        "asked",
        "replied",
        "answered",
        "explained",
        "wrote",
        "noted",
        "declared",
        "announced",
        "insisted",
        "remarked",
        "commented",
        "argued",
        "claimed",
        "talking",
        "saying",
        "speaking",
        "statement",
        "briefing",
        "tweeted",
        "warned",
    ];
    let tail_start = p.len().saturating_sub(120);
    let mut cut = tail_start;
    while !p.is_char_boundary(cut) {
        cut += 1;
    }
    p[cut..].split(|c: char| !c.is_alphabetic()).any(|w| VERBS.iter().any(|v| w.eq_ignore_ascii_case(v)))
}

/// True when a paragraph reads as someone speaking: first or second person
/// in its opening.
fn sounds_spoken(p: &str) -> bool {
    let mut cut = p.len().min(400);
    while !p.is_char_boundary(cut) {
        cut -= 1;
    }
    p[..cut].split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '\u{2019}')).any(|w| {
        matches!(
            w,
            "I" | "I'm" | "I've" | "we" | "We" | "we're" | "We're" | "we've" | "our" | "Our" | "us" | "you" | "You"
        )
    })
}

fn ends_with_colon(p: &str) -> bool {
    p.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_')).ends_with(':')
}
