// Stacks (a.toml+b.toml): the parts are compared beside the stack; two parts that touch different
// students add up exactly, two that touch the same students interact; overlapping keys and
// disagreeing causal shares are refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "models/io/input_error.h"
#include "models/studies/comparison.h"
#include "models/studies/run.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

std::string header(const std::string& name) {
  return "[scenario]\nname = \"" + name + "\"\ntitle = \"" + name + "\"\ndescription = \"d\"\n";
}

// Entree uitval of one stratum's students times rate; an assumed range when given.
std::string uitval(const std::string& record, const std::string& stratum, double rate, const std::string& range = "") {
  return "[modifier." + record + "]\nfrom = [\"entree_bol\", \"entree_bbl\", \"entree_examendeelnemer\"]\nstrata = [\"" +
         stratum + "\"]\nrisk = \"uitval\"\nrate = " + std::to_string(rate) + "\n" +
         (range.empty() ? "source = \"test\"\n" : "assumption = \"test\"\nrange = " + range + "\n");
}

models::ComparisonResult compare_stack(testing::TempDir& dir, const std::string& a, const std::string& b, int replications) {
  models::CompareRequest request;
  request.scenario_files = {dir.write("a.toml", a) + "+" + dir.write("b.toml", b)};
  request.options.students = 35000;
  request.options.replications = replications;
  request.options.threads = 2;
  return models::compare(request);
}

const models::Difference& row(const models::ScenarioComparison& sc, const std::string& population, const std::string& origin,
                              const std::string& measure, int h) {
  for (const auto& d : sc.differences)
    if (d.population == population && d.origin == origin && d.measure == measure && d.horizon_years == h) return d;
  FAIL("missing " << population << " " << origin << " " << measure);
  return sc.differences.front();
}

}  // namespace

TEST_CASE("a stack is compared beside its parts, which compare adds", "[compare][stack]") {
  testing::TempDir dir;
  const auto result = compare_stack(dir, header("a") + uitval("a_uitval", "pro", 0.7), header("b") + uitval("b_uitval", "vso", 0.7), 2);
  REQUIRE(result.scenarios.size() == 3);
  CHECK(result.scenarios[0].scenario.name == "a");
  CHECK(result.scenarios[1].scenario.name == "b");
  CHECK(result.scenarios[2].scenario.name == "a+b");
  CHECK(result.scenarios[2].scenario.part_names == std::vector<std::string>{"a", "b"});
  for (const auto& d : result.scenarios[0].differences) CHECK_FALSE(d.interaction);
  const std::string csv = models::comparison_csv(result);
  CHECK(csv.substr(0, csv.find('\n')).ends_with(",interaction,interaction_ci_low,interaction_ci_high"));
  // Every line has the header's 13 columns, also where the interaction is empty.
  std::size_t line_start = 0, lines = 0;
  for (std::size_t end = csv.find('\n'); end != std::string::npos; end = csv.find('\n', line_start = end + 1), ++lines)
    REQUIRE(std::count(csv.begin() + static_cast<std::ptrdiff_t>(line_start), csv.begin() + static_cast<std::ptrdiff_t>(end), ',') == 12);
  CHECK(lines > 3000);
}

TEST_CASE("two scenarios that touch different students have an interaction of exactly 0", "[compare][stack]") {
  testing::TempDir dir;
  // Pro students' entree uitval in one part, vso students' in the other, with drawn ranges.
  const auto result = compare_stack(dir, header("a") + uitval("a_uitval", "pro", 0.6, "[0.5, 1.5]"),
                                    header("b") + uitval("b_uitval", "vso", 0.6, "[0.5, 1.5]"), 4);
  const auto& stack = result.scenarios[2];
  CHECK(row(stack, "chain_leavers", "pro", "entree_diploma", 2).delta.mean != 0.0);
  CHECK(row(stack, "chain_leavers", "vso", "entree_diploma", 2).delta.mean != 0.0);
  std::size_t checked = 0;
  for (const auto& d : stack.differences) {
    REQUIRE(d.interaction);
    INFO(d.population << " " << d.origin << " " << d.measure << " " << d.horizon_years);
    CHECK(d.interaction->mean == 0.0);
    CHECK(d.interaction->low == 0.0);
    CHECK(d.interaction->high == 0.0);
    ++checked;
  }
  CHECK(checked > 1000);
}

