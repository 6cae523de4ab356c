#include "store/media_records.h"

namespace atrium {

const char* MediaTypeName(MediaType type) {
  switch (type) {
    case MediaType::kImage:
      return "image";
    case MediaType::kVideo:
      return "video";
    case MediaType::kDocument:
      return "unknown";
  }
  return "unknown";
}

}  // namespace atrium
