/// @file
/// @brief The RSM enumerations. Each `enum class` keeps the RSM numbers
/// (`static_cast<std::uint32_t>(ObjectType::PhysicalMedia) == 15`) and has an EnumTraits table,
/// so that `values<E>()`, `name()`, `from_value<E>()`, `parse<E>()` and `operator<<` work on it.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "openrsm/enum_traits.hpp"

namespace openrsm {

/// The type of an RSM object (`NTMS_OBJECTTYPE`).
enum class ObjectType : std::uint32_t {
  Unknown = 0,  ///< Unknown or any type.
  Object = 1,  ///< Any object (used as a wildcard).
  Changer = 2,  ///< A robot (media changer) of a library.
  ChangerType = 3,  ///< The make and model of a changer.
  Computer = 4,  ///< The computer running the service.
  Drive = 5,  ///< A drive.
  DriveType = 6,  ///< The make and model of a drive.
  IeDoor = 7,  ///< The door of a library.
  IePort = 8,  ///< An import/export port ("mail slot").
  Library = 9,  ///< A library.
  LibRequest = 10,  ///< Queued work on a library.
  LogicalMedia = 11,  ///< An allocated side as the application sees it.
  MediaPool = 12,  ///< A media pool.
  MediaType = 13,  ///< A media type.
  Partition = 14,  ///< A side of a physical medium.
  PhysicalMedia = 15,  ///< A cartridge, disc or disk.
  StorageSlot = 16,  ///< A storage slot.
  OpRequest = 17,  ///< A request to an operator.
  UiDestination = 18,  ///< Where operator requests are shown.
};

/// The values of ObjectType, with their RSM names.
template <>
struct EnumTraits<ObjectType> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "ObjectType";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<ObjectType>, 19> entries{{
      {ObjectType::Unknown, "UNKNOWN"},
      {ObjectType::Object, "OBJECT"},
      {ObjectType::Changer, "CHANGER"},
      {ObjectType::ChangerType, "CHANGER_TYPE"},
      {ObjectType::Computer, "COMPUTER"},
      {ObjectType::Drive, "DRIVE"},
      {ObjectType::DriveType, "DRIVE_TYPE"},
      {ObjectType::IeDoor, "IEDOOR"},
      {ObjectType::IePort, "IEPORT"},
      {ObjectType::Library, "LIBRARY"},
      {ObjectType::LibRequest, "LIBREQUEST"},
      {ObjectType::LogicalMedia, "LOGICAL_MEDIA"},
      {ObjectType::MediaPool, "MEDIA_POOL"},
      {ObjectType::MediaType, "MEDIA_TYPE"},
      {ObjectType::Partition, "PARTITION"},
      {ObjectType::PhysicalMedia, "PHYSICAL_MEDIA"},
      {ObjectType::StorageSlot, "STORAGESLOT"},
      {ObjectType::OpRequest, "OPREQUEST"},
      {ObjectType::UiDestination, "UI_DESTINATION"},
  }};
};

/// The operational state every object has.
enum class OperationalState : std::uint32_t {
  Ready = 0,  ///< Working.
  Initializing = 10,  ///< Starting up.
  NeedsService = 20,  ///< Needs an operator's attention.
  NotPresent = 21,  ///< Not present (unplugged, removed); kept for its history.
};

/// The values of OperationalState, with their RSM names.
template <>
struct EnumTraits<OperationalState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "OperationalState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<OperationalState>, 4> entries{{
      {OperationalState::Ready, "READY"},
      {OperationalState::Initializing, "INITIALIZING"},
      {OperationalState::NeedsService, "NEEDS_SERVICE"},
      {OperationalState::NotPresent, "NOT_PRESENT"},
  }};
};

/// The kind of a library.
enum class LibraryType : std::uint32_t {
  Offline = 1,  ///< Shelf media: no robot, no drive.
  Online = 2,  ///< A robotic changer.
  Standalone = 3,  ///< One drive, no robot.
};

/// The values of LibraryType, with their RSM names.
template <>
struct EnumTraits<LibraryType> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "LibraryType";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<LibraryType>, 3> entries{{
      {LibraryType::Offline, "OFFLINE"},
      {LibraryType::Online, "ONLINE"},
      {LibraryType::Standalone, "STANDALONE"},
  }};
};

