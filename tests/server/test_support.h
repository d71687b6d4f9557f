// Shared by the server tests: a store holding real list fixtures, a blocking HTTP/1.1 client over
// a real TCP socket, and a running Server on a free loopback port.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/country.h"
#include "gtest/gtest.h"
#include "ingest/content_hash.h"
#include "ingest/source.h"
#include "monitor/customer.h"
#include "server/server.h"
#include "store/store.h"

namespace interdict::server::testing {

inline std::string Fixtures() { return INTERDICT_FIXTURES; }
inline std::string DataDir() { return INTERDICT_DATA; }

// Imports `source` from `path` into the store at `db`, as `interdict import` does.
inline Status ImportList(const std::string& db, const std::string& source, const std::string& path,
                         const ShrinkLimit& shrink = ShrinkLimit()) {
  ListFormat format;
  if (!ParseSourceName(source, &format)) return Status::InvalidInput("bad source " + source);
  CountryTable countries;
  INTERDICT_RETURN_IF_ERROR(CountryTable::LoadDefault(DataDir(), &countries));
  std::vector<std::filesystem::path> files;
  INTERDICT_RETURN_IF_ERROR(ResolveInputFiles(format, {path}, &files));
  std::string sha;
  INTERDICT_RETURN_IF_ERROR(ContentHash(files, &sha));
  std::unique_ptr<Store> store;
  INTERDICT_RETURN_IF_ERROR(Store::Open(db, &store));
  std::unique_ptr<Import> import;
  INTERDICT_RETURN_IF_ERROR(store->BeginImport(source, sha, &import));
  ParseOptions options;
  options.countries = &countries;
  ParseReport report;
  INTERDICT_RETURN_IF_ERROR(ParseList(
      format, files, options, [&](Entity&& e) { return import->Add(e); }, &report));
  return import->Commit(report.published, {}, nullptr, shrink);
}

// A person record of the source "test-list".
inline Entity TestPerson(const std::string& id, const std::string& name,
                         std::vector<std::string> programs = {}) {
  Entity e;
  e.id = "test-list:" + id;
  e.source = "test-list";
  e.schema = Schema::kPerson;
  e.names.push_back(Name{name, name, NameKind::kPrimary, "Latn"});
  e.programs = std::move(programs);
  return e;
}

// Imports `records` as a new version of "test-list" into the store at `db` (created if need be).
inline Status ImportTestList(const std::string& db, const std::vector<Entity>& records) {
  static int n = 0;
  std::unique_ptr<Store> store;
  INTERDICT_RETURN_IF_ERROR(Store::Open(db, &store));
  std::unique_ptr<Import> import;
  INTERDICT_RETURN_IF_ERROR(
      store->BeginImport("test-list", "test-list-" + std::to_string(++n), &import));
  for (const Entity& e : records) INTERDICT_RETURN_IF_ERROR(import->Add(e));
  return import->Commit("", {"list.csv"}, nullptr, ShrinkLimit{.allow = true});
}

// A person customer.
inline Customer TestCustomer(const std::string& id, const std::string& name) {
  Customer c;
  c.id = id;
  c.name = name;
  c.type = Schema::kPerson;
  return c;
}

// A temporary folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "interdict-server-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct HttpResult {
  int status = 0;                              // 0: no response (connection closed or timed out)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A blocking HTTP/1.1 client on one TCP connection (kept alive between requests).
class Client {
 public:
  explicit Client(uint16_t port) : port_(port) {}
  ~Client() { Close(); }

