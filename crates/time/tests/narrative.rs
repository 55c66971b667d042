//! Narrative tests: paragraphs written in the style of conflict reporting,
//! built into a `Timeline`, with the date each trigger must get, including
//! carried dates and quoted speech.

mod common;

use sitrep_model::{PartialDate, Span};
use sitrep_time::{to_range, Timeline};

const REPORT: &str = "\
The Army of Conquest was set up in March 2015 by Nusra and Ahrar al-Sham. Between March 24 and April 25 it drove government troops out of most of Idlib province. During the next few months it pressed on towards the Ghab plain.

Its members quarrelled over the summer. In October 2015 two factions walked out.

Diplomats kept their distance. Nobody commented.

On May 2 an Ahrar commander told a newspaper that the operations room would be revived. On the next day, May 3, the coalition's account posted a poster listing its members. Observers took note.

Early on May 5 the coalition stormed Khan Tuman south of Aleppo. By the time of that day's briefing the road to the town was cut, and the garrison was surrounded.

At the briefing later that day the spokesman said:

We are watching Aleppo closely. I talked about this yesterday. About 10 days ago a general told us the city was mostly in Nusra's hands.

QUESTION: Are the lines fluid?

MR SPOKESMAN: They are, and we have said so.

By 7:00 am on the morning of May 6 the town had fallen. The truce for Aleppo had been agreed the day before. Thirteen hours later at that day's briefing nobody mentioned the town.

The fighting went on.";

fn at(phrase: &str) -> Span {
    let s = REPORT.find(phrase).unwrap_or_else(|| panic!("{phrase:?} missing"));
    Span::new(s, s + phrase.len())
}

fn date_of(tl: &Timeline, sents: &[sitrep_model::Sentence], phrase: &str) -> String {
    let span = at(phrase);
    let s = sents.iter().find(|s| s.span.contains(span)).unwrap_or_else(|| panic!("{phrase:?} spans sentences"));
    tl.date_for(s.index, span).map(|r| common::show(&r)).unwrap_or_else(|| "none".into())
}

