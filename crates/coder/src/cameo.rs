//! Importer for CAMEO verb dictionaries in the TABARI/PETRARCH format, as an
//! extra source of event triggers.
//!
//! The format: `--- NAME [code] ---` opens a verb block; the lines after it
//! list verb forms (`SEIZE`, `+TAKE_OVER` multi-word forms, `{TOOK TAKEN}`
//! irregular forms, each optionally with its own `[code]`); `- pattern [code]`
//! lines refine the block's code by context, where `*` marks the verb, `$` the
//! source, `+` the target, `&NAME` a synset, `(...)` a prepositional phrase
//! and `{...}` a multi-word noun phrase. `#` starts a comment and `&NAME`
//! blocks before the verbs define synsets.
//!
//! Imported patterns become [`EventRule`]s: the verb (and the literal words of
//! a pattern that follow it) must match, roles come from the usual subject and
//! object heuristics, and the CAMEO code maps to a PLOVER type through the
//! crosswalk. Codes without a PLOVER type (`---`, non-events) are skipped.

use std::collections::HashMap;

use crate::forms::verb_forms;
use crate::patterns::{Elem, EventRule, EventSpec, Pattern, Patterns};

/// A parsed verb block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerbBlock {
    pub name: String,
    /// The block's default code, `None` for `[---]`.
    pub code: Option<String>,
    /// Verb forms (lowercase, words joined by spaces) with their own code when given.
    pub verbs: Vec<(String, Option<String>)>,
    pub patterns: Vec<CameoPattern>,
}

/// A `- pattern [code]` line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CameoPattern {
    /// Literal words before the verb (lowercase).
    pub before: Vec<String>,
    /// Literal words after the verb, in order; synsets expanded to their first member.
    pub after: Vec<String>,
    pub source_before: bool,
    pub target_after: bool,
    pub code: String,
}

/// The parsed dictionary.
#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    pub blocks: Vec<VerbBlock>,
    pub synsets: HashMap<String, Vec<String>>,
    /// Lines that could not be read, with their 1-based line numbers.
    pub skipped: Vec<(usize, String)>,
}

fn code_in(s: &str) -> Option<String> {
    let open = s.rfind('[')?;
    let close = s[open..].find(']')? + open;
    let c = s[open + 1..close].trim();
    let c = c.trim_start_matches(':');
    if c.is_empty() || c.starts_with('-') || !c.chars().next()?.is_ascii_digit() {
        return None;
    }
    Some(c.split_whitespace().next()?.to_string())
}

fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

fn words_of(s: &str) -> Vec<String> {
    s.replace('_', " ")
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Parses a dictionary text. Never fails: unreadable lines are listed in `skipped`.
pub fn parse(text: &str) -> VerbDictionary {
    let mut d = VerbDictionary::default();
    let mut synset: Option<String> = None;
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with("<!--") {
            in_comment = !line.contains("-->");
            continue;
        }
        if in_comment {
            in_comment = !line.contains("-->");
            continue;
        }
        let line = strip_comment(line).trim();
        if line.is_empty() || line.starts_with('<') {
            continue;
        }
        if line.starts_with("---") {
            let inner = line.trim_matches('-').trim();
            let name = inner.split('[').next().unwrap_or("").trim().to_string();
            d.blocks.push(VerbBlock { name, code: code_in(inner), ..VerbBlock::default() });
            synset = None;
            continue;
        }
        if let Some(name) = line.strip_prefix('&') {
            if d.blocks.is_empty() {
                let name = name.split_whitespace().next().unwrap_or("").to_uppercase();
                d.synsets.entry(name.clone()).or_default();
                synset = Some(name);
                continue;
            }
        }
        if let Some(member) = line.strip_prefix('+') {
            if let (Some(s), true) = (&synset, d.blocks.is_empty()) {
                let w = words_of(member).join(" ");
                if !w.is_empty() {
                    d.synsets.entry(s.clone()).or_default().push(w);
                }
                continue;
            }
        }
        let Some(block) = d.blocks.last_mut() else {
            d.skipped.push((n + 1, raw.to_string()));
            continue;
        };
        if let Some(p) = line.strip_prefix('-') {
            match parse_pattern(p, &d.synsets) {
                Some(pat) => block.patterns.push(pat),
                None => d.skipped.push((n + 1, raw.to_string())),
            }
            continue;
        }
        // A verb line: `VERB [code]`, `+MULTI_WORD`, `{IRREGULAR FORMS}`.
        let code = code_in(line);
        let body = line.split('[').next().unwrap_or("");
        let (main, irregular) = match body.find('{') {
            Some(i) => (&body[..i], body[i + 1..].trim_end_matches('}').trim_end()),
            None => (body, ""),
        };
        let main = main.trim().trim_start_matches('+');
        let verb = words_of(main).join(" ");
        if verb.is_empty() {
            d.skipped.push((n + 1, raw.to_string()));
            continue;
        }
        block.verbs.push((verb, code.clone()));
        for f in irregular.split_whitespace() {
            let f = words_of(f.trim_start_matches('+').trim_end_matches('}')).join(" ");
            if !f.is_empty() {
                block.verbs.push((format!("={f}"), code.clone()));
            }
        }
    }
    d
}

