// VideoProbe: what a video file holds, read with FFmpeg's libraries
// (libavformat for the container, libavcodec and libswscale for the
// poster frame), and whether a browser plays it as it is.
//
// Atrium does not transcode (two cores cannot afford it): it keeps the
// file as uploaded and takes only what browsers play natively — MP4 with
// H.264 or AV1 video (AAC, MP3 or Opus sound) and WebM with VP8, VP9 or
// AV1 video (Vorbis or Opus sound). The poster is the first frame, turned
// upright as the stream's display matrix says (phones store upright video
// sideways with a turn to apply), put through the image pipeline for the
// preview and the blurhash.
//
// CPU-bound (milliseconds to decode one frame): call it from a request on
// the write pool. Thread-safe (each call has its own decoder).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "social/image_pipeline.h"

namespace atrium {

struct VideoLimits {
  // Refused above this many pixels in a frame, as the stream declares.
  int64_t max_frame_pixels = 3840LL * 2160;
};

struct ProbedVideo {
  std::string container;    // "mp4" or "webm"
  std::string video_codec;  // FFmpeg's name: "h264", "vp8"…
  std::string audio_codec;  // "" when silent
  // As shown: a turn in the display matrix (a phone held upright) applied.
  int width = 0;
  int height = 0;
  int64_t duration_ms = 0;
  std::string frame_rate;  // "30/1"; "" when the stream does not say
  ProcessedImage poster;   // preview, preview size and blurhash
};

// Probes `bytes`, whose container libmagic found to be `content_type`
// ("video/mp4" or "video/webm"). 422 naming the reason for a damaged file,
// another container, a codec browsers do not all play, no video stream,
// or a frame over the limits.
Result<ProbedVideo> ProbeVideo(std::string_view bytes, std::string_view content_type,
                               const VideoLimits& limits);

}  // namespace atrium
