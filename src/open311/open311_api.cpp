// Open311 GeoReport v2 (shared/docs/open311.md): the tenant's complaint categories as services,
// complaints as service requests, and the servicerequestupdates extension, in XML and JSON.
// One endpoint serves every tenant; jurisdiction_id is the tenant's Kemendagri code. Reads
// need no key (the update feed does); writes need an API key of that tenant.
#include <algorithm>

#include "api/api.hpp"
#include "api/case_context.hpp"
#include "cases/cases.hpp"
#include "core/ids.hpp"
#include "core/links.hpp"
#include "core/messages.hpp"
#include "http/form.hpp"
#include "identity/api_keys.hpp"
#include "open311/params.hpp"
#include "region/wilayah.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using open311::Params;

namespace {

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kMaxSpanMs = 90 * kDayMs;

// A tree of named values, written as XML (elements) or JSON (objects/arrays).
struct Node {
    std::string name;
    std::optional<std::string> text;  // a leaf
    bool is_list = false;             // children are items of one list
    std::vector<Node> children;

    static Node Leaf(std::string name, std::string text) { return {std::move(name), std::move(text), false, {}}; }
    static Node Null(std::string name) { return {std::move(name), std::nullopt, false, {}}; }
    static Node List(std::string name) { return {std::move(name), std::nullopt, true, {}}; }
    static Node Object(std::string name) { return {std::move(name), std::nullopt, false, {}}; }
    Node& Add(Node n) {
        children.push_back(std::move(n));
        return children.back();
    }
};

void XmlEscape(std::string& out, std::string_view s) {
    for (const char c : s) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
}

void WriteXml(std::string& out, const Node& n) {
    out += '<' + n.name + '>';
    if (n.text) {
        XmlEscape(out, *n.text);
    } else {
        for (const auto& c : n.children) WriteXml(out, c);
    }
    out += "</" + n.name + '>';
}

json::value ToJsonValue(const Node& n) {
    if (n.is_list) {
        json::array a;
        for (const auto& c : n.children) a.push_back(ToJsonValue(c));
        return a;
    }
    if (n.children.empty()) return n.text ? json::value(*n.text) : json::value(nullptr);
    json::object o;
    for (const auto& c : n.children) o[c.name] = ToJsonValue(c);
    return o;
}

enum class Format { kXml, kJson };

Response Render(Format f, int status, const Node& root) {
    if (f == Format::kXml) {
        std::string body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
        WriteXml(body, root);
        return Response::Text(status, std::move(body), "text/xml; charset=utf-8");
    }
    Response r = Response::Text(status, ToJson(ToJsonValue(root)), "application/json; charset=utf-8");
    return r;
}

struct Failure {
    int code;
    std::string description;
};

Response Errors(Format f, const std::vector<Failure>& errors) {
    Node root = Node::List("errors");
    for (const auto& e : errors) {
        Node& n = root.Add(Node::Object("error"));
        n.Add(Node::Leaf("code", std::to_string(e.code)));
        n.Add(Node::Leaf("description", e.description));
    }
    if (f == Format::kJson) {
        json::array a;
        for (const auto& e : errors) a.push_back({{"code", e.code}, {"description", e.description}});
        return Response::Text(errors.front().code, ToJson(a), "application/json; charset=utf-8");
    }
    return Render(f, errors.front().code, root);
}

Response Error(Format f, int code, std::string description) {
    return Errors(f, {{code, std::move(description)}});
}

// Maps an engine error to Open311's codes: 404 missing, 403 key problems, 400 the rest.
Response FromError(Format f, const satupintu::Error& e) {
    const int code = e.code == Errc::kNotFound                                          ? 404
                     : (e.code == Errc::kForbidden || e.code == Errc::kUnauthenticated) ? 403
                     : e.code == Errc::kUnavailable || e.code == Errc::kInternal        ? 500
                                                                                        : 400;
    std::string text = e.detail.empty() ? std::string(CodeName(e.code)) : e.detail;
    if (!e.field.empty() && text.find(e.field) == std::string::npos) text = e.field + ": " + text;
    return Error(f, code, text);
}

// "requests.xml" -> ("requests", kXml).
std::optional<std::pair<std::string, Format>> SplitFormat(const std::string& file) {
    const auto dot = file.rfind('.');
    if (dot == std::string::npos || dot == 0) return std::nullopt;
    const std::string ext = file.substr(dot + 1);
    if (ext == "xml") return std::make_pair(file.substr(0, dot), Format::kXml);
    if (ext == "json") return std::make_pair(file.substr(0, dot), Format::kJson);
    return std::nullopt;
}

struct Tenant {
    std::shared_ptr<const region::TenantCalendar> cal;
    store::TenantId id{""};
};

class Open311 {
  public:
    explicit Open311(ApiContext& ctx) : ctx_(ctx) {}

