//! How a CDB reaches a device: the [`ScsiTransport`] trait (SG_IO, iSCSI, ...) and the shared
//! status/sense handling every transport gets through [`Response`] and [`RetryPolicy`].
//!
//! A transport only moves bytes: it returns the SCSI status, the sense data and the data that came
//! in, and fails only when the command could not be delivered or did not finish in time. Deciding
//! what a CHECK CONDITION means (retry after UNIT ATTENTION, wait while the unit becomes ready, or an
//! RSM error naming the ASC/ASCQ) happens once, in [`execute`].
//!
//! ```
//! use openrsm::scsi::transport::{Response, ScsiStatus};
//! let ok = Response { status: ScsiStatus::Good, sense: Vec::new(), data: vec![1, 2, 3] };
//! assert_eq!(ok.into_data("INQUIRY").unwrap(), vec![1, 2, 3]);
//! let busy = Response { status: ScsiStatus::Busy, sense: Vec::new(), data: Vec::new() };
//! assert_eq!(busy.into_data("MOVE MEDIUM").unwrap_err().kind(), openrsm::ErrorKind::NotReady);
//! ```

use std::fmt;
use std::thread;
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind, Result};

use super::cdb::Command;
use super::sense::{Sense, SenseKey};

/// The SCSI status byte of a completed command (SAM-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScsiStatus {
    /// 00h.
    Good,
    /// 02h: sense data describes the problem.
    CheckCondition,
    /// 04h.
    ConditionMet,
    /// 08h: the device is busy: try again later.
    Busy,
    /// 18h: another initiator holds a reservation.
    ReservationConflict,
    /// 28h: the device's queue is full: try again later.
    TaskSetFull,
    /// 30h.
    AcaActive,
    /// 40h: the command was aborted for another initiator.
    TaskAborted,
    /// Any other value.
    Other(u8),
}

impl ScsiStatus {
    /// The status from its byte.
    pub fn from_byte(byte: u8) -> Self {
        match byte & 0xFE {
            0x00 => Self::Good,
            0x02 => Self::CheckCondition,
            0x04 => Self::ConditionMet,
            0x08 => Self::Busy,
            0x18 => Self::ReservationConflict,
            0x28 => Self::TaskSetFull,
            0x30 => Self::AcaActive,
            0x40 => Self::TaskAborted,
            other => Self::Other(other),
        }
    }

    /// The status byte.
    pub fn byte(self) -> u8 {
        match self {
            Self::Good => 0x00,
            Self::CheckCondition => 0x02,
            Self::ConditionMet => 0x04,
            Self::Busy => 0x08,
            Self::ReservationConflict => 0x18,
            Self::TaskSetFull => 0x28,
            Self::AcaActive => 0x30,
            Self::TaskAborted => 0x40,
            Self::Other(b) => b,
        }
    }
}

impl fmt::Display for ScsiStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Good => "GOOD",
            Self::CheckCondition => "CHECK CONDITION",
            Self::ConditionMet => "CONDITION MET",
            Self::Busy => "BUSY",
            Self::ReservationConflict => "RESERVATION CONFLICT",
            Self::TaskSetFull => "TASK SET FULL",
            Self::AcaActive => "ACA ACTIVE",
            Self::TaskAborted => "TASK ABORTED",
            Self::Other(b) => return write!(f, "status {b:#04x}"),
        };
        f.write_str(name)
    }
}

/// What came back from a command that reached the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The SCSI status.
    pub status: ScsiStatus,
    /// Raw sense data (empty unless CHECK CONDITION).
    pub sense: Vec<u8>,
    /// The data that came in (already cut to what was actually transferred).
    pub data: Vec<u8>,
}

impl Response {
    /// The decoded sense data, if there is any that decodes.
    pub fn sense(&self) -> Option<Sense> {
        Sense::parse(&self.sense).ok()
    }

    /// Whether the command succeeded.
    pub fn is_good(&self) -> bool {
        matches!(self.status, ScsiStatus::Good | ScsiStatus::ConditionMet)
    }

