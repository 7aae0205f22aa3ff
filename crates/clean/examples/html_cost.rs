//! The cost of cleaning hostile HTML shapes of one size (default 12 MB, under the 32 MB
//! document limit): one tag with very many attributes, many tags at the attribute limit,
//! entities, nesting just under the depth limit, unclosed tags, long text. Each should clean in
//! under 2 s in a release build (wall and CPU time printed: a shared machine inflates wall):
//!
//!     cargo run --release -p annalist-clean --example html_cost [-- MEGABYTES]

use annalist_model::{Document, MediaType};
use std::time::Instant;

fn page(body: &str) -> String {
    format!("<html><head><title>T</title></head><body>{body}<p>A bomb exploded at a bus stop in the city on Monday, killing three people.</p></body></html>")
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1))
}

fn main() {
    let mb: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(12);
    let size = mb << 20;
    let one_tag_attrs: String = (0..).map(|i| format!(" a{i}=v")).take_while_size(size);
    let cases: Vec<(&str, String)> = vec![
        ("one tag, ~1M attributes", page(&format!("<div{one_tag_attrs}>x</div>"))),
        ("one tag, 1M duplicate attributes", page(&format!("<div{}>x</div>", repeat_to(" a=1", size)))),
        (
            "tags of 256 distinct attributes",
            page(&repeat_to(&format!("<i{}>x</i>", (0..256).map(|i| format!(" a{i}=1")).collect::<String>()), size)),
        ),
        ("quoted values with '>'", page(&format!("<div{}>x</div>", repeat_to(" a=\">\"", size)))),
        ("entities", page(&format!("<p>{}</p>", repeat_to("&amp;&#x41;&eacute;", size)))),
        ("unknown entity-like runs", page(&format!("<p>{}</p>", repeat_to("&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", size)))),
        (
            "nesting 2,900 deep, repeated",
            page(&repeat_to(&format!("{}x{}", "<div>".repeat(2900), "</div>".repeat(2900)), size)),
        ),
        ("unclosed tags", page(&repeat_to("<b><i><u>", size))),
        ("many paragraphs", page(&repeat_to("<p>The council met on Tuesday to discuss the new road.</p>", size))),
        ("one long text", page(&repeat_to("word ", size))),
        ("'<b' never closed", page(&repeat_to("a<b ", size))),
        ("'<br' never closed", page(&repeat_to("a<br x", size))),
    ];
    for (name, html) in cases {
        let doc = Document { media_type: MediaType::Html, ..Document::from_text("cost", &html, None) };
        let (t, cpu) = (Instant::now(), cpu_time());
        let result = annalist_clean::clean(&doc);
        let cpu = cpu_time().zip(cpu).map(|(b, a)| b - a);
        let outcome = match result {
            Ok(a) => format!("{} bytes of text", a.text.len()),
            Err(e) => format!("refused: {e}"),
        };
        let cpu = cpu.map_or_else(|| "-".to_string(), |c| format!("{c:.3}"));
        println!(
            "{name:36} {:>6.2} MB  wall {:>6.3} s  cpu {cpu:>6} s  {outcome}",
            doc.raw.len() as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
    }
}

/// This thread's time on a CPU (Linux), which a machine shared with other work does not inflate.
fn cpu_time() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse::<f64>().ok().map(|ns| ns / 1e9)
}

trait TakeWhileSize {
    fn take_while_size(self, size: usize) -> String;
}

impl<I: Iterator<Item = String>> TakeWhileSize for I {
    fn take_while_size(self, size: usize) -> String {
        let mut out = String::new();
        for s in self {
            if out.len() + s.len() > size {
                break;
            }
            out.push_str(&s);
        }
        out
    }
}