    // Runs an endpoint of one jurisdiction (a region): its parameters read, jurisdiction_id
    // required and known.
    template <typename Endpoint>
    Response InJurisdiction(Request& req, Format f, Endpoint&& endpoint) {
        auto params = open311::ReadParams(req);
        if (!params) return FromError(f, params.error());
        const auto jurisdiction = params->Value("jurisdiction_id");
        if (!jurisdiction) return Error(f, 400, "jurisdiction_id is required");
        auto cal = ctx_.calendars.Get(ctx_.store, *jurisdiction, ctx_.clock.NowMs());
        if (!cal) return Error(f, 404, "unknown jurisdiction_id");
        return endpoint(Tenant{*cal, store::TenantId(*jurisdiction)}, *params);
    }

    // A single resource's path segment, "{id}.{format}".
    template <typename Endpoint>
    Response OneResource(Request& req, Endpoint&& endpoint) {
        const auto split = SplitFormat(req.Param("file"));
        if (!split) return Response::Text(404, "not found");
        const std::string& name = split->first;  // not structured bindings: clang 14 cannot capture them
        const Format f = split->second;
        return InJurisdiction(req, f, [&](const Tenant& t, const Params&) { return endpoint(f, t, name); });
    }

    Response Discovery(Format f, const Request& req) {
        const std::string base = std::string(req.secure ? "https://" : "http://") +
                                 std::string(req.Header("host").empty() ? "localhost" : req.Header("host")) +
                                 "/open311/v2/";
        Node root = Node::Object("discovery");
        root.Add(Node::Leaf("changeset", "2026-11-25T00:00:00+07:00"));
        root.Add(Node::Leaf("contact", "Hubungi admin SatuPintu daerah Anda (pengaduan@satupintu.invalid)"));
        root.Add(Node::Leaf("key_service", "Kunci API dibuat oleh admin daerah: satupintu apikey create"));
        Node& endpoints = root.Add(Node::List("endpoints"));
        Node& e = endpoints.Add(Node::Object("endpoint"));
        e.Add(Node::Leaf("specification", "http://wiki.open311.org/GeoReport_v2"));
        e.Add(Node::Leaf("url", base));
        e.Add(Node::Leaf("changeset", "2026-11-25T00:00:00+07:00"));
        e.Add(Node::Leaf("type", "production"));
        Node& formats = e.Add(Node::List("formats"));
        formats.Add(Node::Leaf("format", "text/xml"));
        formats.Add(Node::Leaf("format", "application/json"));
        return Render(f, 200, root);
    }

