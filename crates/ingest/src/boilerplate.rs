//! Site boilerplate: text a page carries around every article (disclaimers,
//! copyright footers, share bars, "continue reading", image credits,
//! navigation, tag lines, newsletter prompts, related-article lists).
//!
//! Rules look at one line (short, formulaic lines) or one block (long
//! disclaimer paragraphs scored by the legal vocabulary they use, in
//! English, French, Spanish, German and Italian). Nothing is deleted: each
//! hit becomes a span with a reason. Once a footer starts (a disclaimer,
//! copyright or source credit in the last part of the page), weaker evidence
//! is enough for the blocks after it, because site footers come in runs.

use crate::lines::{Block, Line};

/// A span to set aside, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        s.starts_with(p) && s[p.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric() || p.ends_with(' '))
    })
}

const CONTINUE: &[&str] = &[
    "continue reading",
    "read more",
    "read the full",
    "read full",
    "read the rest",
    "keep reading",
    "click here",
    "lire la suite",
    "cliquez ici",
    "leer más",
    "seguir leyendo",
    "sigue leyendo",
    "weiterlesen",
    "mehr lesen",
    "continua a leggere",
    "leggi tutto",
    "story continues below",
    "article continues below",
    "the story continues",
    "scroll to continue",
    "continue to article",
];

const ADVERT: &[&str] = &["advertisement", "publicité", "publicidad", "anzeige", "pubblicità", "sponsored", "ad"];

const RELATED: &[&str] = &[
    "related articles",
    "related stories",
    "related news",
    "related posts",
    "related coverage",
    "related content",
    "related topics",
    "related",
    "read also",
    "also read",
    "see also",
    "read next",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "recommended",
    "more from",
    "more on this",
    "more stories",
    "more news",
    "most read",
    "most popular",
    "trending",
    "latest news",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "sur le même sujet",
    "articles similaires",
    "dans la même rubrique",
    "articles par",
    "articles de",
    "autres articles",
    "du même auteur",
    "noticias relacionadas",
    "te puede interesar",
    "lee también",
    "ver también",
    "artículos relacionados",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "lesen sie auch",
    "leggi anche",
    "articoli correlati",
    "articles by",
    "more articles by",
    "other articles by",
    "more by",
];

const TAXONOMY: &[&str] = &[
    "tags",
    "tagged",
    "tag",
    "topics",
    "topic",
    "filed under",
    "posted in",
    "categories",
    "category",
    "keywords",
    "catégories",
    "catégorie",
    "mots-clés",
    "mots clés",
    "mots-clefs",
    "thèmes",
    "thème",
    "région",
    "régions",
    "region",
    "regions",
    "theme",
    "themes",
    "sujets",
    "rubrique",
    "rubriques",
    "temas",
    "etiquetas",
    "categorías",
    "categoría",
    "schlagworte",
    "schlagwörter",
    "themen",
    "argomenti",
    "analyses",
    "section",
    "sections",
    "subjects",
    "country",
    "countries",
    "pays",
];

const IMAGE: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "image",
    "images",
    "picture",
    "illustration",
    "credit",
    "credits",
    "photo credit",
    "image credit",
    "image source",
    "source image",
    "crédit photo",
    "crédit",
    "crédits",
    "foto",
    "fotos",
    "bild",
    "bildquelle",
    "file photo",
    "caption",
    "légende",
    "pie de foto",
];

const NEWSLETTER: &[&str] = &[
    "newsletter",
    "sign up",
    "subscribe",
    "inscrivez-vous",
    "abonnez-vous",
    "suscríbete",
    "suscribete",
    "abonnieren",
    "mailing list",
    "iscriviti",
    "get our daily",
    "get the latest",
    "delivered to your inbox",
];

const NAVIGATION: &[&str] = &[
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "menu",
    "main menu",
    "search",
    "home",
    "log in",
    "login",
    "sign in",
    "register",
    "subscribe",
    "close",
    "back to top",
    "top",
    "next",
    "previous",
    "next article",
    "previous article",
    "next post",
    "previous post",
    "accueil",
    "rechercher",
    "connexion",
    "se connecter",
    "inicio",
    "buscar",
    "startseite",
    "suche",
    "cerca",
    "print this page",
    "toggle navigation",
    "open menu",
    "close menu",
    "breadcrumb",
];

