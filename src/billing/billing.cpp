#include "billing/billing.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/csv.hpp"
#include "core/ids.hpp"
#include "events/event_log.hpp"

namespace satupintu::billing {

namespace {

using store::TenantSql;

constexpr TenantSql kNextSerial{
    "INSERT INTO case_serials(tenant, prefix, year, last) VALUES ($1, 'BILL', $2, 1) "
    "ON CONFLICT (tenant, prefix, year) DO UPDATE SET last = case_serials.last + 1 RETURNING last"};
constexpr TenantSql kInsertBill{
    "INSERT INTO bills(tenant, id, case_id, kode_bayar, amount, description, rule, status, issued_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, 'unpaid', $8, $9)"};
#define SP_BILL_COLS \
    "id, case_id, kode_bayar, amount, description, rule, status, issued_at, expires_at, paid_at, payment_id"
constexpr TenantSql kBillByKode{"SELECT " SP_BILL_COLS " FROM bills WHERE tenant = $1 AND kode_bayar = $2"};
constexpr TenantSql kBillById{"SELECT " SP_BILL_COLS " FROM bills WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kBillsOfCase{"SELECT " SP_BILL_COLS
                                 " FROM bills WHERE tenant = $1 AND case_id = $2 ORDER BY issued_at"};
constexpr TenantSql kPayBill{
    "UPDATE bills SET status = 'paid', paid_at = $3, payment_id = $4 WHERE tenant = $1 AND id = $2 "
    "AND status = 'unpaid'"};
constexpr TenantSql kUnpayBill{
    "UPDATE bills SET status = 'unpaid', paid_at = NULL, payment_id = NULL WHERE tenant = $1 AND id = $2"};
#define SP_PAY_COLS "id, bill_id, bank, bank_txn_id, amount, paid_at, received_at, ntpd, status"
constexpr TenantSql kPaymentByTxn{"SELECT " SP_PAY_COLS
                                  " FROM payments WHERE tenant = $1 AND bank = $2 AND bank_txn_id = $3"};
constexpr TenantSql kPaymentById{"SELECT " SP_PAY_COLS " FROM payments WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kInsertPayment{
    "INSERT INTO payments(tenant, id, bill_id, bank, bank_txn_id, amount, paid_at, received_at, ntpd, status) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'settled')"};
constexpr TenantSql kReversePayment{
    "UPDATE payments SET status = 'reversed', reversed_at = $3, reversal_reason = $4 WHERE tenant = $1 AND id = $2 "
    "AND status = 'settled'"};
constexpr TenantSql kDayPayments{
    "SELECT p.bank_txn_id, b.kode_bayar, p.amount, p.status FROM payments p JOIN bills b ON b.tenant = p.tenant "
    "AND b.id = p.bill_id WHERE p.tenant = $1 AND p.bank = $2 AND p.paid_at >= $3 AND p.paid_at < $4"};
constexpr TenantSql kRevenueBilled{
    "INSERT INTO revenue_daily(tenant, day, billed, bills) VALUES ($1, $2, $3, 1) "
    "ON CONFLICT (tenant, day) DO UPDATE SET billed = revenue_daily.billed + $3, bills = revenue_daily.bills + 1"};
constexpr TenantSql kRevenueReceived{
    "INSERT INTO revenue_daily(tenant, day, received, payments) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (tenant, day) DO UPDATE SET received = revenue_daily.received + $3, "
    "payments = revenue_daily.payments + $4"};
constexpr TenantSql kInsertChannel{
    "INSERT INTO bank_channels(tenant, bank, sealed_secret, created_at) VALUES ($1, $2, $3, $4)"};
constexpr TenantSql kChannel{"SELECT sealed_secret FROM bank_channels WHERE tenant = $1 AND bank = $2"};

Bill BillFrom(const store::Row& r) {
    Bill b;
    b.id = r.Text(0);
    b.case_id = r.OptText(1);
    b.kode_bayar = r.Text(2);
    b.amount = r.Int(3);
    b.description = r.Text(4);
    b.rule = r.Text(5);
    b.status = r.Text(6);
    b.issued_at = r.Int(7);
    b.expires_at = r.Int(8);
    if (!r.IsNull(9)) b.paid_at = r.Int(9);
    b.payment_id = r.OptText(10);
    return b;
}

Payment PaymentFrom(const store::Row& r) {
    return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5), r.Int(6), r.Text(7), r.Text(8)};
}

// A receipt number nobody can guess: NTPD + 16 characters of [0-9A-Z].
std::string NewNtpd() {
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    const std::string bytes = crypto::RandomBytes(16);
    std::string out = "NTPD";
    for (unsigned char c : bytes) out += kAlphabet[c % (sizeof kAlphabet - 1)];
    return out;
}

