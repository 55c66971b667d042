//! Clause boundaries inside a sentence, from its words and punctuation
//! alone (no parse): where a new clause starts, and which of those starts
//! open a relative clause. The time stage uses them to keep a date to the
//! clause it belongs to; the statement extractor to keep a relative
//! clause's date from moving the narrative's clock.

/// Whether byte offset `at` lies in a clause that a relative break opens.
pub fn in_relative(breaks: &[usize], relatives: &[usize], at: usize) -> bool {
    let c = breaks.iter().filter(|b| **b <= at).count();
    c > 0 && relatives.contains(&breaks[c - 1])
}

/// The breaks of [`clause_breaks`] after a comma and a relative word, and
/// those that open a restrictive relative clause (see
/// [`restrictive_breaks`]).
pub fn relative_breaks(s: &str, base: usize) -> Vec<usize> {
    let mut out: Vec<usize> = s
        .char_indices()
        .filter(|&(i, c)| {
            c == ',' && {
                let rest = s[i + 1..].trim_start();
                ["which ", "where ", "who ", "whose "].iter().any(|w| rest.starts_with(w))
            }
        })
        .map(|(i, _)| base + i + 1)
        .collect();
    out.extend(restrictive_breaks(s, base));
    out.extend(reduced_relatives(s, base).into_iter().map(|(start, _)| start));
    out.sort_unstable();
    out
}

/// Reduced relative clauses in a main clause's object: "He accused the alliance of breaking a
/// truce brokered by China in January" (the participle of an act after a noun, before "by"), once the
/// sentence has had a verb before it. "Fighters backed by Turkey attacked Afrin on Monday" has
/// none before it: there the participle phrase is the subject's, and the sentence's date the
/// attack's. Each as (offset of the participle, offset where the main clause resumes at a
/// verb-like word after the agent, if one does).
fn reduced_relatives(s: &str, base: usize) -> Vec<(usize, Option<usize>)> {
    const AUX: &[&str] =
        &["is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "get", "got", "gets"];
    const FINITE: &[&str] = &["is", "was", "are", "were", "has", "have", "had", "said", "says", "took", "broke"];
    // Participles of acts with a date of their own: "a base used by X on Friday" is a state, and
    // the date is the attack's.
    const EVENT_PARTICIPLES: &[&str] = &[
        "brokered",
        "signed",
        "mediated",
        "negotiated",
        "agreed",
        "announced",
        "declared",
        "imposed",
        "adopted",
        "passed",
        "issued",
        "approved",
        "reached",
        "launched",
        "promised",
        "pledged",
        "drafted",
        "proposed",
        "offered",
        "outlined",
        "unveiled",
        "ordered",
    ];
    let words: Vec<(usize, &str)> =
        s.split_whitespace().map(|w| (w.as_ptr() as usize - s.as_ptr() as usize + base, w)).collect();
    let bare = |w: &str| w.trim_end_matches([',', '.', ';', ':']).to_string();
    let lower_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    let mut out = Vec::new();
    for k in 1..words.len().saturating_sub(1) {
        let (w, prev) = (words[k].1, words[k - 1].1);
        if !(EVENT_PARTICIPLES.contains(&w) && words[k + 1].1 == "by") {
            continue;
        }
        if !lower_word(prev) || AUX.contains(&prev) || prev.ends_with("ed") || prev.ends_with("ly") {
            continue;
        }
        let verb_before = words[..k - 1].iter().any(|(_, v)| {
            let v = bare(v);
            lower_word(&v) && (v.ends_with("ed") || FINITE.contains(&v.as_str()))
        });
        if !verb_before {
            continue;
        }
        let resume = words[k + 2..]
            .iter()
            .skip(1)
            .take_while(|(_, v)| !v.ends_with([',', ';', ':']))
            .find(|(_, v)| lower_word(v) && v.ends_with("ed"))
            .map(|(at, _)| *at);
        out.push((base + words[k].0 - base, resume));
    }
    out
}

/// Offsets of a "that" or "which" with no comma before it that follows a
/// noun phrase opened by a determiner ("the three-phase deal that Biden
/// outlined on May 31", "a truce which China brokered"): a restrictive
/// relative clause. After a verb ("said that") or a date ("on Monday that")
/// the word introduces what was said, and stays in its clause.
pub fn restrictive_breaks(s: &str, base: usize) -> Vec<usize> {
    const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "this", "these", "those"];
    let words: Vec<(usize, &str)> =
        s.split_whitespace().map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w)).collect();
    let nominal = |w: &str| {
        !w.is_empty()
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && w.chars().next().is_some_and(char::is_lowercase)
            && !w.ends_with("ed")
            && !DETERMINERS.contains(&w)
            && !matches!(w, "said" | "says" | "say" | "told" | "is" | "was" | "are" | "were" | "so" | "such" | "now")
    };
    let mut out = Vec::new();
    for (k, &(at, w)) in words.iter().enumerate() {
        if !matches!(w, "that" | "which") || k < 2 || !nominal(words[k - 1].1) {
            continue;
        }
        // One or two words of the noun phrase after its determiner, not a cleft ("It was this
        // coalition that in one month managed to ...": the clause is the sentence's own).
        let opened = (2..=3).any(|back| {
            k >= back
                && DETERMINERS.contains(&words[k - back].1.to_lowercase().as_str())
                && (k - back + 1..k).all(|j| nominal(words[j].1))
                && !(k > back && matches!(words[k - back - 1].1, "was" | "is" | "were" | "are" | "it's"))
        });
        if opened {
            out.push(base + at);
        }
    }
    out
}

