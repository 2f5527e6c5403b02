// Numbered schema migrations, embedded from data/migrations/{sqlite,postgres}/NNNN_name.sql.
#pragma once

#include <string_view>
#include <vector>

namespace satupintu::store {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& pg_migrations();

}  // namespace satupintu::store
