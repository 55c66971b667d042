//! Finding mentions in a document: one automaton scan over the folded text,
//! then the in-document rules (demonyms with sectors, capitals, generic
//! references, titles and short forms) and unknown actor-like names.

use crate::{KeyKind, Lexicon, Refers};
use aho_corasick::Input;
use sitrep_model::{ActorType, Mention, Segmentation, Span};
use sitrep_text::fold::{fold, fold_key, Folded};
use std::sync::OnceLock;

/// foldhash: the tables are keyed by short words, where SipHash's setup costs more than the lookup.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// Folded word tables used by the rules, built once.
struct Words {
    /// Folded sector phrase (one to three words) -> sector.
    sectors: HashMap<String, &'static str>,
    /// Nouns after a demonym that name people other than the state.
    not_state: HashSet<String>,
    speech: HashSet<String>,
    /// Words after which a capital is the city: "in", "near", "outside".
    locatives: HashSet<String>,
    /// What a side holds or fields ("posts", "held"), and the bare words for
    /// the sides that hold it (see `modifier_generics`).
    held: HashSet<String>,
    /// What a side fires or flies ("government artillery", "rebel drones").
    wielded: HashSet<String>,
    army_words: HashSet<String>,
    rebel_words: HashSet<String>,
    government_words: HashSet<String>,
    titles: HashSet<String>,
    /// Words between a demonym and its sector noun ("Russian ballistic missiles").
    weapon_kinds: HashSet<String>,
    /// Name words that are too common to stand for a group on their own.
    generic_heads: HashSet<String>,
    unknown_heads: Vec<String>,
    unknown_tails: Vec<String>,
    role_nouns: HashSet<String>,
    connectors: HashSet<String>,
}

fn folded<C: FromIterator<String>>(list: &[&str]) -> C {
    list.iter().map(|w| fold_key(w)).collect()
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let mut sectors = HashMap::default();
        let table: [(&str, &[&str]); 7] = [
            (
                "military",
                &[
                    "forces",
                    "force",
                    "troops",
                    "army",
                    "military",
                    "soldiers",
                    "armed forces",
                    "special forces",
                    "ground forces",
                    "military police",
                    "marines",
                    "artillery",
                    "artillery fire",
                    "tanks",
                    "tank",
                    "positions",
                    "military positions",
                    "frontline positions",
                    "units",
                    "military units",
                    "servicemen",
                    "paratroopers",
                    "commandos",
                    "infantry",
                    "snipers",
                    "defenders",
                    "reinforcements",
                    "reserves",
                    "reservists",
                    "brigades",
                    "battalions",
                    "formations",
                    "garrison",
                    "ground troops",
                    "national guard",
                    "armoured vehicles",
                    "armored vehicles",
                    "shelling",
                    "bombardment",
                    "fire",
                    "gunfire",
                    "strike",
                    "strikes",
                    "military operation",
                    "offensive",
                ],
            ),
            (
                "air force",
                &[
                    "air force",
                    "air forces",
                    "warplanes",
                    "jets",
                    "fighter jets",
                    "aircraft",
                    "airstrikes",
                    "air strikes",
                    "air raids",
                    "planes",
                    "bombers",
                    "helicopters",
                    "helicopter",
                    "attack helicopters",
                    "attack helicopter",
                    "helicopter gunships",
                    "gunships",
                    "warplane",
                    "jet",
                    "fighter jet",
                    "fighter planes",
                    "military aircraft",
                    "combat aircraft",
                    "bomber",
                    "drones",
                    "drone",
                    "attack drones",
                    "combat drones",
                    "drone strikes",
                    "drone strike",
                    "drone attacks",
                    "drone attack",
                    "missiles",
                    "missile",
                    "missile strikes",
                    "missile strike",
                    "missile attacks",
                    "missile attack",
                    "air defences",
                    "air defenses",
                    "air defence",
                    "air defense",
                    "aviation",
                ],
            ),
            (
                "government",
                &[
                    "government",
                    "officials",
                    "authorities",
                    "regime",
                    "administration",
                    "diplomats",
                    "leadership",
                    "ministry",
                    "foreign ministry",
                    "defense ministry",
                    "defence ministry",
                    "delegation",
                ],
            ),
            (
                "navy",
                &[
                    "navy",
                    "warships",
                    "warship",
                    "naval forces",
                    "naval vessels",
                    "fleet",
                    "frigate",
                    "frigates",
                    "submarine",
                    "submarines",
                ],
            ),
            ("intelligence", &["intelligence", "intelligence services", "security services"]),
            (
                "police",
                &[
                    "police",
                    "policemen",
                    "police officers",
                    "police forces",
                    "riot police",
                    "gendarmes",
                    "gendarmerie",
                    "coast guard",
                    "coastguard",
                ],
            ),
            ("security", &["security forces", "security personnel"]),
        ];
        for (sector, phrases) in table {
            for p in phrases {
                sectors.insert(fold_key(p), sector);
            }
        }
        Words {
            sectors,
            weapon_kinds: folded(&[
                "ballistic",
                "cruise",
                "hypersonic",
                "guided",
                "heavy",
                "unmanned",
                "kamikaze",
                "suicide",
                "combat",
                "attack",
                "fighter",
                "long-range",
                "short-range",
                "armed",
                "naval",
                "anti-ship",
                "surface-to-air",
                "made",
            ]),
            not_state: folded(&[
                "rebels",
                "rebel",
                "opposition",
                "insurgents",
                "militants",
                "jihadists",
                "fighters",
                "kurds",
                "kurdish",
                "refugees",
                "civilians",
                "activists",
                "dissidents",
                "observatory",
                "islamists",
                "tribes",
                "tribesmen",
                "christians",
                "people",
                "citizens",
                "children",
                "media",
                "border",
                "city",
                "town",
                "coast",
                "desert",
                "backed",
            ]),
            speech: folded(&[
                "said",
                "says",
                "say",
                "announced",
                "announces",
                "denied",
                "denies",
                "accused",
                "accuses",
                "insisted",
                "insists",
                "warned",
                "warns",
                "rejected",
                "rejects",
                "responded",
                "claimed",
                "claims",
                "called",
                "calls",
                "wants",
                "wanted",
                "has",
                "had",
                "is",
                "was",
                "will",
                "would",
                "agreed",
                "agrees",
                "refused",
                "refuses",
                "condemned",
                "condemns",
                "demanded",
                "demands",
                "urged",
                "urges",
                "threatened",
                "threatens",
                "sent",
                "sends",
                "backs",
                "backed",
                "supports",
                "supported",
                "believes",
                "hopes",
                "fears",
                "sees",
            ]),
            locatives: folded(&[
                "in",
                "near",
                "outside",
                "around",
                "across",
                "inside",
                "into",
                "throughout",
                "toward",
                "towards",
                "through",
            ]),
            held: folded(HELD_NOUNS),
            wielded: folded(WIELDED_NOUNS),
            army_words: folded(&["army", "military"]),
            rebel_words: folded(&["rebel", "opposition", "insurgent"]),
            government_words: folded(&["government", "regime", "loyalist"]),
            titles: folded(&[
                "Mr",
                "Mrs",
                "Ms",
                "Miss",
                "Dr",
                "Gen",
                "General",
                "Col",
                "Colonel",
                "Lt",
                "Maj",
                "Major",
                "Adm",
                "Admiral",
                "Capt",
                "Captain",
                "Brig",
                "Secretary",
                "Minister",
                "President",
                "Spokesman",
                "Spokeswoman",
                "Spokesperson",
                "Ambassador",
                "Envoy",
                "Sheikh",
                "Prince",
                "King",
                "Senator",
                "Sen",
                "Rep",
                "Commander",
                "Chancellor",
                "Premier",
                "Emir",
            ]),
            generic_heads: folded(&[
                "jaish",
                "jaysh",
                "jabhat",
                "liwa",
                "harakat",
                "hizb",
                "jund",
                "ansar",
                "katibat",
                "kataib",
                "army",
                "front",
                "islamic",
                "free",
                "syrian",
                "national",
                "democratic",
                "popular",
                "united",
                "new",
                "the",
                "al",
                "brigade",
                "brigades",
                "union",
                "party",
                "council",
                "movement",
                "forces",
                "state",
                "people",
                "peoples",
                "saraya",
                "faylaq",
                "failaq",
                "ajnad",
                "fatah",
                "fateh",
                "sham",
                "islam",
                "levant",
                "southern",
                "northern",
                "global",
                "coalition",
                "higher",
                "high",
                "supreme",
                "general",
                "republic",
                "kurdistan",
                "kurdish",
                "iraqi",
                "turkish",
                "russian",
                "american",
                "iranian",
                "lebanese",
                "arab",
                "unit",
                "units",
                "group",
                "organization",
                "committee",
                "office",
                "department",
                "ministry",
                "central",
                "special",
                "first",
                "second",
                "third",
                "division",
                "john",
                "mark",
                "abu",
            ]),
            unknown_heads: folded(&[
                "Jaish", "Jaysh", "Jabhat", "Liwa", "Liwaa", "Harakat", "Harakah", "Katibat", "Kataib", "Kataeb",
                "Ansar", "Jund", "Faylaq", "Failaq", "Ahrar", "Saraya", "Tajammu", "Firqat", "Alwiya", "Alwiyat",
                "Hayat", "Hay'at", "Hizb", "Hezb", "Usud", "Suqur", "Fawj", "Tajamu", "Thuwar", "Fursan", "Junud",
                "Quwat",
            ]),
            unknown_tails: folded(&[
                "Brigade",
                "Brigades",
                "Front",
                "Army",
                "Battalion",
                "Battalions",
                "Movement",
                "Division",
                "Regiment",
                "Legion",
                "Militia",
                "Militias",
                "Corps",
                "Gathering",
                "Operations Room",
                "Martyrs",
                "Mujahideen",
                "Group",
            ]),
            role_nouns: folded(&[
                "commander",
                "leader",
                "spokesman",
                "spokeswoman",
                "emir",
                "chief",
                "official",
                "founder",
                "head",
                "cleric",
                "ideologue",
            ]),
            connectors: folded(&[
                "al", "el", "of", "the", "bin", "ibn", "wa", "wal", "ad", "ash", "as", "ar", "an", "at", "az",
            ]),
        }
    })
}

