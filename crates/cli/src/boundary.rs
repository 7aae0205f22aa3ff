//! The per-document panic boundary: a stage that panics on one document (clean, dedup,
//! normalize and extract are pure functions of it) turns that document into a skip whose
//! reason names the stage, the document and the panic's message and place, and the run goes on.
//!
//! While a thread runs a stage inside [`guarded`], the process's panic hook records the message
//! for it instead of printing Rust's multi-line report, so that the skip is one clear line;
//! a panic anywhere else is reported by the default hook as before.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The longest panic message a skip reason carries (the rest is cut at a char boundary).
const MAX_MESSAGE: usize = 240;

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                return default(info);
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic with no message".to_string());
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
            LAST.with(|last| *last.borrow_mut() = Some(format!("{}{place}", one_line(&message, MAX_MESSAGE))));
        }));
    });
}

/// `text` on one line of at most `max` bytes: control characters (newlines, tabs, escapes)
/// written as `\n`, `\t`, `\u{1b}`, and the rest cut with an ellipsis.
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max + 8));
    for c in text.chars() {
        if out.len() >= max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs `f`, the `stage` of the document `id`; a panic becomes the skip reason
/// `panic in STAGE (document ID): MESSAGE at FILE:LINE`.
pub fn guarded<T>(stage: &str, id: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|_| {
        let message = LAST.with(|last| last.borrow_mut().take()).unwrap_or_else(|| "a panic".to_string());
        format!("panic in {stage} (document {}): {message}", one_line(id, 200))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_one_line_naming_the_stage_the_document_and_the_place() {
        let reason =
            guarded("extract", "doc\n7", || -> u32 { panic!("begin > end\nwhen slicing `a\nb`") }).unwrap_err();
        assert!(reason.starts_with("panic in extract (document doc\\n7): begin > end\\nwhen slicing"), "{reason}");
        assert!(reason.contains("boundary.rs:"), "{reason}");
        assert!(!reason.contains('\n'));
        assert_eq!(guarded("clean", "d", || 5), Ok(5));
    }

    #[test]
    fn a_long_message_is_cut_at_a_char_boundary() {
        let line = one_line(&"é".repeat(500), 11);
        assert_eq!(line, format!("{}…", "é".repeat(6)));
    }
}
