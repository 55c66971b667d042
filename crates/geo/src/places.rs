//! Finding places in a document and resolving them in document context.
//!
//! One pass over the tokens looks up every capitalised n-gram (longest first)
//! in the folded-name index; guards drop common words, parts of longer proper
//! names ("Ahrar al-Sham", "John Kirby") and excluded actor spans (except
//! that a town's longer name wins over an alias inside it: "Sadr City",
//! "Bandar Abbas"; the coder then drops such mentions). A
//! document-level country prior (countries named, divisions and large cities
//! mentioned, and their neighbours) then picks among candidates, with
//! population as the tie-breaker, and decides whether small places (which
//! collide with ordinary words all over the world) are accepted. Capitalised
//! names after locative cues ("the town of X", "in X") that the gazetteer
//! lacks become `Unknown` places with the coordinates of the nearest place the
//! text names around them.

use crate::data::{Entry, EntryId, EntryKind, Gazetteer, ALT_BIT};
use crate::fold::{tokenize, KeyHasher, Sep, Token};
use crate::words::{self, contains};
use sitrep_model::{Place, Sentence, Span};
use unicode_normalization::char::is_combining_mark;

/// Maps of one document's names and countries: small, built per document,
/// so a fast fixed hash instead of SipHash.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// What a place mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    City,
    Admin1,
    Country,
    Region,
    /// A name the gazetteer lacks; coordinates, when present, are of a place nearby.
    Unknown,
}

/// A place named in the text, already disambiguated in document context.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// Byte span of the name as the text gives it (with qualifiers and suffixes:
    /// "South Aleppo", "Idlib province").
    pub span: Span,
    /// Index of the sentence the span starts in (0 when no sentences were given).
    pub sentence: usize,
    /// Paragraph of that sentence.
    pub paragraph: usize,
    /// The name as the text gives it.
    pub name: String,
    pub place: Place,
    /// The gazetteer entry; `None` for unknown places.
    pub entry: Option<EntryId>,
    pub kind: PlaceKind,
    /// Introduced by a locative cue ("in", "near", "the town of").
    pub cue: bool,
}

/// A run of tokens the index matched, before guards and disambiguation.
struct Raw {
    first: usize,
    last: usize,
    hash: u64,
    /// Candidate entries, with [`ALT_BIT`] set where only an alternate name matched.
    ids: Vec<EntryId>,
    /// Followed by another capitalised word ("Yalla La Barra", "Aleppo Media Center").
    after_cap: bool,
}

/// The stop phrases, each as its folded tokens, folded once.
fn stop_phrases() -> &'static [Vec<String>] {
    static P: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    P.get_or_init(|| words::STOP_PHRASES.iter().map(|p| p.split(' ').map(crate::fold::fold_token).collect()).collect())
}

/// Spans no place may overlap, sorted by start with the running maximum of
/// their ends, so an overlap test is one binary search.
struct Excluded {
    spans: Vec<Span>,
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Excluded {
    fn new(spans: &[Span]) -> Excluded {
        let mut sorted: Vec<Span> = spans.to_vec();
        sorted.sort_by_key(|s| s.start);
        let mut max_end = Vec::with_capacity(sorted.len());
        let mut m = 0;
        for s in &sorted {
            m = m.max(s.end);
            max_end.push(m);
        }
        Excluded { starts: sorted.iter().map(|s| s.start).collect(), max_end, spans: sorted }
    }

    /// Whether an excluded span overlaps `s` without lying strictly inside
    /// it: "Sadr" (an actor's alias) does not keep "Sadr City" from being a
    /// place, but an actor name that reaches past a place name does.
    fn blocks(&self, s: Span) -> bool {
        let n = self.starts.partition_point(|&start| start < s.end);
        (0..n).rev().take_while(|&i| self.max_end[i] > s.start).any(|i| {
            let e = self.spans[i];
            e.overlaps(s) && !(s.start <= e.start && e.end <= s.end && e != s)
        })
    }

    /// Same as `spans.iter().any(|e| e.overlaps(s))`.
    fn overlaps(&self, s: Span) -> bool {
        // Candidates start before `s` ends; one of them must end after it starts.
        let n = self.starts.partition_point(|&start| start < s.end);
        n > 0 && self.max_end[n - 1] > s.start
    }
}

/// Where each token sits in the segmentation.
struct Layout {
    sentence: Vec<usize>,
    paragraph: Vec<usize>,
    /// The sentences' spans, in text order.
    spans: Vec<Span>,
}

impl Layout {
    /// Whether `span` lies inside a sentence: not in a dateline, a title or
    /// other text no sentence covers. Without sentences, all text is one.
    fn in_sentence(&self, span: Span) -> bool {
        if self.spans.is_empty() {
            return true;
        }
        let k = self.spans.partition_point(|s| s.start <= span.start);
        k.checked_sub(1).and_then(|k| self.spans.get(k)).is_some_and(|s| s.contains(span))
    }
}

fn layout(tokens: &[Token], sentences: &[Sentence]) -> Layout {
    let mut sorted: Vec<&Sentence> = sentences.iter().collect();
    sorted.sort_by_key(|s| s.span.start);
    let mut sentence = Vec::with_capacity(tokens.len());
    let mut paragraph = Vec::with_capacity(tokens.len());
    for t in tokens {
        let k = sorted.partition_point(|s| s.span.start <= t.span.start);
        match k.checked_sub(1).and_then(|k| sorted.get(k)) {
            Some(s) => {
                sentence.push(s.index);
                paragraph.push(s.paragraph);
            }
            None => {
                sentence.push(0);
                paragraph.push(0);
            }
        }
    }
    Layout { sentence, paragraph, spans: sorted.iter().map(|s| s.span).collect() }
}

fn word<'t>(text: &'t str, t: &Token) -> &'t str {
    t.span.slice(text)
}

fn is_article_word(text: &str, t: &Token) -> bool {
    contains(words::ARTICLES, word(text, t))
}

/// Token `k` is an Arabic article bound to the next word: `al-Ghab`,
/// `ez-Zor`, or a spaced `al Bab` / `El Bab`. Spaced "as", "at", "an" are English.
fn attached_article(text: &str, tokens: &[Token], k: usize) -> bool {
    let (Some(t), Some(n)) = (tokens.get(k), tokens.get(k + 1)) else {
        return false;
    };
    let w = word(text, t);
    match n.sep {
        Sep::Hyphen => is_article_word(text, t),
        Sep::Space => w.eq_ignore_ascii_case("al") || w.eq_ignore_ascii_case("el"),
        Sep::Break => false,
    }
}

/// True when tokens `a` and `b = a + 1` are joined by a space or hyphen only.
fn joined(tokens: &[Token], b: usize) -> bool {
    tokens.get(b).is_some_and(|t| t.sep != Sep::Break)
}

fn gap_is(text: &str, t: &Token, s: &str) -> bool {
    t.gap.slice(text).trim() == s
}

