//! "The capital", "the Somali capital", "Somalia's capital": the capital city
//! a report means without naming it.
//!
//! The table gives each sovereign state's seat of government (where news
//! reports place "the capital") and the adjectives reports use for the
//! state. Contested seats (Israel, Palestine) are left out: a report saying
//! "the capital" there does not say which city it means.

/// ISO 3166-1 alpha-2 code, capital as the gazetteer names it, demonym
/// adjectives (lower case).
pub(crate) const CAPITALS: &[(&str, &str, &[&str])] = &[
    ("AE", "Abu Dhabi", &["emirati"]),
    ("AF", "Kabul", &["afghan"]),
    ("AL", "Tirana", &["albanian"]),
    ("AM", "Yerevan", &["armenian"]),
    ("AO", "Luanda", &["angolan"]),
    ("AR", "Buenos Aires", &["argentine", "argentinian"]),
    ("AT", "Vienna", &["austrian"]),
    ("AU", "Canberra", &["australian"]),
    ("AZ", "Baku", &["azerbaijani", "azeri"]),
    ("BA", "Sarajevo", &["bosnian"]),
    ("BD", "Dhaka", &["bangladeshi"]),
    ("BE", "Brussels", &["belgian"]),
    ("BF", "Ouagadougou", &["burkinabe"]),
    ("BG", "Sofia", &["bulgarian"]),
    ("BH", "Manama", &["bahraini"]),
    ("BI", "Gitega", &["burundian"]),
    ("BJ", "Porto-Novo", &["beninese"]),
    ("BO", "La Paz", &["bolivian"]),
    ("BR", "Brasilia", &["brazilian"]),
    ("BT", "Thimphu", &["bhutanese"]),
    ("BW", "Gaborone", &["botswanan"]),
    ("BY", "Minsk", &["belarusian"]),
    ("CA", "Ottawa", &["canadian"]),
    ("CD", "Kinshasa", &[]),
    ("CF", "Bangui", &["centrafrican"]),
    ("CG", "Brazzaville", &[]),
    ("CH", "Bern", &["swiss"]),
    ("CI", "Yamoussoukro", &["ivorian"]),
    ("CL", "Santiago", &["chilean"]),
    ("CM", "Yaounde", &["cameroonian"]),
    ("CN", "Beijing", &["chinese"]),
    ("CO", "Bogota", &["colombian"]),
    ("CR", "San Jose", &["costa rican"]),
    ("CU", "Havana", &["cuban"]),
    ("CY", "Nicosia", &["cypriot"]),
    ("CZ", "Prague", &["czech"]),
    ("DE", "Berlin", &["german"]),
    ("DJ", "Djibouti", &["djiboutian"]),
    ("DK", "Copenhagen", &["danish"]),
    ("DO", "Santo Domingo", &["dominican"]),
    ("DZ", "Algiers", &["algerian"]),
    ("EC", "Quito", &["ecuadorian", "ecuadorean"]),
    ("EE", "Tallinn", &["estonian"]),
    ("EG", "Cairo", &["egyptian"]),
    ("ER", "Asmara", &["eritrean"]),
    ("ES", "Madrid", &["spanish"]),
    ("ET", "Addis Ababa", &["ethiopian"]),
    ("FI", "Helsinki", &["finnish"]),
    ("FR", "Paris", &["french"]),
    ("GA", "Libreville", &["gabonese"]),
    ("GB", "London", &["british"]),
    ("GE", "Tbilisi", &["georgian"]),
    ("GH", "Accra", &["ghanaian"]),
    ("GM", "Banjul", &["gambian"]),
    ("GN", "Conakry", &["guinean"]),
    ("GR", "Athens", &["greek"]),
    ("GT", "Guatemala City", &["guatemalan"]),
    ("GW", "Bissau", &[]),
    ("HN", "Tegucigalpa", &["honduran"]),
    ("HR", "Zagreb", &["croatian"]),
    ("HT", "Port-au-Prince", &["haitian"]),
    ("HU", "Budapest", &["hungarian"]),
    ("ID", "Jakarta", &["indonesian"]),
    ("IE", "Dublin", &["irish"]),
    ("IN", "New Delhi", &["indian"]),
    ("IQ", "Baghdad", &["iraqi"]),
    ("IR", "Tehran", &["iranian"]),
    ("IT", "Rome", &["italian"]),
    ("JO", "Amman", &["jordanian"]),
    ("JP", "Tokyo", &["japanese"]),
    ("KE", "Nairobi", &["kenyan"]),
    ("KG", "Bishkek", &["kyrgyz"]),
    ("KH", "Phnom Penh", &["cambodian"]),
    ("KP", "Pyongyang", &["north korean"]),
    ("KR", "Seoul", &["south korean"]),
    ("KW", "Kuwait City", &["kuwaiti"]),
    ("KZ", "Astana", &["kazakh"]),
    ("LA", "Vientiane", &["laotian", "lao"]),
    ("LB", "Beirut", &["lebanese"]),
    ("LK", "Colombo", &["sri lankan"]),
    ("LR", "Monrovia", &["liberian"]),
    ("LT", "Vilnius", &["lithuanian"]),
    ("LV", "Riga", &["latvian"]),
    ("LY", "Tripoli", &["libyan"]),
    ("MA", "Rabat", &["moroccan"]),
    ("MD", "Chisinau", &["moldovan"]),
    ("ME", "Podgorica", &["montenegrin"]),
    ("MG", "Antananarivo", &["malagasy"]),
    ("MK", "Skopje", &["macedonian"]),
    ("ML", "Bamako", &["malian"]),
    ("MM", "Nay Pyi Taw", &["myanmar", "burmese"]),
    ("MN", "Ulaanbaatar", &["mongolian"]),
    ("MR", "Nouakchott", &["mauritanian"]),
    ("MW", "Lilongwe", &["malawian"]),
    ("MX", "Mexico City", &["mexican"]),
    ("MY", "Kuala Lumpur", &["malaysian"]),
    ("MZ", "Maputo", &["mozambican"]),
    ("NA", "Windhoek", &["namibian"]),
    ("NE", "Niamey", &["nigerien"]),
    ("NG", "Abuja", &["nigerian"]),
    ("NI", "Managua", &["nicaraguan"]),
    ("NL", "Amsterdam", &["dutch"]),
    ("NO", "Oslo", &["norwegian"]),
    ("NP", "Kathmandu", &["nepalese", "nepali"]),
    ("NZ", "Wellington", &[]),
    ("OM", "Muscat", &["omani"]),
    ("PA", "Panama City", &["panamanian"]),
    ("PE", "Lima", &["peruvian"]),
    ("PG", "Port Moresby", &[]),
    ("PH", "Manila", &["philippine", "filipino"]),
    ("PK", "Islamabad", &["pakistani"]),
    ("PL", "Warsaw", &["polish"]),
    ("PT", "Lisbon", &["portuguese"]),
    ("PY", "Asuncion", &["paraguayan"]),
    ("QA", "Doha", &["qatari"]),
    ("RO", "Bucharest", &["romanian"]),
    ("RS", "Belgrade", &["serbian"]),
    ("RU", "Moscow", &["russian"]),
    ("RW", "Kigali", &["rwandan"]),
    ("SA", "Riyadh", &["saudi"]),
    ("SD", "Khartoum", &["sudanese"]),
    ("SE", "Stockholm", &["swedish"]),
    ("SG", "Singapore", &[]),
    ("SI", "Ljubljana", &["slovenian"]),
    ("SK", "Bratislava", &["slovak"]),
    ("SL", "Freetown", &["sierra leonean"]),
    ("SN", "Dakar", &["senegalese"]),
    ("SO", "Mogadishu", &["somali"]),
    ("SS", "Juba", &["south sudanese"]),
    ("SV", "San Salvador", &["salvadoran"]),
    ("SY", "Damascus", &["syrian"]),
    ("TD", "N'Djamena", &["chadian"]),
    ("TG", "Lome", &["togolese"]),
    ("TH", "Bangkok", &["thai"]),
    ("TJ", "Dushanbe", &["tajik"]),
    ("TM", "Ashgabat", &["turkmen"]),
    ("TN", "Tunis", &["tunisian"]),
    ("TR", "Ankara", &["turkish"]),
    ("TW", "Taipei", &["taiwanese"]),
    ("TZ", "Dodoma", &["tanzanian"]),
    ("UA", "Kyiv", &["ukrainian"]),
    ("UG", "Kampala", &["ugandan"]),
    ("US", "Washington", &["american", "u.s."]),
    ("UY", "Montevideo", &["uruguayan"]),
    ("UZ", "Tashkent", &["uzbek"]),
    ("VE", "Caracas", &["venezuelan"]),
    ("VN", "Hanoi", &["vietnamese"]),
    ("XK", "Pristina", &["kosovan", "kosovar"]),
    ("YE", "Sanaa", &["yemeni"]),
    ("ZA", "Pretoria", &["south african"]),
    ("ZM", "Lusaka", &["zambian"]),
    ("ZW", "Harare", &["zimbabwean"]),
];

