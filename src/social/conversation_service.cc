#include "social/conversation_service.h"

#include <algorithm>
#include <unordered_map>

namespace atrium {
namespace {

// Reading a page: at most this many rounds of the store's pages, to fill one
// with conversations that show something to the member.
constexpr int kMaxRounds = 10;
// A conversation whose last post the member may not see is shown with its
// newest one they may see, looked for this many posts at a time.
constexpr int kPostsPerRound = 40;

}  // namespace

std::vector<ConversationEntry> ConversationEntries(SocialCore& core, const StatusRecord& post) {
  std::vector<ConversationEntry> out;
  if (post.visibility != Visibility::kDirect || post.reblog_of_id != 0 || post.community_id != 0)
    return out;
  std::vector<int64_t> people = post.mention_ids;
  people.push_back(post.account_id);
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  const int64_t thread = core.ThreadOf(post);
  for (int64_t member : people) {
    const bool author = member == post.account_id;
    if (!author) {
      // Only those the post reaches: not across a block, not to someone who
      // mutes its author (as their streams leave it out) or muted the thread.
      auto graph = core.graph.Get(member);
      if (!graph.ok()) continue;
      const Viewer viewer = core.ViewerWith(member, *graph);
      if (!VisibilityPolicy::CanSee(viewer, post) ||
          VisibilityPolicy::HiddenFromStreams(viewer, post, nullptr) ||
          core.MutedThread(member, post))
        continue;
    }
    ConversationEntry entry;
    entry.id = core.ids.Next();
    entry.account_id = member;
    entry.thread_id = thread;
    for (int64_t other : people)
      if (other != member) entry.participant_ids.push_back(other);
    entry.unread = !author;
    out.push_back(std::move(entry));
  }
  return out;
}

Result<ConversationView> ConversationService::View(const Viewer& viewer,
                                                   const ConversationRecord& record,
                                                   const SocialCore::VisiblePost* known_last) {
  ConversationView view;
  view.id = record.id;
  view.unread = record.unread;
  view.account_ids = VisibilityPolicy::VisibleAccounts(viewer, record.participant_ids);
  view.cursor = record.last_status_id;
  if (known_last) {
    view.last_status = *known_last;
    return view;
  }
  PageRequest page{0, 0, 0, kPostsPerRound};
  for (int round = 0; round < kMaxRounds; ++round) {
    auto ids = core_.store.conversations().StatusIds(record.id, page);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) break;
    auto visible = core_.VisibleMany(viewer, *ids, false);
    if (!visible.ok()) return visible.status();
    if (!visible->empty()) {
      // VisibleMany keeps the order asked for: the newest first.
      view.last_status = std::move(visible->front());
      return view;
    }
    if (ids->size() < static_cast<size_t>(page.limit)) break;
    page.max_id = ids->back();
  }
  return Status::NotFound();
}

Result<ConversationPage> ConversationService::List(const Viewer& viewer, const PageRequest& page) {
  std::vector<ConversationView> found;
  PageRequest p = page;
  for (int round = 0; round < kMaxRounds && static_cast<int>(found.size()) < page.limit; ++round) {
    auto rows = core_.store.conversations().Page(viewer.account_id, p);
    if (!rows.ok()) return rows.status();
    if (rows->empty()) break;
    std::vector<int64_t> last_ids;
    for (const ConversationRecord& r : *rows) last_ids.push_back(r.last_status_id);
    auto visible = core_.VisibleMany(viewer, last_ids, false);
    if (!visible.ok()) return visible.status();
    std::unordered_map<int64_t, const SocialCore::VisiblePost*> by_id;
    for (const auto& v : *visible) by_id[v.status->id] = &v;
    for (const ConversationRecord& r : *rows) {
      auto it = by_id.find(r.last_status_id);
      auto view = View(viewer, r, it == by_id.end() ? nullptr : it->second);
      if (view.ok())
        found.push_back(std::move(*view));
      else if (view.status().code() != Code::kNotFound)
        return view.status();
    }
    if (rows->size() < static_cast<size_t>(p.limit)) break;  // the list is exhausted
    // Continue past what was read, in the direction of the request.
    if (page.min_id != 0)
      p.min_id = rows->front().last_status_id;
    else
      p.max_id = rows->back().last_status_id;
  }
  std::sort(found.begin(), found.end(), [](const ConversationView& a, const ConversationView& b) {
    return a.cursor > b.cursor;
  });
  if (static_cast<int>(found.size()) > page.limit) {
    if (page.min_id != 0)  // keep the ones nearest min_id
      found.erase(found.begin(), found.end() - page.limit);
    else
      found.resize(static_cast<size_t>(page.limit));
  }
  ConversationPage out;
  if (!found.empty()) {
    out.first_cursor = found.front().cursor;
    out.last_cursor = found.back().cursor;
  }
  out.conversations = std::move(found);
  return out;
}

Result<ConversationView> ConversationService::Get(const Viewer& viewer, int64_t id) {
  auto record = core_.store.conversations().Get(viewer.account_id, id);
  if (!record.ok()) return record.status();
  return View(viewer, *record, nullptr);
}

Result<ConversationView> ConversationService::OfStatus(const Viewer& viewer, int64_t status_id) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  auto record = core_.store.conversations().OfStatus(viewer.account_id, status_id);
  if (!record.ok()) return record.status();
  return View(viewer, *record, nullptr);
}

Result<ConversationView> ConversationService::MarkRead(const Viewer& viewer, int64_t id,
                                                       bool unread) {
  auto view = Get(viewer, id);
  if (!view.ok()) return view;
  if (Status s = core_.store.conversations().SetUnread(viewer.account_id, id, unread); !s.ok())
    return s;
  view->unread = unread;
  return view;
}

Status ConversationService::Remove(const Viewer& viewer, int64_t id) {
  return core_.store.conversations().Remove(viewer.account_id, id);
}

}  // namespace atrium
