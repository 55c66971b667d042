//! Place matching and disambiguation, table-driven, plus the seed report's
//! places against its hand-coded gold (skipped when the shared data is absent).

use sitrep_geo::{place_for_span, EntryKind, Gazetteer, PlaceKind, PlaceMention};
use sitrep_model::Span;
use std::path::PathBuf;

fn gaz() -> &'static Gazetteer {
    Gazetteer::embedded()
}

fn find(text: &str) -> Vec<PlaceMention> {
    let seg = sitrep_text::segment_text(text, &[]);
    gaz().find_places(text, &seg.sentences, &[])
}

/// (name, kind, country, precision) of every mention, in text order.
fn summary(text: &str) -> Vec<(String, PlaceKind, String, u8)> {
    find(text).into_iter().map(|m| (m.name, m.kind, m.place.country.unwrap_or_default(), m.place.precision)).collect()
}

#[test]
fn embedded_gazetteer_loads_cleanly() {
    let g = gaz();
    assert!(g.len() > 170_000, "{} entries", g.len());
    assert!(g.issues.is_empty(), "{:?}", &g.issues[..g.issues.len().min(3)]);
    assert_eq!(g.country("SY").map(|c| c.name.as_str()), Some("Syria"));
    assert!(g.country("SY").unwrap().neighbours().any(|n| n == "LB"));
}

#[test]
fn spelling_variants_look_up_one_place() {
    // (spellings, expected canonical name of the top candidate of that kind, country)
    let table: &[(&[&str], EntryKind, &str, &str)] = &[
        (&["Aleppo", "Halab", "Alep", "Haleb"], EntryKind::City, "Aleppo", "SY"),
        (&["Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir ez Zor"], EntryKind::City, "Deir ez-Zor", "SY"),
        (&["Raqqa", "Ar-Raqqah", "Raqqah", "al-Raqqa"], EntryKind::City, "Ar Raqqah", "SY"),
        (&["Khan Shaykhun", "Khan Sheikhoun", "Khān Shaykhūn"], EntryKind::City, "Khān Shaykhūn", "SY"),
        (&["Idlib", "Idleb"], EntryKind::Admin1, "Idlib", "SY"),
        (&["Rural Damascus", "Rif Dimashq"], EntryKind::Admin1, "Rif-dimashq", "SY"),
        (&["al-Ghab plain", "Sahl al-Ghab", "Ghab Plain"], EntryKind::Region, "Ghab Plain", "SY"),
        (&["Eastern Ghouta", "East Ghouta"], EntryKind::Region, "Eastern Ghouta", "SY"),
        (&["U.S.", "United States of America", "USA"], EntryKind::Country, "United States", "US"),
    ];
    for (spellings, kind, name, cc) in table {
        for s in *spellings {
            let hits = gaz().lookup(s);
            let e = hits.iter().find(|e| e.kind == *kind && e.country == *cc);
            assert_eq!(e.map(|e| e.name.as_str()), Some(*name), "{s}");
        }
    }
}

#[test]
fn similar_names_of_different_places_do_not_merge() {
    let tuman = gaz().lookup("Khan Tuman");
    let shaykhun = gaz().lookup("Khan Shaykhun");
    assert!(shaykhun.iter().any(|e| e.country == "SY"));
    assert!(tuman.iter().all(|e| !e.name.contains("Shaykh")), "{tuman:?}");
    assert!(gaz().lookup("Homs").iter().all(|e| e.name != "Hama"));
}

