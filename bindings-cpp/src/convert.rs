//! Conversions between core types and bridge structs that several concepts share: optional
//! values, timestamps and objects.

use openrsm::{Detail, Object, Timestamp};

use crate::bridge::ffi;

impl From<Option<String>> for ffi::OptString {
    fn from(value: Option<String>) -> Self {
        match value {
            Some(value) => ffi::OptString { present: true, value },
            None => ffi::OptString::default(),
        }
    }
}

impl From<&ffi::OptString> for Option<String> {
    fn from(value: &ffi::OptString) -> Self {
        value.present.then(|| value.value.clone())
    }
}

impl From<Option<u32>> for ffi::OptU32 {
    fn from(value: Option<u32>) -> Self {
        ffi::OptU32 { present: value.is_some(), value: value.unwrap_or_default() }
    }
}

impl From<&ffi::OptU32> for Option<u32> {
    fn from(value: &ffi::OptU32) -> Self {
        value.present.then_some(value.value)
    }
}

impl From<&ffi::OptI32> for Option<i32> {
    fn from(value: &ffi::OptI32) -> Self {
        value.present.then_some(value.value)
    }
}

impl From<&ffi::OptBool> for Option<bool> {
    fn from(value: &ffi::OptBool) -> Self {
        value.present.then_some(value.value)
    }
}

impl From<&ffi::OptU64> for Option<u64> {
    fn from(value: &ffi::OptU64) -> Self {
        value.present.then_some(value.value)
    }
}

/// Milliseconds since the Unix epoch.
pub(crate) fn millis(t: Timestamp) -> i64 {
    t.timestamp_millis()
}

impl From<Option<Timestamp>> for ffi::OptTime {
    fn from(value: Option<Timestamp>) -> Self {
        ffi::OptTime { present: value.is_some(), millis: value.map(millis).unwrap_or_default() }
    }
}

impl From<&ffi::Wait> for openrsm::Timeout {
    fn from(wait: &ffi::Wait) -> Self {
        if wait.infinite {
            openrsm::Timeout::Infinite
        } else {
            openrsm::Timeout::from_millis(wait.millis)
        }
    }
}

