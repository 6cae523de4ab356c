// MediaStore: where the bytes of media attachments live, each file named
// by the attachment's random file key and a variant ("original", "small").
// The rows that say whose a file is and which post it belongs to are in the
// store (store/media_records.h); nothing here decides who may read a file.
//
// FileMediaStore keeps the files in the data folder (media/attachments/),
// which in a cluster is the folder the nodes share, as for avatars. Another
// implementation (an S3-compatible object store) fits behind the same
// interface: Put uploads, Open hands back a readable local file (a cached
// download), Remove deletes the objects of a key.
//
// Implementations are safe for concurrent use: each Put writes new files.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace atrium {

// A file opened for reading; closes it when destroyed.
class MediaFile {
 public:
  MediaFile(int fd, int64_t size, int64_t modified_ms)
      : fd_(fd), size_(size), modified_ms_(modified_ms) {}
  ~MediaFile();
  MediaFile(const MediaFile&) = delete;
  MediaFile& operator=(const MediaFile&) = delete;

  int fd() const { return fd_; }
  int64_t size() const { return size_; }
  int64_t modified_ms() const { return modified_ms_; }
  // Up to `length` bytes from `offset`; 503 if the file cannot be read.
  Result<std::string> Read(int64_t offset, int64_t length) const;

 private:
  int fd_;
  int64_t size_;
  int64_t modified_ms_;
};

class MediaStore {
 public:
  virtual ~MediaStore() = default;
  // Writes `bytes` as the `variant` of `key`, durably (on disk when this
  // returns OK, so a row written after it never names a missing file).
  // 503 when it cannot be written; a partial file is never visible.
  virtual Status Put(std::string_view key, std::string_view variant, std::string_view bytes) = 0;
  // Opens the `variant` of `key`; kNotFound if there is none.
  virtual Result<std::shared_ptr<MediaFile>> Open(std::string_view key,
                                                  std::string_view variant) const = 0;
  // Removes every variant of `key`. Missing is fine.
  virtual void Remove(std::string_view key) = 0;
};

class FileMediaStore : public MediaStore {
 public:
  // Files go under `data_dir`/media/attachments.
  explicit FileMediaStore(const std::string& data_dir) : dir_(data_dir + "/media/attachments") {}
  Status Put(std::string_view key, std::string_view variant, std::string_view bytes) override;
  Result<std::shared_ptr<MediaFile>> Open(std::string_view key,
                                          std::string_view variant) const override;
  void Remove(std::string_view key) override;

 private:
  // The folder of `key` ("" for a key or variant that is not a plain name).
  std::string FolderOf(std::string_view key) const;
  std::string dir_;
};

}  // namespace atrium
