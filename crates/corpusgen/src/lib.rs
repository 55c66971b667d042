//! A deterministic generator of synthetic conflict reports, for benchmarks.
//!
//! Real corpora cannot be shipped, and a benchmark on a few kilobytes measures
//! caches rather than the coder. This crate writes any amount of text that
//! looks like the reports sitrep reads: wire stories with datelines, attacks
//! told actively and passively, changes of control, backing and alliances,
//! displacement and aid, diplomacy, quotations and reported speech, briefing
//! transcripts with speaker turns, opinion paragraphs, and sentences on daily
//! life that name no actor (so the cheap filters have something to skip).
//! [`generate_mixed`] adds general news (markets, sport, weather, health,
//! culture, politics at home) in a given share, as a real news flow carries
//! it. Sentences are composed slot by slot, and the names are sitrep's own
//! data: the armed groups, state forces, states and office holders of the
//! embedded lexicon, grouped by country, and the towns of the embedded
//! gazetteer, so a corpus has the spread of names and words of a real flow
//! (in 25 MB, about 70% of sentences occur once; most repeats are briefing
//! formulae). The same seed always gives the same bytes, so runs on different
//! machines compare.
//!
//! ```
//! let mut out = Vec::new();
//! let stats = sitrep_corpusgen::generate(7, 20_000, &mut out).unwrap();
//! assert!(stats.bytes >= 20_000 && stats.documents > 0);
//! ```

use std::io::{self, Write};

mod conflict;
mod news;
mod vocab;

/// SplitMix64: tiny, fast and good enough to pick template parts.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// What [`generate`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub documents: u64,
    pub bytes: u64,
}

/// Writes JSON Lines documents (`id`, `title`, `published`, `outlet`, `text`)
/// until at least `target_bytes` of text have been written.
pub fn generate(seed: u64, target_bytes: u64, out: &mut dyn Write) -> io::Result<Stats> {
    generate_mixed(seed, target_bytes, 0, out)
}

/// Like [`generate`], with `news_percent` percent of the documents general
/// news instead of conflict reports (0 gives exactly [`generate`]'s bytes).
pub fn generate_mixed(seed: u64, target_bytes: u64, news_percent: usize, out: &mut dyn Write) -> io::Result<Stats> {
    let mut rng = Rng::new(seed);
    let mut stats = Stats::default();
    while stats.bytes < target_bytes {
        let doc = if news_percent > 0 && rng.chance(news_percent) {
            news_document(&mut rng, stats.documents)
        } else {
            document(&mut rng, stats.documents)
        };
        let line = serde_json::to_string(&doc).map_err(io::Error::other)?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        stats.bytes += line.len() as u64 + 1;
        stats.documents += 1;
    }
    Ok(stats)
}

/// One synthetic document as a JSON object.
pub fn document(rng: &mut Rng, n: u64) -> serde_json::Value {
    let (title, date, outlet, text) = conflict::document(rng);
    record(n, &title, date, outlet, &text)
}

/// The JSON Lines record of one generated document.
fn record(
    n: u64,
    title: &str,
    (year, month, day): (usize, usize, usize),
    outlet: &str,
    text: &str,
) -> serde_json::Value {
    serde_json::json!({
        "id": format!("gen-{n}"),
        "title": title,
        "published": format!("{year:04}-{month:02}-{day:02}"),
        "outlet": outlet,
        "text": text,
    })
}

/// One general-news document as a JSON object.
pub fn news_document(rng: &mut Rng, n: u64) -> serde_json::Value {
    let year = 2012 + rng.below(8);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let (title, text) = news::story(rng);
    let outlet = rng.pick(&["Harbour Times", "Daily Ledger", "Gulf Wire", "Morning Post"]);
    record(n, &title, (year, month, day), outlet, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        generate(1, 50_000, &mut a).unwrap();
        generate(1, 50_000, &mut b).unwrap();
        generate(2, 50_000, &mut c).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn a_news_share_mixes_in_general_news() {
        let (mut plain, mut zero, mut mixed) = (Vec::new(), Vec::new(), Vec::new());
        generate(4, 60_000, &mut plain).unwrap();
        generate_mixed(4, 60_000, 0, &mut zero).unwrap();
        generate_mixed(4, 200_000, 70, &mut mixed).unwrap();
        assert_eq!(plain, zero, "a zero share leaves the conflict corpus as it was");
        let text = String::from_utf8(mixed).unwrap();
        let docs: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let news = docs.iter().filter(|d| d["title"].as_str().unwrap().contains(": ")).count();
        let share = news as f64 / docs.len() as f64;
        assert!((0.55..0.85).contains(&share), "news share {share}");
        assert!(docs.iter().all(|d| d["text"].as_str().unwrap().len() > 200));
    }

    #[test]
    fn sentences_rarely_repeat_and_names_come_from_many_theatres() {
        let mut out = Vec::new();
        generate_mixed(9, 2_000_000, 75, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut datelines = std::collections::HashSet::new();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let body = v["text"].as_str().unwrap();
            for s in body.split(['\n', '.', '?']).map(str::trim).filter(|s| s.len() > 20) {
                *seen.entry(s.to_string()).or_default() += 1;
            }
            if let Some((place, _)) = body.split_once(" (") {
                if place.len() < 40 && place == place.to_uppercase() {
                    datelines.insert(place.to_string());
                }
            }
        }
        let total: usize = seen.values().sum();
        let repeated: usize = seen.values().filter(|n| **n > 1).sum();
        let share = repeated as f64 / total as f64;
        // Briefing formulae and the commonest news sentences do recur, as in a real flow.
        assert!(share < 0.3, "{repeated} of {total} sentences repeat");
        assert!(datelines.len() > 200, "{} dateline towns", datelines.len());
    }

    #[test]
    fn every_line_is_a_document() {
        let mut out = Vec::new();
        let stats = generate(3, 100_000, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count() as u64, stats.documents);
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v["text"].as_str().unwrap().len() > 50);
            assert!(v["id"].as_str().unwrap().starts_with("gen-"));
        }
    }
}
