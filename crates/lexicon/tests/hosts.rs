//! Generic phrases follow the state a document is about: "the government" is
//! the state the document names (a host of the lexicon first, else any state),
//! and the bare "rebels" or "the opposition" are Syria's only in reports on Syria (elsewhere the
//! armed group just named).

use sitrep_lexicon::{whole_text_segmentation, Lexicon};

/// The actor id each mention of of `phrase` in `text` resolves to.
fn resolved(text: &str, phrase: &str) -> Vec<Option<String>> {
    let lex = Lexicon::embedded();
    let seg = whole_text_segmentation(text);
    lex.mentions(text, &seg)
        .into_iter()
        .filter(|m| m.span.slice(text).eq_ignore_ascii_case(phrase))
        .map(|m| m.actor)
        .collect()
}

#[test]
fn the_government_is_the_state_the_document_names() {
    let text = "Voters in Egypt go to the polls on Sunday. The opposition accused the government of failing \
                to control housing costs.";
    assert_eq!(resolved(text, "the government"), vec![Some("egypt".to_owned())]);
    // Unresolved generic phrases are no mentions at all.
    assert!(resolved(text, "opposition").is_empty());
}

#[test]
fn without_a_state_named_the_government_is_the_named_actors_state() {
    let text = "Badr Organization fighters clashed with protesters, and the government ordered an inquiry.";
    assert_eq!(resolved(text, "the government"), vec![Some("iraq".to_owned())]);
    let text = "Al-Shabaab fighters attacked a base near Baidoa, and the government sent reinforcements.";
    assert_eq!(resolved(text, "the government"), vec![Some("somalia".to_owned())]);
}

#[test]
fn a_host_of_the_lexicon_comes_before_other_states() {
    let text = "Egypt and Qatar mediated. In Sudan, the government accused the Rapid Support Forces of \
                shelling a market in Omdurman; Sudan's army said it repelled the attack.";
    assert_eq!(resolved(text, "the government"), vec![Some("sudan".to_owned())]);
}

#[test]
fn rebels_are_syrian_only_in_reports_on_syria() {
    let syria = "Rebels shelled positions held by the Syrian army north of Aleppo, Syria's state media said.";
    assert_eq!(resolved(syria, "Rebels"), vec![Some("syrian_opposition".to_owned())]);
    assert_eq!(resolved(syria, "the Syrian army"), vec![Some("syria".to_owned())]);
    let colombia = "Rebels attacked an army base in southern Colombia, the government said.";
    assert!(resolved(colombia, "Rebels").is_empty());
    assert_eq!(resolved(colombia, "the government"), vec![Some("colombia".to_owned())]);
}

#[test]
fn the_syrian_army_is_syria_in_a_report_on_another_war() {
    let text = "Ukraine's army said Russian forces shelled Kharkiv. Unlike the Syrian army in 2016, the \
                Ukrainian military has Western air defences.";
    assert_eq!(resolved(text, "the Syrian army"), vec![Some("syria".to_owned())]);
}

#[test]
fn in_a_transcript_of_one_states_officials_the_government_is_theirs() {
    use sitrep_model::{Paragraph, ParagraphKind, Sentence, Span};
    let text = "MR. EARNEST: The government is taking steps to help Syria's neighbours, and the military is \
                ready. The regime in Syria has not kept the cessation.";
    let label = Span::new(0, "MR. EARNEST".len());
    let mut seg = whole_text_segmentation(text);
    seg.paragraphs =
        vec![Paragraph { kind: ParagraphKind::Turn, speaker_label: Some(label), ..seg.paragraphs[0].clone() }];
    seg.sentences = vec![Sentence { span: Span::new(label.end + 2, text.len()), ..seg.sentences[0].clone() }];
    let lex = Lexicon::embedded();
    let got = |phrase: &str| -> Vec<Option<String>> {
        lex.mentions(text, &seg)
            .into_iter()
            .filter(|m| m.span.slice(text).eq_ignore_ascii_case(phrase))
            .map(|m| m.actor)
            .collect()
    };
    assert_eq!(got("The government"), vec![Some("united_states".to_owned())]);
    assert_eq!(got("the military"), vec![Some("united_states".to_owned())]);
    // "The regime" is never one's own.
    assert_eq!(got("The regime"), vec![Some("syria".to_owned())]);
    // Without the turn label the same words are Syria's.
    assert_eq!(resolved(text, "The government"), vec![Some("syria".to_owned())]);
}

