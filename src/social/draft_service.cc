#include "social/draft_service.h"

#include <fmt/format.h>

#include "base/clock.h"
#include "base/text.h"
#include "social/posting_service.h"

namespace atrium {

Status DraftService::Check(const Account& member, const DraftInput& in) {
  if (!IsValidUtf8(in.title) || !IsValidUtf8(in.body))
    return Status::Unprocessable("Validation failed: Text is not valid UTF-8");
  if (Trim(in.title).empty() && Trim(in.body).empty())
    return Status::Unprocessable("Validation failed: A draft needs a title or a body");
  if (CountCodePoints(in.title) > kMaxTitleChars)
    return Status::Unprocessable(
        fmt::format("Validation failed: Title is longer than {} characters", kMaxTitleChars));
  if (CountCodePoints(in.body) > kMaxLongFormChars)
    return Status::Unprocessable(
        fmt::format("Validation failed: Text character limit of {} exceeded", kMaxLongFormChars));
  if (in.tags.size() > kMaxExplicitTags)
    return Status::Unprocessable(
        fmt::format("Validation failed: At most {} tags may be given", kMaxExplicitTags));
  for (const auto& tag : in.tags) {
    if (tag.empty() || !IsValidUtf8(tag) || CountCodePoints(tag) > kMaxTagChars)
      return Status::Unprocessable(
          fmt::format("Validation failed: A tag must have 1 to {} characters", kMaxTagChars));
    for (unsigned char ch : tag)
      if (ch <= ' ' || ch == 0x7f)
        return Status::Unprocessable("Validation failed: A tag has no spaces");
  }
  if (in.community_id != 0)
    if (Status s = communities_.CheckReadable(member, in.community_id); !s.ok()) return s;
  return Status::Ok();
}

Result<DraftRecord> DraftService::Create(const Account& member, const DraftInput& in) {
  if (Status s = Check(member, in); !s.ok()) return s;
  DraftRecord d;
  d.id = core_.ids.Next();
  d.account_id = member.id;
  d.title = in.title;
  d.body = in.body;
  d.tags = in.tags;
  d.community_id = in.community_id;
  d.created_at = d.updated_at = NowMillis();
  if (Status s = core_.store.drafts().Create(d, kMaxDraftsPerMember); !s.ok()) return s;
  return d;
}

Result<std::vector<DraftRecord>> DraftService::List(const Account& member) {
  return core_.store.drafts().List(member.id);
}

Result<DraftRecord> DraftService::Get(const Account& member, int64_t id) {
  return core_.store.drafts().Get(member.id, id);
}

Result<DraftRecord> DraftService::Update(const Account& member, int64_t id, const DraftInput& in) {
  auto d = core_.store.drafts().Get(member.id, id);
  if (!d.ok()) return d.status();
  if (Status s = Check(member, in); !s.ok()) return s;
  d->title = in.title;
  d->body = in.body;
  d->tags = in.tags;
  d->community_id = in.community_id;
  d->updated_at = NowMillis();
  if (Status s = core_.store.drafts().Update(*d); !s.ok()) return s;
  return *d;
}

Status DraftService::Delete(const Account& member, int64_t id) {
  return core_.store.drafts().Delete(member.id, id);
}

}  // namespace atrium
