#include "app/commands.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/backup.hpp"
#include "app/bank_sim.hpp"
#include "app/context.hpp"
#include "app/demo.hpp"
#include "billing/billing.hpp"
#include "cases/projections.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "documents/documents.hpp"
#include "files/attachments.hpp"
#include "identity/api_keys.hpp"
#include "identity/password.hpp"
#include "identity/users.hpp"
#include "permits/permits.hpp"
#include "platform/onboard.hpp"
#include "platform/region_move.hpp"
#include "region/geo.hpp"
#include "region/opds.hpp"
#include "region/tenants.hpp"
#include "region/wilayah.hpp"

namespace satupintu::app {

using platform::Onboarded;
using platform::OnboardOptions;
using platform::OnboardRegions;

namespace {

// Options every command that touches the store accepts.
struct Common {
    std::string config_file;
    std::string data_dir;
    std::string db_url;

    void AddTo(CLI::App* cmd) {
        cmd->add_option("--config", config_file, "TOML configuration file")->envname("SATUPINTU_CONFIG");
        cmd->add_option("--data", data_dir, "SQLite data folder (default ./satupintu-data)");
        cmd->add_option("--db", db_url, "PostgreSQL URL (postgres://...); selects PostgreSQL");
    }

    Result<Config> Load() const {
        SP_ASSIGN(Config c, LoadConfig(config_file));
        if (!data_dir.empty()) c.data_dir = data_dir;
        if (!db_url.empty()) c.db_url = db_url;
        if (c.log_level == "debug") log::SetMinLevel(log::Level::kDebug);
        if (c.log_level == "warn") log::SetMinLevel(log::Level::kWarn);
        if (c.log_level == "error") log::SetMinLevel(log::Level::kError);
        return c;
    }
};

int Report(const Status& st) {
    if (st) return 0;
    std::cerr << "error: " << st.error().detail << " (" << CodeName(st.code())
              << (st.error().field.empty() ? "" : ", field " + st.error().field) << ")\n";
    return st.code() == Errc::kInvalidInput || st.code() == Errc::kConflict || st.code() == Errc::kNotFound ? 2 : 1;
}

Result<std::unique_ptr<store::Store>> OpenMigrated(const Config& c) {
    SP_ASSIGN(auto s, OpenConfiguredStore(c));
    SP_TRY(s->Migrate());
    return s;
}

Status Serve(const Config& c) {
    SP_ASSIGN(auto app, Application::Create(c));
    SP_TRY(app->Start());
    std::cout << "SatuPintu serving on http://" << c.listen << "/" << std::endl;
    app->Wait(/*handle_signals=*/true);
    log::Info("stopped");
    return Status::Ok();
}

Status Demo(const Config& c) {
    SP_ASSIGN(auto s, OpenMigrated(c));
    SP_ASSIGN(auto key, MasterKey(c));
    SystemClock clock;
    return SeedDemo(*s, identity::NikVault(key), clock, c.share_dir, files::FileStore(c.data_dir + "/files"),
                    PublicUrl(c), std::cout);
}

Status ImportWilayah(const Config& c, const std::string& from) {
    SP_ASSIGN(auto s, OpenMigrated(c));
    SP_ASSIGN(auto counts, region::ImportWilayah(*s, from.empty() ? c.share_dir + "/wilayah" : from));
    std::cout << "imported " << counts.provinces << " provinces, " << counts.regencies << " regencies/cities, "
              << counts.districts << " kecamatan, " << counts.villages << " desa/kelurahan\n";
    return Status::Ok();
}

struct UserAdd {
    std::string tenant, role, email, phone, name, opd;
    bool password_stdin = false;
};

Status AddUser(const Config& c, const UserAdd& a) {
    if (!a.password_stdin) return Err(Errc::kInvalidInput, "pass the password on standard input with --password-stdin");
    std::string password;
    std::getline(std::cin, password);
    SP_TRY(identity::CheckPasswordPolicy(password));
    SP_ASSIGN(auto s, OpenMigrated(c));
    SP_ASSIGN(auto key, MasterKey(c));
    const identity::NikVault vault(key);
    identity::NewUser u;
    u.role = a.role;
    if (!a.email.empty()) u.email = a.email;
    if (!a.phone.empty()) u.phone = a.phone;
    u.name = a.name.empty() ? a.role : a.name;
    const store::TenantId tenant(a.tenant);
    SP_TRY(s->Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto t, region::FindTenant(tx, a.tenant));
        if (!t) return Err(Errc::kNotFound, "no tenant " + a.tenant + " (run `satupintu demo` or create it)");
        if (a.opd.empty()) return Status::Ok();
        SP_ASSIGN(auto opd, region::GetOpdByCode(tx, tenant, a.opd));
        if (!opd) return Err(Errc::kNotFound, "no OPD with code " + a.opd);
        u.opd_id = opd->id;
        return Status::Ok();
    }));
    SystemClock clock;
    SP_TRY(identity::ValidateNewUser(u, CivilDate(clock.NowMs(), 420)));
    SP_ASSIGN(const std::string hash, identity::HashPassword(password));
    std::optional<identity::User> user;
    SP_TRY(s->Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(user, identity::CreateUser(tx, tenant, u, hash, vault, clock.NowMs(), "system:cli"));
        return Status::Ok();
    }));
    std::cout << "user " << user->id << " created (" << user->role << ")\n";
    return Status::Ok();
}

