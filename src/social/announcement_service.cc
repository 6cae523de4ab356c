#include "social/announcement_service.h"

#include <utf8proc.h>

#include <algorithm>

#include "base/clock.h"
#include "base/json_writer.h"
#include "base/markdown.h"
#include "base/text.h"

namespace atrium {
namespace {

// The audit log's before/after of an announcement.
std::string AuditJson(const AnnouncementRecord& a) {
  JsonWriter w;
  w.BeginObject()
      .Field("text", a.text)
      .Field("starts_at", a.starts_at)
      .Field("ends_at", a.ends_at)
      .Field("all_day", a.all_day)
      .Field("published_at", a.published_at)
      .EndObject();
  return w.Take();
}

}  // namespace

Status AnnouncementService::CheckReactionName(const std::string& name) {
  const Status bad = Status::Unprocessable("Validation failed: Name is not a recognized emoji");
  if (name.empty() || name.size() > 64 || !IsValidUtf8(name)) return bad;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(name.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(name.size());
  bool symbol = false;
  while (left > 0) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) return bad;
    p += n;
    left -= n;
    switch (utf8proc_category(c)) {
      case UTF8PROC_CATEGORY_SO:  // the emoji themselves, regional indicators
        symbol = true;
        break;
      case UTF8PROC_CATEGORY_SK:  // skin tones
      case UTF8PROC_CATEGORY_MN:  // variation selectors
      case UTF8PROC_CATEGORY_ME:  // enclosing keycaps
      case UTF8PROC_CATEGORY_CF:  // zero-width joiner, tags
        break;
      default:
        return bad;
    }
  }
  return symbol ? Status::Ok() : bad;
}

Status AnnouncementService::Check(const AnnouncementInput& in) {
  if (in.text.empty()) return Status::Unprocessable("Validation failed: Text can't be blank");
  if (in.text.size() > kMaxText)
    return Status::Unprocessable("Validation failed: Text is too long (at most 10000 bytes)");
  if (!IsValidUtf8(in.text))
    return Status::Unprocessable("Validation failed: Text is not valid UTF-8");
  if (Status s = CheckMarkdown(in.text, "Text"); !s.ok()) return s;
  if (in.starts_at != 0 && in.ends_at != 0 && in.ends_at < in.starts_at)
    return Status::Unprocessable("Validation failed: ends_at must not be before starts_at");
  if (in.ends_at != 0 && in.scheduled_at != 0 && in.ends_at <= in.scheduled_at)
    return Status::Unprocessable("Validation failed: ends_at must be after scheduled_at");
  return Status::Ok();
}

