//! The core's error type.

use std::fmt;

/// One problem with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted path to the field, e.g. `front_configs[1].nationality_distribution`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Errors of the generation core.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The scenario is invalid; every problem found is listed.
    #[error("invalid scenario: {}", join(.0))]
    InvalidScenario(Vec<FieldError>),
    /// No preset has this id.
    #[error("unknown preset {0:?}")]
    UnknownPreset(String),
}

impl Error {
    /// A scenario error with a single field problem.
    pub fn one(path: &str, message: impl Into<String>) -> Self {
        Error::InvalidScenario(vec![FieldError {
            path: path.to_string(),
            message: message.into(),
        }])
    }

    /// The individual field problems (empty for other errors).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::InvalidScenario(v) => v,
            Error::UnknownPreset(_) => &[],
        }
    }
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
