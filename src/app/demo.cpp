#include "app/demo.hpp"

#include "platform/onboard.hpp"

#include "billing/billing.hpp"
#include "cases/cases.hpp"
#include "catalog/services.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "documents/documents.hpp"
#include "documents/render.hpp"
#include "files/attachments.hpp"
#include "identity/password.hpp"
#include "identity/users.hpp"
#include "permits/permits.hpp"
#include "region/calendar.hpp"
#include "region/geo.hpp"
#include "region/opds.hpp"
#include "region/wilayah.hpp"

namespace satupintu::app {

using platform::Onboarded;
using platform::OnboardOptions;
using platform::OnboardRegions;

namespace {

struct StaffSeed {
    const char* role;
    const char* local;     // email local part
    const char* opd_code;  // nullptr: region-wide
    const char* name;
};

// Names are invented; they belong to nobody.
constexpr StaffSeed kStaff[] = {
    {"admin", "admin", "DISKOMINFO", "Admin Demo"},
    {"opd_head", "kepala.pupr", "PUPR", "Kepala Dinas PUPR (Demo)"},
    {"officer", "petugas.pupr", "PUPR", "Petugas PUPR (Demo)"},
    {"verifier", "verifikator", "DPMPTSP", "Verifikator DPMPTSP (Demo)"},
    {"auditor", "auditor", "INSPEKTORAT", "Auditor Inspektorat (Demo)"},
    {"lab_reviewer", "lab", "BAPPEDA", "Penilai Lab Inovasi (Demo)"},
    {"executive", "pimpinan", nullptr, "Pimpinan Daerah (Demo)"},
    {"opd_head", "kepala.kesbangpol", "KESBANGPOL", "Kepala Badan Kesbangpol (Demo)"},
    {"opd_head", "kepala.dpmptsp", "DPMPTSP", "Kepala DPMPTSP (Demo)"},
    {"officer", "petugas.dpmptsp", "DPMPTSP", "Petugas DPMPTSP (Demo)"},
    {"officer", "petugas.dinkes", "DINKES", "Petugas Dinas Kesehatan (Demo)"},
    {"officer", "ppdp", "DISKOMINFO", "Pejabat Pelindungan Data Pribadi (Demo)"},
    {"opd_head", "kepala.bapenda", "BAPENDA", "Kepala Bapenda (Demo)"},
};

// The simulated bank's channel in the demo (its secret is read by `satupintu bank pay`).
constexpr const char* kDemoBank = "BANKSIM";

}  // namespace

Status EnsureWilayah(store::Store& store, const std::string& share_dir, std::ostream& out) {
    bool have = false;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto r, region::FindRegion(tx, "11"));
        have = r.has_value();
        return Status::Ok();
    }));
    if (have) return Status::Ok();
    SP_ASSIGN(auto counts, region::ImportWilayah(store, share_dir + "/wilayah"));
    out << "wilayah imported: " << counts.provinces << " provinces, " << counts.regencies << " regencies, "
        << counts.districts << " districts, " << counts.villages << " villages\n";
    return Status::Ok();
}

