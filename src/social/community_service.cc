#include "social/community_service.h"

#include <algorithm>

#include "base/clock.h"
#include "base/json_writer.h"
#include "base/markdown.h"
#include "base/status_text.h"
#include "base/text.h"

namespace atrium {
namespace {

constexpr size_t kMaxHandle = 30;
constexpr size_t kMaxName = 100;
constexpr size_t kMaxDescription = 5000;
constexpr size_t kMaxTags = 10;
constexpr int kMaxBrowseRounds = 5;

bool ValidHandle(const std::string& h) {
  if (h.empty() || h.size() > kMaxHandle) return false;
  return std::all_of(h.begin(), h.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
  });
}

// Handles no community may take: they would pass a community off as the
// organization's own voice or as an audience of everyone. Lower case; a
// handle is compared without regard to case.
constexpr std::string_view kReservedHandles[] = {
    "admin", "admins",    "administrator", "administrators", "all",  "atrium", "everyone",
    "here",  "moderator", "moderators",    "official",       "root", "staff",  "system"};

bool ReservedHandle(const std::string& handle) {
  const std::string lower = AsciiLower(handle);
  return std::find(std::begin(kReservedHandles), std::end(kReservedHandles), lower) !=
         std::end(kReservedHandles);
}

// The one answer for a handle that cannot be had, whatever the reason (in
// use by a community the asker may or may not know of, or reserved), so the
// answer says nothing of what holds it.
Status HandleUnavailable() {
  return Status::Unprocessable("Validation failed: Handle is unavailable");
}

bool ValidRole(const std::string& role) {
  return role == kCommunityOwner || role == kCommunityModerator || role == kCommunityMember;
}

}  // namespace

Result<CommunityService::Access> CommunityService::AccessTo(const Account& reader, int64_t id) {
  auto c = core_.store.communities().Get(id);
  if (!c.ok()) return c.status();
  Access a;
  a.community = std::move(c).value();
  a.admin = reader.role == kRoleAdmin;
  auto m = core_.store.communities().Membership(id, reader.id);
  if (m.ok())
    a.membership = std::move(m).value();
  else if (m.status().code() != Code::kNotFound)
    return m.status();
  const bool secret = a.community.type == CommunityType::kRestricted && !a.community.listed;
  // Someone who asked to join may only have done so while it was listed;
  // any row (member, invited, requested) makes it known.
  if (secret && !a.admin && !a.membership) return Status::NotFound();
  return a;
}

Result<CommunityView> CommunityService::ViewOf(const Account& reader, int64_t id) {
  auto a = AccessTo(reader, id);
  if (!a.ok()) return a.status();
  return CommunityView{std::move(a->community), std::move(a->membership)};
}

Result<CommunityView> CommunityService::Get(const Account& reader, int64_t id) {
  return ViewOf(reader, id);
}

Result<CommunityView> CommunityService::FindByHandle(const Account& reader,
                                                     const std::string& handle) {
  auto c = core_.store.communities().FindByHandle(handle);
  if (!c.ok()) return c.status();
  return ViewOf(reader, c->id);
}

Status CommunityService::CheckReadable(const Account& reader, int64_t id) {
  auto a = AccessTo(reader, id);
  if (!a.ok()) return a.status();
  if (!a->readable())
    return Status::Forbidden("This action is not allowed",
                             "Only its members see this community's posts");
  return Status::Ok();
}

Status CommunityService::CheckReadable(const Viewer& viewer, const Account& reader, int64_t id) {
  const CommunityRecord* c = viewer.communities ? viewer.communities->Find(id) : nullptr;
  if (c && (c->type != CommunityType::kRestricted || (viewer.graph && viewer.graph->MemberOf(id))))
    return Status::Ok();
  return CheckReadable(reader, id);
}

bool CommunityService::Moderates(const Account& actor, int64_t id) {
  auto a = AccessTo(actor, id);
  return a.ok() && a->moderator();
}

