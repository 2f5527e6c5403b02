#include "events/event_log.hpp"

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "events/canonical.hpp"

namespace satupintu::events {

namespace {
using store::GlobalSql;
using store::TenantSql;

constexpr TenantSql kInitHead{
    "INSERT INTO event_heads(tenant, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant) DO NOTHING"};
// Taking the next number locks the head row, so concurrent writers of one tenant on PostgreSQL
// queue here instead of forking the chain; the transaction then reads its own number back (kHead).
// Not UPDATE ... RETURNING: SQLite answers RETURNING through a temporary table it creates and
// drops on every run (~5% of a complaint filing's work).
constexpr TenantSql kBumpHead{"UPDATE event_heads SET seq = seq + 1 WHERE tenant = $1"};
constexpr TenantSql kSetHeadHash{"UPDATE event_heads SET hash = $2 WHERE tenant = $1"};
constexpr TenantSql kInsert{
    "INSERT INTO events(tenant, seq, at, type, actor, subject, payload, prev_hash, hash)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};
constexpr TenantSql kPage{
    "SELECT seq, at, type, actor, subject, payload, prev_hash, hash FROM events"
    " WHERE tenant = $1 AND seq > $2 ORDER BY seq LIMIT 5000"};
constexpr TenantSql kHead{"SELECT seq, hash FROM event_heads WHERE tenant = $1"};
constexpr GlobalSql kTenants{"SELECT code, tz_offset_minutes FROM tenants ORDER BY code"};
constexpr TenantSql kLastBefore{
    "SELECT seq, hash FROM events WHERE tenant = $1 AND at < $2 ORDER BY at DESC, seq DESC LIMIT 1"};
}  // namespace

Status InitChain(store::WriteTx& tx, const store::TenantId& tenant) {
    SP_TRY(tx.Exec(kInitHead, tenant, kGenesisHash));
    return Status::Ok();
}

namespace {
// The hash of an entry: SHA-256 over the previous hash's bytes and the entry's canonical JSON, its
// payload given as canonical text already. The one definition both Append and Verify use; the
// entry is spelled out in Canonical's key order so that the payload is serialised only once.
std::string HashOf(const std::string& prev_hash_hex, const std::string& tenant, int64_t seq, int64_t at,
                   const std::string& type, const std::string& actor, const std::string& subject,
                   std::string_view canonical_payload) {
    const auto text = [](const std::string& s) { return json::serialize(json::string_view(s)); };
    std::string data = crypto::HexDecode(prev_hash_hex).value_or(std::string(32, '\xff'));
    data += R"({"actor":)" + text(actor);
    data += R"(,"at":)" + std::to_string(at);
    data += R"(,"payload":)";
    data += canonical_payload;
    data += R"(,"seq":)" + std::to_string(seq);
    data += R"(,"subject":)" + text(subject);
    data += R"(,"tenant":)" + text(tenant);
    data += R"(,"type":)" + text(type) + "}";
    return crypto::Sha256Hex(data);
}
}  // namespace

std::string EntryHash(const std::string& prev_hash_hex, const std::string& tenant, int64_t seq, int64_t at,
                      const std::string& type, const std::string& actor, const std::string& subject,
                      const std::string& payload_text, bool* payload_ok) {
    boost::system::error_code ec;
    const json::value payload = json::parse(payload_text, ec);
    const std::string canonical = Canonical(ec ? json::value(payload_text) : payload);
    *payload_ok = !ec && payload.is_object() && canonical == payload_text;
    return HashOf(prev_hash_hex, tenant, seq, at, type, actor, subject, canonical);
}

Result<int64_t> HeadSeq(store::ReadTx& tx, const store::TenantId& tenant) {
    SP_ASSIGN(auto head, tx.QueryOne(kHead, tenant));
    return head ? head->Int(0) : 0;
}

Result<Appended> Append(store::WriteTx& tx, const store::TenantId& tenant, int64_t at_ms, const Event& event) {
    SP_TRY(tx.Put(kBumpHead, tenant));
    SP_ASSIGN(auto head, tx.QueryOne(kHead, tenant));
    if (!head) return Err(Errc::kInternal, "tenant has no event chain: " + tenant.code());
    const int64_t seq = head->Int(0);
    const std::string prev = head->Text(1);
    const std::string payload = Canonical(event.payload);
    std::string hash = HashOf(prev, tenant.code(), seq, at_ms, event.type, event.actor, event.subject, payload);
    SP_TRY(tx.Put(kInsert, tenant, seq, at_ms, event.type, event.actor, event.subject, payload, prev, hash));
    SP_TRY(tx.Put(kSetHeadHash, tenant, hash));
    return Appended{seq, std::move(hash)};
}

Result<VerifyReport> Verify(store::Store& store, const store::TenantId& tenant) {
    VerifyReport report;
    // The head first: entries appended while the chain is read lie past it and are not checked.
    std::optional<store::Row> head;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(head, tx.QueryOne(kHead, tenant));
        return Status::Ok();
    }));
    const int64_t head_seq = head ? head->Int(0) : 0;
    std::string prev = kGenesisHash;
    int64_t last_seq = 0;
    bool done = false;
    auto fail = [&](int64_t seq, std::string why) {
        report.broken = Broken{tenant.code(), seq, std::move(why)};
        done = true;
    };
    while (!done && last_seq < head_seq) {
        store::Rows rows;
        SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(rows, tx.Query(kPage, tenant, last_seq));
            return Status::Ok();
        }));
        if (rows.empty()) break;
        for (const auto& r : rows) {
            const int64_t seq = r.Int(0);
            if (seq > head_seq) {
                done = true;
                break;
            }
            if (seq != last_seq + 1) return fail(last_seq + 1, "entry missing"), report;
            if (r.Text(6) != prev) return fail(seq, "prev_hash does not match the previous entry"), report;
            bool payload_ok = false;
            const std::string expect =
                EntryHash(prev, tenant.code(), seq, r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), &payload_ok);
            if (!payload_ok) return fail(seq, "payload is not canonical JSON"), report;
            if (expect != r.Text(7)) return fail(seq, "hash does not match the entry's content"), report;
            prev = r.Text(7);
            last_seq = seq;
            ++report.entries;
        }
    }
    // The head must point at the last entry: a truncated tail is tampering too.
    if (head && (last_seq != head_seq || head->Text(1) != prev)) {
        fail(last_seq + 1, "chain head does not match the last entry");
    }
    return report;
}

