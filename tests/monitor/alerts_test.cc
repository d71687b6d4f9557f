#include "monitor/alerts.h"

#include "case_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AlertSinkTest : public CaseStoreTest {};

std::vector<std::string> Kinds(const std::vector<AlertEvent>& history) {
  std::vector<std::string> kinds;
  for (const AlertEvent& e : history) kinds.push_back(e.kind);
  return kinds;
}

TEST(AlertStatusTest, NamesRoundTrip) {
  for (AlertStatus s : kAlertStatuses) {
    AlertStatus parsed = AlertStatus::kOpen;
    ASSERT_TRUE(ParseAlertStatus(AlertStatusName(s), &parsed)) << AlertStatusName(s);
    EXPECT_EQ(parsed, s);
  }
  AlertStatus out = AlertStatus::kDelisted;
  EXPECT_FALSE(ParseAlertStatus("closed", &out));
  EXPECT_EQ(out, AlertStatus::kDelisted);
  EXPECT_EQ(AlertStatusNames(), "open, in_review, escalated, confirmed, false_positive, delisted");
}

TEST_F(AlertSinkTest, RepeatedHitsRaiseOneAlertWithOneEvent) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(Raise(hit), RaiseOutcome::kRaised);
  EXPECT_EQ(Raise(hit), RaiseOutcome::kUnchanged);
  EXPECT_EQ(Raise(hit), RaiseOutcome::kUnchanged);
  std::vector<Alert> all;
  ASSERT_TRUE(ListAlerts(*store_, AlertFilter(), &all).ok());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].status, AlertStatus::kOpen);
  EXPECT_EQ(all[0].rev, 1);
  EXPECT_EQ(all[0].list_version, 1);
  EXPECT_THAT(Kinds(HistoryOf(all[0].id)), ElementsAre("raised"));
}

TEST_F(AlertSinkTest, NewScoreOrEvidenceRescoresAnOpenAlert) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  hit.score = 0.95;
  hit.list_version = 2;
  EXPECT_EQ(Raise(hit), RaiseOutcome::kRescored);
  Alert alert = AlertOf("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(alert.score, 0.95);
  EXPECT_EQ(alert.list_version, 2);
  EXPECT_EQ(alert.rev, 2);
  EXPECT_EQ(alert.status, AlertStatus::kOpen);
  std::vector<AlertEvent> history = HistoryOf(alert.id);
  EXPECT_THAT(Kinds(history), ElementsAre("raised", "rescored"));
  EXPECT_EQ(history[1].list_version, 2);
}

TEST_F(AlertSinkTest, ConfirmedReopensOnlyWhenTheEvidenceChanges) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  ExecSql("UPDATE alert SET status = 'confirmed'");
  EXPECT_EQ(Raise(hit), RaiseOutcome::kUnchanged);
  hit.entity_fp = "efp-changed";
  EXPECT_EQ(Raise(hit), RaiseOutcome::kReopened);
  Alert alert = AlertOf("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(alert.status, AlertStatus::kOpen);
  EXPECT_EQ(alert.entity_fp, "efp-changed");
  std::vector<AlertEvent> history = HistoryOf(alert.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].kind, "reopened");
  EXPECT_EQ(history[1].from_status, "confirmed");
  EXPECT_EQ(history[1].to_status, "open");
  EXPECT_THAT(history[1].detail, HasSubstr("\"entity_changed\":true"));
}

TEST_F(AlertSinkTest, FalsePositiveReopensWhenTheCustomerChanges) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  ExecSql("UPDATE alert SET status = 'false_positive'");
  EXPECT_EQ(Raise(hit), RaiseOutcome::kUnchanged);
  hit.customer_fp = "cfp-new-alias";
  EXPECT_EQ(Raise(hit), RaiseOutcome::kReopened);
  EXPECT_EQ(AlertOf("C-1", "us_ofac_sdn:36").status, AlertStatus::kOpen);
}

