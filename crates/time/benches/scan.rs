//! Benchmarks for scanning and resolving time expressions over a bundled
//! report written for the purpose; each asserts the number of expressions it
//! finds so a benchmark cannot silently measure nothing.

use sitrep_model::{PartialDate, Sentence, Span};
use sitrep_time::{find_time_expressions, parse_date, Timeline};

const REPORT: &str = "\
The Army of Conquest was set up in March 2015 by Nusra and Ahrar al-Sham. Between March 24 and April 25 it drove government troops out of most of Idlib province. During the next few months it pressed on towards the Ghab plain, and in October 2015 two factions walked out.

On May 2 an Ahrar commander told a newspaper that the operations room would be revived. On the next day, May 3, the coalition's account posted a poster listing its members. Observers in Gaziantep, who had followed the group for years, took note of the names and of the order they came in.

Early on May 5 the coalition stormed Khan Tuman south of Aleppo. By the time of that day's briefing the road to the town was cut. About 10 days ago a general said the city was mostly in Nusra's hands. By 7:00 am on the morning of May 6 the town had fallen. Thirteen hours later at that day's briefing nobody mentioned the town, though aid workers in the countryside reported that hundreds of families had fled north towards the border crossings during the night.
";

const EXPRESSIONS: usize = 12;

fn main() {
    divan::main();
}

fn corpus() -> String {
    REPORT.repeat(50)
}

#[divan::bench]
fn scan_report(bencher: divan::Bencher) {
    let text = corpus();
    bencher.counter(divan::counter::BytesCount::new(text.len())).bench(|| {
        let n = find_time_expressions(divan::black_box(&text), Span::new(0, text.len())).len();
        assert_eq!(n, EXPRESSIONS * 50);
        n
    });
}

#[divan::bench]
fn timeline_report(bencher: divan::Bencher) {
    let text = corpus();
    // One sentence per line-free chunk ending in ". ": enough structure for the timeline.
    let mut sents = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        sents.push(Sentence { index: sents.len(), paragraph: sents.len() / 4, span: Span::new(start, i + 1) });
        start = i + 2;
    }
    bencher.counter(divan::counter::BytesCount::new(text.len())).bench(|| {
        let tl = Timeline::build(divan::black_box(&text), &sents, Some(PartialDate::ymd(2016, 5, 8)));
        let n: usize = tl.iter().map(|(_, e)| e.len()).sum();
        assert!(n >= EXPRESSIONS * 40);
        n
    });
}

#[divan::bench]
fn parse_metadata_dates() -> usize {
    let inputs = ["2016-05-08", "08 mai 2016", "May 7, 2016", "Sept. 3, 2015", "mardi 3 mai 2016"];
    let n = inputs.iter().filter(|s| parse_date(divan::black_box(s)).is_some()).count();
    assert_eq!(n, 5);
    n
}
