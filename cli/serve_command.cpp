// `doorstroom serve`: the workshop page on this machine. Built without cpp-httplib the command
// still parses its options, then says how to get it.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "cli/command.h"
#include "cli/common_options.h"
#include "models/io/input_error.h"
#include "serve/limits.h"
#ifdef DOORSTROOM_WITH_SERVE
#include "serve/library.h"
#include "serve/server.h"
#include "serve/workshop.h"
#endif

namespace doorstroom::cli {
namespace {

struct ServeSettings {
  std::vector<std::string> files;  // empty: the source tree's scenarios/ folder
  std::string host = "127.0.0.1";
  int port = 8080;
  serve::ServeLimits limits;
};

#ifdef DOORSTROOM_WITH_SERVE
serve::ServeLimits checked_limits(serve::ServeLimits limits) {
  if (limits.default_students > limits.max_students)
    throw models::InputError("serve: --students " + std::to_string(limits.default_students) + " is above --max-students " +
                             std::to_string(limits.max_students));
  limits.min_students = std::min(limits.min_students, limits.default_students);
  return limits;
}

int serve_workshop(const ServeSettings& settings, const Context& context) {
  const serve::ServeLimits limits = checked_limits(settings.limits);
  const std::vector<models::Scenario> scenarios = serve::workshop_library(settings.files, DOORSTROOM_SOURCE_DIR);
  const serve::Workshop workshop(scenarios.front(), scenarios);
  const std::string& host = settings.host;
  serve::WorkshopServer server(workshop, {host, settings.port, limits, !context.quiet});
  const int port = server.bind();
  if (host != "127.0.0.1" && host != "localhost" && host != "::1")
    std::fprintf(stderr, "doorstroom: warning: listening on %s, so other machines can reach this page\n", host.c_str());
  std::fprintf(stderr, "doorstroom: workshop page with %zu scenarios at http://%s:%d/ (Ctrl-C stops)\n", scenarios.size(),
               host.c_str(), port);
  server.listen();
  return 0;
}
#else
int serve_workshop(const ServeSettings&, const Context&) {
  throw std::runtime_error("serve: this doorstroom was built without cpp-httplib; run 'make deps' and build again");
}
#endif

}  // namespace

Command add_serve_command(CLI::App& app, bool& quiet) {
  auto settings = std::make_shared<ServeSettings>();
  serve::ServeLimits& limits = settings->limits;
  CLI::App* cmd = app.add_subcommand("serve", "A workshop page on this machine: pick a scenario, move the assumptions, see the outcomes change");
  cmd->add_option("scenarios", settings->files, "Scenario files to offer (default: every file in the source tree's scenarios/ folder)");
  cmd->add_option("--host", settings->host, "Address to listen on; anything but 127.0.0.1 opens the page to the network")
      ->capture_default_str();
  cmd->add_option("--port", settings->port, "Port (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
  // Not the common --students: students per workshop variant, bounded to keep a request short.
  cmd->add_option("--students", limits.default_students, "Students per variant when the page asks for none")
      ->check(CLI::Range(std::uint64_t{1000}, std::uint64_t{10000000}))
      ->capture_default_str();
  cmd->add_option("--max-students", limits.max_students, "Most students per variant a request may ask for")
      ->check(CLI::Range(std::uint64_t{1000}, std::uint64_t{10000000}))
      ->capture_default_str();
  cmd->add_option("--max-seconds", limits.max_seconds, "A simulation running longer is stopped (503)")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  add_threads(*cmd, limits.threads, "Simulation threads per request")->capture_default_str();
  add_quiet(*cmd, quiet, "No line per request on stderr");
  return {cmd, false, [settings](const Context& context) { return serve_workshop(*settings, context); }};
}

}  // namespace doorstroom::cli
