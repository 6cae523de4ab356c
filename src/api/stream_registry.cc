#include "api/stream_registry.h"

#include <chrono>
#include <vector>

namespace atrium::api {

// Open streams per member: an entry exists only while the count is positive.
struct StreamRegistry::Slot::Counts {
  std::mutex mu;
  std::unordered_map<int64_t, int> by_account;
};

StreamRegistry::Slot::~Slot() {
  std::lock_guard lock(counts_->mu);
  auto it = counts_->by_account.find(account_id_);
  if (it != counts_->by_account.end() && --it->second <= 0) counts_->by_account.erase(it);
}

std::unique_ptr<StreamRegistry::Slot> StreamRegistry::Claim(int64_t account_id, int limit) {
  std::lock_guard lock(counts_->mu);
  int& open = counts_->by_account[account_id];
  if (open >= limit) {
    if (open == 0) counts_->by_account.erase(account_id);
    return nullptr;
  }
  ++open;
  return std::unique_ptr<Slot>(new Slot(counts_, account_id));
}

int StreamRegistry::OpenStreams(int64_t account_id) {
  std::lock_guard lock(counts_->mu);
  auto it = counts_->by_account.find(account_id);
  return it == counts_->by_account.end() ? 0 : it->second;
}

StreamRegistry::StreamRegistry(int64_t period_ms)
    : period_ms_(period_ms), counts_(std::make_shared<Slot::Counts>()) {
  thread_ = std::thread([this] { Run(); });
}

StreamRegistry::~StreamRegistry() { Stop(); }

void StreamRegistry::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

uint64_t StreamRegistry::Add(std::weak_ptr<Entry> entry) {
  std::lock_guard lock(mu_);
  uint64_t token = next_++;
  entries_[token] = std::move(entry);
  return token;
}

void StreamRegistry::Remove(uint64_t token) {
  std::lock_guard lock(mu_);
  entries_.erase(token);
}

size_t StreamRegistry::size() {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void StreamRegistry::RevalidateAll() {
  std::vector<std::shared_ptr<Entry>> live;
  {
    std::lock_guard lock(mu_);
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (auto e = it->second.lock()) {
        live.push_back(std::move(e));
        ++it;
      } else {
        it = entries_.erase(it);
      }
    }
  }
  for (const auto& e : live) e->Revalidate();
}

void StreamRegistry::Run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::milliseconds(period_ms_), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    RevalidateAll();
    lock.lock();
  }
}

}  // namespace atrium::api
