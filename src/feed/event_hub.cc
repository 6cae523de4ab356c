#include "feed/event_hub.h"

namespace atrium {

uint64_t EventHub::Subscribe(Callback callback) {
  std::lock_guard lock(mu_);
  uint64_t token = next_token_++;
  auto s = std::make_shared<Subscriber>();
  s->callback = std::move(callback);
  subscribers_[token] = std::move(s);
  return token;
}

void EventHub::AddKey(uint64_t token, const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = subscribers_.find(token);
  if (it == subscribers_.end()) return;
  it->second->keys.insert(key);
  by_key_[key].insert(token);
}

void EventHub::RemoveKey(uint64_t token, const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = subscribers_.find(token);
  if (it == subscribers_.end()) return;
  it->second->keys.erase(key);
  auto k = by_key_.find(key);
  if (k != by_key_.end()) {
    k->second.erase(token);
    if (k->second.empty()) by_key_.erase(k);
  }
}

void EventHub::Unsubscribe(uint64_t token) {
  std::lock_guard lock(mu_);
  auto it = subscribers_.find(token);
  if (it == subscribers_.end()) return;
  for (const auto& key : it->second->keys) {
    auto k = by_key_.find(key);
    if (k == by_key_.end()) continue;
    k->second.erase(token);
    if (k->second.empty()) by_key_.erase(k);
  }
  subscribers_.erase(it);
}

void EventHub::Publish(const std::string& key, const Event& event) {
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mu_);
    auto k = by_key_.find(key);
    if (k == by_key_.end()) return;
    for (uint64_t token : k->second) targets.push_back(subscribers_[token]);
  }
  for (const auto& s : targets) s->callback(key, event);
}

bool EventHub::HasSubscribers(const std::string& key) {
  std::lock_guard lock(mu_);
  return by_key_.count(key) > 0;
}

size_t EventHub::SubscriberCount() {
  std::lock_guard lock(mu_);
  return subscribers_.size();
}

}  // namespace atrium
