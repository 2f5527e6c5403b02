// Bills and payments: nothing is paid in cash to a person. A bill carries a billing code (kode
// bayar) and an expiry; a bank reports a payment through a signed callback, idempotent on its
// transaction id; the amount must match; the receipt number (NTPD) is ours. Reversals undo a
// payment; reconciliation matches bills, payments and a bank statement and names every mismatch.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "identity/nik_vault.hpp"
#include "store/store.hpp"
#include "taxes/rules.hpp"

namespace satupintu::billing {

struct Bill {
    std::string id;
    std::optional<std::string> case_id;
    std::string kode_bayar;
    taxes::Rupiah amount = 0;
    std::string description;
    std::string rule;
    std::string status;  // unpaid, paid
    int64_t issued_at = 0;
    int64_t expires_at = 0;
    std::optional<int64_t> paid_at;
    std::optional<std::string> payment_id;
};

struct Payment {
    std::string id;
    std::string bill_id;
    std::string bank;
    std::string bank_txn_id;
    taxes::Rupiah amount = 0;
    int64_t paid_at = 0;
    int64_t received_at = 0;
    std::string ntpd;
    std::string status;  // settled, reversed
};

// The Luhn check digit completes a kode bayar; a mistyped digit is caught at the bank's counter.
char LuhnDigit(std::string_view digits);
bool ValidKodeBayar(std::string_view kode);

// Issues a bill (kode bayar from the tenant's yearly serial); appends "bill.issued".
Result<Bill> CreateBill(store::WriteTx& tx, const store::TenantId& tenant, const std::optional<std::string>& case_id,
                        taxes::Rupiah amount, const std::string& description, const std::string& rule,
                        int64_t expires_at, int64_t now_ms, int tz_offset_minutes);

struct Notice {
    std::string bank;
    std::string kode_bayar;
    taxes::Rupiah amount = 0;
    std::string bank_txn_id;
    int64_t paid_at = 0;
};

struct Outcome {
    Bill bill;
    Payment payment;
    bool replay = false;  // this transaction id was already recorded: nothing changed
};

// Records a payment. A repeated bank_txn_id answers the first outcome and changes nothing; an
// unknown code is kNotFound; a different amount is kInvalidInput (field "amount"); a bill paid
// by another transaction, or expired, is kConflict. Appends "payment.received".
Result<Outcome> RecordPayment(store::WriteTx& tx, const store::TenantId& tenant, const Notice& n, int64_t now_ms,
                              int tz_offset_minutes);

// Reverses a settled payment (the bill is unpaid again); appends "payment.reversed".
Result<Outcome> Reverse(store::WriteTx& tx, const store::TenantId& tenant, const std::string& bank,
                        const std::string& bank_txn_id, const std::string& reason, int64_t now_ms,
                        int tz_offset_minutes);

Result<std::optional<Bill>> FindBillByKode(store::ReadTx& tx, const store::TenantId& tenant, const std::string& kode);
Result<std::vector<Bill>> BillsOfCase(store::ReadTx& tx, const store::TenantId& tenant, const std::string& case_id);
Result<std::optional<Payment>> FindPayment(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id);

// A bank channel's callback secret: created once (printed once), sealed at rest.
Result<std::string> CreateChannel(store::WriteTx& tx, const store::TenantId& tenant, const std::string& bank,
                                  const identity::NikVault& vault, int64_t now_ms, const std::string& actor);
Result<bool> HasChannel(store::ReadTx& tx, const store::TenantId& tenant, const std::string& bank);
Result<std::optional<crypto::Key32>> ChannelSecret(store::ReadTx& tx, const store::TenantId& tenant,
                                                   const std::string& bank, const identity::NikVault& vault);

// One line of a bank statement.
struct StatementLine {
    std::string bank_txn_id;
    std::string kode_bayar;
    taxes::Rupiah amount = 0;
};

struct Mismatch {
    std::string kind;  // not_in_statement, not_recorded, amount_differs, reversed_but_settled, unknown_bill
    std::string bank_txn_id;
    std::string kode_bayar;
    taxes::Rupiah ours = 0;
    taxes::Rupiah theirs = 0;
};

struct Reconciliation {
    std::string bank;
    std::string day;
    int64_t matched = 0;
    taxes::Rupiah matched_amount = 0;
    std::vector<Mismatch> mismatches;
};

// Parses a statement CSV with a header naming bank_txn_id, kode_bayar, amount (in any order).
Result<std::vector<StatementLine>> ParseStatement(std::string_view csv);

// Matches the bank's settled payments of the civil day (paid_at) against the statement.
Result<Reconciliation> Reconcile(store::ReadTx& tx, const store::TenantId& tenant, const std::string& bank,
                                 const std::string& day, int tz_offset_minutes,
                                 const std::vector<StatementLine>& statement);

}  // namespace satupintu::billing
