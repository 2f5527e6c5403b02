// Status and Result<T>: expected failures as values (no exceptions across module boundaries).
//
// A Status is either ok or an Error (code + developer-facing detail). Result<T> holds a T or an
// Error. Both are cheap to move and carry no ownership beyond their members.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/errc.hpp"

namespace satupintu {

// What is wrong with one input field, said by a message of the catalog (core/messages.hpp) so
// that the answer reads in the caller's language (core/problems.hpp builds these).
struct FieldProblem {
    std::string field;  // dotted for nested input: answers.luas_m2
    std::string key;    // the catalog message
    std::vector<std::pair<std::string, std::string>> params;
};

struct Error {
    Errc code = Errc::kInternal;
    std::string detail;                  // for logs and developers (English); never personal data
    std::string field;                   // the offending input field, when there is one
    std::vector<FieldProblem> problems;  // every problem with the input, for people
};

class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error e) : error_(std::move(e)), ok_(false) {}  // NOLINT: implicit by design
    static Status Ok() { return {}; }

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }
    Errc code() const { return error_.code; }

  private:
    Error error_;
    bool ok_ = true;
};

template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::move(value)) {}              // NOLINT: implicit by design
    Result(Error e) : v_(std::move(e)) {}                  // NOLINT
    Result(Status s) : v_(s.error()) { assert(!s.ok()); }  // NOLINT

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    const Error& error() const { return std::get<1>(v_); }
    Status status() const { return ok() ? Status::Ok() : Status(error()); }

  private:
    std::variant<T, Error> v_;
};

inline Error Err(Errc code, std::string detail = {}, std::string field = {}) {
    return Error{code, std::move(detail), std::move(field)};
}

}  // namespace satupintu

// Propagates a failed Status/Result from the enclosing function.
#define SP_TRY(expr)                                        \
    do {                                                    \
        auto sp_try_status_ = (expr);                       \
        if (!sp_try_status_) return sp_try_status_.error(); \
    } while (0)

#define SP_CONCAT_INNER(a, b) a##b
#define SP_CONCAT(a, b) SP_CONCAT_INNER(a, b)
#define SP_ASSIGN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                 \
    if (!tmp) return tmp.error();      \
    lhs = std::move(tmp).value()
// SP_ASSIGN(auto x, Call()); — assigns the value or returns the error.
#define SP_ASSIGN(lhs, expr) SP_ASSIGN_IMPL(SP_CONCAT(sp_assign_, __LINE__), lhs, expr)
