//! Wire-report constructions through the whole chain of lexicon, gazetteer and coder: an attack that
//! was repelled, a charge the accused denied, and the day of an event the story does not date.

mod support;

use sitrep_coder::Coded;
use sitrep_model::PartialDate;

fn code(text: &str) -> Coded {
    support::code_with_lexicon(text, PartialDate::ymd(2023, 4, 17))
}

fn events(c: &Coded) -> Vec<String> {
    support::event_lines(c)
}

#[test]
fn a_repelled_attack_is_the_attackers_on_those_who_repelled_it() {
    let c = code("Ukrainian troops repelled an attack by Russian forces near Bakhmut.");
    assert!(events(&c).iter().any(|e| e == "ASSAULT Russia -> Armed Forces of Ukraine"), "{:?}", events(&c));
    // Nobody named as the attacker: no attack by those who repelled it.
    let c = code("The RSF said its fighters had repelled an attack on the presidential palace.");
    assert!(events(&c).iter().all(|e| !e.starts_with("ASSAULT Rapid Support Forces")), "{:?}", events(&c));
}

#[test]
fn a_charge_the_accused_denied_is_no_attribution() {
    let c =
        code("Sudan's doctors' union accused the RSF of occupying hospitals, a charge the paramilitary group denied.");
    let e = c.events.iter().find(|e| e.kind == "ACCUSE").expect("an ACCUSE event");
    assert_eq!(e.reported_by, None, "{e:?}");
}

#[test]
fn an_event_the_story_does_not_date_takes_its_publication_day_unless_it_is_background() {
    let c = code("Sudan's doctors' union accused the RSF of occupying hospitals.");
    let e = c.events.iter().find(|e| e.kind == "ACCUSE").expect("an ACCUSE event");
    assert_eq!(e.date.as_ref().map(|d| d.start.as_str()), Some("2023-04-17"));
    let c = code("The RSF had seized the army garrison in Nyala.");
    let e = c.events.iter().find(|e| e.kind == "COERCE").expect("a COERCE event");
    assert_eq!(e.date, None, "{e:?}");
}

#[test]
fn a_speaker_is_not_the_agent_of_the_clause_reported() {
    let c = code(
        "Houthi military spokesman Yahya Saree said in a televised address that the strikes had killed five fighters.",
    );
    assert!(events(&c).iter().all(|e| !e.starts_with("ASSAULT Yahya Saree")), "{:?}", events(&c));
    let c = code("US President Joe Biden said the strikes were a clear message that the United States would not tolerate attacks on shipping.");
    assert!(events(&c).iter().all(|e| !e.starts_with("ASSAULT Joe Biden")), "{:?}", events(&c));
    // A first person in the reported clause is the speaker.
    let c = code("Antonio Guterres said in a statement that we call on the M23 to withdraw from Rubaya.");
    assert!(events(&c).iter().any(|e| e.starts_with("REQUEST Antonio Guterres -> M23")), "{:?}", events(&c));
}

#[test]
fn a_verb_whose_subject_names_nobody_has_no_agent_further_left() {
    let c = code("Russian missiles struck Kyiv on Monday, and drones hit Kharkiv and Odesa.");
    let ev = events(&c);
    assert!(ev.iter().any(|e| e == "ASSAULT Russia -> Ukraine"), "{ev:?}");
    assert!(ev.iter().all(|e| !e.starts_with("ASSAULT Ukraine")), "{ev:?}");
}

#[test]
fn a_state_named_by_its_capital_is_the_target_and_the_capital_the_place() {
    let c = code("Russian missiles struck Kyiv on Monday morning.");
    let e = c.events.iter().find(|e| e.kind == "ASSAULT").expect("an ASSAULT event");
    assert_eq!(e.target, vec!["Ukraine".to_string()]);
    assert_eq!(e.place.as_ref().map(|p| p.name.as_str()), Some("Kyiv"));
}

#[test]
fn a_town_named_said_is_no_speech() {
    let c = code(
        "Egyptian forces launched a drone attack on fighters in the south of Port Said, killing at least 56 civilians, Amnesty International said.",
    );
    let e = c.events.iter().find(|e| e.kind == "ASSAULT").expect("an ASSAULT event");
    assert_eq!(e.reported_by.as_deref(), Some("Amnesty International"), "{e:?}");
    assert!(events(&c).iter().any(|e| e.ends_with("-> Civilians")), "{:?}", events(&c));
}

