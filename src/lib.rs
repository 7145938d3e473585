//! Victim First: decision support for police officers in England and Wales
//! dealing with a victim or witness who may have no leave to remain.
//!
//! `core` is pure (no IO, no clock, no egui); `store` reads files; `cli` and
//! `gui` are the two faces of the one binary. See ARCHITECTURE.md.

pub mod builtin;
pub mod bus;
pub mod case_cli;
pub mod cli;
pub mod cli_common;
pub mod clock;
pub mod core;
pub mod gui;
pub mod guidance_cli;
pub mod lock_cli;
pub mod note_cli;
pub mod pdf;
pub mod pdf_check;
pub mod scenario_cli;
pub mod store;
