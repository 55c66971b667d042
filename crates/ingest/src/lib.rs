//! sitrep-ingest: reports in, [`Document`]s out.
//!
//! Reads plain text, Markdown, HTML pages, and corpora of many documents
//! (JSON Lines, CSV, Parquet), from files, directories (recursively, in sorted order,
//! hidden entries skipped) or standard input (`-`). Each document gets its
//! decoded text, a content-hash id, metadata (title, outlet, author,
//! publication date, language) and a list of [`Removed`] spans: boilerplate
//! (disclaimers, copyright footers, share bars, image credits, navigation,
//! tag lines...) and header lines (title, subtitle, byline, dateline) that
//! the coder must skip but a reader may still want to see. A Markdown or
//! text file's YAML front matter (`title:`, `author:`, `published:`) is
//! metadata too.
//!
//! A key design decision is that nothing is deleted from the text:
//! [`Document::text`] is the decoded input (CRLF turned into LF; for HTML,
//! the Markdown-like text extracted from the page's main content, one block
//! per paragraph) and every later span points into it.
//!
//! Using it takes two calls: [`discover`] lists the inputs with their sizes
//! (for a progress bar), and [`read_input`] streams each input's documents,
//! one for a text file, one per record for a corpus. Errors name the file
//! (and line, for a corpus record); a bad record does not stop the others.
//!
//! ```
//! use sitrep_ingest::{document_from_text, Format, Options};
//! let page = "# Rebels seize Khan Tuman\n\nBy Jane Doe\n\nAleppo Monitor, 6 May 2016\n\n\
//!             Rebel factions led by Jaish al-Fateh took the town of Khan Tuman south of Aleppo \
//!             on Friday after a day of heavy fighting with government forces and their allies.\n\n\
//!             Share this:\n";
//! let doc = document_from_text("khan-tuman.md", page.as_bytes(), Format::Md, &Options::default()).unwrap();
//! assert_eq!(doc.meta.title.as_deref(), Some("Rebels seize Khan Tuman"));
//! assert_eq!(doc.meta.author.as_deref(), Some("Jane Doe"));
//! assert_eq!(doc.meta.outlet.as_deref(), Some("Aleppo Monitor"));
//! assert_eq!(doc.meta.published.unwrap().to_string(), "2016-05-06");
//! assert_eq!(doc.meta.language, "en");
//! let reasons: Vec<&str> = doc.removed.iter().map(|r| r.reason.as_str()).collect();
//! assert_eq!(reasons, ["title", "byline", "dateline", "share-bar"]);
//! ```

mod boilerplate;
mod corpus;
pub mod dates;
mod decode;
mod error;
mod front_matter;
mod header;
mod html;
pub mod lang;
mod lines;

pub use decode::{decode, Decoded};
pub use error::{Error, Result};

use sitrep_model::{DocMeta, Document, Removed, Span};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Default limit on the size of one file (and of one corpus line).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Txt,
    Md,
    Html,
    Jsonl,
    Csv,
    /// A Parquet file with one document per row (read from a file only:
    /// Parquet keeps its index at the end).
    Parquet,
}

impl Format {
    /// The format a file extension names, if any.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" | "mdown" => Some(Format::Md),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "jsonl" | "ndjson" | "jsonlines" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }

    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension)
    }

    /// Guess the format from the first bytes of a file.
    pub fn sniff(head: &[u8]) -> Format {
        if sitrep_columnar::is_parquet_magic(head) {
            return Format::Parquet;
        }
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
        let body = &head[start..];
        if looks_like_html(body) {
            return Format::Html;
        }
        let first_line = body.split(|&b| b == b'\n').next().unwrap_or(b"");
        if body.starts_with(b"{")
            && serde_json::from_slice::<serde_json::Value>(first_line).is_ok_and(|v| v.is_object())
        {
            return Format::Jsonl;
        }
        let header = String::from_utf8_lossy(first_line).to_lowercase();
        if header.contains(',')
            && header.split(',').any(|h| matches!(h.trim().trim_matches('"'), "text" | "body" | "content"))
        {
            return Format::Csv;
        }
        let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
        if text.lines().any(|l| l.starts_with("# ") || l.starts_with("## ")) || text.contains("](") {
            return Format::Md;
        }
        Format::Txt
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// True for formats that hold many documents.
    pub fn is_corpus(self) -> bool {
        matches!(self, Format::Jsonl | Format::Csv | Format::Parquet)
    }
}

pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    if head.get(start) != Some(&b'<') {
        return false;
    }
    let low = String::from_utf8_lossy(head).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<p>", "<p ", "<div", "<article", "<meta", "<title"]
        .iter()
        .any(|t| low.contains(t))
}

/// One input to read: a file, or standard input when `path` is `-`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// Size in bytes (0 for standard input).
    pub size: u64,
    /// The format its extension names; `None` means sniff the content.
    pub format: Option<Format>,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// How to read inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Mark documents as primary sources (transcripts, official statements).
    pub primary: bool,
    /// Files larger than this are refused; for corpora it limits one line.
    pub max_file_bytes: u64,
    /// Force a format (useful for standard input); `None` uses the
    /// extension, then sniffing.
    pub format: Option<Format>,
}

impl Default for Options {
    fn default() -> Self {
        Options { primary: false, max_file_bytes: DEFAULT_MAX_FILE_BYTES, format: None }
    }
}

/// Expand paths into inputs: files as given, directories walked recursively
/// in sorted order (hidden entries skipped), `-` for standard input. A
/// file in a directory whose extension is not a known format is reported as
/// an error (so nothing is skipped silently); a file named explicitly is
/// sniffed.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input { path: path.clone(), size: 0, format: None }));
            continue;
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut out),
            Ok(m) if m.is_file() => {
                out.push(Ok(Input { path: path.clone(), size: m.len(), format: Format::from_path(path) }))
            }
            Ok(_) => out.push(Err(Error::NotFound { path: path.clone() })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(Err(Error::NotFound { path: path.clone() })),
            Err(e) => out.push(Err(Error::io(path, e))),
        }
    }
    out
}

fn walk(root: &Path, out: &mut Vec<Result<Input>>) {
    // An explicit stack instead of recursion; canonical paths guard against
    // symlink loops.
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if let Ok(c) = std::fs::canonicalize(&dir) {
            if !seen.insert(c) {
                continue;
            }
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                out.push(Err(Error::io(&dir, e)));
                continue;
            }
        };
        let mut names: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => {
                    if !e.file_name().to_string_lossy().starts_with('.') {
                        names.push(e.path());
                    }
                }
                Err(e) => out.push(Err(Error::io(&dir, e))),
            }
        }
        names.sort();
        let mut subdirs = Vec::new();
        for p in names {
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => subdirs.push(p),
                Ok(m) if m.is_file() => match Format::from_path(&p) {
                    Some(f) => out.push(Ok(Input { path: p, size: m.len(), format: Some(f) })),
                    None if p.extension().is_none() => out.push(Ok(Input { path: p, size: m.len(), format: None })),
                    None => out.push(Err(Error::Unsupported {
                        path: p.clone(),
                        reason: format!(
                            "unknown extension .{} (expected txt, md, html, htm, jsonl, ndjson, csv or parquet)",
                            p.extension().map(|e| e.to_string_lossy()).unwrap_or_default()
                        ),
                    })),
                },
                Ok(_) => {}
                Err(e) => out.push(Err(Error::io(&p, e))),
            }
        }
        // Files of a directory come before its subdirectories, which are
        // visited in sorted order.
        stack.extend(subdirs.into_iter().rev());
    }
}

/// Read one input: one document for a text file, one per record for a
/// corpus. Never panics; every failure is an `Err` item naming the file.
pub fn read_input(input: &Input, opts: &Options) -> impl Iterator<Item = Result<Document>> + Send {
    let it: Box<dyn Iterator<Item = Result<Document>> + Send> = match open(input, opts) {
        Ok(it) => it,
        Err(e) => Box::new(std::iter::once(Err(e))),
    };
    it
}

fn open(input: &Input, opts: &Options) -> Result<Box<dyn Iterator<Item = Result<Document>> + Send>> {
    let path = input.path.clone();
    if opts.format.or(input.format) == Some(Format::Parquet) {
        return open_parquet(input, opts);
    }
    let source: Box<dyn Read + Send> = if input.is_stdin() {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?)
    };
    let mut reader = BufReader::with_capacity(64 * 1024, source);
    let format = match opts.format.or(input.format) {
        Some(f) => f,
        None => Format::sniff(reader.fill_buf().map_err(|e| Error::io(&path, e))?),
    };
    match format {
        Format::Jsonl => Ok(Box::new(corpus::JsonlDocs::new(reader, path, opts.clone()))),
        Format::Csv => Ok(Box::new(corpus::CsvDocs::new(Box::new(reader), path, opts.clone()))),
        Format::Parquet => open_parquet(input, opts),
        _ => {
            let limit = opts.max_file_bytes;
            if input.size > limit {
                return Err(Error::TooLarge { path, size: input.size, limit });
            }
            let mut bytes = Vec::with_capacity(input.size.min(limit) as usize);
            reader.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| Error::io(&path, e))?;
            if bytes.len() as u64 > limit {
                return Err(Error::TooLarge { path, size: bytes.len() as u64, limit });
            }
            let display = path.to_string_lossy().into_owned();
            Ok(Box::new(std::iter::once(document_from_text(&display, &bytes, format, opts))))
        }
    }
}