impl Gazetteer {
    /// Finds and resolves the places of one document. `sentences` may be
    /// empty (everything is then sentence 0); names overlapping an `exclude`
    /// span (actor mentions) are never places. Never panics.
    pub fn find_places(&self, text: &str, sentences: &[Sentence], exclude: &[Span]) -> Vec<PlaceMention> {
        self.find_places_hinted(text, sentences, exclude, &[])
    }

    /// The ISO 3166-1 alpha-2 code of a country named `name` ("Syria",
    /// "Syrian Arab Republic", "UAE").
    pub fn country_code(&self, name: &str) -> Option<String> {
        let mut h = KeyHasher::new();
        let mut any = false;
        for t in tokenize(name).iter().filter(|t| !t.article) {
            h.push(&t.folded);
            any = true;
        }
        if !any {
            return None;
        }
        self.ids_for_hash(h.finish())
            .iter()
            .filter_map(|(_, id)| self.entry(*id & !ALT_BIT))
            .find(|e| e.kind == EntryKind::Country)
            .map(|e| e.country.clone())
    }

    /// [`Gazetteer::find_places`] with countries the document is known to be
    /// about from elsewhere (the states its actors name: "the regime" is
    /// Syria, "Russian jets" Russia), as ISO alpha-2 codes, one per mention.
    /// They weigh like a country named in the text: "Palmyra" next to "the
    /// army" and "Russia" is the Syrian one.
    pub fn find_places_hinted(
        &self,
        text: &str,
        sentences: &[Sentence],
        exclude: &[Span],
        countries: &[String],
    ) -> Vec<PlaceMention> {
        let tokens = tokenize(text);
        if tokens.is_empty() || self.is_empty() {
            return Vec::new();
        }
        let lay = layout(&tokens, sentences);
        let exclusions = Excluded::new(exclude);
        let excluded = |s: Span| exclusions.overlaps(s);

        // 1. Index look-ups, longest first.
        let mut raws: Vec<Raw> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if !t.cap || t.article || t.folded.chars().count() < 2 {
                i += 1;
                continue;
            }
            let mut hashes: Vec<(usize, u64)> = Vec::with_capacity(self.max_tokens);
            let mut h = KeyHasher::new();
            let mut j = i;
            while j < tokens.len() && j < i + self.max_tokens + 2 {
                let u = &tokens[j];
                if j > i {
                    let ok_word = u.cap || u.article || contains(words::NAME_LOWER, word(text, u));
                    if u.sep == Sep::Break || !ok_word {
                        break;
                    }
                }
                if !u.article {
                    h.push(&u.folded);
                    hashes.push((j, h.finish()));
                }
                j += 1;
            }
            let mut hit = None;
            for &(j, hash) in hashes.iter().rev() {
                // Two-letter keys only as capitals (US, UK), which the guards check against countries.
                let caps = word(text, &tokens[i]).chars().all(|c| !c.is_lowercase());
                if j == i && tokens[i].folded.chars().count() < 3 && !caps {
                    continue;
                }
                let ids = self.ids_for_hash(hash);
                if !ids.is_empty() {
                    let ids = ids.iter().map(|(_, id)| *id).collect();
                    hit = Some(Raw { first: i, last: j, hash, ids, after_cap: embedded_after(text, &tokens, j) });
                    break;
                }
            }
            match hit {
                Some(r) => {
                    i = r.last + 1;
                    raws.push(r);
                }
                None => i += 1,
            }
        }

        // 2. Guards that do not depend on the document prior. Matches they drop
        // still keep their tokens from being read as unknown places.
        // A match dropped for continuing a longer name frees its tokens, so
        // "Khan Touman" can still be read whole as an unknown place.
        let mut guarded: Vec<Raw> = Vec::new();
        let mut kept: Vec<Raw> = Vec::new();
        for r in raws {
            // A town's longer name wins over an actor alias inside it ("Sadr
            // City", "Bandar Abbas"); a country's never does ("the Republic of
            // Yemen" stays with the actor Yemen).
            let may_hold = r.first < r.last
                && !r.ids.iter().any(|id| self.entry(*id & !ALT_BIT).is_some_and(|e| e.kind == EntryKind::Country));
            let blocked = |s: Span| if may_hold { exclusions.blocks(s) } else { exclusions.overlaps(s) };
            if self.passes_guards(text, &tokens, &r, &blocked) {
                if embedded_before(text, &tokens, r.first, &lay) {
                    continue;
                }
                kept.push(r);
            } else {
                guarded.push(r);
            }
        }
        let raws = kept;

        // 3. Cues and the document prior.
        let run_cue = run_cues(text, &tokens);
        let known_cue: Vec<u8> = raws.iter().map(|r| run_cue[self.left_edge(text, &tokens, r.first)]).collect();
        let mut prior = self.prior(text, &tokens, &raws);
        for cc in countries {
            *prior.count.entry(cc.clone()).or_default() += 3.0;
            if let Some(c) = self.country(cc) {
                prior.neighbours.extend(c.neighbours().map(str::to_string));
            }
        }
        if prior.top.is_none() {
            prior.top = prior
                .count
                .iter()
                .max_by(|a, b| a.1.partial_cmp(b.1).unwrap_or(std::cmp::Ordering::Equal).then(b.0.cmp(a.0)))
                .map(|(k, _)| k.clone());
        }

        // 4. Resolve each distinct key once, so one name means one place throughout.
        let mut cued_hash: HashMap<u64, u8> = HashMap::default();
        for (r, c) in raws.iter().zip(&known_cue) {
            let e = cued_hash.entry(r.hash).or_default();
            *e = (*e).max(*c);
        }
        let mut out: Vec<PlaceMention> = Vec::new();
        let mut cover: Vec<Item> =
            guarded.iter().map(|r| Item { first: r.first, last: r.last, cue: false, mention: None }).collect();
        let mut cache: HashMap<(u64, bool, bool), Option<EntryId>> = HashMap::default();
        let mut foreign_alternates: HashSet<u64> = HashSet::default();
        for (r, &level) in raws.iter().zip(&known_cue) {
            let cue = level > 0;
            let suffix = suffix_after(text, &tokens, r.last);
            let want_admin = matches!(suffix, Some((_, Suffix::Admin)))
                || preceded_by_of(text, &tokens, r.first, &["province", "governorate"]);
            let multi = tokens[r.first..=r.last].iter().filter(|t| !t.article).count() > 1;
            let after_cap = r.after_cap;
            let any_cue = cued_hash.get(&r.hash).copied().unwrap_or(level);
            let best = *cache.entry((r.hash, want_admin, after_cap)).or_insert_with(|| {
                let surface = &text[tokens[r.first].span.start..tokens[r.last].span.end];
                self.choose(&r.ids, &prior, want_admin, any_cue, multi, after_cap, surface)
            });
            let Some(best) = best.and_then(|id| self.entry(id)) else {
                // "the Syrian town of Dabiq", which only an alternate name of Dubuque, Iowa
                // ("Dabek") folds to, in a report about Syria, or "the village of Maan", which folds
                // like Man in Ivory Coast: as good as a name the gazetteer lacks.
                let surface = plain(&text[tokens[r.first].span.start..tokens[r.last].span.end]);
                let foreign = |id: &EntryId| {
                    let alternate = id & ALT_BIT != 0;
                    self.entry(id & !ALT_BIT).is_some_and(|e| {
                        prior.count.get(&e.country).is_none_or(|&n| n <= 0.0)
                            && (alternate || !spelled_as(e, &surface) && prior.weight(&e.country) <= 0.0)
                    })
                };
                let town_of =
                    preceded_by_of(text, &tokens, r.first, &["town", "village", "city", "district", "suburb"]);
                if town_of && !prior.count.is_empty() && r.ids.iter().all(foreign) {
                    foreign_alternates.insert(r.hash);
                }
                continue;
            };
            let m = self.known_mention(text, &tokens, &lay, r, best, suffix, cue);
            cover.push(Item {
                first: self.left_edge(text, &tokens, r.first),
                last: r.last,
                cue,
                mention: Some(out.len()),
            });
            out.push(m);
        }
        cover.sort_by_key(|c| c.first);

