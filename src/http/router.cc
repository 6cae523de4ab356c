#include "http/router.h"

#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "http/route_metrics.h"

namespace atrium::http {

struct Router::Node {
  std::unordered_map<std::string, std::unique_ptr<Node>> literal;
  std::unique_ptr<Node> param;  // ":name" child
  std::string param_name;
  struct Entry {
    Handler handler;
    std::shared_ptr<RouteMetrics> metrics;
  };
  std::map<std::string, Entry, std::less<>> handlers;  // by method
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

static std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

void Router::Add(std::string_view method, std::string_view pattern, Handler handler) {
  Node* node = root_.get();
  for (std::string_view seg : Segments(pattern)) {
    if (!seg.empty() && seg[0] == ':') {
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = std::string(seg.substr(1));
      } else if (node->param_name != seg.substr(1)) {
        // One segment has one name: a second name would silently read the
        // first one's value.
        throw std::logic_error(fmt::format("route {} {}: :{} where another route has :{}", method,
                                           pattern, seg.substr(1), node->param_name));
      }
      node = node->param.get();
    } else {
      auto& child = node->literal[std::string(seg)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  auto& entry = node->handlers[std::string(method)];
  if (!entry.metrics) {
    routes_.push_back({std::string(method), std::string(pattern)});
    entry.metrics = std::make_shared<RouteMetrics>(std::string(pattern), std::string(method));
  }
  entry.handler = std::move(handler);
}

// Depth-first match preferring literal segments; records params on success.
static const Router::Node* Match(const Router::Node* node,
                                 const std::vector<std::string_view>& segs, size_t i,
                                 std::vector<std::pair<std::string, std::string>>& params);

Response Router::Handle(Request& request) const {
  auto segs = Segments(request.path);
  std::vector<std::pair<std::string, std::string>> params;
  const Node* node = Match(root_.get(), segs, 0, params);
  if (!node || node->handlers.empty()) {
    if (fallback_ && (request.method == "GET" || request.method == "HEAD")) {
      request.route = &RouteMetrics::Fallback();
      return fallback_(request);
    }
    request.route = &RouteMetrics::Unmatched();
    return Response::Error(404, "Not found", "No route matches " + request.path);
  }
  for (auto& [k, v] : params) request.path_params[k] = v;
  auto it = node->handlers.find(request.method);
  if (it == node->handlers.end() && request.method == "HEAD") it = node->handlers.find("GET");
  if (it == node->handlers.end()) {
    request.route = &RouteMetrics::Unmatched();
    std::string allow;
    for (const auto& [m, h] : node->handlers) allow += (allow.empty() ? "" : ", ") + m;
    Response r = Response::Error(405, "Method not allowed",
                                 request.method + " is not allowed here; use " + allow);
    r.Set("Allow", allow);
    return r;
  }
  request.route = it->second.metrics.get();
  return it->second.handler(request);
}

std::optional<Response> Router::RefuseBeforeBody(Request& request) const {
  std::vector<std::pair<std::string, std::string>> params;
  const Node* node = Match(root_.get(), Segments(request.path), 0, params);
  if (!node) return std::nullopt;
  auto it = node->handlers.find(request.method);
  if (it == node->handlers.end()) return std::nullopt;
  const auto* guarded = it->second.handler.target<GuardedHandler>();
  if (!guarded || !guarded->guard) return std::nullopt;
  for (auto& [k, v] : params) request.path_params[k] = v;
  request.route = it->second.metrics.get();
  return guarded->guard(request);
}

static const Router::Node* Match(const Router::Node* node,
                                 const std::vector<std::string_view>& segs, size_t i,
                                 std::vector<std::pair<std::string, std::string>>& params) {
  if (i == segs.size()) return node->handlers.empty() ? nullptr : node;
  auto lit = node->literal.find(std::string(segs[i]));
  if (lit != node->literal.end()) {
    if (const auto* found = Match(lit->second.get(), segs, i + 1, params)) return found;
  }
  if (node->param) {
    params.emplace_back(node->param_name, std::string(segs[i]));
    if (const auto* found = Match(node->param.get(), segs, i + 1, params)) return found;
    params.pop_back();
  }
  return nullptr;
}

}  // namespace atrium::http
