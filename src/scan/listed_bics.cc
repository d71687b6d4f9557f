#include "scan/listed_bics.h"

#include "core/text.h"
#include "scan/bank_codes.h"

namespace interdict {

ListedBics::ListedBics(const Snapshot& snapshot) {
  for (const Entity& e : snapshot.entities()) {
    for (const Identifier& id : e.identifiers) {
      if (id.kind != IdKind::kSwiftBic && id.label.find("BIC") == std::string::npos) continue;
      std::string bic = CanonicalIdentifier(id.value);
      if (!IsBic(bic)) continue;
      std::string institution(BicInstitution(bic));
      by_institution_[std::move(institution)].push_back({&e, &id, std::move(bic)});
    }
  }
}

const std::vector<ListedBics::Listed>& ListedBics::Of(std::string_view bic) const {
  static const std::vector<Listed> kNone;
  auto it = by_institution_.find(std::string(BicInstitution(bic)));
  return it == by_institution_.end() ? kNone : it->second;
}

}  // namespace interdict