    Result<std::vector<catalog::Service>> Categories(const Tenant& t) {
        std::vector<catalog::Service> out;
        SP_TRY(ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(out, catalog::ListServices(tx, t.id, "complaint"));
            return Status::Ok();
        }));
        return out;
    }

    Response Services(Format f, const Tenant& t) {
        auto services = Categories(t);
        if (!services) return FromError(f, services.error());
        Node root = Node::List("services");
        for (const auto& s : *services) {
            Node& n = root.Add(Node::Object("service"));
            n.Add(Node::Leaf("service_code", s.code));
            n.Add(Node::Leaf("service_name", s.name));
            n.Add(Node::Leaf("description", s.description));
            n.Add(Node::Leaf("metadata", s.attributes.empty() ? "false" : "true"));
            n.Add(Node::Leaf("type", "realtime"));
            std::string keywords;
            for (const auto& k : s.keywords) keywords += (keywords.empty() ? "" : ",") + k;
            n.Add(Node::Leaf("keywords", keywords));
            n.Add(Node::Leaf("group", s.group));
        }
        return Render(f, 200, root);
    }

    Response ServiceDefinition(Format f, const Tenant& t, const std::string& code) {
        std::optional<catalog::Service> s;
        auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(s, catalog::FindServiceByCode(tx, t.id, code));
            return Status::Ok();
        });
        if (!st) return FromError(f, st.error());
        if (!s || s->kind != "complaint" || !s->active) return Error(f, 404, "unknown service_code");
        Node root = Node::Object("service_definition");
        root.Add(Node::Leaf("service_code", s->code));
        Node& attrs = root.Add(Node::List("attributes"));
        for (const auto& a : s->attributes) {
            Node& n = attrs.Add(Node::Object("attribute"));
            n.Add(Node::Leaf("variable", "true"));
            n.Add(Node::Leaf("code", a.code));
            n.Add(Node::Leaf("datatype", a.datatype));
            n.Add(Node::Leaf("required", a.required ? "true" : "false"));
            n.Add(Node::Leaf("datatype_description", a.datatype_description));
            n.Add(Node::Leaf("order", std::to_string(a.order)));
            n.Add(Node::Leaf("description", a.description));
            Node& values = n.Add(Node::List("values"));
            for (const auto& v : a.values) {
                Node& value = values.Add(Node::Object("value"));
                value.Add(Node::Leaf("key", v.key));
                value.Add(Node::Leaf("name", v.name));
            }
        }
        return Render(f, 200, root);
    }

    // The API key must belong to the jurisdiction.
    Result<identity::Principal> Key(const Tenant& t, const Params& p) {
        const auto key = p.Value("api_key");
        if (!key) return Err(Errc::kForbidden, "api_key is required");
        std::optional<identity::Principal> who;
        SP_TRY(ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(who, identity::FindApiKey(tx, *key));
            return Status::Ok();
        }));
        if (!who || who->tenant != t.id) return Err(Errc::kForbidden, "invalid api_key");
        return *who;
    }

    Response PostRequest(Format f, const Tenant& t, const Params& p) {
        auto who = Key(t, p);
        if (!who) return FromError(f, who.error());
        auto read = open311::ReadServiceRequest(p);
        if (!read.problems.empty()) {
            std::vector<Failure> errors;
            for (auto& text : read.problems) errors.push_back({400, std::move(text)});
            return Errors(f, errors);
        }
        cases::NewComplaint& in = read.complaint;
        // Unknown codes are the client's mistake only when the service has no such attribute.
        std::vector<std::string> uploaded;
        // An integration posts for many people (each photo is attached at once): a day's quota
        // of a whole city's reports rather than one person's.
        static constexpr files::UploadQuota kIntegration{10, 20000, int64_t{20} << 30};
        for (const auto& field : p.fields) {
            if (!field.filename || field.value.empty()) continue;
            auto a = files::Upload(ctx_.store, ctx_.files, t.id, field.value, who->Actor(), ctx_.clock.NowMs(),
                                   kIntegration);
            if (!a) return FromError(f, a.error());
            uploaded.push_back(a->id);
        }
        in.attachment_ids = uploaded;
        const cases::Env env = EnvOf(ctx_, *t.cal);
        const cases::Actor actor = ActorOf(*who);
        std::optional<cases::PreparedComplaint> prepared;
        auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(prepared, cases::PrepareComplaint(tx, t.id, in, env));
            return Status::Ok();
        });
        cases::Case filed;
        if (st) {
            st = ctx_.store.Write([&](store::WriteTx& tx) -> Status {
                SP_ASSIGN(filed, cases::FilePrepared(tx, t.id, *prepared, env, actor));
                return Status::Ok();
            });
        }
        if (!st) return FromError(f, st.error());
        Node root = Node::List("service_requests");
        Node& n = root.Add(Node::Object("request"));
        n.Add(Node::Leaf("service_request_id", filed.number));
        // The category's own verification clock (3 working days by default, less where a
        // category says so), and the tracking page by the one helper that knows the route.
        n.Add(Node::Leaf(
            "service_notice",
            satupintu::Format("open311.filed", Lang::kId,
                              {{"due", filed.stage_due.value_or("")},
                               {"days", std::to_string(prepared->service.sla.verify_days)},
                               {"link", links::Absolute(ctx_.public_url, links::Track(t.id.code(), filed.number))}})));
        n.Add(Node::Null("account_id"));
        return Render(f, 201, root);
    }

    // A public answer (no key, nothing of the caller's): kept per region version (ServePublic).
    Response Public(Request& req, const Tenant& t, const std::function<Response()>& make) {
        return ServePublic(ctx_, req, t.id, t.cal->tenant.tz_offset_minutes, [&] {
            Response r = make();
            if (r.status == 200) r.Set("cache-control", "public, max-age=5");
            return r;
        });
    }

    Node RequestNode(const Tenant& t, const cases::Case& c, const Names& names, const std::string& status_notes,
                     const std::optional<std::string>& photo) {
        const int tz = t.cal->tenant.tz_offset_minutes;
        Node n = Node::Object("request");
        const auto s = names.services.find(c.service_id);
        const auto opd = names.opds.find(c.opd_id);
        n.Add(Node::Leaf("service_request_id", c.number));
        n.Add(Node::Leaf("status", cases::IsPublicClosed(c.status) ? "closed" : "open"));
        n.Add(Node::Leaf("status_notes", status_notes));
        n.Add(Node::Leaf("service_name", s != names.services.end() ? s->second.second : ""));
        n.Add(Node::Leaf("service_code", s != names.services.end() ? s->second.first : ""));
        n.Add(Node::Leaf("description", c.description));
        n.Add(Node::Leaf("agency_responsible", opd != names.opds.end() ? opd->second : ""));
        n.Add(Node::Leaf("service_notice", ""));
        n.Add(Node::Leaf("requested_datetime", IsoWithOffset(c.filed_at, tz)));
        n.Add(Node::Leaf("updated_datetime", IsoWithOffset(c.closed_at.value_or(c.updated_at), tz)));
        if (c.stage_due) {
            const auto start = StartOfDayMs(*c.stage_due, tz);
            n.Add(Node::Leaf("expected_datetime", IsoWithOffset(start.value_or(0) + 86400000 - 1000, tz)));
        } else {
            n.Add(Node::Leaf("expected_datetime", ""));
        }
        n.Add(Node::Leaf("address", c.address.value_or("")));
        n.Add(Node::Leaf("address_id", c.desa_code.value_or(c.kecamatan_code.value_or(""))));
        n.Add(Node::Leaf("zipcode", ""));
        char buf[32];
        if (c.point) {
            std::snprintf(buf, sizeof buf, "%.6f", c.point->lat);
            n.Add(Node::Leaf("lat", buf));
            std::snprintf(buf, sizeof buf, "%.6f", c.point->lng);
            n.Add(Node::Leaf("long", buf));
        } else {
            n.Add(Node::Leaf("lat", ""));
            n.Add(Node::Leaf("long", ""));
        }
        n.Add(Node::Leaf("media_url", photo.value_or(c.media_url.value_or(""))));
        return n;
    }

    // Renders public cases with their service names, OPDs, latest public note and first photo.
    Response RenderRequests(Format f, const Tenant& t, const std::vector<cases::Case>& list) {
        auto names = ctx_.names.Get(ctx_.store, t.id, ctx_.clock.NowMs());
        if (!names) return FromError(f, names.error());
        Node root = Node::List("service_requests");
        auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            for (const auto& c : list) {
                SP_ASSIGN(auto timeline, cases::Timeline(tx, t.id, c.id));
                std::string notes;
                std::optional<std::string> photo;
                for (const auto& e : timeline) {
                    if (e.is_public && !e.note.empty()) notes = e.note;
                    if (!photo && e.action == "received" && !e.attachments.empty())
                        photo = "/api/v1/regions/" + t.id.code() + "/attachments/" + e.attachments.front();
                }
                root.Add(RequestNode(t, c, **names, notes, photo));
            }
            return Status::Ok();
        });
        if (!st) return FromError(f, st.error());
        return Render(f, 200, root);
    }

    Response GetRequests(Format f, const Tenant& t, const Params& p) {
        const int tz = t.cal->tenant.tz_offset_minutes;
        std::vector<cases::Case> list;
        if (const auto ids = p.Value("service_request_id")) {
            auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
                size_t start = 0;
                while (start <= ids->size()) {
                    const size_t comma = std::min(ids->find(',', start), ids->size());
                    const std::string id = ids->substr(start, comma - start);
                    if (!id.empty()) {
                        SP_ASSIGN(auto c, cases::FindCase(tx, t.id, id));
                        if (c && !c->rahasia) list.push_back(std::move(*c));
                    }
                    start = comma + 1;
                    if (list.size() >= 1000) break;
                }
                return Status::Ok();
            });
            if (!st) return FromError(f, st.error());
            return RenderRequests(f, t, list);
        }
        cases::PublicFilter filter;
        const int64_t now = ctx_.clock.NowMs();
        std::optional<int64_t> start, end;
        if (const auto s = p.Value("start_date")) {
            start = ParseW3cDateTime(*s, tz);
            if (!start) return Error(f, 400, "start_date must be a W3C datetime");
        }
        if (const auto e = p.Value("end_date")) {
            end = ParseW3cDateTime(*e, tz);
            if (!end) return Error(f, 400, "end_date must be a W3C datetime");
        }
        if (start && end && *end < *start) return Error(f, 400, "end_date is before start_date");
        if (start && end && *end - *start > kMaxSpanMs) return Error(f, 400, "the date range spans more than 90 days");
        filter.to_ms = end ? *end + 1 : now + 1;
        // Without dates: today and the 90 days before it, whole days in the region's time (so the
        // answer changes with the date, not with the minute, and can be kept; see ServePublic).
        filter.from_ms = start ? *start : *StartOfDayMs(CivilDate(now, tz), tz) - kMaxSpanMs;
        if (!start && end) filter.from_ms = *end - kMaxSpanMs;
        if (start && !end) filter.to_ms = std::min(now + 1, *start + kMaxSpanMs + 1);
        const std::string status = p.Value("status").value_or("");
        if (status == "open" || status == "closed") {
            filter.status = status;
        } else if (!status.empty() && status != "open,closed" && status != "closed,open") {
            return Error(f, 400, "status must be open or closed");
        }
        if (const auto codes = p.Value("service_code")) {
            auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
                size_t start_at = 0;
                while (start_at <= codes->size()) {
                    const size_t comma = std::min(codes->find(',', start_at), codes->size());
                    SP_ASSIGN(auto s, catalog::FindServiceByCode(tx, t.id, codes->substr(start_at, comma - start_at)));
                    if (s) filter.service_ids.push_back(s->id);
                    start_at = comma + 1;
                }
                return Status::Ok();
            });
            if (!st) return FromError(f, st.error());
            if (filter.service_ids.empty()) return RenderRequests(f, t, {});
        }
        const int page = std::atoi(p.Value("page").value_or("1").c_str());
        const int page_size = std::atoi(p.Value("page_size").value_or("1000").c_str());
        if (page < 1 || page > 100000) return Error(f, 400, "page must be a positive number");
        if (page_size < 1 || page_size > 1000) return Error(f, 400, "page_size must be 1..1000");
        filter.limit = page_size;
        filter.offset = (page - 1) * page_size;
        auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(list, cases::PublicCases(tx, t.id, filter));
            return Status::Ok();
        });
        if (!st) return FromError(f, st.error());
        return RenderRequests(f, t, list);
    }

    Response GetRequest(Format f, const Tenant& t, const std::string& number) {
        std::optional<cases::Case> c;
        auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(c, cases::FindCase(tx, t.id, number));
            return Status::Ok();
        });
        if (!st) return FromError(f, st.error());
        if (!c || c->rahasia) return Error(f, 404, "unknown service_request_id");
        return RenderRequests(f, t, {*c});
    }

    // Requests are created at once, so a POST never answers with a token; a token is still the
    // request's internal id, and looking one up answers with both.
    Response GetToken(Format f, const Tenant& t, const std::string& token) {
        std::optional<cases::Case> c;
        auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(c, cases::FindCaseById(tx, t.id, token));
            return Status::Ok();
        });
        if (!st) return FromError(f, st.error());
        if (!c || c->rahasia) return Error(f, 404, "unknown token");
        Node root = Node::List("service_requests");
        Node& n = root.Add(Node::Object("request"));
        n.Add(Node::Leaf("service_request_id", c->number));
        n.Add(Node::Leaf("token", c->id));
        return Render(f, 200, root);
    }

    static std::string ExternalStatus(const std::string& action, const std::string& status) {
        if (action == "reopen") return "REOPEN";
        if (status == "verified") return "INVESTIGATING";
        if (status == "forwarded") return "INTERNAL_REFERRAL";
        if (status == "in_progress" || status == "awaiting_reporter") return "IN_PROGRESS";
        if (status == "followed_up") return "ACTION_SCHEDULED";
        if (status == "resolved") return "FIXED";
        if (status == "merged") return "DUPLICATE";
        if (status == "rejected") return "NO_FURTHER_ACTION";
        if (status == "closed") return "CLOSED";
        return "OPEN";
    }

    Response GetUpdates(Format f, const Tenant& t, const Params& p) {
        auto who = Key(t, p);
        if (!who) return FromError(f, who.error());
        const int tz = t.cal->tenant.tz_offset_minutes;
        const int64_t now = ctx_.clock.NowMs();
        std::optional<int64_t> start, end;
        if (const auto s = p.Value("start_date"); s && !(start = ParseW3cDateTime(*s, tz)))
            return Error(f, 400, "start_date must be a W3C datetime");
        if (const auto e = p.Value("end_date"); e && !(end = ParseW3cDateTime(*e, tz)))
            return Error(f, 400, "end_date must be a W3C datetime");
        const int64_t to = end ? *end + 1 : now + 1;
        const int64_t from = start ? *start : to - kMaxSpanMs;
        if (to < from) return Error(f, 400, "end_date is before start_date");
        const int page = std::atoi(p.Value("page").value_or("1").c_str());
        const int page_size = std::atoi(p.Value("page_size").value_or("1000").c_str());
        if (page < 1 || page > 100000 || page_size < 1 || page_size > 1000)
            return Error(f, 400, "page >= 1, page_size 1..1000");
        std::vector<cases::PublicUpdate> updates;
        auto st = ctx_.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(updates, cases::PublicUpdates(tx, t.id, from, to, page_size, (page - 1) * page_size));
            return Status::Ok();
        });
        if (!st) return FromError(f, st.error());
        Node root = Node::List("service_request_updates");
        for (const auto& u : updates) {
            Node& n = root.Add(Node::Object("request_update"));
            n.Add(Node::Leaf("update_id", u.id));
            n.Add(Node::Leaf("service_request_id", u.case_number));
            n.Add(Node::Leaf("status", cases::IsPublicClosed(u.status) ? "closed" : "open"));
            n.Add(Node::Leaf("updated_datetime", IsoWithOffset(u.at, tz)));
            n.Add(Node::Leaf("description", u.note));
            n.Add(Node::Leaf("media_url", u.attachments.empty() ? ""
                                                                : "/api/v1/regions/" + t.id.code() + "/attachments/" +
                                                                      u.attachments.front()));
            n.Add(Node::Leaf("external_status_code", ExternalStatus(u.action, u.status)));
        }
        return Render(f, 200, root);
    }

    Response PostUpdate(Format f, const Tenant& t, const Params& p) {
        auto who = Key(t, p);
        if (!who) return FromError(f, who.error());
        std::vector<Failure> errors;
        const auto number = p.Value("service_request_id");
        const auto update_id = p.Value("update_id");
        const auto status = p.Value("status");
        const auto description = p.Get("description").value_or("");
        if (!number) errors.push_back({400, "service_request_id is required"});
        if (!update_id) errors.push_back({400, "update_id is required"});
        if (!status) errors.push_back({400, "status is required"});
        if (!p.Value("updated_datetime")) errors.push_back({400, "updated_datetime is required"});
        if (!errors.empty()) return Errors(f, errors);
        std::string upper = *status;
        for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        cases::Action a;
        a.note = description;
        a.external_id = *update_id;
        const cases::Env env = EnvOf(ctx_, *t.cal);
        const cases::Actor actor = ActorOf(*who);
        cases::Case after;
        auto st = ctx_.store.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(auto c, cases::FindCase(tx, t.id, *number));
            if (!c || c->rahasia) return Err(Errc::kNotFound, "unknown service_request_id");
            if (upper == "REOPEN" || (upper == "OPEN" && cases::IsPublicClosed(c->status))) {
                a.name = "reopen";
            } else if (c->status == "awaiting_reporter") {
                a.name = "reply";
            } else {
                a.name = "comment";
            }
            if (a.note.empty()) a.note = upper == "REOPEN" ? "Dibuka kembali oleh pelapor." : "Tanggapan pelapor.";
            SP_ASSIGN(after, cases::Act(tx, t.id, *number, a, env, actor));
            return Status::Ok();
        });
        if (!st) {
            if (st.error().code == Errc::kConflict && st.error().field == "update_id")
                return Error(f, 400, "duplicate update_id");
            return FromError(f, st.error());
        }
        Node root = Node::List("service_request_updates");
        Node& n = root.Add(Node::Object("request_update"));
        n.Add(Node::Leaf("update_id", *update_id));
        return Render(f, 200, root);
    }

  private:
    ApiContext& ctx_;
};

}  // namespace

