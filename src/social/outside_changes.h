// OutsideChanges: how a command run beside serving processes — the `atrium
// user` commands, a directory import or LDAP sync — tells them that it
// changed an account, so that their caches (who a token stands for, the
// account, the social graph) drop it before their next request.
//
//   - It appends a line to `<data>/outside-changes`; every serving process
//     on the same data folder watches that file's size (SocialCore, through
//     PrincipalCache::WatchFile) and starts its caches over when it grows.
//   - In cluster mode (the `redis` setting), it also publishes the same
//     invalidations a node publishes, for nodes on other machines.
//
// Not thread-safe; one per command.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/settings.h"
#include "feed/cluster.h"

namespace atrium {

class OutsideChanges {
 public:
  // `cluster`: the cluster to tell (never connected: publishing only), or
  // null; outlives this.
  OutsideChanges(const Settings& settings, Cluster* cluster);
  ~OutsideChanges();
  OutsideChanges(const OutsideChanges&) = delete;
  OutsideChanges& operator=(const OutsideChanges&) = delete;

  // The file serving processes on `data_dir` watch.
  static std::string PathIn(const std::string& data_dir);
  // Announces that `account_id` changed (its access, role or profile). Logs
  // and carries on if it cannot: the caches' lifetimes still bound the delay.
  void AccountChanged(int64_t account_id);

 private:
  const Settings& settings_;
  Cluster* const cluster_;  // null without the redis setting
};

}  // namespace atrium
