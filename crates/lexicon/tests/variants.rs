//! Variant spellings of one entity resolve to one id, and different entities
//! never share one (near-collisions included).

use sitrep_lexicon::Lexicon;
use std::collections::HashMap;

/// (expected id, spellings seen in reporting).
const SETS: &[(&str, &[&str])] = &[
    ("jaish_al_islam", &["Jaish al-Islam", "Jaysh al-Islam", "Jeish al-Islam", "Army of Islam", "JAISH AL ISLAM"]),
    (
        "jaish_al_fateh",
        &["Jaish al-Fateh", "Jaish al Fateh", "Jaish al-Fatah", "Jaysh al-Fatah", "Army of Conquest", "Jaish al-Fath"],
    ),
    ("jaish_al_sunna", &["Jaish al-Sunna", "Jaysh al-Sunna", "Jaish al-Sunnah", "Army of the Sunna"]),
    ("ajnad_al_sham", &["Ajnad al-Sham", "Ajnad ash-Sham", "Ajnad as-Sham", "Ajnad el-Sham"]),
    ("faylaq_al_sham", &["Faylaq al-Sham", "Failaq al-Sham", "Feylaq al-Sham", "Sham Legion", "Faylaq ash-Sham"]),
    (
        "ahrar_al_sham",
        &[
            "Ahrar al-Sham",
            "Ahrar ash-Sham",
            "Harakat Ahrar al-Sham",
            "Ahrar al-Sham al-Islamiyya",
            "Ahrar al-Sham al-Islamiyyah",
        ],
    ),
    (
        "nusra_front",
        &[
            "Jabhat al-Nusra",
            "Jabhat al-Nusrah",
            "al-Nusra Front",
            "Nusra Front",
            "Nusra",
            "al-Nusrah",
            "Jabhat an-Nusra",
            "Jabhat Fateh al-Sham",
            "Jabhat Fatah al-Sham",
            "Al-Qaeda's branch in Syria",
        ],
    ),
    ("liwa_al_haqq", &["Liwa al-Haqq", "Lewaa al-Haq", "Liwa al-Haq", "Liwaa al-Haqq"]),
    (
        "tip",
        &[
            "Turkistan Islamic Party",
            "Turkestan Islamic Party",
            "Hezb al-Islami al-Turkestani",
            "Hizb al-Islami al-Turkistani",
            "TIP",
        ],
    ),
    ("jund_al_aqsa", &["Jund al-Aqsa", "Jund al Aqsa", "Jund el-Aqsa"]),
    (
        "nour_al_din_al_zenki",
        &[
            "Nour al-Din al-Zenki",
            "Nur al-Din al-Zinki",
            "Nour el-Din el-Zenki",
            "Noureddine al-Zenki",
            "Harakat Nour al-Din al-Zenki",
        ],
    ),
    ("jaish_al_izza", &["Jaish al-Izza", "Jaysh al-Izza", "Jaish al-Ezza", "Jaysh al-Izzah"]),
    ("levant_front", &["Levant Front", "al-Jabha al-Shamiya", "Jabhat al-Shamiya", "Shamiya Front"]),
    ("southern_front", &["Southern Front", "al-Jabha al-Janubiya"]),
    ("sna", &["Syrian National Army", "SNA", "Turkish-backed Syrian National Army"]),
    ("nfl", &["National Front for Liberation", "National Liberation Front", "NLF"]),
    ("fsa", &["Free Syrian Army", "FSA", "free syrian army"]),
    ("sdf", &["Syrian Democratic Forces", "SDF"]),
    ("syria_arab_army", &["Syrian Arab Army", "SAA", "Syrian army"]),
    ("ypg", &["YPG", "People's Protection Units", "Peoples Protection Units", "People’s Protection Units"]),
    ("ypj", &["YPJ", "Women's Protection Units"]),
    ("pkk", &["PKK", "Kurdistan Workers' Party", "Kurdistan Workers Party"]),
    ("kdp", &["KDP", "Kurdistan Democratic Party"]),
    ("puk", &["PUK", "Patriotic Union of Kurdistan"]),
    ("pyd", &["PYD", "Democratic Union Party"]),
    ("peshmerga", &["Peshmerga", "Kurdish Peshmerga", "peshmerga forces"]),
    ("hezbollah", &["Hezbollah", "Hizbullah", "Hizballah", "Hizbollah", "Lebanese Hezbollah"]),
    ("irgc", &["IRGC", "Islamic Revolutionary Guard Corps", "Revolutionary Guards"]),
    ("quds_force", &["Quds Force", "Qods Force", "IRGC-QF"]),
    ("ndf", &["National Defence Forces", "National Defense Forces", "NDF"]),
    ("tiger_forces", &["Tiger Forces", "Quwat al-Nimr", "Qawat al-Nimr"]),
    (
        "pmf",
        &[
            "Popular Mobilization Forces",
            "Popular Mobilisation Forces",
            "PMF",
            "PMU",
            "Hashd al-Shaabi",
            "al-Hashd al-Shaabi",
            "Hashd ash-Shaabi",
        ],
    ),
    ("kataib_hezbollah", &["Kata'ib Hezbollah", "Kataib Hezbollah", "Kataib Hizbullah", "Kataeb Hezbollah"]),
    ("asaib_ahl_al_haq", &["Asa'ib Ahl al-Haq", "Asaib Ahl al-Haqq", "League of the Righteous"]),
    ("badr_organization", &["Badr Organization", "Badr Organisation", "Badr Brigades"]),
    ("cts_iraq", &["Counter Terrorism Service", "Counter-Terrorism Service", "Golden Division"]),
    ("iraqi_security_forces", &["Iraqi Security Forces", "ISF", "Iraqi army", "Iraqi forces"]),
    (
        "isis",
        &[
            "ISIS",
            "ISIL",
            "Daesh",
            "Da'ish",
            "Islamic State",
            "Islamic State of Iraq and the Levant",
            "Islamic State of Iraq and al-Sham",
            "Islamic State of Iraq and ash-Sham",
            "the Islamic State",
        ],
    ),
    ("al_qaeda", &["al-Qaeda", "al-Qaida", "Al Qaeda", "al-Qa'ida", "Al-Qaeda"]),
    ("aqap", &["AQAP", "al-Qaeda in the Arabian Peninsula", "al-Qaida in the Arabian Peninsula"]),
    ("aqi", &["AQI", "al-Qaeda in Iraq", "al-Qaida in Iraq"]),
    ("hts", &["Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham", "HTS", "Tahrir al-Sham", "Hayat Tahrir ash-Sham"]),
    ("hurras_al_din", &["Hurras al-Din", "Huras al-Din", "Hurras ad-Din", "Guardians of Religion"]),
    (
        "jaish_al_muhajireen_wal_ansar",
        &["Jaish al-Muhajireen wal-Ansar", "Jaish al-Muhajirin wal-Ansar", "Jaysh al-Muhajireen wal-Ansar"],
    ),
    ("islamic_front", &["Islamic Front", "al-Jabha al-Islamiya"]),
    ("fatah_halab", &["Fatah Halab", "Fateh Halab", "Fatah Halab operations room"]),
    (
        "global_coalition",
        &[
            "US-led coalition",
            "U.S.-led coalition",
            "CJTF-OIR",
            "Operation Inherent Resolve",
            "anti-ISIS coalition",
            "anti-ISIL coalition",
        ],
    ),
    (
        "syrian_national_coalition",
        &[
            "Syrian National Coalition",
            "National Coalition for Syrian Revolutionary and Opposition Forces",
            "Syrian Opposition Coalition",
        ],
    ),
    ("hnc", &["High Negotiations Committee", "HNC", "Higher Negotiations Committee", "High Negotiating Committee"]),
    ("houthis", &["Houthis", "Ansar Allah", "Ansarullah", "Huthis"]),
    ("harakat_hazm", &["Harakat Hazm", "Hazm Movement", "Harakat Hazzm"]),
    ("suqour_al_sham", &["Suqour al-Sham", "Suqur al-Sham", "Suqour ash-Sham"]),
    ("jaish_al_mujahideen", &["Jaish al-Mujahideen", "Jaysh al-Mujahidin", "Army of the Mujahideen"]),
    ("jaish_al_nasr", &["Jaish al-Nasr", "Jaysh al-Nasr"]),
    ("sultan_murad_division", &["Sultan Murad Division", "Sultan Mourad Division"]),
    ("hamza_division", &["Hamza Division", "Hamzah Division"]),
    ("maghawir_al_thawra", &["Maghawir al-Thawra", "Maghawir al-Thawrah", "Revolutionary Commando Army"]),
    (
        "khalid_ibn_al_walid_army",
        &["Jaish Khalid ibn al-Walid", "Jaysh Khalid bin al-Walid", "Khalid ibn al-Walid Army"],
    ),
    ("ansar_al_islam", &["Ansar al-Islam", "Ansar al Islam"]),
    ("naqshbandi_army", &["JRTN", "Naqshbandi Army"]),
    ("wagner_group", &["Wagner Group", "PMC Wagner"]),
    ("fatemiyoun", &["Liwa Fatemiyoun", "Fatemiyoun Brigade", "Fatimiyoun"]),
    ("zainabiyoun", &["Liwa Zainabiyoun", "Zainabiyoun Brigade", "Zeinabiyoun"]),
    ("saraya_al_salam", &["Saraya al-Salam", "Saraya as-Salam", "Peace Brigades"]),
    ("krg", &["Kurdistan Regional Government", "KRG"]),
    ("us_armed_forces", &["US military", "U.S. military", "US forces", "U.S. troops"]),
    ("centcom", &["CENTCOM", "US Central Command", "U.S. Central Command"]),
    ("turkish_armed_forces", &["Turkish Armed Forces", "TSK", "Turkish military"]),
    (
        "russian_defence_ministry",
        &["Russian Defence Ministry", "Russian Defense Ministry", "Russian Ministry of Defence"],
    ),
    (
        "syrian_opposition",
        &[
            "rebels",
            "Syrian rebels",
            "opposition groups",
            "moderate rebels",
            "US-backed rebels",
            "US backed factions",
            "rebel factions",
        ],
    ),
    // People.
    ("john_kirby", &["John Kirby", "Kirby", "Rear Admiral John Kirby"]),
    ("john_kerry", &["John Kerry", "Kerry", "Secretary Kerry", "John F. Kerry"]),
    ("mark_toner", &["Mark Toner", "Toner", "Mark C. Toner"]),
    ("jen_psaki", &["Jen Psaki", "Jennifer Psaki", "Psaki"]),
    ("heather_nauert", &["Heather Nauert", "Nauert"]),
    ("josh_earnest", &["Josh Earnest"]),
    ("eric_schultz", &["Eric Schultz", "Schultz"]),
    ("ash_carter", &["Ash Carter", "Ashton Carter"]),
    ("jim_mattis", &["James Mattis", "Jim Mattis", "Mattis"]),
    ("steve_warren", &["Steve Warren", "Col. Steve Warren", "Steven Warren", "Colonel Steve Warren"]),
    ("brett_mcgurk", &["Brett McGurk", "McGurk"]),
    ("rex_tillerson", &["Rex Tillerson", "Tillerson"]),
    ("barack_obama", &["Barack Obama", "Obama", "President Obama"]),
    ("donald_trump", &["Donald Trump", "Trump", "President Trump"]),
    ("samantha_power", &["Samantha Power"]),
    ("nikki_haley", &["Nikki Haley", "Haley"]),
    ("vladimir_putin", &["Vladimir Putin", "Putin", "President Putin"]),
    ("sergey_lavrov", &["Sergey Lavrov", "Sergei Lavrov", "Lavrov"]),
    ("maria_zakharova", &["Maria Zakharova", "Zakharova"]),
    ("vitaly_churkin", &["Vitaly Churkin", "Vitali Churkin", "Churkin"]),
    ("sergei_shoigu", &["Sergei Shoigu", "Sergey Shoigu", "Sergey Shoygu", "Shoigu"]),
    ("dmitry_peskov", &["Dmitry Peskov", "Dmitri Peskov", "Peskov"]),
    ("igor_konashenkov", &["Igor Konashenkov", "Konashenkov", "Maj. Gen. Igor Konashenkov"]),
    ("bashar_al_assad", &["Bashar al-Assad", "Bashar Assad", "Bashar el-Assad", "President Assad", "Assad"]),
    ("walid_al_muallem", &["Walid al-Muallem", "Walid Muallem", "Walid al-Moualem", "Walid Moallem"]),
    ("bashar_al_jaafari", &["Bashar al-Jaafari", "Bashar Jaafari", "Bashar Ja'afari"]),
    ("ali_khamenei", &["Ali Khamenei", "Ayatollah Khamenei", "Khamenei"]),
    ("hassan_rouhani", &["Hassan Rouhani", "Hasan Rouhani", "Rouhani"]),
    ("javad_zarif", &["Mohammad Javad Zarif", "Javad Zarif", "Zarif", "Mohammed Javad Zarif"]),
    ("qassem_soleimani", &["Qassem Soleimani", "Qasem Soleimani", "Qassim Soleimani", "Suleimani"]),
    ("recep_tayyip_erdogan", &["Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "Erdogan", "Erdoğan"]),
    ("mevlut_cavusoglu", &["Mevlut Cavusoglu", "Mevlüt Çavuşoğlu"]),
    ("adel_al_jubeir", &["Adel al-Jubeir", "Adel Jubeir", "Adel el-Jubeir"]),
    ("mohammed_bin_salman", &["Mohammed bin Salman", "Mohammad bin Salman", "Muhammad bin Salman", "MBS"]),
    ("philip_hammond", &["Philip Hammond"]),
    ("francois_hollande", &["Francois Hollande", "François Hollande"]),
    ("laurent_fabius", &["Laurent Fabius", "Fabius"]),
    ("ban_ki_moon", &["Ban Ki-moon", "Ban Ki moon"]),
    ("antonio_guterres", &["Antonio Guterres", "António Guterres", "Guterres"]),
    ("staffan_de_mistura", &["Staffan de Mistura", "de Mistura", "Staffan De Mistura"]),
    (
        "abu_mohammad_al_jolani",
        &[
            "Abu Mohammad al-Jolani",
            "Abu Muhammad al-Julani",
            "Abu Mohammed al-Joulani",
            "Abu Mohammad al-Golani",
            "Jolani",
            "Julani",
        ],
    ),
    ("abu_bakr_al_baghdadi", &["Abu Bakr al-Baghdadi", "Abu Bakr el-Baghdadi", "Baghdadi"]),
    ("zahran_alloush", &["Zahran Alloush", "Zahran Allush", "Zahran Aloush"]),
    ("hassan_nasrallah", &["Hassan Nasrallah", "Hasan Nasrallah", "Nasrallah"]),
    ("haider_al_abadi", &["Haider al-Abadi", "Haidar al-Abadi", "Haider el-Abadi"]),
    ("nouri_al_maliki", &["Nouri al-Maliki", "Nuri al-Maliki"]),
    ("masoud_barzani", &["Masoud Barzani", "Massoud Barzani", "Masud Barzani"]),
    ("muqtada_al_sadr", &["Muqtada al-Sadr", "Moqtada al-Sadr", "Moqtada Sadr"]),
    ("mazloum_abdi", &["Mazloum Abdi", "Mazlum Abdi", "Mazloum Kobani"]),
    ("abu_mahdi_al_muhandis", &["Abu Mahdi al-Muhandis", "Abu Mehdi al-Muhandis"]),
    // Agreements.
    ("coh_2016", &["Cessation of Hostilities", "cessation of hostilities", "CoH"]),
    ("unscr_2254", &["UN Security Council Resolution 2254", "Resolution 2254", "UNSCR 2254"]),
    ("unscr_2268", &["Resolution 2268", "UNSCR 2268"]),
    ("geneva_communique", &["Geneva Communique", "Geneva Communiqué"]),
    ("astana_process", &["Astana process", "Astana talks", "Astana Process"]),
    ("sochi_agreement_2018", &["Sochi agreement", "Sochi memorandum"]),
    ("jcpoa", &["JCPOA", "Joint Comprehensive Plan of Action", "Iran nuclear deal"]),
    // States and organizations from the shared data files.
    ("syria", &["Syria", "Syrian Arab Republic", "Assad regime", "Syrian government"]),
    ("iraq", &["Iraq", "Irak", "Republic of Iraq", "Iraqi government"]),
    ("iran", &["Iran", "Islamic Republic of Iran", "Iranian government"]),
    ("russia", &["Russia", "Russian Federation", "Russian government"]),
    ("united_states", &["United States", "US", "U.S.", "USA", "United States of America"]),
    ("turkey", &["Turkey", "Türkiye", "Turkiye", "Republic of Turkey"]),
    ("saudi_arabia", &["Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"]),
    ("united_nations", &["United Nations", "UN", "U.N."]),
    (
        "us_state_department",
        &["State Department", "US State Department", "U.S. State Department", "Department of State"],
    ),
    ("un_security_council", &["UN Security Council", "Security Council", "U.N. Security Council", "UNSC"]),
    ("syria_arab_air_force", &["Syrian Arab Air Force", "Syrian Air Force", "Syrian air forces"]),
    ("lebanon", &["Lebanon", "Lebanese Republic"]),
    ("jordan", &["Jordan", "Hashemite Kingdom of Jordan"]),
    ("israel", &["Israel", "State of Israel"]),
    ("qatar", &["Qatar", "State of Qatar"]),
    ("united_kingdom", &["United Kingdom", "UK", "Britain", "Great Britain"]),
    ("france", &["France", "French Republic"]),
    ("germany", &["Germany", "Federal Republic of Germany"]),
    ("egypt", &["Egypt", "Arab Republic of Egypt"]),
    ("nato", &["NATO", "North Atlantic Treaty Organization"]),
    ("european_union", &["European Union", "EU"]),
    ("arab_league", &["Arab League", "League of Arab States"]),
    ("opcw", &["OPCW", "Organisation for the Prohibition of Chemical Weapons"]),
    ("icrc", &["ICRC", "International Committee of the Red Cross"]),
    ("white_helmets", &["White Helmets", "Syria Civil Defence"]),
    ("sohr", &["Syrian Observatory for Human Rights", "SOHR"]),
    ("afghanistan", &["Afghanistan"]),
    ("yemen", &["Yemen"]),
    ("libya", &["Libya"]),
    ("ukraine", &["Ukraine"]),
    ("china", &["China", "People's Republic of China"]),
    ("kuwait", &["Kuwait"]),
    ("united_arab_emirates", &["United Arab Emirates", "UAE"]),
    ("pakistan", &["Pakistan"]),
    ("ocha", &["OCHA"]),
    ("unhcr", &["UNHCR"]),
];

#[test]
fn there_are_at_least_150_variant_sets() {
    assert!(SETS.len() >= 150, "only {} sets", SETS.len());
}

#[test]
fn variants_resolve_to_their_entity() {
    let lex = Lexicon::embedded();
    let mut failures = Vec::new();
    for (id, variants) in SETS {
        if lex.get(id).is_none() {
            failures.push(format!("{id}: not in the lexicon"));
            continue;
        }
        for v in *variants {
            let got = lex.resolve(v).map(|e| e.id.as_str());
            if got != Some(id) {
                failures.push(format!("{v:?}: expected {id}, got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn different_entities_never_share_an_id() {
    let lex = Lexicon::embedded();
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for (id, variants) in SETS {
        for v in *variants {
            if let Some(e) = lex.resolve(v) {
                if let Some(prev) = owner.insert(e.id.as_str(), id) {
                    assert_eq!(prev, *id, "{v:?} resolved to {} which also answers for {prev}", e.id);
                }
            }
        }
    }
    let pairs = [
        ("Jaish al-Islam", "Jaish al-Fateh"),
        ("Jaish al-Islam", "Jaish al-Sunna"),
        ("Jaish al-Fateh", "Jaish al-Sunna"),
        ("Ajnad al-Sham", "Faylaq al-Sham"),
        ("Ajnad al-Sham", "Ahrar al-Sham"),
        ("John Kirby", "John Kerry"),
        ("Kirby", "Kerry"),
        ("Iran", "Iraq"),
        ("Iranian government", "Iraqi government"),
        ("SAA", "FSA"),
        ("SAA", "SDF"),
        ("FSA", "SDF"),
        ("SNA", "SNC"),
        ("YPG", "YPJ"),
        ("Jabhat al-Nusra", "Jabhat al-Shamiya"),
        ("Hezbollah", "Kataib Hezbollah"),
        ("al-Qaeda", "al-Qaeda in Iraq"),
        ("Islamic State", "Islamic Front"),
        ("Bashar al-Assad", "Bashar al-Jaafari"),
        ("Liwa al-Haqq", "Liwa al-Quds"),
        ("Syrian National Coalition", "Syrian National Council"),
        ("Syrian National Army", "Syrian Arab Army"),
    ];
    for (a, b) in pairs {
        let (x, y) = (lex.resolve(a).map(|e| &e.id), lex.resolve(b).map(|e| &e.id));
        assert!(x.is_some() && y.is_some(), "{a:?} -> {x:?}, {b:?} -> {y:?}");
        assert_ne!(x, y, "{a:?} and {b:?} share an id");
    }
}

#[test]
fn unknown_and_ordinary_words_do_not_resolve() {
    let lex = Lexicon::embedded();
    for w in ["the", "us", "is", "sure", "aside", "Liwa Suqur al-Jabal Khan", "xyzzy"] {
        assert!(lex.resolve(w).is_none(), "{w:?} resolved to {:?}", lex.resolve(w).map(|e| &e.id));
    }
}

#[test]
fn bundled_files_are_valid() {
    let lex = Lexicon::embedded_strict().expect("bundled lexicon files parse");
    assert!(lex.entities().len() > 700);
    assert!(lex.diagnostics().iter().all(|d| !d.starts_with("invalid")), "{:?}", lex.diagnostics());
}
