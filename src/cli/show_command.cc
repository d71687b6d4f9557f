// interdict show: everything known about one record, for a person or (--json) a program.
#include <cstdio>

#include "cli/commands.h"
#include "core/entity_json.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

struct ShowArgs {
  std::string id;
  int64_t version = 0;
  bool json = false;
};

std::string CountryText(const Country& c) {
  if (c.code.empty()) return c.original;
  if (c.original.empty()) return c.code;
  return c.original + " [" + c.code + "]";
}

std::string DateText(const BirthDate& b) {
  std::string s = FormatPartialDate(b.from);
  if (!(b.to == b.from)) s += " to " + FormatPartialDate(b.to);
  if (b.circa) s = "circa " + s;
  return s;
}

void Line(const char* label, const std::string& value) {
  if (!value.empty()) std::printf("  %-15s %s\n", label, value.c_str());
}

void PrintEntity(const Entity& e, const ListVersion& v) {
  std::printf("%s  %s  (%s)\n", e.id.c_str(), e.names.empty() ? "" : e.primary_name().full.c_str(),
              std::string(SchemaName(e.schema)).c_str());
  std::printf("  %-15s %s version %lld, published %s, imported %s\n", "list", v.source.c_str(),
              static_cast<long long>(v.id), v.published.empty() ? "-" : v.published.c_str(),
              v.imported_at.c_str());
  for (const Name& n : e.names) {
    std::string text = n.full;
    if (n.natural != n.full) text += "  (" + n.natural + ")";
    if (!n.script.empty() && n.script != "Latn") text += "  [" + n.script + "]";
    Line(std::string(NameKindName(n.kind)).c_str(), text);
  }
  for (const BirthDate& b : e.birth_dates) Line("born", DateText(b));
  for (const std::string& p : e.birth_places) Line("birth place", p);
  for (const Country& c : e.nationalities) Line("nationality", CountryText(c));
  for (const Country& c : e.citizenships) Line("citizenship", CountryText(c));
  Line("gender", e.gender);
  for (const std::string& t : e.titles) Line("title", t);
  for (const Identifier& id : e.identifiers) {
    std::string text = id.value;
    if (!id.currency.empty()) text += " (" + id.currency + ")";
    if (!id.country.original.empty() || !id.country.code.empty())
      text += " (" + CountryText(id.country) + ")";
    if (!id.note.empty()) text += "; " + id.note;
    Line(std::string(IdKindName(id.kind)).c_str(), text);
  }
  for (const Address& a : e.addresses) {
    std::string text;
    for (const std::string* part : {&a.street, &a.city, &a.state, &a.postal_code}) {
      if (part->empty()) continue;
      if (!text.empty()) text += ", ";
      text += *part;
    }
    std::string country = CountryText(a.country);
    if (!country.empty()) text += (text.empty() ? "" : ", ") + country;
    if (text.empty()) text = a.original;
    Line("address", text);
  }
  Line("flag", CountryText(e.flag));
  std::string programs;
  for (const std::string& p : e.programs) programs += (programs.empty() ? "" : ", ") + p;
  Line("programs", programs);
  Line("listed on", e.listed_on);
  for (const std::string& l : e.links) Line("linked to", l);
  for (const Attribute& a : e.attributes) Line(a.key.c_str(), a.value);
  for (const std::string& r : e.remarks) Line("remarks", r);
}

int RunShow(const Context& ctx, const ShowArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  Entity e;
  ListVersion v;
  if (Status s = store->GetEntity(args.id, args.version, &e, &v); !s.ok()) return Fail(s);
  if (args.json) {
    nlohmann::json j = EntityToJson(e);
    j["list_version"] = {{"id", v.id}, {"source", v.source}, {"published", v.published}};
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    PrintEntity(e, v);
  }
  return 0;
}

}  // namespace

void RegisterShow(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* cmd = app.add_subcommand("show", "Everything known about one list record");
  cmd->add_option("entity_id", args->id, "e.g. us-ofac-sdn:24586 or un-sc:QDi.001")->required();
  cmd->add_option("--version", args->version, "From this list version (default: the newest)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([&ctx, args, run] { *run = [&ctx, args] { return RunShow(ctx, *args); }; });
}

}  // namespace interdict::cli
