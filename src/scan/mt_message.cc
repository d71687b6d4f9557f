#include "scan/mt_message.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "core/text.h"
#include "scan/bank_codes.h"

namespace interdict {

namespace {

constexpr size_t kLineMax = 35;

// Byte offset -> 1-based line number.
class Lines {
 public:
  explicit Lines(std::string_view text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  int At(size_t offset) const {
    return static_cast<int>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                            starts_.begin());
  }

 private:
  std::vector<size_t> starts_;
};

struct Field {
  std::string tag;     // "50K", "59", "20"
  std::string number;  // "50", "59"
  char option = 0;     // 'K', 0 for none
  std::vector<std::string_view> lines;
  int line = 0;  // line of the ":tag:"
  bool seq_b = false;
};

struct MtType {
  const char* name;
  std::set<std::string> allowed;       // sequence A (the only one but for MT202COV)
  std::set<std::string> allowed_b;     // MT202COV sequence B
  std::vector<std::string> mandatory;  // numbers; a party number stands for any option
  std::vector<std::string> mandatory_b;
};

const MtType& Mt103() {
  static const MtType t{"MT103",
                        {"13C", "20",  "23B", "23E", "26T", "32A", "33B", "36",  "50A", "50F",
                         "50K", "51A", "52A", "52D", "53A", "53B", "53D", "54A", "54B", "54D",
                         "55A", "55B", "55D", "56A", "56C", "56D", "57A", "57B", "57C", "57D",
                         "59",  "59A", "59F", "70",  "71A", "71F", "71G", "72",  "77B", "77T"},
                        {},
                        {"20", "23B", "32A", "50", "59", "71A"},
                        {}};
  return t;
}

const std::set<std::string>& Mt202A() {
  static const std::set<std::string> a{"20",  "21",  "13C", "32A", "52A", "52D", "53A",
                                       "53B", "53D", "54A", "54B", "54D", "56A", "56D",
                                       "57A", "57B", "57D", "58A", "58D", "72"};
  return a;
}

const MtType& Mt202() {
  static const MtType t{"MT202", Mt202A(), {}, {"20", "21", "32A", "58"}, {}};
  return t;
}

const MtType& Mt202Cov() {
  static const MtType t{"MT202COV",
                        Mt202A(),
                        {"50A", "50F", "50K", "52A", "52D", "56A", "56C", "56D", "57A", "57B",
                         "57C", "57D", "59", "59A", "59F", "70", "72", "33B"},
                        {"20", "21", "32A", "58"},
                        {"50", "59"}};
  return t;
}

std::string RoleOf(const std::string& number) {
  static const std::map<std::string, std::string> roles{{"50", "ordering customer"},
                                                        {"51", "sending institution"},
                                                        {"52", "ordering institution"},
                                                        {"53", "sender's correspondent"},
                                                        {"54", "receiver's correspondent"},
                                                        {"55", "third reimbursement institution"},
                                                        {"56", "intermediary"},
                                                        {"57", "account with institution"},
                                                        {"58", "beneficiary institution"},
                                                        {"59", "beneficiary customer"}};
  auto it = roles.find(number);
  return it == roles.end() ? "" : it->second;
}

bool IsPartyNumber(const std::string& n) { return n >= "50" && n <= "59" && n.size() == 2; }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Words of two letters or more ("FOR ACCOUNT OF" has three; "12", "A." and "-" none).
int LetterWords(std::string_view line) {
  int words = 0;
  for (std::string_view w : SplitView(line, ' ')) {
    int letters = 0;
    for (char c : w) letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
    words += letters >= 2 ? 1 : 0;
  }
  return words;
}

// Options D and K and field 59 have up to four lines of "name and address" that nothing tells
// apart: a bank writes "FOR ACCOUNT OF" / "<name>", or an attention line before the name. So
// each line after the name lines, from `from` on, that could be a name (no digits: those are
// street numbers and postcodes) is also a reading of the party's name, alone and joined with the
// next line when that one has no digits either (a name cut after 35 characters). `add(k, text)`
// gets each, with the index of its first line. Costs one more screening per reading. (A lone
// word is a weak name: the screener takes from it only a one-word organisation's whole name.)
template <typename Add>
void LaterNameReadings(const std::vector<std::string_view>& lines, size_t from, Add add) {
  for (size_t k = from; k < lines.size(); ++k) {
    const std::string_view line = Trim(lines[k]);
    if (HasDigit(line) || LetterWords(line) == 0) continue;
    add(k, std::string(line));
    if (k + 1 < lines.size() && !HasDigit(lines[k + 1]) && LetterWords(lines[k + 1]) > 0)
      add(k, std::string(line) + " " + std::string(Trim(lines[k + 1])));
  }
}

// Checks the few non-party fields whose syntax we read (a message whose reference or amount
// cannot be read is not one we should claim to have screened).
Status CheckPlainField(const Field& f, const std::string& where) {
  const std::string_view v = f.lines.empty() ? std::string_view() : f.lines[0];
  auto bad = [&](const std::string& why) {
    return Status::InvalidInput(where + "field " + f.tag + ": " + why);
  };
  if (f.tag == "20" || f.tag == "21") {
    if (f.lines.size() != 1 || v.empty() || v.size() > 16)
      return bad("a reference of 1 to 16 characters on one line");
    if (v.front() == '/' || v.back() == '/' || v.find("//") != std::string_view::npos)
      return bad("a reference must not start or end with '/' or contain '//'");
  } else if (f.tag == "23B") {
    if (f.lines.size() != 1 || v.size() != 4 || !IsAsciiUpper(v))
      return bad("a bank operation code of 4 letters (CRED, SPAY...)");
  } else if (f.tag == "32A") {
    // 6!n3!a15d: value date, currency, amount with a decimal comma.
    const bool ok = f.lines.size() == 1 && v.size() >= 11 && v.size() <= 24 &&
                    AllDigits(v.substr(0, 6)) && IsAsciiUpper(v.substr(6, 3)) &&
                    std::isdigit(static_cast<unsigned char>(v[9])) &&
                    std::count(v.begin() + 9, v.end(), ',') == 1 &&
                    std::all_of(v.begin() + 9, v.end(),
                                [](char c) { return c == ',' || (c >= '0' && c <= '9'); });
    if (!ok) return bad("'" + std::string(v) + "' is not date, currency and amount (YYMMDDCCCn,n)");
  } else if (f.tag == "71A") {
    if (f.lines.size() != 1 || (v != "BEN" && v != "OUR" && v != "SHA"))
      return bad("details of charges are BEN, OUR or SHA");
  }
  return Status::Ok();
}

// The account of a party identifier line ("/account", "/C/account", "/D/account"; "//" starts a
// clearing code), kept in party->ibans when it is an IBAN.
void KeepIban(std::string_view line, MessageValue at, MessageParty* party) {
  std::string_view account = line.substr(1);
  if (StartsWith(account, "/")) return;
  if (account.size() > 2 && (account[0] == 'C' || account[0] == 'D') && account[1] == '/')
    account.remove_prefix(2);
  account = Trim(account);
  if (!IsIban(account)) return;
  at.text = std::string(account);
  party->ibans.push_back(std::move(at));
}

// A logical terminal address (block 1, block 2): BIC8, terminal code, branch ("XXX" = head
// office). The BIC it holds, or "" when it is no such address.
std::string TerminalBic(std::string_view lt) {
  if (lt.size() != 12) return "";
  const char terminal = lt[8];
  if (!((terminal >= 'A' && terminal <= 'Z') || (terminal >= '0' && terminal <= '9'))) return "";
  std::string bic = std::string(lt.substr(0, 8)) + std::string(lt.substr(9, 3));
  return IsBic(bic) ? bic : "";
}

// Reads one party field (50, 52-59 in any option) into a MessageParty. Options: A (BIC), B
// (location), C (account), F (numbered lines: 1/ name, 2/ and 8/ address, 3/ and 5/ country and
// town, 4/ date of birth, 6/ and 7/ identifiers), D, K or none (name and address lines).
class PartyReader {
 public:
  PartyReader(const Field& f, const std::string& type)
      : f_(f), L_(f.lines), type_(type), name_((f.seq_b ? "B/" : "") + f.tag) {
    party_.field = name_;
    party_.role = RoleOf(f.number);
    party_.institution = f.number != "50" && f.number != "59";
  }

