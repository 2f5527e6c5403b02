#include "permits/permits.hpp"

#include <algorithm>

#include "core/ids.hpp"
#include "core/nik.hpp"
#include "documents/documents.hpp"
#include "events/event_log.hpp"
#include "identity/users.hpp"
#include "notify/outbox.hpp"
#include "region/opds.hpp"
#include "region/tenants.hpp"
#include "region/wilayah.hpp"
#include "taxes/params.hpp"

namespace satupintu::permits {

namespace {

using store::TenantSql;

constexpr const char* kNoDue = "9999-12-31";

constexpr TenantSql kNextSerial{
    "INSERT INTO case_serials(tenant, prefix, year, last) VALUES ($1, 'IZN', $2, 1) "
    "ON CONFLICT (tenant, prefix, year) DO UPDATE SET last = case_serials.last + 1 RETURNING last"};
constexpr TenantSql kInsert{
    "INSERT INTO cases(tenant, id, number, service_id, service_version, class, status, is_open, description, "
    "attributes, kecamatan_code, desa_code, anonymous, rahasia, reporter_id, opd_id, stage, stage_due, resolve_by, "
    "filed_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'permohonan', $6, $7, $8, $9, $10, $11, 0, 1, $12, $13, $14, "
    "$15, $16, $17, $17)"};
constexpr TenantSql kUpdate{
    "UPDATE cases SET status = $3, is_open = $4, stage = $5, stage_due = $6, paused_since = $7, attributes = $8, "
    "kecamatan_code = $9, desa_code = $10, filed_at = $11, updated_at = $12, closed_at = $13, resolve_by = $14 "
    "WHERE tenant = $1 AND id = $2 AND class = 'permohonan'"};
constexpr TenantSql kInsertUpdate{
    "INSERT INTO case_updates(tenant, id, case_id, at, action, status, actor, opd_id, note, public, external_id, "
    "attachments) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, NULL, $10)"};
constexpr TenantSql kClaimAttachment{
    "UPDATE attachments SET case_id = $2, purpose = 'application' WHERE tenant = $1 AND id = $3 "
    "AND uploaded_by = $4 AND (case_id IS NULL OR case_id = $2)"};
constexpr TenantSql kDailyFiled{
    "INSERT INTO case_daily(tenant, day, service_id, opd_id, kecamatan_code, filed) VALUES ($1, $2, $3, $4, $5, 1) "
    "ON CONFLICT (tenant, day, service_id, opd_id, kecamatan_code) DO UPDATE SET filed = case_daily.filed + 1"};
constexpr TenantSql kDailyClosed{
    "INSERT INTO case_daily(tenant, day, service_id, opd_id, kecamatan_code, closed) VALUES ($1, $2, $3, $4, $5, 1) "
    "ON CONFLICT (tenant, day, service_id, opd_id, kecamatan_code) DO UPDATE SET closed = case_daily.closed + 1"};
constexpr TenantSql kTimedOut{
    "SELECT number FROM cases WHERE tenant = $1 AND class = 'permohonan' AND is_open = 1 AND status = 'in_review' "
    "AND stage_due < $2 ORDER BY stage_due LIMIT $3"};
constexpr TenantSql kBillExpired{
    "SELECT number FROM cases WHERE tenant = $1 AND class = 'permohonan' AND is_open = 1 "
    "AND status = 'awaiting_payment' AND stage_due < $2 ORDER BY stage_due LIMIT $3"};
constexpr TenantSql kDone{
    "SELECT filed_at, closed_at FROM cases WHERE tenant = $1 AND service_id = $2 AND closed_at IS NOT NULL "
    "AND status = 'approved' ORDER BY closed_at DESC LIMIT $3"};

std::string Today(const Env& env) {
    return CivilDate(env.now_ms, env.tz_offset_minutes);
}

std::string AddDays(const Env& env, int working_days) {
    return FormatDate(env.calendar.AddWorkingDays(*ParseDate(Today(env)), working_days));
}

const FormField* FieldOf(const PermitSpec& spec, std::string_view code) {
    for (const auto& f : spec.form)
        if (f.code == code) return &f;
    return nullptr;
}

std::string Text(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Stored answers carry NIKs sealed: {"masked": "...", "sealed": "..."}, in groups too.
// `seal` true seals clear NIKs; false opens sealed ones (to re-validate a changed draft).
void SealFields(const std::vector<FormField>& form, json::object& answers, const identity::NikVault& vault, bool seal) {
    for (const auto& f : form) {
        auto* v = answers.if_contains(f.code);
        if (!v) continue;
        if (f.type == "group" && v->is_array()) {
            for (auto& item : v->as_array()) {
                if (item.is_object()) SealFields(f.fields, item.as_object(), vault, seal);
            }
        } else if (f.type == "nik" && seal && v->is_string() && !v->as_string().empty()) {
            const std::string nik(v->as_string());
            *v = json::object{{"masked", MaskNik(nik)}, {"sealed", vault.Seal(nik)}};
        } else if (f.type == "nik" && !seal && v->is_object()) {
            *v = json::string(vault.Open(Text(v->as_object(), "sealed")).value_or(""));
        }
    }
}

json::object Seal(const PermitSpec& spec, json::object answers, const identity::NikVault& vault) {
    SealFields(spec.form, answers, vault, true);
    return answers;
}

json::object Open(const PermitSpec& spec, json::object answers, const identity::NikVault& vault) {
    SealFields(spec.form, answers, vault, false);
    return answers;
}

std::string ActorLabel(const cases::Actor& a) {
    if (a.role == "system") return "sistem";
    if (a.role == "citizen") return "pemohon";
    if (a.role == "verifier" || a.role == "admin") return "verifikator";
    if (a.role == "opd_head") return "kepala_opd";
    return "petugas";
}

std::string StatusText(std::string_view status) {
    if (status == "draft") return "draf";
    if (status == "in_review") return "sedang diproses";
    if (status == "returned") return "dikembalikan untuk perbaikan";
    if (status == "awaiting_payment") return "menunggu pembayaran";
    if (status == "approved") return "disetujui, dokumen terbit";
    if (status == "rejected") return "ditolak";
    return std::string(status);
}

struct Ctx {
    store::WriteTx& tx;
    const store::TenantId& tenant;
    const Env& env;
};

Status Save(Ctx& x, const cases::Case& c) {
    SP_TRY(cases::MoveStatus(x.tx, x.tenant, c));
    SP_ASSIGN(auto n, x.tx.Exec(kUpdate, x.tenant, c.id, c.status, c.is_open, c.stage, c.stage_due.value_or(kNoDue),
                                c.paused_since, ToJson(c.attributes), c.kecamatan_code, c.desa_code, c.filed_at,
                                x.env.now_ms, c.closed_at, c.resolve_by));
    if (n != 1) return Err(Errc::kInternal, "application row vanished");
    return Status::Ok();
}

// The timeline row, the event and the applicant's email of one step.
Status Record(Ctx& x, const cases::Case& c, const std::string& action, const cases::Actor& actor,
              const std::string& note, json::object payload = {}) {
    SP_TRY(x.tx.Exec(kInsertUpdate, x.tenant, NewId(), c.id, x.env.now_ms, action, c.status, ActorLabel(actor),
                     c.opd_id, note, "[]"));
    payload["number"] = c.number;
    payload["status"] = c.status;
    payload["stage"] = c.stage;
    if (c.stage_due) payload["stage_due"] = *c.stage_due;
    SP_TRY(events::Append(x.tx, x.tenant, x.env.now_ms,
                          {"application." + action, actor.id, "case:" + c.id, std::move(payload)}));
    if (c.reporter_id && action != "draft_saved") {
        SP_ASSIGN(auto email, identity::UserEmail(x.tx, x.tenant, *c.reporter_id));
        if (email) {
            std::string body = "Status permohonan " + c.number + " sekarang: " + StatusText(c.status) + ".\n";
            if (!note.empty()) body += "\n" + note + "\n";
            body += "\nLihat: " + x.env.public_url + "/izin/saya\n";
            SP_TRY(notify::EnqueueEmails(x.tx, x.tenant, {*email},
                                         "Permohonan " + c.number + ": " + StatusText(c.status), body, x.env.now_ms));
        }
    }
    return Status::Ok();
}

Status Finish(Ctx& x, cases::Case& c, const std::string& status) {
    c.status = status;
    c.is_open = false;
    c.stage = "done";
    c.stage_due.reset();
    c.paused_since.reset();
    c.closed_at = x.env.now_ms;
    SP_TRY(x.tx.Exec(kDailyClosed, x.tenant, Today(x.env), c.service_id, c.opd_id, c.kecamatan_code.value_or("")));
    return Save(x, c);
}

std::string Upper(std::string s) {
    for (char& ch : s)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return s;
}

// A printed value of an answer: text as is, NIKs masked, places by name, groups joined.
Result<std::string> Printed(store::ReadTx& tx, const FormField* f, const json::value* v) {
    if (!v || v->is_null()) return std::string();
    if (v->is_string()) return std::string(v->as_string());
    if (v->is_int64()) return std::to_string(v->as_int64());
    if (v->is_object() && v->as_object().contains("masked")) return Text(v->as_object(), "masked");
    if (v->is_object() && f && f->type == "location") {
        std::string out;
        for (const char* key : {"desa", "kecamatan"}) {
            const std::string code = Text(v->as_object(), key);
            if (code.empty()) continue;
            SP_ASSIGN(auto r, region::FindRegion(tx, code));
            if (!out.empty()) out += ", ";
            out += r ? (std::string(key) == "kecamatan" ? "Kecamatan " : "") + r->name : code;
        }
        return out;
    }
    if (v->is_array()) {
        std::string out;
        for (const auto& item : v->as_array()) {
            if (!out.empty()) out += "; ";
            if (item.is_object()) {
                for (const auto& [_, x] : item.as_object())
                    if (x.is_string()) out += std::string(x.as_string()) + " ";
            }
        }
        return out;
    }
    return std::string();
}

// The letterhead, place and date of a document the OPD issues today.
Result<documents::Content> Letterhead(Ctx& x, const std::optional<region::Opd>& opd) {
    SP_ASSIGN(auto tenant, region::FindTenant(x.tx, x.tenant.code()));
    documents::Content content;
    const std::string region_name = tenant ? tenant->name : x.tenant.code();
    content.government = "PEMERINTAH " + Upper(region_name);
    content.office = opd ? Upper(opd->name) : "";
    content.address = region_name;
    std::string place = region_name;
    for (const char* prefix : {"Kabupaten ", "Kota "}) {
        if (place.rfind(prefix, 0) == 0) place = place.substr(std::string(prefix).size());
    }
    content.place = place;
    content.issued_on = Today(x.env);
    return content;
}

Result<std::string> IssueDocument(Ctx& x, const PermitService& ps, const cases::Case& c) {
    const auto& t = ps.spec.document;
    SP_ASSIGN(auto opd, region::GetOpd(x.tx, x.tenant, ps.service.opd_id));
    SP_ASSIGN(documents::Content content, Letterhead(x, opd));
    content.title = t.title;
    content.service_code = ps.service.code;
    content.case_number = c.number;
    content.holder_name = Text(c.attributes, ps.spec.holder_field);
    content.body = t.body;
    for (const auto& [label, from] : t.fields) {
        SP_ASSIGN(auto value, Printed(x.tx, FieldOf(ps.spec, from), c.attributes.if_contains(from)));
        content.fields.push_back({label, value});
    }
    if (t.valid_days > 0) {
        content.valid_until = FormatDate(*ParseDate(content.issued_on) + std::chrono::days{t.valid_days});
    }
    content.signer_title = t.signer_title;
    const int year = std::stoi(content.issued_on.substr(0, 4));
    SP_ASSIGN(auto doc, documents::Issue(x.tx, x.tenant, content, {t.classification, t.unit, year}, c.id, ps.service.id,
                                         c.reporter_id, x.env.public_url, x.env.now_ms, "system"));
    return doc.id;
}

// The receipt of a payment (tanda bukti pembayaran), signed like any document: what was paid,
// for what, through which bank, and its NTPD. Rendered on its first download.
Result<std::string> IssueReceipt(Ctx& x, const PermitService& ps, const cases::Case& c, const billing::Outcome& paid) {
    SP_ASSIGN(auto revenue_office, region::GetOpdByCode(x.tx, x.tenant, "BAPENDA"));
    if (!revenue_office) {
        SP_ASSIGN(revenue_office, region::GetOpd(x.tx, x.tenant, ps.service.opd_id));
    }
    SP_ASSIGN(documents::Content content, Letterhead(x, revenue_office));
    content.title = "TANDA BUKTI PEMBAYARAN";
    content.service_code = ps.service.code;
    content.case_number = c.number;
    content.holder_name = Text(c.attributes, ps.spec.holder_field);
    content.body =
        "Telah diterima di Kas Daerah melalui kanal pembayaran resmi pembayaran sebagai berikut. Bukti ini "
        "sah tanpa tanda tangan basah; tidak ada pembayaran tunai kepada petugas.";
    content.fields = {{"Uraian", paid.bill.description},
                      {"Kode bayar", paid.bill.kode_bayar},
                      {"Jumlah", taxes::FormatRupiah(paid.payment.amount)},
                      {"NTPD", paid.payment.ntpd},
                      {"Bank", paid.payment.bank},
                      {"Waktu pembayaran", IsoWithOffset(paid.payment.paid_at, x.env.tz_offset_minutes)},
                      {"Dasar pengenaan", paid.bill.rule}};
    content.signer_title = "Bendahara Penerimaan";
    const int year = std::stoi(content.issued_on.substr(0, 4));
    SP_ASSIGN(auto doc, documents::Issue(x.tx, x.tenant, content,
                                         {"900.1.13", revenue_office ? revenue_office->code : "KASDA", year}, c.id,
                                         ps.service.id, c.reporter_id, x.env.public_url, x.env.now_ms, "system"));
    return doc.id;
}

// Moves the case into step `index` (or finishes it past the last one). A payment step issues
// the bill; a zero fee skips it.
Status Enter(Ctx& x, const PermitService& ps, cases::Case& c, size_t index, StepResult& out) {
    while (index < ps.spec.steps.size()) {
        const Step& s = ps.spec.steps[index];
        c.stage = s.code;
        c.paused_since.reset();
        if (!s.bill) {
            c.status = "in_review";
            c.stage_due = AddDays(x.env, s.sla_days);
            return Save(x, c);
        }
        SP_ASSIGN(auto params, taxes::LoadParams(x.tx, x.tenant));
        SP_ASSIGN(auto fee, ComputeFee(ps.spec.fee, c.attributes, params));
        if (fee.amount == 0) {
            ++index;
            continue;
        }
        const int64_t expires = x.env.now_ms + int64_t{ps.spec.bill_valid_days} * 86'400'000;
        SP_ASSIGN(auto bill, billing::CreateBill(x.tx, x.tenant, c.id, fee.amount, ps.service.name + " " + c.number,
                                                 fee.rule, expires, x.env.now_ms, x.env.tz_offset_minutes));
        c.status = "awaiting_payment";
        c.stage_due = CivilDate(expires, x.env.tz_offset_minutes);
        c.paused_since = Today(x.env);  // the applicant's time, not the office's
        SP_TRY(Save(x, c));
        SP_TRY(Record(x, c, "billed", {"system", "system", "", std::nullopt, false},
                      "Kode bayar " + bill.kode_bayar + ", " + taxes::FormatRupiah(bill.amount) + " (" + fee.rule +
                          "). Bayar melalui bank atau kanal resmi; tidak ada pembayaran tunai.",
                      {{"kode_bayar", bill.kode_bayar}, {"amount", bill.amount}}));
        out.bill = bill;
        return Status::Ok();
    }
    return Finish(x, c, "approved");
}

size_t IndexOf(const PermitSpec& spec, const std::string& code) {
    for (size_t i = 0; i < spec.steps.size(); ++i)
        if (spec.steps[i].code == code) return i;
    return spec.steps.size();
}

Result<cases::Case> Load(store::ReadTx& tx, const store::TenantId& tenant, const std::string& number) {
    SP_ASSIGN(auto c, cases::FindApplication(tx, tenant, number));
    if (!c) return Err(Errc::kNotFound, "no such application");
    return std::move(*c);
}

Status ClaimAll(Ctx& x, const cases::Case& c, const cases::Actor& actor, const std::vector<std::string>& ids) {
    if (ids.size() > 20) return Err(Errc::kInvalidInput, "at most 20 files", "documents");
    for (const auto& id : ids) {
        SP_ASSIGN(auto n, x.tx.Exec(kClaimAttachment, x.tenant, c.id, id, actor.id));
        if (n != 1) return Err(Errc::kInvalidInput, "unknown or foreign attachment " + id, "documents");
    }
    return Status::Ok();
}

// Validates merged answers and documents; returns the answers to store (NIKs sealed).
Result<json::object> Checked(Ctx& x, const PermitService& ps, const cases::Case* before, const Submission& sub,
                             const cases::Actor& actor, const std::string& case_id) {
    json::object answers = before ? Open(ps.spec, before->attributes, x.env.vault) : json::object{};
    json::object documents;
    if (before) {
        if (const auto* d = before->attributes.if_contains("_documents"); d && d->is_object())
            documents = d->as_object();
        answers.erase("_documents");
    }
    for (const auto& [k, v] : sub.answers) answers[k] = v;
    for (const auto& [k, v] : sub.documents) documents[k] = v;
    const std::string prefix = x.tenant.code() + ".";
    auto known_area = [&](const std::string& code) {
        if (code.rfind(prefix, 0) != 0) return false;
        auto r = region::FindRegion(x.tx, code);
        return r && r->has_value();
    };
    SP_ASSIGN(auto check, CheckAnswers(ps.spec, answers, documents, sub.submit, Today(x.env), known_area));
    cases::Case probe;
    probe.id = case_id;
    SP_TRY(ClaimAll(x, probe, actor, check.attachment_ids));
    json::object stored = Seal(ps.spec, std::move(answers), x.env.vault);
    stored["_documents"] = std::move(documents);
    return stored;
}

void Locate(const PermitSpec& spec, cases::Case& c) {
    c.kecamatan_code.reset();
    c.desa_code.reset();
    for (const auto& f : spec.form) {
        if (f.type != "location") continue;
        const auto* v = c.attributes.if_contains(f.code);
        if (!v || !v->is_object()) continue;
        if (auto k = Text(v->as_object(), "kecamatan"); !k.empty()) c.kecamatan_code = k;
        if (auto d = Text(v->as_object(), "desa"); !d.empty()) c.desa_code = d;
        return;
    }
}

Status Submitted(Ctx& x, const PermitService& ps, cases::Case& c, const cases::Actor& actor, StepResult& out) {
    c.is_open = true;
    c.filed_at = x.env.now_ms;
    int total = 0;
    for (const auto& s : ps.spec.steps) total += s.bill ? 0 : s.sla_days;
    c.resolve_by = AddDays(x.env, total);
    SP_TRY(x.tx.Exec(kDailyFiled, x.tenant, Today(x.env), c.service_id, c.opd_id, c.kecamatan_code.value_or("")));
    SP_TRY(Enter(x, ps, c, 0, out));
    return Record(x, c, "submitted", actor, "", {{"service", ps.service.code}});
}

}  // namespace

Result<PermitService> LoadService(store::ReadTx& tx, const store::TenantId& tenant, const std::string& code) {
    SP_ASSIGN(auto s, catalog::FindServiceByCode(tx, tenant, code));
    if (!s || s->kind != "permit" || !s->active) return Err(Errc::kNotFound, "no such service");
    SP_ASSIGN(auto spec, ParseSpec(s->spec));
    return PermitService{std::move(*s), std::move(spec)};
}

Result<PermitService> LoadServiceVersion(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id,
                                         int version) {
    SP_ASSIGN(auto s, catalog::FindServiceVersion(tx, tenant, id, version));
    if (!s) return Err(Errc::kInternal, "the application's service version is missing");
    SP_ASSIGN(auto spec, ParseSpec(s->spec));
    return PermitService{std::move(*s), std::move(spec)};
}

Result<catalog::Service> PutPermitService(store::WriteTx& tx, const store::TenantId& tenant, catalog::Service s,
                                          int64_t now_ms, const std::string& actor) {
    s.kind = "permit";
    SP_ASSIGN(auto spec, ParseSpec(s.spec));
    for (const auto& step : spec.steps) {
        if (step.opd_code.empty()) continue;
        SP_ASSIGN(auto opd, region::GetOpdByCode(tx, tenant, step.opd_code));
        if (!opd) return Err(Errc::kInvalidInput, "step " + step.code + ": no OPD " + step.opd_code, "spec.steps");
    }
    return catalog::PutService(tx, tenant, std::move(s), now_ms, actor);
}

Result<std::vector<catalog::Service>> ParseServiceFile(std::string_view text) {
    boost::system::error_code ec;
    const json::value doc = json::parse(text, ec);
    if (ec || !doc.is_object() || !doc.as_object().contains("services") || !doc.at("services").is_array()) {
        return Err(Errc::kInvalidInput, "not a service file: {\"services\": [...]} expected");
    }
    std::vector<catalog::Service> out;
    for (const auto& v : doc.at("services").as_array()) {
        if (!v.is_object()) return Err(Errc::kInvalidInput, "a service is not an object");
        const auto& o = v.as_object();
        SP_ASSIGN(auto s, catalog::FromDefinition(o));
        SP_ASSIGN(s.code, RequiredString(o, "code", 40));
        SP_ASSIGN(s.name, RequiredString(o, "name", 200));
        SP_ASSIGN(s.opd_id, RequiredString(o, "opd_code", 40));
        s.kind = "permit";
        SP_TRY(ParseSpec(s.spec).status());
        out.push_back(std::move(s));
    }
    return out;
}

Result<int> ImportServices(store::WriteTx& tx, const store::TenantId& tenant, std::vector<catalog::Service> services,
                           int64_t now_ms, const std::string& actor) {
    int written = 0;
    for (auto& s : services) {
        SP_ASSIGN(auto opd, region::GetOpdByCode(tx, tenant, s.opd_id));
        if (!opd) return Err(Errc::kInvalidInput, "service " + s.code + ": no OPD " + s.opd_id, "opd_code");
        s.opd_id = opd->id;
        SP_ASSIGN(auto existing, catalog::FindServiceByCode(tx, tenant, s.code));
        if (existing && existing->name == s.name && existing->opd_id == s.opd_id &&
            catalog::DefinitionJson(*existing) == catalog::DefinitionJson(s)) {
            continue;
        }
        SP_TRY(PutPermitService(tx, tenant, s, now_ms, actor).status());
        ++written;
    }
    return written;
}

Result<cases::Case> Apply(store::WriteTx& tx, const store::TenantId& tenant, const std::string& service_code,
                          const Submission& sub, const Env& env, const cases::Actor& actor) {
    if (actor.role != "citizen") return Err(Errc::kForbidden, "applications are made by citizens");
    Ctx x{tx, tenant, env};
    SP_ASSIGN(auto ps, LoadService(tx, tenant, service_code));
    cases::Case c;
    c.id = NewId();
    SP_ASSIGN(c.attributes, Checked(x, ps, nullptr, sub, actor, c.id));
    const std::string today = Today(env);
    SP_ASSIGN(auto serial, tx.Query(kNextSerial, tenant, std::stoi(today.substr(0, 4))));
    char number[40];
    std::snprintf(number, sizeof number, "IZN-%s-%06lld", today.substr(0, 4).c_str(),
                  static_cast<long long>(serial.at(0).Int(0)));
    c.number = number;
    c.service_id = ps.service.id;
    c.service_version = ps.service.version;
    c.report_class = kClass;
    c.status = "draft";
    c.is_open = false;
    c.description = ps.service.name;
    c.rahasia = true;
    c.reporter_id = actor.user_id;
    c.opd_id = ps.service.opd_id;
    c.stage = "draft";
    c.resolve_by = kNoDue;
    c.filed_at = env.now_ms;
    Locate(ps.spec, c);
    SP_TRY(tx.Exec(kInsert, tenant, c.id, c.number, c.service_id, c.service_version, c.status, c.is_open, c.description,
                   ToJson(c.attributes), c.kecamatan_code, c.desa_code, c.reporter_id, c.opd_id, c.stage, kNoDue,
                   c.resolve_by, env.now_ms));
    SP_TRY(cases::CountStatus(tx, tenant, c, +1));
    StepResult out;
    if (sub.submit) {
        SP_TRY(Submitted(x, ps, c, actor, out));
    } else {
        SP_TRY(Record(x, c, "draft_saved", actor, "", {{"service", ps.service.code}}));
    }
    return c;
}

Result<cases::Case> Update(store::WriteTx& tx, const store::TenantId& tenant, const std::string& number,
                           const Submission& sub, const Env& env, const cases::Actor& actor) {
    Ctx x{tx, tenant, env};
    SP_ASSIGN(auto c, Load(tx, tenant, number));
    if (actor.role != "citizen" || !c.reporter_id || *c.reporter_id != actor.user_id) {
        return Err(Errc::kNotFound, "no such application");
    }
    if (c.status != "draft" && c.status != "returned") {
        return Err(Errc::kConflict, "only a draft or a returned application can be changed", "status");
    }
    SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
    SP_ASSIGN(c.attributes, Checked(x, ps, &c, sub, actor, c.id));
    Locate(ps.spec, c);
    StepResult out;
    if (c.status == "draft") {
        if (sub.submit) {
            SP_TRY(Submitted(x, ps, c, actor, out));
        } else {
            SP_TRY(Save(x, c));
            SP_TRY(Record(x, c, "draft_saved", actor, ""));
        }
        return c;
    }
    // Returned for correction: resubmitting resumes the same step; its deadline moves by the
    // working days the applicant took.
    if (!sub.submit) {
        SP_TRY(Save(x, c));
        return c;
    }
    if (c.paused_since && c.stage_due) {
        const int waited = env.calendar.WorkingDaysBetween(*ParseDate(*c.paused_since), *ParseDate(Today(env)));
        c.stage_due = FormatDate(env.calendar.AddWorkingDays(*ParseDate(*c.stage_due), waited));
        c.resolve_by = FormatDate(env.calendar.AddWorkingDays(*ParseDate(c.resolve_by), waited));
    }
    c.paused_since.reset();
    c.status = "in_review";
    SP_TRY(Save(x, c));
    SP_TRY(Record(x, c, "resubmitted", actor, ""));
    return c;
}

const Step* CurrentStep(const PermitSpec& spec, const cases::Case& c) {
    const size_t i = IndexOf(spec, c.stage);
    return i < spec.steps.size() ? &spec.steps[i] : nullptr;
}

Result<bool> CanDecide(store::ReadTx& tx, const store::TenantId& tenant, const PermitService& ps, const Step& s,
                       const cases::Actor& actor) {
    if (s.bill) return false;
    if (s.role == "verifier") return actor.role == "verifier" || actor.role == "admin";
    std::string opd_id = ps.service.opd_id;
    if (!s.opd_code.empty()) {
        SP_ASSIGN(auto opd, region::GetOpdByCode(tx, tenant, s.opd_code));
        if (!opd) return false;
        opd_id = opd->id;
    }
    if (!actor.opd_id || *actor.opd_id != opd_id) return false;
    return actor.role == "opd_head" || (s.role == "officer" && actor.role == "officer");
}

Result<StepResult> Decide(store::WriteTx& tx, const store::TenantId& tenant, const std::string& number,
                          const Decision& d, const Env& env, const cases::Actor& actor) {
    Ctx x{tx, tenant, env};
    SP_ASSIGN(auto c, Load(tx, tenant, number));
    SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
    const Step* s = CurrentStep(ps.spec, c);
    if (c.status != "in_review" || !s) return Err(Errc::kConflict, "the application awaits no decision", "action");
    SP_ASSIGN(bool allowed, CanDecide(tx, tenant, ps, *s, actor));
    if (!allowed) return Err(Errc::kForbidden, "this step is decided by another role or OPD");
    if (std::find(s->decisions.begin(), s->decisions.end(), d.action) == s->decisions.end()) {
        return Err(Errc::kInvalidInput, "this step allows: approve, return or reject as its definition says", "action");
    }
    if (d.note.size() > 4000 || !IsValidUtf8(d.note)) return Err(Errc::kInvalidInput, "note: at most 4000", "note");
    if ((d.action == "return" || d.action == "reject") && d.note.empty()) {
        return Err(Errc::kInvalidInput, "a reason is required", "note");
    }
    StepResult out;
    const std::string step_code = s->code;
    if (d.action == "return") {
        c.status = "returned";
        c.paused_since = Today(env);
        SP_TRY(Save(x, c));
        SP_TRY(Record(x, c, "returned", actor, d.note, {{"step", step_code}}));
    } else if (d.action == "reject") {
        SP_TRY(Finish(x, c, "rejected"));
        SP_TRY(Record(x, c, "rejected", actor, d.note, {{"step", step_code}}));
    } else {
        if (s->issues_document) {
            SP_ASSIGN(out.document_id, IssueDocument(x, ps, c));
        }
        SP_TRY(Enter(x, ps, c, IndexOf(ps.spec, step_code) + 1, out));
        json::object payload{{"step", step_code}};
        if (out.document_id) payload["document_id"] = *out.document_id;
        SP_TRY(Record(x, c, "approved_step", actor, d.note, std::move(payload)));
    }
    out.c = std::move(c);
    return out;
}

Result<std::optional<StepResult>> OnPaid(store::WriteTx& tx, const store::TenantId& tenant,
                                         const billing::Outcome& paid, const Env& env) {
    const billing::Bill& bill = paid.bill;
    if (!bill.case_id) return std::optional<StepResult>{};
    Ctx x{tx, tenant, env};
    SP_ASSIGN(auto found, cases::FindCaseById(tx, tenant, *bill.case_id));
    if (!found || found->report_class != kClass || found->status != "awaiting_payment") {
        return std::optional<StepResult>{};
    }
    cases::Case c = std::move(*found);
    SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
    StepResult out;
    SP_ASSIGN(out.receipt_id, IssueReceipt(x, ps, c, paid));
    SP_TRY(Enter(x, ps, c, IndexOf(ps.spec, c.stage) + 1, out));
    SP_TRY(Record(x, c, "paid", {"system", "system", "", std::nullopt, false},
                  "Pembayaran " + taxes::FormatRupiah(bill.amount) + " diterima (kode bayar " + bill.kode_bayar + ").",
                  {{"kode_bayar", bill.kode_bayar}}));
    out.c = std::move(c);
    return std::optional<StepResult>{std::move(out)};
}

Status OnReversed(store::WriteTx& tx, const store::TenantId& tenant, const billing::Bill& bill, const Env& env) {
    if (!bill.case_id) return Status::Ok();
    Ctx x{tx, tenant, env};
    SP_ASSIGN(auto found, cases::FindCaseById(tx, tenant, *bill.case_id));
    if (!found || found->report_class != kClass) return Status::Ok();
    cases::Case c = std::move(*found);
    if (!c.is_open) return Err(Errc::kConflict, "the application is finished; revoke its document first");
    SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
    for (const auto& s : ps.spec.steps) {
        if (!s.bill) continue;
        c.stage = s.code;
        c.status = "awaiting_payment";
        c.stage_due = CivilDate(bill.expires_at, env.tz_offset_minutes);
        c.paused_since = Today(env);
        SP_TRY(Save(x, c));
        return Record(x, c, "payment_reversed", {"system", "system", "", std::nullopt, false},
                      "Pembayaran dibatalkan oleh bank; tagihan " + bill.kode_bayar + " belum lunas.");
    }
    return Status::Ok();
}

Result<std::vector<StepResult>> SweepTimeouts(store::WriteTx& tx, const store::TenantId& tenant, const Env& env,
                                              int limit) {
    SP_ASSIGN(auto rows, tx.Query(kTimedOut, tenant, Today(env), limit));
    std::vector<StepResult> out;
    const cases::Actor system{"system", "system", "", std::nullopt, false};
    for (const auto& r : rows) {
        SP_ASSIGN(auto c, Load(tx, tenant, r.Text(0)));
        SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
        const Step* s = CurrentStep(ps.spec, c);
        if (!s || !s->approve_on_timeout) continue;
        Ctx x{tx, tenant, env};
        StepResult res;
        const std::string code = s->code;
        if (s->issues_document) {
            SP_ASSIGN(res.document_id, IssueDocument(x, ps, c));
        }
        SP_TRY(Enter(x, ps, c, IndexOf(ps.spec, code) + 1, res));
        SP_TRY(Record(x, c, "approved_on_timeout", system,
                      "Disetujui karena batas waktu terlampaui tanpa keputusan (fiktif positif).", {{"step", code}}));
        res.c = std::move(c);
        out.push_back(std::move(res));
    }
    // An unpaid bill past its expiry: the payment step starts again with a new bill (and a new
    // kode bayar), so the applicant is never stuck; the old code can no longer be paid.
    SP_ASSIGN(auto expired, tx.Query(kBillExpired, tenant, Today(env), limit));
    for (const auto& r : expired) {
        SP_ASSIGN(auto c, Load(tx, tenant, r.Text(0)));
        SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
        Ctx x{tx, tenant, env};
        StepResult res;
        res.bill_renewed = true;
        SP_TRY(Enter(x, ps, c, IndexOf(ps.spec, c.stage), res));
        res.c = std::move(c);
        out.push_back(std::move(res));
    }
    return out;
}

Result<Times> CompletionTimes(store::ReadTx& tx, const store::TenantId& tenant, const std::string& service_id,
                              const region::WorkingDayCalendar& calendar, int tz_offset_minutes, int limit) {
    SP_ASSIGN(auto rows, tx.Query(kDone, tenant, service_id, limit));
    std::vector<int> days;
    days.reserve(rows.size());
    for (const auto& r : rows) {
        const auto from = ParseDate(CivilDate(r.Int(0), tz_offset_minutes));
        const auto to = ParseDate(CivilDate(r.Int(1), tz_offset_minutes));
        days.push_back(calendar.WorkingDaysBetween(*from, *to));
    }
    Times t;
    t.count = static_cast<int64_t>(days.size());
    if (days.empty()) return t;
    std::sort(days.begin(), days.end());
    // Nearest-rank percentiles.
    auto rank = [&](int pct) { return days[(days.size() * pct + 99) / 100 - 1]; };
    t.median_days = rank(50);
    t.p90_days = rank(90);
    return t;
}

namespace {
// A sealed NIK shows as its mask; everything else as stored.
json::value Visible(const json::value& v) {
    if (v.is_object() && v.as_object().contains("sealed")) return v.as_object().at("masked");
    if (v.is_array()) {
        json::array out;
        for (const auto& x : v.as_array()) out.push_back(Visible(x));
        return out;
    }
    if (v.is_object()) {
        json::object out;
        for (const auto& [k, x] : v.as_object()) out[k] = Visible(x);
        return out;
    }
    return v;
}
}  // namespace

json::object VisibleAnswers(const json::object& stored) {
    json::object out;
    for (const auto& [k, v] : stored) {
        if (k != "_documents") out[k] = Visible(v);
    }
    return out;
}

}  // namespace satupintu::permits
