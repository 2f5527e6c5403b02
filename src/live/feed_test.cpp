// The live feed: subscribers share one rendering, a changed version is pushed to every
// subscriber, an unchanged one is not rendered again, and streams whose clients left are dropped.
#include "live/feed.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace satupintu::live {
namespace {

struct World {
    std::mutex mu;  // the feed's thread reads the versions while a test changes them
    std::map<std::string, std::string> versions{{"a", "1"}, {"b", "1"}};
    std::atomic<int> renders{0};
    void Set(const std::string& topic, const std::string& v) {
        std::lock_guard lock(mu);
        versions[topic] = v;
    }
    Feed feed{[this](const std::string& topic) -> Result<std::string> {
                  std::lock_guard lock(mu);
                  if (!versions.contains(topic)) return Err(Errc::kNotFound, "no such topic");
                  ++renders;
                  return "{\"topic\":\"" + topic + "\",\"v\":" + versions[topic] + "}";
              },
              [this]() -> Result<std::map<std::string, std::string>> {
                  std::lock_guard lock(mu);
                  return versions;
              },
              FeedOptions{std::chrono::milliseconds(10), std::chrono::hours(1)}};
};

TEST(EventStream, FormatsOneEventPerBlankLine) {
    EXPECT_EQ(*http::EventStream::Format("summary", "{\"a\":1}", "7"), "id: 7\nevent: summary\ndata: {\"a\":1}\n\n");
    EXPECT_EQ(*http::EventStream::Format("", "x\ny"), "data: x\ndata: y\n\n");
}

TEST(EventStream, AnUnsentFrameIsReplacedByTheNext) {
    http::EventStream s;
    int woken = 0;
    s.OnPublish([&] { ++woken; });
    s.Publish(http::EventStream::Format("e", "1"));
    s.Publish(http::EventStream::Format("e", "2"));
    EXPECT_EQ(woken, 2);
    EXPECT_EQ(*s.Take(), "event: e\ndata: 2\n\n");
    EXPECT_FALSE(s.Take());
    s.Close();
    s.Publish(http::EventStream::Format("e", "3"));
    EXPECT_FALSE(s.Take());
    EXPECT_EQ(woken, 2);
}

TEST(Feed, SubscribersShareOneRenderingAndGetEachChange) {
    World w;
    auto s1 = w.feed.Subscribe("a");
    auto s2 = w.feed.Subscribe("a");
    ASSERT_TRUE(s1 && s2);
    EXPECT_EQ(w.renders, 1);
    const std::string first = *(*s1)->Take();
    EXPECT_NE(first.find("\"v\":1"), std::string::npos);
    EXPECT_EQ(*(*s2)->Take(), first);

    w.feed.Tick();  // the first tick learns the version (one render), then nothing changes
    const int after_first_tick = w.renders;
    (*s1)->Take();
    (*s2)->Take();
    w.feed.Tick();
    w.feed.Tick();
    EXPECT_EQ(w.renders, after_first_tick);
    EXPECT_FALSE((*s1)->Take());

    w.Set("a", "2");
    w.Set("b", "2");  // nobody watches b: not rendered
    w.feed.Tick();
    EXPECT_EQ(w.renders, after_first_tick + 1);
    const auto f1 = (*s1)->Take(), f2 = (*s2)->Take();
    ASSERT_TRUE(f1 && f2);
    EXPECT_EQ(f1, f2);  // the very same frame
    EXPECT_NE(f1->find("\"v\":2"), std::string::npos);

    EXPECT_FALSE(w.feed.Subscribe("nope"));
    EXPECT_EQ(w.feed.stats().subscribers, 2);
    (*s1)->Close();
    s2->reset();
    w.feed.Tick();
    EXPECT_EQ(w.feed.stats().subscribers, 0);
}

TEST(Feed, TheBackgroundThreadPushesChanges) {
    World w;
    w.feed.Start();
    auto s = w.feed.Subscribe("b");
    ASSERT_TRUE(s);
    (*s)->Take();
    w.Set("b", "9");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    http::EventStream::Frame f;
    while (std::chrono::steady_clock::now() < deadline) {
        if ((f = (*s)->Take()) && f->find("\"v\":9") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(f);
    EXPECT_NE(f->find("\"v\":9"), std::string::npos);
    w.feed.Stop();
}

}  // namespace
}  // namespace satupintu::live
