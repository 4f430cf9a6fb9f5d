//! The fuzz targets' bodies, shared with the stable corpus replay
//! (`crates/azure-onboarding/tests/fuzz_corpus.rs` includes `targets.rs` by path).

pub mod targets;
