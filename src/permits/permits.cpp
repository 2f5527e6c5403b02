#include "permits/permits.hpp"

#include <algorithm>

#include "cases/engine.hpp"
#include "cases/records.hpp"
#include "core/ids.hpp"
#include "core/links.hpp"
#include "core/messages.hpp"
#include "core/nik.hpp"
#include "core/problems.hpp"
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

using cases::kNoDue;

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

struct Ctx {
    store::WriteTx& tx;
    const store::TenantId& tenant;
    const Env& env;
    cases::Moment at() const { return {env.calendar, env.tz_offset_minutes, env.now_ms}; }
};

const cases::Actor kSystem{"system", "system", "", std::nullopt, false};

// Tells the applicant that the application moved, with a link to their applications.
Status NotifyApplicant(Ctx& x, const cases::Case& c, const std::string& note) {
    if (!c.reporter_id) return Status::Ok();
    SP_ASSIGN(auto mailbox, identity::UserMailbox(x.tx, x.tenant, *c.reporter_id));
    if (!mailbox) return Status::Ok();
    const Lang lang = mailbox->lang;
    const std::string status(Message("status.permit." + c.status, lang));
    const std::string subject =
        Format("mail.case_status.subject", lang,
               {{"noun", std::string(Message("noun.permit", lang))}, {"number", c.number}, {"status", status}});
    const std::string body = Format("mail.case_status.body", lang,
                                    {{"noun_lower", std::string(Message("noun.permit.lower", lang))},
                                     {"number", c.number},
                                     {"status", status},
                                     {"note", note.empty() ? "" : "\n" + note + "\n"},
                                     {"link_label", std::string(Message("mail.link.my_applications", lang))},
                                     {"link", links::Absolute(x.env.public_url, links::MyApplications())}});
    return notify::EnqueueEmails(x.tx, x.tenant, {mailbox->email}, subject, body, x.env.now_ms);
}

// A step the platform takes inside another (a bill issued on entering a payment step): its own
// timeline row, event and notice.
Status Record(Ctx& x, const cases::Case& c, const std::string& action, const std::string& note,
              json::object payload = {}) {
    const cases::Moment at = x.at();
    SP_TRY(cases::AddTimeline(x.tx, x.tenant, at, c, action, "sistem", note, true, {}, std::nullopt));
    SP_TRY(cases::AppendCaseEvent(x.tx, x.tenant, at, c, "application." + action, kSystem.id, std::move(payload)));
    return NotifyApplicant(x, c, note);
}

std::string Upper(std::string s) {
    for (char& ch : s)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return s;
}

// A printed value of an answer: text as is, NIKs masked, places by name, groups joined.
Result<std::string> Printed(store::ReadTx& tx, const FormField* f, const json::value* v) {
    if (!v || v->is_null()) return std::string();
    if (v->is_string() && f && f->type == "date") return documents::LongDate(std::string(v->as_string()));
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
    SP_ASSIGN(content.emblem_sha256, region::EmblemOf(x.tx, x.tenant.code()));
    return content;
}

