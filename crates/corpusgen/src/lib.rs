//! A deterministic generator of synthetic conflict reports, for benchmarks.
//!
//! Real corpora cannot be shipped, and a benchmark on a few kilobytes measures
//! caches rather than the coder. This crate writes any amount of text that
//! looks like the reports sitrep reads: wire stories with datelines,
//! attributions and casualty figures, briefing transcripts with speaker turns,
//! opinion paragraphs with quotes, and filler sentences that name no actor (so
//! the cheap pre-filter has something to skip). [`generate_mixed`] adds
//! general news (markets, sport, weather, health, culture, politics at home)
//! in a given share, as a real news flow carries it. The same seed always
//! gives the same bytes, so runs on different machines compare.
//!
//! ```
//! let mut out = Vec::new();
//! let stats = sitrep_corpusgen::generate(7, 20_000, &mut out).unwrap();
//! assert!(stats.bytes >= 20_000 && stats.documents > 0);
//! ```

use std::io::{self, Write};

mod news;

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

const GROUPS: &[&str] = &[
    "Jabhat al-Nusra",
    "Ahrar al-Sham",
    "Jaish al-Islam",
    "Faylaq al-Sham",
    "the Free Syrian Army",
    "Islamic State",
    "the Syrian Democratic Forces",
    "the YPG",
    "Hezbollah",
    "Jaish al-Fateh",
    "Hayat Tahrir al-Sham",
    "the Popular Mobilization Forces",
    "Kataib Hezbollah",
    "Jund al-Aqsa",
    "Nour al-Din al-Zenki",
    "the Houthis",
    "al-Shabaab",
    "Boko Haram",
    "the Taliban",
    "the Peshmerga",
];
const STATES: &[&str] = &[
    "Syrian government forces",
    "the Syrian army",
    "Russian warplanes",
    "the US-led coalition",
    "Turkish troops",
    "Iraqi forces",
    "Iranian-backed militias",
    "the Saudi-led coalition",
    "Israeli jets",
    "the Lebanese army",
    "Jordanian border guards",
    "the Iraqi Counter Terrorism Service",
];
const PLACES: &[&str] = &[
    "Aleppo",
    "Idlib",
    "Homs",
    "Hama",
    "Raqqa",
    "Deir ez-Zor",
    "Daraa",
    "Douma",
    "Manbij",
    "Afrin",
    "Mosul",
    "Ramadi",
    "Fallujah",
    "Tikrit",
    "Kirkuk",
    "Sanaa",
    "Aden",
    "Taiz",
    "Hodeidah",
    "Tripoli",
    "Benghazi",
    "Sirte",
    "Palmyra",
    "Khan Shaykhun",
    "Maarat al-Numan",
    "Jisr al-Shughur",
    "Qamishli",
];
const SPEAKERS: &[(&str, &str)] = &[
    ("John Kirby", "State Department spokesman"),
    ("Mark Toner", "State Department deputy spokesman"),
    ("Sergei Lavrov", "Russian Foreign Minister"),
    ("Maria Zakharova", "Russian Foreign Ministry spokeswoman"),
    ("Staffan de Mistura", "UN special envoy for Syria"),
    ("Josh Earnest", "White House press secretary"),
    ("Col. Steve Warren", "coalition spokesman"),
    ("Walid al-Muallem", "Syrian Foreign Minister"),
];
const SOURCES: &[&str] = &[
    "the Syrian Observatory for Human Rights",
    "activists",
    "a military spokesman",
    "state media",
    "Reuters",
    "local officials",
    "the United Nations",
    "residents",
    "a rebel commander",
];
const ATTACKS: &[&str] = &[
    "shelled",
    "attacked",
    "bombed",
    "struck",
    "stormed",
    "launched an offensive on",
    "besieged",
    "captured",
    "seized",
    "fired rockets at",
    "ambushed",
    "carried out air strikes on",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] = &[
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
const FILLER: &[&str] = &[
    "Prices of bread and fuel have risen sharply since the winter.",
    "The road was reopened to traffic later in the afternoon.",
    "Schools in the area have been closed for most of the year.",
    "The weather has made movement along the front lines difficult.",
    "Many families have moved several times since the war began.",
    "Electricity is available for only a few hours a day.",
    "The talks are expected to resume after the holiday.",
];

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
    let year = 2012 + rng.below(8);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let place = rng.pick(PLACES);
    let kind = rng.below(10);
    let text = match kind {
        0..=5 => wire_story(rng, place, month),
        6..=7 => transcript(rng, month, day),
        _ => opinion(rng, place, month),
    };
    let title =
        format!("{} {} {}", rng.pick(GROUPS), rng.pick(&["advance near", "pushed back from", "clash in"]), place);
    let outlet = rng.pick(&["Levant Wire", "Gulf Wire", "Harbour Times", "Beirut Monitor"]);
    record(n, &title, (year, month, day), outlet, &text)
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

fn actor(rng: &mut Rng) -> &'static str {
    if rng.chance(50) {
        rng.pick(GROUPS)
    } else {
        rng.pick(STATES)
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn event_sentence(rng: &mut Rng, place: &str, month: usize) -> String {
    let when = match rng.below(4) {
        0 => format!("on {}", rng.pick(WEEKDAYS)),
        1 => format!("on {} {}", MONTHS[month - 1], 1 + rng.below(28)),
        2 => "early on Sunday".to_owned(),
        _ => "overnight".to_owned(),
    };
    let killed = 2 + rng.below(40);
    match rng.below(5) {
        0 => format!(
            "{} {} positions held by {} in {} {when}, killing at least {killed} people, {} said.",
            capitalize(actor(rng)),
            rng.pick(ATTACKS),
            actor(rng),
            place,
            rng.pick(SOURCES)
        ),
        1 => format!(
            "The town of {} was attacked by {} {when}, according to {}.",
            rng.pick(PLACES),
            actor(rng),
            rng.pick(SOURCES)
        ),
        2 => format!(
            "{} and {} fighters {} the outskirts of {} {when}.",
            capitalize(rng.pick(GROUPS)),
            rng.pick(GROUPS),
            rng.pick(ATTACKS),
            place
        ),
        3 => format!("{} denied that its forces had withdrawn from {}.", capitalize(actor(rng)), rng.pick(PLACES)),
        _ => format!(
            "{}, which is backed by {}, joined the offensive near {} {when}.",
            capitalize(rng.pick(GROUPS)),
            rng.pick(&["the United States", "Turkey", "Iran", "Russia", "Saudi Arabia"]),
            place
        ),
    }
}

fn wire_story(rng: &mut Rng, place: &str, month: usize) -> String {
    let mut paras = vec![format!(
        "{} ({}) - {}",
        place.to_uppercase(),
        rng.pick(&["Levant Wire", "Gulf Wire"]),
        event_sentence(rng, place, month)
    )];
    for _ in 0..2 + rng.below(5) {
        let mut p = Vec::new();
        for _ in 0..1 + rng.below(3) {
            if rng.chance(30) {
                p.push(rng.pick(FILLER).to_string());
            } else {
                p.push(event_sentence(rng, place, month));
            }
        }
        paras.push(p.join(" "));
    }
    let (who, role) = rng.pick(SPEAKERS);
    paras.push(format!(
        "\"We call on all parties to respect the cessation of hostilities,\" {role} {who} said on {}.",
        rng.pick(WEEKDAYS)
    ));
    paras.join("\n\n")
}

fn transcript(rng: &mut Rng, month: usize, day: usize) -> String {
    let (who, _) = rng.pick(&SPEAKERS[..2]);
    let label = format!("MR {}", who.rsplit(' ').next().unwrap_or(who).to_uppercase());
    let mut paras = vec![format!("Department Press Briefing, {} {day}", MONTHS[month - 1])];
    for _ in 0..3 + rng.below(4) {
        paras.push(format!(
            "QUESTION: Are {} still fighting alongside {} in {}?",
            rng.pick(GROUPS),
            rng.pick(GROUPS),
            rng.pick(PLACES)
        ));
        paras.push(format!(
            "{label}: We have seen the reports. We want to see the cessation observed by all parties, and we have conveyed that to {}. {}",
            rng.pick(&["the Russians", "the regime", "the opposition", "our partners"]),
            rng.pick(FILLER)
        ));
    }
    paras.join("\n\n")
}

fn opinion(rng: &mut Rng, place: &str, month: usize) -> String {
    let (who, role) = rng.pick(SPEAKERS);
    let mut paras = vec![
        format!(
            "{} is a coalition of armed groups formed in {} and led by {} and {}.",
            rng.pick(&["Jaish al-Fateh", "Fatah Halab", "the Southern Front", "the National Front for Liberation"]),
            MONTHS[month - 1],
            rng.pick(GROUPS),
            rng.pick(GROUPS)
        ),
        format!("At the briefing that day, {role} {who} said:"),
        format!("We are not blind to the fact that the situation in {place} is very fluid. {}", rng.pick(FILLER)),
    ];
    paras.push(event_sentence(rng, place, month));
    paras.join("\n\n")
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
