//! General news: the articles a news flow carries besides conflict reports.
//!
//! A feed of the kind GDELT reads is mostly markets, politics at home, sport,
//! weather, health and culture. These stories still name states, capitals and
//! leaders, and use words that look like event triggers out of context ("the
//! attack", "a strike", "fought back", "talks"), so they exercise the cheap
//! filters the way real feeds do: some are dropped at the document level, most
//! reach the lexicon, few reach the parser.

use crate::Rng;

const COUNTRIES: &[&str] = &[
    "Germany",
    "France",
    "Japan",
    "Brazil",
    "India",
    "Canada",
    "Italy",
    "Spain",
    "Mexico",
    "Indonesia",
    "South Korea",
    "Australia",
    "Nigeria",
    "Kenya",
    "Poland",
    "the Netherlands",
    "Sweden",
    "Argentina",
    "Turkey",
    "Egypt",
];
const CITIES: &[&str] = &[
    "Frankfurt",
    "Lyon",
    "Osaka",
    "Sao Paulo",
    "Mumbai",
    "Toronto",
    "Milan",
    "Valencia",
    "Monterrey",
    "Surabaya",
    "Busan",
    "Melbourne",
    "Lagos",
    "Mombasa",
    "Krakow",
    "Rotterdam",
    "Gothenburg",
    "Cordoba",
    "Izmir",
    "Alexandria",
];
const FIRMS: &[&str] = &[
    "a regional carmaker",
    "the country's largest lender",
    "a state-owned utility",
    "an online retailer",
    "a steel group",
    "a budget airline",
    "a chipmaker",
    "a shipping company",
    "a mobile operator",
    "a pharmaceutical firm",
];
const TEAMS: &[&str] = &[
    "the home side",
    "the visitors",
    "the defending champions",
    "the league leaders",
    "the newly promoted club",
    "the national team",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn percent(rng: &mut Rng) -> String {
    format!("{}.{}", rng.below(9), rng.below(10))
}

fn economy(rng: &mut Rng, country: &str, city: &str) -> Vec<String> {
    let day = rng.pick(WEEKDAYS);
    let mut s = vec![
        format!(
            "Inflation in {country} slowed to {} percent in the year to {}, the statistics office said on {day}.",
            percent(rng),
            rng.pick(&["March", "June", "September", "December"])
        ),
        format!(
            "The central bank left its main interest rate unchanged at {} percent, in line with forecasts.",
            percent(rng)
        ),
        format!(
            "Shares of {} rose {} percent in {city} after it reported higher quarterly profit.",
            rng.pick(FIRMS),
            percent(rng)
        ),
        "Economists said the fight against rising prices was far from over.".to_owned(),
        format!(
            "Exports fell for a {} month as demand from Europe and China weakened.",
            rng.pick(&["second", "third", "fourth"])
        ),
        "The finance minister told parliament the budget deficit would narrow next year.".to_owned(),
        format!("The currency weakened against the dollar in early trading in {city}."),
        "Analysts expect growth to pick up in the second half of the year.".to_owned(),
    ];
    if rng.chance(40) {
        s.push(format!(
            "Workers at {} plan a two-day strike over pay, their union said.",
            rng.pick(&["the main port", "the national railway", "several hospitals", "a car plant near the capital"])
        ));
    }
    s
}

fn sport(rng: &mut Rng, _country: &str, city: &str) -> Vec<String> {
    let (a, b) = (rng.pick(TEAMS), rng.pick(TEAMS));
    let won = 1 + rng.below(4);
    let lost = rng.below(won);
    vec![
        format!("{} beat {b} {won}-{lost} in {city} on {}.", capitalize(a), rng.pick(WEEKDAYS)),
        "The striker scored twice before half-time and was substituted with a minor injury.".to_owned(),
        format!("{} fought back after the break but could not find an equaliser.", capitalize(b)),
        "The coach said his players had defended well and controlled the midfield.".to_owned(),
        "A crowd of more than forty thousand watched the match.".to_owned(),
        "Their attack has now scored in every game this season.".to_owned(),
        format!("The win lifts them to {} place in the table.", rng.pick(&["second", "third", "fifth", "first"])),
        "The two sides meet again in the cup next month.".to_owned(),
    ]
}

fn weather(rng: &mut Rng, country: &str, city: &str) -> Vec<String> {
    vec![
        format!("Heavy rain flooded streets in {city} on {}, and several flights were cancelled.", rng.pick(WEEKDAYS)),
        format!("The weather service in {country} issued warnings for the coast and the northern hills."),
        format!("Temperatures are expected to reach {} degrees by the weekend.", 28 + rng.below(14)),
        "Farmers said the dry spring had already cut the wheat harvest.".to_owned(),
        "Emergency services rescued a family whose car was swept away by water.".to_owned(),
        "Schools in the worst-hit districts will stay closed until Wednesday.".to_owned(),
        "Forecasters said the storm would weaken as it moved inland.".to_owned(),
    ]
}

fn health(rng: &mut Rng, country: &str, city: &str) -> Vec<String> {
    vec![
        format!("Health officials in {country} reported {} new cases of measles this month.", 20 + rng.below(400)),
        format!("A new hospital wing opened in {city}, adding {} beds.", 50 + rng.below(300)),
        "Researchers said a trial of the vaccine had shown strong results in older adults.".to_owned(),
        "Doctors urged parents to make sure their children's vaccinations were up to date.".to_owned(),
        "The ministry said waiting times for surgery had fallen for the first time in years.".to_owned(),
        "The study followed more than ten thousand patients over five years.".to_owned(),
        "Nurses have warned that staff shortages are putting pressure on emergency wards.".to_owned(),
    ]
}

fn culture(rng: &mut Rng, country: &str, city: &str) -> Vec<String> {
    vec![
        format!("The film festival in {city} opened on {} with a drama set in a fishing village.", rng.pick(WEEKDAYS)),
        format!("The novel won the top literary prize in {country}, the jury announced."),
        "The museum will display the paintings together for the first time in a century.".to_owned(),
        "Tickets for the concert sold out within an hour.".to_owned(),
        "Critics praised the director's restraint and the lead actor's performance.".to_owned(),
        "The exhibition runs until the end of the summer.".to_owned(),
        "Organisers said attendance was the highest since the festival began.".to_owned(),
    ]
}

fn politics(rng: &mut Rng, country: &str, city: &str) -> Vec<String> {
    let leader = match country {
        "Germany" => "Chancellor Olaf Scholz",
        "France" => "President Emmanuel Macron",
        "Japan" => "Prime Minister Fumio Kishida",
        "Brazil" => "President Luiz Inacio Lula da Silva",
        "India" => "Prime Minister Narendra Modi",
        "Canada" => "Prime Minister Justin Trudeau",
        "Turkey" => "President Recep Tayyip Erdogan",
        "Egypt" => "President Abdel Fattah el-Sisi",
        _ => "The prime minister",
    };
    let mut s = vec![
        format!(
            "Voters in {country} go to the polls on {} in a closely watched regional election.",
            rng.pick(WEEKDAYS)
        ),
        format!("{leader} met business leaders in {city} to discuss investment and jobs."),
        "The opposition accused the government of failing to control housing costs.".to_owned(),
        "Polls show the governing party narrowly ahead.".to_owned(),
        format!("Parliament in {country} approved a bill to expand rail links to smaller towns."),
        "The prime minister said the reform would be phased in over three years.".to_owned(),
        "Critics said the plan did not go far enough to cut emissions.".to_owned(),
        "Trade talks between the two governments are due to resume next week.".to_owned(),
    ];
    if rng.chance(30) {
        s.push(format!(
            "Thousands of people marched through {city} to protest against the pension changes, police said."
        ));
    }
    s
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One general-news story: a title and paragraphs of a few sentences each.
pub(crate) fn story(rng: &mut Rng) -> (String, String) {
    // Each city lies in the country at the same position.
    let i = rng.below(COUNTRIES.len().min(CITIES.len()));
    let (country, city) = (COUNTRIES[i], CITIES[i]);
    let (topic, mut pool): (&str, Vec<String>) = match rng.below(6) {
        0 => ("Markets", economy(rng, country, city)),
        1 => ("Sport", sport(rng, country, city)),
        2 => ("Weather", weather(rng, country, city)),
        3 => ("Health", health(rng, country, city)),
        4 => ("Culture", culture(rng, country, city)),
        _ => ("Politics", politics(rng, country, city)),
    };
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