  // Adds the party to msg->parties, or says what is wrong on which line.
  Status Read(PaymentMessage* msg) {
    for (size_t k = 0; k < L_.size(); ++k)
      if (L_[k].size() > kLineMax) return Bad(k, "line over 35 characters");
    Status s;
    switch (f_.option) {
      case 'A':
        s = OptionA();
        break;
      case 'B':
        s = OptionB();
        break;
      case 'C':
        s = OptionC();
        break;
      case 'F':
        s = OptionF();
        break;
      default:
        s = NameAndAddress();
        break;
    }
    INTERDICT_RETURN_IF_ERROR(s);
    msg->parties.push_back(std::move(party_));
    return Status::Ok();
  }

 private:
  Status Bad(size_t line_index, const std::string& why) const {
    return Status::InvalidInput("line " + std::to_string(f_.line + static_cast<int>(line_index)) +
                                ": " + type_ + " field " + f_.tag + ": " + why);
  }
  MessageValue Value(size_t k, std::string_view text, const std::string& field) const {
    return MessageValue{field, std::string(text), f_.line + static_cast<int>(k)};
  }
  // An optional party identifier / account line: "/..." (option A, B, D, K, 59, 59F).
  void AccountLine() {
    if (i_ < L_.size() && StartsWith(L_[i_], "/")) {
      KeepIban(L_[i_], Value(i_, "", name_), &party_);
      ++i_;
    }
  }