/// How a library is inventoried.
enum class InventoryMethod : std::uint32_t {
  None = 0,  ///< No inventory.
  Fast = 1,  ///< Barcodes only.
  Omid = 2,  ///< Load each medium and read its on-media identifier.
  Default = 3,  ///< The library's default.
  Slot = 4,  ///< Slot status only.
  Stop = 5,  ///< Stop a running inventory.
};

/// The values of InventoryMethod, with their RSM names.
template <>
struct EnumTraits<InventoryMethod> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "InventoryMethod";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<InventoryMethod>, 6> entries{{
      {InventoryMethod::None, "NONE"},
      {InventoryMethod::Fast, "FAST"},
      {InventoryMethod::Omid, "OMID"},
      {InventoryMethod::Default, "DEFAULT"},
      {InventoryMethod::Slot, "SLOT"},
      {InventoryMethod::Stop, "STOP"},
  }};
};

/// The state of a drive.
enum class DriveState : std::uint32_t {
  Dismounted = 0,  ///< Empty.
  Mounted = 1,  ///< A medium is loaded and mounted for an application.
  Loaded = 2,  ///< A medium is loaded.
  Unloaded = 5,  ///< A medium is unloaded but still in the drive.
  BeingCleaned = 6,  ///< A cleaner is in the drive.
  Dismountable = 7,  ///< A medium stays after a deferred dismount and can satisfy the next mount.
};

/// The values of DriveState, with their RSM names.
template <>
struct EnumTraits<DriveState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "DriveState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<DriveState>, 6> entries{{
      {DriveState::Dismounted, "DISMOUNTED"},
      {DriveState::Mounted, "MOUNTED"},
      {DriveState::Loaded, "LOADED"},
      {DriveState::Unloaded, "UNLOADED"},
      {DriveState::BeingCleaned, "BEING_CLEANED"},
      {DriveState::Dismountable, "DISMOUNTABLE"},
  }};
};

/// The state of a storage slot.
enum class SlotState : std::uint32_t {
  Full = 1,  ///< Holds a medium.
  Empty = 2,  ///< Holds nothing.
  NotPresent = 3,  ///< Not present in the library.
  NeedsInventory = 4,  ///< Unknown until the next inventory.
};

/// The values of SlotState, with their RSM names.
template <>
struct EnumTraits<SlotState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "SlotState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<SlotState>, 4> entries{{
      {SlotState::Full, "FULL"},
      {SlotState::Empty, "EMPTY"},
      {SlotState::NotPresent, "NOTPRESENT"},
      {SlotState::NeedsInventory, "NEEDSINVENTORY"},
  }};
};

/// The state of a library door.
enum class DoorState : std::uint32_t {
  Unknown = 0,  ///< Unknown.
  Closed = 1,  ///< Closed.
  Open = 2,  ///< Open.
};

/// The values of DoorState, with their RSM names.
template <>
struct EnumTraits<DoorState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "DoorState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<DoorState>, 3> entries{{
      {DoorState::Unknown, "UNKNOWN"},
      {DoorState::Closed, "CLOSED"},
      {DoorState::Open, "OPEN"},
  }};
};

/// What an IE port holds.
enum class PortContent : std::uint32_t {
  Unknown = 0,  ///< Unknown.
  Full = 1,  ///< Holds a medium.
  Empty = 2,  ///< Holds nothing.
};

/// The values of PortContent, with their RSM names.
template <>
struct EnumTraits<PortContent> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "PortContent";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<PortContent>, 3> entries{{
      {PortContent::Unknown, "UNKNOWN"},
      {PortContent::Full, "FULL"},
      {PortContent::Empty, "EMPTY"},
  }};
};

/// Where an IE port's tray is.
enum class PortPosition : std::uint32_t {
  Unknown = 0,  ///< Unknown.
  Extended = 1,  ///< Out, reachable by an operator.
  Retracted = 2,  ///< In, reachable by the robot.
};