impl From<Object> for ffi::Object {
    fn from(o: Object) -> Self {
        let mut out = ffi::Object {
            id: o.id.into(),
            object_type: o.object_type.value(),
            name: o.name,
            description: o.description,
            created: millis(o.created),
            modified: millis(o.modified),
            enabled: o.enabled,
            state: o.state.value(),
            detail_type: o.object_type.value(),
            ..Default::default()
        };
        match o.detail {
            Detail::Computer(c) => {
                out.computer = ffi::ComputerInfo {
                    librequest_purge_seconds: c.librequest_purge_seconds,
                    oprequest_purge_seconds: c.oprequest_purge_seconds,
                }
            }
            Detail::Library(l) => {
                out.library = ffi::LibraryInfo {
                    library_type: l.library_type.value(),
                    cleaner_slot: l.cleaner_slot.into(),
                    cleaner_uses_left: l.cleaner_uses_left.into(),
                    barcode_reader: l.barcode_reader,
                    inventory_method: l.inventory_method.value(),
                    auto_recovery: l.auto_recovery,
                    driver: l.driver.into(),
                }
            }
            Detail::Changer(c) => {
                out.changer = ffi::ChangerInfo {
                    library: c.library.into(),
                    changer_type: c.changer_type.into(),
                    device_path: c.device_path.into(),
                    serial: c.serial.into(),
                }
            }
            Detail::ChangerType(t) | Detail::DriveType(t) => {
                out.device_type =
                    ffi::DeviceTypeInfo { vendor: t.vendor, product: t.product, device_type: t.device_type }
            }
            Detail::Drive(d) => {
                out.drive = ffi::DriveInfo {
                    library: d.library.into(),
                    number: d.number,
                    drive_state: d.drive_state.value(),
                    drive_type: d.drive_type.into(),
                    device_path: d.device_path.into(),
                    serial: d.serial.into(),
                    mount_count: d.mount_count,
                    last_cleaned: d.last_cleaned.into(),
                    deferred_dismount_seconds: d.deferred_dismount_seconds,
                    media: d.media.into(),
                    element_address: d.element_address.into(),
                }
            }
            Detail::IeDoor(d) => {
                out.ie_door = ffi::IeDoorInfo {
                    library: d.library.into(),
                    door_state: d.door_state.value(),
                    max_open_seconds: d.max_open_seconds,
                }
            }
            Detail::IePort(p) => {
                out.ie_port = ffi::IePortInfo {
                    library: p.library.into(),
                    number: p.number,
                    content: p.content.value(),
                    position: p.position.value(),
                    max_extend_seconds: p.max_extend_seconds,
                    media: p.media.into(),
                    element_address: p.element_address.into(),
                }
            }
            Detail::StorageSlot(s) => {
                out.slot = ffi::SlotInfo {
                    library: s.library.into(),
                    number: s.number,
                    slot_state: s.slot_state.value(),
                    media: s.media.into(),
                    element_address: s.element_address.into(),
                }
            }
            Detail::MediaType(t) => {
                out.media_type = ffi::MediaTypeInfo { sides: t.sides, read_write: t.read_write.value() }
            }
            Detail::PhysicalMedia(m) => {
                out.physical_media = ffi::PhysicalMediaInfo {
                    library: m.library.into(),
                    location_kind: m.location.kind.value(),
                    location_element: m.location.element.into(),
                    home_slot: m.home_slot.into(),
                    media_type: m.media_type.into(),
                    pool: m.pool.into(),
                    barcode: m.barcode.into(),
                    barcode_state: m.barcode_state.value(),
                    media_state: m.media_state.value(),
                    sides: m.sides,
                    mounted_side: m.mounted_side.into(),
                }
            }
            Detail::Partition(p) => {
                let has_omid = p.omid.is_some();
                let omid = p.omid.unwrap_or_default();
                out.partition = ffi::PartitionInfo {
                    physical_media: p.physical_media.into(),
                    side: p.side,
                    partition_state: p.partition_state.value(),
                    has_omid,
                    omid_label_type: omid.label_type,
                    omid_label_id: omid.label_id,
                    omid_application: omid.application.into(),
                    capacity: p.capacity,
                    mount_count: p.mount_count,
                    allocation_count: p.allocation_count,
                    logical_media: p.logical_media.into(),
                }
            }
            Detail::LogicalMedia(l) => {
                out.logical_media = ffi::LogicalMediaInfo {
                    partition: l.partition.into(),
                    physical_media: l.physical_media.into(),
                    pool: l.pool.into(),
                }
            }
            Detail::MediaPool(p) => {
                out.media_pool = ffi::MediaPoolInfo {
                    kind: p.kind.value(),
                    media_type: p.media_type.into(),
                    parent: p.parent.into(),
                    path: p.path,
                    draw_from_free: p.draw_from_free,
                    return_to_free: p.return_to_free,
                    max_allocations: p.max_allocations,
                }
            }
            Detail::LibRequest(r) => {
                out.lib_request = ffi::LibRequestInfo {
                    operation: r.operation.value(),
                    request_state: r.request_state.value(),
                    priority: r.priority,
                    library: r.library.into(),
                    drive: r.drive.into(),
                    media: r.media.into(),
                    submitted: millis(r.submitted),
                    started: r.started.into(),
                    completed: r.completed.into(),
                    application: r.application,
                    user: r.user,
                    error_code: r.error_code.into(),
                    error_message: r.error_message.into(),
                    progress_done: r.progress_done,
                    progress_total: r.progress_total,
                }
            }
            Detail::OpRequest(r) => {
                out.op_request = ffi::OpRequestInfo {
                    kind: r.kind.value(),
                    request_state: r.request_state.value(),
                    message: r.message,
                    arguments: r.arguments.into_iter().map(Into::into).collect(),
                    submitted: millis(r.submitted),
                    application: r.application,
                    user: r.user,
                }
            }
            // A detail added to the core after this binding: the common fields still cross.
            _ => out.detail_type = 0,
        }
        out
    }
}

impl TryFrom<&ffi::ObjectChanges> for openrsm::ObjectChanges {
    type Error = openrsm::Error;

    fn try_from(c: &ffi::ObjectChanges) -> openrsm::Result<Self> {
        let inventory_method: Option<u32> = (&c.inventory_method).into();
        Ok(openrsm::ObjectChanges {
            name: (&c.name).into(),
            description: (&c.description).into(),
            inventory_method: inventory_method.map(crate::enums::from_number).transpose()?,
            auto_recovery: (&c.auto_recovery).into(),
            deferred_dismount_seconds: (&c.deferred_dismount_seconds).into(),
            max_open_seconds: (&c.max_open_seconds).into(),
            max_extend_seconds: (&c.max_extend_seconds).into(),
            draw_from_free: (&c.draw_from_free).into(),
            return_to_free: (&c.return_to_free).into(),
            max_allocations: (&c.max_allocations).into(),
            barcode: (&c.barcode).into(),
            librequest_purge_seconds: (&c.librequest_purge_seconds).into(),
            oprequest_purge_seconds: (&c.oprequest_purge_seconds).into(),
            priority: (&c.priority).into(),
        })
    }
}

/// Objects across the bridge.
pub(crate) fn objects(list: Vec<Object>) -> Vec<ffi::Object> {
    list.into_iter().map(Into::into).collect()
}
