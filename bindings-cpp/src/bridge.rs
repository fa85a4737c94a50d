//! The cxx bridge: the data that crosses between Rust and C++, and the functions C++ calls.
//!
//! Everything here is internal to the binding: the public C++ API (`include/openrsm/*.hpp`) uses
//! only standard C++ types and converts to and from these in `src/*.cpp`. cxx has no `Option`, so
//! optional values travel as `Opt*` structs with a `present` flag. Enumerations travel as their RSM
//! numbers and are checked on the Rust side. Every function returns `Result` so that errors and
//! caught panics reach C++ as exceptions (see `errors.rs`).
//!
//! One section per concept; the implementations live in the module of the same name.

use crate::about::{core_facts, default_home};
use crate::detect::{DetectionHandle, DeviceEventsHandle};
use crate::enums::{enum_entries, enum_parse, error_kinds};
use crate::errors::{testing_fail, testing_panic};
use crate::label::{label_classify, label_library_names, label_max_size, label_sample, label_sample_types};
use crate::library::{library_option_defaults, VirtualLibraryHandle};
use crate::notify::NotificationHandle;
use crate::object_id::{object_id_new, object_id_parse};
use crate::session::{session_open, SessionHandle};

#[cxx::bridge(namespace = "openrsm::ffi")]
pub(crate) mod ffi {
    // ---- values ----

    /// An object id (GUID) as its 16 bytes.
    #[derive(Clone, Copy, Default, Debug, PartialEq)]
    struct Id {
        bytes: [u8; 16],
    }

    /// An optional object id.
    #[derive(Clone, Copy, Default, Debug)]
    struct OptId {
        present: bool,
        id: Id,
    }

    /// An optional string.
    #[derive(Clone, Default, Debug)]
    struct OptString {
        present: bool,
        value: String,
    }

    /// An optional boolean.
    #[derive(Clone, Copy, Default, Debug)]
    struct OptBool {
        present: bool,
        value: bool,
    }

    /// An optional 32-bit number.
    #[derive(Clone, Copy, Default, Debug)]
    struct OptU32 {
        present: bool,
        value: u32,
    }

    /// An optional signed 32-bit number.
    #[derive(Clone, Copy, Default, Debug)]
    struct OptI32 {
        present: bool,
        value: i32,
    }

    /// An optional 64-bit number.
    #[derive(Clone, Copy, Default, Debug)]
    struct OptU64 {
        present: bool,
        value: u64,
    }

    /// An optional point in time, as milliseconds since the Unix epoch (UTC).
    #[derive(Clone, Copy, Default, Debug)]
    struct OptTime {
        present: bool,
        millis: i64,
    }

    /// How long a wait may take: `infinite`, or `millis` milliseconds.
    #[derive(Clone, Copy, Default, Debug)]
    struct Wait {
        infinite: bool,
        millis: u64,
    }

    /// One value of an RSM enumeration.
    #[derive(Clone, Default, Debug)]
    struct EnumEntry {
        value: u32,
        name: String,
    }

    /// Facts about the core.
    #[derive(Clone, Default, Debug)]
    struct CoreFacts {
        version: String,
        schema_version: u32,
        home_env: String,
        max_name_len: usize,
        max_description_len: usize,
        max_barcode_len: usize,
        max_attribute_size: usize,
    }

    // ---- objects ----

    /// The computer running the service.
    #[derive(Clone, Default, Debug)]
    struct ComputerInfo {
        librequest_purge_seconds: u32,
        oprequest_purge_seconds: u32,
    }

    /// A library.
    #[derive(Clone, Default, Debug)]
    struct LibraryInfo {
        library_type: u32,
        cleaner_slot: OptId,
        cleaner_uses_left: OptU32,
        barcode_reader: bool,
        inventory_method: u32,
        auto_recovery: bool,
        driver: OptString,
    }

    /// A changer.
    #[derive(Clone, Default, Debug)]
    struct ChangerInfo {
        library: Id,
        changer_type: OptId,
        device_path: OptString,
        serial: OptString,
    }

