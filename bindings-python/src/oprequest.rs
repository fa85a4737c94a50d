//! Operator requests (`SubmitNtmsOperatorRequest`, `WaitForNtmsOperatorRequest`,
//! `SatisfyNtmsOperatorRequest`, `CancelNtmsOperatorRequest`) on `Session` and `AsyncSession`.

use openrsm::{ObjectType, OpRequestKind};
#[allow(unused_imports)] // pyo3's async method expansion names `Py` unqualified
use pyo3::prelude::*;

use crate::convert::{Seconds, Target, Targets};
use crate::enums::Arg;
use crate::model::{Obj, Objs};
use crate::session::{future_methods, session_methods};

session_methods! {
    /// Submit an operator request of `kind` (an `OpRequestKind`) with a message (at most 256
    /// characters) about the objects in `arguments`; it starts ACTIVE. Returns the `OpRequest`.
    #[pyo3(signature = (kind, message = String::new(), arguments = None))]
    fn submit_operator_request(session, kind: Arg<OpRequestKind>, message: String, arguments: Option<Targets>) -> Obj {
        let arguments = match &arguments {
            Some(a) => a.ids(session, None)?,
            None => Vec::new(),
        };
        session.submit_operator_request(kind.0, &message, &arguments).map(Obj)
    }

    /// Operator requests, oldest first; with `open_only`, those not yet answered.
    #[pyo3(signature = (open_only = false))]
    fn operator_requests(session, open_only: bool) -> Objs {
        session.operator_requests(open_only).map(Objs)
    }

    /// Satisfy an operator request: it becomes COMPLETE and whoever waits for it goes on.
    fn satisfy_operator_request(session, request: Target) -> () {
        session.satisfy_operator_request(request.id(session, Some(ObjectType::OpRequest))?)
    }

    /// Cancel an operator request: it becomes REFUSED.
    fn cancel_operator_request(session, request: Target) -> () {
        session.cancel_operator_request(request.id(session, Some(ObjectType::OpRequest))?)
    }
}

future_methods! {
    /// Wait until an operator request is answered and return it; `TimeoutError` after `timeout`
    /// seconds (None: no limit).
    #[pyo3(signature = (request, timeout = None))]
    fn wait_operator_request(session, request: Target, timeout: Option<Seconds>) -> Obj {
        let request = request.id(session, Some(ObjectType::OpRequest))?;
        session.wait_operator_request_async(request, crate::convert::timeout(timeout)).await.map(Obj)
    }
}
