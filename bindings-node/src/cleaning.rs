//! Drive cleaning (`ReserveNtmsCleanerSlot`, `ReleaseNtmsCleanerSlot`, `InjectNtmsCleaner`,
//! `EjectNtmsCleaner`, `CleanNtmsDrive`).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::blocking::run;
use crate::model::{parse_id, parse_opt_id};
use crate::session::Session;

#[napi]
impl Session {
    /// Reserve an empty slot for the library's cleaner (`ReserveNtmsCleanerSlot`).
    #[napi]
    pub async fn reserve_cleaner_slot(&self, library: String, slot: String) -> Result<()> {
        let (session, library, slot) = (self.inner.clone(), parse_id(&library)?, parse_id(&slot)?);
        run(move || session.reserve_cleaner_slot(library, slot)).await
    }

    /// Release the cleaner slot (`ReleaseNtmsCleanerSlot`); the cleaner must have been ejected.
    #[napi]
    pub async fn release_cleaner_slot(&self, library: String) -> Result<()> {
        let (session, library) = (self.inner.clone(), parse_id(&library)?);
        run(move || session.release_cleaner_slot(library)).await
    }

    /// Take a cleaner in from an IE port (or any) to the cleaner slot, with its number of uses
    /// (`InjectNtmsCleaner`).
    #[napi]
    pub async fn inject_cleaner(&self, library: String, uses: u32, port: Option<String>) -> Result<()> {
        let (session, library, port) = (self.inner.clone(), parse_id(&library)?, parse_opt_id(port.as_deref())?);
        run(move || session.inject_cleaner(library, uses, port)).await
    }

    /// Put the cleaner out to an IE port (or any) (`EjectNtmsCleaner`).
    #[napi]
    pub async fn eject_cleaner(&self, library: String, port: Option<String>) -> Result<()> {
        let (session, library, port) = (self.inner.clone(), parse_id(&library)?, parse_opt_id(port.as_deref())?);
        run(move || session.eject_cleaner(library, port)).await
    }

    /// Clean a drive with the library's cleaner (`CleanNtmsDrive`); its uses left go down by one.
    #[napi]
    pub async fn clean_drive(&self, drive: String) -> Result<()> {
        let (session, drive) = (self.inner.clone(), parse_id(&drive)?);
        run(move || session.clean_drive(drive)).await
    }
}
