// What yente.cc (the yente dialect) and reconcile.cc (OpenRefine reconciliation, which yente
// serves from the same matcher) share: dataset names, reading an FtM query example, screening
// it, and the FtM form of a record. Internal to the server stage.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/endpoints.h"

namespace interdict::server {

// yente's batch limit (YENTE_MAX_BATCH): queries per /match or /reconcile request.
inline constexpr size_t kYenteMaxBatch = 100;

// The OpenSanctions-style dataset name of a source: lower case, '_' between words, as
// OpenSanctions names the same list ("us-ofac-sdn" -> "us_ofac_sdn", "un-sc" ->
// "un_sc_sanctions"). FtM-valid: [a-z0-9_] only.
std::string DatasetName(std::string_view source);

// The sources a dataset path names: "default" and "sanctions" (every list Interdict holds is a
// sanctions list) -> "" (all); a source's dataset name or its own name ("us-ofac-sdn",
// "us_ofac_sdn") -> that source. False when the snapshot holds no such source.
bool ResolveDataset(const Snapshot& snapshot, std::string_view dataset, std::string* source);

// One FtM query example ({"id"?, "schema", "properties"}), read.
struct FtmExample {
  std::string schema;               // the FtM schema named
  std::vector<std::string> names;   // name, alias, previousName, and the name parts joined
  ScreeningQuery base;              // schema, birth dates, countries, identifiers
  nlohmann::json echo;              // the normalised example, as yente echoes it ("id" null)
  std::vector<std::string> unused;  // properties FtM defines but screening does not read
};

// Reads an example. Refuses (InvalidInput, naming the property) a schema that cannot be
// screened, a property FtM does not define for the schema, values that are not strings, dates
// it cannot read, and an example with neither a name nor an identifier.
Status ReadFtmExample(const nlohmann::json& q, FtmExample* out);

// Screens an example: on its names, or (none given) on its identifiers alone, where a record
// carrying one of them scores 1. Keeps the matches at or above options.threshold for which
// `keep` is true, best first, all of them (options.limit is ignored: the caller counts, then
// cuts).
Status ScreenFtmExample(const ServingLists& lists, const FtmExample& example,
                        const ScreenOptions& options,
                        const std::function<bool(const Entity&)>& keep,
                        std::vector<NamedMatch>* out, std::vector<std::string>* warnings);

// yente's schema gate (FtM Schema.can_match) between a query screened as `query` (nullopt:
// LegalEntity) and a record: a Person matches Person and LegalEntity records, an Organization
// organisations and LegalEntity records, LegalEntity all three, a Vessel or Airplane only its
// own kind.
bool SchemaCanMatch(std::optional<Schema> query, Schema listed);

// The FtM form of a record: what /entities/{id} returns and what each match result carries.
nlohmann::json FtmEntity(const Entity& e);

// The label FtM gives a record's caption: its primary name, else its id.
std::string Caption(const Entity& e);


}  // namespace interdict::server