/// A folded word with its byte range in the folded text.
#[derive(Clone, Copy)]
struct Word {
    s: usize,
    e: usize,
}

struct Doc<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    f: Folded,
    words: Vec<Word>,
}

impl Doc<'_> {
    fn word_at(&self, folded_start: usize) -> Option<usize> {
        self.words.binary_search_by_key(&folded_start, |w| w.s).ok()
    }
    fn word(&self, k: usize) -> &str {
        self.words.get(k).map_or("", |w| &self.f.text[w.s..w.e])
    }
    fn surface(&self, k: usize) -> &str {
        self.words.get(k).map_or("", |w| self.f.original_span(w.s..w.e).slice(self.text))
    }
    fn span_of(&self, a: usize, b: usize) -> Span {
        match (self.words.get(a), self.words.get(b)) {
            (Some(x), Some(y)) => self.f.original_span(x.s..y.e),
            _ => Span::default(),
        }
    }
    /// Longest sector phrase (up to three words) starting at word `k`:
    /// (sector, number of words).
    fn sector_at(&self, k: usize) -> Option<(&'static str, usize)> {
        let w = words();
        for n in (1..=3).rev() {
            if k + n > self.words.len() {
                continue;
            }
            let phrase = self.f.text[self.words[k].s..self.words[k + n - 1].e].to_string();
            if let Some(s) = w.sectors.get(&phrase) {
                return Some((s, n));
            }
        }
        None
    }
}

/// A mention before final ordering, with the folded word range it covers.
#[derive(Clone, Debug)]
struct Hit {
    span: Span,
    entity: Option<usize>,
    generic: Option<usize>,
    rule: &'static str,
    sector: Option<String>,
    name: Option<String>,
    /// First folded word, for hits from the automaton.
    word: Option<usize>,
}

impl Hit {
    /// A generic phrase, resolved later by [`resolve_generics`].
    fn generic(span: Span, g: usize, word: Option<usize>) -> Hit {
        Hit { span, entity: None, generic: Some(g), rule: "generic", sector: None, name: None, word }
    }
}

