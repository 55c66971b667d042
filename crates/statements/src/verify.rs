//! Quote verification: does a quotation appear in the primary source it
//! cites, and what was changed or cut?
//!
//! Quotes and primary utterances are reduced to normalised word tokens
//! (case, curly quotes, dashes and punctuation folded; contractions expanded
//! so `don't` matches `do not`; number words as digits; `(inaudible)`,
//! `(Laughter.)` dropped). The quote is then aligned end to end against the
//! best stretch of each candidate utterance (a fitting variant of
//! Smith-Waterman on tokens), where an ellipsis or `[...]` in the quote may
//! skip any number of primary words for free.
//!
//! Status rules:
//! - `exact`: every quote word aligned, no edits, and the cut is harmless;
//! - `truncated`: exact, but the words omitted next to a cut (the four words
//!   of a cut sentence nearest the cut, words elided by an ellipsis, or a
//!   following sentence that opens with a qualifier) contain a negation,
//!   contrast or condition
//!   (`not`, `but`, `however`, `unless`, `if`, `only`, ...), so the cut may
//!   change the sense; the omitted text is reported as `delete` edits;
//! - `altered`: similarity >= [`ALTERED_MIN`] with word edits (insert,
//!   delete, replace); bracketed editorial insertions (`[the Russians]`) are
//!   not counted as alterations;
//! - `not_found`: nothing of the same speaker in the date window aligns well.
//!
//! Speed: [`PrimaryIndex`] groups primary statements by speaker and indexes
//! token bigrams, so each quote is aligned only against the few utterances
//! that share the most bigrams with it.

use crate::dates::day_range;
use crate::scan::{self, words};
use crate::speaker::surname_key;
use sitrep_model::{Document, Edit, PartialDate, Span, Statement, Verification};
use std::collections::HashMap;

/// Least similarity for `altered`; below it a quote is `not_found`.
pub const ALTERED_MIN: f64 = 0.6;

/// How many omitted words next to a cut are read for a sense marker.
const ADJACENT: usize = 4;

/// Candidate utterances aligned per quote.
const CANDIDATES: usize = 4;

const SENSE_MARKERS: &[&str] = &[
    "not",
    "no",
    "never",
    "neither",
    "nor",
    "none",
    "nobody",
    "nothing",
    "without",
    "but",
    "however",
    "although",
    "though",
    "yet",
    "whereas",
    "except",
    "despite",
    "nevertheless",
    "nonetheless",
    "unless",
    "if",
    "only",
    "provided",
    "otherwise",
    "instead",
];

const OPENING_QUALIFIERS: &[&str] = &[
    "but",
    "however",
    "although",
    "though",
    "yet",
    "unless",
    "except",
    "only",
    "still",
    "nevertheless",
    "nonetheless",
    "not",
    "no",
    "that",
    "otherwise",
    "instead",
];

const DROPPED_ASIDES: &[&str] =
    &["inaudible", "laughter", "applause", "crosstalk", "unintelligible", "sic", "audio", "break", "pause"];

const NUMBER_WORDS: &[(&str, &str)] = &[
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("hundred", "100"),
    ("percent", "%"),
    ("per", "per"),
];