/// The capital's name for a country code.
pub(crate) fn capital_of(cc: &str) -> Option<&'static str> {
    CAPITALS.iter().find(|(c, _, _)| *c == cc).map(|(_, name, _)| *name)
}

/// The country whose demonym `words` (lower case, one or two words) is.
pub(crate) fn demonym_country(words: &str) -> Option<&'static str> {
    CAPITALS.iter().find(|(_, _, d)| d.contains(&words)).map(|(c, _, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::CAPITALS;
    use crate::{EntryKind, Gazetteer};

    #[test]
    fn each_capital_is_a_city_of_its_country_and_each_demonym_names_one_country() {
        let gaz = Gazetteer::embedded();
        for (cc, name, _) in CAPITALS {
            assert!(gaz.country(cc).is_some(), "{cc} is no country");
            assert!(
                gaz.lookup(name).iter().any(|e| e.kind == EntryKind::City && e.country == *cc),
                "{name} is no city of {cc}"
            );
        }
        let mut demonyms: Vec<&str> = CAPITALS.iter().flat_map(|(_, _, d)| d.iter().copied()).collect();
        let n = demonyms.len();
        demonyms.sort_unstable();
        demonyms.dedup();
        assert_eq!(demonyms.len(), n, "a demonym listed twice");
    }
}
