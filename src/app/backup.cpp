#include "app/backup.hpp"

#include <filesystem>

#include "app/context.hpp"
#include "events/event_log.hpp"
#include "region/tenants.hpp"

namespace satupintu::app {

namespace fs = std::filesystem;

Status Backup(const Config& c, const std::string& out_dir, std::ostream& out) {
    if (!c.db_url.empty())
        return Err(Errc::kInvalidInput, "PostgreSQL: use pg_dump or pgBackRest (docs/operations.md)");
    std::error_code ec;
    if (fs::exists(out_dir + "/satupintu.db", ec)) return Err(Errc::kConflict, out_dir + " already holds a backup");
    fs::create_directories(out_dir, ec);
    if (ec) return Err(Errc::kInternal, "cannot create " + out_dir);
    SP_ASSIGN(auto store, OpenConfiguredStore(c));
    SP_TRY(store->Backup(out_dir + "/satupintu.db"));
    if (fs::exists(c.data_dir + "/secret.key")) {
        fs::copy_file(c.data_dir + "/secret.key", out_dir + "/secret.key", ec);
        if (ec) return Err(Errc::kInternal, "cannot copy secret.key");
        fs::permissions(out_dir + "/secret.key", fs::perms::owner_read | fs::perms::owner_write, ec);
    }
    // Attachments are content-addressed and never change: files copied after the database
    // snapshot include every file it refers to.
    if (fs::exists(c.data_dir + "/files", ec)) {
        fs::copy(c.data_dir + "/files", out_dir + "/files", fs::copy_options::recursive, ec);
        if (ec) return Err(Errc::kInternal, "cannot copy the attachment files: " + ec.message());
    }
    out << "backup written to " << out_dir << "\n";
    return Status::Ok();
}

Status Restore(const Config& c, const std::string& from_dir, bool force, std::ostream& out) {
    if (!c.db_url.empty()) return Err(Errc::kInvalidInput, "PostgreSQL: use pg_restore (docs/operations.md)");
    std::error_code ec;
    if (!fs::exists(from_dir + "/satupintu.db", ec)) return Err(Errc::kNotFound, from_dir + " holds no backup");
    const std::string db = c.data_dir + "/satupintu.db";
    if (fs::exists(db, ec) && !force) {
        return Err(Errc::kConflict, c.data_dir + " already holds a database; stop the server and pass --force");
    }
    fs::create_directories(c.data_dir, ec);
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(db + suffix, ec);
    fs::copy_file(from_dir + "/satupintu.db", db, fs::copy_options::overwrite_existing, ec);
    if (ec) return Err(Errc::kInternal, "cannot copy the database: " + ec.message());
    if (fs::exists(from_dir + "/secret.key")) {
        fs::copy_file(from_dir + "/secret.key", c.data_dir + "/secret.key", fs::copy_options::overwrite_existing, ec);
        if (ec) return Err(Errc::kInternal, "cannot copy secret.key");
    }
    if (fs::exists(from_dir + "/files", ec)) {
        fs::copy(from_dir + "/files", c.data_dir + "/files",
                 fs::copy_options::recursive | fs::copy_options::skip_existing, ec);
        if (ec) return Err(Errc::kInternal, "cannot copy the attachment files: " + ec.message());
    }
    SP_ASSIGN(auto store, OpenConfiguredStore(c));
    SP_TRY(VerifyAudit(*store, out));
    out << "restored into " << c.data_dir << "\n";
    return Status::Ok();
}

Status VerifyAudit(store::Store& store, std::ostream& out) {
    std::vector<region::Tenant> tenants;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(tenants, region::ListTenants(tx));
        return Status::Ok();
    }));
    bool all_ok = true;
    for (const auto& t : tenants) {
        SP_ASSIGN(auto report, events::Verify(store, store::TenantId(t.code)));
        if (report.broken) {
            all_ok = false;
            out << "tenant " << t.code << ": BROKEN at entry " << report.broken->seq << ": " << report.broken->reason
                << "\n";
        } else {
            out << "tenant " << t.code << ": " << report.entries << " entries verified\n";
        }
    }
    if (!all_ok) return Err(Errc::kInvalidInput, "audit chain verification failed");
    return Status::Ok();
}

}  // namespace satupintu::app
