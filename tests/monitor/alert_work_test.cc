// Case work on alerts: moves, assignment, decisions, four-eyes, revisions and the audit trail.
#include "case_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "monitor/alerts.h"
#include "monitor/settings.h"
#include "monitor/users.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;

constexpr AlertStatus kAll[] = {AlertStatus::kOpen,          AlertStatus::kInReview,
                                AlertStatus::kEscalated,     AlertStatus::kConfirmed,
                                AlertStatus::kFalsePositive, AlertStatus::kDelisted};

class AlertWorkTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    CaseStoreTest::SetUp();
    ASSERT_TRUE(AddUser(*store_, "ada", Role::kAdmin, "").ok());
    ASSERT_TRUE(AddUser(*store_, "sue", Role::kSupervisor, "ada").ok());
    ASSERT_TRUE(AddUser(*store_, "sam", Role::kSupervisor, "ada").ok());
    ASSERT_TRUE(AddUser(*store_, "ann", Role::kAnalyst, "ada").ok());
    ASSERT_EQ(Raise(MakeHit("C-1", "us_ofac_sdn:36")), RaiseOutcome::kRaised);
  }
  void SetStatus(AlertStatus s) {
    ExecSql("UPDATE alert SET status = '" + std::string(AlertStatusName(s)) + "' WHERE id = 1");
  }
  Alert Get() {
    Alert alert;
    EXPECT_TRUE(GetAlert(*store_, 1, &alert, nullptr).ok());
    return alert;
  }
  int64_t Count(const std::string& sql) {
    Stmt stmt;
    EXPECT_TRUE(Stmt::Prepare(store_->db(), sql, &stmt).ok());
    bool row = false;
    EXPECT_TRUE(stmt.Step(&row).ok());
    return stmt.ColumnInt(0);
  }
};

// Which moves a supervisor may make (an analyst may make those not from escalated, confirmed or
// false_positive); everything else is refused.
bool MoveAllowed(AlertStatus from, AlertStatus to) {
  using S = AlertStatus;
  switch (from) {
    case S::kOpen:
      return to == S::kInReview || to == S::kEscalated;
    case S::kInReview:
      return to == S::kOpen || to == S::kEscalated;
    case S::kEscalated:
      return to == S::kOpen || to == S::kInReview;
    case S::kConfirmed:
    case S::kFalsePositive:
      return to == S::kOpen;
    case S::kDelisted:
      return false;
  }
  return false;
}

TEST_F(AlertWorkTest, EveryMoveIsAllowedOrRefusedAsTheTableSays) {
  for (AlertStatus from : kAll) {
    for (AlertStatus to : kAll) {
      SetStatus(from);
      const int64_t rev = Get().rev;
      const int64_t events = Count("SELECT COUNT(*) FROM alert_event");
      Alert after;
      Status s = MoveAlert(*store_, 1, rev, to, "looked", "sue", &after);
      std::string what =
          std::string(AlertStatusName(from)) + " -> " + std::string(AlertStatusName(to));
      if (MoveAllowed(from, to)) {
        ASSERT_TRUE(s.ok()) << what << ": " << s.message();
        EXPECT_EQ(after.status, to) << what;
        EXPECT_EQ(after.rev, rev + 1) << what;
        EXPECT_EQ(Count("SELECT COUNT(*) FROM alert_event"), events + 1) << what;
      } else {
        EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << what;
        EXPECT_EQ(Get().status, from) << what;
        EXPECT_EQ(Get().rev, rev) << what;
        EXPECT_EQ(Count("SELECT COUNT(*) FROM alert_event"), events) << what;
      }
    }
  }
}

TEST_F(AlertWorkTest, AnAnalystWorksButDoesNotTouchEscalatedOrDecidedAlerts) {
  ASSERT_TRUE(MoveAlert(*store_, 1, 0, AlertStatus::kInReview, "", "ann", nullptr).ok());
  ASSERT_TRUE(MoveAlert(*store_, 1, 0, AlertStatus::kEscalated, "odd DOB", "ann", nullptr).ok());
  Status s = MoveAlert(*store_, 1, 0, AlertStatus::kInReview, "", "ann", nullptr);
  EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("supervisor or admin"));
  s = DecideAlert(*store_, 1, 0, AlertStatus::kConfirmed, "same person", "ann", nullptr);
  EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(Get().status, AlertStatus::kEscalated);
  ASSERT_TRUE(
      DecideAlert(*store_, 1, 0, AlertStatus::kConfirmed, "same person", "sue", nullptr).ok());
  EXPECT_EQ(MoveAlert(*store_, 1, 0, AlertStatus::kOpen, "new facts", "ann", nullptr).code(),
            Status::Code::kPermissionDenied);
  EXPECT_EQ(MoveAlert(*store_, 1, 0, AlertStatus::kOpen, "", "sue", nullptr).code(),
            Status::Code::kInvalidInput);  // reopening needs a reason
  EXPECT_TRUE(MoveAlert(*store_, 1, 0, AlertStatus::kOpen, "new facts", "sue", nullptr).ok());
}

