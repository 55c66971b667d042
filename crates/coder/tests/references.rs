//! Who a pronoun stands for, and words that only look like relation triggers, through the whole
//! chain of lexicon, gazetteer and coder.

mod support;

use sitrep_coder::Coded;
use sitrep_model::PartialDate;

fn code(text: &str) -> Coded {
    support::code_with_lexicon(text, PartialDate::ymd(2016, 5, 6))
}

fn events(c: &Coded) -> Vec<String> {
    support::event_lines(c)
}

fn relations(c: &Coded) -> Vec<String> {
    c.relations.iter().map(|r| format!("{} {} -> {}", r.kind, r.subject, r.object)).collect()
}

#[test]
fn a_pronoun_does_not_stand_for_an_actor_its_sentence_names_after_it() {
    // The last subject before "they" is al-Nusra, but the sentence itself goes on to name al-Nusra
    // as the pretext: "they" is the regime.
    let c = code(
        "The regime uses al-Nusra as an excuse to strike the opposition. Al-Nusra is not part of the \
         cessation of hostilities. They continue to hit opposition groups under the guise of attacking Nusra.",
    );
    let hit: Vec<String> =
        events(&c).into_iter().filter(|e| e.starts_with("ASSAULT") && e.contains("Syrian opp")).collect();
    assert!(!hit.is_empty(), "{:?}", events(&c));
    assert!(hit.iter().all(|e| !e.contains("Nusra ->")), "{hit:?}");
}

#[test]
fn a_pronoun_still_takes_the_last_subject_when_the_sentence_names_no_one_else() {
    let c = code("Jaish al-Islam shelled Damascus on Monday. They hit the Syrian army in Douma.");
    assert!(events(&c).iter().any(|e| e == "ASSAULT Jaish al-Islam -> Syria"), "{:?}", events(&c));
}

#[test]
fn back_as_a_particle_is_no_backing() {
    for text in [
        "Iraqi forces have rolled back the Islamic State from much of Anbar province.",
        "The United States wants to bring back the two Americans held by North Korea.",
        "Kurdish fighters pushed back Islamic State militants near Kobani.",
    ] {
        let c = code(text);
        assert!(c.relations.iter().all(|r| r.kind != "backed_by"), "{text}: {:?}", relations(&c));
    }
    let c = code("Iran backs Hezbollah in the war.");
    assert!(relations(&c).iter().any(|r| r == "backed_by Hezbollah -> Iran"), "{:?}", relations(&c));
}

#[test]
fn that_part_of_it_is_a_portion_not_a_membership() {
    let c = code(
        "The Cessation of Hostilities took effect in February. The White House said that part of it has \
         been exhaustively investigated.",
    );
    assert!(c.relations.iter().all(|r| r.kind != "member_of" && r.kind != "party_to"), "{:?}", relations(&c));
    let c = code("Ahrar al-Sham is part of the Cessation of Hostilities, the State Department said.");
    assert!(
        relations(&c).iter().any(|r| r == "party_to Ahrar al-Sham -> Cessation of Hostilities"),
        "{:?}",
        relations(&c)
    );
}

#[test]
fn they_after_a_named_speaker_is_that_speaker() {
    let c = code(
        "The Syrian army shelled Douma on Monday. Jaish al-Islam said they had attacked army positions near \
         Harasta. The Kurdish YPG warned that they would attack Islamic State positions in Raqqa.",
    );
    let assaults: Vec<String> = events(&c).into_iter().filter(|e| e.starts_with("ASSAULT")).collect();
    assert!(assaults.iter().any(|e| e.starts_with("ASSAULT Jaish al-Islam ->")), "{assaults:?}");
    assert!(
        assaults.iter().any(|e| e.starts_with("ASSAULT People's Protection Units -> Islamic State")),
        "{assaults:?}"
    );
    assert!(!assaults.iter().any(|e| e.starts_with("ASSAULT Jaish al-Islam -> Islamic State")), "{assaults:?}");
    // Coordinated speakers are all the antecedent; a name after a preposition is none.
    let c = code("Ahrar al-Sham and Jabhat al-Nusra said they had stormed Khan Touman on Thursday.");
    assert!(
        events(&c).iter().any(|e| e.contains("Ahrar al-Sham") && e.contains("Jabhat al-Nusra")),
        "{:?}",
        events(&c)
    );
}

