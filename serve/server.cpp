#include "serve/server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string_view>

#include "models/io/input_error.h"
#include "models/io/json.h"
#include "models/studies/simulation.h"
#include "serve/result_cache.h"

namespace doorstroom::embedded {
extern const std::string_view serve_page;
}

namespace doorstroom::serve {

std::string_view workshop_page() { return embedded::serve_page; }

namespace {

void send_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content("{\"error\": " + models::json_string(message) + "}", "application/json; charset=utf-8");
}

}  // namespace

struct WorkshopServer::Impl {
  const Workshop& workshop;
  ServeOptions options;
  httplib::Server http;
  std::mutex simulating;  // one simulation at a time: two cores are one room's worth
  std::atomic<int> waiting{0};  // requests waiting for `simulating`
  ResultCache cache;

  Impl(const Workshop& w, ServeOptions o) : workshop(w), options(std::move(o)), cache(options.limits.cached_results) {}

  void routes() {
    const ServeLimits& limits = options.limits;
    http.set_payload_max_length(limits.max_request_bytes);
    http.set_read_timeout(5, 0);
    http.set_write_timeout(5, 0);
    http.set_keep_alive_max_count(100);
    // A thread per waiting request and two more, so the queue below is the only one that grows.
    const auto pool = static_cast<std::size_t>(limits.max_waiting) + 2;
    http.new_task_queue = [pool] { return new httplib::ThreadPool(pool); };
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Cache-Control", "no-store"},
                              {"Content-Security-Policy",
                               "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "connect-src 'self'; img-src data:"}});

    // Size and method limits come before any route: the request never reaches a handler.
    http.set_pre_routing_handler([&limits](const httplib::Request& req, httplib::Response& res) {
      if (req.target.size() > limits.max_request_bytes) {
        send_error(res, 414, "request line longer than " + std::to_string(limits.max_request_bytes) + " bytes");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method != "GET") {
        res.set_header("Allow", "GET");
        send_error(res, 405, "only GET is served");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (!req.body.empty() || req.get_header_value<std::uint64_t>("Content-Length") > 0) {
        send_error(res, 413, "a GET request carries no body");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });

    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(workshop_page()), "text/html; charset=utf-8");
    });
    http.Get("/api/scenarios", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(workshop.scenarios_json(options.limits), "application/json; charset=utf-8");
    });
    http.Get("/api/compare", [this](const httplib::Request& req, httplib::Response& res) { compare(req, res); });

    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (res.status == 404) send_error(res, 404, "not found: " + req.path.substr(0, 80) + " (this server has /, /api/scenarios and /api/compare)");
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        send_error(res, 500, e.what());
      } catch (...) {
        send_error(res, 500, "internal error");
      }
    });
    if (options.log_requests)
      http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        std::fprintf(stderr, "serve: %s %s -> %d\n", req.method.c_str(), req.path.substr(0, 80).c_str(), res.status);
      });
  }

  void compare(const httplib::Request& req, httplib::Response& res) {
    std::vector<std::pair<std::string, std::string>> params(req.params.begin(), req.params.end());
    WorkshopQuery query;
    try {
      query = workshop.parse_query(params, options.limits);
    } catch (const QueryError& e) {
      send_error(res, 400, e.what());
      return;
    }
    const std::string key = cache_key(query);
    if (const auto hit = cache.find(key)) {
      res.set_content(*hit, "application/json; charset=utf-8");
      return;
    }
    // Wait in line, unless the line is full.
    if (waiting.fetch_add(1) >= options.limits.max_waiting) {
      waiting.fetch_sub(1);
      res.set_header("Retry-After", "1");
      send_error(res, 503, "busy: " + std::to_string(options.limits.max_waiting) + " requests are waiting already; try again in a moment");
      return;
    }
    std::unique_lock lock(simulating);
    waiting.fetch_sub(1);
    // Someone ahead in the line may have asked for the same settings.
    if (const auto hit = cache.find(key)) {
      res.set_content(*hit, "application/json; charset=utf-8");
      return;
    }
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(options.limits.max_seconds));
    try {
      std::string json = workshop.compare_json(query, options.limits,
                                               [deadline] { return std::chrono::steady_clock::now() > deadline; });
      cache.put(key, json);
      res.set_content(std::move(json), "application/json; charset=utf-8");
    } catch (const models::Cancelled& e) {
      send_error(res, 503, "the simulation took longer than the limit of " + std::to_string(options.limits.max_seconds) +
                               " s and was stopped (" + e.what() + "); ask for fewer students");
    } catch (const models::InputError& e) {
      send_error(res, 400, e.what());
    }
  }
};

WorkshopServer::WorkshopServer(const Workshop& workshop, ServeOptions options)
    : impl_(std::make_unique<Impl>(workshop, std::move(options))) {
  impl_->routes();
}

WorkshopServer::~WorkshopServer() { stop(); }

int WorkshopServer::bind() {
  const std::string& host = impl_->options.host;
  if (impl_->options.port == 0) {
    const int port = impl_->http.bind_to_any_port(host);
    if (port < 0) throw std::runtime_error("serve: cannot bind to " + host + " on any port");
    return port;
  }
  if (!impl_->http.bind_to_port(host, impl_->options.port))
    throw std::runtime_error("serve: cannot bind to " + host + ":" + std::to_string(impl_->options.port) +
                             " (in use, or not an address of this machine); try --port with another number");
  return impl_->options.port;
}

void WorkshopServer::listen() { impl_->http.listen_after_bind(); }

void WorkshopServer::stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace doorstroom::serve
