//! Attribution inside a sentence: who said it (subject of a speech verb,
//! with role and appositive), what was said (a quotation next to the verb,
//! the `that` clause, the clause before `, X said`), and where (venue).
//!
//! The parser is a small word-level pattern matcher rather than a grammar:
//! the attribution constructions of news prose are few and formulaic
//! (`X said that ...`, `"...," said X`, `X told Y: "..."`, `according to X,
//! ...`), and a matcher that only fires on them keeps precision high.

use crate::scan::{is_capitalized, words, Quotation, Word};
use sitrep_model::Span;

/// Verbs that introduce speech. `told`-like verbs take an object first.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "claimed",
    "claims",
    "warned",
    "warns",
    "insisted",
    "insists",
    "noted",
    "notes",
    "argued",
    "argues",
    "asserted",
    "asserts",
    "declared",
    "declares",
    "announced",
    "announces",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "explained",
    "explains",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "alleged",
    "alleges",
    "reiterated",
    "reiterates",
    "maintained",
    "maintains",
    "suggested",
    "suggests",
    "replied",
    "replies",
    "responded",
    "answered",
    "tweeted",
    "wrote",
    "writes",
    "commented",
    "remarked",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "predicted",
    "vowed",
    "vows",
    "promised",
    "promises",
    "conceded",
    "concedes",
    "contended",
    "observed",
    "reported",
    "reports",
    "revealed",
    "indicated",
    "assured",
    "informed",
    "charged",
    "countered",
    "boasted",
    "estimated",
    "cautioned",
    "clarified",
    "complained",
    "continued",
    "urged",
    "threatened",
    "pledged",
    "recalled",
];

/// Participles after an attribution and a comma that go on with what was said.
const CONTINUING: &[&str] = &["adding", "saying", "noting", "stressing", "insisting", "warning", "explaining"];

/// Verbs after which the object precedes the clause (`told reporters that`).
const OBJECT_VERBS: &[&str] =
    &["told", "tells", "assured", "informed", "warned", "warns", "reminded", "urged", "cautioned"];

/// Verbs that only attribute in a line ending with a colon.
const COLON_VERBS: &[&str] = &[
    "talking",
    "talked",
    "talks",
    "speaking",
    "spoke",
    "asked",
    "called",
    "accused",
    "went",
    "put",
    "responding",
    "replying",
    "answering",
    "explaining",
    "saying",
    "telling",
    "adding",
    "noting",
    "declaring",
    "insisting",
    "stating",
    "arguing",
    "warning",
    "remarks",
];

/// Words ending in -s after `said` that open no reported clause (the rule
/// that reads one only looks at lowercase words of more than three letters
/// ending in a single -s).
const NOT_A_CLAUSE_OPENER: &[&str] = &[
    "this",
    "thus",
    "does",
    "hers",
    "perhaps",
    "sometimes",
    "afterwards",
    "towards",
    "besides",
    "whereas",
    "plus",
    "minus",
    "always",
    "nevertheless",
    "nonetheless",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "minutes",
    "upwards",
];

/// Adverbs and auxiliaries that may sit between subject and verb.
const SKIP_BEFORE_VERB: &[&str] = &[
    "also",
    "again",
    "later",
    "still",
    "then",
    "has",
    "had",
    "have",
    "was",
    "is",
    "were",
    "are",
    "previously",
    "reportedly",
    "repeatedly",
    "publicly",
    "once",
    "recently",
    "earlier",
    "further",
    "allegedly",
    "already",
    "even",
    "only",
    "just",
    "initially",
    "subsequently",
    "finally",
    "similarly",
    "separately",
    "privately",
    "openly",
    "explicitly",
    "clearly",
    "flatly",
    "first",
    "famously",
    "himself",
    "herself",
    "had",
    "been",
    "keeps",
    "kept",
    "not",
    "never",
    "did",
    "does",
    "would",
    "will",
    "could",
    "yesterday",
    "today",
    "angrily",
    "bluntly",
];

const PRONOUNS: &[&str] = &["he", "she"];

const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ash", "as", "an", "ar", "az", "bin", "ibn", "abu", "abd", "de", "del", "da", "di", "van", "von",
    "der", "la", "le", "of", "for", "the", "bint", "ben", "du",
];

/// Capitalised words that start sentences or clauses, never a name.
const STOP_CAPS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "so",
    "then",
    "when",
    "while",
    "meanwhile",
    "however",
    "yet",
    "on",
    "at",
    "in",
    "by",
    "for",
    "from",
    "after",
    "before",
    "during",
    "also",
    "earlier",
    "later",
    "last",
    "this",
    "that",
    "these",
    "those",
    "both",
    "neither",
    "nor",
    "either",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "whether",
    "if",
    "as",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "according",
    "speaking",
    "asked",
    "again",
    "instead",
    "indeed",
    "still",
    "now",
    "here",
    "there",
    "what",
    "why",
    "how",
    "who",
    "it",
    "we",
    "i",
    "they",
    "he",
    "she",
    "you",
    "even",
    "only",
    "just",
    "some",
    "many",
    "several",
    "all",
    "no",
    "not",
    "one",
    "two",
    "three",
    "hours",
    "days",
    "thirteen",
    "about",
    "early",
    "late",
    "next",
    "until",
    "since",
    "with",
    "without",
    "under",
    "over",
    "asked",
    "to",
    "of",
    "additionally",
    "moreover",
    "furthermore",
    "finally",
    "first",
    "second",
    "third",
    "thus",
    "therefore",
    "although",
    "though",
    "because",
];

/// Role nouns: a name after one of these is the person holding the role.
const ROLE_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "minister",
    "secretary",
    "president",
    "ambassador",
    "envoy",
    "official",
    "officials",
    "leader",
    "chief",
    "general",
    "gen",
    "colonel",
    "col",
    "director",
    "head",
    "negotiator",
    "representative",
    "adviser",
    "advisor",
    "analyst",
    "activist",
    "monitor",
    "member",
    "deputy",
    "governor",
    "mayor",
    "chairman",
    "chairwoman",
    "founder",
    "fighter",
    "journalist",
    "correspondent",
    "reporter",
    "diplomat",
    "mediator",
    "coordinator",
    "emir",
    "king",
    "premier",
    "senator",
    "sen",
    "rep",
    "admiral",
    "lt",
    "lieutenant",
    "major",
    "captain",
    "capt",
    "sergeant",
    "sgt",
    "prosecutor",
    "judge",
    "researcher",
    "expert",
    "source",
    "sources",
    "militant",
    "militants",
    "rebel",
    "rebels",
    "cleric",
    "preacher",
    "mufti",
    "secretary-general",
    "undersecretary",
    "administrator",
    "press",
    "presidents",
    "ministers",
    "officer",
    "operative",
    "organizer",
    "organiser",
    "witness",
    "resident",
    "residents",
    "doctor",
    "medic",
    "worker",
];

/// Institutions that issue statements in their own name.
const SPEAKING_BODIES: &[&str] = &[
    "military",
    "army",
    "ministry",
    "government",
    "police",
    "authorities",
    "command",
    "presidency",
    "office",
    "navy",
    "forces",
    "mission",
    "embassy",
    "agency",
];

