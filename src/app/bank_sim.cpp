#include "app/bank_sim.hpp"

#include <curl/curl.h>

#include <chrono>
#include <memory>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"

namespace satupintu::app {

namespace {

size_t Collect(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

struct Reply {
    long status = 0;
    std::string body;
};

// One signed request on the bank channel.
Result<Reply> Signed(const BankRequest& r, const std::string& method, const std::string& path, const std::string& query,
                     const std::string& body) {
    const auto secret = crypto::HexDecode(r.secret_hex);
    if (!secret || secret->size() != 32) return Err(Errc::kInvalidInput, "--secret: 64 hex digits");
    crypto::Key32 key;
    std::copy(secret->begin(), secret->end(), key.begin());
    const std::string ts = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    const std::string signature = crypto::HmacSha256Hex(key, ts + "." + (method == "GET" ? query : body));
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);
    if (!h) return Err(Errc::kInternal, "libcurl");
    const std::string url = r.url + path + (query.empty() ? "" : "?" + query);
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("X-Bank-Id: " + r.bank).c_str());
    headers = curl_slist_append(headers, ("X-Bank-Timestamp: " + ts).c_str());
    headers = curl_slist_append(headers, ("X-Bank-Signature: " + signature).c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    Reply reply;
    curl_easy_setopt(h.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h.get(), CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &reply.body);
    if (method == "POST") {
        curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    const CURLcode rc = curl_easy_perform(h.get());
    curl_slist_free_all(headers);
    if (rc != CURLE_OK)
        return Err(Errc::kUnavailable, "cannot reach the server at " + r.url + " (" + curl_easy_strerror(rc) +
                                           "); point to it with --url, or with server.listen in --config or "
                                           "SATUPINTU_LISTEN as the server was started");
    curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

Status Refused(const Reply& reply) {
    return Err(reply.status == 409 ? Errc::kConflict : Errc::kInvalidInput,
               "the server refused (HTTP " + std::to_string(reply.status) + "): " + reply.body);
}

}  // namespace

Status BankPay(const BankRequest& r, std::ostream& out) {
    const std::string base = "/api/v1/regions/" + r.region + "/payments/";
    SP_ASSIGN(auto inquiry, Signed(r, "GET", base + "inquiry", "kode_bayar=" + r.kode_bayar, ""));
    if (inquiry.status != 200) return Refused(inquiry);
    SP_ASSIGN(auto bill, ParseJsonObject(inquiry.body));
    out << "tagihan " << r.kode_bayar << ": " << ToJson(bill) << "\n";
    const int64_t amount = r.amount ? *r.amount : bill.at("amount").as_int64();
    const std::string txn = r.txn_id.empty() ? "SIM-" + NewId() : r.txn_id;
    const json::object notice{{"kode_bayar", r.kode_bayar},
                              {"amount", amount},
                              {"bank_txn_id", txn},
                              {"paid_at", IsoWithOffset(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                            std::chrono::system_clock::now().time_since_epoch())
                                                            .count(),
                                                        420)}};
    SP_ASSIGN(auto paid, Signed(r, "POST", base + "callback", "", ToJson(notice)));
    if (paid.status != 200) return Refused(paid);
    out << "dibayar: " << paid.body << "\n";
    return Status::Ok();
}

Status BankReverse(const BankRequest& r, const std::string& reason, std::ostream& out) {
    const json::object body{{"bank_txn_id", r.txn_id}, {"reason", reason}};
    SP_ASSIGN(auto reply, Signed(r, "POST", "/api/v1/regions/" + r.region + "/payments/reversal", "", ToJson(body)));
    if (reply.status != 200) return Refused(reply);
    out << "dibatalkan: " << reply.body << "\n";
    return Status::Ok();
}

}  // namespace satupintu::app
