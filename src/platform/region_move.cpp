#include "platform/region_move.hpp"

#include <algorithm>
#include <istream>
#include <map>
#include <ostream>
#include <set>

#include "core/ids.hpp"
#include "core/json.hpp"
#include "events/event_log.hpp"

namespace satupintu::store::detail {

// The only maker of SchemaSql: from names that the schema listed and that are plain identifiers.
class SchemaSqlMaker {
  public:
    static bool Plain(const std::string& name) {
        return !name.empty() && name.size() < 64 &&
               (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
               std::all_of(name.begin(), name.end(), [](char c) {
                   return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                          c == '_';
               });
    }
    static std::string List(const std::vector<std::string>& columns) {
        std::string out;
        for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c;
        return out;
    }
    // SELECT columns FROM table WHERE key = $1
    static SchemaSql Select(const std::string& table, const std::vector<std::string>& columns, const std::string& key) {
        return SchemaSql("SELECT " + List(columns) + " FROM " + table + " WHERE " + key + " = $1");
    }
    static SchemaSql Insert(const std::string& table, const std::vector<std::string>& columns) {
        std::string values;
        for (size_t i = 1; i <= columns.size(); ++i) values += (i > 1 ? ", $" : "$") + std::to_string(i);
        return SchemaSql("INSERT INTO " + table + " (" + List(columns) + ") VALUES (" + values + ")");
    }
};

}  // namespace satupintu::store::detail

namespace satupintu::platform {

namespace {

using store::detail::SchemaSqlMaker;

constexpr int kFormat = 1;

constexpr store::GlobalSql kSqliteTables{
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"};
constexpr store::GlobalSql kSqliteColumns{"SELECT name FROM pragma_table_info($1) ORDER BY cid"};
constexpr store::GlobalSql kPgTables{
    "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.oid"};
constexpr store::GlobalSql kPgColumns{
    "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema()"
    " AND table_name = $1 ORDER BY ordinal_position"};

// A table that holds a region's rows, and the column naming the region.
struct Table {
    std::string name;
    std::vector<std::string> columns;
    std::string key;  // "tenant", or "code" for the regions' own records
};

// The region's tables as this store's schema has them, in creation order (referenced first).
Result<std::vector<Table>> RegionTables(store::Store& store) {
    const bool sqlite = store.kind() == store::Kind::kSqlite;
    std::vector<Table> tables;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto names, tx.Query(sqlite ? kSqliteTables : kPgTables));
        for (const auto& n : names) {
            Table t{n.Text(0), {}, ""};
            if (!SchemaSqlMaker::Plain(t.name)) continue;
            SP_ASSIGN(auto cols, tx.Query(sqlite ? kSqliteColumns : kPgColumns, t.name));
            for (const auto& c : cols) {
                if (!SchemaSqlMaker::Plain(c.Text(0)))
                    return Err(Errc::kInternal, "unexpected column name in " + t.name);
                t.columns.push_back(c.Text(0));
            }
            const auto has = [&](const char* c) { return std::ranges::find(t.columns, c) != t.columns.end(); };
            if (t.name == "tenants") {
                t.key = "code";
            } else if (has("tenant")) {
                t.key = "tenant";
            } else {
                continue;  // shared: wilayah codes, platform keys, leases, ...
            }
            tables.push_back(std::move(t));
        }
        return Status::Ok();
    }));
    return tables;
}

json::value ToJsonValue(const store::Value& v) {
    if (const auto* n = std::get_if<int64_t>(&v)) return *n;
    if (const auto* s = std::get_if<std::string>(&v)) return json::string(*s);
    return nullptr;
}

Result<store::Value> FromJsonValue(const json::value& v) {
    if (v.is_null()) return store::Value{};
    if (v.is_int64()) return store::Value{v.as_int64()};
    if (v.is_string()) return store::Value{std::string(v.as_string())};
    return Err(Errc::kInvalidInput, "a value is neither text, an integer nor null");
}

bool IsFileColumn(const std::string& column) {
    return column == "sha256" || column.ends_with("_sha256");
}