/// Where a restrictive relative clause hands back to the main clause: "the
/// deal that Biden outlined on May 31 and urges both sides to ...": at an
/// "and" followed by a verb-like word (lower case, ending in -s or -ed)
/// that itself takes a determiner, a name, a number or a preposition of
/// request ("and urges both", "and calls on", "and killed 20"). "that
/// Biden outlined and Israel accepted" goes on with the clause. Offsets of
/// the word after "and".
fn restrictive_ends(s: &str, base: usize, opened: &[usize]) -> Vec<usize> {
    let words: Vec<(usize, &str)> =
        s.split_whitespace().map(|w| (w.as_ptr() as usize - s.as_ptr() as usize + base, w)).collect();
    let mut out = Vec::new();
    for &open in opened {
        let Some(start) = words.iter().position(|(at, _)| *at == open) else { continue };
        for k in start + 1..words.len().saturating_sub(2) {
            let w = words[k].1;
            // A comma or other stop ends the clause search: the clause breaks find those.
            if w.ends_with([',', ';', ':']) {
                break;
            }
            let verb = words[k + 1].1;
            let next = words[k + 2].1.trim_end_matches([',', '.', ';']);
            let verbish = verb.chars().all(|c| c.is_ascii_lowercase())
                && verb.len() > 3
                && (verb.ends_with("ed") || verb.ends_with('s') && !verb.ends_with("ss"));
            let takes = matches!(
                next,
                "the" | "a" | "an" | "both" | "all" | "its" | "their" | "on" | "for" | "to" | "that" | "at"
            ) || next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
            if w == "and" && verbish && takes {
                out.push(words[k + 1].0);
                break;
            }
        }
    }
    out
}