const SHARE_STRONG: &[&str] = &[
    "share",
    "shares",
    "tweet",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "email",
    "e-mail",
    "print",
    "partager",
    "imprimer",
    "compartir",
    "teilen",
    "drucken",
    "condividi",
    "flipboard",
    "tumblr",
    "vk",
    "messenger",
    "pocket",
    "mastodon",
    "bluesky",
];

const SHARE_WEAK: &[&str] = &[
    "this", "article", "story", "page", "on", "via", "copy", "link", "url", "mail", "follow", "us", "our", "the", "x",
    "google+", "and", "or", "envoyer", "imprimir", "stampa", "to", "a", "friend", "cet", "sur", "en", "auf", "con",
    "save", "comments", "comment",
];

const CREDITS: &[&str] = &[
    "(reporting by",
    "(additional reporting by",
    "(writing by",
    "(editing by",
    "(compiled by",
    "(translated by",
    "(translation by",
    "reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "translated by",
    "with reporting by",
    "(with reporting by",
];

const SOURCE_CREDIT: &[&str] = &[
    "la source originale de cet article est",
    "la source originale",
    "source originale",
    "the original source of this article is",
    "original source",
    "originally published",
    "first published",
    "initialement publié",
    "publié initialement",
    "publicado originalmente",
    "zuerst erschienen",
    "this article was originally",
    "this article first appeared",
    "cet article a été publié",
];

const DISCLAIMER_LABELS: &[&str] = &[
    "disclaimer",
    "avis de non-responsabilité",
    "avis de non responsabilité",
    "aviso legal",
    "descargo de responsabilidad",
    "haftungsausschluss",
    "esclusione di responsabilità",
    "the views expressed",
    "the opinions expressed",
    "the views and opinions expressed",
    "les opinions exprimées",
    "les propos",
    "las opiniones expresadas",
    "die in diesem artikel",
    "editor's note: the views",
    "note de la rédaction",
    "the statements, views and opinions",
];

/// Legal and house vocabulary of site footers; a block using several of
/// these is a footer, not reporting.
const FOOTER_WORDS: &[&str] = &[
    "copyright",
    "©",
    "droit d'auteur",
    "droits d'auteur",
    "all rights reserved",
    "tous droits réservés",
    "derechos reservados",
    "rechte vorbehalten",
    "diritti riservati",
    "fair use",
    "utilisation équitable",
    "uso justo",
    "non-responsabilité",
    "disclaimer",
    "views expressed",
    "opinions expressed",
    "opinions exprimées",
    "opiniones expresadas",
    "n'engagent que",
    "do not necessarily reflect",
    "ne reflètent pas",
    "reproduce",
    "reproduire",
    "reproduction",
    "republish",
    "permission",
    "fins éducatives",
    "educational purposes",
    "fines educativos",
    "non-profit",
    "not-for-profit",
    "but non lucratif",
    "sin fines de lucro",
    "contactez",
    "contact us",
    "mailto:",
    "matériel protégé",
    "copyrighted material",
    "médias alternatifs",
    "alternative media",
    "hyperlien",
    "hyperlink",
    "terms of use",
    "terms of service",
    "conditions d'utilisation",
    "privacy policy",
    "politique de confidentialité",
    "cookies",
    "liability",
    "responsabilité",
    "responsibility for",
    "not responsible",
    "tenu responsable",
    "sole responsibility",
    "the author(s)",
    "le ou les auteurs",
    "los autores",
    "der autor",
    "editorial policy",
    "legal notice",
    "mentions légales",
    "aviso legal",
    "impressum",
    "datenschutz",
    "redistribute",
    "redistribuer",
    "rewritten",
    "broadcast, rewritten",
    "published, broadcast",
];

