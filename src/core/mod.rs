//! The pure core: guidance model, validation, rules engine and reports.
//!
//! Invariant: nothing in here does IO, reads the clock, or knows about egui.
//! Callers pass bytes in and get values out; `tests/tidy.rs` enforces this.

pub mod case;
pub mod changes;
pub mod condition;
pub mod diagnostic;
pub mod digest;
pub mod engine;
#[cfg(test)]
mod fixture;
pub mod guidance;
pub mod limits;
pub mod lines;
pub mod lock;
pub mod manifest;
pub mod needed;
pub mod note;
pub mod parse;
pub mod pinned;
pub mod published;
pub mod raw;
pub mod record;
pub mod report;
pub mod scenario;
pub mod screen;
pub mod source;
pub mod steps;
pub mod text;
pub mod time;
pub mod trail;
pub mod validate;
pub mod wizard;
