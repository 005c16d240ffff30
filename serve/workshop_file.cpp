#include "serve/workshop_file.h"

#include <stdexcept>

#include "models/io/json.h"

namespace doorstroom::serve {
namespace {

// Inside a <script> element the HTML parser ends the element at "</script" whatever the
// JavaScript around it means, and "<!--" changes how it looks for that end. Both can only occur
// in JavaScript strings, regular expressions or comments, where "<\/" and "<\!" mean the same.
std::string inert(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '<' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '!')) out += '\\';
  }
  return out;
}

}  // namespace

std::string workshop_html(std::string_view page, std::string_view module_js, const std::vector<ScenarioText>& scenarios) {
  const std::string_view anchor = "\n<script>\n";
  const std::size_t at = page.find(anchor);
  if (at == std::string_view::npos) throw std::runtime_error("workshop: the page has no <script> block to put the module before");
  std::string files = "[";
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    files += (i ? ",\n" : "") + std::string("{\"name\": ") + models::json_string(scenarios[i].name) +
             ", \"text\": " + models::json_string(scenarios[i].text) + "}";
  files += "]";
  std::string html(page.substr(0, at));
  html += "\n<script type=\"text/plain\" id=\"doorstroom-module\">";
  html += inert(module_js);
  html += "</script>\n<script type=\"application/json\" id=\"doorstroom-scenarios\">";
  // Every '<' of the JSON is inside a string, where \u003c means the same and cannot end the block.
  for (const char c : files) html += c == '<' ? std::string("\\u003c") : std::string(1, c);
  html += "</script>";
  html += page.substr(at);
  return html;
}

}  // namespace doorstroom::serve
