//! Checking that the database matches a library: every element holds what its record says, every
//! medium is in exactly one place, and records point at each other.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::changer::*;
use super::elements::*;
use super::virtual_lib::CLEANER_PREFIX;
use crate::db;
use crate::error::Result;
use crate::model::*;
use crate::session::Session;

/// A way the database and a library disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discrepancy {
    /// The element concerned, if any.
    pub element: Option<ObjectId>,
    /// Its element address, if any.
    pub address: Option<ElementAddress>,
    /// The medium concerned, if any.
    pub media: Option<ObjectId>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Discrepancy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(a) = self.address {
            write!(f, "element {a}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl Session {
    /// Compare the database with what a library's changer reports (best done while the library is
    /// idle): an empty list means they agree — every element holds what its record says, no medium
    /// is in two places or lost, and records point at each other.
    pub fn verify_library(&self, library: ObjectId) -> Result<Vec<Discrepancy>> {
        crate::runtime::block_on(self.verify_library_async(library))?
    }

    /// Like [`verify_library`](Session::verify_library), asynchronously.
    pub async fn verify_library_async(&self, library: ObjectId) -> Result<Vec<Discrepancy>> {
        let rt = self.library_runtime(library).await?;
        let status = rt.changer.element_status(&[]).await?;
        let layout = rt.layout;
        self.db()?.read(|conn| {
            let mut problems = Vec::new();
            let mut problem = |element: Option<&Object>, address: Option<ElementAddress>, media: Option<ObjectId>, message: String| {
                problems.push(Discrepancy { element: element.map(|e| e.id), address, media, message });
            };
            let lib = db::load_as(conn, library, ObjectType::Library)?;
            let lib_info = library_info(&lib)?.clone();
            let elements = all_elements(conn, library)?;
            let by_address: HashMap<ElementAddress, &Object> =
                elements.iter().filter_map(|e| address_of(e).map(|a| (a, e))).collect();
            let by_id: HashMap<ObjectId, &Object> = elements.iter().map(|e| (e.id, e)).collect();
            let media = db::query(conn, ObjectType::PhysicalMedia, "t.library = ?1", [library])?;
            let media_by_id: HashMap<ObjectId, &Object> = media.iter().map(|m| (m.id, m)).collect();

            // Each changer element against its record.
            for st in &status {
                let Some(element) = by_address.get(&st.address).copied() else {
                    if st.element_type == ElementType::Transport {
                        let held: Vec<&Object> = media
                            .iter()
                            .filter(|m| crate::media::media_info(m).is_ok_and(|i| i.location.kind == LocationKind::Transport))
                            .collect();
                        if st.full != (held.len() == 1) || held.len() > 1 {
                            problem(None, Some(st.address), None, format!(
                                "the robot's hand is {} but {} media are recorded in it",
                                if st.full { "full" } else { "empty" },
                                held.len()
                            ));
                        }
                    } else if st.full {
                        problem(None, Some(st.address), None, "a full element has no database object".into());
                    }
                    continue;
                };
                let recorded = media_of(element);
                let recorded_full = match &element.detail {
                    Detail::StorageSlot(s) => s.slot_state == SlotState::Full,
                    Detail::IePort(p) => p.content == PortContent::Full,
                    Detail::Drive(d) => d.media.is_some() || d.drive_state == DriveState::BeingCleaned,
                    _ => false,
                };
                if st.full != recorded_full {
                    problem(Some(element), Some(st.address), recorded, format!(
                        "{} is {} but recorded {}",
                        element.name,
                        if st.full { "full" } else { "empty" },
                        if recorded_full { "full" } else { "empty" }
                    ));
                    continue;
                }
                let cleaner_tag = st.volume_tag.as_deref().is_some_and(|t| t.starts_with(CLEANER_PREFIX));
                if st.full && recorded.is_none() && !cleaner_tag && st.exception.is_none() {
                    let is_cleaner_slot = Some(element.id) == lib_info.cleaner_slot && lib_info.cleaner_uses_left.is_some();
                    if !is_cleaner_slot {
                        problem(Some(element), Some(st.address), None, format!("{} holds a medium the database does not know", element.name));
                    }
                }
                if let (Some(tag), Some(m)) = (&st.volume_tag, recorded) {
                    let barcode = media_by_id.get(&m).and_then(|o| crate::media::media_info(o).ok()).and_then(|i| i.barcode.clone());
                    if barcode.as_deref() != Some(tag.as_str()) {
                        problem(Some(element), Some(st.address), Some(m), format!(
                            "{} holds {tag} but the database records {}",
                            element.name,
                            barcode.unwrap_or_else(|| "a medium without that barcode".into())
                        ));
                    }
                }
                if cleaner_tag && recorded.is_some() {
                    problem(Some(element), Some(st.address), recorded, format!("{} holds a cleaner but records a medium", element.name));
                }
            }

            // Each medium of the library in exactly one place, pointed at by that place.
            let mut places: HashSet<ObjectId> = HashSet::new();
            for m in &media {
                let info = crate::media::media_info(m)?;
                match info.location.kind {
                    LocationKind::Offline => {
                        problem(None, None, Some(m.id), format!("{} is offline but recorded in the library", m.name));
                    }
                    LocationKind::Transport => {}
                    _ => match info.location.element.and_then(|e| by_id.get(&e)) {
                        None => problem(None, None, Some(m.id), format!("{} is in no element of the library", m.name)),
                        Some(element) => {
                            if media_of(element) != Some(m.id) {
                                problem(Some(element), address_of(element), Some(m.id), format!(
                                    "{} says it is in {} but {} does not hold it",
                                    m.name, element.name, element.name
                                ));
                            }
                            if !places.insert(element.id) {
                                problem(Some(element), address_of(element), Some(m.id), format!("two media are recorded in {}", element.name));
                            }
                        }
                    },
                }
                if info.media_state == MediaState::Mounted {
                    let mounted_in_drive = info.location.element.and_then(|e| by_id.get(&e)).is_some_and(|d| {
                        matches!(&d.detail, Detail::Drive(i) if i.drive_state == DriveState::Mounted && i.media == Some(m.id))
                    });
                    if !mounted_in_drive {
                        problem(None, None, Some(m.id), format!("{} is MOUNTED but no drive has it mounted", m.name));
                    }
                }
            }
            for element in &elements {
                if let Some(m) = media_of(element) {
                    let points_back = media_by_id.get(&m).and_then(|o| crate::media::media_info(o).ok()).is_some_and(|i| {
                        i.location.element == Some(element.id)
                    });
                    if !points_back {
                        problem(Some(element), address_of(element), Some(m), format!(
                            "{} records a medium that is not recorded there",
                            element.name
                        ));
                    }
                }
                if let Detail::Drive(d) = &element.detail {
                    if d.drive_state == DriveState::Mounted && d.media.is_none() {
                        problem(Some(element), address_of(element), None, format!("{} is MOUNTED with no medium", element.name));
                    }
                }
            }
            // Offline media must not claim an element.
            let offline = db::query(conn, ObjectType::PhysicalMedia, "t.library IS NULL AND t.location_kind <> 0", [])?;
            for m in offline {
                problem(None, None, Some(m.id), format!("{} has no library but a location", m.name));
            }
            let _ = layout;
            Ok(problems)
        })
    }
}