/// Words that make a capitalised run an organisation or outlet rather than a person.
const ORG_WORDS: &[&str] = &[
    "military",
    "army",
    "department",
    "ministry",
    "council",
    "forces",
    "force",
    "government",
    "observatory",
    "front",
    "party",
    "committee",
    "agency",
    "brigade",
    "brigades",
    "news",
    "times",
    "post",
    "kremlin",
    "pentagon",
    "office",
    "house",
    "command",
    "coalition",
    "nations",
    "union",
    "organization",
    "organisation",
    "tv",
    "network",
    "press",
    "institute",
    "center",
    "centre",
    "group",
    "movement",
    "state",
    "states",
];

const OUTLET_NOUNS: &[&str] = &[
    "newspaper",
    "daily",
    "agency",
    "tv",
    "television",
    "channel",
    "radio",
    "website",
    "magazine",
    "broadcaster",
    "outlet",
    "weekly",
    "paper",
    "network",
    "wire",
];

/// How the speaker is named in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SubjectKind {
    /// A name (`Mr Kirby`, `Abu Yazid Taftanaz`, `the Russian Defence Ministry`).
    Name,
    /// `he` / `she`: resolve to the last named speaker.
    Pronoun,
    /// Only a role (`the spokesman`, `a State Department official`).
    Role,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Subject {
    pub span: Span,
    pub kind: SubjectKind,
    /// The role as the text gives it (`State Department spokesman`).
    pub role: Option<String>,
}

/// One attributed piece of speech inside a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Speech {
    pub subject: Subject,
    pub verb: Span,
    /// The quoted words or the reported clause.
    pub content: Span,
    /// `direct` or `reported`.
    pub form: &'static str,
    pub rule: &'static str,
    /// The sentence the attribution verb is in.
    pub sentence: Span,
}

/// Speech verbs in the simple present: what a report says someone "says" is said as it is
/// published.
const PRESENT_SPEECH: &[&str] = &[
    "say",
    "says",
    "tell",
    "tells",
    "warn",
    "warns",
    "insist",
    "insists",
    "argue",
    "argues",
    "maintain",
    "maintains",
    "claim",
    "claims",
    "add",
    "adds",
    "note",
    "notes",
    "stress",
    "stresses",
    "believe",
    "believes",
    "acknowledge",
    "acknowledges",
    "admit",
    "admits",
    "deny",
    "denies",
    "estimate",
    "estimates",
    "write",
    "writes",
    "explain",
    "explains",
];

/// Whether the attribution verb at `verb` is a speech verb in the simple present ("says",
/// "officials say"), not "said", "has said" or "according to".
pub(crate) fn present_tense(text: &str, verb: Span) -> bool {
    let first = verb.slice(text).split_whitespace().next().unwrap_or("").to_lowercase();
    PRESENT_SPEECH.contains(&first.as_str())
}

pub(crate) fn lower(w: &Word, text: &str) -> String {
    w.text(text).to_lowercase()
}

fn gap(text: &str, a: usize, b: usize) -> &str {
    if a <= b {
        text.get(a..b).unwrap_or("")
    } else {
        ""
    }
}

fn is_speech_verb(l: &str) -> bool {
    SPEECH_VERBS.contains(&l)
}

/// Whether an ASCII word is a speech verb in any case (`None` for other
/// words), lowercased on the stack and looked up in the sorted verbs.
fn maybe_speech_verb(w: &str) -> Option<bool> {
    static SORTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut v = SPEECH_VERBS.to_vec();
        v.sort_unstable();
        v
    });
    if !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 24];
    let Some(dst) = buf.get_mut(..w.len()) else {
        // Longer than any speech verb.
        return Some(SPEECH_VERBS.iter().any(|s| s.eq_ignore_ascii_case(w)));
    };
    dst.copy_from_slice(w.as_bytes());
    dst.make_ascii_lowercase();
    Some(std::str::from_utf8(dst).is_ok_and(|l| SORTED.binary_search(&l).is_ok()))
}

fn is_particle_word(w: &str) -> bool {
    let l = w.to_lowercase();
    PARTICLES.contains(&l.as_str())
        || ["al-", "el-", "ad-", "ash-", "as-", "an-", "ar-", "az-", "bin-", "ibn-", "abu-", "at-", "adh-"]
            .iter()
            .any(|p| l.starts_with(p))
}

/// A capitalised function word, including contractions (`We've`, `It's`).
fn is_stop_cap(l: &str) -> bool {
    let head = l.split(['\'', '\u{2019}']).next().unwrap_or(l);
    STOP_CAPS.contains(&l) || (head.len() < l.len() && STOP_CAPS.contains(&head))
}

fn is_name_word(w: &str) -> bool {
    let l = w.to_lowercase();
    if l.contains(['\'', '\u{2019}']) && is_stop_cap(&l) {
        return false;
    }
    is_capitalized(w) || {
        let l = w.to_lowercase();
        ["al-", "el-", "ad-", "ash-", "as-", "an-", "ar-", "az-", "at-", "adh-"].iter().any(|p| l.starts_with(p))
    }
}

/// True when the gap between two words of a name is only spacing (a name
/// does not run across commas, quotes or brackets).
fn joins_name(g: &str) -> bool {
    g.chars().all(|c| c.is_whitespace() || c == '.')
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s").or_else(|| s.strip_suffix("\u{2019}s")).unwrap_or(s)
}

/// Splits a capitalised run into role and name at its last title word
/// (`Russian Foreign Minister Sergei Lavrov`) or possessive (`Russia's Lavrov`).
fn split_role(ws: &[Word], text: &str) -> (usize, Option<String>) {
    let mut cut = 0;
    for (i, w) in ws.iter().enumerate() {
        let l = w.text(text).to_lowercase();
        let l = l.trim_end_matches('.');
        let possessive = l.ends_with("'s") || l.ends_with("\u{2019}s");
        if (ROLE_NOUNS.contains(&l) || possessive) && i + 1 < ws.len() {
            cut = i + 1;
        }
    }
    if cut == 0 {
        return (0, None);
    }
    let role = Span::new(ws[0].start, ws[cut - 1].end).slice(text).to_string();
    (cut, Some(role))
}