#[test]
fn the_city_is_the_town_its_sentence_named_before() {
    let c = code(
        "Iraqi forces retook Ramadi in December. In Fallujah, which the government has not retaken, \
         government artillery shelled the city on Monday.",
    );
    let shelled = c.events.iter().find(|e| e.kind == "ASSAULT").expect("the shelling");
    let place = shelled.place.as_ref().expect("a place");
    // Fallujah (43.79 E), not Ramadi (43.31 E) from the sentence before.
    assert!(place.lon.is_some_and(|lon| (lon - 43.79).abs() < 0.05), "{shelled:?}");
}

#[test]
fn part_of_names_a_membership_only_after_a_copula() {
    for text in [
        "Hezbollah fighters ambushed a Lebanese army patrol in the eastern part of Baabda on Wednesday.",
        "We have seen a willingness on the part of the Assad regime to bomb hospitals.",
    ] {
        let c = code(text);
        assert!(c.relations.iter().all(|r| r.kind != "member_of"), "{text}: {:?}", relations(&c));
    }
    let c = code("Ahrar al-Sham is a key part of Jaish al-Fateh, the rebel coalition that took Idlib.");
    assert!(relations(&c).iter().any(|r| r == "member_of Ahrar al-Sham -> Jaish al-Fateh"), "{:?}", relations(&c));
    let c = code("Al-Nusra and ISIL are not part of the Cessation of Hostilities.");
    assert!(
        relations(&c).iter().any(|r| r == "excluded_from Jabhat al-Nusra -> Cessation of Hostilities"),
        "{:?}",
        relations(&c)
    );
}

#[test]
fn the_group_is_the_group_the_last_sentence_was_about() {
    let c = code(
        "Islamic State fighters attacked a checkpoint manned by Kurdish peshmerga near Mosul, killing four. \
         The United States-led coalition carried out 12 strikes against the group in Iraq on Sunday.",
    );
    assert!(
        events(&c).iter().any(|e| e == "ASSAULT Global Coalition against Daesh -> Islamic State"),
        "{:?}",
        events(&c)
    );
}

#[test]
fn forces_backed_by_a_coalition_are_backed_one_way_only() {
    let c = code(
        "Government forces backed by the Saudi-led coalition have been fighting the Houthis for control of Hodeidah.",
    );
    let backed: Vec<String> = relations(&c).into_iter().filter(|r| r.starts_with("backed_by")).collect();
    assert_eq!(backed, ["backed_by Yemen -> Saudi-led coalition"], "{:?}", relations(&c));
    let c = code("Iran-backed Houthi fighters shelled Marib.");
    assert!(relations(&c).iter().any(|r| r == "backed_by Ansar Allah -> Iran"), "{:?}", relations(&c));
}

#[test]
fn an_object_them_is_not_its_clauses_subject() {
    let c = support::code_with_lexicon(
        "U.S. Secretary of State Antony Blinken called Burhan and Dagalo on Monday and urged them to agree to a \
         ceasefire.",
        PartialDate::ymd(2023, 4, 17),
    );
    let req = c.events.iter().find(|e| e.kind == "REQUEST").expect("a REQUEST");
    assert_eq!(req.target, ["Abdel Fattah al-Burhan", "Mohamed Hamdan Dagalo"], "{req:?}");
    // "Secretary of State" names an office, not a place.
    assert_eq!(req.place, None, "{req:?}");
}

#[test]
fn he_in_a_news_story_is_the_person_last_named_as_a_subject() {
    let c = support::code_with_lexicon(
        "Blinken said a U.S. diplomatic convoy had been fired on in Khartoum. He blamed the attack on forces \
         associated with the RSF.",
        PartialDate::ymd(2023, 4, 17),
    );
    assert!(events(&c).iter().any(|e| e == "ACCUSE Antony Blinken -> Rapid Support Forces"), "{:?}", events(&c));
    // "condemned the attack on X": X is the victim, not whom it is blamed on.
    let c = code("Jordan condemned the attack on Kabul and called for an investigation.");
    assert!(events(&c).iter().any(|e| e == "ACCUSE Jordan -> "), "{:?}", events(&c));
}
