// The JSON body of a write route (a post, a profile, a community, a SCIM
// resource as parameters): flattened into parameters as Rails reads forms.
#include "fuzz_util.h"
#include "http/params.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::Request req;
  req.method = "POST";
  req.target = req.path = "/api/v1/statuses";
  req.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  req.body.assign(reinterpret_cast<const char*>(data), size);
  auto params = http::Params::Parse(req);
  if (!params.ok()) return 0;
  for (const char* name : {"status", "media_ids", "poll[options]", "visibility", "note",
                           "fields_attributes[0][name]", "tags"}) {
    (void)params->Get(name);
    (void)params->GetAll(name);
  }
  return 0;
}
