//! Route handlers. They stay thin: decode, call the core, encode.

pub mod configurations;
pub mod docs;
pub mod downloads;
pub mod generation;
pub mod health;
pub mod jobs;
pub mod keys;
pub mod presets;
pub mod reference;
pub mod source;
pub mod streaming;
pub mod validate;
pub mod visualizations;