#[test]
fn triggers_get_their_governing_dates() {
    let sents = common::sentences(REPORT);
    let tl = Timeline::build(REPORT, &sents, Some(PartialDate::ymd(2016, 5, 8)));
    let rows: &[(&str, &str)] = &[
        ("set up", "2015-03 month"),
        ("drove government troops", "2015-03-24..2015-04-25 day"),
        ("pressed on", "2015-05..2015-07 month"),
        // Carried into the next paragraph at month precision.
        ("quarrelled", "2015-05 month"),
        ("walked out", "2015-10 month"),
        // Next paragraph: month precision; the one after: nothing.
        ("kept their distance", "2015-10 month"),
        ("told a newspaper", "2016-05-02 day"),
        ("posted a poster", "2016-05-03 day"),
        // Same paragraph: carried at day precision.
        ("took note", "2016-05-03 day"),
        ("stormed", "2016-05-05 day"),
        ("the road to the town was cut", "2016-05-05 day"),
        ("the garrison was surrounded", "2016-05-05 day"),
        ("the spokesman said", "2016-05-05 day"),
        // Inside the quote, deictic expressions count from the briefing.
        ("I talked about this", "2016-05-04 day"),
        ("a general told us", "2016-04-25 day"),
        ("We are watching", "2016-05-05 day"),
        ("had fallen", "2016-05-06T07:00 hour"),
        ("had been agreed", "2016-05-05 day"),
        ("nobody mentioned", "2016-05-06T20:00 hour"),
        ("went on", "2016-05 month"),
    ];
    let mut failures = Vec::new();
    for (phrase, want) in rows {
        let got = date_of(&tl, &sents, phrase);
        if got != *want {
            failures.push(format!("{phrase:?}: want {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn speech_blocks_carry_the_briefing_date_and_leave_the_narrative_alone() {
    let sents = common::sentences(REPORT);
    let tl = Timeline::build(REPORT, &sents, Some(PartialDate::ymd(2016, 5, 8)));
    let spoken = |phrase: &str| {
        let span = at(phrase);
        let s = sents.iter().find(|s| s.span.contains(span)).expect("sentence");
        tl.speech_date(s.index).map(|r| to_range(&r).start)
    };
    assert_eq!(spoken("We are watching").as_deref(), Some("2016-05-05"));
    assert_eq!(spoken("Are the lines fluid").as_deref(), Some("2016-05-05"));
    assert_eq!(spoken("They are, and we have said so").as_deref(), Some("2016-05-05"));
    assert_eq!(spoken("stormed"), None);
}

#[test]
fn empty_and_dateless_documents() {
    let tl = Timeline::build("", &[], None);
    assert_eq!(tl.date_for(0, Span::new(0, 0)), None);
    let text = "Rebels shelled the district. The army answered.";
    let sents = common::sentences(text);
    let tl = Timeline::build(text, &sents, Some(PartialDate::ymd(2016, 5, 8)));
    assert_eq!(tl.date_for(1, Span::new(29, 35)), None);
}

#[test]
fn wire_copy_keeps_the_day_into_the_next_one_sentence_paragraph() {
    let text = "Israeli strikes hit a camp in Rafah on Sunday night, health officials said.\n\n\
                The military said it had targeted a Hamas compound.\n\n\
                Egypt condemned the strike.";
    let sents = common::sentences(text);
    let tl = Timeline::build(text, &sents, Some(PartialDate::ymd(2024, 5, 27)));
    let date = |phrase: &str| {
        let s0 = text.find(phrase).expect("phrase");
        let span = Span::new(s0, s0 + phrase.len());
        let s = sents.iter().find(|s| s.span.contains(span)).expect("sentence");
        tl.date_for(s.index, span).map(|r| common::show(&r)).unwrap_or_else(|| "none".into())
    };
    assert_eq!(date("targeted"), "2024-05-26 day");
    // Two paragraphs on, nothing is carried.
    assert_eq!(date("condemned"), "none");
}

/// The date of the trigger `phrase` in `text`, published on `published`.
fn trigger_date(text: &str, published: PartialDate, phrase: &str) -> String {
    let sents = common::sentences(text);
    let tl = Timeline::build(text, &sents, Some(published));
    let s0 = text.find(phrase).expect("phrase");
    let span = Span::new(s0, s0 + phrase.len());
    let s = sents.iter().find(|s| s.span.contains(span)).expect("sentence");
    tl.date_for(s.index, span).map(|r| common::show(&r)).unwrap_or_else(|| "none".into())
}

#[test]
fn weekdays_after_a_background_paragraph_count_from_publication() {
    // Published Friday 5 January 2024.
    let text = "The alliance launched its offensive on Oct. 27, 2023.\n\n\
                On Tuesday, an air strike hit a village in Sagaing region.";
    assert_eq!(trigger_date(text, PartialDate::ymd(2024, 1, 5), "air strike"), "2024-01-02 day");
    // A paragraph that sets its own date counts its weekdays from it.
    let text = "On Oct. 27, 2023, the alliance launched its offensive. On Tuesday, an air strike hit a village.";
    assert_eq!(trigger_date(text, PartialDate::ymd(2024, 1, 5), "air strike"), "2023-10-24 day");
}

#[test]
fn a_date_the_story_looks_forward_to_does_not_move_its_clock() {
    // Published Wednesday 14 February 2024.
    let text = "Department Press Briefing, February 14, 2024\n\n\
                MR MILLER: Good afternoon. We condemn the attack yesterday on Wad Madani.\n\n\
                Second, the Secretary will travel to Munich on Friday, where he will meet President Zelensky.\n\n\
                QUESTION: Israel struck Rafah overnight. Does the United States support a ground operation?";
    assert_eq!(trigger_date(text, PartialDate::ymd(2024, 2, 14), "struck"), "2024-02-14 day");
}

#[test]
fn a_span_counted_from_an_event_the_text_names_lands_no_later_than_publication() {
    // "More than a year after X": counted from the RSF's capture, not from the running date,
    // which would put the recapture a year after the story was published.
    let text = "The Sudanese army says it has recaptured Wad Madani, more than a year after the paramilitary Rapid Support Forces seized the city.";
    let got = trigger_date(text, PartialDate::ymd(2025, 1, 11), "recaptured");
    assert!(!got.starts_with("2026"), "{got}");
    // A count forward from a date the story gives still resolves.
    let text = "The army entered the city on 2 May 2024. Two days later it reached the airport.";
    assert_eq!(trigger_date(text, PartialDate::ymd(2025, 1, 11), "reached"), "2024-05-04 day");
}

#[test]
fn overnight_is_the_night_before_filing_unless_the_paragraph_set_another_day() {
    // Published Thursday 13 March 2025.
    let text = "Fighting went on near Pokrovsk.\n\nUkrainian drones struck an oil refinery in Ryazan overnight, a source said.";
    assert_eq!(trigger_date(text, PartialDate::ymd(2025, 3, 13), "struck"), "2025-03-13 day");
    let text = "On 5 May 2024 the army entered the town. Overnight, jets struck its outskirts.";
    assert_eq!(trigger_date(text, PartialDate::ymd(2025, 3, 13), "struck"), "2024-05-05 day");
}

#[test]
fn a_relative_clause_dates_what_it_tells_not_the_clause_it_hangs_on() {
    let text = "Fighting went on.\n\nUkrainian forces were withdrawing from parts of the Kursk region, where they have held ground since August 2024, analysts said.";
    let got = trigger_date(text, PartialDate::ymd(2025, 3, 13), "withdrawing");
    assert!(!got.starts_with("2024-08"), "{got}");
}

#[test]
fn an_earlier_date_in_a_restrictive_relative_clause_neither_dates_the_main_verb_nor_moves_the_clock() {
    // Published Tuesday 11 June 2024; the vote was on Monday.
    let text = "The Security Council on Monday adopted a resolution on Gaza.\n\n\
                The resolution calls on Hamas to accept the deal that Biden outlined on May 31, and urges both sides to implement it. \
                Hamas welcomed the resolution.";
    assert_eq!(trigger_date(text, PartialDate::ymd(2024, 6, 11), "urges"), "2024-06-10 day");
    assert_eq!(trigger_date(text, PartialDate::ymd(2024, 6, 11), "welcomed"), "2024-06-10 day");
    assert_eq!(trigger_date(text, PartialDate::ymd(2024, 6, 11), "outlined"), "2024-05-31 day");
    // A cleft is no relative clause: its date is the sentence's own.
    let text = "It was this coalition that on 24 March 2015 drove the army out of Idlib.";
    assert_eq!(trigger_date(text, PartialDate::ymd(2016, 5, 8), "drove"), "2015-03-24 day");
}