Status CreateKey(const Config& c, const std::string& tenant_code, const std::string& name, const std::string& role) {
    SP_ASSIGN(auto s, OpenMigrated(c));
    SystemClock clock;
    identity::NewApiKey key;
    SP_TRY(s->Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(auto t, region::FindTenant(tx, tenant_code));
        if (!t) return Err(Errc::kNotFound, "no tenant " + tenant_code);
        SP_ASSIGN(key,
                  identity::CreateApiKey(tx, store::TenantId(tenant_code), name, role, clock.NowMs(), "system:cli"));
        return Status::Ok();
    }));
    std::cout << key.key << "\n";
    return Status::Ok();
}

// What onboarding did, one region a block; the first-login link is printed here once and kept
// nowhere else (only its hash is stored).
void PrintOnboarded(const std::vector<Onboarded>& regions, std::ostream& out) {
    for (const auto& r : regions) {
        out << r.code << " " << r.name << ": " << (r.created ? "created" : "already there") << ", " << r.kecamatan
            << " kecamatan, " << r.desa << " desa/kelurahan, OPD template " << r.opd_template << "; added " << r.opds
            << " OPDs, " << r.categories << " complaint categories, " << r.permits << " permit services, " << r.classes
            << " other case classes; boundaries " << (r.boundaries ? "shipped" : "not shipped") << "\n";
        if (r.admin_link) {
            out << "  admin " << r.admin_email << ": first-login link (shown once, valid 7 days):\n  " << *r.admin_link
                << "\n";
        } else if (!r.admin_email.empty()) {
            out << "  the region has an admin already (no new link)\n";
        }
    }
}

Status AddRegions(const Config& c, const std::string& code, const std::string& admin_email) {
    if (admin_email.empty()) return Err(Errc::kInvalidInput, "--admin-email is required", "admin_email");
    SP_ASSIGN(auto s, OpenMigrated(c));
    SP_ASSIGN(auto key, MasterKey(c));
    SP_TRY(EnsureWilayah(*s, c.share_dir, std::cout));
    SP_ASSIGN(const auto geo, region::KecamatanMap::Load(c.share_dir + "/geo"));
    SystemClock clock;
    SP_ASSIGN(const auto done, OnboardRegions(*s, identity::NikVault(key), clock, c.share_dir, geo, code,
                                              OnboardOptions{admin_email, PublicUrl(c), "system:cli"}));
    PrintOnboarded(done, std::cout);
    return Status::Ok();
}

