#include "social/fan_out_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_set>

#include "social/visibility_policy.h"

namespace atrium {

FanOutService::FanOutService(Store& store, SocialGraph& graph, CommunityRegistry& communities,
                             StatusCache& statuses, FeedCache& feeds, EventHub& events)
    : store_(store),
      graph_(graph),
      communities_(communities),
      statuses_(statuses),
      feeds_(feeds),
      events_(events) {
  worker_ = std::thread([this] { Run(); });
}

FanOutService::~FanOutService() { Stop(); }

void FanOutService::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void FanOutService::Enqueue(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    queue_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void FanOutService::Drain() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void FanOutService::Run() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      job = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("fan-out job failed: {}", e.what());
    }
    {
      std::lock_guard lock(mu_);
      busy_ = false;
      if (queue_.empty()) idle_cv_.notify_all();
    }
  }
}

bool FanOutService::BelongsInHome(const Viewer& viewer, const StatusRecord& s,
                                  const StatusRecord* original) {
  const GraphEntry& reader = *viewer.graph;
  const int64_t me = reader.account_id;
  if (!VisibilityPolicy::CanSee(viewer, s, original)) return false;
  if (s.account_id == me) return true;
  const bool mentioned =
      std::find(s.mention_ids.begin(), s.mention_ids.end(), me) != s.mention_ids.end();
  if (VisibilityPolicy::HiddenFromStreams(viewer, s, original)) return false;
  // A community's posts reach its members, as if they followed it.
  if (s.community_id != 0 && s.reblog_of_id == 0 && s.in_reply_to_id == 0 &&
      reader.MemberOf(s.community_id))
    return true;
  // As Mastodon: posts reach the home feeds of followers only; a mention by
  // someone you do not follow reaches you as a notification (and a direct
  // post on the direct stream), not in home.
  if (!reader.Follows(s.account_id)) return false;
  if (s.visibility == Visibility::kDirect) return mentioned;
  if (reader.ListsExclusively(s.account_id)) return false;
  if (s.reblog_of_id != 0) {
    if (reader.HidesRebogsOf(s.account_id)) return false;
    if (original && original->account_id == me) return false;  // your own post, reposted
  }
  if (s.in_reply_to_account_id != 0 && s.in_reply_to_account_id != s.account_id &&
      s.in_reply_to_account_id != me && !reader.Follows(s.in_reply_to_account_id))
    return false;
  return true;
}

Viewer FanOutService::ViewerOf(int64_t account_id, std::shared_ptr<const GraphEntry> graph) {
  return Viewer{account_id, std::move(graph), communities_.Snapshot()};
}

std::vector<std::string> FanOutService::PublicStreams(const StatusRecord& s) {
  std::vector<std::string> keys;
  if (s.visibility != Visibility::kPublic) return keys;
  if (s.reblog_of_id == 0 && s.in_reply_to_id == 0) {
    keys.push_back("public");
    keys.push_back("public:local");
  }
  if (s.reblog_of_id == 0)
    for (const auto& tag : s.tags) {
      keys.push_back("hashtag:" + tag);
      keys.push_back("hashtag:local:" + tag);
    }
  return keys;
}