  Status OptionA() {
    AccountLine();
    if (i_ >= L_.size()) return Bad(0, "the BIC is missing");
    if (!IsBic(Trim(L_[i_])))
      return Bad(i_, "'" + std::string(L_[i_]) +
                         "' is not a BIC (8 or 11 characters: bank, country, location, branch)");
    party_.bic = Value(i_, Trim(L_[i_]), name_);
    if (++i_ != L_.size()) return Bad(i_, "option A has only a party identifier and a BIC");
    return Status::Ok();
  }

  Status OptionB() {
    AccountLine();
    for (; i_ < L_.size(); ++i_) party_.address.push_back(Value(i_, L_[i_], name_));
    if (party_.address.size() > 1) return Bad(2, "option B has one location line");
    return Status::Ok();
  }

  Status OptionC() {
    if (L_.size() != 1 || !StartsWith(L_[0], "/"))
      return Bad(0, "option C is one account line '/...'");
    KeepIban(L_[0], Value(0, "", name_), &party_);
    return Status::Ok();
  }

  Status OptionF() {
    if (f_.number == "50") {
      INTERDICT_RETURN_IF_ERROR(OrderingPartyIdentifier());
    } else {
      AccountLine();
    }
    const int max_number = f_.number == "50" ? 8 : 3;
    std::string full_name;
    int name_line = 0;
    for (; i_ < L_.size(); ++i_) {
      std::string_view l = L_[i_];
      if (l.size() < 2 || l[1] != '/' || l[0] < '1' || l[0] > '0' + max_number)
        return Bad(i_, "option F lines are numbered '1/' to '" + std::to_string(max_number) +
                           "/', found '" + std::string(l) + "'");
      if (l.size() == 2) return Bad(i_, "line '" + std::string(l) + "' is empty");
      if (l[0] == '1') {
        if (full_name.empty()) name_line = f_.line + static_cast<int>(i_);
        if (!full_name.empty()) full_name.push_back(' ');
        full_name += l.substr(2);
        continue;
      }
      INTERDICT_RETURN_IF_ERROR(NumberedLine(l));
    }
    if (full_name.empty()) return Bad(0, "option F needs a name line '1/'");
    party_.name = MessageValue{name_ + "/1", full_name, name_line};
    return Status::Ok();
  }

