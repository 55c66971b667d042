//! General news: the articles a news flow carries besides conflict reports.
//!
//! A feed of the kind GDELT reads is mostly markets, politics at home, sport,
//! weather, health and culture. These stories still name states, towns and
//! leaders, and use words that look like event triggers out of context ("the
//! attack", "a strike", "fought back", "talks", "the storm"), so they
//! exercise the cheap filters the way real feeds do: some are dropped at the
//! document level, most reach the lexicon, few reach the parser. Countries
//! and towns come from the gazetteer and every sentence has several slots,
//! so stories do not repeat each other.

use crate::conflict::{MONTHS, WEEKDAYS};
use crate::vocab::Vocab;
use crate::Rng;

const SECTORS: &[&str] = &[
    "carmaker",
    "lender",
    "utility",
    "online retailer",
    "steel group",
    "airline",
    "chipmaker",
    "shipping company",
    "mobile operator",
    "drugmaker",
    "insurer",
    "brewer",
    "property developer",
    "food group",
    "software company",
];
const FIRM_ADJ: &[&str] =
    &["regional", "state-owned", "family-owned", "listed", "loss-making", "fast-growing", "budget"];
const FIRST: &[&str] = &[
    "Anna", "Marco", "Yuki", "Carlos", "Priya", "Tomasz", "Amara", "Lars", "Sofia", "Kenji", "Ines", "Mehmet", "Grace",
    "Pablo", "Leila", "Jonas", "Chen", "Fatima", "Oskar", "Lucia", "David", "Ngozi", "Erik", "Hana",
];
const LAST: &[&str] = &[
    "Moreau",
    "Rossi",
    "Tanaka",
    "Silva",
    "Sharma",
    "Nowak",
    "Okafor",
    "Berg",
    "Garcia",
    "Sato",
    "Costa",
    "Yilmaz",
    "Mensah",
    "Lopez",
    "Haddad",
    "Weber",
    "Li",
    "Diallo",
    "Lindqvist",
    "Romero",
    "Cohen",
    "Eze",
    "Jensen",
    "Kim",
];
const TEAM_WORDS: &[&str] = &["United", "City", "Rovers", "Athletic", "Sporting", "Olympic", "Wanderers", "Racing"];
const PRODUCTS: &[&str] = &["wheat", "coffee", "copper", "natural gas", "cocoa", "sugar", "crude oil", "soybeans"];
const DISEASES: &[&str] = &["measles", "dengue fever", "influenza", "cholera", "tuberculosis", "mpox"];
const ARTS: &[&str] =
    &["film festival", "book fair", "jazz festival", "biennale", "theatre festival", "photography show"];

fn percent(rng: &mut Rng) -> String {
    format!("{}.{}", rng.below(9), rng.below(10))
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn firm(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRM_ADJ), rng.pick(SECTORS))
}

fn team(rng: &mut Rng, towns: &[String]) -> String {
    format!("{} {}", towns[rng.below(towns.len())], rng.pick(TEAM_WORDS))
}

fn economy(rng: &mut Rng, country: &str, city: &str, towns: &[String]) -> Vec<String> {
    let day = rng.pick(WEEKDAYS);
    let mut s = vec![
        format!(
            "Inflation in {country} slowed to {} percent in the year to {}, the statistics office said on {day}.",
            percent(rng),
            rng.pick(MONTHS)
        ),
        format!(
            "The central bank {} its main interest rate {} {} percent, {}.",
            rng.pick(&["left", "raised", "cut"]),
            rng.pick(&["at", "to"]),
            percent(rng),
            rng.pick(&["in line with forecasts", "surprising most economists", "citing weaker demand"])
        ),
        format!(
            "Shares of a {} rose {} percent in {city} after it reported {} quarterly profit.",
            firm(rng),
            percent(rng),
            rng.pick(&["higher", "record", "better-than-expected"])
        ),
        format!("{} said the fight against rising prices was far from over.", person(rng)),
        format!(
            "Exports of {} fell for a {} month as demand from {} weakened.",
            rng.pick(PRODUCTS),
            rng.pick(&["second", "third", "fourth", "fifth"]),
            rng.pick(&["Europe", "China", "neighbouring countries", "the Gulf"])
        ),
        format!(
            "The finance minister told parliament the budget deficit would narrow to {} percent next year.",
            percent(rng)
        ),
        format!("The currency weakened {} percent against the dollar in early trading on {day}.", percent(rng)),
        format!(
            "A {} plans to cut {} jobs at its plant in {}.",
            firm(rng),
            (1 + rng.below(40)) * 50,
            towns[rng.below(towns.len())]
        ),
    ];
    if rng.chance(40) {
        s.push(format!(
            "Workers at {} plan a {}-day strike over pay, their union said.",
            rng.pick(&["the main port", "the national railway", "several hospitals", "a car plant"]),
            2 + rng.below(4)
        ));
    }
    s
}

