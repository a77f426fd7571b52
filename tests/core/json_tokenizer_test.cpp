// The reader's tokenizer (core/detail/json_tokenizer.hpp) against Boost.JSON's parser as the
// referee: on every text, both accept it with the same events or both refuse it. The texts are
// hand-picked edges, then a few hundred thousand mutations of real payloads. Where the two are
// meant to differ, the case says so.
#include <reportkit/core/detail/json_tokenizer.hpp>
#include <reportkit/core/read.hpp>
#include <reportkit/reports/examples.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace rd = reportkit::detail;

// Both parsers' events as one line of text, numbers by kind: "{ k:a s:b i:1 u:2 d:1.5e3 }".
struct Events {
    std::string out;
    void add(std::string_view tag, std::string_view text = {}) {
        out += tag;
        out += text;
        out += ' ';
    }
};

struct TokenizerEvents : Events {
    void object_begin() { add("{"); }
    void object_end(std::size_t n) { add("}", std::to_string(n)); }
    void array_begin() { add("["); }
    void array_end(std::size_t n) { add("]", std::to_string(n)); }
    void key(std::string_view s) { add("k:", s); }
    void string(std::string_view s) { add("s:", s); }
    void int64(std::int64_t v) { add("i:", std::to_string(v)); }
    void uint64(std::uint64_t v) { add("u:", std::to_string(v)); }
    void floating(std::string_view text) { add("d:", text); }
    void boolean(bool v) { add(v ? "true" : "false"); }
    void null() { add("null"); }
};

struct BoostEvents : Events {
    using ec = boost::system::error_code;
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    std::string part;
    bool on_document_begin(ec&) { return true; }
    bool on_document_end(ec&) { return true; }
    bool on_object_begin(ec&) { return add("{"), true; }
    bool on_object_end(std::size_t n, ec&) { return add("}", std::to_string(n)), true; }
    bool on_array_begin(ec&) { return add("["), true; }
    bool on_array_end(std::size_t n, ec&) { return add("]", std::to_string(n)), true; }
    bool on_key_part(std::string_view s, std::size_t, ec&) { return part.append(s), true; }
    bool on_key(std::string_view s, std::size_t, ec&) { return whole("k:", s), true; }
    bool on_string_part(std::string_view s, std::size_t, ec&) { return part.append(s), true; }
    bool on_string(std::string_view s, std::size_t, ec&) { return whole("s:", s), true; }
    bool on_number_part(std::string_view s, ec&) { return part.append(s), true; }
    bool on_int64(std::int64_t v, std::string_view, ec&) {
        part.clear();
        return add("i:", std::to_string(v)), true;
    }
    bool on_uint64(std::uint64_t v, std::string_view, ec&) {
        part.clear();
        return add("u:", std::to_string(v)), true;
    }
    bool on_double(double, std::string_view s, ec&) { return whole("d:", s), true; }
    bool on_bool(bool v, ec&) { return add(v ? "true" : "false"), true; }
    bool on_null(ec&) { return add("null"), true; }
    bool on_comment_part(std::string_view, ec&) { return true; }
    bool on_comment(std::string_view, ec&) { return true; }
    void whole(std::string_view tag, std::string_view s) {
        part.append(s);
        add(tag, part);
        part.clear();
    }
};

struct Outcome {
    bool ok = false;
    bool too_deep = false;
    std::string events;     // when ok
    std::string message;    // when not: what the tokenizer said
    std::size_t offset = 0; // when not
};

Outcome tokenize(std::string_view text, std::size_t max_depth = 64) {
    TokenizerEvents h;
    auto broken = rd::JsonTokenizer<TokenizerEvents>(text, h, max_depth).run();
    if (!broken)
        return {true, false, h.out, {}, 0};
    return {false, broken->too_deep, {}, broken->message, broken->offset};
}

// Boost.JSON's verdict; `exponent_overflow` is set when it refused only a number's exponent
// beyond an int, which the tokenizer takes (RFC 8259 sets no limit; a double field then says the
// number is out of range).
Outcome referee(std::string_view text, std::size_t max_depth, bool* exponent_overflow = nullptr) {
    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<BoostEvents> parser(options);
    boost::system::error_code ec;
    std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
    if (!ec && used < text.size())
        ec = boost::json::error::extra_data;
    if (exponent_overflow)
        *exponent_overflow = ec == boost::json::error::exponent_overflow;
    if (ec)
        return {false, ec == boost::json::error::too_deep, {}, ec.message(), used};
    return {true, false, parser.handler().out, {}, 0};
}

