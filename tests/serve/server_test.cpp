// The workshop server over real HTTP on loopback: what it serves, and what it refuses.
#ifdef DOORSTROOM_WITH_SERVE
#include <httplib.h>

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "models/studies/run.h"
#include "serve/result_cache.h"
#include "serve/server.h"

using namespace doorstroom;

namespace {

// A server on a free loopback port for the length of a test.
class RunningServer {
 public:
  explicit RunningServer(serve::ServeLimits limits = {}) {
    static const serve::Workshop workshop = [] {
      const models::Scenario base = models::load("", "");
      return serve::Workshop(base, {base, models::load(std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios/warme_overdracht.toml", "")});
    }();
    serve::ServeOptions options;
    options.port = 0;
    options.limits = limits;
    options.log_requests = false;
    server_ = std::make_unique<serve::WorkshopServer>(workshop, options);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->listen(); });
  }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }

 private:
  std::unique_ptr<serve::WorkshopServer> server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("serve binds to loopback unless told otherwise", "[serve]") {
  CHECK(serve::ServeOptions{}.host == "127.0.0.1");
}

TEST_CASE("serve answers with its page, the scenario list and a comparison", "[serve]") {
  RunningServer running;
  auto client = running.client();
  const auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->body.find("<title>doorstroom: workshop</title>") != std::string::npos);
  CHECK(page->body == std::string(serve::workshop_page()));
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);

  const auto list = client.Get("/api/scenarios");
  REQUIRE(list);
  CHECK(list->status == 200);
  CHECK(list->body.find("\"name\": \"warme_overdracht\"") != std::string::npos);
  CHECK(list->body.find("\"id\": \"world.entree_uitval\"") != std::string::npos);

  const auto result = client.Get("/api/compare?scenario=warme_overdracht&students=10000&world.entree_diploma=1.1");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->body.find("\"scenario\": \"warme_overdracht\"") != std::string::npos);
  CHECK(result->body.find("\"students\": 10000") != std::string::npos);
  CHECK(result->body.find("\"positions\": {") != std::string::npos);
}

TEST_CASE("serve refuses malformed, oversized and foreign requests", "[serve]") {
  serve::ServeLimits limits;
  limits.max_students = 50000;
  RunningServer running(limits);
  auto client = running.client();

  auto status_of = [&](const std::string& target) {
    const auto res = client.Get(target.c_str());
    REQUIRE(res);
    return std::pair{res->status, res->body};
  };
  const auto [s1, b1] = status_of("/api/compare?scenario=warme_overdracht&students=60000");
  CHECK(s1 == 400);
  CHECK(b1 == "{\"error\": \"students: expected a whole number from 1000 to 50000, got '60000'\"}");
  CHECK(status_of("/api/compare?scenario=warme_overdracht&world.entree_uitval=1.3.4").first == 400);
  CHECK(status_of("/api/compare?scenario=nope").first == 400);
  CHECK(status_of("/api/compare?scenario=baseline&students=%00").first == 400);

  // Nothing from the file system, whatever the path says.
  for (const char* path : {"/etc/passwd", "/../CMakeLists.txt", "/%2e%2e/%2e%2e/etc/passwd", "/serve/page.html", "/index.html",
                           "/api", "/api/scenarios/../../README.md"}) {
    const auto [status, body] = status_of(path);
    CHECK(status == 404);
    CHECK(body.find("root:") == std::string::npos);
  }

  // A request line over the limit never reaches a handler.
  const auto [s2, b2] = status_of("/api/compare?scenario=baseline&x=" + std::string(5000, 'a'));
  CHECK(s2 == 414);

  // Only GET, and no bodies.
  const auto post = client.Post("/api/compare", std::string(100, 'x'), "text/plain");
  REQUIRE(post);
  CHECK(post->status == 405);
  const auto big = client.Post("/api/compare", std::string(100000, 'x'), "text/plain");
  if (big) CHECK((big->status == 413 || big->status == 405));  // the server may also just close the connection
}

TEST_CASE("serve stops a simulation that runs past the time limit", "[serve]") {
  serve::ServeLimits limits;
  limits.max_seconds = 0.0;  // every simulation is over time before its first replicate
  RunningServer running(limits);
  auto client = running.client();
  const auto res = client.Get("/api/compare?scenario=baseline&students=10000");
  REQUIRE(res);
  CHECK(res->status == 503);
  CHECK(res->body.find("took longer than the limit") != std::string::npos);
}

TEST_CASE("serve lets a room's requests wait their turn instead of refusing them", "[serve]") {
  serve::ServeLimits limits;
  limits.replications = 2;
  RunningServer running(limits);
  // Six clients at once, three distinct settings: every one gets its answer, and the same
  // settings get the same answer (computed once, then from the cache).
  std::vector<int> status(6);
  std::vector<std::string> body(6);
  std::vector<std::thread> clients;
  for (int i = 0; i < 6; ++i)
    clients.emplace_back([&, i] {
      auto client = running.client();
      const auto res = client.Get("/api/compare?scenario=warme_overdracht&students=4000&world.entree_uitval=" +
                                  std::string(i % 3 == 0 ? "1" : i % 3 == 1 ? "1.1" : "1.2"));
      status[i] = res ? res->status : -1;
      body[i] = res ? res->body : "";
    });
  for (auto& c : clients) c.join();
  for (int i = 0; i < 6; ++i) {
    INFO(body[i]);
    CHECK(status[i] == 200);
    CHECK(body[i] == body[i % 3]);
  }
  CHECK(body[0] != body[1]);
}

TEST_CASE("serve's line is bounded: with no room to wait a request gets 503", "[serve]") {
  serve::ServeLimits limits;
  limits.max_waiting = 0;
  RunningServer running(limits);
  auto client = running.client();
  const auto res = client.Get("/api/compare?scenario=baseline&students=10000");
  REQUIRE(res);
  CHECK(res->status == 503);
  CHECK(res->get_header_value("Retry-After") == "1");
}

TEST_CASE("the result cache keeps the most recently used settings", "[serve]") {
  serve::ResultCache cache(2);
  serve::WorkshopQuery a{"x", 1000, 1, {{"world.a", 1.1}, {"world.b", 0.9}}};
  serve::WorkshopQuery b = a;
  b.multipliers["world.a"] = 1.1000000001;
  CHECK(serve::cache_key(a) != serve::cache_key(b));
  cache.put("a", "A");
  cache.put("b", "B");
  CHECK(cache.find("a") == "A");  // a is now the most recent
  cache.put("c", "C");            // so b goes
  CHECK_FALSE(cache.find("b"));
  CHECK(cache.find("a") == "A");
  CHECK(cache.find("c") == "C");
  CHECK(cache.size() == 2);
}
#endif