/// One normalised token with the byte range of the word it came from.
#[derive(Clone, Debug)]
struct Tok {
    norm: String,
    src: Span,
    kind: TokKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokKind {
    Word,
    /// Inside `[...]` in a quote: an editor's insertion.
    Editorial,
    /// An ellipsis or `[...]`: any number of primary words left out.
    Gap,
}

/// Normalised tokens of `text`.
fn tokens(text: &str, is_quote: bool) -> Vec<Tok> {
    let mut out = Vec::new();
    // Bracketed stretches: asides to drop, elisions, editorial insertions.
    let mut asides: Vec<(Span, TokKind)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'(' || bytes[i] == b'[' {
            let close = if bytes[i] == b'(' { b')' } else { b']' };
            if let Some(len) = bytes[i + 1..].iter().take(80).position(|b| *b == close) {
                let inner = &text[i + 1..i + 1 + len];
                let lw = inner.to_lowercase();
                let span = Span::new(i, i + len + 2);
                let elision = inner.trim().chars().all(|c| c == '.' || c == '\u{2026}' || c.is_whitespace())
                    && !inner.trim().is_empty();
                if elision || DROPPED_ASIDES.iter().any(|a| lw.contains(a)) && lw.split_whitespace().count() <= 3 {
                    asides.push((span, if is_quote { TokKind::Gap } else { TokKind::Word }));
                } else if bytes[i] == b'[' && is_quote {
                    asides.push((span, TokKind::Editorial));
                }
                i += len + 2;
                continue;
            }
        }
        i += 1;
    }
    // Ellipses outside brackets.
    let mut gaps: Vec<usize> = Vec::new();
    if is_quote {
        let mut from = 0;
        while let Some(p) =
            text[from..].find("...").map(|p| p + from).or_else(|| text[from..].find('\u{2026}').map(|p| p + from))
        {
            if !asides.iter().any(|(s, _)| s.start <= p && p < s.end) {
                gaps.push(p);
            }
            from = p + 3.min(text.len() - p);
            if from >= text.len() {
                break;
            }
        }
        // Also catch a lone `…` when "..." was found first.
        for (p, c) in text.char_indices() {
            if c == '\u{2026}' && !gaps.contains(&p) && !asides.iter().any(|(s, _)| s.start <= p && p < s.end) {
                gaps.push(p);
            }
        }
        gaps.sort_unstable();
    }
    let mut gi = 0;
    let mut emitted_asides = vec![false; asides.len()];
    for w in words(text, Span::new(0, text.len())) {
        while gi < gaps.len() && gaps[gi] < w.start {
            out.push(Tok { norm: String::new(), src: Span::new(gaps[gi], gaps[gi]), kind: TokKind::Gap });
            gi += 1;
        }
        if let Some(ai) = asides.iter().position(|(s, _)| s.start <= w.start && w.end <= s.end) {
            let (span, kind) = asides[ai];
            match kind {
                TokKind::Gap if !emitted_asides[ai] => {
                    out.push(Tok { norm: String::new(), src: span, kind: TokKind::Gap })
                }
                TokKind::Editorial => push_norm(&mut out, w.text(text), w.span(), TokKind::Editorial),
                _ => {}
            }
            emitted_asides[ai] = true;
            continue;
        }
        push_norm(&mut out, w.text(text), w.span(), TokKind::Word);
    }
    while gi < gaps.len() {
        out.push(Tok { norm: String::new(), src: Span::new(gaps[gi], gaps[gi]), kind: TokKind::Gap });
        gi += 1;
    }
    for (ai, (span, kind)) in asides.iter().enumerate() {
        if *kind == TokKind::Gap && !emitted_asides[ai] {
            let at = out.partition_point(|t| t.src.start < span.start);
            out.insert(at, Tok { norm: String::new(), src: *span, kind: TokKind::Gap });
        }
    }
    // Leading and trailing elisions only say the quote is a part: no-ops.
    while out.first().is_some_and(|t| t.kind == TokKind::Gap) {
        out.remove(0);
    }
    while out.last().is_some_and(|t| t.kind == TokKind::Gap) {
        out.pop();
    }
    out
}

fn push_norm(out: &mut Vec<Tok>, word: &str, src: Span, kind: TokKind) {
    let w = word.to_lowercase().replace('\u{2019}', "'").replace('.', "");
    for part in w.split(['-', '\u{2010}', '\u{2011}', '&']).filter(|p| !p.is_empty()) {
        for n in expand(part) {
            let n = NUMBER_WORDS.iter().find(|(a, _)| *a == n).map_or(n.clone(), |(_, d)| d.to_string());
            out.push(Tok { norm: n, src, kind });
        }
    }
}