    /// A changer or drive model.
    #[derive(Clone, Default, Debug)]
    struct DeviceTypeInfo {
        vendor: String,
        product: String,
        device_type: u32,
    }

    /// A drive.
    #[derive(Clone, Default, Debug)]
    struct DriveInfo {
        library: Id,
        number: u32,
        drive_state: u32,
        drive_type: OptId,
        device_path: OptString,
        serial: OptString,
        mount_count: u64,
        last_cleaned: OptTime,
        deferred_dismount_seconds: u32,
        media: OptId,
        element_address: OptU32,
    }

    /// A storage slot.
    #[derive(Clone, Default, Debug)]
    struct SlotInfo {
        library: Id,
        number: u32,
        slot_state: u32,
        media: OptId,
        element_address: OptU32,
    }

    /// A library door.
    #[derive(Clone, Default, Debug)]
    struct IeDoorInfo {
        library: Id,
        door_state: u32,
        max_open_seconds: u32,
    }

    /// An import/export port.
    #[derive(Clone, Default, Debug)]
    struct IePortInfo {
        library: Id,
        number: u32,
        content: u32,
        position: u32,
        max_extend_seconds: u32,
        media: OptId,
        element_address: OptU32,
    }

    /// A media type.
    #[derive(Clone, Default, Debug)]
    struct MediaTypeInfo {
        sides: u32,
        read_write: u32,
    }

    /// A physical medium.
    #[derive(Clone, Default, Debug)]
    struct PhysicalMediaInfo {
        library: OptId,
        location_kind: u32,
        location_element: OptId,
        home_slot: OptId,
        media_type: Id,
        pool: Id,
        barcode: OptString,
        barcode_state: u32,
        media_state: u32,
        sides: u32,
        mounted_side: OptId,
    }

    /// A side.
    #[derive(Clone, Default, Debug)]
    struct PartitionInfo {
        physical_media: Id,
        side: u32,
        partition_state: u32,
        has_omid: bool,
        omid_label_type: String,
        omid_label_id: String,
        omid_application: OptString,
        capacity: u64,
        mount_count: u64,
        allocation_count: u32,
        logical_media: OptId,
    }

    /// An allocated side.
    #[derive(Clone, Default, Debug)]
    struct LogicalMediaInfo {
        partition: Id,
        physical_media: Id,
        pool: Id,
    }

    /// A media pool.
    #[derive(Clone, Default, Debug)]
    struct MediaPoolInfo {
        kind: u32,
        media_type: OptId,
        parent: OptId,
        path: String,
        draw_from_free: bool,
        return_to_free: bool,
        max_allocations: u32,
    }

    /// A library request.
    #[derive(Clone, Default, Debug)]
    struct LibRequestInfo {
        operation: u32,
        request_state: u32,
        priority: i32,
        library: OptId,
        drive: OptId,
        media: OptId,
        submitted: i64,
        started: OptTime,
        completed: OptTime,
        application: String,
        user: String,
        error_code: OptU32,
        error_message: OptString,
        progress_done: u64,
        progress_total: u64,
    }

    /// An operator request.
    #[derive(Clone, Default, Debug)]
    struct OpRequestInfo {
        kind: u32,
        request_state: u32,
        message: String,
        arguments: Vec<Id>,
        submitted: i64,
        application: String,
        user: String,
    }

    /// An object: the common fields, and in `detail_type` the object type whose `*_info` field
    /// holds its per-type fields (0 when the binding does not know the detail).
    #[derive(Clone, Default, Debug)]
    struct Object {
        id: Id,
        object_type: u32,
        name: String,
        description: String,
        created: i64,
        modified: i64,
        enabled: bool,
        state: u32,
        detail_type: u32,
        computer: ComputerInfo,
        library: LibraryInfo,
        changer: ChangerInfo,
        device_type: DeviceTypeInfo,
        drive: DriveInfo,
        ie_door: IeDoorInfo,
        ie_port: IePortInfo,
        slot: SlotInfo,
        media_type: MediaTypeInfo,
        physical_media: PhysicalMediaInfo,
        partition: PartitionInfo,
        logical_media: LogicalMediaInfo,
        media_pool: MediaPoolInfo,
        lib_request: LibRequestInfo,
        op_request: OpRequestInfo,
    }

