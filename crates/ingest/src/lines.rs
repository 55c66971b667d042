//! Lines and blank-line-separated blocks of a decoded text, with their byte
//! spans, plus a Markdown-stripping view used by the metadata and
//! boilerplate rules (which reason about what a reader sees, not the markup).

/// One non-empty line, trimmed, with its byte range in the text.
#[derive(Debug, Clone)]
pub struct Line<'t> {
    pub start: usize,
    pub end: usize,
    pub raw: &'t str,
    /// The line as a reader sees it: links reduced to their text, emphasis
    /// markers, heading and quote markers dropped, whitespace collapsed.
    pub plain: String,
    /// Number of Markdown links and bare URLs on the line.
    pub links: usize,
    /// `#` count when the line is a Markdown heading.
    pub heading: usize,
}

/// A blank-line-separated block: its byte range and its lines' indexes.
#[derive(Debug, Clone)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
}

pub fn split(text: &str) -> (Vec<Line<'_>>, Vec<Block>) {
    let mut lines = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut at = 0;
    let mut in_block = false;
    while at <= text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let raw_full = &text[at..end];
        let trimmed = raw_full.trim();
        if trimmed.is_empty() {
            in_block = false;
        } else {
            let s = at + (raw_full.len() - raw_full.trim_start().len());
            let e = s + trimmed.len();
            if !in_block {
                blocks.push(Block { start: s, end: e, first: lines.len(), last: lines.len() });
                in_block = true;
            }
            let b = blocks.len() - 1;
            blocks[b].end = e;
            blocks[b].last = lines.len();
            let (plain, links) = plain(trimmed);
            let heading = heading_level(trimmed);
            lines.push(Line { start: s, end: e, raw: trimmed, plain, links, heading });
        }
        if end == text.len() {
            break;
        }
        at = end + 1;
    }
    (lines, blocks)
}

fn heading_level(s: &str) -> usize {
    let n = s.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&n) && s[n..].starts_with([' ', '\t']) {
        n
    } else {
        0
    }
}

/// Strip Markdown from one line; also count its links.
pub fn plain(s: &str) -> (String, usize) {
    let mut out = String::with_capacity(s.len());
    let mut links = 0;
    let body = s.trim_start_matches(['#', '>']).trim_start();
    let body = body.strip_prefix("- ").or_else(|| body.strip_prefix("* ")).unwrap_or(body);
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < body.len() {
        let b = bytes[i];
        if b == b'!' && bytes.get(i + 1) == Some(&b'[') {
            if let Some((_, _, next)) = link_at(body, i + 1) {
                links += 1;
                i = next;
                continue;
            }
        }
        if b == b'[' {
            if let Some((ts, te, next)) = link_at(body, i) {
                links += 1;
                out.push_str(&body[ts..te]);
                i = next;
                continue;
            }
        }
        if (b == b'h' || b == b'w')
            && (body[i..].starts_with("http://") || body[i..].starts_with("https://") || body[i..].starts_with("www."))
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            links += 1;
            let e = body[i..].find(char::is_whitespace).map_or(body.len(), |k| i + k);
            i = e;
            continue;
        }
        if b == b'*' || (b == b'_' && bytes.get(i + 1) == Some(&b'_')) {
            i += if b == b'_' { 2 } else { 1 };
            continue;
        }
        let ch = body[i..].chars().next().unwrap_or(' ');
        if ch.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
        i += ch.len_utf8();
    }
    (out.trim().to_string(), links)
}

/// A Markdown link `[text](target)` starting at byte `i` (the `[`): returns
/// the text's range and the byte after the link.
pub fn link_at(s: &str, i: usize) -> Option<(usize, usize, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    let mut depth = 0usize;
    let mut j = i;
    while j < bytes.len() {
        match bytes[j] {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    if j >= bytes.len() || bytes.get(j + 1) != Some(&b'(') {
        return None;
    }
    let close = s[j + 2..].find(')')? + j + 2;
    if s[j + 2..close].contains(char::is_whitespace) && !s[j + 2..close].contains('"') {
        return None;
    }
    Some((i + 1, j, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_table() {
        let cases = [
            ("Par [Yalla La Barra](#)", "Par Yalla La Barra", 1),
            ("**Avis de non-responsabilité** : Les opinions", "Avis de non-responsabilité : Les opinions", 0),
            ("# Battle for Aleppo", "Battle for Aleppo", 0),
            ("![poster](img/a.png) Caption", "Caption", 1),
            ("See https://example.org/x now", "See now", 1),
            ("- [Home](/) | [World](/world)", "Home | World", 2),
        ];
        for (input, want, links) in cases {
            assert_eq!(plain(input), (want.to_string(), links), "{input}");
        }
    }

    #[test]
    fn split_keeps_offsets() {
        let text = "\n\n  Title  \n\nBody one\nbody two\n";
        let (lines, blocks) = split(text);
        assert_eq!(lines.iter().map(|l| &text[l.start..l.end]).collect::<Vec<_>>(), ["Title", "Body one", "body two"]);
        assert_eq!(blocks.len(), 2);
        assert_eq!(&text[blocks[1].start..blocks[1].end], "Body one\nbody two");
    }
}