TEST_F(AlertWorkTest, AStaleRevisionIsAConflictAndChangesNothing) {
  Alert after;
  ASSERT_TRUE(MoveAlert(*store_, 1, 1, AlertStatus::kInReview, "", "ann", &after).ok());
  EXPECT_EQ(after.rev, 2);
  const int64_t events = Count("SELECT COUNT(*) FROM alert_event");
  const int64_t audits = Count("SELECT COUNT(*) FROM audit_event");
  Status s = DecideAlert(*store_, 1, 1, AlertStatus::kConfirmed, "match", "sue", nullptr);
  EXPECT_EQ(s.code(), Status::Code::kConflict);
  EXPECT_THAT(s.message(), HasSubstr("rev 2, not 1"));
  EXPECT_EQ(Get().status, AlertStatus::kInReview);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM alert_event"), events);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event"), audits);
  EXPECT_TRUE(DecideAlert(*store_, 1, 2, AlertStatus::kConfirmed, "match", "sue", nullptr).ok());
}

TEST_F(AlertWorkTest, ADecisionRecordsWhoWhenWhyAndAnAuditEvent) {
  EXPECT_EQ(DecideAlert(*store_, 1, 0, AlertStatus::kConfirmed, "", "ann", nullptr).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(DecideAlert(*store_, 1, 0, AlertStatus::kEscalated, "x", "ann", nullptr).code(),
            Status::Code::kInvalidInput);
  ASSERT_TRUE(
      DecideAlert(*store_, 1, 0, AlertStatus::kConfirmed, "DOB and passport match", "ann", nullptr)
          .ok());
  Alert alert;
  std::vector<AlertEvent> history;
  ASSERT_TRUE(GetAlert(*store_, 1, &alert, &history).ok());
  EXPECT_EQ(alert.status, AlertStatus::kConfirmed);
  const AlertEvent& e = history.back();
  EXPECT_EQ(e.kind, "decided");
  EXPECT_EQ(e.who, "ann");
  EXPECT_EQ(e.from_status, "open");
  EXPECT_EQ(e.to_status, "confirmed");
  EXPECT_EQ(e.reason, "DOB and passport match");
  EXPECT_FALSE(e.at.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event WHERE kind = 'alert.decision' AND who = "
                  "'ann' AND subject = 'alert:1' AND settings LIKE '%four_eyes%'"),
            1);
  // Decided is decided: a second decision needs a reopening first.
  EXPECT_EQ(DecideAlert(*store_, 1, 0, AlertStatus::kFalsePositive, "x", "sue", nullptr).code(),
            Status::Code::kInvalidInput);
}

