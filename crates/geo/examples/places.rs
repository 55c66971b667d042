//! Prints the places found in a text file, one a line: span, kind, precision,
//! name, coordinates, country. Usage: `cargo run --example places FILE`.

use sitrep_geo::Gazetteer;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: places FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let t = std::time::Instant::now();
    let gaz = Gazetteer::embedded();
    eprintln!("loaded {} entries in {:?}", gaz.len(), t.elapsed());
    let t = std::time::Instant::now();
    let places = gaz.find_places(&text, &[], &[]);
    eprintln!("found {} places in {:?}", places.len(), t.elapsed());
    for m in places {
        let p = &m.place;
        println!(
            "{}..{}\t{:?}\t{}\t{}\t{:?},{:?}\t{}\tcue={}",
            m.span.start,
            m.span.end,
            m.kind,
            p.precision,
            m.name,
            p.lat,
            p.lon,
            p.country.as_deref().unwrap_or("-"),
            m.cue
        );
    }
}
