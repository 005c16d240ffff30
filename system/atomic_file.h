#pragma once
// Writing results so that a reader, or the next run after a crash or `kill -9`, sees either the
// old complete result or the new complete result, never a half-written or mixed one.
//
// One file: write to a temporary name in the same directory, flush to disk, then rename over the
// target (rename is atomic within one file system).
//
// A folder of files that belong together (a run's manifest and tables): renaming the files one by
// one would leave old and new files side by side if the process died between two renames. So the
// whole folder is written as a hidden sibling `.NAME.tmp-PID`, flushed, and swapped in with one
// rename (renameat2 RENAME_EXCHANGE when the target exists; where the file system lacks it, the old
// folder is first moved aside, so a crash then leaves no folder rather than a mixed one). Entries of
// the old folder that the caller does not claim (a report's figures/) are hard-linked into the new
// one first, so they survive the swap. Hidden siblings left by a killed process are removed by the
// next write to the same target; readers never look at them.
//
// Errors name the file and the cause; a full disk or a file size limit says so, and states that the
// previous result is unchanged (it is: the target is only touched by the final rename).
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace doorstroom::system {

namespace detail {

// strerror plus what it means for a user who sees it after a result was not written.
inline std::string describe_errno(int error) {
  std::string reason = std::strerror(error);
  if (error == ENOSPC || error == EDQUOT) reason += " (no space left on the disk)";
  if (error == EFBIG) reason += " (file too large: a file size limit, ulimit -f, was reached)";
  return reason;
}

// Writes and flushes one file; `shown` is the name used in an error message.
inline void write_and_sync(const std::filesystem::path& path, std::string_view content, const std::string& shown) {
  auto fail = [&](const std::string& what, int error) {
    ::unlink(path.c_str());
    throw std::runtime_error("cannot write " + shown + ": " + what + ": " + describe_errno(error));
  };
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create temporary file", errno);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;  // close() may change errno
      ::close(fd);
      fail("write failed", error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    fail("fsync failed", error);
  }
  if (::close(fd) != 0) fail("close failed", errno);
}

// Flushes a directory's entries (new names, renames) to disk. Best effort: some file systems
// refuse fsync on a directory, and the data itself is already flushed.
inline void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// A hidden sibling `.NAME.KIND-PID` of a folder target.
inline std::filesystem::path sibling(const std::filesystem::path& target, const char* kind, long pid) {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "." + std::string here.
  std::string name = ".";
  name.append(target.filename().string()).append(".").append(kind).append("-").append(std::to_string(pid));
  return target.parent_path() / name;
}

// Removes hidden siblings of `target` left by processes that no longer run (or by an earlier
// process that had our pid: ours do not exist yet).
inline void remove_stale_siblings(const std::filesystem::path& target) {
  const std::string name = target.filename().string();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(target.parent_path(), ec)) {
    const std::string s = entry.path().filename().string();
    for (const std::string& prefix : {std::string(".").append(name).append(".tmp-"), std::string(".").append(name).append(".old-")}) {
      if (s.size() <= prefix.size() || s.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string digits = s.substr(prefix.size());
      if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
      const long pid = std::stol(digits);
      const bool alive = pid != static_cast<long>(::getpid()) && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
      std::error_code ignored;
      if (!alive) std::filesystem::remove_all(entry.path(), ignored);
    }
  }
}

// Removes a folder when it goes out of scope, unless released.
class FolderGuard {
 public:
  explicit FolderGuard(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ~FolderGuard() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  FolderGuard(const FolderGuard&) = delete;
  FolderGuard& operator=(const FolderGuard&) = delete;
  void release() { dir_.clear(); }

 private:
  std::filesystem::path dir_;
};

// Swaps two paths in one step where the system can (Linux renameat2). Elsewhere, such as the
// WebAssembly build's in-memory file system, it fails with ENOSYS and the caller falls back to
// two renames.
inline int exchange_paths(const char* a, const char* b) {
#ifdef RENAME_EXCHANGE
  return ::renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
  (void)a, (void)b;
  errno = ENOSYS;
  return -1;
#endif
}

}  // namespace detail

inline void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
  const std::filesystem::path tmp =
      target.string() + ".tmp-" + std::to_string(static_cast<long>(::getpid()));
  detail::write_and_sync(tmp, content, target.string());
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot write " + target.string() + ": rename failed: " + detail::describe_errno(error));
  }
}

