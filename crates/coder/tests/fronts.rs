//! Constructions from reports on eastern Congo, the Red Sea and Sudan, through the whole chain of
//! lexicon, gazetteer and coder. The sentences are written for these tests.

mod support;

use sitrep_coder::Coded;
use sitrep_model::PartialDate;

fn code(text: &str) -> Coded {
    support::code_with_lexicon(text, PartialDate::ymd(2025, 1, 27))
}

fn events(c: &Coded) -> Vec<String> {
    support::event_lines(c)
}

#[test]
fn the_rebels_of_a_report_on_congo_are_the_group_it_named() {
    let c = code(
        "M23 fighters entered Goma on Monday after a rapid advance.\n\nAt an emergency meeting, Britain and France condemned the rebel offensive and called on Rwanda to withdraw its troops.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ACCUSE United Kingdom+France -> M23"), "{ev:?}");
    // The request is the two states', not the rebels' the adjective was read as controlled by.
    assert!(ev.iter().any(|e| e == "REQUEST United Kingdom+France -> Rwanda"), "{ev:?}");
}

#[test]
fn people_forced_to_flee_are_no_actor_retreating() {
    let c =
        code("The M23 says it has taken the town of Sake, after an advance that forced thousands of people to flee.");
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("COERCE M23")), "{ev:?}");
    assert!(ev.iter().all(|e| !e.starts_with("RETREAT")), "{ev:?}");
}

#[test]
fn cutting_diplomatic_ties_is_a_sanction() {
    let c = code("The Democratic Republic of Congo cut diplomatic ties with Rwanda on Saturday.");
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "SANCTION Democratic Republic of the Congo -> Rwanda"), "{ev:?}");
}

#[test]
fn strikes_condemned_are_those_told_before_by_their_authors() {
    let c = code(
        "The United States and Britain bombed radar sites used by the Houthis on Thursday night.\n\nThe Houthis have fired missiles at merchant ships since November.\n\nIran, which arms the Houthis, condemned the strikes as a violation of Yemen's sovereignty.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ACCUSE Iran -> United States+United Kingdom"), "{ev:?}");
    // The strikes condemned are no new attack, least of all by the Houthis.
    let last = c.events.iter().filter(|e| e.provenance.sentence_index == 2);
    assert!(last.clone().all(|e| e.kind != "ASSAULT"), "{ev:?}");
}

#[test]
fn a_participle_after_a_reduced_relative_is_the_main_clauses() {
    let c = code(
        "Government troops shelled a camp used by the RSF near El Fasher at dawn, killing at least nine civilians.",
    );
    let ev = events(&c);
    assert!(ev.iter().all(|e| !e.starts_with("ASSAULT Rapid Support Forces")), "{ev:?}");
    assert!(ev.iter().any(|e| e.contains("Civilians")), "{ev:?}");
}

#[test]
fn a_participle_before_the_reporting_verb_is_not_the_reporters() {
    let c = code(
        "JNIM fighters overran the village of Boulkessi overnight, killing 30 soldiers, a military spokesman said.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("ASSAULT Jama'at Nusrat al-Islam wal-Muslimin")), "{ev:?}");
}

#[test]
fn a_capital_that_speaks_is_no_place_of_what_it_speaks_of() {
    let c = code("M23 rebels entered Goma.\n\nKinshasa says Rwandan troops are fighting alongside the rebels, a charge Kigali has long denied.");
    let e = c.events.iter().find(|e| e.kind == "COOPERATE").unwrap_or_else(|| panic!("{:?}", events(&c)));
    assert_eq!(e.source, vec!["Rwanda Defence Force".to_string()]);
    assert!(e.place.as_ref().is_none_or(|p| p.name != "Kigali" && p.name != "Kinshasa"), "{:?}", e.place);
}

#[test]
fn both_countries_asked_are_the_two_states_named_before_not_those_asking() {
    let c = code(
        "India launched missile strikes on nine sites in Pakistan on Wednesday.\n\nIslamabad has denied any role in the attack on tourists.\n\nThe United States and China urged both countries to show restraint.",
    );
    let ev = events(&c);
    let asked = c.events.iter().find(|e| e.kind == "REQUEST").unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(asked.source, ["United States", "China"], "{ev:?}");
    let mut target = asked.target.clone();
    target.sort();
    assert_eq!(target, ["India", "Pakistan"], "{ev:?}");
}

#[test]
fn aircraft_shot_down_are_an_attack_on_whose_they_were() {
    let c = code(
        "Pakistan's military said 26 civilians were killed in the strikes, and that its air force had shot down five Indian aircraft.",
    );
    let ev = events(&c);
    // "its" is the military's: people are no "it".
    assert!(ev.iter().any(|e| e == "ASSAULT Pakistan Army -> India"), "{ev:?}");
}

#[test]
fn drones_and_missiles_launched_at_a_state_are_an_attack_on_it() {
    let c =
        code("Russian forces launched 117 drones and two ballistic missiles at Ukraine overnight, the air force said.");
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("ASSAULT Russia") && e.ends_with("-> Ukraine")), "{ev:?}");
}

