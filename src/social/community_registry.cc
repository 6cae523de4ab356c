#include "social/community_registry.h"

namespace atrium {

CommunityRegistry::CommunityRegistry(Store& store)
    : store_(store), snapshot_(std::make_shared<CommunityIndex>()) {}

Status CommunityRegistry::Load() {
  auto all = store_.communities().All();
  if (!all.ok()) return all.status();
  auto index = std::make_shared<CommunityIndex>();
  for (auto& c : *all) {
    int64_t id = c.id;
    index->by_id_[id] = std::make_shared<const CommunityRecord>(std::move(c));
  }
  std::lock_guard lock(mu_);
  snapshot_ = std::move(index);
  return Status::Ok();
}

std::shared_ptr<const CommunityIndex> CommunityRegistry::Snapshot() const {
  std::lock_guard lock(mu_);
  return snapshot_;
}

void CommunityRegistry::Put(const CommunityRecord& community) {
  auto record = std::make_shared<const CommunityRecord>(community);
  {
    std::lock_guard lock(mu_);
    auto next = std::make_shared<CommunityIndex>(*snapshot_);
    next->by_id_[community.id] = std::move(record);
    snapshot_ = std::move(next);
  }
  if (on_change_) on_change_(community.id);
}

void CommunityRegistry::Erase(int64_t id) {
  {
    std::lock_guard lock(mu_);
    auto next = std::make_shared<CommunityIndex>(*snapshot_);
    next->by_id_.erase(id);
    snapshot_ = std::move(next);
  }
  if (on_change_) on_change_(id);
}

}  // namespace atrium
