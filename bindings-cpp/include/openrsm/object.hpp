/// @file
/// @brief RSM objects: the fields every object has (Object) and the fields of each type
/// (LibraryInfo, PhysicalMediaInfo, MediaPoolInfo, ...), and the writable fields (ObjectChanges).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "openrsm/enums.hpp"
#include "openrsm/object_id.hpp"

namespace openrsm {

/// A point in time (UTC), with the millisecond precision the database keeps.
using Timestamp = std::chrono::system_clock::time_point;

/// Longest object name, in characters.
inline constexpr std::size_t max_name_length = 64;
/// Longest object description, in characters.
inline constexpr std::size_t max_description_length = 127;
/// Longest barcode, in characters.
inline constexpr std::size_t max_barcode_length = 64;
/// Largest named attribute value, in bytes.
inline constexpr std::size_t max_attribute_size = 64 * 1024;

/// The computer running the service.
struct ComputerInfo {
  std::uint32_t librequest_purge_seconds = 0;  ///< Finished library requests older than this are purged.
  std::uint32_t oprequest_purge_seconds = 0;   ///< Finished operator requests older than this are purged.
};

/// A library.
struct LibraryInfo {
  LibraryType library_type = LibraryType::Offline;  ///< Offline (shelf), online (robotic) or standalone.
  std::optional<ObjectId> cleaner_slot;             ///< The slot reserved for a cleaner cartridge.
  std::optional<std::uint32_t> cleaner_uses_left;   ///< Uses left on the installed cleaner, if one is.
  bool barcode_reader = false;                      ///< Whether the changer reads barcodes.
  InventoryMethod inventory_method = InventoryMethod::None;  ///< How inventories are done by default.
  bool auto_recovery = false;                       ///< Whether failed drives are recovered automatically.
  std::optional<std::string> driver;                ///< The driver of the changer (`virtual:/path`, ...).
};

/// A changer (robot).
struct ChangerInfo {
  ObjectId library;                         ///< Its library.
  std::optional<ObjectId> changer_type;     ///< Its make and model.
  std::optional<std::string> device_path;   ///< Its device path.
  std::optional<std::string> serial;        ///< Its serial number.
};

/// The make and model of a changer or drive.
struct DeviceTypeInfo {
  std::string vendor;            ///< Vendor (SCSI INQUIRY vendor).
  std::string product;           ///< Product (SCSI INQUIRY product).
  std::uint32_t device_type = 0; ///< SCSI peripheral device type (1 tape, 5 optical, 8 changer, ...).
};

/// The make and model of a changer (ObjectType::ChangerType).
struct ChangerTypeInfo : DeviceTypeInfo {};
/// The make and model of a drive (ObjectType::DriveType).
struct DriveTypeInfo : DeviceTypeInfo {};

/// A drive.
struct DriveInfo {
  ObjectId library;                           ///< Its library.
  std::uint32_t number = 0;                   ///< Its number in the library, from 0.
  DriveState drive_state = DriveState::Dismounted;  ///< What it holds and how.
  std::optional<ObjectId> drive_type;         ///< Its make and model.
  std::optional<std::string> device_path;     ///< Its device path, e.g. `/dev/nst0`.
  std::optional<std::string> serial;          ///< Its serial number.
  std::uint64_t mount_count = 0;              ///< How many times media were mounted in it.
  std::optional<Timestamp> last_cleaned;      ///< When it was last cleaned.
  std::uint32_t deferred_dismount_seconds = 0;  ///< How long a deferred dismount leaves media in it.
  std::optional<ObjectId> media;              ///< The physical medium in it.
  std::optional<std::uint32_t> element_address;  ///< Its element address in the changer, if it has one.
};

/// A storage slot.
struct SlotInfo {
  ObjectId library;                       ///< Its library.
  std::uint32_t number = 0;               ///< Its number in the library, from 0.
  SlotState slot_state = SlotState::Empty;  ///< Full, empty, ...
  std::optional<ObjectId> media;          ///< The physical medium in it.
  std::optional<std::uint32_t> element_address;  ///< Its element address in the changer, if it has one.
};

/// A library door.
struct IeDoorInfo {
  ObjectId library;                          ///< Its library.
  DoorState door_state = DoorState::Unknown; ///< Open or closed.
  std::uint32_t max_open_seconds = 0;        ///< How long it may stay open.
};

/// An import/export port.
struct IePortInfo {
  ObjectId library;                               ///< Its library.
  std::uint32_t number = 0;                       ///< Its number in the library, from 0.
  PortContent content = PortContent::Unknown;     ///< Full or empty.
  PortPosition position = PortPosition::Unknown;  ///< Extended or retracted.
  std::uint32_t max_extend_seconds = 0;           ///< How long it may stay extended.
  std::optional<ObjectId> media;                  ///< The physical medium in it.
  std::optional<std::uint32_t> element_address;  ///< Its element address in the changer, if it has one.
};

/// A media type.
struct MediaTypeInfo {
  std::uint32_t sides = 1;                        ///< Sides per medium.
  ReadWrite read_write = ReadWrite::Rewritable;   ///< Rewritable, WORM or read-only.
};

/// Where a physical medium is.
struct Location {
  LocationKind kind = LocationKind::Offline;  ///< Offline, slot, drive, IE port or transport.
  std::optional<ObjectId> element;            ///< The slot, drive or IE port.
};

/// A cartridge, disc or disk.
struct PhysicalMediaInfo {
  std::optional<ObjectId> library;               ///< Its library; none when offline.
  Location location;                             ///< Where it is.
  std::optional<ObjectId> home_slot;             ///< The slot it returns to.
  ObjectId media_type;                           ///< Its media type.
  ObjectId pool;                                 ///< The pool it belongs to.
  std::optional<std::string> barcode;            ///< Its barcode.
  BarcodeState barcode_state = BarcodeState::Ok; ///< Whether the barcode was readable.
  MediaState media_state = MediaState::Idle;     ///< Idle, mounted, ...
  std::uint32_t sides = 1;                       ///< How many sides it has.
  std::optional<ObjectId> mounted_side;          ///< The side mounted now.
};

/// An on-media identifier: what a label library read from a side, or what an application wrote.
struct Omid {
  std::string label_type;                 ///< The label type (e.g. `"VOL1"`, `"LTFS"`).
  std::string label_id;                   ///< The label id (volume serial, volume id, ...).
  std::optional<std::string> application; ///< The application that wrote it.
};

/// A side of a physical medium.
struct PartitionInfo {
  ObjectId physical_media;                              ///< Its physical medium.
  std::uint32_t side = 0;                               ///< Its side number, from 0.
  PartitionState partition_state = PartitionState::New; ///< New, available, allocated, ...
  std::optional<Omid> omid;                             ///< What is written on it, if known.
  std::uint64_t capacity = 0;                           ///< Capacity in bytes, 0 when unknown.
  std::uint64_t mount_count = 0;                        ///< How many times it was mounted.
  std::uint32_t allocation_count = 0;                   ///< How many times it was allocated.
  std::optional<ObjectId> logical_media;                ///< Its logical media while allocated.
};

/// An allocated side as the application sees it.
struct LogicalMediaInfo {
  ObjectId partition;       ///< The side it stands for.
  ObjectId physical_media;  ///< The physical medium of that side.
  ObjectId pool;            ///< The application pool it was allocated from.
};

/// A media pool.
struct MediaPoolInfo {
  PoolKind kind = PoolKind::Application;  ///< Free, Import, Unrecognized (system pools) or Application.
  std::optional<ObjectId> media_type;     ///< The media type of its media, if it has chosen one.
  std::optional<ObjectId> parent;         ///< Its parent pool; none at the top.
  std::string path;                       ///< Its full path, e.g. `Backup/Weekly` or `Free/LTO-6`.
  bool draw_from_free = true;             ///< When empty, draw media from the Free pool of its type.
  bool return_to_free = true;             ///< Deallocated media go back to the Free pool.
  std::uint32_t max_allocations = 0;      ///< Allocations per side before decommission; 0 = no limit.
};

/// A library request: queued work on a library.
struct LibRequestInfo {
  LibRequestOperation operation = LibRequestOperation::Mount;  ///< What it does.
  LibRequestState request_state = LibRequestState::Queued;     ///< Where it is.
  std::int32_t priority = 0;                   ///< −15..+15, higher first.
  std::optional<ObjectId> library;             ///< The library it works on.
  std::optional<ObjectId> drive;               ///< The drive it works on.
  std::optional<ObjectId> media;               ///< The physical medium it works on.
  Timestamp submitted;                         ///< When it was submitted.
  std::optional<Timestamp> started;            ///< When it started.
  std::optional<Timestamp> completed;          ///< When it finished.
  std::string application;                     ///< The application that asked.
  std::string user;                            ///< The user that asked.
  std::optional<std::uint32_t> error_code;     ///< Why it failed: the RSM error code.
  std::optional<std::string> error_message;    ///< Why it failed, for people.
  std::uint64_t progress_done = 0;             ///< Work done so far (e.g. elements inventoried)...
  std::uint64_t progress_total = 0;            ///< ... out of this much (0 while unknown).
};

/// A request to an operator.
struct OpRequestInfo {
  OpRequestKind kind = OpRequestKind::Unknown;                ///< What it asks for.
  OpRequestState request_state = OpRequestState::Unknown;     ///< Where it is.
  std::string message;                                        ///< The message for the operator.
  std::vector<ObjectId> arguments;                            ///< The objects it is about.
  Timestamp submitted;                                        ///< When it was submitted.
  std::string application;                                    ///< The application that asked.
  std::string user;                                           ///< The user that asked.
};

/// The fields of an object's type; `std::monostate` for a type whose fields this version of the
/// binding does not know.
using Detail = std::variant<std::monostate, ComputerInfo, LibraryInfo, ChangerInfo, ChangerTypeInfo, DriveInfo,
                            DriveTypeInfo, IeDoorInfo, IePortInfo, SlotInfo, MediaTypeInfo, PhysicalMediaInfo,
                            PartitionInfo, LogicalMediaInfo, MediaPoolInfo, LibRequestInfo, OpRequestInfo>;

/// An RSM object as read from the database: a snapshot, not a live view.
///
/// @code
/// for (const auto& pool : session.enumerate(openrsm::ObjectType::MediaPool)) {
///   if (auto info = pool.get_if<openrsm::MediaPoolInfo>()) {
///     std::cout << info->path << " (" << info->kind << ")\n";
///   }
/// }
/// @endcode
struct Object {
  ObjectId id;                                        ///< Its GUID.
  ObjectType type = ObjectType::Unknown;              ///< Its type.
  std::string name;                                   ///< Its name (at most max_name_length characters).
  std::string description;                            ///< Its description.
  Timestamp created;                                  ///< When it was created.
  Timestamp modified;                                 ///< When it last changed.
  bool enabled = true;                                ///< Whether it is enabled.
  OperationalState state = OperationalState::Ready;   ///< Its operational state.
  Detail detail;                                      ///< The fields of its type.

