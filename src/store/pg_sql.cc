#include "store/pg_sql.h"

#include <algorithm>
#include <cctype>

namespace interdict {
namespace {

// The end of the quoted text starting at sql[i] (a quote character): the index just past the
// closing quote, where a doubled quote is an escaped one. Unterminated: sql.size().
size_t SkipQuoted(std::string_view sql, size_t i) {
  const char quote = sql[i];
  for (size_t j = i + 1; j < sql.size(); ++j) {
    if (sql[j] != quote) continue;
    if (j + 1 < sql.size() && sql[j + 1] == quote) {
      ++j;
      continue;
    }
    return j + 1;
  }
  return sql.size();
}

// sql[i] is '$'. When it opens a dollar-quoted body ($$ or $tag$), the index just past the
// closing tag; else i (a $n parameter, or a '$' inside an identifier).
size_t SkipDollarQuoted(std::string_view sql, size_t i) {
  size_t j = i + 1;
  while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) {
    if (j == i + 1 && std::isdigit(static_cast<unsigned char>(sql[j]))) return i;
    ++j;
  }
  if (j >= sql.size() || sql[j] != '$') return i;
  std::string_view tag = sql.substr(i, j - i + 1);
  size_t close = sql.find(tag, j + 1);
  return close == std::string_view::npos ? sql.size() : close + tag.size();
}

// The index just past the comment starting at sql[i], or i when none starts there.
size_t SkipComment(std::string_view sql, size_t i) {
  if (sql.compare(i, 2, "--") == 0) {
    size_t end = sql.find('\n', i);
    return end == std::string_view::npos ? sql.size() : end + 1;
  }
  if (sql.compare(i, 2, "/*") == 0) {
    size_t end = sql.find("*/", i + 2);
    return end == std::string_view::npos ? sql.size() : end + 2;
  }
  return i;
}

}  // namespace

std::string NumberPlaceholders(std::string_view sql, int* params) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  int highest = 0;
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    size_t end = i;
    if (c == '\'' || c == '"') {
      end = SkipQuoted(sql, i);
    } else if (c == '$') {
      end = SkipDollarQuoted(sql, i);
    } else if (c == '-' || c == '/') {
      end = SkipComment(sql, i);
    }
    if (end > i) {
      out.append(sql.substr(i, end - i));
      i = end;
      continue;
    }
    if (c != '?') {
      out.push_back(c);
      ++i;
      continue;
    }
    size_t digits = i + 1;
    while (digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[digits]))) ++digits;
    if (digits - i - 1 > 5) {  // no statement has that many parameters: leave it to the server
      out.append(sql.substr(i, digits - i));
      i = digits;
      continue;
    }
    int number =
        digits > i + 1 ? std::stoi(std::string(sql.substr(i + 1, digits - i - 1))) : ++next;
    // SQLite numbers a bare ? after ?NNN as NNN+1.
    next = std::max(next, number);
    highest = std::max(highest, number);
    out += '$';
    out += std::to_string(number);
    i = digits;
  }
  if (params != nullptr) *params = highest;
  return out;
}

std::string RedactPostgresUrl(std::string_view url) {
  std::string out(url);
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t at = out.find('@', start);
    size_t end_of_authority = out.find_first_of("/?", start);
    if (at != std::string::npos &&
        (end_of_authority == std::string::npos || at < end_of_authority)) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  size_t query = out.find('?');
  for (size_t p = query; p != std::string::npos && p < out.size(); p = out.find('&', p + 1)) {
    size_t key = p + 1;
    if (out.compare(key, 9, "password=") != 0) continue;
    size_t value = key + 9;
    size_t end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

}  // namespace interdict
