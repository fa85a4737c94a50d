/// @file
/// @brief Errors: every failing call throws an openrsm::Error carrying the RSM error code, as the
/// subclass of its kind (`ObjectNotFoundError`, `NotEmptyError`, ...).
///
/// @code
/// try {
///   session.delete_media_pool(pool.id);
/// } catch (const openrsm::NotEmptyError& e) {
///   std::cerr << "still in use: " << e.message() << '\n';   // e.code() == 4307
/// } catch (const openrsm::Error& e) {
///   std::cerr << e.what() << '\n';                         // "NOT_EMPTY (4307): ..."
/// }
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "openrsm/enum_traits.hpp"

namespace openrsm {

/// The RSM error codes OpenRSM reports, with their RSM numbers (`ERROR_<NAME>` in `winerror.h`),
/// plus Internal for a bug in OpenRSM.
enum class ErrorKind : std::uint32_t {
  AccessDenied = 5,  ///< The caller lacks the right the function needs.
  InvalidHandle = 6,  ///< A closed session, notification or other handle was used.
  BadFormat = 11,  ///< A label library does not recognise the label.
  NotReady = 21,  ///< The service or device is not ready (e.g. the home is owned by another process).
  InvalidParameter = 87,  ///< An argument is out of range, malformed or not applicable.
  NoData = 232,  ///< The notification channel broke (the subscriber fell behind): re-read state and subscribe again.
  InvalidComputerName = 1210,  ///< The server name is not valid.
  Timeout = 1460,  ///< The time given for the operation passed.
  NotConnected = 2250,  ///< No connection to the named server.
  InvalidMedia = 4300,  ///< The media object is not valid for this operation.
  InvalidLibrary = 4301,  ///< The library object is not valid for this operation.
  InvalidMediaPool = 4302,  ///< The media pool is not valid for this operation.
  DriveMediaMismatch = 4303,  ///< The medium's type cannot be used in the drive.
  MediaOffline = 4304,  ///< The medium is offline (not in any online library).
  LibraryOffline = 4305,  ///< The library is offline.
  Empty = 4306,  ///< The pool, slot or element is empty.
  NotEmpty = 4307,  ///< The object is not empty (e.g. deleting a pool that still holds media).
  MediaUnavailable = 4308,  ///< No medium is available (e.g. none to allocate).
  ResourceDisabled = 4309,  ///< The object is disabled.
  InvalidCleaner = 4310,  ///< The cleaner is not valid.
  UnableToClean = 4311,  ///< The drive could not be cleaned.
  ObjectNotFound = 4312,  ///< No object has that id or name.
  DatabaseFailure = 4313,  ///< The database failed or is damaged.
  DatabaseFull = 4314,  ///< The database is full.
  MediaIncompatible = 4315,  ///< The medium is incompatible with the request.
  ResourceNotPresent = 4316,  ///< The resource is not present.
  InvalidOperation = 4317,  ///< The operation is not valid in the object's current state.
  MediaNotAvailable = 4318,  ///< The medium is not available (in use, mounted, or in the wrong state).
  DeviceNotAvailable = 4319,  ///< No drive or device is available.
  RequestRefused = 4320,  ///< The request was refused (cancelled, or refused by an operator).
  InvalidDriveObject = 4321,  ///< The drive object is not valid.
  LibraryFull = 4322,  ///< The library has no free slot.
  MediumNotAccessible = 4323,  ///< The medium cannot be reached by the robot.
  UnableToLoadMedium = 4324,  ///< The drive could not load the medium.
  UnableToInventoryDrive = 4325,  ///< A drive could not be inventoried.
  UnableToInventorySlot = 4326,  ///< A slot could not be inventoried.
  UnableToInventoryTransport = 4327,  ///< The transport could not be inventoried.
  TransportFull = 4328,  ///< The transport (robot hand) is full.
  ControllingIeport = 4329,  ///< Another request controls the IE port.
  UnableToEjectMountedMedia = 4330,  ///< A mounted medium cannot be ejected.
  CleanerSlotSet = 4331,  ///< A cleaner slot is already set.
  CleanerSlotNotSet = 4332,  ///< No cleaner slot is set.
  CleanerCartridgeSpent = 4333,  ///< The cleaner cartridge has no uses left.
  UnexpectedOmid = 4334,  ///< The on-media identifier is not the expected one.
  CantDeleteLastItem = 4335,  ///< The last item of its kind cannot be deleted.
  MessageExceedsMaxSize = 4336,  ///< The message is too large.
  VolumeContainsSysFiles = 4337,  ///< The volume contains system files.
  IndigenousType = 4338,  ///< The media type is built in and cannot be changed or deleted.
  NoSupportingDrives = 4339,  ///< No drive supports the media type.
  CleanerCartridgeInstalled = 4340,  ///< A cleaner cartridge is already installed.
  IeportFull = 4341,  ///< The IE port is full.
  /// A bug in OpenRSM (`ERROR_INTERNAL_ERROR`, 1359): the core panicked. No RSM function reports
  /// this code; the session stays usable, but report the message.
  Internal = 1359,
};

/// The error kinds with their RSM names: the core's kinds in code order, then Internal.
template <>
struct EnumTraits<ErrorKind> {
  /// The type\'s name in the core.
  static constexpr std::string_view type_name = "ErrorKind";
  /// Every value with its RSM name, in the core\'s order.
  static constexpr std::array<EnumEntry<ErrorKind>, 52> entries{{
      {ErrorKind::AccessDenied, "ACCESS_DENIED"},
      {ErrorKind::InvalidHandle, "INVALID_HANDLE"},
      {ErrorKind::BadFormat, "BAD_FORMAT"},
      {ErrorKind::NotReady, "NOT_READY"},
      {ErrorKind::InvalidParameter, "INVALID_PARAMETER"},
      {ErrorKind::NoData, "NO_DATA"},
      {ErrorKind::InvalidComputerName, "INVALID_COMPUTERNAME"},
      {ErrorKind::Timeout, "TIMEOUT"},
      {ErrorKind::NotConnected, "NOT_CONNECTED"},
      {ErrorKind::InvalidMedia, "INVALID_MEDIA"},
      {ErrorKind::InvalidLibrary, "INVALID_LIBRARY"},
      {ErrorKind::InvalidMediaPool, "INVALID_MEDIA_POOL"},
      {ErrorKind::DriveMediaMismatch, "DRIVE_MEDIA_MISMATCH"},
      {ErrorKind::MediaOffline, "MEDIA_OFFLINE"},
      {ErrorKind::LibraryOffline, "LIBRARY_OFFLINE"},
      {ErrorKind::Empty, "EMPTY"},
      {ErrorKind::NotEmpty, "NOT_EMPTY"},
      {ErrorKind::MediaUnavailable, "MEDIA_UNAVAILABLE"},
      {ErrorKind::ResourceDisabled, "RESOURCE_DISABLED"},
      {ErrorKind::InvalidCleaner, "INVALID_CLEANER"},
      {ErrorKind::UnableToClean, "UNABLE_TO_CLEAN"},
      {ErrorKind::ObjectNotFound, "OBJECT_NOT_FOUND"},
      {ErrorKind::DatabaseFailure, "DATABASE_FAILURE"},
      {ErrorKind::DatabaseFull, "DATABASE_FULL"},
      {ErrorKind::MediaIncompatible, "MEDIA_INCOMPATIBLE"},
      {ErrorKind::ResourceNotPresent, "RESOURCE_NOT_PRESENT"},
      {ErrorKind::InvalidOperation, "INVALID_OPERATION"},
      {ErrorKind::MediaNotAvailable, "MEDIA_NOT_AVAILABLE"},
      {ErrorKind::DeviceNotAvailable, "DEVICE_NOT_AVAILABLE"},
      {ErrorKind::RequestRefused, "REQUEST_REFUSED"},
      {ErrorKind::InvalidDriveObject, "INVALID_DRIVE_OBJECT"},
      {ErrorKind::LibraryFull, "LIBRARY_FULL"},
      {ErrorKind::MediumNotAccessible, "MEDIUM_NOT_ACCESSIBLE"},
      {ErrorKind::UnableToLoadMedium, "UNABLE_TO_LOAD_MEDIUM"},
      {ErrorKind::UnableToInventoryDrive, "UNABLE_TO_INVENTORY_DRIVE"},
      {ErrorKind::UnableToInventorySlot, "UNABLE_TO_INVENTORY_SLOT"},
      {ErrorKind::UnableToInventoryTransport, "UNABLE_TO_INVENTORY_TRANSPORT"},
      {ErrorKind::TransportFull, "TRANSPORT_FULL"},
      {ErrorKind::ControllingIeport, "CONTROLLING_IEPORT"},
      {ErrorKind::UnableToEjectMountedMedia, "UNABLE_TO_EJECT_MOUNTED_MEDIA"},
      {ErrorKind::CleanerSlotSet, "CLEANER_SLOT_SET"},
      {ErrorKind::CleanerSlotNotSet, "CLEANER_SLOT_NOT_SET"},
      {ErrorKind::CleanerCartridgeSpent, "CLEANER_CARTRIDGE_SPENT"},
      {ErrorKind::UnexpectedOmid, "UNEXPECTED_OMID"},
      {ErrorKind::CantDeleteLastItem, "CANT_DELETE_LAST_ITEM"},
      {ErrorKind::MessageExceedsMaxSize, "MESSAGE_EXCEEDS_MAX_SIZE"},
      {ErrorKind::VolumeContainsSysFiles, "VOLUME_CONTAINS_SYS_FILES"},
      {ErrorKind::IndigenousType, "INDIGENOUS_TYPE"},
      {ErrorKind::NoSupportingDrives, "NO_SUPPORTING_DRIVES"},
      {ErrorKind::CleanerCartridgeInstalled, "CLEANER_CARTRIDGE_INSTALLED"},
      {ErrorKind::IeportFull, "IEPORT_FULL"},
      {ErrorKind::Internal, "INTERNAL_ERROR"},
  }};
};

/// An OpenRSM error: an RSM ErrorKind and a message. `what()` is `"NAME (code): message"`.
/// Thrown as the KindError subclass of its kind; catch `const openrsm::Error&` for all of them.
class Error : public std::runtime_error {
 public:
  /// An error of `kind` with a message for people.
  Error(ErrorKind kind, const std::string& message);

