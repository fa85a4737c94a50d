//! Timestamps of objects and requests.

/// A point in time, UTC, with millisecond precision as stored in the database.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// The current time, truncated to what the database keeps.
pub fn now() -> Timestamp {
    from_millis(chrono::Utc::now().timestamp_millis())
}

pub(crate) fn from_millis(ms: i64) -> Timestamp {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
