//! Operator requests (`SubmitNtmsOperatorRequest`, `WaitForNtmsOperatorRequest`,
//! `SatisfyNtmsOperatorRequest`, `CancelNtmsOperatorRequest`): things only a person can do —
//! bring offline media into a library, replace a spent cleaner, service a jammed robot or a
//! failing drive, close a door.
//!
//! Libraries raise them by themselves where a person is needed; applications can submit their own.
//! An open request (SUBMITTED, ACTIVE, INPROGRESS) ends COMPLETE when satisfied or REFUSED when
//! cancelled; every change is notified on the `OPREQUEST` object.
//!
//! ```
//! # fn main() -> openrsm::Result<()> {
//! use openrsm::{ErrorKind, OpRequestKind, Session, SessionOptions, Timeout};
//! let home = tempfile::tempdir().unwrap();
//! let session = Session::open(SessionOptions::default().home(home.path()))?;
//! let request = session.submit_operator_request(OpRequestKind::Message, "change the tape labels", &[])?;
//! let waited = session.wait_operator_request(request.id, Timeout::from_millis(10));
//! assert_eq!(waited.unwrap_err().kind(), ErrorKind::Timeout);
//! session.satisfy_operator_request(request.id)?;
//! session.wait_operator_request(request.id, Timeout::from_millis(10))?;
//! # Ok(()) }
//! ```

use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::notify::Timeout;
use crate::session::Session;

/// Longest operator request message, in characters.
pub const MAX_OPREQUEST_MESSAGE: usize = 256;

pub(crate) fn is_open(state: OpRequestState) -> bool {
    matches!(state, OpRequestState::Submitted | OpRequestState::Active | OpRequestState::InProgress)
}

fn info(object: &Object) -> Result<&OpRequestInfo> {
    match &object.detail {
        Detail::OpRequest(info) => Ok(info),
        _ => Err(Error::invalid(format!("{} is a {}, not an operator request", object.id, object.object_type))),
    }
}

/// Submit an operator request, or return the open one of the same kind about the same objects (so
/// that a condition that persists asks once).
pub(crate) fn raise(
    tx: &mut Tx<'_>,
    kind: OpRequestKind,
    message: &str,
    arguments: &[ObjectId],
    application: &str,
    user: &str,
) -> Result<Object> {
    if message.chars().count() > MAX_OPREQUEST_MESSAGE {
        return Err(Error::new(
            ErrorKind::MessageExceedsMaxSize,
            format!("an operator request message has at most {MAX_OPREQUEST_MESSAGE} characters"),
        ));
    }
    let open = db::query(tx, ObjectType::OpRequest, "t.kind = ?1 AND t.request_state IN (1, 2, 3)", [kind.value()])?;
    if let Some(existing) = open.into_iter().find(|o| info(o).is_ok_and(|i| i.arguments == arguments)) {
        return Ok(existing);
    }
    let name = format!("{kind} {}", now().format("%Y-%m-%d %H:%M:%S%.3f"));
    let request = db::new_object(
        name,
        Detail::OpRequest(OpRequestInfo {
            kind,
            request_state: OpRequestState::Active,
            message: message.to_owned(),
            arguments: arguments.to_vec(),
            submitted: now(),
            application: application.to_owned(),
            user: user.to_owned(),
        }),
    );
    db::insert(tx, &request)?;
    Ok(request)
}

/// Close the open operator requests of `kind` about `argument` (the condition went away).
pub(crate) fn resolve(tx: &mut Tx<'_>, kind: OpRequestKind, argument: ObjectId) -> Result<()> {
    let open = db::query(tx, ObjectType::OpRequest, "t.kind = ?1 AND t.request_state IN (1, 2, 3)", [kind.value()])?;
    for mut request in open {
        if let Detail::OpRequest(i) = &mut request.detail {
            if i.arguments.contains(&argument) {
                i.request_state = OpRequestState::Complete;
                db::save(tx, &mut request)?;
            }
        }
    }
    Ok(())
}

impl Session {
    /// Submit an operator request (`SubmitNtmsOperatorRequest`); it starts ACTIVE. A message over
    /// 256 characters is refused with `MESSAGE_EXCEEDS_MAX_SIZE`.
    pub fn submit_operator_request(
        &self,
        kind: OpRequestKind,
        message: &str,
        arguments: &[ObjectId],
    ) -> Result<Object> {
        let (application, user) = (self.inner.application.clone(), self.inner.user.clone());
        self.db()?.write(|tx| {
            for id in arguments {
                db::type_of(tx, *id)?;
            }
            raise(tx, kind, message, arguments, &application, &user)
        })
    }

    /// The operator requests, oldest first; with `open_only`, only those not yet answered.
    pub fn operator_requests(&self, open_only: bool) -> Result<Vec<Object>> {
        let filter =
            if open_only { "t.request_state IN (1, 2, 3) ORDER BY t.submitted" } else { "1 = 1 ORDER BY t.submitted" };
        self.db()?.read(|conn| db::query(conn, ObjectType::OpRequest, filter, []))
    }

