// Media types, media pools, physical media and allocation.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge.hpp"
#include "openrsm/session.hpp"

namespace openrsm {

using detail::call;
using detail::from_ffi;
using detail::str;
using detail::to_ffi;

Object Session::add_media_type(const MediaTypeSpec& spec) const {
  return from_ffi(call([&] {
    ffi::MediaTypeSpec rs{rust::String(spec.name), spec.sides, value(spec.read_write), rust::String(spec.description)};
    return handle().rs->add_media_type(rs);
  }));
}

Object Session::ensure_media_type(std::string_view name) const {
  return from_ffi(call([&] { return handle().rs->ensure_media_type(str(name)); }));
}

Object Session::change_media_type(const ObjectId& id, const MediaTypeChanges& changes) const {
  return from_ffi(call([&] {
    ffi::MediaTypeChanges rs;
    rs.name = to_ffi(changes.name);
    rs.sides = to_ffi(changes.sides);
    rs.read_write = ffi::OptU32{changes.read_write.has_value(), changes.read_write ? value(*changes.read_write) : 0};
    return handle().rs->change_media_type(to_ffi(id), rs);
  }));
}

void Session::delete_media_type(const ObjectId& id) const {
  call([&] { handle().rs->delete_media_type(to_ffi(id)); });
}

Object Session::create_media_pool(std::string_view path, const PoolOptions& options) const {
  return from_ffi(call([&] {
    ffi::PoolOptions rs;
    rs.media_type = to_ffi(options.media_type);
    rs.mode = static_cast<std::uint8_t>(options.mode);
    rs.create_parents = options.create_parents;
    rs.draw_from_free = options.draw_from_free;
    rs.return_to_free = options.return_to_free;
    rs.max_allocations = options.max_allocations;
    rs.description = rust::String(options.description);
    return handle().rs->create_media_pool(str(path), rs);
  }));
}

void Session::delete_media_pool(const ObjectId& pool) const {
  call([&] { handle().rs->delete_media_pool(to_ffi(pool)); });
}

std::string Session::media_pool_name(const ObjectId& pool) const {
  return detail::to_string(call([&] { return handle().rs->media_pool_name(to_ffi(pool)); }));
}

Object Session::media_pool_by_path(std::string_view path) const {
  return from_ffi(call([&] { return handle().rs->media_pool_by_path(str(path)); }));
}

Object Session::system_pool(PoolKind kind, const std::optional<ObjectId>& media_type) const {
  return from_ffi(call([&] { return handle().rs->system_pool(value(kind), to_ffi(media_type)); }));
}

Object Session::move_to_pool(const ObjectId& media, const ObjectId& pool) const {
  return from_ffi(call([&] { return handle().rs->move_to_pool(to_ffi(media), to_ffi(pool)); }));
}

Object Session::create_media(const MediaSpec& spec) const {
  return from_ffi(call([&] {
    ffi::MediaSpec rs;
    rs.media_type = to_ffi(spec.media_type);
    rs.pool = to_ffi(spec.pool);
    rs.barcode = to_ffi(spec.barcode);
    rs.name = to_ffi(spec.name);
    rs.description = rust::String(spec.description);
    return handle().rs->create_media(rs);
  }));
}

void Session::delete_media(const ObjectId& media) const {
  call([&] { handle().rs->delete_media(to_ffi(media)); });
}

Object Session::allocate_media(const ObjectId& pool, const AllocateOptions& options) const {
  ffi::AllocateOptions rs;
  rs.new_media = options.new_media;
  rs.next_of = to_ffi(options.next_of);
  rs.error_if_unavailable = options.error_if_unavailable;
  rs.has_timeout = options.timeout.has_value();
  rs.timeout = detail::to_wait(options.timeout.value_or(std::chrono::milliseconds(0)));
  rs.preferred = to_ffi(options.preferred);
  return from_ffi(call([&] { return handle().rs->allocate_media(to_ffi(pool), rs); }));
}

void Session::deallocate_media(const ObjectId& logical_media) const {
  call([&] { handle().rs->deallocate_media(to_ffi(logical_media)); });
}

void Session::decommission_media(const ObjectId& side) const {
  call([&] { handle().rs->decommission_media(to_ffi(side)); });
}

void Session::set_media_complete(const ObjectId& logical_media) const {
  call([&] { handle().rs->set_media_complete(to_ffi(logical_media)); });
}

void Session::swap_media(const ObjectId& first, const ObjectId& second) const {
  call([&] { handle().rs->swap_media(to_ffi(first), to_ffi(second)); });
}

std::vector<MediaOverview> Session::media_overview() const {
  const auto rows = call([&] { return handle().rs->media_overview(); });
  std::vector<MediaOverview> out;
  out.reserve(rows.size());
  for (const auto& m : rows) {
    MediaOverview row;
    row.id = from_ffi(m.id);
    row.name = detail::to_string(m.name);
    row.barcode = from_ffi(m.barcode);
    row.media_type = detail::to_string(m.media_type);
    row.pool = detail::to_string(m.pool);
    row.library = from_ffi(m.library);
    row.location_kind = detail::to_enum<LocationKind>(m.location_kind);
    row.element = from_ffi(m.element);
    row.media_state = detail::to_enum<MediaState>(m.media_state);
    row.enabled = m.enabled;
    row.sides = m.sides;
    row.allocated_sides = m.allocated_sides;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace openrsm
