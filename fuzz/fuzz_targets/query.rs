//! The API's query-string parser (ledger and search parameters), and every query it accepts run
//! against a small store: a parameter must be a 4xx or a result, never an SQL error.
#![no_main]
use std::sync::{Mutex, OnceLock};

fn store() -> &'static Mutex<annalist_store::Store> {
    static STORE: OnceLock<Mutex<annalist_store::Store>> = OnceLock::new();
    STORE.get_or_init(|| Mutex::new(annalist_store::Store::in_memory().expect("an in-memory store")))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let store = store().lock().unwrap();
    match annalist_web::parse_ledger_query(raw, true) {
        Ok(q) => {
            assert!(q.limit >= 1 && q.limit <= annalist_web::MAX_LIMIT);
            if let Err(e) = store.query_incidents(&q) {
                panic!("an accepted query failed in the store: {e} ({q:?})");
            }
        }
        Err((status, message)) => assert!((400..500).contains(&status) && !message.is_empty()),
    }
    match annalist_web::parse_search_query(raw) {
        Ok((Some(words), limit, offset)) => {
            if let Err(e) = store.search_documents(&words, limit, offset) {
                panic!("an accepted search failed in the store: {e} ({words:?})");
            }
        }
        Ok(_) => {}
        Err((status, message)) => assert!((400..500).contains(&status) && !message.is_empty()),
    }
});
