// Faults a user meets: the command killed with SIGKILL while it writes, and a full disk or a file
// size limit. The built binary runs as a child process; the checks are on what it leaves behind.
// docs/reliability.md lists these faults and the results.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <thread>
#include <vector>

#include "tests/test_support.h"

using namespace doorstroom;
namespace fs = std::filesystem;

namespace {

// A child running the built binary with `args`; stdout and stderr go to `log`. A nonzero
// `file_size_limit` (bytes) is set with setrlimit(RLIMIT_FSIZE) in the child before exec.
pid_t spawn(const std::vector<std::string>& args, const std::string& log, rlim_t file_size_limit = 0) {
  std::vector<std::string> argv_text = {DOORSTROOM_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    if (file_size_limit > 0) {
      const rlimit limit{file_size_limit, file_size_limit};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// The exit code, or -signal when a signal ended the child.
int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

int run_to_end(const std::vector<std::string>& args, const std::string& log, rlim_t file_size_limit = 0) {
  return wait_for(spawn(args, log, file_size_limit));
}

// Every regular file under `dir`, by relative path, with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = testing::read_file(e.path().string());
  return files;
}

// A run folder is complete when it holds exactly its manifest and the files the manifest lists,
// each whole (text that ends in a newline).
bool complete_folder(const std::map<std::string, std::string>& files, const char* must_hold) {
  const auto manifest = files.find("manifest.json");
  if (manifest == files.end() || manifest->second.empty() || manifest->second.back() != '\n') return false;
  const std::string& m = manifest->second;
  const auto key = m.find("\"files\": [");
  if (key == std::string::npos) return false;
  std::size_t listed = 0;
  for (auto open = m.find('"', key + 9); open < m.find(']', key); open = m.find('"', m.find('"', open + 1) + 1)) {
    const std::string name = m.substr(open + 1, m.find('"', open + 1) - open - 1);
    const auto f = files.find(name);
    if (f == files.end() || f->second.empty() || f->second.back() != '\n') return false;
    ++listed;
  }
  return listed >= 2 && files.size() == listed + 1 && files.count(must_hold) == 1;
}

bool complete_run(const std::map<std::string, std::string>& files) { return complete_folder(files, "outcomes.csv"); }

// Hidden siblings `.NAME.tmp-PID` / `.NAME.old-PID` that a killed writer left next to `target`.
std::vector<fs::path> hidden_siblings(const fs::path& target) {
  std::vector<fs::path> found;
  const std::string prefix = std::string(".").append(target.filename().string()).append(".");
  for (const auto& e : fs::directory_iterator(target.parent_path()))
    if (e.path().filename().string().rfind(prefix, 0) == 0) found.push_back(e.path());
  return found;
}

std::vector<std::string> run_args(const std::string& out, const std::string& seed) {
  return {"run", "--students", "700", "--replications", "2", "--threads", "1", "--quiet", "--seed", seed, "--out", out};
}

// Waits (polling every millisecond, at most 60 s) until `ready()` or the child has exited.
template <class Ready>
void poll_until(pid_t pid, Ready ready) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!ready() && std::chrono::steady_clock::now() < give_up) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid != 0)
      return;  // exited (left waitable for wait_for)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

bool has_entries(const fs::path& dir, std::size_t n) {
  std::error_code ec;
  std::size_t count = 0;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++count;
  return !ec && count >= n;
}

}  // namespace

