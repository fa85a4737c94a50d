/// @file
/// @brief Library control: options and results of mount, dismount, inject, eject and inventory;
/// virtual libraries (VirtualLibrarySpec, and VirtualLibrary for what an operator does and for
/// faults); SCSI libraries; library statistics and discrepancies.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "openrsm/enum_traits.hpp"
#include "openrsm/enums.hpp"
#include "openrsm/media.hpp"
#include "openrsm/object.hpp"
#include "openrsm/object_id.hpp"

namespace openrsm {

/// What to do when the IE ports cannot take every medium to eject.
enum class EjectMode : std::uint32_t {
  Immediate = 0,  ///< Eject now, or refuse with IeportFullError ejecting nothing (`NTMS_EJECT_IMMEDIATE`).
  Queue = 1,      ///< Eject what fits; the rest wait until an operator empties a port (`NTMS_EJECT_QUEUE`).
};

/// The values of EjectMode.
template <>
struct EnumTraits<EjectMode> {
  /// The type's name in the binding.
  static constexpr std::string_view type_name = "EjectMode";
  /// Every value with its name.
  static constexpr std::array<EnumEntry<EjectMode>, 2> entries{{
      {EjectMode::Immediate, "IMMEDIATE"},
      {EjectMode::Queue, "QUEUE"},
  }};
};

/// A fault a virtual library can be told to have (see Fault).
enum class FaultKind : std::uint32_t {
  MoveJam = 0,            ///< The next move jams until VirtualLibrary::clear_jam().
  DriveLoadFailure = 1,   ///< Drive Fault::number fails to load media.
  DoorLeftOpen = 2,       ///< The door stays open: the robot does not move.
  IePortFull = 3,         ///< IE port Fault::number is blocked.
  UnreadableBarcode = 4,  ///< The barcode Fault::barcode cannot be read.
  CleanerSpent = 5,       ///< Every cleaner is spent.
};

/// The values of FaultKind.
template <>
struct EnumTraits<FaultKind> {
  /// The type's name in the binding.
  static constexpr std::string_view type_name = "FaultKind";
  /// Every value with its name.
  static constexpr std::array<EnumEntry<FaultKind>, 6> entries{{
      {FaultKind::MoveJam, "MOVE_JAM"},
      {FaultKind::DriveLoadFailure, "DRIVE_LOAD_FAILURE"},
      {FaultKind::DoorLeftOpen, "DOOR_LEFT_OPEN"},
      {FaultKind::IePortFull, "IEPORT_FULL"},
      {FaultKind::UnreadableBarcode, "UNREADABLE_BARCODE"},
      {FaultKind::CleanerSpent, "CLEANER_SPENT"},
  }};
};

/// The kind of a changer element, with its SMC element type code.
enum class ElementType : std::uint32_t {
  Transport = 1,     ///< The robot's hand.
  Storage = 2,       ///< A storage slot.
  ImportExport = 3,  ///< An IE port.
  DataTransfer = 4,  ///< A drive.
};

/// The values of ElementType.
template <>
struct EnumTraits<ElementType> {
  /// The type's name in the binding.
  static constexpr std::string_view type_name = "ElementType";
  /// Every value with its name.
  static constexpr std::array<EnumEntry<ElementType>, 4> entries{{
      {ElementType::Transport, "TRANSPORT"},
      {ElementType::Storage, "STORAGE"},
      {ElementType::ImportExport, "IMPORT_EXPORT"},
      {ElementType::DataTransfer, "DATA_TRANSFER"},
  }};
};

/// How to mount, for Session::mount (`MountNtmsMedia` options).
struct MountOptions {
  bool read = true;                   ///< Mount for reading (`NTMS_MOUNT_READ`).
  bool write = false;                 ///< Mount for writing: refused for complete or read-only sides.
  bool error_if_unavailable = false;  ///< Fail at once when a medium or drive is busy.
  bool error_if_offline = false;      ///< Fail with MediaOfflineError instead of asking an operator.
  std::vector<ObjectId> drives;       ///< Mount the media in these drives, one per medium (`SPECIFIC_DRIVE`).
  bool nowait = false;                ///< Return once the requests are queued (`NOWAIT`).
  std::int32_t priority = 0;          ///< −15..+15, higher first.
  /// How long to wait; on timeout everything is undone and the call throws TimeoutError.
  std::chrono::milliseconds timeout = infinite;
};

/// A mounted medium (or, with MountOptions::nowait, one whose mount is queued).
struct MountedMedia {
  ObjectId media;                          ///< What was asked for (logical media, side or physical medium).
  ObjectId physical_media;                 ///< The physical medium.
  ObjectId side;                           ///< The side mounted.
  ObjectId request;                        ///< The MOUNT library request.
  std::optional<ObjectId> drive;           ///< Its drive; none while a nowait mount is under way.
  std::optional<std::string> device_path;  ///< The drive's device path, where the application reads and writes.
};

/// How to dismount, for Session::dismount.
struct DismountOptions {
  /// Leave the medium in the drive (DISMOUNTABLE) so the next mount of it needs no robot move
  /// (`NTMS_DISMOUNT_DEFERRED`); otherwise it goes back to its slot now.
  bool deferred = false;
  std::int32_t priority = 0;                     ///< −15..+15, higher first.
  std::chrono::milliseconds timeout = infinite;  ///< How long to wait.
};

/// How to inject, for Session::inject and Session::start_inject.
struct InjectOptions {
  std::optional<ObjectId> port;                  ///< Only this IE port; none: every port.
  std::int32_t priority = 0;                     ///< −15..+15, higher first.
  std::chrono::milliseconds timeout = infinite;  ///< How long to wait.
};

/// How to eject, for Session::eject.
struct EjectOptions {
  EjectMode mode = EjectMode::Immediate;  ///< Immediate or queued.
  bool force = false;                     ///< Eject mounted media too, dismounting them first.
  std::optional<ObjectId> port;           ///< Only through this IE port.
  bool nowait = false;                    ///< Return once the requests are queued.
  std::int32_t priority = 0;              ///< −15..+15, higher first.
  /// How long to wait; on timeout the requests still queued are cancelled.
  std::chrono::milliseconds timeout = infinite;
};

/// How to inventory, for Session::inventory.
struct InventoryOptions {
  /// FAST (barcodes), OMID (load each medium and read its label) or DEFAULT (the library's own).
  InventoryMethod method = InventoryMethod::Default;
  std::int32_t priority = 0;                     ///< −15..+15, higher first.
  std::chrono::milliseconds timeout = infinite;  ///< How long to wait; on timeout it is cancelled.

