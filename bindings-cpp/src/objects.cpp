// Object management and named attributes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bridge.hpp"
#include "openrsm/session.hpp"

namespace openrsm {

using detail::call;
using detail::from_ffi;
using detail::str;
using detail::to_ffi;
using detail::to_objects;

namespace {

ffi::OptU32 type_filter(const std::optional<ObjectType>& type) {
  return ffi::OptU32{type.has_value(), type ? value(*type) : 0};
}

ffi::OptBool to_ffi_bool(const std::optional<bool>& flag) { return ffi::OptBool{flag.has_value(), flag.value_or(false)}; }

ffi::ObjectChanges to_ffi_changes(const ObjectChanges& c) {
  ffi::ObjectChanges rs;
  rs.name = to_ffi(c.name);
  rs.description = to_ffi(c.description);
  rs.inventory_method = ffi::OptU32{c.inventory_method.has_value(), c.inventory_method ? value(*c.inventory_method) : 0};
  rs.auto_recovery = to_ffi_bool(c.auto_recovery);
  rs.deferred_dismount_seconds = to_ffi(c.deferred_dismount_seconds);
  rs.max_open_seconds = to_ffi(c.max_open_seconds);
  rs.max_extend_seconds = to_ffi(c.max_extend_seconds);
  rs.draw_from_free = to_ffi_bool(c.draw_from_free);
  rs.return_to_free = to_ffi_bool(c.return_to_free);
  rs.max_allocations = to_ffi(c.max_allocations);
  rs.barcode = to_ffi(c.barcode);
  rs.librequest_purge_seconds = to_ffi(c.librequest_purge_seconds);
  rs.oprequest_purge_seconds = to_ffi(c.oprequest_purge_seconds);
  rs.priority = ffi::OptI32{c.priority.has_value(), c.priority.value_or(0)};
  return rs;
}

}  // namespace

std::vector<Object> Session::enumerate(ObjectType type) const {
  return to_objects(call([&] { return handle().rs->enumerate(ffi::OptId{}, value(type)); }));
}

std::vector<Object> Session::enumerate(const ObjectId& container, ObjectType type) const {
  return to_objects(call([&] { return handle().rs->enumerate(to_ffi(std::optional(container)), value(type)); }));
}

Object Session::object(const ObjectId& id) const {
  return from_ffi(call([&] { return handle().rs->object(to_ffi(id)); }));
}

std::vector<Object> Session::find_by_name(std::string_view name) const {
  return to_objects(call([&] { return handle().rs->find_by_name(type_filter(std::nullopt), str(name)); }));
}

std::vector<Object> Session::find_by_name(ObjectType type, std::string_view name) const {
  return to_objects(call([&] { return handle().rs->find_by_name(type_filter(type), str(name)); }));
}

Object Session::resolve(std::string_view id_or_name) const {
  return from_ffi(call([&] { return handle().rs->resolve(type_filter(std::nullopt), str(id_or_name)); }));
}

Object Session::resolve(ObjectType type, std::string_view id_or_name) const {
  return from_ffi(call([&] { return handle().rs->resolve(type_filter(type), str(id_or_name)); }));
}

Object Session::set_object_info(const ObjectId& id, const ObjectChanges& changes) const {
  return from_ffi(call([&] { return handle().rs->set_object_info(to_ffi(id), to_ffi_changes(changes)); }));
}

void Session::enable(const ObjectId& id) const {
  call([&] { handle().rs->enable(to_ffi(id)); });
}

void Session::disable(const ObjectId& id) const {
  call([&] { handle().rs->disable(to_ffi(id)); });
}

void Session::delete_object(const ObjectId& id) const {
  call([&] { handle().rs->delete_object(to_ffi(id)); });
}

std::vector<std::uint8_t> Session::attribute(const ObjectId& id, std::string_view name) const {
  const auto bytes = call([&] { return handle().rs->attribute(to_ffi(id), str(name)); });
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

std::vector<std::string> Session::attribute_names(const ObjectId& id) const {
  const auto names = call([&] { return handle().rs->attribute_names(to_ffi(id)); });
  std::vector<std::string> out;
  out.reserve(names.size());
  for (const auto& name : names) {
    out.push_back(detail::to_string(name));
  }
  return out;
}

void Session::set_attribute(const ObjectId& id, std::string_view name, const std::vector<std::uint8_t>& value) const {
  call([&] {
    handle().rs->set_attribute(to_ffi(id), str(name), rust::Slice<const std::uint8_t>(value.data(), value.size()));
  });
}

void Session::set_attribute(const ObjectId& id, std::string_view name, std::string_view value) const {
  call([&] {
    const auto* data = reinterpret_cast<const std::uint8_t*>(value.data());
    handle().rs->set_attribute(to_ffi(id), str(name), rust::Slice<const std::uint8_t>(data, value.size()));
  });
}

void Session::delete_attribute(const ObjectId& id, std::string_view name) const {
  call([&] { handle().rs->delete_attribute(to_ffi(id), str(name)); });
}

}  // namespace openrsm
