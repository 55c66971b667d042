//! The world files (groups_world, forces_world, people_world,
//! organizations_world): names of conflicts outside Syria and Iraq resolve to
//! their entities, in isolation and in running text written for these tests,
//! near-collisions stay apart, and the files neither steal keys from the older
//! files nor carry dangling references or malformed dates.

use sitrep_lexicon::{whole_text_segmentation, Lexicon};

const WORLD_FILES: [(&str, &str); 4] = [
    ("groups_world.toml", include_str!("../data/groups_world.toml")),
    ("forces_world.toml", include_str!("../data/forces_world.toml")),
    ("people_world.toml", include_str!("../data/people_world.toml")),
    ("organizations_world.toml", include_str!("../data/organizations_world.toml")),
];

/// (expected id, names as wires write them).
const NAMES: &[(&str, &[&str])] = &[
    // Israel and Palestine.
    ("hamas", &["Hamas", "HAMAS", "Harakat al-Muqawama al-Islamiya", "Islamic Resistance Movement"]),
    (
        "qassam_brigades",
        &[
            "Qassam Brigades",
            "Izz ad-Din al-Qassam Brigades",
            "Ezzedine al-Qassam Brigades",
            "Izz al-Din al-Qassam Brigades",
        ],
    ),
    ("palestinian_islamic_jihad", &["Palestinian Islamic Jihad", "Islamic Jihad", "PIJ"]),
    ("al_quds_brigades", &["Al-Quds Brigades", "Saraya al-Quds", "al-Quds Brigades"]),
    ("egyptian_islamic_jihad", &["Egyptian Islamic Jihad"]),
    ("fatah", &["Fatah", "Fatah movement"]),
    ("al_aqsa_martyrs_brigades", &["Al-Aqsa Martyrs' Brigades", "al-Aqsa Martyrs Brigades", "Aqsa Martyrs Brigade"]),
    ("pflp", &["PFLP", "Popular Front for the Liberation of Palestine"]),
    ("palestinian_authority", &["Palestinian Authority", "Palestinian National Authority"]),
    ("plo", &["PLO", "Palestine Liberation Organization"]),
    ("gaza_health_ministry", &["Gaza Health Ministry", "Hamas-run health ministry", "Gaza's Health Ministry"]),
    (
        "israel_defense_forces",
        &["IDF", "Israel Defense Forces", "Israel Defence Forces", "Israeli military", "Israeli army"],
    ),
    ("israeli_air_force", &["Israeli Air Force"]),
    ("golani_brigade", &["Golani Brigade"]),
    // Lebanon, Iran, Yemen, Egypt, Libya.
    ("lebanese_armed_forces", &["Lebanese Armed Forces", "LAF", "Lebanese army"]),
    ("amal_movement", &["Amal Movement", "Harakat Amal"]),
    ("radwan_force", &["Radwan Force"]),
    ("basij", &["Basij"]),
    ("jaish_al_adl", &["Jaish al-Adl", "Jaysh al-Adl"]),
    ("mek", &["MEK", "People's Mojahedin Organization of Iran", "Mujahedin-e-Khalq"]),
    ("southern_transitional_council", &["Southern Transitional Council", "STC"]),
    ("sinai_province", &["Wilayat Sinai", "Islamic State Sinai Province", "Ansar Bayt al-Maqdis"]),
    ("libyan_national_army", &["Libyan National Army", "LNA", "Haftar's forces"]),
    ("radaa", &["Radaa Special Deterrence Force", "Rada Special Deterrence Force"]),
    // Africa.
    ("rapid_support_forces", &["Rapid Support Forces", "RSF", "Sudan's Rapid Support Forces"]),
    ("sudanese_armed_forces", &["Sudanese Armed Forces", "SAF", "Sudanese army", "Sudanese military"]),
    ("sspdf", &["SSPDF", "South Sudanese army"]),
    ("splm_io", &["SPLM-IO", "SPLA-IO"]),
    ("splm_n", &["SPLM-N", "SPLM-North"]),
    ("tplf", &["TPLF", "Tigray People's Liberation Front"]),
    ("tigray_defense_forces", &["Tigray Defense Forces", "Tigray Defence Forces", "TDF", "Tigrayan forces"]),
    ("fano", &["Fano", "Fano militia"]),
    ("oromo_liberation_army", &["Oromo Liberation Army", "OLA"]),
    ("ethiopian_national_defense_force", &["ENDF", "Ethiopian National Defence Force", "Ethiopian troops"]),
    ("eritrean_defence_forces", &["Eritrean Defence Forces", "Eritrean troops"]),
    (
        "al_shabaab",
        &[
            "al-Shabaab",
            "al Shabaab",
            "al-Shabab",
            "Al-Shabaab",
            "Shabab",
            "Shabaab",
            "Harakat al-Shabaab al-Mujahideen",
        ],
    ),
    ("islamic_state_somalia", &["Islamic State Somalia Province", "IS Somalia"]),
    ("somali_national_army", &["Somali National Army", "Somali army"]),
    ("boko_haram", &["Boko Haram"]),
    ("iswap", &["ISWAP", "Islamic State West Africa Province", "Islamic State's West Africa Province"]),
    ("jnim", &["JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jamaat Nusrat al-Islam wal Muslimin"]),
    ("islamic_state_sahel", &["Islamic State Sahel Province", "ISGS", "Islamic State in the Greater Sahara"]),
    ("ansarul_islam", &["Ansarul Islam"]),
    ("malian_armed_forces", &["FAMa", "Malian army", "Malian Armed Forces"]),
    ("burkina_faso_armed_forces", &["Burkinabe army", "Burkinabè army"]),
    ("vdp", &["VDP", "Volunteers for the Defence of the Homeland"]),
    ("africa_corps", &["Africa Corps", "Russian Africa Corps"]),
    ("m23", &["M23", "March 23 Movement"]),
    ("alliance_fleuve_congo", &["Alliance Fleuve Congo", "AFC/M23"]),
    ("allied_democratic_forces", &["ADF", "Allied Democratic Forces", "ISCAP"]),
    ("codeco", &["CODECO"]),
    ("fdlr", &["FDLR"]),
    ("fardc", &["FARDC", "Congolese army"]),
    ("ansar_al_sunna_mozambique", &["Ansar al-Sunna", "Islamic State Mozambique Province"]),
    ("polisario_front", &["Polisario Front", "Polisario"]),
    // South and Central Asia.
    ("taliban", &["Taliban", "Taleban", "Afghan Taliban", "Taliban government"]),
    ("ttp", &["TTP", "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Pakistani Taliban"]),
    ("iskp", &["ISKP", "IS-K", "ISIS-K", "Islamic State Khorasan Province", "Islamic State Khorasan"]),
    ("haqqani_network", &["Haqqani Network", "Haqqani network"]),
    ("lashkar_e_taiba", &["Lashkar-e-Taiba", "LeT", "Lashkar-e-Tayyiba", "Lashkar-e-Toiba"]),
    ("jaish_e_mohammed", &["Jaish-e-Mohammed", "JeM", "Jaish-e-Muhammad"]),
    ("balochistan_liberation_army", &["Balochistan Liberation Army", "Baloch Liberation Army", "BLA"]),
    ("pakistan_army", &["Pakistan Army", "Pakistani military"]),
    ("andsf", &["Afghan National Army", "ANDSF"]),
    ("cpi_maoist", &["Naxalites", "CPI (Maoist)"]),
    ("tatmadaw", &["Tatmadaw", "Myanmar military", "Myanmar army"]),
    ("state_administration_council", &["State Administration Council", "Myanmar junta"]),
    ("arakan_army", &["Arakan Army"]),
    ("kachin_independence_army", &["Kachin Independence Army", "KIO"]),
    ("tnla", &["TNLA", "Ta'ang National Liberation Army"]),
    ("mndaa", &["MNDAA"]),
    ("peoples_defence_force", &["People's Defence Force", "People's Defense Force"]),
    ("national_unity_government", &["National Unity Government", "NUG"]),
    ("arsa", &["ARSA", "Arakan Rohingya Salvation Army"]),
    ("new_peoples_army", &["New People's Army", "NPA"]),
    ("milf", &["MILF", "Moro Islamic Liberation Front"]),
    ("abu_sayyaf", &["Abu Sayyaf", "Abu Sayyaf Group"]),
    ("pla", &["People's Liberation Army", "PLA", "Chinese military"]),
    // Europe and the Caucasus.
    (
        "ukrainian_armed_forces",
        &["Armed Forces of Ukraine", "Ukrainian army", "Ukrainian forces", "Ukrainian troops", "ZSU", "AFU"],
    ),
    ("ukrainian_air_force", &["Ukrainian Air Force"]),
    ("national_guard_of_ukraine", &["National Guard of Ukraine"]),
    ("azov_brigade", &["Azov Brigade", "Azov Regiment", "Azov Battalion"]),
    ("russian_airborne_forces", &["VDV", "Russian Airborne Forces"]),
    ("black_sea_fleet", &["Black Sea Fleet", "Russia's Black Sea Fleet"]),
    ("rosgvardia", &["Rosgvardia", "Russian National Guard"]),
    ("akhmat", &["Akhmat special forces", "Kadyrovtsy"]),
    ("dpr", &["Donetsk People's Republic", "DPR"]),
    ("lpr", &["Luhansk People's Republic", "Lugansk People's Republic", "LPR"]),
    ("russian_volunteer_corps", &["Russian Volunteer Corps", "RDK"]),
    ("armenian_armed_forces", &["Armenian army", "Armed Forces of Armenia"]),
    ("azerbaijani_armed_forces", &["Azerbaijani army", "Azeri forces"]),
    ("artsakh_defence_army", &["Artsakh Defence Army", "Nagorno-Karabakh Defence Army"]),
    // The Americas.
    ("eln", &["ELN", "National Liberation Army"]),
    ("farc", &["FARC", "FARC-EP", "Revolutionary Armed Forces of Colombia"]),
    ("estado_mayor_central", &["Estado Mayor Central", "EMC"]),
    ("clan_del_golfo", &["Clan del Golfo", "Gulf Clan", "AGC"]),
    ("sinaloa_cartel", &["Sinaloa Cartel", "Sinaloa cartel"]),
    ("cjng", &["CJNG", "Jalisco New Generation Cartel"]),
    ("gulf_cartel", &["Gulf Cartel"]),
    ("tren_de_aragua", &["Tren de Aragua"]),
    ("ms_13", &["MS-13", "Mara Salvatrucha"]),
    ("viv_ansanm", &["Viv Ansanm"]),
    ("g9_an_fanmi", &["G9", "G9 an Fanmi e Alye"]),
    ("haitian_national_police", &["Haitian National Police", "PNH"]),
    // Multinational forces and organisations.
    ("mnjtf", &["MNJTF", "Multinational Joint Task Force"]),
    ("kfor", &["KFOR"]),
    ("alliance_of_sahel_states", &["Alliance of Sahel States", "AES"]),
    ("ipc", &["IPC", "Integrated Food Security Phase Classification"]),
    ("unosat", &["UNOSAT"]),
    ("world_central_kitchen", &["World Central Kitchen"]),
    ("gaza_humanitarian_foundation", &["Gaza Humanitarian Foundation", "GHF"]),
    // People.
    ("volodymyr_zelensky", &["Volodymyr Zelensky", "Zelensky", "Zelenskyy", "Zelenskiy", "President Zelensky"]),
    ("benjamin_netanyahu", &["Benjamin Netanyahu", "Netanyahu", "Binyamin Netanyahu"]),
    ("yoav_gallant", &["Yoav Gallant", "Gallant"]),
    ("mahmoud_abbas", &["Mahmoud Abbas", "Abbas", "Abu Mazen"]),
    ("yahya_sinwar", &["Yahya Sinwar", "Sinwar"]),
    ("mohammed_sinwar", &["Mohammed Sinwar"]),
    ("ismail_haniyeh", &["Ismail Haniyeh", "Haniyeh"]),
    ("mohammed_deif", &["Mohammed Deif", "Deif"]),
    ("naim_qassem", &["Naim Qassem", "Naim Kassem"]),
    ("abbas_araghchi", &["Abbas Araghchi", "Araghchi"]),
    ("abdel_fattah_al_burhan", &["Abdel Fattah al-Burhan", "Abdel-Fattah al-Burhan", "Burhan"]),
    ("mohamed_hamdan_dagalo", &["Hemedti", "Mohamed Hamdan Dagalo", "Dagalo"]),
    ("abiy_ahmed", &["Abiy Ahmed", "Abiy"]),
    ("hibatullah_akhundzada", &["Hibatullah Akhundzada", "Haibatullah Akhundzada"]),
    ("min_aung_hlaing", &["Min Aung Hlaing", "Senior General Min Aung Hlaing"]),
    ("ilham_aliyev", &["Ilham Aliyev", "Aliyev"]),
    ("nikol_pashinyan", &["Nikol Pashinyan", "Pashinyan"]),
    ("khalifa_haftar", &["Khalifa Haftar", "Khalifa Hifter", "Haftar"]),
    ("yevgeny_prigozhin", &["Yevgeny Prigozhin", "Prigozhin"]),
    ("ramzan_kadyrov", &["Ramzan Kadyrov", "Kadyrov"]),
    ("valery_gerasimov", &["Valery Gerasimov", "Gerasimov"]),
    ("antony_blinken", &["Antony Blinken", "Blinken"]),
    ("jimmy_cherizier", &["Jimmy Cherizier", "Barbecue"]),
    ("narendra_modi", &["Narendra Modi", "Modi"]),
    ("shehbaz_sharif", &["Shehbaz Sharif", "Shahbaz Sharif"]),
    ("imran_khan", &["Imran Khan"]),
    ("karim_khan", &["Karim Khan"]),
    ("joseph_aoun", &["Joseph Aoun"]),
    ("michel_aoun", &["Michel Aoun"]),
];

