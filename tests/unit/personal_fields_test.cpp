#include "package/personal_fields.h"

#include <gtest/gtest.h>

namespace csdmx::package {

TEST(PersonalFields, NamesThatSayPersonal) {
    EXPECT_EQ(personal_kind_of("_gps_latitude"), "coordinates");
    EXPECT_EQ(personal_kind_of("lon"), "coordinates");
    EXPECT_EQ(personal_kind_of("household/geopoint"), "coordinates");
    EXPECT_EQ(personal_kind_of("Phone Number"), "phone");
    EXPECT_EQ(personal_kind_of("respondent_mobile"), "phone");
    EXPECT_EQ(personal_kind_of("E-mail"), "email");
    EXPECT_EQ(personal_kind_of("respondent_name"), "name");
    EXPECT_EQ(personal_kind_of("Surname"), "name");
    EXPECT_EQ(personal_kind_of("simserial"), "identifier");
}

TEST(PersonalFields, NamesThatDoNot) {
    EXPECT_EQ(personal_kind_of("district_name"), "");  // a name, but a place's
    EXPECT_EQ(personal_kind_of("how_long_to_collect"), "");
    EXPECT_EQ(personal_kind_of("telecentre_visits"), "");  // "tel" only as a whole word
    EXPECT_EQ(personal_kind_of("members"), "");
    EXPECT_EQ(personal_kind_of(""), "");
}

}  // namespace csdmx::package