/// The subject of the speech verb `ws[v]`, looking left, within `ws[lo..v]`.
pub(crate) fn subject_before(text: &str, ws: &[Word], lo: usize, v: usize) -> Option<Subject> {
    let mut j = v;
    while j > lo
        && SKIP_BEFORE_VERB.contains(&lower(&ws[j - 1], text).as_str())
        && joins_name(gap(text, ws[j - 1].end, ws[j].start))
    {
        j -= 1;
    }
    if j == lo {
        return None;
    }
    // "The Security Service of Ukraine (SBU) said": the abbreviation in
    // parentheses is an aside.
    if j > lo + 1
        && gap(text, ws[j - 2].end, ws[j - 1].start).trim_end().ends_with('(')
        && gap(text, ws[j - 1].end, ws[j].start).trim_start().starts_with(')')
    {
        j -= 1;
    }
    // "The ministry denied targeting civilian sites and claimed that ...":
    // a second verb of one subject speaks for the subject of the first.
    if lower(&ws[j - 1], text) == "and" && j >= lo + 2 {
        let first_verb = (lo + 1..j - 1)
            .rev()
            .take(12)
            .take_while(|&k| !gap(text, ws[k].end, ws[k + 1].start).contains([',', ';', ':']))
            .find(|&k| {
                let l = lower(&ws[k], text);
                is_speech_verb(&l) || (l.len() > 4 && l.ends_with("ed") && !is_capitalized(ws[k].text(text)))
            });
        return first_verb.and_then(|k| subject_before(text, ws, lo, k));
    }
    let mut appositive_role: Option<String> = None;
    // `Mark Toner, the State Department spokesman, said`; `The RSF, led by
    // General Dagalo, known as Hemedti, said`: up to three asides.
    let mut asides = 0;
    while j > lo && gap(text, ws[j - 1].end, ws[j].start).contains(',') {
        let mut k = j - 1;
        while k > lo && !gap(text, ws[k - 1].end, ws[k].start).contains(',') {
            k -= 1;
        }
        // ("Jimmy Cherizier, a former police officer who leads the gang alliance known as Viv
        // Ansanm, said": a described aside may run longer than a bare one.)
        let described = matches!(lower(&ws[k], text).as_str(), "the" | "a" | "an" | "who" | "which");
        if k == lo || j - k > if described { 14 } else { 8 } || asides == 3 {
            // Before the first aside, what is left is the subject itself.
            if asides > 0 {
                break;
            }
            return None;
        }
        let first = lower(&ws[k], text);
        let phrase: Vec<String> = ws[k..j].iter().map(|w| lower(w, text)).collect();
        // ("Under-Secretary-General for Political Affairs": a role in its hyphenated parts.)
        // ("A junta spokesman, Major General Zaw Min Tun, said": a title before a name is
        // the name, not a role in apposition.)
        // ("Look, even Senator Graham, who served ..., has acknowledged": a focusing adverb
        // before the titled name does not make it an aside.)
        let focus = usize::from(matches!(first.as_str(), "even" | "also" | "only" | "now") && j - k >= 2);
        let titled_name = ws[k + focus..j].iter().all(|w| is_name_word(w.text(text)))
            && phrase.last().is_some_and(|l| !ROLE_NOUNS.contains(&l.as_str()));
        let role = !titled_name && phrase.iter().any(|p| p.split('-').any(|x| ROLE_NOUNS.contains(&x)));
        // A participle aside names no role: "led by X", "known as Y", "backed by Iran".
        let participle = matches!(
            first.as_str(),
            "led" | "headed" | "known" | "commanded" | "backed" | "based" | "founded" | "run" | "supported" | "allied"
        ) && phrase.len() >= 2
            && matches!(phrase[1].as_str(), "by" | "as" | "in" | "with" | "to");
        // "Médecins Sans Frontières, which supported the hospital, said": a relative aside.
        let is_appositive =
            matches!(first.as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their" | "who" | "which")
                || role
                || participle;
        // ("X, who ..., said": only after a name; "the man, who ..." is not set apart from its noun.)
        let after_name = k > lo && is_capitalized(ws[k - 1].text(text)) && is_name_word(ws[k - 1].text(text));
        if !is_appositive || first == "who" && !role && !after_name {
            if asides > 0 {
                break;
            }
            // "The police spokesman, Ali Hassan, said": the name in apposition to a role.
            let named = ws[k..j].iter().all(|w| is_name_word(w.text(text)));
            // A title before the name ("Major General") is left out of it.
            let name_at = k + split_role(&ws[k..j], text).0;
            if named && k > lo && ROLE_NOUNS.contains(&lower(&ws[k - 1], text).as_str()) {
                let start = role_phrase_start(text, ws, lo, k - 1);
                let role = Span::new(ws[start].start, ws[k - 1].end).slice(text).to_string();
                return Some(Subject {
                    span: Span::new(ws[name_at].start, ws[j - 1].end),
                    kind: SubjectKind::Name,
                    role: Some(role),
                });
            }
            // "..., the commander of Ukraine's armed forces, Oleksandr Syrskyi, said": a role
            // phrase set off by commas, its role noun first after the article.
            if named && k > lo && gap(text, ws[k - 1].end, ws[k].start).contains(',') {
                let mut p = k - 1;
                while p > lo && !gap(text, ws[p - 1].end, ws[p].start).contains(',') {
                    p -= 1;
                }
                let head = if matches!(lower(&ws[p], text).as_str(), "the" | "a" | "an") { p + 1 } else { p };
                let noun = (head..(head + 3).min(k - 1)).find(|&i| ROLE_NOUNS.contains(&lower(&ws[i], text).as_str()));
                if k - p <= 9 && noun.is_some() {
                    let role = Span::new(ws[head].start, ws[k - 1].end).slice(text).to_string();
                    return Some(Subject {
                        span: Span::new(ws[name_at].start, ws[j - 1].end),
                        kind: SubjectKind::Name,
                        role: Some(role),
                    });
                }
            }
            return None;
        }
        let start = if matches!(first.as_str(), "the" | "a" | "an") { k + 1 } else { k };
        if start < j && !participle && first != "which" && appositive_role.is_none() {
            appositive_role = Some(Span::new(ws[start].start, ws[j - 1].end).slice(text).to_string());
        }
        j = k;
        asides += 1;
    }
    let last = ws[j - 1].text(text);
    let ll = last.to_lowercase();
    if PRONOUNS.contains(&ll.as_str()) {
        return Some(Subject { span: ws[j - 1].span(), kind: SubjectKind::Pronoun, role: None });
    }
    // A capitalised run of name words and inner particles.
    let mut k = j;
    while k > lo {
        let w = ws[k - 1].text(text);
        let joined = k == j || joins_name(gap(text, ws[k - 1].end, ws[k].start));
        if !joined {
            break;
        }
        if is_name_word(w) || (k < j && is_particle_word(w) && !is_capitalized(w)) {
            k -= 1;
        } else {
            break;
        }
    }
    // Drop sentence-initial function words and leading particles.
    while k < j {
        let l = lower(&ws[k], text);
        if is_stop_cap(&l) || (PARTICLES.contains(&l.as_str()) && !is_capitalized(ws[k].text(text))) {
            k += 1;
        } else {
            break;
        }
    }
    // "Israel's representative at the Council said", "Russia's ambassador to the UN said": the
    // body named is where the speaker speaks; the speaker is the role and whom it represents.
    if k < j
        && k >= lo + 3
        && lower(&ws[k - 1], text) == "the"
        && matches!(lower(&ws[k - 2], text).as_str(), "at" | "to")
    {
        let noun = k - 3;
        // (A capitalised title goes on to a name: "Russian Ambassador to the UN Vassily Nebenzia";
        // so does a title in the run: "adviser to the UN Special Envoy for Syria Jan Egeland".)
        let body_only = j - k <= 5 && ws[k..j].iter().all(|w| !ROLE_NOUNS.contains(&lower(w, text).as_str()));
        if body_only
            && ROLE_NOUNS.contains(&lower(&ws[noun], text).as_str())
            && !is_capitalized(ws[noun].text(text))
            && joins_name(gap(text, ws[noun].end, ws[noun + 1].start))
            && joins_name(gap(text, ws[noun + 1].end, ws[noun + 2].start))
        {
            let start = role_phrase_start(text, ws, lo, noun);
            let span = Span::new(ws[start].start, ws[noun].end);
            let role = Span::new(ws[start].start, ws[j - 1].end).slice(text).to_string();
            return Some(Subject { span, kind: SubjectKind::Role, role: Some(role) });
        }
    }
    if k < j && is_name_word(ws[j - 1].text(text)) {
        let run = &ws[k..j];
        let (cut, run_role) = split_role(run, text);
        let name = &run[cut..];
        let span = Span::new(name[0].start, name[name.len() - 1].end);
        let role = appositive_role.or(run_role).or_else(|| role_before(text, ws, lo, k));
        let role = role.map(|r| strip_possessive(r.trim()).to_string());
        return Some(Subject { span, kind: SubjectKind::Name, role });
    }
    // No name: a role alone (`the spokesman said`, `a State Department official said`),
    // or an institution that speaks (`Ukraine's military said`, `the defence ministry said`).
    if (ROLE_NOUNS.contains(&ll.as_str()) || SPEAKING_BODIES.contains(&ll.as_str()))
        && !matches!(ll.as_str(), "press" | "source" | "sources" | "residents" | "resident" | "witness")
    {
        let start = role_phrase_start(text, ws, lo, j - 1);
        let span = Span::new(ws[start].start, ws[j - 1].end);
        let has_org = ws[start..j].iter().any(|w| is_capitalized(w.text(text)));
        let definite = start > lo && lower(&ws[start - 1], text) == "the";
        if has_org || definite {
            return Some(Subject { span, kind: SubjectKind::Role, role: Some(span.slice(text).to_string()) });
        }
    }
    None
}

/// Start of a role phrase ending at `ws[end]`: capitalised organisation
/// words, possessives and modifiers back to a determiner or punctuation.
fn role_phrase_start(text: &str, ws: &[Word], lo: usize, end: usize) -> usize {
    let mut k = end;
    while k > lo {
        let w = ws[k - 1].text(text);
        let l = w.to_lowercase();
        if !joins_name(gap(text, ws[k - 1].end, ws[k].start)) {
            break;
        }
        let modifier = matches!(
            l.as_str(),
            "senior"
                | "deputy"
                | "foreign"
                | "top"
                | "military"
                | "former"
                | "chief"
                | "defence"
                | "defense"
                | "press"
                | "state"
                | "local"
                | "rebel"
                | "opposition"
                | "government"
                | "russian"
                | "american"
                | "syrian"
                | "iranian"
                | "turkish"
                | "saudi"
                | "us"
                | "u.s"
                | "un"
                | "prime"
                | "principal"
                | "field"
                | "regional"
                | "police"
                | "army"
        );
        if (is_name_word(w) && !STOP_CAPS.contains(&l.as_str()))
            || modifier
            || (is_particle_word(w) && !matches!(l.as_str(), "the" | "of" | "for" | "on"))
        {
            k -= 1;
        } else {
            break;
        }
    }
    k
}

/// A role phrase written right before a name (`State Department spokesman`).
fn role_before(text: &str, ws: &[Word], lo: usize, name_start: usize) -> Option<String> {
    if name_start == lo || !joins_name(gap(text, ws[name_start - 1].end, ws[name_start].start)) {
        return None;
    }
    let l = lower(&ws[name_start - 1], text);
    if !ROLE_NOUNS.contains(&l.as_str()) {
        return None;
    }
    let start = role_phrase_start(text, ws, lo, name_start - 1);
    Some(Span::new(ws[start].start, ws[name_start - 1].end).slice(text).to_string())
}

/// `spokesman for Ahrar al-Sham`, `a senior official of the Syrian Red
/// Crescent` starting at `ws[k]`: the organization speaks, with the role.
fn role_of_org(text: &str, ws: &[Word], k: usize, hi: usize) -> Option<Subject> {
    let mut j = k;
    let mut role_end = None;
    while j < hi && j - k < 4 {
        let l = lower(&ws[j], text);
        if ROLE_NOUNS.contains(&l.as_str()) {
            role_end = Some(j);
        } else if is_capitalized(ws[j].text(text))
            || !matches!(l.as_str(), "senior" | "deputy" | "military" | "top" | "chief" | "local" | "press" | "former")
        {
            break;
        }
        j += 1;
    }
    let role_end = role_end?;
    let mut n = role_end + 1;
    if n >= hi || !matches!(lower(&ws[n], text).as_str(), "for" | "of") {
        return None;
    }
    n += 1;
    if n < hi && lower(&ws[n], text) == "the" {
        n += 1;
    }
    let name_start = n;
    while n < hi && (n == name_start || joins_name(gap(text, ws[n - 1].end, ws[n].start))) {
        let w = ws[n].text(text);
        if is_name_word(w) || (n > name_start && is_particle_word(w)) {
            n += 1;
        } else {
            break;
        }
    }
    while n > name_start && !is_name_word(ws[n - 1].text(text)) {
        n -= 1;
    }
    if n == name_start {
        return None;
    }
    let role = Span::new(ws[k].start, ws[role_end].end).slice(text).to_string();
    Some(Subject { span: Span::new(ws[name_start].start, ws[n - 1].end), kind: SubjectKind::Name, role: Some(role) })
}

/// The subject after an inverted verb (`"...," said Mark Toner`).
pub(crate) fn subject_after(text: &str, ws: &[Word], v: usize, hi: usize) -> Option<Subject> {
    let first = v + 1;
    if first >= hi || !joins_name(gap(text, ws[v].end, ws[first].start)) {
        return None;
    }
    // "..., said Tehran would support the government", "said he would": a name followed by a
    // verb is the subject of what was said, not a speaker after the verb.
    let verb_follows = |k: usize| {
        k < hi && gap(text, ws[k - 1].end, ws[k].start) == " " && {
            let w = ws[k].text(text);
            let l = w.to_lowercase();
            !is_capitalized(w)
                && (matches!(
                    l.as_str(),
                    "would"
                        | "will"
                        | "could"
                        | "can"
                        | "may"
                        | "might"
                        | "should"
                        | "must"
                        | "had"
                        | "has"
                        | "have"
                        | "was"
                        | "were"
                        | "is"
                        | "are"
                        | "did"
                        | "does"
                        | "do"
                ) || (l.len() > 3 && l.chars().all(char::is_alphabetic) && l.ends_with("ed")))
        }
    };
    let l = lower(&ws[first], text);
    if PRONOUNS.contains(&l.as_str()) {
        if verb_follows(first + 1) {
            return None;
        }
        return Some(Subject { span: ws[first].span(), kind: SubjectKind::Pronoun, role: None });
    }
    let mut k = first;
    if l == "the" || l == "a" || l == "an" {
        k += 1;
    }
    if let Some(s) = role_of_org(text, ws, k, hi) {
        return Some(s);
    }
    let start = k;
    while k < hi && (k == start || joins_name(gap(text, ws[k - 1].end, ws[k].start))) {
        let w = ws[k].text(text);
        let wl = w.to_lowercase();
        if is_name_word(w)
            || (is_particle_word(w) && k > start)
            || ROLE_NOUNS.contains(&wl.as_str())
            || (k > start && matches!(wl.as_str(), "senior" | "deputy" | "foreign"))
        {
            k += 1;
        } else {
            break;
        }
    }
    while k > start && is_particle_word(ws[k - 1].text(text)) && !is_capitalized(ws[k - 1].text(text)) {
        k -= 1;
    }
    if k == start || verb_follows(k) {
        return None;
    }
    let run = &ws[start..k];
    let last = lower(&run[run.len() - 1], text);
    if ROLE_NOUNS.contains(&last.as_str()) {
        let span = Span::new(run[0].start, run[run.len() - 1].end);
        return Some(Subject { span, kind: SubjectKind::Role, role: Some(span.slice(text).to_string()) });
    }
    let (cut, role) = split_role(run, text);
    let name = &run[cut..];
    let mut role = role;
    // `said Mark Toner, the State Department spokesman`
    if k < hi
        && gap(text, ws[k - 1].end, ws[k].start).contains(',')
        && matches!(lower(&ws[k], text).as_str(), "the" | "a" | "an")
    {
        let mut e = k + 1;
        while e < hi && !gap(text, ws[e - 1].end, ws[e].start).contains(',') {
            e += 1;
        }
        if ws[k + 1..e].iter().any(|w| ROLE_NOUNS.contains(&lower(w, text).as_str())) {
            role = Some(Span::new(ws[k + 1].start, ws[e - 1].end).slice(text).to_string());
        }
    }
    Some(Subject { span: Span::new(name[0].start, name[name.len() - 1].end), kind: SubjectKind::Name, role })
}

/// Index of the first word at or after byte `pos`.
fn word_at(ws: &[Word], pos: usize) -> usize {
    ws.partition_point(|w| w.start < pos)
}

fn inside_any(qs: &[Quotation], pos: usize) -> bool {
    qs.iter().any(|q| q.outer.start < pos && pos < q.outer.end)
}

fn trim_clause(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    let lead = s.len() - s.trim_start().len();
    Span::new(span.start + lead, span.start + t.len().max(lead))
}

/// `text` without the speaker's `title` at its end (case ignored), trimmed; else `text`.
fn without_title<'a>(text: &'a str, title: &str) -> &'a str {
    let cut = text.len().saturating_sub(title.len());
    match text.get(cut..) {
        Some(tail) if text.len() >= title.len() && tail.eq_ignore_ascii_case(title) => text[..cut].trim_end(),
        _ => text,
    }
}