fn parse_pattern(p: &str, synsets: &HashMap<String, Vec<String>>) -> Option<CameoPattern> {
    let code = code_in(p)?;
    let body = p.split('[').next().unwrap_or("");
    let mut pat = CameoPattern { code, ..CameoPattern::default() };
    let mut seen_verb = false;
    for tok in body.split_whitespace() {
        let t = tok.trim_matches(|c| matches!(c, '(' | ')' | '{' | '}'));
        match t {
            "*" => seen_verb = true,
            "$" => {
                if !seen_verb {
                    pat.source_before = true;
                }
            }
            "+" => {
                if seen_verb {
                    pat.target_after = true;
                }
            }
            "" | "%" | "^" => {}
            _ => {
                let words: Vec<String> = if let Some(name) = t.strip_prefix('&') {
                    synsets.get(&name.to_uppercase()).and_then(|v| v.first()).map(|w| words_of(w)).unwrap_or_default()
                } else {
                    words_of(t)
                };
                if seen_verb {
                    pat.after.extend(words);
                } else {
                    pat.before.extend(words);
                }
            }
        }
    }
    seen_verb.then_some(pat)
}

impl VerbDictionary {
    /// Event rules for every verb form and pattern whose code has a PLOVER
    /// type in `patterns`' crosswalk. `prefix` names the rules (`cameo:SEIZE`).
    pub fn to_rules(&self, patterns: &Patterns, prefix: &str) -> Vec<EventRule> {
        let mut out = Vec::new();
        for b in &self.blocks {
            // The block's verb forms, inflected unless given as irregular forms.
            let mut forms: Vec<String> = Vec::new();
            for (v, _) in &b.verbs {
                match v.strip_prefix('=') {
                    Some(f) => forms.push(f.to_string()),
                    None => forms.extend(verb_forms(v)),
                }
            }
            forms.sort();
            forms.dedup();
            let multi: Vec<&String> = forms.iter().filter(|f| f.contains(' ')).collect();
            let single: Vec<String> = forms.iter().filter(|f| !f.contains(' ')).cloned().collect();
            let mut push = |verb_elems: Vec<Elem>, after: &[String], code: &str, id: String| {
                let Some((kind, mode)) = patterns.plover_for(code) else {
                    return;
                };
                if kind.is_empty() {
                    return;
                }
                let mut elems = verb_elems;
                for w in after {
                    elems.push(Elem::Gap(2));
                    elems.push(Elem::Word { any: vec![w.clone()], optional: false, verb: false });
                }
                let spec = EventSpec {
                    id,
                    pattern: None,
                    patterns: Vec::new(),
                    kind,
                    mode,
                    cameo: Some(code.to_string()),
                    source: "left".into(),
                    target: "right".into(),
                    preps: vec!["against".into(), "on".into(), "with".into(), "to".into()],
                    nominal: false,
                    each_place: false,
                    needs_target: false,
                    frames_content: false,
                    object: None,
                    unless_before: Vec::new(),
                    unless_after: Vec::new(),
                };
                let source = format!("{} {}", b.name, after.join(" "));
                out.push(EventRule { spec, pattern: Pattern { source, elems } });
            };
            if single.is_empty() && multi.is_empty() {
                continue;
            }
            let verb_elem = Elem::Word { any: single.clone(), optional: false, verb: true };
            if let Some(code) = &b.code {
                if !single.is_empty() {
                    push(vec![verb_elem.clone()], &[], code, format!("{prefix}{}", b.name));
                }
            }
            for m in &multi {
                let code = b
                    .verbs
                    .iter()
                    .find(|(v, _)| verb_forms(v).iter().any(|f| f == *m))
                    .and_then(|(_, c)| c.clone())
                    .or_else(|| b.code.clone());
                if let Some(code) = code {
                    let elems = m
                        .split(' ')
                        .enumerate()
                        .map(|(i, w)| Elem::Word { any: vec![w.to_string()], optional: false, verb: i == 0 })
                        .collect();
                    push(elems, &[], &code, format!("{prefix}{}:{m}", b.name));
                }
            }
            for (k, p) in b.patterns.iter().enumerate() {
                if single.is_empty() || !p.before.is_empty() {
                    continue;
                }
                push(vec![verb_elem.clone()], &p.after, &p.code, format!("{prefix}{}#{k}", b.name));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&WEAPON
+RIFLES
+GUNS

--- SEIZE [192] ---
SEIZE  # a comment
+TAKE_OVER [192]
CAPTURE {CAPTURED CAPTURING}
- * $ TERRITORY [1712]
- * (OF &WEAPON) [192]
- $ * + [192]

--- SAY [---] ---
SAY
";

    #[test]
    fn parses_blocks_forms_and_patterns() {
        let d = parse(SAMPLE);
        assert_eq!(d.synsets["WEAPON"], ["rifles", "guns"]);
        assert_eq!(d.blocks.len(), 2);
        let b = &d.blocks[0];
        assert_eq!((b.name.as_str(), b.code.as_deref()), ("SEIZE", Some("192")));
        assert_eq!(b.verbs[1], ("take over".to_string(), Some("192".to_string())));
        assert!(b.verbs.iter().any(|(v, _)| v == "=captured"));
        assert_eq!(b.patterns[0].after, ["territory"]);
        assert_eq!(b.patterns[0].code, "1712");
        assert_eq!(b.patterns[1].after, ["of", "rifles"]);
        assert!(b.patterns[2].source_before && b.patterns[2].target_after);
        assert_eq!(d.blocks[1].code, None);
    }

    #[test]
    fn rules_map_codes_to_plover() {
        let d = parse(SAMPLE);
        let rules = d.to_rules(&Patterns::builtin(), "cameo:");
        let kinds: Vec<(String, String)> = rules.iter().map(|r| (r.spec.id.clone(), r.spec.kind.clone())).collect();
        assert!(kinds.contains(&("cameo:SEIZE".into(), "COERCE".into())), "{kinds:?}");
        assert!(kinds.contains(&("cameo:SEIZE#0".into(), "ASSAULT".into())), "{kinds:?}");
        assert!(!kinds.iter().any(|(id, _)| id.starts_with("cameo:SAY")));
    }

    #[test]
    fn garbage_never_panics() {
        for s in ["--- [", "- * [", "{{{", "+", "&", "--- X [abc] ---\n- [12"] {
            let d = parse(s);
            let _ = d.to_rules(&Patterns::builtin(), "x");
        }
    }
}
