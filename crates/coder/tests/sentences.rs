//! Snapshot tests: wire-copy style sentences, one feature each. Refresh with
//! `UPDATE_EXPECT=1 cargo test -p sitrep-coder --test sentences`.

mod support;

use expect_test::{expect, Expect};

fn check(src: &str, want: Expect) {
    let (_, coded) = support::code(src);
    want.assert_eq(&support::render(&coded));
}

#[test]
fn active_verb_with_place_and_activist_attribution() {
    check(
        "[Government forces|Syrian government] shelled [rebel|rebels]-held districts of Homs on Tuesday, killing 12, [activists|activists] said.",
        expect![[r#"
            event ASSAULT/heavy-weapons Syrian government -> rebels @Homs Reported by activists
        "#]],
    );
}

#[test]
fn aerial_mode_from_the_agent() {
    check(
        "[Turkish jets|Turkey] struck [Kurdish militia|YPG] positions near Afrin.",
        expect![[r#"
        event ASSAULT/aerial Turkey -> YPG @Afrin Asserted
    "#]],
    );
}

#[test]
fn retaking_a_town_transfers_control() {
    check(
        "[Iraqi forces|Iraqi government] retook the town of Rutba from [Islamic State|Islamic State] on June 2, 2016.",
        expect![[r#"
            event COERCE/seize Iraqi government -> Islamic State @Rutba 2016-06-02 Asserted
            relation controls Iraqi government -> Rutba start=2016-06-02 end=- Asserted
            relation controls Islamic State -> Rutba start=- end=2016-06-02 Asserted
        "#]],
    );
}

#[test]
fn reported_interception() {
    check(
        "The [Saudi-led coalition|Saudi-led coalition] said [it] intercepted a missile fired by the [Houthis|Houthis] at Jizan.",
        expect![[r#"
            event ASSAULT/heavy-weapons Houthis ->  @Jizan Reported by Saudi-led coalition
        "#]],
    );
}

#[test]
fn passive_with_coordinated_agents() {
    check(
        "[Rebel groups|rebels] were targeted by the [Russian|Russia] and [Syrian air forces|Syrian government] near Aleppo.",
        expect![[r#"
            event ASSAULT/aerial Russia+Syrian government -> rebels @Aleppo Asserted
        "#]],
    );
}

#[test]
fn denial_is_not_asserted() {
    check(
        "[Moscow|Russia] denied that [its|Russia] aircraft had bombed the hospital in Idlib.",
        expect![[r#"
            event ASSAULT/aerial Russia ->  @Idlib Negated by Russia
        "#]],
    );
}

#[test]
fn negated_ties() {
    check(
        "[Ahrar al-Sham|Ahrar al-Sham] have not broken off ties with [Nusra|Nusra Front].",
        expect![[r#"
        event SANCTION Ahrar al-Sham -> Nusra Front Negated
    "#]],
    );
}

#[test]
fn coalition_membership_with_dates_and_leaders() {
    check(
        "[Jaish al-Fatah|Jaish al-Fatah] is a coalition of rebel factions formed in March 2015 and led by [Nusra|Nusra Front] and [Ahrar al-Sham|Ahrar al-Sham]. In October 2015 [Jund al-Aqsa|Jund al-Aqsa] left the coalition.",
        expect![[r#"
            relation member_of Nusra Front -> Jaish al-Fatah start=2015-03 end=- Asserted
            relation member_of Ahrar al-Sham -> Jaish al-Fatah start=2015-03 end=- Asserted
            relation member_of Jund al-Aqsa -> Jaish al-Fatah start=- end=2015-10 Asserted
        "#]],
    );
}

#[test]
fn relative_clause_backing_and_alongside() {
    check(
        "[Ahrar|Ahrar al-Sham] and several other [rebel groups|rebels] that are backed by the [US|United States], were fighting alongside [Nusra|Nusra Front] against [pro-government forces|Syrian government].",
        expect![[r#"
            event COOPERATE/military Ahrar al-Sham+rebels -> Nusra Front Asserted
            event ASSAULT/military Ahrar al-Sham+rebels -> Syrian government Asserted
            relation backed_by Ahrar al-Sham -> United States start=- end=- Asserted
            relation backed_by rebels -> United States start=- end=- Asserted
        "#]],
    );
}

#[test]
fn agreement_party_and_exclusion() {
    check(
        "We know that [al-Nusra|Nusra Front] is not part of the cessation of hostilities. [Jaysh al-Islam|Jaish al-Islam] and [Ahrar al-Sham|Ahrar al-Sham] are party to the cessation.",
        expect![[r#"
            relation excluded_from Nusra Front -> cessation of hostilities start=- end=- Asserted
            relation party_to Jaish al-Islam -> cessation start=- end=- Asserted
            relation party_to Ahrar al-Sham -> cessation start=- end=- Asserted
        "#]],
    );
}

#[test]
fn designation_and_request() {
    check(
        "The [Russians|Russia] had designated [Ahrar al-Sham|Ahrar al-Sham] as terrorist. On April 27, [Mark Toner|Mark Toner] called on the [Russians|Russia] to refrain from targeting these factions.",
        expect![[r#"
            event REQUEST Mark Toner -> Russia 2016-04-27 Asserted
            relation designated_by Ahrar al-Sham -> Russia start=- end=- Asserted
        "#]],
    );
}

#[test]
fn pronoun_subject_in_the_next_sentence() {
    check(
        "Early on May 5, [Jaish al-Fatah|Jaish al-Fatah] launched an offensive on the town of Khan Tuman, which was in [government forces|Syrian government] ' hands. By May 6 the town had fallen into the hands of [Jaish al-Fatah|Jaish al-Fatah]. They violated the ceasefire.",
        expect![[r#"
            event ASSAULT/military Jaish al-Fatah -> Syrian government @Khan Tuman 2016-05-05 Asserted
            event COERCE/seize Jaish al-Fatah -> Syrian government @Khan Tuman 2016-05-06 Asserted
            relation controls Syrian government -> Khan Tuman start=- end=2016-05-06 Asserted
            relation controls Jaish al-Fatah -> Khan Tuman start=2016-05-06 end=- Asserted
            relation violated Jaish al-Fatah -> ceasefire start=2016-05-06 end=- Asserted
        "#]],
    );
}

#[test]
fn hypothetical_future_membership() {
    check(
        "[Jaish al-Fatah|Jaish al-Fatah] said the new operations room will include [Failaq al-Sham|Failaq al-Sham] and [Ajnad al-Sham|Ajnad al-Sham].",
        expect![[r#"
            relation member_of Failaq al-Sham -> Jaish al-Fatah start=- end=- Hypothetical by Jaish al-Fatah
            relation member_of Ajnad al-Sham -> Jaish al-Fatah start=- end=- Hypothetical by Jaish al-Fatah
        "#]],
    );
}

#[test]
fn suicide_attack_nominal_trigger() {
    check(
        "[Islamic State|Islamic State] claimed a suicide bomb attack in Baghdad on [Shiite militiamen|Popular Mobilization Forces] that killed 30.",
        expect![[r#"
            event ASSAULT/suicide-attack Islamic State -> Popular Mobilization Forces @Baghdad Reported by Islamic State
        "#]],
    );
}

#[test]
fn explain_names_the_pattern() {
    let (text, mentions) = support::parse_markup(
        "[Islamic State|Islamic State] claimed a suicide bomb attack in Baghdad on [Shiite militiamen|Popular Mobilization Forces] that killed 30.",
    );
    let d = support::doc(&text, None);
    let seg = sitrep_text::segment(&d);
    let coder = sitrep_coder::Coder::new(sitrep_coder::Patterns::builtin());
    let out = coder.explain(&d, &seg, &mentions, &[], 0);
    println!("{out}");
    assert!(out.contains("event assault.suicide"), "{out}");
}