/// Finds attributed speech in one sentence. `qs` are the paragraph's
/// quotations (a quotation may start in an earlier sentence).
pub(crate) fn speech_in_sentence(text: &str, sentence: Span, qs: &[Quotation]) -> Vec<Speech> {
    let ws = words(text, sentence);
    let mut out: Vec<Speech> = Vec::new();
    let n = ws.len();
    for v in 0..n {
        // Most words are no speech verb: say so without lowercasing them.
        if maybe_speech_verb(ws[v].text(text)) == Some(false) {
            continue;
        }
        let l = lower(&ws[v], text);
        if !is_speech_verb(&l) || inside_any(qs, ws[v].start) {
            continue;
        }
        // Skip participles used as adjectives or passives (`the said town`, `it was said`).
        if v > 0
            && matches!(lower(&ws[v - 1], text).as_str(), "the" | "was" | "were" | "been" | "being" | "be" | "is")
            && l != "says"
        {
            continue;
        }
        let before_gap = if v > 0 { gap(text, ws[v - 1].end, ws[v].start) } else { "" };
        let mut subject = subject_before(text, &ws, 0, v);
        let mut inverted = false;
        // `said X` inverts; `told X`, `warned X` do only right after a quotation (`"...," warned
        // the minister`): otherwise X is whom it was told to ("Abu Mohammed, a rebel commander,
        // told Reuters that ...").
        let after_quote = before_gap.contains(['"', '\u{201d}']);
        let object_verb = OBJECT_VERBS.contains(&l.as_str());
        if (!object_verb || after_quote) && (subject.is_none() || before_gap.contains(',') || after_quote) {
            if let Some(s) = subject_after(text, &ws, v, n) {
                subject = Some(s);
                inverted = true;
            }
        }
        let Some(subject) = subject else { continue };
        let subj_start = if inverted { ws[v].start } else { subject.span.start };
        // 1. A quotation ending just before the attribution: `"...," X said`.
        let left = qs.iter().rev().find(|q| {
            // `"...," the army said`: the subject's article may stand between.
            let between = gap(text, q.outer.end, subj_start).trim_end();
            // `"...," President Volodymyr Zelensky said`: the speaker's title too.
            let between = match subject.role.as_deref().filter(|_| !inverted) {
                Some(role) => without_title(between, role),
                None => between,
            };
            let between = ["the", "The", "a", "A", "an", "An"]
                .iter()
                .find_map(|det| between.strip_suffix(det).filter(|b| b.is_empty() || b.ends_with(char::is_whitespace)))
                .unwrap_or(between);
            q.closed
                && q.outer.end <= subj_start
                && between.chars().all(|c| c.is_whitespace() || matches!(c, ',' | '\u{2014}' | '-'))
        });
        if let Some(q) = left {
            out.push(Speech {
                subject,
                verb: ws[v].span(),
                content: q.inner,
                form: "direct",
                rule: "quote-then-verb",
                sentence,
            });
            continue;
        }
        // 2. After the verb: object, time phrase, `that`, colon, quotation.
        let after_subject = if inverted { word_at(&ws, subject.span.end) } else { v + 1 };
        let mut k = after_subject;
        if OBJECT_VERBS.contains(&l.as_str()) {
            while k < n
                && k - after_subject < 8
                && lower(&ws[k], text) != "that"
                && !gap(text, ws[k - 1].end, ws[k].start).contains([':', ',', '"', '\u{201c}'])
            {
                k += 1;
            }
        }
        let pp_start = k;
        let mut that_at = None;
        while k < n && k - pp_start < 10 {
            let g = gap(text, ws[k - 1].end, ws[k].start);
            if g.contains([':', ';', '"', '\u{201c}', '(']) {
                break;
            }
            if lower(&ws[k], text) == "that" {
                that_at = Some(k);
                break;
            }
            let wl = lower(&ws[k], text);
            let pp_word = matches!(
                wl.as_str(),
                "on" | "in"
                    | "at"
                    | "during"
                    | "late"
                    | "early"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "a"
                    | "an"
                    | "the"
                    | "to"
                    | "with"
                    | "after"
                    | "before"
                    | "statement"
                    | "interview"
                    | "briefing"
                    | "press"
                    | "conference"
                    | "news"
                    | "yesterday"
                    | "today"
                    | "again"
                    | "also"
                    | "repeatedly"
                    | "of"
                    | "by"
                    | "via"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "post"
                    | "posting"
                    | "tweet"
                    | "message"
                    | "video"
                    | "televised"
                    | "address"
                    | "speech"
                    | "remarks"
                    | "communique"
                    | "release"
                    | "website"
                    | "channel"
                    | "account"
                    | "joint"
                    | "separate"
                    | "written"
                    | "brief"
                    | "short"
                    | "online"
                    | "social"
                    | "media"
                    // Where it was said: "said at a funeral in Beirut on Sunday that".
                    | "funeral"
                    | "rally"
                    | "meeting"
                    | "summit"
                    | "ceremony"
                    | "gathering"
                    | "event"
                    | "session"
                    | "hearing"
                    | "forum"
                    | "visit"
                    | "memorial"
                    | "sermon"
                    | "debate"
                    | "broadcast"
                    | "programme"
                    | "program"
                    | "appearance"
                    | "television"
                    | "radio"
                    | "state"
                    | "parliament"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "night"
                    | "weekend"
            ) || is_capitalized(ws[k].text(text))
                || ws[k].text(text).chars().all(|c| c.is_ascii_digit());
            if !pp_word {
                break;
            }
            k += 1;
        }
        let clause_from = match that_at {
            Some(t) => t + 1,
            None => after_subject,
        };
        let clause_pos = if clause_from < n { ws[clause_from].start } else { sentence.end };
        let verb_end = if after_subject > 0 && after_subject <= n { ws[after_subject - 1].end } else { ws[v].end };
        // A quotation right after the verb (`said: "..."`, `said that the "..."`).
        let right = qs.iter().find(|q| {
            q.outer.start >= verb_end && {
                let between = words(text, Span::new(verb_end, q.outer.start)).len();
                between <= (clause_from.saturating_sub(after_subject)) + 2
                    && !gap(text, verb_end, q.outer.start).contains(['.', ';'])
            }
        });
        if let Some(q) = right {
            if !q.inner.is_empty() {
                out.push(Speech {
                    subject,
                    verb: ws[v].span(),
                    content: q.inner,
                    form: "direct",
                    rule: "verb-then-quote",
                    sentence,
                });
                continue;
            }
        }
        if that_at.is_some() && clause_from < n {
            let content = trim_clause(text, Span::new(clause_pos, sentence.end));
            let (content, form) = quoted_core(qs, content);
            out.push(Speech { subject, verb: ws[v].span(), content, form, rule: "verb-that", sentence });
            continue;
        }
        // 3. `The town has fallen, the commander said.`: the clause before. What follows the
        // attribution may go on after a comma with more of what was said ("..., the spokesman
        // said in a statement, adding that troops were clearing the town").
        let continuing = (after_subject..n).find(|&j| {
            j > after_subject
                && gap(text, ws[j - 1].end, ws[j].start).contains(',')
                && CONTINUING.contains(&lower(&ws[j], text).as_str())
        });
        let rest_words = continuing.unwrap_or(n) - after_subject;
        let comma_before = {
            let at = if inverted { ws[v].start } else { subj_start };
            let mut head = gap(text, sentence.start, at).trim_end();
            // "..., police spokesman Abdifatah Aden Hassan told reporters.": the title too, and
            // one set off by commas ("..., the army commander, Oleksandr Syrskyi, said").
            if let Some(role) = subject.role.as_deref().filter(|_| !inverted) {
                let before_comma = head.strip_suffix(',').map(str::trim_end);
                head = match before_comma.map(|h| (h, without_title(h, role))) {
                    Some((h, cut)) if cut.len() < h.len() => cut,
                    _ => without_title(head, role),
                };
            }
            for det in [" a", " an", " the", " A", " An", " The"] {
                if let Some(h) = head.strip_suffix(det) {
                    head = h.trim_end();
                    break;
                }
            }
            head.ends_with(',').then(|| head.len() - 1)
        };
        if let Some(c) = comma_before.filter(|_| rest_words <= 6) {
            let head = Span::new(sentence.start, sentence.start + c);
            if words(text, head).len() >= 4 {
                out.push(Speech {
                    subject: subject.clone(),
                    verb: ws[v].span(),
                    content: trim_clause(text, head),
                    form: "reported",
                    rule: "clause-then-verb",
                    sentence,
                });
                // "..., adding that troops were clearing the town": more of what was said.
                if let Some(j) = continuing.filter(|&j| j + 2 < n && lower(&ws[j + 1], text) == "that") {
                    let content = trim_clause(text, Span::new(ws[j + 2].start, sentence.end));
                    let (content, form) = quoted_core(qs, content);
                    out.push(Speech { subject, verb: ws[j].span(), content, form, rule: "verb-that", sentence });
                }
                continue;
            }
            // "In a statement, the Council said ...": a short opener before the comma is no
            // clause; what follows the verb may still be what was said.
        }
        // 4. A bare clause after `said` (`Lavrov said Moscow would ...`).
        if that_at.is_none()
            && !inverted
            && after_subject < n
            && matches!(
                l.as_str(),
                "said"
                    | "says"
                    | "insisted"
                    | "insists"
                    | "claimed"
                    | "claims"
                    | "warned"
                    | "added"
                    | "stated"
                    | "argued"
                    | "noted"
            )
        {
            let first = lower(&ws[after_subject], text);
            let g = gap(text, ws[v].end, ws[after_subject].start);
            let second = if after_subject + 1 < n { lower(&ws[after_subject + 1], text) } else { String::new() };
            let starter = matches!(
                first.as_str(),
                "he" | "she"
                    | "it"
                    | "they"
                    | "we"
                    | "i"
                    | "the"
                    | "there"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "this"
                    | "those"
                    | "these"
                    | "more"
                    | "some"
                    | "many"
                    | "several"
                    | "nearly"
                    | "around"
                    | "about"
                    | "all"
                    | "both"
                    | "no"
                    | "dozens"
                    | "hundreds"
                    | "thousands"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "a"
                    | "an"
                    | "one"
                    | "another"
                    | "our"
                    | "government"
                    | "rebel"
                    | "rebels"
                    | "security"
                    | "troops"
                    | "forces"
                    | "militants"
                    | "fighters"
                    | "civilians"
            ) || (first == "at" && second == "least")
                || first.chars().all(|c| c.is_ascii_digit())
                || (is_capitalized(ws[after_subject].text(text)) && !STOP_CAPS.contains(&first.as_str()))
                // "said fragments found at the hospital belonged to ...": a plural
                // noun opening the clause, not a word that goes with the verb.
                || (first.len() > 3
                    && first.ends_with('s')
                    && !first.ends_with("ss")
                    && !first.ends_with("ly")
                    && first.chars().all(|c| c.is_ascii_lowercase())
                    && !NOT_A_CLAUSE_OPENER.contains(&first.as_str()));
            if starter && g.trim().is_empty() && n - after_subject >= 4 {
                let content = trim_clause(text, Span::new(ws[after_subject].start, sentence.end));
                let (content, form) = quoted_core(qs, content);
                out.push(Speech { subject, verb: ws[v].span(), content, form, rule: "verb-clause", sentence });
            }
        }
    }
    out.extend(according_to(text, sentence, &ws, qs, &out));
    out
}