#[test]
fn places_in_context() {
    type Row = (&'static str, &'static str, &'static [(&'static str, PlaceKind, &'static str, u8)]);
    use PlaceKind::*;
    let table: &[Row] = &[
        ("bare city", "Shelling hit Aleppo overnight.", &[("Aleppo", City, "SY", 1)]),
        ("division by suffix", "Rebels hold most of Idlib province.", &[("Idlib province", Admin1, "SY", 3)]),
        ("division by prefix", "They entered the province of Hama.", &[("Hama", Admin1, "SY", 3)]),
        ("qualified city", "A huge offensive began in South Aleppo.", &[("South Aleppo", City, "SY", 2)]),
        ("countryside", "Jets struck the Homs countryside again.", &[("Homs countryside", City, "SY", 2)]),
        (
            "Tripoli near Syria",
            "Refugees from Homs reached Tripoli on Sunday.",
            &[("Homs", City, "SY", 1), ("Tripoli", City, "LB", 1)],
        ),
        (
            "Tripoli in Libya",
            "Libya's rival governments both claim Tripoli.",
            &[("Libya", Country, "LY", 3), ("Tripoli", City, "LY", 1)],
        ),
        ("Tripoli alone", "Clashes erupted in Tripoli.", &[("Tripoli", City, "LY", 1)]),
        (
            "region from the hand list",
            "Government troops advanced across the al-Ghab plain.",
            &[("al-Ghab plain", Region, "SY", 2)],
        ),
        (
            "unknown village after a cue takes the enclosing place",
            "Fighters seized the village of Khan Touman, south of Aleppo.",
            &[("Khan Touman", Unknown, "SY", 2), ("Aleppo", City, "SY", 1)],
        ),
        (
            "unknown village with only a country",
            "Fighters seized the village of Khan Touman in Syria.",
            &[("Khan Touman", Unknown, "SY", 3), ("Syria", Country, "SY", 3)],
        ),
        ("group names are not places", "Ahrar al-Sham and Jaish al-Islam met John Kirby.", &[]),
        (
            "lowercase and sentence-initial common words",
            "Reading the report in bath, she found it nice. May brought rain to reading rooms.",
            &[],
        ),
        (
            "people and diseases that share names with towns",
            "One question on Zika, Mary. Justice Kennedy and Dave spoke; He’ll decide. \
             Spc. Lorraine Walsh served in American units.",
            &[],
        ),
        (
            "list after a cue",
            "Rebels advanced in Saraqib, Binnish and Taftanaz.",
            &[("Saraqib", City, "SY", 1), ("Binnish", City, "SY", 1), ("Taftanaz", City, "SY", 1)],
        ),
        ("timezone", "By 7:00 am Damascus time the town had fallen.", &[]),
        (
            "country short forms",
            "The U.S. and Britain backed the plan; Russia did not.",
            &[("U.S.", Country, "US", 3), ("Britain", Country, "GB", 3), ("Russia", Country, "RU", 3)],
        ),
    ];
    for (what, text, want) in table {
        let got = summary(text);
        let want: Vec<(String, PlaceKind, String, u8)> =
            want.iter().map(|(n, k, c, p)| (n.to_string(), *k, c.to_string(), *p)).collect();
        assert_eq!(got, want, "{what}: {text}");
    }
}

#[test]
fn unknown_place_without_any_context_has_no_coordinates() {
    let m = find("Residents fled the village of Zubaydiyat al-Qatt.");
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].kind, PlaceKind::Unknown);
    assert_eq!((m[0].place.lat, m[0].place.lon), (None, None));
}

#[test]
fn a_continent_borrows_no_coordinates_from_the_towns_around_it() {
    // Neither from the document's main country nor from a town in the same sentence.
    for text in [
        "The President arrived in Tokyo on Monday. Secretary Kerry is holding talks over in Europe.",
        "Secretary Kerry flew from Tokyo to talks in Europe.",
    ] {
        let m = find(text);
        let p = m.iter().find(|p| p.name == "Europe").unwrap_or_else(|| panic!("{text}: {m:?}"));
        assert_eq!((p.place.lat, p.place.lon, p.place.country.as_deref()), (None, None, None), "{text}: {p:?}");
        assert_eq!(p.place.precision, 3);
    }
    // A village the gazetteer lacks still borrows from the town named beside it.
    let m = find("Shelling hit the village of Zubaydiyat al-Qatt near Aleppo.");
    let v = m.iter().find(|p| p.name.contains("Zubaydiyat")).expect("the village");
    assert_eq!((v.place.precision, v.place.country.as_deref()), (2, Some("SY")), "{v:?}");
}