pub(crate) fn find(lex: &Lexicon, text: &str, seg: &Segmentation) -> Vec<Mention> {
    let mut allowed: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    allowed.extend(seg.paragraphs.iter().filter_map(|p| p.speaker_label));
    allowed.retain(|s| s.end <= text.len() && s.start < s.end);
    allowed.sort();
    if allowed.is_empty() {
        return Vec::new();
    }
    let f = fold(text);
    let mut words = Vec::new();
    let mut at = 0;
    for piece in f.text.split(' ') {
        if !piece.is_empty() {
            words.push(Word { s: at, e: at + piece.len() });
        }
        at += piece.len() + 1;
    }
    let doc = Doc { lex, text, f, words };
    let inside = |s: Span| -> bool {
        let i = allowed.partition_point(|a| a.start <= s.start);
        i > 0 && allowed[i - 1].contains(s)
    };

    let mut hits: Vec<Hit> = scan(&doc).into_iter().filter(|h| inside(h.span)).collect();
    drop_surnames(&doc, &mut hits);
    let modifiers = modifier_generics(&doc, &hits);
    if !modifiers.is_empty() {
        hits.extend(modifiers.into_iter().filter(|h| inside(h.span)));
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    }
    let labels: Vec<Span> = seg.paragraphs.iter().filter_map(|p| p.speaker_label).collect();
    let sentences: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    resolve_generics(&doc, &mut hits, &labels, &sentences);
    hits.retain(|h| h.entity.is_some());
    extend_titles(&doc, &mut hits);
    let mut extra = in_document(&doc, &hits, &inside);
    hits.append(&mut extra);
    hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    let mut unknown = unknown_candidates(&doc, &hits, seg);
    hits.append(&mut unknown);
    hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));

    let mut out: Vec<Mention> = Vec::with_capacity(hits.len());
    let mut last_end = 0;
    for h in hits {
        if h.span.start < last_end || h.span.is_empty() {
            continue;
        }
        last_end = h.span.end;
        let entity = h.entity.and_then(|i| lex.entity_at(i));
        out.push(Mention {
            span: h.span,
            actor: entity.map(|e| e.id.clone()),
            name: entity
                .map_or_else(|| h.name.clone().unwrap_or_else(|| h.span.slice(text).to_string()), |e| e.name.clone()),
            rule: h.rule.to_string(),
            sector: h.sector,
        });
    }
    out
}

/// Nouns for what a side holds or fields, after the side's name: "army
/// posts", "rebel-held areas", "an RSF base". The lexicon reads a bare
/// "army", "rebel" or "government" before one as that side; the coder takes
/// the holder of a seized one as its loser.
pub const HELD_NOUNS: &[&str] = &[
    "airbase",
    "position",
    "positions",
    "post",
    "posts",
    "outpost",
    "outposts",
    "base",
    "bases",
    "barracks",
    "garrison",
    "garrisons",
    "checkpoint",
    "checkpoints",
    "convoy",
    "convoys",
    "headquarters",
    "stronghold",
    "strongholds",
    "lines",
    "defences",
    "defenses",
    "units",
    "unit",
    "patrol",
    "patrols",
    "held",
    "controlled",
    "territory",
    "enclave",
    "enclaves",
    "targets",
];

/// What a side fires or flies: "government artillery shelled", "rebel
/// drones hit", "came under army fire".
const WIELDED_NOUNS: &[&str] = &[
    "artillery",
    "tanks",
    "tank",
    "warplanes",
    "warplane",
    "jets",
    "aircraft",
    "planes",
    "helicopters",
    "helicopter",
    "drones",
    "drone",
    "gunboats",
    "snipers",
    "sniper",
    "fire",
    "shelling",
    "shells",
    "rockets",
    "mortars",
    "mortar",
    "missiles",
    "airstrikes",
    "gunfire",
    "gunmen",
    "soldiers",
    "fighters",
    "militiamen",
    // What a side does: "the rebel offensive", "an army raid".
    "offensive",
    "attack",
    "attacks",
    "assault",
    "advance",
    "raid",
    "raids",
    "ambush",
    "bombardment",
];

/// "the local army garrison", "struck rebel positions", "shelled
/// government-held districts": a side named only by the modifier of what
/// it holds. The modifier is read as the generic phrase for that side
/// ("the army", "rebels", "government forces"), where the lexicon has one.
fn modifier_generics(doc: &Doc<'_>, hits: &[Hit]) -> Vec<Hit> {
    let lex = doc.lex;
    let generic_for = |phrase: &str| lex.generics().iter().position(|g| g.phrases.iter().any(|p| p == phrase));
    let w = words();
    let sides = [
        (&w.army_words, generic_for("the army")),
        (&w.rebel_words, generic_for("rebels")),
        (&w.government_words, generic_for("government forces")),
    ];
    let covered: Vec<Span> = hits.iter().map(|h| h.span).collect();
    let taken = |s: Span| covered.iter().any(|c| c.start < s.end && s.start < c.end);
    let mut out = Vec::new();
    for k in 0..doc.words.len().saturating_sub(1) {
        if !w.held.contains(doc.word(k + 1)) && !w.wielded.contains(doc.word(k + 1)) {
            continue;
        }
        let Some(g) = sides.iter().find(|(words, _)| words.contains(doc.word(k))).and_then(|(_, g)| *g) else {
            continue;
        };
        let span = doc.span_of(k, k);
        // A name's own word ("Army of Islam posts", "the Free Syrian Army positions") is no generic.
        if taken(span) || doc.surface(k).starts_with(char::is_uppercase) {
            continue;
        }
        out.push(Hit::generic(span, g, Some(k)));
    }
    out
}

/// Words after a name and a hyphen that keep the name an actor ("Iran-backed", "Saudi-led").
const HYPHEN_SUFFIXES: &[&str] = &[
    "backed",
    "led",
    "based",
    "allied",
    "aligned",
    "linked",
    "affiliated",
    "sponsored",
    "supported",
    "funded",
    "controlled",
    "held",
    "run",
    "occupied",
    "brokered",
    "mediated",
    "made",
    "supplied",
    "trained",
    "armed",
];

/// Whether a match is only part of a hyphenated word that names no actor: "the
/// military-industrial complex", "anti-government forces" (rebels, not the government).
fn hyphen_bound(text: &str, span: Span) -> bool {
    let after = text.get(span.end..).unwrap_or("");
    if let Some(rest) = after.strip_prefix('-') {
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        if word.chars().next().is_some_and(char::is_lowercase) && !HYPHEN_SUFFIXES.contains(&word.as_str()) {
            return true;
        }
    }
    let before = text.get(..span.start).unwrap_or("");
    if let Some(head) = before.strip_suffix('-') {
        let word: String =
            head.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
        if matches!(word.to_lowercase().as_str(), "anti" | "non" | "counter" | "ex") {
            return true;
        }
    }
    false
}