void agree(std::string_view text, std::size_t max_depth = 64) {
    CAPTURE(text);
    bool exponent_overflow = false;
    Outcome want = referee(text, max_depth, &exponent_overflow);
    Outcome got = tokenize(text, max_depth);
    if (exponent_overflow) {
        CHECK(got.ok);
        return;
    }
    CHECK(got.ok == want.ok);
    CHECK(got.events == want.events);
    CHECK(got.too_deep == want.too_deep);
}

} // namespace

TEST_CASE("tokenizer: the events of every kind of value agree with Boost.JSON's", "[tokenizer]") {
    for (std::string_view text : {R"({})",
                                  R"([])",
                                  R"( {"a" : [1, -2, 3.5, true, false, null, "x"], "b": {}} )",
                                  R"([[[]], [{}], {"": ""}])",
                                  R"("plain")",
                                  R"("esc\"\\\/\b\f\n\r\t")",
                                  R"("\u0041\u00e9\u20ac\ud83d\ude00\u0000")",
                                  "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
                                  R"(0)",
                                  R"(-0)",
                                  R"(-0.0)",
                                  R"(1e5)",
                                  R"(1E+5)",
                                  R"(1e-5)",
                                  R"(0.5e0)",
                                  R"(9223372036854775807)",
                                  R"(9223372036854775808)",
                                  R"(-9223372036854775808)",
                                  R"(-9223372036854775809)",
                                  R"(18446744073709551615)",
                                  R"(18446744073709551616)",
                                  R"(123456789012345678901234567890)",
                                  R"(1e400)",
                                  R"(-1e-400)",
                                  "\t\r\n 7 \n",
                                  R"({"a":1,"a":2})"}) {
        agree(text);
    }
}

TEST_CASE("tokenizer: what is not JSON is refused by both", "[tokenizer]") {
    for (std::string_view text : {"",
                                  " ",
                                  "{",
                                  "}",
                                  "[",
                                  "]",
                                  "[1,]",
                                  "{\"a\":1,}",
                                  "{\"a\"}",
                                  "{\"a\":}",
                                  "{1:2}",
                                  "[1 2]",
                                  "01",
                                  "-",
                                  "-x",
                                  "1.",
                                  ".5",
                                  "1e",
                                  "1e+",
                                  "+1",
                                  "0x10",
                                  "NaN",
                                  "Infinity",
                                  "tru",
                                  "nul",
                                  "falsy",
                                  "truex",
                                  "\"abc",
                                  "\"a\\x\"",
                                  "\"\\u12\"",
                                  "\"\\u12g4\"",
                                  "\"\\ud800\"",
                                  "\"\\udc00\"",
                                  "\"\\ud800\\u0041\"",
                                  "\"\\ud800x\"",
                                  "\"a\nb\"",
                                  "\"a\x01\"",
                                  "\"\xff\"",
                                  "\"\xc0\xaf\"",
                                  "\"\xe0\x80\xaf\"",
                                  "\"\xed\xa0\x80\"",
                                  "\"\xf4\x90\x80\x80\"",
                                  "\"\xc3\"",
                                  "\"\xe2\x82\"",
                                  "[] []",
                                  "{} x",
                                  "1 2",
                                  "// c\n1",
                                  "/* c */ 1",
                                  "[1,,2]",
                                  "\xef\xbb\xbf{}",
                                  "\x00",
                                  "[\"a\" : 1]"}) {
        CAPTURE(text);
        agree(text);
        CHECK_FALSE(tokenize(text).ok);
    }
}

TEST_CASE("tokenizer: nesting is bounded where Boost.JSON bounds it", "[tokenizer]") {
    for (std::size_t depth : {0, 1, 4, 64}) {
        CAPTURE(depth);
        agree(std::string(depth, '[') + std::string(depth, ']'), depth);
        agree(std::string(depth + 1, '[') + std::string(depth + 1, ']'), depth);
        agree(std::string(depth, '{').empty() ? "{}" : "{\"a\":" + std::string(depth, '['), depth);
    }
    Outcome deep = tokenize(std::string(100000, '['));
    CHECK(deep.too_deep);
    CHECK(deep.offset == 64);
}

