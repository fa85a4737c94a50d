/// @file
/// @brief Device detection: device change detection on libraries (DeviceChangeDetection, RAII),
/// the removable-media devices of this computer (DeviceRecord, DeviceInfo) and their raw events
/// (DeviceEvents).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "openrsm/enum_traits.hpp"
#include "openrsm/enums.hpp"
#include "openrsm/media.hpp"
#include "openrsm/object_id.hpp"

namespace openrsm {

/// What a DetectionTargets names.
enum class DetectionTargetKind : std::uint32_t {
  Libraries = 0,   ///< These libraries.
  MediaTypes = 1,  ///< Media of these types, in every library.
  Media = 2,       ///< These physical media, in every library.
};

/// The values of DetectionTargetKind.
template <>
struct EnumTraits<DetectionTargetKind> {
  /// The type's name in the binding.
  static constexpr std::string_view type_name = "DetectionTargetKind";
  /// Every value with its name.
  static constexpr std::array<EnumEntry<DetectionTargetKind>, 3> entries{{
      {DetectionTargetKind::Libraries, "LIBRARIES"},
      {DetectionTargetKind::MediaTypes, "MEDIA_TYPES"},
      {DetectionTargetKind::Media, "MEDIA"},
  }};
};

/// What kind of device.
enum class DeviceKind : std::uint32_t {
  TapeDrive = 0,      ///< A SCSI tape drive (`/dev/st*`).
  Changer = 1,        ///< A SCSI media changer (`/dev/sch*`).
  OpticalDrive = 2,   ///< An optical drive (`/dev/sr*`).
  RemovableDisk = 3,  ///< A removable block device: USB stick, card reader.
};

/// The values of DeviceKind.
template <>
struct EnumTraits<DeviceKind> {
  /// The type's name in the binding.
  static constexpr std::string_view type_name = "DeviceKind";
  /// Every value with its name.
  static constexpr std::array<EnumEntry<DeviceKind>, 4> entries{{
      {DeviceKind::TapeDrive, "TAPE_DRIVE"},
      {DeviceKind::Changer, "CHANGER"},
      {DeviceKind::OpticalDrive, "OPTICAL_DRIVE"},
      {DeviceKind::RemovableDisk, "REMOVABLE_DISK"},
  }};
};

/// Whether a drive holds a medium, as far as the device tells.
enum class MediaPresence : std::uint32_t {
  Present = 0,  ///< A medium is in the drive.
  Absent = 1,   ///< The drive is empty.
  Unknown = 2,  ///< The device does not say (tape drives, changers).
};

/// The values of MediaPresence.
template <>
struct EnumTraits<MediaPresence> {
  /// The type's name in the binding.
  static constexpr std::string_view type_name = "MediaPresence";
  /// Every value with its name.
  static constexpr std::array<EnumEntry<MediaPresence>, 3> entries{{
      {MediaPresence::Present, "PRESENT"},
      {MediaPresence::Absent, "ABSENT"},
      {MediaPresence::Unknown, "UNKNOWN"},
  }};
};

/// What a DeviceEvent says.
enum class DeviceEventKind : std::uint32_t {
  Added = 0,    ///< A device appeared.
  Changed = 1,  ///< A device changed (most often a medium went in or out).
  Removed = 2,  ///< A device went away.
  Rescan = 3,   ///< Events were lost: scan again.
};

/// The values of DeviceEventKind.
template <>
struct EnumTraits<DeviceEventKind> {
  /// The type's name in the binding.
  static constexpr std::string_view type_name = "DeviceEventKind";
  /// Every value with its name.
  static constexpr std::array<EnumEntry<DeviceEventKind>, 4> entries{{
      {DeviceEventKind::Added, "ADDED"},
      {DeviceEventKind::Changed, "CHANGED"},
      {DeviceEventKind::Removed, "REMOVED"},
      {DeviceEventKind::Rescan, "RESCAN"},
  }};
};

/// What a device change detection watches: objects of one type.
struct DetectionTargets {
  DetectionTargetKind kind = DetectionTargetKind::Libraries;  ///< Which type the ids are.
  std::vector<ObjectId> ids;                                  ///< The objects.

