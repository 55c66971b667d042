//! Conflict reports composed phrase by phrase: who, what, to whom, where,
//! when, with what toll, on whose word. Each slot has its own pool and the
//! names come from [`Vocab`], so that, as in a real flow, almost no two
//! sentences are the same, while the constructions are those sitrep codes
//! (active and passive attacks, control, backing, alliances, ceasefires,
//! displacement, aid, diplomacy, quoted and reported speech, briefing turns).

use crate::vocab::{Official, Theatre, Vocab};
use crate::Rng;

pub(crate) const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub(crate) const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// (verb phrase before the target, whether the target is a place).
const ATTACKS: &[(&str, bool)] = &[
    ("shelled", false),
    ("attacked", false),
    ("bombed", false),
    ("struck", false),
    ("stormed", true),
    ("launched an offensive against", false),
    ("besieged", true),
    ("ambushed", false),
    ("fired rockets at", false),
    ("carried out air strikes on", false),
    ("launched a drone attack on", false),
    ("pounded", false),
    ("raided", true),
    ("targeted", false),
    ("opened fire on", false),
    ("clashed with", false),
    ("fought", false),
    ("mortared", false),
    ("overran", true),
    ("advanced on", true),
];
const TARGET_FRAMES: &[&str] = &[
    "positions held by {}",
    "{}",
    "a checkpoint manned by {}",
    "a convoy belonging to {}",
    "a base used by {}",
    "fighters from {}",
    "units of {}",
    "a supply route used by {}",
];
const CAPTURES: &[&str] = &["captured", "seized", "took control of", "retook", "recaptured", "drove {} out of"];
const SOURCES: &[&str] = &[
    "activists",
    "a military spokesman",
    "state media",
    "local officials",
    "residents",
    "a rebel commander",
    "medical sources",
    "a security official",
    "witnesses",
    "a monitoring group",
    "the health ministry",
    "a local council",
    "hospital staff",
    "an army officer",
    "a pro-government website",
    "a spokesman for the group",
];
const AGENCIES_WIRE: &[&str] = &["Levant Wire", "Gulf Wire", "Frontline News", "Crescent Press", "Sahel Dispatch"];
const OUTLETS: &[&str] =
    &["Levant Wire", "Gulf Wire", "Harbour Times", "Beirut Monitor", "Frontline News", "Sahel Dispatch"];
const DIRECTIONS: &[&str] = &["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"];
const VICTIMS: &[&str] =
    &["people", "civilians", "fighters", "soldiers", "members of one family", "children", "police officers"];
const ISSUES: &[&str] = &[
    "the exchange of prisoners",
    "the opening of humanitarian corridors",
    "the withdrawal of heavy weapons",
    "the return of displaced families",
    "a nationwide ceasefire",
    "the reopening of the border crossing",
    "the release of detained journalists",
    "security arrangements along the front line",
];
const CALLS: &[&str] = &[
    "respect the ceasefire",
    "stop targeting civilians",
    "allow aid convoys through",
    "return to the negotiating table",
    "release all detainees",
    "withdraw from the city",
    "exercise restraint",
    "investigate the killings",
];
const CLAIMS: &[&str] = &[
    "the situation on the ground remains extremely fragile",
    "the attacks must stop immediately",
    "there can be no military solution to this conflict",
    "all parties share responsibility for protecting civilians",
    "the talks have made more progress than expected",
    "the offensive has already cost too many lives",
    "the agreement will only hold if it is monitored",
    "our forces acted in self-defence",
    "the reports of casualties are exaggerated",
    "aid workers must be given safe access",
];

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn fill(frame: &str, parts: &[&str]) -> String {
    let mut out = String::with_capacity(frame.len() + 32);
    let mut rest = frame;
    let mut i = 0;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(parts.get(i).copied().unwrap_or(""));
        i += 1;
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// What one document is about: a theatre, a date, and the actors it follows.
pub(crate) struct Scene<'v> {
    pub theatre: &'v Theatre,
    pub year: i32,
    pub month: usize,
    pub day: usize,
    pub place: &'v str,
    /// Indices into the theatre's armed actors: the two main sides.
    sides: (usize, usize),
}