  // 50F's first line: "/account" or "CODE/CC/identifier".
  Status OrderingPartyIdentifier() {
    if (L_.empty() || L_[0].empty()) return Bad(0, "option F starts with a party identifier");
    i_ = 1;
    if (StartsWith(L_[0], "/")) {
      KeepIban(L_[0], Value(0, "", name_), &party_);
      return Status::Ok();
    }
    std::vector<std::string_view> parts = SplitView(L_[0], '/');
    static const std::set<std::string_view> codes{"ARNU", "CCPT", "CUST", "DRLC",
                                                  "EMPL", "NIDN", "SOSE", "TXID"};
    if (parts.size() < 3 || !codes.count(parts[0]) || parts[1].size() != 2 ||
        !IsAsciiUpper(parts[1]))
      return Bad(0, "party identifier '" + std::string(L_[0]) +
                        "' is neither '/account' nor CODE/CC/identifier (CCPT, NIDN...)");
    MessageParty::Id id;
    id.value = Value(0, L_[0].substr(parts[0].size() + 4), name_);
    if (parts[0] == "CCPT") {
      id.has_kind = true;
      id.kind = IdKind::kPassport;
    } else if (parts[0] == "NIDN") {
      id.has_kind = true;
      id.kind = IdKind::kNationalId;
    } else if (parts[0] == "TXID") {
      id.has_kind = true;
      id.kind = IdKind::kTaxId;
    }
    party_.identifiers.push_back(std::move(id));
    party_.countries.push_back(Value(0, parts[1], name_));
    return Status::Ok();
  }

  // An option F line numbered 2 to 8 (line i_).
  Status NumberedLine(std::string_view l) {
    const int n = l[0] - '0';
    std::string_view rest = l.substr(2);
    const std::string sub = name_ + "/" + std::string(1, l[0]);
    if (n == 2 || n == 8) {
      party_.address.push_back(Value(i_, rest, sub));
    } else if (n == 3 || n == 5) {  // CC/town
      if (rest.size() < 2 || !IsAsciiUpper(rest.substr(0, 2)) ||
          (rest.size() > 2 && rest[2] != '/'))
        return Bad(i_, "'" + std::string(l) + "' needs a country code and a town: " +
                           std::string(1, l[0]) + "/IR/TEHRAN");
      party_.countries.push_back(Value(i_, rest.substr(0, 2), sub));
      if (rest.size() > 3) party_.address.push_back(Value(i_, rest.substr(3), sub));
    } else if (n == 4) {
      if (rest.size() != 8 || !AllDigits(rest))
        return Bad(i_, "'4/' is a date of birth YYYYMMDD, found '" + std::string(rest) + "'");
      PartialDate d{std::stoi(std::string(rest.substr(0, 4))),
                    std::stoi(std::string(rest.substr(4, 2))),
                    std::stoi(std::string(rest.substr(6, 2)))};
      if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
        return Bad(i_, "'" + std::string(rest) + "' is not a date");
      party_.birth_dates.push_back(d);
    } else {  // 6: CC/issuer/id, 7: CC/id
      std::vector<std::string_view> parts = SplitView(rest, '/');
      if (parts.size() < 2 || parts[0].size() != 2 || !IsAsciiUpper(parts[0]))
        return Bad(i_, "'" + std::string(l) + "' needs a country code first");
      party_.countries.push_back(Value(i_, parts[0], sub));
      MessageParty::Id id;
      id.value = Value(i_, parts.back(), sub);
      if (n == 7) {
        id.has_kind = true;
        id.kind = IdKind::kNationalId;
      }
      party_.identifiers.push_back(std::move(id));
    }
    return Status::Ok();
  }