#[test]
fn a_spokesman_serves_the_state_his_ministry_belongs_to() {
    let lex = Lexicon::embedded();
    assert_eq!(lex.served_state("john_kirby").as_deref(), Some("united_states"));
    assert_eq!(lex.served_state("josh_earnest").as_deref(), Some("united_states"));
    assert_eq!(lex.served_state("united_states").as_deref(), Some("united_states"));
    assert_eq!(lex.served_state("no_such_actor"), None);
}

/// Like [`resolved`], with a sentence ending at each ". " or "? " of `text`.
fn resolved_in_sentences(text: &str, phrase: &str) -> Vec<Option<String>> {
    use sitrep_model::{Paragraph, ParagraphKind, Segmentation, Sentence, Span};
    let mut sentences = Vec::new();
    let mut start = 0;
    let ends = text.match_indices(". ").chain(text.match_indices("? ")).map(|(i, _)| i);
    let mut ends: Vec<usize> = ends.collect();
    ends.sort_unstable();
    for i in ends {
        sentences.push(Span::new(start, i + 1));
        start = i + 2;
    }
    sentences.push(Span::new(start, text.len()));
    let seg = Segmentation {
        paragraphs: vec![Paragraph {
            index: 0,
            span: Span::new(0, text.len()),
            kind: ParagraphKind::Text,
            speaker_label: None,
        }],
        sentences: sentences
            .into_iter()
            .enumerate()
            .map(|(index, span)| Sentence { index, paragraph: 0, span })
            .collect(),
    };
    Lexicon::embedded()
        .mentions(text, &seg)
        .into_iter()
        .filter(|m| m.span.slice(text).eq_ignore_ascii_case(phrase))
        .map(|m| m.actor)
        .collect()
}

#[test]
fn the_government_is_the_state_named_nearest_before_it() {
    // The story never names Syria, only its groups; its last paragraph names Iraq twice.
    let text = "Syrian rebels said they repelled an attack by government forces north of Hama. The Free Syrian \
                Army said the regime shelled Kafr Zita. Islamic State fighters attacked Kurdish peshmerga near \
                Mosul in Iraq. The US-led coalition struck the group in Iraq on Sunday.";
    assert_eq!(resolved_in_sentences(text, "government forces"), vec![Some("syria".to_owned())]);
    assert_eq!(resolved_in_sentences(text, "the regime"), vec![Some("syria".to_owned())]);
    // A resolved generic names its state for the next one: "the Assad regime" two sentences back.
    let text = "Obama urged Putin to use his influence with the Assad regime. We believe the Russians can do \
                more. Iraq and Yemen were discussed at length, and Iraq again. So this attack was likely the regime?";
    assert_eq!(
        resolved_in_sentences(text, "the regime"),
        vec![Some("iraq".to_owned())],
        "three sentences back is too far"
    );
    let text = "Obama urged Putin to use his influence with the Assad regime. We believe the Russians can do more. \
                So this attack was likely the regime? Iraq and Yemen were discussed, and Iraq again, and Iraq.";
    assert_eq!(resolved_in_sentences(text, "the regime"), vec![Some("syria".to_owned())]);
}

#[test]
fn the_junta_is_the_state_the_document_is_about() {
    let text =
        "Rebels in Myanmar took Laukkai. The United States has called on the junta to stop attacks on civilians.";
    assert_eq!(resolved(text, "the junta"), vec![Some("myanmar".to_owned())]);
}

#[test]
fn a_syrian_agreement_written_in_lower_case_is_syrian_only_where_syria_is_named() {
    let text = "Israel and Hezbollah agreed to a truce. Biden called it a permanent cessation of hostilities.";
    assert!(resolved(text, "cessation of hostilities").iter().all(|a| a.as_deref() != Some("coh_2016")));
    let text = "Jabhat al-Nusra is not a party to the cessation of hostilities in Syria.";
    assert_eq!(resolved(text, "the cessation of hostilities"), vec![Some("coh_2016".to_owned())]);
}

#[test]
fn the_rebels_elsewhere_are_the_group_just_named() {
    let text = "M23 fighters entered Goma on Monday. The UN said the rebels had seized the airport.";
    assert_eq!(resolved(text, "rebels"), vec![Some("m23".to_owned())]);
}

#[test]
fn plain_congo_is_the_democratic_republic_and_the_other_congo_is_named_in_full() {
    let lex = sitrep_lexicon::Lexicon::embedded();
    assert_eq!(lex.resolve("Congo").map(|e| e.id.as_str()), Some("dr_congo"));
    assert_eq!(lex.resolve("Republic of Congo").map(|e| e.id.as_str()), Some("republic_of_the_congo"));
    assert_eq!(lex.resolve("Democratic Republic of Congo").map(|e| e.id.as_str()), Some("dr_congo"));
}
