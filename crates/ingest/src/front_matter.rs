//! YAML front matter: the `---` block that static site generators, note
//! apps and web clippers put at the top of a Markdown or text copy of an
//! article (`title:`, `author:`, `published:`, `source: https://...`).
//!
//! The block is parsed with `yaml-rust2`; its fields fill the document's
//! metadata where the input gave none, and the block's span is marked
//! (`front-matter`) so the coder skips it while the text stays whole. A
//! block that is not a YAML mapping with at least one string value, or
//! that is not closed, is left alone: a Markdown file may open with a
//! horizontal rule.

use crate::boilerplate::Mark;
use crate::Given;
use yaml_rust2::{Yaml, YamlLoader};

/// A block longer than this is not front matter (and is not parsed).
const MAX_BYTES: usize = 16 * 1024;
/// Flow collections nested deeper than this are refused before parsing.
const MAX_BRACKETS: usize = 64;

/// The front matter's span (opening to closing delimiter, with its line
/// break) and its fields, or `None` when the text has none.
pub(crate) fn find(text: &str) -> Option<(Mark, Vec<(String, String)>)> {
    let first = text.split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let body_start = first.len();
    let mut offset = body_start;
    let mut end = None;
    for line in text[body_start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
        if offset - body_start > MAX_BYTES {
            return None;
        }
    }
    let (body_end, block_end) = end?;
    let yaml = &text[body_start..body_end];
    if yaml.bytes().filter(|b| matches!(b, b'[' | b'{')).count() > MAX_BRACKETS {
        return None;
    }
    let docs = YamlLoader::load_from_str(yaml).ok()?;
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return None;
    };
    let mut fields = Vec::new();
    for (k, v) in map {
        let Some(key) = scalar(&k) else { continue };
        if let Some(value) = value_text(&v).filter(|s| !s.is_empty()) {
            fields.push((key, value));
        }
    }
    if fields.is_empty() {
        return None;
    }
    Some((Mark { start: 0, end: block_end, reason: "front-matter" }, fields))
}

/// Fill what the input did not give from the front matter's fields.
pub(crate) fn apply(fields: Vec<(String, String)>, given: &mut Given) {
    fn set(slot: &mut Option<String>, v: String) {
        if slot.is_none() {
            *slot = Some(v);
        }
    }
    for (key, value) in fields {
        let k = key.trim().to_lowercase().replace('-', "_");
        let is_url = value.starts_with("http://") || value.starts_with("https://");
        match k.as_str() {
            "title" | "headline" => set(&mut given.title, value),
            "published" | "date" | "published_at" | "pubdate" | "publication_date" | "date_published" => {
                set(&mut given.published, value)
            }
            "url" | "link" | "source" | "canonical" | "canonical_url" | "original_url" | "source_url" if is_url => {
                set(&mut given.url, value)
            }
            "outlet" | "source" | "publisher" | "site" | "site_name" | "publication" => set(&mut given.outlet, value),
            "author" | "authors" | "byline" => set(&mut given.author, value),
            "language" | "lang" | "locale" => set(&mut given.language, value),
            _ => {
                given.extra.entry(key).or_insert(value);
            }
        }
    }
}

fn scalar(y: &Yaml) -> Option<String> {
    let s = match y {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        _ => return None,
    };
    // Note apps write people and sites as wiki links: "[[Jane Doe]]".
    let t = s.trim();
    let t = t.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")).unwrap_or(t);
    Some(t.trim().to_string())
}

/// A scalar, or a list of scalars joined with ", "; nested maps are not kept.
fn value_text(y: &Yaml) -> Option<String> {
    match y {
        Yaml::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar).filter(|s| !s.is_empty()).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        other => scalar(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text and the fields found in it, or `None`.
    type Case = (&'static str, Option<&'static [(&'static str, &'static str)]>);

    #[test]
    fn blocks_table() {
        let cases: &[Case] = &[
            (
                "---\ntitle: \"Rebels take Laukkai\"\nauthor:\n  - \"[[Jane Doe]]\"\n  - John Roe\npublished: 2024-01-05\n---\nBody.\n",
                Some(&[("title", "Rebels take Laukkai"), ("author", "Jane Doe, John Roe"), ("published", "2024-01-05")]),
            ),
            ("---\ntags: [a, b]\n...\nBody.\n", Some(&[("tags", "a, b")])),
            // A horizontal rule, then text: no mapping.
            ("---\nThe war began in 2011.\n---\nBody.\n", None),
            // Never closed.
            ("---\ntitle: x\nBody goes on.\n", None),
            // Not at the top.
            ("Intro\n---\ntitle: x\n---\n", None),
            // Broken YAML.
            ("---\ntitle: [unclosed\n---\n", None),
            // Only nested maps: nothing kept.
            ("---\nmeta:\n  a: 1\n---\n", None),
        ];
        for (text, want) in cases {
            let got = find(text).map(|(_, f)| f);
            let want: Option<Vec<(String, String)>> =
                want.map(|w| w.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn span_ends_after_the_closing_line() {
        let text = "---\ntitle: x\n---\nBody.\n";
        let (mark, _) = find(text).unwrap();
        assert_eq!(&text[mark.end..], "Body.\n");
    }

    #[test]
    fn deep_flow_nesting_is_refused_unparsed() {
        let text = format!("---\nx: {}\n---\n", "[".repeat(10_000));
        assert!(find(&text).is_none());
    }

    #[test]
    fn a_source_that_is_an_address_is_the_url_else_the_outlet() {
        let mut g = Given::default();
        apply(vec![("source".into(), "https://example.org/a".into())], &mut g);
        assert_eq!(g.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(g.outlet, None);
        let mut g = Given { title: Some("Given".into()), ..Given::default() };
        apply(vec![("source".into(), "Reuters".into()), ("title".into(), "Other".into())], &mut g);
        assert_eq!(g.outlet.as_deref(), Some("Reuters"));
        assert_eq!(g.title.as_deref(), Some("Given"));
    }
}
