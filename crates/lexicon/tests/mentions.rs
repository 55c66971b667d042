//! Mention rules on short texts written for these tests, one row per rule,
//! plus property tests: matching never panics and spans stay in bounds.

use proptest::prelude::*;
use sitrep_lexicon::{whole_text_segmentation, Lexicon};

/// Render mentions as `surface=id/rule[/sector]` for compact expectations.
fn render(text: &str) -> Vec<String> {
    let lex = Lexicon::embedded();
    let seg = whole_text_segmentation(text);
    lex.mentions(text, &seg)
        .into_iter()
        .map(|m| {
            let mut s = format!("{}={}/{}", m.span.slice(text), m.actor.as_deref().unwrap_or("?"), m.rule);
            if let Some(sec) = m.sector {
                s.push('/');
                s.push_str(&sec);
            }
            s
        })
        .collect()
}

#[test]
fn mention_rules() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Russian and Syrian air forces struck Ariha as the Russians denied it.",
            &[
                "Russian=russia/demonym/air force",
                "Syrian air forces=syria_arab_air_force/alias",
                "Russians=russia/demonym",
            ],
        ),
        (
            "Turkish troops crossed at Jarablus while Iranian officials met with Tehran.",
            &[
                "Turkish troops=turkish_armed_forces/alias",
                "Iranian officials=iran/demonym/government",
                "Tehran=iran/alias",
            ],
        ),
        ("Damascus said the talks were over.", &["Damascus=syria/alias"]),
        // A longer key that ends inside the next word ("iran armi", Iran Army,
        // in "Iran armed") does not hide the name before it.
        ("Iran armed the Houthis.", &["Iran=iran/alias", "Houthis=houthis/alias"]),
        // After a locative word a capital is the city, a place for the gazetteer.
        ("Iranian officials met in Tehran; jets struck near Khartoum.", &["Iranian officials=iran/demonym/government"]),
        (
            "In Kyiv, Ukrainian officials said Moscow had rejected the plan.",
            &["Ukrainian officials=ukraine/demonym/government", "Moscow=russia/alias"],
        ),
        // A bare side before what it holds: "army posts", "rebel-held".
        (
            "Sudan's army said RSF fighters seized the local army garrison and shelled government-held areas.",
            &[
                "Sudan's army=sudanese_armed_forces/alias",
                "RSF fighters=rapid_support_forces/alias",
                "army=sudanese_armed_forces/generic/military",
                "government=sudanese_armed_forces/generic/military",
            ],
        ),
        ("The army said it had retaken the town.", &["The army=syria/generic/military"]),
        // What a side fires or flies names the side too.
        ("Government artillery shelled Idlib as rebel drones hit the airport.", &["rebel=syrian_opposition/generic"]),
        (
            "MR TONER: We call on the regime and pro-government forces to stop.",
            &[
                "MR TONER=mark_toner/title",
                "the regime=syria/generic/government",
                "pro-government forces=syria/generic/military",
            ],
        ),
        ("Mr. Kirby later said it again.", &["Mr. Kirby=john_kirby/title"]),
        (
            "John Kirby spoke first. Then Kirby took questions and John answered.",
            &["John Kirby=john_kirby/alias", "Kirby=john_kirby/alias", "John=john_kirby/first-name"],
        ),
        // Part of a hyphenated word that names no actor; "Iran-backed" still names Iran.
        (
            "Anti-government forces hit facilities of the military-industrial complex; Iran-backed militias fired.",
            &["Iran=iran/alias"],
        ),
        // A first name or surname inside another person's longer name is no mention of the first.
        (
            "President Hassan Sheikh Mohamud spoke. Police spokesman Abdifatah Aden Hassan told reporters.",
            &[
                "President Hassan Sheikh Mohamud=hassan_sheikh_mohamud/alias",
                "Abdifatah Aden Hassan=?/unknown-candidate",
            ],
        ),
        (
            "Ahrar ash-Sham and Jaysh al-Islam fought on; Ahrar lost men.",
            &[
                "Ahrar ash-Sham=ahrar_al_sham/alias",
                "Jaysh al-Islam=jaish_al_islam/alias",
                "Ahrar=ahrar_al_sham/short-form",
            ],
        ),
        (
            "The SDF joined the fight. The coalition struck Raqqa.",
            &["SDF=sdf/alias", "The coalition=sdf/coalition-anaphor"],
        ),
        (
            "The Cessation of Hostilities began in February; the truce did not hold.",
            &["The Cessation of Hostilities=coh_2016/alias", "the truce=coh_2016/generic"],
        ),
        (
            "Jabhat al-Nusrah fighters and al-Nusra's allies",
            &["Jabhat al-Nusrah=nusra_front/alias", "al-Nusra=nusra_front/alias"],
        ),
        ("Let us go. It is late. The US is there.", &["US=united_states/alias"]),
        ("the crisis in Iraq and Iran", &["Iraq=iraq/alias", "Iran=iran/alias"]),
        (
            "Liwa Suqur al-Jabal fighters and Ahrar al-Sham commander Abu Yazid Taftanaz",
            &[
                "Liwa Suqur al-Jabal=?/unknown-candidate",
                "Ahrar al-Sham=ahrar_al_sham/alias",
                "Abu Yazid Taftanaz=?/unknown-candidate",
            ],
        ),
        // Douma, the town in Eastern Ghouta, folds like the Duma: only the
        // parliament's fuller names are its aliases.
        ("Government aircraft struck Douma on Sunday.", &["Government aircraft=syria/generic/air force"]),
        (
            "The Duma passed the bill; the State Duma meets again in May.",
            &["The Duma=russia_federal_assembly/alias", "State Duma=russia_federal_assembly/alias"],
        ),
        (
            "The Hamza Brigade and the Mountain Hawks Brigade",
            &["Hamza Brigade=?/unknown-candidate", "Mountain Hawks Brigade=?/unknown-candidate"],
        ),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = render(text);
        if got != *want {
            failures.push(format!("{text:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mentions_stay_inside_sentences() {
    let text = "Title about Hezbollah\n\nHezbollah fighters moved.";
    let lex = Lexicon::embedded();
    let mut seg = sitrep_text::segment_text(text, &[]);
    seg.sentences.retain(|s| s.span.start > 10);
    let got = lex.mentions(text, &seg);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].span.slice(text), "Hezbollah fighters");
}

