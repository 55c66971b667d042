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

#[test]
fn a_body_named_with_its_article_after_a_quotation_speaks_it() {
    let s = statements("\"There will be no talks with a rebel militia,\" the army said in a post on Facebook.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].form, "direct");
    assert!(s[0].text.starts_with("There will be no talks"), "{s:#?}");
    assert!(s[0].speaker.contains("army"), "{s:#?}");
    // The channel named before "that" does not hide the reported clause.
    let s = statements("The army said in a post on Facebook that it would not negotiate.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].text, "it would not negotiate");
}

#[test]
fn asides_after_the_subject_do_not_hide_it() {
    let s = statements(
        "The RSF, led by General Mohamed Hamdan Dagalo, known as Hemedti, said in a statement that its fighters \
         had repelled an attack on the palace.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "RSF");
    assert!(s[0].text.starts_with("its fighters had repelled"), "{s:#?}");
}

#[test]
fn a_bare_clause_after_said_may_open_with_an_article() {
    let s = statements("Blinken said a U.S. diplomatic convoy had been fired on in Khartoum.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "Blinken");
    assert!(s[0].text.starts_with("a U.S. diplomatic convoy"), "{s:#?}");
}

#[test]
fn a_surname_alone_is_the_person_named_in_full_before() {
    let s = statements(
        "UN envoy Volker Perthes told reporters that both sides had agreed to a pause.\n\n\"Neither party has \
         respected its commitments,\" Perthes said.\n",
    );
    assert_eq!(s.len(), 2, "{s:#?}");
    assert!(s.iter().all(|x| x.speaker == "Volker Perthes"), "{s:#?}");
}

#[test]
fn a_title_between_a_quotation_and_its_speaker_is_the_speakers() {
    let s = statements(
        "\"Russia cannot claim not to know where its missiles fly,\" President Volodymyr Zelensky said in a post on Telegram.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "Volodymyr Zelensky");
    assert_eq!(s[0].form, "direct");
}

#[test]
fn an_abbreviation_in_parentheses_before_the_verb_is_an_aside() {
    let s = statements(
        "The Security Service of Ukraine (SBU) said that fragments found at the hospital belonged to a cruise missile.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0].speaker.starts_with("Security Service of Ukraine"), "{s:#?}");
}

#[test]
fn a_reported_clause_may_open_with_a_plural_noun() {
    let s = statements("The SBU said fragments found at the hospital belonged to a Kh-101 cruise missile.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0].text.starts_with("fragments found"), "{s:#?}");
    // Nor does a time phrase after the verb open one.
    let s = statements("The ministry said days later it had no comment on the report.\n");
    assert!(s.iter().all(|x| !x.text.starts_with("days")), "{s:#?}");
}

#[test]
fn the_second_verb_of_one_subject_speaks_for_it() {
    let s = statements(
        "Russia's Defense Ministry denied targeting civilian sites and claimed that the damage was caused by a Ukrainian air defense missile.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0].speaker.contains("Defense Ministry"), "{s:#?}");
    assert!(s[0].text.starts_with("the damage"), "{s:#?}");
}

#[test]
fn a_relative_aside_after_an_organisation_is_skipped() {
    let s = statements("Médecins Sans Frontières, which supported the hospital, said that fighters looted it.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "Médecins Sans Frontières");
}

#[test]
fn a_name_the_lexicon_found_around_the_speakers_capitals_is_the_speaker() {
    use sitrep_model::{Mention, Span};
    let text = "Soldiers executed some 500 people in Moura in March 2022, according to the UN human rights office.\n";
    let at = text.find("UN human").unwrap();
    let end = text.find(" office").unwrap() + " office".len();
    let mentions = [Mention {
        span: Span::new(at, end),
        actor: Some("ohchr".into()),
        name: "Office of the UN High Commissioner for Human Rights".into(),
        rule: "alias".into(),
        sector: None,
    }];
    let doc = Document { id: "t".into(), meta: DocMeta::default(), text: text.into(), removed: vec![] };
    let table = SpeakerTable::new().with("kim_jong_un", "Kim Jong Un", None);
    let s = extract(&doc, &Segmentation::default(), &mentions, &table);
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "Office of the UN High Commissioner for Human Rights", "{s:#?}");
    assert_eq!(s[0].speaker_id.as_deref(), Some("ohchr"));
}

#[test]
fn a_date_inside_what_was_said_is_not_when_it_was_said() {
    let s = statements("The MNDAA said in a statement that more than 2,000 soldiers had surrendered on Thursday.\n");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].date.as_deref(), Some("2016-10-03"), "{s:#?}");
    // A date outside the reported clause still dates the saying.
    let s = statements("The MNDAA said on Sunday that soldiers had surrendered on Thursday.\n");
    assert_eq!(s[0].date.as_deref(), Some("2016-10-02"), "{s:#?}");
}

#[test]
fn speech_in_the_present_is_dated_by_publication() {
    let s = statements(
        "The army retook the town on September 12.\n\nThe government says it will \"not negotiate with terrorists\".\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].date.as_deref(), Some("2016-10-03"), "{s:#?}");
    // In the past, the story's running date stands.
    let s = statements("The army retook the town on September 12.\n\nThe government said it would not negotiate.\n");
    assert_eq!(s[0].date.as_deref(), Some("2016-09-12"), "{s:#?}");
}

#[test]
fn a_weekday_after_background_dates_counts_from_publication() {
    // Published Monday 3 October 2016: "Wednesday" is 28 September, not the Wednesday before 12 September.
    let s = statements(
        "The offensive began on September 12.\n\nThe United Nations said on Wednesday that 300,000 people had fled.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].date.as_deref(), Some("2016-09-28"), "{s:#?}");
    // A paragraph that set its own date counts its weekdays from it.
    let s = statements(
        "On September 12, the offensive began. On Wednesday, the United Nations said that 300,000 people had fled.\n",
    );
    assert_eq!(s[0].date.as_deref(), Some("2016-09-07"), "{s:#?}");
}

#[test]
fn words_told_to_the_publishing_outlet_are_dated_by_publication() {
    let text = "The offensive began on September 12.\n\n\
                \"We will not stop until the dictatorship is gone,\" spokesman Khine Thu Kha told Reuters by phone.\n";
    let doc = |outlet: &str| Document {
        id: "t".into(),
        meta: DocMeta {
            published: Some(PartialDate::ymd(2016, 10, 3)),
            outlet: Some(outlet.into()),
            ..DocMeta::default()
        },
        text: text.into(),
        removed: vec![],
    };
    let s = extract(&doc("Reuters"), &Segmentation::default(), &[], &SpeakerTable::new());
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].date.as_deref(), Some("2016-10-03"), "{s:#?}");
    // Told to another outlet: the story's running date stands.
    let s = extract(&doc("Al Jazeera"), &Segmentation::default(), &[], &SpeakerTable::new());
    assert_eq!(s[0].date.as_deref(), Some("2016-09-12"), "{s:#?}");
}

#[test]
fn a_titled_name_after_the_clause_it_reports_speaks_it() {
    for (text, speaker) in [
        (
            "A suicide bomber blew himself up at the entrance of the beach, police spokesman Abdifatah Aden Hassan told reporters.\n",
            "Abdifatah Aden Hassan",
        ),
        ("Gunmen opened fire on people at the beach, spokesman John Kirby said.\n", "John Kirby"),
        ("The police spokesman, Ali Hassan, said that gunmen opened fire on the crowd.\n", "Ali Hassan"),
    ] {
        let s = statements(text);
        assert_eq!(s.len(), 1, "{text:?}: {s:#?}");
        assert_eq!(s[0].speaker, speaker, "{s:#?}");
        assert!(s[0].role.as_deref().is_some_and(|r| r.contains("spokesman")), "{s:#?}");
    }
}

#[test]
fn a_hyphenated_title_in_apposition_leaves_the_name_the_speaker() {
    let s = statements(
        "Rosemary DiCarlo, Under-Secretary-General for Political and Peacebuilding Affairs, told the Council that the attacks had destroyed several plants.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "Rosemary DiCarlo", "{s:#?}");
}

#[test]
fn a_date_inside_what_was_said_does_not_move_the_storys_clock() {
    // Published 3 October 2016: the briefing of that day, not the attacks of 22 September.
    let s = statements(
        "The envoy told the Council today that the attacks on 22 September had destroyed several plants.\n\n\
         Ambassador Vassily Nebenzia said Russian forces had struck only military targets.\n",
    );
    let nebenzia = s.iter().find(|x| x.speaker.contains("Nebenzia")).expect("Nebenzia");
    assert_eq!(nebenzia.date.as_deref(), Some("2016-10-03"), "{s:#?}");
}

#[test]
fn a_surname_turn_label_is_the_person_the_transcript_named_in_full() {
    // The lexicon knows another Singh; the transcript introduced its own.
    let doc = Document {
        id: "t".into(),
        meta: DocMeta { published: Some(PartialDate::ymd(2024, 2, 5)), ..DocMeta::default() },
        text: "DEPUTY PENTAGON PRESS SECRETARY SABRINA SINGH: Good afternoon, everyone. I have one announcement.\n\n\
               Q: Were the strikes effective?\n\n\
               MS. SINGH: We are still assessing the damage.\n"
            .into(),
        removed: vec![],
    };
    let people = SpeakerTable::new().with(
        "rajnath_singh",
        "Rajnath Singh",
        Some(("Minister of Defence of India", Some("2019-05-31"), None)),
    );
    let s = extract(&doc, &Segmentation::default(), &[], &people);
    let answers: Vec<&Statement> = s.iter().filter(|x| x.form == "turn").collect();
    assert_eq!(answers.len(), 2, "{s:#?}");
    for a in answers {
        assert_eq!(a.speaker, "Sabrina Singh", "{a:#?}");
        assert_eq!(a.speaker_id, None);
        // The label's words before the name are the speaker's title.
        assert_eq!(a.role.as_deref(), Some("Deputy Pentagon Press Secretary"), "{a:#?}");
    }
}

#[test]
fn an_attribution_that_goes_on_adding_more_gives_both_clauses() {
    let s = statements(
        "Army units entered the city from the east, military spokesman Nabil Abdullah said in a statement, adding that troops were clearing the last pockets of fighters.\n",
    );
    let texts: Vec<&str> = s.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Army units entered the city from the east", "troops were clearing the last pockets of fighters"],
        "{s:#?}"
    );
    assert!(s.iter().all(|x| x.speaker == "Nabil Abdullah"), "{s:#?}");
}

#[test]
fn an_earlier_date_in_a_relative_clause_does_not_date_the_speech_after_it() {
    // Published Monday 3 October 2016.
    let s = statements(
        "The council on Sunday adopted a text that backs the truce that both sides agreed on September 9. \
         The Syrian government said it was ready to abide by it.\n",
    );
    let said = s.iter().find(|s| s.speaker.contains("Syrian government")).expect("the government's statement");
    // The vote's day or the story's, not the day the truce was agreed.
    assert!(matches!(said.date.as_deref(), Some("2016-10-02" | "2016-10-03")), "{s:#?}");
}

/// Statements with the embedded lexicon's mentions, as the pipeline runs them.
fn with_mentions(text: &str) -> Vec<Statement> {
    let doc = Document {
        id: "t".into(),
        meta: DocMeta { published: Some(PartialDate::ymd(2024, 8, 12)), ..DocMeta::default() },
        text: text.into(),
        removed: vec![],
    };
    let seg = sitrep_text::segment(&doc);
    let mentions = sitrep_lexicon::Lexicon::embedded().mentions(&doc.text, &seg);
    extract(&doc, &seg, &mentions, &SpeakerTable::new())
}

fn who_said(s: &[Statement]) -> Vec<(String, String)> {
    s.iter().map(|s| (s.speaker.clone(), s.text.clone())).collect()
}

#[test]
fn a_name_set_off_after_a_role_is_the_speaker_and_the_role_is_not_what_was_said() {
    let s = statements(
        "Ukrainian troops control part of the Kursk region, the commander of Ukraine's armed forces, Oleksandr Syrskyi, said on Monday.\n\n\
         Iran's foreign minister, Abbas Araghchi, said Tehran would support the government.\n\n\
         A junta spokesman, Major General Zaw Min Tun, acknowledged that contact with Lashio had been lost.\n",
    );
    let got = who_said(&s);
    let want = [
        ("Oleksandr Syrskyi", "Ukrainian troops control part of the Kursk region"),
        ("Abbas Araghchi", "Tehran would support the government"),
        ("Zaw Min Tun", "contact with Lashio had been lost"),
    ];
    for (who, what) in want {
        assert!(got.iter().any(|(w, t)| w == who && t == what), "{who}: {got:#?}");
    }
    // "said Tehran would ...": the name after the verb begins what was said.
    assert!(got.iter().all(|(w, _)| w != "Tehran" && w != "Iran"), "{got:#?}");
}

#[test]
fn short_names_of_bodies_named_before_are_those_bodies() {
    let s = with_mentions(
        "The United Nations Security Council met on Monday.\n\n\
         Israel's representative at the Council said Israel's goals in Gaza had not changed.\n\n\
         In a statement, the Council said those responsible must be held accountable.\n\n\
         The Syrian Observatory for Human Rights said 300 people had been killed. Russian jets struck Idlib overnight, the monitor said.\n",
    );
    let got = who_said(&s);
    let speaker = |text: &str| got.iter().find(|(_, t)| t.starts_with(text)).map(|(w, _)| w.as_str());
    assert_eq!(speaker("Israel's goals"), Some("Israel"), "{got:#?}");
    assert_eq!(speaker("those responsible"), Some("UN Security Council"), "{got:#?}");
    assert_eq!(speaker("Russian jets"), speaker("300 people"), "{got:#?}");
    assert!(speaker("Russian jets").is_some_and(|w| w.contains("Observatory")), "{got:#?}");
}

#[test]
fn a_nickname_in_quotes_and_a_long_described_aside_leave_the_speaker_speaking() {
    let s = statements(
        "Jimmy \"Barbecue\" Cherizier, a former police officer who leads the gang alliance known as Viv Ansanm, \
         said the gangs wanted to force the prime minister to resign.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0].speaker.ends_with("Cherizier"), "{s:#?}");
    assert!(s[0].text.starts_with("the gangs wanted"), "{s:#?}");
    // A "who" aside after a name; a focusing adverb before a titled name is no aside.
    let s = statements(
        "Look, even Senator Graham, who served four years on the Judiciary Committee, has acknowledged that \
         the delay is unprecedented.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker, "Graham");
}

#[test]
fn where_it_was_said_stands_between_the_verb_and_that() {
    let s = statements(
        "Hezbollah deputy leader Naim Qassem said at a funeral in Beirut on Sunday that the group had entered a new phase.\n",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].text, "the group had entered a new phase");
}
