//! Whom an act hit or took from, through the whole chain of lexicon, gazetteer and coder: the people it
//! killed ("killing 12 civilians") are among its targets, the people who report it are not, and
//! populations (civilians, refugees, residents) are acted upon rather than fighting or holding
//! relations.

mod support;

use sitrep_coder::Coded;
use sitrep_model::PartialDate;

fn code(text: &str) -> Coded {
    support::code_with_lexicon(text, PartialDate::ymd(2024, 3, 9))
}

fn events(c: &Coded) -> Vec<String> {
    support::event_lines(c)
}

#[test]
fn the_people_an_attack_killed_are_its_targets() {
    let c = code("Russian warplanes bombed a hospital in Idlib province on Saturday, killing 12 civilians.");
    assert_eq!(events(&c), ["ASSAULT Russia -> Civilians"]);
    assert_eq!(c.events[0].target_ids, [Some("civilians".to_string())]);
}

#[test]
fn casualties_join_the_attack_they_came_from() {
    let c = code(
        "Al-Shabaab fighters attacked a convoy of the Somali National Army near Baidoa on Tuesday, \
         killing at least 30 civilians.",
    );
    assert_eq!(events(&c), ["ASSAULT al-Shabaab -> Somali National Army+Civilians"]);
}

#[test]
fn who_reports_an_attack_was_not_hit_by_it() {
    for text in [
        "Al-Shabaab attacked Baidoa on Tuesday, killing 13 and wounding 39 others, according to the United Nations.",
        "Al-Shabaab attacked Baidoa on Tuesday, killing 13 and wounding 39 others, the United Nations said.",
    ] {
        let c = code(text);
        assert!(c.events.iter().all(|e| !e.target.iter().any(|t| t == "United Nations")), "{text}: {:?}", events(&c));
        assert!(c.events.iter().any(|e| e.source == ["al-Shabaab"]), "{text}: {:?}", events(&c));
    }
}

#[test]
fn fighters_from_a_group_are_that_group() {
    let c = code("The Nigerian Army pounded fighters from Boko Haram near Maiduguri on Monday.");
    assert_eq!(events(&c), ["ASSAULT Nigerian Armed Forces -> Boko Haram"]);
    // A possessive after "of" is no actor's people: "members of their families".
    let c = code("The Nigerian Army attacked members of their families near Maiduguri on Monday.");
    assert!(c.events.iter().all(|e| e.target.is_empty()), "{:?}", events(&c));
}

#[test]
fn populations_do_not_fight_withdraw_or_hold_relations() {
    let c = code("Thousands of refugees fled the fighting in Khartoum and withdrew to the border on Sunday.");
    assert!(c.events.iter().all(|e| !e.source.iter().any(|s| s == "Refugees")), "{:?}", events(&c));
    let c = code(
        "Armed groups hide among either civilians or opposition groups that are parties to the cessation of \
         hostilities in Syria.",
    );
    assert!(
        c.relations.iter().all(|r| r.subject != "Civilians" && r.object != "Civilians"),
        "{:?}",
        c.relations.iter().map(|r| format!("{} {} {}", r.kind, r.subject, r.object)).collect::<Vec<_>>()
    );
    // They do protest.
    let c = code("Hundreds of protesters demonstrated outside the parliament in Nairobi on Tuesday.");
    assert_eq!(events(&c).first().map(String::as_str), Some("PROTEST Protesters -> "));
}

#[test]
fn liberating_the_town_of_a_place_from_a_group_transfers_control() {
    let c = code("Turkish-backed Syrian rebels liberated the Syrian town of Dabiq from ISIL on Sunday.");
    assert_eq!(events(&c), ["COERCE Syrian opposition -> Islamic State"]);
    let rels: Vec<String> = c
        .relations
        .iter()
        .map(|r| format!("{} {} {} start={:?} end={:?}", r.kind, r.subject, r.object, r.start, r.end))
        .collect();
    assert!(rels.iter().any(|r| r.starts_with("controls Syrian opposition Dabiq start=Some")), "{rels:?}");
    assert!(rels.iter().any(|r| r.starts_with("controls Islamic State Dabiq start=None end=Some")), "{rels:?}");
}

#[test]
fn the_people_counted_are_the_target_and_a_demonym_is_no_place() {
    let c = code(
        "An Islamic State suicide attack targeted and killed scores of Syrian civilians at a bus station in Jableh.",
    );
    assert_eq!(events(&c), ["ASSAULT Islamic State -> Civilians"]);
    assert_eq!(c.events[0].place.as_ref().map(|p| p.name.as_str()), Some("Jableh"));
}
