//! Whom an attack on a held thing hits, where it happened, and who acts when a
//! side is named only through its people or its posts: the whole chain of
//! lexicon, gazetteer and coder on wire-report sentences.

mod support;

use sitrep_coder::Coded;
use sitrep_model::PartialDate;

fn code(text: &str) -> Coded {
    support::code_with_lexicon(text, PartialDate::ymd(2023, 4, 17))
}

/// `TYPE source -> target @place` per event.
fn lines(c: &Coded) -> Vec<String> {
    c.events
        .iter()
        .map(|e| {
            let place = e.place.as_ref().map(|p| format!(" @{}", p.name)).unwrap_or_default();
            format!("{} {} -> {}{place}", e.kind, e.source.join("+"), e.target.join("+"))
        })
        .collect()
}

#[test]
fn a_strike_on_what_a_side_holds_hits_that_side() {
    let c = code(
        "Sudan's army launched air strikes on bases held by the paramilitary Rapid Support Forces in Khartoum on \
         Monday, as fighting spread to the western region of Darfur.",
    );
    assert!(
        lines(&c).iter().any(|e| e == "ASSAULT Sudanese Armed Forces -> Rapid Support Forces @Khartoum"),
        "{:?}",
        lines(&c)
    );
    let c = code("Government helicopters dropped barrel bombs on districts controlled by Jaish al-Islam in Douma.");
    assert!(lines(&c).iter().any(|e| e == "ASSAULT Syria -> Jaish al-Islam @Douma"), "{:?}", lines(&c));
}

#[test]
fn a_bare_side_before_its_posts_is_the_side() {
    let c = code(
        "Sudan's army shelled Omdurman on Sunday. In Nyala, the capital of South Darfur, RSF fighters seized the \
         local army garrison, two witnesses said.",
    );
    assert!(
        lines(&c).iter().any(|e| e == "COERCE Rapid Support Forces -> Sudanese Armed Forces @Nyala"),
        "{:?}",
        lines(&c)
    );
    let c = code("Russian jets struck rebel positions in Idlib province, the Syrian Observatory said.");
    assert!(lines(&c).iter().any(|e| e.starts_with("ASSAULT Russia -> Syrian opposition")), "{:?}", lines(&c));
}

#[test]
fn the_fighters_of_a_side_act_for_it_only_as_a_subject() {
    let c = code("Fighters of the Islamic State attacked army posts near Mosul, Iraqi officials said.");
    assert!(lines(&c).iter().any(|e| e.starts_with("ASSAULT Islamic State -> Iraq")), "{:?}", lines(&c));
    // Shelled units of the Tatmadaw: the Tatmadaw is hit, and does not kill the civilians.
    let c = code("The Arakan Army shelled units of the Tatmadaw near Sittwe, wounding 12 civilians.");
    assert!(lines(&c).iter().all(|e| !e.starts_with("ASSAULT Tatmadaw")), "{:?}", lines(&c));
}

#[test]
fn a_capital_after_a_locative_word_is_a_place() {
    let c = code("Israeli jets struck Hamas positions in Beirut overnight, and Damascus said it would respond.");
    assert!(lines(&c).iter().any(|e| e.starts_with("ASSAULT Israel") && e.ends_with("@Beirut")), "{:?}", lines(&c));
}
