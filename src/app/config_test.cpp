#include "app/config.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace satupintu::app {
namespace {

TEST(Config, TomlFileThenEnvironment) {
    const auto path = std::filesystem::temp_directory_path() / "satupintu-config-test.toml";
    std::ofstream(path) << "[store]\ndata = \"/srv/satupintu\"\n"
                           "[server]\nlisten = \"0.0.0.0:9090\"\nmax_connections = 500\ntrust_proxy = true\n"
                           "[security]\nip_rate_per_s = 7.5\n";
    ::unsetenv("SATUPINTU_DATA");
    ::setenv("SATUPINTU_LISTEN", "127.0.0.1:7070", 1);
    auto c = LoadConfig(path.string());
    ::unsetenv("SATUPINTU_LISTEN");
    std::filesystem::remove(path);
    ASSERT_TRUE(c) << c.error().detail;
    EXPECT_EQ(c->data_dir, "/srv/satupintu");
    EXPECT_EQ(c->listen, "127.0.0.1:7070") << "the environment wins over the file";
    EXPECT_EQ(c->max_connections, 500);
    EXPECT_TRUE(c->trust_proxy);
    EXPECT_DOUBLE_EQ(c->ip_rate_per_s, 7.5);
    EXPECT_EQ(c->db_url, "");
}

TEST(Config, ABrokenFileIsAnError) {
    const auto path = std::filesystem::temp_directory_path() / "satupintu-config-bad.toml";
    std::ofstream(path) << "[store\ndata = ";
    auto c = LoadConfig(path.string());
    std::filesystem::remove(path);
    EXPECT_FALSE(c);
}

TEST(Config, ListenAddresses) {
    std::string host;
    uint16_t port = 0;
    ASSERT_TRUE(SplitListen("localhost:8080", &host, &port));
    EXPECT_EQ(host, "127.0.0.1");
    EXPECT_EQ(port, 8080);
    ASSERT_TRUE(SplitListen("[::1]:80", &host, &port));
    EXPECT_EQ(host, "::1");
    EXPECT_FALSE(SplitListen("nonsense", &host, &port));
    EXPECT_FALSE(SplitListen("h:70000", &host, &port));
}

}  // namespace
}  // namespace satupintu::app