/// The values of PortPosition, with their RSM names.
template <>
struct EnumTraits<PortPosition> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "PortPosition";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<PortPosition>, 3> entries{{
      {PortPosition::Unknown, "UNKNOWN"},
      {PortPosition::Extended, "EXTENDED"},
      {PortPosition::Retracted, "RETRACTED"},
  }};
};

/// Whether media of a type can be written.
enum class ReadWrite : std::uint32_t {
  Rewritable = 1,  ///< Can be written many times.
  Worm = 2,  ///< Write once, read many.
  ReadOnly = 3,  ///< Read only.
};

/// The values of ReadWrite, with their RSM names.
template <>
struct EnumTraits<ReadWrite> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "ReadWrite";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<ReadWrite>, 3> entries{{
      {ReadWrite::Rewritable, "REWRITABLE"},
      {ReadWrite::Worm, "WORM"},
      {ReadWrite::ReadOnly, "READONLY"},
  }};
};

/// Whether a barcode could be read.
enum class BarcodeState : std::uint32_t {
  Ok = 1,  ///< Read.
  Unreadable = 2,  ///< Could not be read.
};

/// The values of BarcodeState, with their RSM names.
template <>
struct EnumTraits<BarcodeState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "BarcodeState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<BarcodeState>, 2> entries{{
      {BarcodeState::Ok, "OK"},
      {BarcodeState::Unreadable, "UNREADABLE"},
  }};
};

/// The state of a physical medium.
enum class MediaState : std::uint32_t {
  Idle = 0,  ///< At rest.
  InUse = 1,  ///< Being moved or worked on.
  Mounted = 2,  ///< Mounted in a drive for an application.
  Loaded = 3,  ///< Loaded in a drive.
  Unloaded = 4,  ///< Unloaded in a drive.
  OpError = 5,  ///< An operation on it failed.
  OpReq = 6,  ///< Waiting for an operator.
};

/// The values of MediaState, with their RSM names.
template <>
struct EnumTraits<MediaState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "MediaState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<MediaState>, 7> entries{{
      {MediaState::Idle, "IDLE"},
      {MediaState::InUse, "INUSE"},
      {MediaState::Mounted, "MOUNTED"},
      {MediaState::Loaded, "LOADED"},
      {MediaState::Unloaded, "UNLOADED"},
      {MediaState::OpError, "OPERROR"},
      {MediaState::OpReq, "OPREQ"},
  }};
};

/// The state of a side (partition).
enum class PartitionState : std::uint32_t {
  New = 0,  ///< Never seen written.
  Unprepared = 1,  ///< Not prepared for use.
  Incompatible = 2,  ///< Not usable in this system.
  Decommissioned = 3,  ///< Retired.
  Available = 4,  ///< Free to allocate.
  Allocated = 5,  ///< Allocated to an application.
  Complete = 6,  ///< Allocated and full: no more writes.
  Foreign = 7,  ///< Written by a program no label library claims.
  Import = 8,  ///< Written by a known program, not yet taken into a pool.
  Reserved = 9,  ///< Reserved for an allocation in progress.
};

/// The values of PartitionState, with their RSM names.
template <>
struct EnumTraits<PartitionState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "PartitionState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<PartitionState>, 10> entries{{
      {PartitionState::New, "NEW"},
      {PartitionState::Unprepared, "UNPREPARED"},
      {PartitionState::Incompatible, "INCOMPATIBLE"},
      {PartitionState::Decommissioned, "DECOMMISSIONED"},
      {PartitionState::Available, "AVAILABLE"},
      {PartitionState::Allocated, "ALLOCATED"},
      {PartitionState::Complete, "COMPLETE"},
      {PartitionState::Foreign, "FOREIGN"},
      {PartitionState::Import, "IMPORT"},
      {PartitionState::Reserved, "RESERVED"},
  }};
};

/// The kind of a media pool (`NTMS_POOLTYPE`).
enum class PoolKind : std::uint32_t {
  Free = 1,  ///< Scratch media, free to allocate.
  Unrecognized = 2,  ///< Media no label library claims.
  Import = 3,  ///< Media claimed by a label library but not taken into an application pool.
  Application = 1000,  ///< An application's pool.
};

