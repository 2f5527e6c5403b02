// Live views pushed to their subscribers, fed by projections and never by scanning history.
//
// A topic (a region's dashboard) has subscribers (server-sent event streams) and a renderer that
// computes its current state from projections. One background thread asks a cheap probe which
// topics changed (for the dashboards: each region's event-log head, one small query for every
// region) every `interval`, renders each changed topic that has subscribers once, and publishes
// the same frame to all of them. A topic is also re-rendered every `refresh` even when nothing
// was written, since time alone moves some numbers (cases fall overdue, the day turns).
//
// So the cost of a write is nothing here, the cost of a tick is one probe plus one render per
// changed watched topic, and a thousand subscribers share one rendering.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "http/event_stream.hpp"

namespace satupintu::live {

struct FeedOptions {
    std::chrono::milliseconds interval{250};
    std::chrono::milliseconds refresh{30000};
    std::string event = "summary";  // the SSE event name of each frame
};

class Feed {
  public:
    // The topic's current state as JSON text; an error for a topic that does not exist.
    using Render = std::function<Result<std::string>(const std::string& topic)>;
    // A version token per topic; a topic whose token changed is rendered again.
    using Probe = std::function<Result<std::map<std::string, std::string>>()>;

    Feed(Render render, Probe probe, FeedOptions options = {});
    ~Feed();
    Feed(const Feed&) = delete;
    Feed& operator=(const Feed&) = delete;

    void Start();
    void Stop();

    // A stream for `topic` with its current state already queued.
    Result<std::shared_ptr<http::EventStream>> Subscribe(const std::string& topic);

    struct Stats {
        int64_t subscribers = 0;
        int64_t renders = 0;
    };
    Stats stats() const;

    // One tick, for tests and benchmarks that drive the feed themselves.
    void Tick();

  private:
    struct Topic {
        std::vector<std::weak_ptr<http::EventStream>> streams;
        std::string version;
        http::EventStream::Frame frame;
        std::chrono::steady_clock::time_point rendered{};
        uint64_t sequence = 0;
    };
    http::EventStream::Frame Frame(Topic& t, const std::string& json);
    void Run();

    Render render_;
    Probe probe_;
    FeedOptions options_;
    mutable std::mutex mu_;  // guards topics_, stopping_, renders_
    std::condition_variable cv_;
    std::map<std::string, Topic> topics_;
    bool stopping_ = false;
    int64_t renders_ = 0;
    std::mutex tick_mu_;  // one tick at a time
    std::thread thread_;
};

}  // namespace satupintu::live
