// The customer book: reading bank files (customer_file.h) and storing them (customer_store.h).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "../store/test_store.h"
#include "monitor/customer.h"
#include "monitor/customer_file.h"
#include "monitor/customer_store.h"
#include "store/db.h"

namespace interdict {
namespace {

class CustomerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "interdict_customer_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    ASSERT_TRUE(CountryTable::LoadDefault(INTERDICT_DATA, &countries_).ok());
    ASSERT_TRUE(OpenTestStore((dir_ / "store.db").string(), &store_).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  Status Read(const std::string& path, std::vector<Customer>* out,
              std::vector<CustomerFileError>* errors, CustomerFileOptions options = {}) {
    return ReadCustomerFile(path, options, countries_, out, errors);
  }
  std::vector<Customer> ReadOrDie(const std::string& name, const std::string& text,
                                  CustomerFileOptions options = {}) {
    std::vector<Customer> out;
    std::vector<CustomerFileError> errors;
    Status s = Read(Write(name, text), &out, &errors, options);
    EXPECT_TRUE(s.ok()) << s.message() << (errors.empty() ? "" : ": " + errors[0].message);
    return out;
  }
  BookImportSummary ImportOrDie(const std::vector<Customer>& customers,
                                BookMode mode = BookMode::kFull) {
    BookImportSummary s;
    Status st = ImportCustomers(*store_, customers, mode, "tester", &s);
    EXPECT_TRUE(st.ok()) << st.message();
    return s;
  }
  int64_t Count(const char* sql) {
    Stmt q;
    EXPECT_TRUE(Stmt::Prepare(store_->db(), sql, &q).ok());
    bool row = false;
    EXPECT_TRUE(q.Step(&row).ok());
    return row ? q.ColumnInt(0) : -1;
  }

  std::filesystem::path dir_;
  CountryTable countries_;
  std::unique_ptr<Store> store_;
};

constexpr const char* kCsv =
    "\xEF\xBB\xBFid,name,type,dob,country,aliases,identifiers,segment\r\n"
    "C-1,Ali Khamenei,person,1939-04-19,Iran,\"Sayyid Ali; Ali Hosseini\",P123;N-9,retail\r\n"
    "C-2,\"Acme\nTrading\",organization,,DE;FR,,,corporate\r\n";

TEST_F(CustomerTest, CsvEqualsJsonLines) {
  std::vector<Customer> csv = ReadOrDie("book.csv", kCsv);
  std::vector<Customer> jsonl = ReadOrDie(
      "book.jsonl",
      R"({"id": "C-1", "name": "Ali Khamenei", "type": "person", "dob": "1939-04-19", )"
      R"("country": "Iran", "aliases": ["Sayyid Ali", "Ali Hosseini"], "identifiers": ["P123", "N-9"], "segment": "retail"})"
      "\n"
      R"({"id": "C-2", "name": "Acme\nTrading", "type": "organization", "countries": ["DE", "FR"], "segment": "corporate"})"
      "\n");
  ASSERT_EQ(csv.size(), 2u);
  ASSERT_EQ(jsonl.size(), 2u);
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(CustomerToJson(csv[i]), CustomerToJson(jsonl[i]));
  EXPECT_EQ(csv[0].aliases, (std::vector<std::string>{"Sayyid Ali", "Ali Hosseini"}));
  EXPECT_EQ(csv[0].countries, std::vector<std::string>{"IR"});
  EXPECT_EQ(csv[0].identifiers.size(), 2u);
  EXPECT_EQ(csv[0].attributes.at("segment"), "retail");
  EXPECT_EQ(csv[1].countries, (std::vector<std::string>{"DE", "FR"}));
}

TEST_F(CustomerTest, MapRenamesColumns) {
  CustomerFileOptions o;
  o.maps = {"Kundennummer=id", "Vollname=name"};
  std::vector<Customer> c = ReadOrDie("m.csv", "Kundennummer,Vollname\nK1,Jan Novak\n", o);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].id, "K1");
  EXPECT_EQ(c[0].name, "Jan Novak");
  EXPECT_TRUE(c[0].attributes.empty());
}

