// Files the media tests feed the pipeline: the fixtures under
// tests/api/fixtures/media, and a PDF built by hand. Tests only.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace atrium {

inline std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(ATRIUM_TEST_FIXTURES) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream all;
  all << in.rdbuf();
  return all.str();
}

// A one-page PDF (200x100 points) with correct cross references, built by hand.
inline std::string TinyPdf() {
  std::string pdf = "%PDF-1.4\n";
  std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
  };
  std::string xref = "xref\n0 4\n0000000000 65535 f \n";
  for (int i = 0; i < 3; ++i) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", pdf.size());
    xref += line;
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t start = pdf.size();
  pdf += xref + "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(start) +
         "\n%%EOF\n";
  return pdf;
}

}  // namespace atrium
