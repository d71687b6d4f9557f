#include "server/http_types.h"

#include "core/text.h"

namespace interdict::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes `in`; `plus_is_space` for query components (HTML form encoding).
Status Decode(std::string_view in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size() || HexValue(in[i + 1]) < 0 || HexValue(in[i + 2]) < 0)
        return Status::InvalidInput("malformed percent-escape in the request target");
      c = static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      if (c == '\0') return Status::InvalidInput("the request target holds a NUL byte");
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    out->push_back(c);
  }
  if (!IsValidUtf8(*out)) return Status::InvalidInput("the request target is not valid UTF-8");
  return Status::Ok();
}

}  // namespace

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

Status ParseTarget(std::string_view target, Target* out) {
  out->path.clear();
  out->segments.clear();
  out->query.clear();
  if (target.empty() || target[0] != '/')
    return Status::InvalidInput("the request target must be a path starting with '/'");
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  if (size_t hash = path.find('#'); hash != std::string_view::npos) path = path.substr(0, hash);
  INTERDICT_RETURN_IF_ERROR(Decode(path, /*plus_is_space=*/false, &out->path));
  out->segments.clear();
  for (std::string_view rest = path.substr(1);;) {
    size_t slash = rest.find('/');
    INTERDICT_RETURN_IF_ERROR(
        Decode(rest.substr(0, slash), /*plus_is_space=*/false, &out->segments.emplace_back()));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (q == std::string_view::npos) return Status::Ok();
  std::string_view query = target.substr(q + 1);
  if (size_t hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string key;
    std::string value;
    INTERDICT_RETURN_IF_ERROR(Decode(part.substr(0, eq), true, &key));
    if (eq != std::string_view::npos)
      INTERDICT_RETURN_IF_ERROR(Decode(part.substr(eq + 1), true, &value));
    out->query.emplace_back(std::move(key), std::move(value));
  }
  return Status::Ok();
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  HttpResponse r;
  r.status = status;
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  r.body = DumpJson(j);
  r.error = HttpResponse::Error{std::string(code), std::string(message)};
  return r;
}

void ShapeError(ErrorDialect dialect, HttpResponse* response) {
  if (!response->error.has_value()) return;
  const HttpResponse::Error& e = *response->error;
  nlohmann::json j;
  switch (dialect) {
    case ErrorDialect::kInterdict:
      return;
    case ErrorDialect::kYente:
      j = {{"error", {{"code", e.code}, {"message", e.message}}}, {"detail", e.message}};
      break;
    case ErrorDialect::kWatchman:
      j = {{"error", e.message}, {"code", e.code}};
      break;
  }
  response->body = DumpJson(j);
}

HttpResponse JsonResponse(const nlohmann::json& j, int status) {
  HttpResponse r;
  r.status = status;
  r.body = DumpJson(j);
  return r;
}

}  // namespace interdict::server
