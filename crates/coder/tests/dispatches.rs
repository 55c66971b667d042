//! Constructions from reports on Myanmar, Mali and Sudan, through the whole chain of lexicon,
//! gazetteer and coder. The sentences are written for these tests.

mod support;

use sitrep_coder::Coded;
use sitrep_model::PartialDate;

fn code(text: &str) -> Coded {
    support::code_with_lexicon(text, PartialDate::ymd(2024, 1, 5))
}

fn events(c: &Coded) -> Vec<String> {
    support::event_lines(c)
}

#[test]
fn a_month_abbreviation_is_no_place() {
    let c = code("The Three Brotherhood Alliance launched an offensive in northern Shan State on Oct. 27 and has since overrun more than 200 military posts.");
    let places: Vec<&str> = c.events.iter().filter_map(|e| e.place.as_ref()).map(|p| p.name.as_str()).collect();
    assert!(!places.is_empty(), "{:?}", events(&c));
    assert!(places.iter().all(|p| *p != "Oct"), "{places:?}");
}

#[test]
fn a_verb_the_parse_reads_as_a_preposition_takes_no_agent_from_its_object() {
    let c = code(
        "The MNDAA is part of the Three Brotherhood Alliance, together with the Ta'ang National Liberation Army (TNLA) and the Arakan Army, which launched a coordinated offensive in northern Shan State on Oct. 27 and has since overrun more than 200 military posts and several border crossings used for trade with China.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("ASSAULT")), "{ev:?}");
    assert!(ev.iter().all(|e| !e.starts_with("ASSAULT Myanmar") && !e.starts_with("COERCE Myanmar")), "{ev:?}");
}

#[test]
fn an_attack_condemned_is_the_attackers_and_the_condemnation_aimed_at_them() {
    let c = code(
        "The United States condemns in the strongest terms the attack yesterday by the Rapid Support Forces on the town of Wad Madani.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ACCUSE United States -> Rapid Support Forces"), "{ev:?}");
    let e = c.events.iter().find(|e| e.kind == "ASSAULT").expect("an ASSAULT event");
    assert_eq!(e.source, vec!["Rapid Support Forces".to_string()]);
    assert_eq!(e.place.as_ref().map(|p| p.name.as_str()), Some("Wad Madani"));
}

#[test]
fn it_does_not_stand_for_a_state_named_as_where_its_antecedent_is() {
    let c = code(
        "An ethnic minority armed group in Myanmar said on Friday it had captured Laukkai after weeks of fighting.",
    );
    let ev = events(&c);
    assert!(ev.iter().all(|e| !e.starts_with("COERCE Myanmar")), "{ev:?}");
    assert!(c.relations.iter().all(|r| r.subject != "Myanmar"), "{:?}", c.relations);
}

#[test]
fn power_seized_in_a_coup_is_no_ground_taken() {
    let c = code("The junta has ruled Myanmar since it seized power in a 2021 coup.");
    let ev = events(&c);
    assert!(ev.iter().all(|e| !e.starts_with("COERCE")), "{ev:?}");
}

#[test]
fn a_capital_before_an_agreement_is_where_it_was_signed() {
    let c = code("The junta in Mali has treated the 2015 Algiers peace agreement as dead, and in January it withdrew from the accord.");
    let ev = events(&c);
    assert!(ev.iter().all(|e| !e.contains("Algeria")), "{ev:?}");
    assert!(ev.iter().any(|e| e.starts_with("RETREAT Mali")), "{ev:?}");
}

#[test]
fn those_who_leave_a_bloc_to_form_another_are_its_members() {
    let c = code(
        "Mali has also left ECOWAS, together with the military governments of Burkina Faso and Niger, to form the Alliance of Sahel States.",
    );
    let rels: Vec<String> = c.relations.iter().map(|r| format!("{} {} -> {}", r.kind, r.subject, r.object)).collect();
    assert!(rels.iter().any(|r| r == "member_of Mali -> Alliance of Sahel States"), "{rels:?}");
    assert!(rels.iter().all(|r| !r.starts_with("member_of ECOWAS")), "{rels:?}");
}

