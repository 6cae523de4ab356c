// Router: maps a method and a path to a handler.
//
// Patterns are literal segments and ":name" segments ("/api/v1/statuses/:id"),
// matched segment by segment; a literal segment wins over a ":name" one. A
// path that matches no pattern answers 404; one that matches a pattern but
// not the method answers 405 with an Allow header. Both are JSON errors.
//
// Routes are added before serving; Handle() is then safe from many threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.h"

namespace atrium::http {

using Handler = std::function<Response(Request&)>;

// A handler with a check of who is asking that needs only the request's
// headers. The check answers a request that waits for "100 Continue" before
// its body is sent (Router::RefuseBeforeBody); the handler checks again, in
// full, as any handler does.
struct GuardedHandler {
  // The answer refusing the request (401, 403), or nullopt.
  std::function<std::optional<Response>(Request&)> guard;
  Handler handler;
  Response operator()(Request& request) const { return handler(request); }
};

class Router {
 public:
  Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;
  ~Router();

  // Adds a route. Adding the same method and pattern twice replaces it.
  // Throws std::logic_error when a parameter segment is named differently
  // from another route's at the same place (/a/:id and /a/:a_id/b).
  void Add(std::string_view method, std::string_view pattern, Handler handler);
  // A handler for every path under `prefix` that no route matches (for GET
  // and HEAD), such as the web client's files.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  // Every route added, as {method, pattern}, in the order added (for the
  // test that walks the route table).
  struct Route {
    std::string method;
    std::string pattern;
  };
  const std::vector<Route>& Routes() const { return routes_; }

  // Routes `request`, filling its path_params, and returns the handler's
  // response, or a JSON 404/405.
  Response Handle(Request& request) const;
  // For a request whose body is not read yet: its route's refusal when the
  // route is a GuardedHandler whose guard refuses it, else nullopt.
  std::optional<Response> RefuseBeforeBody(Request& request) const;

  struct Node;  // a trie of path segments; defined in router.cc

 private:
  std::unique_ptr<Node> root_;
  Handler fallback_;
  std::vector<Route> routes_;
};

}  // namespace atrium::http
