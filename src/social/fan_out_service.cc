#include "social/fan_out_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <unordered_set>

#include "base/clock.h"
#include "base/id.h"
#include "base/metrics.h"
#include "social/visibility_policy.h"

namespace atrium {

FanOutService::FanOutService(Store& store, SocialGraph& graph, CommunityRegistry& communities,
                             StatusCache& statuses, Feeds& feeds, Events& events,
                             FanOutQueue* queue)
    : store_(store),
      graph_(graph),
      communities_(communities),
      statuses_(statuses),
      feeds_(feeds),
      events_(events),
      shared_(queue) {
  worker_ = std::thread([this] { shared_ ? RunShared() : Run(); });
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
  Metrics::Get().fanout_jobs_queued.Increment();
  cv_.notify_one();
}

void FanOutService::Drain() {
  if (shared_) {
    // Until the shared queue is empty (or Redis stays away for 30 s).
    for (int i = 0; i < 1500; ++i) {
      auto idle = shared_->Idle();
      if (idle.ok() && *idle) {
        std::unique_lock lock(mu_);
        if (!busy_) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return;
  }
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void FanOutService::EnqueueShared(const std::string& payload) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
  }
  // Unavailable: the change is committed; the feeds go cold when Redis is
  // back (RedisFeeds), and the live events of this change are lost.
  if (Status s = shared_->Add(payload); !s.ok())
    spdlog::warn("fan-out job not queued: {}", s.ToString());
}

void FanOutService::RunShared() {
  while (true) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    auto items = shared_->Take(16, 500);
    if (!items.ok()) {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; });
      continue;
    }
    for (const auto& item : *items) {
      {
        std::lock_guard lock(mu_);
        busy_ = true;
      }
      Metrics::Get().fanout_jobs_running.Increment();
      try {
        Execute(item.payload);
      } catch (const std::exception& e) {
        spdlog::error("fan-out job failed: {}", e.what());
      }
      Metrics::Get().fanout_jobs_running.Decrement();
      shared_->Done(item.id);
      std::lock_guard lock(mu_);
      busy_ = false;
    }
  }
}

namespace {

namespace json = boost::json;

// A new post is in every feed: the time since it was written (its id's
// time), the delivery lag.
void ObserveDeliveryLag(int64_t status_id) {
  static Histogram& lag = Metrics::Get().fanout_delivery_seconds.Add({});
  lag.Observe(std::max<int64_t>(0, NowMillis() - IdGenerator::MillisOf(status_id)) / 1000.0);
}

json::array IdArray(const std::vector<int64_t>& ids) {
  json::array a;
  for (int64_t id : ids) a.push_back(id);
  return a;
}

std::vector<int64_t> Ids(const json::value* v) {
  std::vector<int64_t> out;
  if (v && v->is_array())
    for (const auto& x : v->as_array())
      if (x.is_int64()) out.push_back(x.as_int64());
  return out;
}

int64_t Int(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}

}  // namespace

void FanOutService::Execute(const std::string& payload) {
  boost::system::error_code ec;
  json::value v = json::parse(payload, ec);
  if (ec || !v.is_object()) {
    spdlog::error("fan-out job not understood: {}", payload);
    return;
  }
  const json::object& o = v.as_object();
  const json::value* t = o.if_contains("t");
  if (!t || !t->is_string()) return;
  const std::string type(t->as_string());
  if (type == "created" || type == "edited") {
    // The post as committed (the store is shared); gone already: nothing to do.
    auto s = statuses_.Get(Int(o, "id"));
    if (!s.ok()) return;
    if (type == "created") {
      DeliverNew(**s);
      ObserveDeliveryLag((*s)->id);
    } else
      DeliverEdited(**s);
  } else if (type == "deleted") {
    StatusRecord s;
    s.id = Int(o, "id");
    s.account_id = Int(o, "account_id");
    s.community_id = Int(o, "community_id");
    s.reblog_of_id = Int(o, "reblog_of_id");
    s.in_reply_to_id = Int(o, "in_reply_to_id");
    s.visibility = static_cast<Visibility>(Int(o, "visibility"));
    s.mention_ids = Ids(o.if_contains("mention_ids"));
    if (const json::value* tags = o.if_contains("tags"); tags && tags->is_array())
      for (const auto& tag : tags->as_array())
        if (tag.is_string()) s.tags.emplace_back(tag.as_string());
    DeliverDeleted(s, Ids(o.if_contains("ids")));
  } else if (type == "left") {
    DeliverLeft(Int(o, "community_id"), Int(o, "account_id"));
  } else if (type == "notified") {
    NotificationRecord n;
    n.id = Int(o, "id");
    n.status_id = Int(o, "status_id");
    n.account_id = Int(o, "account_id");
    DeliverNotification(n);
  } else if (type == "merged") {
    DeliverMerged(Int(o, "account_id"));
  }
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
    Metrics& metrics = Metrics::Get();
    metrics.fanout_jobs_queued.Decrement();
    metrics.fanout_jobs_running.Increment();
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("fan-out job failed: {}", e.what());
    }
    metrics.fanout_jobs_running.Decrement();
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
  // As Mastodon: posts reach the home feeds of followers only — and of
  // those who follow one of a public post's tags; a mention by someone you
  // do not follow reaches you as a notification (and a direct post on the
  // direct stream), not in home.
  if (!reader.Follows(s.account_id) && !ByFollowedTag(reader, s)) return false;
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

