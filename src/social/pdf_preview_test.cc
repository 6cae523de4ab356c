#include "social/pdf_preview.h"

#include <gtest/gtest.h>

#include "social/media_test_files.h"

namespace atrium {
namespace {

TEST(PdfPreview, FirstPage) {
  auto page = PdfFirstPagePreview(TinyPdf());
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  // 200x100 points rendered at kPdfRenderSide on the longer side, then
  // fitted into the preview.
  EXPECT_EQ(page->width, kPdfRenderSide);
  EXPECT_EQ(page->height, kPdfRenderSide / 2);
  EXPECT_EQ(page->preview_width, kPreviewSide);
  EXPECT_EQ(page->preview_height, kPreviewSide / 2);
  EXPECT_EQ(page->preview.substr(0, 3), "\xff\xd8\xff");
  EXPECT_FALSE(page->blurhash.empty());
}

TEST(PdfPreview, DamagedIsRefused) {
  EXPECT_EQ(PdfFirstPagePreview("%PDF-1.4\nthis is not really a PDF\n").status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(PdfFirstPagePreview("").status().code(), Code::kUnprocessable);
}

}  // namespace
}  // namespace atrium