Result<Bill> BillById(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id) {
    SP_ASSIGN(auto row, tx.QueryOne(kBillById, tenant, id));
    if (!row) return Err(Errc::kInternal, "payment without its bill");
    return BillFrom(*row);
}

}  // namespace

char LuhnDigit(std::string_view digits) {
    int sum = 0;
    bool twice = true;  // the rightmost digit of the payload is doubled
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (twice) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool ValidKodeBayar(std::string_view kode) {
    return kode.size() == 15 && kode.find_first_not_of("0123456789") == std::string_view::npos &&
           LuhnDigit(kode.substr(0, 14)) == kode[14];
}

Result<Bill> CreateBill(store::WriteTx& tx, const store::TenantId& tenant, const std::optional<std::string>& case_id,
                        taxes::Rupiah amount, const std::string& description, const std::string& rule,
                        int64_t expires_at, int64_t now_ms, int tz_offset_minutes) {
    if (amount <= 0 || amount > taxes::kMaxAmount) return Err(Errc::kInvalidInput, "a bill is for a positive amount");
    const std::string today = CivilDate(now_ms, tz_offset_minutes);
    SP_ASSIGN(auto serial_rows, tx.Query(kNextSerial, tenant, std::stoi(today.substr(0, 4))));
    // 4 digits of the region (36.04 -> 3604), 2 of the year, 8 of the serial, 1 check digit.
    std::string region_digits;
    for (char c : tenant.code())
        if (c >= '0' && c <= '9') region_digits += c;
    region_digits = (region_digits + "0000").substr(0, 4);
    char serial[16];
    std::snprintf(serial, sizeof serial, "%08lld", static_cast<long long>(serial_rows.at(0).Int(0) % 100'000'000));
    std::string kode = region_digits + today.substr(2, 2) + serial;
    kode += LuhnDigit(kode);
    Bill b;
    b.id = NewId();
    b.case_id = case_id;
    b.kode_bayar = kode;
    b.amount = amount;
    b.description = description;
    b.rule = rule;
    b.status = "unpaid";
    b.issued_at = now_ms;
    b.expires_at = expires_at;
    SP_TRY(tx.Exec(kInsertBill, tenant, b.id, case_id, kode, amount, description, rule, now_ms, expires_at));
    SP_TRY(tx.Exec(kRevenueBilled, tenant, today, amount));
    events::Event e{"bill.issued", "system", "bill:" + b.id, {}};
    e.payload["kode_bayar"] = kode;
    e.payload["amount"] = amount;
    e.payload["expires_at"] = expires_at;
    if (case_id) e.payload["case_id"] = *case_id;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return b;
}

Result<Outcome> RecordPayment(store::WriteTx& tx, const store::TenantId& tenant, const Notice& n, int64_t now_ms,
                              int tz_offset_minutes) {
    if (n.bank_txn_id.empty() || n.bank_txn_id.size() > 64 || !IsValidUtf8(n.bank_txn_id)) {
        return Err(Errc::kInvalidInput, "bank_txn_id: 1-64 characters", "bank_txn_id");
    }
    // Replays first: the same transaction id answers what it answered before.
    SP_ASSIGN(auto seen, tx.QueryOne(kPaymentByTxn, tenant, n.bank, n.bank_txn_id));
    if (seen) {
        Outcome o{{}, PaymentFrom(*seen), true};
        SP_ASSIGN(o.bill, BillById(tx, tenant, o.payment.bill_id));
        if (o.bill.kode_bayar != n.kode_bayar || o.payment.amount != n.amount) {
            return Err(Errc::kConflict, "this bank_txn_id was used for another payment", "bank_txn_id");
        }
        return o;
    }
    if (!ValidKodeBayar(n.kode_bayar)) return Err(Errc::kInvalidInput, "kode_bayar: 15 digits", "kode_bayar");
    SP_ASSIGN(auto row, tx.QueryOne(kBillByKode, tenant, n.kode_bayar));
    if (!row) return Err(Errc::kNotFound, "no bill with this kode_bayar");
    Outcome o;
    o.bill = BillFrom(*row);
    if (o.bill.status == "paid") return Err(Errc::kConflict, "the bill is already paid", "kode_bayar");
    if (now_ms > o.bill.expires_at) return Err(Errc::kConflict, "the bill has expired", "kode_bayar");
    if (n.amount != o.bill.amount) return Err(Errc::kInvalidInput, "the amount differs from the bill", "amount");
    o.payment = {NewId(), o.bill.id, n.bank, n.bank_txn_id, n.amount, n.paid_at, now_ms, NewNtpd(), "settled"};
    SP_TRY(tx.Exec(kInsertPayment, tenant, o.payment.id, o.bill.id, n.bank, n.bank_txn_id, n.amount, n.paid_at, now_ms,
                   o.payment.ntpd));
    SP_ASSIGN(auto changed, tx.Exec(kPayBill, tenant, o.bill.id, n.paid_at, o.payment.id));
    if (changed != 1) return Err(Errc::kConflict, "the bill is already paid", "kode_bayar");
    o.bill.status = "paid";
    o.bill.paid_at = n.paid_at;
    o.bill.payment_id = o.payment.id;
    SP_TRY(tx.Exec(kRevenueReceived, tenant, CivilDate(n.paid_at, tz_offset_minutes), n.amount, 1));
    events::Event e{"payment.received", "bank:" + n.bank, "bill:" + o.bill.id, {}};
    e.payload["kode_bayar"] = n.kode_bayar;
    e.payload["amount"] = n.amount;
    e.payload["bank_txn_id"] = n.bank_txn_id;
    e.payload["ntpd"] = o.payment.ntpd;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return o;
}

Result<Outcome> Reverse(store::WriteTx& tx, const store::TenantId& tenant, const std::string& bank,
                        const std::string& bank_txn_id, const std::string& reason, int64_t now_ms,
                        int tz_offset_minutes) {
    if (reason.empty() || reason.size() > 500 || !IsValidUtf8(reason)) {
        return Err(Errc::kInvalidInput, "reason: 1-500 characters", "reason");
    }
    SP_ASSIGN(auto row, tx.QueryOne(kPaymentByTxn, tenant, bank, bank_txn_id));
    if (!row) return Err(Errc::kNotFound, "no payment with this bank_txn_id");
    Outcome o{{}, PaymentFrom(*row), false};
    SP_ASSIGN(o.bill, BillById(tx, tenant, o.payment.bill_id));
    if (o.payment.status == "reversed") {
        o.replay = true;
        return o;
    }
    SP_TRY(tx.Exec(kReversePayment, tenant, o.payment.id, now_ms, reason));
    SP_TRY(tx.Exec(kUnpayBill, tenant, o.bill.id));
    o.payment.status = "reversed";
    o.bill.status = "unpaid";
    o.bill.paid_at.reset();
    o.bill.payment_id.reset();
    SP_TRY(tx.Exec(kRevenueReceived, tenant, CivilDate(o.payment.paid_at, tz_offset_minutes), -o.payment.amount, -1));
    events::Event e{"payment.reversed", "bank:" + bank, "bill:" + o.bill.id, {}};
    e.payload["bank_txn_id"] = bank_txn_id;
    e.payload["amount"] = o.payment.amount;
    e.payload["reason"] = reason;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return o;
}

Result<std::optional<Bill>> FindBillByKode(store::ReadTx& tx, const store::TenantId& tenant, const std::string& kode) {
    SP_ASSIGN(auto row, tx.QueryOne(kBillByKode, tenant, kode));
    if (!row) return std::optional<Bill>{};
    return std::optional<Bill>{BillFrom(*row)};
}

Result<std::vector<Bill>> BillsOfCase(store::ReadTx& tx, const store::TenantId& tenant, const std::string& case_id) {
    SP_ASSIGN(auto rows, tx.Query(kBillsOfCase, tenant, case_id));
    std::vector<Bill> out;
    for (const auto& r : rows) out.push_back(BillFrom(r));
    return out;
}

Result<std::optional<Payment>> FindPayment(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id) {
    SP_ASSIGN(auto row, tx.QueryOne(kPaymentById, tenant, id));
    if (!row) return std::optional<Payment>{};
    return std::optional<Payment>{PaymentFrom(*row)};
}

Result<std::string> CreateChannel(store::WriteTx& tx, const store::TenantId& tenant, const std::string& bank,
                                  const identity::NikVault& vault, int64_t now_ms, const std::string& actor) {
    if (bank.empty() || bank.size() > 20 ||
        bank.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != std::string::npos) {
        return Err(Errc::kInvalidInput, "bank: 1-20 of A-Z 0-9 -", "bank");
    }
    const std::string secret = crypto::HexEncode(crypto::RandomBytes(32));
    auto r = tx.Exec(kInsertChannel, tenant, bank, vault.Seal(secret), now_ms);
    if (!r) {
        if (r.error().code == Errc::kConflict) return Err(Errc::kConflict, "this bank already has a channel", "bank");
        return r.error();
    }
    events::Event e{"bank_channel.created", actor, "bank:" + bank, {}};
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return secret;
}

Result<bool> HasChannel(store::ReadTx& tx, const store::TenantId& tenant, const std::string& bank) {
    SP_ASSIGN(auto row, tx.QueryOne(kChannel, tenant, bank));
    return row.has_value();
}

Result<std::optional<crypto::Key32>> ChannelSecret(store::ReadTx& tx, const store::TenantId& tenant,
                                                   const std::string& bank, const identity::NikVault& vault) {
    SP_ASSIGN(auto row, tx.QueryOne(kChannel, tenant, bank));
    if (!row) return std::optional<crypto::Key32>{};
    const auto hex = vault.Open(row->Text(0));
    const auto bytes = hex ? crypto::HexDecode(*hex) : std::nullopt;
    if (!bytes || bytes->size() != 32) return Err(Errc::kInternal, "the bank secret cannot be opened");
    crypto::Key32 key;
    std::copy(bytes->begin(), bytes->end(), key.begin());
    return std::optional<crypto::Key32>{key};
}

Result<std::vector<StatementLine>> ParseStatement(std::string_view text) {
    std::vector<StatementLine> out;
    int txn = -1, kode = -1, amount = -1;
    size_t line = 0;
    SP_TRY(csv::ForEachRow(text, [&](const std::vector<std::string>& row) -> Status {
        ++line;
        if (line == 1) {
            for (size_t i = 0; i < row.size(); ++i) {
                if (row[i] == "bank_txn_id") txn = static_cast<int>(i);
                if (row[i] == "kode_bayar") kode = static_cast<int>(i);
                if (row[i] == "amount") amount = static_cast<int>(i);
            }
            if (txn < 0 || kode < 0 || amount < 0) {
                return Err(Errc::kInvalidInput, "the header names bank_txn_id, kode_bayar and amount", "statement");
            }
            return Status::Ok();
        }
        if (row.size() == 1 && row[0].empty()) return Status::Ok();
        const size_t need = static_cast<size_t>(std::max({txn, kode, amount}));
        if (row.size() <= need)
            return Err(Errc::kInvalidInput, "line " + std::to_string(line) + " is short", "statement");
        const std::string& a = row[static_cast<size_t>(amount)];
        if (a.empty() || a.size() > 16 || a.find_first_not_of("0123456789") != std::string::npos) {
            return Err(Errc::kInvalidInput, "line " + std::to_string(line) + ": amount in whole rupiah", "statement");
        }
        out.push_back({row[static_cast<size_t>(txn)], row[static_cast<size_t>(kode)], std::stoll(a)});
        return Status::Ok();
    }));
    return out;
}

Result<Reconciliation> Reconcile(store::ReadTx& tx, const store::TenantId& tenant, const std::string& bank,
                                 const std::string& day, int tz_offset_minutes,
                                 const std::vector<StatementLine>& statement) {
    const auto date = ParseDate(day);
    if (!date) return Err(Errc::kInvalidInput, "day: YYYY-MM-DD", "day");
    const int64_t from = std::chrono::duration_cast<std::chrono::milliseconds>(date->time_since_epoch()).count() -
                         int64_t{tz_offset_minutes} * 60'000;
    SP_ASSIGN(auto rows, tx.Query(kDayPayments, tenant, bank, from, from + 86'400'000));
    struct Ours {
        std::string kode;
        taxes::Rupiah amount;
        bool settled;
        bool seen = false;
    };
    std::unordered_map<std::string, Ours> ours;
    ours.reserve(rows.size());
    for (const auto& r : rows) ours.emplace(r.Text(0), Ours{r.Text(1), r.Int(2), r.Text(3) == "settled"});
    Reconciliation rec{bank, day, 0, 0, {}};
    for (const auto& line : statement) {
        auto it = ours.find(line.bank_txn_id);
        if (it == ours.end()) {
            rec.mismatches.push_back({"not_recorded", line.bank_txn_id, line.kode_bayar, 0, line.amount});
            continue;
        }
        it->second.seen = true;
        if (!it->second.settled) {
            rec.mismatches.push_back(
                {"reversed_but_settled", line.bank_txn_id, line.kode_bayar, it->second.amount, line.amount});
        } else if (it->second.amount != line.amount || it->second.kode != line.kode_bayar) {
            rec.mismatches.push_back(
                {"amount_differs", line.bank_txn_id, line.kode_bayar, it->second.amount, line.amount});
        } else {
            ++rec.matched;
            rec.matched_amount += line.amount;
        }
    }
    for (const auto& [txn, o] : ours) {
        if (!o.seen && o.settled) rec.mismatches.push_back({"not_in_statement", txn, o.kode, o.amount, 0});
    }
    std::sort(rec.mismatches.begin(), rec.mismatches.end(),
              [](const Mismatch& a, const Mismatch& b) { return a.bank_txn_id < b.bank_txn_id; });
    return rec;
}

}  // namespace satupintu::billing
