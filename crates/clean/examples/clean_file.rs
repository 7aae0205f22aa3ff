//! Prints what `clean` makes of files: title, date, outlet, then the cleaned text with a mark
//! before each sentence. `cargo run -p annalist-clean --example clean_file -- PAGE.html [MORE...]`
//! (`.gz` files are decompressed; `--url URL` sets the page's URL for the next file).

use annalist_model::{content_hash, Document, MediaType};
use std::io::Read;

fn main() {
    let mut url = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--url" {
            url = args.next();
            continue;
        }
        let mut raw = match std::fs::read(&arg) {
            Ok(raw) => raw,
            Err(e) => {
                eprintln!("{arg}: {e}");
                continue;
            }
        };
        if arg.ends_with(".gz") {
            let mut out = Vec::new();
            if let Err(e) = flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out) {
                eprintln!("{arg}: {e}");
                continue;
            }
            raw = out;
        }
        let html = arg.contains(".htm");
        let doc = Document {
            id: arg.clone(),
            origin: arg.clone(),
            url: url.take(),
            media_type: if html { MediaType::Html } else { MediaType::Text },
            declared_charset: None,
            declared_title: None,
            declared_date: None,
            declared_outlet: None,
            content_hash: content_hash(&raw),
            raw,
        };
        match annalist_clean::clean(&doc) {
            Ok(a) => {
                println!(
                    "== {arg}\ntitle: {:?}\npublished: {:?}\noutlet: {:?}\nlanguage: {:?}",
                    a.title, a.published, a.outlet, a.language
                );
                for (i, p) in a.paragraphs.iter().enumerate() {
                    let n = a.sentences.iter().filter(|s| s.paragraph == i).count();
                    println!("[{n}] {}", p.slice(&a.text));
                }
            }
            Err(e) => println!("== {arg}\nerror: {e}"),
        }
    }
}
