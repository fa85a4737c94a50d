//! Library requests: waiting for them, cancelling, deleting and ordering them
//! (`CancelNtmsLibraryRequest`, `DeleteNtmsRequests`, `Get/SetNtmsRequestOrder`), and operator
//! requests (`SubmitNtmsOperatorRequest`, `WaitForNtmsOperatorRequest`,
//! `SatisfyNtmsOperatorRequest`, `CancelNtmsOperatorRequest`).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::abort::{spawn_abortable, OnAbort, SignalOptions};
use crate::blocking::run;
use crate::enums::OpRequestKind;
use crate::errors::to_napi;
use crate::model::{count, objects, parse_id, parse_opt_id, parse_timeout, RsmObject};
use crate::mount::parse_ids;
use crate::session::Session;

/// What a library's scheduler did since it started in this process.
#[napi(object)]
pub struct LibraryStatistics {
    /// Requests finished.
    pub requests: i64,
    /// Requests queued, waiting or running now.
    pub pending: i64,
    /// Calls made to the changer.
    pub changer_calls: i64,
    /// Time spent in those calls (robot time), in milliseconds.
    pub changer_time_ms: f64,
}

fn timeout(ms: Option<f64>) -> Result<openrsm::Timeout> {
    Ok(parse_timeout(ms)?.unwrap_or(openrsm::Timeout::Infinite))
}

#[napi]
impl Session {
    /// Wait until a library request finishes, for at most `timeoutMs` (forever when absent): the
    /// request when it PASSED or was STOPPED; it rejects with the request's error when it FAILED or
    /// was CANCELLED, with `TimeoutError` when the time passes, with an `AbortError` when
    /// `signal` aborts (the request goes on).
    #[napi(ts_return_type = "Promise<RsmObject>")]
    pub fn wait_request<'env>(
        &self,
        env: &'env Env,
        request: String,
        timeout_ms: Option<f64>,
        options: Option<SignalOptions<'env>>,
    ) -> Result<PromiseRaw<'env, RsmObject>> {
        let (session, id, timeout) = (self.inner.clone(), parse_id(&request)?, timeout(timeout_ms)?);
        let wait = async move { session.wait_request_async(id, timeout).await };
        spawn_abortable(env, options.and_then(|o| o.signal), OnAbort::Drop, wait, |outcome| {
            outcome.map(Into::into).map_err(to_napi)
        })
    }

    /// Cancel an unfinished library request (`CancelNtmsLibraryRequest`): a queued or waiting one
    /// ends CANCELLED at once; one in process stops at its next safe point, undoing what it did.
    #[napi]
    pub async fn cancel_request(&self, request: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&request)?);
        run(move || session.cancel_request(id)).await
    }

    /// Delete a finished library request (`DeleteNtmsRequests`).
    #[napi]
    pub async fn delete_request(&self, request: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&request)?);
        run(move || session.delete_request(id)).await
    }

    /// The library requests of a library (or of all), in arrival order; with `unfinishedOnly`,
    /// only those queued, waiting or in process.
    #[napi]
    pub async fn library_requests(
        &self,
        library: Option<String>,
        unfinished_only: Option<bool>,
    ) -> Result<Vec<RsmObject>> {
        let (session, library) = (self.inner.clone(), parse_opt_id(library.as_deref())?);
        run(move || session.library_requests(library, unfinished_only.unwrap_or(false))).await.map(objects)
    }

    /// A library's queue: its queued and waiting requests, in the order they will be looked at.
    #[napi]
    pub async fn request_queue(&self, library: String) -> Result<Vec<RsmObject>> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        run(move || session.request_queue(id)).await.map(objects)
    }

    /// The position (from 1) of a queued or waiting request in its library's queue
    /// (`GetNtmsRequestOrder`).
    #[napi]
    pub async fn request_order(&self, request: String) -> Result<u32> {
        let (session, id) = (self.inner.clone(), parse_id(&request)?);
        run(move || session.request_order(id)).await
    }

    /// Move a queued or waiting request to `position` (from 1; past the end means last) in its
    /// library's queue (`SetNtmsRequestOrder`); its priority changes as little as needed.
    #[napi]
    pub async fn set_request_order(&self, request: String, position: u32) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&request)?);
        run(move || session.set_request_order(id, position)).await
    }

    /// What a library's scheduler did since it started in this process.
    #[napi]
    pub async fn library_statistics(&self, library: String) -> Result<LibraryStatistics> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        let s = run(move || session.library_statistics(id)).await?;
        Ok(LibraryStatistics {
            requests: count(s.requests),
            pending: count(s.pending),
            changer_calls: count(s.changer_calls),
            changer_time_ms: s.changer_time.as_secs_f64() * 1000.0,
        })
    }

    /// Submit an operator request (`SubmitNtmsOperatorRequest`) about some objects; it starts
    /// ACTIVE. An open request of the same kind about the same objects is returned instead.
    #[napi]
    pub async fn submit_operator_request(
        &self,
        kind: OpRequestKind,
        message: String,
        arguments: Option<Vec<String>>,
    ) -> Result<RsmObject> {
        let (session, arguments) = (self.inner.clone(), parse_ids(&arguments.unwrap_or_default())?);
        run(move || session.submit_operator_request(kind.into(), &message, &arguments)).await.map(Into::into)
    }

    /// The operator requests, oldest first; with `openOnly`, only those not yet answered.
    #[napi]
    pub async fn operator_requests(&self, open_only: Option<bool>) -> Result<Vec<RsmObject>> {
        let session = self.inner.clone();
        run(move || session.operator_requests(open_only.unwrap_or(false))).await.map(objects)
    }

    /// Satisfy an operator request (`SatisfyNtmsOperatorRequest`): it becomes COMPLETE and whoever
    /// waits for it goes on.
    #[napi]
    pub async fn satisfy_operator_request(&self, request: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&request)?);
        run(move || session.satisfy_operator_request(id)).await
    }

    /// Cancel an operator request (`CancelNtmsOperatorRequest`): it becomes REFUSED and whoever
    /// waits for it fails with `RequestRefusedError`.
    #[napi]
    pub async fn cancel_operator_request(&self, request: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&request)?);
        run(move || session.cancel_operator_request(id)).await
    }

    /// Wait until an operator request is answered (`WaitForNtmsOperatorRequest`), for at most
    /// `timeoutMs` (forever when absent): the request when satisfied; it rejects with
    /// `RequestRefusedError` when cancelled, `TimeoutError` when the time passes, an `AbortError`
    /// when `signal` aborts.
    #[napi(ts_return_type = "Promise<RsmObject>")]
    pub fn wait_operator_request<'env>(
        &self,
        env: &'env Env,
        request: String,
        timeout_ms: Option<f64>,
        options: Option<SignalOptions<'env>>,
    ) -> Result<PromiseRaw<'env, RsmObject>> {
        let (session, id, timeout) = (self.inner.clone(), parse_id(&request)?, timeout(timeout_ms)?);
        let wait = async move { session.wait_operator_request_async(id, timeout).await };
        spawn_abortable(env, options.and_then(|o| o.signal), OnAbort::Drop, wait, |outcome| {
            outcome.map(Into::into).map_err(to_napi)
        })
    }
}