/// Byte offsets where a new clause starts inside a sentence `s` that starts
/// at `base`: after a semicolon, colon, dash or spaced hyphen, after a comma
/// before a conjunction or relative word, and at a restrictive relative
/// clause. Sorted.
pub fn clause_breaks(s: &str, base: usize) -> Vec<usize> {
    const CONJ: &[&str] = &[
        "and ",
        "but ",
        "while ",
        "whereas ",
        "which ",
        "although ",
        "though ",
        "after ",
        "before ",
        "when ",
        "where ",
        "as ",
        "who ",
        "whose ",
        "so ",
    ];
    let mut out = restrictive_breaks(s, base);
    out.extend(restrictive_ends(s, base, &out));
    for (start, resume) in reduced_relatives(s, base) {
        out.push(start);
        out.extend(resume);
    }
    for (i, c) in s.char_indices() {
        match c {
            ';' | ':' | '\u{2014}' => out.push(base + i + c.len_utf8()),
            // A spaced hyphen or en dash sets off a parenthetical.
            '-' | '\u{2013}' if s[..i].ends_with(' ') && s[i + c.len_utf8()..].starts_with(' ') => {
                out.push(base + i + c.len_utf8())
            }
            ',' => {
                let rest = s[i + 1..].trim_start();
                if CONJ.iter().any(|w| rest.starts_with(w)) {
                    out.push(base + i + 1);
                }
                // ", which backs some factions, called for ...": the comma closing a relative
                // clause hands back to the main clause.
                let opened = [", which ", ", who ", ", whose "].iter().filter_map(|w| s[..i].rfind(w)).max();
                if opened.is_some_and(|o| !s[o + 1..i].contains([',', ';', ':'])) {
                    out.push(base + i + 1);
                }
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out
}

/// Whether byte offset `at` of a sentence `s` starting at `base` follows a
/// "since" in its stretch of the sentence (no comma, semicolon or dash
/// between), at most twelve words before: "since the military took power in
/// a coup in February 2021" dates the start of something that still holds,
/// not where the story stands.
pub fn after_since(s: &str, base: usize, at: usize) -> bool {
    let Some(before) = at.checked_sub(base).and_then(|i| s.get(..i)) else {
        return false;
    };
    let stretch = before.rsplit([',', ';', ':', '\u{2014}', '(']).next().unwrap_or(before);
    stretch.split_whitespace().rev().take(12).any(|w| w.eq_ignore_ascii_case("since"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(s: &str) -> Vec<&str> {
        restrictive_breaks(s, 0).into_iter().map(|i| &s[i..]).collect()
    }

    #[test]
    fn a_restrictive_relative_follows_a_noun_phrase_with_its_determiner() {
        let s = "The resolution backs the three-phase deal that Biden outlined on May 31.";
        assert_eq!(opened(s), vec!["that Biden outlined on May 31."]);
        assert_eq!(
            opened("It rejected a truce which China brokered in January."),
            vec!["which China brokered in January."]
        );
        // After a verb, a date or in a cleft, "that" opens no relative clause.
        assert!(opened("The army said that rebels attacked on Monday.").is_empty());
        assert!(opened("The ministry said on Monday that rebels attacked.").is_empty());
        assert!(opened("It was this coalition that drove the army out.").is_empty());
    }

    #[test]
    fn a_restrictive_relative_ends_where_the_main_clause_goes_on_with_and() {
        let s = "The resolution welcomes the deal that Biden outlined on May 31 and urges both sides to act.";
        let clauses = clause_breaks(s, 0);
        let relatives = relative_breaks(s, 0);
        assert!(in_relative(&clauses, &relatives, s.find("May").unwrap()));
        assert!(!in_relative(&clauses, &relatives, s.find("urges").unwrap()));
        // A second verb of the relative clause with its own subject stays in it.
        let s = "It backs the deal that Biden outlined and Israel accepted in May.";
        assert!(in_relative(&clause_breaks(s, 0), &relative_breaks(s, 0), s.find("May").unwrap()));
    }

    #[test]
    fn a_participle_with_its_agent_in_an_object_is_a_relative_clause() {
        let s = "He accused the alliance of breaking a truce brokered by China in January.";
        let (clauses, relatives) = (clause_breaks(s, 5), relative_breaks(s, 5));
        assert!(in_relative(&clauses, &relatives, 5 + s.find("January").unwrap()));
        assert!(!in_relative(&clauses, &relatives, 5 + s.find("accused").unwrap()));
        // The subject's participle phrase before the main verb is none.
        let s = "Fighters backed by Turkey attacked Afrin on Monday.";
        assert!(!in_relative(&clause_breaks(s, 0), &relative_breaks(s, 0), s.find("Monday").unwrap()));
        // Nor a passive.
        let s = "The town was captured by the army on Monday.";
        assert!(!in_relative(&clause_breaks(s, 0), &relative_breaks(s, 0), s.find("Monday").unwrap()));
        // The main clause resumes at its verb, or after the comma closing a relative clause.
        let s = "The town, which rebels held, was captured by the army on Monday.";
        assert!(!in_relative(&clause_breaks(s, 0), &relative_breaks(s, 0), s.find("Monday").unwrap()));
        let s = "Officials said the militia armed by Iran attacked the base on Monday.";
        assert!(!in_relative(&clause_breaks(s, 0), &relative_breaks(s, 0), s.find("Monday").unwrap()));
    }

    #[test]
    fn relative_breaks_are_clause_breaks_and_sorted() {
        let s = "Rebels, which hold the town that the army lost in May, attacked, and the army withdrew.";
        let clauses = clause_breaks(s, 10);
        let relatives = relative_breaks(s, 10);
        assert!(clauses.windows(2).all(|w| w[0] <= w[1]), "{clauses:?}");
        assert!(relatives.iter().all(|r| clauses.contains(r)), "{relatives:?} {clauses:?}");
        let may = 10 + s.find("May").unwrap();
        assert!(in_relative(&clauses, &relatives, may));
        assert!(!in_relative(&clauses, &relatives, 10 + s.find("withdrew").unwrap()));
    }

    #[test]
    fn a_date_in_a_since_clause_is_found_within_its_stretch() {
        let s = "It is the first time since the military took power in a coup in February 2021.";
        assert!(after_since(s, 100, 100 + s.find("February").unwrap()));
        let s = "Talks have stalled since May, and on Monday the army attacked.";
        assert!(!after_since(s, 0, s.find("Monday").unwrap()));
    }
}