/// The automaton pass: aliases, demonyms, capitals and generic phrases.
fn scan(doc: &Doc<'_>) -> Vec<Hit> {
    let lex = doc.lex;
    let w = words();
    // Keys are padded with a space on both sides, and so is the text: a match
    // is always whole words ("iran armi", Iran Army, never shadows "iran"
    // in "iran armid"), and its closing space opens the next one.
    let mut hay = String::with_capacity(doc.f.text.len() + 2);
    hay.push(' ');
    hay.push_str(&doc.f.text);
    hay.push(' ');
    let mut hits = Vec::new();
    let mut pos = 0;
    while pos < hay.len() {
        let Some(m) = lex.automaton.find(Input::new(&hay).span(pos..hay.len())) else {
            break;
        };
        let (fs, fe) = (m.start(), m.end() - 2);
        pos = m.end() - 1;
        let span = doc.f.original_span(fs..fe);
        let surface = span.slice(doc.text);
        if hyphen_bound(doc.text, span) {
            continue;
        }
        let Some(t) = lex.targets[m.pattern().as_usize()].iter().find(|t| t.guard.passes(surface)) else {
            continue;
        };
        let first = doc.word_at(fs);
        let last = doc.word_at(doc.f.text[..fe].rfind(' ').map_or(0, |i| i + 1)).or(first);
        let next = last.map(|k| k + 1);
        match t.kind {
            KeyKind::Alias => {
                let e = lex.entity_at(t.entity);
                // "strikes in Khartoum", "a convoy near Kyiv": a capital after a
                // locative word is the city, a place; "Khartoum said" stays the state.
                let capital = e.is_some_and(|e| e.capital.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(surface)));
                if capital
                    && first.is_some_and(|k| k > 0 && w.locatives.contains(doc.word(k - 1)))
                    && !next.is_some_and(|n| w.speech.contains(doc.word(n)))
                {
                    continue;
                }
                let sector = match e.map(|e| e.kind) {
                    Some(ActorType::State) => last.and_then(|k| doc.sector_at(k)).map(|(s, _)| s.to_string()),
                    _ => None,
                };
                // "Rwanda-backed M23", "Turkish-backed Syrian National Army": an alias that names
                // its sponsor names two actors, so the sponsor stays visible to the coder.
                let span = match sponsor_split(lex, surface) {
                    Some(((len, sponsor), rest)) => {
                        hits.push(Hit {
                            span: Span::new(span.start, span.start + len),
                            entity: Some(sponsor),
                            generic: None,
                            rule: "alias",
                            sector: None,
                            name: None,
                            word: None,
                        });
                        Span::new(span.start + rest, span.end)
                    }
                    None => span,
                };
                hits.push(Hit {
                    span,
                    entity: Some(t.entity),
                    generic: None,
                    rule: "alias",
                    sector,
                    name: None,
                    word: first,
                });
            }
            KeyKind::Demonym => {
                let Some(n) = next else { continue };
                if w.not_state.contains(doc.word(n)) {
                    continue;
                }
                // "Russian ballistic missiles", "Iranian-made attack drones": up to two words
                // saying what kind come between the demonym and its sector noun.
                let skip = (0..=2)
                    .find(|&k| {
                        (n..n + k).all(|j| w.weapon_kinds.contains(doc.word(j))) && doc.sector_at(n + k).is_some()
                    })
                    .unwrap_or(0);
                let n = n + skip;
                if let Some((sector, len)) = doc.sector_at(n) {
                    let span = Span::new(span.start, doc.span_of(n, n + len - 1).end);
                    hits.push(Hit {
                        span,
                        entity: Some(t.entity),
                        generic: None,
                        rule: "demonym",
                        sector: Some(sector.to_string()),
                        name: None,
                        word: first,
                    });
                    pos = pos.max(doc.words[n + len - 1].e + 1);
                    continue;
                }
                // "Russian and Syrian air forces": the sector noun is shared.
                if doc.word(n) == "and" && doc.surface(n + 1).starts_with(char::is_uppercase) {
                    if let Some((sector, _)) = doc.sector_at(n + 2) {
                        hits.push(Hit {
                            span,
                            entity: Some(t.entity),
                            generic: None,
                            rule: "demonym",
                            sector: Some(sector.to_string()),
                            name: None,
                            word: first,
                        });
                        continue;
                    }
                }
                // A plural demonym ("the Russians") names the state itself.
                if surface.ends_with('s') {
                    hits.push(Hit {
                        span,
                        entity: Some(t.entity),
                        generic: None,
                        rule: "demonym",
                        sector: None,
                        name: None,
                        word: None,
                    });
                }
            }
            KeyKind::Capital => {
                let speaks = next.is_some_and(|n| w.speech.contains(doc.word(n)));
                if speaks {
                    hits.push(Hit {
                        span,
                        entity: Some(t.entity),
                        generic: None,
                        rule: "capital",
                        sector: Some("government".into()),
                        name: None,
                        word: first,
                    });
                }
            }
            KeyKind::Generic(g) => hits.push(Hit::generic(span, g, first)),
        }
    }
    hits
}