  // D, K or no option: [/party identifier] then up to 4 lines of name and address.
  Status NameAndAddress() {
    AccountLine();
    if (i_ >= L_.size()) return Bad(0, "the name and address lines are missing");
    if (L_.size() - i_ > 4) return Bad(i_ + 4, "at most 4 lines of name and address");
    std::string full = std::string(Trim(L_[i_]));
    const size_t first = i_;
    ++i_;
    // A name that fills its line goes on on the next one; a next line without digits may
    // continue it too, so that reading is screened as well.
    if (L_[first].size() == kLineMax && i_ < L_.size() && !HasDigit(L_[i_])) {
      full += " " + std::string(Trim(L_[i_]));
      ++i_;
    } else if (i_ < L_.size() && !HasDigit(L_[i_]) && !Trim(L_[i_]).empty()) {
      party_.name_variants.push_back(Value(first, full + " " + std::string(Trim(L_[i_])), name_));
    }
    if (Trim(full).empty()) return Bad(first, "the name line is empty");
    party_.name = Value(first, full, name_);
    LaterNameReadings(L_, i_, [&](size_t k, std::string text) {
      party_.name_variants.push_back(Value(k, text, name_));
    });
    for (; i_ < L_.size(); ++i_) party_.address.push_back(Value(i_, L_[i_], name_));
    // The last address line often ends in an ISO country code ("TEHRAN IR").
    if (!party_.address.empty()) {
      std::string_view last = Trim(party_.address.back().text);
      if (last.size() > 3 && IsAsciiUpper(last.substr(last.size() - 2)) &&
          (last[last.size() - 3] == ' ' || last[last.size() - 3] == ','))
        party_.inferred_countries.push_back(MessageValue{
            name_, std::string(last.substr(last.size() - 2)), party_.address.back().line});
    }
    return Status::Ok();
  }

  const Field& f_;
  const std::vector<std::string_view>& L_;
  const std::string& type_;
  const std::string name_;
  MessageParty party_;
  size_t i_ = 0;  // the line being read
};

class Parser {
 public:
  explicit Parser(std::string_view input) : in_(input), lines_(input) {}

  Status Run(std::vector<PaymentMessage>* out) {
    size_t pos = 0;
    while (true) {
      while (pos < in_.size() &&
             (in_[pos] == ' ' || in_[pos] == '\r' || in_[pos] == '\n' || in_[pos] == '\t' ||
              in_[pos] == '$' || in_[pos] == '\x03' || in_[pos] == '\x01'))
        ++pos;
      if (pos >= in_.size()) break;
      PaymentMessage msg;
      INTERDICT_RETURN_IF_ERROR(Message(&pos, &msg));
      out->push_back(std::move(msg));
    }
    if (out->empty())
      return Status::InvalidInput("no SWIFT message found (expected '{1:' or '{4:' blocks)");
    return Status::Ok();
  }

 private:
  std::string At(size_t offset) const { return "line " + std::to_string(lines_.At(offset)) + ": "; }

  // A header or trailer block {n:...} with nested braces; *pos is at '{'.
  Status SkipBlock(size_t* pos, std::string_view* content) {
    const size_t start = *pos;
    int depth = 0;
    for (size_t i = *pos; i < in_.size(); ++i) {
      if (in_[i] == '{') ++depth;
      if (in_[i] == '}' && --depth == 0) {
        *content = in_.substr(start, i + 1 - start);
        *pos = i + 1;
        return Status::Ok();
      }
    }
    return Status::InvalidInput(At(start) + "block '" + std::string(in_.substr(start, 4)) +
                                "' is not closed by '}'");
  }

