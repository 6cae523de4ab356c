#include "base/process_name.h"

#include <unistd.h>

#include "base/crypto.h"

namespace atrium {

std::string ProcessName(int node_id) {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(node_id) + ":" + std::to_string(getpid()) + ":" +
         RandomToken(6);
}

}  // namespace atrium
