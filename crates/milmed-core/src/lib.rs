//! The pure generation core of milmed: scenario in, a deterministic stream of casualty records
//! out. No I/O, no clock, no environment, no async — so it can be benchmarked and fuzzed alone.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod nations;
pub mod rng;
pub mod scenario;
pub mod time;

pub use error::{Error, FieldError};
pub mod catalog;
pub mod engine;
pub mod flow;
pub mod presets;
pub mod record;
pub mod stats;
