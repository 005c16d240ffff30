// `doorstroom workshop --out DIR`: writes DIR/workshop.html, the workshop page with the
// simulation compiled to WebAssembly and the scenario library inside, for any browser with
// nothing installed. Needs the `wasm` target built (Emscripten); without it the command says so.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "cli/command.h"
#include "cli/common_options.h"
#include "models/chain/scenario.h"
#include "models/studies/run.h"
#ifdef DOORSTROOM_WITH_SERVE
#include "serve/library.h"
#include "serve/server.h"
#include "serve/workshop_file.h"
#endif
#include "system/atomic_file.h"

namespace doorstroom::cli {
namespace {

struct WorkshopSettings {
  std::vector<std::string> files;  // empty: every file in the source tree's scenarios/ folder
  std::string out = "out/workshop";
};

#if defined(DOORSTROOM_WITH_SERVE) && defined(DOORSTROOM_WASM_JS)
int write_workshop(const WorkshopSettings& settings, const Context& context) {
  const std::string module_js = models::read_text_file(DOORSTROOM_WASM_JS, "the WebAssembly module (build the 'wasm' target)");
  const auto files = settings.files.empty() ? serve::scenario_files(std::filesystem::path(DOORSTROOM_SOURCE_DIR) / "scenarios")
                                            : settings.files;
  std::vector<serve::ScenarioText> scenarios;
  for (const auto& file : files) {
    models::load(file, "");  // a broken file fails here, naming itself, not later in the browser
    scenarios.push_back({std::filesystem::path(file).filename().string(), models::read_text_file(file, "scenario")});
  }
  const std::string html = serve::workshop_html(serve::workshop_page(), module_js, scenarios);
  std::filesystem::create_directories(settings.out);
  const auto target = std::filesystem::path(settings.out) / "workshop.html";
  system::write_file_atomically(target, html);
  if (!context.quiet)
    std::fprintf(stderr, "doorstroom: %s (%.2f MB, %zu scenarios); open it in any browser, no server needed\n",
                 target.string().c_str(), static_cast<double>(html.size()) / 1e6, scenarios.size());
  return 0;
}
#else
int write_workshop(const WorkshopSettings&, const Context&) {
  throw std::runtime_error("workshop: this doorstroom was built without the WebAssembly module (Emscripten) or cpp-httplib; "
                           "run 'make deps' and build again");
}
#endif

}  // namespace

Command add_workshop_command(CLI::App& app, bool& quiet) {
  auto settings = std::make_shared<WorkshopSettings>();
  CLI::App* cmd = app.add_subcommand("workshop", "Write workshop.html: the workshop page running in the browser (WebAssembly), no server");
  cmd->add_option("scenarios", settings->files, "Scenario files to offer (default: every file in the source tree's scenarios/ folder)");
  cmd->add_option("--out", settings->out, "Folder for workshop.html")->capture_default_str();
  add_quiet(*cmd, quiet, "Print nothing on success");
  return {cmd, false, [settings](const Context& context) { return write_workshop(*settings, context); }};
}

}  // namespace doorstroom::cli
