//! Prints the similarity of two text files' sketches and their figures:
//! `cargo run --example pair A B`.
use annalist_dedup::Sketch;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [a, b] = args.as_slice() else {
        eprintln!("usage: pair FILE FILE");
        std::process::exit(2);
    };
    let read = |p: &str| {
        std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("{p}: {e}");
            std::process::exit(1)
        })
    };
    let (ta, tb) = (read(a), read(b));
    let (sa, sb) = (Sketch::of(&ta), Sketch::of(&tb));
    println!("shingles {} {}  {:?}", sa.shingle_count(), sb.shingle_count(), sa.compare(&sb));
    let (fa, fb) = (Sketch::figure_set(&ta), Sketch::figure_set(&tb));
    println!("figures (context hash, figure hash): {} and {}", fa.len(), fb.len());
    for (context, figure) in &fa {
        let other: Vec<u64> = fb.iter().filter(|f| f.0 == *context).map(|f| f.1).collect();
        println!("  {context:016x} {figure:016x} other text: {other:x?}");
    }
}
