#include "package/personal_fields.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace csdmx::package {

namespace {

std::vector<std::string> words_of(std::string_view name) {
    std::vector<std::string> words(1);
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!words.back().empty()) {
            words.emplace_back();
        }
    }
    if (words.back().empty()) words.pop_back();
    return words;
}

bool any_of_words(const std::vector<std::string>& words, const std::set<std::string>& wanted) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& word) { return wanted.count(word) > 0; });
}

}  // namespace

std::string personal_kind_of(std::string_view column_name) {
    // "long" is left out: "how_long" is a duration far more often than a longitude.
    static const std::set<std::string> kCoordinates = {"lat",         "latitude", "lon",      "lng",
                                                       "longitude",   "gps",      "geopoint", "geolocation",
                                                       "coordinates", "geoshape", "geotrace"};
    static const std::set<std::string> kPhone = {"phone", "telephone", "tel", "mobile", "msisdn", "whatsapp"};
    static const std::set<std::string> kEmail = {"email", "mail"};
    static const std::set<std::string> kWholeNames = {"surname", "firstname", "lastname", "fullname", "forename"};
    static const std::set<std::string> kWhoseName = {"respondent", "head",   "first",       "last",    "full",
                                                     "enumerator", "person", "interviewer", "contact", "owner",
                                                     "patient",    "child",  "mother",      "father",  "member"};
    static const std::set<std::string> kIdentifiers = {"deviceid", "imei",       "simserial", "subscriberid",
                                                       "passport", "nationalid", "nin",       "ssn"};
    const auto words = words_of(column_name);
    if (any_of_words(words, kCoordinates)) return "coordinates";
    if (any_of_words(words, kPhone)) return "phone";
    if (any_of_words(words, kEmail)) return "email";
    if (any_of_words(words, kWholeNames)) return "name";
    if (any_of_words(words, {"name"}) && any_of_words(words, kWhoseName)) return "name";
    if (any_of_words(words, kIdentifiers)) return "identifier";
    return {};
}

}  // namespace csdmx::package
