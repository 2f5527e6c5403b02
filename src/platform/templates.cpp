#include "platform/templates.hpp"

#include "events/event_log.hpp"
#include "permits/permits.hpp"
#include "permits/spec.hpp"
#include "region/opds.hpp"

namespace satupintu::platform {

namespace {

constexpr store::TenantSql kLatestVersion{
    "SELECT coalesce(max(version), 0) FROM province_templates WHERE tenant = $1 AND code = $2"};
constexpr store::TenantSql kInsertTemplate{
    "INSERT INTO province_templates(tenant, code, version, kind, name, opd_code, definition, note, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};
constexpr store::TenantSql kTemplateVersion{
    "SELECT code, kind, name, opd_code, note, version, definition, created_at FROM province_templates"
    " WHERE tenant = $1 AND code = $2 AND version = $3"};
constexpr store::TenantSql kLatestTemplates{
    "SELECT t.code, t.kind, t.name, t.opd_code, t.note, t.version, t.definition, t.created_at"
    " FROM province_templates t WHERE t.tenant = $1 AND t.version ="
    " (SELECT max(version) FROM province_templates l WHERE l.tenant = t.tenant AND l.code = t.code) ORDER BY t.code"};
constexpr store::TenantSql kAdoptions{
    "SELECT code, version, params, accepted_at FROM template_adoptions WHERE tenant = $1 ORDER BY code"};
constexpr store::TenantSql kAdoption{
    "SELECT code, version, params, accepted_at FROM template_adoptions WHERE tenant = $1 AND code = $2"};
constexpr store::TenantSql kAdopt{
    "INSERT INTO template_adoptions(tenant, code, province, version, params, accepted_at, accepted_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant, code) DO UPDATE SET version = excluded.version,"
    " params = excluded.params, accepted_at = excluded.accepted_at, accepted_by = excluded.accepted_by"};

Template TemplateOf(const store::Row& r) {
    Template t{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), static_cast<int>(r.Int(5)), {}, r.Int(7)};
    if (auto d = ParseJsonObject(r.Text(6))) t.definition = std::move(*d);
    return t;
}

Adoption AdoptionOf(const store::Row& r) {
    Adoption a{r.Text(0), static_cast<int>(r.Int(1)), {}, r.Int(3)};
    if (auto p = ParseJsonObject(r.Text(2))) a.params = std::move(*p);
    return a;
}

// The service a definition describes, checked as a region's own would be (a permit's spec too).
Result<catalog::Service> ServiceOf(const Template& t) {
    SP_ASSIGN(auto s, catalog::FromDefinition(t.definition));
    s.code = t.code;
    s.name = t.name;
    s.kind = t.kind;
    SP_TRY(catalog::Validate(s));
    if (t.kind == "permit") SP_TRY(permits::ParseSpec(s.spec).status());
    return s;
}

// The parameters a region may set, checked; unknown members are refused rather than ignored.
Status CheckParams(const json::object& params) {
    for (const auto& [k, v] : params) {
        if (k == "opd_code") {
            if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 24)
                return Err(Errc::kInvalidInput, "an OPD code", "opd_code");
        } else if (k == "sla") {
            if (!v.is_object()) return Err(Errc::kInvalidInput, "an object of SLA days", "sla");
            for (const auto& [day, n] : v.as_object()) {
                if (day != "verify_days" && day != "follow_up_days" && day != "auto_close_days" &&
                    day != "resolve_days")
                    return Err(Errc::kInvalidInput, "no SLA setting " + std::string(day), "sla");
                if (!n.is_int64()) return Err(Errc::kInvalidInput, "whole days", "sla." + std::string(day));
            }
        } else if (k == "fee") {
            if (!v.is_object()) return Err(Errc::kInvalidInput, "a fee rule (as in a permit's spec)", "fee");
        } else {
            return Err(Errc::kInvalidInput, "no parameter " + std::string(k) + " (opd_code, sla, fee)", std::string(k));
        }
    }
    return Status::Ok();
}

}  // namespace

bool IsProvince(const std::string& tenant_code) {
    return tenant_code.size() == 2 && std::isdigit(static_cast<unsigned char>(tenant_code[0])) &&
           std::isdigit(static_cast<unsigned char>(tenant_code[1]));
}

