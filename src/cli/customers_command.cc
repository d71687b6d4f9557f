// interdict customers: the customer book that monitoring screens (import, list, show).
#include <cstdio>

#include "cli/commands.h"
#include "monitor/customer_file.h"
#include "monitor/customer_store.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

using json = nlohmann::json;

struct CustomersArgs {
  std::string file;
  CustomerFileOptions file_options;
  bool partial = false;
  std::string id;
  bool json = false;
};

// Who the audit log and the history name: --user, else "cli".
std::string Who(const Context& ctx) { return ctx.user.empty() ? "cli" : ctx.user; }

int RunImport(const Context& ctx, const CustomersArgs& args) {
  CountryTable countries;
  if (Status s = CountryTable::LoadDefault(ctx.data_dir, &countries); !s.ok()) return Fail(s);
  std::vector<Customer> customers;
  std::vector<CustomerFileError> errors;
  if (Status s = ReadCustomerFile(args.file, args.file_options, countries, &customers, &errors);
      !s.ok()) {
    for (const CustomerFileError& e : errors)
      std::fprintf(stderr, "%s\n", FormatCustomerFileError(args.file, e).c_str());
    return Fail(s);
  }
  if (customers.empty())
    return Fail(Status::InvalidInput(args.file + " holds no customers; nothing was imported"));
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  BookImportSummary sum;
  if (Status s = ImportCustomers(
          *store, customers, args.partial ? BookMode::kPartial : BookMode::kFull, Who(ctx), &sum);
      !s.ok())
    return Fail(s);
  std::printf("added %lld, updated %lld, deleted %lld, unchanged %lld; book revision %lld\n",
              static_cast<long long>(sum.added), static_cast<long long>(sum.updated),
              static_cast<long long>(sum.deleted), static_cast<long long>(sum.unchanged),
              static_cast<long long>(sum.rev));
  return 0;
}

json MetaJson(const CustomerMeta& m) {
  json j = {{"rev", m.rev},
            {"fingerprint", m.fingerprint},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
  if (!m.deleted_at.empty()) j["deleted_at"] = m.deleted_at;
  return j;
}

int RunList(const Context& ctx, const CustomersArgs& args) {
  CountryTable countries;
  if (Status s = CountryTable::LoadDefault(ctx.data_dir, &countries); !s.ok()) return Fail(s);
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  if (args.json) std::printf("[");
  bool first = true;
  Status s = ForEachCustomer(*store, countries, false, [&](Customer&& c, const CustomerMeta& m) {
    if (args.json) {
      json j = CustomerToJson(c);
      j.update(MetaJson(m));
      std::printf("%s%s", first ? "\n" : ",\n", j.dump().c_str());
    } else {
      std::printf("%-20s %-40s rev %lld\n", c.id.c_str(), c.name.c_str(),
                  static_cast<long long>(m.rev));
    }
    first = false;
    return Status::Ok();
  });
  if (args.json) std::printf("%s]\n", first ? "" : "\n");
  return s.ok() ? 0 : Fail(s);
}

int RunShow(const Context& ctx, const CustomersArgs& args) {
  CountryTable countries;
  if (Status s = CountryTable::LoadDefault(ctx.data_dir, &countries); !s.ok()) return Fail(s);
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  Customer c;
  CustomerMeta meta;
  std::vector<CustomerChange> history;
  if (Status s = GetCustomer(*store, countries, args.id, &c, &meta, &history); !s.ok())
    return Fail(s);
  json j = CustomerToJson(c);
  j.update(MetaJson(meta));
  j["history"] = json::array();
  for (const CustomerChange& h : history)
    j["history"].push_back({{"rev", h.rev},
                            {"change", h.change},
                            {"at", h.at},
                            {"who", h.who},
                            {"body", json::parse(h.body, nullptr, false)}});
  if (args.json) {
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  std::printf("%s  %s%s\n", c.id.c_str(), c.name.c_str(),
              meta.deleted_at.empty() ? "" : ("  (deleted " + meta.deleted_at + ")").c_str());
  std::printf("%s\n", CustomerToJson(c).dump(2).c_str());
  for (const CustomerChange& h : history)
    std::printf("  rev %-6lld %-8s %s by %s\n", static_cast<long long>(h.rev), h.change.c_str(),
                h.at.c_str(), h.who.c_str());
  return 0;
}

}  // namespace

void RegisterCustomers(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<CustomersArgs>();
  CLI::App* cmd = app.add_subcommand("customers", "The customer book that monitoring screens");
  cmd->require_subcommand(1);
  CLI::App* import = cmd->add_subcommand(
      "import", "Import the customer book from a CSV (header row) or JSON-lines file");
  import->add_option("file", args->file, "CSV or JSON-lines file")->required();
  import->add_option("--map", args->file_options.maps,
                     "COLUMN=FIELD: the CSV column that holds a field (id, name, type, dob, "
                     "country, aliases, identifiers)");
  import->add_option("--format", args->file_options.format, "csv or jsonl (default: detect)");
  import->add_flag("--partial", args->partial,
                   "Add and update only: customers absent from the file stay in the book");
  CLI::App* list = cmd->add_subcommand("list", "The customers in the book");
  list->add_flag("--json", args->json, "Print a JSON array");
  CLI::App* show = cmd->add_subcommand("show", "One customer, with its history");
  show->add_option("id", args->id, "Customer id")->required();
  show->add_flag("--json", args->json, "Print JSON");
  import->callback([&ctx, args, run] { *run = [&ctx, args] { return RunImport(ctx, *args);
};
}  // namespace interdict::cli
);
list->callback([&ctx, args, run] { *run = [&ctx, args] { return RunList(ctx, *args); }; });
show->callback([&ctx, args, run] { *run = [&ctx, args] { return RunShow(ctx, *args); }; });
}

}  // namespace interdict::cli