// Every GeoReport v2 endpoint in both formats, each its own route on the shared router.
void RegisterOpen311Routes(http::Router& router, ApiContext& ctx) {
    auto o = std::make_shared<Open311>(ctx);
    for (const auto& format : {std::pair{".json", Format::kJson}, std::pair{".xml", Format::kXml}}) {
        const std::string ext = format.first;
        const Format f = format.second;
        const std::string base = "/open311/v2/";
        router.Add("GET", base + "discovery" + ext, [o, f](Request& req) { return o->Discovery(f, req); });
        router.Add("GET", base + "services" + ext, [o, f](Request& req) {
            return o->InJurisdiction(req, f, [&](const Tenant& t, const Params&) { return o->Services(f, t); });
        });
        router.Add(
            "GET", base + "requests" + ext,
            [o, f](Request& req) {
                return o->InJurisdiction(req, f, [&](const Tenant& t, const Params& p) {
                    return o->Public(req, t, [&] { return o->GetRequests(f, t, p); });
                });
            },
            PublicReadRun(ctx));
        router.Add("POST", base + "requests" + ext, [o, f](Request& req) {
            return o->InJurisdiction(req, f, [&](const Tenant& t, const Params& p) { return o->PostRequest(f, t, p); });
        });
        router.Add("GET", base + "servicerequestupdates" + ext, [o, f](Request& req) {
            return o->InJurisdiction(req, f, [&](const Tenant& t, const Params& p) { return o->GetUpdates(f, t, p); });
        });
        router.Add("POST", base + "servicerequestupdates" + ext, [o, f](Request& req) {
            return o->InJurisdiction(req, f, [&](const Tenant& t, const Params& p) { return o->PostUpdate(f, t, p); });
        });
    }
    router.Add("GET", "/open311/v2/services/{file}", [o](Request& req) {
        return o->OneResource(
            req, [&](Format f, const Tenant& t, const std::string& code) { return o->ServiceDefinition(f, t, code); });
    });
    router.Add(
        "GET", "/open311/v2/requests/{file}",
        [o](Request& req) {
            return o->OneResource(req, [&](Format f, const Tenant& t, const std::string& number) {
                return o->Public(req, t, [&] { return o->GetRequest(f, t, number); });
            });
        },
        PublicReadRun(ctx));
    router.Add("GET", "/open311/v2/tokens/{file}", [o](Request& req) {
        return o->OneResource(
            req, [&](Format f, const Tenant& t, const std::string& token) { return o->GetToken(f, t, token); });
    });
}

}  // namespace satupintu::api