bool IsHash(const std::string& s) {
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// A table's rows as read from the file.
struct Block {
    std::string table;
    std::vector<std::string> columns;
    std::vector<std::vector<store::Value>> rows;
};

// The event log of the region as the file holds it: the chain must be whole and end at the head.
Result<int64_t> CheckChain(const std::string& region, const std::vector<Block>& blocks) {
    const Block* events = nullptr;
    const Block* heads = nullptr;
    for (const auto& b : blocks) {
        if (b.table == "events") events = &b;
        if (b.table == "event_heads") heads = &b;
    }
    if (!events || !heads || heads->rows.size() != 1) return Err(Errc::kInvalidInput, "the file has no event log");
    const auto col = [](const Block& b, const char* name) -> Result<size_t> {
        const auto it = std::ranges::find(b.columns, name);
        if (it == b.columns.end()) return Err(Errc::kInvalidInput, std::string("the event log has no ") + name);
        return static_cast<size_t>(it - b.columns.begin());
    };
    SP_ASSIGN(const size_t seq, col(*events, "seq"));
    SP_ASSIGN(const size_t at, col(*events, "at"));
    SP_ASSIGN(const size_t type, col(*events, "type"));
    SP_ASSIGN(const size_t actor, col(*events, "actor"));
    SP_ASSIGN(const size_t subject, col(*events, "subject"));
    SP_ASSIGN(const size_t payload, col(*events, "payload"));
    SP_ASSIGN(const size_t prev_hash, col(*events, "prev_hash"));
    SP_ASSIGN(const size_t hash, col(*events, "hash"));
    SP_ASSIGN(const size_t head_seq, col(*heads, "seq"));
    SP_ASSIGN(const size_t head_hash, col(*heads, "hash"));
    const auto text = [](const store::Value& v) {
        const auto* s = std::get_if<std::string>(&v);
        return s ? *s : std::string();
    };
    const auto number = [](const store::Value& v) {
        const auto* n = std::get_if<int64_t>(&v);
        return n ? *n : -1;
    };
    std::vector<const std::vector<store::Value>*> entries;
    for (const auto& r : events->rows) entries.push_back(&r);
    std::ranges::sort(entries, {}, [&](const auto* r) { return number((*r)[seq]); });
    std::string prev = events::kGenesisHash;
    int64_t expected = 1;
    for (const auto* r : entries) {
        const auto& e = *r;
        if (number(e[seq]) != expected)
            return Err(Errc::kInvalidInput, "event log: entry " + std::to_string(expected) + " missing");
        bool payload_ok = false;
        const std::string want = events::EntryHash(prev, region, expected, number(e[at]), text(e[type]), text(e[actor]),
                                                   text(e[subject]), text(e[payload]), &payload_ok);
        if (!payload_ok || text(e[prev_hash]) != prev || text(e[hash]) != want)
            return Err(Errc::kInvalidInput, "event log: entry " + std::to_string(expected) + " does not verify");
        prev = want;
        ++expected;
    }
    const auto& head = heads->rows.front();
    if (number(head[head_seq]) != expected - 1 || (expected > 1 && text(head[head_hash]) != prev))
        return Err(Errc::kInvalidInput, "event log: the head does not match the last entry");
    return expected - 1;
}

}  // namespace

std::string KeyId(const crypto::Key32& key) {
    return crypto::HmacSha256Hex(key, "satupintu key id").substr(0, 16);
}