Result<std::string> IssueDocument(Ctx& x, const PermitService& ps, const cases::Case& c, const cases::Actor& approver) {
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
    // The official who approved it signs by name; an approval by law at the deadline (fiktif
    // positif) is the office's, with no name.
    if (!approver.user_id.empty()) {
        SP_ASSIGN(auto name, identity::UserName(x.tx, x.tenant, approver.user_id));
        if (name && !name->empty()) content.signer_name = *name;
    }
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
// the bill (saved and recorded at once); a zero fee skips it. The caller writes the case.
Status Enter(Ctx& x, const PermitService& ps, cases::Case& c, size_t index, StepResult& out) {
    while (index < ps.spec.steps.size()) {
        const Step& s = ps.spec.steps[index];
        c.stage = s.code;
        c.paused_since.reset();
        c.resume_status.reset();
        if (!s.bill) {
            c.status = "in_review";
            c.stage_due = AddDays(x.env, s.sla_days);
            return Status::Ok();
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
        SP_TRY(cases::SaveCase(x.tx, x.tenant, c, x.at()));
        SP_TRY(Record(
            x, c, "billed",
            Format("note.permit.billed", Lang::kId,
                   {{"kode_bayar", bill.kode_bayar}, {"amount", taxes::FormatRupiah(bill.amount)}, {"rule", fee.rule}}),
            {{"kode_bayar", bill.kode_bayar}, {"amount", bill.amount}}));
        out.bill = bill;
        return Status::Ok();
    }
    c.status = "approved";
    c.is_open = false;
    c.stage = "done";
    c.stage_due.reset();
    c.paused_since.reset();
    c.closed_at = x.env.now_ms;
    return Status::Ok();
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

Status ClaimAll(Ctx& x, const std::string& case_id, const cases::Actor& actor, const std::vector<std::string>& ids) {
    auto st = cases::ClaimAttachments(x.tx, x.tenant, case_id, actor.id, ids, {"application", 20, true});
    if (!st) return Err(st.code(), st.error().detail, "documents");
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
    SP_TRY(ClaimAll(x, case_id, actor, check.attachment_ids));
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

// The applicant submits: the clock of the whole application starts and the first step begins.
Status Submit(Ctx& x, const PermitService& ps, cases::StepContext& step, StepResult& out) {
    cases::Case& c = step.c;
    c.is_open = true;
    step.was_open = true;  // filed now: a service with nothing to decide closes in this same step
    c.filed_at = x.env.now_ms;
    int total = 0;
    for (const auto& s : ps.spec.steps) total += s.bill ? 0 : s.sla_days;
    c.resolve_by = AddDays(x.env, total);
    SP_TRY(cases::CountFiled(x.tx, x.tenant, x.at(), c, /*performance=*/false));
    SP_TRY(Enter(x, ps, c, 0, out));
    step.payload["service"] = ps.service.code;
    step.status_set = true;
    return Status::Ok();
}

// A decision step approved (by its officer or, fiktif positif, by its deadline): its document
// if it issues one, then the next step.
Status Approve(Ctx& x, const PermitService& ps, cases::StepContext& step, StepResult& out) {
    cases::Case& c = step.c;
    const std::string code = c.stage;
    const size_t i = IndexOf(ps.spec, code);
    if (i < ps.spec.steps.size() && ps.spec.steps[i].issues_document) {
        SP_ASSIGN(out.document_id, IssueDocument(x, ps, c, step.actor));
    }
    SP_TRY(Enter(x, ps, c, i + 1, out));
    step.payload["step"] = code;
    if (out.document_id) step.payload["document_id"] = *out.document_id;
    step.status_set = true;
    return Status::Ok();
}

// The party of a step: verifiers (and admins) for a verification step; otherwise the officers
// (or only the head) of the step's OPD, the service's own by default.
Result<workflow::Party> StepParty(const PermitService& ps, const Step& s, const OpdIdOf& opd_of) {
    workflow::Party p;
    p.name = "step:" + s.code;
    if (s.role == "verifier") {
        p.roles = {"verifier", "admin"};
        return p;
    }
    p.roles =
        s.role == "officer" ? std::vector<std::string>{"officer", "opd_head"} : std::vector<std::string>{"opd_head"};
    p.opd = ps.service.opd_id;
    if (!s.opd_code.empty()) {
        SP_ASSIGN(auto opd, opd_of(s.opd_code));
        p.opd = opd.value_or("-");  // an OPD that no longer exists: nobody decides
    }
    return p;
}

workflow::ActionDef Act(std::string name, std::string record_as, std::vector<std::string> by,
                        std::vector<std::string> from, std::string to, std::vector<std::string> effects) {
    workflow::ActionDef a;
    a.name = std::move(name);
    a.record_as = std::move(record_as);
    a.by = std::move(by);
    a.from = std::move(from);
    a.to = std::move(to);
    a.effects = std::move(effects);
    a.refused = "the application awaits no such step";
    return a;
}

}  // namespace

Result<workflow::Workflow> CompileWorkflow(store::ReadTx& tx, const store::TenantId& tenant, const PermitService& ps) {
    return CompileWorkflow(ps, [&](const std::string& code) -> Result<std::optional<std::string>> {
        SP_ASSIGN(auto opd, region::GetOpdByCode(tx, tenant, code));
        return opd ? std::optional<std::string>(opd->id) : std::nullopt;
    });
}

Result<workflow::Workflow> CompileWorkflow(const PermitService& ps, const OpdIdOf& opd_of) {
    workflow::Workflow w;
    w.code = "permohonan";
    w.initial = "draft";
    w.initial_stage = "draft";
    w.event_prefix = "application";
    w.reporter_label = "pemohon";
    w.performance = false;
    w.states = {{"draft", false, true},           {"in_review", true, true}, {"returned", true, true},
                {"awaiting_payment", true, true}, {"approved", false, true}, {"rejected", false, true}};
    auto party = [&w](workflow::Party p) { w.parties.emplace(p.name, std::move(p)); };
    party({.name = "applicant", .reporter = true});
    party({.name = "system", .system = true});
    party({.name = "region_staff", .roles = {"verifier", "admin", "auditor", "executive"}});
    party({.name = "service_opd", .roles = {"officer", "opd_head"}, .opd = "case"});
    w.visible_to = {"applicant", "region_staff", "service_opd"};
    w.actions.push_back(Act("save_draft", "draft_saved", {"applicant"}, {"draft"}, "", {}));
    w.actions.back().notify = false;
    w.actions.push_back(Act("submit", "submitted", {"applicant"}, {"draft"}, "", {"hook:submit"}));
    w.actions.push_back(Act("resubmit", "resubmitted", {"applicant"}, {"returned"}, "in_review", {"resume_all"}));
    for (const auto& s : ps.spec.steps) {
        if (s.bill) {
            w.actions.push_back(Act("pay", "paid", {"system"}, {"awaiting_payment"}, "", {"hook:paid"}));
            w.actions.back().stages = {s.code};
            continue;
        }
        SP_ASSIGN(auto p, StepParty(ps, s, opd_of));
        const std::string name = p.name;
        if (!p.opd.empty() && p.opd != "case") {
            // The staff of every OPD a step involves see the application (a technical review).
            workflow::Party viewers{.name = "opd:" + p.opd, .roles = {"officer", "opd_head"}, .opd = p.opd};
            if (!w.parties.contains(viewers.name)) w.visible_to.push_back(viewers.name);
            party(std::move(viewers));
        }
        party(std::move(p));
        for (const auto& d : s.decisions) {
            if (d == "approve") {
                w.actions.push_back(Act("approve", "approved_step", {name}, {"in_review"}, "", {"hook:approve"}));
            } else if (d == "return") {
                w.actions.push_back(Act("return", "returned", {name}, {"in_review"}, "returned", {"pause"}));
                w.actions.back().note_required = true;
            } else if (d == "reject") {
                w.actions.push_back(Act("reject", "rejected", {name}, {"in_review"}, "rejected", {"close"}));
                w.actions.back().note_required = true;
            } else {
                continue;
            }
            w.actions.back().stages = {s.code};
        }
        if (s.approve_on_timeout) {
            w.actions.push_back(
                Act("approve_on_timeout", "approved_on_timeout", {"system"}, {"in_review"}, "", {"hook:approve"}));
            w.actions.back().stages = {s.code};
        }
    }
    return w;
}

namespace {

// The permit class of one service: its compiled workflow and the hooks it names.
cases::CaseClass PermitClass(Ctx& x, const PermitService& ps, const workflow::Workflow& w, StepResult& out) {
    cases::CaseClass cls;
    cls.workflow = &w;
    cls.hooks.emplace("submit", [&x, &ps, &out](cases::StepContext& step) { return Submit(x, ps, step, out); });
    cls.hooks.emplace("approve", [&x, &ps, &out](cases::StepContext& step) { return Approve(x, ps, step, out); });
    cls.hooks.emplace("paid", [&x, &ps, &out](cases::StepContext& step) -> Status {
        SP_TRY(Enter(x, ps, step.c, IndexOf(ps.spec, step.c.stage) + 1, out));
        step.status_set = true;
        return Status::Ok();
    });
    cls.notify = [&x](cases::StepContext& step) { return NotifyApplicant(x, step.c, step.note); };
    return cls;
}

// One workflow action on an application, with its class.
Result<StepResult> Run(Ctx& x, const PermitService& ps, cases::Case c, const cases::Action& action,
                       const cases::Actor& actor) {
    SP_ASSIGN(auto w, CompileWorkflow(x.tx, x.tenant, ps));
    StepResult out;
    const auto cls = PermitClass(x, ps, w, out);
    SP_ASSIGN(out.c, cases::Step(x.tx, x.tenant, std::move(c), cls, action, x.at(), actor));
    return out;
}

cases::Action Named(std::string name, std::string note = {}) {
    cases::Action a;
    a.name = std::move(name);
    a.note = std::move(note);
    return a;
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
    SP_ASSIGN(c.number, cases::NextNumber(tx, tenant, "IZN", Today(env)));
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
    c.filed_at = c.updated_at = env.now_ms;
    Locate(ps.spec, c);
    SP_TRY(cases::InsertCase(tx, tenant, c, x.at()));
    auto action = Named(sub.submit ? "submit" : "save_draft");
    SP_ASSIGN(auto out, Run(x, ps, std::move(c), action, actor));
    return std::move(out.c);
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
    if (c.status == "returned" && !sub.submit) {
        // Corrections saved on the way; the step still waits for the applicant.
        SP_TRY(cases::SaveCase(tx, tenant, c, x.at()));
        return c;
    }
    // Returned for correction: resubmitting resumes the same step; its deadline (and the whole
    // application's) moves by the working days the applicant took.
    const char* name = c.status == "returned" ? "resubmit" : sub.submit ? "submit" : "save_draft";
    SP_ASSIGN(auto out, Run(x, ps, std::move(c), Named(name), actor));
    return std::move(out.c);
}

const Step* CurrentStep(const PermitSpec& spec, const cases::Case& c) {
    const size_t i = IndexOf(spec, c.stage);
    return i < spec.steps.size() ? &spec.steps[i] : nullptr;
}

Result<std::vector<std::string>> Actions(store::ReadTx& tx, const store::TenantId& tenant, const PermitService& ps,
                                         const cases::Case& c, const cases::Actor& actor) {
    SP_ASSIGN(auto w, CompileWorkflow(tx, tenant, ps));
    return workflow::AllowedActions(w, cases::FactsOf(c), cases::FactsOf(actor));
}

Result<bool> MaySee(store::ReadTx& tx, const store::TenantId& tenant, const PermitService& ps, const cases::Case& c,
                    const cases::Actor& actor) {
    SP_ASSIGN(auto w, CompileWorkflow(tx, tenant, ps));
    return workflow::CanSee(w, cases::FactsOf(c), cases::FactsOf(actor));
}

Result<StepResult> Decide(store::WriteTx& tx, const store::TenantId& tenant, const std::string& number,
                          const Decision& d, const Env& env, const cases::Actor& actor) {
    Ctx x{tx, tenant, env};
    SP_ASSIGN(auto c, Load(tx, tenant, number));
    SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
    // Who may not see the application learns nothing of it, not even its stage.
    SP_ASSIGN(const bool may_see, MaySee(tx, tenant, ps, c, actor));
    if (!may_see) return Err(Errc::kNotFound, "no such application");
    const Step* s = CurrentStep(ps.spec, c);
    if (c.status != "in_review" || !s) return Err(Errc::kConflict, "the application awaits no decision", "action");
    SP_ASSIGN(auto allowed, Actions(tx, tenant, ps, c, actor));
    const auto listed = [](const std::vector<std::string>& v, const std::string& a) {
        return std::find(v.begin(), v.end(), a) != v.end();
    };
    if (!std::any_of(s->decisions.begin(), s->decisions.end(), [&](const auto& dec) { return listed(allowed, dec); }))
        return Err(Errc::kForbidden, "this step is decided by another role or OPD");
    if (!listed(s->decisions, d.action)) return Invalid("action", "input.permit_action");
    if (d.note.size() > 4000 || !IsValidUtf8(d.note)) return Invalid("note", "input.note_long");
    return Run(x, ps, std::move(c), Named(d.action, d.note), actor);
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
    SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, found->service_id, found->service_version));
    SP_ASSIGN(auto receipt, IssueReceipt(x, ps, *found, paid));
    auto pay = Named("pay", Format("note.permit.paid", Lang::kId,
                                   {{"amount", taxes::FormatRupiah(bill.amount)}, {"kode_bayar", bill.kode_bayar}}));
    SP_ASSIGN(auto out, Run(x, ps, std::move(*found), pay, kSystem));
    out.receipt_id = std::move(receipt);
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
        // The platform's own correction, outside the workflow's steps: back to the payment step.
        c.stage = s.code;
        c.status = "awaiting_payment";
        c.stage_due = CivilDate(bill.expires_at, env.tz_offset_minutes);
        c.paused_since = Today(env);
        SP_TRY(cases::SaveCase(tx, tenant, c, x.at()));
        return Record(x, c, "payment_reversed",
                      Format("note.permit.reversed", Lang::kId, {{"kode_bayar", bill.kode_bayar}}));
    }
    return Status::Ok();
}

Result<std::vector<StepResult>> SweepTimeouts(store::WriteTx& tx, const store::TenantId& tenant, const Env& env,
                                              int limit) {
    Ctx x{tx, tenant, env};
    SP_ASSIGN(auto due, cases::DueInStatus(tx, tenant, kClass, "in_review", Today(env), limit));
    std::vector<StepResult> out;
    for (const auto& number : due) {
        SP_ASSIGN(auto c, Load(tx, tenant, number));
        SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
        const Step* s = CurrentStep(ps.spec, c);
        if (!s || !s->approve_on_timeout) continue;
        SP_ASSIGN(auto res,
                  Run(x, ps, std::move(c),
                      Named("approve_on_timeout", std::string(Message("note.permit.approved_on_timeout", Lang::kId))),
                      kSystem));
        out.push_back(std::move(res));
    }
    // An unpaid bill past its expiry: the payment step starts again with a new bill (and a new
    // kode bayar), so the applicant is never stuck; the old code can no longer be paid.
    SP_ASSIGN(auto expired, cases::DueInStatus(tx, tenant, kClass, "awaiting_payment", Today(env), limit));
    for (const auto& number : expired) {
        SP_ASSIGN(auto c, Load(tx, tenant, number));
        SP_ASSIGN(auto ps, LoadServiceVersion(tx, tenant, c.service_id, c.service_version));
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
    SP_ASSIGN(auto rows, cases::ClosedDurations(tx, tenant, service_id, "approved", limit));
    std::vector<int> days;
    days.reserve(rows.size());
    for (const auto& [filed, closed] : rows) {
        const auto from = ParseDate(CivilDate(filed, tz_offset_minutes));
        const auto to = ParseDate(CivilDate(closed, tz_offset_minutes));
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