/// A reported clause that is mostly one quotation (`said the administration
/// was "particularly appalled by ..."`) is direct speech: the quoted words.
fn quoted_core(qs: &[Quotation], content: Span) -> (Span, &'static str) {
    match qs
        .iter()
        .find(|q| content.overlaps(q.inner) && q.outer.start >= content.start && q.inner.len() * 2 > content.len())
    {
        Some(q) => (q.inner, "direct"),
        None => (content, "reported"),
    }
}

/// `according to X, ...` and `..., according to X.` when X is not merely the
/// outlet carrying someone else's words.
fn according_to(text: &str, sentence: Span, ws: &[Word], qs: &[Quotation], found: &[Speech]) -> Vec<Speech> {
    let mut out = Vec::new();
    let n = ws.len();
    for a in 0..n.saturating_sub(2) {
        if lower(&ws[a], text) != "according" || lower(&ws[a + 1], text) != "to" || inside_any(qs, ws[a].start) {
            continue;
        }
        let s = a + 2;
        let Some(subject) = subject_after(text, ws, a + 1, n) else {
            continue;
        };
        let end_word = word_at(ws, subject.span.end);
        let is_outlet = ws[s..end_word.min(n)]
            .iter()
            .chain(ws.get(end_word))
            .any(|w| OUTLET_NOUNS.contains(&lower(w, text).as_str()));
        // Someone else speaks in the same sentence: X is where it was carried.
        if is_outlet && !found.is_empty() {
            continue;
        }
        if !found.is_empty() {
            continue;
        }
        let head = gap(text, sentence.start, ws[a].start);
        let (content, form) =
            if head.trim_end().ends_with(',') && words(text, Span::new(sentence.start, ws[a].start)).len() >= 4 {
                (trim_clause(text, Span::new(sentence.start, ws[a].start)), "reported")
            } else {
                // The clause after the comma that closes `according to X ...,`.
                let mut c = end_word;
                while c < n && !gap(text, ws[c - 1].end, ws[c].start).contains(',') {
                    c += 1;
                }
                if c >= n || n - c < 4 {
                    continue;
                }
                (trim_clause(text, Span::new(ws[c].start, sentence.end)), "reported")
            };
        let q = qs.iter().find(|q| content.contains(q.outer) && q.inner.len() * 2 > content.len());
        let (content, form) = match q {
            Some(q) => (q.inner, "direct"),
            None => (content, form),
        };
        out.push(Speech {
            subject,
            verb: Span::new(ws[a].start, ws[a + 1].end),
            content,
            form,
            rule: "according-to",
            sentence,
        });
    }
    out
}