/// Classify one line; `None` when it looks like content.
pub fn line_reason(line: &Line<'_>) -> Option<&'static str> {
    // Every rule below wants a short line or a line with links.
    if line.plain.len() > 1200 && line.links == 0 {
        return None;
    }
    let raw = line.raw;
    if raw.len() >= 3 && raw.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' ' | '~' | '•' | '·')) {
        return Some("separator");
    }
    // Past 300 characters only the link-only rule can hold (lowercasing
    // never shortens a line by characters nor turns a letter into one of
    // the trimmed marks), so a long line is not lowercased.
    let trim = |c: char| c.is_whitespace() || c == ':' || c == '|' || c == '»' || c == '›';
    if line.plain.trim_matches(trim).chars().nth(300).is_some() {
        return is_link_only(line).then_some("link-only");
    }
    let p = lower(&line.plain);
    let p = p.trim_matches(trim);
    let len = p.chars().count();
    if raw.starts_with("![") && line.links >= 1 && p.chars().count() < 200 {
        return Some("image");
    }
    if p.is_empty() {
        return (line.links > 0).then_some("link-only");
    }
    if len <= 300 {
        if starts_with_any(p, DISCLAIMER_LABELS) && len < 40 {
            return Some("disclaimer");
        }
        if is_copyright_line(p) {
            return Some("copyright");
        }
        if starts_with_any(p, SOURCE_CREDIT) {
            return Some("source-credit");
        }
        if starts_with_any(p, CREDITS) && (p.starts_with('(') || len < 160) {
            return Some("credit");
        }
        if is_image_credit(p, raw) {
            return Some("image-credit");
        }
    }
    if len <= 120 {
        if starts_with_any(p, CONTINUE) {
            return Some("continue-reading");
        }
        if ADVERT.contains(&p) {
            return Some("advertisement");
        }
        if starts_with_any(p, RELATED) && (len < 40 || line.links > 0) {
            return Some("related");
        }
        if is_contact(p) {
            return Some("contact");
        }
        if is_taxonomy(p, line) {
            return Some("taxonomy");
        }
        if is_share_bar(p) {
            return Some("share-bar");
        }
        if NAVIGATION.contains(&p) || is_breadcrumb(p) {
            return Some("navigation");
        }
        if is_comments(p) {
            return Some("comments");
        }
    }
    // A prompt starts with its call to action or is a short line about the
    // newsletter; a question that mentions signing up is content.
    if (len <= 120 && starts_with_any(p, NEWSLETTER)) || (len <= 80 && p.contains("newsletter") && !p.contains('?')) {
        return Some("newsletter");
    }
    if is_link_only(line) {
        return Some("link-only");
    }
    None
}

fn is_copyright_line(p: &str) -> bool {
    let strong = [
        "©",
        "(c) 19",
        "(c) 20",
        "all rights reserved",
        "tous droits réservés",
        "todos los derechos reservados",
        "alle rechte vorbehalten",
        "tutti i diritti riservati",
    ];
    let len = p.chars().count();
    if strong.iter().any(|m| p.starts_with(m)) || (len < 200 && strong.iter().any(|m| p.contains(m))) {
        return true;
    }
    // "Copyright 2016 Outlet": the word plus a year on a short line; a
    // sentence about copyright law is content.
    let has_year = p
        .as_bytes()
        .windows(4)
        .any(|w| (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit));
    p.starts_with("copyright") || (p.contains("copyright") && has_year && len < 120)
}

fn is_image_credit(p: &str, raw: &str) -> bool {
    let len = p.chars().count();
    if len >= 300 {
        return false;
    }
    for label in IMAGE {
        if let Some(rest) = p.strip_prefix(label) {
            let rest = rest.trim_start();
            if rest.starts_with([':', '：', '|', '—', '–', '/']) || (rest.starts_with('-') && label.len() > 4) {
                return true;
            }
        }
    }
    if (p.starts_with("(photo") || p.starts_with("(image") || p.starts_with("[photo") || p.starts_with("(picture"))
        && p.ends_with([')', ']'])
    {
        return true;
    }
    // A caption is a sentence or two ending in the agency credit. Only the
    // last 60 bytes can hold such a credit: search those alone, and only
    // once the cheap conditions hold.
    if p.contains("(photo") || raw.ends_with(':') {
        return false;
    }
    let mut t0 = p.len().saturating_sub(60);
    while !p.is_char_boundary(t0) {
        t0 -= 1;
    }
    let near_end = AGENCY_AC.find_overlapping_iter(&p[t0..]).any(|m| p.len() - (t0 + m.start()) < 60);
    near_end && p.matches(". ").count() <= 3
}

/// Agency credits that end a caption ("... (Reuters/Omar Sanadiki)").
const AGENCIES: &[&str] = &[
    "reuters/",
    "afp photo",
    "afp/",
    "/afp",
    "getty images",
    "(ap photo",
    "ap photo/",
    "epa/",
    "/epa",
    "anadolu agency",
    "sputnik/",
    "/sputnik",
    "sana/",
    "/ sana",
    "handout",
    "courtesy of",
];

static AGENCY_AC: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(AGENCIES).expect("agency credits compile"));

