// Records of the directory and profiles: what people add to their profile
// (links, expertise), endorsements, provisioning tokens and groups.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace atrium {

// A link or other name/value item on a profile (Mastodon's `fields`).
struct ProfileField {
  std::string name;
  std::string value;
};

// One expertise tag of a person, with how many colleagues endorse it.
struct ExpertiseRecord {
  std::string tag;  // normalized like a hashtag
  int64_t endorsements = 0;
};

// A person found for "who knows about X": their id and the endorsements of
// that tag.
struct ExpertRecord {
  int64_t account_id = 0;
  int64_t endorsements = 0;
};

// A SCIM provisioning token. Only the hash of the secret is stored.
struct ScimTokenRecord {
  int64_t id = 0;
  std::string token_hash;
  std::string description;
  int64_t created_at = 0;
  int64_t revoked_at = 0;
};

struct GroupRecord {
  int64_t id = 0;
  std::string display_name;
  std::string external_id;
  std::vector<int64_t> member_ids;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// People search: every non-empty field must match (prefix, case-insensitive;
// `name` matches username, display name or a word of it).
// How a directory search is ordered.
enum class PeopleOrder {
  kName,    // by display name (Atrium's directory)
  kActive,  // most recently posted first, people who never posted last (Mastodon's "active")
  kNew,     // newest accounts first (Mastodon's "new")
};

struct PeopleQuery {
  std::string name;
  std::string title;
  std::string department;
  std::string location;
  std::string expertise;  // a normalized tag, prefix
  int limit = 20;
  int offset = 0;
  PeopleOrder order = PeopleOrder::kName;
};

}  // namespace atrium
