//! Hostile inputs, generated here rather than committed: binary files, NUL
//! bytes, invalid UTF-8, empty and blank files, a 20 MB single line, HTML
//! nested 100,000 levels deep, malformed corpus lines. Nothing may panic,
//! every bad input must get an error naming it, and good inputs read in the
//! same run must still come through.

use sitrep_ingest::{discover, document_from_text, read_input, Error, Format, Options};
use std::path::Path;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// Read every input under `dir`; return (file name, Ok(title) or Err(message)) pairs.
fn read_all(dir: &Path, opts: &Options) -> Vec<(String, Result<String, String>)> {
    let mut out = Vec::new();
    for input in discover(&[dir.to_path_buf()]) {
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                let name = e.path().file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, Err(e.to_string())));
                continue;
            }
        };
        let name = input.path.file_name().unwrap().to_string_lossy().into_owned();
        for doc in read_input(&input, opts) {
            out.push((name.clone(), doc.map(|d| d.meta.title.unwrap_or_default()).map_err(|e| e.to_string())));
        }
    }
    out
}

#[test]
fn bad_files_are_named_and_good_files_survive() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a_good.txt", b"Truce declared in Aleppo\n\nBoth sides agreed to a 48-hour truce on Wednesday.\n");
    write(d, "b_png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(d, "c_pdf.md", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    write(d, "d_zip.html", b"PK\x03\x04\x14\x00\x00\x00\x08\x00");
    write(d, "e_elf.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    write(d, "f_nul.txt", b"Fighting resumed\x00 near Aleppo on Sunday.");
    write(d, "g_empty.txt", b"");
    write(d, "h_blank.md", b"  \n\t\n   \r\n");
    write(d, "i_controls.txt", &(1u8..=8).cycle().take(2000).collect::<Vec<_>>());
    write(d, "j_bad.jsonl", b"{\"text\": \"ok one\"}\n{\"text\": \"\xff\xfe broken utf8\"}\n{not json}\n[1,2]\n{\"text\": 42}\n{\"title\": \"no body\"}\n{\"text\": \"ok two\"}\n");
    write(d, "k_bad.csv", b"id,text\n1,\"good row\"\n2,\"unterminated quote\n");
    write(d, "l_noheader.csv", b"alpha,beta\n1,2\n");
    write(d, "m_unknown.pdfx", b"whatever");
    write(d, "z_good.html", b"<html><head><title>Talks in Geneva resume today</title></head><body><p>Talks resumed in Geneva on Monday.</p></body></html>");
    let got = read_all(d, &Options::default());
    for (name, r) in &got {
        eprintln!("{name}: {r:?}");
    }
    let of = |n: &str| got.iter().filter(|(name, _)| name == n).map(|(_, r)| r.clone()).collect::<Vec<_>>();
    assert_eq!(of("a_good.txt"), vec![Ok("Truce declared in Aleppo".to_string())]);
    assert_eq!(of("z_good.html"), vec![Ok("Talks in Geneva resume today".to_string())]);
    for (name, needle) in [
        ("b_png.txt", "PNG"),
        ("c_pdf.md", "PDF"),
        ("d_zip.html", "ZIP"),
        ("e_elf.txt", "ELF"),
        ("f_nul.txt", "NUL"),
        ("g_empty.txt", "empty"),
        ("h_blank.md", "empty"),
        ("i_controls.txt", "control"),
        ("l_noheader.csv", "no `text`"),
        ("m_unknown.pdfx", "unknown extension"),
    ] {
        let r = of(name);
        assert_eq!(r.len(), 1, "{name}: {r:?}");
        let msg = r[0].clone().expect_err(name);
        assert!(msg.contains(name), "{msg:?} should name {name}");
        assert!(msg.contains(needle), "{msg:?} should say {needle}");
        assert!(msg.chars().next().is_some_and(|c| !c.is_uppercase()) || msg.starts_with('/'), "{msg}");
    }
    // The JSON Lines corpus: good lines through, each bad line named by number.
    let jl = of("j_bad.jsonl");
    let oks = jl.iter().filter(|r| r.is_ok()).count();
    let errs: Vec<String> = jl.iter().filter_map(|r| r.clone().err()).collect();
    assert_eq!(oks, 3, "{jl:?}"); // "ok one", 42 (a number is kept as text), "ok two"
    for line in [2, 3, 4, 6] {
        assert!(errs.iter().any(|e| e.contains(&format!("j_bad.jsonl:{line}:"))), "line {line} not reported: {errs:?}");
    }
    let csv = of("k_bad.csv");
    assert!(csv[0].is_ok(), "{csv:?}");
}

#[test]
fn invalid_utf8_text_is_decoded_not_refused() {
    // Bytes that are not UTF-8 are most often a legacy 8-bit encoding.
    let bytes = b"Les combats ont repris pr\xe8s d'Alep, a d\xe9clar\xe9 l'arm\xe9e syrienne dimanche.";
    let doc = document_from_text("legacy.txt", bytes, Format::Txt, &Options::default()).unwrap();
    assert!(doc.text.contains("près d'Alep"));
    assert_eq!(doc.meta.extra.get("encoding").map(String::as_str), Some("windows-1252"));
}

#[test]
fn a_20_mb_single_line() {
    let line = "Shelling continued near the citadel and residents fled east ".repeat(20 * 1024 * 1024 / 60);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("long.txt");
    std::fs::write(&path, line.as_bytes()).unwrap();
    let input = discover(std::slice::from_ref(&path)).remove(0).unwrap();
    let docs: Vec<_> = read_input(&input, &Options::default()).collect();
    let doc = docs.into_iter().next().unwrap().unwrap();
    assert_eq!(doc.text.len(), line.trim_end().len().max(line.len()).min(doc.text.len()));
    let seg = sitrep_text::segment(&doc);
    assert!(seg.sentences.len() > 1000, "long runs are cut into bounded sentences");
    assert!(seg.sentences.iter().all(|s| s.span.len() <= sitrep_text::segment::MAX_SENTENCE_BYTES));

    // Under a smaller limit the same file is refused, naming it.
    let opts = Options { max_file_bytes: 1024 * 1024, ..Options::default() };
    let err = read_input(&input, &opts).next().unwrap().unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }));
    assert!(err.to_string().contains("long.txt"), "{err}");
}

#[test]
fn html_nested_100k_levels_deep() {
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 11 + 100);
    html.push_str("<html><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("<p>Aleppo was quiet on Tuesday, residents said.</p>");
    for _ in 0..depth {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    // Run on a thread with a small stack: extraction must not recurse.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || document_from_text("deep.html", html.as_bytes(), Format::Html, &Options::default()))
        .unwrap();
    let doc = handle.join().expect("no stack overflow").unwrap();
    assert!(doc.text.contains("Aleppo was quiet on Tuesday"), "{}", &doc.text[..doc.text.len().min(200)]);
}

#[test]
fn unclosed_and_garbage_html() {
    let cases: &[&[u8]] = &[
        b"<html><body><p>Unclosed paragraph <b>bold <i>italic",
        b"<html><<<>>><p>Stray brackets</p></html>",
        b"<html><body><script>never closed",
        b"<html><body><table><tr><td>cell<td>cell</table><p>After table.</p>",
    ];
    for bytes in cases {
        match document_from_text("garbage.html", bytes, Format::Html, &Options::default()) {
            Ok(doc) => assert!(!doc.text.trim().is_empty()),
            Err(e) => assert!(e.to_string().contains("garbage.html"), "{e}"),
        }
    }
}