    /// The writable fields of an object; absent fields stay as they are.
    #[derive(Clone, Default, Debug)]
    struct ObjectChanges {
        name: OptString,
        description: OptString,
        inventory_method: OptU32,
        auto_recovery: OptBool,
        deferred_dismount_seconds: OptU32,
        max_open_seconds: OptU32,
        max_extend_seconds: OptU32,
        draw_from_free: OptBool,
        return_to_free: OptBool,
        max_allocations: OptU32,
        barcode: OptString,
        librequest_purge_seconds: OptU32,
        oprequest_purge_seconds: OptU32,
        priority: OptI32,
    }

    // ---- sessions ----

    /// How to open a session.
    #[derive(Clone, Default, Debug)]
    struct SessionOptions {
        server: OptString,
        application: OptString,
        home: OptString,
        notification_capacity: OptU64,
    }

    // ---- media ----

    /// A new media type.
    #[derive(Clone, Default, Debug)]
    struct MediaTypeSpec {
        name: String,
        sides: u32,
        read_write: u32,
        description: String,
    }

    /// Changes to a media type.
    #[derive(Clone, Default, Debug)]
    struct MediaTypeChanges {
        name: OptString,
        sides: OptU32,
        read_write: OptU32,
    }

    /// Options of a new media pool; `mode` is 0 create-new, 1 open-existing, 2 open-always.
    #[derive(Clone, Default, Debug)]
    struct PoolOptions {
        media_type: OptId,
        mode: u8,
        create_parents: bool,
        draw_from_free: bool,
        return_to_free: bool,
        max_allocations: u32,
        description: String,
    }

    /// A new physical medium.
    #[derive(Clone, Default, Debug)]
    struct MediaSpec {
        media_type: Id,
        pool: OptId,
        barcode: OptString,
        name: OptString,
        description: String,
    }

    /// How to choose a side to allocate; `timeout` applies when `has_timeout`.
    #[derive(Clone, Default, Debug)]
    struct AllocateOptions {
        new_media: bool,
        next_of: OptId,
        error_if_unavailable: bool,
        has_timeout: bool,
        timeout: Wait,
        preferred: OptId,
    }

    /// One physical medium as an inventory lists it, with the names it refers to resolved.
    #[derive(Clone, Default, Debug)]
    struct MediaOverview {
        id: Id,
        name: String,
        barcode: OptString,
        media_type: String,
        pool: String,
        library: OptString,
        location_kind: u32,
        element: OptU32,
        media_state: u32,
        enabled: bool,
        sides: u32,
        allocated_sides: u32,
    }

    // ---- notifications ----

    /// One notification.
    #[derive(Clone, Copy, Default, Debug)]
    struct Event {
        operation: u32,
        object_type: u32,
        object_id: Id,
        sequence: u64,
    }

    /// The outcome of a wait: an event, or (`present == false`) none in time.
    #[derive(Clone, Copy, Default, Debug)]
    struct MaybeEvent {
        present: bool,
        event: Event,
    }

    // ---- database export and import ----

    /// What an export file holds; `path` as the bytes of the path.
    #[derive(Clone, Default, Debug)]
    struct SnapshotInfo {
        path: Vec<u8>,
        format_version: u32,
        schema_version: u32,
        created: i64,
        payload_bytes: u64,
        sha256: String,
        objects: u64,
    }

    // ---- media labels ----

