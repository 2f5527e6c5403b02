#include "region/wilayah.hpp"

#include <fstream>
#include <sstream>

#include "core/csv.hpp"

namespace satupintu::region {

namespace {
using store::GlobalSql;

constexpr GlobalSql kUpsert{
    "INSERT INTO regions(code, parent_code, level, kind, name) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, level = excluded.level,"
    " kind = excluded.kind, name = excluded.name"};
constexpr GlobalSql kFind{"SELECT code, parent_code, level, kind, name FROM regions WHERE code = $1"};
constexpr GlobalSql kChildren{
    "SELECT code, parent_code, level, kind, name FROM regions WHERE parent_code = $1 ORDER BY code"};

bool IsDigits(std::string_view s, size_t n) {
    if (s.size() != n) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

Region FromRow(const store::Row& r) {
    return Region{r.Text(0), r.Text(1), static_cast<int>(r.Int(2)), r.Text(3), r.Text(4)};
}

Result<std::string> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Err(Errc::kInvalidInput, "cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

int CodeLevel(std::string_view code) {
    const size_t sizes[] = {2, 2, 2, 4};
    int level = 0;
    size_t pos = 0;
    for (size_t part : sizes) {
        if (!IsDigits(code.substr(pos, part), part)) return 0;
        ++level;
        pos += part;
        if (pos == code.size()) return level;
        if (code[pos] != '.') return 0;
        ++pos;
    }
    return 0;
}

std::string KindOf(std::string_view code, int level) {
    switch (level) {
        case 1:
            return "provinsi";
        case 2:
            return std::stoi(std::string(code.substr(3, 2))) >= 71 ? "kota" : "kabupaten";
        case 3:
            return "kecamatan";
        case 4:
            switch (code[9]) {
                case '1':
                    return "kelurahan";
                case '3':
                    return "desa_adat";
                default:
                    return "desa";
            }
    }
    return "unknown";
}

Result<ImportCounts> ImportWilayah(store::Store& store, const std::string& dir) {
    struct File {
        const char* name;
        int level;
        int64_t ImportCounts::*count;
    };
    const File files[] = {{"provinces.csv", 1, &ImportCounts::provinces},
                          {"regencies.csv", 2, &ImportCounts::regencies},
                          {"districts.csv", 3, &ImportCounts::districts},
                          {"villages.csv", 4, &ImportCounts::villages}};
    std::vector<std::string> texts;
    for (const File& f : files) {
        SP_ASSIGN(std::string text, ReadFile(dir + "/" + f.name));
        texts.push_back(std::move(text));
    }
    ImportCounts counts;
    SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
        counts = {};
        for (size_t i = 0; i < std::size(files); ++i) {
            const File& f = files[i];
            bool header = true;
            SP_TRY(csv::ForEachRow(texts[i], [&](const std::vector<std::string>& row) -> Status {
                if (header) {
                    header = false;
                    return Status::Ok();
                }
                const bool has_parent = f.level > 1;
                if (row.size() != (has_parent ? 3u : 2u)) {
                    return Err(Errc::kInvalidInput, std::string(f.name) + ": wrong number of columns");
                }
                const std::string& code = row[0];
                if (CodeLevel(code) != f.level) {
                    return Err(Errc::kInvalidInput, std::string(f.name) + ": bad code " + code);
                }
                const std::optional<std::string> parent =
                    has_parent ? std::optional<std::string>(row[1]) : std::nullopt;
                SP_TRY(tx.Exec(kUpsert, code, parent, f.level, KindOf(code, f.level), row.back()));
                ++(counts.*f.count);
                return Status::Ok();
            }));
        }
        return Status::Ok();
    }));
    return counts;
}

Result<std::optional<Region>> FindRegion(store::ReadTx& tx, const std::string& code) {
    SP_ASSIGN(auto row, tx.QueryOne(kFind, code));
    if (!row) return std::optional<Region>{};
    return std::optional<Region>{FromRow(*row)};
}

Result<std::vector<Region>> Children(store::ReadTx& tx, const std::string& code) {
    SP_ASSIGN(auto rows, tx.Query(kChildren, code));
    std::vector<Region> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

}  // namespace satupintu::region