fn sport(rng: &mut Rng, _country: &str, city: &str, towns: &[String]) -> Vec<String> {
    let (a, b) = (team(rng, towns), team(rng, towns));
    let won = 1 + rng.below(4);
    let lost = rng.below(won);
    vec![
        format!("{a} beat {b} {won}-{lost} in {city} on {}.", rng.pick(WEEKDAYS)),
        format!(
            "{} scored {} before half-time and was substituted with {} injury.",
            person(rng),
            rng.pick(&["twice", "once", "a penalty"]),
            rng.pick(&["a minor", "a knee", "a hamstring", "an ankle"])
        ),
        format!("{b} fought back after the break but could not find an equaliser."),
        format!("Coach {} said the players had defended well and controlled the midfield.", person(rng)),
        format!("A crowd of more than {} thousand watched the match in {city}.", 5 + rng.below(70)),
        format!("{a} have now scored in {} straight games.", 3 + rng.below(12)),
        format!(
            "The win lifts {a} to {} place in the table.",
            rng.pick(&["second", "third", "fifth", "first", "seventh"])
        ),
        format!(
            "{a} and {b} meet again in the cup {}.",
            rng.pick(&["next month", "in April", "in the autumn", "next week"])
        ),
    ]
}

fn weather(rng: &mut Rng, country: &str, city: &str, towns: &[String]) -> Vec<String> {
    vec![
        format!(
            "Heavy rain flooded streets in {city} on {}, and {} flights were cancelled.",
            rng.pick(WEEKDAYS),
            3 + rng.below(80)
        ),
        format!(
            "The weather service in {country} issued warnings for {} and the hills around {}.",
            rng.pick(&["the coast", "the river valleys", "the north", "the capital region"]),
            towns[rng.below(towns.len())]
        ),
        format!("Temperatures are expected to reach {} degrees by the weekend.", 28 + rng.below(16)),
        format!(
            "Farmers said the dry spring had already cut the {} harvest by {} percent.",
            rng.pick(PRODUCTS),
            5 + rng.below(40)
        ),
        format!(
            "Emergency services rescued {} people whose cars were swept away by water near {}.",
            2 + rng.below(20),
            towns[rng.below(towns.len())]
        ),
        format!("Schools in the worst-hit districts of {city} will stay closed until {}.", rng.pick(WEEKDAYS)),
        format!(
            "Forecasters said Storm {} would weaken as it moved {} on {}.",
            rng.pick(FIRST),
            rng.pick(&["inland", "north", "out to sea", "east"]),
            rng.pick(WEEKDAYS)
        ),
    ]
}

fn health(rng: &mut Rng, country: &str, city: &str, _towns: &[String]) -> Vec<String> {
    vec![
        format!(
            "Health officials in {country} reported {} new cases of {} this month.",
            20 + rng.below(900),
            rng.pick(DISEASES)
        ),
        format!("A new hospital wing opened in {city}, adding {} beds.", 50 + rng.below(300)),
        format!(
            "Researchers led by {} said a trial of the vaccine had shown strong results in older adults.",
            person(rng)
        ),
        format!("Doctors in {city} urged parents to make sure their children's vaccinations were up to date."),
        format!("The ministry said waiting times for surgery had fallen by {} percent.", 3 + rng.below(30)),
        format!(
            "The study followed more than {} thousand patients over {} years.",
            2 + rng.below(50),
            2 + rng.below(9)
        ),
        format!("Nurses in {city} have warned that staff shortages are putting pressure on emergency wards."),
    ]
}

fn culture(rng: &mut Rng, country: &str, city: &str, towns: &[String]) -> Vec<String> {
    vec![
        format!(
            "The {} in {city} opened on {} with a drama set in a fishing village.",
            rng.pick(ARTS),
            rng.pick(WEEKDAYS)
        ),
        format!("{}'s novel won the top literary prize in {country}, the jury announced.", person(rng)),
        format!("The museum will display the paintings together for the first time in {} years.", 20 + rng.below(180)),
        format!("Tickets for {}'s concert sold out within an hour.", person(rng)),
        format!("Critics praised the restraint of director {}.", person(rng)),
        format!(
            "The exhibition at the {} museum runs until the end of {}.",
            towns[rng.below(towns.len())],
            rng.pick(MONTHS)
        ),
        format!("Organisers said {} thousand people attended.", 5 + rng.below(200)),
    ]
}

