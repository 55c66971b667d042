//! Page headers of plain-text copies: what the lines above the story say about it. The pages are
//! written for these tests.

use sitrep_ingest::{document_from_text, Format, Options};
use sitrep_model::PartialDate;

#[test]
fn a_name_between_the_byline_and_the_date_is_the_outlet() {
    let text = "Ukraine strikes refinery deep inside Russia\n\nBy Olena Harmash\nThe Kyiv Independent\nMarch 13, 2025\n\n\
                Ukrainian drones struck an oil refinery in Ryazan overnight, causing a fire, a source in the Security Service told reporters on Thursday.\n";
    let doc =
        document_from_text("refinery.txt", text.as_bytes(), Format::Txt, &Options::default()).expect("a document");
    assert_eq!(doc.meta.outlet.as_deref(), Some("The Kyiv Independent"));
    assert_eq!(doc.meta.author.as_deref(), Some("Olena Harmash"));
    assert_eq!(doc.meta.published, Some(PartialDate::ymd(2025, 3, 13)));
    // The story's first sentence is no outlet, and a wire dateline's agency wins over the line.
    let text = "Strikes on Yemen\n\nBy Jon Gambrell\nAssociated Press\nJanuary 12, 2024\n\n\
                DUBAI, United Arab Emirates (AP) — The United States and Britain bombed more than a dozen sites used by the Houthis on Thursday night.\n";
    let doc = document_from_text("yemen.txt", text.as_bytes(), Format::Txt, &Options::default()).expect("a document");
    assert_eq!(doc.meta.outlet.as_deref(), Some("AP"));
}
