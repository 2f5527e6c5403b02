// Notifications leave through the outbox: email to a real SMTP server (aiosmtpd, started here
// on loopback), webhooks signed with HMAC-SHA256, and messages that survive a restart while the
// mail server is down.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "core/crypto.hpp"
#include "support/api_fixture.hpp"

extern char** environ;

namespace satupintu::testing {
namespace {

uint16_t FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

// aiosmtpd (Debian's python3-aiosmtpd) writing every message into a maildir.
class SmtpSink {
  public:
    SmtpSink() : port_(FreePort()), dir_(TempDir("smtp-sink")) {
        const std::string listen = "127.0.0.1:" + std::to_string(port_);
        const std::string maildir = dir_ + "/mail";
        const char* argv[] = {
            "/usr/bin/python3", "-m",   "aiosmtpd", "-n", "-l", listen.c_str(), "-c", "aiosmtpd.handlers.Mailbox",
            maildir.c_str(),    nullptr};
        if (::posix_spawn(&pid_, argv[0], nullptr, nullptr, const_cast<char**>(argv), environ) != 0) pid_ = -1;
        // Wait until it accepts connections.
        for (int i = 0; i < 100 && !Accepting(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ~SmtpSink() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    bool Accepting() const {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port_);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        return ok;
    }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
    // Every message received so far, whole.
    std::vector<std::string> Messages() const {
        std::vector<std::string> out;
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(dir_ + "/mail/new", ec)) {
            std::ifstream in(e.path());
            std::stringstream s;
            s << in.rdbuf();
            out.push_back(s.str());
        }
        return out;
    }
    // Waits for a message containing `needle`.
    std::optional<std::string> WaitFor(const std::string& needle, int seconds) const {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < until) {
            for (const auto& m : Messages())
                if (m.find(needle) != std::string::npos) return m;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return std::nullopt;
    }

  private:
    uint16_t port_;
    std::string dir_;
    pid_t pid_ = -1;
};

std::string FileComplaint(uint16_t port, const std::string& description) {
    Session citizen = Login(port, "36.04", "warga@serang.satupintu.test", kPassword);
    auto r = PostJson(
        port, "/api/v1/complaints",
        json::serialize(json::object{
            {"service_code", "DRAINASE"}, {"description", description}, {"lat", -6.0401}, {"long", 106.112759}}),
        citizen.AuthHeaders());
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("number").as_string());
}

TEST(Notify, TheReporterGetsAnEmailThroughSmtp) {
    SmtpSink sink;
    ASSERT_TRUE(sink.Accepting()) << "aiosmtpd did not start (python3-aiosmtpd installed?)";
    auto config = TestConfig();
    config.smtp_url = sink.url();
    TestServer server(config);
    const std::string number = FileComplaint(server.port(), "Got depan rumah mampet");
    const auto mail = sink.WaitFor(number, 15);
    ASSERT_TRUE(mail.has_value()) << "no email arrived";
    EXPECT_NE(mail->find("To: warga@serang.satupintu.test"), std::string::npos);
    EXPECT_NE(mail->find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
    // Regression: the link lacked the region the tracking route needs (/lacak/NUMBER went nowhere).
    EXPECT_NE(mail->find(server.app().api().public_url + "/lacak/36.04/" + number), std::string::npos)
        << mail->substr(0, 1200);
}

TEST(Notify, MessagesSurviveARestartWhileTheMailServerIsDown) {
    auto config = TestConfig();
    config.smtp_url = "smtp://127.0.0.1:" + std::to_string(FreePort());  // nobody listens
    std::string number;
    {
        TestServer server(config);
        server.KeepData();
        number = FileComplaint(server.port(), "Banjir di perumahan setiap hujan");
        // Let the dispatcher fail once, so that the row carries its error.
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        int64_t attempts = 0;
        while (attempts == 0 && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            EXPECT_TRUE(server.app().store().Read([&](store::ReadTx& tx) -> Status {
                static constexpr store::GlobalSql kRow{
                    "SELECT COALESCE(MAX(attempts), 0) FROM outbox WHERE subject LIKE $1 AND sent_at IS NULL"};
                SP_ASSIGN(auto row, tx.QueryOne(kRow, "%" + number + "%"));
                attempts = row->Int(0);
                return Status::Ok();
            }));
        }
        ASSERT_GE(attempts, 1) << "the failed send was recorded";
    }
    SmtpSink sink;
    ASSERT_TRUE(sink.Accepting());
    config.smtp_url = sink.url();
    TestServer restarted(config, false);
    const bool delivered = sink.WaitFor(number, 20).has_value();
    std::string rows;
    EXPECT_TRUE(restarted.app().store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::GlobalSql kRows{"SELECT target, attempts, next_at, sent_at, last_error FROM outbox"};
        SP_ASSIGN(auto all, tx.Query(kRows));
        for (const auto& r : all)
            rows += r.Text(0) + " " + std::to_string(r.Int(1)) + " " + std::to_string(r.Int(2)) + " " +
                    (r.IsNull(3) ? "-" : "sent") + " " + (r.IsNull(4) ? "" : r.Text(4)) + "\n";
        return Status::Ok();
    }));
    EXPECT_TRUE(delivered) << "the queued message went out after the restart\n" << rows;
}

// Accepts one HTTP request on loopback and answers 200.
class OneShotHttp {
  public:
    OneShotHttp() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socklen_t len = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        ::listen(fd_, 4);
        thread_ = std::thread([this] {
            const int c = ::accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            std::string data;
            char buf[4096];
            while (true) {
                const ssize_t n = ::recv(c, buf, sizeof buf, 0);
                if (n <= 0) break;
                data.append(buf, static_cast<size_t>(n));
                const auto end = data.find("\r\n\r\n");
                if (end == std::string::npos) continue;
                const auto cl = data.find("Content-Length: ");
                const size_t len = cl == std::string::npos ? 0 : std::stoul(data.substr(cl + 16));
                if (data.size() >= end + 4 + len) break;
            }
            const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            ::send(c, ok.data(), ok.size(), 0);
            ::close(c);
            std::lock_guard lock(mu_);
            request_ = data;
        });
    }
    ~OneShotHttp() {
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        if (thread_.joinable()) thread_.join();
    }
    uint16_t port() const { return port_; }
    std::string request() {
        std::lock_guard lock(mu_);
        return request_;
    }

