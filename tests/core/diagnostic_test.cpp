#include <reportkit/core.hpp>

#include <catch2/catch.hpp>

#include <string>

using reportkit::detail::quoted_excerpt;

TEST_CASE("a message quotes a short value whole", "[diagnostic]") {
    CHECK(quoted_excerpt("usage_weekly") == "\"usage_weekly\"");
}

TEST_CASE("a message quotes a long value's first 40 characters", "[diagnostic]") {
    CHECK(quoted_excerpt(std::string(50, 'a')) == "\"" + std::string(40, 'a') + "...\"");
}

TEST_CASE("an excerpt counts characters and never cuts one in two", "[diagnostic]") {
    // 39 ASCII letters, then 'é' (2 bytes) as the 40th character, then more: the cut after 40
    // bytes would fall inside 'é' and leave invalid UTF-8 in the message.
    std::string value = std::string(39, 'a') + "\xc3\xa9" + "bcd";
    CHECK(quoted_excerpt(value) == "\"" + std::string(39, 'a') + "\xc3\xa9...\"");
    // 41 three-byte characters: 40 of them whole.
    std::string euros;
    for (int i = 0; i < 41; ++i)
        euros += "\xe2\x82\xac";
    CHECK(quoted_excerpt(euros) == "\"" + euros.substr(0, 120) + "...\"");
}

TEST_CASE("stray continuation bytes count one character each", "[diagnostic]") {
    std::string value = "a" + std::string(60, '\x80');
    CHECK(quoted_excerpt(value) == "\"a" + std::string(39, '\x80') + "...\"");
}