Result<MoveCounts> ExportRegion(store::Store& store, const files::FileStore& files, const crypto::Key32& key,
                                const std::string& code, int64_t now_ms, std::ostream& out) {
    SP_ASSIGN(const auto tables, RegionTables(store));
    SP_ASSIGN(const int version, store.SchemaVersion());
    MoveCounts counts;
    std::set<std::string> named_files;
    // One snapshot for every table: the export is the region at one moment.
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        for (const auto& t : tables) {
            const store::Value param[] = {code};
            SP_ASSIGN(const auto rows, tx.Query(SchemaSqlMaker::Select(t.name, t.columns, t.key), param));
            if (t.name == "tenants") {
                if (rows.empty()) return Err(Errc::kNotFound, "no region " + code + " in this store", "code");
                out << ToJson(json::object{{"satupintu_region", kFormat},
                                           {"region", code},
                                           {"schema_version", version},
                                           {"key_id", KeyId(key)},
                                           {"exported_at", IsoUtc(now_ms)}})
                    << '\n';
            }
            json::array columns;
            for (const auto& c : t.columns) columns.emplace_back(json::string(c));
            out << ToJson(json::object{{"table", t.name}, {"columns", std::move(columns)}}) << '\n';
            for (const auto& r : rows) {
                json::array values;
                for (size_t i = 0; i < r.cols.size(); ++i) {
                    values.push_back(ToJsonValue(r.cols[i]));
                    if (IsFileColumn(t.columns[i]) && IsHash(r.Text(i))) named_files.insert(r.Text(i));
                }
                out << ToJson(values) << '\n';
                ++counts.rows;
            }
            ++counts.tables;
        }
        return Status::Ok();
    }));
    for (const auto& sha : named_files) {
        auto content = files.Get(sha);
        if (!content) continue;  // a hash of something not kept as a file (a PDF's), or removed by retention
        out << ToJson(json::object{{"file", sha}, {"base64", crypto::Base64UrlEncode(*content)}}) << '\n';
        ++counts.files;
    }
    out << ToJson(json::object{{"end", json::object{{"rows", counts.rows}, {"files", counts.files}}}}) << '\n';
    out.flush();
    if (!out) return Err(Errc::kInternal, "could not write the export");
    return counts;
}

