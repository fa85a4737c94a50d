// Notifications and listeners.

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "bridge.hpp"
#include "openrsm/notification.hpp"
#include "openrsm/session.hpp"

namespace openrsm {

using detail::call;

Notification Session::open_notification(ObjectType type) const { return open_notification({type}); }

Notification Session::open_notification(std::initializer_list<ObjectType> types) const {
  return open_notification(std::vector<ObjectType>(types));
}

Notification Session::open_notification(const std::vector<ObjectType>& types) const {
  std::vector<std::uint32_t> numbers;
  numbers.reserve(types.size());
  for (auto type : types) {
    numbers.push_back(value(type));
  }
  auto rs = call([&] {
    return handle().rs->open_notification(rust::Slice<const std::uint32_t>(numbers.data(), numbers.size()));
  });
  return Notification(std::make_unique<Notification::Handle>(Notification::Handle{std::move(rs)}));
}

Notification::Notification(std::unique_ptr<Handle> handle) noexcept : handle_(std::move(handle)) {}

Notification::Notification(Notification&& other) noexcept = default;

Notification& Notification::operator=(Notification&& other) noexcept {
  if (this != &other) {
    close();
    handle_ = std::move(other.handle_);
  }
  return *this;
}

Notification::~Notification() { close(); }

const Notification::Handle& Notification::handle() const {
  if (!handle_) {
    throw InvalidHandleError("the notification was moved from");
  }
  return *handle_;
}

std::optional<Event> Notification::wait(std::chrono::milliseconds timeout) const {
  const auto result = call([&] { return handle().rs->wait(detail::to_wait(timeout)); });
  return result.present ? std::optional<Event>(detail::from_ffi(result.event)) : std::nullopt;
}

Event Notification::wait() const {
  // An infinite wait ends with an event or an error, never empty.
  return detail::from_ffi(call([&] { return handle().rs->wait(detail::to_wait(infinite)); }).event);
}

std::optional<Event> Notification::try_next() const {
  const auto result = call([&] { return handle().rs->try_next(); });
  return result.present ? std::optional<Event>(detail::from_ffi(result.event)) : std::nullopt;
}

std::size_t Notification::pending() const {
  return call([&] { return handle().rs->pending(); });
}

std::vector<ObjectType> Notification::object_types() const {
  const auto numbers = call([&] { return handle().rs->object_types(); });
  std::vector<ObjectType> out;
  out.reserve(numbers.size());
  for (auto n : numbers) {
    out.push_back(detail::to_enum<ObjectType>(n));
  }
  return out;
}

void Notification::close() noexcept {
  if (handle_) {
    try {
      handle_->rs->close();
    } catch (...) {  // NOLINT(bugprone-empty-catch): closing reports nothing; it is closed either way.
    }
  }
}

bool Notification::is_closed() const {
  if (!handle_) {
    return true;
  }
  return call([&] { return handle_->rs->is_closed(); });
}

Listener::Listener(Notification notification, Callback on_event, ErrorCallback on_error)
    : notification_(std::move(notification)),
      on_event_(std::move(on_event)),
      on_error_(std::move(on_error)),
      thread_([this] { run(); }) {}

Listener::~Listener() { stop(); }

void Listener::run() {
  for (;;) {
    try {
      const Event event = notification_.wait();
      on_event_(event);
    } catch (...) {
      // A wait woken by stop() is the normal end, not an error.
      if (!stopping_.load() && on_error_) {
        try {
          on_error_(std::current_exception());
        } catch (...) {  // NOLINT(bugprone-empty-catch): nothing is left to tell.
        }
      }
      running_.store(false);
      return;
    }
  }
}

void Listener::stop() noexcept {
  stopping_.store(true);
  notification_.close();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) {
    thread_.join();
  }
}

}  // namespace openrsm
