// MediaSniffer: what kind of attachment some bytes are, decided by the
// bytes alone (never a file name or a client's Content-Type). Pictures are
// recognized by libvips' loaders (image_pipeline.h); video containers and
// documents by libmagic, the library behind file(1).
//
// Taken: the pictures image_pipeline.h lists; MP4 and WebM video; PDF,
// Word, Excel and PowerPoint (both the binary and the Office Open XML
// formats), OpenDocument text, spreadsheet and presentation, plain text
// and CSV. Everything else (executables, archives, HTML, scripts…) is not.
//
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/media_records.h"

namespace atrium {

struct SniffedMedia {
  MediaType type = MediaType::kImage;
  std::string content_type;  // "application/pdf", "video/webm"…
};

// The kind and media type of `bytes`; nullopt when Atrium does not take it.
std::optional<SniffedMedia> SniffMedia(std::string_view bytes);

// Every media type an upload may have, as instance documents list them.
std::vector<std::string_view> AcceptedMediaTypes();

// libmagic's media type of `bytes` ("application/x-pie-executable"), ""
// if libmagic cannot be used. For messages and tests.
std::string MagicMediaType(std::string_view bytes);

}  // namespace atrium
