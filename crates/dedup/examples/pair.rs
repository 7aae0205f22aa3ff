//! Prints the similarity of two text files' sketches: `cargo run --example pair A B`.
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
    let (sa, sb) = (Sketch::of(&read(a)), Sketch::of(&read(b)));
    println!("shingles {} {}  {:?}", sa.shingle_count(), sb.shingle_count(), sa.compare(&sb));
}
