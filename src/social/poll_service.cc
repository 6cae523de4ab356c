#include "social/poll_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/clock.h"
#include "base/text.h"
#include "social/posting_service.h"

namespace atrium {

Result<PollRecord> MakePoll(const PollInput& in, int64_t now_ms, int64_t min_expiration_ms) {
  if (in.options.size() < 2)
    return Status::Unprocessable("Validation failed: A poll needs at least 2 options");
  if (in.options.size() > static_cast<size_t>(kPollMaxOptions))
    return Status::Unprocessable(
        fmt::format("Validation failed: A poll has at most {} options", kPollMaxOptions));
  PollRecord poll;
  std::set<std::string> seen;
  for (const std::string& raw : in.options) {
    if (!IsValidUtf8(raw))
      return Status::Unprocessable("Validation failed: A poll option is not valid UTF-8");
    std::string option(Trim(raw));
    if (option.empty())
      return Status::Unprocessable("Validation failed: A poll option can't be blank");
    if (CountCodePoints(option) > static_cast<size_t>(kPollMaxOptionChars))
      return Status::Unprocessable(fmt::format(
          "Validation failed: A poll option has at most {} characters", kPollMaxOptionChars));
    if (!seen.insert(option).second)
      return Status::Unprocessable("Validation failed: The poll's options must differ");
    poll.options.push_back(std::move(option));
  }
  if (in.expires_in_s * 1000 < min_expiration_ms || in.expires_in_s > kPollMaxExpiresInS)
    return Status::Unprocessable(
        fmt::format("Validation failed: poll[expires_in] must be from {} to {} seconds",
                    (min_expiration_ms + 999) / 1000, kPollMaxExpiresInS));
  poll.expires_at = now_ms + in.expires_in_s * 1000;
  poll.multiple = in.multiple;
  poll.hide_totals = in.hide_totals;
  return poll;
}

Result<SocialCore::VisiblePost> PollService::Get(const Viewer& viewer, int64_t status_id) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  if (post->status->reblog_of_id != 0 || !post->status->poll) return Status::NotFound();
  return post;
}

Result<std::unordered_map<int64_t, PollTally>> PollService::Tallies(
    const Viewer& viewer, const std::vector<int64_t>& status_ids) {
  if (status_ids.empty()) return std::unordered_map<int64_t, PollTally>{};
  return core_.store.polls().Tallies(status_ids, viewer.account_id);
}

Result<SocialCore::VisiblePost> PollService::Vote(const Account& actor, int64_t status_id,
                                                  const std::vector<int64_t>& choices) {
  auto viewer = core_.ViewerFor(actor.id);
  if (!viewer.ok()) return viewer.status();
  auto post = Get(*viewer, status_id);
  if (!post.ok()) return post.status();
  const PollRecord& poll = *post->status->poll;
  if (post->status->account_id == actor.id)
    return Status::Unprocessable("Validation failed: You cannot vote in your own poll");
  if (NowMillis() >= poll.expires_at)
    return Status::Unprocessable("Validation failed: The poll has already ended");
  if (choices.empty()) return Status::Unprocessable("Validation failed: Choose an option");
  std::vector<int> picked;
  for (int64_t c : choices) {
    if (c < 0 || c >= static_cast<int64_t>(poll.options.size()))
      return Status::Unprocessable("Validation failed: A choice is not an option of the poll");
    if (std::find(picked.begin(), picked.end(), c) != picked.end())
      return Status::Unprocessable("Validation failed: An option is chosen twice");
    picked.push_back(static_cast<int>(c));
  }
  if (picked.size() > 1 && !poll.multiple)
    return Status::Unprocessable("Validation failed: This poll takes one choice");
  std::sort(picked.begin(), picked.end());
  Status st = core_.store.polls().Vote(status_id, actor.id, picked, NowMillis());
  if (st.code() == Code::kConflict)
    return Status::Unprocessable("Validation failed: You have already voted on this poll");
  if (!st.ok()) return st;
  return post;
}

Result<int> PollService::EndDue(int limit) {
  auto ended = core_.store.polls().Ended(NowMillis(), limit);
  if (!ended.ok()) return ended.status();
  int announced = 0;
  for (int64_t id : *ended) {
    auto post = core_.statuses.Get(id);
    if (!post.ok()) continue;  // deleted meanwhile: its poll went with it
    const StatusRecord& s = **post;
    auto voters = core_.store.polls().Voters(id);
    if (!voters.ok()) return voters.status();
    std::vector<NotificationRecord> notes;
    std::vector<int64_t> to = *voters;
    if (std::find(to.begin(), to.end(), s.account_id) == to.end()) to.push_back(s.account_id);
    for (int64_t person : to) {
      auto g = core_.graph.Get(person);
      if (!g.ok()) continue;
      if (person != s.account_id && !VisibilityPolicy::CanSee(core_.ViewerWith(person, *g), s))
        continue;
      if (core_.MutedThread(person, s)) continue;
      notes.push_back(posting_.MakeNotification(person, s.account_id, "poll", id));
    }
    auto done = core_.store.polls().End(id, notes);
    if (!done.ok()) return done.status();
    if (!*done) continue;  // another node announced it
    ++announced;
    for (const auto& n : notes) core_.fanout.Notified(n);
  }
  return announced;
}

}  // namespace atrium
