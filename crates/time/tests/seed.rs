//! Inspection of the real seed report (a May 2016 opinion piece on Aleppo):
//! every expression found with its resolution is printed, and the dates the
//! hand-coded gold expects for its sentences are checked. Skips when the
//! shared corpus is absent.

mod common;

use sitrep_model::{PartialDate, Span};
use sitrep_time::Timeline;
use std::path::PathBuf;

fn shared(rel: &str) -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(rel);
    std::fs::read_to_string(p).ok()
}

#[test]
fn seed_expressions_and_gold_dates() {
    let Some(text) = shared("corpus/seeds/000_bbdecdbfa3fa171b.txt") else {
        eprintln!("shared seed corpus absent: skipping");
        return;
    };
    let sents = common::sentences(&text);
    let tl = Timeline::build(&text, &sents, Some(PartialDate::ymd(2016, 5, 8)));
    for s in &sents {
        for e in tl.expressions(s.index) {
            println!(
                "[{}] {:?} => {} {:?}",
                s.index,
                e.expr.span.slice(&text),
                common::show(&e.resolved),
                e.resolved.diagnostics
            );
        }
    }
    // (phrase locating the trigger, expected start of the governing date);
    // a leading '@' asks for the date the words were spoken instead.
    let expect: &[(&str, &str)] = &[
        ("managed to defeat", "2015-03-24"),
        ("formed in March", "2015-03"),
        ("left the coalition", "2015-10"),
        ("several military successes", "2015-05"),
        ("were fighting alongside Nusra", "2016-04-17"),
        ("called on the Russians", "2016-04-27"),
        ("@would have damaging consequences", "2016-04-27"),
        ("@need to refrain from targeting", "2016-04-27"),
        ("operations room is coming back", "2016-05-02"),
        ("pinned a tweet", "2016-05-03"),
        ("@this agreement or reaffirmation", "2016-05-04"),
        ("launched a huge offensive", "2016-05-05"),
        ("had cut the supply routes", "2016-05-05"),
        ("@we're aware that al-Nusra", "2016-05-05"),
        ("primarily al-Nusra that holds", "2016-04-25"),
        ("@there are areas controlled by the opposition", "2016-05-05"),
        ("had fallen into the hands", "2016-05-06T07:00"),
        ("helped Al-Qaeda win", "2016-05-06"),
        ("neither John Kirby", "2016-05-06T20:00"),
        ("@the violence has decreased", "2016-05-06"),
        ("@I'm not disputing the fact", "2016-05-06"),
        ("@we're not blind to the fact", "2016-04-25"),
        ("@there is intermingling between the groups", "2016-04-28"),
    ];
    let mut failures = Vec::new();
    for (phrase, want) in expect {
        let (spoken, phrase) = match phrase.strip_prefix('@') {
            Some(p) => (true, p),
            None => (false, *phrase),
        };
        let at = text.find(phrase).unwrap_or_else(|| panic!("phrase {phrase:?} not in seed"));
        let s = sents.iter().find(|s| s.span.start <= at && at < s.span.end).expect("sentence");
        let got = if spoken { tl.speech_date(s.index) } else { tl.date_for(s.index, Span::new(at, at + phrase.len())) };
        let got = got.map(|r| sitrep_time::to_range(&r).start).unwrap_or_default();
        if got != *want {
            failures.push(format!("{phrase:?}: want {want}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
