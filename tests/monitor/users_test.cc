#include "monitor/users.h"

#include "case_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "monitor/settings.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;

class UsersTest : public CaseStoreTest {
 protected:
  int64_t AuditCount(const std::string& kind) {
    Stmt stmt;
    EXPECT_TRUE(
        Stmt::Prepare(store_->db(), "SELECT COUNT(*) FROM audit_event WHERE kind = ?", &stmt).ok());
    stmt.Bind(1, kind);
    bool row = false;
    EXPECT_TRUE(stmt.Step(&row).ok());
    return stmt.ColumnInt(0);
  }
};

TEST_F(UsersTest, TheFirstUserIsABootstrapAdminAndOnlyOnAnEmptyStore) {
  Status s = AddUser(*store_, "ann", Role::kAnalyst, "");
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(), HasSubstr("first user must be an admin"));
  ASSERT_TRUE(AddUser(*store_, "ada", Role::kAdmin, "").ok());
  s = AddUser(*store_, "eve", Role::kAdmin, "");
  EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("--user"));
  ASSERT_TRUE(AddUser(*store_, "ann", Role::kAnalyst, "ada").ok());
  std::vector<User> users;
  ASSERT_TRUE(ListUsers(*store_, &users).ok());
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "ada");
  EXPECT_EQ(users[0].created_by, "bootstrap");
  EXPECT_EQ(users[1].name, "ann");
  EXPECT_EQ(users[1].role, Role::kAnalyst);
  EXPECT_EQ(users[1].created_by, "ada");
  EXPECT_EQ(AuditCount("user.add"), 2);
}

TEST_F(UsersTest, OnlyAnAdminAddsUsersAndNamesAreChecked) {
  ASSERT_TRUE(AddUser(*store_, "ada", Role::kAdmin, "").ok());
  ASSERT_TRUE(AddUser(*store_, "sue", Role::kSupervisor, "ada").ok());
  EXPECT_EQ(AddUser(*store_, "x", Role::kAnalyst, "sue").code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(AddUser(*store_, "x", Role::kAnalyst, "nobody").code(),
            Status::Code::kPermissionDenied);
  EXPECT_EQ(AddUser(*store_, "sue", Role::kAnalyst, "ada").code(), Status::Code::kInvalidInput);
  for (const char* bad : {"", "has space", "system:monitor", "a;b"})
    EXPECT_EQ(AddUser(*store_, bad, Role::kAnalyst, "ada").code(), Status::Code::kInvalidInput)
        << bad;
  EXPECT_TRUE(AddUser(*store_, "first.last@bank-1_x", Role::kAnalyst, "ada").ok());
}

TEST_F(UsersTest, ADisabledUserCannotActAndTheLastAdminStays) {
  ASSERT_TRUE(AddUser(*store_, "ada", Role::kAdmin, "").ok());
  ASSERT_TRUE(AddUser(*store_, "ann", Role::kAnalyst, "ada").ok());
  EXPECT_EQ(DisableUser(*store_, "ada", "ada").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(DisableUser(*store_, "ann", "ann").code(), Status::Code::kPermissionDenied);
  ASSERT_TRUE(DisableUser(*store_, "ann", "ada").ok());
  User user;
  Status s = ActingUser(store_->db(), "ann", &user);
  EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("disabled"));
  EXPECT_EQ(DisableUser(*store_, "ann", "ada").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(DisableUser(*store_, "zed", "ada").code(), Status::Code::kNotFound);
  EXPECT_EQ(AuditCount("user.disable"), 1);
}

TEST_F(UsersTest, RolesAllowWhatTheContractSays) {
  EXPECT_TRUE(Allows(Role::kAnalyst, Permission::kDecide));
  EXPECT_FALSE(Allows(Role::kAnalyst, Permission::kDecideEscalated));
  EXPECT_FALSE(Allows(Role::kAnalyst, Permission::kApprove));
  EXPECT_FALSE(Allows(Role::kAnalyst, Permission::kRules));
  EXPECT_TRUE(Allows(Role::kSupervisor, Permission::kApprove));
  EXPECT_TRUE(Allows(Role::kSupervisor, Permission::kRules));
  EXPECT_FALSE(Allows(Role::kSupervisor, Permission::kUsers));
  EXPECT_FALSE(Allows(Role::kSupervisor, Permission::kSettings));
  EXPECT_TRUE(Allows(Role::kAdmin, Permission::kSettings));
  Role r;
  EXPECT_TRUE(ParseRole("supervisor", &r));
  EXPECT_EQ(r, Role::kSupervisor);
  EXPECT_FALSE(ParseRole("root", &r));
}

TEST_F(UsersTest, SettingsAreAnAdminsAndChecked) {
  ASSERT_TRUE(AddUser(*store_, "ada", Role::kAdmin, "").ok());
  ASSERT_TRUE(AddUser(*store_, "sue", Role::kSupervisor, "ada").ok());
  bool on = false;
  ASSERT_TRUE(FourEyesOn(store_->db(), &on).ok());
  EXPECT_TRUE(on);  // seeded by the schema
  EXPECT_EQ(SetSetting(*store_, "four_eyes", "off", "sue").code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(SetSetting(*store_, "four_eyes", "maybe", "ada").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(SetSetting(*store_, "colour", "red", "ada").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(SetSetting(*store_, "audit.retention_years", "0", "ada").code(),
            Status::Code::kInvalidInput);
  ASSERT_TRUE(SetSetting(*store_, "four_eyes", "off", "ada").ok());
  ASSERT_TRUE(FourEyesOn(store_->db(), &on).ok());
  EXPECT_FALSE(on);
  ASSERT_TRUE(SetSetting(*store_, "audit.retention_years", "12", "ada").ok());
  std::string value;
  ASSERT_TRUE(GetSetting(store_->db(), "audit.retention_years", &value).ok());
  EXPECT_EQ(value, "12");
  EXPECT_EQ(AuditCount("setting.set"), 2);
}

}  // namespace
}  // namespace interdict