TEST_F(AlertSinkTest, DelistedThenRelistedReopens) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  Raise(MakeHit("C-2", "us_ofac_sdn:36"));
  ExecSql("UPDATE alert SET status = 'false_positive' WHERE customer_id = 'C-2'");
  int64_t closed = -1;
  ASSERT_TRUE(
      WithSink([&](AlertSink& s) { return s.Delisted("us_ofac_sdn:36", 2, &closed); }).ok());
  EXPECT_EQ(closed, 1);  // the false positive stays one
  Alert alert = AlertOf("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(alert.status, AlertStatus::kDelisted);
  EXPECT_EQ(AlertOf("C-2", "us_ofac_sdn:36").status, AlertStatus::kFalsePositive);
  // Delisting again (a re-run) changes nothing more.
  ASSERT_TRUE(
      WithSink([&](AlertSink& s) { return s.Delisted("us_ofac_sdn:36", 2, &closed); }).ok());
  EXPECT_EQ(closed, 0);

  hit.list_version = 3;
  EXPECT_EQ(Raise(hit), RaiseOutcome::kReopened);
  alert = AlertOf("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(alert.status, AlertStatus::kOpen);
  EXPECT_EQ(alert.list_version, 3);
  std::vector<AlertEvent> history = HistoryOf(alert.id);
  EXPECT_THAT(Kinds(history), ElementsAre("raised", "delisted", "reopened"));
  EXPECT_EQ(history[1].list_version, 2);
  EXPECT_EQ(history[1].to_status, "delisted");
}

TEST_F(AlertSinkTest, NoLongerMatchesAndCustomerDeletedKeepTheStatusAndSayItOnce) {
  Raise(MakeHit("C-1", "us_ofac_sdn:36"));
  Raise(MakeHit("C-1", "us_ofac_sdn:99"));
  ExecSql("UPDATE alert SET status = 'confirmed' WHERE entity_id = 'us_ofac_sdn:99'");
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(
        WithSink([](AlertSink& s) { return s.NoLongerMatches("C-1", "us_ofac_sdn:36", 4); }).ok());
  }
  Alert alert = AlertOf("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(alert.status, AlertStatus::kOpen);
  EXPECT_THAT(Kinds(HistoryOf(alert.id)), ElementsAre("raised", "no_longer_matches"));
  for (int i = 0; i < 2; ++i)
    ASSERT_TRUE(WithSink([](AlertSink& s) { return s.CustomerDeleted("C-1"); }).ok());
  EXPECT_THAT(Kinds(HistoryOf(alert.id)),
              ElementsAre("raised", "no_longer_matches", "customer_deleted"));
  // A closed alert is left alone.
  Alert confirmed = AlertOf("C-1", "us_ofac_sdn:99");
  EXPECT_THAT(Kinds(HistoryOf(confirmed.id)), ElementsAre("raised"));
  // Unknown pairs are nothing to note.
  EXPECT_TRUE(
      WithSink([](AlertSink& s) { return s.NoLongerMatches("C-9", "us_ofac_sdn:1", 4); }).ok());
}

TEST_F(AlertSinkTest, RefusesToRunOutsideATransaction) {
  std::unique_ptr<AlertSink> sink = NewStoreAlertSink(*store_, "system:monitor");
  RaiseOutcome outcome;
  Status s = sink->Hit(MakeHit("C-1", "us_ofac_sdn:36"), &outcome);
  EXPECT_EQ(s.code(), Status::Code::kInternal);
  std::vector<Alert> all;
  ASSERT_TRUE(ListAlerts(*store_, AlertFilter(), &all).ok());
  EXPECT_TRUE(all.empty());
}

TEST_F(AlertSinkTest, RefusesAHitThatIsNotWellFormed) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  hit.explanation = "{not json";
  RaiseOutcome outcome;
  Status s = WithSink([&](AlertSink& sink) { return sink.Hit(hit, &outcome); });
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(), HasSubstr("explanation"));
  hit = MakeHit("", "us_ofac_sdn:36");
  s = WithSink([&](AlertSink& sink) { return sink.Hit(hit, &outcome); });
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
}

