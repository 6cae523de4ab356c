// PdfPreview: the first page of a PDF as a preview picture, rendered with
// poppler and put through the image pipeline (image_pipeline.h) for the
// preview size and the blurhash. Atrium keeps the PDF as uploaded; only
// this picture is derived from it.
//
// CPU-bound (tens of milliseconds for an ordinary page): call it from a
// request on the write pool. Thread-safe (each call has its own document).
#pragma once

#include <string_view>

#include "base/status.h"
#include "social/image_pipeline.h"

namespace atrium {

// The rendered page is at most this many pixels on its longer side.
inline constexpr int kPdfRenderSide = 1280;

// The preview of the PDF `bytes`' first page. 422 when the PDF cannot be
// read, is encrypted, or has no pages.
Result<ProcessedImage> PdfFirstPagePreview(std::string_view bytes);

}  // namespace atrium