TEST_CASE("tokenizer: a refusal says where, what was expected and what came", "[tokenizer]") {
    auto says = [](std::string_view text, std::size_t offset, std::string_view message) {
        CAPTURE(text);
        Outcome o = tokenize(text);
        CHECK_FALSE(o.ok);
        CHECK(o.offset == offset);
        CHECK(o.message == message);
    };
    says("", 0, "expected a value, got the end of the input");
    says("[1,]", 3, "expected a value, got ']'");
    says("{\"a\":1,,}", 7, "expected a string key, got ','");
    says("{\"a\" 1}", 5, "expected ':' after the key, got '1'");
    says("[1 2]", 3, "expected ',' or ']' after an array item, got '2'");
    says("{\"a\":1 \"b\"}", 7, "expected ',' or '}' after an object member, got '\"'");
    says("{} {}", 3, "expected the end of the input after the document, got '{'");
    says("\"abc", 4, "expected '\"' to close the string, got the end of the input");
    says("\"a\tb\"", 2, "expected a control character to be escaped in a string, got byte 0x09");
    says("\"a\\qb\"", 3, "expected one of \" \\ / b f n r t u after '\\', got 'q'");
    says("\"\\u12x4\"", 3, "expected four hex digits after '\\u', got '1'");
    says("\"x\\ud800\"", 2, "expected a low surrogate (\\udc00-\\udfff) after \\ud800");
    says("\"\\udc00\"", 1, "expected a high surrogate (\\ud800-\\udbff) before \\udc00");
    says("\"\xff\"", 1, "expected UTF-8 text in a string, got byte 0xff");
    says("\"\xe2\x82x\"", 3, "expected UTF-8 text in a string, got 'x'");
    says("01", 1, "expected no digit after a leading 0, got '1'");
    says("-a", 1, "expected a digit in the number, got 'a'");
    says("1.e3", 2, "expected a digit after the decimal point, got 'e'");
    says("1e+", 3, "expected a digit in the exponent, got the end of the input");
    says("nul", 0, "expected the literal null, got 'n'");
}

TEST_CASE("tokenizer: a string's text is a view into the input unless it has escapes",
          "[tokenizer]") {
    struct Views : TokenizerEvents {
        const char* first = nullptr;
        const char* last = nullptr;
        std::vector<bool> inside;
        void string(std::string_view s) {
            inside.push_back(s.data() >= first && s.data() + s.size() <= last);
        }
    };
    std::string text = R"(["plain text, long enough for the eight-byte scan", "esc\n"])";
    Views h;
    h.first = text.data();
    h.last = text.data() + text.size();
    REQUIRE_FALSE(rd::JsonTokenizer<Views>(text, h, 64).run());
    CHECK(h.inside == std::vector<bool>{true, false});
}

TEST_CASE("tokenizer: 300,000 mutations of real payloads agree with Boost.JSON", "[tokenizer]") {
    std::vector<std::string> seeds;
    for (const auto& example : reportkit::reports::examples::all()) {
        seeds.push_back(example.json);
        seeds.push_back(boost::json::serialize(boost::json::parse(example.json)));
    }
    REQUIRE_FALSE(seeds.empty());
    // Bytes worth trying: JSON's punctuation, escapes, digits and UTF-8 lead and trail bytes.
    const std::string alphabet = "{}[]:,\"\\/ \t\n0123456789.-+eEtfnulrsabu\x01\x7f\x80\xbf\xc2"
                                 "\xdf\xe0\xed\xef\xf0\xf4\xf5\xff";
    std::mt19937_64 random(20261201);
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };
    std::size_t accepted = 0, refused = 0;
    for (int i = 0; i < 300000; ++i) {
        std::string text = seeds[pick(seeds.size())];
        for (std::size_t edits = 1 + pick(4); edits > 0 && !text.empty(); --edits) {
            std::size_t at = pick(text.size());
            switch (pick(4)) {
            case 0:
                text[at] = alphabet[pick(alphabet.size())];
                break;
            case 1:
                text.insert(at, 1, alphabet[pick(alphabet.size())]);
                break;
            case 2:
                text.erase(at, 1 + pick(3));
                break;
            default:
                text.resize(at);
                break;
            }
        }
        bool exponent_overflow = false;
        Outcome want = referee(text, 64, &exponent_overflow);
        Outcome got = tokenize(text);
        if (exponent_overflow)
            continue;
        (got.ok ? accepted : refused) += 1;
        if (got.ok != want.ok || got.events != want.events) {
            CAPTURE(text, want.message, got.message);
            FAIL("the tokenizer and Boost.JSON disagree");
        }
    }
    // Both outcomes are exercised, so agreement means something on each side.
    CHECK(accepted > 10000);
    CHECK(refused > 10000);
}