Status ListRegions(const Config& c) {
    SP_ASSIGN(auto s, OpenMigrated(c));
    std::vector<region::TenantRecord> all;
    SP_TRY(s->Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(all, region::ListTenantRecords(tx));
        return Status::Ok();
    }));
    for (const auto& r : all) {
        std::cout << r.tenant.code << "\t" << (r.disabled_at ? "disabled" : "served") << "\t"
                  << IsoUtc(r.created_at).substr(0, 10) << "\t" << r.opd_template.value_or("-") << "\t" << r.tenant.name
                  << "\n";
    }
    std::cout << all.size() << " regions\n";
    return Status::Ok();
}

Status DisableRegion(const Config& c, const std::string& code, bool disabled) {
    SP_ASSIGN(auto s, OpenMigrated(c));
    SystemClock clock;
    SP_TRY(s->Write([&](store::WriteTx& tx) {
        return region::SetTenantDisabled(tx, code, disabled, clock.NowMs(), "system:cli");
    }));
    std::cout << code << (disabled ? " disabled: its data is kept and no longer served\n" : " served again\n");
    return Status::Ok();
}

// Moving a region to another store (issue 15): from its SQLite server to the province's
// PostgreSQL, for example. The export is read in one snapshot; the import writes in one transaction.
Status ExportRegion(const Config& c, const std::string& code, const std::string& out_path) {
    SP_ASSIGN(auto s, OpenMigrated(c));
    SP_ASSIGN(auto key, MasterKey(c));
    const std::string tmp = out_path + ".tmp";
    platform::MoveCounts counts;
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return Err(Errc::kInvalidInput, "cannot write " + out_path, "out");
        auto done =
            platform::ExportRegion(*s, files::FileStore(c.data_dir + "/files"), key, code, SystemClock().NowMs(), out);
        if (!done) {
            std::remove(tmp.c_str());
            return done.error();
        }
        counts = *done;
    }
    if (std::rename(tmp.c_str(), out_path.c_str()) != 0) return Err(Errc::kInternal, "cannot write " + out_path);
    std::cout << "region " << code << ": " << counts.rows << " rows of " << counts.tables << " tables and "
              << counts.files << " files written to " << out_path << "\n";
    return Status::Ok();
}

Status ImportRegion(const Config& c, const std::string& in_path) {
    std::ifstream in(in_path, std::ios::binary);
    if (!in) return Err(Errc::kNotFound, "cannot read " + in_path, "file");
    SP_ASSIGN(auto s, OpenMigrated(c));
    SP_ASSIGN(auto key, MasterKey(c));
    SP_TRY(EnsureWilayah(*s, c.share_dir, std::cout));
    SP_ASSIGN(const auto counts, platform::ImportRegion(*s, files::FileStore(c.data_dir + "/files"), key, in));
    std::cout << "imported " << counts.rows << " rows of " << counts.tables << " tables and " << counts.files
              << " files; its event chain verifies (" << counts.chain_entries << " entries)\n";
    return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Err(Errc::kNotFound, "cannot read " + path);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

// Checks a signed document: with --public-key, from the file alone; otherwise against this
// installation's published keys and records (revocation included). Exit 0: authentic and valid;
// 1: altered, forged or unsigned; 3: authentic but revoked or expired.
int VerifyDocument(const Common& common, const std::string& path, const std::string& public_key_hex) {
    auto file = ReadWholeFile(path);
    if (!file) return Report(file.status());
    auto parts = documents::Split(*file);
    if (!parts) {
        std::cout << "NOT SIGNED: " << parts.error().detail << "\n";
        return 1;
    }
    auto print = [&](const json::object& c) {
        for (const char* key : {"number", "title", "holder_name", "office", "issued_on", "valid_until"}) {
            if (const auto* v = c.if_contains(key); v && v->is_string())
                std::cout << "  " << key << ": " << v->as_string() << "\n";
        }
    };
    if (!public_key_hex.empty()) {
        const auto key = crypto::HexDecode(public_key_hex);
        if (!key || key->size() != 32) return Report(Err(Errc::kInvalidInput, "--public-key: 64 hex digits"));
        const auto check = documents::Verify(*parts, *key);
        std::cout << (check == documents::Check::kAuthentic ? "AUTHENTIC"
                      : check == documents::Check::kAltered ? "ALTERED"
                                                            : "FORGED")
                  << " (key " << parts->key_id << ")\n";
        print(parts->content);
        return check == documents::Check::kAuthentic ? 0 : 1;
    }
    auto config = common.Load();
    if (!config) return Report(config.status());
    auto store = OpenConfiguredStore(*config);
    if (!store) return Report(store.status());
    int code = 1;
    auto st = (*store)->Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto verdict, documents::VerifyFile(tx, *file));
        if (verdict.check != documents::Check::kAuthentic) {
            std::cout << (verdict.check == documents::Check::kAltered ? "ALTERED" : "FORGED") << " (key "
                      << verdict.key_id << ")\n";
            return Status::Ok();
        }
        std::string status = "unknown to this installation";
        code = 0;
        if (verdict.record) {
            status = documents::StatusOn(*verdict.record, CivilDate(SystemClock().NowMs(), 420));
            if (status == "revoked") status += ": " + verdict.record->revoke_reason.value_or("");
            if (status != "valid") code = 3;
        }
        std::cout << "AUTHENTIC (region " << verdict.region << ", key " << verdict.key_id << "); status: " << status
                  << "\n";
        print(verdict.content);
        return Status::Ok();
    });
    if (!st) return Report(st);
    return code;
}