fn open_parquet(input: &Input, opts: &Options) -> Result<Box<dyn Iterator<Item = Result<Document>> + Send>> {
    if input.is_stdin() {
        return Err(Error::Unsupported {
            path: input.path.clone(),
            reason: "a Parquet corpus cannot be read from standard input; name the file".into(),
        });
    }
    Ok(Box::new(corpus::ParquetDocs::open(&input.path, opts.clone())?))
}

/// Build a document from the bytes of one text, Markdown or HTML file
/// (`path` is only recorded). Corpus formats are refused here: use
/// [`read_input`] for them.
pub fn document_from_text(path: &str, bytes: &[u8], format: Format, opts: &Options) -> Result<Document> {
    let p = PathBuf::from(path);
    if bytes.len() as u64 > opts.max_file_bytes {
        return Err(Error::TooLarge { path: p, size: bytes.len() as u64, limit: opts.max_file_bytes });
    }
    if format.is_corpus() {
        return Err(Error::Unsupported {
            path: p,
            reason: format!("{} is a corpus format; read it with read_input", format.as_str()),
        });
    }
    let decoded = decode(bytes).map_err(|reason| Error::Binary { path: p.clone(), reason })?;
    let mut given = Given::default();
    if decoded.encoding != "UTF-8" {
        given.extra.insert("encoding".into(), decoded.encoding.to_string());
    }
    build_document(path, decoded.text, format, format, given, opts)
}

/// Metadata an input gave explicitly (corpus fields).
#[derive(Default, Debug)]
pub(crate) struct Given {
    pub source_id: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub extra: BTreeMap<String, String>,
}

/// The shared end of every path: extract HTML, find boilerplate and header
/// lines, fill metadata, hash the text.
pub(crate) fn build_document(
    path: &str,
    text: String,
    body_format: Format,
    format: Format,
    mut given: Given,
    opts: &Options,
) -> Result<Document> {
    let (text, html_meta) = if body_format == Format::Html {
        let (t, m) = html::extract(&text);
        (t, Some(m))
    } else {
        (text, None)
    };
    if text.trim().is_empty() {
        return Err(Error::Empty { path: PathBuf::from(path) });
    }
    let (lines, blocks) = lines::split(&text);
    let mut boiler = boilerplate::find(&text, &lines, &blocks);
    // A Markdown or text copy may open with YAML front matter: its fields are metadata, and the
    // page header (if any) begins after it.
    let mut header_from = 0;
    if body_format != Format::Html {
        if let Some((mark, fields)) = front_matter::find(&text) {
            front_matter::apply(fields, &mut given);
            header_from = lines.iter().position(|l| l.start >= mark.end).unwrap_or(lines.len());
            boiler.retain(|m| m.start >= mark.end);
            boiler.insert(0, mark);
        }
    }
    // The language is read from the text outside boilerplate (footers are
    // often in the site's language, not the article's), and decides how
    // ambiguous numeric dates are read: the American way in English.
    let language = match given.language.as_deref().map(lang::normalize_code) {
        Some(l) if l != "und" => l,
        _ => {
            let as_removed: Vec<Removed> =
                boiler.iter().map(|m| Removed { span: Span::new(m.start, m.end), reason: String::new() }).collect();
            let detected = lang::detect(&live_sample(&text, &as_removed));
            let declared = html_meta.as_ref().and_then(|m| m.language.as_deref()).map(lang::normalize_code);
            match declared {
                Some(d) if detected == "und" => d,
                _ => detected,
            }
        }
    };
    let (tmeta, header_marks) = header::find(
        &lines[header_from..],
        &boiler,
        given.title.is_none() && body_format != Format::Html,
        language == "en",
    );
    let removed = merge_marks(boiler.into_iter().chain(header_marks));
    let hm = html_meta.unwrap_or_default();
    let mut extra = given.extra;
    if let Some(s) = tmeta.subtitle {
        extra.insert("subtitle".into(), s);
    }
    let published = given.published.as_deref().and_then(dates::parse_meta_date).or(hm.published).or(tmeta.published);
    if let Some(raw) = given.published.as_ref().filter(|_| published.is_none()) {
        // An unreadable date is kept, not lost.
        extra.insert("published_raw".into(), raw.clone());
    }
    let url = given.url.or(hm.url);
    let outlet = given.outlet.or(hm.outlet).or(tmeta.outlet).or_else(|| url.as_deref().and_then(host_of));
    let meta = DocMeta {
        path: path.to_string(),
        source_id: given.source_id,
        title: given.title.or(hm.title).or(tmeta.title),
        outlet,
        author: given.author.or(hm.author).or(tmeta.author),
        published,
        url,
        language,
        format: format.as_str().to_string(),
        primary: opts.primary,
        extra,
    };
    Ok(Document { id: doc_id(&text), meta, text, removed })
}