Result<std::vector<CommunityView>> CommunityService::Browse(const Account& reader,
                                                            const CommunityQuery& query,
                                                            const PageRequest& page) {
  auto mine = core_.store.communities().MembershipsOf(reader.id);
  if (!mine.ok()) return mine.status();
  auto row_of = [&](int64_t id) -> const CommunityMemberRecord* {
    for (const auto& m : *mine)
      if (m.community_id == id) return &m;
    return nullptr;
  };
  std::vector<CommunityView> out;
  PageRequest p = page;
  for (int round = 0; round < kMaxBrowseRounds && static_cast<int>(out.size()) < page.limit;
       ++round) {
    auto batch = core_.store.communities().Search(query, p);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    for (auto& c : *batch) {
      const CommunityMemberRecord* row = row_of(c.id);
      const bool secret = c.type == CommunityType::kRestricted && !c.listed;
      if (secret && !row && reader.role != kRoleAdmin) continue;
      std::optional<CommunityMemberRecord> membership;
      if (row) membership = *row;
      out.push_back({std::move(c), std::move(membership)});
    }
    if (static_cast<int>(batch->size()) < p.limit) break;
    if (page.min_id != 0)
      p.min_id = std::max_element(batch->begin(), batch->end(), [](const auto& a, const auto& b) {
                   return a.id < b.id;
                 })->id;
    else
      p.max_id = batch->back().id;
  }
  std::sort(out.begin(), out.end(), [](const CommunityView& a, const CommunityView& b) {
    return a.community.id > b.community.id;
  });
  if (static_cast<int>(out.size()) > page.limit) {
    if (page.min_id != 0)
      out.erase(out.begin(), out.end() - page.limit);
    else
      out.resize(static_cast<size_t>(page.limit));
  }
  return out;
}

Status CommunityService::Validate(const CommunityInput& in, CommunityRecord& c, bool creating) {
  if (in.handle) {
    if (!ValidHandle(*in.handle))
      return Status::Unprocessable(
          "Validation failed: Handle must be 1 to 30 letters, digits or underscores");
    if (ReservedHandle(*in.handle)) return HandleUnavailable();
    c.handle = *in.handle;
  } else if (creating) {
    return Status::Unprocessable("Validation failed: Handle can't be blank");
  }
  if (in.name) {
    if (!IsValidUtf8(*in.name) || CountCodePoints(*in.name) > kMaxName)
      return Status::Unprocessable("Validation failed: Name is too long (at most 100 characters)");
    std::string trimmed = *in.name;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
    if (trimmed.empty()) return Status::Unprocessable("Validation failed: Name can't be blank");
    c.name = *in.name;
  } else if (creating) {
    return Status::Unprocessable("Validation failed: Name can't be blank");
  }
  if (in.description) {
    if (!IsValidUtf8(*in.description) || CountCodePoints(*in.description) > kMaxDescription)
      return Status::Unprocessable(
          "Validation failed: Description is too long (at most 5000 characters)");
    if (Status s = CheckMarkdown(*in.description, "Description"); !s.ok()) return s;
    c.description = *in.description;
    c.description_html = RenderMarkdown(c.description);  // as the store renders it
  }
  if (in.type) {
    auto t = ParseCommunityType(*in.type);
    if (!t)
      return Status::Unprocessable(
          "Validation failed: Type must be public, moderated or restricted");
    c.type = *t;
  }
  if (in.listed) c.listed = *in.listed;
  if (in.archived) c.archived = *in.archived;
  if (in.tags) {
    std::vector<std::string> tags;
    for (const auto& raw : *in.tags) {
      std::string_view t = raw;
      if (!t.empty() && t.front() == '#') t.remove_prefix(1);
      std::string name = NormalizeHashtag(t);
      if (name.empty() || name.size() > 100 || name.find(' ') != std::string::npos)
        return Status::Unprocessable("Validation failed: Tag is not a valid tag: " + raw);
      if (std::find(tags.begin(), tags.end(), name) == tags.end()) tags.push_back(name);
      // Refused as soon as there are too many: a request may send a million.
      if (tags.size() > kMaxTags)
        return Status::Unprocessable("Validation failed: At most 10 tags");
    }
    c.tags = std::move(tags);
  }
  return Status::Ok();
}

