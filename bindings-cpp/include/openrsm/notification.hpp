/// @file
/// @brief Notifications: Event, the RAII subscription Notification, and Listener, which calls a
/// function for every event on a thread of its own.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "openrsm/enums.hpp"
#include "openrsm/object_id.hpp"

namespace openrsm {

class Session;

/// One notification: what happened to which object.
struct Event {
  Operation operation = Operation::Update;  ///< Insert, update, delete, or request progress.
  ObjectType object_type = ObjectType::Unknown;  ///< The type of the object.
  ObjectId object_id;                       ///< The object.
  std::uint64_t sequence = 0;               ///< Service-wide number: one more per event, in commit order.
};

/// A subscription to the notifications of some object types (`OpenNtmsNotification`), made by
/// Session::open_notification and closed by its destructor (`CloseNtmsNotification`).
///
/// Every member function may be called from any thread; close() from one thread wakes a wait()
/// blocked in another. A subscriber that falls so far behind that its queue overflows is told so:
/// its next wait throws NoDataError (re-read the state you care about and subscribe again).
/// Closing the session closes its notifications: waits then throw InvalidHandleError.
///
/// @code
/// auto media = session.open_notification(openrsm::ObjectType::PhysicalMedia);
/// while (auto event = media.wait(std::chrono::seconds(5))) {
///   std::cout << event->operation << ' ' << event->object_id << '\n';
/// }
/// @endcode
class Notification {
 public:
  /// Move the subscription; the moved-from object is empty and its calls throw InvalidHandleError.
  Notification(Notification&& other) noexcept;
  /// Close this subscription and take `other`'s.
  Notification& operator=(Notification&& other) noexcept;
  Notification(const Notification&) = delete;
  Notification& operator=(const Notification&) = delete;
  /// Closes the subscription.
  ~Notification();

  /// The next event, waiting at most `timeout` (openrsm::infinite: until one arrives); none when
  /// the time passes.
  /// @throws NoDataError when the subscriber fell behind; InvalidHandleError once closed.
  std::optional<Event> wait(std::chrono::milliseconds timeout) const;
  /// The next event, waiting as long as it takes.
  /// @throws NoDataError when the subscriber fell behind; InvalidHandleError once closed.
  Event wait() const;
  /// The next event if one is queued, without waiting.
  std::optional<Event> try_next() const;
  /// How many events are queued and not yet taken.
  std::size_t pending() const;
  /// The object types it receives (empty: all).
  std::vector<ObjectType> object_types() const;
  /// End the subscription; idempotent. Waiters wake with InvalidHandleError.
  void close() noexcept;
  /// Whether it is closed, by itself or by its session.
  bool is_closed() const;

  /// The bridge handle (internal).
  struct Handle;

 private:
  friend class Session;
  explicit Notification(std::unique_ptr<Handle> handle) noexcept;
  const Handle& handle() const;
  std::unique_ptr<Handle> handle_;
};

/// Calls a function for every event of a Notification, on a thread of its own, until it is
/// destroyed or stopped.
///
/// Destroying (or stop()ping) it closes the notification, which wakes the thread, and joins it.
/// The thread also ends when a wait fails (NoDataError when it fell behind, InvalidHandleError when
/// the session closed) or the callback throws: `on_error` then receives the exception. Do not
/// destroy a Listener from its own callback.
///
/// @code
/// openrsm::Listener listener(session.open_notification(openrsm::ObjectType::MediaPool),
///                            [](const openrsm::Event& e) { std::cout << e.object_id << '\n'; });
/// @endcode
class Listener {
 public:
  /// Called with each event, on the listener's thread.
  using Callback = std::function<void(const Event&)>;
  /// Called once, on the listener's thread, with the error that ended it.
  using ErrorCallback = std::function<void(std::exception_ptr)>;

  /// Start a thread that calls `on_event` for every event of `notification`.
  Listener(Notification notification, Callback on_event, ErrorCallback on_error = nullptr);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  Listener(Listener&&) = delete;
  Listener& operator=(Listener&&) = delete;
  /// stop().
  ~Listener();

  /// Close the notification and wait for the thread to end; idempotent. From the callback itself
  /// it only closes the notification: the thread ends when the callback returns.
  void stop() noexcept;
  /// Whether the thread is still taking events.
  bool running() const noexcept { return running_.load(); }

 private:
  void run();

  Notification notification_;
  Callback on_event_;
  ErrorCallback on_error_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> running_{true};
  std::thread thread_;
};

}  // namespace openrsm