#[test]
fn a_name_that_only_folds_to_a_far_city_is_not_that_city() {
    // "Maan" folds like Man, a city of 140,000 in Ivory Coast, which the report never names.
    let m = find("In Syria, government troops seized the village of Maan, about 20 km north of Hama.");
    let maan = m.iter().find(|p| p.name == "Maan").expect("Maan is still a place");
    assert_ne!(maan.place.country.as_deref(), Some("CI"), "{maan:?}");
    // Spelled as the gazetteer spells it (article aside), a city stays safe on its name.
    let m = find("France condemned the attack on El Fasher.");
    let fasher = m.iter().find(|p| p.name == "El Fasher").expect("El Fasher");
    assert_eq!(fasher.place.country.as_deref(), Some("SD"), "{fasher:?}");
}

#[test]
fn a_foreign_case_form_of_a_city_is_no_key() {
    // "Kievu" (a case form of Kiev) folds like Kivu: North Kivu is in Congo, not Ukraine.
    let m = find("Fighting between the army and the M23 spread across North Kivu and into Sud-Kivu and Ituri.");
    for name in ["North Kivu", "Sud-Kivu", "Ituri"] {
        let p = m.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} in {m:?}"));
        assert_eq!(p.place.country.as_deref(), Some("CD"), "{p:?}");
    }
    let m = find("Drones hit Kiev overnight.");
    assert_eq!(m.first().and_then(|p| p.place.country.as_deref()), Some("UA"), "{m:?}");
}

#[test]
fn excluded_actor_spans_are_never_places() {
    let text = "Jordan said the talks would resume.";
    let seg = sitrep_text::segment_text(text, &[]);
    assert_eq!(gaz().find_places(text, &seg.sentences, &[]).len(), 1);
    assert!(gaz().find_places(text, &seg.sentences, &[Span::new(0, 6)]).is_empty());
}

#[test]
fn a_town_s_longer_name_wins_over_an_actor_alias_inside_it() {
    // "Sadr" and "Abbas" are actor aliases the lexicon would exclude.
    let text = "A car bomb exploded in Sadr City. Ships waited off Bandar Abbas.";
    let seg = sitrep_text::segment_text(text, &[]);
    let sadr = Span::new(23, 27);
    let abbas = Span::new(58, 63);
    assert_eq!((sadr.slice(text), abbas.slice(text)), ("Sadr", "Abbas"));
    let names: Vec<String> =
        gaz().find_places(text, &seg.sentences, &[sadr, abbas]).into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["Sadr City", "Bandar Abbas"]);
    // An actor name reaching past the place still excludes it, and a
    // country's longer name never overrides the actor inside it.
    let text = "Jordan Valley farmers met. The Republic of Yemen said so.";
    let seg = sitrep_text::segment_text(text, &[]);
    let found = gaz().find_places(text, &seg.sentences, &[Span::new(0, 13), Span::new(43, 48)]);
    assert!(found.iter().all(|m| m.name != "Jordan Valley" && !m.name.contains("Yemen")), "{found:?}");
}

#[test]
fn event_place_prefers_the_cued_place_in_the_sentence() {
    let text = "Russian jets bombed Syria.\n\nOfficials in Moscow said aircraft struck Ariha, near Idlib. \
                The raids continued.";
    let seg = sitrep_text::segment_text(text, &[]);
    let m = gaz().find_places(text, &seg.sentences, &[]);
    let s1 = &seg.sentences[1];
    let trigger = Span::new(text.find("struck").unwrap(), text.find("struck").unwrap() + 6);
    assert_eq!(place_for_span(&m, s1, trigger).map(|p| p.name), Some("Ariha".to_string()));
    // A sentence with no place borrows the paragraph's last one.
    let s2 = &seg.sentences[2];
    assert_eq!(place_for_span(&m, s2, s2.span).map(|p| p.name), Some("Idlib".to_string()));
    // The first paragraph's country does not leak into the second.
    assert_eq!(place_for_span(&m, &seg.sentences[0], seg.sentences[0].span).map(|p| p.name), Some("Syria".into()));
}

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