Result<CommunityView> CommunityService::Create(const Account& actor, const CommunityInput& in) {
  CommunityRecord c;
  if (Status s = Validate(in, c, true); !s.ok()) return s;
  const int64_t now = NowMillis();
  c.id = core_.ids.Next();
  c.created_by = actor.id;
  c.created_at = now;
  c.updated_at = now;
  CommunityMemberRecord owner;
  owner.id = core_.ids.Next();
  owner.community_id = c.id;
  owner.account_id = actor.id;
  owner.role = kCommunityOwner;
  owner.created_at = now;
  Status s = core_.store.communities().Create(c, owner);
  if (s.code() == Code::kConflict) return HandleUnavailable();
  if (!s.ok()) return s;
  c.members_count = 1;
  core_.communities.Put(c);
  MembershipChanged(c.id, actor.id, false);
  return CommunityView{c, owner};
}

Result<CommunityView> CommunityService::Update(const Account& actor, int64_t id,
                                               const CommunityInput& in,
                                               std::optional<std::string_view> avatar) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->owner())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners change its settings");
  CommunityRecord c = a->community;
  if (Status s = Validate(in, c, false); !s.ok()) return s;
  c.updated_at = NowMillis();
  if (avatar) {
    if (avatars_ == nullptr) return Status::Internal("No avatar store");
    auto saved = avatars_->Save(id, *avatar);
    if (!saved.ok()) return saved.status();
    c.avatar = *saved;
  }
  Status s = core_.store.communities().Update(c);
  if (!s.ok() && avatar) avatars_->Delete(c.avatar);
  if (s.code() == Code::kConflict) return HandleUnavailable();
  if (!s.ok()) return s;
  core_.communities.Put(c);
  if (avatar && !a->community.avatar.empty()) avatars_->Delete(a->community.avatar);
  // Who may see its posts may have changed: home feeds rebuild on next read.
  if (c.type != a->community.type) {
    auto members = core_.store.communities().MemberIds(id);
    if (members.ok())
      for (int64_t m : *members) core_.feeds.Evict(HomeFeedKey(m));
  }
  return CommunityView{c, a->membership};
}

Result<CommunityView> CommunityService::SetBanner(const Account& actor, int64_t id,
                                                  std::optional<std::string_view> image) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->moderator())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators change its banner");
  if (avatars_ == nullptr) return Status::Internal("No avatar store");
  CommunityRecord c = a->community;
  const std::string old = c.banner;
  if (!image && old.empty()) return CommunityView{c, a->membership};
  c.banner.clear();
  if (image) {
    auto saved = avatars_->Save(id, *image, PictureKind::kBanner);
    if (!saved.ok()) return saved.status();
    c.banner = *saved;
  }
  c.updated_at = NowMillis();
  Status s = core_.store.communities().Update(c);
  if (!s.ok()) {
    if (image) avatars_->Delete(c.banner, PictureKind::kBanner);
    return s.code() == Code::kConflict ? HandleUnavailable() : s;
  }
  core_.communities.Put(c);
  if (!old.empty()) avatars_->Delete(old, PictureKind::kBanner);
  return CommunityView{c, a->membership};
}

Result<AvatarStore::Image> CommunityService::Banner(const Account& reader,
                                                    const std::string& file_name) {
  const int64_t id = AvatarStore::OwnerOf(file_name);
  if (id == 0 || avatars_ == nullptr) return Status::NotFound();
  auto a = AccessTo(reader, id);
  if (!a.ok()) return a.status();
  if (!a->readable() || a->community.banner != file_name) return Status::NotFound();
  return avatars_->Load(file_name, PictureKind::kBanner);
}

Status CommunityService::Delete(const Account& actor, int64_t id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->owner())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and admins delete it");
  auto members = core_.store.communities().MemberIds(id);
  if (!members.ok()) return members.status();
  auto posts = core_.store.statuses().AllInCommunity(id);
  if (!posts.ok()) return posts.status();
  for (int64_t post_id : *posts) {
    auto p = core_.statuses.Get(post_id);
    if (!p.ok()) continue;  // deleted with an earlier one (a repost of it)
    auto erased = posting_.Erase(**p);
    if (!erased.ok() && erased.status().code() != Code::kNotFound) return erased.status();
  }
  if (Status s = core_.store.communities().Delete(id); !s.ok()) return s;
  core_.communities.Erase(id);
  if (avatars_ != nullptr) {
    avatars_->Delete(a->community.avatar);
    avatars_->Delete(a->community.banner, PictureKind::kBanner);
  }
  for (int64_t m : *members) MembershipChanged(id, m, true);
  return Status::Ok();
}

