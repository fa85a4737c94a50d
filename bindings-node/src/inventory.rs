//! Inventory, slot identification, on-media identifiers and verification (`InventoryNtmsLibrary`,
//! `IdentifyNtmsSlot`, `UpdateNtmsOmidInfo`).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::blocking::run;
use crate::enums::InventoryMethod;
use crate::model::{parse_id, parse_timeout, Omid};
use crate::session::Session;

/// How to inventory, for `Session.inventory` and `startInventory`.
#[napi(object)]
#[derive(Default)]
pub struct InventoryOptions {
    /// `Fast` (barcodes), `Omid` (load each medium and read its label), ...; default: the
    /// library's own method.
    pub method: Option<InventoryMethod>,
    /// −15..+15, higher first (default 0).
    pub priority: Option<i32>,
    /// Give up waiting after this many milliseconds (default: no limit).
    pub timeout_ms: Option<f64>,
}

impl InventoryOptions {
    fn into_core(self) -> Result<openrsm::InventoryOptions> {
        let mut core = openrsm::InventoryOptions::default();
        if let Some(method) = self.method {
            core.method = method.into();
        }
        core.priority = self.priority.unwrap_or(0);
        if let Some(timeout) = parse_timeout(self.timeout_ms)? {
            core.timeout = timeout;
        }
        Ok(core)
    }
}

/// What an inventory found and changed.
#[napi(object)]
pub struct InventorySummary {
    /// The INVENTORY library request.
    pub request: Option<String>,
    /// Elements looked at.
    pub elements: u32,
    /// Media found.
    pub media: u32,
    /// Media new to the database.
    pub added: Vec<String>,
    /// Media no longer in the library (now offline).
    pub removed: Vec<String>,
    /// Media found somewhere else than recorded.
    pub moved: Vec<String>,
    /// Media whose label was read.
    pub identified: Vec<String>,
    /// Objects changed in all.
    pub changed: u32,
}

fn ids(list: Vec<openrsm::ObjectId>) -> Vec<String> {
    list.into_iter().map(|id| id.to_string()).collect()
}

impl From<openrsm::InventorySummary> for InventorySummary {
    fn from(s: openrsm::InventorySummary) -> Self {
        InventorySummary {
            request: s.request.map(|r| r.to_string()),
            elements: s.elements,
            media: s.media,
            added: ids(s.added),
            removed: ids(s.removed),
            moved: ids(s.moved),
            identified: ids(s.identified),
            changed: s.changed,
        }
    }
}

/// A way the database and a library disagree, from `Session.verifyLibrary`.
#[napi(object)]
pub struct Discrepancy {
    /// The element concerned, if any.
    pub element: Option<String>,
    /// Its element address, if any.
    pub address: Option<u32>,
    /// The medium concerned, if any.
    pub media: Option<String>,
    /// What is wrong.
    pub message: String,
}

#[napi]
impl Session {
    /// Inventory a library (`InventoryNtmsLibrary`) and bring the database in line with what the
    /// changer reports, notifying every change; what it found.
    #[napi]
    pub async fn inventory(&self, library: String, options: Option<InventoryOptions>) -> Result<InventorySummary> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        let options = options.unwrap_or_default().into_core()?;
        run(move || session.inventory(id, &options)).await.map(Into::into)
    }

    /// Queue an inventory and resolve at once with its request's id (follow it with
    /// notifications of `LibRequest` updates, or `waitRequest`).
    #[napi]
    pub async fn start_inventory(&self, library: String, options: Option<InventoryOptions>) -> Result<String> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        let options = options.unwrap_or_default().into_core()?;
        run(move || session.start_inventory(id, &options)).await.map(|r| r.to_string())
    }

    /// Identify the medium in a slot (`IdentifyNtmsSlot`): look at it and read its label; the
    /// medium there, or `null`.
    #[napi]
    pub async fn identify_slot(&self, slot: String) -> Result<Option<String>> {
        let (session, id) = (self.inner.clone(), parse_id(&slot)?);
        run(move || session.identify_slot(id)).await.map(|m| m.map(|m| m.to_string()))
    }

    /// Record what an application wrote on a side (`UpdateNtmsOmidInfo`); `side` is a side, a
    /// logical media, or a one-sided physical medium.
    #[napi]
    pub async fn update_omid_info(&self, side: String, omid: Omid) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&side)?);
        let omid =
            openrsm::Omid { label_type: omid.label_type, label_id: omid.label_id, application: omid.application };
        run(move || session.update_omid_info(id, omid)).await
    }

    /// Compare the database with what the library's changer reports, changing nothing; the
    /// disagreements (none when they match).
    #[napi]
    pub async fn verify_library(&self, library: String) -> Result<Vec<Discrepancy>> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        let list = run(move || session.verify_library(id)).await?;
        Ok(list
            .into_iter()
            .map(|d| Discrepancy {
                element: d.element.map(|e| e.to_string()),
                address: d.address.map(u32::from),
                media: d.media.map(|m| m.to_string()),
                message: d.message,
            })
            .collect())
    }
}