#[test]
fn world_names_resolve_to_their_entities() {
    let lex = Lexicon::embedded();
    let mut failures = Vec::new();
    for (id, names) in NAMES {
        if lex.get(id).is_none() {
            failures.push(format!("{id}: not in the lexicon"));
            continue;
        }
        for n in *names {
            let got = lex.resolve(n).map(|e| e.id.as_str());
            if got != Some(id) {
                failures.push(format!("{n:?}: expected {id}, got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn near_collisions_stay_apart() {
    let lex = Lexicon::embedded();
    let pairs: &[(&str, &str, &str, &str)] = &[
        ("Islamic Jihad", "palestinian_islamic_jihad", "Egyptian Islamic Jihad", "egyptian_islamic_jihad"),
        ("Palestinian Islamic Jihad", "palestinian_islamic_jihad", "Egyptian Islamic Jihad", "egyptian_islamic_jihad"),
        ("Taliban", "taliban", "Tehrik-i-Taliban Pakistan", "ttp"),
        ("Afghan Taliban", "taliban", "Pakistani Taliban", "ttp"),
        ("SAF", "sudanese_armed_forces", "SAA", "syria_arab_army"),
        ("Sudanese Armed Forces", "sudanese_armed_forces", "Syrian Arab Army", "syria_arab_army"),
        ("Sudanese army", "sudanese_armed_forces", "South Sudanese army", "sspdf"),
        ("RSF", "rapid_support_forces", "SDF", "sdf"),
        ("Al-Quds Brigades", "al_quds_brigades", "Liwa al-Quds", "liwa_al_quds"),
        ("Quds Brigades", "al_quds_brigades", "Quds Force", "quds_force"),
        ("Hamas", "hamas", "Qassam Brigades", "qassam_brigades"),
        ("Fatah", "fatah", "Jaish al-Fateh", "jaish_al_fateh"),
        ("Fatah", "fatah", "Fatah Halab", "fatah_halab"),
        ("ISWAP", "iswap", "Islamic State", "isis"),
        ("Islamic State Khorasan Province", "iskp", "Khorasan Group", "khorasan_group"),
        (
            "Islamic State Sahel Province",
            "islamic_state_sahel",
            "Islamic State Somalia Province",
            "islamic_state_somalia",
        ),
        ("Ansarul Islam", "ansarul_islam", "Ansar al-Islam", "ansar_al_islam"),
        ("Ansar al-Sunna", "ansar_al_sunna_mozambique", "Jaish al-Sunna", "jaish_al_sunna"),
        ("Ansar Dine", "ansar_dine", "Ansar al-Islam", "ansar_al_islam"),
        ("ELN", "eln", "National Liberation Front", "nfl"),
        ("LAF", "lebanese_armed_forces", "LNA", "libyan_national_army"),
        ("Golani Brigade", "golani_brigade", "Golani", "abu_mohammad_al_jolani"),
        ("Gulf Clan", "clan_del_golfo", "Gulf Cartel", "gulf_cartel"),
        ("National Guard of Ukraine", "national_guard_of_ukraine", "Russian National Guard", "rosgvardia"),
        ("Black Sea Fleet", "black_sea_fleet", "Russian Navy", "russian_navy"),
        ("Yahya Sinwar", "yahya_sinwar", "Mohammed Sinwar", "mohammed_sinwar"),
        ("Joseph Aoun", "joseph_aoun", "Michel Aoun", "michel_aoun"),
        ("Imran Khan", "imran_khan", "Karim Khan", "karim_khan"),
        ("Abbas", "mahmoud_abbas", "Abbas Araghchi", "abbas_araghchi"),
        ("Naim Qassem", "naim_qassem", "Qassem Soleimani", "qassem_soleimani"),
        ("Jaish-e-Mohammed", "jaish_e_mohammed", "Jaish al-Islam", "jaish_al_islam"),
        ("Tigray Defense Forces", "tigray_defense_forces", "Syrian Democratic Forces", "sdf"),
        ("DPR", "dpr", "DPRK", "north_korea"),
        ("Israel Defense Forces", "israel_defense_forces", "Israel", "israel"),
        ("Armed Forces of Ukraine", "ukrainian_armed_forces", "Ukraine", "ukraine"),
    ];
    let mut failures = Vec::new();
    for (a, ia, b, ib) in pairs {
        let (x, y) = (lex.resolve(a).map(|e| e.id.as_str()), lex.resolve(b).map(|e| e.id.as_str()));
        if x != Some(ia) || y != Some(ib) {
            failures.push(format!("{a:?} -> {x:?} (want {ia}), {b:?} -> {y:?} (want {ib})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn acronyms_left_out_do_not_resolve() {
    let lex = Lexicon::embedded();
    // All-capital headlines and common abbreviations that a careless alias
    // would turn into actors.
    for w in ["AA", "KIA", "PDF", "PA", "PLAN", "FACT", "CMA", "MSS", "OPM", "CDG", "GSF", "JAS", "Azov", "Amal"] {
        assert!(lex.resolve(w).is_none(), "{w:?} resolved to {:?}", lex.resolve(w).map(|e| &e.id));
    }
    // "Rada" is Ukraine's parliament, never Libya's Radaa force.
    assert_eq!(lex.resolve("Rada").map(|e| e.id.as_str()), Some("ukraine_verkhovna_rada"));
}

/// `surface=id` pairs for the mentions of `text`.
fn found(lex: &Lexicon, text: &str) -> Vec<String> {
    let seg = whole_text_segmentation(text);
    lex.mentions(text, &seg)
        .into_iter()
        .map(|m| format!("{}={}", m.span.slice(text), m.actor.as_deref().unwrap_or("?")))
        .collect()
}

#[test]
fn sentences_from_several_conflicts_name_the_right_actors() {
    let lex = Lexicon::embedded();
    let cases: &[(&str, &[&str])] = &[
        (
            "Hamas fighters fired rockets from Gaza after the Israel Defense Forces said it had hit Qassam Brigades commanders in Khan Younis.",
            &["Hamas fighters=hamas", "Israel Defense Forces=israel_defense_forces", "Qassam Brigades=qassam_brigades"],
        ),
        (
            "Palestinian Islamic Jihad said its Al-Quds Brigades clashed with Israeli troops near Jenin, while Fatah called for calm.",
            &[
                "Palestinian Islamic Jihad=palestinian_islamic_jihad",
                "Al-Quds Brigades=al_quds_brigades",
                "Israeli troops=israel_defense_forces",
                "Fatah=fatah",
            ],
        ),
        (
            "Egyptian Islamic Jihad merged with al-Qaeda long before Islamic Jihad fought beside Hamas in Gaza.",
            &[
                "Egyptian Islamic Jihad=egyptian_islamic_jihad",
                "al-Qaeda=al_qaeda",
                "Islamic Jihad=palestinian_islamic_jihad",
                "Hamas=hamas",
            ],
        ),
        (
            "The Rapid Support Forces shelled El Fasher, and the Sudanese army said SAF aircraft had struck RSF convoys.",
            &[
                "Rapid Support Forces=rapid_support_forces",
                "Sudanese army=sudanese_armed_forces",
                "SAF=sudanese_armed_forces",
                "RSF=rapid_support_forces",
            ],
        ),
        (
            "Al-Shabaab militants overran a Somali National Army base before Danab commandos pushed them back.",
            &[
                "Al-Shabaab militants=al_shabaab",
                "Somali National Army=somali_national_army",
                "Danab commandos=danab_brigade",
            ],
        ),
        (
            "ISWAP and Boko Haram fighters raided villages in Borno state before Nigerian troops arrived.",
            &["ISWAP=iswap", "Boko Haram fighters=boko_haram", "Nigerian troops=nigerian_armed_forces"],
        ),
        (
            "JNIM claimed the ambush on Malian soldiers, while the Islamic State Sahel Province attacked Nigerien forces.",
            &[
                "JNIM=jnim",
                "Malian soldiers=malian_armed_forces",
                "the Islamic State Sahel Province=islamic_state_sahel",
                "Nigerien forces=niger_armed_forces",
            ],
        ),
        (
            "The Pakistani Taliban, or TTP, are distinct from the Afghan Taliban, who fought Islamic State Khorasan Province militants.",
            &[
                "Pakistani Taliban=ttp",
                "TTP=ttp",
                "Afghan Taliban=taliban",
                "Islamic State Khorasan Province militants=iskp",
            ],
        ),
        (
            "India blamed Lashkar-e-Taiba and Jaish-e-Mohammed for the attack, and the Pakistan Army denied any role.",
            &[
                "India=india",
                "Lashkar-e-Taiba=lashkar_e_taiba",
                "Jaish-e-Mohammed=jaish_e_mohammed",
                "Pakistan Army=pakistan_army",
            ],
        ),
        (
            "The Tatmadaw lost the town to the Arakan Army, and the Three Brotherhood Alliance said the TNLA had taken Lashio.",
            &[
                "Tatmadaw=tatmadaw",
                "Arakan Army=arakan_army",
                "Three Brotherhood Alliance=three_brotherhood_alliance",
                "TNLA=tnla",
            ],
        ),
        (
            "The Armed Forces of Ukraine said the Azov Brigade held its ground and Zelensky thanked the National Guard of Ukraine.",
            &[
                "Armed Forces of Ukraine=ukrainian_armed_forces",
                "Azov Brigade=azov_brigade",
                "Zelensky=volodymyr_zelensky",
                "National Guard of Ukraine=national_guard_of_ukraine",
            ],
        ),
        (
            "Ethiopian troops pushed into Tigray as the TPLF and Fano militias accused Abiy Ahmed of betrayal.",
            &[
                "Ethiopian troops=ethiopian_national_defense_force",
                "TPLF=tplf",
                "Fano militias=fano",
                "Abiy Ahmed=abiy_ahmed",
            ],
        ),
        (
            "M23 rebels and the Rwanda Defence Force took Goma from the FARDC, Felix Tshisekedi said.",
            &[
                "M23 rebels=m23",
                "Rwanda Defence Force=rwanda_defence_force",
                "FARDC=fardc",
                "Felix Tshisekedi=felix_tshisekedi",
            ],
        ),
        (
            "The ELN and FARC dissidents fought the Clan del Golfo in Catatumbo, and Gustavo Petro suspended talks.",
            &[
                "ELN=eln",
                "FARC dissidents=farc_dissidents",
                "Clan del Golfo=clan_del_golfo",
                "Gustavo Petro=gustavo_petro",
            ],
        ),
        (
            "Viv Ansanm gangs led by Jimmy Cherizier attacked the Haitian National Police, and Barbecue later spoke on video.",
            &[
                "Viv Ansanm=viv_ansanm",
                "Jimmy Cherizier=jimmy_cherizier",
                "Haitian National Police=haitian_national_police",
                "Barbecue=jimmy_cherizier",
            ],
        ),
        (
            "Azerbaijani forces advanced and the Artsakh Defence Army agreed to disarm, Ilham Aliyev told Nikol Pashinyan.",
            &[
                "Azerbaijani forces=azerbaijani_armed_forces",
                "Artsakh Defence Army=artsakh_defence_army",
                "Ilham Aliyev=ilham_aliyev",
                "Nikol Pashinyan=nikol_pashinyan",
            ],
        ),
        (
            "Hemedti's fighters besieged the city as Abdel Fattah al-Burhan vowed to fight on and Isaias Afwerki urged talks.",
            &[
                "Hemedti=mohamed_hamdan_dagalo",
                "Abdel Fattah al-Burhan=abdel_fattah_al_burhan",
                "Isaias Afwerki=isaias_afwerki",
            ],
        ),
        (
            "Benjamin Netanyahu said Yahya Sinwar and Mohammed Deif had planned the attack; Ismail Haniyeh was killed in Tehran.",
            &[
                "Benjamin Netanyahu=benjamin_netanyahu",
                "Yahya Sinwar=yahya_sinwar",
                "Mohammed Deif=mohammed_deif",
                "Ismail Haniyeh=ismail_haniyeh",
            ],
        ),
        (
            "The IPC said famine had taken hold, UNOSAT images showed the damage and World Central Kitchen paused its work.",
            &["IPC=ipc", "UNOSAT=unosat", "World Central Kitchen=world_central_kitchen"],
        ),
        (
            "The Syrian Arab Army and the Sudanese Armed Forces both lean on air power; the SAA and the SAF are different armies.",
            &[
                "Syrian Arab Army=syria_arab_army",
                "Sudanese Armed Forces=sudanese_armed_forces",
                "SAA=syria_arab_army",
                "SAF=sudanese_armed_forces",
            ],
        ),
        (
            "The Khorasan Group was a cell in Syria, unlike the Islamic State Khorasan branch, ISKP.",
            &["Khorasan Group=khorasan_group", "ISKP=iskp"],
        ),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = found(lex, text);
        for w in *want {
            if !got.iter().any(|g| g == w) {
                failures.push(format!("{text:?}: missing {w}; got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn demonyms_with_military_nouns_name_the_state_or_its_forces() {
    let lex = Lexicon::embedded();
    // (text, surface, id, sector): sector "-" when the mention is an alias of
    // an armed-forces entity rather than a demonym with a sector.
    let cases: &[(&str, &str, &str, &str)] = &[
        ("Russian attack helicopters struck the village.", "Russian attack helicopters", "russia", "air force"),
        ("Shells hit Ukrainian positions overnight.", "Ukrainian positions", "ukraine", "military"),
        ("Israeli jets bombed the camp.", "Israeli jets", "israel", "air force"),
        ("Russian forces advanced.", "Russian forces", "russia", "military"),
        ("Ukrainian drones struck a refinery.", "Ukrainian drones", "ukraine", "air force"),
        ("Iranian missiles hit the base.", "Iranian missiles", "iran", "air force"),
        ("Chinese warships sailed past.", "Chinese warships", "china", "navy"),
        ("Kenyan police fired tear gas.", "Kenyan police", "kenya", "police"),
        ("Israeli fire killed three people.", "Israeli fire", "israel", "military"),
        ("Turkish riot police dispersed the crowd.", "Turkish riot police", "turkey", "police"),
        ("Sudanese army units entered the town.", "Sudanese army", "sudanese_armed_forces", "-"),
        ("Ethiopian troops crossed the border.", "Ethiopian troops", "ethiopian_national_defense_force", "-"),
        ("Ukrainian troops withdrew.", "Ukrainian troops", "ukrainian_armed_forces", "-"),
    ];
    let mut failures = Vec::new();
    for (text, surface, id, sector) in cases {
        let seg = whole_text_segmentation(text);
        let ms = lex.mentions(text, &seg);
        let hit = ms.iter().find(|m| m.span.slice(text) == *surface);
        let ok = hit.is_some_and(|m| {
            m.actor.as_deref() == Some(id)
                && match *sector {
                    "-" => m.rule == "alias",
                    s => m.sector.as_deref() == Some(s),
                }
        });
        if !ok {
            let got: Vec<String> =
                ms.iter().map(|m| format!("{}={:?}/{}/{:?}", m.span.slice(text), m.actor, m.rule, m.sector)).collect();
            failures.push(format!("{text:?}: want {surface}={id}/{sector}; got {got:?}"));
        }
    }
    // Nouns for people who are not the state's forces stay out.
    for text in ["Afghan fighters joined the militia.", "Palestinian militants fired rockets."] {
        let seg = whole_text_segmentation(text);
        let ms = lex.mentions(text, &seg);
        if ms.iter().any(|m| m.rule == "demonym") {
            failures.push(format!("{text:?}: a demonym mention was made"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn world_files_are_large_enough_and_consistent() {
    let lex = Lexicon::embedded_strict().expect("bundled lexicon files parse");
    let mut groups_and_forces = 0;
    let mut people = 0;
    let mut failures = Vec::new();
    for (file, src) in WORLD_FILES {
        let own = Lexicon::from_sources(&[(file, src)]).expect("world file parses on its own");
        for e in own.entities() {
            match e.kind {
                sitrep_model::ActorType::Person => people += 1,
                sitrep_model::ActorType::Group | sitrep_model::ActorType::Coalition => groups_and_forces += 1,
                sitrep_model::ActorType::Organization if file == "forces_world.toml" => groups_and_forces += 1,
                _ => {}
            }
            // Every name of the entity resolves to it in the whole lexicon:
            // no older file and no other world entity holds the key.
            for n in e.names() {
                let got = lex.resolve(n).map(|x| x.id.as_str());
                if got != Some(e.id.as_str()) {
                    failures.push(format!("{file}: {} name {n:?} resolves to {got:?}", e.id));
                }
            }
            if let Some(a) = &e.affiliation {
                if lex.get(a).is_none() {
                    failures.push(format!("{file}: {} affiliation {a:?} is not in the lexicon", e.id));
                }
            }
            for r in &e.roles {
                if let Some(org) = &r.org {
                    if lex.get(org).is_none() {
                        failures.push(format!("{file}: {} role {:?} org {org:?} is not in the lexicon", e.id, r.title));
                    }
                }
                for d in [r.start.as_deref(), r.end.as_deref()].into_iter().flatten() {
                    if date_bounds(d).is_err() {
                        failures.push(format!("{file}: {} role {:?} has a malformed date {d:?}", e.id, r.title));
                    }
                }
                let start = r.start.as_deref().and_then(|d| date_bounds(d).ok());
                let end = r.end.as_deref().and_then(|d| date_bounds(d).ok());
                if let (Some((lo, _)), Some((_, hi))) = (start, end) {
                    if lo > hi {
                        failures.push(format!("{file}: {} role {:?} ends before it starts", e.id, r.title));
                    }
                }
                let recent = |d: &Option<String>| d.as_deref().is_some_and(|d| d > "2026-12-31");
                if recent(&r.start) || recent(&r.end) {
                    failures.push(format!("{file}: {} role {:?} is dated in the future", e.id, r.title));
                }
            }
            if e.kind == sitrep_model::ActorType::Person && e.roles.is_empty() {
                failures.push(format!("{file}: person {} has no role", e.id));
            }
        }
    }
    for d in lex.diagnostics() {
        if WORLD_FILES.iter().any(|(_, src)| {
            let own = Lexicon::from_sources(&[("x.toml", src)]).expect("parses");
            own.entities().iter().any(|e| d.contains(&format!("{:?}", e.id)))
        }) {
            failures.push(format!("diagnostic on a world entity: {d}"));
        }
    }
    assert!(groups_and_forces >= 150, "only {groups_and_forces} groups and armed forces");
    assert!(people >= 80, "only {people} people");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// (year, month, day).
type Day = (u16, u8, u8);

/// The earliest and latest day an ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`)
/// covers, as comparable tuples.
fn date_bounds(d: &str) -> Result<(Day, Day), String> {
    let parts: Vec<&str> = d.split('-').collect();
    let num = |s: &str, len: usize| -> Option<u16> { (s.len() == len).then(|| s.parse().ok()).flatten() };
    let bad = || d.to_string();
    let y = parts.first().and_then(|p| num(p, 4)).ok_or_else(bad)?;
    let m = match parts.get(1) {
        Some(p) => Some(num(p, 2).filter(|m| (1..=12).contains(m)).ok_or_else(bad)? as u8),
        None => None,
    };
    let day = match parts.get(2) {
        Some(p) => Some(num(p, 2).filter(|d| (1..=31).contains(d)).ok_or_else(bad)? as u8),
        None => None,
    };
    if parts.len() > 3 {
        return Err(bad());
    }
    Ok(((y, m.unwrap_or(1), day.unwrap_or(1)), (y, m.unwrap_or(12), day.unwrap_or(31))))
}

#[test]
fn older_names_keep_their_entities() {
    // The world files rank after groups.toml, people.toml and
    // organizations.toml but level with states.toml and before media.toml:
    // check that no name of an older file changed its reading.
    let lex = Lexicon::embedded();
    let old = Lexicon::from_sources(&[
        ("groups.toml", include_str!("../data/groups.toml")),
        ("people.toml", include_str!("../data/people.toml")),
        ("agreements.toml", include_str!("../data/agreements.toml")),
        ("generic.toml", include_str!("../data/generic.toml")),
        ("organizations.toml", include_str!("../data/organizations.toml")),
        ("states.toml", include_str!("../data/states.toml")),
        ("media.toml", include_str!("../data/media.toml")),
        ("populations.toml", include_str!("../data/populations.toml")),
    ])
    .expect("older files parse");
    let mut changed = Vec::new();
    for e in old.entities() {
        for n in e.names().chain(e.demonyms.iter().map(String::as_str)) {
            let before = old.resolve(n).map(|x| x.id.clone());
            let after = lex.resolve(n).map(|x| x.id.clone());
            if before != after {
                changed.push(format!("{} {n:?}: {before:?} -> {after:?}", e.id));
            }
        }
    }
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}

#[test]
fn government_forces_follow_the_host_named_in_the_document() {
    let lex = Lexicon::embedded();
    let cases = [
        ("Fighting spread across Sudan. Government forces shelled Omdurman.", "government forces", "sudan"),
        ("Myanmar's election was postponed. Government troops burned a village.", "government troops", "myanmar"),
        ("In Syria, government forces entered Aleppo.", "government forces", "syria"),
    ];
    for (text, phrase, id) in cases {
        let seg = whole_text_segmentation(text);
        let ms = lex.mentions(text, &seg);
        let hit = ms.iter().find(|m| m.span.slice(text).eq_ignore_ascii_case(phrase));
        assert_eq!(hit.and_then(|m| m.actor.as_deref()), Some(id), "{text:?}: {ms:?}");
    }
}