TEST_F(AlertSinkTest, ListFiltersByStatusCustomerScoreAndLimit) {
  Raise(MakeHit("C-1", "us_ofac_sdn:1", 0.81));
  Raise(MakeHit("C-1", "us_ofac_sdn:2", 0.95));
  Raise(MakeHit("C-2", "us_ofac_sdn:1", 0.99));
  ExecSql("UPDATE alert SET status = 'escalated', assignee = 'bob' WHERE id = 3");
  std::vector<Alert> out;
  AlertFilter f;
  f.statuses = {AlertStatus::kEscalated, AlertStatus::kInReview};
  ASSERT_TRUE(ListAlerts(*store_, f, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].customer_id, "C-2");
  f = AlertFilter();
  f.customer_id = "C-1";
  f.min_score = 0.9;
  ASSERT_TRUE(ListAlerts(*store_, f, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].entity_id, "us_ofac_sdn:2");
  f = AlertFilter();
  f.assignee = "bob";
  ASSERT_TRUE(ListAlerts(*store_, f, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  f = AlertFilter();
  f.limit = 2;
  ASSERT_TRUE(ListAlerts(*store_, f, &out).ok());
  ASSERT_EQ(out.size(), 2u);
  f.after_id = out[1].id;
  ASSERT_TRUE(ListAlerts(*store_, f, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].id, 3);
}

TEST_F(AlertSinkTest, JsonHasTheFieldsTheIssueNames) {
  Raise(MakeHit("C-1", "us_ofac_sdn:36", 0.875));
  nlohmann::json j = AlertToJson(AlertOf("C-1", "us_ofac_sdn:36"));
  EXPECT_EQ(j["id"], 1);
  EXPECT_EQ(j["customer"], "C-1");
  EXPECT_EQ(j["entity"], "us_ofac_sdn:36");
  EXPECT_EQ(j["score"], 0.875);
  EXPECT_EQ(j["status"], "open");
  EXPECT_EQ(j["list_version"], 1);
  EXPECT_TRUE(j["pending"].is_null());
  EXPECT_EQ(j["explanation"]["matched_name"], "x");
}

TEST_F(AlertSinkTest, GetAlertOfAnUnknownIdIsNotFound) {
  Alert alert;
  EXPECT_EQ(GetAlert(*store_, 42, &alert, nullptr).code(), Status::Code::kNotFound);
}

// Good-guy rules as the sink sees them (rules_test.cc covers making them).
class SinkRuleTest : public CaseStoreTest {
 protected:
  void AddRule(const PairHit& hit, const std::string& extra_columns = "",
               const std::string& extra_values = "") {
    ExecSql(
        "INSERT INTO good_guy_rule(customer_id, entity_id, customer_fp, entity_fp, based_on, "
        "reason, created_by, created_at" +
        extra_columns + ") VALUES ('" + hit.customer_id + "', '" + hit.entity_id + "', '" +
        hit.customer_fp + "', '" + hit.entity_fp + "', '{}', 'same DOB differs', 'sue', " +
        "'2026-01-01T00:00:00Z'" + extra_values + ")");
  }
  std::string RuleField(const std::string& column) {
    Stmt stmt;
    EXPECT_TRUE(
        Stmt::Prepare(store_->db(), "SELECT COALESCE(" + column + ", '') FROM good_guy_rule", &stmt)
            .ok());
    bool row = false;
    EXPECT_TRUE(stmt.Step(&row).ok());
    return row ? stmt.ColumnText(0) : "<none>";
  }
};

TEST_F(SinkRuleTest, ARuleSuppressesThePairAtTheSameEvidence) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  AddRule(hit);
  EXPECT_EQ(Raise(hit), RaiseOutcome::kSuppressed);
  std::vector<Alert> all;
  ASSERT_TRUE(ListAlerts(*store_, AlertFilter(), &all).ok());
  EXPECT_TRUE(all.empty());
  EXPECT_EQ(RuleField("lapsed_at"), "");
}

TEST_F(SinkRuleTest, ARuleClosesAnOpenAlertOfThePair) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  AddRule(hit);
  EXPECT_EQ(Raise(hit), RaiseOutcome::kSuppressed);
  Alert alert = AlertOf("C-1", "us_ofac_sdn:36");
  EXPECT_EQ(alert.status, AlertStatus::kFalsePositive);
  std::vector<AlertEvent> history = HistoryOf(alert.id);
  EXPECT_THAT(Kinds(history), ElementsAre("raised", "suppressed"));
  EXPECT_THAT(history[1].reason, HasSubstr("good-guy rule 1"));
  EXPECT_EQ(Raise(hit), RaiseOutcome::kSuppressed);  // nothing more written
  EXPECT_EQ(HistoryOf(alert.id).size(), 2u);
}

