// Open data and the public portal's figures. No login, no personal data, no rahasia content:
// every dataset is either an aggregate read from the projections or the public fields of
// non-rahasia complaints (no description, no reporter, the point rounded to about 100 m).
//
//   GET /open-data/catalog.json                     every dataset of every region, with licences
//   GET /open-data/{region}/{dataset}.csv|.json     one dataset (monthly ones take ?month=YYYY-MM)
//   GET /api/v1/regions/{code}/portal               the portal's per-OPD figures
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "api/api.hpp"
#include "cases/cases.hpp"
#include "core/ids.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;

namespace {

using store::TenantSql;

struct Field {
    const char* name;
    const char* type;  // string, integer, number, date, datetime
    const char* description;
};

struct Dataset {
    const char* id;
    const char* title;
    const char* description;
    bool monthly;  // one file per month (?month=YYYY-MM, default the current month)
    std::vector<Field> fields;
};

const std::vector<Dataset>& Datasets() {
    static const std::vector<Dataset> kDatasets = {
        {"opd-performance",
         "Kinerja OPD dalam penanganan pengaduan",
         "Per OPD: pengaduan diterima, selesai, selesai tepat waktu, terbuka melewati batas, tingkat ketepatan waktu "
         "(tepat waktu / (selesai + terbuka melewati batas)), median lama penyelesaian (hari), dan IKM.",
         false,
         {{"opd_id", "string", "OPD identifier"},
          {"opd_name", "string", "OPD name"},
          {"received", "integer", "complaints received"},
          {"closed", "integer", "complaints closed"},
          {"closed_on_time", "integer", "closed within their deadlines"},
          {"open_overdue", "integer", "open and past the follow-up deadline"},
          {"on_time_rate", "number", "closed_on_time / (closed + open_overdue), 0..1"},
          {"median_resolution_days", "integer", "median whole days from filing to closing"},
          {"ikm", "number", "Community Satisfaction Index 25..100 (PermenPAN-RB 14/2017)"},
          {"ikm_answers", "integer", "IKM answers behind the index"}}},
        {"complaints-daily",
         "Jumlah pengaduan harian per kategori dan kecamatan",
         "Pengaduan masuk dan selesai per hari, kategori dan kecamatan (termasuk pengaduan rahasia, hanya jumlahnya).",
         true,
         {{"day", "date", "local date of the region"},
          {"category_code", "string", "complaint category"},
          {"category_name", "string", "complaint category name"},
          {"kecamatan_code", "string", "Kepmendagri kecamatan code (empty: unknown)"},
          {"filed", "integer", "complaints filed"},
          {"closed", "integer", "complaints closed"}}},
        {"complaints",
         "Daftar pengaduan publik",
         "Pengaduan yang tidak rahasia: nomor, kategori, status, wilayah, waktu, OPD, dan titik yang dibulatkan (~100 "
         "m). "
         "Tanpa uraian, tanpa identitas pelapor.",
         true,
         {{"number", "string", "tracking number"},
          {"category_code", "string", "complaint category"},
          {"category_name", "string", "complaint category name"},
          {"class", "string", "aspirasi, pengaduan, permintaan_informasi"},
          {"status", "string", "current status"},
          {"kecamatan_code", "string", "kecamatan code"},
          {"desa_code", "string", "desa code"},
          {"filed_at", "datetime", "filed (ISO 8601, region time)"},
          {"closed_at", "datetime", "closed (empty while open)"},
          {"opd_name", "string", "responsible OPD"},
          {"lat", "number", "latitude rounded to 3 decimals"},
          {"long", "number", "longitude rounded to 3 decimals"}}},
        {"revenue-daily",
         "Penerimaan harian layanan berbayar",
         "Tagihan terbit dan pembayaran diterima per hari (rupiah), dari pembayaran non-tunai melalui bank.",
         true,
         {{"day", "date", "local date of the region"},
          {"billed", "integer", "rupiah billed"},
          {"bills", "integer", "bills issued"},
          {"received", "integer", "rupiah received"},
          {"payments", "integer", "payments received"}}},
    };
    return kDatasets;
}

const Dataset* FindDataset(std::string_view id) {
    for (const auto& d : Datasets()) {
        if (id == d.id) return &d;
    }
    return nullptr;
}

constexpr const char* kLicenseId = "CC-BY-4.0";
constexpr const char* kLicenseUrl = "https://creativecommons.org/licenses/by/4.0/";

using Row = std::vector<json::value>;

// Days from filing to closing: the median of a histogram.
std::optional<int64_t> Median(const std::map<int64_t, int64_t>& histogram) {
    int64_t total = 0;
    for (const auto& [_, n] : histogram) total += n;
    if (total <= 0) return std::nullopt;
    int64_t seen = 0;
    for (const auto& [days, n] : histogram) {
        seen += n;
        if (seen * 2 >= total) return days;
    }
    return histogram.rbegin()->first;
}

constexpr TenantSql kResolutionDays{"SELECT opd_id, days, n FROM opd_resolution_days WHERE tenant = $1 AND n > 0"};
constexpr TenantSql kOpdIkm{
    "SELECT s.opd_id, i.element, SUM(i.total), SUM(i.answers) FROM ikm_totals i JOIN services s ON s.tenant = i.tenant "
    "AND s.id = i.service_id WHERE i.tenant = $1 GROUP BY s.opd_id, i.element"};
constexpr TenantSql kDaily{
    "SELECT d.day, s.code, s.name, d.kecamatan_code, SUM(d.filed), SUM(d.closed) FROM case_daily d "
    "JOIN services s ON s.tenant = d.tenant AND s.id = d.service_id WHERE d.tenant = $1 AND s.kind = 'complaint' "
    "AND d.day >= $2 AND d.day < $3 GROUP BY d.day, s.code, s.name, d.kecamatan_code "
    "ORDER BY d.day, s.code, d.kecamatan_code"};
constexpr TenantSql kComplaints{
    "SELECT c.number, s.code, s.name, c.class, c.status, c.kecamatan_code, c.desa_code, c.filed_at, c.closed_at, "
    "c.opd_id, c.lat_e6, c.lng_e6 FROM cases c JOIN services s ON s.tenant = c.tenant AND s.id = c.service_id "
    "WHERE c.tenant = $1 AND c.rahasia = 0 AND c.class <> 'permohonan' AND c.filed_at >= $2 AND c.filed_at < $3 "
    "ORDER BY c.filed_at, c.id"};
constexpr TenantSql kRevenue{
    "SELECT day, billed, bills, received, payments FROM revenue_daily WHERE tenant = $1 AND day >= $2 AND day < $3 "
    "ORDER BY day"};

// Per-OPD figures shared by the portal and the opd-performance dataset.
Result<std::vector<Row>> OpdPerformance(store::ReadTx& tx, const store::TenantId& t, const Names& names) {
    SP_ASSIGN(auto perf, cases::Performance(tx, t));
    SP_ASSIGN(auto day_rows, tx.Query(kResolutionDays, t));
    std::map<std::string, std::map<int64_t, int64_t>> days;
    for (const auto& r : day_rows) days[r.Text(0)][r.Int(1)] += r.Int(2);
    SP_ASSIGN(auto ikm_rows, tx.Query(kOpdIkm, t));
    std::map<std::string, std::map<std::string, std::pair<int64_t, int64_t>>> ikm;
    for (const auto& r : ikm_rows) ikm[r.Text(0)][r.Text(1)] = {r.Int(2), r.Int(3)};
    std::vector<Row> out;
    for (const auto& p : perf) {
        const auto median = Median(days[p.opd_id]);
        const auto index = performance::IkmIndex(ikm[p.opd_id]);
        int64_t answers = 0;
        for (const auto& [_, v] : ikm[p.opd_id]) answers += v.second;
        out.push_back({json::value(p.opd_id), json::value(names.Opd(p.opd_id)), p.received, p.closed, p.closed_on_time,
                       p.open_overdue, p.OnTimeRate(), median ? json::value(*median) : json::value(nullptr),
                       index ? json::value(*index) : json::value(nullptr), answers});
    }
    return out;
}

// [first day of the month, first day of the next) as dates, from ?month=YYYY-MM (default: now).
Result<std::pair<std::string, std::string>> MonthRange(const Request& req, const std::string& today) {
    const auto month = ParseMonth(req.Query("month").value_or(today.substr(0, 7)));
    if (!month) return Err(Errc::kInvalidInput, "month is YYYY-MM", "month");
    return std::pair{FormatDate(month->first), FormatDate(month->second)};
}

Result<std::vector<Row>> DatasetRows(ApiContext& ctx, const Dataset& d, const Request& req,
                                     const region::TenantCalendar& cal) {
    const store::TenantId t(cal.tenant.code);
    const int tz = cal.tenant.tz_offset_minutes;
    const std::string today = CivilDate(ctx.clock.NowMs(), tz);
    SP_ASSIGN(auto names, ctx.names.Get(ctx.store, t, ctx.clock.NowMs()));
    std::pair<std::string, std::string> range;
    if (d.monthly) {
        SP_ASSIGN(range, MonthRange(req, today));
    }
    std::vector<Row> out;
    SP_TRY(ctx.store.Read([&](store::ReadTx& tx) -> Status {
        const std::string_view id = d.id;
        if (id == "opd-performance") {
            SP_ASSIGN(out, OpdPerformance(tx, t, *names));
        } else if (id == "complaints-daily") {
            SP_ASSIGN(auto rows, tx.Query(kDaily, t, range.first, range.second));
            for (const auto& r : rows)
                out.push_back({json::value(r.Text(0)), json::value(r.Text(1)), json::value(r.Text(2)),
                               json::value(r.Text(3)), r.Int(4), r.Int(5)});
        } else if (id == "complaints") {
            const int64_t from = *StartOfDayMs(range.first, tz), to = *StartOfDayMs(range.second, tz);
            SP_ASSIGN(auto rows, tx.Query(kComplaints, t, from, to));
            const auto rounded = [](const store::Row& r, int i) {
                return r.IsNull(i) ? json::value(nullptr)
                                   : json::value(std::round(static_cast<double>(r.Int(i)) / 1000.0) / 1000.0);
            };
            for (const auto& r : rows) {
                out.push_back({json::value(r.Text(0)), json::value(r.Text(1)), json::value(r.Text(2)),
                               json::value(r.Text(3)), json::value(r.Text(4)), json::value(r.Text(5)),
                               json::value(r.Text(6)), json::value(IsoWithOffset(r.Int(7), tz)),
                               r.IsNull(8) ? json::value(nullptr) : json::value(IsoWithOffset(r.Int(8), tz)),
                               json::value(names->Opd(r.Text(9))), rounded(r, 10), rounded(r, 11)});
            }
        } else if (id == "revenue-daily") {
            SP_ASSIGN(auto rows, tx.Query(kRevenue, t, range.first, range.second));
            for (const auto& r : rows) out.push_back({json::value(r.Text(0)), r.Int(1), r.Int(2), r.Int(3), r.Int(4)});
        }
        return Status::Ok();
    }));
    return out;
}

// RFC 4180; a text cell that a spreadsheet would run as a formula gets a leading apostrophe.
void AppendCell(std::string& out, const json::value& v) {
    if (v.is_null()) return;
    if (v.is_double()) {  // shortest round-trip, without the exponent JSON serialisation uses
        char buf[32];
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_double(), std::chars_format::general);
        out.append(buf, ec == std::errc() ? end : buf);
        return;
    }
    if (!v.is_string()) {
        AppendJson(out, v);
        return;
    }
    std::string s(v.as_string());
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
        s.insert(0, "'");
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

Response Download(ApiContext& ctx, Request& req) {
    const std::string& file = req.Param("file");
    const size_t dot = file.rfind('.');
    const std::string format = dot == std::string::npos ? "" : file.substr(dot + 1);
    const Dataset* d = dot == std::string::npos ? nullptr : FindDataset(file.substr(0, dot));
    if (!d || (format != "csv" && format != "json")) return Fail(req, Err(Errc::kNotFound, "no such dataset"));
    auto cal = ctx.calendars.Get(ctx.store, req.Param("code"), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    auto rows = DatasetRows(ctx, *d, req, **cal);
    if (!rows) return Fail(req, rows.error());
    Response r;
    if (format == "csv") {
        std::string out;
        for (size_t i = 0; i < d->fields.size(); ++i) out.append(i ? "," : "").append(d->fields[i].name);
        out += "\r\n";
        for (const auto& row : *rows) {
            for (size_t i = 0; i < row.size(); ++i) {
                if (i) out += ',';
                AppendCell(out, row[i]);
            }
            out += "\r\n";
        }
        r = Response::Text(200, std::move(out), "text/csv; charset=utf-8");
    } else {
        json::array records;
        for (const auto& row : *rows) {
            json::object o;
            for (size_t i = 0; i < row.size(); ++i) o[d->fields[i].name] = row[i];
            records.push_back(std::move(o));
        }
        r = Json(200, {{"dataset", d->id},
                       {"region", (*cal)->tenant.code},
                       {"license", kLicenseId},
                       {"records", std::move(records)}});
    }
    r.Set("content-disposition", "inline; filename=\"" + (*cal)->tenant.code + "-" + d->id +
                                     (d->monthly ? "-" + req.Query("month").value_or("current") : "") + "." + format +
                                     "\"");
    r.Set("cache-control", "public, max-age=60");
    r.Set("access-control-allow-origin", "*");  // open data: any site may read it
    return r;
}

Response Catalog(ApiContext& ctx, Request& req) {
    std::vector<region::Tenant> tenants;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(tenants, region::ListTenants(tx));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    // ?region=CODE: one region's datasets only.
    if (const auto only = req.Query("region")) {
        std::erase_if(tenants, [&](const region::Tenant& t) { return t.code != *only; });
        if (tenants.empty()) return Fail(req, Err(Errc::kNotFound, "no such region", "region"));
    }
    const std::string base = ctx.public_url;
    // Each dataset's fields once, named by every region's copy of it.
    json::object schemas;
    for (const auto& d : Datasets()) {
        json::array fields;
        for (const auto& f : d.fields)
            fields.push_back({{"name", f.name}, {"type", f.type}, {"description", f.description}});
        schemas[d.id] = {{"title", d.title}, {"description", d.description}, {"fields", std::move(fields)}};
    }
    json::array datasets;
    for (const auto& t : tenants) {
        for (const auto& d : Datasets()) {
            json::array distributions;
            for (const char* format : {"csv", "json"}) {
                std::string url = base + "/open-data/" + t.code + "/" + d.id + "." + format;
                if (d.monthly) url += "?month={YYYY-MM}";
                distributions.push_back({{"format", format == std::string("csv") ? "CSV" : "JSON"},
                                         {"media_type", format == std::string("csv") ? "text/csv" : "application/json"},
                                         {"url", url}});
            }
            datasets.push_back({{"id", t.code + "/" + d.id},
                                {"region", t.code},
                                {"region_name", t.name},
                                {"title", std::string(d.title) + " — " + t.name},
                                {"description", d.description},
                                {"publisher", t.name},
                                {"license", {{"id", kLicenseId}, {"url", kLicenseUrl}}},
                                {"update_frequency", d.monthly ? "continuous, one file per month" : "continuous"},
                                {"personal_data", false},
                                {"schema", d.id},
                                {"distributions", std::move(distributions)}});
        }
        datasets.push_back(
            {{"id", t.code + "/kecamatan-boundaries"},
             {"region", t.code},
             {"region_name", t.name},
             {"title", "Batas kecamatan — " + t.name},
             {"description", "Kecamatan boundaries (GeoJSON) as used by the maps."},
             {"publisher", "cahyadsn/wilayah_boundaries"},
             {"license", {{"id", "MIT"}, {"url", "https://github.com/cahyadsn/wilayah_boundaries"}}},
             {"update_frequency", "with releases"},
             {"personal_data", false},
             {"distributions", json::array{{{"format", "GeoJSON"},
                                            {"media_type", "application/geo+json"},
                                            {"url", base + "/api/v1/regions/" + t.code + "/boundaries"}}}}});
    }
    Response r = Json(200, {{"title", "SatuPintu open data"},
                            {"description",
                             "Operational data of the regions served by this SatuPintu deployment: "
                             "aggregates and public fields only, no personal data, no rahasia content."},
                            {"conforms_to", "https://www.w3.org/TR/vocab-dcat-3/ (fields named after DCAT)"},
                            {"license_default", {{"id", kLicenseId}, {"url", kLicenseUrl}}},
                            {"attribution",
                             "Region codes: Kepmendagri via idn-area-data (ODbL 1.0). Kecamatan boundaries: "
                             "cahyadsn/wilayah_boundaries (MIT)."},
                            {"schemas", std::move(schemas)},
                            {"datasets", std::move(datasets)}});
    r.Set("cache-control", "public, max-age=300");
    r.Set("access-control-allow-origin", "*");
    return r;
}

// The portal's per-OPD table: on-time rate, median resolution time, IKM.
Response Portal(ApiContext& ctx, Request& req) {
    auto cal = ctx.calendars.Get(ctx.store, req.Param("code"), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    const Dataset& d = *FindDataset("opd-performance");
    auto rows = DatasetRows(ctx, d, req, **cal);
    if (!rows) return Fail(req, rows.error());
    json::array opds;
    for (const auto& row : *rows) {
        json::object o;
        for (size_t i = 0; i < row.size(); ++i) o[d.fields[i].name] = row[i];
        opds.push_back(std::move(o));
    }
    Response r = Json(200, {{"region", (*cal)->tenant.code}, {"name", (*cal)->tenant.name}, {"opds", std::move(opds)}});
    r.Set("cache-control", "public, max-age=30");
    return r;
}

}  // namespace

void RegisterOpenDataRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/open-data/catalog.json", [&ctx](Request& req) { return Catalog(ctx, req); });
    router.Add("GET", "/open-data/{code}/{file}", [&ctx](Request& req) { return Download(ctx, req); });
    router.Add("GET", "/api/v1/regions/{code}/portal", [&ctx](Request& req) { return Portal(ctx, req); });
}

}  // namespace satupintu::api
