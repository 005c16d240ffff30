#pragma once
// The workshop server: one page, two JSON endpoints, nothing else. It binds to loopback unless
// told otherwise, refuses anything but small GET requests, runs one simulation at a time and
// stops a simulation that runs past the time limit. It never opens a file a request names: the
// page is compiled into the binary and the scenarios were loaded at start-up.
//
//   GET /                 the page (sliders, charts; self-contained)
//   GET /api/scenarios    the scenarios and their sliders
//   GET /api/compare?scenario=NAME[&students=N][&seed=S][&SLIDER=FACTOR...]
#include <memory>
#include <string>

#include "serve/limits.h"
#include "serve/workshop.h"

namespace doorstroom::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  ServeLimits limits;
  bool log_requests = true;  // one line per request on stderr
};

class WorkshopServer {
 public:
  WorkshopServer(const Workshop& workshop, ServeOptions options);
  ~WorkshopServer();
  WorkshopServer(const WorkshopServer&) = delete;
  WorkshopServer& operator=(const WorkshopServer&) = delete;

  // Binds the socket and returns the port; throws std::runtime_error saying why it could not.
  int bind();
  // Serves until stop() (from another thread or a signal handler's thread).
  void listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The page, as compiled in from serve/page.html.
std::string_view workshop_page();

}  // namespace doorstroom::serve