#[test]
fn seed_report_places_match_gold() {
    let Some(shared) = shared() else {
        eprintln!("note: shared data absent, seed test skipped");
        return;
    };
    let Ok(text) = std::fs::read_to_string(shared.join("corpus/seeds/000_bbdecdbfa3fa171b.txt")) else {
        eprintln!("note: seed report absent, skipped");
        return;
    };
    let gold: serde_json::Value = match std::fs::read_to_string(shared.join("gold/dev/000_bbdecdbfa3fa171b.gold.json"))
    {
        Ok(s) => serde_json::from_str(&s).expect("gold parses"),
        Err(_) => {
            eprintln!("note: seed gold absent, skipped");
            return;
        }
    };
    let found = find(&text);
    for m in &found {
        assert_eq!(m.span.slice(&text), m.name, "span and name agree");
    }
    let fold = |s: &str| s.to_lowercase().replace(['-', ' '], "").trim_start_matches("al").to_string();
    let places = gold["places"].as_object().expect("gold places table");
    for (id, aliases) in places {
        let aliases: Vec<String> = aliases.as_array().unwrap().iter().map(|a| fold(a.as_str().unwrap())).collect();
        let hit = found.iter().find(|m| aliases.contains(&fold(&m.name)));
        assert!(
            hit.is_some(),
            "gold place {id} not found; found {:?}",
            found.iter().map(|m| &m.name).collect::<Vec<_>>()
        );
    }
    let aleppo = gaz().lookup("Aleppo").into_iter().find(|e| e.kind == EntryKind::City).unwrap();
    let khan = found.iter().find(|m| m.name == "Khan Touman").expect("Khan Touman");
    assert_eq!(khan.kind, PlaceKind::Unknown);
    assert_eq!((khan.place.precision, khan.place.lat, khan.place.lon), (2, Some(aleppo.lat), Some(aleppo.lon)));
    let idlib = found.iter().find(|m| m.name == "Idlib province").expect("Idlib province");
    assert_eq!((idlib.kind, idlib.place.precision), (PlaceKind::Admin1, 3));
    for name in ["Al-Mastuma", "Ariha", "Al-Ghab"] {
        let m = found.iter().find(|m| m.name == name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(m.place.country.as_deref(), Some("SY"), "{name}");
        assert!(m.place.lat.is_some(), "{name}");
    }
    // Group names in the report must not surface as places.
    for m in &found {
        assert!(!["Sham", "al-Sham", "Jund", "Yalla", "Barra", "Khan"].contains(&m.name.as_str()), "{m:?}");
    }
}

#[test]
fn countries_named_as_actors_decide_between_namesakes() {
    let text = "The army retook Palmyra with air support from Russia.";
    let country_of = |hints: &[&str]| {
        let hints: Vec<String> = hints.iter().map(|h| gaz().country_code(h).expect("a country")).collect();
        gaz()
            .find_places_hinted(text, &[], &[], &hints)
            .into_iter()
            .find(|m| m.place.name == "Palmyra")
            .and_then(|m| m.place.country)
    };
    // The regime's army and Russian air support: Tadmur in Syria, not the
    // bigger Palmira in Colombia that "Palmyra" only folds to.
    assert_eq!(country_of(&["Syria", "Russia"]).as_deref(), Some("SY"));
    assert_eq!(gaz().country_code("Syrian Arab Republic").as_deref(), Some("SY"));
    assert_eq!(gaz().country_code("Hezbollah"), None);
    // A city spelled as the text spells it stays what everyone means, even
    // when the document's actors are American.
    let geneva = gaz()
        .find_places_hinted("Talks resumed in Geneva on Monday.", &[], &[], &["US".to_string()])
        .into_iter()
        .find(|m| m.place.name == "Geneva")
        .and_then(|m| m.place.country);
    assert_eq!(geneva.as_deref(), Some("CH"));
}

#[test]
fn a_foreign_town_matched_only_by_an_alternate_name_is_not_taken() {
    // "Dabek" is an alternate name of Dubuque, Iowa, and folds like "Dabiq": in a report about
    // Syria the town stays an unknown Syrian place, never a point in the United States.
    let m = find("Syrian rebels backed by Turkey entered the Syrian town of Dabiq near Aleppo on Sunday.");
    let dabiq = m.iter().find(|m| m.name == "Dabiq").unwrap_or_else(|| panic!("{m:?}"));
    assert_ne!(dabiq.place.country.as_deref(), Some("US"), "{dabiq:?}");
    // Without any country in the document the alternate name still serves.
    let m = find("Fighting was reported in the town of Dabek.");
    assert!(m.iter().any(|m| m.place.country.as_deref() == Some("US")), "{m:?}");
}

#[test]
fn including_after_a_plural_place_noun_lists_places() {
    let s =
        summary("Fano fighters seized control of several towns in the region, including Lalibela, Gondar and Woldia.");
    let names: Vec<&str> = s.iter().map(|x| x.0.as_str()).collect();
    assert!(["Lalibela", "Gondar", "Woldia"].iter().all(|n| names.contains(n)), "{s:?}");
    assert!(s.iter().all(|x| x.2 == "ET"), "{s:?}");
    // Not after a noun that names no places: "including John" is nobody's town.
    let s = summary("Several officials resigned, including Gregory and Mary.");
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn a_capital_the_text_does_not_name_is_the_capital_of_the_country_it_means() {
    let capital = |text: &str| -> Vec<(String, String)> {
        find(text)
            .into_iter()
            .filter(|m| m.span.slice(text).starts_with("capital"))
            .map(|m| (m.name, m.place.country.unwrap_or_default()))
            .collect()
    };
    let one = |name: &str, cc: &str| vec![(name.to_string(), cc.to_string())];
    // The document's country.
    assert_eq!(
        capital("Fighting spread from Baidoa in Somalia to a hotel in the capital on Friday."),
        one("Mogadishu", "SO")
    );
    // The country the phrase names, whatever else the document names.
    assert_eq!(
        capital("After the talks in Baidoa, Russian missiles struck the Ukrainian capital overnight."),
        one("Kyiv", "UA")
    );
    assert_eq!(capital("Gunmen attacked a checkpoint outside Somalia's capital near Baidoa."), one("Mogadishu", "SO"));
    assert_eq!(capital("Residents of Mosul fled to the capital of Syria."), one("Damascus", "SY"));
    assert_eq!(capital("Fighting near Homs reached the South Sudanese capital city."), one("Juba", "SS"));
    // No national capital, or one the text names itself.
    for text in [
        "Rebels shelled the provincial capital of Idlib on Monday.",
        "Investors in Baidoa moved capital markets.",
        "Troops in Baidoa entered the capital, Mogadishu, on Friday.",
        "In Somalia, the insurgents' capital fell.",
        "In Somalia, the rebel capital fell.",
        "In Syria, the region's capital was shelled.",
    ] {
        assert_eq!(capital(text), vec![], "{text}");
    }
}

#[test]
fn every_capital_in_the_table_is_in_the_gazetteer() {
    // A typo in the table would silently place nothing: each capital must resolve in its country.
    let text = "Troops in the capital.";
    for cc in ["SO", "UA", "MM", "YE", "SD", "ML", "AF", "IQ", "SY", "LY", "US", "IN", "BR", "CM", "TD"] {
        let m = gaz().find_places_hinted(text, &[], &[], &[cc.to_string()]);
        assert_eq!(m.len(), 1, "{cc}: {m:?}");
        assert_eq!(m[0].place.country.as_deref(), Some(cc), "{m:?}");
        assert_eq!(m[0].place.precision, 1, "{m:?}");
    }
}

#[test]
fn names_joined_by_lowercase_particles_are_read_whole() {
    // French joins and the Persian ezafe; "Port" alone is no place (it folds like an old
    // spelling of Perth), and a capital "I" is a numeral, not the ezafe.
    let names = |text: &str| summary(text).into_iter().map(|(n, _, c, _)| format!("{n} {c}")).collect::<Vec<_>>();
    assert_eq!(names("Gangs attacked police stations in Port-au-Prince on Monday."), ["Port-au-Prince HT"]);
    assert_eq!(names("Armed men stormed a prison in Croix-des-Bouquets."), ["Croix-des-Bouquets HT"]);
    assert_eq!(names("Fighting was reported in Mazar-i-Sharif."), ["Mazar-i-Sharif AF"]);
    assert_eq!(names("Fighting was reported in Mazar-e Sharif."), ["Mazar-e Sharif AF"]);
    assert_eq!(names("Fighting was reported in Qala i Naw on Friday."), ["Qala i Naw AF"]);
    assert_eq!(names("Soldiers shelled Nioko I in Burkina Faso."), ["Nioko I BF", "Burkina Faso BF"]);
    assert!(names("The ship reached Port on Friday.").is_empty());
}