        // 5. Names the gazetteer lacks, after cues, then their later uses without one.
        let known = |a: usize, b: usize| {
            let mut h = KeyHasher::new();
            tokens[a..=b].iter().filter(|t| !t.article).for_each(|t| h.push(&t.folded));
            let h = h.finish();
            !self.ids_for_hash(h).is_empty() && !foreign_alternates.contains(&h)
        };
        let mut listed = Vec::new();
        let mut unknowns = unknown_names(text, &tokens, &cover, &excluded, &known, &mut listed);
        for k in listed {
            if let Some(m) = out.get_mut(k) {
                m.cue = true;
            }
        }
        repeat_unknowns(text, &tokens, &cover, &mut unknowns, &excluded);
        for u in unknowns {
            out.push(self.unknown_mention(text, &tokens, &lay, &u, &out, &prior));
        }
        // 6. "the capital", "the Somali capital", "Somalia's capital": the capital city.
        let capitals = self.capital_mentions(text, &tokens, &lay, &out, &prior, &excluded);
        out.extend(capitals);
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out.dedup_by(|b, a| a.span.overlaps(b.span));
        out
    }

    /// Mentions of a capital the text does not name: "in the capital", "the Somali capital",
    /// "Somalia's capital", "the capital of Somalia", "the country's capital city". The
    /// country is the one the phrase names, else the nearest country named in the sentence
    /// or paragraph, else the one the document is mostly about. "The capital, Mogadishu" names
    /// its city already; "the provincial capital", "capital markets" are no national capital.
    fn capital_mentions(
        &self,
        text: &str,
        tokens: &[Token],
        lay: &Layout,
        known: &[PlaceMention],
        prior: &Prior,
        excluded: &dyn Fn(Span) -> bool,
    ) -> Vec<PlaceMention> {
        const NOT_NATIONAL: &[&str] = &[
            "provincial",
            "regional",
            "state",
            "district",
            "facto",
            "economic",
            "commercial",
            "cultural",
            "administrative",
            "former",
            "old",
            "new",
            "winter",
            "summer",
            "declared",
            "proclaimed",
            "spiritual",
            "financial",
            "county",
            "departmental",
            "political",
            "religious",
            "historic",
            "ancient",
            "tourist",
        ];
        const NOT_A_CITY: &[&str] = &[
            "markets",
            "market",
            "punishment",
            "gains",
            "gain",
            "flight",
            "flows",
            "spending",
            "expenditure",
            "investment",
            "investments",
            "controls",
            "requirements",
            "injection",
            "offence",
            "offense",
            "crimes",
            "crime",
            "case",
            "cases",
            "charges",
            "charge",
            "letter",
            "letters",
            "budget",
            "goods",
            "ratio",
            "reserves",
            "expenditures",
            "projects",
        ];
        let lower = |k: usize| word(text, &tokens[k]).to_lowercase();
        let mut out = Vec::new();
        for k in 1..tokens.len() {
            if word(text, &tokens[k]) != "capital" || tokens[k].sep == Sep::Hyphen {
                continue;
            }
            let mut last = k;
            if tokens.get(k + 1).is_some_and(|t| t.sep == Sep::Space && word(text, t) == "city") {
                last = k + 1;
            }
            let next = tokens.get(last + 1);
            // "the capital Kyiv", "the capital, Mogadishu": the city is named.
            if next.is_some_and(|t| t.cap && (t.sep == Sep::Space || gap_is(text, t, ","))) {
                continue;
            }
            if next.is_some_and(|t| t.sep == Sep::Space && contains(NOT_A_CITY, &word(text, t).to_lowercase())) {
                continue;
            }
            let prev = &tokens[k - 1];
            let p = lower(k - 1);
            // "Somalia's capital": the possessive "s" is a token of its own after its owner.
            let owner = (p == "s" && k >= 2 && tokens[k - 2].possessive).then(|| k - 2);
            if contains(NOT_NATIONAL, &p) || prev.sep == Sep::Hyphen && k >= 2 && contains(NOT_NATIONAL, &lower(k - 2))
            {
                continue;
            }
            // The country the phrase names, if it names one.
            let country_of = |a: usize, b: usize| -> Option<String> {
                let name = &text[tokens[a].span.start..tokens[b].span.end];
                self.lookup(name).into_iter().find(|e| e.kind == EntryKind::Country).map(|e| e.country.clone())
            };
            let mut cc: Option<String> = None;
            // The first token of the phrase.
            let start = if let Some(o) = owner {
                if matches!(lower(o).as_str(), "country" | "nation") {
                    o
                } else {
                    let Some((a, c)) = (o.saturating_sub(2)..=o).find_map(|a| Some((a, country_of(a, o)?))) else {
                        continue; // "the region's capital", "the group's capital"
                    };
                    cc = Some(c);
                    a
                }
            } else if p == "the" {
                k - 1
            } else if k >= 2 && lower(k - 2) == "the" {
                cc = crate::capitals::demonym_country(&p).map(str::to_string);
                k - 2
            } else if k >= 3 && lower(k - 3) == "the" {
                cc = crate::capitals::demonym_country(&format!("{} {p}", lower(k - 2))).map(str::to_string);
                k - 3
            } else {
                continue;
            };
            if start + 1 < k && owner.is_none() && cc.is_none() {
                continue; // "the rebel capital", "the insurgents' capital"
            }
            // "the capital of Somalia".
            if cc.is_none() && next.is_some_and(|t| t.sep == Sep::Space && word(text, t) == "of") {
                cc = (last + 2..(last + 5).min(tokens.len())).rev().find_map(|b| country_of(last + 2, b));
                if cc.is_none() {
                    continue; // "the capital of the province"
                }
            }
            let span = Span::new(tokens[k].span.start, tokens[last].span.end);
            if excluded(span) {
                continue;
            }
            let sentence = lay.sentence[k];
            let paragraph = lay.paragraph[k];
            let cc = cc
                .or_else(|| {
                    known
                        .iter()
                        .filter(|m| {
                            m.kind == PlaceKind::Country && (m.sentence == sentence || m.paragraph == paragraph)
                        })
                        .min_by_key(|m| m.span.start.abs_diff(span.start))
                        .and_then(|m| m.place.country.clone())
                })
                // The country the document is about, its actors counted with its places, when
                // it clearly outweighs any other: a report that names two countries as much
                // does not say whose capital it means.
                .or_else(|| {
                    let mut weights: Vec<(&String, f64)> = prior.count.iter().map(|(k, v)| (k, *v)).collect();
                    weights
                        .sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(b.0)));
                    match weights.as_slice() {
                        [(top, w), rest @ ..] if *w > 0.0 && rest.first().is_none_or(|r| *w >= 2.0 * r.1) => {
                            Some((*top).clone())
                        }
                        _ => None,
                    }
                });
            let Some(city) = cc.as_deref().and_then(crate::capitals::capital_of) else { continue };
            let cc = cc.unwrap_or_default();
            let Some(e) = self.lookup(city).into_iter().find(|e| e.kind == EntryKind::City && e.country == cc) else {
                continue;
            };
            let cue = start > 0
                && matches!(
                    lower(start - 1).as_str(),
                    "in" | "near" | "outside" | "around" | "into" | "across" | "inside" | "at" | "from" | "to"
                );
            out.push(PlaceMention {
                span,
                sentence,
                paragraph,
                name: e.name.clone(),
                place: Place {
                    name: e.name.clone(),
                    lat: Some(e.lat),
                    lon: Some(e.lon),
                    country: Some(e.country.clone()),
                    precision: 1,
                    gazetteer_id: e.geonames_id,
                },
                entry: Some(e.id),
                kind: PlaceKind::City,
                cue,
            });
        }
        out
    }

    fn passes_guards(&self, text: &str, tokens: &[Token], r: &Raw, excluded: &dyn Fn(Span) -> bool) -> bool {
        let span = Span::new(tokens[r.first].span.start, tokens[r.last].span.end);
        if excluded(span) {
            return false;
        }
        let single = r.first == r.last;
        let w = word(text, &tokens[r.first]);
        // Short all-capital words are acronyms unless they name a country (US, UK, UAE).
        if single && w.chars().all(|c| !c.is_lowercase()) && w.chars().count() <= 4 {
            return r.ids.iter().any(|id| self.entry(*id & !ALT_BIT).is_some_and(|e| e.kind == EntryKind::Country));
        }
        // "Spc. Lorraine Walsh", "Gen. Jordan": a rank or title opens a person's name.
        if r.first > 0 && contains(words::TITLES, word(text, &tokens[r.first - 1])) {
            let gap = tokens[r.first].gap.slice(text).trim();
            if gap.is_empty() || gap == "." {
                return false;
            }
        }
        // Contractions ("He'll", "We've") are not names.
        if single
            && w.rsplit_once(['\'', '\u{2019}']).is_some_and(|(_, t)| ["ll", "ve", "re", "d", "t", "m"].contains(&t))
        {
            return false;
        }
        if single
            && (contains(words::STOP, w)
                || contains(words::NAME_WORDS, w)
                || contains(words::DEMONYMS, w)
                || contains(words::PERSON_NAMES, w))
        {
            return false;
        }
        if !single {
            let key = tokens[r.first..=r.last].iter().map(|t| &*t.folded);
            if stop_phrases().iter().any(|p| p.iter().map(String::as_str).eq(key.clone())) {
                return false;
            }
        }
        // A timezone ("Damascus time") is not where anything happened.
        if let Some(n) = tokens.get(r.last + 1) {
            if n.sep == Sep::Space && word(text, n) == "time" {
                return false;
            }
        }
        // "Jund al-Aqsa", "Jaish al-Fateh": a name followed by an article and a capital is a group.
        if let (Some(a), Some(b)) = (tokens.get(r.last + 1), tokens.get(r.last + 2)) {
            if a.sep != Sep::Break && is_article_word(text, a) && b.sep == Sep::Hyphen && b.cap {
                return false;
            }
        }
        true
    }

    /// First token of a match including a preceding article and qualifiers.
    fn left_edge(&self, text: &str, tokens: &[Token], first: usize) -> usize {
        let mut f = first;
        if f > 0 && attached_article(text, tokens, f - 1) {
            f -= 1;
        }
        let mut q = 0;
        while f > 0 && q < 2 && joined(tokens, f) && contains(words::QUALIFIERS, word(text, &tokens[f - 1])) {
            f -= 1;
            q += 1;
        }
        f
    }

    /// Country weights from what the document names.
    fn prior(&self, text: &str, tokens: &[Token], raws: &[Raw]) -> Prior {
        let mut count: HashMap<String, f64> = HashMap::default();
        let mut places: HashMap<String, f64> = HashMap::default();
        for r in raws {
            let entries: Vec<(&Entry, bool)> =
                r.ids.iter().filter_map(|id| Some((self.entry(*id & !ALT_BIT)?, *id & ALT_BIT == 0))).collect();
            if let Some((c, _)) = entries.iter().find(|(e, _)| e.kind == EntryKind::Country) {
                *count.entry(c.country.clone()).or_default() += 3.0;
                continue;
            }
            // A city that may be part of a longer name must not vouch for its own country.
            if r.after_cap {
                continue;
            }
            // A city vouches for its country only under its own spelling:
            // "Palmyra" is not evidence for Palmira, Colombia.
            let surface = plain(&text[tokens[r.first].span.start..tokens[r.last].span.end]);
            let strong: Vec<&Entry> = entries
                .iter()
                .filter(|(e, p)| strong(e, *p, false) && (e.kind != EntryKind::City || plain(&e.name) == surface))
                .map(|(e, _)| *e)
                .collect();
            if let Some(first) = strong.first() {
                if strong.iter().all(|e| e.country == first.country) {
                    let w = if first.kind == EntryKind::City { 1.0 } else { 2.0 };
                    *count.entry(first.country.clone()).or_default() += w;
                    *places.entry(first.country.clone()).or_default() += w;
                }
            }
        }
        let mut neighbours: Vec<String> = Vec::new();
        for cc in count.keys() {
            if let Some(c) = self.country(cc) {
                neighbours.extend(c.neighbours().map(str::to_string));
            }
        }
        // The dominant country is where the named places are; countries named
        // as actors ("the U.S. said") only decide when no place is named.
        let top = if places.is_empty() { &count } else { &places };
        let top = top
            .iter()
            .max_by(|a, b| a.1.partial_cmp(b.1).unwrap_or(std::cmp::Ordering::Equal).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.clone());
        Prior { count, neighbours, top }
    }

    /// Picks the entry a name means in this document, or `None` when the only
    /// candidates are small places the context does not support.
    #[allow(clippy::too_many_arguments)]
    fn choose(
        &self,
        ids: &[EntryId],
        prior: &Prior,
        want_admin: bool,
        cue: u8,
        multi: bool,
        after_cap: bool,
        surface: &str,
    ) -> Option<EntryId> {
        let score = |e: &Entry| -> f64 {
            let kind = match e.kind {
                EntryKind::Country => 15.0,
                EntryKind::Region => 6.0,
                EntryKind::City => 5.0,
                EntryKind::Admin1 => 4.0,
            };
            let admin = if want_admin && e.kind == EntryKind::Admin1 { 30.0 } else { 0.0 };
            prior.weight(&e.country) * 20.0 + kind + admin + ((e.population + 10) as f64).log10()
        };
        let mut cands: Vec<(&Entry, bool)> =
            ids.iter().filter_map(|id| Some((self.entry(*id & !ALT_BIT)?, *id & ALT_BIT == 0))).collect();
        // A big city whose name only folds to the text's ("Palmira" for
        // "Palmyra") is not safe on its name when another candidate lies in
        // a country the document is about (Tadmur, Syria, also "Palmyra").
        let contested = cands.iter().any(|(e, _)| prior.count.get(&e.country).is_some_and(|&n| n > 0.0));
        let surface = plain(surface);
        let spelled = |e: &Entry| plain(&e.name) == surface;
        let safe = |e: &Entry, primary: bool| {
            strong(e, primary, want_admin)
                && (e.kind != EntryKind::City
                    || spelled(e)
                    || !contested
                    || prior.count.get(&e.country).is_some_and(|&n| n > 0.0))
        };
        // Places safe on their name alone come first: a small Geneva in a
        // country the document names must not hide the Geneva everyone means.
        cands.sort_by(|a, b| {
            safe(b.0, b.1)
                .cmp(&safe(a.0, a.1))
                .then(score(b.0).partial_cmp(&score(a.0)).unwrap_or(std::cmp::Ordering::Equal))
                .then(a.0.id.cmp(&b.0.id))
        });
        // The best candidate the context supports: a village in a
        // neighbouring country must not hide Cairo, nor win without support.
        // The town in the document's country that a demoted namesake
        // would otherwise take the place of.
        let demoted = cands.iter().any(|&(e, p)| strong(e, p, want_admin) && !safe(e, p));
        let rescued = |e: &Entry| {
            demoted && !after_cap && e.population >= 10_000 && prior.count.get(&e.country).is_some_and(|&n| n > 0.0)
        };
        // A name that only folds to a place's ("Maan" to Man, a city in Ivory Coast), in a country
        // the document neither names nor borders while it names others, counts as an alternate name.
        let unrelated = |e: &Entry| !prior.count.is_empty() && prior.weight(&e.country) <= 0.0;
        cands
            .into_iter()
            .map(|(e, primary)| (e, primary && (spelled_as(e, &surface) || !unrelated(e))))
            .find(|&(e, primary)| rescued(e) || self.acceptable(e, primary, prior, want_admin, cue, multi, after_cap))
            .map(|(e, _)| e.id)
    }

    #[allow(clippy::too_many_arguments)]
    fn acceptable(
        &self,
        e: &Entry,
        primary: bool,
        prior: &Prior,
        want_admin: bool,
        cue: u8,
        multi: bool,
        after_cap: bool,
    ) -> bool {
        let named = prior.count.get(&e.country).copied().unwrap_or(0.0) > 0.0;
        if strong(e, primary, want_admin) {
            // A city name followed by another capitalised word is usually part
            // of a person's or organisation's name ("Yalla La Barra") unless
            // the document is about that city's country.
            return !after_cap || e.kind != EntryKind::City || named || cue > 0 || multi;
        }
        // Small places collide with people's names everywhere (Dave, Mary,
        // Gregory are all towns), so a single word needs a locative cue
        // somewhere in the document.
        // A weak cue ("from", "at", "captured") needs the country in the
        // document's context; "in", "near", "the town of" suffice alone.
        let supported = cue == 2 || (cue == 1 && prior.weight(&e.country) > 0.0);
        // A small place that only one of its alternate names matches ("Dabek" for Dubuque, Iowa,
        // against "the Syrian town of Dabiq") is no safer behind a cue: its country must be one
        // the document is about, when the document names any.
        let foreign_alternate = !primary && !named && !prior.count.is_empty();
        !after_cap && !foreign_alternate && (supported || (multi && named))
    }

    #[allow(clippy::too_many_arguments)]
    fn known_mention(
        &self,
        text: &str,
        tokens: &[Token],
        lay: &Layout,
        r: &Raw,
        e: &Entry,
        suffix: Option<(usize, Suffix)>,
        cue: bool,
    ) -> PlaceMention {
        let first = self.left_edge(text, tokens, r.first);
        let qualified = (first..r.first).any(|k| contains(words::QUALIFIERS, word(text, &tokens[k])));
        let mut last = r.last;
        let mut precision = e.precision;
        let mut kind = kind_of(e.kind);
        let suffix = suffix.filter(|_| e.kind != EntryKind::Country);
        match suffix {
            Some((k, Suffix::Admin)) => {
                last = k;
                if e.kind == EntryKind::City {
                    precision = precision.max(2);
                }
            }
            Some((k, Suffix::Near)) => {
                last = k;
                precision = precision.max(2);
            }
            Some((k, Suffix::City)) => {
                last = k;
            }
            None => {}
        }
        if qualified || preceded_by_of(text, tokens, r.first, words::AROUND) {
            precision = precision.max(2);
        }
        if e.kind == EntryKind::Admin1 {
            kind = PlaceKind::Admin1;
        }
        let span = Span::new(tokens[first].span.start, tokens[last].span.end);
        let name = span.slice(text).to_string();
        PlaceMention {
            span,
            sentence: lay.sentence[r.first],
            paragraph: lay.paragraph[r.first],
            place: Place {
                name: name.clone(),
                lat: Some(e.lat),
                lon: Some(e.lon),
                country: Some(e.country.clone()).filter(|c| !c.is_empty()),
                precision,
                gazetteer_id: e.geonames_id,
            },
            name,
            entry: Some(e.id),
            kind,
            cue,
        }
    }

    fn unknown_mention(
        &self,
        text: &str,
        tokens: &[Token],
        lay: &Layout,
        u: &Unknown,
        known: &[PlaceMention],
        prior: &Prior,
    ) -> PlaceMention {
        let span = Span::new(tokens[u.first].span.start, tokens[u.last].span.end);
        let sentence = lay.sentence[u.first];
        let paragraph = lay.paragraph[u.first];
        let name = span.slice(text).to_string();
        let specific = |m: &&PlaceMention| m.kind != PlaceKind::Country && m.kind != PlaceKind::Unknown;
        // The nearest specific place in the sentence, then the last one before it in the paragraph.
        let near = known
            .iter()
            .filter(|m| m.sentence == sentence && lay.in_sentence(m.span))
            .filter(specific)
            .min_by_key(|m| {
                if m.span.start >= span.end {
                    (m.span.start - span.end) * 2 + 1
                } else {
                    span.start.saturating_sub(m.span.end) * 2
                }
            })
            // (Not a wire dateline's city, "BAMAKO, July 29 (AFP) - ... near Tinzaouaten": where the
            // story was filed is no place near the village.)
            .or_else(|| {
                known.iter().rfind(|m| {
                    m.paragraph == paragraph && m.span.end <= span.start && specific(m) && lay.in_sentence(m.span)
                })
            });
        let (lat, lon, country, precision) = match near {
            // A continent or a region of several countries ("over in Europe", "across the
            // Middle East") is no village: it borrows no town's or country's coordinates.
            _ if is_supranational(&plain(&name)) => (None, None, None, 3),
            Some(m) => (m.place.lat, m.place.lon, m.place.country.clone(), 2),
            None => {
                let cc = known
                    .iter()
                    .filter(|m| m.kind == PlaceKind::Country && (m.sentence == sentence || m.paragraph == paragraph))
                    // "near Tinzaouaten, close to the border with Algeria": the neighbour across it.
                    .filter(|m| !across_border(text, m.span))
                    .min_by_key(|m| m.span.start.abs_diff(span.start))
                    .and_then(|m| m.place.country.clone())
                    .or_else(|| prior.top.clone());
                match cc.as_deref().and_then(|c| self.country(c)) {
                    Some(c) => (Some(c.lat), Some(c.lon), Some(c.country.clone()), 3),
                    None => (None, None, None, 3),
                }
            }
        };
        PlaceMention {
            span,
            sentence,
            paragraph,
            place: Place { name: name.clone(), lat, lon, country, precision, gazetteer_id: None },
            name,
            entry: None,
            kind: PlaceKind::Unknown,
            cue: u.cue,
        }
    }
}