#[test]
fn armed_before_a_noun_is_an_adjective() {
    let c = code("The government blamed the M23 armed group and the Rwanda Defence Force for the attack on the camp.");
    assert!(events(&c).iter().all(|e| !e.starts_with("AID")), "{:?}", events(&c));
    let c = code("Iran armed the Houthis with drones and missiles.");
    assert!(events(&c).iter().any(|e| e == "AID Iran -> Ansar Allah"), "{:?}", events(&c));
}

#[test]
fn strikes_on_dozens_of_a_sides_targets_across_a_country() {
    let c = code("The United States and Britain carried out strikes on dozens of Houthi targets across Yemen.");
    let e = c.events.iter().find(|e| e.kind == "ASSAULT").expect("an ASSAULT event");
    assert_eq!(e.target, vec!["Ansar Allah".to_string()], "{e:?}");
    assert_eq!(e.place.as_ref().map(|p| p.name.as_str()), Some("Yemen"), "{e:?}");
    // A state that speaks is no place.
    let c = code("Yemen said the strikes on Sanaa had killed five people.");
    assert!(c.events.iter().all(|e| e.place.as_ref().is_none_or(|p| p.name != "Yemen")), "{:?}", c.events);
}

#[test]
fn what_the_actors_said_is_not_where_it_happened() {
    let c = code(
        "Since November, the Houthis have launched more than 25 attacks on merchant ships, saying they act in solidarity with Palestinians in Gaza.",
    );
    let e = c.events.iter().find(|e| e.kind == "ASSAULT").expect("an ASSAULT event");
    assert!(e.place.as_ref().is_none_or(|p| p.name != "Gaza"), "{e:?}");
}

#[test]
fn fighting_between_two_sides_sets_the_first_against_the_second() {
    let c = code(
        "Aid agencies are concerned about El Fasher, where fighting between the Sudanese Armed Forces and the Rapid Support Forces has continued for a month.",
    );
    assert!(
        events(&c).iter().any(|e| e == "ASSAULT Sudanese Armed Forces -> Rapid Support Forces"),
        "{:?}",
        events(&c)
    );
}

#[test]
fn the_speaker_is_not_the_agent_of_a_verb_later_in_what_it_reported() {
    let c = code(
        "The Office for the Coordination of Humanitarian Affairs (OCHA) says that the South Hospital was forced to close on Sunday after RSF fighters stormed the compound and opened fire.",
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("ASSAULT Rapid Support Forces")), "{ev:?}");
    assert!(ev.iter().all(|e| !e.starts_with("ASSAULT UN Office")), "{ev:?}");
}

#[test]
fn the_city_is_the_last_town_named_not_its_province() {
    let c = code(
        "Fighting has continued in El Fasher, in North Darfur, for a month.\n\nOn Sunday RSF fighters shelled the city.",
    );
    let e = c.events.iter().find(|e| e.sentence.contains("shelled")).expect("the shelling");
    assert_eq!(e.place.as_ref().map(|p| p.precision), Some(1), "{e:?}");
}

#[test]
fn warnings_of_an_attack_and_names_for_one_are_no_attacks() {
    let c = code("Hamas fired rockets at Tel Aviv on Sunday, setting off air raid sirens in central Israel.");
    assert_eq!(c.events.iter().filter(|e| e.kind == "ASSAULT").count(), 1, "{:?}", events(&c));
    let c = code("Egypt's Foreign Ministry condemned the strike as a \"deliberate bombing\" of displaced people.");
    assert!(events(&c).iter().all(|e| !e.starts_with("ASSAULT")), "{:?}", events(&c));
}

#[test]
fn a_court_order_is_a_demand() {
    let c = code("The International Court of Justice ordered Israel to halt its offensive in Rafah.");
    assert!(events(&c).iter().any(|e| e == "REQUEST International Court of Justice -> Israel"), "{:?}", events(&c));
}

#[test]
fn as_a_result_and_a_distance_after_a_ceasefire_keep_their_events() {
    let c = code("Rebel groups fought alongside Nusra and as a result were being targeted by Russian aircraft.");
    assert!(events(&c).iter().any(|e| e.starts_with("ASSAULT Russia")), "{:?}", events(&c));
    let c = code("Renamo and the army agreed to a ceasefire 55 km southwest of Catandica overnight.");
    assert!(events(&c).iter().any(|e| e.starts_with("RETREAT Renamo")), "{:?}", events(&c));
}
