// A name for this process that no other process (on any node) shares: the
// holder's name on a lease in the store (mail outbox, export jobs).
#pragma once

#include <string>

namespace atrium {

// "<host>:<node id>:<pid>:<random>". Safe from any thread.
std::string ProcessName(int node_id);

}  // namespace atrium
