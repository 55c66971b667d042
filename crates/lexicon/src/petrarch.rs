//! Import of the Phoenix/PETRARCH actor dictionaries, an optional extra
//! source of names and CAMEO codes (thousands of politicians with dated
//! offices, international organizations, non-state armed groups).
//!
//! Format: a root line names an actor (`JABHAT_AL_NUSRA_`, words joined by
//! underscores, optionally followed by `[CODE]`), `+` lines add synonyms,
//! indented `[CODE >YYMMDD]` / `[CODE YYMMDD-YYMMDD]` / `[CODE <YYMMDD]` lines
//! give its codes, `#` starts a comment. Roots listed without codes take the
//! codes of the next code block, as PETRARCH reads them.

use crate::{Entity, LexiconError, Result, Role};
use sitrep_model::ActorType;
use std::path::Path;

/// One dictionary record before it becomes an [`Entity`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorEntry {
    pub root: String,
    pub synonyms: Vec<String>,
    /// (code, start, end) with ISO dates.
    pub codes: Vec<(String, Option<String>, Option<String>)>,
    pub comment: String,
    pub line: usize,
}

/// Read an actors file into entities.
pub fn read_actors_file(path: &Path) -> Result<Vec<Entity>> {
    let bytes = std::fs::read(path).map_err(|source| LexiconError::Io { path: path.to_path_buf(), source })?;
    let src = String::from_utf8_lossy(&bytes);
    let entries = parse_actors(&src).map_err(|(line, message)| LexiconError::Petrarch {
        path: path.to_path_buf(),
        line,
        message,
    })?;
    let mut out: Vec<Entity> = Vec::new();
    for e in entries {
        let ent = to_entity(&e);
        if !out.iter().any(|x| x.id == ent.id) {
            out.push(ent);
        }
    }
    Ok(out)
}

/// Parse the text of an actors file. Errors carry the 1-based line number.
pub fn parse_actors(src: &str) -> std::result::Result<Vec<ActorEntry>, (usize, String)> {
    let mut done: Vec<ActorEntry> = Vec::new();
    // Roots waiting for their codes.
    let mut open: Vec<ActorEntry> = Vec::new();
    let mut codes_seen = false;
    for (n, raw) in src.lines().enumerate() {
        let line_no = n + 1;
        let (content, comment) = match raw.find('#') {
            Some(i) => (&raw[..i], raw[i + 1..].trim()),
            None => (raw, ""),
        };
        let trimmed = content.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('+') {
            let Some(cur) = open.last_mut() else {
                return Err((line_no, "synonym line before any actor".into()));
            };
            for syn in rest.split('+') {
                let (name, codes) = split_codes(syn, line_no)?;
                if !name.is_empty() {
                    cur.synonyms.push(name);
                }
                cur.codes.extend(codes);
            }
            continue;
        }
        if trimmed.starts_with('[') {
            let (_, codes) = split_codes(trimmed, line_no)?;
            if open.is_empty() {
                if let Some(last) = done.last_mut() {
                    last.codes.extend(codes);
                }
                continue;
            }
            for e in &mut open {
                e.codes.extend(codes.iter().cloned());
            }
            codes_seen = true;
            continue;
        }
        // A new root: the roots before it are complete once they have codes.
        if codes_seen || open.last().is_some_and(|e| !e.codes.is_empty()) {
            done.append(&mut open);
            codes_seen = false;
        }
        let (name, codes) = split_codes(trimmed, line_no)?;
        if name.is_empty() {
            continue;
        }
        open.push(ActorEntry { root: name, synonyms: Vec::new(), codes, comment: comment.to_string(), line: line_no });
    }
    done.append(&mut open);
    Ok(done)
}

type Code = (String, Option<String>, Option<String>);

/// Split `NAME_ [CODE ...] [CODE ...]` into the name and its codes.
fn split_codes(s: &str, line: usize) -> std::result::Result<(String, Vec<Code>), (usize, String)> {
    let (name, mut rest) = match s.find('[') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let mut codes = Vec::new();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            return Err((line, format!("unclosed code bracket in {:?}", s.trim())));
        };
        let inner = rest[open + 1..open + close].trim();
        rest = &rest[open + close + 1..];
        let mut parts = inner.split_whitespace();
        let Some(code) = parts.next() else { continue };
        let (mut start, mut end) = (None, None);
        if let Some(d) = parts.next() {
            if let Some(x) = d.strip_prefix('>') {
                start = yymmdd(x);
            } else if let Some(x) = d.strip_prefix('<') {
                end = yymmdd(x);
            } else if let Some((a, b)) = d.split_once('-') {
                start = yymmdd(a);
                end = yymmdd(b);
            }
        }
        codes.push((code.to_string(), start, end));
    }
    Ok((clean_name(name), codes))
}