void FanOutService::DeliverNew(const StatusRecord& s) {
  StatusPtr original;
  if (s.reblog_of_id != 0) {
    auto o = statuses_.Get(s.reblog_of_id);
    if (!o.ok()) return;  // the original is gone already
    original = *o;
  }
  const FeedEntry entry{s.id, s.reblog_of_id};
  Event update{"update", s.id, 0, 0};

  std::unordered_set<int64_t> delivered;
  auto deliver = [&](int64_t reader_id) {
    if (!delivered.insert(reader_id).second) return;
    // A cold feed is rebuilt from the store on its next read, by the same
    // rule, and nobody listens on a stream without subscribers: for such a
    // reader there is nothing to do, and no graph entry to load (for a post
    // of someone followed by 100,000 people, most of them).
    const std::string stream = "user:" + std::to_string(reader_id);
    if (!feeds_.IsWarm(HomeFeedKey(reader_id)) && !events_.HasSubscribers(stream)) return;
    auto g = graph_.Get(reader_id);
    if (!g.ok()) return;
    if (!BelongsInHome(ViewerOf(reader_id, *g), s, original.get())) return;
    feeds_.Push(HomeFeedKey(reader_id), entry);
    events_.Publish(stream, update);
  };

  deliver(s.account_id);
  if (s.community_id != 0 && s.reblog_of_id == 0) {
    if (s.in_reply_to_id == 0) {
      auto members = store_.communities().MemberIds(s.community_id);
      if (members.ok())
        for (int64_t id : *members) deliver(id);
    }
    events_.Publish("community:" + std::to_string(s.community_id), update);
  }
  if (s.visibility != Visibility::kDirect) {
    auto followers = store_.relationships().Followers(s.account_id);
    if (followers.ok())
      for (const FollowRecord& f : *followers) deliver(f.account_id);
  }
  if (s.visibility == Visibility::kDirect) {
    // The direct stream: the author and everyone mentioned (the visibility
    // policy is asked again when the event is rendered for each of them).
    events_.Publish("direct:" + std::to_string(s.account_id), update);
    for (int64_t id : s.mention_ids) {
      delivered.erase(id);
      deliver(id);  // home, if they follow the author
      events_.Publish("direct:" + std::to_string(id), update);
    }
  }

  // Lists that include the author.
  auto lists = store_.lists().ListsWithMember(s.account_id);
  if (lists.ok()) {
    for (const ListRecord& list : *lists) {
      auto g = graph_.Get(list.account_id);
      if (!g.ok()) continue;
      Viewer owner = ViewerOf(list.account_id, *g);
      if (!VisibilityPolicy::CanSee(owner, s, original.get()) ||
          VisibilityPolicy::HiddenFromStreams(owner, s, original.get()))
        continue;
      if (s.in_reply_to_account_id != 0 && s.in_reply_to_account_id != s.account_id) {
        if (list.replies_policy == "none") continue;
        if (list.replies_policy == "followed" && !(*g)->Follows(s.in_reply_to_account_id) &&
            s.in_reply_to_account_id != list.account_id)
          continue;
        if (list.replies_policy == "list") {
          auto members = store_.lists().Accounts(list.id);
          if (!members.ok() || std::find(members->begin(), members->end(),
                                         s.in_reply_to_account_id) == members->end())
            continue;
        }
      }
      feeds_.Push(ListFeedKey(list.id), entry);
      events_.Publish("list:" + std::to_string(list.id), update);
    }
  }
  for (const auto& key : PublicStreams(s)) events_.Publish(key, update);
}

void FanOutService::PostCreated(const StatusRecord& status) {
  Enqueue([this, status] { DeliverNew(status); });
}

std::vector<std::string> FanOutService::UserStreams(const StatusRecord& status) {
  std::vector<int64_t> ids = {status.account_id};
  if (status.visibility != Visibility::kDirect) {
    auto followers = store_.relationships().Followers(status.account_id);
    if (followers.ok())
      for (const FollowRecord& f : *followers) ids.push_back(f.account_id);
  }
  if (status.community_id != 0) {
    auto members = store_.communities().MemberIds(status.community_id);
    if (members.ok()) ids.insert(ids.end(), members->begin(), members->end());
  }
  ids.insert(ids.end(), status.mention_ids.begin(), status.mention_ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::string> keys;
  keys.reserve(ids.size() + 1);
  for (int64_t id : ids) keys.push_back("user:" + std::to_string(id));
  if (status.community_id != 0) keys.push_back("community:" + std::to_string(status.community_id));
  return keys;
}

void FanOutService::PostEdited(const StatusRecord& status) {
  Enqueue([this, status] {
    Event e{"status.update", status.id, 0, 0};
    for (const auto& key : UserStreams(status)) events_.Publish(key, e);
    for (const auto& key : PublicStreams(status)) events_.Publish(key, e);
  });
}

void FanOutService::PostsDeleted(const StatusRecord& status, const std::vector<int64_t>& ids) {
  Enqueue([this, status, ids] {
    for (int64_t id : ids) feeds_.Remove(id);
    std::vector<std::string> keys = UserStreams(status);
    for (const auto& key : PublicStreams(status)) keys.push_back(key);
    auto lists = store_.lists().ListsWithMember(status.account_id);
    if (lists.ok())
      for (const ListRecord& list : *lists) keys.push_back("list:" + std::to_string(list.id));
    for (int64_t id : ids) {
      Event e{"delete", id, 0, 0};
      for (const auto& key : keys) events_.Publish(key, e);
    }
  });
}

void FanOutService::LeftCommunity(int64_t community_id, int64_t account_id) {
  Enqueue([this, community_id, account_id] {
    events_.Publish("control:" + std::to_string(account_id),
                    Event{"community.left", 0, 0, account_id, community_id});
  });
}

void FanOutService::Notified(const NotificationRecord& n) {
  Enqueue([this, n] {
    Event e{"notification", n.status_id, n.id, n.account_id};
    events_.Publish("user:" + std::to_string(n.account_id), e);
    events_.Publish("user:notification:" + std::to_string(n.account_id), e);
  });
}

}  // namespace atrium
