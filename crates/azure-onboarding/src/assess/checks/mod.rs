//! The checks, one file per onboarding step. Each file opens with the finding codes it
//! records and the requests (the snapshot contract's ids) it reads; every check is a method
//! of the [`Checker`](super::context::Checker), which does the reading and recording.

mod application;
mod client_secret;
mod console_access;
mod diagnostics;
mod log_arrival;
mod log_storage;
mod subscription;