impl<'v> Scene<'v> {
    pub fn new(rng: &mut Rng, v: &'v Vocab) -> Scene<'v> {
        let theatre = &v.theatres[rng.below(v.theatres.len())];
        // The state's forces (when the lexicon lists them) against a group.
        let forces: Vec<usize> = (0..theatre.armed.len()).filter(|i| theatre.is_force[*i]).collect();
        let groups: Vec<usize> = (0..theatre.armed.len()).filter(|i| !theatre.is_force[*i]).collect();
        let b = groups[rng.below(groups.len())];
        let a = if !forces.is_empty() && rng.chance(70) {
            forces[rng.below(forces.len())]
        } else {
            let n = theatre.armed.len();
            (b + 1 + rng.below(n - 1)) % n
        };
        let place = theatre.places[rng.below(theatre.places.len().min(40))].as_str();
        Scene {
            theatre,
            year: 2010 + rng.below(14) as i32,
            month: 1 + rng.below(12),
            day: 1 + rng.below(28),
            place,
            sides: (a, b),
        }
    }

    /// A name for armed actor `i` of the theatre, as reports vary it.
    fn name(&self, rng: &mut Rng, i: usize) -> String {
        let forms = &self.theatre.armed[i];
        if rng.chance(70) {
            forms[0].clone()
        } else {
            forms[rng.below(forms.len())].clone()
        }
    }

    /// One of the two sides (mostly) or another armed actor.
    fn actor(&self, rng: &mut Rng) -> String {
        let i = match rng.below(10) {
            0..=3 => self.sides.0,
            4..=7 => self.sides.1,
            _ => rng.below(self.theatre.armed.len()),
        };
        self.name(rng, i)
    }

    /// Two different actors, mostly the two sides in either order.
    fn pair(&self, rng: &mut Rng) -> (String, String) {
        let n = self.theatre.armed.len();
        let (a, b) = match rng.below(10) {
            0..=4 => self.sides,
            5..=7 => (self.sides.1, self.sides.0),
            _ => {
                let a = rng.below(n);
                (a, (a + 1 + rng.below(n - 1)) % n)
            }
        };
        (self.name(rng, a), self.name(rng, b))
    }

    fn town(&self, rng: &mut Rng) -> &'v str {
        if rng.chance(40) {
            self.place
        } else {
            self.theatre.places[rng.below(self.theatre.places.len())].as_str()
        }
    }

    fn when(&self, rng: &mut Rng) -> String {
        match rng.below(9) {
            0 | 1 => format!("on {}", rng.pick(WEEKDAYS)),
            2 => format!("on {} {}", MONTHS[self.month - 1], 1 + rng.below(28)),
            3 => format!("early on {}", rng.pick(WEEKDAYS)),
            4 => format!("late on {}", rng.pick(WEEKDAYS)),
            5 => "overnight".to_owned(),
            6 => format!("on {} {}", rng.pick(WEEKDAYS), rng.pick(&["morning", "afternoon", "evening", "night"])),
            7 => "at dawn".to_owned(),
            _ => format!("last {}", rng.pick(&["week", "month", "weekend"])),
        }
    }

    fn location(&self, rng: &mut Rng) -> String {
        let t = self.town(rng);
        match rng.below(7) {
            0 | 1 => format!("in {t}"),
            2 => format!("near {t}"),
            3 => format!("on the outskirts of {t}"),
            4 => format!("{} km {} of {t}", 3 + rng.below(60), rng.pick(DIRECTIONS)),
            5 => format!("in the {} part of {t}", rng.pick(&["eastern", "western", "northern", "southern", "old"])),
            _ => format!("in villages around {t}"),
        }
    }

    fn toll(&self, rng: &mut Rng) -> String {
        let n = 2 + rng.below(60);
        match rng.below(6) {
            0 | 1 => format!(", killing at least {n} {}", rng.pick(VICTIMS)),
            2 => format!(", killing {n} and wounding {} others", 3 + rng.below(90)),
            3 => format!(", wounding {n} {}", rng.pick(VICTIMS)),
            4 => String::new(),
            _ => format!(" in fighting that left {n} dead"),
        }
    }

    fn source(&self, rng: &mut Rng, v: &Vocab) -> String {
        if rng.chance(15) && !v.agencies.is_empty() {
            v.agencies[rng.below(v.agencies.len())].clone()
        } else if rng.chance(15) {
            format!("{} {}", rng.pick(&["a spokesman for", "a commander with", "an official from"]), self.actor(rng))
        } else if let Some(d) = self.theatre.demonym.as_deref().filter(|_| rng.chance(10)) {
            format!("{d} {}", rng.pick(&["state media", "state television", "military sources", "officials"]))
        } else {
            rng.pick(SOURCES).to_owned()
        }
    }

