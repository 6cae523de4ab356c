// The directory on either backend: work contact fields (columns of
// `accounts`), profile fields, expertise and endorsements, groups and SCIM
// tokens (interface and contracts in store/store.h). Each write runs in one
// Database::Write transaction; multi-statement reads in one read
// transaction. Safe for concurrent use from many threads.
//
// Choices where the interface leaves room:
// - Matching is case-insensitive (SQLite's LIKE and NOCASE fold ASCII
//   letters only; PostgreSQL's ILIKE and lower() fold by the database's
//   locale); "a word of" a field means the text after a space.
// - SearchPeople orders by display name (case-insensitively), then id.
//   Because a word inside a field matches too, name, title, department and
//   location are checked while scanning the active accounts in display-name
//   order (stopping at the page's end), which is fine at an organization's
//   size; an expertise filter starts from the tag index instead.
// - Writes naming an account or member that does not exist fail with
//   kConflict (a foreign key); SetExpertise and SetFields check the account
//   first and return kNotFound.
// - Endorsement counts include every endorser, active or not.
// - A group's members come back in account id order; duplicates given to
//   CreateGroup or UpdateGroup are kept once.
#pragma once

#include "store/store.h"

namespace atrium::sql {

class Database;

class SqlDirectoryStore : public DirectoryStore {
 public:
  explicit SqlDirectoryStore(Database& db) : db_(db) {}

  Result<Account> FindByExternalId(std::string_view external_id) override;
  Result<std::vector<int64_t>> DirectReports(int64_t manager_id) override;
  Result<std::vector<Account>> SearchPeople(const PeopleQuery& query) override;

  Result<std::vector<ExpertiseRecord>> Expertise(int64_t account_id) override;
  Status SetExpertise(int64_t account_id, const std::vector<std::string>& tags) override;
  Result<std::vector<ProfileField>> Fields(int64_t account_id) override;
  Status SetFields(int64_t account_id, const std::vector<ProfileField>& fields) override;
  Result<bool> Endorse(int64_t endorser_id, int64_t account_id, const std::string& tag,
                       int64_t now) override;
  Result<bool> Unendorse(int64_t endorser_id, int64_t account_id, const std::string& tag) override;
  Result<std::vector<int64_t>> Endorsers(int64_t account_id, const std::string& tag) override;
  Result<std::vector<ExpertRecord>> WhoKnows(const std::string& tag, int limit,
                                             int offset) override;

  Status CreateScimToken(const ScimTokenRecord& token) override;
  Result<ScimTokenRecord> FindScimToken(std::string_view token_hash) override;
  Result<std::vector<ScimTokenRecord>> ScimTokens() override;
  Status RevokeScimToken(int64_t id, int64_t now) override;

  Status CreateGroup(const GroupRecord& group) override;
  Result<GroupRecord> GetGroup(int64_t id) override;
  Result<std::vector<GroupRecord>> Groups(std::string_view display_name, int limit,
                                          int offset) override;
  Result<int64_t> CountGroups(std::string_view display_name) override;
  Status UpdateGroup(const GroupRecord& group) override;
  Status DeleteGroup(int64_t id) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