TEST_F(AlertWorkTest, FourEyesAFalsePositiveWaitsForADifferentSupervisor) {
  Alert after;
  ASSERT_TRUE(
      DecideAlert(*store_, 1, 0, AlertStatus::kFalsePositive, "other DOB", "sue", &after).ok());
  EXPECT_EQ(after.status, AlertStatus::kInReview);
  EXPECT_THAT(after.pending, HasSubstr("\"by\":\"sue\""));
  // While pending, nothing else happens to it.
  EXPECT_EQ(MoveAlert(*store_, 1, 0, AlertStatus::kOpen, "", "ann", nullptr).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(DecideAlert(*store_, 1, 0, AlertStatus::kConfirmed, "x", "sam", nullptr).code(),
            Status::Code::kInvalidInput);
  Status s = ReviewDecision(*store_, 1, 0, true, "ok", "sue", nullptr);
  EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("four-eyes"));
  EXPECT_EQ(ReviewDecision(*store_, 1, 0, true, "ok", "ann", nullptr).code(),
            Status::Code::kPermissionDenied);  // an analyst does not approve
  EXPECT_EQ(ReviewDecision(*store_, 1, 0, true, "", "sam", nullptr).code(),
            Status::Code::kInvalidInput);
  ASSERT_TRUE(ReviewDecision(*store_, 1, 0, true, "agree: other DOB", "sam", &after).ok());
  EXPECT_EQ(after.status, AlertStatus::kFalsePositive);
  EXPECT_TRUE(after.pending.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event WHERE kind = 'alert.approval'"), 1);
  EXPECT_EQ(ReviewDecision(*store_, 1, 0, true, "again", "ada", nullptr).code(),
            Status::Code::kInvalidInput);  // nothing pending any more
}

TEST_F(AlertWorkTest, FourEyesARejectionPutsTheAlertBackWhereItWas) {
  ASSERT_TRUE(MoveAlert(*store_, 1, 0, AlertStatus::kEscalated, "", "ann", nullptr).ok());
  ASSERT_TRUE(DecideAlert(*store_, 1, 0, AlertStatus::kFalsePositive, "no", "sue", nullptr).ok());
  Alert after;
  ASSERT_TRUE(ReviewDecision(*store_, 1, 0, false, "look at the passport", "ada", &after).ok());
  EXPECT_EQ(after.status, AlertStatus::kEscalated);
  EXPECT_TRUE(after.pending.empty());
  std::vector<AlertEvent> history;
  ASSERT_TRUE(GetAlert(*store_, 1, &after, &history).ok());
  EXPECT_EQ(history.back().kind, "rejected");
  EXPECT_EQ(history.back().who, "ada");
}

TEST_F(AlertWorkTest, WithFourEyesOffAFalsePositiveClosesAtOnce) {
  ASSERT_TRUE(SetSetting(*store_, "four_eyes", "off", "ada").ok());
  Alert after;
  ASSERT_TRUE(
      DecideAlert(*store_, 1, 0, AlertStatus::kFalsePositive, "other DOB", "ann", &after).ok());
  EXPECT_EQ(after.status, AlertStatus::kFalsePositive);
  EXPECT_TRUE(after.pending.empty());
}

TEST_F(AlertWorkTest, ConfirmingNeedsNoSecondPerson) {
  Alert after;
  ASSERT_TRUE(DecideAlert(*store_, 1, 0, AlertStatus::kConfirmed, "match", "ann", &after).ok());
  EXPECT_EQ(after.status, AlertStatus::kConfirmed);
}

TEST_F(AlertWorkTest, NoUserUnknownOrDisabledUsersCannotAct) {
  for (const char* who : {"", "mallory"}) {
    Status s = MoveAlert(*store_, 1, 0, AlertStatus::kInReview, "", who, nullptr);
    EXPECT_EQ(s.code(), Status::Code::kPermissionDenied) << who;
  }
  ASSERT_TRUE(DisableUser(*store_, "ann", "ada").ok());
  Status s = DecideAlert(*store_, 1, 0, AlertStatus::kConfirmed, "x", "ann", nullptr);
  EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("disabled"));
  EXPECT_EQ(Get().rev, 1);
}

TEST_F(AlertWorkTest, AssignmentGoesToAnEnabledUser) {
  Alert after;
  ASSERT_TRUE(AssignAlert(*store_, 1, 0, "ann", "sue", &after).ok());
  EXPECT_EQ(after.assignee, "ann");
  EXPECT_EQ(AssignAlert(*store_, 1, 0, "ann", "sue", nullptr).code(), Status::Code::kInvalidInput);
  EXPECT_EQ(AssignAlert(*store_, 1, 0, "nobody", "sue", nullptr).code(),
            Status::Code::kInvalidInput);
  ASSERT_TRUE(AssignAlert(*store_, 1, 0, "", "ann", &after).ok());
  EXPECT_EQ(after.assignee, "");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event WHERE kind = 'alert.assign'"), 2);
}

TEST_F(AlertWorkTest, MonitoringDropsAPendingDecisionWhenTheEvidenceChanges) {
  ASSERT_TRUE(DecideAlert(*store_, 1, 0, AlertStatus::kFalsePositive, "no", "sue", nullptr).ok());
  PairHit hit = MakeHit("C-1", "us_ofac_sdn:36");
  hit.entity_fp = "efp-new-passport";
  EXPECT_EQ(Raise(hit), RaiseOutcome::kRescored);
  Alert alert = Get();
  EXPECT_TRUE(alert.pending.empty());
  EXPECT_EQ(ReviewDecision(*store_, 1, 0, true, "ok", "sam", nullptr).code(),
            Status::Code::kInvalidInput);
}

}  // namespace
}  // namespace interdict
