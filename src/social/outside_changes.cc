#include "social/outside_changes.h"

#include <spdlog/spdlog.h>

#include <fstream>

namespace atrium {

OutsideChanges::OutsideChanges(const Settings& settings, Cluster* cluster)
    : settings_(settings), cluster_(cluster) {}

OutsideChanges::~OutsideChanges() = default;

std::string OutsideChanges::PathIn(const std::string& data_dir) {
  return data_dir + "/outside-changes";
}

void OutsideChanges::AccountChanged(int64_t account_id) {
  std::ofstream out(PathIn(settings_.data_dir), std::ios::app);
  out << account_id << '\n';
  out.flush();
  if (!out) spdlog::warn("cannot write {}", PathIn(settings_.data_dir));
  if (!cluster_) return;
  // As Services' change listener does on a node.
  cluster_->Invalidate(InvalidationKind::kAccount, account_id);
  cluster_->Invalidate(InvalidationKind::kGraph, account_id);
  cluster_->Invalidate(InvalidationKind::kPrincipal, account_id);
}

}  // namespace atrium
