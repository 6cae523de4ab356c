#include "social/relationship_service.h"

#include <fmt/format.h>

#include "base/clock.h"
#include "base/text.h"
#include "social/account_service.h"
#include "social/directory_service.h"

namespace atrium {

NotificationRecord RelationshipService::Note(int64_t to, int64_t from, const std::string& type) {
  NotificationRecord n;
  n.id = core_.ids.Next();
  n.account_id = to;
  n.from_account_id = from;
  n.type = type;
  n.created_at = NowMillis();
  n.group_key = type == "follow" ? fmt::format("follow-{}", n.created_at / (24 * 3600 * 1000))
                                 : fmt::format("ungrouped-{}", n.id);
  return n;
}

void RelationshipService::RefreshHome(int64_t account_id) {
  core_.feeds.Evict(HomeFeedKey(account_id));
}

void RelationshipService::RelationChanged(int64_t a, int64_t b) {
  core_.graph.InvalidateBoth(a, b);
  core_.accounts.Invalidate(a);  // follower and following counts
  core_.accounts.Invalidate(b);
}

Result<Account> RelationshipService::Target(const Account& actor, int64_t target_id) {
  if (target_id == actor.id)
    return Status::Unprocessable("Validation failed: You cannot do that to yourself");
  auto target = core_.store.accounts().Get(target_id);
  if (!target.ok()) return target.status();
  return target;
}

Result<Account> RelationshipService::ReachableTarget(const Account& actor, int64_t target_id) {
  auto target = Target(actor, target_id);
  if (!target.ok()) return target.status();
  auto g = core_.graph.Get(actor.id);
  if (!g.ok()) return g.status();
  if ((*g)->BlockedEitherWay(target_id))
    return Status::Forbidden("This action is not allowed", "A block is in place");
  if (!target->active)
    return Status::Unprocessable("Validation failed: This account is deactivated");
  return target;
}

Result<bool> RelationshipService::NeedsApproval(const Account& target, int64_t follower_id) {
  switch (FollowApprovalOf(target)) {
    case FollowApproval::kEveryone:
      return true;
    case FollowApproval::kManagementChain: {
      auto chain = ManagementChainOf(core_.store.accounts(), target.id);
      if (!chain.ok()) return chain.status();
      return std::find(chain->begin(), chain->end(), follower_id) != chain->end();
    }
    case FollowApproval::kOff:
      break;
  }
  return false;
}

Status RelationshipService::Follow(const Account& actor, int64_t target_id, bool reblogs,
                                   bool notify) {
  auto target = ReachableTarget(actor, target_id);
  if (!target.ok()) return target.status();
  auto g = core_.graph.Get(actor.id);
  if (!g.ok()) return g.status();
  auto needs_approval = NeedsApproval(*target, actor.id);
  if (!needs_approval.ok()) return needs_approval.status();
  if (*needs_approval && !(*g)->Follows(target_id)) {
    NotificationRecord note = Note(target_id, actor.id, "follow_request");
    auto made =
        core_.store.relationships().RequestFollow(core_.ids.Next(), actor.id, target_id, note);
    if (!made.ok()) return made.status();
    if (*made) core_.fanout.Notified(note);
    return Status::Ok();
  }
  FollowRecord f;
  f.id = core_.ids.Next();
  f.account_id = actor.id;
  f.target_id = target_id;
  f.show_reblogs = reblogs;
  f.notify = notify;
  f.created_at = NowMillis();
  NotificationRecord note = Note(target_id, actor.id, "follow");
  auto added = core_.store.relationships().Follow(f, note);
  if (!added.ok()) return added.status();
  RelationChanged(actor.id, target_id);
  RefreshHome(actor.id);
  if (*added) core_.fanout.Notified(note);
  return Status::Ok();
}

Status RelationshipService::Unfollow(const Account& actor, int64_t target_id) {
  auto target = Target(actor, target_id);
  if (!target.ok()) return target.status();
  auto removed = core_.store.relationships().Unfollow(actor.id, target_id);
  if (!removed.ok()) return removed.status();
  auto withdrawn = core_.store.relationships().WithdrawFollowRequest(actor.id, target_id);
  if (!withdrawn.ok()) return withdrawn.status();
  if (Status s = DropFromLists(actor.id, target_id); !s.ok()) return s;
  RelationChanged(actor.id, target_id);
  RefreshHome(actor.id);
  return Status::Ok();
}

Status RelationshipService::RemoveFromFollowers(const Account& actor, int64_t follower_id) {
  auto follower = Target(actor, follower_id);
  if (!follower.ok()) return follower.status();
  auto removed = core_.store.relationships().Unfollow(follower_id, actor.id);
  if (!removed.ok()) return removed.status();
  RelationChanged(actor.id, follower_id);
  RefreshHome(follower_id);
  return Status::Ok();
}

Status RelationshipService::AuthorizeFollowRequest(const Account& actor, int64_t requester_id) {
  Status s = core_.store.relationships().AuthorizeFollowRequest(core_.ids.Next(), requester_id,
                                                                actor.id, NowMillis());
  if (!s.ok()) return s;
  RelationChanged(actor.id, requester_id);
  RefreshHome(requester_id);
  NotificationRecord note = Note(actor.id, requester_id, "follow");
  if (core_.store.notifications().Insert({note}).ok()) core_.fanout.Notified(note);
  return Status::Ok();
}

Status RelationshipService::RejectFollowRequest(const Account& actor, int64_t requester_id) {
  return core_.store.relationships().RejectFollowRequest(requester_id, actor.id);
}

Status RelationshipService::SettleFollowRequests(const Account& target) {
  // Read every pending request first: authorizing changes the pages.
  std::vector<int64_t> requesters;
  PageRequest page;
  page.limit = 200;
  while (true) {
    auto entries = core_.store.relationships().FollowRequests(target.id, page);
    if (!entries.ok()) return entries.status();
    for (const PageEntry& e : *entries) requesters.push_back(e.id);
    if (entries->size() < static_cast<size_t>(page.limit)) break;
    page.max_id = entries->back().cursor;
  }
  for (int64_t requester : requesters) {
    auto needs_approval = NeedsApproval(target, requester);
    if (!needs_approval.ok()) return needs_approval.status();
    if (*needs_approval) continue;
    Status s = AuthorizeFollowRequest(target, requester);
    if (!s.ok() && s.code() != Code::kNotFound) return s;  // kNotFound: withdrawn meanwhile
  }
  return Status::Ok();
}

Status RelationshipService::DropFromLists(int64_t owner_id, int64_t member_id) {
  // As Mastodon: people list only those they follow.
  auto lists = core_.store.lists().ContainingAccount(owner_id, member_id);
  if (!lists.ok()) return lists.status();
  for (const ListRecord& list : *lists) {
    if (Status s = core_.store.lists().RemoveAccounts(list.id, {member_id}); !s.ok()) return s;
    core_.feeds.Evict(ListFeedKey(list.id));
  }
  if (!lists->empty()) core_.graph.Invalidate(owner_id);
  return Status::Ok();
}

Status RelationshipService::Block(const Account& actor, int64_t target_id) {
  auto target = Target(actor, target_id);
  if (!target.ok()) return target.status();
  auto r = core_.store.relationships().Block(core_.ids.Next(), actor.id, target_id, NowMillis());
  if (!r.ok()) return r.status();
  if (Status s = DropFromLists(actor.id, target_id); !s.ok()) return s;
  if (Status s = DropFromLists(target_id, actor.id); !s.ok()) return s;
  RelationChanged(actor.id, target_id);
  RefreshHome(actor.id);
  RefreshHome(target_id);
  return Status::Ok();
}

Status RelationshipService::Unblock(const Account& actor, int64_t target_id) {
  auto target = Target(actor, target_id);
  if (!target.ok()) return target.status();
  auto r = core_.store.relationships().Unblock(actor.id, target_id);
  if (!r.ok()) return r.status();
  RelationChanged(actor.id, target_id);
  RefreshHome(actor.id);
  RefreshHome(target_id);
  return Status::Ok();
}

Status RelationshipService::Mute(const Account& actor, int64_t target_id, bool notifications,
                                 int64_t duration_s) {
  auto target = Target(actor, target_id);
  if (!target.ok()) return target.status();
  if (duration_s < 0 || duration_s > kMaxMuteSeconds)
    return Status::Unprocessable(
        fmt::format("Validation failed: duration must be from 0 to {} seconds", kMaxMuteSeconds));
  int64_t now = NowMillis();
  int64_t expires = duration_s > 0 ? now + duration_s * 1000 : 0;
  auto r = core_.store.relationships().Mute(core_.ids.Next(), actor.id, target_id, notifications,
                                            expires, now);
  if (!r.ok()) return r.status();
  core_.graph.Invalidate(actor.id);
  return Status::Ok();
}

Status RelationshipService::Unmute(const Account& actor, int64_t target_id) {
  auto target = Target(actor, target_id);
  if (!target.ok()) return target.status();
  auto r = core_.store.relationships().Unmute(actor.id, target_id);
  if (!r.ok()) return r.status();
  core_.graph.Invalidate(actor.id);
  return Status::Ok();
}

Status RelationshipService::InviteConnection(const Account& actor, int64_t target_id) {
  auto target = ReachableTarget(actor, target_id);
  if (!target.ok()) return target.status();
  NotificationRecord note = Note(target_id, actor.id, "connection_request");
  Status s =
      core_.store.relationships().InviteConnection(core_.ids.Next(), actor.id, target_id, note);
  if (s.code() == Code::kConflict)
    return Status::Conflict("Already connected or invited",
                            "You are connected already, or one of you invited the other");
  if (!s.ok()) return s;
  core_.fanout.Notified(note);
  return Status::Ok();
}

Status RelationshipService::AcceptConnection(const Account& actor, int64_t inviter_id) {
  auto inviter = Target(actor, inviter_id);
  if (!inviter.ok()) return inviter.status();
  NotificationRecord note = Note(inviter_id, actor.id, "connection_accepted");
  Status s = core_.store.relationships().AcceptConnection(actor.id, inviter_id, core_.ids.Next(),
                                                          core_.ids.Next(), note, NowMillis());
  if (!s.ok()) return s;
  RelationChanged(actor.id, inviter_id);
  RefreshHome(actor.id);
  RefreshHome(inviter_id);
  core_.fanout.Notified(note);
  return Status::Ok();
}

Status RelationshipService::DeclineConnection(const Account& actor, int64_t inviter_id) {
  return core_.store.relationships().DeclineConnection(actor.id, inviter_id);
}

Status RelationshipService::WithdrawConnection(const Account& actor, int64_t target_id) {
  return core_.store.relationships().WithdrawConnection(actor.id, target_id);
}

Status RelationshipService::RemoveConnection(const Account& actor, int64_t other_id) {
  return core_.store.relationships().RemoveConnection(actor.id, other_id);
}

Result<RelationshipRecord> RelationshipService::Relationship(const Account& actor,
                                                             int64_t target_id) {
  auto r = core_.store.relationships().Relationships(actor.id, {target_id}, NowMillis());
  if (!r.ok()) return r.status();
  if (r->empty()) return Status::NotFound();
  return r->front();
}

Result<std::vector<RelationshipRecord>> RelationshipService::Relationships(
    int64_t account_id, const std::vector<int64_t>& target_ids) {
  return core_.store.relationships().Relationships(account_id, target_ids, NowMillis());
}

Status RelationshipService::SetNote(const Account& actor, int64_t target_id,
                                    const std::string& comment) {
  auto target = Target(actor, target_id);
  if (!target.ok()) return target.status();
  if (!IsValidUtf8(comment) || CountCodePoints(comment) > kMaxNoteLength)
    return Status::Unprocessable(fmt::format(
        "Validation failed: Comment is too long (maximum is {} characters)", kMaxNoteLength));
  return core_.store.relationships().SetNote(actor.id, target_id, comment, NowMillis());
}

Status RelationshipService::Endorse(const Account& actor, int64_t target_id) {
  auto target = ReachableTarget(actor, target_id);
  if (!target.ok()) return target.status();
  auto pinned = core_.store.relationships().Pin(core_.ids.Next(), actor.id, target_id, NowMillis());
  if (!pinned.ok()) return pinned.status();
  if (!*pinned)
    return Status::Unprocessable(
        "Validation failed: You must be already following the person you want to endorse");
  return Status::Ok();
}

Status RelationshipService::Unendorse(const Account& actor, int64_t target_id) {
  auto target = Target(actor, target_id);
  if (!target.ok()) return target.status();
  auto removed = core_.store.relationships().Unpin(actor.id, target_id);
  return removed.ok() ? Status::Ok() : removed.status();
}

Result<std::vector<RelationshipService::FamiliarFollowers>>
RelationshipService::FamiliarFollowersOf(const Viewer& viewer,
                                         const std::vector<int64_t>& account_ids) {
  std::vector<FamiliarFollowers> out;
  std::vector<int64_t> visible;
  for (int64_t id : account_ids) {
    if (std::any_of(out.begin(), out.end(),
                    [id](const FamiliarFollowers& f) { return f.account_id == id; }))
      continue;
    out.push_back({id, {}});
    if (VisibilityPolicy::CanSeeAccount(viewer, id)) visible.push_back(id);
  }
  if (visible.empty()) return out;
  auto pairs = core_.store.relationships().FamiliarFollowers(viewer.account_id, visible);
  if (!pairs.ok()) return pairs.status();
  for (FamiliarFollowers& f : out) {
    for (const auto& [target, follower] : *pairs)
      if (target == f.account_id) f.follower_ids.push_back(follower);
    f.follower_ids = VisibilityPolicy::VisibleAccounts(viewer, f.follower_ids);
  }
  return out;
}

static Result<AccountPage> VisiblePage(const Viewer& viewer,
                                       Result<std::vector<PageEntry>> entries) {
  if (!entries.ok()) return entries.status();
  return VisibilityPolicy::VisiblePeople(viewer, *entries);
}

Result<AccountPage> RelationshipService::Followers(const Viewer& viewer, int64_t account_id,
                                                   const PageRequest& page) {
  if (auto a = core_.store.accounts().Get(account_id); !a.ok()) return a.status();
  return VisiblePage(viewer, core_.store.relationships().FollowersPage(account_id, page));
}

Result<AccountPage> RelationshipService::Following(const Viewer& viewer, int64_t account_id,
                                                   const PageRequest& page) {
  if (auto a = core_.store.accounts().Get(account_id); !a.ok()) return a.status();
  return VisiblePage(viewer, core_.store.relationships().FollowingPage(account_id, page));
}

Result<AccountPage> RelationshipService::Endorsements(const Viewer& viewer, int64_t account_id,
                                                      const PageRequest& page) {
  if (auto a = core_.store.accounts().Get(account_id); !a.ok()) return a.status();
  if (!VisibilityPolicy::CanSeeAccount(viewer, account_id)) return AccountPage{};
  return VisiblePage(viewer, core_.store.relationships().PinsPage(account_id, page));
}

Result<AccountPage> RelationshipService::Blocked(const Viewer& viewer, const PageRequest& page) {
  auto entries = core_.store.relationships().BlocksPage(viewer.account_id, page);
  if (!entries.ok()) return entries.status();
  AccountPage out;
  if (!entries->empty()) {
    out.first_cursor = entries->front().cursor;
    out.last_cursor = entries->back().cursor;
  }
  for (const PageEntry& e : *entries) out.account_ids.push_back(e.id);
  return out;
}

Result<AccountPage> RelationshipService::Muted(const Viewer& viewer, const PageRequest& page) {
  return VisiblePage(viewer, core_.store.relationships().MutesPage(viewer.account_id, page));
}

Result<AccountPage> RelationshipService::FollowRequests(const Viewer& viewer,
                                                        const PageRequest& page) {
  return VisiblePage(viewer, core_.store.relationships().FollowRequests(viewer.account_id, page));
}

Result<int64_t> RelationshipService::CountFollowRequests(int64_t account_id) {
  return core_.store.relationships().CountFollowRequests(account_id);
}

Result<AccountPage> RelationshipService::Connections(const Viewer& viewer,
                                                     const PageRequest& page) {
  return VisiblePage(viewer, core_.store.relationships().Connections(viewer.account_id, page));
}

Result<AccountPage> RelationshipService::ConnectionsOf(const Viewer& viewer, int64_t account_id,
                                                       const PageRequest& page) {
  if (auto a = core_.store.accounts().Get(account_id); !a.ok()) return a.status();
  if (VisibilityPolicy::ProfileViewOf(viewer, account_id) != ProfileView::kFull)
    return Status::Forbidden("This action is not allowed",
                             "A block between you hides this person's connections");
  return VisiblePage(viewer, core_.store.relationships().Connections(account_id, page));
}

Result<AccountPage> RelationshipService::ConnectionInvitations(const Viewer& viewer, bool received,
                                                               const PageRequest& page) {
  return VisiblePage(
      viewer, core_.store.relationships().ConnectionInvitations(viewer.account_id, received, page));
}

}  // namespace atrium
