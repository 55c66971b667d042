//! Parses a text file (or stdin) with the embedded model and prints
//! CoNLL-U, or with `--roles` one line per verb with its agents, patients
//! and obliques: a quick way to inspect what the event coder will see.
//!
//! `cargo run --release -p sitrep-syntax --example parse -- [--roles] [FILE]`

use sitrep_syntax::{parse_text_to_conllu, Parser, Upos};
use std::io::Read;

fn main() {
    let mut roles = false;
    let mut path = None;
    for a in std::env::args().skip(1) {
        if a == "--roles" {
            roles = true;
        } else {
            path = Some(a);
        }
    }
    let text = match &path {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("cannot read {p}: {e}");
                std::process::exit(1);
            }
        },
        None => {
            let mut s = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                eprintln!("cannot read stdin: {e}");
                std::process::exit(1);
            }
            s
        }
    };
    if !roles {
        print!("{}", parse_text_to_conllu(&text));
        return;
    }
    let p = Parser::embedded();
    for parse in p.parse_document(&text) {
        println!("# {}", parse.span().slice(&text).replace('\n', " "));
        for (i, t) in parse.tokens.iter().enumerate() {
            if t.upos != Upos::Verb {
                continue;
            }
            let show =
                |v: Vec<usize>| v.iter().map(|x| parse.np_text(&text, *x).to_string()).collect::<Vec<_>>().join(" | ");
            let obl: Vec<String> =
                parse.obliques(i).into_iter().map(|(prep, x)| format!("{prep}:{}", parse.np_text(&text, x))).collect();
            println!(
                "  {}{}{}{} agent=[{}] patient=[{}] obl=[{}]",
                t.lemma,
                if parse.is_passive(i) { " (passive)" } else { "" },
                if parse.negated(i) { " (negated)" } else { "" },
                parse.modal(i).map(|m| format!(" ({m})")).unwrap_or_default(),
                show(parse.agents(i)),
                show(parse.patients(i)),
                obl.join(" | ")
            );
        }
        for r in parse.reported_speech() {
            let who: Vec<&str> = r.speakers.iter().map(|s| parse.np_text(&text, *s)).collect();
            println!("  SPEECH {} by [{}]: {}", parse.tokens[r.verb].form, who.join(" | "), r.span.slice(&text));
        }
    }
}