Status SeedRegion(store::Store& store, const identity::NikVault& vault, const Clock& clock,
                  const std::string& share_dir, const std::string& code, const std::string& slug, std::ostream& out) {
    // The region as any region is onboarded, without an admin of its own: the demo's staff follow.
    SP_ASSIGN(const auto geo, region::KecamatanMap::Load(share_dir + "/geo"));
    SP_ASSIGN(const auto onboarded, OnboardRegions(store, vault, clock, share_dir, geo, code,
                                                   OnboardOptions{std::nullopt, "", "system:demo"}));
    const Onboarded& r = onboarded.front();
    const store::TenantId tenant(code);
    const std::string actor = "system:demo";
    // Hash once, outside the writer: Argon2id is slow by design.
    SP_ASSIGN(const std::string hash, identity::HashPassword(kDemoPassword));
    int created_users = 0;
    SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
        created_users = 0;
        const int64_t now = clock.NowMs();
        SP_ASSIGN(const bool have_bank, billing::HasChannel(tx, tenant, kDemoBank));
        if (!have_bank) SP_TRY(billing::CreateChannel(tx, tenant, kDemoBank, vault, now, actor).status());
        for (const auto& s : kStaff) {
            const std::string email = std::string(s.local) + "@" + slug + ".satupintu.test";
            SP_ASSIGN(auto existing, identity::FindLogin(tx, tenant, email));
            if (existing) continue;
            identity::NewUser u{s.role, std::nullopt, email, std::nullopt, s.name, std::nullopt};
            if (s.opd_code) {
                SP_ASSIGN(auto opd, region::GetOpdByCode(tx, tenant, s.opd_code));
                u.opd_id = opd->id;
            }
            SP_TRY(identity::ValidateNewUser(u, CivilDate(now, 420)));
            SP_TRY(identity::CreateUser(tx, tenant, u, hash, vault, now, actor));
            ++created_users;
        }
        // One citizen, with a generated NIK: district of issue 36.04.05, a woman born
        // 1990-01-15 (day + 40), serial 9001. It passes validation and belongs to nobody.
        const std::string citizen = "warga@" + slug + ".satupintu.test";
        SP_ASSIGN(auto existing, identity::FindLogin(tx, tenant, citizen));
        if (!existing) {
            identity::NewUser u{"citizen",    std::nullopt,
                                citizen,      "0812-0000-0001",
                                "Warga Demo", code.substr(0, 2) + code.substr(3, 2) + "05" + "550190" + "9001"};
            SP_TRY(identity::ValidateNewUser(u, CivilDate(now, 420)));
            SP_TRY(identity::CreateUser(tx, tenant, u, hash, vault, now, actor));
            ++created_users;
        }
        return Status::Ok();
    }));
    out << r.name << " (" << code << "): " << r.kecamatan << " kecamatan, " << r.opds << " OPDs (" << r.opd_template
        << "), " << r.categories << " complaint categories, " << r.permits << " permit services, " << r.classes
        << " other case classes and " << created_users << " accounts created\n";
    return Status::Ok();
}

