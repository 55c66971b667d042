//! Role helpers on sentences written in the style of conflict reporting:
//! the embedded model must give the right agent and patient, preposition
//! phrases, reported speech, negation and modality. One table row per
//! construction; a snapshot keeps the full parses of the same sentences
//! under review.

use sitrep_model::Span;
use sitrep_syntax::{Parse, Parser, Upos};

fn parse(text: &str) -> Parse {
    let p = Parser::embedded();
    assert!(p.is_trained(), "the embedded model did not load");
    p.parse(text, Span::new(0, text.len()))
}

fn verb(p: &Parse, lemma: &str) -> usize {
    p.tokens
        .iter()
        .position(|t| {
            (t.lemma == lemma || t.lemma.strip_suffix("ed") == Some(lemma) || t.lemma.strip_suffix('d') == Some(lemma))
                && matches!(t.upos, Upos::Verb | Upos::Aux | Upos::Adj)
        })
        .unwrap_or_else(|| panic!("no verb {lemma} in {}", p.render()))
}

fn texts(p: &Parse, text: &str, v: Vec<usize>) -> Vec<String> {
    v.into_iter().map(|i| p.core_text(text, i).to_string()).collect()
}

/// (sentence, verb lemma, expected agents, expected patients)
const ROLES: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "A camp for Congolese refugees was attacked by Burundian militiamen.",
        "attack",
        &["Burundian militiamen"],
        &["A camp"],
    ),
    (
        "Jaish al-Fateh with Jabhat al-Nusra and Ahrar al-Sham in the lead launched a huge offensive in South Aleppo on the town of Khan Tuman.",
        "launch",
        &["Jaish al-Fateh"],
        &["a huge offensive"],
    ),
    (
        "Rebel groups that are backed by the US were fighting alongside Nusra.",
        "back",
        &["the US"],
        &["Rebel groups"],
    ),
    ("Turkish artillery shelled Kurdish positions near Azaz on Sunday.", "shell", &["Turkish artillery"], &["Kurdish positions"]),
    ("The army and allied militias recaptured Palmyra.", "recapture", &["The army", "allied militias"], &["Palmyra"]),
    ("Islamist fighters stormed and looted the village of Zara.", "loot", &["Islamist fighters"], &["the village of Zara"]),
    ("The hospital was hit by two air strikes on Wednesday night.", "hit", &["two air strikes"], &["The hospital"]),
    ("Russian jets bombed a market in Idlib, killing dozens of civilians.", "bomb", &["Russian jets"], &["a market"]),
    ("The convoy was ambushed near the border.", "ambush", &[], &["The convoy"]),
    ("Kurdish forces backed by American air power captured the dam.", "capture", &["Kurdish forces"], &["the dam"]),
    ("Kurdish forces backed by American air power captured the dam.", "back", &["American air power"], &["Kurdish forces"]),
];

#[test]
fn agents_and_patients() {
    let mut failures = Vec::new();
    for (text, lemma, agents, patients) in ROLES {
        let p = parse(text);
        let v = verb(&p, lemma);
        let got_a = texts(&p, text, p.agents(v));
        let got_p = texts(&p, text, p.patients(v));
        if got_a != *agents || got_p != *patients {
            failures.push(format!(
                "{text}\n  {lemma}: agents {got_a:?} (want {agents:?}), patients {got_p:?} (want {patients:?})\n  {}",
                p.render()
            ));
        }
    }
    // A greedy parser trained on web text still misreads some headline-like
    // news sentences; this bound keeps regressions visible.
    assert!(
        failures.len() <= MAX_ROLE_FAILURES,
        "{} of {} wrong:\n{}",
        failures.len(),
        ROLES.len(),
        failures.join("\n")
    );
    if !failures.is_empty() {
        eprintln!("known misparses:\n{}", failures.join("\n"));
    }
}

const MAX_ROLE_FAILURES: usize = 2;

#[test]
fn obliques_name_their_preposition() {
    let text = "Jaish al-Fateh launched a huge offensive in South Aleppo on Friday.";
    let p = parse(text);
    let v = verb(&p, "launch");
    let obl: Vec<(String, String)> =
        p.obliques_wide(v).into_iter().map(|(prep, i)| (prep, p.np_text(text, i).to_string())).collect();
    assert!(obl.contains(&("in".to_string(), "South Aleppo".to_string())), "{obl:?}\n{}", p.render());
    assert!(obl.contains(&("on".to_string(), "Friday".to_string())), "{obl:?}\n{}", p.render());
}

#[test]
fn reported_speech_finds_speaker_and_content() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "State Department spokesman Mark Toner said that Washington was deeply concerned about the violence.",
            "State Department spokesman Mark Toner",
            "Washington was deeply concerned about the violence",
        ),
        (
            "Mr. Kirby told reporters the regime had violated the truce.",
            "Mr. Kirby",
            "the regime had violated the truce",
        ),
        ("The town has fallen, the ministry said.", "the ministry", "The town has fallen"),
    ];
    for (text, speaker, content) in cases {
        let p = parse(text);
        let rs = p.reported_speech();
        let found = rs
            .iter()
            .any(|r| r.span.slice(text) == *content && r.speakers.iter().any(|s| p.np_text(text, *s) == *speaker));
        assert!(found, "{text}\n{:?}\n{}", rs, p.render());
    }
}

#[test]
fn partners_named_with_with() {
    let text = "Jaish al-Fateh with Jabhat al-Nusra and Ahrar al-Sham in the lead launched a huge offensive.";
    let p = parse(text);
    let agent = p.agents(verb(&p, "launch"));
    assert_eq!(agent.len(), 1, "{}", p.render());
    let partners: Vec<&str> = p.associates(agent[0]).into_iter().map(|i| p.core_text(text, i)).collect();
    assert_eq!(partners, ["Jabhat al-Nusra", "Ahrar al-Sham"], "{}", p.render());
}

#[test]
fn negation_and_modality() {
    let text = "Russia did not target civilians, and the talks could resume next week.";
    let p = parse(text);
    assert!(p.negated(verb(&p, "target")), "{}", p.render());
    assert!(!p.negated(verb(&p, "resume")), "{}", p.render());
    assert_eq!(p.modal(verb(&p, "resume")).as_deref(), Some("could"), "{}", p.render());
}

#[test]
fn conjuncts_form_one_group() {
    let text = "Jabhat al-Nusra, Ahrar al-Sham and Jaish al-Islam rejected the truce.";
    let p = parse(text);
    let first = p.find_form("al-Nusra").expect("token");
    let group: Vec<&str> = p.conjuncts(first).into_iter().map(|i| p.core_text(text, i)).collect();
    assert_eq!(group, ["Jabhat al-Nusra", "Ahrar al-Sham", "Jaish al-Islam"], "{}", p.render());
}

#[test]
fn parses_are_trees_with_spans_in_the_text() {
    let text = include_str!("data/news.txt");
    let p = Parser::embedded();
    let parses = p.parse_document(text);
    assert_eq!(parses.len(), 16);
    for parse in parses {
        assert_eq!(parse.roots().len(), 1, "{}", parse.render());
        for t in &parse.tokens {
            assert_eq!(t.span.slice(text), t.form);
        }
    }
}

#[test]
fn snapshot_of_parses() {
    let text = include_str!("data/news.txt");
    let p = Parser::embedded();
    let rendered: Vec<String> = p.parse_document(text).iter().map(Parse::render).collect();
    insta::assert_snapshot!(rendered.join("\n"));
}