    /// An attack, in one of its active or passive forms.
    pub fn attack(&self, rng: &mut Rng, v: &Vocab) -> String {
        let (verb, on_place) = rng.pick(ATTACKS);
        let (a, b) = self.pair(rng);
        let target = if on_place { self.town(rng).to_owned() } else { fill(rng.pick(TARGET_FRAMES), &[&b]) };
        let (loc, when, toll) = (self.location(rng), self.when(rng), self.toll(rng));
        let src = self.source(rng, v);
        match rng.below(8) {
            0..=2 => format!("{} {verb} {target} {loc} {when}{toll}, {src} said.", cap(&a)),
            3 => format!("{} {verb} {target} {when}{toll}, according to {src}.", cap(&a)),
            4 => format!(
                "{} {} was {} by {a} {when}{toll}.",
                rng.pick(&["The town of", "The village of", "A market in", "A hospital in", "A school in"]),
                self.town(rng),
                rng.pick(&["shelled", "attacked", "bombed", "struck", "hit"])
            ),
            5 => format!("{} {verb} {target} {loc}{toll}.", cap(&a)),
            6 => format!("{} said its fighters had {verb} {target} {loc} {when}.", cap(&a)),
            _ => format!("{when}, {a} {verb} {target} {loc}{toll}.", when = cap(&when)),
        }
    }

    pub fn control(&self, rng: &mut Rng) -> String {
        let (a, b) = self.pair(rng);
        let t = self.town(rng);
        let verb = rng.pick(CAPTURES);
        let what = match rng.below(3) {
            0 => t.to_owned(),
            1 => format!("the {} of {t}", rng.pick(&["town", "village", "district", "airport", "crossing", "hill"])),
            _ => format!("most of {t}"),
        };
        if verb.contains("{}") {
            return format!("{} {} {what} {}.", cap(&a), fill(verb, &[&b]), self.when(rng));
        }
        match rng.below(4) {
            0 => format!(
                "{} {verb} {what} from {b} {} after {} days of fighting.",
                cap(&a),
                self.when(rng),
                2 + rng.below(30)
            ),
            1 => format!(
                "{} withdrew from {t} {}, {}.",
                cap(&b),
                self.when(rng),
                rng.pick(&["residents said", "its commanders confirmed", "a monitor reported"])
            ),
            2 => format!("{} remains under the control of {a}.", cap(t)),
            _ => format!("{} {verb} {what} {}.", cap(&a), self.when(rng)),
        }
    }

    pub fn relation(&self, rng: &mut Rng, v: &Vocab) -> String {
        let (a, b) = self.pair(rng);
        let power = v.power(rng);
        match rng.below(7) {
            0 => format!("{}, which is backed by {power}, joined the offensive {}.", cap(&a), self.location(rng)),
            1 => format!(
                "{} receives weapons and training from {power}, {} said.",
                cap(&a),
                rng.pick(&["analysts", "diplomats", "a report by the panel of experts"])
            ),
            2 => format!("{} and {b} agreed to a ceasefire {} {}.", cap(&a), self.location(rng), self.when(rng)),
            3 => format!("{} is fighting alongside {b} {}.", cap(&a), self.location(rng)),
            4 => format!("{} announced that it had joined {b}.", cap(&a)),
            5 => format!("{} has long accused {power} of arming {a}.", cap(&b)),
            _ => format!("{} denied that its forces had withdrawn from {}.", cap(&a), self.town(rng)),
        }
    }

    pub fn humanitarian(&self, rng: &mut Rng, v: &Vocab) -> String {
        let t = self.town(rng);
        let agency =
            if v.agencies.is_empty() { "the United Nations" } else { v.agencies[rng.below(v.agencies.len())].as_str() };
        let n = (1 + rng.below(90)) * 1000 + rng.below(10) * 100;
        match rng.below(5) {
            0 => format!("More than {n} people have fled {t} since {}, {agency} said.", MONTHS[rng.below(12)]),
            1 => format!("{} delivered food and medicine to {n} people in {t} {}.", cap(agency), self.when(rng)),
            2 => format!("{} warned that {n} families around {t} faced shortages of food and water.", cap(agency)),
            3 => format!("An aid convoy of {} trucks reached {t} {}.", 5 + rng.below(60), self.when(rng)),
            _ => format!("About {n} displaced people are sheltering in schools and mosques in {t}."),
        }
    }