    /// What the start of a medium says: `kind` 0 blank, 1 claimed (with the on-media identifier),
    /// 2 unrecognized.
    #[derive(Clone, Default, Debug)]
    struct LabelVerdict {
        kind: u8,
        label_type: String,
        label_id: String,
        application: OptString,
    }

    // ---- library control ----

    /// Cartridges of one media type in a new virtual library.
    #[derive(Clone, Default, Debug)]
    struct MediaCount {
        media_type: String,
        count: u32,
    }

    /// How long the virtual robot takes, in milliseconds.
    #[derive(Clone, Copy, Default, Debug)]
    struct VirtualDelays {
        move_medium: u64,
        load: u64,
        unload: u64,
        scan: u64,
        door: u64,
    }

    /// The make-up of a new virtual library.
    #[derive(Clone, Default, Debug)]
    struct VirtualLibrarySpec {
        drives: u32,
        slots: u32,
        ieports: u32,
        media: Vec<MediaCount>,
        barcode_prefix: OptString,
        cleaner: OptU32,
        standalone: bool,
        delays: VirtualDelays,
        dir: OptString,
    }

    /// A cartridge an operator puts into a virtual library.
    #[derive(Clone, Default, Debug)]
    struct CartridgeSpec {
        barcode: OptString,
        media_type: OptString,
        label: Vec<u8>,
        cleaner_uses: OptU32,
    }

    /// A fault of a virtual library: `kind` (see `FaultKind`) with its drive or port `number`, or
    /// its `barcode`.
    #[derive(Clone, Default, Debug)]
    struct Fault {
        kind: u32,
        number: u32,
        barcode: String,
    }

    /// What one element of a virtual library holds: `element_type` is the SMC code.
    #[derive(Clone, Default, Debug)]
    struct ElementContent {
        barcode: OptString,
        element_type: u32,
        address: u16,
    }

    /// How to mount.
    #[derive(Clone, Default, Debug)]
    struct MountOptions {
        read: bool,
        write: bool,
        error_if_unavailable: bool,
        error_if_offline: bool,
        drives: Vec<Id>,
        nowait: bool,
        priority: i32,
        timeout: Wait,
    }

    /// A mounted medium.
    #[derive(Clone, Default, Debug)]
    struct MountedMedia {
        media: Id,
        physical_media: Id,
        side: Id,
        request: Id,
        drive: OptId,
        device_path: OptString,
    }

    /// How to dismount.
    #[derive(Clone, Copy, Default, Debug)]
    struct DismountOptions {
        deferred: bool,
        priority: i32,
        timeout: Wait,
    }

    /// How to inject.
    #[derive(Clone, Copy, Default, Debug)]
    struct InjectOptions {
        port: OptId,
        priority: i32,
        timeout: Wait,
    }

    /// How to eject; `mode` as `EjectMode`.
    #[derive(Clone, Copy, Default, Debug)]
    struct EjectOptions {
        mode: u32,
        force: bool,
        port: OptId,
        nowait: bool,
        priority: i32,
        timeout: Wait,
    }

    /// How to inventory; `method` as `InventoryMethod`.
    #[derive(Clone, Copy, Default, Debug)]
    struct InventoryOptions {
        method: u32,
        priority: i32,
        timeout: Wait,
    }

    /// What an inventory found.
    #[derive(Clone, Default, Debug)]
    struct InventorySummary {
        request: OptId,
        elements: u32,
        media: u32,
        added: Vec<Id>,
        removed: Vec<Id>,
        moved: Vec<Id>,
        identified: Vec<Id>,
        changed: u32,
    }

    /// A library's request counters; `changer_time` in milliseconds.
    #[derive(Clone, Copy, Default, Debug)]
    struct LibraryStatistics {
        requests: u64,
        pending: u64,
        changer_calls: u64,
        changer_time: u64,
    }

    /// A way the database and a library disagree.
    #[derive(Clone, Default, Debug)]
    struct Discrepancy {
        element: OptId,
        address: OptU32,
        media: OptId,
        message: String,
    }

