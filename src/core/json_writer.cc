#include "core/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/text.h"

namespace interdict {

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_->push_back(',');
    first_.back() = false;
  }
}

void JsonWriter::Open(char c) {
  BeforeValue();
  out_->push_back(c);
  first_.push_back(true);
}

void JsonWriter::Close(char c) {
  first_.pop_back();
  out_->push_back(c);
}

void JsonWriter::Key(std::string_view key) {
  String(key);
  out_->push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  // Most strings are printable ASCII: nothing to check or escape.
  size_t ascii = 0;
  while (ascii < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[ascii]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
    ++ascii;
  }
  if (ascii == s.size()) {
    BeforeValue();
    out_->push_back('"');
    out_->append(s);
    out_->push_back('"');
    return;
  }
  std::string repaired;
  if (!IsValidUtf8(s)) {
    // Each byte of an invalid sequence becomes U+FFFD: the line stays valid JSON.
    size_t bad = 0;
    while (!IsValidUtf8(s, &bad)) {
      repaired.append(s.substr(0, bad));
      repaired.append("\xEF\xBF\xBD");
      s.remove_prefix(bad + 1);
    }
    repaired.append(s);
    s = repaired;
  }
  BeforeValue();
  static constexpr char kHex[] = "0123456789abcdef";
  out_->push_back('"');
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_->append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out_->append("\\\"");
        break;
      case '\\':
        out_->append("\\\\");
        break;
      case '\b':
        out_->append("\\b");
        break;
      case '\f':
        out_->append("\\f");
        break;
      case '\n':
        out_->append("\\n");
        break;
      case '\r':
        out_->append("\\r");
        break;
      case '\t':
        out_->append("\\t");
        break;
      default:
        out_->append("\\u00");
        out_->push_back(kHex[c >> 4]);
        out_->push_back(kHex[c & 15]);
    }
  }
  out_->append(s.data() + plain, s.size() - plain);
  out_->push_back('"');
}

void JsonWriter::Number(double v) {
  BeforeValue();
  if (!std::isfinite(v)) {  // as nlohmann::json writes them
    out_->append("null");
    return;
  }
  // The shortest digits that read back to v, laid out as nlohmann::json lays them out: plain
  // decimals while the decimal point falls within 15 digits before or 4 zeros after, else an
  // exponent of at least two digits ("1e-05", "1.5e+21").
  char sci[32];
  const char* end = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr;
  std::string_view text(sci, static_cast<size_t>(end - sci));  // "-d.ddde+XX"
  if (text.front() == '-') {
    out_->push_back('-');
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  std::string digits(text.substr(0, e));
  if (digits.size() > 1) digits.erase(1, 1);  // the point after the first digit
  int exponent = 0;
  std::from_chars(text.data() + e + 1 + (text[e + 1] == '+'), text.data() + text.size(), exponent);
  const int len = static_cast<int>(digits.size());
  const int point = exponent + 1;  // digits before the decimal point
  if (len <= point && point <= 15) {
    out_->append(digits);
    out_->append(static_cast<size_t>(point - len), '0');
    out_->append(".0");
  } else if (0 < point && point <= 15) {
    out_->append(digits, 0, static_cast<size_t>(point));
    out_->push_back('.');
    out_->append(digits, static_cast<size_t>(point));
  } else if (-4 < point && point <= 0) {
    out_->append("0.");
    out_->append(static_cast<size_t>(-point), '0');
    out_->append(digits);
  } else {
    out_->push_back(digits[0]);
    if (len > 1) {
      out_->push_back('.');
      out_->append(digits, 1);
    }
    char exp[16];
    const int x = point - 1;
    std::snprintf(exp, sizeof exp, "e%c%02d", x < 0 ? '-' : '+', x < 0 ? -x : x);
    out_->append(exp);
  }
}

void JsonWriter::Integer(int64_t v) {
  BeforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, static_cast<size_t>(end - buf));
}

void JsonWriter::Bool(bool v) {
  BeforeValue();
  out_->append(v ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
}

void JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_->append(json);
}

}  // namespace interdict
