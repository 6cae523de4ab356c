#include "store/audit_store.h"

#include "base/crypto.h"
#include "base/json_writer.h"

namespace atrium {
namespace {

JsonWriter& CanonicalFields(JsonWriter& w, const AuditEntry& e) {
  return w.Field("seq", e.seq)
      .Field("created_at", e.created_at)
      .Field("actor_id", e.actor_id)
      .Field("actor", e.actor)
      .Field("action", e.action)
      .Field("target_type", e.target_type)
      .Field("target_id", e.target_id)
      .Field("request_id", e.request_id)
      .Field("before", e.before)
      .Field("after", e.after)
      .Field("prev_hash", e.prev_hash);
}

}  // namespace

std::string AuditCanonical(const AuditEntry& entry) {
  JsonWriter w;
  w.BeginObject();
  CanonicalFields(w, entry).EndObject();
  return w.Take();
}

std::string AuditHash(const AuditEntry& entry) { return Sha256Hex(AuditCanonical(entry)); }

std::string AuditJsonLine(const AuditEntry& entry) {
  JsonWriter w;
  w.BeginObject();
  CanonicalFields(w, entry).Field("hash", entry.hash).EndObject();
  return w.Take();
}

}  // namespace atrium
