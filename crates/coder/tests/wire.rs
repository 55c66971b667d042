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
