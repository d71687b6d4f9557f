// A store in a temp folder for the case-work tests, and helpers that drive the alert sink the way
// monitoring does (inside a write transaction).
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "../store/test_store.h"
#include "gtest/gtest.h"
#include "monitor/alerts.h"
#include "store/db.h"
#include "store/store.h"

namespace interdict {

class CaseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "interdict-case-XXXXXX");
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Status s = OpenTestStore((dir_ / "s.db").string(), &store_);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static PairHit MakeHit(const std::string& customer, const std::string& entity,
                         double score = 0.9) {
    PairHit hit;
    hit.customer_id = customer;
    hit.entity_id = entity;
    hit.source = "us_ofac_sdn";
    hit.list_version = 1;
    hit.score = score;
    hit.explanation = R"({"matched_name": "x"})";
    hit.customer_fp = "cfp-" + customer;
    hit.entity_fp = "efp-" + entity;
    return hit;
  }

  // Runs `fn(sink)` in a write transaction, as a monitoring run does, and commits.
  template <typename Fn>
  Status WithSink(Fn fn) {
    Transaction txn(store_->db(), Transaction::Mode::kWrite);
    if (!txn.status().ok()) return txn.status();
    std::unique_ptr<AlertSink> sink = NewStoreAlertSink(*store_, "system:monitor");
    Status s = fn(*sink);
    if (!s.ok()) return s;
    return txn.Commit();
  }

  RaiseOutcome Raise(const PairHit& hit) {
    RaiseOutcome outcome = RaiseOutcome::kUnchanged;
    Status s = WithSink([&](AlertSink& sink) { return sink.Hit(hit, &outcome); });
    EXPECT_TRUE(s.ok()) << s.message();
    return outcome;
  }

  Alert AlertOf(const std::string& customer, const std::string& entity) {
    AlertFilter filter;
    filter.customer_id = customer;
    filter.entity_id = entity;
    std::vector<Alert> alerts;
    Status s = ListAlerts(*store_, filter, &alerts);
    EXPECT_TRUE(s.ok()) << s.message();
    EXPECT_EQ(alerts.size(), 1u);
    return alerts.empty() ? Alert() : alerts[0];
  }

  std::vector<AlertEvent> HistoryOf(int64_t id) {
    Alert alert;
    std::vector<AlertEvent> history;
    Status s = GetAlert(*store_, id, &alert, &history);
    EXPECT_TRUE(s.ok()) << s.message();
    return history;
  }

  void ExecSql(const std::string& sql) {
    Status s = Exec(store_->db(), sql);
    ASSERT_TRUE(s.ok()) << s.message();
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace interdict