    /// Daily life under the war: names places, rarely an actor.
    pub fn hardship(&self, rng: &mut Rng) -> String {
        let t = self.town(rng);
        let n = 2 + rng.below(20);
        match rng.below(8) {
            0 => format!(
                "Prices of {} have risen {} since the fighting began.",
                rng.pick(&["bread and fuel", "flour", "cooking gas", "rice and sugar", "medicine"]),
                rng.pick(&["sharply", "threefold", "by half", "steadily"])
            ),
            1 => format!("Electricity is available for only {} hours a day in parts of {t}.", 1 + rng.below(8)),
            2 => format!("Schools in {t} have been closed for {n} months."),
            3 => format!("The road to {t} was reopened to traffic on {}.", rng.pick(WEEKDAYS)),
            4 => format!("Many families in {t} have been displaced {} times since the war began.", 2 + rng.below(6)),
            5 => format!("Water supplies to {t} were cut after a pumping station was damaged."),
            6 => format!("Hospitals in {t} say they are running short of medicine and fuel."),
            _ => format!("Mobile phone networks in {t} were down for most of {}.", rng.pick(WEEKDAYS)),
        }
    }

    /// An official in office in the scene's year, if any.
    pub fn official<'a>(&self, rng: &mut Rng, v: &'a Vocab) -> Option<&'a Official> {
        for _ in 0..8 {
            let o = &v.officials[rng.below(v.officials.len())];
            if o.serves_in(self.year) {
                return Some(o);
            }
        }
        None
    }

    pub fn quote(&self, rng: &mut Rng, v: &Vocab) -> String {
        let claim = match rng.below(3) {
            0 => format!(
                "{} {}",
                rng.pick(CLAIMS),
                rng.pick(&["in the north", "around the capital", "this week", "for now"])
            ),
            1 => format!("we call on {} to {}", self.actor(rng), rng.pick(CALLS)),
            _ => rng.pick(CLAIMS).to_owned(),
        };
        let (who, role) = match self.official(rng, v) {
            Some(o) => (o.name.clone(), o.title.clone()),
            None => (format!("a spokesman for {}", self.actor(rng)), String::new()),
        };
        let day = rng.pick(WEEKDAYS);
        match rng.below(4) {
            0 if !role.is_empty() => format!("\"{},\" {role} {who} said on {day}.", cap(&claim)),
            1 => format!(
                "{} said {} that {claim}.",
                cap(&who),
                if rng.chance(50) { format!("on {day}") } else { "in a statement".into() }
            ),
            2 => format!(
                "\"{},\" {who} told reporters in {}.",
                cap(&claim),
                self.theatre.capital.as_deref().unwrap_or(self.place)
            ),
            _ => format!("{} urged {} to {}.", cap(&who), self.actor(rng), rng.pick(CALLS)),
        }
    }

    pub fn diplomacy(&self, rng: &mut Rng, v: &Vocab) -> String {
        let p1 = v.power(rng);
        let mut p2 = v.power(rng);
        for _ in 0..4 {
            if p2 != p1 {
                break;
            }
            p2 = v.power(rng);
        }
        let city = self.theatre.capital.as_deref().unwrap_or(self.place);
        match rng.below(5) {
            0 => format!("Envoys from {p1} and {p2} met in {city} {} to discuss {}.", self.when(rng), rng.pick(ISSUES)),
            1 => format!("{} condemned the attack on {} and called for an investigation.", cap(p1), self.town(rng)),
            2 => format!("{} called on {} to {}.", cap(p1), self.actor(rng), rng.pick(CALLS)),
            3 => format!(
                "Talks on {} are due to resume in {city} next {}.",
                rng.pick(ISSUES),
                rng.pick(&["week", "month"])
            ),
            _ => format!("{} and {p2} have taken opposite sides in the war in {}.", cap(p1), self.theatre.country),
        }
    }
}

/// A wire story: dateline and lead, then paragraphs of events, context and
/// a quotation.
pub(crate) fn wire_story(rng: &mut Rng, s: &Scene<'_>, v: &Vocab) -> String {
    let mut paras = vec![format!("{} ({}) - {}", s.place.to_uppercase(), rng.pick(AGENCIES_WIRE), s.attack(rng, v))];
    for _ in 0..2 + rng.below(6) {
        let mut p = Vec::new();
        for _ in 0..1 + rng.below(3) {
            p.push(match rng.below(12) {
                0..=3 => s.attack(rng, v),
                4 | 5 => s.control(rng),
                6 => s.relation(rng, v),
                7 => s.humanitarian(rng, v),
                8 => s.quote(rng, v),
                9 => s.diplomacy(rng, v),
                _ => s.hardship(rng),
            });
        }
        paras.push(p.join(" "));
    }
    paras.join("\n\n")
}