/// Sort marks and drop any that overlap an earlier one.
fn merge_marks(marks: impl Iterator<Item = boilerplate::Mark>) -> Vec<Removed> {
    let mut v: Vec<boilerplate::Mark> = marks.collect();
    v.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<Removed> = Vec::with_capacity(v.len());
    for m in v {
        if m.start >= m.end || out.last().is_some_and(|last| m.start < last.span.end) {
            continue;
        }
        out.push(Removed { span: Span::new(m.start, m.end), reason: m.reason.to_string() });
    }
    out
}

/// Up to 16 KB of the text outside removed spans, for language detection.
fn live_sample(text: &str, removed: &[Removed]) -> String {
    let mut out = String::new();
    for (a, b) in sitrep_text::live_ranges(text, removed) {
        out.push_str(&text[a..b]);
        out.push('\n');
        if out.len() > 16 * 1024 {
            break;
        }
    }
    out
}

/// "https://www.example.org/a/b" -> "example.org".
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?.trim_start_matches("www.");
    (host.contains('.') && !host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The content id of a text: blake3 of its NFC form with whitespace runs
/// collapsed to one space (so re-wrapping or CRLF/LF changes nothing), as
/// `doc_` and 16 hex digits.
pub fn doc_id(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut hasher = blake3::Hasher::new();
    if unicode_normalization::is_nfc(text) {
        // Already NFC (nearly always): hash the words without normalizing,
        // a few kilobytes at a time (an update per word costs more than the
        // hashing).
        let mut buf = Vec::with_capacity(8192);
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                buf.push(b' ');
            }
            buf.extend_from_slice(word.as_bytes());
            if buf.len() >= 4096 {
                hasher.update(&buf);
                buf.clear();
            }
        }
        hasher.update(&buf);
        let hex = hasher.finalize().to_hex();
        return format!("doc_{}", &hex.as_str()[..16]);
    }
    let mut buf = String::with_capacity(4096);
    let mut pending_space = false;
    for c in text.trim().nfc() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            buf.push(' ');
            pending_space = false;
        }
        buf.push(c);
        if buf.len() >= 4000 {
            hasher.update(buf.as_bytes());
            buf.clear();
        }
    }
    hasher.update(buf.as_bytes());
    let hex = hasher.finalize().to_hex();
    format!("doc_{}", &hex.as_str()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_ignore_whitespace_and_normal_form() {
        let a = doc_id("Khān  Ṭūmān fell.\r\nRebels cheered.");
        let b = doc_id("Kha\u{304}n Ṭūmān fell. Rebels\ncheered.\n");
        assert_eq!(a, b);
        assert_ne!(a, doc_id("Khan Tuman fell."));
        assert!(a.starts_with("doc_") && a.len() == 20);
    }

    #[test]
    fn sniff_table() {
        let cases: &[(&str, Format)] = &[
            ("<!DOCTYPE html><html><body><p>x</p>", Format::Html),
            ("  <div class=a>text</div>", Format::Html),
            ("{\"id\": 1, \"text\": \"x\"}\n{\"id\": 2}", Format::Jsonl),
            ("id,title,text\n1,a,b\n", Format::Csv),
            ("PAR1\x15\x04\x15", Format::Parquet),
            ("# Heading\n\nBody", Format::Md),
            ("Plain words. More words.", Format::Txt),
            ("<3 this is not html", Format::Txt),
        ];
        for (input, want) in cases {
            assert_eq!(Format::sniff(input.as_bytes()), *want, "{input:?}");
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://www.reuters.com/article/x").as_deref(), Some("reuters.com"));
        assert_eq!(host_of("not a url"), None);
    }
}