/// A country named as the other side of a border: "the border with Algeria", "its frontier
/// with Turkey".
fn across_border(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end();
    let mut words = before.rsplit(|c: char| c.is_whitespace()).filter(|w| !w.is_empty());
    let (with, noun) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    with.eq_ignore_ascii_case("with")
        && ["border", "borders", "frontier", "frontiers"].iter().any(|b| noun.eq_ignore_ascii_case(b))
}

/// Capitalised names after a locative cue that no accepted or guarded match covers.
fn unknown_names(
    text: &str,
    tokens: &[Token],
    cover: &[Item],
    excluded: &dyn Fn(Span) -> bool,
    known: &dyn Fn(usize, usize) -> bool,
    listed_mentions: &mut Vec<usize>,
) -> Vec<Unknown> {
    let mut covered: Vec<Option<usize>> = vec![None; tokens.len()];
    for (n, c) in cover.iter().enumerate() {
        for slot in covered.iter_mut().take(c.last + 1).skip(c.first) {
            *slot = Some(n);
        }
    }
    let mut out = Vec::new();
    let mut prev: Option<ListItem> = None;
    let mut i = 0;
    while i < tokens.len() {
        if let Some(n) = covered[i] {
            let c = &cover[n];
            let listed = continues_list(text, tokens, c.first, prev);
            if listed && !c.cue {
                listed_mentions.extend(c.mention);
            }
            prev = Some(ListItem { last: c.last, cue: c.cue || listed, listed });
            i = c.last + 1;
            continue;
        }
        let t = &tokens[i];
        let opens =
            (t.cap && !t.article) || (attached_article(text, tokens, i) && tokens.get(i + 1).is_some_and(|n| n.cap));
        if !opens {
            i += 1;
            continue;
        }
        // Gather the capitalised run X = start..=j.
        let mut j = i;
        let mut content = usize::from(!attached_article(text, tokens, i));
        while j + 1 < tokens.len() && covered[j + 1].is_none() && content < 4 {
            let n = &tokens[j + 1];
            if n.sep == Sep::Break || tokens[j].possessive {
                break;
            }
            let art = attached_article(text, tokens, j + 1) && tokens.get(j + 2).is_some_and(|m| m.cap);
            if !n.cap && !art {
                break;
            }
            content += usize::from(!art);
            j += 1;
        }
        let start = i;
        i = j + 1;
        let direct = cue_before(text, tokens, start, false);
        let listed = continues_list(text, tokens, start, prev);
        let after = pattern_after(text, tokens, j);
        let cue = direct || listed || after;
        prev = Some(ListItem { last: j, cue, listed });
        // A run that goes on into a known place is part of a longer name.
        if !cue || covered.get(j + 1).is_some_and(|c| c.is_some() && tokens[j + 1].sep != Sep::Break) {
            continue;
        }
        let span = Span::new(tokens[start].span.start, tokens[j].span.end);
        // A gazetteer name rejected in this context is not an unknown place either.
        if excluded(span) || known(start, j) || !plausible_unknown(text, tokens, start, j, direct && !listed && !after)
        {
            continue;
        }
        out.push(Unknown { first: start, last: j, cue: true });
    }
    out
}