/// Who speaks after an attribution line ending in a colon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ColonSubject {
    Found(Subject),
    /// `the following was said:`: the speakers are in the turns that follow.
    Passive,
    /// No speaker named (`And again on April 28:`).
    Missing,
}

/// The speaker of an attribution line ending in a colon
/// (`At the press briefing of April 25, 2016 Mr Kirby said:`).
pub(crate) fn colon_line_subject(text: &str, sentence: Span) -> ColonSubject {
    let ws = words(text, sentence);
    let n = ws.len();
    for v in (0..n).rev() {
        let l = lower(&ws[v], text);
        if !(is_speech_verb(&l) || COLON_VERBS.contains(&l.as_str())) {
            continue;
        }
        if v > 0 && matches!(lower(&ws[v - 1], text).as_str(), "was" | "were" | "been" | "being" | "be") && l == "said"
        {
            return ColonSubject::Passive;
        }
        if let Some(s) = subject_before(text, &ws, 0, v) {
            return ColonSubject::Found(s);
        }
        if let Some(s) = subject_after(text, &ws, v, n) {
            return ColonSubject::Found(s);
        }
    }
    ColonSubject::Missing
}

/// True when a colon line names someone speaking or a venue where speech
/// happened, so the paragraphs after it are candidates for quotation.
pub(crate) fn is_attribution_line(text: &str, sentence: Span) -> bool {
    let ws = words(text, sentence);
    ws.iter().any(|w| {
        let l = lower(w, text);
        is_speech_verb(&l)
            || COLON_VERBS.contains(&l.as_str())
            || matches!(
                l.as_str(),
                "briefing"
                    | "briefings"
                    | "conference"
                    | "interview"
                    | "statement"
                    | "remarks"
                    | "speech"
                    | "transcript"
                    | "again"
            )
    })
}

