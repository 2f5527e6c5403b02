#include "core/csv.hpp"

namespace satupintu::csv {

Status ForEachRow(std::string_view text, const std::function<Status(const std::vector<std::string>&)>& on_row) {
    std::vector<std::string> row;
    std::string field;
    bool in_quotes = false;
    bool field_started = false;
    size_t i = 0;
    auto end_field = [&] {
        row.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    i += 2;
                    continue;
                }
                in_quotes = false;
            } else {
                field.push_back(c);
            }
            ++i;
            continue;
        }
        if (c == '"' && !field_started) {
            in_quotes = true;
            field_started = true;
        } else if (c == ',') {
            end_field();
        } else if (c == '\n' || c == '\r') {
            end_field();
            if (!(row.size() == 1 && row[0].empty())) SP_TRY(on_row(row));
            row.clear();
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            field.push_back(c);
            field_started = true;
        }
        ++i;
    }
    if (in_quotes) return Err(Errc::kInvalidInput, "unterminated quoted field");
    if (field_started || !row.empty()) {
        end_field();
        SP_TRY(on_row(row));
    }
    return Status::Ok();
}

}  // namespace satupintu::csv
