#include "live/feed.hpp"

#include <algorithm>

#include "core/log.hpp"

namespace satupintu::live {

Feed::Feed(Render render, Probe probe, FeedOptions options)
    : render_(std::move(render)), probe_(std::move(probe)), options_(std::move(options)) {}

Feed::~Feed() {
    Stop();
}

void Feed::Start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this] { Run(); });
}

void Feed::Stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

http::EventStream::Frame Feed::Frame(Topic& t, const std::string& json) {
    return http::EventStream::Format(options_.event, json, std::to_string(++t.sequence));
}

Result<std::shared_ptr<http::EventStream>> Feed::Subscribe(const std::string& topic) {
    auto stream = std::make_shared<http::EventStream>();
    {
        std::lock_guard lock(mu_);
        auto it = topics_.find(topic);
        if (it != topics_.end() && it->second.frame) {
            stream->Publish(it->second.frame);
            it->second.streams.push_back(stream);
            return stream;
        }
    }
    // Not watched yet: render outside the lock, then join (a tick may have rendered meanwhile).
    SP_ASSIGN(std::string json, render_(topic));
    std::lock_guard lock(mu_);
    ++renders_;
    Topic& t = topics_[topic];
    if (!t.frame) {
        t.frame = Frame(t, json);
        t.rendered = std::chrono::steady_clock::now();
    }
    stream->Publish(t.frame);
    t.streams.push_back(stream);
    return stream;
}

Feed::Stats Feed::stats() const {
    std::lock_guard lock(mu_);
    Stats s;
    s.renders = renders_;
    for (const auto& [_, t] : topics_) {
        for (const auto& w : t.streams) {
            if (auto p = w.lock(); p && !p->closed()) ++s.subscribers;
        }
    }
    return s;
}

void Feed::Tick() {
    std::lock_guard tick(tick_mu_);
    // Which topics are watched (dropping streams whose clients left, and unwatched topics).
    std::vector<std::string> watched;
    {
        std::lock_guard lock(mu_);
        for (auto it = topics_.begin(); it != topics_.end();) {
            auto& streams = it->second.streams;
            streams.erase(std::remove_if(streams.begin(), streams.end(),
                                         [](const auto& w) {
                                             auto p = w.lock();
                                             return !p || p->closed();
                                         }),
                          streams.end());
            if (streams.empty()) {
                it = topics_.erase(it);
            } else {
                watched.push_back(it->first);
                ++it;
            }
        }
    }
    if (watched.empty()) return;
    auto versions = probe_();
    if (!versions) {
        log::Warn("live feed probe failed", {{"error", versions.error().detail}});
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    for (const auto& topic : watched) {
        const auto v = versions->find(topic);
        const std::string version = v == versions->end() ? "" : v->second;
        {
            std::lock_guard lock(mu_);
            auto it = topics_.find(topic);
            if (it == topics_.end()) continue;
            if (it->second.version == version && now - it->second.rendered < options_.refresh) continue;
        }
        auto json = render_(topic);
        if (!json) {
            log::Warn("live feed render failed", {{"topic", topic}, {"error", json.error().detail}});
            continue;
        }
        std::vector<std::shared_ptr<http::EventStream>> targets;
        http::EventStream::Frame frame;
        {
            std::lock_guard lock(mu_);
            ++renders_;
            auto it = topics_.find(topic);
            if (it == topics_.end()) continue;
            Topic& t = it->second;
            t.version = version;
            t.rendered = now;
            t.frame = frame = Frame(t, *json);
            for (const auto& w : t.streams) {
                if (auto p = w.lock()) targets.push_back(std::move(p));
            }
        }
        for (const auto& s : targets) s->Publish(frame);
    }
}

void Feed::Run() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, options_.interval, [this] { return stopping_; })) {
        lock.unlock();
        Tick();
        lock.lock();
    }
}

}  // namespace satupintu::live
