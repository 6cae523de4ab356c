#include "social/fan_out_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "social/visibility_policy.h"

namespace atrium {

FanOutService::FanOutService(Store& store, SocialGraph& graph, StatusCache& statuses,
                             FeedCache& feeds, EventHub& events)
    : store_(store), graph_(graph), statuses_(statuses), feeds_(feeds), events_(events) {
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

bool FanOutService::BelongsInHome(const GraphEntry& reader, const StatusRecord& s,
                                  const StatusRecord* original) {
  const int64_t me = reader.account_id;
  if (s.account_id == me) return true;
  const bool mentioned =
      std::find(s.mention_ids.begin(), s.mention_ids.end(), me) != s.mention_ids.end();
  Viewer viewer{me,
                std::shared_ptr<const GraphEntry>(std::shared_ptr<const GraphEntry>{}, &reader)};
  if (!VisibilityPolicy::CanSee(viewer, s, original)) return false;
  if (VisibilityPolicy::HiddenFromStreams(viewer, s, original)) return false;
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

std::vector<std::string> FanOutService::PublicStreams(const StatusRecord& s) {
  std::vector<std::string> keys;
  if (s.visibility != Visibility::kPublic || s.community_id != 0) return keys;
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

  auto deliver = [&](int64_t reader_id) {
    auto g = graph_.Get(reader_id);
    if (!g.ok()) return;
    if (!BelongsInHome(**g, s, original.get())) return;
    feeds_.Push(HomeFeedKey(reader_id), entry);
    events_.Publish("user:" + std::to_string(reader_id), update);
  };

  deliver(s.account_id);
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
      Viewer owner{list.account_id, *g};
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

void FanOutService::PostEdited(const StatusRecord& status) {
  Enqueue([this, status] {
    Event e{"status.update", status.id, 0, 0};
    events_.Publish("user:" + std::to_string(status.account_id), e);
    if (status.visibility != Visibility::kDirect) {
      auto followers = store_.relationships().Followers(status.account_id);
      if (followers.ok())
        for (const FollowRecord& f : *followers)
          events_.Publish("user:" + std::to_string(f.account_id), e);
    }
    for (int64_t id : status.mention_ids) events_.Publish("user:" + std::to_string(id), e);
    for (const auto& key : PublicStreams(status)) events_.Publish(key, e);
  });
}

void FanOutService::PostsDeleted(const StatusRecord& status, const std::vector<int64_t>& ids) {
  Enqueue([this, status, ids] {
    for (int64_t id : ids) feeds_.Remove(id);
    std::vector<std::string> keys = {"user:" + std::to_string(status.account_id)};
    auto followers = store_.relationships().Followers(status.account_id);
    if (followers.ok())
      for (const FollowRecord& f : *followers)
        keys.push_back("user:" + std::to_string(f.account_id));
    for (int64_t id : status.mention_ids) keys.push_back("user:" + std::to_string(id));
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

void FanOutService::Notified(const NotificationRecord& n) {
  Enqueue([this, n] {
    Event e{"notification", n.status_id, n.id, n.account_id};
    events_.Publish("user:" + std::to_string(n.account_id), e);
    events_.Publish("user:notification:" + std::to_string(n.account_id), e);
  });
}

}  // namespace atrium
