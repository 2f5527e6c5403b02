// A server-sent event stream (text/event-stream) as a plain value, so that producers never see
// Asio. A handler returns one in Response::stream; the server writes the header, then whatever
// is published, until the client leaves or the server stops.
//
// Latest wins: a frame published while the previous one is still unsent replaces it. That suits
// snapshots (a dashboard sends its whole state each time) and bounds the memory a slow client
// can hold to one frame. Thread-safe: producers publish from any thread.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace satupintu::http {

class EventStream {
  public:
    using Frame = std::shared_ptr<const std::string>;

    // Formats one event: "id: ..\nevent: ..\ndata: ..\n\n" (data split on newlines).
    static Frame Format(std::string_view event, std::string_view data, std::string_view id = {});

    void Publish(Frame frame);
    // The unsent frame, if any (the server's side).
    Frame Take();
    // Called (from the publishing thread) whenever a frame is published; the server's wake-up.
    void OnPublish(std::function<void()> wake);
    // The client is gone: producers may drop the stream.
    void Close();
    bool closed() const;

  private:
    mutable std::mutex mu_;
    Frame pending_;
    std::function<void()> wake_;
    bool closed_ = false;
};

}  // namespace satupintu::http