/// Parts of the words [`venue`] looks for ("told", "according to",
/// "interview", "security council", "twitter", "tweet(ed)", "press/news
/// conference", "briefing", "gaggle", "statement"), in any case.
static VENUE_CUES: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "told",
            "according",
            "interview",
            "council",
            "twitter",
            "tweet",
            "conference",
            "briefing",
            "gaggle",
            "statement",
        ])
        .expect("venue cues compile")
});

/// Where the words were said, from the attribution text.
pub(crate) fn venue(text: &str, span: Span) -> Option<String> {
    // Every venue below needs one of these words: most spans have none.
    if !VENUE_CUES.is_match(span.slice(text)) {
        return None;
    }
    let ws = words(text, span);
    let lw: Vec<String> = ws.iter().map(|w| lower(w, text)).collect();
    let n = ws.len();
    // An outlet: `according to Al-Hayat newspaper`, `told Reuters`, `in an interview with the BBC`.
    for i in 0..n {
        let start = match lw[i].as_str() {
            "told" if i + 1 < n => i + 1,
            "to" if i > 0 && lw[i - 1] == "according" && i + 1 < n => i + 1,
            "with" if i > 0 && lw[i - 1] == "interview" && i + 1 < n => i + 1,
            _ => continue,
        };
        let mut s = start;
        if lw[s] == "the" && s + 1 < n {
            s += 1;
        }
        let mut e = s;
        while e < n
            && (is_name_word(ws[e].text(text)) || (e > s && is_particle_word(ws[e].text(text))))
            && (e == s || joins_name(gap(text, ws[e - 1].end, ws[e].start)))
        {
            e += 1;
        }
        if e == s {
            continue;
        }
        let outlet_noun = e < n && OUTLET_NOUNS.contains(&lw[e].as_str());
        let name = Span::new(ws[s].start, ws[e - 1].end).slice(text).to_string();
        let orgish = ws[s..e].iter().any(|w| ORG_WORDS.contains(&lower(w, text).as_str()));
        let is_person = e - s >= 2 && !orgish && !outlet_noun;
        if lw[i] == "told" && (lw[s] == "reporters" || is_person) {
            continue;
        }
        if lw[i] == "to" && !outlet_noun && !orgish {
            continue;
        }
        if lw[start..e].join(" ").contains("security council") {
            return Some("UN Security Council".into());
        }
        return Some(name);
    }
    let joined = format!(" {} ", lw.join(" "));
    if joined.contains(" security council ") {
        return Some("UN Security Council".into());
    }
    if joined.contains(" twitter ") || joined.contains(" tweet ") || joined.contains(" tweeted ") {
        return Some("Twitter".into());
    }
    if joined.contains(" press conference ") || joined.contains(" news conference ") {
        return Some("press conference".into());
    }
    if joined.contains(" briefing ") || joined.contains(" briefings ") || joined.contains(" briefing's ") {
        return Some("press briefing".into());
    }
    if joined.contains(" gaggle ") {
        return Some("press gaggle".into());
    }
    if joined.contains(" interview ") {
        return Some("interview".into());
    }
    if joined.contains(" in a statement ") || joined.contains(" in a written statement ") {
        return Some("statement".into());
    }
    None
}

