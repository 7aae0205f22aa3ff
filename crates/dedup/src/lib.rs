//! Dedup: finds syndicated and near-duplicate copies among articles.
//!
//! CONTRACT (used by the CLI and the store):
//! - `Sketch::of(text)`, `Sketch::to_bytes()`, `Sketch::from_bytes(&[u8])` — the persisted per-article state.
//! - `DedupIndex::new(DedupConfig)`; `index.add(id, sketch, ArticleMeta) -> DedupOutcome`.
//!   `DedupOutcome { duplicate_of: Option<String>, repointed: Vec<(copy_id, new_original_id)> }`.