  /// A FAST inventory: scan barcodes.
  static InventoryOptions fast() { return {InventoryMethod::Fast}; }
  /// A full (OMID) inventory: scan, then read the label of every medium.
  static InventoryOptions full() { return {InventoryMethod::Omid}; }
};

/// What an inventory found.
struct InventorySummary {
  std::optional<ObjectId> request;   ///< The library request that did it.
  std::uint32_t elements = 0;        ///< Elements looked at.
  std::uint32_t media = 0;           ///< Media found in the library.
  std::vector<ObjectId> added;       ///< Media new to the library.
  std::vector<ObjectId> removed;     ///< Media no longer in it (now offline, records kept).
  std::vector<ObjectId> moved;       ///< Media found elsewhere than recorded.
  std::vector<ObjectId> identified;  ///< Media whose label was read.
  std::uint32_t changed = 0;         ///< Database objects changed.
};

/// A library's request counters.
struct LibraryStatistics {
  std::uint64_t requests = 0;                 ///< Requests finished since the library started in this process.
  std::uint64_t pending = 0;                  ///< Requests queued, waiting or running now.
  std::uint64_t changer_calls = 0;            ///< Calls made to the changer.
  std::chrono::milliseconds changer_time{0};  ///< Time spent in those calls (robot time).
};

/// A way the database and a library disagree (Session::verify_library).
struct Discrepancy {
  std::optional<ObjectId> element;        ///< The element concerned.
  std::optional<std::uint16_t> address;   ///< Its element address.
  std::optional<ObjectId> media;          ///< The medium concerned.
  std::string message;                    ///< What is wrong.
};

/// How long the virtual robot takes (all zero by default).
struct VirtualDelays {
  std::chrono::milliseconds move_medium{0};  ///< One move between elements.
  std::chrono::milliseconds load{0};         ///< Loading a drive (also one cleaning).
  std::chrono::milliseconds unload{0};       ///< Unloading a drive.
  std::chrono::milliseconds scan{0};         ///< Looking at every element again.
  std::chrono::milliseconds door{0};         ///< Locking the door, extending a port.