#[test]
fn a_warning_that_one_will_strike_another_threatens_the_other() {
    let c = code(
        "Prime Minister Benjamin Netanyahu warned that Israel would strike Hezbollah if the group violated the truce.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "THREATEN Benjamin Netanyahu -> Hezbollah"), "{ev:?}");
    assert!(ev.iter().all(|e| !e.starts_with("THREATEN Benjamin Netanyahu -> Israel")), "{ev:?}");
}

#[test]
fn only_the_name_a_hyphen_binds_backs_the_group() {
    let c = code("A ceasefire between Israel and Iran-backed Hezbollah took effect on Wednesday.");
    let backers: Vec<&str> = c.relations.iter().filter(|r| r.kind == "backed_by").map(|r| r.object.as_str()).collect();
    assert_eq!(backers, ["Iran"], "{:?}", c.relations);
}

#[test]
fn the_rebel_group_is_the_group_named_before_it() {
    let c = code(
        "President Gustavo Petro suspended talks with the National Liberation Army (ELN) on Friday, accusing the rebel group of committing war crimes.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ACCUSE Gustavo Petro -> National Liberation Army"), "{ev:?}");
}

#[test]
fn fighting_between_two_sides_each_with_its_abbreviation_in_one_town_of_a_state() {
    let c = code(
        "Fighting between the Sudanese Armed Forces (SAF) and the Rapid Support Forces (RSF) in El Fasher, North Darfur, has killed at least 27 people since 10 May, according to the State Ministry of Health.",
    );
    let fights: Vec<&sitrep_model::Event> = c.events.iter().filter(|e| e.kind == "ASSAULT").collect();
    // One event, in the town: the state after the comma locates it, and a ministry's remit is no place.
    assert_eq!(fights.len(), 1, "{:?}", events(&c));
    assert_eq!(fights[0].source, ["Sudanese Armed Forces"]);
    assert_eq!(fights[0].target, ["Rapid Support Forces"]);
    assert_eq!(fights[0].place.as_ref().map(|p| p.name.as_str()), Some("El Fasher"));
}

#[test]
fn a_day_of_may_is_no_modal() {
    let c = code("Clashes erupted on 10 May when the RSF attacked army positions in El Fasher.");
    let e = c.events.iter().find(|e| e.kind == "ASSAULT").unwrap_or_else(|| panic!("{:?}", events(&c)));
    assert_eq!(e.modality, sitrep_model::Modality::Asserted);
}

#[test]
fn separatists_of_a_named_front_are_that_front() {
    let c = code(
        "In July, Tuareg separatists of the CSP ambushed a column of Malian soldiers and Wagner mercenaries near Tinzaouaten, killing dozens.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("ASSAULT Azawad Liberation Front -> Malian Armed Forces")), "{ev:?}");
}

#[test]
fn suspending_talks_with_a_group_is_a_sanction_on_it() {
    let c = code("President Gustavo Petro suspended peace talks with the National Liberation Army on Friday.");
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "SANCTION Gustavo Petro -> National Liberation Army"), "{ev:?}");
}

#[test]
fn a_numbered_front_of_a_group_is_the_group_and_a_front_in_a_name_is_not() {
    let c = code("The ELN said it had attacked the 33rd Front of the FARC dissidents in Tibu.");
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ASSAULT National Liberation Army -> FARC dissidents"), "{ev:?}");
    let c = code("The National Resistance Front of Afghanistan retook the village of Qala from the Taliban overnight.");
    let ev = events(&c);
    assert!(ev.iter().all(|e| !e.starts_with("COERCE Afghanistan")), "{ev:?}");
}

#[test]
fn the_capital_a_state_turns_to_is_no_place() {
    let c = code("Niger's junta, which expelled French troops last year, has turned to Moscow for help.");
    let e = c.events.iter().find(|e| e.kind == "COERCE").unwrap_or_else(|| panic!("{:?}", events(&c)));
    assert!(e.place.as_ref().is_none_or(|p| p.name != "Moscow"), "{:?}", e.place);
}