// Sample complaints over the last six weeks, in every state, so that a newcomer sees a living
// region. Filed and moved through the case engine like real ones; skipped when the region has
// cases already.
static Status SeedSampleComplaints(store::Store& store, const Clock& clock, const std::string& share_dir,
                                   const std::string& code, std::ostream& out) {
    static constexpr const char* kTexts[] = {
        "Jalan di depan sekolah berlubang besar, sudah dua minggu, motor sering jatuh saat hujan.",
        "Sampah di TPS dekat pasar tidak diangkut seminggu, bau menyengat sampai ke rumah warga.",
        "Lampu penerangan jalan mati tiga tiang berturut-turut, jalan gelap dan rawan kejahatan.",
        "Saluran air tersumbat, setiap hujan deras air meluap ke jalan dan masuk ke rumah.",
        "Antrean di puskesmas sangat lama, pasien lansia menunggu lebih dari tiga jam.",
        "Pengurusan KTP-el sudah dua bulan belum jadi, mohon kejelasan jadwal pencetakan.",
        "Diminta uang tambahan oleh oknum saat mengurus surat pengantar, tanpa tanda terima.",
        "Jembatan kayu penghubung dua kampung lapuk, papan lantainya banyak yang patah.",
        "Pedagang berjualan di trotoar sehingga pejalan kaki terpaksa berjalan di badan jalan.",
        "Pohon besar di pinggir jalan miring dan hampir tumbang, membahayakan pengendara.",
        "Limbah cair dari pabrik dibuang ke sungai, air berubah warna dan ikan mati.",
        "Bantuan sosial tidak sampai ke keluarga yang berhak, data penerima perlu diperbaiki."};
    const store::TenantId tenant(code);
    std::vector<catalog::Service> services;
    std::vector<region::Region> kecamatan;
    std::optional<region::WorkingDayCalendar> cal;
    bool has_cases = false;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kAny{"SELECT 1 FROM cases WHERE tenant = $1 LIMIT 1"};
        SP_ASSIGN(auto any, tx.QueryOne(kAny, tenant));
        has_cases = any.has_value();
        SP_ASSIGN(services, catalog::ListServices(tx, tenant, "complaint"));
        SP_ASSIGN(kecamatan, region::Children(tx, code));
        SP_ASSIGN(auto c, region::LoadCalendar(tx, tenant));
        cal.emplace(std::move(c));
        return Status::Ok();
    }));
    if (has_cases || services.empty() || kecamatan.empty()) return Status::Ok();
    SP_ASSIGN(auto geo, region::KecamatanMap::Load(share_dir + "/geo"));
    std::string citizen_id;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto login, identity::FindLogin(tx, tenant, "warga@serang.satupintu.test"));
        if (login) citizen_id = login->id;
        return Status::Ok();
    }));
    const cases::Actor citizen{"user:" + citizen_id, "citizen", citizen_id, std::nullopt, false};
    const cases::Actor staff{"system:demo", "admin", "system:demo", std::nullopt, false};
    constexpr int kCount = 48;
    const int64_t now = clock.NowMs();
    int filed = 0;
    SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
        filed = 0;
        for (int i = 0; i < kCount; ++i) {
            const auto& s = services[(i * 5) % services.size()];
            const int64_t at = now - int64_t{42 - i * 42 / kCount} * 86400000 - int64_t{i % 7} * 3600000;
            const cases::Env env{*cal, geo, 420, at};
            cases::NewComplaint in;
            in.service_code = s.code;
            in.description = kTexts[i % std::size(kTexts)];
            in.kecamatan_code = kecamatan[(i * 7) % kecamatan.size()].code;
            // A point near the kecamatan's centre, kept only where it falls inside it.
            if (auto centre = geo.Centre(*in.kecamatan_code)) {
                const region::GeoPoint p{centre->lat + ((i * 37) % 11 - 5) * 0.001,
                                         centre->lng + ((i * 53) % 11 - 5) * 0.001};
                if (geo.Locate(code, p) == in.kecamatan_code) in.point = p;
            }
            in.reporter_id = citizen_id.empty() ? std::nullopt : std::optional<std::string>(citizen_id);
            in.rahasia = s.code == "PUNGLI" && i % 2 == 0;
            in.anonymous = i % 9 == 4;
            for (const auto& a : s.attributes) {
                if (a.required) in.attributes[a.code] = a.values.empty() ? "1" : a.values.front().key;
            }
            SP_ASSIGN(auto c, cases::FileComplaint(tx, tenant, in, env, citizen));
            ++filed;
            const cases::Env later{*cal, geo, 420, at + 86400000};
            auto step = [&](const char* name, const char* note, std::optional<std::string> reason = {}) -> Status {
                cases::Action a;
                a.name = name;
                a.note = note;
                a.reason = std::move(reason);
                return cases::Act(tx, tenant, c.number, a, later, staff).status();
            };
            switch (i % 5) {
                case 0:
                    break;  // still waiting for verification (the oldest are overdue)
                case 1:
                    SP_TRY(step("verify", ""));
                    SP_TRY(step("forward", "Mohon ditindaklanjuti sesuai kewenangan."));
                    break;
                case 2:
                    SP_TRY(step("forward", "Mohon segera ditinjau."));
                    SP_TRY(step("start", ""));
                    break;
                case 3:
                    SP_TRY(step("forward", ""));
                    if (!s.proof_required) {
                        SP_TRY(step("follow_up", "Sudah ditinjau dan ditangani oleh tim lapangan."));
                        SP_TRY(step("resolve", "Selesai ditangani."));
                    }
                    break;
                case 4:
                    SP_TRY(step("reject", "Mohon lengkapi lokasi dan foto.", "tidak_lengkap"));
                    break;
            }
        }
        return Status::Ok();
    }));
    out << filed << " sample complaints filed\n";
    return Status::Ok();
}

