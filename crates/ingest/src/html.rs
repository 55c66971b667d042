//! HTML pages to text plus metadata.
//!
//! The page is parsed with html5ever (through `scraper`), the main content
//! element is chosen (`<article>` with the most text, else `<main>`, else
//! `<body>`), and its DOM is walked iteratively (no recursion, so 100,000
//! nested elements cannot overflow the stack) to produce Markdown-like text:
//! one block per paragraph separated by blank lines, headings prefixed `# `,
//! list items `- `, block quotes `> `. Navigation, asides, footers, forms,
//! figures, scripts and styles are dropped, and so are elements whose class
//! or id names page chrome (`share`, `related`, `sidebar`, `newsletter`...).
//! An HTML document's [`Document::text`](sitrep_model::Document) is this
//! extracted text.
//!
//! Metadata comes from `<title>`, Open Graph and article meta tags, author
//! meta tags, and JSON-LD `NewsArticle` objects.

use crate::dates::parse_date;
use ego_tree::iter::Edge;
use scraper::{node::Element, Html, Node};
use sitrep_model::PartialDate;

/// Metadata a page declares about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Elements whose whole subtree is never article text.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select", "option",
    "iframe", "svg", "canvas", "object", "embed", "video", "audio", "figure", "picture", "img", "input", "textarea",
    "label", "dialog", "menu", "head", "link", "meta", "map", "math", "source", "track",
];

/// Class or id words that mark page chrome.
const CHROME: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "sharebar",
    "social",
    "related",
    "recommended",
    "comments",
    "comment",
    "sidebar",
    "footer",
    "cookie",
    "cookies",
    "newsletter",
    "subscribe",
    "subscription",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "promo",
    "popup",
    "modal",
    "banner",
    "widget",
    "masthead",
    "toolbar",
    "pagination",
    "pager",
    "tags",
    "skip",
    "hidden",
    "sr",
    "visually",
    "print",
    "outbrain",
    "taboola",
    "disqus",
    "newsletter",
    "signup",
    "paywall",
    "trending",
    "most",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "center",
    "details",
    "summary",
    "figcaption",
    "caption",
    "body",
    "html",
    "header",
    "hgroup",
];

/// Nesting deeper than this is flattened before parsing (see [`flatten_deep`]).
const MAX_DEPTH: usize = 400;

/// Parse a page: its text (as described in the module docs) and metadata.
pub fn extract(source: &str) -> (String, HtmlMeta) {
    let source = flatten_deep(source, MAX_DEPTH);
    let doc = Html::parse_document(&source);
    let meta = read_meta(&doc);
    let root = content_root(&doc);
    (render(&doc, root), meta)
}

/// Elements that never hold children or close themselves implicitly, so they
/// do not count towards nesting depth.
const NO_DEPTH: &[&str] = &[
    "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr", "p",
    "li", "td", "tr", "th", "dt", "dd", "option", "!doctype",
];

/// One tag found by the pre-scan: where it ends, whether it closes, its name.
fn scan_tag(b: &[u8], i: usize) -> Option<(usize, bool, String)> {
    let mut j = i + 1;
    let closing = b.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let name_start = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'!' || b[j] == b'-') {
        j += 1;
    }
    if j == name_start || !b[name_start].is_ascii_alphabetic() && b[name_start] != b'!' {
        return None;
    }
    let name = String::from_utf8_lossy(&b[name_start..j]).to_ascii_lowercase();
    let mut quote = 0u8;
    while j < b.len() {
        match b[j] {
            q @ (b'"' | b'\'') if quote == 0 => quote = q,
            q if q == quote => quote = 0,
            b'>' if quote == 0 => return Some((j + 1, closing, name)),
            _ => {}
        }
        j += 1;
    }
    None
}

/// html5ever checks the stack of open elements for every start tag, so a
/// page nested 100,000 levels deep takes quadratic time. No real page nests
/// beyond a few dozen levels: tags deeper than `limit` are dropped (their
/// text is kept), which bounds the parse at linear time.
pub fn flatten_deep(html: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let walk = |mut emit: Option<&mut String>| -> usize {
        let (mut depth, mut max, mut i, mut copied) = (0usize, 0usize, 0usize, 0usize);
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            if b[i..].starts_with(b"<!--") {
                i = html[i..].find("-->").map_or(b.len(), |k| i + k + 3);
                continue;
            }
            let Some((end, closing, name)) = scan_tag(b, i) else {
                i += 1;
                continue;
            };
            if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
                // Raw text: skip to the matching end tag.
                let close = format!("</{name}");
                let rest = html[end..].to_ascii_lowercase();
                i = rest.find(&close).map_or(b.len(), |k| end + k);
                continue;
            }
            let counted = !NO_DEPTH.contains(&name.as_str()) && !html[..end].ends_with("/>");
            let deep = if closing {
                let d = depth > limit;
                if counted {
                    depth = depth.saturating_sub(1);
                }
                d
            } else {
                if counted {
                    depth += 1;
                    max = max.max(depth);
                }
                depth > limit
            };
            if let Some(out) = emit.as_deref_mut() {
                if deep && counted {
                    out.push_str(&html[copied..i]);
                    copied = end;
                }
            }
            i = end;
        }
        if let Some(out) = emit {
            out.push_str(&html[copied..]);
        }
        max
    };
    if walk(None) <= limit {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    walk(Some(&mut out));
    std::borrow::Cow::Owned(out)
}

fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attr(name).map(str::trim).filter(|v| !v.is_empty())
}

fn text_of(doc: &Html, id: ego_tree::NodeId) -> String {
    let mut out = String::new();
    if let Some(node) = doc.tree.get(id) {
        for d in node.descendants() {
            if let Node::Text(t) = d.value() {
                out.push_str(t);
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_meta(doc: &Html) -> HtmlMeta {
    let mut m = HtmlMeta::default();
    let mut title_tag = None;
    let mut og_title = None;
    let mut dates: Vec<(u8, PartialDate)> = Vec::new();
    let mut authors: Vec<(u8, String)> = Vec::new();
    for node in doc.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        match e.name() {
            "html" => {
                if let Some(l) = attr(e, "lang") {
                    m.language = Some(l.to_string());
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(text_of(doc, node.id())),
            "meta" => {
                let key = attr(e, "property").or_else(|| attr(e, "name")).or_else(|| attr(e, "itemprop")).unwrap_or("");
                let key = key.to_ascii_lowercase();
                let Some(content) = attr(e, "content") else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" => og_title = og_title.or(Some(content.to_string())),
                    "og:site_name" | "application-name" | "publisher" | "dc.publisher" => {
                        m.outlet = m.outlet.take().or(Some(content.to_string()));
                    }
                    "article:published_time"
                    | "og:published_time"
                    | "datepublished"
                    | "article.published"
                    | "publishdate"
                    | "publish-date"
                    | "publication_date"
                    | "pubdate"
                    | "date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.created"
                    | "dcterms.issued"
                    | "sailthru.date"
                    | "parsely-pub-date"
                    | "article:published" => {
                        if let Some(d) = parse_date(content) {
                            dates.push((if key.contains("publish") { 0 } else { 1 }, d));
                        }
                    }
                    "article:modified_time" | "og:updated_time" | "datemodified" | "last-modified" => {
                        if let Some(d) = parse_date(content) {
                            dates.push((3, d));
                        }
                    }
                    "author" | "byl" | "dc.creator" | "sailthru.author" | "parsely-author" | "article:author"
                        if !content.starts_with("http") =>
                    {
                        let a = content.strip_prefix("By ").or_else(|| content.strip_prefix("by ")).unwrap_or(content);
                        authors.push((if key == "author" { 0 } else { 1 }, a.trim().to_string()));
                    }
                    "og:url" => m.url = m.url.take().or(Some(content.to_string())),
                    "content-language" | "og:locale" | "language" => {
                        m.language = m.language.take().or(Some(content.to_string()));
                    }
                    _ => {}
                }
            }
            "link" if attr(e, "rel") == Some("canonical") => {
                if let Some(h) = attr(e, "href") {
                    m.url = Some(h.to_string());
                }
            }
            "time" => {
                let published = attr(e, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("datePublished"))
                    || attr(e, "pubdate").is_some()
                    || e.attr("pubdate").is_some();
                if let Some(d) = attr(e, "datetime").and_then(parse_date) {
                    dates.push((if published { 0 } else { 2 }, d));
                }
            }
            "script" if attr(e, "type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) => {
                let raw = text_of_raw(doc, node.id());
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&raw) {
                    json_ld(&v, &mut m, &mut og_title, &mut dates, &mut authors, 0);
                }
            }
            _ => {}
        }
    }
    m.title =
        og_title.or_else(|| title_tag.map(|t| strip_site_suffix(&t, m.outlet.as_deref()))).filter(|t| !t.is_empty());
    m.published = dates.iter().min_by_key(|(r, _)| *r).map(|(_, d)| *d);
    m.author = authors.iter().min_by_key(|(r, _)| *r).map(|(_, a)| a.clone()).filter(|a| !a.is_empty());
    m
}

fn text_of_raw(doc: &Html, id: ego_tree::NodeId) -> String {
    let mut out = String::new();
    if let Some(node) = doc.tree.get(id) {
        for d in node.descendants() {
            if let Node::Text(t) = d.value() {
                out.push_str(t);
            }
        }
    }
    out
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
];

fn json_ld(
    v: &serde_json::Value,
    m: &mut HtmlMeta,
    title: &mut Option<String>,
    dates: &mut Vec<(u8, PartialDate)>,
    authors: &mut Vec<(u8, String)>,
    depth: usize,
) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => {
            for it in items {
                json_ld(it, m, title, dates, authors, depth + 1);
            }
        }
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld(g, m, title, dates, authors, depth + 1);
            }
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if !is_article {
                return;
            }
            if let Some(h) = o.get("headline").and_then(Value::as_str) {
                title.get_or_insert_with(|| h.trim().to_string());
            }
            if let Some(d) = o.get("datePublished").and_then(Value::as_str).and_then(parse_date) {
                dates.push((0, d));
            }
            let name_of = |x: &Value| -> Option<String> {
                match x {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(a) => a.get("name").and_then(Value::as_str).map(str::to_string),
                    _ => None,
                }
            };
            match o.get("author") {
                Some(Value::Array(list)) => {
                    let names: Vec<String> = list.iter().filter_map(name_of).collect();
                    if !names.is_empty() {
                        authors.push((0, names.join(", ")));
                    }
                }
                Some(a) => {
                    if let Some(n) = name_of(a) {
                        authors.push((0, n));
                    }
                }
                None => {}
            }
            if let Some(p) = o.get("publisher").and_then(name_of) {
                m.outlet.get_or_insert(p);
            }
            if let Some(u) = o.get("url").and_then(Value::as_str) {
                m.url.get_or_insert_with(|| u.to_string());
            }
        }
        _ => {}
    }
}