  /// The fields of its type if they are a `T`, else null.
  template <class T>
  const T* get_if() const noexcept {
    return std::get_if<T>(&detail);
  }
  /// The fields of its type. @throws std::bad_variant_access when they are not a `T`.
  template <class T>
  const T& as() const {
    return std::get<T>(detail);
  }
};

/// The writable fields of an object, for Session::set_object_info. Fields left empty stay as they
/// are; a field that does not apply to the object's type is refused with InvalidParameterError.
struct ObjectChanges {
  std::optional<std::string> name;                             ///< New name (any type).
  std::optional<std::string> description;                      ///< New description (any type).
  std::optional<InventoryMethod> inventory_method;             ///< Library: inventory method.
  std::optional<bool> auto_recovery;                           ///< Library: automatic drive recovery.
  std::optional<std::uint32_t> deferred_dismount_seconds;      ///< Drive: deferred dismount delay.
  std::optional<std::uint32_t> max_open_seconds;               ///< IE door: max open time.
  std::optional<std::uint32_t> max_extend_seconds;             ///< IE port: max extend time.
  std::optional<bool> draw_from_free;                          ///< Media pool: draw from Free when empty.
  std::optional<bool> return_to_free;                          ///< Media pool: return deallocated media to Free.
  std::optional<std::uint32_t> max_allocations;                ///< Media pool: allocations per side (0 = no limit).
  std::optional<std::string> barcode;                          ///< Physical media: barcode.
  std::optional<std::uint32_t> librequest_purge_seconds;       ///< Computer: library request purge time.
  std::optional<std::uint32_t> oprequest_purge_seconds;        ///< Computer: operator request purge time.
  std::optional<std::int32_t> priority;                        ///< Library request: priority −15..+15.
};

}  // namespace openrsm