TEST_CASE("run killed with SIGKILL leaves the previous folder or a complete new one, never a mix", "[cli][faults]") {
  testing::TempDir dir;
  const fs::path out = dir.path() / "out";
  const std::string log = dir.file("log");
  REQUIRE(run_to_end(run_args(out.string(), "1"), log) == 0);
  auto previous = snapshot(out);
  REQUIRE(complete_run(previous));

  // Moments to kill at, each found by polling what the writer has made so far.
  const std::vector<std::pair<std::string, std::function<bool()>>> moments = {
      {"at once", [] { return true; }},
      {"when the hidden folder appears", [&] { return hidden_siblings(out).size() == 1; }},
      {"after its first file", [&] { auto h = hidden_siblings(out); return h.size() == 1 && has_entries(h[0], 1); }},
      {"after its third file", [&] { auto h = hidden_siblings(out); return h.size() == 1 && has_entries(h[0], 3); }},
      {"when the folder changes",
       [&] { return testing::read_file((out / "manifest.json").string()) != previous.at("manifest.json"); }},
  };
  int kept_old = 0;
  for (const auto& [when, ready] : moments) {
    INFO("killed " << when);
    const pid_t pid = spawn(run_args(out.string(), "2"), log);
    poll_until(pid, ready);
    ::kill(pid, SIGKILL);
    wait_for(pid);
    const auto now = snapshot(out);
    const bool old_intact = now == previous;
    const bool complete_new = complete_run(now) && now.at("outcomes.csv") != previous.at("outcomes.csv");
    CHECK((old_intact || complete_new));
    if (complete_new) {
      // A new folder must be the new run's whole output, not new tables under an old manifest.
      CHECK(now.at("manifest.json").find("--seed 2") != std::string::npos);
      REQUIRE(run_to_end(run_args(out.string(), "1"), log) == 0);  // back to a seed-1 result
      REQUIRE(snapshot(out).at("outcomes.csv") == previous.at("outcomes.csv"));
      previous = snapshot(out);  // its manifest has a new time
    } else {
      ++kept_old;
    }
  }
  // "at once" always keeps the old folder; the kills are not all too late to matter.
  CHECK(kept_old >= 1);

  // A later run removes what the killed writers left and writes a complete folder.
  REQUIRE(run_to_end(run_args(out.string(), "2"), log) == 0);
  CHECK(complete_run(snapshot(out)));
  CHECK(hidden_siblings(out).empty());
}

TEST_CASE("compare killed with SIGKILL leaves the previous folder or a complete new one", "[cli][faults]") {
  testing::TempDir dir;
  const fs::path out = dir.path() / "cmp";
  const std::string log = dir.file("log");
  auto compare_args = [&](const std::string& seed) {
    return std::vector<std::string>{"compare", std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios/baseline.toml",
                                    std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios/meer_bbl.toml", "--students", "700",
                                    "--replications", "2", "--threads", "1", "--quiet", "--seed", seed, "--out", out.string()};
  };
  REQUIRE(run_to_end(compare_args("1"), log) == 0);
  auto previous = snapshot(out);
  REQUIRE(complete_folder(previous, "comparison.csv"));
  const std::vector<std::pair<std::string, std::function<bool()>>> moments = {
      {"after the first file of its hidden folder",
       [&] { auto h = hidden_siblings(out); return h.size() == 1 && has_entries(h[0], 1); }},
      {"when a file in the folder changes",
       [&] { return testing::read_file((out / "comparison.csv").string()) != previous.at("comparison.csv"); }},
  };
  for (const auto& [when, ready] : moments) {
    INFO("killed " << when);
    const pid_t pid = spawn(compare_args("2"), log);
    poll_until(pid, ready);
    ::kill(pid, SIGKILL);
    wait_for(pid);
    const auto now = snapshot(out);
    CHECK((now == previous ||
           (complete_folder(now, "comparison.csv") && now.at("manifest.json").find("--seed 2") != std::string::npos)));
    REQUIRE(run_to_end(compare_args("1"), log) == 0);  // a seed-1 folder again for the next moment
    previous = snapshot(out);
  }
}

TEST_CASE("a stale hidden folder of a killed writer is ignored by readers and removed by the next run", "[cli][faults]") {
  testing::TempDir dir;
  const fs::path out = dir.path() / "out";
  const std::string log = dir.file("log");
  // A pid that is certainly not running: a child that has exited and been reaped.
  const pid_t dead = spawn({"--version"}, log);
  wait_for(dead);
  const fs::path stale = dir.path() / std::string(".out.tmp-").append(std::to_string(dead));
  fs::create_directories(stale);
  std::ofstream(stale / "outcomes.csv") << "half";
  REQUIRE(run_to_end(run_args(out.string(), "1"), log) == 0);
  CHECK(complete_run(snapshot(out)));
  CHECK_FALSE(fs::exists(stale));
}

TEST_CASE("a rerun keeps files beside the result and drops the previous result's own files", "[cli][faults]") {
  testing::TempDir dir;
  const fs::path out = dir.path() / "out";
  const std::string log = dir.file("log");
  REQUIRE(run_to_end(run_args(out.string(), "1"), log) == 0);
  // What `doorstroom report` or a user puts next to a run, and a file an earlier version listed.
  fs::create_directories(out / "figures");
  std::ofstream(out / "figures" / "flows.svg") << "<svg/>\n";
  std::ofstream(out / "notes.txt") << "mine\n";
  std::string manifest = testing::read_file((out / "manifest.json").string());
  manifest.replace(manifest.find("\"files\": ["), 10, "\"files\": [\"old_table.csv\", ");
  std::ofstream(out / "manifest.json") << manifest;
  std::ofstream(out / "old_table.csv") << "stale\n";

  REQUIRE(run_to_end(run_args(out.string(), "2"), log) == 0);
  auto now = snapshot(out);
  CHECK(now.count("old_table.csv") == 0);
  CHECK(now.erase("figures/flows.svg") == 1);
  CHECK(now.erase("notes.txt") == 1);
  CHECK(complete_run(now));
}