TEST_F(SinkRuleTest, ACustomerChangeLapsesTheRuleAndReopensTheAlert) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  AddRule(hit);
  Raise(hit);  // closed by the rule
  hit.customer_fp = "cfp-with-a-new-alias";
  EXPECT_EQ(Raise(hit), RaiseOutcome::kReopened);
  EXPECT_EQ(AlertOf("C-1", "us_ofac_sdn:36").status, AlertStatus::kOpen);
  EXPECT_NE(RuleField("lapsed_at"), "");
  EXPECT_THAT(RuleField("lapse_reason"), HasSubstr("customer changed"));
  // Back at the old evidence, a lapsed rule stays lapsed: the alert is not suppressed again.
  hit.customer_fp = "cfp-C-1";
  EXPECT_EQ(Raise(hit), RaiseOutcome::kRescored);
  EXPECT_EQ(AlertOf("C-1", "us_ofac_sdn:36").status, AlertStatus::kOpen);
}

TEST_F(SinkRuleTest, ARecordChangeLapsesTheRuleAndRaisesTheAlert) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  AddRule(hit);
  EXPECT_EQ(Raise(hit), RaiseOutcome::kSuppressed);
  hit.entity_fp = "efp-new-dob";
  EXPECT_EQ(Raise(hit), RaiseOutcome::kRaised);
  EXPECT_THAT(RuleField("lapse_reason"), HasSubstr("list record changed"));
  Alert alert = AlertOf("C-1", "us_ofac_sdn:36");
  std::vector<AlertEvent> history = HistoryOf(alert.id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_THAT(history[0].detail, HasSubstr("lapsed_rules"));
}

TEST_F(SinkRuleTest, ExpiredAndRevokedRulesDoNotApply) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  AddRule(hit, ", expires_at", ", '2001-01-01'");
  EXPECT_EQ(Raise(hit), RaiseOutcome::kRaised);
  EXPECT_EQ(RuleField("lapsed_at"), "");  // expired, not lapsed
  PairHit other = MakeHit("C-2", "us_ofac_sdn:36");
  ExecSql("DELETE FROM good_guy_rule");
  AddRule(other, ", revoked_at, revoked_by", ", '2026-02-01T00:00:00Z', 'sue'");
  EXPECT_EQ(Raise(other), RaiseOutcome::kRaised);
}

TEST_F(SinkRuleTest, AConfirmedAlertStaysConfirmedUnderALaterRule) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  ExecSql("UPDATE alert SET status = 'confirmed'");
  AddRule(hit);
  EXPECT_EQ(Raise(hit), RaiseOutcome::kUnchanged);
  EXPECT_EQ(AlertOf("C-1", "us_ofac_sdn:36").status, AlertStatus::kConfirmed);
}

TEST_F(SinkRuleTest, AnAlertClosedByARuleReopensOnceTheRuleExpires) {
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  Raise(hit);
  AddRule(hit, ", expires_at", ", '2999-01-01'");
  EXPECT_EQ(Raise(hit), RaiseOutcome::kSuppressed);
  ExecSql("UPDATE good_guy_rule SET expires_at = '2001-01-01'");
  EXPECT_EQ(Raise(hit), RaiseOutcome::kReopened);
  std::vector<AlertEvent> history = HistoryOf(AlertOf("C-1", "us_ofac_sdn:36").id);
  EXPECT_THAT(history.back().reason, HasSubstr("no longer applies"));
}

}  // namespace
}  // namespace interdict