  Status Message(size_t* pos, PaymentMessage* msg) {
    const size_t start = *pos;
    msg->line = lines_.At(start);
    std::string_view block1, block2, block3;
    bool have4 = false;
    size_t p = *pos;
    while (p < in_.size() && in_[p] == '{') {
      if (in_.substr(p, 3) == "{4:") {
        have4 = true;
        break;
      }
      std::string_view content;
      INTERDICT_RETURN_IF_ERROR(SkipBlock(&p, &content));
      if (StartsWith(content, "{1:")) block1 = content;
      if (StartsWith(content, "{2:")) block2 = content;
      if (StartsWith(content, "{3:")) block3 = content;
    }
    if (!have4) {
      return Status::InvalidInput(
          At(p) + "no block 4 ('{4:' followed by the fields and '-}'): not a SWIFT MT message");
    }
    if (block2.empty())
      return Status::InvalidInput(At(start) +
                                  "block 2 (application header) is missing: the "
                                  "message type is unknown");
    // {2:I103...} or {2:O103...}
    if (block2.size() < 8 || (block2[3] != 'I' && block2[3] != 'O') ||
        !AllDigits(block2.substr(4, 3)))
      return Status::InvalidInput(At(start) + "block 2 '" + std::string(block2) +
                                  "' does not give a message type ({2:I103...})");
    const std::string mt(block2.substr(4, 3));
    const bool cov = block3.find("{119:COV}") != std::string_view::npos;
    const MtType* type;
    if (mt == "103") {
      type = &Mt103();
    } else if (mt == "202") {
      type = cov ? &Mt202Cov() : &Mt202();
    } else {
      return Status::InvalidInput(At(start) + "MT" + mt +
                                  " is not a payment message we screen (MT103, MT202, MT202COV)");
    }
    msg->type = type->name;
    INTERDICT_RETURN_IF_ERROR(HeaderParties(block1, block2, msg));
    const std::string where_msg = At(start) + msg->type + " ";
    // Block 4: "{4:" CRLF, lines, "-}".
    p += 3;
    if (in_.substr(p, 2) == "\r\n") {
      p += 2;
    } else if (p < in_.size() && in_[p] == '\n') {
      p += 1;
    } else {
      return Status::InvalidInput(At(p) + "block 4 must start with a line break after '{4:'");
    }
    std::vector<Field> fields;
    bool closed = false;
    bool in_b = false;
    while (p < in_.size()) {
      size_t eol = in_.find('\n', p);
      if (eol == std::string_view::npos) eol = in_.size();
      std::string_view line = in_.substr(p, eol - p);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const size_t line_start = p;
      p = eol < in_.size() ? eol + 1 : eol;
      if (StartsWith(line, "-}")) {
        closed = true;
        p = line_start + 2;
        break;
      }
      if (line.size() >= 4 && line[0] == ':' && std::isdigit(static_cast<unsigned char>(line[1])) &&
          std::isdigit(static_cast<unsigned char>(line[2]))) {
        size_t colon = line.find(':', 3);
        const bool has_option = line.size() > 4 && line[3] >= 'A' && line[3] <= 'Z';
        if (colon == (has_option ? 4u : 3u)) {
          Field f;
          f.number = std::string(line.substr(1, 2));
          f.option = has_option ? line[3] : 0;
          f.tag = f.number + (has_option ? std::string(1, line[3]) : "");
          f.line = lines_.At(line_start);
          if (type == &Mt202Cov() && f.number == "50") in_b = true;
          f.seq_b = in_b;
          f.lines.push_back(line.substr(colon + 1));
          fields.push_back(std::move(f));
          continue;
        }
      }
      if (fields.empty()) {
        return Status::InvalidInput(At(line_start) +
                                    "block 4 must start with a field tag such "
                                    "as ':20:', found '" +
                                    std::string(line.substr(0, 40)) + "'");
      }
      fields.back().lines.push_back(line);
    }
    if (!closed) return Status::InvalidInput(At(start) + "block 4 is not closed by a line '-}'");
    // Trailer blocks.
    while (p < in_.size() && in_[p] == '{') {
      std::string_view content;
      INTERDICT_RETURN_IF_ERROR(SkipBlock(&p, &content));
    }
    *pos = p;

    // The fields against the type.
    std::set<std::string> seen_a, seen_b;
    for (const Field& f : fields) {
      const std::set<std::string>& allowed = f.seq_b ? type->allowed_b : type->allowed;
      const std::string where = "line " + std::to_string(f.line) + ": " + msg->type + " ";
      if (!allowed.count(f.tag)) {
        std::string options;
        for (const std::string& a : allowed)
          if (a.substr(0, 2) == f.number) options += (options.empty() ? "" : ", ") + a;
        if (!options.empty())
          return Status::InvalidInput(where + "field " + f.tag + ": option not allowed here (" +
                                      options + ")");
        return Status::InvalidInput(where + "field " + f.tag + " is not a field of " + msg->type +
                                    (f.seq_b ? " sequence B" : ""));
      }
      (f.seq_b ? seen_b : seen_a).insert(f.number);
      (f.seq_b ? seen_b : seen_a).insert(f.tag);
      if (f.tag == "20") msg->reference = std::string(f.lines[0]);
      INTERDICT_RETURN_IF_ERROR(CheckPlainField(f, where));
      if (IsPartyNumber(f.number)) {
        INTERDICT_RETURN_IF_ERROR(PartyReader(f, msg->type).Read(msg));
      } else if (f.tag == "70" || f.tag == "72" || f.tag == "77B") {
        const size_t max = f.tag == "70" ? 4 : f.tag == "72" ? 6 : 3;
        if (f.lines.size() > max)
          return Status::InvalidInput(where + "field " + f.tag + ": at most " +
                                      std::to_string(max) + " lines, found " +
                                      std::to_string(f.lines.size()));
        std::string text;
        for (size_t i = 0; i < f.lines.size(); ++i) {
          if (f.lines[i].size() > kLineMax)
            return Status::InvalidInput("line " + std::to_string(f.line + static_cast<int>(i)) +
                                        ": " + msg->type + " field " + f.tag +
                                        ": line over 35 characters");
          if (i > 0) text.push_back('\n');
          text += f.lines[i];
        }
        msg->texts.push_back({(f.seq_b ? "B/" : "") + f.tag, text, f.line});
        if (f.tag == "72") InstructingInstitutions(f, msg);
      }
    }
    for (const std::string& m : type->mandatory) {
      if (!seen_a.count(m))
        return Status::InvalidInput(where_msg + "mandatory field " + m +
                                    (IsPartyNumber(m) ? "a" : "") + " is missing");
    }
    for (const std::string& m : type->mandatory_b) {
      if (!seen_b.count(m))
        return Status::InvalidInput(where_msg + "sequence B: mandatory field " + m +
                                    "a is missing");
    }
    return Status::Ok();
  }