/// For each token that opens a capitalised run, whether a locative cue (weak
/// cues included) or a list after one ("in A, B and C") introduces it.
/// 2 for a strong cue, 1 for a weak one, 0 for none.
fn run_cues(text: &str, tokens: &[Token]) -> Vec<u8> {
    let mut out = vec![0u8; tokens.len()];
    let mut prev_level = 0u8;
    let mut prev: Option<ListItem> = None;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let opens =
            (t.cap && !t.article) || (attached_article(text, tokens, i) && tokens.get(i + 1).is_some_and(|n| n.cap));
        if !opens {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < tokens.len() && j < i + 8 {
            let n = &tokens[j + 1];
            if n.sep == Sep::Break || tokens[j].possessive {
                break;
            }
            let art = attached_article(text, tokens, j + 1) && tokens.get(j + 2).is_some_and(|m| m.cap);
            if !n.cap && !art {
                break;
            }
            j += 1;
        }
        let listed = continues_list(text, tokens, i, prev);
        let level = if cue_before(text, tokens, i, false) {
            2
        } else if cue_before(text, tokens, i, true) {
            1
        } else if listed {
            prev_level
        } else {
            0
        };
        out[i] = level;
        prev_level = level;
        prev = Some(ListItem { last: j, cue: level > 0, listed: listed && level > 0 });
        i = j + 1;
    }
    out
}

