#include "social/pdf_preview.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <string>

namespace atrium {
namespace {

Status Unreadable(std::string detail) {
  return Status::Unprocessable("Validation failed: the PDF cannot be read", std::move(detail));
}

// Poppler reports damaged files on stderr by default; Atrium answers 422
// instead.
void Quiet(const std::string&, void*) {}

}  // namespace

Result<ProcessedImage> PdfFirstPagePreview(std::string_view bytes) {
  static const bool quiet = [] {
    poppler::set_debug_error_function(Quiet, nullptr);
    return true;
  }();
  (void)quiet;
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return Unreadable("the file is too large");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return Unreadable("it is damaged or not a PDF");
  if (doc->is_locked()) return Unreadable("it is protected by a password");
  if (doc->pages() < 1) return Unreadable("it has no pages");
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  if (!page) return Unreadable("its first page cannot be read");
  const poppler::rectf box = page->page_rect(poppler::media_box);
  const double longer = std::max(box.width(), box.height());
  if (!(longer > 0)) return Unreadable("its first page has no size");
  // Points are 1/72 inch: this resolution makes the longer side
  // kPdfRenderSide pixels.
  const double dpi = 72.0 * kPdfRenderSide / longer;
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0)
    return Unreadable("its first page cannot be rendered");
  // ARGB as 32-bit words: B, G, R, A in memory on the machines Atrium runs
  // on. The page is painted on an opaque white paper, so alpha is 255.
  const int w = image.width();
  const int h = image.height();
  std::string rgb(static_cast<size_t>(w) * h * 3, '\0');
  const char* data = image.const_data();
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(data + y * image.bytes_per_row());
    char* out = rgb.data() + static_cast<size_t>(y) * w * 3;
    for (int x = 0; x < w; ++x) {
      out[x * 3 + 0] = static_cast<char>(row[x * 4 + 2]);
      out[x * 3 + 1] = static_cast<char>(row[x * 4 + 1]);
      out[x * 3 + 2] = static_cast<char>(row[x * 4 + 0]);
    }
  }
  return PreviewFromPixels(rgb, w, h);
}

}  // namespace atrium