  // The BICs of the basic header (block 1: the logical terminal that sends an input message,
  // or receives an output one) and of the application header (block 2: the receiver of an
  // input message "I103" + address; the sender of an output one, in its message input reference
  // "O103" + time + date + address), as parties with only a BIC.
  Status HeaderParties(std::string_view block1, std::string_view block2, PaymentMessage* msg) {
    const bool output = block2[3] == 'O';
    auto add = [&](std::string_view block, size_t at, const char* what, const char* role) {
      const size_t offset = static_cast<size_t>(block.data() - in_.data());
      const std::string bic =
          block.size() >= at + 12 ? TerminalBic(block.substr(at, 12)) : std::string();
      if (bic.empty())
        return Status::InvalidInput(At(offset) + msg->type + " " + what + ": '" +
                                    std::string(block) +
                                    "' does not give a logical terminal address (BIC8, "
                                    "terminal code, branch) at character " +
                                    std::to_string(at + 1));
      MessageParty party;
      party.field = std::string(what) + " " + role;
      party.role = role;
      party.institution = true;
      party.bic = MessageValue{party.field, bic, lines_.At(offset)};
      msg->parties.push_back(std::move(party));
      return Status::Ok();
    };
    // {1:F01 + address; {2:I103 + address; {2:O103 + HHMM + YYMMDD + address.
    if (!block1.empty())
      INTERDICT_RETURN_IF_ERROR(add(block1, 6, "block 1", output ? "receiver" : "sender"));
    return add(block2, output ? 17 : 7, "block 2", output ? "sender" : "receiver");
  }

  // Field 72's "/INS/" lines name the instructing institution, usually by its BIC: a party
  // with that BIC. (A name after /INS/ stays text, scanned with the rest of the field.)
  void InstructingInstitutions(const Field& f, PaymentMessage* msg) {
    for (size_t i = 0; i < f.lines.size(); ++i) {
      if (!StartsWith(f.lines[i], "/INS/")) continue;
      const std::string_view bic = Trim(f.lines[i].substr(5));
      if (!IsBic(bic)) continue;
      MessageParty party;
      party.field = (f.seq_b ? "B/" : "") + f.tag;
      party.role = "instructing institution";
      party.institution = true;
      party.bic = MessageValue{party.field, std::string(bic), f.line + static_cast<int>(i)};
      msg->parties.push_back(std::move(party));
    }
  }

  std::string_view in_;
  Lines lines_;
};

}  // namespace

Status ParseMtMessages(std::string_view input, std::vector<PaymentMessage>* out) {
  out->clear();
  size_t bad = 0;
  if (!IsValidUtf8(input, &bad))
    return Status::InvalidInput("byte offset " + std::to_string(bad) + ": not valid UTF-8");
  return Parser(input).Run(out);
}

}  // namespace interdict