fn yymmdd(s: &str) -> Option<String> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: u32 = s[..2].parse().ok()?;
    let year = if yy < 50 { 2000 + yy } else { 1900 + yy };
    Some(format!("{year}-{}-{}", &s[2..4], &s[4..6]))
}

fn clean_name(s: &str) -> String {
    s.replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            // Initialisms in parentheses stay upper case.
            if w.starts_with('(') || w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase()) && w != "AL" {
                return w.to_string();
            }
            let mut cs = lower.chars();
            match cs.next() {
                Some(c) if lower != "al" && lower != "of" && lower != "the" && lower != "and" => {
                    c.to_uppercase().chain(cs).collect()
                }
                _ => lower,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

const NON_COUNTRY: [&str; 8] = ["IGO", "NGO", "IMG", "MNC", "INT", "UAF", "REB", "KKL"];

/// Turn a dictionary record into an entity with id `phx_<root>`.
pub fn to_entity(e: &ActorEntry) -> Entity {
    let dated = e.codes.iter().any(|(_, s, end)| s.is_some() || end.is_some());
    let undated = e.codes.iter().find(|(_, s, end)| s.is_none() && end.is_none()).map(|c| c.0.clone());
    let latest = e.codes.iter().max_by_key(|(_, s, _)| s.clone()).map(|c| c.0.clone());
    let cameo = undated.or(latest).filter(|c| !c.is_empty() && !c.starts_with('~'));
    let code = cameo.clone().unwrap_or_default();
    let kind = if dated || e.comment.contains("CountryInfo") {
        ActorType::Person
    } else if ["REB", "INS", "UAF", "OPP", "RAD"].iter().any(|x| code.get(3..).is_some_and(|rest| rest.contains(x)))
        || code.starts_with("IMG")
    {
        ActorType::Group
    } else if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) && !NON_COUNTRY.contains(&code.as_str()) {
        ActorType::State
    } else {
        ActorType::Organization
    };
    let country = code
        .get(..3)
        .filter(|c| c.chars().all(|x| x.is_ascii_uppercase()) && !NON_COUNTRY.contains(c))
        .map(str::to_string);
    let roles = if kind == ActorType::Person {
        e.codes
            .iter()
            .map(|(c, s, end)| Role { title: c.clone(), org: None, start: s.clone(), end: end.clone() })
            .collect()
    } else {
        Vec::new()
    };
    Entity {
        id: format!("phx_{}", snake(&e.root)),
        name: title_case(&e.root),
        kind,
        aliases: e.synonyms.iter().map(|s| title_case(s)).collect(),
        country,
        cameo,
        affiliation: None,
        demonyms: Vec::new(),
        capital: None,
        roles,
        host: None,
        note: Some(format!("imported from a PETRARCH dictionary, line {}", e.line)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_without_codes_take_the_next_block() {
        let src = "# comment\nHARAKAT_HAZM_  # note\n+HAZM_MOVEMENT\n\t[SYRREB]\n\nSARAYA_ONE\nSARAYA_TWO\n\t[SYRREBMUS >120401]\nPERSON_NAME_ [USAGOV 030201-061231]\n";
        let got = parse_actors(src).unwrap();
        let roots: Vec<_> = got.iter().map(|e| (e.root.as_str(), e.codes.len())).collect();
        assert_eq!(roots, vec![("HARAKAT HAZM", 1), ("SARAYA ONE", 1), ("SARAYA TWO", 1), ("PERSON NAME", 1)]);
        assert_eq!(got[0].synonyms, vec!["HAZM MOVEMENT".to_string()]);
        assert_eq!(got[2].codes[0].1.as_deref(), Some("2012-04-01"));
        assert_eq!(got[3].codes[0].2.as_deref(), Some("2006-12-31"));
        let e = to_entity(&got[0]);
        assert_eq!((e.id.as_str(), e.name.as_str(), e.kind), ("phx_harakat_hazm", "Harakat Hazm", ActorType::Group));
        assert_eq!(to_entity(&got[3]).kind, ActorType::Person);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        assert_eq!(parse_actors("+ORPHAN\n").unwrap_err().0, 1);
        assert_eq!(parse_actors("ROOT\n\t[SYR\n").unwrap_err().0, 2);
    }
}
