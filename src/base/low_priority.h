// Work that must yield to serving people: processing an upload (decoding,
// re-encoding, previews) costs a third of a second of CPU, and on a busy
// machine it would otherwise take that time from the reads.
//
// AtLowPriority(work) runs `work` on a thread of its own whose scheduling
// priority is lowered by kLowPriorityNice (Linux's per-thread nice value),
// waits for it and returns its result (an exception it throws is rethrown
// in the caller). Threads that `work` starts inherit the lowered priority:
// libvips starts its pixel workers from the first thread that needs them
// and keeps them, so when every picture is processed through AtLowPriority
// those workers run at the lower priority too. The calling thread's
// priority never changes (an unprivileged process could not raise it back).
#pragma once

#include <exception>
#include <optional>
#include <thread>
#include <type_traits>

namespace atrium {

inline constexpr int kLowPriorityNice = 10;

// Lowers the calling thread's priority by kLowPriorityNice (at most to the
// lowest). False if the system refused.
bool LowerThisThreadsPriority();

// The calling thread's nice value.
int ThisThreadsNice();

template <typename F>
auto AtLowPriority(F&& work) -> std::invoke_result_t<F&> {
  using R = std::invoke_result_t<F&>;
  std::optional<R> result;
  std::exception_ptr error;
  std::thread t([&] {
    LowerThisThreadsPriority();
    try {
      result.emplace(work());
    } catch (...) {
      error = std::current_exception();
    }
  });
  t.join();
  if (error) std::rethrow_exception(error);
  return std::move(*result);
}

}  // namespace atrium
