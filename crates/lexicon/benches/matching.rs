//! Matching throughput: the full lexicon pass (`Lexicon::mentions`: folding,
//! one automaton scan, in-document rules, unknown candidates) against a plain
//! ASCII-case-insensitive Aho-Corasick scan of the raw text with the same
//! alias list, on the same 50+ MB of generated report text, in one run.
//!
//! The text is built from sentences written for this benchmark, shuffled
//! with a fixed-seed generator and cut into documents of about 4 KB, the size
//! of a news report. Both benchmarks assert a match count so neither can
//! silently measure nothing.

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_lexicon::{whole_text_segmentation, Lexicon};
use std::hint::black_box;

const SENTENCES: &[&str] = &[
    "Jaysh al-Fatah fighters led by Jabhat al-Nusrah stormed Khan Tuman before dawn on Friday.",
    "The Russian and Syrian air forces carried out dozens of strikes on rebel-held districts of Aleppo.",
    "MR TONER: We call on the regime to stop targeting opposition groups that are party to the cessation.",
    "Ahrar ash-Sham said its fighters had withdrawn from the hills south of the town.",
    "State Department spokesman John Kirby told reporters that intermingling made strikes difficult.",
    "Turkish troops and the Syrian National Army pushed towards Afrin as the YPG dug in.",
    "The US-led coalition said its aircraft hit Islamic State positions near Raqqa overnight.",
    "Hezbollah and IRGC advisers backed government forces in the countryside east of Homs.",
    "Faylaq al-Sham and Jaish al-Izza rejected the Astana memorandum on de-escalation areas.",
    "Sergei Lavrov met Staffan de Mistura in Geneva to discuss Resolution 2254.",
    "Local council members said bread prices had tripled since the road was cut in March.",
    "A spokesman for Liwa Suqur al-Jabal said the brigade would not join the new operations room.",
    "Witnesses described long queues at the only crossing still open to the north.",
    "The Popular Mobilization Forces entered Tal Afar after the Counter Terrorism Service cleared its outskirts.",
    "Ajnad al-Sham denied that its men had taken part in the attack on the checkpoint.",
    "The truce held for a second day, although both sides reported sporadic shelling.",
    "Abu Mohammad al-Jolani announced that Jabhat Fateh al-Sham had cut its ties with al-Qaeda.",
    "Officials in Damascus said the army had reopened the highway between Hama and Aleppo.",
    "The Americans and the Saudis insisted that Jaish al-Islam be part of the talks.",
    "Mr Lavrov said Moscow would keep supporting Syrian troops against terrorists.",
];

fn corpus(target_bytes: usize) -> Vec<String> {
    let mut docs = Vec::new();
    let mut doc = String::new();
    let mut total = 0;
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while total < target_bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let s = SENTENCES[(state % SENTENCES.len() as u64) as usize];
        doc.push_str(s);
        doc.push(if state.is_multiple_of(5) { '\n' } else { ' ' });
        if doc.len() >= 4096 {
            total += doc.len();
            docs.push(std::mem::take(&mut doc));
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let lex = Lexicon::embedded();
    let docs = corpus(50 * 1024 * 1024);
    let bytes: usize = docs.iter().map(String::len).sum();
    let segs: Vec<_> = docs.iter().map(|d| whole_text_segmentation(d)).collect();
    let aliases: Vec<&str> =
        lex.entities().iter().flat_map(|e| e.names().chain(e.demonyms.iter().map(String::as_str))).collect();
    let plain = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&aliases)
        .expect("the alias automaton builds");

    let mut group = c.benchmark_group("matching");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("lexicon_mentions", |b| {
        b.iter(|| {
            let n: usize = docs.iter().zip(&segs).map(|(d, s)| lex.mentions(d, s).len()).sum();
            assert!(n > bytes / 200, "too few mentions: {n}");
            black_box(n)
        })
    });
    group.bench_function("plain_aho_corasick", |b| {
        b.iter(|| {
            let n: usize = docs.iter().map(|d| plain.find_iter(d.as_str()).count()).sum();
            assert!(n > bytes / 200, "too few matches: {n}");
            black_box(n)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
