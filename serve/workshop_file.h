#pragma once
// workshop.html: the workshop page (serve/page.html) made self-contained for a browser with
// nothing installed. The simulation compiled to WebAssembly (wasm/, doorstroom_wasm.js with the
// module inside) and the text of every scenario file are put into the page as inert script
// blocks; the page starts them in a Web Worker instead of asking a server.
#include <string>
#include <string_view>
#include <vector>

namespace doorstroom::serve {

struct ScenarioText {
  std::string name;  // file name, e.g. "loopbaancoach.toml"
  std::string text;  // the whole TOML file
};

// page: the served page; module_js: Emscripten's output. Throws std::runtime_error when the page
// has no place for them (its main <script> is missing).
std::string workshop_html(std::string_view page, std::string_view module_js, const std::vector<ScenarioText>& scenarios);

}  // namespace doorstroom::serve
