//! The words time expressions are built from: month and weekday names in the
//! languages reports arrive in, number words, calendar units and the handful of
//! function words the grammar keys on.
//!
//! Lookups go through one static hash table keyed by the lowercased word, so
//! scanning costs one hash per word whatever the number of languages.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A calendar unit a relative expression counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A day of the week, Monday first as ISO 8601 counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub(crate) fn from_index(i: u8) -> Weekday {
        match i % 7 {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// 0 for Monday ... 6 for Sunday.
    pub fn index(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// What a single word can mean to the grammar. A word may have several roles
/// ("may" is a month and a modal verb, "second" a number and a unit), so the
/// fields are independent.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    /// 1..=12 when the word names a month.
    pub month: u8,
    /// True when the month reading competes with a common word ("may",
    /// "march", "jan" as a first name), so it needs a number next to it.
    pub month_ambiguous: bool,
    /// True for English month names and abbreviations, which are always
    /// capitalised in running text.
    pub month_english: bool,
    /// 1..=7 when the word names a weekday (Monday = 1).
    pub weekday: u8,
    /// A cardinal number word's value ("thirteen" = 13), 0 when none.
    pub number: u16,
    /// A calendar unit, singular or plural.
    pub unit: Option<Unit>,
    pub plural: bool,
}

/// Word -> what it says about time (looked up for every word: a fast hash).
type Table = HashMap<&'static str, WordInfo, foldhash::fast::FixedState>;

fn table() -> Table {
    let mut t: Table = HashMap::with_capacity_and_hasher(512, foldhash::fast::FixedState::default());
    let months: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv", "enero", "gennaio", "janeiro", "januar", "jänner"],
        &["february", "feb", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "fevereiro", "februar"],
        &["march", "mar", "mars", "marzo", "março", "marco", "märz", "maerz", "marz"],
        &["april", "apr", "avril", "avr", "abril", "aprile"],
        &["may", "mai", "mayo", "maggio", "maio"],
        &["june", "jun", "juin", "junio", "giugno", "junho", "juni"],
        &["july", "jul", "juillet", "juil", "julio", "luglio", "julho", "juli"],
        &["august", "aug", "août", "aout", "agosto"],
        &["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro"],
        &["october", "oct", "octobre", "octubre", "ottobre", "outubro", "oktober", "okt"],
        &["november", "nov", "novembre", "noviembre", "novembro"],
        &[
            "december",
            "dec",
            "décembre",
            "decembre",
            "déc",
            "dic",
            "diciembre",
            "dicembre",
            "dezembro",
            "dezember",
            "dez",
        ],
    ];
    const ENGLISH: &[&str] = &[
        "january",
        "jan",
        "february",
        "feb",
        "march",
        "mar",
        "april",
        "apr",
        "may",
        "june",
        "jun",
        "july",
        "jul",
        "august",
        "aug",
        "september",
        "sep",
        "sept",
        "october",
        "oct",
        "november",
        "nov",
        "december",
        "dec",
    ];
    // Words whose month reading is the rarer one in English news text.
    const AMBIGUOUS: &[&str] = &["may", "march", "mar", "jan", "marco", "dic", "dez", "sep", "aug"];
    for (i, names) in months.iter().enumerate() {
        for name in names.iter() {
            let e = t.entry(name).or_default();
            e.month = i as u8 + 1;
            e.month_english = ENGLISH.contains(name);
            e.month_ambiguous = AMBIGUOUS.contains(name);
        }
    }
    let weekdays: [&[&str]; 7] = [
        &["monday", "lundi", "lunes", "montag", "lunedì", "lunedi"],
        &["tuesday", "tues", "mardi", "martes", "dienstag", "martedì", "martedi"],
        &["wednesday", "mercredi", "miércoles", "miercoles", "mittwoch", "mercoledì", "mercoledi"],
        &["thursday", "thurs", "jeudi", "jueves", "donnerstag", "giovedì", "giovedi"],
        &["friday", "vendredi", "viernes", "freitag", "venerdì", "venerdi"],
        &["saturday", "samedi", "sábado", "sabado", "samstag", "sonnabend"],
        &["sunday", "dimanche", "domingo", "sonntag", "domenica"],
    ];
    for (i, names) in weekdays.iter().enumerate() {
        for name in names.iter() {
            t.entry(name).or_default().weekday = i as u8 + 1;
        }
    }
    let numbers: &[(&str, u16)] = &[
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("dozen", 12),
        ("deux", 2),
        ("trois", 3),
        ("quatre", 4),
        ("cinq", 5),
        ("dix", 10),
    ];
    for (w, n) in numbers {
        t.entry(w).or_default().number = *n;
    }
    let units: &[(&str, Unit, bool)] = &[
        ("minute", Unit::Minute, false),
        ("minutes", Unit::Minute, true),
        ("hour", Unit::Hour, false),
        ("hours", Unit::Hour, true),
        ("day", Unit::Day, false),
        ("days", Unit::Day, true),
        ("week", Unit::Week, false),
        ("weeks", Unit::Week, true),
        ("month", Unit::Month, false),
        ("months", Unit::Month, true),
        ("year", Unit::Year, false),
        ("years", Unit::Year, true),
        ("heures", Unit::Hour, true),
        ("jour", Unit::Day, false),
        ("jours", Unit::Day, true),
        ("semaine", Unit::Week, false),
        ("semaines", Unit::Week, true),
        ("mois", Unit::Month, true),
        ("ans", Unit::Year, true),
        ("année", Unit::Year, false),
        ("années", Unit::Year, true),
    ];
    for (w, u, p) in units {
        let e = t.entry(w).or_default();
        e.unit = Some(*u);
        e.plural = *p;
    }
    // Function words that can open an expression; every other entry above
    // can too, so one lookup tells the scanner whether a word is worth trying.
    const STARTERS: &[&str] = &[
        "between",
        "from",
        "du",
        "entre",
        "del",
        "dal",
        "vom",
        "ever",
        "since",
        "depuis",
        "desde",
        "seit",
        "early",
        "late",
        "mid",
        "mi",
        "début",
        "fin",
        "the",
        "end",
        "beginning",
        "start",
        "middle",
        "yesterday",
        "hier",
        "today",
        "tonight",
        "overnight",
        "aujourd",
        "tomorrow",
        "demain",
        "recently",
        "lately",
        "récemment",
        "le",
        "la",
        "il",
        "last",
        "this",
        "next",
        "earlier",
        "later",
        "that",
        "same",
        "recent",
        "in",
        "about",
        "around",
        "nearly",
        "almost",
        "roughly",
        "approximately",
        "some",
        "over",
        "environ",
        "more",
        "less",
        "fewer",
        "at",
        "up",
        "just",
        "only",
        "barely",
        "a",
        "an",
        "few",
        "several",
        "couple",
        "half",
        "noon",
        "midday",
        "midi",
        "midnight",
        "minuit",
    ];
    for w in STARTERS {
        t.entry(w).or_default();
    }
    t
}

static TABLE: LazyLock<Table> = LazyLock::new(table);

/// Looks up a lowercased word.
pub(crate) fn lookup(lower: &str) -> Option<&'static WordInfo> {
    TABLE.get(lower)
}

pub(crate) fn weekday_of(lower: &str) -> Option<Weekday> {
    lookup(lower).map(|w| w.weekday).filter(|d| *d != 0).map(|d| Weekday::from_index(d - 1))
}

pub(crate) fn unit_of(lower: &str) -> Option<(Unit, bool)> {
    lookup(lower).and_then(|w| w.unit.map(|u| (u, w.plural)))
}

pub(crate) fn number_of(lower: &str) -> Option<u16> {
    lookup(lower).map(|w| w.number).filter(|n| *n != 0)
}

/// Suffixes that make a day number ordinal: English "3rd", French "1er",
/// Spanish/Portuguese "1º".
pub(crate) fn is_ordinal_suffix(lower: &str) -> bool {
    matches!(lower, "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "eme" | "ème" | "º" | "ª" | "o")
}

/// Days in a month, with February's length depending on the year when known.
pub(crate) fn days_in_month(year: Option<i16>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 0,
    }
}