  /// The kind.
  ErrorKind kind() const noexcept { return kind_; }
  /// The RSM numeric code, e.g. 4312 for ObjectNotFound.
  std::uint32_t code() const noexcept { return static_cast<std::uint32_t>(kind_); }
  /// The RSM name of the kind, e.g. `"OBJECT_NOT_FOUND"`.
  std::string_view kind_name() const noexcept;
  /// The message without the kind, with the chain of causes.
  std::string_view message() const noexcept { return std::string_view(what()).substr(prefix_); }

 private:
  ErrorKind kind_;
  std::size_t prefix_;
};

/// The error class of one kind: `KindError<ErrorKind::NotEmpty>` is `NotEmptyError`.
template <ErrorKind K>
class KindError : public Error {
 public:
  /// The kind every error of this class has.
  static constexpr ErrorKind kind_value = K;
  /// An error of this kind with a message for people.
  explicit KindError(const std::string& message) : Error(K, message) {}
};

/// The caller lacks the right the function needs. (`ERROR_ACCESS_DENIED`, 5).
using AccessDeniedError = KindError<ErrorKind::AccessDenied>;
/// A closed session, notification or other handle was used. (`ERROR_INVALID_HANDLE`, 6).
using InvalidHandleError = KindError<ErrorKind::InvalidHandle>;
/// A label library does not recognise the label. (`ERROR_BAD_FORMAT`, 11).
using BadFormatError = KindError<ErrorKind::BadFormat>;
/// The service or device is not ready (e.g. the home is owned by another process). (`ERROR_NOT_READY`, 21).
using NotReadyError = KindError<ErrorKind::NotReady>;
/// An argument is out of range, malformed or not applicable. (`ERROR_INVALID_PARAMETER`, 87).
using InvalidParameterError = KindError<ErrorKind::InvalidParameter>;
/// The notification channel broke (the subscriber fell behind): re-read state and subscribe again. (`ERROR_NO_DATA`, 232).
using NoDataError = KindError<ErrorKind::NoData>;
/// The server name is not valid. (`ERROR_INVALID_COMPUTERNAME`, 1210).
using InvalidComputerNameError = KindError<ErrorKind::InvalidComputerName>;
/// The time given for the operation passed. (`ERROR_TIMEOUT`, 1460).
using TimeoutError = KindError<ErrorKind::Timeout>;
/// No connection to the named server. (`ERROR_NOT_CONNECTED`, 2250).
using NotConnectedError = KindError<ErrorKind::NotConnected>;
/// The media object is not valid for this operation. (`ERROR_INVALID_MEDIA`, 4300).
using InvalidMediaError = KindError<ErrorKind::InvalidMedia>;
/// The library object is not valid for this operation. (`ERROR_INVALID_LIBRARY`, 4301).
using InvalidLibraryError = KindError<ErrorKind::InvalidLibrary>;
/// The media pool is not valid for this operation. (`ERROR_INVALID_MEDIA_POOL`, 4302).
using InvalidMediaPoolError = KindError<ErrorKind::InvalidMediaPool>;
/// The medium's type cannot be used in the drive. (`ERROR_DRIVE_MEDIA_MISMATCH`, 4303).
using DriveMediaMismatchError = KindError<ErrorKind::DriveMediaMismatch>;
/// The medium is offline (not in any online library). (`ERROR_MEDIA_OFFLINE`, 4304).
using MediaOfflineError = KindError<ErrorKind::MediaOffline>;
/// The library is offline. (`ERROR_LIBRARY_OFFLINE`, 4305).
using LibraryOfflineError = KindError<ErrorKind::LibraryOffline>;
/// The pool, slot or element is empty. (`ERROR_EMPTY`, 4306).
using EmptyError = KindError<ErrorKind::Empty>;
/// The object is not empty (e.g. deleting a pool that still holds media). (`ERROR_NOT_EMPTY`, 4307).
using NotEmptyError = KindError<ErrorKind::NotEmpty>;
/// No medium is available (e.g. none to allocate). (`ERROR_MEDIA_UNAVAILABLE`, 4308).
using MediaUnavailableError = KindError<ErrorKind::MediaUnavailable>;
/// The object is disabled. (`ERROR_RESOURCE_DISABLED`, 4309).
using ResourceDisabledError = KindError<ErrorKind::ResourceDisabled>;
/// The cleaner is not valid. (`ERROR_INVALID_CLEANER`, 4310).
using InvalidCleanerError = KindError<ErrorKind::InvalidCleaner>;
/// The drive could not be cleaned. (`ERROR_UNABLE_TO_CLEAN`, 4311).
using UnableToCleanError = KindError<ErrorKind::UnableToClean>;
/// No object has that id or name. (`ERROR_OBJECT_NOT_FOUND`, 4312).
using ObjectNotFoundError = KindError<ErrorKind::ObjectNotFound>;
/// The database failed or is damaged. (`ERROR_DATABASE_FAILURE`, 4313).
using DatabaseFailureError = KindError<ErrorKind::DatabaseFailure>;
/// The database is full. (`ERROR_DATABASE_FULL`, 4314).
using DatabaseFullError = KindError<ErrorKind::DatabaseFull>;
/// The medium is incompatible with the request. (`ERROR_MEDIA_INCOMPATIBLE`, 4315).
using MediaIncompatibleError = KindError<ErrorKind::MediaIncompatible>;
/// The resource is not present. (`ERROR_RESOURCE_NOT_PRESENT`, 4316).
using ResourceNotPresentError = KindError<ErrorKind::ResourceNotPresent>;
/// The operation is not valid in the object's current state. (`ERROR_INVALID_OPERATION`, 4317).
using InvalidOperationError = KindError<ErrorKind::InvalidOperation>;
/// The medium is not available (in use, mounted, or in the wrong state). (`ERROR_MEDIA_NOT_AVAILABLE`, 4318).
using MediaNotAvailableError = KindError<ErrorKind::MediaNotAvailable>;
/// No drive or device is available. (`ERROR_DEVICE_NOT_AVAILABLE`, 4319).
using DeviceNotAvailableError = KindError<ErrorKind::DeviceNotAvailable>;
/// The request was refused (cancelled, or refused by an operator). (`ERROR_REQUEST_REFUSED`, 4320).
using RequestRefusedError = KindError<ErrorKind::RequestRefused>;
/// The drive object is not valid. (`ERROR_INVALID_DRIVE_OBJECT`, 4321).
using InvalidDriveObjectError = KindError<ErrorKind::InvalidDriveObject>;
/// The library has no free slot. (`ERROR_LIBRARY_FULL`, 4322).
using LibraryFullError = KindError<ErrorKind::LibraryFull>;
/// The medium cannot be reached by the robot. (`ERROR_MEDIUM_NOT_ACCESSIBLE`, 4323).
using MediumNotAccessibleError = KindError<ErrorKind::MediumNotAccessible>;
/// The drive could not load the medium. (`ERROR_UNABLE_TO_LOAD_MEDIUM`, 4324).
using UnableToLoadMediumError = KindError<ErrorKind::UnableToLoadMedium>;
/// A drive could not be inventoried. (`ERROR_UNABLE_TO_INVENTORY_DRIVE`, 4325).
using UnableToInventoryDriveError = KindError<ErrorKind::UnableToInventoryDrive>;
/// A slot could not be inventoried. (`ERROR_UNABLE_TO_INVENTORY_SLOT`, 4326).
using UnableToInventorySlotError = KindError<ErrorKind::UnableToInventorySlot>;
/// The transport could not be inventoried. (`ERROR_UNABLE_TO_INVENTORY_TRANSPORT`, 4327).
using UnableToInventoryTransportError = KindError<ErrorKind::UnableToInventoryTransport>;
/// The transport (robot hand) is full. (`ERROR_TRANSPORT_FULL`, 4328).
using TransportFullError = KindError<ErrorKind::TransportFull>;
/// Another request controls the IE port. (`ERROR_CONTROLLING_IEPORT`, 4329).
using ControllingIeportError = KindError<ErrorKind::ControllingIeport>;
/// A mounted medium cannot be ejected. (`ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA`, 4330).
using UnableToEjectMountedMediaError = KindError<ErrorKind::UnableToEjectMountedMedia>;
/// A cleaner slot is already set. (`ERROR_CLEANER_SLOT_SET`, 4331).
using CleanerSlotSetError = KindError<ErrorKind::CleanerSlotSet>;
/// No cleaner slot is set. (`ERROR_CLEANER_SLOT_NOT_SET`, 4332).
using CleanerSlotNotSetError = KindError<ErrorKind::CleanerSlotNotSet>;
/// The cleaner cartridge has no uses left. (`ERROR_CLEANER_CARTRIDGE_SPENT`, 4333).
using CleanerCartridgeSpentError = KindError<ErrorKind::CleanerCartridgeSpent>;
/// The on-media identifier is not the expected one. (`ERROR_UNEXPECTED_OMID`, 4334).
using UnexpectedOmidError = KindError<ErrorKind::UnexpectedOmid>;
/// The last item of its kind cannot be deleted. (`ERROR_CANT_DELETE_LAST_ITEM`, 4335).
using CantDeleteLastItemError = KindError<ErrorKind::CantDeleteLastItem>;
/// The message is too large. (`ERROR_MESSAGE_EXCEEDS_MAX_SIZE`, 4336).
using MessageExceedsMaxSizeError = KindError<ErrorKind::MessageExceedsMaxSize>;
/// The volume contains system files. (`ERROR_VOLUME_CONTAINS_SYS_FILES`, 4337).
using VolumeContainsSysFilesError = KindError<ErrorKind::VolumeContainsSysFiles>;
/// The media type is built in and cannot be changed or deleted. (`ERROR_INDIGENOUS_TYPE`, 4338).
using IndigenousTypeError = KindError<ErrorKind::IndigenousType>;
/// No drive supports the media type. (`ERROR_NO_SUPPORTING_DRIVES`, 4339).
using NoSupportingDrivesError = KindError<ErrorKind::NoSupportingDrives>;
/// A cleaner cartridge is already installed. (`ERROR_CLEANER_CARTRIDGE_INSTALLED`, 4340).
using CleanerCartridgeInstalledError = KindError<ErrorKind::CleanerCartridgeInstalled>;
/// The IE port is full. (`ERROR_IEPORT_FULL`, 4341).
using IeportFullError = KindError<ErrorKind::IeportFull>;
/// A bug in OpenRSM: the core panicked (code 1359). The call failed and changed nothing it had
/// not committed; the session stays usable.
using InternalError = KindError<ErrorKind::Internal>;

/// Throw the KindError subclass of `kind`.
[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);

}  // namespace openrsm