/// Later uses of an unknown name without a cue ("Khan Touman had fallen").
fn repeat_unknowns(
    text: &str,
    tokens: &[Token],
    cover: &[Item],
    unknowns: &mut Vec<Unknown>,
    excluded: &dyn Fn(Span) -> bool,
) {
    if unknowns.is_empty() {
        return;
    }
    let key =
        |a: usize, b: usize| -> Vec<&str> { tokens[a..=b].iter().filter(|t| !t.article).map(|t| &*t.folded).collect() };
    let mut keys: Vec<Vec<&str>> = unknowns.iter().map(|u| key(u.first, u.last)).collect();
    keys.sort();
    keys.dedup();
    let mut busy = vec![false; tokens.len()];
    let spans = cover.iter().map(|c| (c.first, c.last)).chain(unknowns.iter().map(|u| (u.first, u.last)));
    for (a, b) in spans {
        busy.iter_mut().take(b + 1).skip(a).for_each(|x| *x = true);
    }
    let mut found: Vec<Unknown> = Vec::new();
    for i in 0..tokens.len() {
        if !tokens[i].cap || tokens[i].article || busy[i] {
            continue;
        }
        for k in keys.iter().filter(|k| k.first() == Some(&&*tokens[i].folded)) {
            let mut j = i;
            let mut got: Vec<&str> = Vec::new();
            loop {
                if j > i && tokens[j].sep == Sep::Break {
                    break;
                }
                if !tokens[j].article {
                    got.push(&*tokens[j].folded);
                }
                if got.len() >= k.len() || j + 1 >= tokens.len() {
                    break;
                }
                j += 1;
            }
            let ends_here = tokens.get(j + 1).is_none_or(|t| t.sep == Sep::Break || !t.cap);
            if got == *k && ends_here && !tokens[j].article {
                let first = if i > 0 && attached_article(text, tokens, i - 1) { i - 1 } else { i };
                let span = Span::new(tokens[first].span.start, tokens[j].span.end);
                if !excluded(span) && !busy[first..=j].iter().any(|b| *b) {
                    busy[first..=j].iter_mut().for_each(|x| *x = true);
                    found.push(Unknown { first, last: j, cue: false });
                }
                break;
            }
        }
    }
    unknowns.extend(found);
}