Result<std::optional<std::string>> Audit(store::Store& store) {
    // The guards 0001_foundation puts on the events table, per dialect.
    static constexpr store::GlobalSql kSqliteGuards{
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' "
        "AND name IN ('events_no_update', 'events_no_delete')"};
    static constexpr store::GlobalSql kPostgresGuards{
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'events'::regclass AND tgenabled <> 'D' "
        "AND tgname IN ('events_no_change', 'events_no_truncate')"};
    static constexpr store::GlobalSql kTenants{"SELECT tenant FROM event_heads ORDER BY tenant"};
    store::Rows guards, tenants;
    const bool sqlite = store.kind() == store::Kind::kSqlite;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(guards, tx.Query(sqlite ? kSqliteGuards : kPostgresGuards));
        SP_ASSIGN(tenants, tx.Query(kTenants));
        return Status::Ok();
    }));
    if (guards.size() != 2) return std::optional<std::string>("the events table has lost its append-only triggers");
    for (const auto& row : tenants) {
        SP_ASSIGN(auto report, Verify(store, store::TenantId(row.Text(0))));
        if (report.broken) {
            return std::optional<std::string>("tenant " + report.broken->tenant + ": entry " +
                                              std::to_string(report.broken->seq) + ": " + report.broken->reason);
        }
    }
    return std::optional<std::string>();
}

Result<std::vector<DayHead>> DailyHeads(store::Store& store, const std::string& date) {
    std::vector<DayHead> out;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenants, tx.Query(kTenants));
        for (const auto& t : tenants) {
            const int offset = static_cast<int>(t.Int(1));
            const auto start = StartOfDayMs(date, offset);
            if (!start) return Err(Errc::kInvalidInput, "date must be YYYY-MM-DD", "date");
            DayHead h{t.Text(0), date, 0, kGenesisHash};
            SP_ASSIGN(auto last, tx.QueryOne(kLastBefore, store::TenantId(t.Text(0)), *start + 86400000));
            if (last) {
                h.seq = last->Int(0);
                h.hash = last->Text(1);
            }
            out.push_back(std::move(h));
        }
        return Status::Ok();
    }));
    return out;
}

}  // namespace satupintu::events