// Sample research-letter applications over the last six weeks, in every state (waiting for the
// verifier, waiting for Kesbangpol's head, returned for correction, issued and signed), each with
// three generated PDF "scans" marked as samples, so that the wall, the portal and the measured
// completion times show applications from the start. Through the permit engine like real ones;
// skipped when the region has applications already.
static Status SeedSampleApplications(store::Store& store, const identity::NikVault& vault, const Clock& clock,
                                     const files::FileStore& files, const std::string& public_url,
                                     const std::string& code, std::ostream& out) {
    struct Researcher {
        const char* name;
        const char* nik;  // passes validation (region 36.04, a real date), belongs to nobody
        const char* institution;
        const char* title;
    };
    static constexpr Researcher kResearchers[] = {
        {"Dewi Lestari Putri", "3604054107980003", "Universitas Sultan Ageng Tirtayasa",
         "Kepuasan warga terhadap layanan puskesmas"},
        {"Ahmad Fauzi Rahman", "3604011203970004", "Universitas Uji Coba", "Pengelolaan sampah pasar tradisional"},
        {"Siti Nurhaliza Sari", "3604025508990002", "Politeknik Contoh Banten", "Waktu tunggu pembuatan KTP-el"},
        {"Budi Santoso Wijaya", "3604030301960001", "Lembaga Kajian Desa", "Partisipasi warga dalam musrenbang desa"},
        {"Rina Marlina Dewi", "3604046802950005", "Universitas Uji Coba", "Drainase dan genangan di kawasan industri"},
        {"Yusuf Hidayat Pratama", "3604062410980006", "Sekolah Tinggi Contoh", "Pemanfaatan dana desa untuk jalan"}};
    const store::TenantId tenant(code);
    bool has_applications = false;
    std::optional<region::WorkingDayCalendar> cal;
    std::vector<region::Region> kecamatan;
    cases::Actor citizen, verifier, head;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kAny{
            "SELECT 1 FROM cases c JOIN services s ON s.tenant = c.tenant AND s.id = c.service_id"
            " WHERE c.tenant = $1 AND s.kind = 'permit' LIMIT 1"};
        SP_ASSIGN(auto any, tx.QueryOne(kAny, tenant));
        has_applications = any.has_value();
        SP_ASSIGN(auto c, region::LoadCalendar(tx, tenant));
        cal.emplace(std::move(c));
        SP_ASSIGN(kecamatan, region::Children(tx, code));
        const auto actor = [&](const std::string& login, cases::Actor& a) -> Status {
            SP_ASSIGN(auto found, identity::FindLogin(tx, tenant, login + "@serang.satupintu.test"));
            if (!found) return Status::Ok();
            SP_ASSIGN(auto user, identity::GetUser(tx, tenant, vault, found->id));
            a = {"user:" + found->id, found->role, found->id, user ? user->opd_id : std::nullopt, false};
            return Status::Ok();
        };
        SP_TRY(actor("warga", citizen));
        SP_TRY(actor("verifikator", verifier));
        return actor("kepala.kesbangpol", head);
    }));
    if (has_applications || citizen.id.empty() || verifier.id.empty() || head.id.empty() || kecamatan.empty())
        return Status::Ok();
    static constexpr files::UploadQuota kSeeding{100, 10000, int64_t{1} << 30};
    constexpr int kCount = 12;
    constexpr int64_t kDay = 86400000;
    const int64_t now = clock.NowMs();
    int made = 0, issued = 0;
    for (int i = 0; i < kCount; ++i) {
        const Researcher& r = kResearchers[i % std::size(kResearchers)];
        // Every three days over six weeks; the last three so that the command center's counts of
        // today are not empty: one issued this morning, one filed two hours ago.
        int64_t at = now - int64_t{40 - i * 3} * kDay - int64_t{i % 5} * 3600000;
        if (i == kCount - 3) at = now - 2 * kDay - 2 * 3600000;
        if (i == kCount - 1) at = now - 2 * 3600000;
        // The papers, as PDFs that say what they are.
        json::object documents;
        for (const auto& [doc, title] : {std::pair{"ktp", "KTP pemohon"}, std::pair{"pengantar", "Surat pengantar"},
                                         std::pair{"proposal", "Proposal penelitian"}}) {
            SP_ASSIGN(auto pdf,
                      documents::PlainPage(
                          std::string(title) + " - CONTOH DATA DEMO",
                          {std::string("Nama: ") + r.name, std::string("Lembaga: ") + r.institution,
                           std::string("Judul: ") + r.title, "Dokumen contoh SatuPintu, bukan dokumen asli."}));
            SP_ASSIGN(auto a, files::Upload(store, files, tenant, pdf, citizen.id, at, kSeeding));
            documents[doc] = a.id;
        }
        const std::string start = FormatDate(*ParseDate(CivilDate(at, 420)) + std::chrono::days{14});
        const std::string end = FormatDate(*ParseDate(start) + std::chrono::days{60 + i * 5});
        permits::Submission sub;
        sub.answers = {{"nama", r.name},
                       {"nik", r.nik},
                       {"lembaga", r.institution},
                       {"judul", r.title},
                       {"lokasi", {{"kecamatan", kecamatan[(i * 5) % kecamatan.size()].code}}},
                       {"mulai", start},
                       {"selesai", end}};
        sub.documents = std::move(documents);
        // Most older applications were issued (some returned for correction); of the newest, one
        // is issued today, one waits for Kesbangpol's head and one for the verifier.
        // 1: verified, 2: issued, 3: returned.
        const int state = i == kCount - 1 ? 0 : i == kCount - 2 ? 1 : i == kCount - 3 ? 2 : i % 3 == 2 ? 3 : 2;
        std::optional<std::string> document_id;
        int64_t signed_at = at;
        SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
            const permits::Env filed{*cal, vault, public_url, 420, at};
            SP_ASSIGN(auto c, permits::Apply(tx, tenant, "REKOM-PENELITIAN", sub, filed, citizen));
            const auto decide = [&](const char* action, const char* note, const cases::Actor& who,
                                    int64_t when) -> Result<permits::StepResult> {
                const permits::Env env{*cal, vault, public_url, 420, when};
                return permits::Decide(tx, tenant, c.number, {action, note}, env, who);
            };
            if (state == 1 || state == 2) SP_TRY(decide("approve", "", verifier, at + kDay).status());
            if (state == 2) {
                signed_at = at + 2 * kDay;
                SP_ASSIGN(auto done, decide("approve", "", head, signed_at));
                document_id = done.document_id;
            }
            if (state == 3) {
                SP_TRY(decide("return", "Surat pengantar belum ditandatangani pimpinan lembaga.", verifier, at + kDay)
                           .status());
            }
            return Status::Ok();
        }));
        ++made;
        if (document_id) {
            SP_TRY(documents::SignedFileOf(store, files, vault, tenant, *document_id, signed_at).status());
            ++issued;
        }
    }
    out << made << " sample applications (" << issued << " letters issued)\n";
    return Status::Ok();
}

Status SeedDemo(store::Store& store, const identity::NikVault& vault, const Clock& clock, const std::string& share_dir,
                const files::FileStore& files, const std::string& public_url, std::ostream& out) {
    SP_TRY(EnsureWilayah(store, share_dir, out));
    SP_TRY(SeedRegion(store, vault, clock, share_dir, kDemoTenant, "serang", out));
    SP_TRY(SeedSampleComplaints(store, clock, share_dir, kDemoTenant, out));
    SP_TRY(SeedSampleApplications(store, vault, clock, files, public_url, kDemoTenant, out));
    out << "demo accounts (password " << kDemoPassword << "):\n";
    for (const auto& s : kStaff) out << "  " << s.role << ": " << s.local << "@serang.satupintu.test\n";
    out << "  citizen: warga@serang.satupintu.test\n";
    return Status::Ok();
}

}  // namespace satupintu::app