Result<Template> PublishTemplate(store::WriteTx& tx, const store::TenantId& province, Template t, int64_t now_ms,
                                 const std::string& actor) {
    if (!IsProvince(province.code())) return Err(Errc::kForbidden, "templates are a province's");
    if (t.kind != "complaint" && t.kind != "permit") return Err(Errc::kInvalidInput, "complaint or permit", "kind");
    if (t.opd_code.empty()) return Err(Errc::kInvalidInput, "the OPD usually responsible", "opd_code");
    SP_ASSIGN(const auto service, ServiceOf(t));
    t.definition = catalog::DefinitionJson(service);  // in its normal form, so that equal is equal
    SP_ASSIGN(const auto latest, tx.QueryOne(kLatestVersion, province, t.code));
    const int current = latest ? static_cast<int>(latest->Int(0)) : 0;
    if (current > 0) {
        SP_ASSIGN(const auto row, tx.QueryOne(kTemplateVersion, province, t.code, current));
        const Template before = TemplateOf(*row);
        if (before.kind != t.kind) return Err(Errc::kConflict, "a template keeps its kind", "kind");
        if (before.name == t.name && before.opd_code == t.opd_code && before.definition == t.definition) return before;
    }
    t.version = current + 1;
    t.created_at = now_ms;
    SP_TRY(tx.Put(kInsertTemplate, province, t.code, t.version, t.kind, t.name, t.opd_code, ToJson(t.definition),
                  t.note, now_ms));
    SP_TRY(events::Append(tx, province, now_ms,
                          {"template.published",
                           actor,
                           "template:" + t.code,
                           {{"code", t.code}, {"version", t.version}, {"kind", t.kind}, {"note", t.note}}})
               .status());
    return t;
}

Result<std::vector<Template>> LatestTemplates(store::ReadTx& tx, const std::string& province) {
    SP_ASSIGN(const auto rows, tx.Query(kLatestTemplates, store::TenantId(province)));
    std::vector<Template> out;
    for (const auto& r : rows) out.push_back(TemplateOf(r));
    return out;
}

Result<std::vector<Adoption>> Adoptions(store::ReadTx& tx, const store::TenantId& region) {
    SP_ASSIGN(const auto rows, tx.Query(kAdoptions, region));
    std::vector<Adoption> out;
    for (const auto& r : rows) out.push_back(AdoptionOf(r));
    return out;
}

Result<catalog::Service> AcceptTemplate(store::WriteTx& tx, const store::TenantId& region, const std::string& code,
                                        int version, const json::object& params, int64_t now_ms,
                                        const std::string& actor) {
    if (IsProvince(region.code())) return Err(Errc::kForbidden, "a province's templates are adopted by its regions");
    SP_TRY(CheckParams(params));
    const store::TenantId province(region.code().substr(0, 2));
    SP_ASSIGN(const auto latest, tx.QueryOne(kLatestVersion, province, code));
    if (!latest || latest->Int(0) == 0) return Err(Errc::kNotFound, "no template " + code + " in the province");
    if (version != latest->Int(0)) {
        return Err(Errc::kConflict,
                   "version " + std::to_string(latest->Int(0)) + " is current: review and accept that one", "version");
    }
    SP_ASSIGN(const auto row, tx.QueryOne(kTemplateVersion, province, code, version));
    const Template t = TemplateOf(*row);

    // The region's parameters: those given, over those of its earlier adoption.
    json::object merged;
    SP_ASSIGN(const auto earlier, tx.QueryOne(kAdoption, region, code));
    if (earlier) merged = AdoptionOf(*earlier).params;
    for (const auto& [k, v] : params) merged[k] = v;

    SP_ASSIGN(auto s, ServiceOf(t));
    const std::string opd_code =
        merged.contains("opd_code") ? std::string(merged.at("opd_code").as_string()) : t.opd_code;
    SP_ASSIGN(const auto opd, region::GetOpdByCode(tx, region, opd_code));
    if (!opd) return Err(Errc::kInvalidInput, "the region has no OPD " + opd_code, "opd_code");
    if (const auto* sla = merged.if_contains("sla")) {
        for (const auto& [day, n] : sla->as_object()) {
            const int days = static_cast<int>(n.as_int64());
            if (day == "verify_days") s.sla.verify_days = days;
            if (day == "follow_up_days") s.sla.follow_up_days = days;
            if (day == "auto_close_days") s.sla.auto_close_days = days;
            if (day == "resolve_days") s.sla.resolve_days = days;
        }
    }
    if (const auto* fee = merged.if_contains("fee")) {
        if (t.kind != "permit") return Err(Errc::kInvalidInput, "only a permit has a fee", "fee");
        s.spec["fee"] = *fee;
    }
    SP_TRY(catalog::Validate(s));
    catalog::Service saved;
    if (t.kind == "permit") {
        s.opd_id = opd_code;  // ImportServices resolves the code, and skips an unchanged service
        SP_TRY(permits::ImportServices(tx, region, {s}, now_ms, actor).status());
        SP_ASSIGN(const auto found, catalog::FindServiceByCode(tx, region, code));
        saved = *found;
    } else {
        s.opd_id = opd->id;
        SP_ASSIGN(saved, catalog::PutService(tx, region, s, now_ms, actor));
    }
    SP_TRY(tx.Put(kAdopt, region, code, province.code(), version, ToJson(merged), now_ms, actor));
    SP_TRY(events::Append(tx, region, now_ms,
                          {"template.accepted",
                           actor,
                           "service:" + saved.id,
                           {{"code", code}, {"province", province.code()}, {"version", version}, {"params", merged}}})
               .status());
    return saved;
}

}  // namespace satupintu::platform
