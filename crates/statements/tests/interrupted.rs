//! Interrupted answers in briefing transcripts: an answer cut off by a short
//! interjection and then resumed by the same speaker is one statement; an
//! answer cut off by a new question is not joined to the answer to that
//! question. The transcripts are written for these tests.

use sitrep_model::{DocMeta, Document, PartialDate, Segmentation, Statement};
use sitrep_statements::{extract, is_substantive, SpeakerTable};

fn people() -> SpeakerTable {
    SpeakerTable::new().with(
        "ned_price",
        "Ned Price",
        Some(("State Department spokesperson", Some("2021-01-20"), Some("2023-03-31"))),
    )
}

/// Every statement of a primary transcript published on `published`.
fn statements_on(text: &str, published: PartialDate) -> Vec<Statement> {
    let doc = Document {
        id: "t".into(),
        meta: DocMeta { published: Some(published), primary: true, ..DocMeta::default() },
        text: text.into(),
        removed: vec![],
    };
    extract(&doc, &Segmentation::default(), &[], &people())
}

fn answers(text: &str) -> Vec<Statement> {
    statements_on(text, PartialDate::ymd(2022, 3, 9))
        .into_iter()
        .filter(|s| s.form == "turn" && is_substantive(s))
        .collect()
}

#[test]
fn an_answer_resumed_after_a_remark_is_one_statement() {
    let text = "MR PRICE: The humanitarian corridors out of Mariupol have to be respected, and we have \
                conveyed that to Moscow. What we have seen instead is —\n\n\
                QUESTION: Shelling of the buses, you mean.\n\n\
                MR PRICE: — shelling along the very routes that were agreed the night before.\n\n\
                QUESTION: On another subject, is there any date for the talks in Antalya?\n\n\
                MR PRICE: We expect the foreign ministers to meet on Thursday.\n";
    let a = answers(text);
    assert_eq!(a.len(), 2, "{a:#?}");
    assert!(a[0].text.contains("What we have seen instead is"));
    assert!(a[0].text.contains("shelling along the very routes"));
    assert!(!a[0].text.contains("Shelling of the buses"), "the interjection stays the journalist's");
    assert_eq!(a[0].provenance.rule, "turn-resumed");
    assert_eq!(a[0].date.as_deref(), Some("2022-03-09"));
    assert!(a[1].text.starts_with("We expect the foreign ministers"));
}

#[test]
fn a_floor_claim_keeps_the_answer_open() {
    let text = "MR PRICE: Our position is that any agreement must include the withdrawal of forces from \
                the areas seized since February, and that it be verified —\n\n\
                QUESTION: Verified by whom —\n\n\
                MR PRICE: Let me finish, let me finish.\n\n\
                QUESTION: — the OSCE?\n\n\
                MR PRICE: No, let me finish. Verified by monitors both sides accept.\n";
    let a = answers(text);
    assert_eq!(a.len(), 1, "{a:#?}");
    assert!(a[0].text.contains("Verified by monitors both sides accept."));
}

#[test]
fn a_new_question_after_a_cut_off_answer_starts_a_new_statement() {
    let text = "MR PRICE: We have been clear about the consequences, and the sanctions we announced are —\n\n\
                QUESTION: Can you say whether the Secretary will travel to Warsaw this week?\n\n\
                MR PRICE: He will be in Warsaw on Saturday to meet the Polish foreign minister.\n";
    let a = answers(text);
    assert_eq!(a.len(), 2, "{a:#?}");
    assert!(a[1].text.starts_with("He will be in Warsaw"));
}

#[test]
fn a_long_interjection_is_not_crossed() {
    let text = "MR PRICE: The convoy reached the outskirts of the city, but then —\n\n\
                QUESTION: But the reports from the city council say the convoy was turned back at the last \
                checkpoint and that the drivers were held for hours by soldiers who would not let them through.\n\n\
                MR PRICE: And we are looking into those reports with our partners on the ground.\n";
    let a = answers(text);
    assert_eq!(a.len(), 2, "{a:#?}");
}

/// Institutions speak in their own name in wire copy: "Ukraine's military
/// said", "the defence ministry said". (Kept with the transcript tests: both
/// are about who a statement belongs to.)
#[test]
fn institutions_are_speakers() {
    let text = "Sudan's army said its forces had repelled an attack on El Fasher on Sunday.\n\n\
                The defence ministry said it had sent reinforcements to the city.\n";
    let doc = Document {
        id: "w".into(),
        meta: DocMeta { published: Some(PartialDate::ymd(2024, 6, 3)), ..DocMeta::default() },
        text: text.into(),
        removed: vec![],
    };
    let got: Vec<(String, String)> = extract(&doc, &Segmentation::default(), &[], &people())
        .into_iter()
        .map(|s| (s.role.unwrap_or_default(), s.text))
        .collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(got[0].0, "Sudan's army");
    assert!(got[0].1.starts_with("its forces had repelled"));
    assert_eq!(got[1].0, "defence ministry");
    assert!(got[1].1.starts_with("it had sent reinforcements"));
}

#[test]
fn a_label_the_lexicon_lacks_takes_the_full_name_the_transcript_gives() {
    let text = "Press Briefing by Press Secretary Ned Price and Deputy National Security Advisor Ben Rhodes\n\n\
                MR RHODES: The President raised the situation in Yemen with the leaders this morning.\n\n\
                QUESTION: Did Mr. Rhodes discuss the missile program?\n\n\
                MR RHODES: We discussed it at length, and the Gulf partners share our concerns.\n\n\
                MR PRICE: Thanks, Ben.\n\n\
                MS OKAFOR: And I will take one last question on the sanctions.\n";
    let a = answers(text);
    let speakers: Vec<&str> = a.iter().map(|s| s.speaker.as_str()).collect();
    // Rhodes is named in full in the title; Okafor is never named with a
    // forename and stays as labelled; Price is the lexicon's.
    assert_eq!(speakers, ["Ben Rhodes", "Ben Rhodes", "Ned Price", "MS OKAFOR"], "{a:#?}");
}

#[test]
fn a_role_label_is_the_person_the_transcript_introduces_in_that_role() {
    let text = "Noon briefing by Amira Haddad, Spokeswoman for the Secretary-General\n\n\
                Spokeswoman: Our colleagues report heavy shelling around the camp since Sunday.\n\n\
                Question: Has the envoy met the two commanders this week?\n\n\
                Spokeswoman: He met both of them in Port Sudan on Monday, and the talks will go on.\n";
    let all = statements_on(text, PartialDate::ymd(2024, 6, 12));
    let turns: Vec<&Statement> = all.iter().filter(|s| s.form == "turn").collect();
    assert_eq!(turns.len(), 2, "{all:#?}");
    assert!(turns.iter().all(|s| s.speaker == "Amira Haddad"), "{all:#?}");
}

#[test]
fn speech_a_turn_reports_takes_the_turns_day() {
    let text = "Noon briefing, 12 June 2024\n\n\
                Spokeswoman: The Rapid Support Forces have denied that their fighters were involved in the raid.\n";
    let all = statements_on(text, PartialDate::ymd(2024, 6, 12));
    let reported: Vec<&Statement> = all.iter().filter(|s| s.form == "reported").collect();
    assert!(!reported.is_empty(), "{all:#?}");
    assert!(reported.iter().all(|s| s.date.as_deref() == Some("2024-06-12")), "{all:#?}");
}
