// TagService: a member's hashtags — reading one (with whether they follow
// and feature it, and its week as they may count it), following it (its
// public posts then reach their home stream: FanOutService::BelongsInHome),
// and featuring it on their profile.
//
// Names are taken as written, with or without '#', and must be one hashtag
// as a post would hold it (422 otherwise); they are kept normalized.
//
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "social/social_core.h"
#include "social/trends_service.h"

namespace atrium {

struct TagView {
  std::string name;
  bool following = false;
  bool featuring = false;
  std::vector<DayCount> history;
};

class TagService {
 public:
  // How many tags a member may feature (as the instance document says).
  static constexpr int kMaxFeatured = 10;

  TagService(SocialCore& core, TrendsService& trends) : core_(core), trends_(trends) {}
  TagService(const TagService&) = delete;
  TagService& operator=(const TagService&) = delete;

  // The normalized name of `raw` ("#Name" or "Name"); 422 unless it is one
  // hashtag.
  static Result<std::string> ParseName(std::string_view raw);

  Result<TagView> Get(const Viewer& viewer, std::string_view raw);
  // Follow and unfollow are idempotent; each answers the tag as it is now.
  Result<TagView> Follow(const Viewer& viewer, std::string_view raw);
  Result<TagView> Unfollow(const Viewer& viewer, std::string_view raw);
  // The tags the viewer follows, newest follow first, paged by the follow.
  Result<std::vector<TagMarkRecord>> Followed(const Viewer& viewer, const PageRequest& page);
  // The viewer's week of each of `names` and whether they feature them, for
  // a list of followed tags.
  Result<std::vector<TagView>> Views(const Viewer& viewer, const std::vector<std::string>& names);

  // Features a tag (422 if it is featured already or kMaxFeatured are).
  Result<FeaturedTagRecord> Feature(const Viewer& viewer, std::string_view raw);
  // POST /tags/:name/feature: as Feature, but featuring one already
  // featured is no error.
  Result<TagView> FeatureTag(const Viewer& viewer, std::string_view raw);
  Result<TagView> UnfeatureTag(const Viewer& viewer, std::string_view raw);
  // Removes the featured tag `id` of the viewer's; 404 if they have none such.
  Status Unfeature(const Viewer& viewer, int64_t id);
  Result<std::vector<FeaturedTagRecord>> Featured(int64_t account_id);
  // The tags `account_id` features, as `viewer` is shown them: none on
  // either side of a block (what a person features is theirs, like their
  // profile items) or of a deactivated person; 404 for an unknown account.
  Result<std::vector<FeaturedTagRecord>> FeaturedBy(const Viewer& viewer, int64_t account_id);
  // The tags the viewer used most and does not feature yet.
  Result<std::vector<TagView>> Suggestions(const Viewer& viewer);

 private:
  Result<TagView> ViewOf(const Viewer& viewer, const std::string& name);
  // After the viewer's followed tags changed: their graph entry and home feed
  // are rebuilt on the next read (on every node).
  void FollowsChanged(int64_t account_id);

  SocialCore& core_;
  TrendsService& trends_;
};

}  // namespace atrium