/// Expands contractions so transcripts and quotes agree on `do not`/`don't`.
fn expand(w: &str) -> Vec<String> {
    let special: &[(&str, &[&str])] = &[
        ("won't", &["will", "not"]),
        ("can't", &["can", "not"]),
        ("cannot", &["can", "not"]),
        ("shan't", &["shall", "not"]),
        ("let's", &["let", "us"]),
        ("it's", &["it", "is"]),
        ("that's", &["that", "is"]),
        ("there's", &["there", "is"]),
        ("what's", &["what", "is"]),
        ("here's", &["here", "is"]),
        ("he's", &["he", "is"]),
        ("she's", &["she", "is"]),
        ("who's", &["who", "is"]),
    ];
    if let Some((_, parts)) = special.iter().find(|(k, _)| *k == w) {
        return parts.iter().map(|p| p.to_string()).collect();
    }
    for (suffix, full) in
        [("n't", "not"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am")]
    {
        if let Some(stem) = w.strip_suffix(suffix) {
            if !stem.is_empty() {
                return vec![stem.to_string(), full.to_string()];
            }
        }
    }
    if let Some(stem) = w.strip_suffix("'s") {
        return vec![stem.to_string()];
    }
    vec![w.trim_matches('\'').to_string()]
}

/// A primary utterance prepared for alignment.
struct Utterance<'a> {
    doc: &'a Document,
    st: &'a Statement,
    toks: Vec<Tok>,
    ids: Vec<u32>,
    /// Token index where each sentence starts, ascending, plus the end.
    sentence_starts: Vec<usize>,
    speaker_key: String,
    days: Option<(i64, i64)>,
}

/// Primary statements indexed for fast verification of many quotes.
pub struct PrimaryIndex<'a> {
    utterances: Vec<Utterance<'a>>,
    vocab: HashMap<String, u32>,
    bigrams: HashMap<(u32, u32), Vec<u32>>,
    by_speaker: HashMap<String, Vec<u32>>,
    by_id: HashMap<String, Vec<u32>>,
}

fn statement_days(st: &Statement) -> Option<(i64, i64)> {
    st.date.as_deref().and_then(PartialDate::parse_iso).and_then(day_range)
}

fn speaker_key(name: &str) -> String {
    surname_key(name)
}

