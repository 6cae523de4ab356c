// A query string or an application/x-www-form-urlencoded body.
#include "fuzz_util.h"
#include "http/params.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto params = http::Params::ParseForm(fuzz::Text(data, size));
  if (!params.ok()) return 0;
  for (const auto& [name, value] : params->all()) {
    (void)params->GetAll(name);
    bool bad = false;
    (void)params->GetBool(name, &bad);
  }
  return 0;
}