#[test]
fn both_sides_are_the_two_last_named_together() {
    let c = code(
        "China said it had hosted talks between the Myanmar military and the Three Brotherhood Alliance in Kunming and that both sides had agreed to a temporary ceasefire.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "CONSULT Tatmadaw -> Three Brotherhood Alliance"), "{ev:?}");
    let truce = c.events.iter().find(|e| e.kind == "RETREAT").expect("a ceasefire");
    assert_eq!(truce.source, vec!["Tatmadaw".to_string(), "Three Brotherhood Alliance".to_string()]);
    // Across sentences too.
    let c = code("Russia and Ukraine traded drone strikes overnight. Both sides agreed to a ceasefire at the Zaporizhzhia plant.");
    let truce = c.events.iter().find(|e| e.kind == "RETREAT").expect("a ceasefire");
    assert_eq!(truce.source, vec!["Russia".to_string(), "Ukraine".to_string()], "{:?}", events(&c));
}

#[test]
fn where_stands_for_the_place_before_it() {
    let c = code(
        "China hosted talks in Kunming, but fighting continued in Rakhine State, where the Arakan Army attacked police outposts in November.",
    );
    let e = c.events.iter().find(|e| e.kind == "ASSAULT" && e.source == ["Arakan Army"]).expect("the attack");
    assert_eq!(e.place.as_ref().map(|p| p.name.as_str()), Some("Rakhine State"));
}

#[test]
fn an_ability_to_attack_is_no_attack() {
    let c = code(
        "We will continue to work with our partners to degrade the Houthis' ability to attack commercial shipping.",
    );
    assert!(
        c.events.iter().filter(|e| e.kind == "ASSAULT").all(|e| e.modality != sitrep_model::Modality::Asserted),
        "{:?}",
        c.events
    );
}

#[test]
fn a_condemned_attack_is_aimed_at_who_the_story_said_carried_it_out() {
    let c = code(
        "Al-Shabaab fighters stormed a popular beach in Mogadishu on Friday evening, police said. \
         Security forces killed five of the attackers. \
         President Hassan Sheikh Mohamud condemned the attack.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ACCUSE Hassan Sheikh Mohamud -> al-Shabaab"), "{ev:?}");
    // An attack somewhere else is another attack.
    let c = code(
        "Al-Shabaab fighters stormed a popular beach in Mogadishu on Friday evening. \
         President Hassan Sheikh Mohamud condemned the attack on Kismayo.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ACCUSE Hassan Sheikh Mohamud -> "), "{ev:?}");
}

#[test]
fn a_sides_adjective_inside_the_attack_noun_phrase_is_the_attacker() {
    let c = code(
        "The Security Council met today to discuss the situation in Ukraine, after a wave of Russian missile and drone strikes on the country's power plants.",
    );
    let e = c.events.iter().find(|e| e.kind == "ASSAULT").expect("the strikes");
    assert_eq!(e.source, vec!["Russia".to_string()], "{:?}", events(&c));
}

#[test]
fn security_forces_and_the_federal_army_are_the_state_the_story_is_about() {
    let c = code(
        "Fighting between the federal army and the Fano militia entered its second month in Ethiopia's Amhara region.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("ASSAULT Ethiopia") && e.ends_with("Fano")), "{ev:?}");
}

#[test]
fn the_region_is_no_town_named_before() {
    let c = code(
        "A drone strike hit a square in Finote Selam on Sunday. Fano fighters seized control of several towns in the region in early August.",
    );
    let e = c.events.iter().find(|e| e.kind == "COERCE").expect("the seizure");
    assert_ne!(e.place.as_ref().map(|p| p.name.as_str()), Some("Finote Selam"), "{e:?}");
}

#[test]
fn them_is_not_the_subject_of_its_own_verb() {
    let c = code(
        "Fano fighters seized control of several towns in August, before the Ethiopian National Defense Force pushed them out of most urban centres.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ASSAULT Ethiopian National Defense Force -> Fano"), "{ev:?}");
}

#[test]
fn missiles_and_drones_launched_at_a_country_are_an_attack() {
    let c = code("The representative of Ukraine said Russia had launched more than 400 missiles and drones at the country in March alone.");
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("ASSAULT Russia")), "{ev:?}");
}
