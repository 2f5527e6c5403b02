// Problems with what a person sent, each tied to its field and worded by the message catalog, so
// that one answer carries all of them (problem+json "errors") in the reader's language.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace satupintu {

using MessageParams = std::vector<std::pair<std::string, std::string>>;

// One invalid field: kInvalidInput carrying the problem, with its English wording as the detail.
Error Invalid(std::string field, std::string key, MessageParams params = {});

// Collects the problems of a whole form before answering, so a person fixes them in one go.
class Problems {
  public:
    // One per field: a later problem with a field that has one already is left out.
    void Add(std::string field, std::string key, MessageParams params = {});
    // Keeps a failed check's problems; a failure that is not about the input (the store, a
    // conflict) is kept too and wins. Returns whether the check passed.
    bool Check(const Status& st);
    bool empty() const { return problems_.empty() && !other_; }
    // Ok; or the first failure that was not about the input; or one kInvalidInput with every problem.
    Status status() const;

  private:
    std::vector<FieldProblem> problems_;
    std::vector<std::string> details_;  // in English, for the log and developers
    std::optional<Error> other_;
};

}  // namespace satupintu
