//! Syntax commands: `parse` (CoNLL-U out) and `eval-parse` (scores against a treebank).

use anyhow::{Context, Result};
use clap::Args;
use sitrep_syntax::Parser;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// A text file, a CoNLL-U file with `--conllu`, or `-` for standard input.
    #[arg(default_value = "-", value_name = "FILE")]
    pub file: PathBuf,
    /// The input is CoNLL-U: keep its tokens, replace UPOS, XPOS, LEMMA, HEAD and DEPREL.
    #[arg(long)]
    pub conllu: bool,
}

pub fn parse(args: ParseArgs) -> Result<ExitCode> {
    let parser = Parser::embedded();
    let out = if args.conllu {
        if args.file.as_os_str() == "-" {
            sitrep_syntax::reparse_conllu(parser, &read_stdin()?, "<stdin>")?
        } else {
            sitrep_syntax::reparse_conllu_file(parser, &args.file)?
        }
    } else {
        let text = if args.file.as_os_str() == "-" {
            read_stdin()?
        } else {
            let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
            String::from_utf8_lossy(&bytes).into_owned()
        };
        sitrep_syntax::parse_text_to_conllu(&text)
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[derive(Args, Debug)]
pub struct EvalParseArgs {
    /// A CoNLL-U treebank file (gold tokenization is used).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// One JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn eval_parse(args: EvalParseArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let s = sitrep_syntax::evaluate_file(Parser::embedded(), &args.file)?;
    let secs = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    if args.json {
        let v = serde_json::json!({
            "file": args.file.display().to_string(), "words": s.words,
            "upos": s.upos_acc(), "xpos": s.xpos_acc(), "lemma": s.lemma_acc(),
            "uas": s.uas(), "las": s.las(), "las_full": s.las_full(), "seconds": secs,
        });
        writeln!(out, "{v}")?;
    } else {
        writeln!(out, "{}: {} words in {secs:.2}s", args.file.display(), s.words)?;
        writeln!(out, "  UPOS  {:.4}", s.upos_acc())?;
        writeln!(out, "  XPOS  {:.4}", s.xpos_acc())?;
        writeln!(out, "  LEMMA {:.4}", s.lemma_acc())?;
        writeln!(out, "  UAS   {:.4}", s.uas())?;
        writeln!(out, "  LAS   {:.4}  (with subtypes {:.4})", s.las(), s.las_full())?;
    }
    Ok(ExitCode::SUCCESS)
}