#[test]
fn role_at_picks_the_dated_role() {
    use sitrep_model::PartialDate;
    let lex = Lexicon::embedded();
    let toner = lex.get("mark_toner").expect("Toner is in the lexicon");
    let role = toner.role_at(PartialDate::ymd(2016, 5, 5)).expect("a role in May 2016");
    assert!(role.title.contains("spokesperson"), "{}", role.title);
    let kirby = lex.get("john_kirby").expect("Kirby is in the lexicon");
    assert_eq!(kirby.role_at(PartialDate::y(2014)).map(|r| r.org.as_deref()), Some(Some("us_department_of_defense")));
    assert_eq!(
        kirby.role_at(PartialDate::ymd(2016, 4, 25)).map(|r| r.org.as_deref()),
        Some(Some("us_state_department"))
    );
    assert!(kirby.role_at(PartialDate::y(2005)).is_none());
    let rec = kirby.to_record();
    assert_eq!((rec.id.as_str(), rec.aliases[0].as_str()), ("john_kirby", "John Kirby"));
}

#[test]
fn petrarch_dictionaries_import() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch");
    if !dir.join("Phoenix.MilNonState.actors.txt").exists() {
        eprintln!("note: shared PETRARCH dictionaries absent, skipping");
        return;
    }
    let lex = Lexicon::import_petrarch_dir(&dir).expect("Phoenix dictionaries parse");
    let imported = lex.entities().iter().filter(|e| e.id.starts_with("phx_")).count();
    assert!(imported > 10_000, "imported {imported}");
    // Curated entities keep their keys; imported ones fill gaps.
    assert_eq!(lex.resolve("Jabhat al-Nusra").map(|e| e.id.as_str()), Some("nusra_front"));
    let hazm = lex.resolve("Hazm Movement").map(|e| e.id.as_str());
    assert_eq!(hazm, Some("harakat_hazm"));
    let e = lex.get("phx_jund_al_aqsa").expect("Jund al-Aqsa root from the Phoenix file");
    assert_eq!(e.cameo.as_deref(), Some("SYRREBMUS"));
}

#[test]
fn user_directories_extend_the_lexicon() {
    let dir = std::env::temp_dir().join(format!("sitrep-lexicon-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("extra.toml"),
        "[[entity]]\nid = \"liwa_suqur_al_jabal\"\nname = \"Liwa Suqur al-Jabal\"\ntype = \"group\"\ncountry = \"SYR\"\n",
    )
    .expect("write");
    let lex = Lexicon::from_dirs(&[dir.as_path()]).expect("extra dir loads");
    assert_eq!(lex.resolve("Liwa Suqour al-Jabal").map(|e| e.id.as_str()), Some("liwa_suqur_al_jabal"));
    std::fs::write(dir.join("extra.toml"), "[[entity]]\nid = 3\n").expect("write");
    let err = Lexicon::from_dirs(&[dir.as_path()]).expect_err("bad file");
    assert!(err.to_string().starts_with("invalid lexicon file") && err.to_string().contains("extra.toml"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn matching_never_panics(text in "(\\PC|Jaish al-|Ahrar |US |Mr |the regime |Syrian |forces |\\.|’s ){0,40}") {
        let lex = Lexicon::embedded();
        let seg = whole_text_segmentation(&text);
        let ms = lex.mentions(&text, &seg);
        let mut last = 0;
        for m in &ms {
            prop_assert!(m.span.start >= last && m.span.start < m.span.end && m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            last = m.span.end;
        }
    }
}

#[test]
fn a_surname_after_another_given_name_is_another_person() {
    // "Kerry" is John Kerry, but not after "Bob"; a weekday or a title before it changes nothing.
    let got = render(
        "Senator Bob Kerry said the commission had not cleared anyone. On Monday Kerry said talks would resume.",
    );
    assert!(got.iter().all(|m| !m.starts_with("Kerry=john_kerry") || !m.contains("Bob")), "{got:?}");
    assert_eq!(got.iter().filter(|m| m.starts_with("Kerry=john_kerry")).count(), 1, "{got:?}");
    let got = render("Secretary Kerry met Foreign Minister Lavrov in Geneva.");
    assert!(got.iter().any(|m| m.ends_with("=john_kerry/alias") || m.contains("john_kerry")), "{got:?}");
}
