#include "base/low_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace atrium {
namespace {

id_t ThisThread() { return static_cast<id_t>(syscall(SYS_gettid)); }

}  // namespace

int ThisThreadsNice() {
  errno = 0;
  return getpriority(PRIO_PROCESS, ThisThread());
}

bool LowerThisThreadsPriority() {
  const int target = std::min(ThisThreadsNice() + kLowPriorityNice, 19);
  return setpriority(PRIO_PROCESS, ThisThread(), target) == 0;
}

}  // namespace atrium