    /// Satisfy an operator request (`SatisfyNtmsOperatorRequest`): it becomes COMPLETE and whoever
    /// waits for it goes on. An answered request is refused with `INVALID_OPERATION`.
    pub fn satisfy_operator_request(&self, request: ObjectId) -> Result<()> {
        self.answer(request, OpRequestState::Complete)
    }

    /// Cancel an operator request (`CancelNtmsOperatorRequest`): it becomes REFUSED and whoever
    /// waits for it fails with `REQUEST_REFUSED`.
    pub fn cancel_operator_request(&self, request: ObjectId) -> Result<()> {
        self.answer(request, OpRequestState::Refused)
    }

    fn answer(&self, request: ObjectId, state: OpRequestState) -> Result<()> {
        self.db()?.write(|tx| {
            let mut object = db::load_as(tx, request, ObjectType::OpRequest)?;
            let Detail::OpRequest(i) = &mut object.detail else { unreachable!("loaded as an operator request") };
            if !is_open(i.request_state) {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("operator request {request} was answered already ({})", i.request_state),
                ));
            }
            i.request_state = state;
            let serviced = (i.kind == OpRequestKind::DeviceService && state == OpRequestState::Complete)
                .then(|| i.arguments.clone())
                .unwrap_or_default();
            db::save(tx, &mut object)?;
            // An operator who satisfies a service request has put the device right.
            for id in serviced {
                if let Ok(mut device) = db::load(tx, id) {
                    let is_device = matches!(device.object_type, ObjectType::Drive | ObjectType::Changer);
                    if is_device && device.state == OperationalState::NeedsService {
                        device.state = OperationalState::Ready;
                        db::save(tx, &mut device)?;
                    }
                }
            }
            Ok(())
        })?;
        self.kick_libraries();
        Ok(())
    }

    /// Wait until an operator request is answered (`WaitForNtmsOperatorRequest`): the request when
    /// satisfied, `REQUEST_REFUSED` when cancelled, `TIMEOUT` when the time passes first.
    pub fn wait_operator_request(&self, request: ObjectId, timeout: impl Into<Timeout>) -> Result<Object> {
        let timeout = timeout.into();
        crate::runtime::block_on(self.wait_operator_request_async(request, timeout))?
    }

    /// Like [`wait_operator_request`](Session::wait_operator_request), asynchronously.
    pub async fn wait_operator_request_async(&self, request: ObjectId, timeout: impl Into<Timeout>) -> Result<Object> {
        let timeout = timeout.into();
        watch_object(self, ObjectType::OpRequest, request, timeout, |object| match info(object) {
            Err(e) => Some(Err(e)),
            Ok(i) => match i.request_state {
                OpRequestState::Complete => Some(Ok(object.clone())),
                OpRequestState::Refused => {
                    Some(Err(Error::new(ErrorKind::RequestRefused, format!("operator request {request} was refused"))))
                }
                _ => None,
            },
        })
        .await
        .map_err(|e| match e.kind() {
            ErrorKind::Timeout => {
                Error::new(ErrorKind::Timeout, format!("operator request {request} was not answered in time"))
            }
            _ => e,
        })
    }
}

/// Wait until `check` says something about object `id` of type `t`: it is called on the object now
/// and after each notification about it. `TIMEOUT` when the time passes first; a subscription that
/// falls behind is renewed.
pub(crate) async fn watch_object<T>(
    session: &Session,
    t: ObjectType,
    id: ObjectId,
    timeout: Timeout,
    mut check: impl FnMut(&Object) -> Option<Result<T>>,
) -> Result<T> {
    let deadline = timeout.deadline().map(tokio::time::Instant::from_std);
    loop {
        let events = session.open_notification(&[t])?;
        let outcome = async {
            loop {
                let object = match session.db().and_then(|db| db.read(|conn| db::load_as(conn, id, t))) {
                    Ok(object) => object,
                    Err(e) => return Some(Err(e)),
                };
                if let Some(result) = check(&object) {
                    return Some(result);
                }
                loop {
                    let next = match deadline {
                        None => events.next().await,
                        Some(d) => match tokio::time::timeout_at(d, events.next()).await {
                            Ok(next) => next,
                            Err(_) => {
                                return Some(Err(Error::new(ErrorKind::Timeout, format!("{t} {id}: time is up"))))
                            }
                        },
                    };
                    match next {
                        Ok(e) if e.object_id == id => break,
                        Ok(_) => {}
                        Err(e) if e.kind() == ErrorKind::NoData => return None,
                        Err(e) => return Some(Err(e)),
                    }
                }
            }
        }
        .await;
        events.close();
        if let Some(result) = outcome {
            return result;
        }
    }
}
