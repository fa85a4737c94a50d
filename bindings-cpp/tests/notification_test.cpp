// Notifications: waits with timeouts, RAII close, waking blocked waits, lagging subscribers, and
// listeners that run callbacks on their own thread and stop in their destructor.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "helpers.hpp"
#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

using namespace std::chrono_literals;
using testing::options_for;
using testing::SessionTest;
using testing::TempDir;

static_assert(!std::is_copy_constructible_v<Notification>);
static_assert(std::is_nothrow_move_constructible_v<Notification>);

TEST_F(SessionTest, WaitReturnsEventsThenNothingAfterTheTimeout) {
  auto pools = session.open_notification(ObjectType::MediaPool);
  EXPECT_EQ(pools.object_types(), std::vector<ObjectType>{ObjectType::MediaPool});
  EXPECT_EQ(pools.wait(10ms), std::nullopt);

  const auto pool = session.create_media_pool("Watched");
  const auto event = pools.wait(1s);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->operation, Operation::Insert);
  EXPECT_EQ(event->object_type, ObjectType::MediaPool);
  EXPECT_EQ(event->object_id, pool.id);
  EXPECT_EQ(event->sequence, session.last_sequence());

  session.delete_media_pool(pool.id);
  EXPECT_EQ(pools.pending(), 1u);
  const auto deleted = pools.try_next();
  ASSERT_TRUE(deleted.has_value());
  EXPECT_EQ(deleted->operation, Operation::Delete);
  EXPECT_EQ(deleted->sequence, event->sequence + 1);
  EXPECT_EQ(pools.try_next(), std::nullopt);
}

TEST_F(SessionTest, SubscriptionsFilterByType) {
  auto media = session.open_notification({ObjectType::PhysicalMedia, ObjectType::Partition});
  auto everything = session.open_notification();
  EXPECT_TRUE(everything.object_types().empty());
  session.create_media_pool("NotMedia");
  EXPECT_EQ(media.wait(50ms), std::nullopt);
  EXPECT_EQ(everything.wait(1s)->object_type, ObjectType::MediaPool);
}

TEST_F(SessionTest, CloseWakesABlockedWait) {
  auto pools = session.open_notification(ObjectType::MediaPool);
  auto waiter = std::async(std::launch::async, [&] { return pools.wait(); });
  EXPECT_EQ(waiter.wait_for(50ms), std::future_status::timeout);
  pools.close();
  EXPECT_THROW(waiter.get(), InvalidHandleError);
  EXPECT_TRUE(pools.is_closed());
}

TEST_F(SessionTest, ClosingTheSessionWakesBlockedWaits) {
  auto pools = session.open_notification(ObjectType::MediaPool);
  auto waiter = std::async(std::launch::async, [&] { return pools.wait(openrsm::infinite); });
  EXPECT_EQ(waiter.wait_for(50ms), std::future_status::timeout);
  session.close();
  EXPECT_THROW(waiter.get(), InvalidHandleError);
}

TEST_F(SessionTest, MovedNotificationsKeepTheSubscription) {
  auto first = session.open_notification(ObjectType::MediaPool);
  Notification second(std::move(first));
  session.create_media_pool("Moved");
  EXPECT_TRUE(second.wait(1s).has_value());
  EXPECT_TRUE(first.is_closed());  // NOLINT(bugprone-use-after-move): testing exactly that.
  EXPECT_THROW(first.wait(1ms), InvalidHandleError);
}

TEST(Notifications, ASubscriberThatFallsBehindIsToldSo) {
  TempDir home;
  auto options = options_for(home);
  options.notification_capacity = 2;
  Session session(options);
  auto pools = session.open_notification(ObjectType::MediaPool);
  for (int i = 0; i < 3; ++i) {
    session.create_media_pool("Burst" + std::to_string(i));
  }
  EXPECT_THROW(pools.wait(1s), NoDataError);
}

/// Collects what a listener reports.
struct Collected {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Event> events;
  std::exception_ptr error;

  bool wait_for_events(std::size_t n) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 10s, [&] { return events.size() >= n; });
  }
  bool wait_for_error() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 10s, [&] { return error != nullptr; });
  }
};

TEST_F(SessionTest, ListenerCallsBackForEachEventAndStopsInItsDestructor) {
  Collected got;
  std::vector<ObjectId> created;
  {
    Listener listener(
        session.open_notification(ObjectType::MediaPool),
        [&](const Event& e) {
          std::lock_guard lock(got.mutex);
          got.events.push_back(e);
          got.changed.notify_all();
        },
        [&](std::exception_ptr e) {
          std::lock_guard lock(got.mutex);
          got.error = e;
          got.changed.notify_all();
        });
    EXPECT_TRUE(listener.running());
    for (int i = 0; i < 3; ++i) {
      created.push_back(session.create_media_pool("Listened" + std::to_string(i)).id);
    }
    ASSERT_TRUE(got.wait_for_events(3));
  }
  std::lock_guard lock(got.mutex);
  ASSERT_EQ(got.events.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(got.events[i].object_id, created[i]);
    EXPECT_EQ(got.events[i].operation, Operation::Insert);
  }
  EXPECT_EQ(got.error, nullptr) << "stopping is not an error";
}

TEST_F(SessionTest, ListenerReportsTheErrorThatEndsIt) {
  Collected got;
  Listener listener(
      session.open_notification(ObjectType::MediaPool), [](const Event&) {},
      [&](std::exception_ptr e) {
        std::lock_guard lock(got.mutex);
        got.error = e;
        got.changed.notify_all();
      });
  session.close();
  ASSERT_TRUE(got.wait_for_error());
  EXPECT_THROW(std::rethrow_exception(got.error), InvalidHandleError);
  for (int i = 0; i < 100 && listener.running(); ++i) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_FALSE(listener.running());
}

TEST_F(SessionTest, ListenerStopsWhenItsCallbackThrowsAndMayStopFromTheCallback) {
  Collected got;
  Listener throwing(
      session.open_notification(ObjectType::MediaPool), [](const Event&) { throw std::runtime_error("callback"); },
      [&](std::exception_ptr e) {
        std::lock_guard lock(got.mutex);
        got.error = e;
        got.changed.notify_all();
      });
  std::atomic<int> calls{0};
  std::unique_ptr<Listener> self_stopping;
  self_stopping = std::make_unique<Listener>(session.open_notification(ObjectType::MediaPool), [&](const Event&) {
    ++calls;
    self_stopping->stop();
  });
  session.create_media_pool("One");
  session.create_media_pool("Two");
  ASSERT_TRUE(got.wait_for_error());
  EXPECT_THROW(std::rethrow_exception(got.error), std::runtime_error);
  for (int i = 0; i < 100 && self_stopping->running(); ++i) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_FALSE(self_stopping->running());
  EXPECT_EQ(calls.load(), 1);
  self_stopping.reset();
}

}  // namespace
}  // namespace openrsm