  /// Delays that feel like a small tape library, sped up (a move takes 200 ms).
  static VirtualDelays realistic() {
    using std::chrono::milliseconds;
    return {milliseconds(200), milliseconds(150), milliseconds(120), milliseconds(400), milliseconds(80)};
  }
};

/// The make-up of a new virtual library, for Session::create_virtual_library.
///
/// @code
/// openrsm::VirtualLibrarySpec spec{2, 40, 2};          // drives, slots, IE ports
/// spec.add_media("LTO-6", 30).barcode_prefix = "DEMO";
/// @endcode
struct VirtualLibrarySpec {
  /// One drive, no slots, no IE ports.
  VirtualLibrarySpec() = default;
  /// A robotic library with these many drives, slots and IE ports.
  VirtualLibrarySpec(std::uint32_t drives_, std::uint32_t slots_, std::uint32_t ieports_)
      : drives(drives_), slots(slots_), ieports(ieports_) {}

  std::uint32_t drives = 1;   ///< Number of drives.
  std::uint32_t slots = 0;    ///< Number of storage slots.
  std::uint32_t ieports = 0;  ///< Number of IE ports.
  /// Cartridges in the first slots: (media type name, count); the types are created if needed.
  std::vector<std::pair<std::string, std::uint32_t>> media;
  std::optional<std::string> barcode_prefix;   ///< Barcode prefix; none: made from the library's name.
  std::optional<std::uint32_t> cleaner;        ///< A cleaner with this many uses in the last slot.
  bool standalone = false;                     ///< A standalone drive rather than a robotic library.
  VirtualDelays delays;                        ///< The robot's delays.
  std::optional<std::filesystem::path> dir;    ///< Its directory; none: `<home>/libraries/<name>`.

  /// Add `count` cartridges of a media type.
  VirtualLibrarySpec& add_media(std::string media_type, std::uint32_t count) {
    media.emplace_back(std::move(media_type), count);
    return *this;
  }
  /// A standalone drive (one drive, no robot).
  static VirtualLibrarySpec standalone_drive() {
    VirtualLibrarySpec spec;
    spec.standalone = true;
    return spec;
  }
};

/// A cartridge an operator puts into a virtual library.
struct CartridgeSpec {
  std::optional<std::string> barcode;       ///< Its barcode label, if it has one.
  std::optional<std::string> media_type;    ///< Its media type; none: the library's default.
  std::vector<std::uint8_t> label;          ///< Bytes at the start of the medium.
  std::optional<std::uint32_t> cleaner_uses;  ///< Cleaning uses, for a cleaning cartridge.
};

/// A fault of a virtual library.
struct Fault {
  FaultKind kind = FaultKind::MoveJam;  ///< Which fault.
  std::uint32_t number = 0;             ///< The drive (DriveLoadFailure) or port (IePortFull), from 0.
  std::string barcode;                  ///< The cartridge (UnreadableBarcode).

