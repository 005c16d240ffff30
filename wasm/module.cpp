// The WebAssembly module behind workshop.html: the same Workshop as `doorstroom serve`
// (serve/workshop.h), called from the page's Web Worker instead of over HTTP. The worker writes
// the scenario files into Emscripten's in-memory file system, calls dw_init once with their
// paths, then dw_compare per redraw. Both return JSON text: what /api/scenarios and /api/compare
// return, or {"error": "..."} with the same messages.
#include <emscripten/emscripten.h>

#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "models/io/json.h"
#include "serve/library.h"
#include "serve/limits.h"
#include "serve/workshop.h"

namespace {

using doorstroom::serve::ServeLimits;
using doorstroom::serve::Workshop;

// The browser runs one simulation at a time on one thread; the page offers 10,000 to 400,000
// students per variant and starts at 50,000, which redraws well within a second.
ServeLimits browser_limits() {
  ServeLimits limits;
  limits.default_students = 50000;
  limits.threads = 1;
  limits.max_seconds = 1e9;  // the worker can be replaced by the page; nothing to stop here
  return limits;
}

// The loaded workshop and the text last handed to JavaScript. A C interface cannot return an
// owned string, so the module keeps it until the next call; the worker copies it at once.
struct Session {
  std::unique_ptr<Workshop> workshop;
  std::string reply;
};
Session& session() {
  static Session s;
  return s;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

const char* reply(std::string text) {
  session().reply = std::move(text);
  return session().reply.c_str();
}

const char* error_reply(const std::string& message) {
  return reply("{\"error\": " + doorstroom::models::json_string(message) + "}");
}

}  // namespace

extern "C" {

// files: scenario file paths (in the in-memory file system), one per line. Returns the picker's
// JSON (scenarios, titles, descriptions, sliders).
EMSCRIPTEN_KEEPALIVE const char* dw_init(const char* files) {
  try {
    const auto scenarios = doorstroom::serve::workshop_library(lines(files), "/");
    session().workshop = std::make_unique<Workshop>(scenarios.front(), scenarios);
    return reply(session().workshop->scenarios_json(browser_limits()));
  } catch (const std::exception& e) {
    return error_reply(e.what());
  }
}

// query: "key<TAB>value" lines, as the page's URL settings (scenario, students, seed, sliders).
EMSCRIPTEN_KEEPALIVE const char* dw_compare(const char* query) {
  if (!session().workshop) return error_reply("dw_init was not called");
  try {
    std::vector<std::pair<std::string, std::string>> params;
    for (const auto& line : lines(query)) {
      const auto tab = line.find('\t');
      params.emplace_back(line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1));
    }
    const Workshop& w = *session().workshop;
    return reply(w.compare_json(w.parse_query(params, browser_limits()), browser_limits()));
  } catch (const std::exception& e) {
    return error_reply(e.what());
  }
}

}  // extern "C"
