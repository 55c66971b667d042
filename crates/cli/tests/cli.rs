//! Drives the `sitrep` binary like a user would, in a temporary directory.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn sitrep(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sitrep").unwrap();
    cmd.current_dir(dir).env_remove("SITREP_DB");
    cmd
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{:?} failed: {}", cmd, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn ingest_is_idempotent_and_exports_exchange_records() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep(dir.path()).arg("ingest").arg(examples()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("7 stored"), "{summary}");
    assert!(dir.path().join("sitrep.db").exists(), "default store in the current directory");

    // A second run stores nothing new.
    let out = sitrep(dir.path()).arg("ingest").arg(examples()).output().unwrap();
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("0 stored, 7 skipped"), "{summary}");

    let jsonl = stdout(sitrep(dir.path()).args(["export", "--format", "jsonl"]));
    let records: Vec<serde_json::Value> =
        jsonl.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    let docs: Vec<_> = records.iter().filter(|r| r["kind"] == "document").collect();
    assert_eq!(docs.len(), 7);
    let wire: Vec<_> = docs.iter().filter(|d| d["source_id"].is_string()).collect();
    assert_eq!(wire.len(), 3, "JSON Lines ids are kept as source_id");
    for r in &records {
        assert!(r["kind"].is_string());
        if r["kind"] != "document" && r["kind"] != "actor" {
            assert!(r["doc"].is_string(), "provenance on {r}");
        }
    }
}

#[test]
fn bad_inputs_are_reported_and_good_ones_stored() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("good.txt"), "Rebels shelled the town of Daraa on Monday, activists said.\n").unwrap();
    std::fs::write(inputs.join("binary.txt"), [0x7fu8, b'E', b'L', b'F', 0, 0, 1, 2, 0, 0, 0, 0]).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("corpus.jsonl"),
        "{\"id\": \"a\", \"text\": \"Turkish jets struck positions near Afrin.\"}\n{not json\n{\"id\": \"c\"}\n",
    )
    .unwrap();
    let out = sitrep(dir.path()).args(["ingest", "in"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "some inputs rejected");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary.txt"), "{err}");
    assert!(err.contains("corpus.jsonl:2"), "{err}");
    assert!(err.contains("corpus.jsonl:3"), "{err}");
    assert!(err.contains("2 stored"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep(dir.path()).args(["ingest"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = sitrep(dir.path()).args(["no-such-command"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(sitrep(dir.path()).arg("--help"));
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A wrapped description continues further indented.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 5, "{help}");
    for c in commands {
        let h = stdout(sitrep(dir.path()).args([c.as_str(), "--help"]));
        assert!(h.contains("Usage:"), "{c}: {h}");
    }
}

/// Records of an export without the actor list, sorted, for comparing stores.
fn export_lines(dir: &Path, db: &str) -> Vec<String> {
    let jsonl = stdout(sitrep(dir).args(["export", "--db", db]));
    let mut lines: Vec<String> = jsonl.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

#[test]
fn an_interrupted_ingest_resumes_to_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let out = sitrep(dir.path())
        .args(["gen-corpus", "--size-mb", "2", "--seed", "3", "--out"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The reference: one uninterrupted run.
    let out =
        sitrep(dir.path()).args(["ingest", "--db", "whole.db", "--batch", "32", "corpus.jsonl"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Killed part-way (wherever it is when the signal lands), then run again.
    let bin = assert_cmd::cargo::cargo_bin("sitrep");
    let mut child = std::process::Command::new(&bin)
        .current_dir(dir.path())
        .args(["ingest", "--db", "cut.db", "--batch", "32", "corpus.jsonl"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let _ = child.kill();
    let _ = child.wait();
    let out = sitrep(dir.path()).args(["ingest", "--db", "cut.db", "--batch", "32", "corpus.jsonl"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    assert_eq!(export_lines(dir.path(), "whole.db"), export_lines(dir.path(), "cut.db"));
}

#[test]
fn resolve_prints_one_json_object_per_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(sitrep(dir.path()).args(["resolve", "Jaysh al-Fatah", "Army of Conquest", "Zzyzx Brigade"]));
    let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["input"], "Jaysh al-Fatah");
    assert!(rows[0]["id"].is_string());
    assert_eq!(rows[0]["id"], rows[1]["id"], "variants share an id");
    assert!(rows[2]["id"].is_null());
}

#[test]
fn coding_commands_work_on_the_example_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep(dir.path()).arg("ingest").arg(examples()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let events = stdout(sitrep(dir.path()).args(["events", "--json"]));
    let first: serde_json::Value = serde_json::from_str(events.lines().next().expect("an event")).unwrap();
    let doc = first["doc"].as_str().unwrap().to_owned();
    let sentence = first["provenance"]["sentence_index"].as_u64().unwrap().to_string();
    let explained = stdout(sitrep(dir.path()).args(["explain", doc.as_str(), sentence.as_str()]));
    assert!(explained.contains("parse (CoNLL-U)") && explained.contains("mentions:"), "{explained}");

    let recode = sitrep(dir.path()).arg("recode").output().unwrap();
    assert!(recode.status.success(), "{}", String::from_utf8_lossy(&recode.stderr));
    assert_eq!(stdout(sitrep(dir.path()).args(["events", "--json"])), events, "re-coding is deterministic");

    // The shard mode gives the records the store holds.
    let wire = examples().join("wire_feed.jsonl");
    let shard = stdout(sitrep(dir.path()).arg("code").arg(&wire));
    let stored = stdout(sitrep(dir.path()).args(["export"]));
    let parse = |text: &str| -> Vec<serde_json::Value> {
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .filter(|v: &serde_json::Value| v["kind"] == "event")
            .collect()
    };
    let stored = parse(&stored);
    let shard = parse(&shard);
    assert!(!shard.is_empty(), "the wire feed has events");
    for e in &shard {
        assert!(stored.contains(e), "shard record missing from the store's export: {e}");
    }

    let unknown = sitrep(dir.path()).args(["actors", "unknown"]).output().unwrap();
    assert!(unknown.status.success());
    let conllu = stdout(sitrep(dir.path()).args(["parse"]).write_stdin("Rebels shelled the town.\n"));
    assert!(conllu.lines().any(|l| l.starts_with("1\tRebels\t")), "{conllu}");
}
