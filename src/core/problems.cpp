#include "core/problems.hpp"

#include "core/messages.hpp"

namespace satupintu {

Error Invalid(std::string field, std::string key, MessageParams params) {
    std::string detail = Format(key, Lang::kEn, params);
    Error e{Errc::kInvalidInput, std::move(detail), field, {}};
    e.problems.push_back({std::move(field), std::move(key), std::move(params)});
    return e;
}

void Problems::Add(std::string field, std::string key, MessageParams params) {
    // One problem per field, the first found: what to fix first.
    for (const auto& p : problems_)
        if (!field.empty() && p.field == field) return;
    details_.push_back(field + ": " + Format(key, Lang::kEn, params));
    problems_.push_back({std::move(field), std::move(key), std::move(params)});
}

bool Problems::Check(const Status& st) {
    if (st) return true;
    const Error& e = st.error();
    if (e.code != Errc::kInvalidInput) {
        if (!other_) other_ = e;
    } else if (!e.problems.empty()) {
        for (const auto& p : e.problems) Add(p.field, p.key, p.params);
    } else {
        // A check not yet worded for people: the field is named; the developer's words are kept.
        const size_t before = problems_.size();
        Add(e.field, "error.field_invalid");
        if (problems_.size() > before) details_.back() = e.field + ": " + e.detail;
    }
    return false;
}

Status Problems::status() const {
    if (other_) return *other_;
    if (problems_.empty()) return Status::Ok();
    Error e{Errc::kInvalidInput, {}, problems_.front().field, problems_};
    for (const auto& d : details_) e.detail += (e.detail.empty() ? "" : "; ") + d;
    return e;
}

}  // namespace satupintu