fn is_taxonomy(p: &str, line: &Line<'_>) -> bool {
    let Some(colon) = p.find(':') else {
        return false;
    };
    let label = p[..colon].trim();
    if TAXONOMY.contains(&label) {
        return true;
    }
    // "Label: [link], [link]": a short label followed only by links.
    if line.links == 0 || label.is_empty() || label.split_whitespace().count() > 3 || label.len() > 30 {
        return false;
    }
    let raw = line.raw;
    let Some(rc) = raw.find(':') else {
        return false;
    };
    let mut rest = &raw[rc + 1..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•' | '/' | ';'));
        if rest.is_empty() {
            return true;
        }
        match crate::lines::link_at(rest, 0) {
            Some((_, _, next)) => rest = &rest[next..],
            None => return false,
        }
    }
}

fn is_share_bar(p: &str) -> bool {
    let mut strong = 0;
    for w in p.split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | '/' | ':' | '(' | ')')) {
        if w.is_empty() || w.chars().all(|c| c.is_ascii_digit() || c == 'k' || c == '.') {
            continue;
        }
        if SHARE_STRONG.contains(&w) {
            strong += 1;
        } else if !SHARE_WEAK.contains(&w) {
            return false;
        }
    }
    strong > 0
}

fn is_breadcrumb(p: &str) -> bool {
    // Every separator has one of these marks between its spaces.
    if !p.contains(['>', '»', '›', '/', '|', '·', '•']) {
        return false;
    }
    for sep in [" > ", " » ", " › ", " / ", " | ", " · ", " • "] {
        let parts: Vec<&str> = p.split(sep).collect();
        if parts.len() >= 3
            && parts.iter().all(|x| {
                let x = x.trim();
                !x.is_empty() && x.chars().count() <= 30 && !x.contains(['.', '?', '!', ','])
            })
        {
            return true;
        }
    }
    false
}

fn is_contact(p: &str) -> bool {
    let labels = [
        "contact",
        "contact média",
        "contact media",
        "media contact",
        "press contact",
        "contacto",
        "kontakt",
        "email us",
        "e-mail",
        "email",
        "courriel",
    ];
    if let Some(colon) = p.find(':') {
        if labels.contains(&p[..colon].trim()) {
            return true;
        }
    }
    // A line that is nothing but an e-mail address.
    !p.contains(' ') && p.contains('@') && p.contains('.')
}

fn is_comments(p: &str) -> bool {
    let phrases = [
        "leave a comment",
        "leave a reply",
        "post a comment",
        "add a comment",
        "join the conversation",
        "laisser un commentaire",
        "deja un comentario",
        "show comments",
        "view comments",
    ];
    if phrases.iter().any(|x| p.starts_with(x)) {
        return true;
    }
    // "12 comments", "Réagir": at most four words, the first that is not a
    // number being the label.
    if p.split_whitespace().nth(4).is_some() {
        return false;
    }
    let Some(first) = p.split_whitespace().find(|w| !w.chars().all(|c| c.is_ascii_digit())) else {
        return false;
    };
    let w = first.trim_matches(|c: char| !c.is_alphabetic());
    let starts = [
        "comment",
        "comments",
        "commentaire",
        "commentaires",
        "comentario",
        "comentarios",
        "kommentare",
        "commenti",
        "reply",
        "replies",
        "réagir",
        "réactions",
    ];
    starts.contains(&w)
}

fn is_link_only(line: &Line<'_>) -> bool {
    if line.links == 0 {
        return false;
    }
    // What is left once links are taken out must be separators only.
    let mut rest = String::new();
    let raw = line.raw.trim_start_matches(['-', '*', '+', '•', ' ', '>', '#']);
    let mut i = 0;
    while i < raw.len() {
        let from_bang = raw.as_bytes()[i] == b'!' && raw.as_bytes().get(i + 1) == Some(&b'[');
        let at = if from_bang { i + 1 } else { i };
        if raw.as_bytes()[at] == b'[' {
            if let Some((_, _, next)) = crate::lines::link_at(raw, at) {
                i = next;
                continue;
            }
        }
        if raw[i..].starts_with("http://") || raw[i..].starts_with("https://") || raw[i..].starts_with("www.") {
            i = raw[i..].find(char::is_whitespace).map_or(raw.len(), |k| i + k);
            continue;
        }
        let ch = raw[i..].chars().next().unwrap_or(' ');
        rest.push(ch);
        i += ch.len_utf8();
    }
    rest.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '|' | '·' | '•' | ',' | '-' | '–' | '—' | '/' | '»' | '›' | '*' | '>' | '<' | ';' | '(' | ')'
            )
    })
}

