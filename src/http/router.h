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
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.h"

namespace atrium::http {

using Handler = std::function<Response(Request&)>;

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

  struct Node;  // a trie of path segments; defined in router.cc

 private:
  std::unique_ptr<Node> root_;
  Handler fallback_;
  std::vector<Route> routes_;
};

}  // namespace atrium::http
