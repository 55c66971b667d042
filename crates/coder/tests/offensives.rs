//! Constructions from reports on Myanmar's civil war, the rebel offensive on Aleppo, al-Shabaab in
//! Somalia and the Security Council on Gaza, through the whole chain of lexicon, gazetteer and
//! coder. The sentences are written for these tests.

mod support;

use sitrep_coder::Coded;
use sitrep_model::PartialDate;

fn code(text: &str, published: PartialDate) -> Coded {
    support::code_with_lexicon(text, published)
}

fn events(c: &Coded) -> Vec<String> {
    support::event_lines(c)
}

fn relations(c: &Coded) -> Vec<String> {
    c.relations.iter().map(|r| format!("{} {} -> {} from {:?}", r.kind, r.subject, r.object, r.start)).collect()
}

#[test]
fn the_state_a_relative_clause_describes_is_not_the_main_clauses_actor() {
    let c = code(
        "Insurgents swept into Aleppo, Syria's second-largest city, on Friday.\n\nTurkey, which backs some opposition factions in the north, called for the fighting to stop.",
        PartialDate::ymd(2024, 11, 30),
    );
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("REQUEST Turkey")), "{ev:?}");
    assert!(ev.iter().all(|e| !e.starts_with("REQUEST Syrian opposition")), "{ev:?}");
}

#[test]
fn a_coalition_includes_every_member_listed_and_began_at_no_carried_date() {
    let c = code(
        "It is the first time a regional command has fallen since the military took power in a coup in February 2021.\n\nThe MNDAA is part of the Three Brotherhood Alliance, which launched Operation 1027 in October last year. The alliance, which also includes the Ta'ang National Liberation Army (TNLA) and the Arakan Army, has since captured dozens of towns.",
        PartialDate::ymd(2024, 8, 4),
    );
    let rel = relations(&c);
    for member in ["Myanmar National Democratic Alliance Army", "Ta'ang National Liberation Army", "Arakan Army"] {
        assert!(rel.contains(&format!("member_of {member} -> Three Brotherhood Alliance from None")), "{rel:?}");
    }
    // The capture is the alliance's, not the first member its relative clause names.
    let ev = events(&c);
    assert!(ev.iter().any(|e| e.starts_with("COERCE Three Brotherhood Alliance")), "{ev:?}");
}