void CommunityService::MembershipChanged(int64_t community_id, int64_t account_id, bool left) {
  core_.graph.Invalidate(account_id);
  core_.feeds.Evict(HomeFeedKey(account_id));
  if (left) core_.fanout.LeftCommunity(community_id, account_id);
}

Result<CommunityView> CommunityService::Join(const Account& actor, int64_t id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  const CommunityRecord& c = a->community;
  if (a->member()) return CommunityView{c, a->membership};
  if (a->membership && a->membership->state == MembershipState::kRequested)
    return CommunityView{c, a->membership};
  if (c.archived)
    return Status::Unprocessable("Validation failed: The community is archived (read-only)");
  CommunityMemberRecord m;
  m.id = a->membership ? a->membership->id : core_.ids.Next();
  m.community_id = id;
  m.account_id = actor.id;
  m.created_at = NowMillis();
  if (a->membership && a->membership->state == MembershipState::kInvited) {
    m.state = MembershipState::kMember;  // accepting the invitation
    m.role = a->membership->role;
    m.invited_by = a->membership->invited_by;
  } else if (c.type == CommunityType::kPublic) {
    m.state = MembershipState::kMember;
  } else {
    m.state = MembershipState::kRequested;
  }
  if (Status s = core_.store.communities().PutMembership(m, {}); !s.ok()) return s;
  if (m.state == MembershipState::kMember) MembershipChanged(id, actor.id, false);
  return ViewOf(actor, id);
}

Result<CommunityView> CommunityService::Leave(const Account& actor, int64_t id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->membership) return CommunityView{a->community, std::nullopt};
  if (a->member() && a->membership->role == kCommunityOwner) {
    auto owners = core_.store.communities().CountMembers(id, kCommunityOwner);
    if (!owners.ok()) return owners.status();
    if (*owners <= 1)
      return Status::Unprocessable(
          "Validation failed: The last owner cannot leave; transfer ownership first");
  }
  auto removed = core_.store.communities().RemoveMembership(id, actor.id, ModerationRecord{});
  if (!removed.ok()) return removed.status();
  if (a->member()) MembershipChanged(id, actor.id, true);
  auto c = core_.store.communities().Get(id);
  if (!c.ok()) return c.status();
  // A restricted, unlisted community is gone from view once left.
  return CommunityView{std::move(c).value(), std::nullopt};
}

Status CommunityService::Invite(const Account& actor, int64_t id, int64_t account_id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  const bool may_invite =
      a->moderator() || (a->member() && a->community.type == CommunityType::kPublic);
  if (!may_invite)
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators invite");
  if (a->community.archived)
    return Status::Unprocessable("Validation failed: The community is archived (read-only)");
  auto target = core_.store.accounts().Get(account_id);
  if (!target.ok() || !target->active || target->removed_at != 0)
    return Status::NotFound("Record not found");
  auto viewer = core_.ViewerFor(actor.id);
  if (!viewer.ok()) return viewer.status();
  if (!VisibilityPolicy::CanSeeAccount(*viewer, account_id))
    return Status::NotFound("Record not found");
  auto existing = core_.store.communities().Membership(id, account_id);
  CommunityMemberRecord m;
  m.community_id = id;
  m.account_id = account_id;
  m.invited_by = actor.id;
  m.created_at = NowMillis();
  if (existing.ok()) {
    if (existing->state == MembershipState::kMember)
      return Status::Conflict("Validation failed: Already a member");
    if (existing->state == MembershipState::kInvited) return Status::Ok();
    // They asked to join: the invitation answers it.
    m.id = existing->id;
    m.state = MembershipState::kMember;
    if (Status s = core_.store.communities().PutMembership(m, {}); !s.ok()) return s;
    MembershipChanged(id, account_id, false);
    return Status::Ok();
  }
  if (existing.status().code() != Code::kNotFound) return existing.status();
  m.id = core_.ids.Next();
  m.state = MembershipState::kInvited;
  return core_.store.communities().PutMembership(m, {});
}