/// "Rebels seize Khan Tuman - Al Jazeera English" -> "Rebels seize Khan Tuman".
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: ", " « "] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            let tail_is_site =
                outlet.is_some_and(|o| tail.eq_ignore_ascii_case(o)) || tail.split_whitespace().count() <= 4;
            if tail_is_site && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn is_chrome(e: &Element) -> bool {
    if e.attr("hidden").is_some()
        || attr(e, "aria-hidden") == Some("true")
        || attr(e, "style").is_some_and(|s| s.replace(' ', "").contains("display:none"))
    {
        return true;
    }
    if matches!(attr(e, "role"), Some("navigation" | "complementary" | "banner" | "contentinfo" | "search")) {
        return true;
    }
    let names = [attr(e, "class").unwrap_or(""), attr(e, "id").unwrap_or("")];
    names.iter().any(|v| {
        v.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| !w.is_empty() && CHROME.contains(&w.to_ascii_lowercase().as_str()))
    })
}

/// The element holding the article: the `<article>` with the most text,
/// else `<main>` / `role=main`, else `<body>`, else the document.
fn content_root(doc: &Html) -> ego_tree::NodeId {
    let mut best: Option<(usize, ego_tree::NodeId)> = None;
    let mut main = None;
    let mut body = None;
    for node in doc.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        match e.name() {
            "article" => {
                let len = text_of(doc, node.id()).len();
                if best.is_none_or(|(l, _)| len > l) {
                    best = Some((len, node.id()));
                }
            }
            "main" => main = main.or(Some(node.id())),
            "body" => body = body.or(Some(node.id())),
            _ if attr(e, "role") == Some("main") => main = main.or(Some(node.id())),
            _ => {}
        }
    }
    match best {
        Some((len, id)) if len >= 200 => id,
        _ => main.or(best.map(|b| b.1)).or(body).unwrap_or(doc.tree.root().id()),
    }
}

struct Renderer {
    out: String,
    cur: String,
    quote: usize,
    pre: usize,
    heading: usize,
    li_pending: bool,
}

impl Renderer {
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.cur);
        let body = if self.pre > 0 { text.trim_matches('\n').to_string() } else { text.trim().to_string() };
        if body.is_empty() {
            return;
        }
        let mut prefix = String::new();
        if self.heading > 0 {
            prefix.push_str(&"#".repeat(self.heading));
            prefix.push(' ');
        } else if self.li_pending {
            prefix.push_str("- ");
            self.li_pending = false;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        for (i, line) in body.split('\n').enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            if self.quote > 0 {
                self.out.push_str("> ");
            }
            if i == 0 {
                self.out.push_str(&prefix);
            }
            self.out.push_str(if self.pre > 0 { line } else { line.trim() });
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.cur.push_str(t);
            return;
        }
        for (i, piece) in t.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.cur.ends_with([' ', '\n']) && !self.cur.is_empty() {
                self.cur.push(' ');
            }
            self.cur.push_str(piece);
        }
    }
}