/// Resolve "the regime" to the host state and "the coalition" to the
/// coalition last named.
fn resolve_generics(doc: &Doc<'_>, hits: &mut [Hit], labels: &[Span], sentences: &[Span]) {
    let lex = doc.lex;
    let mut counts: HashMap<usize, usize> = HashMap::default();
    for h in hits.iter() {
        if let Some(e) = h.entity {
            *counts.entry(e).or_default() += 1;
        }
    }
    let hosts: Vec<usize> = lex.host_ids().iter().filter_map(|id| lex.index_of(id)).collect();
    let host = host_state(lex, &hosts, &counts);
    let home = home_state(lex, hits, labels);
    // Which host states each sentence names, itself or through one of its
    // armed groups, forces or organisations: "government forces" beside
    // "Syrian rebels" are Syria's in a story whose last paragraph is about Iraq.
    let sentence_of = |pos: usize| sentences.partition_point(|s| s.end <= pos);
    let host_of = |e: usize| host_named_by(lex, &hosts, e);
    // (sentence, position, host state) of every mention that names one; a
    // generic joins once resolved ("the Assad regime" two sentences before
    // "the regime").
    let mut named_hosts: Vec<(usize, usize, usize)> =
        hits.iter().filter_map(|h| Some((sentence_of(h.span.start), h.span.start, host_of(h.entity?)?))).collect();
    // The host state named nearest before a generic: in its sentence before
    // it, then anywhere in its sentence, then in the two sentences before.
    // `None` when none is, or the nearest place names several.
    fn local_host(named: &[(usize, usize, usize)], k: usize, at: usize) -> Option<usize> {
        for window in 0..4 {
            let inside = |&&(sentence, pos, _): &&(usize, usize, usize)| match window {
                0 => sentence == k && pos < at,
                1 => sentence == k,
                2 => sentence + 1 == k,
                _ => sentence + 2 == k,
            };
            let mut states = named.iter().filter(inside).map(|x| x.2);
            if let Some(first) = states.next() {
                return states.all(|s| s == first).then_some(first);
            }
        }
        None
    }
    // "a permanent cessation of hostilities" in a report on Lebanon is no Syrian agreement: an
    // entity tied to a host, written in lower case, is that entity only in documents that name
    // the host (itself or through its groups and forces).
    let named_states: Vec<usize> = named_hosts.iter().map(|x| x.2).collect();
    let foreign = |e: usize, span: Span| {
        lex.entity_at(e)
            .and_then(|x| x.host.as_deref())
            .is_some_and(|h| lex.index_of(h).is_none_or(|h| !named_states.contains(&h)))
            && !span.slice(doc.text).chars().any(char::is_uppercase)
    };
    for h in hits.iter_mut() {
        if h.entity.is_some_and(|e| foreign(e, h.span)) {
            h.entity = None;
        }
    }
    // "Insurgents led by Hayat Tahrir al-Sham", "rebels led by the M23": fighters the text does
    // not name, under a group it names, are that group's.
    let leaders: Vec<Option<usize>> = (0..hits.len())
        .map(|k| {
            hits[k].generic?;
            let rest = doc.text.get(hits[k].span.end..)?;
            let rest = rest.strip_prefix(' ')?.strip_prefix("led by ")?;
            let at = hits[k].span.end + 1 + "led by ".len() + if rest.starts_with("the ") { 4 } else { 0 };
            let next = hits.get(k + 1).filter(|n| n.span.start == at)?;
            next.entity.filter(|&e| {
                lex.entity_at(e).is_some_and(|x| matches!(x.kind, ActorType::Group | ActorType::Coalition))
            })
        })
        .collect();
    let mut last_coalition: Option<usize> = None;
    // Coalitions named so far with the words they were named by: "the
    // coalition" after "the US-led coalition" and "the SDF" is the former.
    let mut coalitions: Vec<(usize, String)> = Vec::new();
    let mut last_group: Option<(usize, usize)> = None;
    let mut last_agreement: Option<usize> = None;
    for (h, leader) in hits.iter_mut().zip(leaders) {
        if let Some(e) = leader {
            h.entity = Some(e);
            h.rule = "generic";
            continue;
        }
        if let Some(e) = h.entity {
            match lex.entity_at(e).map(|x| x.kind) {
                Some(ActorType::Coalition) => {
                    last_coalition = Some(e);
                    let name = lex.entity_at(e).map(|x| x.name.as_str()).unwrap_or("");
                    coalitions.push((e, format!("{} {}", h.span.slice(doc.text), name).to_lowercase()));
                }
                Some(ActorType::Group) => last_group = Some((e, sentence_of(h.span.start))),
                Some(ActorType::Agreement) => last_agreement = Some(e),
                _ => {}
            }
            continue;
        }
        let Some(g) = h.generic.and_then(|g| lex.generic_at(g)) else {
            continue;
        };
        let fallback = g.fallback.as_deref().and_then(|id| lex.index_of(id));
        let elsewhere = g.host.as_deref().is_some_and(|id| lex.index_of(id) != host);
        let refers = if elsewhere { g.elsewhere.as_ref() } else { Some(&g.refers) };
        // A group named in the last few sentences: "M23 rebels ... the rebel offensive".
        let recent_group = last_group.filter(|&(_, k)| k + RECENT_GROUP_SENTENCES >= sentence_of(h.span.start));
        let (target, rule) = match refers {
            None => (None, "generic"),
            Some(Refers::LastGroup) if elsewhere => (recent_group.map(|(e, _)| e), "generic"),
            Some(Refers::HostState) if g.home && home.is_some() => (home, "generic"),
            Some(Refers::HostState) => {
                (local_host(&named_hosts, sentence_of(h.span.start), h.span.start).or(host).or(fallback), "generic")
            }
            Some(Refers::LastCoalition) => {
                let head = h.span.slice(doc.text).split_whitespace().last().unwrap_or("").to_lowercase();
                let named = coalitions.iter().rev().find(|(_, words)| !head.is_empty() && words.contains(&head));
                (named.map(|(e, _)| *e).or(last_coalition).or(fallback), "coalition-anaphor")
            }
            Some(Refers::LastGroup) => (last_group.map(|(e, _)| e).or(fallback), "generic"),
            Some(Refers::LastAgreement) => (last_agreement.or(fallback), "generic"),
            Some(Refers::Entity(id)) => (lex.index_of(id), "generic"),
        };
        // "the Cessation of Hostilities" before any agreement was named: the
        // phrase without its article may be a name in its own right.
        let (target, rule) = match target {
            Some(t) => (Some(t), rule),
            None => (alias_only(lex, h.span.slice(doc.text)).filter(|&e| !foreign(e, h.span)), "alias"),
        };
        // "the army", "government forces": the state's armed forces where the
        // document names them ("Sudan's army ... The army said"), else the
        // state with the sector.
        let target = match target {
            Some(t) if g.sector.as_deref() == Some("military") => {
                lex.forces_of(t).iter().copied().find(|f| counts.contains_key(f)).or(Some(t))
            }
            t => t,
        };
        h.entity = target;
        h.rule = rule;
        h.sector = g.sector.clone();
        if let Some(state) = target.and_then(host_of) {
            named_hosts.push((sentence_of(h.span.start), h.span.start, state));
        }
        match target.and_then(|e| lex.entity_at(e)).map(|x| x.kind) {
            Some(ActorType::Coalition) => last_coalition = target,
            Some(ActorType::Group) => last_group = target.map(|e| (e, sentence_of(h.span.start))),
            Some(ActorType::Agreement) => last_agreement = target,
            _ => {}
        }
    }
}

