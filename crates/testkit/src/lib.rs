//! Where the tests find the evaluation kit: `../shared` beside the repository (or the folder
//! `ANNALIST_SHARED` names), which holds the real articles and gold files the repository does
//! not. A test that needs a path of it asks [`shared`]:
//! - with `CI=true` (CI always has the kit beside its clone) a missing path fails the test,
//!   naming the path, so a test never passes having tested nothing;
//! - elsewhere the test is passed over, with a note written straight to standard error (past
//!   the test harness's capture, so `cargo test` shows it).
//!
//! A dev-dependency only: nothing a binary links may read the kit.

use std::io::Write;
use std::path::PathBuf;

/// The evaluation kit's folder (it may not exist).
pub fn root() -> PathBuf {
    match std::env::var_os("ANNALIST_SHARED") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
    }
}

/// The kit's path `rel` (`corpus/kerman-2024`, `eval/data/bbc-news`) when it exists. When it
/// does not: panics under `CI=true`, else notes the skip on standard error and answers `None`.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join(rel);
    if path.exists() {
        return Some(path);
    }
    if in_ci() {
        panic!(
            "the evaluation kit's {} is missing (CI=true, where the kit is always beside the clone)",
            path.display()
        );
    }
    let note = format!(
        "note: {} is absent; this test is passed over (set ANNALIST_SHARED or put the kit beside the repository)\n",
        path.display()
    );
    // Straight to the stream, not `eprintln!`: the harness captures the macro's output.
    let _ = std::io::stderr().lock().write_all(note.as_bytes());
    None
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_exists_is_answered() {
        // The crate's own manifest is a path under `root()`'s parent whatever the kit.
        std::env::set_var("ANNALIST_SHARED", env!("CARGO_MANIFEST_DIR"));
        assert_eq!(shared("Cargo.toml"), Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")));
        if !in_ci() {
            assert_eq!(shared("no-such-file-in-the-kit"), None);
        }
    }
}