/// A stretch of tokens already claimed by a known match, with its cue.
struct Item {
    first: usize,
    last: usize,
    cue: bool,
    /// Index of the accepted mention, `None` for a match the guards dropped.
    mention: Option<usize>,
}

/// The previous item of a possible list ("in A, B and C").
#[derive(Clone, Copy)]
struct ListItem {
    last: usize,
    cue: bool,
    /// Itself reached through a list separator.
    listed: bool,
}

struct Unknown {
    first: usize,
    last: usize,
    cue: bool,
}

struct Prior {
    count: HashMap<String, f64>,
    neighbours: Vec<String>,
    top: Option<String>,
}

impl Prior {
    fn weight(&self, cc: &str) -> f64 {
        match self.count.get(cc) {
            Some(&n) if n > 0.0 => 1.0 + (n.min(20.0)) * 0.01,
            _ if self.neighbours.iter().any(|c| c == cc) => 0.5,
            _ => 0.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suffix {
    Admin,
    Near,
    City,
}

fn kind_of(k: EntryKind) -> PlaceKind {
    match k {
        EntryKind::Country => PlaceKind::Country,
        EntryKind::Admin1 => PlaceKind::Admin1,
        EntryKind::Region => PlaceKind::Region,
        EntryKind::City => PlaceKind::City,
    }
}

/// Entries safe to accept on their name alone. A large city matched through
/// one of its many alternate names (Barra for Paulo Afonso) is not.
/// A name lower-cased with its diacritics and punctuation dropped, for
/// telling a spelling from a folding ("Palmira" is not "Palmyra").
/// Whether the text spells `e`'s name as the gazetteer does, its article aside (`surface` is
/// [`plain`] folded; "El Fasher" is matched as "Fasher").
fn spelled_as(e: &Entry, surface: &str) -> bool {
    plain(&e.name) == surface || plain(without_article(&e.name)) == surface
}

/// A place name without its leading article ("El Fasher" -> "Fasher", "Al-Bab" -> "Bab").
fn without_article(name: &str) -> &str {
    let cut = name.find([' ', '-', '\'', '\u{2019}']).unwrap_or(0);
    let first = name[..cut].to_lowercase();
    if matches!(first.as_str(), "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "an" | "ed" | "es" | "the") {
        &name[cut + 1..]
    } else {
        name
    }
}

/// Continents and regions that span several countries, as [`plain`] folds
/// them (no spaces, no article).
fn is_supranational(folded: &str) -> bool {
    let f = folded.strip_prefix("the").filter(|r| SUPRANATIONAL.contains(r)).unwrap_or(folded);
    SUPRANATIONAL.contains(&f)
}

const SUPRANATIONAL: &[&str] = &[
    "europe",
    "easterneurope",
    "westerneurope",
    "centraleurope",
    "africa",
    "northafrica",
    "westafrica",
    "eastafrica",
    "centralafrica",
    "southernafrica",
    "subsaharanafrica",
    "hornofafrica",
    "sahel",
    "maghreb",
    "asia",
    "centralasia",
    "southasia",
    "southeastasia",
    "eastasia",
    "asiapacific",
    "middleeast",
    "neareast",
    "fareast",
    "levant",
    "gulf",
    "persiangulf",
    "arabiangulf",
    "arabianpeninsula",
    "balkans",
    "westernbalkans",
    "caucasus",
    "southcaucasus",
    "northamerica",
    "southamerica",
    "latinamerica",
    "centralamerica",
    "caribbean",
    "scandinavia",
    "mediterranean",
    "arctic",
    "antarctica",
    "oceania",
    "west",
];

fn plain(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().filter(|c| c.is_alphanumeric() && !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn strong(e: &Entry, primary: bool, want_admin: bool) -> bool {
    match e.kind {
        EntryKind::Country | EntryKind::Region => true,
        EntryKind::Admin1 => want_admin || e.population >= 500_000,
        EntryKind::City => (primary && e.population >= 100_000) || e.population >= 1_000_000,
    }
}

fn suffix_after(text: &str, tokens: &[Token], last: usize) -> Option<(usize, Suffix)> {
    let n = tokens.get(last + 1).filter(|t| t.sep == Sep::Space)?;
    // "State Department", "Province Council": the suffix opens another name.
    if tokens.get(last + 2).is_some_and(|t| t.sep == Sep::Space && t.cap) && n.cap {
        return None;
    }
    let w = word(text, n);
    if contains(words::ADMIN_SUFFIXES, w) {
        Some((last + 1, Suffix::Admin))
    } else if contains(words::NEAR_SUFFIXES, w) {
        Some((last + 1, Suffix::Near))
    } else if w.eq_ignore_ascii_case("city") {
        Some((last + 1, Suffix::City))
    } else {
        None
    }
}

/// "the province of X": `first` is X's first token.
fn preceded_by_of(text: &str, tokens: &[Token], first: usize, nouns: &[&str]) -> bool {
    let mut f = first;
    if f > 0 && attached_article(text, tokens, f - 1) {
        f -= 1;
    }
    f >= 2
        && joined(tokens, f)
        && word(text, &tokens[f - 1]).eq_ignore_ascii_case("of")
        && joined(tokens, f - 1)
        && contains(nouns, word(text, &tokens[f - 2]))
}

/// A locative cue right before token `first`.
fn cue_before(text: &str, tokens: &[Token], first: usize, weak_ok: bool) -> bool {
    if first == 0 || !joined(tokens, first) {
        return false;
    }
    let p = word(text, &tokens[first - 1]);
    if contains(words::PREPOSITIONS, p) || (weak_ok && contains(words::WEAK_PREPOSITIONS, p)) {
        return true;
    }
    // "seized several towns in the region, including Lalibela and Gondar": a
    // list of the places a plural place noun just named.
    if p.eq_ignore_ascii_case("including") {
        let from = first.saturating_sub(9);
        if tokens[from..first - 1]
            .iter()
            .any(|t| PLACE_NOUNS_PLURAL.contains(&word(text, t).to_ascii_lowercase().as_str()))
        {
            return true;
        }
    }
    preceded_by_of(text, tokens, first, words::GENERIC)
}

/// Plural place nouns whose members "including" goes on to name.
const PLACE_NOUNS_PLURAL: &[&str] =
    &["towns", "cities", "villages", "districts", "provinces", "regions", "areas", "localities", "settlements"];

/// "A, B and C": `first` follows a list separator after the previous cued
/// item. A bare "and" continues only a list that already had a comma, so "in
/// Aleppo and Jabhat al-Nusra" does not make the group a place.
fn continues_list(text: &str, tokens: &[Token], first: usize, prev: Option<ListItem>) -> bool {
    let Some(p) = prev.filter(|p| p.cue) else {
        return false;
    };
    let t = &tokens[first];
    if p.last + 1 == first {
        return gap_is(text, t, ",");
    }
    if p.last + 2 == first {
        let c = &tokens[p.last + 1];
        let w = word(text, c);
        let comma = gap_is(text, c, ",");
        return (w == "and" || w == "or") && (comma || (c.sep == Sep::Space && p.listed)) && t.sep == Sep::Space;
    }
    false
}

/// "X, a town south of Y" / "X, south of Y" / "X, 10 km north of Y".
fn pattern_after(text: &str, tokens: &[Token], last: usize) -> bool {
    let Some(n) = tokens.get(last + 1) else {
        return false;
    };
    if !gap_is(text, n, ",") {
        return false;
    }
    let mut k = last + 1;
    let w = |k: usize| tokens.get(k).map(|t| word(text, t).to_ascii_lowercase()).unwrap_or_default();
    if matches!(w(k).as_str(), "a" | "the") {
        k += 1;
    }
    for _ in 0..2 {
        if matches!(w(k).as_str(), "small" | "strategic" | "key" | "nearby" | "rebel" | "held" | "besieged") {
            k += 1;
        }
    }
    if matches!(w(k).as_str(), "town" | "village" | "city" | "district" | "neighbourhood" | "neighborhood" | "suburb") {
        return true;
    }
    if w(k).chars().all(|c| c.is_ascii_digit()) && !w(k).is_empty() {
        k += 1;
        if matches!(w(k).as_str(), "km" | "kilometres" | "kilometers" | "miles" | "mi") {
            k += 1;
        }
    }
    contains(words::QUALIFIERS, &w(k)) && w(k + 1) == "of"
}

/// Is the run `first..=last` plausible as a place name nobody listed?
fn plausible_unknown(text: &str, tokens: &[Token], first: usize, last: usize, preposition_only: bool) -> bool {
    let content: Vec<&Token> =
        (first..=last).filter(|&k| !attached_article(text, tokens, k)).map(|k| &tokens[k]).collect();
    let Some(head) = content.first() else {
        return false;
    };
    let head_w = word(text, head);
    if contains(words::STOP, head_w)
        || contains(words::DEMONYMS, head_w)
        || contains(words::NAME_WORDS, head_w)
        || contains(words::QUALIFIERS, head_w)
    {
        return false;
    }
    if content.len() == 1 && head_w.chars().all(|c| !c.is_lowercase()) && head_w.chars().count() <= 4 {
        return false;
    }
    if content.iter().any(|t| t.folded.chars().any(|c| c.is_ascii_digit())) {
        return false;
    }
    if preposition_only {
        let last_w = word(text, content[content.len() - 1]).to_ascii_lowercase();
        // Demonyms and languages ("in Syrian territory", "in English") and possessives.
        if ["ian", "ese", "ish", "ans", "ians", "ic"].iter().any(|s| last_w.ends_with(s))
            || tokens[last].possessive
            || content.iter().any(|t| contains(words::STOP, word(text, t)))
        {
            return false;
        }
    }
    true
}

/// The match at `first` continues a longer capitalised name ("Ahrar al-Sham", "John Kirby").
fn embedded_before(text: &str, tokens: &[Token], first: usize, lay: &Layout) -> bool {
    let mut k = first;
    if k > 0 && attached_article(text, tokens, k - 1) {
        k -= 1;
    }
    if k == 0 || !joined(tokens, k) {
        return false;
    }
    // "the Gulf of Aden", "the Strait of Hormuz": a body of water named after the town is not
    // the town.
    if k >= 2 && word(text, &tokens[k - 1]) == "of" && joined(tokens, k - 1) && tokens[k - 2].cap {
        let w = word(text, &tokens[k - 2]);
        if ["Gulf", "Sea", "Strait", "Straits", "Bay", "Bight", "Lake", "Port", "Line"].contains(&w) {
            return true;
        }
    }
    let p = &tokens[k - 1];
    if lay.sentence[k - 1] != lay.sentence[first] || !p.cap || p.possessive {
        return false;
    }
    let w = word(text, p);
    !(contains(words::STOP, w) || contains(words::QUALIFIERS, w) || contains(words::PREPOSITIONS, w))
        || contains(words::NAME_WORDS, w)
}

/// The match ending at `last` is followed by another capitalised word ("Aleppo Media Center").
fn embedded_after(text: &str, tokens: &[Token], last: usize) -> bool {
    let Some(n) = tokens.get(last + 1) else {
        return false;
    };
    n.sep != Sep::Break
        && n.cap
        && !tokens[last].possessive
        && !contains(words::ADMIN_SUFFIXES, word(text, n))
        && !contains(words::NEAR_SUFFIXES, word(text, n))
        && !word(text, n).eq_ignore_ascii_case("city")
}

/// The place an event in `sentence` at `span` most likely happened: the
/// nearest cued place in the sentence ("in", "near", "the town of"), else the
/// nearest specific place in it, else a country named in it, else the last
/// place named earlier in the paragraph.
pub fn place_for_span(mentions: &[PlaceMention], sentence: &Sentence, span: Span) -> Option<Place> {
    let dist = |m: &PlaceMention| {
        if m.span.start >= span.end {
            m.span.start - span.end
        } else {
            span.start.saturating_sub(m.span.end)
        }
    };
    let in_sentence: Vec<&PlaceMention> = mentions.iter().filter(|m| m.sentence == sentence.index).collect();
    let pick = |f: &dyn Fn(&PlaceMention) -> bool| in_sentence.iter().copied().filter(|m| f(m)).min_by_key(|m| dist(m));
    pick(&|m| m.cue && m.kind != PlaceKind::Country)
        .or_else(|| pick(&|m| m.kind != PlaceKind::Country))
        .or_else(|| pick(&|_| true))
        .or_else(|| mentions.iter().rfind(|m| m.paragraph == sentence.paragraph && m.span.end <= sentence.span.start))
        .map(|m| m.place.clone())
}
