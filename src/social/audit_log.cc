#include "social/audit_log.h"

#include <fmt/format.h>

namespace atrium {
namespace {

constexpr int kChainBatch = 1000;

}  // namespace

AuditEntry NewAuditEntry(const AuditActor& actor, std::string action, std::string target_type,
                         std::string target_id, std::string before, std::string after) {
  AuditEntry e;
  e.created_at = NowMillis();
  e.actor_id = actor.id;
  e.actor = actor.name;
  e.request_id = actor.request_id;
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = std::move(target_id);
  e.before = std::move(before);
  e.after = std::move(after);
  return e;
}

std::optional<int64_t> ParseAuditTime(std::string_view text, bool end) {
  auto ms = ParseIso8601(text);
  if (ms && end && text.size() == 10) *ms += 24 * 3600 * 1000;  // "2026-12-06": the whole day
  return ms;
}

Status AuditLog::Record(const AuditActor& actor, std::string action, std::string target_type,
                        std::string target_id, std::string before, std::string after) {
  auto appended = store_.audit().Append(NewAuditEntry(actor, std::move(action),
                                                      std::move(target_type), std::move(target_id),
                                                      std::move(before), std::move(after)));
  return appended.status();
}

Result<std::vector<AuditEntry>> AuditLog::Query(const AuditQuery& query, const PageRequest& page) {
  return store_.audit().Query(query, page);
}

Result<AuditLog::Verification> AuditLog::Verify() {
  Verification v;
  int64_t last_seq = 0;
  std::string last_hash;
  for (;;) {
    auto batch = store_.audit().Chain(last_seq, kChainBatch);
    if (!batch.ok()) return batch.status();
    for (const AuditEntry& e : *batch) {
      if (e.seq != last_seq + 1) {
        v.bad_seq = last_seq + 1;
        v.problem = fmt::format("entry {} is missing (entry {} follows entry {})", last_seq + 1,
                                e.seq, last_seq);
        return v;
      }
      if (e.prev_hash != last_hash) {
        v.bad_seq = e.seq;
        v.problem = fmt::format(
            "entry {} does not chain to entry {}: its previous hash differs (one of the two was "
            "rewritten)",
            e.seq, last_seq);
        return v;
      }
      if (AuditHash(e) != e.hash) {
        v.bad_seq = e.seq;
        v.problem = fmt::format("entry {} was altered: its content does not match its hash", e.seq);
        return v;
      }
      ++v.checked;
      last_seq = e.seq;
      last_hash = e.hash;
    }
    if (batch->size() < static_cast<size_t>(kChainBatch)) break;
  }
  auto head = store_.audit().Head();
  if (!head.ok()) return head.status();
  if (head->seq != last_seq || head->hash != last_hash) {
    v.bad_seq = last_seq + 1;
    v.problem = head->seq > last_seq
                    ? fmt::format("entries {} to {} are missing (the chain ends at entry {})",
                                  last_seq + 1, head->seq, last_seq)
                    : fmt::format("the chain's head (entry {}) does not match entry {}", head->seq,
                                  last_seq);
  }
  return v;
}

Status AuditLog::Export(int64_t from, int64_t to,
                        const std::function<void(const AuditEntry&)>& fn) {
  int64_t last_seq = 0;
  for (;;) {
    auto batch = store_.audit().Chain(last_seq, kChainBatch);
    if (!batch.ok()) return batch.status();
    for (const AuditEntry& e : *batch) {
      last_seq = e.seq;
      if (from && e.created_at < from) continue;
      if (to && e.created_at >= to) continue;
      fn(e);
    }
    if (batch->size() < static_cast<size_t>(kChainBatch)) return Status::Ok();
  }
}

}  // namespace atrium
