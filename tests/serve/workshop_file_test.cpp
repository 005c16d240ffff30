// workshop.html: the module and the scenario files go into the page as inert script blocks that
// no text inside them can end early.
#ifdef DOORSTROOM_WITH_SERVE
#include <catch2/catch.hpp>

#include "serve/workshop_file.h"

using namespace doorstroom;

TEST_CASE("workshop.html holds the module and the scenarios before the page's script", "[serve][workshop]") {
  const std::string page = "<html><body>\n<script>\nstart();\n</script></body></html>";
  const std::string html = serve::workshop_html(page, "var s = '</script><!--';", {{"a.toml", "title = \"x </script> y\""}});
  const auto module = html.find("<script type=\"text/plain\" id=\"doorstroom-module\">");
  const auto scenarios = html.find("<script type=\"application/json\" id=\"doorstroom-scenarios\">");
  const auto main = html.find("\n<script>\nstart();");
  REQUIRE(module != std::string::npos);
  REQUIRE(scenarios != std::string::npos);
  CHECK(module < scenarios);
  CHECK(scenarios < main);
  // Exactly the three closing tags we wrote: nothing inside ends a block early.
  std::size_t closes = 0;
  for (auto at = html.find("</script"); at != std::string::npos; at = html.find("</script", at + 1)) ++closes;
  CHECK(closes == 3);
  CHECK(html.find("<!--") == std::string::npos);
  CHECK(html.find("var s = '<\\/script><\\!--';") != std::string::npos);
  CHECK(html.find("x \\u003c/script> y") != std::string::npos);
  CHECK_THROWS_WITH(serve::workshop_html("<html></html>", "", {}), Catch::Contains("no <script> block"));
}
#endif
