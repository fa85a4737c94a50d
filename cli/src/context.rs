//! What every command gets: the session (opened on first use) and the output mode.

use std::path::PathBuf;
use std::sync::OnceLock;

use openrsm::{Error, ErrorKind, Object, ObjectType, Result, Session, SessionOptions};

use crate::output::Output;

/// The state shared by the commands of one `rsm` run.
pub struct Context {
    home: Option<PathBuf>,
    session: OnceLock<Session>,
    /// Where and how results are printed.
    pub out: Output,
}

impl Context {
    /// A context for `home` (`None`: `$OPENRSM_HOME`, else the default home).
    pub fn new(home: Option<PathBuf>, json: bool) -> Context {
        Context { home, session: OnceLock::new(), out: Output::new(json) }
    }

    /// The session, opened on first use.
    pub fn session(&self) -> Result<&Session> {
        if let Some(session) = self.session.get() {
            return Ok(session);
        }
        let mut options = SessionOptions::default().application("rsm");
        if let Some(home) = &self.home {
            options = options.home(home);
        }
        let session = Session::open(options)?;
        Ok(self.session.get_or_init(|| session))
    }

    /// Close the session if one was opened.
    pub fn close(&self) {
        if let Some(session) = self.session.get() {
            session.close();
        }
    }

    /// Any object, by id, name, pool path or barcode; `object_type` narrows the search.
    pub fn resolve(&self, object_type: Option<ObjectType>, text: &str) -> Result<Object> {
        self.session()?.resolve(object_type, text)
    }

    /// A media pool by id, path (`Backup/Weekly`, `Free/LTO-6`) or, when unique, bare name.
    pub fn pool(&self, text: &str) -> Result<Object> {
        let session = self.session()?;
        if text.parse::<openrsm::ObjectId>().is_ok() || text.contains('/') {
            return session.resolve(Some(ObjectType::MediaPool), text);
        }
        match session.media_pool_by_path(text) {
            Ok(pool) => Ok(pool),
            Err(e) if e.kind() == ErrorKind::ObjectNotFound => session.resolve(Some(ObjectType::MediaPool), text),
            Err(e) => Err(e),
        }
    }

    /// The first of `types` that has an object by this id or name (ids are checked against
    /// `types` too). Sides and their logical media share names (`TAPE01:A`), so the order of
    /// `types` says which one a name means.
    pub fn resolve_first(&self, types: &[ObjectType], text: &str) -> Result<Object> {
        let session = self.session()?;
        if let Ok(id) = text.parse::<openrsm::ObjectId>() {
            let object = session.object(id)?;
            if !types.contains(&object.object_type) {
                let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
                return Err(Error::new(
                    ErrorKind::InvalidParameter,
                    format!("{id} is a {}; expected {}", object.object_type, names.join(" or ")),
                ));
            }
            return Ok(object);
        }
        let mut last = None;
        for &t in types {
            match session.resolve(Some(t), text) {
                Ok(object) => return Ok(object),
                Err(e) if e.kind() == ErrorKind::ObjectNotFound => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| Error::new(ErrorKind::ObjectNotFound, format!("{text:?} not found"))))
    }
}