// The bank channel's secret from this installation's store (the simulated bank runs beside the
// server); creates the channel on first use.
Result<std::string> ChannelSecretHex(const Config& c, const std::string& region, const std::string& bank) {
    SP_ASSIGN(auto s, OpenMigrated(c));
    SP_ASSIGN(auto key, MasterKey(c));
    const identity::NikVault vault(key);
    std::string secret;
    const store::TenantId tenant(region);
    SP_TRY(s->Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(auto t, region::FindTenant(tx, region));
        if (!t) return Err(Errc::kNotFound, "no tenant " + region);
        SP_ASSIGN(auto existing, billing::ChannelSecret(tx, tenant, bank, vault));
        if (existing) {
            secret = crypto::HexEncode(std::string(existing->begin(), existing->end()));
            return Status::Ok();
        }
        SP_ASSIGN(secret, billing::CreateChannel(tx, tenant, bank, vault, SystemClock().NowMs(), "system:cli"));
        return Status::Ok();
    }));
    return secret;
}

}  // namespace

int RunCli(int argc, char** argv) {
    if (!crypto::InitCrypto()) {
        std::cerr << "error: libsodium failed to initialise\n";
        return 1;
    }
    CLI::App cli{"SatuPintu: one door to a region's public services"};
    cli.require_subcommand(1);
    Common common;

    auto* serve = cli.add_subcommand("serve", "Run the HTTP server");
    common.AddTo(serve);
    std::string listen;
    serve->add_option("--listen", listen, "HOST:PORT (default 127.0.0.1:8080)");

    auto* demo = cli.add_subcommand("demo", "Seed the demo region (Kabupaten Serang) and exit; idempotent");
    common.AddTo(demo);

    auto* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
    common.AddTo(migrate);

    auto* import = cli.add_subcommand("import", "Import shipped data");
    import->require_subcommand(1);
    auto* wilayah = import->add_subcommand("wilayah", "Load provinces, regencies, kecamatan and desa");
    common.AddTo(wilayah);
    std::string wilayah_from;
    wilayah->add_option("--from", wilayah_from, "folder with provinces.csv ... villages.csv");

    auto* import_services = import->add_subcommand("services", "Import permit services from a JSON file");
    common.AddTo(import_services);
    std::string services_file, services_tenant;
    import_services->add_option("file", services_file, "e.g. data/catalog/permits.json")->required();
    import_services->add_option("--tenant", services_tenant, "region code")->required();

    auto* user = cli.add_subcommand("user", "Manage accounts");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Create an account");
    common.AddTo(user_add);
    UserAdd ua;
    user_add->add_option("--tenant", ua.tenant, "region code, e.g. 36.04")->required();
    user_add->add_option("--role", ua.role, "admin, opd_head, officer, verifier, auditor, lab_reviewer, executive")
        ->required();
    user_add->add_option("--email", ua.email, "login email");
    user_add->add_option("--phone", ua.phone, "login phone number");
    user_add->add_option("--name", ua.name, "display name");
    user_add->add_option("--opd", ua.opd, "OPD code (for opd_head, officer, verifier)");
    user_add->add_flag("--password-stdin", ua.password_stdin, "read the password from standard input");

    auto* apikey = cli.add_subcommand("apikey", "Manage API keys");
    apikey->require_subcommand(1);
    auto* apikey_create = apikey->add_subcommand("create", "Create a key and print it (shown once)");
    common.AddTo(apikey_create);
    std::string key_tenant, key_name, key_role = "integration";
    bool key_platform = false;
    apikey_create->add_option("--tenant", key_tenant, "region code (not with --platform)");
    apikey_create->add_flag("--platform", key_platform, "a platform operator's key (onboards and manages regions)");
    apikey_create->add_option("--name", key_name, "what the key is for")->required();
    apikey_create->add_option("--role", key_role, "role the key acts with (default integration)");

    auto* region_cmd = cli.add_subcommand("region", "Onboard and manage the regions on this platform");
    region_cmd->require_subcommand(1);
    std::string region_code, admin_email;
    auto* region_add = region_cmd->add_subcommand(
        "add", "Onboard a regency or city (32.04), or every one of a province (32), from the official codes");
    common.AddTo(region_add);
    region_add->add_option("code", region_code, "Kemendagri code")->required();
    region_add->add_option("--admin-email", admin_email,
                           "the region's admin login; {code} becomes the region's digits (3204)");
    auto* region_list = region_cmd->add_subcommand("list", "List the regions, served and disabled");
    common.AddTo(region_list);
    auto* region_disable = region_cmd->add_subcommand("disable", "Stop serving a region (its data is kept)");
    common.AddTo(region_disable);
    region_disable->add_option("code", region_code, "region code")->required();
    auto* region_enable = region_cmd->add_subcommand("enable", "Serve a disabled region again");
    common.AddTo(region_enable);
    region_enable->add_option("code", region_code, "region code")->required();
    std::string move_path;
    auto* region_export = region_cmd->add_subcommand(
        "export", "Write everything of one region (rows, files, event chain) to a file, to import into another store");
    common.AddTo(region_export);
    region_export->add_option("code", region_code, "region code")->required();
    region_export->add_option("--out", move_path, "the file to write")->required();
    auto* region_import = region_cmd->add_subcommand(
        "import", "Add a region from an export; its event chain is verified before and after");
    common.AddTo(region_import);
    region_import->add_option("file", move_path, "the export")->required();

    auto* verify = cli.add_subcommand("verify-audit", "Verify every region's event hash chain");
    common.AddTo(verify);

    auto* rebuild = cli.add_subcommand("rebuild-projections",
                                       "Recompute a region's command-center counters from its cases and answers");
    common.AddTo(rebuild);
    std::string rebuild_tenant;
    rebuild->add_option("--tenant", rebuild_tenant, "region code")->required();

    auto* backup = cli.add_subcommand("backup", "Write a consistent online snapshot (SQLite)");
    common.AddTo(backup);
    std::string backup_out;
    backup->add_option("--out", backup_out, "backup folder to create")->required();

    auto* restore = cli.add_subcommand("restore", "Restore a snapshot into the data folder (server stopped)");
    common.AddTo(restore);
    std::string restore_from;
    bool restore_force = false;
    restore->add_option("--from", restore_from, "backup folder")->required();
    restore->add_flag("--force", restore_force, "replace an existing database");

    auto* verify_doc =
        cli.add_subcommand("verify-document", "Check a signed SatuPintu PDF (exit 0: authentic and valid)");
    common.AddTo(verify_doc);
    std::string doc_path, doc_key;
    verify_doc->add_option("file", doc_path, "the PDF")->required();
    verify_doc->add_option("--public-key", doc_key, "the region's published Ed25519 key (hex); checks offline");

    auto* bank = cli.add_subcommand("bank", "Bank channels and the simulated bank");
    bank->require_subcommand(1);
    auto* bank_channel = bank->add_subcommand("channel", "Create a bank's callback channel and print its secret");
    common.AddTo(bank_channel);
    std::string bank_region = "36.04", bank_name = "BANKSIM", bank_url, bank_secret, bank_kode, bank_txn, bank_reason;
    std::optional<int64_t> bank_amount;
    bank_channel->add_option("--tenant", bank_region, "region code")->required();
    bank_channel->add_option("--bank", bank_name, "bank code (A-Z 0-9 -)")->required();
    auto* bank_pay = bank->add_subcommand("pay", "Pay a bill through the region's signed payment callback");
    common.AddTo(bank_pay);
    bank_pay->add_option("kode_bayar", bank_kode, "the billing code")->required();
    bank_pay->add_option("--url", bank_url, "the server (default: the listen address of --config/--data)");
    bank_pay->add_option("--region", bank_region, "region code (default 36.04)");
    bank_pay->add_option("--bank", bank_name, "bank channel (default BANKSIM)");
    bank_pay->add_option("--secret", bank_secret, "the channel secret (hex); default: read from the local store");
    bank_pay->add_option("--amount", bank_amount, "amount to pay (default: the bill's)");
    bank_pay->add_option("--txn", bank_txn, "the bank's transaction id (default: a new one)");
    auto* bank_reverse = bank->add_subcommand("reverse", "Reverse a payment by its bank transaction id");
    common.AddTo(bank_reverse);
    bank_reverse->add_option("txn", bank_txn, "the bank's transaction id")->required();
    bank_reverse->add_option("--reason", bank_reason, "why")->required();
    bank_reverse->add_option("--url", bank_url, "the server (default: the listen address of --config/--data)");
    bank_reverse->add_option("--region", bank_region, "region code");
    bank_reverse->add_option("--bank", bank_name, "bank channel");
    bank_reverse->add_option("--secret", bank_secret, "the channel secret (hex)");

    auto* version = cli.add_subcommand("version", "Print the version");

    CLI11_PARSE(cli, argc, argv);

    if (version->parsed()) {
        std::cout << "satupintu " << SATUPINTU_VERSION << "\n";
        return 0;
    }
    if (verify_doc->parsed()) return VerifyDocument(common, doc_path, doc_key);
    auto config = common.Load();
    if (!config) return Report(config.status());
    Config& c = *config;
    if (serve->parsed()) {
        if (!listen.empty()) c.listen = listen;
        return Report(Serve(c));
    }
    if (demo->parsed()) return Report(Demo(c));
    if (migrate->parsed()) {
        auto s = OpenMigrated(c);
        if (s) std::cout << "migrated to version " << (*s)->SchemaVersion().value() << "\n";
        return Report(s.status());
    }
    if (wilayah->parsed()) return Report(ImportWilayah(c, wilayah_from));
    if (import_services->parsed()) {
        return Report([&]() -> Status {
            SP_ASSIGN(auto text, ReadWholeFile(services_file));
            SP_ASSIGN(auto services, permits::ParseServiceFile(text));
            SP_ASSIGN(auto s, OpenMigrated(c));
            int written = 0;
            SP_TRY(s->Write([&](store::WriteTx& tx) -> Status {
                SP_ASSIGN(auto t, region::FindTenant(tx, services_tenant));
                if (!t) return Err(Errc::kNotFound, "no tenant " + services_tenant);
                SP_ASSIGN(written, permits::ImportServices(tx, store::TenantId(services_tenant), services,
                                                           SystemClock().NowMs(), "system:cli"));
                return Status::Ok();
            }));
            std::cout << services.size() << " services read, " << written << " written (new or changed)\n";
            return Status::Ok();
        }());
    }
    if (user_add->parsed()) return Report(AddUser(c, ua));
    if (apikey_create->parsed() && key_platform) {
        return Report([&]() -> Status {
            SP_ASSIGN(auto s, OpenMigrated(c));
            identity::NewApiKey key;
            SP_TRY(s->Write([&](store::WriteTx& tx) -> Status {
                SP_ASSIGN(key, identity::CreatePlatformKey(tx, key_name, SystemClock().NowMs()));
                return Status::Ok();
            }));
            std::cout << key.key << "\n";
            return Status::Ok();
        }());
    }
    if (apikey_create->parsed()) {
        if (key_tenant.empty()) return Report(Err(Errc::kInvalidInput, "--tenant is required", "tenant"));
        return Report(CreateKey(c, key_tenant, key_name, key_role));
    }
    if (region_add->parsed()) return Report(AddRegions(c, region_code, admin_email));
    if (region_list->parsed()) return Report(ListRegions(c));
    if (region_disable->parsed()) return Report(DisableRegion(c, region_code, true));
    if (region_enable->parsed()) return Report(DisableRegion(c, region_code, false));
    if (region_export->parsed()) return Report(ExportRegion(c, region_code, move_path));
    if (region_import->parsed()) return Report(ImportRegion(c, move_path));
    if (verify->parsed()) {
        auto s = OpenConfiguredStore(c);
        if (!s) return Report(s.status());
        return Report(VerifyAudit(**s, std::cout));
    }
    if (bank_channel->parsed()) {
        auto secret = [&]() -> Result<std::string> {
            SP_ASSIGN(auto s, OpenMigrated(c));
            SP_ASSIGN(auto key, MasterKey(c));
            const identity::NikVault vault(key);
            std::string out;
            SP_TRY(s->Write([&](store::WriteTx& tx) -> Status {
                SP_ASSIGN(auto t, region::FindTenant(tx, bank_region));
                if (!t) return Err(Errc::kNotFound, "no tenant " + bank_region);
                SP_ASSIGN(out, billing::CreateChannel(tx, store::TenantId(bank_region), bank_name, vault,
                                                      SystemClock().NowMs(), "system:cli"));
                return Status::Ok();
            }));
            return out;
        }();
        if (secret) std::cout << *secret << "\n";
        return Report(secret.status());
    }
    if (bank_pay->parsed() || bank_reverse->parsed()) {
        if (bank_secret.empty()) {
            auto secret = ChannelSecretHex(c, bank_region, bank_name);
            if (!secret) return Report(secret.status());
            bank_secret = *secret;
        }
        // The server this installation runs: its configured listen address, unless --url names another.
        if (bank_url.empty()) bank_url = "http://" + c.listen;
        BankRequest r{bank_url, bank_region, bank_name, bank_secret, bank_kode, bank_amount, bank_txn};
        if (bank_pay->parsed()) return Report(BankPay(r, std::cout));
        return Report(BankReverse(r, bank_reason, std::cout));
    }
    if (rebuild->parsed()) {
        return Report([&]() -> Status {
            SP_ASSIGN(auto s, OpenMigrated(c));
            SP_TRY(s->Write([&](store::WriteTx& tx) -> Status {
                SP_ASSIGN(auto t, region::FindTenant(tx, rebuild_tenant));
                if (!t) return Err(Errc::kNotFound, "no tenant " + rebuild_tenant);
                return cases::RebuildDashboardProjections(tx, store::TenantId(rebuild_tenant));
            }));
            std::cout << "projections of " << rebuild_tenant << " rebuilt\n";
            return Status::Ok();
        }());
    }
    if (backup->parsed()) return Report(Backup(c, backup_out, std::cout));
    if (restore->parsed()) return Report(Restore(c, restore_from, restore_force, std::cout));
    return 0;
}

}  // namespace satupintu::app
