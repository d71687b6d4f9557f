// BIC and IBAN syntax: the one reader both payment formats and the screener use.
#include "scan/bank_codes.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

TEST(BankCodesTest, BicSyntax) {
  EXPECT_TRUE(IsBic("DEUTDEFF"));
  EXPECT_TRUE(IsBic("DEUTDEFF500"));
  EXPECT_TRUE(IsBic("UBSWCHZH80A"));
  EXPECT_FALSE(IsBic("DEUTDEF"));
  EXPECT_FALSE(IsBic("DEU1DEFF"));
  EXPECT_FALSE(IsBic("deutdeff"));
  EXPECT_FALSE(IsBic("DEUTDEFF5"));
}

TEST(BankCodesTest, BicCountryAndInstitution) {
  EXPECT_EQ(BicCountry("SABCIRTH"), "IR");
  EXPECT_EQ(BicCountry("SOMRRUM1KST"), "RU");
  EXPECT_EQ(BicInstitution("SOMRRUM1KST"), "SOMRRUM1");
  EXPECT_EQ(BicInstitution("SABCIRTH"), "SABCIRTH");
}

TEST(BankCodesTest, ValidIbans) {
  for (const char* iban :
       {"DE89370400440532013000", "GB82WEST12345698765432", "CH9300762011623852957",
        "NL91ABNA0417164300", "IR820540102680020817909002", "NO9386011117947"}) {
    std::string_view why;
    EXPECT_TRUE(IsIban(iban, &why)) << iban << ": " << why;
  }
  EXPECT_EQ(IbanCountry("IR820540102680020817909002"), "IR");
  // A country the length table does not know: 15 to 34 characters and MOD 97-10.
  EXPECT_TRUE(IsIban("KP14000000000012345"));
}

TEST(BankCodesTest, NotIbans) {
  auto why = [](std::string_view s) {
    std::string_view w;
    EXPECT_FALSE(IsIban(s, &w)) << s;
    return std::string(w);
  };
  // An Iranian-looking account whose check digits are wrong (82 -> 83): not an IBAN.
  EXPECT_EQ(why("IR830540102680020817909002"), "the IBAN's check digits do not verify (MOD 97-10)");
  // Two digits swapped in the BBAN: MOD 97 catches every such transposition.
  EXPECT_EQ(why("IR820540102680020817909020"), "the IBAN's check digits do not verify (MOD 97-10)");
  // Right check digits for a 22-character German IBAN, one character short.
  EXPECT_EQ(why("DE8937040044053201300"), "wrong length for the IBAN's country");
  EXPECT_EQ(why("IR82054010268002081790900"), "wrong length for the IBAN's country");
  EXPECT_EQ(why("1234567890123456"), "an IBAN starts with a country code of two capitals");
  EXPECT_EQ(why("IRXX0540102680020817909002"),
            "an IBAN's check digits (characters 3-4) are digits");
  EXPECT_EQ(why("IR82 0540 1026 8002 0817 9090 02"), "an IBAN has only capitals and digits");
  EXPECT_EQ(why("IR82054"), "an IBAN has 15 to 34 characters");
  EXPECT_EQ(why("12345678"), "an IBAN has 15 to 34 characters");
}

}  // namespace
}  // namespace interdict
