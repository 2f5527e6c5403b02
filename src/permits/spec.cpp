#include "permits/spec.hpp"

#include <algorithm>
#include <set>

#include "core/nik.hpp"
#include "core/problems.hpp"

namespace satupintu::permits {

namespace {

// A problem of a definition or of an application's answers, worded by the message catalog.
Status Bad(const std::string& field, const char* key, MessageParams params = {}) {
    return Invalid(field, std::string("input.spec.") + key, std::move(params));
}

std::string Str(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

int64_t Int(const json::object& o, std::string_view key, int64_t fallback) {
    const auto* v = o.if_contains(key);
    return v && v->is_int64() ? v->as_int64() : fallback;
}

bool Bool(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_bool() && v->as_bool();
}

const json::array* Arr(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_array() ? &v->as_array() : nullptr;
}

bool ValidCode(const std::string& code) {
    return !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

constexpr const char* kTypes[] = {"text", "number", "date", "select", "nik", "location", "file", "group"};

Result<FormField> ParseField(const json::value& v, const std::string& where, bool in_group) {
    if (!v.is_object()) return Bad(where, "field_object");
    const auto& o = v.as_object();
    FormField f;
    f.code = Str(o, "code");
    f.label = Str(o, "label");
    f.type = Str(o, "type");
    f.required = Bool(o, "required");
    if (!ValidCode(f.code)) return Bad(where, "field_code");
    if (f.label.empty()) return Bad(where, "field_label", {{"code", f.code}});
    if (std::find(std::begin(kTypes), std::end(kTypes), f.type) == std::end(kTypes)) {
        return Bad(where, "field_type", {{"code", f.code}, {"type", f.type}});
    }
    f.max_length = static_cast<int>(Int(o, "max_length", f.type == "text" ? 500 : 200));
    if (f.max_length < 1 || f.max_length > 4000) return Bad(where, "max_length");
    f.min = Int(o, "min", 0);
    f.max = Int(o, "max", 0);
    if (const auto* opts = Arr(o, "options")) {
        for (const auto& x : *opts)
            if (x.is_string()) f.options.emplace_back(x.as_string());
    }
    if (f.type == "select" && f.options.empty()) return Bad(where, "select_options", {{"code", f.code}});
    f.after = Str(o, "after");
    if (!f.after.empty() && f.type != "date") return Bad(where, "after_dates", {{"code", f.code}});
    if (f.type == "group") {
        if (in_group) return Bad(where, "group_nest");
        const auto* sub = Arr(o, "fields");
        if (!sub || sub->empty()) return Bad(where, "group_fields", {{"code", f.code}});
        for (const auto& x : *sub) {
            SP_ASSIGN(auto child, ParseField(x, where, true));
            f.fields.push_back(std::move(child));
        }
        f.max_items = static_cast<int>(Int(o, "max_items", 10));
        if (f.max_items < 1 || f.max_items > 50) return Bad(where, "max_items");
    }
    return f;
}

Result<FeeRule> ParseFee(const json::object& o) {
    FeeRule r;
    r.type = Str(o, "type");
    r.legal_basis = Str(o, "legal_basis");
    if (r.type == "free") return r;
    if (r.type == "fixed") {
        r.amount = Int(o, "amount", -1);
        if (r.amount <= 0 || r.amount > taxes::kMaxAmount) return Bad("fee.amount", "amount_positive");
        return r;
    }
    if (r.type == "tariff") {
        r.field = Str(o, "field");
        const auto* rows = Arr(o, "table");
        if (r.field.empty() || !rows || rows->empty()) return Bad("fee", "tariff");
        for (const auto& x : *rows) {
            if (!x.is_object()) return Bad("fee.table", "rows_object");
            const auto& row = x.as_object();
            TariffRow t;
            if (const auto* up = row.if_contains("up_to"); up && up->is_int64()) t.up_to = up->as_int64();
            t.amount = Int(row, "amount", 0);
            t.per_unit = Int(row, "per_unit", 0);
            if (t.amount < 0 || t.per_unit < 0) return Bad("fee.table", "amounts_negative");
            r.table.push_back(t);
        }
        for (size_t i = 1; i < r.table.size(); ++i) {
            if (!r.table[i - 1].up_to || (r.table[i].up_to && *r.table[i].up_to <= *r.table[i - 1].up_to)) {
                return Bad("fee.table", "rows_ascend");
            }
        }
        return r;
    }
    if (r.type == "formula") {
        r.formula = Str(o, "formula");
        if (const auto* in = o.if_contains("inputs"); in && in->is_object()) r.inputs = in->as_object();
        if (r.formula == "reklame") {
            r.nsr_per_m2_day = Int(o, "nsr_per_m2_day", 0);
            r.rate_ppm = Int(o, "rate_ppm", 250'000);
            if (r.nsr_per_m2_day <= 0) return Bad("fee.nsr_per_m2_day", "amount_positive");
            if (r.rate_ppm <= 0 || r.rate_ppm > 250'000) return Bad("fee.rate_ppm", "reklame_rate");
            return r;
        }
        if (r.formula == "pbb-p2" || r.formula == "bphtb") return r;
        return Bad("fee.formula", "formula");
    }
    return Bad("fee.type", "fee_type");
}

// A number answer as integer (digits, optional leading minus).
std::optional<int64_t> AsInt(const json::value* v) {
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (!v->is_string()) return std::nullopt;
    const std::string_view s = v->as_string();
    if (s.empty() || s.size() > 16 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    return std::stoll(std::string(s));
}

Status CheckField(const FormField& f, const json::value* v, bool complete, const std::string& today,
                  const std::function<bool(const std::string&)>& known_area, AnswerCheck& out,
                  const std::string& path) {
    const bool empty =
        !v || v->is_null() || (v->is_string() && v->as_string().empty()) || (v->is_array() && v->as_array().empty());
    if (empty) {
        if (complete && f.required) return Invalid(path, "input.form_required", {{"label", f.label}});
        return Status::Ok();
    }
    const auto text = [&]() -> Result<std::string_view> {
        if (!v->is_string()) return Invalid(path, "input.form_text", {{"label", f.label}});
        const std::string_view s = v->as_string();
        if (!IsValidUtf8(s)) return Invalid(path, "input.not_utf8");
        return s;
    };
    if (f.type == "text") {
        SP_ASSIGN(auto s, text());
        size_t points = 0;
        for (unsigned char c : s) points += (c & 0xC0) != 0x80;
        if (points > static_cast<size_t>(f.max_length)) {
            return Invalid(path, "input.form_max_chars", {{"label", f.label}, {"max", std::to_string(f.max_length)}});
        }
    } else if (f.type == "number") {
        const auto n = AsInt(v);
        if (!n) return Invalid(path, "input.form_integer", {{"label", f.label}});
        if (*n < f.min || (f.max > 0 && *n > f.max)) return Invalid(path, "input.form_range", {{"label", f.label}});
    } else if (f.type == "date") {
        SP_ASSIGN(auto s, text());
        if (!ParseDate(s)) return Invalid(path, "input.form_date", {{"label", f.label}});
    } else if (f.type == "select") {
        SP_ASSIGN(auto s, text());
        if (std::find(f.options.begin(), f.options.end(), s) == f.options.end()) {
            return Invalid(path, "input.form_option", {{"label", f.label}});
        }
    } else if (f.type == "nik") {
        SP_ASSIGN(auto s, text());
        if (!ParseNik(s, today)) return Invalid(path, "input.form_nik", {{"label", f.label}});
    } else if (f.type == "location") {
        if (!v->is_object()) return Invalid(path, "input.form_location", {{"label", f.label}});
        const auto kec = Str(v->as_object(), "kecamatan");
        const auto desa = Str(v->as_object(), "desa");
        if (!known_area(kec) || (!desa.empty() && (desa.rfind(kec + ".", 0) != 0 || !known_area(desa)))) {
            return Invalid(path, "input.form_area_unknown", {{"label", f.label}});
        }
    } else if (f.type == "file") {
        SP_ASSIGN(auto s, text());
        if (s.size() > 40) return Invalid(path, "input.form_file", {{"label", f.label}});
        out.attachment_ids.emplace_back(s);
    } else if (f.type == "group") {
        if (!v->is_array()) return Invalid(path, "input.form_list", {{"label", f.label}});
        if (v->as_array().size() > static_cast<size_t>(f.max_items)) {
            return Invalid(path, "input.form_max_items", {{"label", f.label}, {"max", std::to_string(f.max_items)}});
        }
        size_t row = 0;
        for (const auto& item : v->as_array()) {
            // A row's problems name the row (answers.anggota.0.nama), so the form puts them beside it.
            const std::string at = path + "." + std::to_string(row++);
            if (!item.is_object()) return Invalid(at, "input.form_item_object", {{"label", f.label}});
            for (const auto& kv : item.as_object()) {
                const std::string_view key = kv.key();  // clang 14 cannot capture a structured binding
                if (std::none_of(f.fields.begin(), f.fields.end(), [&](const FormField& c) { return c.code == key; })) {
                    return Invalid(at, "input.form_unknown", {{"name", std::string(key)}});
                }
            }
            for (const auto& child : f.fields) {
                SP_TRY(CheckField(child, item.as_object().if_contains(child.code), complete, today, known_area, out,
                                  at + "." + child.code));
            }
        }
    }
    return Status::Ok();
}

}  // namespace

Result<PermitSpec> ParseSpec(const json::object& o) {
    PermitSpec p;
    const auto* standard = o.if_contains("standard");
    if (!standard || !standard->is_object()) return Bad("spec.standard", "standard");
    p.standard = standard->as_object();
    for (const char* c : kStandardComponents) {
        const auto* v = p.standard.if_contains(c);
        const bool ok = v && ((v->is_string() && !v->as_string().empty()) || (v->is_array() && !v->as_array().empty()));
        if (!ok) return Bad(std::string("spec.standard.") + c, "standard_component");
    }
    std::set<std::string> codes;
    if (const auto* form = Arr(o, "form")) {
        for (const auto& v : *form) {
            SP_ASSIGN(auto f, ParseField(v, "spec.form", false));
            if (!codes.insert(f.code).second) return Bad("spec.form", "field_duplicate", {{"code", f.code}});
            p.form.push_back(std::move(f));
        }
        for (const auto& f : p.form) {
            if (f.after.empty()) continue;
            const auto other =
                std::find_if(p.form.begin(), p.form.end(), [&](const FormField& g) { return g.code == f.after; });
            if (other == p.form.end() || other->type != "date")
                return Bad("spec.form", "after_unknown", {{"code", f.code}, {"after", f.after}});
        }
    }
    if (const auto* docs = Arr(o, "documents")) {
        for (const auto& v : *docs) {
            if (!v.is_object()) return Bad("spec.documents", "objects");
            RequiredDocument d{Str(v.as_object(), "code"), Str(v.as_object(), "label"), true};
            if (const auto* r = v.as_object().if_contains("required"); r && r->is_bool()) d.required = r->as_bool();
            if (!ValidCode(d.code) || d.label.empty()) return Bad("spec.documents", "document_code");
            p.documents.push_back(std::move(d));
        }
    }
    const auto* steps = Arr(o, "steps");
    if (!steps || steps->empty()) return Bad("spec.steps", "steps_needed");
    std::set<std::string> step_codes;
    int documents_issued = 0;
    for (const auto& v : *steps) {
        if (!v.is_object()) return Bad("spec.steps", "objects");
        const auto& so = v.as_object();
        Step s;
        s.code = Str(so, "code");
        s.label = Str(so, "label");
        s.role = Str(so, "role");
        s.opd_code = Str(so, "opd_code");
        s.sla_days = static_cast<int>(Int(so, "sla_days", 3));
        s.bill = Bool(so, "bill");
        s.issues_document = Bool(so, "issues_document");
        s.approve_on_timeout = Bool(so, "approve_on_timeout");
        if (const auto* d = Arr(so, "decisions")) {
            for (const auto& x : *d)
                if (x.is_string()) s.decisions.emplace_back(x.as_string());
        }
        if (!ValidCode(s.code) || !step_codes.insert(s.code).second) return Bad("spec.steps", "step_codes");
        if (s.label.empty()) return Bad("spec.steps", "step_label", {{"code", s.code}});
        if (s.sla_days < 1 || s.sla_days > 90) return Bad("spec.steps", "step_sla");
        if (s.bill) {
            if (!s.role.empty() || !s.decisions.empty() || s.issues_document) {
                return Bad("spec.steps", "payment_step");
            }
        } else {
            if (s.role != "verifier" && s.role != "officer" && s.role != "opd_head") {
                return Bad("spec.steps", "step_role", {{"code", s.code}});
            }
            if (std::find(s.decisions.begin(), s.decisions.end(), "approve") == s.decisions.end()) {
                return Bad("spec.steps", "step_approve", {{"code", s.code}});
            }
            for (const auto& d : s.decisions) {
                if (d != "approve" && d != "return" && d != "reject") {
                    return Bad("spec.steps", "decisions");
                }
            }
        }
        documents_issued += s.issues_document ? 1 : 0;
        p.steps.push_back(std::move(s));
    }
    if (documents_issued > 1) return Bad("spec.steps", "one_document");
    if (p.steps.back().bill) return Bad("spec.steps", "payment_last");
    if (const auto* fee = o.if_contains("fee"); fee && fee->is_object()) {
        SP_ASSIGN(p.fee, ParseFee(fee->as_object()));
    }
    const bool bills = std::any_of(p.steps.begin(), p.steps.end(), [](const Step& s) { return s.bill; });
    if (bills == (p.fee.type == "free")) return Bad("spec.fee", "fee_payment");
    if (p.fee.type == "tariff" && !codes.count(p.fee.field)) return Bad("spec.fee.field", "not_field");
    for (const auto& [param, field] : p.fee.inputs) {
        if (!field.is_string() || !codes.count(std::string(field.as_string()))) {
            return Bad("spec.fee.inputs", "input_field", {{"name", std::string(param)}});
        }
    }
    if (const auto* d = o.if_contains("document"); d && d->is_object()) {
        const auto& dobj = d->as_object();
        p.document.title = Str(dobj, "title");
        p.document.classification = Str(dobj, "classification");
        p.document.unit = Str(dobj, "unit");
        p.document.body = Str(dobj, "body");
        p.document.signer_title = Str(dobj, "signer_title");
        p.document.valid_days = static_cast<int>(Int(dobj, "valid_days", 0));
        if (const auto* fields = Arr(dobj, "fields")) {
            for (const auto& x : *fields) {
                if (!x.is_object()) continue;
                const std::string from = Str(x.as_object(), "from");
                if (!codes.count(from)) return Bad("spec.document.fields", "document_field", {{"name", from}});
                p.document.fields.emplace_back(Str(x.as_object(), "label"), from);
            }
        }
        if (p.document.title.empty() || p.document.classification.empty() || p.document.unit.empty() ||
            p.document.signer_title.empty()) {
            return Bad("spec.document", "document_parts");
        }
    }
    if (documents_issued == 1 && p.document.title.empty()) return Bad("spec.document", "document_template");
    p.bill_valid_days = static_cast<int>(Int(o, "bill_valid_days", 7));
    if (p.bill_valid_days < 1 || p.bill_valid_days > 90) return Bad("spec.bill_valid_days", "bill_days");
    if (const auto h = Str(o, "holder_field"); !h.empty()) p.holder_field = h;
    if (!codes.count(p.holder_field)) return Bad("spec.holder_field", "holder_field");
    return p;
}

Result<AnswerCheck> CheckAnswers(const PermitSpec& spec, const json::object& answers, const json::object& documents,
                                 bool complete, const std::string& today,
                                 const std::function<bool(const std::string&)>& known_area) {
    // Every problem at once, each beside its field.
    AnswerCheck out;
    Problems problems;
    for (const auto& kv : answers) {
        const std::string_view key = kv.key();
        if (std::none_of(spec.form.begin(), spec.form.end(), [&](const FormField& f) { return f.code == key; })) {
            problems.Add("answers", "input.form_unknown", {{"name", std::string(key)}});
        }
    }
    for (const auto& f : spec.form) {
        problems.Check(
            CheckField(f, answers.if_contains(f.code), complete, today, known_area, out, "answers." + f.code));
    }
    // An end before its start (dates are checked above: YYYY-MM-DD compares as text).
    for (const auto& f : spec.form) {
        if (f.after.empty()) continue;
        const auto* end = answers.if_contains(f.code);
        const auto* start = answers.if_contains(f.after);
        if (!end || !start || !end->is_string() || !start->is_string() || start->as_string().empty()) continue;
        if (!end->as_string().empty() && end->as_string() < start->as_string()) {
            const auto s =
                std::find_if(spec.form.begin(), spec.form.end(), [&](const FormField& g) { return g.code == f.after; });
            problems.Add("answers." + f.code, "input.form_before", {{"label", f.label}, {"other", s->label}});
        }
    }
    for (const auto& kv : documents) {
        const std::string_view key = kv.key();
        const json::value& v = kv.value();
        const auto d = std::find_if(spec.documents.begin(), spec.documents.end(),
                                    [&](const RequiredDocument& x) { return x.code == key; });
        if (d == spec.documents.end()) {
            problems.Add("documents", "input.document_unknown", {{"name", std::string(key)}});
        } else if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 40) {
            problems.Add("documents." + d->code, "input.document_id", {{"label", d->label}});
        } else {
            out.attachment_ids.emplace_back(v.as_string());
        }
    }
    if (complete) {
        for (const auto& d : spec.documents) {
            if (d.required && !documents.contains(d.code))
                problems.Add("documents." + d.code, "input.document_required", {{"label", d.label}});
        }
    }
    SP_TRY(problems.status());
    return out;
}

Result<Fee> ComputeFee(const FeeRule& rule, const json::object& answers, const taxes::TaxParams& params) {
    Fee fee;
    if (rule.type == "free") {
        fee.rule = "Tidak dipungut biaya";
        return fee;
    }
    if (rule.type == "fixed") {
        fee.amount = rule.amount;
        fee.rule = "Tarif tetap " + taxes::FormatRupiah(rule.amount);
    } else if (rule.type == "tariff") {
        const auto value = AsInt(answers.if_contains(rule.field));
        if (!value) return Bad("answers." + rule.field, "fee_number");
        const TariffRow* row = nullptr;
        for (const auto& r : rule.table) {
            if (!r.up_to || *value <= *r.up_to) {
                row = &r;
                break;
            }
        }
        if (!row) return Bad("answers." + rule.field, "above_table");
        fee.amount = row->amount + row->per_unit * *value;
        fee.rule = "Tarif: " + taxes::FormatRupiah(row->amount) +
                   (row->per_unit ? " + " + taxes::FormatRupiah(row->per_unit) + " x " + std::to_string(*value) : "");
    } else {
        auto input = [&](const char* param) -> std::optional<int64_t> {
            const auto* field = rule.inputs.if_contains(param);
            if (!field || !field->is_string()) return std::nullopt;
            return AsInt(answers.if_contains(field->as_string()));
        };
        if (rule.formula == "pbb-p2") {
            SP_ASSIGN(auto a, taxes::PbbP2(params.pbb, input("njop").value_or(-1)));
            fee.amount = a.amount;
            fee.rule = a.rule;
        } else if (rule.formula == "bphtb") {
            const auto* acq_field = rule.inputs.if_contains("acquisition");
            const auto* acq =
                acq_field && acq_field->is_string() ? answers.if_contains(acq_field->as_string()) : nullptr;
            const auto kind = taxes::AcquisitionFromName(acq && acq->is_string() ? std::string_view(acq->as_string())
                                                                                 : std::string_view("purchase"));
            if (!kind) return Bad("answers", "acquisition");
            SP_ASSIGN(auto a, taxes::Bphtb(params.bphtb, input("price").value_or(0), input("njop").value_or(0), *kind));
            fee.amount = a.amount;
            fee.rule = a.rule;
        } else {
            const auto area = input("area_m2");
            const auto days = input("days");
            if (!area || !days || *area <= 0 || *days <= 0 || *area > 10'000 || *days > 3'660) {
                return Bad("answers", "billboard");
            }
            const taxes::Rupiah nsr = *area * *days * rule.nsr_per_m2_day;
            fee.amount = taxes::ApplyPpm(nsr, rule.rate_ppm);
            fee.rule = "Pajak reklame = " + std::to_string(rule.rate_ppm / 10'000) + "% x NSR (" +
                       std::to_string(*area) + " m2 x " + std::to_string(*days) + " hari x " +
                       taxes::FormatRupiah(rule.nsr_per_m2_day) + ") = " + taxes::FormatRupiah(fee.amount);
        }
    }
    if (!rule.legal_basis.empty()) fee.rule += "; " + rule.legal_basis;
    if (fee.amount < 0 || fee.amount > taxes::kMaxAmount) return Bad("fee", "amount_range");
    return fee;
}

}  // namespace satupintu::permits
