//! Streaming writers of milmed casualty records.
//!
//! Records are encoded chunk by chunk into byte buffers (in parallel, by the caller), then the
//! buffers are written in chunk order to any `std::io::Write`. Nothing here holds more than one
//! chunk, so memory does not grow with the number of patients.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod csv_tables;
mod encode;
mod error;
pub mod fhir;
mod hashing;
pub mod json;
pub mod ndef;
pub mod xlsx;
pub mod xml;

pub use encode::{json_metadata, output_files, ChunkEncoder, EncodeOptions, Format, OutputFile};
pub use error::Error;
pub use hashing::HashingWriter;