Status CommunityService::Approve(const Account& actor, int64_t id, int64_t account_id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->moderator())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators approve requests");
  auto row = core_.store.communities().Membership(id, account_id);
  if (!row.ok() || row->state != MembershipState::kRequested)
    return Status::NotFound("No such request");
  CommunityMemberRecord m = *row;
  m.state = MembershipState::kMember;
  m.role = kCommunityMember;
  m.invited_by = actor.id;
  if (Status s = core_.store.communities().PutMembership(m, {}); !s.ok()) return s;
  MembershipChanged(id, account_id, false);
  return Status::Ok();
}

Status CommunityService::Reject(const Account& actor, int64_t id, int64_t account_id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->moderator())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators answer requests");
  auto row = core_.store.communities().Membership(id, account_id);
  if (!row.ok() || row->state != MembershipState::kRequested)
    return Status::NotFound("No such request");
  auto removed = core_.store.communities().RemoveMembership(id, account_id, ModerationRecord{});
  return removed.ok() ? Status::Ok() : removed.status();
}

namespace {

// A member's community role, for the audit log.
std::string MemberRoleJson(int64_t account_id, const std::string& role, bool transfer) {
  JsonWriter w;
  w.BeginObject().Field("account_id", std::to_string(account_id)).Field("role", role);
  if (transfer) w.Field("transfer", true);
  w.EndObject();
  return w.Take();
}

}  // namespace

Status CommunityService::SetRole(const Account& actor, int64_t id, int64_t account_id,
                                 const std::string& role, bool transfer, const AuditActor* by) {
  if (!ValidRole(role))
    return Status::Unprocessable("Validation failed: Role must be owner, moderator or member");
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->owner())
    return Status::Forbidden("This action is not allowed", "Only the community's owners set roles");
  auto row = core_.store.communities().Membership(id, account_id);
  if (!row.ok() || row->state != MembershipState::kMember)
    return Status::NotFound("Not a member of this community");
  if (row->role == role) return Status::Ok();
  if (row->role == kCommunityOwner) {
    auto owners = core_.store.communities().CountMembers(id, kCommunityOwner);
    if (!owners.ok()) return owners.status();
    if (*owners <= 1) return Status::Unprocessable("Validation failed: A community needs an owner");
  }
  CommunityMemberRecord m = *row;
  m.role = role;
  if (Status s = core_.store.communities().PutMembership(m, {}); !s.ok()) return s;
  if (transfer && role == kCommunityOwner && a->member() && account_id != actor.id) {
    CommunityMemberRecord me = *a->membership;
    me.role = kCommunityModerator;
    if (Status s = core_.store.communities().PutMembership(me, {}); !s.ok()) return s;
  }
  if (by && actor.role == kRoleAdmin)
    return AuditLog(core_.store)
        .Record(*by, "community.role", "community", std::to_string(id),
                MemberRoleJson(account_id, row->role, false),
                MemberRoleJson(account_id, role, transfer));
  return Status::Ok();
}

Status CommunityService::RemoveMember(const Account& actor, int64_t id, int64_t account_id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->moderator())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators remove members");
  if (account_id == actor.id)
    return Status::Unprocessable("Validation failed: To leave the community, use leave");
  auto row = core_.store.communities().Membership(id, account_id);
  if (!row.ok()) return Status::NotFound("Not a member of this community");
  if (row->state == MembershipState::kMember && row->role != kCommunityMember && !a->owner())
    return Status::Forbidden("This action is not allowed",
                             "Only owners remove owners and moderators");
  if (row->state == MembershipState::kMember && row->role == kCommunityOwner) {
    auto owners = core_.store.communities().CountMembers(id, kCommunityOwner);
    if (!owners.ok()) return owners.status();
    if (*owners <= 1) return Status::Unprocessable("Validation failed: A community needs an owner");
  }
  ModerationRecord log;
  log.id = core_.ids.Next();
  log.community_id = id;
  log.actor_id = actor.id;
  log.action = "remove_member";
  log.target_account_id = account_id;
  log.created_at = NowMillis();
  auto removed = core_.store.communities().RemoveMembership(id, account_id, log);
  if (!removed.ok()) return removed.status();
  if (row->state == MembershipState::kMember) MembershipChanged(id, account_id, true);
  return Status::Ok();
}