/// How many sentences back a group may be named for a generic to stand for it.
const RECENT_GROUP_SENTENCES: usize = 5;

/// The host state a mention of entity `e` names: the host itself, or the
/// host one of its armed groups, forces or organisations belongs to.
fn host_named_by(lex: &Lexicon, hosts: &[usize], e: usize) -> Option<usize> {
    if hosts.contains(&e) {
        Some(e)
    } else if matches!(lex.entity_at(e).map(|x| x.kind), Some(ActorType::Group | ActorType::Organization)) {
        lex.state_of.get(e).copied().flatten().filter(|s| hosts.contains(s))
    } else {
        None
    }
}

/// The state whose officials speak a transcript: the turns' labels name
/// lexicon people, and more than half of the turns so named are by people
/// affiliated with this one state ("MR. EARNEST" in a White House briefing).
fn home_state(lex: &Lexicon, hits: &[Hit], labels: &[Span]) -> Option<usize> {
    if labels.is_empty() {
        return None;
    }
    let mut by_state: HashMap<usize, usize> = HashMap::default();
    let mut named = 0;
    for h in hits {
        let Some(e) = h.entity.and_then(|e| lex.entity_at(e)) else {
            continue;
        };
        if !labels.iter().any(|l| l.contains(h.span)) || e.kind != ActorType::Person {
            continue;
        }
        named += 1;
        let state = e.affiliation.as_deref().and_then(|a| lex.index_of(a));
        if let Some(s) = state.filter(|&s| lex.entity_at(s).is_some_and(|x| x.kind == ActorType::State)) {
            *by_state.entry(s).or_default() += 1;
        }
    }
    by_state.into_iter().max_by_key(|&(s, n)| (n, std::cmp::Reverse(s))).filter(|&(_, n)| n * 2 > named).map(|(s, _)| s)
}

/// The document's host state: the most mentioned of the lexicon's hosts,
/// counting the mentions of its armed groups, forces and organisations
/// beside its own (which weigh three times as much; ties to the earlier
/// listed); when none is named, the most mentioned
/// state (ties to the earlier in the lexicon); when no state is named, the
/// state most of the named armed groups and forces belong to; else the
/// first host. `counts` are mentions per entity.
fn host_state(lex: &Lexicon, hosts: &[usize], counts: &HashMap<usize, usize>) -> Option<usize> {
    // A host counts its own mentions and those of its armed groups, forces and
    // organisations: a Syria story may name "Syrian rebels", "the Free Syrian
    // Army" and "the Syrian Observatory" but not Syria itself, while its last
    // paragraph names Iraq twice. Naming the state weighs three times as much.
    let mut weight: HashMap<usize, usize> = HashMap::default();
    for (e, n) in counts {
        if let Some(s) = host_named_by(lex, hosts, *e) {
            *weight.entry(s).or_default() += if s == *e { 3 * n } else { *n };
        }
    }
    let named = hosts
        .iter()
        .enumerate()
        .filter(|(_, e)| weight.get(e).is_some_and(|&n| n > 0))
        .max_by_key(|(rank, e)| (weight[e], std::cmp::Reverse(*rank)))
        .map(|(_, e)| *e);
    let any_state = || {
        counts
            .iter()
            .filter(|(e, _)| lex.entity_at(**e).is_some_and(|x| x.kind == ActorType::State))
            .max_by_key(|(e, n)| (**n, std::cmp::Reverse(**e)))
            .map(|(e, _)| *e)
    };
    // No state named: the state most of the named armed groups and forces
    // belong to (a report on Somalia that names only al-Shabaab). Not people:
    // a spokesman abroad ("MR TONER: ... the regime") speaks of another state.
    let actors_state = || {
        let mut by_state: HashMap<usize, usize> = HashMap::default();
        for (e, n) in counts {
            let kind = lex.entity_at(*e).map(|x| x.kind);
            if !matches!(kind, Some(ActorType::Group | ActorType::Organization)) {
                continue;
            }
            if let Some(s) = lex.state_of.get(*e).copied().flatten() {
                *by_state.entry(s).or_default() += n;
            }
        }
        by_state.into_iter().max_by_key(|&(s, n)| (n, std::cmp::Reverse(s))).map(|(s, _)| s)
    };
    named.or_else(any_state).or_else(actors_state).or_else(|| hosts.first().copied())
}

/// Resolve a surface through entity aliases only (no generic rules).
/// "Rwanda-backed M23": ((length of the sponsor's name, the sponsor), offset of the
/// sponsored name) when the surface opens with a name the lexicon resolves, a hyphen and a
/// word of sponsorship.
fn sponsor_split(lex: &Lexicon, surface: &str) -> Option<((usize, usize), usize)> {
    const SPONSORING: &[&str] =
        &["backed", "led", "sponsored", "supported", "funded", "allied", "aligned", "linked", "affiliated"];
    let (head, rest) = surface.split_once(' ')?;
    let (sponsor, word) = head.rsplit_once('-')?;
    if !SPONSORING.contains(&word.to_lowercase().as_str()) || rest.is_empty() {
        return None;
    }
    let id = lex.resolve(sponsor)?.id.clone();
    let e = lex.index_of(&id)?;
    Some(((sponsor.len(), e), head.len() + 1))
}

/// Whether `surface` is a state's adjective ("Russian"), not its name or capital.
fn is_demonym(lex: &Lexicon, surface: &str) -> bool {
    let key = fold_key(surface);
    lex.key_index.get(&key).is_some_and(|&i| lex.targets[i].iter().any(|t| t.kind == KeyKind::Demonym))
}

fn alias_only(lex: &Lexicon, surface: &str) -> Option<usize> {
    let key = fold_key(surface);
    let key = key.strip_prefix("thi ").unwrap_or(&key);
    let i = *lex.key_index.get(key)?;
    lex.targets[i].iter().find(|t| t.kind == KeyKind::Alias).map(|t| t.entity)
}