bool FanOutService::ByFollowedTag(const GraphEntry& reader, const StatusRecord& s) {
  return s.visibility == Visibility::kPublic && s.reblog_of_id == 0 && reader.FollowsAnyTag(s.tags);
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
    auto warm = feeds_.IsWarm(HomeFeedKey(reader_id));
    if (warm.ok() && !*warm && !events_.MayHaveSubscribers(stream)) return;
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
    auto followers = graph_.FollowerIds(s.account_id);
    if (followers.ok())
      for (int64_t id : **followers) deliver(id);
  }
  // Those who follow one of its tags (deliver asks the policy, as for
  // everyone: a restricted community's post reaches its members only).
  if (s.visibility == Visibility::kPublic && s.reblog_of_id == 0 && !s.tags.empty()) {
    auto tag_followers = store_.tags().FollowerIds(s.tags);
    if (tag_followers.ok())
      for (int64_t id : *tag_followers) deliver(id);
  }
  if (s.visibility == Visibility::kDirect) {
    // The direct stream, as Mastodon's: a `conversation` event (the
    // conversation the post joined, rendered for each member when it is
    // sent, through the visibility policy) for the author and everyone
    // mentioned; their user streams get the post as `update` only where it
    // belongs in their home.
    const Event conversation{"conversation", s.id, 0, 0};
    events_.Publish("direct:" + std::to_string(s.account_id), conversation);
    for (int64_t id : s.mention_ids) {
      delivered.erase(id);
      deliver(id);  // home, if they follow the author
      events_.Publish("direct:" + std::to_string(id), conversation);
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
  if (shared_)
    return EnqueueShared(json::serialize(json::object{{"t", "created"}, {"id", status.id}}));
  Enqueue([this, status] {
    DeliverNew(status);
    ObserveDeliveryLag(status.id);
  });
}

std::vector<int64_t> FanOutService::UserIds(const StatusRecord& status) {
  std::vector<int64_t> ids = {status.account_id};
  if (status.visibility != Visibility::kDirect) {
    auto followers = graph_.FollowerIds(status.account_id);
    if (followers.ok()) ids.insert(ids.end(), (*followers)->begin(), (*followers)->end());
  }
  if (status.community_id != 0) {
    auto members = store_.communities().MemberIds(status.community_id);
    if (members.ok()) ids.insert(ids.end(), members->begin(), members->end());
  }
  ids.insert(ids.end(), status.mention_ids.begin(), status.mention_ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> FanOutService::UserStreams(const StatusRecord& status) {
  std::vector<int64_t> ids = UserIds(status);
  std::vector<std::string> keys;
  keys.reserve(ids.size() + 1);
  for (int64_t id : ids) keys.push_back("user:" + std::to_string(id));
  if (status.community_id != 0) keys.push_back("community:" + std::to_string(status.community_id));
  return keys;
}

void FanOutService::DeliverEdited(const StatusRecord& status) {
  Event e{"status.update", status.id, 0, 0};
  for (const auto& key : UserStreams(status)) events_.Publish(key, e);
  for (const auto& key : PublicStreams(status)) events_.Publish(key, e);
}

void FanOutService::PostEdited(const StatusRecord& status) {
  if (shared_)
    return EnqueueShared(json::serialize(json::object{{"t", "edited"}, {"id", status.id}}));
  Enqueue([this, status] { DeliverEdited(status); });
}

void FanOutService::DeliverDeleted(const StatusRecord& status, const std::vector<int64_t>& ids) {
  std::vector<int64_t> users = UserIds(status);
  std::vector<std::string> feeds;  // the feeds that may hold the posts
  std::vector<std::string> keys;   // the streams to tell
  for (int64_t id : users) {
    feeds.push_back(HomeFeedKey(id));
    keys.push_back("user:" + std::to_string(id));
  }
  if (status.community_id != 0) keys.push_back("community:" + std::to_string(status.community_id));
  for (const auto& key : PublicStreams(status)) keys.push_back(key);
  if (status.visibility == Visibility::kDirect) {
    // The direct streams of its people hear of it too, as Mastodon's do.
    keys.push_back("direct:" + std::to_string(status.account_id));
    for (int64_t id : status.mention_ids) keys.push_back("direct:" + std::to_string(id));
  }
  auto lists = store_.lists().ListsWithMember(status.account_id);
  if (lists.ok())
    for (const ListRecord& list : *lists) {
      feeds.push_back(ListFeedKey(list.id));
      keys.push_back("list:" + std::to_string(list.id));
    }
  for (int64_t id : ids) feeds_.Remove(id, feeds);
  // Who could see the post, for each stream to check its member against.
  auto audience = std::make_shared<const StatusRecord>(VisibilityPolicy::Audience(status));
  for (int64_t id : ids) {
    Event e{"delete", id, 0, 0, 0, audience};
    for (const auto& key : keys) events_.Publish(key, e);
  }
}

void FanOutService::PostsDeleted(const StatusRecord& status, const std::vector<int64_t>& ids) {
  if (shared_) {
    json::array tags;
    for (const auto& t : status.tags) tags.emplace_back(t);
    return EnqueueShared(
        json::serialize(json::object{{"t", "deleted"},
                                     {"id", status.id},
                                     {"account_id", status.account_id},
                                     {"community_id", status.community_id},
                                     {"reblog_of_id", status.reblog_of_id},
                                     {"in_reply_to_id", status.in_reply_to_id},
                                     {"visibility", static_cast<int64_t>(status.visibility)},
                                     {"mention_ids", IdArray(status.mention_ids)},
                                     {"tags", std::move(tags)},
                                     {"ids", IdArray(ids)}}));
  }
  Enqueue([this, status, ids] { DeliverDeleted(status, ids); });
}

void FanOutService::DeliverLeft(int64_t community_id, int64_t account_id) {
  events_.Publish("control:" + std::to_string(account_id),
                  Event{"community.left", 0, 0, account_id, community_id});
}

void FanOutService::LeftCommunity(int64_t community_id, int64_t account_id) {
  if (shared_)
    return EnqueueShared(json::serialize(
        json::object{{"t", "left"}, {"community_id", community_id}, {"account_id", account_id}}));
  Enqueue([this, community_id, account_id] { DeliverLeft(community_id, account_id); });
}

void FanOutService::DeliverNotification(const NotificationRecord& n) {
  Event e{"notification", n.status_id, n.id, n.account_id};
  events_.Publish("user:" + std::to_string(n.account_id), e);
  events_.Publish("user:notification:" + std::to_string(n.account_id), e);
}

void FanOutService::Notified(const NotificationRecord& n) {
  if (shared_)
    return EnqueueShared(json::serialize(json::object{{"t", "notified"},
                                                      {"id", n.id},
                                                      {"status_id", n.status_id},
                                                      {"account_id", n.account_id}}));
  Enqueue([this, n] { DeliverNotification(n); });
}

void FanOutService::DeliverMerged(int64_t account_id) {
  Event e{"notifications_merged", 0, 0, account_id};
  events_.Publish("user:" + std::to_string(account_id), e);
  events_.Publish("user:notification:" + std::to_string(account_id), e);
}

void FanOutService::NotificationsMerged(int64_t account_id) {
  if (shared_)
    return EnqueueShared(
        json::serialize(json::object{{"t", "merged"}, {"account_id", account_id}}));
  Enqueue([this, account_id] { DeliverMerged(account_id); });
}

}  // namespace atrium
