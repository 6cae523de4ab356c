#include "social/tag_service.h"

#include <algorithm>

#include "base/clock.h"
#include "base/status_text.h"
#include "base/text.h"

namespace atrium {

Result<std::string> TagService::ParseName(std::string_view raw) {
  std::string_view name = raw;
  if (!name.empty() && name.front() == '#') name.remove_prefix(1);
  const std::string text = "#" + std::string(name);
  if (name.empty() || name.size() > 256 || !IsValidUtf8(text))
    return Status::Unprocessable("Validation failed: Name is not a valid hashtag");
  ParsedText parsed = ParseStatusText(text);
  if (parsed.hashtags.size() != 1 || parsed.hashtags[0].span.begin != 0 ||
      parsed.hashtags[0].span.end != text.size())
    return Status::Unprocessable("Validation failed: Name is not a valid hashtag");
  return NormalizeHashtag(name);
}

Result<TagView> TagService::ViewOf(const Viewer& viewer, const std::string& name) {
  auto views = Views(viewer, {name});
  if (!views.ok()) return views.status();
  return std::move(views->front());
}

Result<std::vector<TagView>> TagService::Views(const Viewer& viewer,
                                               const std::vector<std::string>& names) {
  auto featured = core_.store.tags().Featured(viewer.account_id);
  if (!featured.ok()) return featured.status();
  std::vector<TagView> out;
  for (const auto& name : names) {
    TagView v;
    v.name = name;
    v.following = viewer.graph->FollowsAnyTag({name});
    v.featuring = std::any_of(featured->begin(), featured->end(),
                              [&](const FeaturedTagRecord& f) { return f.tag.name == name; });
    auto history = trends_.TagHistory(viewer, name);
    if (!history.ok()) return history.status();
    v.history = std::move(history).value();
    out.push_back(std::move(v));
  }
  return out;
}

Result<TagView> TagService::Get(const Viewer& viewer, std::string_view raw) {
  auto name = ParseName(raw);
  if (!name.ok()) return name.status();
  return ViewOf(viewer, *name);
}

void TagService::FollowsChanged(int64_t account_id) {
  core_.graph.Invalidate(account_id);
  core_.feeds.Evict(HomeFeedKey(account_id));
}

Result<TagView> TagService::Follow(const Viewer& viewer, std::string_view raw) {
  auto name = ParseName(raw);
  if (!name.ok()) return name.status();
  auto added = core_.store.tags().Follow(core_.ids.Next(), viewer.account_id, *name, NowMillis());
  if (!added.ok()) return added.status();
  if (*added) FollowsChanged(viewer.account_id);
  auto now = core_.ViewerFor(viewer.account_id);
  if (!now.ok()) return now.status();
  return ViewOf(*now, *name);
}

Result<TagView> TagService::Unfollow(const Viewer& viewer, std::string_view raw) {
  auto name = ParseName(raw);
  if (!name.ok()) return name.status();
  auto removed = core_.store.tags().Unfollow(viewer.account_id, *name);
  if (!removed.ok()) return removed.status();
  if (*removed) FollowsChanged(viewer.account_id);
  auto now = core_.ViewerFor(viewer.account_id);
  if (!now.ok()) return now.status();
  return ViewOf(*now, *name);
}

Result<std::vector<TagMarkRecord>> TagService::Followed(const Viewer& viewer,
                                                        const PageRequest& page) {
  return core_.store.tags().FollowedPage(viewer.account_id, page);
}

Result<FeaturedTagRecord> TagService::Feature(const Viewer& viewer, std::string_view raw) {
  auto name = ParseName(raw);
  if (!name.ok()) return name.status();
  auto featured = core_.store.tags().Featured(viewer.account_id);
  if (!featured.ok()) return featured.status();
  for (const auto& f : *featured)
    if (f.tag.name == *name)
      return Status::Unprocessable("Validation failed: Tag has already been taken");
  if (static_cast<int>(featured->size()) >= kMaxFeatured)
    return Status::Unprocessable("Validation failed: You cannot feature more than 10 hashtags");
  Status s = core_.store.tags().Feature(core_.ids.Next(), viewer.account_id, *name, NowMillis());
  if (s.code() == Code::kConflict)
    return Status::Unprocessable("Validation failed: Tag has already been taken");
  if (!s.ok()) return s;
  featured = core_.store.tags().Featured(viewer.account_id);
  if (!featured.ok()) return featured.status();
  for (auto& f : *featured)
    if (f.tag.name == *name) return std::move(f);
  return Status::NotFound();
}

Result<TagView> TagService::FeatureTag(const Viewer& viewer, std::string_view raw) {
  auto name = ParseName(raw);
  if (!name.ok()) return name.status();
  auto view = ViewOf(viewer, *name);
  if (!view.ok() || view->featuring) return view;
  auto featured = Feature(viewer, *name);
  if (!featured.ok()) return featured.status();
  return ViewOf(viewer, *name);
}

Result<TagView> TagService::UnfeatureTag(const Viewer& viewer, std::string_view raw) {
  auto name = ParseName(raw);
  if (!name.ok()) return name.status();
  Status s = core_.store.tags().Unfeature(viewer.account_id, 0, *name);
  if (!s.ok() && s.code() != Code::kNotFound) return s;
  return ViewOf(viewer, *name);
}

Status TagService::Unfeature(const Viewer& viewer, int64_t id) {
  return core_.store.tags().Unfeature(viewer.account_id, id, "");
}

Result<std::vector<FeaturedTagRecord>> TagService::Featured(int64_t account_id) {
  return core_.store.tags().Featured(account_id);
}

Result<std::vector<FeaturedTagRecord>> TagService::FeaturedBy(const Viewer& viewer,
                                                              int64_t account_id) {
  auto account = core_.accounts.Get(account_id);
  if (!account.ok()) return account.status();
  if (!(*account)->account.active || !VisibilityPolicy::CanSeeAccount(viewer, account_id))
    return std::vector<FeaturedTagRecord>{};
  return Featured(account_id);
}

Result<std::vector<TagView>> TagService::Suggestions(const Viewer& viewer) {
  auto names = core_.store.tags().FeatureSuggestions(viewer.account_id, kMaxFeatured);
  if (!names.ok()) return names.status();
  return Views(viewer, *names);
}

}  // namespace atrium
