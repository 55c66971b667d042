//! English verb inflections, so that patterns name a lemma once (`@seize`)
//! and match "seizes", "seized", "seizing".
//!
//! Generating forms from lemmas is more predictable than lemmatizing every
//! token: a pattern author sees exactly which surface forms a lemma covers,
//! and an over-generated form ("targetted") costs nothing.

/// Irregular verbs common in conflict reporting: lemma, past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was were", "been"),
    ("begin", "began", "begun"),
    ("beat", "beat", "beaten"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("come", "came", "come"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("fall", "fell", "fallen"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("meet", "met", "met"),
    ("overrun", "overran", "overrun"),
    ("overtake", "overtook", "overtaken"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("retake", "retook", "retaken"),
    ("ride", "rode", "ridden"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("shut", "shut", "shut"),
    ("sit", "sat", "sat"),
    ("speak", "spoke", "spoken"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("strike", "struck", "struck stricken"),
    ("swear", "swore", "sworn"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("wage", "waged", "waged"),
    ("wake", "woke", "woken"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// All surface forms of a verb lemma (lowercase), the lemma first. A
/// multi-word lemma inflects its first word ("carry out" -> "carried out").
pub fn verb_forms(lemma: &str) -> Vec<String> {
    let lemma = lemma.trim().to_lowercase();
    if let Some((head, rest)) = lemma.split_once(' ') {
        return verb_forms(head).into_iter().map(|f| format!("{f} {rest}")).collect();
    }
    let mut out = vec![lemma.clone()];
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    if let Some((_, past, part)) = IRREGULAR.iter().find(|(l, _, _)| *l == lemma) {
        for f in past.split(' ').chain(part.split(' ')) {
            push(f.to_string());
        }
        if lemma == "be" {
            for f in ["is", "are", "am", "being"] {
                push(f.to_string());
            }
            return out;
        }
    }
    let chars: Vec<char> = lemma.chars().collect();
    let n = chars.len();
    if n == 0 {
        return out;
    }
    let last = chars[n - 1];
    let stem_no_e = if last == 'e' && n > 2 { &lemma[..lemma.len() - 1] } else { lemma.as_str() };
    // Third person singular.
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || (last == 'o' && n > 1 && !is_vowel(chars[n - 2]))
    {
        push(format!("{lemma}es"));
    } else if last == 'y' && n > 1 && !is_vowel(chars[n - 2]) {
        push(format!("{}ies", &lemma[..lemma.len() - 1]));
    } else {
        push(format!("{lemma}s"));
    }
    // Past and participle, -ing.
    if last == 'e' {
        push(format!("{lemma}d"));
        if lemma.ends_with("ee") || lemma.ends_with("ie") && n <= 3 {
            push(format!("{lemma}ing"));
        } else {
            push(format!("{stem_no_e}ing"));
        }
    } else if last == 'y' && n > 1 && !is_vowel(chars[n - 2]) {
        push(format!("{}ied", &lemma[..lemma.len() - 1]));
        push(format!("{lemma}ing"));
    } else {
        push(format!("{lemma}ed"));
        push(format!("{lemma}ing"));
        // Consonant doubling ("ship" -> "shipped", "commit" -> "committed"); both
        // spellings are kept because stress decides and we cannot see it.
        let cvc = n >= 3
            && !is_vowel(last)
            && !matches!(last, 'w' | 'x' | 'y')
            && is_vowel(chars[n - 2])
            && !is_vowel(chars[n - 3]);
        if cvc {
            push(format!("{lemma}{last}ed"));
            push(format!("{lemma}{last}ing"));
        }
    }
    out
}

/// True when `form` can be a past participle (used to detect passives).
pub fn is_participle(form: &str) -> bool {
    if form.ends_with("ed") && form.len() > 3 {
        return true;
    }
    IRREGULAR.iter().any(|(_, _, part)| part.split(' ').any(|p| p == form))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_cover_regular_and_irregular_verbs() {
        let cases: &[(&str, &[&str])] = &[
            ("seize", &["seize", "seizes", "seized", "seizing"]),
            ("target", &["targets", "targeted", "targeting"]),
            ("shell", &["shells", "shelled", "shelling"]),
            ("ally", &["allies", "allied", "allying"]),
            ("take", &["took", "taken", "takes", "taking"]),
            ("strike", &["struck", "striking"]),
            ("ship", &["shipped", "shipping"]),
            ("carry out", &["carried out", "carrying out"]),
            ("fall", &["fell", "fallen"]),
        ];
        for (lemma, want) in cases {
            let got = verb_forms(lemma);
            for w in *want {
                assert!(got.iter().any(|g| g == w), "{lemma}: {w} missing from {got:?}");
            }
        }
    }

    #[test]
    fn participles() {
        assert!(is_participle("targeted"));
        assert!(is_participle("taken"));
        assert!(!is_participle("take"));
        assert!(!is_participle("red"));
    }
}