/// "Congo's foreign minister, Therese Kayikwamba Wagner, accused ...": a one-word alias of
/// something other than a person, right after two capitalised words that name nothing the
/// lexicon knows (no actor, demonym or title), ends a person's name and names no actor.
/// "Lebanese Shiite Hezbollah" keeps its group: "Lebanese" is a demonym.
fn drop_surnames(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    const CALENDAR: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const NOT_NAMES: &[&str] =
        &["Shiite", "Shia", "Sunni", "Islamist", "Muslim", "Christian", "Arab", "Islamic", "Western", "Jihadist"];
    let w = words();
    let starts: Vec<usize> = hits.iter().map(|h| h.span.start).collect();
    let ends: Vec<usize> = hits.iter().map(|h| h.span.end).collect();
    let given = |word: &str| {
        word.len() > 1
            && word.starts_with(|c: char| c.is_uppercase())
            && word.chars().skip(1).all(|c| c.is_lowercase() || c == '-' || c == '\'')
            && !NOT_NAMES.contains(&word)
            && !w.titles.contains(&fold_key(word))
            && doc.lex.resolve(word).is_none()
    };
    let mut drop = vec![false; hits.len()];
    for (k, h) in hits.iter().enumerate() {
        let surface = h.span.slice(doc.text);
        let entity = h.entity.and_then(|e| doc.lex.entity_at(e));
        // "Senator Bob Kerry": a person's surname after another given name, mid-sentence, is
        // another person (not John Kerry).
        if let Some(e) = entity.filter(|e| e.kind == ActorType::Person && !surface.contains(' ')) {
            let before = doc.text[..h.span.start].strip_suffix(' ').unwrap_or("");
            let name = before.rsplit(|c: char| !c.is_alphabetic() && c != '-' && c != '\'').next().unwrap_or("");
            let prior = before[..before.len() - name.len()].trim_end_matches(' ');
            let mid_sentence = prior.ends_with(|c: char| c.is_alphanumeric() || c == ',');
            let own = e.name.split(' ').chain(e.aliases.iter().flat_map(|a| a.split(' '))).any(|w| w == name);
            if given(name) && !own && mid_sentence && !CALENDAR.contains(&name) {
                drop[k] = true;
            }
            continue;
        }
        let person = entity.is_none_or(|e| e.kind == ActorType::Person);
        if person || surface.contains(' ') || !surface.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let before = &doc.text[..h.span.start];
        let Some(b) = before.strip_suffix(' ') else { continue };
        let mut names = b.rsplit(' ');
        let (Some(last), Some(first)) = (names.next(), names.next()) else { continue };
        let covered = |from: usize, to: usize| starts.iter().zip(&ends).any(|(s, e)| *s < to && *e > from);
        let first_at = b.len() - last.len() - 1 - first.len();
        if given(last) && given(first) && !covered(first_at, b.len()) {
            drop[k] = true;
        }
    }
    let mut k = 0;
    hits.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// "MR TONER", "Col. Steve Warren": a title right before a person's alias
/// joins the mention.
fn extend_titles(doc: &Doc<'_>, hits: &mut [Hit]) {
    let w = words();
    let mut prev_end = 0;
    for h in hits.iter_mut() {
        let is_person = h.entity.and_then(|i| doc.lex.entity_at(i)).is_some_and(|e| e.kind == ActorType::Person);
        if let (true, Some(k)) = (is_person, h.word) {
            if k > 0 && w.titles.contains(doc.word(k - 1)) && capitalised(doc.surface(k - 1)) {
                let mut start = doc.span_of(k - 1, k - 1).start;
                // "Russian President Vladimir Putin": the state's adjective before the title
                // belongs to the person's mention, which then starts a verb's object.
                if k >= 2 && capitalised(doc.surface(k - 2)) && is_demonym(doc.lex, doc.surface(k - 2)) {
                    let (a, b) = (doc.span_of(k - 2, k - 2), doc.span_of(k - 1, k - 1));
                    if doc.text.get(a.end..b.start) == Some(" ") {
                        start = a.start;
                    }
                }
                if start >= prev_end {
                    h.span.start = start;
                    h.rule = "title";
                }
            }
        }
        prev_end = h.span.end;
    }
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Capitalised words that open a sentence or a clause, or follow a name, without being part of it.
const NOT_NAME_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "then",
    "when",
    "while",
    "after",
    "before",
    "on",
    "in",
    "at",
    "by",
    "with",
    "as",
    "if",
    "so",
    "meanwhile",
    "however",
    "yesterday",
    "today",
    "said",
    "says",
    "told",
    "asked",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "president",
    "minister",
];

/// Titles with surnames, short forms and first names of entities named in
/// the document.
fn in_document(doc: &Doc<'_>, hits: &[Hit], inside: &dyn Fn(Span) -> bool) -> Vec<Hit> {
    let lex = doc.lex;
    let w = words();
    let mut short: HashMap<String, usize> = HashMap::default();
    let mut first_names: HashMap<String, Vec<usize>> = HashMap::default();
    let mut seen: Vec<usize> = Vec::new();
    for h in hits {
        let Some(i) = h.entity else { continue };
        if seen.contains(&i) {
            continue;
        }
        seen.push(i);
        let Some(e) = lex.entity_at(i) else { continue };
        match e.kind {
            ActorType::Person => {
                let key = fold_key(&e.name);
                let parts: Vec<&str> = key.split(' ').collect();
                if parts.len() >= 2 {
                    if let Some(last) = parts.last() {
                        short.entry(last.to_string()).or_insert(i);
                    }
                    if !w.titles.contains(parts[0]) && parts[0].len() >= 3 {
                        first_names.entry(parts[0].to_string()).or_default().push(i);
                    }
                }
            }
            ActorType::Group | ActorType::Coalition => {
                for n in e.names() {
                    let key = fold_key(n);
                    // Only transliterated names shorten ("Ahrar" for "Ahrar
                    // al-Sham"); an English head ("East", "Army") does not.
                    if !key.contains(" al ") {
                        continue;
                    }
                    let mut it = key.split(' ');
                    let (Some(head), Some(_)) = (it.next(), it.next()) else {
                        continue;
                    };
                    if head.len() >= 4 && !w.generic_heads.contains(head) {
                        short.entry(head.to_string()).or_insert(i);
                    }
                }
            }
            _ => {}
        }
    }
    let mut covered: Vec<(usize, usize)> = hits.iter().map(|h| (h.span.start, h.span.end)).collect();
    covered.sort();
    let is_covered = |s: Span| {
        let i = covered.partition_point(|c| c.0 < s.end);
        covered[..i].iter().rev().take(8).any(|c| c.1 > s.start)
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < doc.words.len() {
        let word = doc.word(k);
        let span = doc.span_of(k, k);
        if is_covered(span) || !inside(span) {
            k += 1;
            continue;
        }
        // "Mr Kirby", "MR TONER", "Foreign Minister Lavrov".
        if w.titles.contains(word) && capitalised(doc.surface(k)) {
            let name = doc.word(k + 1);
            if capitalised(doc.surface(k + 1)) {
                let cands = lex.surnames.get(name).cloned().unwrap_or_default();
                let pick = cands
                    .iter()
                    .find(|c| seen.contains(c))
                    .copied()
                    .or_else(|| (cands.len() == 1).then(|| cands[0]))
                    .or_else(|| {
                        short
                            .get(name)
                            .copied()
                            .filter(|i| lex.entity_at(*i).is_some_and(|e| e.kind == ActorType::Person))
                    });
                if let Some(i) = pick {
                    let span = doc.span_of(k, k + 1);
                    if !is_covered(span) && inside(span) {
                        out.push(Hit {
                            span,
                            entity: Some(i),
                            generic: None,
                            rule: "title",
                            sector: None,
                            name: None,
                            word: None,
                        });
                        k += 2;
                        continue;
                    }
                }
            }
        }
        // "police spokesman Abdifatah Aden Hassan": a word inside a longer
        // capitalised name is no short form or first name of another person.
        let joined = |a: usize, b: usize| {
            let (x, y) = (doc.span_of(a, a), doc.span_of(b, b));
            x.end < y.start && doc.text.get(x.end..y.start) == Some(" ")
        };
        let name_word = |j: usize| {
            capitalised(doc.surface(j))
                && !is_covered(doc.span_of(j, j))
                && !w.titles.contains(doc.word(j))
                && !NOT_NAME_WORDS.contains(&doc.word(j))
        };
        let embedded = (k > 0 && joined(k - 1, k) && name_word(k - 1))
            || (k + 1 < doc.words.len() && joined(k, k + 1) && name_word(k + 1));
        if capitalised(doc.surface(k)) && !embedded {
            if let Some(&i) = short.get(word) {
                out.push(Hit {
                    span,
                    entity: Some(i),
                    generic: None,
                    rule: "short-form",
                    sector: None,
                    name: None,
                    word: None,
                });
            } else if let Some(list) = first_names.get(word).filter(|l| l.len() == 1) {
                out.push(Hit {
                    span,
                    entity: Some(list[0]),
                    generic: None,
                    rule: "first-name",
                    sector: None,
                    name: None,
                    word: None,
                });
            }
        }
        k += 1;
    }
    out
}

/// A word of the original text with its byte span and the punctuation
/// around it.
struct Tok {
    s: usize,
    e: usize,
    /// Punctuation right after the word ends a name run.
    breaks: bool,
}

fn tokens(text: &str, span: Span) -> Vec<Tok> {
    let mut out = Vec::new();
    let piece = span.slice(text);
    let mut i = 0;
    for raw in piece.split_inclusive(char::is_whitespace) {
        let start = span.start + i;
        i += raw.len();
        let trimmed_end = raw.trim_end();
        let lead = trimmed_end.len() - trimmed_end.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core = trimmed_end.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            if let Some(last) = out.last_mut() {
                let t: &mut Tok = last;
                t.breaks = true;
            }
            continue;
        }
        let s = start + lead;
        let e = s + core.len();
        let tail = &trimmed_end[lead + core.len()..];
        if lead > 0 {
            if let Some(last) = out.last_mut() {
                let t: &mut Tok = last;
                t.breaks = true;
            }
        }
        out.push(Tok { s, e, breaks: !tail.is_empty() });
    }
    out
}

/// Capitalised names that look like actors but are not in the lexicon.
fn unknown_candidates(doc: &Doc<'_>, hits: &[Hit], seg: &Segmentation) -> Vec<Hit> {
    let w = words();
    let text = doc.text;
    // `hits` are sorted by start: with the running maximum of their ends, an
    // overlap test is one binary search rather than a pass over all hits.
    let max_end: Vec<usize> = hits
        .iter()
        .scan(0, |m, h| {
            *m = (*m).max(h.span.end);
            Some(*m)
        })
        .collect();
    let overlaps = |s: Span| {
        let n = hits.partition_point(|h| h.span.start < s.end);
        n > 0 && max_end[n - 1] > s.start
    };
    let mut out = Vec::new();
    for sent in &seg.sentences {
        if sent.span.end > text.len() || sent.span.is_empty() {
            continue;
        }
        let toks = tokens(text, sent.span);
        let key = |t: &Tok| fold_key(&text[t.s..t.e]);
        let is_name = |t: &Tok| {
            let s = &text[t.s..t.e];
            capitalised(s) || (s.contains('-') && s.split('-').nth(1).is_some_and(capitalised))
        };
        // Connectors are short words; folding only those keeps the scan cheap.
        let is_conn = |t: &Tok| t.e - t.s <= 4 && w.connectors.contains(&key(t));
        let mut k = 0;
        while k < toks.len() {
            if !is_name(&toks[k]) {
                k += 1;
                continue;
            }
            // Extend a run of name words and connectors.
            let mut j = k;
            while j + 1 < toks.len() && !toks[j].breaks && j - k < 8 {
                let nt = &toks[j + 1];
                if is_name(nt) || is_conn(nt) {
                    j += 1;
                } else {
                    break;
                }
            }
            while j > k && is_conn(&toks[j]) {
                j -= 1;
            }
            let mut a = k;
            while a < j && matches!(key(&toks[a]).as_str(), "thi" | "a" | "an") {
                a += 1;
            }
            let first = key(&toks[a]);
            let last = key(&toks[j]);
            let prev_role = k > 0 && toks[k - 1].e - toks[k - 1].s <= 12 && w.role_nouns.contains(&key(&toks[k - 1]));
            let looks = j > a
                && (w.unknown_heads.iter().any(|h| first.starts_with(h.as_str()) && first.len() <= h.len() + 1)
                    || w.unknown_tails.contains(&last)
                    || first == "abu"
                    || prev_role);
            let span = Span::new(toks[a].s, toks[j].e);
            if looks && !overlaps(span) {
                out.push(Hit {
                    span,
                    entity: None,
                    generic: None,
                    rule: "unknown-candidate",
                    sector: None,
                    name: Some(text[span.range()].to_string()),
                    word: None,
                });
            }
            k = j + 1;
        }
    }
    out
}
