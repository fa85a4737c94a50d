/// @file
/// @brief What media calls take: MediaTypeSpec, MediaTypeChanges, PoolOptions, MediaSpec and
/// AllocateOptions. Plain structs with the core's defaults: set the fields you need.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "openrsm/enums.hpp"
#include "openrsm/object_id.hpp"

namespace openrsm {

/// A timeout that never passes: wait until something happens.
inline constexpr std::chrono::milliseconds infinite = std::chrono::milliseconds::max();

/// A new media type, for Session::add_media_type.
struct MediaTypeSpec {
  std::string name;                              ///< Its name, unique among media types (e.g. `LTO-6`).
  std::uint32_t sides = 1;                       ///< Sides per medium (1 for tape).
  ReadWrite read_write = ReadWrite::Rewritable;  ///< Rewritable, WORM or read-only.
  std::string description;                       ///< Its description.
};

/// Changes to a media type, for Session::change_media_type; empty fields stay as they are.
struct MediaTypeChanges {
  std::optional<std::string> name;        ///< New name (its system pools are renamed too).
  std::optional<std::uint32_t> sides;     ///< New sides (only while no media of the type exist).
  std::optional<ReadWrite> read_write;    ///< New read/write kind.
};

/// What Session::create_media_pool does when the pool exists (`NTMS_CREATE_NEW`,
/// `NTMS_OPEN_EXISTING`, `NTMS_OPEN_ALWAYS`).
enum class CreateMode : std::uint8_t {
  CreateNew = 0,     ///< Create it; InvalidParameterError if it exists.
  OpenExisting = 1,  ///< Open it; ObjectNotFoundError if it does not exist.
  OpenAlways = 2,    ///< Open it if it exists, create it otherwise.
};

/// Options of a new application pool, for Session::create_media_pool.
struct PoolOptions {
  std::optional<ObjectId> media_type;      ///< The media type of its media (none: any).
  CreateMode mode = CreateMode::CreateNew; ///< What to do when it exists.
  bool create_parents = false;             ///< Create missing parent pools of the path.
  bool draw_from_free = true;              ///< When empty, draw media from the Free pool.
  bool return_to_free = true;              ///< Return deallocated media to Free.
  std::uint32_t max_allocations = 0;       ///< Allocations per side before decommission, 0 = no limit.
  std::string description;                 ///< Its description.
};

/// A new physical medium, for Session::create_media.
struct MediaSpec {
  ObjectId media_type;                ///< Its media type.
  std::optional<ObjectId> pool;       ///< Its pool; none means the Free pool of its media type.
  std::optional<std::string> barcode; ///< Its barcode.
  std::optional<std::string> name;    ///< Its name; none means the barcode, or a name made from its id.
  std::string description;            ///< Its description.
};

/// How Session::allocate_media chooses a side (`AllocateNtmsMedia` options).
struct AllocateOptions {
  bool new_media = false;             ///< Take a side of a medium none of whose sides is allocated.
  std::optional<ObjectId> next_of;    ///< Take the next side of the medium of this logical media or side.
  bool error_if_unavailable = false;  ///< Fail at once with MediaUnavailableError when nothing is available.
  /// Otherwise wait this long for a side (none: do not wait; openrsm::infinite: wait until one is).
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<ObjectId> preferred;  ///< Prefer this medium.
};

/// One physical medium as an inventory lists it, with the names it refers to resolved
/// (Session::media_overview).
struct MediaOverview {
  ObjectId id;                                   ///< The medium's id.
  std::string name;                              ///< Its name.
  std::optional<std::string> barcode;            ///< Its barcode.
  std::string media_type;                        ///< The name of its media type.
  std::string pool;                              ///< The path of its pool, e.g. `Backup/Weekly`.
  std::optional<std::string> library;            ///< The name of its library; none when offline.
  LocationKind location_kind = LocationKind::Offline;  ///< Slot, drive, IE port, transport or offline.
  std::optional<std::uint32_t> element;          ///< The number of its slot, drive or IE port.
  MediaState media_state = MediaState::Idle;     ///< Idle, mounted, ...
  bool enabled = true;                           ///< Whether it is enabled.
  std::uint32_t sides = 1;                       ///< How many sides it has.
  std::uint32_t allocated_sides = 0;             ///< How many of its sides are allocated.
};

}  // namespace openrsm
