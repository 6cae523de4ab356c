#include "social/blog_feed_service.h"

#include "base/clock.h"
#include "base/crypto.h"

namespace atrium {

Result<IssuedFeedToken> BlogFeedService::IssueToken(int64_t account_id) {
  IssuedFeedToken out;
  out.secret = RandomToken(32);
  out.record.account_id = account_id;
  out.record.token_hash = Sha256Hex(out.secret);
  out.record.created_at = NowMillis();
  if (Status s = core_.store.auth().SetFeedToken(out.record); !s.ok()) return s;
  return out;
}

Result<FeedTokenRecord> BlogFeedService::TokenOf(int64_t account_id) {
  return core_.store.auth().FeedTokenOf(account_id);
}

Status BlogFeedService::RevokeToken(int64_t account_id) {
  auto deleted = core_.store.auth().DeleteFeedToken(account_id);
  if (!deleted.ok()) return deleted.status();
  if (!*deleted) return Status::NotFound("You have no feed token");
  return Status::Ok();
}

Result<Account> BlogFeedService::Owner(std::string_view secret) {
  if (secret.empty()) return Status::Unauthorized("A feed token is required");
  auto token = core_.store.auth().FindFeedToken(Sha256Hex(secret));
  if (!token.ok()) {
    if (token.status().code() == Code::kNotFound)
      return Status::Unauthorized("The feed token is invalid or was revoked");
    return token.status();
  }
  auto owner = core_.store.accounts().Get(token->account_id);
  if (!owner.ok()) return owner.status();
  if (!owner->active) return Status::Unauthorized("The feed token's owner is deactivated");
  return owner;
}

Result<BlogFeed> BlogFeedService::Entries(const Account& reader,
                                          const StatusStore::KindFilter& filter) {
  auto viewer = core_.ViewerFor(reader.id);
  if (!viewer.ok()) return viewer.status();
  PageRequest page;
  page.limit = kEntries;
  auto posts = timelines_.Kind(*viewer, filter, page);
  if (!posts.ok()) return posts.status();
  std::vector<int64_t> author_ids;
  for (const VisiblePost& p : posts->posts) author_ids.push_back(p.status->account_id);
  auto authors = core_.accounts.GetMany(author_ids);
  if (!authors.ok()) return authors.status();
  BlogFeed feed;
  feed.reader = std::move(viewer).value();
  feed.entries = std::move(posts->posts);
  feed.authors = std::move(authors).value();
  return feed;
}

Result<BlogFeed> BlogFeedService::AccountFeed(std::string_view secret, int64_t account_id) {
  auto reader = Owner(secret);
  if (!reader.ok()) return reader.status();
  auto author = core_.accounts.Get(account_id);
  if (!author.ok()) return author.status();
  StatusStore::KindFilter filter;
  filter.kind = StatusKind::kBlog;
  filter.account_id = account_id;
  auto feed = Entries(*reader, filter);
  if (!feed.ok()) return feed.status();
  feed->author = *author;
  return feed;
}

Result<BlogFeed> BlogFeedService::CommunityFeed(std::string_view secret, int64_t community_id) {
  auto reader = Owner(secret);
  if (!reader.ok()) return reader.status();
  if (Status s = communities_.CheckReadable(*reader, community_id); !s.ok()) return s;
  auto community = communities_.Get(*reader, community_id);
  if (!community.ok()) return community.status();
  StatusStore::KindFilter filter;
  filter.kind = StatusKind::kBlog;
  filter.community_id = community_id;
  auto feed = Entries(*reader, filter);
  if (!feed.ok()) return feed.status();
  feed->community = community->community;
  return feed;
}

}  // namespace atrium