/// True for a capitalised run that reads as an organisation rather than a person.
pub(crate) fn looks_like_org(name: &str) -> bool {
    name.split(|c: char| c.is_whitespace() || c == '-').any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Person-like name runs (two to four capitalised words) in `span`, in order;
/// used to find the antecedent of `he`/`she` inside a sentence.
pub(crate) fn name_runs(text: &str, span: Span) -> Vec<Span> {
    let ws = words(text, span);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i].text(text);
        if !is_capitalized(w) || STOP_CAPS.contains(&w.to_lowercase().as_str()) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < ws.len() && joins_name(gap(text, ws[j - 1].end, ws[j].start)) && is_name_word(ws[j].text(text)) {
            j += 1;
        }
        let run = &ws[i..j];
        let (cut, _) = split_role(run, text);
        let name = &run[cut..];
        if !name.is_empty() && (2..=4).contains(&name.len()) {
            let span = Span::new(name[0].start, name[name.len() - 1].end);
            if !looks_like_org(span.slice(text)) {
                out.push(span);
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{mask_markup, quotations};

    /// Renders the speech found in `text` as `speaker|role|form|content` lines.
    fn speech(text: &str) -> Vec<String> {
        let m = mask_markup(text);
        let span = Span::new(0, m.len());
        let qs = quotations(&m, span);
        speech_in_sentence(&m, span, &qs)
            .iter()
            .map(|s| {
                format!(
                    "{}|{}|{}|{}",
                    s.subject.span.slice(&m),
                    s.subject.role.clone().unwrap_or_default(),
                    s.form,
                    s.content.slice(&m)
                )
            })
            .collect()
    }

    #[test]
    fn attribution_patterns() {
        let cases: &[(&str, &[&str])] = &[
            (
                "According to [Al-Hayat newspaper](#) on May 2, Ahrar al-Sham commander Abu Yazid Taftanaz said that the \"Jaish al-Fateh operations room is coming back to life.\"",
                &["Abu Yazid Taftanaz|Ahrar al-Sham commander|direct|Jaish al-Fateh operations room is coming back to life."],
            ),
            (
                "Russian Foreign Minister Sergei Lavrov said on Monday that Moscow would keep backing the Syrian army around Palmyra.",
                &["Sergei Lavrov|Russian Foreign Minister|reported|Moscow would keep backing the Syrian army around Palmyra"],
            ),
            (
                "\u{201c}We will not withdraw from the hills,\u{201d} said a spokesman for Ahrar al-Sham.",
                &["Ahrar al-Sham|spokesman|direct|We will not withdraw from the hills,"],
            ),
            (
                "Aid convoys reached the besieged district on Tuesday, said a senior official of the Syrian Arab Red Crescent.",
                &["Syrian Arab Red Crescent|senior official|reported|Aid convoys reached the besieged district on Tuesday"],
            ),
            (
                "\u{201c}We will not allow the corridor to be cut,\u{201d} said Colonel Steve Warren, the coalition spokesman.",
                &["Steve Warren|coalition spokesman|direct|We will not allow the corridor to be cut,"],
            ),
            (
                "\"The truce is holding in most of Latakia,\" he said.",
                &["he||direct|The truce is holding in most of Latakia,"],
            ),
            (
                "Mark Toner, the State Department spokesman, told reporters that Washington had raised the strikes with Moscow.",
                &["Mark Toner|State Department spokesman|reported|Washington had raised the strikes with Moscow"],
            ),
            (
                "The Syrian Observatory for Human Rights said at least 40 fighters were killed near Khan Tuman.",
                &["Syrian Observatory for Human Rights||reported|at least 40 fighters were killed near Khan Tuman"],
            ),
            (
                "Rebels had taken three villages south of the city, a Jaish al-Islam commander said.",
                &["Jaish al-Islam commander|Jaish al-Islam commander|reported|Rebels had taken three villages south of the city"],
            ),
            (
                "The army regained the hill overnight, according to the Russian Defence Ministry.",
                &["Russian Defence Ministry||reported|The army regained the hill overnight"],
            ),
            ("These were two reliable sources that confirmed that the faction has allied itself to Nusra.", &[]),
            ("The Russians had designated both factions as terrorist.", &[]),
            ("The spokesman keeps talking about \"intermingling\" between the groups.", &[]),
            ("He cited the said agreement.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(speech(text), *want, "{text}");
        }
    }

    #[test]
    fn colon_lines() {
        let cases: &[(&str, Option<&str>)] = &[
            ("At the the [press briefing](#) of April 25, 2016 Mr Kirby said:", Some("Mr Kirby")),
            ("When asked about how the cessation in Aleppo was doing, he said:", Some("he")),
            ("On the next day at the May 4 briefing, the following was said:", None),
            (
                "The US backed factions had just taken two towns and Kirby was still talking about intermingling:",
                Some("Kirby"),
            ),
            (
                "So on April 27, State Department spokesman Mark Toner called on the Russians to refrain:",
                Some("Mark Toner"),
            ),
        ];
        for (text, want) in cases {
            let m = mask_markup(text);
            let got = match colon_line_subject(&m, Span::new(0, m.len())) {
                ColonSubject::Found(s) => Some(s.span.slice(&m).to_string()),
                _ => None,
            };
            assert_eq!(got.as_deref(), *want, "{text}");
        }
    }

    #[test]
    fn venues() {
        let cases: &[(&str, Option<&str>)] = &[
            ("According to Al-Hayat newspaper on May 2, he said", Some("Al-Hayat")),
            ("the minister told Reuters on Sunday", Some("Reuters")),
            ("At the press briefing of April 25, 2016 Mr Kirby said:", Some("press briefing")),
            ("he told the UN Security Council that", Some("UN Security Council")),
            ("she wrote on Twitter", Some("Twitter")),
            ("he told reporters", None),
            ("according to John Kirby, it held", None),
        ];
        for (text, want) in cases {
            assert_eq!(venue(text, Span::new(0, text.len())).as_deref(), *want, "{text}");
        }
    }
}
