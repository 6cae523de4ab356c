// The SQLite bulk loader behind Store::OpenSeedWriter (see store/seed_writer.h).
#pragma once

#include <memory>
#include <string>

#include "store/seed_writer.h"

namespace atrium::sqlite {

// Opens the SQLite file at `path` (migrated, no other connection open) for
// a bulk load. kConflict if it holds any account.
Result<std::unique_ptr<SeedWriter>> OpenSqliteSeedWriter(const std::string& path);

// The stored forms of a community's tags and of its search text, written
// as SqliteCommunityStore::Create writes them (sqlite_community_store.cc).
std::string CommunityTagsColumn(const CommunityRecord& c);
std::string CommunitySearchText(const CommunityRecord& c);

}  // namespace atrium::sqlite
