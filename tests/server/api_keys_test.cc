#include "server/api_keys.h"

#include <cstring>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ApiKeysTest, NewKeyIsAcceptedAndOthersAreNot) {
  std::string key, entry;
  ASSERT_TRUE(NewKey("bank-a", &key, &entry).ok());
  EXPECT_EQ(key.rfind("idk_", 0), 0u);
  EXPECT_EQ(key.size(), 4u + 43u);
  EXPECT_EQ(entry.rfind("bank-a:", 0), 0u);
  EXPECT_THAT(entry, Not(HasSubstr(key)));
  ApiKeys keys;
  ASSERT_TRUE(keys.AddFromText(entry, "test", false).ok());
  EXPECT_EQ(keys.Check(key), "bank-a");
  EXPECT_EQ(keys.Check(key + "x"), "");
  EXPECT_EQ(keys.Check(key.substr(0, key.size() - 1)), "");
  EXPECT_EQ(keys.Check(""), "");
}

TEST(ApiKeysTest, KnownVectorAndSeveralEntries) {
  // $ printf 'saltsecret' | sha256sum
  const std::string entry = MakeKeyEntry("ops", "salt", "secret");
  EXPECT_EQ(entry, "ops:73616c74:bede90386d450cea8b77b822f8887065e4e5abf132c2f9dccfcc7fbd4cba5e35");
  ApiKeys keys;
  std::string other;
  std::string other_key;
  ASSERT_TRUE(NewKey("other", &other_key, &other).ok());
  ASSERT_TRUE(
      keys.AddFromText("# comment\n\n" + entry + "\r\n" + other + "\n", "keys.txt", false).ok());
  EXPECT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys.Check("secret"), "ops");
  EXPECT_EQ(keys.Check(other_key), "other");
  EXPECT_EQ(keys.Check("Secret"), "");
  ApiKeys env;
  ASSERT_TRUE(env.AddFromText(entry + "," + other, "$VAR", true).ok());
  EXPECT_EQ(env.size(), 2u);
  EXPECT_EQ(env.Check("secret"), "ops");
}

TEST(ApiKeysTest, MalformedEntriesNameTheirLineNotTheirSecrets) {
  ApiKeys keys;
  Status s =
      keys.AddFromText("ok:00:" + std::string(64, 'a') + "\nbroken-line\n", "keys.txt", false);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(), HasSubstr("keys.txt:2"));
  EXPECT_THAT(keys.AddFromText("bad id:00:" + std::string(64, 'a'), "k", false).message(),
              HasSubstr("key id"));
  EXPECT_THAT(keys.AddFromText("x:zz:" + std::string(64, 'a'), "k", false).message(),
              HasSubstr("salt is not hex"));
  EXPECT_THAT(keys.AddFromText("x:00:abcd", "k", false).message(), HasSubstr("64 hex digits"));
  EXPECT_THAT(keys.AddFromText("x:00:" + std::string(64, 'a') + ":extra", "k", false).message(),
              HasSubstr("expected <id>:<salt hex>:<sha256 hex>"));
  ApiKeys dup;
  Status d = dup.AddFromText("x:00:" + std::string(64, 'a') + ",x:01:" + std::string(64, 'b'),
                             "$VAR", true);
  EXPECT_THAT(d.message(), HasSubstr("$VAR: entry 2: key id 'x' repeated"));
  EXPECT_THAT(d.message(), Not(HasSubstr(std::string(64, 'b'))));
}

TEST(ApiKeysTest, ReadsAFileAndReportsAMissingOne) {
  testing::TempDir dir;
  std::string key, entry;
  ASSERT_TRUE(NewKey("file-client", &key, &entry).ok());
  std::ofstream(dir.path() + "/keys") << "# clients\n" << entry << "\n";
  ApiKeys keys;
  ASSERT_TRUE(keys.AddFromFile(dir.path() + "/keys").ok());
  EXPECT_EQ(keys.Check(key), "file-client");
  Status s = keys.AddFromFile(dir.path() + "/missing");
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_THAT(s.message(), HasSubstr("missing"));
}

TEST(ApiKeysTest, EntryForKeyUsesAFreshSalt) {
  const std::string key = "the-Key-of-client-c-4d9e1f0a7b";
  std::string a, b;
  ASSERT_TRUE(EntryForKey("c", key, &a).ok());
  ASSERT_TRUE(EntryForKey("c", key, &b).ok());
  EXPECT_NE(a, b);
  ApiKeys keys;
  ASSERT_TRUE(keys.AddFromText(a, "k", false).ok());
  EXPECT_EQ(keys.Check(key), "c");
  EXPECT_FALSE(EntryForKey("bad id", key, &a).ok());
  EXPECT_FALSE(EntryForKey("c", "", &a).ok());
}

TEST(ApiKeysTest, EntryForKeyRefusesWeakKeys) {
  std::string entry = "untouched";
  for (const char* weak :
       {"k", "the-key", "correct-horse", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abababababababababababababababab", "12345678901234567890123456789012"}) {
    Status s = EntryForKey("c", weak, &entry);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << weak;
    EXPECT_THAT(s.message(), HasSubstr("too weak")) << weak;
    EXPECT_THAT(s.message(), HasSubstr("--new-key")) << weak;
    if (std::strlen(weak) > 4) {
      EXPECT_EQ(s.message().find(weak), std::string::npos) << "the message repeats the key";
    }
  }
  EXPECT_EQ(entry, "untouched");
  // Every key --new-key makes is strong enough, and so is a random hex key of 128 bits.
  for (int i = 0; i < 200; ++i) {
    std::string key, made;
    ASSERT_TRUE(NewKey("c", &key, &made).ok());
    EXPECT_TRUE(CheckKeyStrength(key).ok()) << key;
  }
  EXPECT_TRUE(CheckKeyStrength("3f9a0c7e1b5d42e8a6c9f01b7d3e5a28").ok());
}

TEST(PresentedKeyTest, ReadsBearerApiKeyAndHeader) {
  EXPECT_EQ(PresentedKey("Bearer abc", ""), "abc");
  EXPECT_EQ(PresentedKey("bearer  abc ", ""), "abc");
  EXPECT_EQ(PresentedKey("ApiKey abc", ""), "abc");
  EXPECT_EQ(PresentedKey("", "abc"), "abc");
  EXPECT_EQ(PresentedKey("Basic dXNlcjpwYXNz", "hdr"), "hdr");
  EXPECT_EQ(PresentedKey("", ""), "");
}

}  // namespace
}  // namespace interdict::server