impl<'a> PrimaryIndex<'a> {
    /// Indexes the statements of the primary documents.
    pub fn new(primaries: &[(&'a Document, &'a [Statement])]) -> PrimaryIndex<'a> {
        let mut idx = PrimaryIndex {
            utterances: Vec::new(),
            vocab: HashMap::new(),
            bigrams: HashMap::new(),
            by_speaker: HashMap::new(),
            by_id: HashMap::new(),
        };
        for (doc, sts) in primaries {
            for st in sts.iter() {
                idx.add(doc, st);
            }
        }
        idx
    }

    fn add(&mut self, doc: &'a Document, st: &'a Statement) {
        let toks = tokens(&st.text, false);
        if toks.is_empty() {
            return;
        }
        let n = self.vocab.len();
        let ids: Vec<u32> = toks
            .iter()
            .map(|t| {
                let next = u32::try_from(self.vocab.len()).unwrap_or(u32::MAX / 2);
                *self.vocab.entry(t.norm.clone()).or_insert(next)
            })
            .collect();
        let _ = n;
        let mut sentence_starts = Vec::new();
        for s in scan::sentences(&st.text, Span::new(0, st.text.len())) {
            let at = toks.partition_point(|t| t.src.start < s.start);
            if sentence_starts.last() != Some(&at) {
                sentence_starts.push(at);
            }
        }
        if sentence_starts.first() != Some(&0) {
            sentence_starts.insert(0, 0);
        }
        sentence_starts.push(toks.len());
        let u = u32::try_from(self.utterances.len()).unwrap_or(u32::MAX);
        for w in ids.windows(2) {
            let list = self.bigrams.entry((w[0], w[1])).or_default();
            if list.last() != Some(&u) {
                list.push(u);
            }
        }
        self.by_speaker.entry(speaker_key(&st.speaker)).or_default().push(u);
        if let Some(id) = &st.speaker_id {
            self.by_id.entry(id.clone()).or_default().push(u);
        }
        self.utterances.push(Utterance {
            doc,
            st,
            toks,
            ids,
            sentence_starts,
            speaker_key: speaker_key(&st.speaker),
            days: statement_days(st),
        });
    }

    /// Number of indexed utterances.
    pub fn len(&self) -> usize {
        self.utterances.len()
    }

    pub fn is_empty(&self) -> bool {
        self.utterances.is_empty()
    }

    /// Verifies one quote against the primary utterances of the same
    /// speaker within `window_days` of its date (all of them when the
    /// speaker or date is unknown to the index).
    pub fn verify(&self, quote: &Statement, window_days: i64) -> Verification {
        let qtoks = tokens(&quote.text, true);
        let mut unknown = u32::MAX;
        let qids: Vec<u32> = qtoks
            .iter()
            .map(|t| {
                if t.kind == TokKind::Gap {
                    return u32::MAX;
                }
                self.vocab.get(&t.norm).copied().unwrap_or_else(|| {
                    unknown -= 1;
                    unknown
                })
            })
            .collect();
        let content = qtoks.iter().filter(|t| t.kind == TokKind::Word).count();
        let none = Verification { status: "not_found".into(), primary_doc: None, similarity: 0.0, edits: Vec::new() };
        if content == 0 {
            return none;
        }
        let pool: Option<&Vec<u32>> = quote
            .speaker_id
            .as_ref()
            .and_then(|id| self.by_id.get(id))
            .or_else(|| self.by_speaker.get(&speaker_key(&quote.speaker)));
        let qdays = quote.date.as_deref().and_then(PartialDate::parse_iso).and_then(day_range);
        let in_window = |u: &Utterance| match (qdays, u.days) {
            (Some((qlo, qhi)), Some((lo, hi))) => qlo - hi <= window_days && lo - qhi <= window_days,
            _ => true,
        };
        let allowed = |ui: u32| -> bool {
            let u = &self.utterances[ui as usize];
            pool.is_none_or(|p| p.binary_search(&ui).is_ok())
                && in_window(u)
                && (pool.is_some() || u.speaker_key != "q" && u.speaker_key != "question")
        };
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for w in qids.windows(2) {
            if let Some(list) = self.bigrams.get(&(w[0], w[1])) {
                for &u in list {
                    if allowed(u) {
                        *shared.entry(u).or_default() += 1;
                    }
                }
            }
        }
        if shared.is_empty() {
            // A one- or two-word quote has no bigrams; try the pool directly.
            if content <= 2 {
                if let Some(p) = pool {
                    for &u in p.iter().filter(|u| allowed(**u)) {
                        shared.insert(u, 0);
                    }
                }
            }
        }
        let mut cands: Vec<(u32, usize)> = shared.into_iter().collect();
        cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(CANDIDATES);
        let trimmed = quote.text.trim_end_matches(['"', '\u{201d}', '\'', ' ']);
        let bounds = (
            quote.text.trim_start_matches(['"', '\u{201c}', '[', ' ']).starts_with(char::is_uppercase),
            trimmed.ends_with(['.', '!', '?']),
        );
        let mut best: Option<(Alignment, u32)> = None;
        for (u, _) in cands {
            let a = align(&qtoks, &qids, &self.utterances[u as usize], bounds);
            if best.as_ref().is_none_or(|(b, _)| a.similarity > b.similarity) {
                best = Some((a, u));
            }
        }
        let Some((a, u)) = best else { return none };
        let utt = &self.utterances[u as usize];
        if a.similarity < ALTERED_MIN || a.matches < content.min(3) {
            return Verification { similarity: round3(a.similarity), ..none };
        }
        let primary_doc = Some(utt.doc.id.clone());
        let edits = a.edits(&quote.text, &qtoks, utt);
        if !edits.is_empty() {
            return Verification { status: "altered".into(), primary_doc, similarity: round3(a.similarity), edits };
        }
        let omitted = a.sense_changing_cuts(utt);
        if omitted.is_empty() {
            Verification { status: "exact".into(), primary_doc, similarity: 1.0, edits: Vec::new() }
        } else {
            let edits =
                omitted.into_iter().map(|p| Edit { op: "delete".into(), quoted: String::new(), primary: p }).collect();
            Verification { status: "truncated".into(), primary_doc, similarity: 1.0, edits }
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Verifies `quote` against the statements of primary documents; see the
/// module documentation for the status rules. For many quotes build one
/// [`PrimaryIndex`] and call [`PrimaryIndex::verify`] instead.
pub fn verify(quote: &Statement, primaries: &[(&Document, &[Statement])], window_days: i64) -> Verification {
    PrimaryIndex::new(primaries).verify(quote, window_days)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Match(usize, usize),
    Sub(usize, usize),
    /// A quote word with no primary counterpart.
    Ins(usize),
    /// A primary word left out of the quote.
    Del(usize),
    /// Primary words `from..to` skipped at quote gap `i`.
    Skip(usize, usize, usize),
}

struct Alignment {
    ops: Vec<Op>,
    matches: usize,
    similarity: f64,
    /// Primary token range covered.
    start: usize,
    end: usize,
}

const MATCH: i32 = 2;
const MISMATCH: i32 = -1;
const GAP: i32 = -1;

/// Fitting alignment: the whole quote against the best stretch of the utterance.
fn align(q: &[Tok], qids: &[u32], u: &Utterance, bounds: (bool, bool)) -> Alignment {
    let m = q.len();
    let n = u.ids.len();
    let w = n + 1;
    let mut h = vec![0i32; (m + 1) * w];
    // Backpointers: 0 stop, 1 diag, 2 up (quote word unmatched), 3 left (primary word dropped), 4 skip.
    let mut bt = vec![0u8; (m + 1) * w];
    let mut skip_from = vec![0u32; (m + 1) * w];
    for i in 1..=m {
        let kind = q[i - 1].kind;
        let free = kind == TokKind::Editorial;
        if kind == TokKind::Gap {
            let mut best = i32::MIN;
            let mut arg = 0usize;
            for j in 0..=n {
                let prev = h[(i - 1) * w + j];
                if prev > best {
                    best = prev;
                    arg = j;
                }
                h[i * w + j] = best;
                bt[i * w + j] = 4;
                skip_from[i * w + j] = u32::try_from(arg).unwrap_or(0);
            }
            continue;
        }
        h[i * w] = h[(i - 1) * w] + if free { 0 } else { GAP };
        bt[i * w] = 2;
        for j in 1..=n {
            let same = qids[i - 1] == u.ids[j - 1];
            let diag = h[(i - 1) * w + j - 1]
                + if same {
                    MATCH
                } else if free {
                    0
                } else {
                    MISMATCH
                };
            let up = h[(i - 1) * w + j] + if free { 0 } else { GAP };
            let left = h[i * w + j - 1] + GAP;
            let (v, b) = if diag >= up && diag >= left {
                (diag, 1)
            } else if up >= left {
                (up, 2)
            } else {
                (left, 3)
            };
            h[i * w + j] = v;
            bt[i * w + j] = b;
        }
    }
    let mut end = 0usize;
    for j in 0..=n {
        if h[m * w + j] > h[m * w + end] {
            end = j;
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (m, end);
    while i > 0 {
        match bt[i * w + j] {
            1 => {
                ops.push(if qids[i - 1] == u.ids[j - 1] { Op::Match(i - 1, j - 1) } else { Op::Sub(i - 1, j - 1) });
                i -= 1;
                j -= 1;
            }
            2 => {
                ops.push(Op::Ins(i - 1));
                i -= 1;
            }
            3 => {
                ops.push(Op::Del(j - 1));
                j -= 1;
            }
            4 => {
                let from = skip_from[i * w + j] as usize;
                ops.push(Op::Skip(i - 1, from, j));
                i -= 1;
                j = from;
            }
            _ => break,
        }
    }
    ops.reverse();
    let mut start = j;
    // A fitting alignment prefers leaving changed words at the quote's edge
    // unmatched (`... signed onto the ceasefire.` stops before `cessation of
    // hostilities`). When the quote claims to start or end a sentence, the
    // rest of that primary sentence is what its edge words replaced.
    let (starts_sentence, ends_sentence) = bounds;
    let lead = ops.iter().take_while(|o| matches!(o, Op::Ins(_))).count();
    if starts_sentence && lead > 0 {
        let s = u.sentence_starts.iter().rev().find(|s| **s <= start).copied().unwrap_or(0);
        if s < start && start - s <= lead + 4 {
            let dels: Vec<Op> = (s..start).map(Op::Del).collect();
            ops.splice(0..0, dels);
            start = s;
        }
    }
    let trail = ops.iter().rev().take_while(|o| matches!(o, Op::Ins(_))).count();
    if ends_sentence && trail > 0 && end > 0 {
        let e = u.sentence_starts.iter().find(|s| **s >= end).copied().unwrap_or(n);
        if e > end && e - end <= trail + 4 {
            ops.extend((end..e).map(Op::Del));
            end = e;
        }
    }
    let matches = ops.iter().filter(|o| matches!(o, Op::Match(..))).count();
    let skipped: usize = ops.iter().map(|o| if let Op::Skip(_, a, b) = o { b - a } else { 0 }).sum();
    let q_len = q.iter().filter(|t| t.kind == TokKind::Word).count();
    let editorial_matches =
        ops.iter().filter(|o| matches!(o, Op::Match(i, _) if q[*i].kind == TokKind::Editorial)).count();
    let editorial_subs = ops.iter().filter(|o| matches!(o, Op::Sub(i, _) if q[*i].kind == TokKind::Editorial)).count();
    let p_len = (end - start).saturating_sub(skipped).saturating_sub(editorial_subs);
    let word_matches = matches - editorial_matches;
    let similarity = if q_len + p_len == 0 {
        0.0
    } else {
        (2 * word_matches) as f64 / (q_len + p_len.saturating_sub(editorial_matches)) as f64
    };
    Alignment { ops, matches: word_matches, similarity: similarity.min(1.0), start, end }
}

impl Alignment {
    /// Word edits, grouping adjacent non-matching operations; editorial
    /// brackets and elisions are not edits.
    fn edits(&self, qtext: &str, q: &[Tok], u: &Utterance) -> Vec<Edit> {
        let mut out = Vec::new();
        let mut qs: Vec<Span> = Vec::new();
        let mut ps: Vec<Span> = Vec::new();
        let flush = |qs: &mut Vec<Span>, ps: &mut Vec<Span>, out: &mut Vec<Edit>| {
            if qs.is_empty() && ps.is_empty() {
                return;
            }
            let quoted = join_spans(qtext, qs);
            let primary = join_spans(&u.st.text, ps);
            let op = match (qs.is_empty(), ps.is_empty()) {
                (false, true) => "insert",
                (true, false) => "delete",
                _ => "replace",
            };
            // Punctuation-only or case-only differences never get here: tokens are normalised.
            if quoted != primary || op != "replace" {
                out.push(Edit { op: op.into(), quoted, primary });
            }
            qs.clear();
            ps.clear();
        };
        for op in &self.ops {
            match *op {
                Op::Match(..) | Op::Skip(..) => flush(&mut qs, &mut ps, &mut out),
                Op::Sub(i, j) if q[i].kind == TokKind::Editorial => {
                    let _ = j;
                    flush(&mut qs, &mut ps, &mut out);
                }
                Op::Ins(i) if q[i].kind == TokKind::Editorial => flush(&mut qs, &mut ps, &mut out),
                Op::Sub(i, j) => {
                    qs.push(q[i].src);
                    ps.push(u.toks[j].src);
                }
                Op::Ins(i) => qs.push(q[i].src),
                Op::Del(j) => ps.push(u.toks[j].src),
            }
        }
        flush(&mut qs, &mut ps, &mut out);
        out
    }

    /// The omitted primary text next to each cut that may change the sense.
    fn sense_changing_cuts(&self, u: &Utterance) -> Vec<String> {
        let mut out = Vec::new();
        let toks = &u.toks;
        let marked = |a: usize, b: usize| toks[a..b].iter().any(|t| SENSE_MARKERS.contains(&t.norm.as_str()));
        let sent_start = |k: usize| u.sentence_starts.iter().rev().find(|s| **s <= k).copied().unwrap_or(0);
        let sent_end = |k: usize| u.sentence_starts.iter().find(|s| **s > k).copied().unwrap_or(toks.len());
        if self.start < self.end {
            let s = sent_start(self.start);
            if s < self.start && marked(s.max(self.start.saturating_sub(ADJACENT)), self.start) {
                out.push(span_text(&u.st.text, toks, s, self.start));
            }
            let e = sent_end(self.end - 1);
            if self.end < e && marked(self.end, e.min(self.end + ADJACENT)) {
                out.push(span_text(&u.st.text, toks, self.end, e));
            } else if self.end == e && e < toks.len() && OPENING_QUALIFIERS.contains(&toks[e].norm.as_str()) {
                let next_end = sent_end(e);
                out.push(span_text(&u.st.text, toks, e, next_end));
            }
        }
        for op in &self.ops {
            if let Op::Skip(_, a, b) = *op {
                if a < b && marked(a, b) {
                    out.push(span_text(&u.st.text, toks, a, b));
                }
            }
        }
        out
    }
}

fn span_text(text: &str, toks: &[Tok], a: usize, b: usize) -> String {
    if a >= b || b > toks.len() {
        return String::new();
    }
    let from = toks[a].src.start;
    let to = toks[b - 1].src.end;
    // Keep the sentence's closing punctuation when the cut runs to its end.
    let tail = text.get(to..).unwrap_or("");
    let punct =
        tail.chars().take_while(|c| matches!(c, '.' | '!' | '?' | '"' | '\u{201d}')).map(char::len_utf8).sum::<usize>();
    scan::clean_text(text.get(from..to + punct).unwrap_or(""))
}

fn join_spans(text: &str, spans: &[Span]) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut last: Option<Span> = None;
    for s in spans {
        // Expanded contractions share one source word; show it once.
        if last == Some(*s) {
            continue;
        }
        out.push(s.slice(text));
        last = Some(*s);
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str, quote: bool) -> Vec<String> {
        tokens(text, quote)
            .iter()
            .map(|t| if t.kind == TokKind::Gap { "<gap>".to_string() } else { t.norm.clone() })
            .collect()
    }

    #[test]
    fn normalisation_table() {
        let cases: &[(&str, bool, &str)] = &[
            ("We don't — can't — SUPPORT it.", false, "we do not can not support it"),
            ("We\u{2019}re in al-Nusra\u{2019}s U.S. zone", false, "we are in al nusra us zone"),
            ("two weeks (Laughter.) later (inaudible)", false, "2 weeks later"),
            ("we want \u{2026} a ceasefire [...] now", true, "we want <gap> a ceasefire <gap> now"),
            ("... we want a ceasefire ...", true, "we want a ceasefire"),
            ("[The Russians] need to refrain", true, "the russians need to refrain"),
        ];
        for (text, quote, want) in cases {
            assert_eq!(norms(text, *quote).join(" "), *want, "{text}");
        }
    }
}