/// One automaton for the footer vocabulary: scoring a block is then a single
/// pass over it whatever the number of words.
static FOOTER_AC: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(FOOTER_WORDS)
        .expect("footer vocabulary compiles")
});

/// How much footer vocabulary a block uses (distinct words).
fn footer_score(p: &str) -> usize {
    let mut seen = [false; 128];
    let mut score = 0;
    for m in FOOTER_AC.find_overlapping_iter(p) {
        let i = m.pattern().as_usize();
        if i < seen.len() && !seen[i] {
            seen[i] = true;
            score += 1;
        }
    }
    let head: String = p.chars().take(80).collect::<String>().to_lowercase();
    if starts_with_any(head.trim_start_matches(['*', ' ']), DISCLAIMER_LABELS) {
        score += 2;
    }
    score
}

/// Find boilerplate in a text split into lines and blocks.
pub fn find(text: &str, lines: &[Line<'_>], blocks: &[Block]) -> Vec<Mark> {
    let mut marks = Vec::new();
    let tail_from = text.len() * 6 / 10;
    let mut in_footer = false;
    for block in blocks {
        let blines = &lines[block.first..=block.last];
        let joined: String = blines.iter().map(|l| l.plain.as_str()).collect::<Vec<_>>().join(" ");
        let len = joined.chars().count();
        // Footers are short; a long block is reporting, whatever words it uses.
        let score = if len > 4000 { 0 } else { footer_score(&joined) };
        let joined = if score > 0 { lower(&joined) } else { String::new() };
        let need = if in_footer {
            1
        } else if len > 300 {
            3
        } else {
            2
        };
        let line_hits: Vec<Option<&'static str>> = blines.iter().map(line_reason).collect();
        let all_lines = line_hits.iter().all(Option::is_some);
        if score >= need && !(in_footer && len > 1500 && score < 2) {
            let reason = if joined.contains("disclaimer")
                || joined.contains("non-responsabilité")
                || starts_with_any(&joined, DISCLAIMER_LABELS)
            {
                "disclaimer"
            } else if score >= 2 || !all_lines {
                "copyright"
            } else {
                line_hits.iter().flatten().next().copied().unwrap_or("copyright")
            };
            marks.push(Mark { start: block.start, end: block.end, reason });
            if block.start >= tail_from {
                in_footer = true;
            }
            continue;
        }
        for (line, hit) in blines.iter().zip(&line_hits) {
            if let Some(reason) = hit {
                marks.push(Mark { start: line.start, end: line.end, reason });
                if block.start >= tail_from
                    && matches!(*reason, "copyright" | "source-credit" | "disclaimer" | "related" | "separator")
                {
                    in_footer = true;
                }
            } else if let Some(m) = inline_credit(text, line) {
                marks.push(m);
            }
        }
    }
    marks
}

/// A photo credit or reporting credit in parentheses at the end of (or
/// inside) a longer line: mark just the parenthetical.
fn inline_credit(text: &str, line: &Line<'_>) -> Option<Mark> {
    let raw = &text[line.start..line.end];
    // Every opener starts with a parenthesis.
    if !raw.contains('(') {
        return None;
    }
    let lower_raw = if raw.is_ascii() { raw.to_ascii_lowercase() } else { raw.to_lowercase() };
    if lower_raw.len() != raw.len() {
        // Lowercasing changed byte lengths (rare scripts): offsets would not
        // map back, so leave the line alone.
        return None;
    }
    for open in [
        "(photo by",
        "(photo:",
        "(image:",
        "(image by",
        "(picture by",
        "(reporting by",
        "(additional reporting by",
        "(writing by",
        "(editing by",
        "(ap photo",
        "(afp photo",
        "(photo credit",
    ] {
        if let Some(at) = lower_raw.find(open) {
            let close = raw[at..].find(')').map(|k| at + k + 1)?;
            return Some(Mark {
                start: line.start + at,
                end: line.start + close,
                reason: if open.contains("photo") || open.contains("image") || open.contains("picture") {
                    "image-credit"
                } else {
                    "credit"
                },
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    fn reasons(text: &str) -> Vec<(String, &'static str)> {
        let (lines, blocks) = split(text);
        find(text, &lines, &blocks).into_iter().map(|m| (text[m.start..m.end].to_string(), m.reason)).collect()
    }

    #[test]
    fn line_rules_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Share this:", Some("share-bar")),
            ("Tweet", Some("share-bar")),
            ("Facebook | Twitter | Email | Print", Some("share-bar")),
            ("Follow us on Twitter", Some("share-bar")),
            ("Continue reading the main story", Some("continue-reading")),
            ("Lire la suite", Some("continue-reading")),
            ("Read more: [Aleppo truce collapses](http://example.org/a)", Some("continue-reading")),
            ("Photo: Smoke rises over eastern Aleppo. REUTERS/Abdalrhman Ismail", Some("image-credit")),
            ("(Photo by Karam Al-Masri/AFP/Getty Images)", Some("image-credit")),
            ("Image source: SANA", Some("image-credit")),
            ("![Fighters near Khan Tuman](/img/kt.jpg)", Some("image")),
            ("[Home](/) | [World](/world) | [Middle East](/world/me)", Some("navigation")),
            ("[Aleppo truce collapses](/a) · [Khan Tuman falls](/b)", Some("link-only")),
            ("Home > World > Middle East", Some("navigation")),
            ("Tags: [Syria](/t/syria), [Aleppo](/t/aleppo)", Some("taxonomy")),
            ("Région : [Moyen-Orient](#)", Some("taxonomy")),
            ("Sign up for our daily newsletter", Some("newsletter")),
            ("Get the latest news on Syria delivered to your inbox", Some("newsletter")),
            ("Q    Has it given him pause that his daughters would have to sign up for selective service?", None),
            ("Related articles", Some("related")),
            ("À lire aussi : [La trêve à Alep](#)", Some("related")),
            ("Copyright © 2016 Middle East Eye. All rights reserved.", Some("copyright")),
            ("Todos los derechos reservados", Some("copyright")),
            ("(Reporting by Tom Perry; Editing by Peter Graff)", Some("credit")),
            ("Contact média: [media@example.org](mailto:media@example.org)", Some("contact")),
            ("12 comments", Some("comments")),
            ("---", Some("separator")),
            ("The army said it had retaken the town of Khan Tuman on Thursday.", None),
            ("Rebels shared the video on Twitter.", None),
            ("He said the [press briefing](#) had been cancelled.", None),
            ("The minister said copyright law was not the issue in a long speech to parliament.", None),
        ];
        for (input, want) in cases {
            let (lines, _) = split(input);
            assert_eq!(line_reason(&lines[0]), *want, "line {input:?}");
        }
        // Past 300 characters only the separator and link-only rules apply.
        let links = vec!["[Aleppo truce collapses](/a)"; 14].join(" · ");
        let rule = "- ".repeat(200);
        let caption = format!("Photo: {} REUTERS/Abdalrhman Ismail", "Smoke rises over eastern Aleppo. ".repeat(10));
        for (input, want) in [(links.as_str(), Some("link-only")), (&rule, Some("separator")), (&caption, None)] {
            let (lines, _) = split(input);
            assert!(lines[0].plain.chars().count() > 300 || lines[0].raw.len() > 300);
            assert_eq!(line_reason(&lines[0]), want, "line {input:?}");
        }
    }

    #[test]
    fn inline_credits_in_any_case() {
        let text = "Rebels shelled the district (PHOTO BY Omar Haj Kadour/AFP) on Friday.\nNo credit (here) at all.";
        let (lines, blocks) = split(text);
        let marks = find(text, &lines, &blocks);
        let got: Vec<(&str, &str)> = marks.iter().map(|m| (&text[m.start..m.end], m.reason)).collect();
        assert_eq!(got, [("(PHOTO BY Omar Haj Kadour/AFP)", "image-credit")]);
    }

    #[test]
    fn french_footer_run() {
        let body = "Les combats ont repris au sud d'Alep. ".repeat(20);
        let text = format!(
            "{body}\n\n---\n\nArticles Par : [Jean Dupont](#)\n\n**Avis de non-responsabilité** : Les opinions exprimées dans cet article n'engagent que leur auteur.\n\nPour republier cet article, contactez: [info@example.org](mailto:info@example.org)\n"
        );
        let got = reasons(&text);
        let kinds: Vec<&str> = got.iter().map(|(_, r)| *r).collect();
        assert_eq!(kinds, ["separator", "related", "disclaimer", "copyright"]);
    }

    #[test]
    fn inline_credit_is_a_sub_span() {
        let text = "Smoke rises over the city (Photo by Jane Roe/Getty Images) as fighting resumed on Sunday.";
        let got = reasons(text);
        assert_eq!(got, vec![("(Photo by Jane Roe/Getty Images)".to_string(), "image-credit")]);
    }
}