  private:
    int fd_;
    uint16_t port_ = 0;
    std::thread thread_;
    std::mutex mu_;
    std::string request_;
};

std::string HeaderOf(const std::string& request, const std::string& name) {
    const auto at = request.find(name + ": ");
    if (at == std::string::npos) return "";
    return request.substr(at + name.size() + 2, request.find("\r\n", at) - at - name.size() - 2);
}

TEST(Notify, WebhooksAreSignedWithTheSubscriptionSecret) {
    OneShotHttp receiver;
    TestServer server(TestConfig());
    const std::string secret(64, 'b');
    Session admin = Login(server.port(), "36.04", "admin@serang.satupintu.test", kPassword);
    auto added =
        PostJson(server.port(), "/api/v1/webhooks",
                 json::serialize(json::object{{"url", "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook"},
                                              {"secret", secret}}),
                 admin.AuthHeaders());
    ASSERT_EQ(added.status, 201) << added.body;
    const std::string number = FileComplaint(server.port(), "Air selokan meluap");
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (receiver.request().empty() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string request = receiver.request();
    ASSERT_FALSE(request.empty()) << "no webhook arrived";
    const std::string body = request.substr(request.find("\r\n\r\n") + 4);
    EXPECT_NE(body.find(number), std::string::npos);
    EXPECT_EQ(HeaderOf(request, "X-SatuPintu-Event"), "case.filed");
    crypto::Key32 key{};
    const auto raw = *crypto::HexDecode(secret);
    std::copy(raw.begin(), raw.end(), key.begin());
    const std::string ts = HeaderOf(request, "X-SatuPintu-Timestamp");
    EXPECT_EQ(HeaderOf(request, "X-SatuPintu-Signature"), "sha256=" + crypto::HmacSha256Hex(key, ts + "." + body));
    EXPECT_EQ(
        PostJson(server.port(), "/api/v1/webhooks", R"({"url":"ftp://x","secret":"00"})", admin.AuthHeaders()).status,
        400);
}

// Waits up to 15 s for `ready`.
template <typename F>
bool WaitFor(F ready) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!ready() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return ready();
}

TEST(Notify, OneTimeCodesReachTheSmsGatewayWithItsToken) {
    OneShotHttp gateway;
    app::Config config = TestConfig();
    config.sms_url = "http://127.0.0.1:" + std::to_string(gateway.port()) + "/kirim";
    config.sms_token = "token-gerbang-sms";
    TestServer server(config);
    auto sent = PostJson(server.port(), "/api/v1/regions/36.04/complaints/phone-code",
                         R"({"phone":"0812-7777-0001","channel":"whatsapp"})");
    ASSERT_EQ(sent.status, 202) << sent.body;
    ASSERT_TRUE(WaitFor([&] { return !gateway.request().empty(); })) << "nothing reached the gateway";
    const std::string request = gateway.request();
    EXPECT_EQ(request.rfind("POST /kirim ", 0), 0u) << request;
    EXPECT_EQ(HeaderOf(request, "Authorization"), "Bearer token-gerbang-sms");
    const json::value message = json::parse(request.substr(request.find("\r\n\r\n") + 4));
    EXPECT_EQ(message.at("channel"), "whatsapp");
    EXPECT_EQ(message.at("to"), "+6281277770001");
    EXPECT_TRUE(std::regex_search(std::string(message.at("text").as_string()), std::regex("\\b[0-9]{6}\\b")));
}

TEST(Notify, TheLocalSinkAppendsEachMessageAsAJsonLine) {
    const std::string dir = TempDir("sms-sink");
    app::Config config = TestConfig();
    config.sms_url = "file://" + dir + "/sms.ndjson";
    TestServer server(config);
    for (const char* phone : {"081277770002", "081277770003"}) {
        ASSERT_EQ(PostJson(server.port(), "/api/v1/regions/36.04/complaints/phone-code",
                           json::serialize(json::object{{"phone", phone}}))
                      .status,
                  202);
    }
    const auto lines = [&] {
        std::vector<json::value> out;
        std::ifstream in(dir + "/sms.ndjson");
        for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
        return out;
    };
    ASSERT_TRUE(WaitFor([&] { return lines().size() == 2; })) << lines().size();
    std::set<std::string> to;
    for (const auto& m : lines()) {
        EXPECT_EQ(m.at("channel"), "sms");
        to.emplace(m.at("to").as_string());
    }
    EXPECT_EQ(to, (std::set<std::string>{"+6281277770002", "+6281277770003"}));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace satupintu::testing
