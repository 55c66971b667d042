//! Speech reported in a news story: who said it and when. The stories are written for these tests.

use sitrep_model::{DocMeta, Document, PartialDate, Segmentation, Statement};
use sitrep_statements::{extract, SpeakerTable};

fn statements(text: &str) -> Vec<Statement> {
    let doc = Document {
        id: "t".into(),
        meta: DocMeta { published: Some(PartialDate::ymd(2016, 10, 3)), ..DocMeta::default() },
        text: text.into(),
        removed: vec![],
    };
    extract(&doc, &Segmentation::default(), &[], &SpeakerTable::new())
}

#[test]
fn whom_something_was_told_to_is_not_who_said_it() {
    let s = statements("Abu Mohammed, a commander in the Free Syrian Army, told Reuters that rebels had advanced.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "Abu Mohammed");
    // A quotation still lets the verb come first.
    let s = statements("\"We will not stop,\" warned the minister.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0].speaker.contains("minister"), "{s:#?}");
}

#[test]
fn speech_a_story_gives_no_date_for_was_said_by_its_publication() {
    let s = statements("Fighting continued.\n\nAbu Mohammed told Reuters that rebels had advanced.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].date.as_deref(), Some("2016-10-03"));
    // A date the story gives wins.
    let s = statements("Abu Mohammed told Reuters on Sunday that rebels had advanced.\n");
    assert_eq!(s[0].date.as_deref(), Some("2016-10-02"), "{s:#?}");
}