/// The values of PoolKind, with their RSM names.
template <>
struct EnumTraits<PoolKind> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "PoolKind";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<PoolKind>, 4> entries{{
      {PoolKind::Free, "FREE"},
      {PoolKind::Unrecognized, "UNRECOGNIZED"},
      {PoolKind::Import, "IMPORT"},
      {PoolKind::Application, "APPLICATION"},
  }};
};

/// The operation of a library request (`NTMS_LM_*`).
enum class LibRequestOperation : std::uint32_t {
  Remove = 0,  ///< Remove a medium.
  DisableLibrary = 1,  ///< Disable a library or changer.
  EnableLibrary = 2,  ///< Enable a library or changer.
  DisableDrive = 3,  ///< Disable a drive.
  EnableDrive = 4,  ///< Enable a drive.
  DisableMedia = 5,  ///< Disable a medium.
  EnableMedia = 6,  ///< Enable a medium.
  UpdateOmid = 7,  ///< Update an on-media identifier.
  Inventory = 8,  ///< Inventory a library.
  DoorAccess = 9,  ///< Open the library door.
  Eject = 10,  ///< Eject media through an IE port.
  EjectCleaner = 11,  ///< Eject a cleaner.
  Inject = 12,  ///< Inject media through an IE port.
  InjectCleaner = 13,  ///< Inject a cleaner.
  ProcessOmid = 14,  ///< Read and classify an on-media identifier.
  CleanDrive = 15,  ///< Clean a drive.
  Dismount = 16,  ///< Dismount media.
  Mount = 17,  ///< Mount media.
  WriteScratch = 18,  ///< Write a scratch label.
  Classify = 19,  ///< Classify media.
  ReserveCleaner = 20,  ///< Reserve the cleaner slot.
  ReleaseCleaner = 21,  ///< Release the cleaner slot.
};

/// The values of LibRequestOperation, with their RSM names.
template <>
struct EnumTraits<LibRequestOperation> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "LibRequestOperation";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<LibRequestOperation>, 22> entries{{
      {LibRequestOperation::Remove, "REMOVE"},
      {LibRequestOperation::DisableLibrary, "DISABLELIBRARY"},
      {LibRequestOperation::EnableLibrary, "ENABLELIBRARY"},
      {LibRequestOperation::DisableDrive, "DISABLEDRIVE"},
      {LibRequestOperation::EnableDrive, "ENABLEDRIVE"},
      {LibRequestOperation::DisableMedia, "DISABLEMEDIA"},
      {LibRequestOperation::EnableMedia, "ENABLEMEDIA"},
      {LibRequestOperation::UpdateOmid, "UPDATEOMID"},
      {LibRequestOperation::Inventory, "INVENTORY"},
      {LibRequestOperation::DoorAccess, "DOORACCESS"},
      {LibRequestOperation::Eject, "EJECT"},
      {LibRequestOperation::EjectCleaner, "EJECTCLEANER"},
      {LibRequestOperation::Inject, "INJECT"},
      {LibRequestOperation::InjectCleaner, "INJECTCLEANER"},
      {LibRequestOperation::ProcessOmid, "PROCESSOMID"},
      {LibRequestOperation::CleanDrive, "CLEANDRIVE"},
      {LibRequestOperation::Dismount, "DISMOUNT"},
      {LibRequestOperation::Mount, "MOUNT"},
      {LibRequestOperation::WriteScratch, "WRITESCRATCH"},
      {LibRequestOperation::Classify, "CLASSIFY"},
      {LibRequestOperation::ReserveCleaner, "RESERVECLEANER"},
      {LibRequestOperation::ReleaseCleaner, "RELEASECLEANER"},
  }};
};

/// The state of a library request.
enum class LibRequestState : std::uint32_t {
  Queued = 0,  ///< Waiting in the queue.
  InProcess = 1,  ///< Being carried out.
  Passed = 2,  ///< Done.
  Failed = 3,  ///< Failed; the request's error says why.
  Invalid = 4,  ///< Not valid.
  Waiting = 5,  ///< Waiting for a resource or an operator.
  Deferred = 6,  ///< Deferred.
  Cancelled = 7,  ///< Cancelled before it finished.
  Stopped = 8,  ///< Stopped.
};

