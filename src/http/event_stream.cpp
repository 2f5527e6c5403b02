#include "http/event_stream.hpp"

#include <utility>

namespace satupintu::http {

EventStream::Frame EventStream::Format(std::string_view event, std::string_view data, std::string_view id) {
    std::string out;
    out.reserve(data.size() + event.size() + id.size() + 32);
    if (!id.empty()) out.append("id: ").append(id).append("\n");
    if (!event.empty()) out.append("event: ").append(event).append("\n");
    size_t i = 0;
    for (;;) {
        const size_t nl = data.find('\n', i);
        out.append("data: ").append(data.substr(i, nl == std::string_view::npos ? nl : nl - i)).append("\n");
        if (nl == std::string_view::npos) break;
        i = nl + 1;
    }
    out.append("\n");
    return std::make_shared<const std::string>(std::move(out));
}

void EventStream::Publish(Frame frame) {
    std::function<void()> wake;
    {
        std::lock_guard lock(mu_);
        if (closed_) return;
        pending_ = std::move(frame);
        wake = wake_;
    }
    if (wake) wake();
}

EventStream::Frame EventStream::Take() {
    std::lock_guard lock(mu_);
    return std::exchange(pending_, nullptr);
}

void EventStream::OnPublish(std::function<void()> wake) {
    std::lock_guard lock(mu_);
    wake_ = std::move(wake);
}

void EventStream::Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    pending_.reset();
    wake_ = nullptr;
}

bool EventStream::closed() const {
    std::lock_guard lock(mu_);
    return closed_;
}

}  // namespace satupintu::http
