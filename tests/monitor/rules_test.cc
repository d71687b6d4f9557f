#include "monitor/rules.h"

#include "case_test_util.h"
#include "core/entity.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "monitor/users.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;

constexpr char kSource[] = "us_ofac_sdn";

class RulesTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    CaseStoreTest::SetUp();
    ASSERT_TRUE(AddUser(*store_, "ada", Role::kAdmin, "").ok());
    ASSERT_TRUE(AddUser(*store_, "sue", Role::kSupervisor, "ada").ok());
    ASSERT_TRUE(AddUser(*store_, "ann", Role::kAnalyst, "ada").ok());
  }
  // A customer in the book, as the customer import stores one.
  void AddCustomer(const std::string& id, const std::string& fp) {
    ExecSql("INSERT INTO customer(id, body, fingerprint, rev, created_at, updated_at) VALUES ('" +
            id + "', '{\"id\": \"" + id + "\", \"name\": \"John Smith\", \"dob\": \"1970\"}', '" +
            fp + "', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
  }
  // A version of the list with one record.
  void ImportRecord(const std::string& local_id, const std::string& name) {
    Entity e;
    e.id = std::string(kSource) + ":" + local_id;
    e.source = kSource;
    e.schema = Schema::kPerson;
    e.names.push_back({name, name, NameKind::kPrimary, "Latn"});
    std::unique_ptr<Import> import;
    ASSERT_TRUE(store_->BeginImport(kSource, "sha-" + name, &import).ok());
    ASSERT_TRUE(import->Add(e).ok());
    ASSERT_TRUE(import->Commit("", {}, nullptr).ok());
  }
  GoodGuyRule OnlyRule() {
    std::vector<GoodGuyRule> rules;
    EXPECT_TRUE(ListRules(*store_, true, &rules).ok());
    EXPECT_EQ(rules.size(), 1u);
    return rules.empty() ? GoodGuyRule() : rules[0];
  }
};

TEST_F(RulesTest, ARuleFromAnAlertClosesItAndSuppressesTheSamePair) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  AddCustomer("C-1", hit.customer_fp);
  EXPECT_EQ(CreateRuleFromAlert(*store_, 1, "other DOB", "", "ann", nullptr).code(),
            Status::Code::kPermissionDenied);
  EXPECT_EQ(CreateRuleFromAlert(*store_, 1, "", "", "sue", nullptr).code(),
            Status::Code::kInvalidInput);
  GoodGuyRule rule;
  ASSERT_TRUE(CreateRuleFromAlert(*store_, 1, "other DOB", "", "sue", &rule).ok());
  EXPECT_EQ(rule.customer_fp, hit.customer_fp);
  EXPECT_EQ(rule.entity_fp, hit.entity_fp);
  nlohmann::json based_on = nlohmann::json::parse(rule.based_on);
  EXPECT_EQ(based_on["customer"]["fields"]["dob"], "1970");
  EXPECT_EQ(based_on["customer"]["fingerprint"], hit.customer_fp);
  EXPECT_EQ(based_on["record"]["id"], "us_ofac_sdn:36");
  EXPECT_EQ(based_on["record"]["version"], 1);
  EXPECT_EQ(based_on["record"]["fingerprint"], hit.entity_fp);
  Alert alert = AlertOf("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(alert.status, AlertStatus::kFalsePositive);
  EXPECT_EQ(HistoryOf(alert.id).back().kind, "suppressed");
  EXPECT_EQ(HistoryOf(alert.id).back().who, "sue");
  // Monitoring sees the same pair at the same evidence: nothing changes.
  EXPECT_EQ(Raise(hit), RaiseOutcome::kSuppressed);
  // A second rule at the same evidence is refused.
  EXPECT_EQ(CreateRuleFromAlert(*store_, 1, "again", "", "sue", nullptr).code(),
            Status::Code::kInvalidInput);
}

TEST_F(RulesTest, ANewCustomerAliasLapsesTheRuleAndReopensTheAlert) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  ASSERT_TRUE(CreateRuleFromAlert(*store_, 1, "other DOB", "", "sue", nullptr).ok());
  hit.customer_fp = "cfp-with-new-alias";
  EXPECT_EQ(Raise(hit), RaiseOutcome::kReopened);
  GoodGuyRule rule = OnlyRule();
  EXPECT_FALSE(rule.lapsed_at.empty());
  EXPECT_THAT(rule.lapse_reason, HasSubstr("customer changed"));
  EXPECT_EQ(AlertOf("C-1", "us_ofac_sdn:36").status, AlertStatus::kOpen);
  std::vector<GoodGuyRule> in_force;
  ASSERT_TRUE(ListRules(*store_, false, &in_force).ok());
  EXPECT_TRUE(in_force.empty());
}

TEST_F(RulesTest, AChangedListRecordLapsesTheRuleAndReopensTheAlert) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  ASSERT_TRUE(CreateRuleFromAlert(*store_, 1, "other DOB", "", "sue", nullptr).ok());
  hit.entity_fp = "efp-new-dob";
  hit.list_version = 2;
  EXPECT_EQ(Raise(hit), RaiseOutcome::kReopened);
  EXPECT_THAT(OnlyRule().lapse_reason, HasSubstr("list record changed"));
}