Result<MoveCounts> ImportRegion(store::Store& store, const files::FileStore& files, const crypto::Key32& key,
                                std::istream& in) {
    SP_ASSIGN(const auto tables, RegionTables(store));
    SP_ASSIGN(const int version, store.SchemaVersion());
    std::map<std::string, const Table*> by_name;
    for (const auto& t : tables) by_name[t.name] = &t;

    // Everything is read and checked before anything is written.
    std::string region, line;
    std::vector<Block> blocks;
    std::map<std::string, std::string> contents;  // sha256 -> content
    std::optional<json::object> end;
    int64_t line_no = 0;
    const auto bad = [&](const std::string& why) {
        return Err(Errc::kInvalidInput, "line " + std::to_string(line_no) + ": " + why, "file");
    };
    size_t key_column = 0;  // of the current block: the column naming the region
    while (std::getline(in, line)) {
        ++line_no;
        if (end) return bad("data after the end");
        boost::system::error_code ec;
        json::value v = json::parse(line, ec);
        if (ec) return bad("not JSON");
        if (line_no == 1) {
            const auto* h = v.if_object();
            if (!h || !h->contains("satupintu_region")) return bad("not a SatuPintu region export");
            if (h->at("satupintu_region") != json::value(kFormat))
                return bad("an export format this version cannot read");
            const auto* r = h->if_contains("region");
            if (!r || !r->is_string()) return bad("no region");
            region = std::string(r->as_string());
            const auto* sv = h->if_contains("schema_version");
            if (!sv || !sv->is_int64() || sv->as_int64() != version) {
                return Err(Errc::kInvalidInput,
                           "the export was made at schema version " + (sv ? json::serialize(*sv) : std::string("?")) +
                               ", this store is at " + std::to_string(version) + ": run both on the same release");
            }
            const auto* k = h->if_contains("key_id");
            if (!k || !k->is_string() || k->as_string() != KeyId(key)) {
                return Err(Errc::kInvalidInput,
                           "the export's sealed values need the source's master key: run with SATUPINTU_SECRET_KEY set "
                           "to it (a SQLite installation keeps it in DATA/secret.key)");
            }
            continue;
        }
        if (auto* o = v.if_object()) {
            if (const auto* t = o->if_contains("table")) {
                if (!t->is_string()) return bad("a table without a name");
                const auto known = by_name.find(std::string(t->as_string()));
                if (known == by_name.end()) return bad("no region table " + json::serialize(*t) + " in this store");
                Block b{known->first, {}, {}};
                const auto* cols = o->if_contains("columns");
                if (!cols || !cols->is_array()) return bad("a table without columns");
                for (const auto& c : cols->as_array()) {
                    if (!c.is_string() || std::ranges::find(known->second->columns, std::string(c.as_string())) ==
                                              known->second->columns.end()) {
                        return bad("table " + b.table + " has no column " + json::serialize(c) + " here");
                    }
                    b.columns.emplace_back(c.as_string());
                }
                const auto k = std::ranges::find(b.columns, known->second->key);
                if (k == b.columns.end()) return bad("table " + b.table + " without its region column");
                key_column = static_cast<size_t>(k - b.columns.begin());
                blocks.push_back(std::move(b));
            } else if (const auto* f = o->if_contains("file")) {
                const auto* data = o->if_contains("base64");
                if (!f->is_string() || !data || !data->is_string()) return bad("a file without its content");
                auto content = crypto::Base64UrlDecode(data->as_string());
                if (!content || crypto::Sha256Hex(*content) != f->as_string())
                    return bad("a file that does not match its hash");
                contents[std::string(f->as_string())] = std::move(*content);
            } else if (const auto* e = o->if_contains("end"); e && e->is_object()) {
                end = e->as_object();
            } else {
                return bad("an unknown line");
            }
            continue;
        }
        const auto* row = v.if_array();
        if (!row || blocks.empty()) return bad("a row outside a table");
        Block& b = blocks.back();
        if (row->size() != b.columns.size()) return bad("a row of " + b.table + " with the wrong number of values");
        std::vector<store::Value> values;
        for (const auto& x : *row) {
            auto value = FromJsonValue(x);
            if (!value) return bad(value.error().detail);
            values.push_back(std::move(*value));
        }
        const auto* owner = std::get_if<std::string>(&values[key_column]);
        if (!owner || *owner != region) return bad("a row of " + b.table + " belongs to another region");
        b.rows.push_back(std::move(values));
    }
    if (line_no == 0) return Err(Errc::kInvalidInput, "the file is empty", "file");
    int64_t rows = 0;
    for (const auto& b : blocks) rows += static_cast<int64_t>(b.rows.size());
    if (!end || end->if_contains("rows") == nullptr || end->at("rows") != json::value(rows) ||
        end->if_contains("files") == nullptr ||
        end->at("files") != json::value(static_cast<int64_t>(contents.size()))) {
        return Err(Errc::kInvalidInput, "the file is cut or altered: its end does not match its rows and files",
                   "file");
    }
    if (blocks.empty() || blocks.front().table != "tenants" || blocks.front().rows.size() != 1)
        return Err(Errc::kInvalidInput, "the file does not hold the region's record first", "file");
    MoveCounts counts;
    SP_ASSIGN(counts.chain_entries, CheckChain(region, blocks));

    // The files first (named by their content: harmless should the rows not follow), then every
    // row in one transaction.
    for (const auto& [sha, content] : contents) SP_TRY(files.Put(content).status());
    const Table& tenants = *by_name.at("tenants");
    SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
        const store::Value param[] = {region};
        SP_ASSIGN(const auto existing, tx.Query(SchemaSqlMaker::Select(tenants.name, {"code"}, "code"), param));
        if (!existing.empty()) return Err(Errc::kConflict, "region " + region + " is in this store already", "region");
        for (const auto& b : blocks) {
            const auto insert = SchemaSqlMaker::Insert(b.table, b.columns);
            for (const auto& r : b.rows) SP_TRY(tx.Put(insert, r));
        }
        return Status::Ok();
    }));
    // And the chain as the target now holds it.
    SP_ASSIGN(const auto verified, events::Verify(store, store::TenantId(region)));
    if (verified.broken)
        return Err(Errc::kInternal, "imported, but the chain does not verify: " + verified.broken->reason);
    counts.chain_entries = verified.entries;
    counts.tables = static_cast<int64_t>(blocks.size());
    counts.rows = rows;
    counts.files = static_cast<int64_t>(contents.size());
    return counts;
}

}  // namespace satupintu::platform