fn render(doc: &Html, root: ego_tree::NodeId) -> String {
    let Some(root_ref) = doc.tree.get(root) else {
        return String::new();
    };
    let mut r = Renderer { out: String::new(), cur: String::new(), quote: 0, pre: 0, heading: 0, li_pending: false };
    let mut skip: Option<ego_tree::NodeId> = None;
    let mut in_article = 0usize;
    for edge in root_ref.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => r.text(t),
                    Node::Element(e) => {
                        let name = e.name();
                        let below_root = node.id() != root;
                        let dropped = DROP.contains(&name)
                            || (name == "header" && in_article == 0 && below_root)
                            || (below_root && !matches!(name, "article" | "main" | "body") && is_chrome(e));
                        if dropped {
                            skip = Some(node.id());
                            continue;
                        }
                        if name == "article" {
                            in_article += 1;
                        }
                        if name == "br" {
                            r.cur.push('\n');
                        } else if BLOCKS.contains(&name) {
                            r.flush();
                            match name {
                                "blockquote" => r.quote += 1,
                                "pre" => r.pre += 1,
                                "li" => r.li_pending = true,
                                h if h.len() == 2 && h.starts_with('h') => {
                                    r.heading = usize::from(h.as_bytes()[1].wrapping_sub(b'0')).clamp(1, 6);
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if BLOCKS.contains(&name) {
                        r.flush();
                        match name {
                            "blockquote" => r.quote = r.quote.saturating_sub(1),
                            "pre" => r.pre = r.pre.saturating_sub(1),
                            "li" => r.li_pending = false,
                            "article" => in_article = in_article.saturating_sub(1),
                            h if h.len() == 2 && h.starts_with('h') && h.as_bytes()[1].is_ascii_digit() => {
                                r.heading = 0
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    r.flush();
    r.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_blocks_and_drops_chrome() {
        let html = r#"<html lang="en"><head><title>Truce collapses in Aleppo | Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta property="article:published_time" content="2016-05-05T09:00:00Z">
            <meta name="author" content="Jane Doe"></head>
            <body><nav><a href="/">Home</a></nav>
            <article><h1>Truce collapses in Aleppo</h1>
            <div class="share-bar"><a>Tweet</a></div>
            <p>Fighting resumed on <b>Thursday</b>.<br>Dozens were killed.</p>
            <ul><li>First point</li><li><p>Second point</p></li></ul>
            <blockquote><p>We will respond.</p></blockquote>
            <figure><img src="x.jpg"><figcaption>Photo: AFP</figcaption></figure>
            <script>var x = 1;</script></article>
            <footer>Copyright 2016</footer></body></html>"#;
        let (text, meta) = extract(html);
        assert_eq!(
            text,
            "# Truce collapses in Aleppo\n\nFighting resumed on Thursday.\nDozens were killed.\n\n- First point\n\n- Second point\n\n> We will respond."
        );
        assert_eq!(meta.title.as_deref(), Some("Truce collapses in Aleppo"));
        assert_eq!(meta.outlet.as_deref(), Some("Example News"));
        assert_eq!(meta.author.as_deref(), Some("Jane Doe"));
        assert_eq!(meta.published.map(|d| d.to_string()).as_deref(), Some("2016-05-05"));
        assert_eq!(meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_text() {
        let html = format!("<body>{}<p>deep text</p>{}</body>", "<div>".repeat(10), "</div>".repeat(10));
        let flat = flatten_deep(&html, 4);
        assert_eq!(flat.matches("<div>").count(), 3);
        assert_eq!(flat.matches("</div>").count(), 3);
        assert!(flat.contains("<p>deep text</p>"));
        assert!(matches!(flatten_deep(&html, 50), std::borrow::Cow::Borrowed(_)));
        let tricky = r#"<div title="a>b"><script>if (a<div) {}</script><!-- <div> -->x</div>"#;
        assert!(matches!(flatten_deep(tricky, 1), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn json_ld_news_article() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"Rebels take Khan Tuman","datePublished":"2016-05-06T08:00:00+03:00",
             "author":[{"@type":"Person","name":"Ali Haj Suleiman"},{"@type":"Person","name":"Sara Ahmed"}],
             "publisher":{"@type":"Organization","name":"Levant Monitor"}}]}
            </script></head><body><p>Text.</p></body></html>"#;
        let (_, meta) = extract(html);
        assert_eq!(meta.title.as_deref(), Some("Rebels take Khan Tuman"));
        assert_eq!(meta.author.as_deref(), Some("Ali Haj Suleiman, Sara Ahmed"));
        assert_eq!(meta.outlet.as_deref(), Some("Levant Monitor"));
        assert_eq!(meta.published.map(|d| d.to_string()).as_deref(), Some("2016-05-06"));
    }
}