TEST_F(RulesTest, ARuleForAPairWithoutAnAlertIsBasedOnTheBookAndTheNewestList) {
  ImportRecord("36", "John Smith");
  AddCustomer("C-1", "cfp-book");
  GoodGuyRule rule;
  ASSERT_TRUE(
      CreateRule(*store_, "C-1", "us_ofac_sdn:36", "known person", "2999-01-01", "sue", &rule)
          .ok());
  EXPECT_EQ(rule.customer_fp, "cfp-book");
  EXPECT_EQ(rule.entity_fp.size(), 64u);  // hex SHA-256 of the stored record
  EXPECT_EQ(rule.expires_at, "2999-01-01");
  nlohmann::json based_on = nlohmann::json::parse(rule.based_on);
  EXPECT_EQ(based_on["record"]["fingerprint"], rule.entity_fp);
  EXPECT_EQ(based_on["record"]["version"], 1);
  EXPECT_EQ(CreateRule(*store_, "C-9", "us_ofac_sdn:36", "x", "", "sue", nullptr).code(),
            Status::Code::kNotFound);
  EXPECT_EQ(CreateRule(*store_, "C-1", "us_ofac_sdn:99", "x", "", "sue", nullptr).code(),
            Status::Code::kNotFound);
  // The monitoring hit at that evidence is suppressed: no alert.
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  hit.customer_fp = rule.customer_fp;
  hit.entity_fp = rule.entity_fp;
  EXPECT_EQ(Raise(hit), RaiseOutcome::kSuppressed);
}

TEST_F(RulesTest, ExpiryIsCheckedAndAnExpiredRuleDoesNotApply) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  for (const char* bad : {"2001-01-01", "tomorrow", "2030-13", "2030-01-01 12:00"})
    EXPECT_EQ(CreateRuleFromAlert(*store_, 1, "x", bad, "sue", nullptr).code(),
              Status::Code::kInvalidInput)
        << bad;
  ASSERT_TRUE(CreateRuleFromAlert(*store_, 1, "x", "2999-01-01T00:00:00Z", "sue", nullptr).ok());
  ExecSql("UPDATE good_guy_rule SET expires_at = '2001-01-01'");
  EXPECT_EQ(Raise(hit), RaiseOutcome::kReopened);
  std::vector<GoodGuyRule> in_force;
  ASSERT_TRUE(ListRules(*store_, false, &in_force).ok());
  EXPECT_TRUE(in_force.empty());
}

TEST_F(RulesTest, RevokingARuleReopensTheAlertItClosed) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  ASSERT_TRUE(CreateRuleFromAlert(*store_, 1, "other DOB", "", "sue", nullptr).ok());
  EXPECT_EQ(RevokeRule(*store_, 1, "", "sue").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(RevokeRule(*store_, 1, "wrong", "ann").code(), Status::Code::kPermissionDenied);
  ASSERT_TRUE(RevokeRule(*store_, 1, "new adverse media", "ada").ok());
  GoodGuyRule rule = OnlyRule();
  EXPECT_EQ(rule.revoked_by, "ada");
  EXPECT_EQ(rule.revoke_reason, "new adverse media");
  Alert alert = AlertOf("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(alert.status, AlertStatus::kOpen);
  EXPECT_THAT(HistoryOf(alert.id).back().reason, HasSubstr("revoked"));
  EXPECT_EQ(Raise(hit), RaiseOutcome::kUnchanged);  // a revoked rule suppresses nothing
  EXPECT_EQ(RevokeRule(*store_, 1, "again", "ada").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(RevokeRule(*store_, 7, "x", "ada").code(), Status::Code::kNotFound);
}

TEST_F(RulesTest, NoRuleOverAConfirmedOrPendingAlert) {
  Raise(MakeHit("C-1", "us_ofac_sdn:36"));
  Raise(MakeHit("C-2", "us_ofac_sdn:36"));
  ASSERT_TRUE(DecideAlert(*store_, 1, 0, AlertStatus::kConfirmed, "match", "ann", nullptr).ok());
  ASSERT_TRUE(DecideAlert(*store_, 2, 0, AlertStatus::kFalsePositive, "no", "ann", nullptr).ok());
  EXPECT_EQ(CreateRuleFromAlert(*store_, 1, "x", "", "sue", nullptr).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(CreateRule(*store_, "C-2", "us_ofac_sdn:36", "x", "", "sue", nullptr).code(),
            Status::Code::kInvalidInput);
}

TEST_F(RulesTest, MakingAndRevokingAreAudited) {
  Raise(MakeHit("C-1", "us_ofac_sdn:36"));
  ASSERT_TRUE(CreateRuleFromAlert(*store_, 1, "other DOB", "", "sue", nullptr).ok());
  ASSERT_TRUE(RevokeRule(*store_, 1, "wrong", "sue").ok());
  Stmt stmt;
  ASSERT_TRUE(Stmt::Prepare(store_->db(),
                            "SELECT kind, who, subject FROM audit_event WHERE kind LIKE 'rule.%' "
                            "ORDER BY seq",
                            &stmt)
                  .ok());
  std::vector<std::string> rows;
  for (bool row = true;;) {
    ASSERT_TRUE(stmt.Step(&row).ok());
    if (!row) break;
    rows.push_back(stmt.ColumnText(0) + " " + stmt.ColumnText(1) + " " + stmt.ColumnText(2));
  }
  EXPECT_THAT(rows, ::testing::ElementsAre("rule.create sue rule:1", "rule.revoke sue rule:1"));
}

}  // namespace
}  // namespace interdict
