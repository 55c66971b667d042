//! Bytes to text: encoding detection, binary refusal, newline normalisation.
//!
//! Order of decisions: a byte-order mark wins (UTF-8, UTF-16 LE/BE); then
//! known binary signatures (PDF, ZIP, PNG, ELF, ...) are refused; then
//! BOM-less UTF-16 is recognised by its pattern of zero bytes; then NUL bytes
//! or a high share of control characters mean binary; then valid UTF-8 is
//! taken as is; anything else goes to `chardetng` (Windows-1252 / Latin-1
//! for most Western European text).
//!
//! The decoded text has CRLF and lone CR turned into LF and a leading BOM
//! dropped. That text is what every span in the pipeline points into, so
//! offsets are stable however the file ended its lines.

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: &'static str,
}

/// How many leading bytes the sniffing heuristics look at.
const SNIFF: usize = 64 * 1024;

/// File signatures of formats that are never text documents.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x7fELF", "ELF executable"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (DOC/XLS)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"PAR1", "Parquet file"),
    (b"ARROW1", "Arrow file"),
    (b"wOFF", "web font"),
];

/// Decode `bytes`, or say why they are not a text document.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(rest);
        return Ok(finish(text.into_owned(), "UTF-8"));
    }
    if bytes.starts_with(b"\xff\xfe\x00\x00") || bytes.starts_with(b"\x00\x00\xfe\xff") {
        return Err("UTF-32 text is not supported".into());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, encoding_rs::UTF_16LE);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, encoding_rs::UTF_16BE);
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(format!("looks like a {what}"));
        }
    }
    if bytes.len() > 262 && &bytes[257..262] == b"ustar" {
        return Err("looks like a tar archive".into());
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    if let Some(enc) = bomless_utf16(head) {
        return utf16(bytes, enc);
    }
    if let Some(i) = memchr_nul(head) {
        return Err(format!("NUL byte at offset {i}"));
    }
    let controls = head.iter().filter(|&&b| is_bad_control(b)).count();
    if controls > 8 && controls * 100 > head.len() * 2 {
        return Err(format!("{controls} control bytes in the first {} bytes", head.len()));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(finish(s.to_owned(), "UTF-8")),
        Err(_) if mostly_utf8(bytes) => {
            let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(bytes);
            Ok(finish(text.into_owned(), "UTF-8"))
        }
        Err(_) => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(head, head.len() == bytes.len());
            let enc = det.guess(None, chardetng::Utf8Detection::Deny);
            let (text, _) = enc.decode_without_bom_handling(bytes);
            Ok(finish(text.into_owned(), enc.name()))
        }
    }
}

fn memchr_nul(b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x == 0)
}

fn is_bad_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b) || b == 0x7f
}

/// True when invalid sequences are rare next to valid multi-byte ones: a
/// UTF-8 file with a few corrupt bytes, not a legacy 8-bit encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multi = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multi += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multi += std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid_multi > 0 && valid_multi >= invalid * 4
}

/// UTF-16 without a BOM: text in Latin script has a zero byte in every other
/// position (odd positions for LE, even for BE).
fn bomless_utf16(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for (i, &b) in head[..pairs * 2].iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                zero_even += 1;
            } else {
                zero_odd += 1;
            }
        }
    }
    if zero_odd * 10 >= pairs * 4 && zero_even * 20 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if zero_even * 10 >= pairs * 4 && zero_odd * 20 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Result<Decoded, String> {
    let (text, _, _) = enc.decode(bytes);
    let sample: Vec<char> = text.chars().take(SNIFF).collect();
    let controls = sample.iter().filter(|&&c| c == '\0' || (c.is_control() && !c.is_whitespace())).count();
    if controls > 8 && controls * 100 > sample.len() * 2 {
        return Err(format!("{} text full of control characters", enc.name()));
    }
    Ok(finish(text.into_owned(), enc.name()))
}

fn finish(mut text: String, encoding: &'static str) -> Decoded {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Decoded { text, encoding }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xff, 0xfe] } else { vec![] };
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    }

    fn utf16be(s: &str) -> Vec<u8> {
        let mut out = vec![];
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_be_bytes());
        }
        out
    }

    #[test]
    fn encodings_table() {
        let fr =
            "Les forces gouvernementales ont repris la ville d'Alep-Est, a annoncé l'armée syrienne le 22 décembre.";
        let latin1: Vec<u8> = fr.chars().map(|c| c as u32 as u8).collect();
        let cases: Vec<(Vec<u8>, &str, &str)> = vec![
            (b"plain ascii text\r\nsecond line".to_vec(), "plain ascii text\nsecond line", "UTF-8"),
            ([b"\xef\xbb\xbf".as_slice(), "Khān Ṭūmān".as_bytes()].concat(), "Khān Ṭūmān", "UTF-8"),
            (utf16le("Alep, le 8 mai", true), "Alep, le 8 mai", "UTF-16LE"),
            (utf16le("Aleppo fell on 22 December 2016.", false), "Aleppo fell on 22 December 2016.", "UTF-16LE"),
            (utf16be("Aleppo fell on 22 December 2016."), "Aleppo fell on 22 December 2016.", "UTF-16BE"),
            (latin1, fr, "windows-1252"),
            (b"old mac\rline".to_vec(), "old mac\nline", "UTF-8"),
        ];
        for (bytes, want, enc) in cases {
            let got = decode(&bytes).unwrap_or_else(|e| panic!("{want:?}: {e}"));
            assert_eq!((got.text.as_str(), got.encoding), (want, enc));
        }
    }

    #[test]
    fn binary_table() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"%PDF-1.7\n%\xe2\xe3".to_vec(), "PDF"),
            (b"PK\x03\x04\x14\x00".to_vec(), "ZIP"),
            (b"\x89PNG\r\n\x1a\n\x00\x00".to_vec(), "PNG"),
            (b"\x7fELF\x02\x01\x01".to_vec(), "ELF"),
            (b"some text\x00with a nul".to_vec(), "NUL byte"),
            ((0u8..32).cycle().take(400).filter(|&b| b != 0).collect(), "control bytes"),
        ];
        for (bytes, want) in cases {
            let err = decode(&bytes).expect_err(want);
            assert!(err.contains(want), "{err:?} should mention {want}");
        }
    }

    #[test]
    fn stray_invalid_bytes_in_utf8_stay_utf8() {
        let mut bytes = "Ḥalab — Alep — Aleppo, déjà vu. ".repeat(4).into_bytes();
        bytes.push(0xff);
        let got = decode(&bytes).unwrap();
        assert_eq!(got.encoding, "UTF-8");
        assert!(got.text.ends_with('\u{fffd}'));
    }
}
