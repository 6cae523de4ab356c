// The synthetic organization `atrium seed` builds for benchmarks: people in
// a management hierarchy, who follows and connects with whom, communities,
// and a year of posts with replies, reposts, likes, mentions and tags. It is
// generated here, above the store, from nothing but the options, so the
// same options give the same organization (every id, every row) on any
// machine; the rows go to a SeedWriter, the store's bulk path.
//
// The shape, with N members:
//  - Hierarchy: member 0 is the chief executive; managers are filled in
//    breadth first with 4 to 12 direct reports each (about 8), which gives
//    about 8 levels at 400,000. Each report of the chief executive heads a
//    division, each manager two levels down a department; a team mostly
//    shares its manager's location. Titles follow the level; expertise tags
//    come from the department's field.
//  - Follows: everyone follows their manager, direct reports and peers,
//    colleagues in their department, a few people elsewhere (drawn from a
//    Zipf distribution over a shuffled order of the organization, so a few
//    people are followed by very many), their division's and department's
//    heads sometimes, and the chief executive with probability 0.3.
//  - Connections: with one's manager (half of the time) and a few peers;
//    they follow each other both ways already.
//  - Communities: N/50 of them (at least 8), sizes Zipf-distributed (the
//    largest a fifth of the organization), 60% public, 25% moderated, 15%
//    restricted; mostly drawn from one department.
//  - Posts: `posts_per_member` on average over the year before `end_ms`,
//    authors weighted by a heavy-tailed activity. About 15% are replies,
//    8% reposts, 12% in a community; of the rest most are public, some
//    unlisted, private or direct. A fifth mention colleagues, a third carry
//    tags. Likes (about 1.2 a post, many more for executives) come from the
//    author's followers or the community. Mentions, replies, likes and
//    reposts notify as the API would.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/seed_writer.h"

namespace atrium::seed {

struct SeedOptions {
  int64_t members = 2000;
  uint64_t seed = 1;
  int posts_per_member = 50;
  // The year of posts ends here (ms since the Unix epoch). A fixed default
  // rather than the current time, so a seed is the same whenever it runs.
  int64_t end_ms = 1735689600000;  // 2025-01-01T00:00:00Z
  // Every member's password hash (one hash, computed once by the caller).
  std::string password_hash;
  // Links in posts (mentions, tags) start with this.
  std::string base_url = "http://127.0.0.1:8080";
  // The id generator's node for seeded rows. Ids are time-ordered like
  // every other id; seeded ones lie in the past of anything a server writes.
  int node = 1;
  // Called now and then: stage name, rows done in it.
  std::function<void(std::string_view stage, int64_t done)> progress;
};

struct SeedReport {
  int64_t accounts = 0;
  int64_t follows = 0;
  int64_t connections = 0;
  int64_t communities = 0;
  int64_t memberships = 0;
  int64_t statuses = 0;
  int64_t replies = 0;
  int64_t reposts = 0;
  int64_t community_posts = 0;
  int64_t mentions = 0;
  int64_t tagged = 0;
  int64_t favourites = 0;
  int64_t notifications = 0;
  int64_t ceo_id = 0;
  int64_t ceo_followers = 0;
  // The member (not the chief executive) whose follower count is nearest
  // to 10,000, or the most followed one if nobody has that many.
  int64_t popular_id = 0;
  int64_t popular_followers = 0;
  int64_t max_level = 0;
  // The largest community (a public one if any of the largest ten is).
  int64_t largest_community_id = 0;
  // FNV-1a over every row generated: equal for equal options.
  uint64_t digest = 0;
};

// Generates the organization and writes it through `writer`, then Finish
// (with `verify`: reference checks). The writer's store must be empty.
Result<SeedReport> SeedOrganization(SeedWriter& writer, const SeedOptions& options, bool verify);

}  // namespace atrium::seed
