// The simulated bank: pays a bill the way a bank's system would, through the region's real
// signed channel (inquiry, then the payment callback), so the whole flow runs on one machine.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "core/result.hpp"

namespace satupintu::app {

struct BankRequest {
    std::string url;     // the server, e.g. http://127.0.0.1:8080
    std::string region;  // 36.04
    std::string bank;    // the channel, e.g. BANKSIM
    std::string secret_hex;
    std::string kode_bayar;
    std::optional<int64_t> amount;  // default: what the inquiry says is owed
    std::string txn_id;             // default: a new one
};

// Inquiry + payment. Prints the bank's view; an error when the server refuses.
Status BankPay(const BankRequest& r, std::ostream& out);
// Reverses a payment by its bank transaction id.
Status BankReverse(const BankRequest& r, const std::string& reason, std::ostream& out);

}  // namespace satupintu::app