Result<std::vector<AnnouncementView>> AnnouncementService::ViewsOf(
    const Viewer& viewer, std::vector<AnnouncementRecord> records) {
  std::vector<int64_t> ids;
  for (const auto& a : records) ids.push_back(a.id);
  auto& store = core_.store.announcements();
  auto dismissed = store.Dismissed(viewer.account_id, ids);
  if (!dismissed.ok()) return dismissed.status();
  auto reactions = store.Reactions(viewer.account_id, ids);
  if (!reactions.ok()) return reactions.status();
  std::vector<AnnouncementView> out;
  for (auto& a : records) {
    AnnouncementView v;
    v.read = std::find(dismissed->begin(), dismissed->end(), a.id) != dismissed->end();
    if (auto it = reactions->find(a.id); it != reactions->end()) v.reactions = it->second;
    v.announcement = std::move(a);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<AnnouncementView>> AnnouncementService::InForce(const Viewer& viewer) {
  auto active = core_.store.announcements().Active(NowMillis());
  if (!active.ok()) return active.status();
  return ViewsOf(viewer, std::move(active).value());
}

Result<std::vector<AnnouncementView>> AnnouncementService::All(const Viewer& viewer) {
  auto all = core_.store.announcements().All();
  if (!all.ok()) return all.status();
  return ViewsOf(viewer, std::move(all).value());
}

Result<AnnouncementRecord> AnnouncementService::InForceNow(int64_t id) {
  auto a = core_.store.announcements().Get(id);
  if (!a.ok()) return a.status();
  const int64_t now = NowMillis();
  if (a->published_at > now || (a->ends_at != 0 && a->ends_at <= now)) return Status::NotFound();
  return a;
}

Result<AnnouncementView> AnnouncementService::View(const Viewer& viewer, int64_t id) {
  auto a = InForceNow(id);
  if (!a.ok()) return a.status();
  auto views = ViewsOf(viewer, {std::move(a).value()});
  if (!views.ok()) return views.status();
  return std::move(views->front());
}

void AnnouncementService::SendEvent(const char* name, int64_t id, const std::string& reaction,
                                    int64_t count) {
  Event e{name};
  e.announcement_id = id;
  e.reaction = reaction;
  e.reaction_count = count;
  core_.events.Publish(kStreamKey, e);
}

Status AnnouncementService::SendReactionCount(const Viewer& viewer, int64_t id,
                                              const std::string& name) {
  auto reactions = core_.store.announcements().Reactions(viewer.account_id, {id});
  if (!reactions.ok()) return reactions.status();
  int64_t count = 0;
  if (auto it = reactions->find(id); it != reactions->end())
    for (const auto& r : it->second)
      if (r.name == name) count = r.count;
  SendEvent("announcement.reaction", id, name, count);
  return Status::Ok();
}

Result<int> AnnouncementService::AnnounceDue() {
  auto due = core_.store.announcements().Unannounced(NowMillis());
  if (!due.ok()) return due.status();
  int sent = 0;
  for (const auto& a : *due) {
    auto claimed = core_.store.announcements().MarkAnnounced(a.id);
    if (!claimed.ok()) return claimed.status();
    if (!*claimed) continue;  // another node announced it
    SendEvent("announcement", a.id);
    ++sent;
  }
  return sent;
}

Status AnnouncementService::Dismiss(const Viewer& viewer, int64_t id) {
  auto a = InForceNow(id);
  if (!a.ok()) return a.status();
  return core_.store.announcements().Dismiss(id, viewer.account_id);
}

Status AnnouncementService::React(const Viewer& viewer, int64_t id, const std::string& name) {
  auto a = InForceNow(id);
  if (!a.ok()) return a.status();
  if (Status s = CheckReactionName(name); !s.ok()) return s;
  auto added = core_.store.announcements().React(id, viewer.account_id, name, NowMillis());
  if (!added.ok()) return added.status();
  return *added ? SendReactionCount(viewer, id, name) : Status::Ok();
}

Status AnnouncementService::Unreact(const Viewer& viewer, int64_t id, const std::string& name) {
  auto a = InForceNow(id);
  if (!a.ok()) return a.status();
  if (Status s = CheckReactionName(name); !s.ok()) return s;
  auto removed = core_.store.announcements().Unreact(id, viewer.account_id, name);
  if (!removed.ok()) return removed.status();
  return *removed ? SendReactionCount(viewer, id, name) : Status::Ok();
}

Result<AnnouncementRecord> AnnouncementService::Publish(const AuditActor& actor,
                                                        const AnnouncementInput& in) {
  if (Status s = Check(in); !s.ok()) return s;
  const int64_t now = NowMillis();
  AnnouncementRecord a;
  a.id = core_.ids.Next();
  a.text = in.text;
  a.content_html = RenderMarkdown(in.text);
  a.starts_at = in.starts_at;
  a.ends_at = in.ends_at;
  a.all_day = in.all_day;
  a.published_at = in.scheduled_at != 0 ? in.scheduled_at : now;
  a.announced = a.published_at <= now;  // else AnnounceDue does, when its time comes
  a.created_by = actor.id;
  a.created_at = now;
  a.updated_at = now;
  if (Status s = core_.store.announcements().Create(a); !s.ok()) return s;
  if (Status s = audit_.Record(actor, "announcement.publish", "announcement", std::to_string(a.id),
                               "", AuditJson(a));
      !s.ok())
    return s;
  if (a.announced) SendEvent("announcement", a.id);
  return a;
}

Result<AnnouncementRecord> AnnouncementService::Edit(const AuditActor& actor, int64_t id,
                                                     const AnnouncementInput& in) {
  if (Status s = Check(in); !s.ok()) return s;
  auto before = core_.store.announcements().Get(id);
  if (!before.ok()) return before.status();
  AnnouncementRecord a = *before;
  a.text = in.text;
  a.content_html = RenderMarkdown(in.text);
  a.starts_at = in.starts_at;
  a.ends_at = in.ends_at;
  a.all_day = in.all_day;
  if (in.scheduled_at != 0) a.published_at = in.scheduled_at;
  a.updated_at = NowMillis();
  // Moved ahead: announced again when its time comes, gone from streams until then.
  const bool was_live = before->announced && before->published_at <= a.updated_at;
  a.announced = a.published_at <= a.updated_at;
  if (Status s = core_.store.announcements().Update(a); !s.ok()) return s;
  if (Status s = audit_.Record(actor, "announcement.edit", "announcement", std::to_string(id),
                               AuditJson(*before), AuditJson(a));
      !s.ok())
    return s;
  if (a.announced)
    SendEvent("announcement", a.id);
  else if (was_live)
    SendEvent("announcement.delete", a.id);
  return a;
}

Status AnnouncementService::Withdraw(const AuditActor& actor, int64_t id) {
  auto before = core_.store.announcements().Get(id);
  if (!before.ok()) return before.status();
  if (Status s = core_.store.announcements().Delete(id); !s.ok()) return s;
  if (Status s = audit_.Record(actor, "announcement.withdraw", "announcement", std::to_string(id),
                               AuditJson(*before), "");
      !s.ok())
    return s;
  if (before->announced && before->published_at <= NowMillis())
    SendEvent("announcement.delete", id);
  return Status::Ok();
}

}  // namespace atrium