TEST_F(CustomerTest, EveryBadRowIsReportedWithItsLine) {
  std::vector<Customer> out;
  std::vector<CustomerFileError> errors;
  const std::string path = Write("bad.csv",
                                 "id,name,type,dob,country\n"
                                 "C-1,Good Person,person,1970,\n"  // 2: fine
                                 "C-1,Again,person,,\n"            // 3: duplicate id
                                 "C-3,,person,,\n"                 // 4: no name
                                 "C-4,X Y,spaceship,,\n"           // 5: unknown type
                                 "C-5,X Y,person,1975-13-40,\n"    // 6: no date
                                 "C-6,X Y,person\n"                // 7: field count
                                 "C-7,X Y,person,,Narnia\n");      // 8: no country
  Status s = Read(path, &out, &errors);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(errors.size(), 6u);
  const int64_t lines[] = {3, 4, 5, 6, 7, 8};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(errors[i].line, lines[i]) << errors[i].message;
  EXPECT_EQ(FormatCustomerFileError(path, errors[0]),
            path + ":3: id C-1: the id appears on an earlier row too");
  EXPECT_NE(errors[3].message.find("1975-13-40"), std::string::npos);
  EXPECT_NE(errors[5].message.find("Narnia"), std::string::npos);
}

TEST_F(CustomerTest, HeaderWithoutNameIsRefused) {
  std::vector<Customer> out;
  std::vector<CustomerFileError> errors;
  EXPECT_FALSE(Read(Write("h.csv", "id,fullname\n1,A B\n"), &out, &errors).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 0);
  EXPECT_NE(errors[0].message.find("'name'"), std::string::npos);
}

TEST_F(CustomerTest, FingerprintCoversScreeningFieldsOnly) {
  Customer a = ReadOrDie("a.csv", kCsv)[0];
  Customer b = a;
  b.attributes["segment"] = "private";
  EXPECT_EQ(CustomerFingerprint(a), CustomerFingerprint(b));
  std::reverse(b.aliases.begin(), b.aliases.end());
  EXPECT_EQ(CustomerFingerprint(a), CustomerFingerprint(b));
  b.aliases.push_back("Another Name");
  EXPECT_NE(CustomerFingerprint(a), CustomerFingerprint(b));
  b = a;
  b.birth_dates[0].day = 20;
  EXPECT_NE(CustomerFingerprint(a), CustomerFingerprint(b));
}

TEST_F(CustomerTest, ImportIsIdempotentAndTracksChanges) {
  std::vector<Customer> book = ReadOrDie("b.csv", kCsv);
  BookImportSummary s = ImportOrDie(book);
  EXPECT_EQ(s.added, 2);
  EXPECT_EQ(s.rev, 1);
  s = ImportOrDie(book);  // the same content: no new revision, nothing written
  EXPECT_EQ(s.unchanged, 2);
  EXPECT_EQ(s.rev, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM customer_history"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_event WHERE kind = 'customers.import'"), 1);

  Customer c;
  CustomerMeta before, after;
  ASSERT_TRUE(GetCustomer(*store_, countries_, "C-1", &c, &before, nullptr).ok());
  book[0].aliases.push_back("New Alias");
  book[1].attributes["segment"] = "sme";
  s = ImportOrDie(book);
  EXPECT_EQ(s.updated, 2);
  EXPECT_EQ(s.rev, 2);
  std::vector<CustomerChange> history;
  ASSERT_TRUE(GetCustomer(*store_, countries_, "C-1", &c, &after, &history).ok());
  EXPECT_NE(before.fingerprint, after.fingerprint);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].change, "updated");
  EXPECT_EQ(history[1].who, "tester");
  ASSERT_TRUE(GetCustomer(*store_, countries_, "C-2", &c, &after, nullptr).ok());
  EXPECT_EQ(after.rev, 2);

  // Partial: C-2 absent but kept; full: C-2 deleted.
  s = ImportOrDie({book[0]}, BookMode::kPartial);
  EXPECT_EQ(s.deleted, 0);
  EXPECT_EQ(s.rev, 2);
  s = ImportOrDie({book[0]}, BookMode::kFull);
  EXPECT_EQ(s.deleted, 1);
  EXPECT_EQ(s.rev, 3);
  ASSERT_TRUE(GetCustomer(*store_, countries_, "C-2", &c, &after, &history).ok());
  EXPECT_FALSE(after.deleted_at.empty());
  EXPECT_EQ(history.back().change, "deleted");

  std::vector<Customer> changed;
  std::vector<std::string> deleted;
  ASSERT_TRUE(ChangedCustomers(*store_, countries_, 1, 3, &changed, &deleted).ok());
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].id, "C-1");
  EXPECT_EQ(deleted, std::vector<std::string>{"C-2"});
  int64_t listed = 0;
  ASSERT_TRUE(ForEachCustomer(*store_, countries_, false, [&](Customer&&, const CustomerMeta&) {
                ++listed;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(listed, 1);
}

TEST_F(CustomerTest, HistoryIsAppendOnly) {
  ImportOrDie(ReadOrDie("b.csv", kCsv));
  EXPECT_FALSE(Exec(store_->db(), "DELETE FROM customer_history").ok());
  EXPECT_FALSE(Exec(store_->db(), "UPDATE customer_history SET who = 'x'").ok());
}

}  // namespace
}  // namespace interdict