    /// An on-media identifier.
    #[derive(Clone, Default, Debug)]
    struct Omid {
        label_type: String,
        label_id: String,
        application: OptString,
    }

    /// A SCSI library to add.
    #[derive(Clone, Default, Debug)]
    struct ScsiLibrarySpec {
        changer: String,
        drives: Vec<String>,
        inventory: bool,
    }

    /// The core's default options, for the tests that keep the C++ defaults equal to them.
    #[derive(Clone, Default, Debug)]
    struct LibraryOptionDefaults {
        mount: MountOptions,
        dismount: DismountOptions,
        inject: InjectOptions,
        eject: EjectOptions,
        inventory: InventoryOptions,
    }

    // ---- device detection ----

    /// What a device change detection watches; `kind` as `DetectionTargetKind`.
    #[derive(Clone, Default, Debug)]
    struct DetectionTargets {
        kind: u32,
        ids: Vec<Id>,
    }

    /// One device as the platform sees it; `kind` as `DeviceKind`, `media` as `MediaPresence`.
    #[derive(Clone, Default, Debug)]
    struct DeviceInfo {
        kind: u32,
        identity: String,
        vendor: String,
        model: String,
        serial: OptString,
        wwn: OptString,
        devnode: OptString,
        paths: Vec<String>,
        sysname: String,
        syspath: String,
        media: u32,
        media_size: u64,
    }

    /// A device as the database knows it.
    #[derive(Clone, Default, Debug)]
    struct DeviceRecord {
        library: Id,
        drive: OptId,
        changer: OptId,
        state: u32,
        media: OptId,
        info: DeviceInfo,
    }

    /// A device event, or (`present == false`) none in time; `kind` as `DeviceEventKind`. `info`
    /// for ADDED and CHANGED, `syspath`/`sysname` for REMOVED, `reason` for RESCAN.
    #[derive(Clone, Default, Debug)]
    struct MaybeDeviceEvent {
        present: bool,
        kind: u32,
        info: DeviceInfo,
        syspath: String,
        sysname: String,
        reason: String,
    }