struct FolderFile {
  std::string name;     // a plain file name inside the folder
  std::string content;
};

// Replaces the folder `target` by one holding `files`, as a whole (see the top of this file).
// `carry_over(name)` says whether an entry of the old folder that is not among `files` is kept
// (empty: every such entry is kept).
inline void write_folder_atomically(const std::filesystem::path& target_in, const std::vector<FolderFile>& files,
                                    const std::function<bool(const std::string&)>& carry_over) {
  namespace fs = std::filesystem;
  fs::path target = fs::absolute(target_in).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/run/" and "out/run/."
  if (fs::is_symlink(target)) target = fs::canonical(target);  // swap the folder, not the link
  const std::string shown = target_in.string();
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw std::runtime_error("cannot create output folder '" + target.parent_path().string() + "': " + ec.message());
  const bool had_old = fs::exists(target);
  if (had_old && !fs::is_directory(target))
    throw std::runtime_error("cannot create output folder '" + shown + "': a file of that name exists");

  detail::remove_stale_siblings(target);
  const long pid = static_cast<long>(::getpid());
  const fs::path tmp = detail::sibling(target, "tmp", pid);
  if (::mkdir(tmp.c_str(), 0755) != 0)
    throw std::runtime_error("cannot create output folder '" + shown + "': cannot create " + tmp.string() + ": " +
                             detail::describe_errno(errno));
  detail::FolderGuard guard(tmp);
  for (const auto& f : files)
    detail::write_and_sync(tmp / f.name, f.content, (fs::path(shown) / f.name).string());
  if (had_old) {
    fs::permissions(tmp, fs::status(target).permissions(), ec);
    for (const auto& entry : fs::directory_iterator(target)) {
      const std::string name = entry.path().filename().string();
      bool ours = false;
      for (const auto& f : files) ours = ours || f.name == name;
      if (ours || (carry_over && !carry_over(name))) continue;
      // Hard links: nothing is copied, and the old folder keeps its entries until the swap.
      fs::copy(entry.path(), tmp / name, fs::copy_options::recursive | fs::copy_options::create_hard_links, ec);
      if (ec) fs::copy(entry.path(), tmp / name, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
      if (ec)
        throw std::runtime_error("cannot write " + shown + ": cannot keep " + name + " from the previous folder: " + ec.message());
    }
  }
  detail::sync_directory(tmp);

  auto rename_failed = [&](int error) {
    return std::runtime_error("cannot write " + shown + ": rename failed: " + detail::describe_errno(error));
  };
  bool swapped = false;
  if (!had_old) {
    if (::rename(tmp.c_str(), target.c_str()) == 0) {
      guard.release();
      swapped = true;
    } else if (errno != EEXIST && errno != ENOTEMPTY) {  // else another process made it meanwhile
      throw rename_failed(errno);
    }
  }
  if (!swapped && detail::exchange_paths(tmp.c_str(), target.c_str()) == 0) {
    // tmp now holds the old folder; the guard removes it.
  } else if (!swapped && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)) {
    // No atomic exchange on this file system: move the old folder aside first, so a crash in
    // between leaves no folder (and the old one hidden beside it), never a mixed one.
    const fs::path old = detail::sibling(target, "old", pid);
    if (::rename(target.c_str(), old.c_str()) != 0) throw rename_failed(errno);
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
      const int error = errno;
      ::rename(old.c_str(), target.c_str());  // put the previous result back
      throw rename_failed(error);
    }
    guard.release();
    fs::remove_all(old, ec);
  } else if (!swapped) {
    throw rename_failed(errno);
  }
  detail::sync_directory(target.parent_path());
}

}  // namespace doorstroom::system