  /// These libraries.
  static DetectionTargets libraries(std::vector<ObjectId> ids) {
    return {DetectionTargetKind::Libraries, std::move(ids)};
  }
  /// Media of these types, wherever they appear.
  static DetectionTargets media_types(std::vector<ObjectId> ids) {
    return {DetectionTargetKind::MediaTypes, std::move(ids)};
  }
  /// These physical media, wherever they appear.
  static DetectionTargets media(std::vector<ObjectId> ids) { return {DetectionTargetKind::Media, std::move(ids)}; }
};

/// A running device change detection (`BeginNtmsDeviceChangeDetection`): it looks at its targets
/// every interval and reconciles what it finds (media put into IE ports or standalone drives by
/// hand) into the database, which shows as notifications. Ends in its destructor, with end(), or
/// when its session closes. Not copyable; movable.
///
/// @code
/// auto detection = session.begin_device_change_detection();
/// detection.set_targets(openrsm::DetectionTargets::libraries({library.id}));
/// @endcode
class DeviceChangeDetection {
 public:
  /// Take `other`'s detection; `other` is left empty.
  DeviceChangeDetection(DeviceChangeDetection&& other) noexcept;
  /// End this detection and take `other`'s.
  DeviceChangeDetection& operator=(DeviceChangeDetection&& other) noexcept;
  DeviceChangeDetection(const DeviceChangeDetection&) = delete;
  DeviceChangeDetection& operator=(const DeviceChangeDetection&) = delete;
  /// end().
  ~DeviceChangeDetection();

  /// Watch these targets from now on (`SetNtmsDeviceChangeDetection`); they must exist and be of
  /// the kind named (else ObjectNotFoundError).
  void set_targets(const DetectionTargets& targets) const;
  /// What it watches.
  DetectionTargets targets() const;
  /// Look this often (at least every 10 ms; 250 ms by default).
  void set_interval(std::chrono::milliseconds interval) const;
  /// Stop watching (`EndNtmsDeviceChangeDetection`); idempotent.
  void end() noexcept;
  /// Whether it stopped (ended, moved from, or its session closed).
  bool is_ended() const noexcept;

  /// The bridge handle (internal).
  struct Handle;
  /// Wraps a bridge handle (internal).
  explicit DeviceChangeDetection(std::unique_ptr<Handle> handle) noexcept;

 private:
  const Handle& handle() const;
  std::unique_ptr<Handle> handle_;
};

/// One device as the platform sees it.
struct DeviceInfo {
  DeviceKind kind = DeviceKind::TapeDrive;  ///< What it is.
  std::string identity;                     ///< Its stable identity (`wwn:`, `serial:` or `path:`).
  std::string vendor;                       ///< SCSI or USB vendor.
  std::string model;                        ///< SCSI product or USB model.
  std::optional<std::string> serial;        ///< Serial number.
  std::optional<std::string> wwn;           ///< World wide name.
  std::optional<std::string> devnode;       ///< The main device node, e.g. `/dev/st0`.
  std::vector<std::string> paths;           ///< Every device path that reaches it.
  std::string sysname;                      ///< The kernel's name for it.
  std::string syspath;                      ///< Its sysfs path.
  MediaPresence media = MediaPresence::Unknown;  ///< Whether a medium is in it.
  std::uint64_t media_size = 0;             ///< The medium's size in bytes, when known.
};

/// A device as the database knows it (Session::devices).
struct DeviceRecord {
  ObjectId library;                  ///< Its library (ONLINE for a changer, STANDALONE for a drive).
  std::optional<ObjectId> drive;     ///< Its drive object, for a drive.
  std::optional<ObjectId> changer;   ///< Its changer object, for a changer.
  OperationalState state = OperationalState::Ready;  ///< READY while present, NOT_PRESENT once gone.
  std::optional<ObjectId> media;     ///< The medium in the drive.
  DeviceInfo info;                   ///< What the platform last said about it.
};

/// A raw device event.
struct DeviceEvent {
  DeviceEventKind kind = DeviceEventKind::Added;  ///< What happened.
  DeviceInfo info;       ///< The device (Added, Changed).
  std::string syspath;   ///< Its sysfs path (Removed).
  std::string sysname;   ///< Its kernel name (Removed).
  std::string reason;    ///< Why a rescan is needed (Rescan).
};

/// A subscription to the raw device events of this computer (Session::device_events). Not
/// copyable; movable.
class DeviceEvents {
 public:
  /// Take `other`'s subscription.
  DeviceEvents(DeviceEvents&& other) noexcept;
  /// Take `other`'s subscription.
  DeviceEvents& operator=(DeviceEvents&& other) noexcept;
  DeviceEvents(const DeviceEvents&) = delete;
  DeviceEvents& operator=(const DeviceEvents&) = delete;
  /// Ends the subscription.
  ~DeviceEvents();

  /// The next event, waiting at most `timeout` (openrsm::infinite: until one comes); none when the
  /// time passed.
  std::optional<DeviceEvent> next(std::chrono::milliseconds timeout) const;

  /// The bridge handle (internal).
  struct Handle;
  /// Wraps a bridge handle (internal).
  explicit DeviceEvents(std::unique_ptr<Handle> handle) noexcept;

 private:
  const Handle& handle() const;
  std::unique_ptr<Handle> handle_;
};

}  // namespace openrsm
