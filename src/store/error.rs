//! Storage failures as the user must hear about them: never a silent loss.

use dela_core::validation::FieldErrors;
use indexed_db_futures::error::{Error, OpenDbError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// No IndexedDB: private mode in some browsers, or storage disabled.
    Unavailable,
    /// The device is out of space for this origin.
    QuotaExceeded,
    /// The database on disk is newer than this build of the app.
    VersionTooNew,
    /// A record was missing or malformed; names what.
    Data(String),
    Other(String),
}

impl StoreError {
    pub fn from_open(error: OpenDbError) -> Self {
        match error {
            OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => Self::Unavailable,
            OpenDbError::Base(error) => Self::from(error),
            other => Self::Other(other.to_string()),
        }
    }
}

impl From<Error> for StoreError {
    fn from(error: Error) -> Self {
        let Error::DomException(exception) = &error else {
            return match error {
                Error::Serialisation(e) => Self::Data(e.to_string()),
                Error::MissingData(e) => Self::Data(e.to_string()),
                other => Self::Other(other.to_string()),
            };
        };
        let sys = web_sys::DomException::from(exception.clone());
        match sys.name().as_str() {
            "QuotaExceededError" => Self::QuotaExceeded,
            "VersionError" => Self::VersionTooNew,
            // Firefox's private mode refuses IndexedDB this way.
            "InvalidStateError" if sys.message().contains("private") => Self::Unavailable,
            "SecurityError" => Self::Unavailable,
            name => Self::Other(format!("{name}: {}", sys.message())),
        }
    }
}

/// Why an action on stored records did not happen, `R` being the domain's
/// reason for a refusal. The one shape every operation returns, so pages
/// tell the user about each case the same way (`crate::errors` words them,
/// one helper per reason type). An operation nothing refuses has
/// `R = Infallible`.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionError<R> {
    /// The input has errors, per field.
    Invalid(FieldErrors),
    /// The rules refuse the action, for this reason.
    Refused(R),
    /// A record the action needs does not exist (any more).
    NotFound,
    Store(StoreError),
}

impl<R> From<StoreError> for ActionError<R> {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}
