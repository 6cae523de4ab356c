// Row writers: the INSERT of each kind of row, written once and used by the
// store and by the SQLite bulk loader (sqlite_seed_writer.cc), so that a
// column a migration adds is written by both or by neither. Each runs on the
// Connection of the caller's transaction and throws DbError.
#pragma once

#include <cstdint>

#include "store/community_records.h"
#include "store/records.h"
#include "store/social_records.h"
#include "store/sql/database.h"

namespace atrium::sql {

// Inserts an account with every column of `a` (its id already set).
void InsertAccountRow(Connection& c, const Account& a);
// Inserts the statuses row of `st` alone: no mentions, tags or counters.
void InsertStatusRow(Connection& c, const StatusRecord& st);
// Inserts `n` unless its account_id is 0 (no one to notify).
void InsertNotification(Connection& c, const NotificationRecord& n);
// Removes the notifications of `type` that `from_account_id` caused for
// `account_id` (e.g. a follow request that was answered).
void DeleteNotifications(Connection& c, int64_t account_id, int64_t from_account_id,
                         const char* type);
// Inserts a community with members_count 0 (the store recounts it).
void InsertCommunityRow(Connection& c, const CommunityRecord& r);
// Inserts a membership row (member, invitation or request).
void InsertMemberRow(Connection& c, const CommunityMemberRecord& m);
// Inserts account_id -> target_id unless that follow exists; true if new.
bool InsertFollow(Connection& c, int64_t id, int64_t account_id, int64_t target_id,
                  bool show_reblogs, bool notify, int64_t now);

}  // namespace atrium::sql
