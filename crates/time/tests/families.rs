//! Table-driven tests: one row per expression family, each a short text in
//! the style of conflict reporting, with the expressions it must yield and
//! their resolutions, with a document date (2016-05-08, a Sunday) and without.

mod common;

use sitrep_model::{PartialDate, Span};
use sitrep_time::{find_time_expressions, TimeContext};

fn run(text: &str, doc: Option<PartialDate>) -> Vec<(String, String)> {
    let mut ctx = TimeContext::new(doc);
    find_time_expressions(text, Span::new(0, text.len()))
        .iter()
        .map(|e| {
            let r = ctx.resolve(e);
            let mut shown = common::show(&r);
            if !r.diagnostics.is_empty() && r.is_known() {
                shown.push_str(" !");
            }
            (e.span.slice(text).to_string(), shown)
        })
        .collect()
}

fn check(rows: &[(&str, &[(&str, &str)])], doc: Option<PartialDate>) {
    let mut failures = Vec::new();
    for (text, want) in rows {
        let got = run(text, doc);
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} rows differ:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

const DOC: Option<PartialDate> = Some(PartialDate::ymd(2016, 5, 8));

#[test]
fn absolute_and_partial_dates_with_document_date() {
    check(
        &[
            ("Talks resumed in Geneva on May 7, 2016.", &[("May 7, 2016", "2016-05-07 day")]),
            ("The council met on 7 May 2016 in New York.", &[("7 May 2016", "2016-05-07 day")]),
            ("The ceasefire began on 27/02/2016.", &[("27/02/2016", "2016-02-27 day")]),
            ("Strikes hit Idlib on Sept. 3, 2015.", &[("Sept. 3, 2015", "2015-09-03 day")]),
            ("Les frappes ont repris le 1er août 2016.", &[("1er août 2016", "2016-08-01 day")]),
            ("The town fell on May 3.", &[("May 3", "2016-05-03 day")]),
            // After the document date, so last year.
            ("The town fell on 3 December.", &[("3 December", "2015-12-03 day")]),
            ("The truce will start on June 2.", &[("June 2", "2016-06-02 day")]),
            ("By the 3rd of May the siege had tightened.", &[("3rd of May", "2016-05-03 day")]),
            ("The group was formed in March 2015.", &[("March 2015", "2015-03 month")]),
            ("Fighting intensified in October.", &[("October", "2015-10 month")]),
            ("The front was quiet in 2015.", &[("2015", "2015 year")]),
            ("The coalition collapsed in late 2015.", &[("late 2015", "2015-09..2015-12 month")]),
            ("Shelling resumed in early May.", &[("early May", "2016-05-01..2016-05-10 month")]),
            ("On Tuesday, May 3, 2016 the offensive began.", &[("Tuesday, May 3, 2016", "2016-05-03 day")]),
            // A mismatched weekday is flagged, not fixed.
            ("On Wednesday, May 3, 2016 the offensive began.", &[("Wednesday, May 3, 2016", "2016-05-03 day !")]),
            ("The May 4 briefing ran long.", &[("May 4", "2016-05-04 day")]),
            ("At least 3 may have died.", &[]),
            ("The 5th Corps advanced.", &[]),
            ("Some 2,000 fighters and 1500 civilians left.", &[]),
            // Regression: French "an" (year) once made "that an attack" a date.
            ("Officials said that an attack was likely.", &[]),
        ],
        DOC,
    );
}

#[test]
fn ranges() {
    check(
        &[
            (
                "The coalition was formed in March 2015. It took Idlib in the span of one month (March 24 - April 25).",
                &[
                    ("March 2015", "2015-03 month"),
                    ("in the span of one month", "?"),
                    ("March 24 - April 25", "2015-03-24..2015-04-25 day"),
                ],
            ),
            ("Clashes were reported between May 3 and 5.", &[("between May 3 and 5", "2016-05-03..2016-05-05 day")]),
            ("Talks ran from 3 to 5 May 2016.", &[("from 3 to 5 May 2016", "2016-05-03..2016-05-05 day")]),
            ("Talks ran 3-5 May.", &[("3-5 May", "2016-05-03..2016-05-05 day")]),
            ("The siege lasted from 2012 to 2016.", &[("from 2012 to 2016", "2012..2016 year")]),
            ("The 2011-14 period saw the most displacement.", &[("2011-14", "2011..2014 year")]),
            ("Strikes were heavy March-April 2016.", &[("March-April 2016", "2016-03..2016-04 month")]),
            (
                "Fighting lasted December 28 - January 3, 2016.",
                &[("December 28 - January 3, 2016", "2015-12-28..2016-01-03 day")],
            ),
            ("Between 3 and 5 people were hurt.", &[]),
        ],
        DOC,
    );
}

#[test]
fn narrative_relatives() {
    check(
        &[
            (
                "The commander spoke on May 2. On the next day, May 3, the group posted a poster.",
                &[("May 2", "2016-05-02 day"), ("the next day, May 3", "2016-05-03 day")],
            ),
            (
                "The commander spoke on May 2. On the next day, May 4, the group posted a poster.",
                &[("May 2", "2016-05-02 day"), ("the next day, May 4", "2016-05-04 day !")],
            ),
            ("On May 2 talks failed. The following day rebels attacked.", &[("May 2", "2016-05-02 day"), ("The following day", "2016-05-03 day")]),
            ("On May 6 the town fell. The truce began the day before.", &[("May 6", "2016-05-06 day"), ("the day before", "2016-05-05 day")]),
            (
                "Early on May 5 rebels attacked. By the time of that day's briefing the road was cut. At the briefing later that day nobody mentioned it.",
                &[("Early on May 5", "2016-05-05 day"), ("that day's", "2016-05-05 day"), ("later that day", "2016-05-05 day")],
            ),
            (
                "By 7:00 am on May 6 the town had fallen. Thirteen hours later at that day's briefing nobody knew.",
                &[("7:00 am on May 6", "2016-05-06T07:00 hour"), ("Thirteen hours later", "2016-05-06T20:00 hour"), ("that day's", "2016-05-06 day")],
            ),
            (
                "On May 6 the town fell. Two days later the army counterattacked.",
                &[("May 6", "2016-05-06 day"), ("Two days later", "2016-05-08 day")],
            ),
            (
                "The offensive began on 20 April. Earlier in the year the front had been quiet.",
                &[("20 April", "2016-04-20 day"), ("Earlier in the year", "2016-01..2016-04 month")],
            ),
            (
                "The offensive began on 20 April. Later in the month it stalled.",
                &[("20 April", "2016-04-20 day"), ("Later in the month", "2016-04-20..2016-04-30 day")],
            ),
            ("The siege began on 2 April. By the 5th the road was cut.", &[("2 April", "2016-04-02 day"), ("the 5th", "2016-04-05 day")]),
            (
                "Rebels took the hill on April 25. During the next few months they held it.",
                &[("April 25", "2016-04-25 day"), ("the next few months", "2016-05..2016-07 month")],
            ),
        ],
        DOC,
    );
}

#[test]
fn deictic_relatives() {
    check(
        &[
            ("Yesterday the army shelled the district.", &[("Yesterday", "2016-05-07 day")]),
            ("Today the talks resumed.", &[("Today", "2016-05-08 day")]),
            ("Two days ago the truce collapsed.", &[("Two days ago", "2016-05-06 day")]),
            ("A couple of days ago a convoy was hit.", &[("A couple of days ago", "2016-05-06 day")]),
            ("About 10 days ago the commander said so.", &[("About 10 days ago", "2016-04-28 day")]),
            ("Last week the council met.", &[("Last week", "2016-04-25..2016-05-01 day")]),
            ("Last year the group split.", &[("Last year", "2015 year")]),
            ("The airport reopened last month.", &[("last month", "2016-04 month")]),
            (
                "During the last few weeks the rebels fought alongside Nusra.",
                &[("the last few weeks", "2016-04-17..2016-05-08 day")],
            ),
            (
                "Throughout the two and a half months that have passed since the start of the truce, raids went on.",
                &[
                    ("the two and a half months that have passed", "2016-02..2016-05 month"),
                    ("since the start of", "?"),
                ],
            ),
            ("On Tuesday the convoy was attacked.", &[("Tuesday", "2016-05-03 day")]),
            ("Last Sunday the convoy was attacked.", &[("Last Sunday", "2016-05-01 day")]),
            ("Talks resume next Friday.", &[("next Friday", "2016-05-13 day")]),
            ("Strikes have continued since March 2016.", &[("since March 2016", "2016-03..2016-05-08 month")]),
            ("The blockade has held for two weeks.", &[("two weeks", "?")]),
        ],
        DOC,
    );
}

#[test]
fn clock_times() {
    check(
        &[
            ("At 7:30 p.m. on May 4 the shelling stopped.", &[("7:30 p.m. on May 4", "2016-05-04T19:30 hour")]),
            ("On May 4 at 0600 GMT the shelling stopped.", &[("May 4 at 0600 GMT", "2016-05-04T06:00 hour")]),
            ("On the morning of May 6 the town fell.", &[("the morning of May 6", "2016-05-06 day")]),
            (
                "On May 4 the convoy left. At noon it was hit.",
                &[("May 4", "2016-05-04 day"), ("noon", "2016-05-04T12:00 hour")],
            ),
        ],
        DOC,
    );
}

#[test]
fn without_a_document_date_the_year_stays_unknown() {
    check(
        &[
            ("The town fell on May 3.", &[("May 3", "--05-03 day")]),
            (
                "The commander spoke on May 2. On the next day, May 3, the group posted a poster.",
                &[("May 2", "--05-02 day"), ("the next day, May 3", "--05-03 day")],
            ),
            ("Yesterday the army shelled the district.", &[("Yesterday", "?")]),
            (
                "The group was formed in March 2015. It fought from March 24 to April 25.",
                &[("March 2015", "2015-03 month"), ("from March 24 to April 25", "2015-03-24..2015-04-25 day")],
            ),
            (
                "On May 6 the town fell. The truce began the day before.",
                &[("May 6", "--05-06 day"), ("the day before", "?")],
            ),
            ("The offensive began on 7 May 2016.", &[("7 May 2016", "2016-05-07 day")]),
        ],
        None,
    );
}