    /// The RSM error this response means after `command`, or `None` if it succeeded.
    pub fn error(&self, command: &str) -> Option<Error> {
        match self.status {
            ScsiStatus::Good | ScsiStatus::ConditionMet => None,
            ScsiStatus::CheckCondition => Some(match self.sense() {
                Some(sense) => sense.to_error(command),
                None => Error::new(
                    ErrorKind::DeviceNotAvailable,
                    format!("{command} failed: CHECK CONDITION without usable sense data ({} bytes)", self.sense.len()),
                ),
            }),
            ScsiStatus::Busy | ScsiStatus::TaskSetFull => {
                Some(Error::new(ErrorKind::NotReady, format!("{command} failed: the device is busy ({})", self.status)))
            }
            ScsiStatus::ReservationConflict => Some(Error::new(
                ErrorKind::DeviceNotAvailable,
                format!("{command} failed: the device is reserved by another initiator"),
            )),
            other => Some(Error::new(ErrorKind::DeviceNotAvailable, format!("{command} failed: {other}"))),
        }
    }

    /// The data, or the RSM error the status and sense mean.
    pub fn into_data(self, command: &str) -> Result<Vec<u8>> {
        match self.error(command) {
            None => Ok(self.data),
            Some(err) => Err(err),
        }
    }
}

/// Something that delivers CDBs to one logical unit: a Linux SCSI generic device, an iSCSI LUN.
///
/// `execute` blocks until the command completes, fails or reaches its timeout; it returns `Err`
/// only when the command did not complete (`TIMEOUT`, a lost connection, a closed device), and a
/// [`Response`] with the status otherwise. Async callers run it on a blocking thread.
pub trait ScsiTransport: Send + Sync + fmt::Debug {
    /// Send one command and wait for its status.
    fn execute(&self, command: &Command) -> Result<Response>;

    /// What this transport talks to, for messages (`/dev/sg3`, `iscsi://host/iqn/2`).
    fn describe(&self) -> String;
}

/// When [`execute`] sends a command again instead of failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many UNIT ATTENTION conditions in a row are cleared by resending the command (the
    /// condition is reported once per event: reset, medium changed, mode parameters changed, ...).
    pub unit_attention: u32,
    /// How many times BUSY or TASK SET FULL is retried, `delay` apart.
    pub busy: u32,
    /// How long to keep retrying while the unit says it is becoming ready (04/01, 04/07); capped by
    /// the command's own timeout.
    pub becoming_ready: Duration,
    /// The pause between retries of BUSY and becoming-ready conditions.
    pub delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            unit_attention: 8,
            busy: 20,
            becoming_ready: Duration::from_secs(120),
            delay: Duration::from_millis(250),
        }
    }
}

/// Send `command` through `transport`, retrying as `policy` allows, and return the final response
/// (which may still be a CHECK CONDITION the caller wants to look at, e.g. NOT READY from TEST
/// UNIT READY or a short block from READ).
pub fn execute(transport: &dyn ScsiTransport, command: &Command, policy: &RetryPolicy) -> Result<Response> {
    let started = Instant::now();
    let ready_budget = policy.becoming_ready.min(command.timeout);
    let mut attentions = 0;
    let mut busy = 0;
    loop {
        let response = transport.execute(command)?;
        match response.status {
            ScsiStatus::CheckCondition => {
                let Some(sense) = response.sense() else { return Ok(response) };
                if sense.key == SenseKey::UnitAttention && attentions < policy.unit_attention {
                    attentions += 1;
                    continue;
                }
                if sense.is_becoming_ready() && started.elapsed() + policy.delay < ready_budget {
                    thread::sleep(policy.delay);
                    continue;
                }
                return Ok(response);
            }
            ScsiStatus::Busy | ScsiStatus::TaskSetFull if busy < policy.busy => {
                busy += 1;
                thread::sleep(policy.delay);
            }
            _ => return Ok(response),
        }
    }
}

