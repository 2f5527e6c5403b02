#include "catalog/services.hpp"

#include <algorithm>
#include <set>

#include "core/ids.hpp"
#include "core/problems.hpp"
#include "events/event_log.hpp"
#include "region/opds.hpp"

namespace satupintu::catalog {

namespace {
using store::TenantSql;

constexpr TenantSql kFindByCode{
    "SELECT id, code, kind, version, name, opd_id, definition, active FROM services WHERE tenant = $1 AND code = $2"};
constexpr TenantSql kList{
    "SELECT id, code, kind, version, name, opd_id, definition, active FROM services "
    "WHERE tenant = $1 AND kind = $2 AND active = 1 ORDER BY name"};
constexpr TenantSql kFindVersion{
    "SELECT s.id, s.code, s.kind, v.version, v.name, v.opd_id, v.definition, s.active FROM service_versions v "
    "JOIN services s ON s.tenant = v.tenant AND s.id = v.service_id "
    "WHERE v.tenant = $1 AND v.service_id = $2 AND v.version = $3"};
constexpr TenantSql kInsert{
    "INSERT INTO services(tenant, id, code, kind, version, name, opd_id, definition, active, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, 1, $5, $6, $7, 1, $8, $8)"};
constexpr TenantSql kUpdate{
    "UPDATE services SET version = $3, name = $4, opd_id = $5, definition = $6, active = $7, updated_at = $8 "
    "WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kInsertVersion{
    "INSERT INTO service_versions(tenant, service_id, version, name, opd_id, definition, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};

constexpr const char* kDatatypes[] = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"};

bool ValidCode(const std::string& code) {
    return code.size() >= 2 && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
           });
}

bool ValidAttrCode(const std::string& code) {
    return !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

int IntOr(const json::object& o, std::string_view key, int fallback) {
    const auto* v = o.if_contains(key);
    return v && v->is_int64() ? static_cast<int>(v->as_int64()) : fallback;
}

bool BoolOr(const json::object& o, std::string_view key, bool fallback) {
    const auto* v = o.if_contains(key);
    return v && v->is_bool() ? v->as_bool() : fallback;
}

std::string StringOr(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<Service> FromRow(const store::Row& r) {
    SP_ASSIGN(auto def, ParseJsonObject(r.Text(6)));
    SP_ASSIGN(Service s, FromDefinition(std::move(def)));
    s.id = r.Text(0);
    s.code = r.Text(1);
    s.kind = r.Text(2);
    s.version = static_cast<int>(r.Int(3));
    s.name = r.Text(4);
    s.opd_id = r.Text(5);
    s.active = r.Int(7) != 0;
    return s;
}

Result<std::optional<Service>> OneService(Result<std::optional<store::Row>> row) {
    if (!row) return row.error();
    if (!*row) return std::optional<Service>{};
    SP_ASSIGN(auto s, FromRow(**row));
    return std::optional<Service>{std::move(s)};
}

bool IsNumber(std::string_view s) {
    if (s.empty() || s.size() > 32) return false;
    size_t i = s[0] == '-' ? 1 : 0;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits = true;
        } else if (s[i] == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    return digits;
}
}  // namespace

Status Validate(const Service& s) {
    if (!ValidCode(s.code)) return Invalid("code", "input.service.code");
    if (s.kind.empty() || !ValidAttrCode(s.kind)) return Invalid("kind", "input.service.kind");
    if (s.name.size() < 3 || s.name.size() > 200 || !IsValidUtf8(s.name)) return Invalid("name", "input.service.name");
    if (s.description.size() > 2000 || !IsValidUtf8(s.description))
        return Invalid("description", "input.service.description");
    const auto& sla = s.sla;
    auto in = [](int v, int lo, int hi) { return v >= lo && v <= hi; };
    if (!in(sla.verify_days, 1, 60) || !in(sla.follow_up_days, 1, 120) || !in(sla.auto_close_days, 1, 60) ||
        !in(sla.resolve_days, 1, 365)) {
        return Invalid("sla", "input.service.sla");
    }
    if (!in(s.duplicate_radius_m, 10, 5000)) return Invalid("duplicate_radius_m", "input.service.radius");
    std::set<std::string> codes;
    std::set<int> orders;
    for (const auto& a : s.attributes) {
        if (!ValidAttrCode(a.code) || !codes.insert(a.code).second)
            return Invalid("attributes", "input.service.attribute_code");
        if (std::find(std::begin(kDatatypes), std::end(kDatatypes), a.datatype) == std::end(kDatatypes))
            return Invalid("attributes", "input.service.attribute_type", {{"type", a.datatype}});
        if (a.order < 1 || !orders.insert(a.order).second)
            return Invalid("attributes", "input.service.attribute_order");
        const bool list = a.datatype == "singlevaluelist" || a.datatype == "multivaluelist";
        if (list == a.values.empty()) return Invalid("attributes", "input.service.attribute_values");
    }
    return Status::Ok();
}

json::object DefinitionJson(const Service& s) {
    json::array keywords;
    for (const auto& k : s.keywords) keywords.push_back(json::string(k));
    json::array attrs;
    for (const auto& a : s.attributes) {
        json::array values;
        for (const auto& v : a.values) values.push_back({{"key", v.key}, {"name", v.name}});
        attrs.push_back({{"code", a.code},
                         {"datatype", a.datatype},
                         {"required", a.required},
                         {"description", a.description},
                         {"datatype_description", a.datatype_description},
                         {"order", a.order},
                         {"values", std::move(values)}});
    }
    return {{"description", s.description},
            {"group", s.group},
            {"keywords", std::move(keywords)},
            {"sla",
             {{"verify_days", s.sla.verify_days},
              {"follow_up_days", s.sla.follow_up_days},
              {"auto_close_days", s.sla.auto_close_days},
              {"resolve_days", s.sla.resolve_days}}},
            {"allow_rahasia", s.allow_rahasia},
            {"guest_filing", s.guest_filing},
            {"proof_required", s.proof_required},
            {"duplicate_radius_m", s.duplicate_radius_m},
            {"attributes", std::move(attrs)},
            {"spec", s.spec}};
}

Result<Service> FromDefinition(json::object d) {
    Service s;
    s.description = StringOr(d, "description");
    s.group = StringOr(d, "group");
    if (const auto* k = d.if_contains("keywords"); k && k->is_array()) {
        for (const auto& v : k->as_array())
            if (v.is_string()) s.keywords.emplace_back(v.as_string());
    }
    if (const auto* sla = d.if_contains("sla"); sla && sla->is_object()) {
        const auto& o = sla->as_object();
        s.sla.verify_days = IntOr(o, "verify_days", s.sla.verify_days);
        s.sla.follow_up_days = IntOr(o, "follow_up_days", s.sla.follow_up_days);
        s.sla.auto_close_days = IntOr(o, "auto_close_days", s.sla.auto_close_days);
        s.sla.resolve_days = IntOr(o, "resolve_days", s.sla.resolve_days);
    }
    s.allow_rahasia = BoolOr(d, "allow_rahasia", true);
    s.guest_filing = BoolOr(d, "guest_filing", true);
    s.proof_required = BoolOr(d, "proof_required", false);
    s.duplicate_radius_m = IntOr(d, "duplicate_radius_m", s.duplicate_radius_m);
    if (const auto* attrs = d.if_contains("attributes"); attrs && attrs->is_array()) {
        for (const auto& v : attrs->as_array()) {
            if (!v.is_object()) return Invalid("attributes", "input.service.attribute_object");
            const auto& o = v.as_object();
            Attribute a{StringOr(o, "code"),
                        StringOr(o, "datatype"),
                        BoolOr(o, "required", false),
                        StringOr(o, "description"),
                        StringOr(o, "datatype_description"),
                        IntOr(o, "order", 0),
                        {}};
            if (const auto* vals = o.if_contains("values"); vals && vals->is_array()) {
                for (const auto& x : vals->as_array()) {
                    if (x.is_object())
                        a.values.push_back({StringOr(x.as_object(), "key"), StringOr(x.as_object(), "name")});
                }
            }
            s.attributes.push_back(std::move(a));
        }
    }
    std::sort(s.attributes.begin(), s.attributes.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
    if (const auto* spec = d.if_contains("spec"); spec && spec->is_object()) s.spec = spec->as_object();
    return s;
}

Result<Service> PutService(store::WriteTx& tx, const store::TenantId& tenant, Service s, int64_t now_ms,
                           const std::string& actor) {
    SP_TRY(Validate(s));
    SP_ASSIGN(auto opd, region::GetOpd(tx, tenant, s.opd_id));
    if (!opd) return Invalid("opd_id", "input.opd_unknown");
    SP_ASSIGN(auto existing, FindServiceByCode(tx, tenant, s.code));
    const std::string definition = ToJson(DefinitionJson(s));
    if (existing) {
        if (existing->kind != s.kind) return Err(Errc::kConflict, "a service of another kind has this code", "code");
        s.id = existing->id;
        s.version = existing->version + 1;
        SP_TRY(tx.Exec(kUpdate, tenant, s.id, s.version, s.name, s.opd_id, definition, s.active, now_ms));
    } else {
        s.id = NewId();
        s.version = 1;
        SP_TRY(tx.Exec(kInsert, tenant, s.id, s.code, s.kind, s.name, s.opd_id, definition, now_ms));
    }
    SP_TRY(tx.Exec(kInsertVersion, tenant, s.id, s.version, s.name, s.opd_id, definition, now_ms));
    events::Event e{existing ? "service.updated" : "service.created", actor, "service:" + s.id, {}};
    e.payload["code"] = s.code;
    e.payload["kind"] = s.kind;
    e.payload["version"] = s.version;
    e.payload["name"] = s.name;
    e.payload["opd_id"] = s.opd_id;
    e.payload["definition"] = DefinitionJson(s);
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return s;
}

Result<std::vector<Service>> ListServices(store::ReadTx& tx, const store::TenantId& tenant, const std::string& kind) {
    SP_ASSIGN(auto rows, tx.Query(kList, tenant, kind));
    std::vector<Service> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        SP_ASSIGN(auto s, FromRow(r));
        out.push_back(std::move(s));
    }
    return out;
}

Result<std::optional<Service>> FindServiceByCode(store::ReadTx& tx, const store::TenantId& tenant,
                                                 const std::string& code) {
    return OneService(tx.QueryOne(kFindByCode, tenant, code));
}

Result<std::optional<Service>> FindServiceVersion(store::ReadTx& tx, const store::TenantId& tenant,
                                                  const std::string& id, int version) {
    return OneService(tx.QueryOne(kFindVersion, tenant, id, version));
}

Status ValidateAnswers(const Service& s, const json::object& answers) {
    Problems problems;
    for (const auto& answer : answers) {
        const std::string_view key = answer.key();  // not a structured binding: clang 14 cannot capture one
        const auto it =
            std::find_if(s.attributes.begin(), s.attributes.end(), [&](const Attribute& a) { return a.code == key; });
        if (it == s.attributes.end()) problems.Add("attributes." + std::string(key), "input.attribute_unknown");
    }
    for (const auto& a : s.attributes) {
        const auto* v = answers.if_contains(a.code);
        const bool empty = !v || (v->is_string() && v->as_string().empty()) || (v->is_array() && v->as_array().empty());
        if (empty) {
            if (a.required)
                problems.Add("attributes." + a.code, "input.attribute_required", {{"label", a.description}});
            continue;
        }
        auto known = [&](const json::value& x) {
            return x.is_string() && std::any_of(a.values.begin(), a.values.end(),
                                                [&](const AttributeValue& kv) { return kv.key == x.as_string(); });
        };
        bool ok = false;
        if (a.datatype == "multivaluelist") {
            ok = v->is_array() && v->as_array().size() <= a.values.size() &&
                 std::all_of(v->as_array().begin(), v->as_array().end(), known);
        } else if (a.datatype == "singlevaluelist") {
            ok = known(*v);
        } else if (v->is_string()) {
            const std::string_view text = v->as_string();
            ok = text.size() <= (a.datatype == "text" ? 4000u : 500u) && IsValidUtf8(text);
            if (ok && a.datatype == "number") ok = IsNumber(text);
            if (ok && a.datatype == "datetime") ok = text.size() >= 10 && ParseDate(text.substr(0, 10)).has_value();
        }
        if (!ok) problems.Add("attributes." + a.code, "input.attribute_invalid", {{"label", a.description}});
    }
    return problems.status();
}

}  // namespace satupintu::catalog