    extern "Rust" {
        // ---- errors and enumerations ----

        /// Every RSM error kind the core reports: code and name.
        fn error_kinds() -> Result<Vec<EnumEntry>>;
        /// The values of the RSM enumeration named `enum_name` (e.g. `"ObjectType"`).
        fn enum_entries(enum_name: &str) -> Result<Vec<EnumEntry>>;
        /// Parse `text` as a value of the enumeration `enum_name` (the core's rules: any case, `-`
        /// or `_`, or the number).
        fn enum_parse(enum_name: &str, text: &str) -> Result<u32>;
        /// Fail with the error of this RSM code (tests of the error mapping).
        fn testing_fail(code: u32, message: &str) -> Result<()>;
        /// Panic with this message inside the bridge (tests of panic containment).
        fn testing_panic(message: &str) -> Result<()>;

        /// The core's version, schema version, home variable and size limits.
        fn core_facts() -> Result<CoreFacts>;
        /// The home used when a session names none.
        fn default_home() -> Result<String>;

        // ---- object ids ----

        /// Parse a GUID with the core's rules.
        fn object_id_parse(text: &str) -> Result<Id>;
        /// A new random id.
        fn object_id_new() -> Result<Id>;

        // ---- sessions ----

        type SessionHandle;
        fn session_open(options: &SessionOptions) -> Result<Box<SessionHandle>>;
        fn close(self: &SessionHandle) -> Result<()>;
        fn is_closed(self: &SessionHandle) -> Result<bool>;
        fn id(self: &SessionHandle) -> Result<Id>;
        fn application(self: &SessionHandle) -> Result<String>;
        fn home(self: &SessionHandle) -> Result<String>;
        fn last_sequence(self: &SessionHandle) -> Result<u64>;
        fn user(self: &SessionHandle) -> Result<String>;

        // ---- objects ----

        fn enumerate(self: &SessionHandle, container: &OptId, object_type: u32) -> Result<Vec<Object>>;
        fn object(self: &SessionHandle, id: &Id) -> Result<Object>;
        fn find_by_name(self: &SessionHandle, object_type: &OptU32, name: &str) -> Result<Vec<Object>>;
        fn resolve(self: &SessionHandle, object_type: &OptU32, id_or_name: &str) -> Result<Object>;
        fn set_object_info(self: &SessionHandle, id: &Id, changes: &ObjectChanges) -> Result<Object>;
        fn enable(self: &SessionHandle, id: &Id) -> Result<()>;
        fn disable(self: &SessionHandle, id: &Id) -> Result<()>;
        fn delete_object(self: &SessionHandle, id: &Id) -> Result<()>;

        // ---- attributes ----

        fn attribute(self: &SessionHandle, id: &Id, name: &str) -> Result<Vec<u8>>;
        fn attribute_names(self: &SessionHandle, id: &Id) -> Result<Vec<String>>;
        fn set_attribute(self: &SessionHandle, id: &Id, name: &str, value: &[u8]) -> Result<()>;
        fn delete_attribute(self: &SessionHandle, id: &Id, name: &str) -> Result<()>;

        // ---- media types ----

        fn add_media_type(self: &SessionHandle, spec: &MediaTypeSpec) -> Result<Object>;
        fn ensure_media_type(self: &SessionHandle, name: &str) -> Result<Object>;
        fn change_media_type(self: &SessionHandle, id: &Id, changes: &MediaTypeChanges) -> Result<Object>;
        fn delete_media_type(self: &SessionHandle, id: &Id) -> Result<()>;

        // ---- media pools ----

        fn create_media_pool(self: &SessionHandle, path: &str, options: &PoolOptions) -> Result<Object>;
        fn delete_media_pool(self: &SessionHandle, pool: &Id) -> Result<()>;
        fn media_pool_name(self: &SessionHandle, pool: &Id) -> Result<String>;
        fn media_pool_by_path(self: &SessionHandle, path: &str) -> Result<Object>;
        fn system_pool(self: &SessionHandle, kind: u32, media_type: &OptId) -> Result<Object>;
        fn move_to_pool(self: &SessionHandle, media: &Id, pool: &Id) -> Result<Object>;

        // ---- media and allocation ----

        fn create_media(self: &SessionHandle, spec: &MediaSpec) -> Result<Object>;
        fn delete_media(self: &SessionHandle, media: &Id) -> Result<()>;
        fn allocate_media(self: &SessionHandle, pool: &Id, options: &AllocateOptions) -> Result<Object>;
        fn deallocate_media(self: &SessionHandle, logical_media: &Id) -> Result<()>;
        fn decommission_media(self: &SessionHandle, side: &Id) -> Result<()>;
        fn set_media_complete(self: &SessionHandle, logical_media: &Id) -> Result<()>;
        fn swap_media(self: &SessionHandle, first: &Id, second: &Id) -> Result<()>;
        fn media_overview(self: &SessionHandle) -> Result<Vec<MediaOverview>>;

        // ---- database export and import ----

        fn export_database(self: &SessionHandle, path: &[u8]) -> Result<SnapshotInfo>;
        fn import_database(self: &SessionHandle, path: &[u8]) -> Result<SnapshotInfo>;

        // ---- media labels ----

        fn label_classify(bytes: &[u8]) -> Result<LabelVerdict>;
        fn label_max_size() -> Result<usize>;
        fn label_library_names() -> Result<Vec<String>>;
        fn label_sample(kind: &str, id: &str) -> Result<Vec<u8>>;
        fn label_sample_types() -> Result<Vec<String>>;

        // ---- notifications ----

        type NotificationHandle;
        fn open_notification(self: &SessionHandle, object_types: &[u32]) -> Result<Box<NotificationHandle>>;
        fn wait(self: &NotificationHandle, timeout: &Wait) -> Result<MaybeEvent>;
        fn try_next(self: &NotificationHandle) -> Result<MaybeEvent>;
        fn pending(self: &NotificationHandle) -> Result<usize>;
        fn close(self: &NotificationHandle) -> Result<()>;
        fn is_closed(self: &NotificationHandle) -> Result<bool>;
        fn object_types(self: &NotificationHandle) -> Result<Vec<u32>>;

        // ---- library control ----

        fn library_option_defaults() -> Result<LibraryOptionDefaults>;
        fn create_virtual_library(self: &SessionHandle, name: &str, spec: &VirtualLibrarySpec) -> Result<Object>;
        fn add_scsi_library(self: &SessionHandle, name: &str, spec: &ScsiLibrarySpec) -> Result<Object>;
        fn delete_library(self: &SessionHandle, library: &Id) -> Result<()>;
        fn delete_drive(self: &SessionHandle, drive: &Id) -> Result<()>;
        fn mount(self: &SessionHandle, media: &[Id], options: &MountOptions) -> Result<Vec<MountedMedia>>;
        fn dismount(self: &SessionHandle, media: &[Id], options: &DismountOptions) -> Result<()>;
        fn dismount_drive(self: &SessionHandle, drive: &Id) -> Result<()>;
        fn inject(self: &SessionHandle, library: &Id, options: &InjectOptions) -> Result<Vec<Id>>;
        fn start_inject(self: &SessionHandle, library: &Id, options: &InjectOptions) -> Result<Id>;
        fn stop_inject(self: &SessionHandle, request: &Id) -> Result<Vec<Id>>;
        fn eject(self: &SessionHandle, media: &[Id], options: &EjectOptions) -> Result<Vec<Id>>;
        fn stop_eject(self: &SessionHandle, request: &Id) -> Result<()>;
        fn access_door(self: &SessionHandle, library: &Id) -> Result<()>;
        fn inventory(self: &SessionHandle, library: &Id, options: &InventoryOptions) -> Result<InventorySummary>;
        fn start_inventory(self: &SessionHandle, library: &Id, options: &InventoryOptions) -> Result<Id>;
        fn identify_slot(self: &SessionHandle, slot: &Id) -> Result<OptId>;
        fn update_omid_info(self: &SessionHandle, side: &Id, omid: &Omid) -> Result<()>;
        fn reserve_cleaner_slot(self: &SessionHandle, library: &Id, slot: &Id) -> Result<()>;
        fn release_cleaner_slot(self: &SessionHandle, library: &Id) -> Result<()>;
        fn inject_cleaner(self: &SessionHandle, library: &Id, uses: u32, port: &OptId) -> Result<()>;
        fn eject_cleaner(self: &SessionHandle, library: &Id, port: &OptId) -> Result<()>;
        fn clean_drive(self: &SessionHandle, drive: &Id) -> Result<()>;
        fn wait_request(self: &SessionHandle, request: &Id, timeout: &Wait) -> Result<Object>;
        fn cancel_request(self: &SessionHandle, request: &Id) -> Result<()>;
        fn delete_request(self: &SessionHandle, request: &Id) -> Result<()>;
        fn library_requests(self: &SessionHandle, library: &OptId, unfinished_only: bool) -> Result<Vec<Object>>;
        fn request_queue(self: &SessionHandle, library: &Id) -> Result<Vec<Object>>;
        fn request_order(self: &SessionHandle, request: &Id) -> Result<u32>;
        fn set_request_order(self: &SessionHandle, request: &Id, position: u32) -> Result<()>;
        fn library_statistics(self: &SessionHandle, library: &Id) -> Result<LibraryStatistics>;
        fn verify_library(self: &SessionHandle, library: &Id) -> Result<Vec<Discrepancy>>;

        // ---- operator requests ----

        fn submit_operator_request(self: &SessionHandle, kind: u32, message: &str, arguments: &[Id]) -> Result<Object>;
        fn wait_operator_request(self: &SessionHandle, request: &Id, timeout: &Wait) -> Result<Object>;
        fn satisfy_operator_request(self: &SessionHandle, request: &Id) -> Result<()>;
        fn cancel_operator_request(self: &SessionHandle, request: &Id) -> Result<()>;
        fn operator_requests(self: &SessionHandle, open_only: bool) -> Result<Vec<Object>>;

        // ---- virtual libraries: what an operator does, and faults ----

        type VirtualLibraryHandle;
        fn virtual_library(self: &SessionHandle, library: &Id) -> Result<Box<VirtualLibraryHandle>>;
        fn dir(self: &VirtualLibraryHandle) -> Result<String>;
        fn set_delays(self: &VirtualLibraryHandle, delays: &VirtualDelays) -> Result<()>;
        fn set_fault(self: &VirtualLibraryHandle, fault: &Fault) -> Result<()>;
        fn clear_fault(self: &VirtualLibraryHandle, fault: &Fault) -> Result<()>;
        fn clear_faults(self: &VirtualLibraryHandle) -> Result<()>;
        fn faults(self: &VirtualLibraryHandle) -> Result<Vec<Fault>>;
        fn is_jammed(self: &VirtualLibraryHandle) -> Result<bool>;
        fn clear_jam(self: &VirtualLibraryHandle) -> Result<()>;
        fn open_door(self: &VirtualLibraryHandle) -> Result<()>;
        fn close_door(self: &VirtualLibraryHandle) -> Result<()>;
        fn operator_move(self: &VirtualLibraryHandle, source: u16, destination: u16) -> Result<()>;
        fn insert_into_port(self: &VirtualLibraryHandle, port: u32, cartridge: &CartridgeSpec) -> Result<()>;
        fn take_from_port(self: &VirtualLibraryHandle, port: u32) -> Result<OptString>;
        fn insert_into_drive(self: &VirtualLibraryHandle, drive: u32, cartridge: &CartridgeSpec) -> Result<()>;
        fn remove_from_drive(self: &VirtualLibraryHandle, drive: u32) -> Result<OptString>;
        fn write_medium(self: &VirtualLibraryHandle, barcode: &str, bytes: &[u8]) -> Result<()>;
        fn read_medium_bytes(self: &VirtualLibraryHandle, barcode: &str, len: usize) -> Result<Vec<u8>>;
        fn contents(self: &VirtualLibraryHandle) -> Result<Vec<ElementContent>>;
        fn cleaner_uses(self: &VirtualLibraryHandle, barcode: &str) -> Result<OptU32>;

        // ---- device change detection ----

        type DetectionHandle;
        fn begin_device_change_detection(self: &SessionHandle) -> Result<Box<DetectionHandle>>;
        fn set_targets(self: &DetectionHandle, targets: &DetectionTargets) -> Result<()>;
        fn targets(self: &DetectionHandle) -> Result<DetectionTargets>;
        fn set_interval(self: &DetectionHandle, millis: u64) -> Result<()>;
        fn end(self: &DetectionHandle) -> Result<()>;
        fn is_ended(self: &DetectionHandle) -> Result<bool>;
        fn detect_device_changes(self: &SessionHandle, targets: &DetectionTargets) -> Result<u32>;

        // ---- devices ----

        fn devices(self: &SessionHandle) -> Result<Vec<DeviceRecord>>;
        fn device_detection_status(self: &SessionHandle) -> Result<String>;
        fn rescan_devices(self: &SessionHandle) -> Result<usize>;
        fn eject_disk_from_sa_drive(self: &SessionHandle, drive: &Id) -> Result<()>;
        fn volumes_from_drive(self: &SessionHandle, drive: &Id) -> Result<Vec<String>>;
        type DeviceEventsHandle;
        fn device_events(self: &SessionHandle) -> Result<Box<DeviceEventsHandle>>;
        fn next(self: &DeviceEventsHandle, timeout: &Wait) -> Result<MaybeDeviceEvent>;
    }
}