Result<std::vector<CommunityMemberRecord>> CommunityService::Members(const Account& reader,
                                                                     int64_t id,
                                                                     MembershipState state,
                                                                     const std::string& role,
                                                                     const PageRequest& page) {
  auto a = AccessTo(reader, id);
  if (!a.ok()) return a.status();
  if (state == MembershipState::kMember ? !a->readable() : !a->moderator())
    return Status::Forbidden("This action is not allowed",
                             state == MembershipState::kMember
                                 ? "Only its members see who belongs to this community"
                                 : "Only the community's owners and moderators see this");
  if (!role.empty() && !ValidRole(role))
    return Status::Unprocessable("Validation failed: Role must be owner, moderator or member");
  return core_.store.communities().Members(id, state, role, page);
}

Status CommunityService::Pin(const Account& actor, int64_t id, int64_t status_id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->moderator())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators pin announcements");
  auto s = core_.statuses.Get(status_id);
  if (!s.ok() || (*s)->community_id != id)
    return Status::NotFound("No such post in this community");
  if ((*s)->in_reply_to_id != 0 || (*s)->reblog_of_id != 0)
    return Status::Unprocessable("Validation failed: Only posts, not comments, can be pinned");
  auto pinned = core_.store.communities().Pin(id, status_id, NowMillis());
  return pinned.ok() ? Status::Ok() : pinned.status();
}

Status CommunityService::Unpin(const Account& actor, int64_t id, int64_t status_id) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->moderator())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators pin announcements");
  auto removed = core_.store.communities().Unpin(id, status_id);
  if (!removed.ok()) return removed.status();
  if (!*removed) return Status::NotFound("This post is not pinned");
  return Status::Ok();
}

Result<std::vector<int64_t>> CommunityService::Pins(const Account& reader, int64_t id) {
  if (Status s = CheckReadable(reader, id); !s.ok()) return s;
  return core_.store.communities().Pins(id);
}

Status CommunityService::RemoveStatus(const Account& actor, int64_t id, int64_t status_id,
                                      const std::string& reason, const AuditActor* by) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->moderator())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators remove posts");
  if (!IsValidUtf8(reason) || CountCodePoints(reason) > 1000)
    return Status::Unprocessable("Validation failed: Reason is too long (at most 1000 characters)");
  auto s = core_.statuses.Get(status_id);
  if (!s.ok() || (*s)->community_id != id || (*s)->reblog_of_id != 0)
    return Status::NotFound("No such post in this community");
  StatusRecord post = **s;
  auto erased = posting_.EraseThread(post);
  if (!erased.ok()) return erased.status();
  ModerationRecord log;
  log.id = core_.ids.Next();
  log.community_id = id;
  log.actor_id = actor.id;
  log.action = "remove_status";
  log.status_id = status_id;
  log.target_account_id = post.account_id;
  log.reason = reason;
  log.created_at = NowMillis();
  if (Status s = core_.store.communities().Log(log); !s.ok()) return s;
  if (!by) return Status::Ok();
  JsonWriter before;
  before.BeginObject()
      .Field("account_id", std::to_string(post.account_id))
      .Field("community_id", std::to_string(id))
      .Field("text", post.text)
      .EndObject();
  JsonWriter after;
  after.BeginObject().Field("reason", reason).EndObject();
  return AuditLog(core_.store)
      .Record(*by, "status.remove", "status", std::to_string(status_id), before.Take(),
              after.Take());
}

Result<std::vector<ModerationRecord>> CommunityService::ModerationLog(const Account& actor,
                                                                      int64_t id,
                                                                      const PageRequest& page) {
  auto a = AccessTo(actor, id);
  if (!a.ok()) return a.status();
  if (!a->moderator())
    return Status::Forbidden("This action is not allowed",
                             "Only the community's owners and moderators see this");
  return core_.store.communities().ModerationLog(id, page);
}

}  // namespace atrium