  /// Compares kind and the argument that kind uses.
  friend bool operator==(const Fault& a, const Fault& b) {
    return a.kind == b.kind && a.number == b.number && a.barcode == b.barcode;
  }
  /// Not equal.
  friend bool operator!=(const Fault& a, const Fault& b) { return !(a == b); }
};

/// What one element of a virtual library holds.
struct ElementContent {
  std::optional<std::string> barcode;          ///< The cartridge's barcode (none: unlabeled).
  ElementType element_type = ElementType::Storage;  ///< Which kind of element.
  std::uint16_t address = 0;                   ///< Its element address.
};

/// A SCSI library to add with Session::add_scsi_library.
struct ScsiLibrarySpec {
  /// The changer: `iscsi://host[:port]/iqn/lun` or a device node (`/dev/sch0`, `/dev/sg3`).
  std::string changer;
  /// The drives (`iscsi://` URLs or `/dev/nst*`), in element address order; empty to discover.
  std::vector<std::string> drives;
  /// Run a FAST inventory once it is added (default).
  bool inventory = true;
};

/// A virtual library as an operator (and a test) reaches it: cartridges in and out of IE ports and
/// standalone drives, the door, moves by hand, jams and faults. Obtained from
/// Session::virtual_library(); it stays usable after its Session closes. Not copyable; movable.
class VirtualLibrary {
 public:
  /// Take `other`'s handle; `other` is left empty (its calls throw InvalidHandleError).
  VirtualLibrary(VirtualLibrary&& other) noexcept;
  /// Take `other`'s handle.
  VirtualLibrary& operator=(VirtualLibrary&& other) noexcept;
  VirtualLibrary(const VirtualLibrary&) = delete;
  VirtualLibrary& operator=(const VirtualLibrary&) = delete;
  /// Releases the handle (the library and its state stay).
  ~VirtualLibrary();

  /// Its directory.
  std::filesystem::path dir() const;
  /// Set the robot's delays (persisted).
  void set_delays(const VirtualDelays& delays) const;
  /// Give it a fault (persisted); having it already is not an error.
  void set_fault(const Fault& fault) const;
  /// Repair one fault.
  void clear_fault(const Fault& fault) const;
  /// Repair every fault (a jammed robot stays jammed until clear_jam()).
  void clear_faults() const;
  /// The faults it has now.
  std::vector<Fault> faults() const;
  /// Whether the robot is jammed.
  bool is_jammed() const;
  /// An operator clears a jam.
  void clear_jam() const;
  /// An operator opens the door (NotReadyError while it is locked).
  void open_door() const;
  /// An operator closes the door.
  void close_door() const;
  /// An operator moves a cartridge by hand through the open door.
  void operator_move(std::uint16_t source, std::uint16_t destination) const;
  /// An operator puts a cartridge into IE port `port` (from 0); IeportFullError when it holds one.
  void insert_into_port(std::uint32_t port, const CartridgeSpec& cartridge) const;
  /// An operator takes the cartridge out of an IE port; its barcode.
  std::optional<std::string> take_from_port(std::uint32_t port) const;
  /// An operator puts a medium into a standalone drive.
  void insert_into_drive(std::uint32_t drive, const CartridgeSpec& cartridge) const;
  /// An operator takes the medium out of a standalone drive; its barcode.
  std::optional<std::string> remove_from_drive(std::uint32_t drive) const;
  /// Write bytes at the start of the medium with this barcode.
  void write_medium(std::string_view barcode, const std::vector<std::uint8_t>& bytes) const;
  /// Read up to `len` bytes from the start of the medium with this barcode.
  std::vector<std::uint8_t> read_medium(std::string_view barcode, std::size_t len) const;
  /// Where each cartridge is, in address order.
  std::vector<ElementContent> contents() const;
  /// Cleaning uses left on the cleaner with this barcode, if it is one.
  std::optional<std::uint32_t> cleaner_uses(std::string_view barcode) const;

  /// The bridge handle (internal).
  struct Handle;
  /// Wraps a bridge handle (internal).
  explicit VirtualLibrary(std::unique_ptr<Handle> handle) noexcept;

 private:
  const Handle& handle() const;
  std::unique_ptr<Handle> handle_;
};

}  // namespace openrsm