/// [`execute`], then the data or the RSM error the final status means.
pub fn run(transport: &dyn ScsiTransport, command: &Command, policy: &RetryPolicy) -> Result<Vec<u8>> {
    execute(transport, command, policy)
        .map_err(|e| e.with_context(format!("{} on {}", command.name(), transport.describe())))?
        .into_data(command.name())
        .map_err(|e| e.with_context(transport.describe()))
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Mutex;

    use super::*;
    use crate::scsi::cdb;

    /// A transport that replays responses, standing in for a device whose answers were recorded.
    #[derive(Debug)]
    struct Replay(Mutex<VecDeque<Result<Response>>>, Mutex<u32>);

    impl Replay {
        fn new(responses: Vec<Result<Response>>) -> Self {
            Replay(Mutex::new(responses.into()), Mutex::new(0))
        }
        fn sent(&self) -> u32 {
            *self.1.lock().unwrap()
        }
    }

    impl ScsiTransport for Replay {
        fn execute(&self, _: &Command) -> Result<Response> {
            *self.1.lock().unwrap() += 1;
            self.0.lock().unwrap().pop_front().expect("a recorded response")
        }
        fn describe(&self) -> String {
            "replay".into()
        }
    }

    fn check(key: u8, asc: u8, ascq: u8) -> Result<Response> {
        Ok(Response {
            status: ScsiStatus::CheckCondition,
            sense: vec![0x70, 0, key, 0, 0, 0, 0, 10, 0, 0, 0, 0, asc, ascq, 0, 0, 0, 0],
            data: Vec::new(),
        })
    }

    fn good() -> Result<Response> {
        Ok(Response { status: ScsiStatus::Good, sense: Vec::new(), data: vec![9] })
    }

    fn quick() -> RetryPolicy {
        RetryPolicy { delay: Duration::from_millis(1), ..RetryPolicy::default() }
    }

    #[test]
    fn unit_attention_is_retried() {
        let t = Replay::new(vec![check(6, 0x29, 0), check(6, 0x28, 0), good()]);
        assert_eq!(run(&t, &cdb::test_unit_ready(), &quick()).unwrap(), vec![9]);
        assert_eq!(t.sent(), 3);
    }

    #[test]
    fn endless_unit_attention_gives_up() {
        let policy = RetryPolicy { unit_attention: 2, ..quick() };
        let t = Replay::new(vec![check(6, 0x29, 0), check(6, 0x29, 0), check(6, 0x29, 0)]);
        let err = run(&t, &cdb::test_unit_ready(), &policy).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotReady);
        assert!(err.message().contains("29/00"), "{}", err.message());
        assert_eq!(t.sent(), 3);
    }

    #[test]
    fn becoming_ready_waits_and_not_ready_fails() {
        let t = Replay::new(vec![check(2, 4, 1), check(2, 4, 1), good()]);
        assert!(run(&t, &cdb::test_unit_ready(), &quick()).is_ok());
        let t = Replay::new(vec![check(2, 0x3A, 0)]);
        let err = run(&t, &cdb::test_unit_ready(), &quick()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Empty);
        assert!(err.message().contains("TEST UNIT READY failed: NOT READY, ASC/ASCQ 3A/00 (medium not present)"));
        assert!(err.message().starts_with("replay: "), "{}", err.message());
        assert_eq!(t.sent(), 1);
    }

    #[test]
    fn illegal_request_fails_at_once() {
        let t = Replay::new(vec![check(5, 0x3B, 0x0E)]);
        let err = run(&t, &cdb::move_medium(1, 2, 3, false), &quick()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MediumNotAccessible);
        assert_eq!(t.sent(), 1);
    }

    #[test]
    fn busy_is_retried_then_reported() {
        let busy = || Ok(Response { status: ScsiStatus::Busy, sense: Vec::new(), data: Vec::new() });
        let t = Replay::new(vec![busy(), good()]);
        assert!(run(&t, &cdb::inquiry(36), &quick()).is_ok());
        let policy = RetryPolicy { busy: 1, ..quick() };
        let t = Replay::new(vec![busy(), busy()]);
        assert_eq!(run(&t, &cdb::inquiry(36), &policy).unwrap_err().kind(), ErrorKind::NotReady);
    }

    #[test]
    fn transport_failures_pass_through_with_context() {
        let t = Replay::new(vec![Err(Error::new(ErrorKind::Timeout, "no answer in 300 s"))]);
        let err = run(&t, &cdb::move_medium(1, 2, 3, false), &quick()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Timeout);
        assert_eq!(err.message(), "MOVE MEDIUM on replay: no answer in 300 s");
    }

    #[test]
    fn garbage_sense_is_a_typed_error() {
        let t = Replay::new(vec![Ok(Response { status: ScsiStatus::CheckCondition, sense: vec![0x12], data: vec![] })]);
        let err = run(&t, &cdb::inquiry(36), &quick()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DeviceNotAvailable);
        for b in 0..=255u8 {
            assert_eq!(ScsiStatus::from_byte(b & 0xFE).byte(), b & 0xFE);
        }
    }
}
