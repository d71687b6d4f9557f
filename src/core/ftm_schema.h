// The part of the FollowTheMoney data model (followthemoney's schema/*.yaml) that Interdict
// speaks: the schemata of parties, their ancestors, what each screens as, and every property FtM
// defines on them (inherited ones included). The one home of the FtM schema map: the FtM list
// reader (ingest) takes the records of matchable schemata, and the yente and reconciliation
// endpoints (server) refuse a query naming a property FtM does not define for its schema, never
// screening without it.
//
// No state: the tables are constant.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/entity.h"

namespace interdict {

struct FtmSchema {
  std::string_view name;         // "Person"
  std::string_view label;        // "Person"
  std::string_view plural;       // "People"
  std::string_view description;  // one line, as FtM describes it
  std::string_view parent;       // first ancestor ("" for Thing)
  std::string_view parent2;      // a second ancestor (Company is an Organization and an Asset)
  bool matchable;                // a query of it can be screened (FtM's `matchable`)
  // What it screens as (nullopt: either kind of party, LegalEntity). Meaningful when matchable.
  std::optional<Schema> screens_as;
};

struct FtmProperty {
  std::string_view schema;  // the schema that defines it ("Thing" for name)
  std::string_view name;    // "birthDate"
  std::string_view label;   // "Birth date"
  bool entity;              // its values are ids of other entities (FtM type "entity")
};

// The schema of that name, or nullptr when it is not one of the schemata above. FtM names are
// case-sensitive.
const FtmSchema* FindFtmSchema(std::string_view name);

// The matchable schemata, in FtM's order: what OpenRefine offers as types.
std::vector<const FtmSchema*> MatchableFtmSchemata();

// Whether `schema` is `ancestor` or descends from it.
bool FtmIsA(std::string_view schema, std::string_view ancestor);

// The property `name` as `schema` has it (its own or inherited), or nullptr.
const FtmProperty* FindFtmProperty(std::string_view schema, std::string_view name);

// Every property of `schema`, inherited ones first (Thing's, then LegalEntity's, ...).
std::vector<const FtmProperty*> FtmProperties(std::string_view schema);

// The FtM schema name of a record of that kind: kEntity is LegalEntity, kAircraft Airplane.
std::string_view FtmSchemaName(Schema schema);

}  // namespace interdict