  bool Connect() {
    Close();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return false;
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      Close();
      return false;
    }
    return true;
  }
  void Close() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
    pending_.clear();
  }
  bool connected() const { return fd_ >= 0; }

  bool SendRaw(std::string_view bytes) {
    if (fd_ < 0 && !Connect()) return false;
    while (!bytes.empty()) {
      ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response; status 0 when the connection ends first or `timeout` passes.
  HttpResult ReadResponse(std::chrono::milliseconds timeout = std::chrono::milliseconds(20000)) {
    HttpResult r;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    size_t header_end;
    while ((header_end = pending_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill(deadline)) return r;
    }
    std::string head = pending_.substr(0, header_end);
    pending_.erase(0, header_end + 4);
    size_t line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    if (status_line.size() < 12) return r;
    r.status = std::atoi(status_line.substr(9, 3).c_str());
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t end = head.find("\r\n", pos);
      if (end == std::string::npos) end = head.size();
      std::string line = head.substr(pos, end - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        r.headers[name] = value;
      }
      pos = end + 2;
    }
    if (r.status == 100) return ReadResponse(timeout);
    size_t length = static_cast<size_t>(std::atoll(r.Header("content-length").c_str()));
    while (pending_.size() < length) {
      if (!Fill(deadline)) {
        r.status = 0;
        return r;
      }
    }
    r.body = pending_.substr(0, length);
    pending_.erase(0, length);
    if (r.Header("connection") == "close") Close();
    return r;
  }

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {}) {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
    // A Content-Type among `headers` replaces the default (JSON).
    if ((!body.empty() || method == "POST") && headers.count("Content-Type") == 0)
      req += "Content-Type: application/json\r\n";
    if (!body.empty() || method == "POST")
      req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    if (!SendRaw(req)) {
      // The server may have closed an idle kept-alive connection: one retry on a new one.
      if (!Connect() || !SendRaw(req)) return {};
    }
    return ReadResponse();
  }

  // Reads until `marker` has arrived; returns everything up to and including it, "" on timeout.
  std::string ReadUntil(std::string_view marker, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    size_t pos;
    while ((pos = pending_.find(marker)) == std::string::npos)
      if (!Fill(deadline)) return "";
    std::string out = pending_.substr(0, pos + marker.size());
    pending_.erase(0, pos + marker.size());
    return out;
  }

  // Whether the server closed the connection (EOF) within `timeout`.
  bool ClosedByPeer(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (!Fill(deadline)) return fd_ < 0 || eof_;
    }
  }

 private:
  bool Fill(std::chrono::steady_clock::time_point deadline) {
    if (fd_ < 0) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[65536];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    pending_.append(buf, static_cast<size_t>(n));
    return true;
  }

  uint16_t port_;
  int fd_ = -1;
  bool eof_ = false;
  std::string pending_;
};

// One request on a fresh connection.
inline HttpResult Fetch(uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body = "",
                        const std::map<std::string, std::string>& headers = {}) {
  Client c(port);
  if (!c.Connect()) return {};
  return c.Request(method, target, body, headers);
}

// The store every server test starts from: the 2021 OFAC SDN fixture (8,976 records) and the UN
// list, imported once per test binary and copied for each test that needs its own.
inline const std::string& BaseStore() {
  static TempDir* dir = new TempDir();  // lives for the whole test binary
  static const std::string* path = [] {
    auto* p = new std::string(dir->path() + "/base.db");
    Status s = ImportList(*p, "us-ofac-sdn", Fixtures() + "/ofac-sdn-2021");
    if (s.ok()) s = ImportList(*p, "un-sc", DataDir() + "/lists/un-sc");
    if (!s.ok()) {
      ADD_FAILURE() << "cannot build the test store: " << s.message();
    }
    return p;
  }();
  return *path;
}

// A copy of BaseStore() at `dir`/lists.db.
inline std::string CopyBaseStore(const TempDir& dir) {
  std::string to = dir.path() + "/lists.db";
  std::filesystem::copy_file(BaseStore(), to);
  return to;
}

inline ServeOptions TestOptions(const std::string& db) {
  ServeOptions o;
  o.http.host = "127.0.0.1";
  o.http.port = 0;
  o.db_path = db;
  o.data_dir = DataDir();
  o.workers = 2;
  o.reload.poll_interval = std::chrono::milliseconds(100);
  // Far beyond any test request, even under ASan (3-10x slower); the deadline's own test sets
  // its own.
  o.request_deadline = std::chrono::minutes(2);
  return o;
}

// Waits until the server has lists in service (the first load runs in the background).
inline bool WaitReady(Server& server,
                      std::chrono::milliseconds timeout = std::chrono::seconds(120)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (server.lists().Current() != nullptr) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Waits until the server's monitoring has finished `runs` runs and has nothing more queued.
inline bool WaitMonitorRuns(Server& server, uint64_t runs,
                            std::chrono::milliseconds timeout = std::chrono::seconds(120)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (server.monitor().runs_ok() >= runs && server.monitor().Idle()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// For a suite's one-off set-up: starts a server and waits for its lists. Returns "" when it
// serves, else why not. (gtest skips, rather than fails, the tests of a suite whose
// SetUpTestSuite fails: the suite keeps the reason and fails each test in SetUp.)
inline std::string StartReady(ServeOptions options, std::unique_ptr<Server>* out) {
  Status s = Server::Start(std::move(options), out);
  if (!s.ok()) return s.message();
  if (!WaitReady(**out)) return "the server did not load its lists in time";
  return "";
}

}  // namespace interdict::server::testing
