//! Turn labels that name an office ("THE PRESIDENT:") take the office holder of the state the
//! transcript's known speakers serve, on the turn's date. The transcripts are written for these tests.

use sitrep_model::{DocMeta, Document, PartialDate, Segmentation, Statement};
use sitrep_statements::{extract, SpeakerEntry, SpeakerRole, SpeakerTable};

fn role(title: &str, org: &str, start: &str, end: &str) -> SpeakerRole {
    SpeakerRole { title: title.into(), org: Some(org.into()), start: Some(start.into()), end: Some(end.into()) }
}

fn person(id: &str, name: &str, state: &str, roles: Vec<SpeakerRole>) -> SpeakerEntry {
    SpeakerEntry { id: id.into(), name: name.into(), aliases: Vec::new(), state: Some(state.into()), roles }
}

fn people() -> SpeakerTable {
    SpeakerTable::from_entries(vec![
        person(
            "josh_earnest",
            "Josh Earnest",
            "united_states",
            vec![role("White House press secretary", "united_states", "2014-05-30", "2017-01-20")],
        ),
        person(
            "barack_obama",
            "Barack Obama",
            "united_states",
            vec![role("President of the United States", "united_states", "2009-01-20", "2017-01-20")],
        ),
        person(
            "donald_trump",
            "Donald Trump",
            "united_states",
            vec![role("President of the United States", "united_states", "2017-01-20", "2021-01-20")],
        ),
        person(
            "vladimir_putin",
            "Vladimir Putin",
            "russia",
            vec![role("President of Russia", "russia", "2012-05-07", "2030-01-01")],
        ),
    ])
}

fn statements(text: &str, published: PartialDate) -> Vec<Statement> {
    let doc = Document {
        id: "t".into(),
        meta: DocMeta { published: Some(published), primary: true, ..DocMeta::default() },
        text: text.into(),
        removed: vec![],
    };
    extract(&doc, &Segmentation::default(), &[], &people())
}

fn turns(text: &str, published: PartialDate) -> Vec<Statement> {
    statements(text, published).into_iter().filter(|s| s.form == "turn").collect()
}

const BRIEFING: &str = "MR. EARNEST: Good afternoon, everybody. The President will make a short statement \
    on the cessation of hostilities in Syria before I take your questions. The President said on Friday \
    that the talks in Geneva must go on.\n\n\
    THE PRESIDENT: Thank you, Josh. Over the past week we have seen the violence in Aleppo \
    rise again, and we have made clear to Moscow that the cessation has to hold.\n\n\
    Q: Mr. President, is the agreement dead?\n\n\
    THE PRESIDENT: No, but it is under great strain, and I will not pretend otherwise.\n\n\
    MR. EARNEST: Thank you, Mr. President.\n";

#[test]
fn the_president_of_a_white_house_briefing_is_the_president_on_its_date() {
    let all = statements(BRIEFING, PartialDate::ymd(2016, 5, 3));
    let reported = all.iter().find(|s| s.form == "reported").expect("the President's reported words");
    assert_eq!(reported.speaker_id.as_deref(), Some("barack_obama"), "{reported:#?}");
    let t = turns(BRIEFING, PartialDate::ymd(2016, 5, 3));
    let speakers: Vec<(&str, Option<&str>)> = t.iter().map(|s| (s.speaker.as_str(), s.speaker_id.as_deref())).collect();
    assert_eq!(
        speakers,
        [
            ("Josh Earnest", Some("josh_earnest")),
            ("Barack Obama", Some("barack_obama")),
            ("Barack Obama", Some("barack_obama")),
            ("Josh Earnest", Some("josh_earnest")),
        ],
        "{t:#?}"
    );
    assert_eq!(t[1].role.as_deref(), Some("President of the United States"));
}

#[test]
fn an_office_stays_as_written_without_a_home_state_or_a_holder() {
    // No known speaker: whose president it is cannot be told.
    let alone = turns(
        "THE PRESIDENT: We will not accept a partition of the country.\n\nQ: Will you meet the envoy?\n\n\
         THE PRESIDENT: Not this week.\n",
        PartialDate::ymd(2016, 5, 3),
    );
    assert!(alone.iter().all(|s| s.speaker == "THE PRESIDENT" && s.speaker_id.is_none()), "{alone:#?}");
    // A news report has no turns: "the President said" there is nobody's president in particular.
    let report = statements(
        "The President said on Friday that the talks in Geneva must go on, according to a statement.\n",
        PartialDate::ymd(2016, 5, 3),
    );
    assert!(!report.is_empty() && report.iter().all(|s| s.speaker_id.is_none()), "{report:#?}");
    // Nobody in the table is president of the United States on this date: nothing is guessed.
    let later = turns(BRIEFING, PartialDate::ymd(2030, 6, 1));
    assert!(later.iter().all(|s| s.speaker_id.is_none() || s.speaker_id.as_deref() == Some("josh_earnest")));
    assert!(later.iter().any(|s| s.speaker == "THE PRESIDENT"), "{later:#?}");
}
