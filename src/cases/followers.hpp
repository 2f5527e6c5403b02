// Citizens who follow a case besides its reporter: "saya juga mengalami ini" (the same problem
// hits them too: counted on the public page) or only its updates. Followers get the status emails
// the reporter gets. A follow appends an event, so public answers and walls move with it.
#pragma once

#include <string>
#include <vector>

#include "cases/cases.hpp"
#include "cases/records.hpp"
#include "identity/users.hpp"

namespace satupintu::cases {

struct Following {
    bool following = false;      // this person follows the case
    bool affected = false;       // ...and has said the problem hits them too
    int64_t affected_count = 0;  // everyone who said so
};

// Follows (or, with `affected`, joins as affected; never undone by a later plain follow).
Status Follow(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c, const Actor& citizen,
              bool affected);
Status Unfollow(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c,
                const Actor& citizen);
// What `user_id` (may be empty) sees of a case's followers.
Result<Following> FollowingOf(store::ReadTx& tx, const store::TenantId& tenant, const std::string& case_id,
                              const std::string& user_id);
// The enabled followers' email addresses and languages, for the status emails.
Result<std::vector<identity::Mailbox>> FollowerMailboxes(store::ReadTx& tx, const store::TenantId& tenant,
                                                         const std::string& case_id);

}  // namespace satupintu::cases