TEST_CASE("two scenarios that touch the same students interact, with an interval", "[compare][stack]") {
  testing::TempDir dir;
  // Both halve the entree uitval of pro students: together a quarter, not a sum of two halves.
  const auto result = compare_stack(dir, header("a") + uitval("a_uitval", "pro", 0.5),
                                    header("b") + uitval("b_uitval", "pro", 0.5, "[0.9, 1.1]"), 8);
  const auto& d = row(result.scenarios[2], "chain_leavers", "pro", "entree_diploma", 2);
  REQUIRE(d.interaction);
  INFO("interaction " << d.interaction->mean << " (" << d.interaction->low << ", " << d.interaction->high << ")");
  CHECK(d.interaction->mean < 0.0);  // the second halving saves fewer students than the first
  CHECK(d.interaction->high < 0.0);
  CHECK(d.interaction->low < d.interaction->high);
  const std::string md = models::comparison_markdown(result, {});
  CHECK(md.find("**Samenspel**") != std::string::npos);
  CHECK(md.find("minder dan de losse maatregelen samen") != std::string::npos);
}

TEST_CASE("a stack refuses two parts that set the same key", "[compare][stack]") {
  testing::TempDir dir;
  const std::string a = dir.write("a.toml", header("a") + uitval("same", "pro", 0.5));
  const std::string b = dir.write("b.toml", header("b") + uitval("same", "vso", 0.5));
  try {
    (void)models::load(a + "+" + b, "");
    FAIL("accepted two parts that set the same key");
  } catch (const models::InputError& e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(what.find("modifier.same.from: set by both") != std::string::npos);
    CHECK(what.find(a) != std::string::npos);
    CHECK(what.find(b) != std::string::npos);
  }
}

TEST_CASE("a stack refuses parts with different causal shares", "[compare][stack]") {
  testing::TempDir dir;
  auto move = [&](const std::string& name, const std::string& route, const std::string& value) {
    return dir.write(name + ".toml", header(name) + "causal_share = { value = " + value +
                                         ", range = [0.0, 1.0], assumption = \"test\" }\n[route." + route +
                                         ".to]\nentree_bol = 0.5\nniveau2 = 0.5\n");
  };
  const std::string a = move("a", "pro_verlaten", "0.5"), b = move("b", "vso_verlaten", "0.3"), c = move("c", "vso_verlaten", "0.5");
  CHECK_THROWS_WITH(models::load(a + "+" + b, ""), Catch::Contains("share one causal share"));
  const models::Scenario same = models::load(a + "+" + c, "");
  REQUIRE(same.causal_share);
  CHECK(same.causal_share->value == 0.5);
}

TEST_CASE("a stack's causal share acts only on the distributions of the parts that state it", "[compare][stack]") {
  testing::TempDir dir;
  auto move = [&](const std::string& name, const std::string& route, bool causal) {
    return dir.write(name + ".toml", header(name) +
                                         (causal ? "causal_share = { value = 0.5, range = [0.0, 1.0], assumption = \"test\" }\n" : "") +
                                         "[route." + route + ".to]\nentree_bol = 0.5\nniveau2 = 0.5\n");
  };
  const models::Scenario stack = models::load(move("a", "pro_verlaten", true) + "+" + move("b", "vso_verlaten", false), "");
  REQUIRE(stack.causal_share);
  auto to = [&](const std::string& route) {
    for (const auto& r : stack.parameters.routes)
      if (r.name == route) return r.to;
    FAIL("no route " << route);
    return models::Shares{};
  };
  CHECK(to("vso_verlaten") == models::Shares{{"entree_bol", 0.5}, {"niveau2", 0.5}});  // as written
  CHECK(to("pro_verlaten") != models::Shares{{"entree_bol", 0.5}, {"niveau2", 0.5}});  // halfway from the base
  CHECK(to("pro_verlaten").size() > 2);
}