/// The values of LibRequestState, with their RSM names.
template <>
struct EnumTraits<LibRequestState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "LibRequestState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<LibRequestState>, 9> entries{{
      {LibRequestState::Queued, "QUEUED"},
      {LibRequestState::InProcess, "INPROCESS"},
      {LibRequestState::Passed, "PASSED"},
      {LibRequestState::Failed, "FAILED"},
      {LibRequestState::Invalid, "INVALID"},
      {LibRequestState::Waiting, "WAITING"},
      {LibRequestState::Deferred, "DEFERRED"},
      {LibRequestState::Cancelled, "CANCELLED"},
      {LibRequestState::Stopped, "STOPPED"},
  }};
};

/// What an operator request asks for.
enum class OpRequestKind : std::uint32_t {
  Unknown = 0,  ///< Unknown.
  NewMedia = 1,  ///< Add new media.
  Cleaner = 2,  ///< Replace or insert a cleaner.
  DeviceService = 3,  ///< A device needs service.
  MoveMedia = 4,  ///< Move (e.g. bring an offline medium into a library).
  Message = 5,  ///< A free-text message.
};

/// The values of OpRequestKind, with their RSM names.
template <>
struct EnumTraits<OpRequestKind> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "OpRequestKind";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<OpRequestKind>, 6> entries{{
      {OpRequestKind::Unknown, "UNKNOWN"},
      {OpRequestKind::NewMedia, "NEWMEDIA"},
      {OpRequestKind::Cleaner, "CLEANER"},
      {OpRequestKind::DeviceService, "DEVICESERVICE"},
      {OpRequestKind::MoveMedia, "MOVEMEDIA"},
      {OpRequestKind::Message, "MESSAGE"},
  }};
};

/// The state of an operator request.
enum class OpRequestState : std::uint32_t {
  Unknown = 0,  ///< Unknown.
  Submitted = 1,  ///< Submitted, not yet shown.
  Active = 2,  ///< Shown to operators.
  InProgress = 3,  ///< An operator is working on it.
  Refused = 4,  ///< Refused or cancelled.
  Complete = 5,  ///< Satisfied.
};

/// The values of OpRequestState, with their RSM names.
template <>
struct EnumTraits<OpRequestState> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "OpRequestState";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<OpRequestState>, 6> entries{{
      {OpRequestState::Unknown, "UNKNOWN"},
      {OpRequestState::Submitted, "SUBMITTED"},
      {OpRequestState::Active, "ACTIVE"},
      {OpRequestState::InProgress, "INPROGRESS"},
      {OpRequestState::Refused, "REFUSED"},
      {OpRequestState::Complete, "COMPLETE"},
  }};
};

/// What happened to an object, in a notification.
enum class Operation : std::uint32_t {
  Update = 1,  ///< The object changed.
  Insert = 2,  ///< The object was created.
  Delete = 3,  ///< The object was deleted.
  EventSignal = 4,  ///< A request made progress.
  EventComplete = 5,  ///< A request finished.
};

/// The values of Operation, with their RSM names.
template <>
struct EnumTraits<Operation> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "Operation";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<Operation>, 5> entries{{
      {Operation::Update, "UPDATE"},
      {Operation::Insert, "INSERT"},
      {Operation::Delete, "DELETE"},
      {Operation::EventSignal, "EVENT_SIGNAL"},
      {Operation::EventComplete, "EVENT_COMPLETE"},
  }};
};

/// Where a physical medium is.
enum class LocationKind : std::uint32_t {
  Offline = 0,  ///< Not in any library: on a shelf.
  Slot = 1,  ///< In a storage slot.
  Drive = 2,  ///< In a drive.
  IePort = 3,  ///< In an IE port.
  Transport = 4,  ///< In the robot's hand.
};

/// The values of LocationKind, with their RSM names.
template <>
struct EnumTraits<LocationKind> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "LocationKind";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<LocationKind>, 5> entries{{
      {LocationKind::Offline, "OFFLINE"},
      {LocationKind::Slot, "SLOT"},
      {LocationKind::Drive, "DRIVE"},
      {LocationKind::IePort, "IEPORT"},
      {LocationKind::Transport, "TRANSPORT"},
  }};
};

}  // namespace openrsm