fn politics(rng: &mut Rng, country: &str, city: &str, towns: &[String]) -> Vec<String> {
    let leader = rng.pick(&["The prime minister", "The president", "The chancellor", "The interior minister"]);
    let mut s = vec![
        format!(
            "Voters in {country} go to the polls on {} in a closely watched {} election.",
            rng.pick(WEEKDAYS),
            rng.pick(&["regional", "municipal", "parliamentary", "presidential"])
        ),
        format!("{leader} met business leaders in {city} to discuss investment and jobs."),
        format!(
            "Opposition leader {} accused the government of failing to control {}.",
            person(rng),
            rng.pick(&["housing costs", "inflation", "migration", "crime", "energy prices"])
        ),
        format!(
            "A poll for {} showed the governing party {} points ahead.",
            rng.pick(&["a national daily", "public television", "a business weekly", "a university institute"]),
            2 + rng.below(15)
        ),
        format!("Parliament in {country} approved a bill to expand rail links to {}.", towns[rng.below(towns.len())]),
        format!("{leader} said the reform would be phased in over {} years.", 2 + rng.below(6)),
        format!("{} said the plan did not go far enough to cut emissions.", person(rng)),
        format!(
            "Trade talks with {} are due to resume in {city} on {}.",
            rng.pick(&["the European Union", "neighbouring states", "China", "the United States"]),
            rng.pick(WEEKDAYS)
        ),
    ];
    if rng.chance(30) {
        s.push(format!(
            "Thousands of people marched through {city} to protest against the {} changes, police said.",
            rng.pick(&["pension", "tax", "labour", "education"])
        ));
    }
    s
}

/// Gives a sentence what real ones carry and templates lack: a named
/// source, a place or a time, so that a flow does not repeat itself.
fn decorate(rng: &mut Rng, sentence: String, towns: &[String], institutions: &[&str]) -> String {
    let Some(body) = sentence.strip_suffix('.') else { return sentence };
    if body.contains(" said") || body.contains("according to") || body.contains("announced") {
        return sentence;
    }
    let said = [" said", " told reporters", " told a news conference", " said in a statement"];
    let tail = match rng.below(8) {
        0 => format!(", {} said", person(rng)),
        1 => format!(", {} of {} said", person(rng), rng.pick(institutions)),
        2 => format!(", officials in {}{}", towns[rng.below(towns.len())], rng.pick(&said)),
        3 => format!(", according to {}", rng.pick(institutions)),
        4 if !body.contains(" in ") => format!(" in {}", towns[rng.below(towns.len())]),
        _ => return sentence,
    };
    format!("{body}{tail}.")
}

/// One general-news story: a title and paragraphs of a few sentences each.
pub(crate) fn story(rng: &mut Rng) -> (String, String) {
    let world = &Vocab::get().world;
    let (country, towns) = &world[rng.below(world.len())];
    let city = towns[rng.below(towns.len().min(10))].as_str();
    let (topic, pool): (&str, Vec<String>) = match rng.below(6) {
        0 => ("Markets", economy(rng, country, city, towns)),
        1 => ("Sport", sport(rng, country, city, towns)),
        2 => ("Weather", weather(rng, country, city, towns)),
        3 => ("Health", health(rng, country, city, towns)),
        4 => ("Culture", culture(rng, country, city, towns)),
        _ => ("Politics", politics(rng, country, city, towns)),
    };
    let institutions: &[&str] = match topic {
        "Markets" => &["the statistics office", "the central bank", "the chamber of commerce", "the finance ministry"],
        "Sport" => &["the football federation", "the league", "the club"],
        "Weather" => &["the weather service", "civil defence", "the regional authorities"],
        "Health" => &["the health ministry", "the university hospital", "the public health institute"],
        "Culture" => &["the organisers", "the culture ministry", "the national museum"],
        _ => &["a polling institute", "the electoral commission", "the interior ministry", "parliament's press office"],
    };
    let mut pool: Vec<String> = pool.into_iter().map(|x| decorate(rng, x, towns, institutions)).collect();
    // A story uses most of its topic's sentences in a shuffled order, the
    // first one (the lead) kept first.
    let lead = pool.remove(0);
    for i in (1..pool.len()).rev() {
        let j = rng.below(i + 1);
        pool.swap(i, j);
    }
    let keep = pool.len() - rng.below(3).min(pool.len());
    pool.truncate(keep);
    let mut paras = vec![lead];
    for chunk in pool.chunks(1 + rng.below(3)) {
        paras.push(chunk.join(" "));
    }
    (format!("{topic}: {country}"), paras.join("\n\n"))
}