TEST_CASE("sweep killed with SIGKILL leaves no partial file, and resuming gives the uninterrupted result", "[cli][faults]") {
  testing::TempDir dir;
  const std::string log = dir.file("log");
  auto sweep_args = [](const std::string& out) {
    return std::vector<std::string>{"sweep", "--grid", "route.niveau2_uitval.rates[0]=0.10,0.14,0.18,0.22",
                                    "--measure", "chain_leavers/all/mbo2_diploma/5", "--students", "700",
                                    "--replications", "2", "--threads", "1", "--quiet", "--out", out};
  };
  const fs::path whole = dir.path() / "whole";
  REQUIRE(run_to_end(sweep_args(whole.string()), log) == 0);
  const auto reference = snapshot(whole);
  REQUIRE(reference.count("sweep.csv") == 1);
  REQUIRE(reference.count("points/p000003.csv") == 1);

  const fs::path killed = dir.path() / "killed";
  for (std::size_t points_before_kill : {0, 1, 2}) {
    INFO("killed after " << points_before_kill << " point files");
    const pid_t pid = spawn(sweep_args(killed.string()), log);
    poll_until(pid, [&] { return has_entries(killed / "points", points_before_kill); });
    ::kill(pid, SIGKILL);
    wait_for(pid);
    // Whatever exists under its real name is whole: byte-identical to the uninterrupted sweep.
    for (const auto& [name, bytes] : snapshot(killed)) {
      if (name.find(".tmp-") != std::string::npos) continue;  // a temporary name, never read
      INFO(name);
      REQUIRE(reference.count(name) == 1);
      CHECK(bytes == reference.at(name));
    }
  }
  REQUIRE(run_to_end(sweep_args(killed.string()), log) == 0);
  const auto resumed = snapshot(killed);
  CHECK(resumed.at("sweep.csv") == reference.at("sweep.csv"));
  for (int p = 0; p < 4; ++p) {
    const std::string name = std::string("points/p00000").append(std::to_string(p)).append(".csv");
    CHECK(resumed.at(name) == reference.at(name));
  }
}

TEST_CASE("a file size limit gives a clear error, a nonzero exit and the previous result intact", "[cli][faults]") {
  testing::TempDir dir;
  const fs::path out = dir.path() / "out";
  const std::string log = dir.file("log");
  REQUIRE(run_to_end(run_args(out.string(), "1"), log) == 0);
  const auto previous = snapshot(out);
  // outcomes.csv is over a megabyte; 100 kB stops its write with EFBIG (SIGXFSZ is ignored).
  const int code = run_to_end(run_args(out.string(), "2"), log, 100 * 1024);
  CHECK(code == 1);
  const std::string message = testing::read_file(log);
  CHECK(message == std::string("doorstroom: error: cannot write ").append((out / "outcomes.csv").string()) +
                       ": write failed: File too large (file too large: a file size limit, ulimit -f, was reached)\n");
  CHECK(snapshot(out) == previous);
  CHECK(hidden_siblings(out).empty());
}

TEST_CASE("a full disk gives a clear error, a nonzero exit and the previous result intact", "[cli][faults]") {
  testing::TempDir dir;
  const fs::path disk = dir.path() / "disk";
  fs::create_directories(disk);
  // Room for one run folder (about 1.6 MB) but not for a second beside it.
  if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=2500k") != 0) {
    WARN("not tested: cannot mount a small tmpfs here (needs root): " << std::strerror(errno));
    return;
  }
  struct Unmount {
    fs::path at;
    ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
  } unmount{disk};
  const fs::path out = disk / "out";
  const std::string log = dir.file("log");
  REQUIRE(run_to_end(run_args(out.string(), "1"), log) == 0);
  const auto previous = snapshot(out);
  const int code = run_to_end(run_args(out.string(), "2"), log);
  CHECK(code == 1);
  const std::string message = testing::read_file(log);
  CHECK(message.rfind(std::string("doorstroom: error: cannot write ").append(out.string()).append("/"), 0) == 0);
  CHECK(message.find("No space left on device (no space left on the disk)\n") != std::string::npos);
  CHECK(snapshot(out) == previous);
  CHECK(hidden_siblings(out).empty());
}
