// FFmpeg reads the upload from memory through a custom AVIOContext, with
// the demuxer chosen from libmagic's verdict (never probed among FFmpeg's
// hundreds of formats). Every FFmpeg object is held by a unique_ptr with
// its own free function, so every path releases it.
#include "social/video_probe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <memory>

namespace atrium {
namespace {

// Packets read at most while looking for the first picture.
constexpr int kMaxPosterPackets = 500;
constexpr int kIoBufferBytes = 64 << 10;

struct MemoryReader {
  std::string_view bytes;
  int64_t pos = 0;
};

int ReadPacket(void* opaque, uint8_t* buf, int size) {
  auto* r = static_cast<MemoryReader*>(opaque);
  const int64_t left = static_cast<int64_t>(r->bytes.size()) - r->pos;
  if (left <= 0) return AVERROR_EOF;
  const int n = static_cast<int>(std::min<int64_t>(size, left));
  std::memcpy(buf, r->bytes.data() + r->pos, n);
  r->pos += n;
  return n;
}

int64_t SeekPacket(void* opaque, int64_t offset, int whence) {
  auto* r = static_cast<MemoryReader*>(opaque);
  const auto size = static_cast<int64_t>(r->bytes.size());
  whence &= ~AVSEEK_FORCE;
  int64_t to = 0;
  switch (whence) {
    case AVSEEK_SIZE:
      return size;
    case SEEK_SET:
      to = offset;
      break;
    case SEEK_CUR:
      to = r->pos + offset;
      break;
    case SEEK_END:
      to = size + offset;
      break;
    default:
      return AVERROR(EINVAL);
  }
  if (to < 0 || to > size) return AVERROR(EINVAL);
  r->pos = to;
  return to;
}

struct IoFree {
  void operator()(AVIOContext* io) const {
    if (io == nullptr) return;
    av_freep(&io->buffer);
    avio_context_free(&io);
  }
};
struct FormatFree {
  void operator()(AVFormatContext* f) const { avformat_close_input(&f); }
};
struct CodecFree {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct PacketFree {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct FrameFree {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct ScaleFree {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};

Status Refused(std::string detail) {
  return Status::Unprocessable("Validation failed: the video is not of a supported kind",
                               std::move(detail));
}
Status Unreadable(std::string detail) {
  return Status::Unprocessable("Validation failed: the video cannot be read", std::move(detail));
}

template <size_t N>
bool Among(const std::array<AVCodecID, N>& list, AVCodecID id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

struct Container {
  std::string_view content_type;
  std::string_view name;
  const char* demuxer;
  std::array<AVCodecID, 3> video;
  std::array<AVCodecID, 3> audio;
  std::string_view allowed;  // for the message
};

constexpr Container kContainers[] = {
    {"video/mp4",
     "mp4",
     "mp4",
     {AV_CODEC_ID_H264, AV_CODEC_ID_AV1, AV_CODEC_ID_H264},
     {AV_CODEC_ID_AAC, AV_CODEC_ID_MP3, AV_CODEC_ID_OPUS},
     "MP4 video may be H.264 or AV1, with AAC, MP3 or Opus sound"},
    {"video/webm",
     "webm",
     "webm",
     {AV_CODEC_ID_VP8, AV_CODEC_ID_VP9, AV_CODEC_ID_AV1},
     {AV_CODEC_ID_VORBIS, AV_CODEC_ID_OPUS, AV_CODEC_ID_OPUS},
     "WebM video may be VP8, VP9 or AV1, with Vorbis or Opus sound"},
};

// How far clockwise the stream's pictures are to be turned to be seen
// upright (0, 90, 180 or 270), from its display matrix: a phone filming
// upright stores its landscape sensor's pictures with a 90 degree turn.
int ClockwiseTurn(const AVStream* stream) {
  size_t size = 0;
  const uint8_t* matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
  if (matrix == nullptr || size < 9 * sizeof(int32_t)) return 0;
  // av_display_rotation_get: counterclockwise degrees; NaN for a matrix
  // that is no rotation.
  const double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
  if (std::isnan(ccw)) return 0;
  const int turn = static_cast<int>(std::lround(-ccw / 90.0)) * 90;
  return ((turn % 360) + 360) % 360;
}

// `rgb` (width x height, 3 bytes a pixel) turned `turn` degrees clockwise;
// width and height swapped for 90 and 270.
std::string TurnClockwise(const std::string& rgb, int& width, int& height, int turn) {
  if (turn == 0) return rgb;
  const int w = width, h = height;
  const bool swap = turn == 90 || turn == 270;
  const int out_w = swap ? h : w;
  std::string out(rgb.size(), '\0');
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int ox = x, oy = y;
      if (turn == 90) {
        ox = h - 1 - y;
        oy = x;
      } else if (turn == 180) {
        ox = w - 1 - x;
        oy = h - 1 - y;
      } else {  // 270
        ox = y;
        oy = w - 1 - x;
      }
      std::memcpy(&out[(static_cast<size_t>(oy) * out_w + ox) * 3],
                  &rgb[(static_cast<size_t>(y) * w + x) * 3], 3);
    }
  if (swap) std::swap(width, height);
  return out;
}

// The first picture of stream `index`, scaled to fit kPreviewSide and turned
// upright, as RGB.
Result<ProcessedImage> Poster(AVFormatContext* format, int index, int turn) {
  AVStream* stream = format->streams[index];
  const AVCodec* decoder = avcodec_find_decoder(stream->codecpar->codec_id);
  if (decoder == nullptr) return Unreadable("no decoder for its video");
  std::unique_ptr<AVCodecContext, CodecFree> codec(avcodec_alloc_context3(decoder));
  if (!codec || avcodec_parameters_to_context(codec.get(), stream->codecpar) < 0)
    return Unreadable("its video cannot be decoded");
  codec->thread_count = 1;
  if (avcodec_open2(codec.get(), decoder, nullptr) < 0)
    return Unreadable("its video cannot be decoded");
  std::unique_ptr<AVPacket, PacketFree> packet(av_packet_alloc());
  std::unique_ptr<AVFrame, FrameFree> frame(av_frame_alloc());
  if (!packet || !frame) return Status::Unavailable("Out of memory");
  bool got = false;
  bool flushed = false;
  for (int read = 0; !got && read < kMaxPosterPackets; ++read) {
    int r = av_read_frame(format, packet.get());
    if (r < 0) {
      if (flushed) break;
      avcodec_send_packet(codec.get(), nullptr);  // drain what is buffered
      flushed = true;
    } else {
      const bool ours = packet->stream_index == index;
      if (ours) avcodec_send_packet(codec.get(), packet.get());
      av_packet_unref(packet.get());
      if (!ours) continue;
    }
    got = avcodec_receive_frame(codec.get(), frame.get()) == 0;
  }
  if (!got || frame->width <= 0 || frame->height <= 0)
    return Unreadable("no picture could be decoded");
  const double scale =
      std::min(1.0, static_cast<double>(kPreviewSide) / std::max(frame->width, frame->height));
  const int w = std::max(1, static_cast<int>(frame->width * scale));
  const int h = std::max(1, static_cast<int>(frame->height * scale));
  std::unique_ptr<SwsContext, ScaleFree> scaler(
      sws_getContext(frame->width, frame->height, static_cast<AVPixelFormat>(frame->format), w, h,
                     AV_PIX_FMT_RGB24, SWS_BILINEAR, nullptr, nullptr, nullptr));
  if (!scaler) return Unreadable("its pictures cannot be converted");
  std::string rgb(static_cast<size_t>(w) * h * 3, '\0');
  uint8_t* planes[4] = {reinterpret_cast<uint8_t*>(rgb.data()), nullptr, nullptr, nullptr};
  int strides[4] = {w * 3, 0, 0, 0};
  if (sws_scale(scaler.get(), frame->data, frame->linesize, 0, frame->height, planes, strides) != h)
    return Unreadable("its pictures cannot be converted");
  int upright_w = w, upright_h = h;
  const std::string upright = TurnClockwise(rgb, upright_w, upright_h, turn);
  return PreviewFromPixels(upright, upright_w, upright_h);
}

}  // namespace

Result<ProbedVideo> ProbeVideo(std::string_view bytes, std::string_view content_type,
                               const VideoLimits& limits) {
  static const bool quiet = [] {
    av_log_set_level(AV_LOG_QUIET);  // damaged files are answered with 422
    return true;
  }();
  (void)quiet;
  const Container* container = nullptr;
  for (const auto& c : kContainers)
    if (c.content_type == content_type) container = &c;
  if (container == nullptr) return Refused("Atrium takes MP4 and WebM video");
  const AVInputFormat* demuxer = av_find_input_format(container->demuxer);
  if (demuxer == nullptr) return Unreadable("this server cannot read the container");

  MemoryReader reader{bytes, 0};
  auto* buffer = static_cast<unsigned char*>(av_malloc(kIoBufferBytes));
  if (buffer == nullptr) return Status::Unavailable("Out of memory");
  std::unique_ptr<AVIOContext, IoFree> io(
      avio_alloc_context(buffer, kIoBufferBytes, 0, &reader, ReadPacket, nullptr, SeekPacket));
  if (!io) {
    av_free(buffer);
    return Status::Unavailable("Out of memory");
  }
  AVFormatContext* raw = avformat_alloc_context();
  if (raw == nullptr) return Status::Unavailable("Out of memory");
  raw->pb = io.get();
  raw->flags |= AVFMT_FLAG_CUSTOM_IO;
  // On failure avformat_open_input frees the context itself.
  if (avformat_open_input(&raw, nullptr, demuxer, nullptr) < 0)
    return Unreadable("its container is damaged");
  std::unique_ptr<AVFormatContext, FormatFree> format(raw);
  if (avformat_find_stream_info(format.get(), nullptr) < 0)
    return Unreadable("its streams cannot be read");

  const int index = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index < 0) return Refused("the file has no video stream");
  ProbedVideo out;
  out.container = container->name;
  for (unsigned i = 0; i < format->nb_streams; ++i) {
    const AVCodecParameters* p = format->streams[i]->codecpar;
    if (p->codec_type == AVMEDIA_TYPE_AUDIO) {
      if (!Among(container->audio, p->codec_id))
        return Refused(
            fmt::format("its sound is {}: {}", avcodec_get_name(p->codec_id), container->allowed));
      if (out.audio_codec.empty()) out.audio_codec = avcodec_get_name(p->codec_id);
    }
  }
  AVStream* video = format->streams[index];
  const AVCodecParameters* vp = video->codecpar;
  if (!Among(container->video, vp->codec_id))
    return Refused(
        fmt::format("its video is {}: {}", avcodec_get_name(vp->codec_id), container->allowed));
  out.video_codec = avcodec_get_name(vp->codec_id);
  out.width = vp->width;
  out.height = vp->height;
  if (out.width <= 0 || out.height <= 0) return Unreadable("its pictures have no size");
  if (static_cast<int64_t>(out.width) * out.height > limits.max_frame_pixels)
    return Refused(fmt::format("its pictures may have at most {} pixels", limits.max_frame_pixels));
  // Sizes as the pictures are shown, which players do after the turn.
  const int turn = ClockwiseTurn(video);
  if (turn == 90 || turn == 270) std::swap(out.width, out.height);
  if (format->duration != AV_NOPTS_VALUE && format->duration > 0)
    out.duration_ms = format->duration / (AV_TIME_BASE / 1000);
  else if (video->duration != AV_NOPTS_VALUE && video->duration > 0)
    out.duration_ms = av_rescale_q(video->duration, video->time_base, AVRational{1, 1000});
  AVRational rate = video->avg_frame_rate.num > 0 ? video->avg_frame_rate : video->r_frame_rate;
  if (rate.num > 0 && rate.den > 0) {
    av_reduce(&rate.num, &rate.den, rate.num, rate.den, 1 << 20);
    out.frame_rate = fmt::format("{}/{}", rate.num, rate.den);
  }
  auto poster = Poster(format.get(), index, turn);
  if (!poster.ok()) return poster.status();
  out.poster = std::move(*poster);
  return out;
}

}  // namespace atrium
