// A person's copy of everything the platform holds about them (UU 27/2022 on personal data: the
// rights to access and to obtain a copy in a common machine-readable format).
//
// The account (with the person's own whole NIK), every case they filed (complaints and
// applications) with its answers, the timeline as they see it when tracking, their rating and
// survey answers; the files they uploaded; the documents issued to them; their sessions; the
// emails sent to their address; and the acts of theirs the audit log records. Nothing of anyone
// else's: officers appear by role, as on the tracking page, and an office's internal notes on a
// case are the office's record, not the person's data.
#pragma once

#include <string>

#include "core/json.hpp"
#include "identity/nik_vault.hpp"
#include "store/store.hpp"

namespace satupintu::privacy {

// The export of `user_id` in `tenant`, as of the transaction's snapshot; `tz` for the times.
// kNotFound when there is no such user.
Result<json::object> ExportPersonalData(store::ReadTx& tx, const store::TenantId& tenant,
                                        const identity::NikVault& vault, const std::string& user_id, int64_t now_ms,
                                        int tz);

// Records in the audit log that `user_id` took a copy of their data.
Status RecordExport(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id, int64_t now_ms);

}  // namespace satupintu::privacy