/// A briefing transcript: questions from the floor, answers from a
/// spokesperson.
pub(crate) fn transcript(rng: &mut Rng, s: &Scene<'_>, v: &Vocab) -> String {
    let official = s.official(rng, v);
    let label = match official {
        Some(o) => format!("MR {}", o.name.rsplit(' ').next().unwrap_or(&o.name).to_uppercase()),
        None => "SPOKESPERSON".to_owned(),
    };
    let mut paras = vec![format!(
        "{} Press Briefing, {} {}",
        rng.pick(&["Department", "Daily", "Ministry"]),
        MONTHS[s.month - 1],
        s.day
    )];
    for _ in 0..3 + rng.below(5) {
        let q = match rng.below(4) {
            0 => {
                let (a, b) = s.pair(rng);
                format!("Are {a} still fighting alongside {b} in {}?", s.town(rng))
            }
            1 => format!(
                "What is your response to reports that {} shelled {} {}?",
                s.actor(rng),
                s.town(rng),
                s.when(rng)
            ),
            2 => format!("Can you say anything about the talks on {}?", rng.pick(ISSUES)),
            _ => format!("Who controls {} today?", s.town(rng)),
        };
        paras.push(format!("QUESTION: {q}"));
        let mut a = vec![rng
            .pick(&[
                "We have seen the reports.",
                "I don't have anything new on that.",
                "Let me be clear about this.",
                "We are following this closely.",
            ])
            .to_owned()];
        a.push(match rng.below(4) {
            0 => format!(
                "We want to see the cessation observed by all parties, and we have conveyed that to {}.",
                s.actor(rng)
            ),
            1 => format!("Our understanding is that {}", lower_first(&s.attack(rng, v))),
            2 => format!("We continue to urge {} to {}.", s.actor(rng), rng.pick(CALLS)),
            _ => format!("{}.", cap(rng.pick(CLAIMS))),
        });
        if rng.chance(40) {
            a.push(s.hardship(rng));
        }
        paras.push(format!("{label}: {}", a.join(" ")));
    }
    paras.join("\n\n")
}

/// An opinion piece: a description of the sides, a quotation, an event.
pub(crate) fn opinion(rng: &mut Rng, s: &Scene<'_>, v: &Vocab) -> String {
    let (a, b) = s.pair(rng);
    let mut paras = vec![format!(
        "{} has been fighting {b} for control of {} since {}.",
        cap(&a),
        s.town(rng),
        MONTHS[s.month - 1]
    )];
    if let Some(o) = s.official(rng, v) {
        paras.push(format!("At a briefing that day, {} {} said:", o.title, o.name));
        paras.push(format!("{}. {}", cap(rng.pick(CLAIMS)), s.hardship(rng)));
    }
    paras.push(s.relation(rng, v));
    paras.push(s.attack(rng, v));
    paras.push(s.diplomacy(rng, v));
    paras.join("\n\n")
}

fn lower_first(s: &str) -> String {
    // Keep names capitalised: only an article or a time phrase's first word is lowered.
    for w in ["The ", "A ", "An ", "Last ", "Late ", "Early ", "Overnight,", "At ", "On "] {
        if let Some(rest) = s.strip_prefix(w) {
            return format!("{}{rest}", w.to_lowercase());
        }
    }
    s.to_owned()
}

/// One conflict document: (title, date, outlet, text).
pub(crate) fn document(rng: &mut Rng) -> (String, (usize, usize, usize), &'static str, String) {
    let v = Vocab::get();
    let s = Scene::new(rng, v);
    let text = match rng.below(10) {
        0..=5 => wire_story(rng, &s, v),
        6..=7 => transcript(rng, &s, v),
        _ => opinion(rng, &s, v),
    };
    let title = format!(
        "{} {} {}",
        cap(&s.actor(rng)),
        rng.pick(&[
            "advance near",
            "pushed back from",
            "clash in",
            "shell",
            "tighten siege of",
            "accused over attack in"
        ]),
        s.place
    );
    (title, (s.year as usize, s.month, s.day), rng.pick(OUTLETS), text)
}
