// CSV as a wire format of a reflected row: dotted headers as member paths, RFC 4180 quoting,
// every problem with its line, column, pointer and code, streaming in bounded memory.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

namespace rk = reportkit;
using fixtures::Color;

struct Amount {
    BOOST_HANA_DEFINE_STRUCT(Amount, (double, value), (std::optional<std::string>, unit));
};

struct Line {
    BOOST_HANA_DEFINE_STRUCT(Line, (rk::Uuid, id), (std::string, name),
                             (std::optional<Color>, color), (bool, active), (std::int64_t, count),
                             (Amount, amount), (std::optional<rk::Date>, day));
    static constexpr auto rules() { return rk::rules(rk::minimum(&Line::count, 0)); }
};

const std::string header = "id,name,color,active,count,amount.value,amount.unit,day\r\n";
const std::string id = "ede9f834-70b3-476c-83d9-736f9f8c7dae";

// line, column, pointer, code: what a diagnostic says about where and what.
using Finding = std::tuple<std::size_t, std::size_t, std::string, std::string>;

std::vector<Finding> findings(const std::vector<rk::Diagnostic>& diagnostics) {
    std::vector<Finding> out;
    for (const auto& d : diagnostics)
        out.emplace_back(d.line, d.column, d.pointer, d.code);
    return out;
}

std::vector<rk::Diagnostic> diagnostics_of(const std::string& text,
                                           const rk::CsvReadOptions& options = {}) {
    return rk::from_csv<Line>(text, options).diagnostics();
}

} // namespace

TEST_CASE("CSV: dotted column names are member paths, in any order", "[csv]") {
    std::string text = "amount.unit,day,name,id,count,amount.value,active,color\n"
                       "GiB,2017-05-01,first,"
                       + id
                       + ",3,1.5,True,red\n"
                         ",,second,"
                       + id + ",0,-0.25,False,\n";
    auto rows = rk::from_csv<Line>(text);
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    const Line& a = (*rows)[0];
    CHECK(a.name == "first");
    CHECK(a.color == Color::red);
    CHECK(a.active);
    CHECK(a.count == 3);
    CHECK(a.amount.value == 1.5);
    CHECK(a.amount.unit == "GiB");
    CHECK(a.day == rk::Date(2017, 5, 1));
    const Line& b = (*rows)[1];
    CHECK_FALSE(b.color); // an empty field is an absent optional
    CHECK_FALSE(b.amount.unit);
    CHECK_FALSE(b.day);
    CHECK(b.amount.value == -0.25);
}

TEST_CASE("CSV: RFC 4180 quoting, CRLF and LF, line breaks inside quotes", "[csv]") {
    std::string text = header + id + ",\"a, \"\"quoted\"\"\r\nname\",,True,1,2,\"\",\r\n" + id
                       + ",plain,,False,2,3,,\n" + id + ",x,blue,False,-1,3,,\r\n";
    auto result = rk::from_csv<Line>(text);
    // The third record starts on line 5: the quoted line break counts as a line.
    CHECK(findings(result.diagnostics())
          == std::vector<Finding>{{5, 51, "/row/2/count", "minimum"}});
    rk::CsvReader<Line> reader{text};
    Line row{};
    REQUIRE(reader.next(row));
    CHECK(row.name == "a, \"quoted\"\r\nname");
    CHECK(row.amount.unit == ""); // "" is an empty string, not an absent value
    REQUIRE(reader.next(row));
    CHECK(row.name == "plain");
    CHECK_FALSE(row.amount.unit);
}

TEST_CASE("CSV: writing quotes only where needed and reads back", "[csv]") {
    Line a{};
    a.id = *rk::Uuid::parse(id);
    a.name = "comma, \"quote\"\nand line";
    a.active = true;
    a.count = 7;
    a.amount.value = 0.1;
    a.amount.unit = "";
    Line b = a;
    b.name = "plain";
    b.color = Color::green;
    b.amount.value = 1e21; // plain decimals, never an exponent
    b.amount.unit.reset();
    b.day = rk::Date(2020, 2, 29);
    Line c = b;
    c.amount.value = -5e-7;
    std::string text = rk::to_csv(std::vector<Line>{a, b, c});
    CHECK(text
          == header + id + ",\"comma, \"\"quote\"\"\nand line\",,True,7,0.1,\"\",\r\n" + id
                 + ",plain,green,True,7,1000000000000000000000,,2020-02-29\r\n" + id
                 + ",plain,green,True,7,-0.0000005,,2020-02-29\r\n");
    auto back = rk::from_csv<Line>(text);
    REQUIRE(back);
    CHECK(rk::to_csv(*back) == text);
}

TEST_CASE("CSV: every double reads back exactly from its shortest plain text", "[csv]") {
    Line row{};
    row.id = *rk::Uuid::parse(id);
    row.name = "n";
    for (double v : {0.1 + 0.2, 1.0 / 3, 123456789.125, -2.5e-300, 1.7976931348623157e308,
                     4.9406564584124654e-324}) {
        row.amount.value = v;
        auto back = rk::from_csv<Line>(rk::to_csv(std::vector<Line>{row}));
        REQUIRE(back);
        CHECK((*back)[0].amount.value == v);
    }
}

TEST_CASE("CSV: every problem of every row at once, each with line and column", "[csv]") {
    std::string text = header                                       // line 1
                       + id + ",a,purple,yes,1.5,x,,2017-02-30\r\n" // line 2
                       + "not-a-uuid,,red,True,-2,1,,\r\n"          // line 3
                       + id + ",ok,,True,1,2,,\r\n";                // line 4
    auto d = diagnostics_of(text);
    CHECK(findings(d)
          == std::vector<Finding>{
              {2, 40, "/row/0/color", "enum"},
              {2, 47, "/row/0/active", "type"},
              {2, 51, "/row/0/count", "type"},
              {2, 55, "/row/0/amount/value", "type"},
              {2, 58, "/row/0/day", "format"},
              {3, 1, "/row/1/id", "format"},
              {3, 12, "/row/1/name", "required"},
              {3, 22, "/row/1/count", "minimum"},
          });
    CHECK(d[0].message == R"(expected one of "red", "green" or "blue", got "purple")");
    CHECK(d[1].message == "expected a boolean (True or False), got \"yes\"");
    CHECK(d[3].message == "expected a number (a plain decimal), got \"x\"");
    CHECK(d[6].message == "missing value of the required column \"name\"");
    std::ostringstream printed;
    printed << d[4];
    CHECK(printed.str()
          == "line 2, column 58: /row/0/day: expected a date in YYYY-MM-DD form, got "
             "\"2017-02-30\": not a calendar date");
}

TEST_CASE("CSV: malformed quoting is reported where it is, and reading goes on", "[csv]") {
    SECTION("a quote inside an unquoted field") {
        auto d =
            diagnostics_of(header + id + ",ab\"c,,True,1,2,,\r\n" + id + ",ok,,True,1,2,,\r\n");
        CHECK(findings(d) == std::vector<Finding>{{2, 40, "/row/0/name", "quote"}});
        CHECK(d[0].message
              == "a quote inside an unquoted field; quote the whole field and double the quotes "
                 "inside it");
    }
    SECTION("text after a closing quote") {
        auto d = diagnostics_of(header + id + ",\"ab\"c,,True,1,2,,\r\n");
        CHECK(findings(d) == std::vector<Finding>{{2, 42, "/row/0/name", "quote"}});
        CHECK(d[0].message == "expected a comma or a line end after the closing quote, got 'c'");
    }
    SECTION("a lone CR after a closing quote, read whole or a byte at a time") {
        // Found by fuzz_csv_read: the CR ended the record when the text was read whole, and
        // not when it came a byte at a time.
        std::string text = header + id + ",\"ab\"\rc,,True,1,2,,\r\n" + id + ",ok,,True,1,2,,\r\n";
        auto d = diagnostics_of(text);
        CHECK(findings(d) == std::vector<Finding>{{2, 42, "/row/0/name", "quote"}});
        CHECK(d[0].message == "expected a comma or a line end after the closing quote, got 0x0d");
        std::size_t at = 0;
        rk::CsvReader<Line> bytewise{[&](char* out, std::size_t) {
            if (at == text.size())
                return std::size_t{0};
            *out = text[at++];
            return std::size_t{1};
        }};
        CHECK(findings(rk::from_csv(bytewise).diagnostics()) == findings(d));
    }
    SECTION("a quote never closed") {
        auto d = diagnostics_of(header + id + ",ok,,True,1,2,,\r\n" + id
                                + ",\"open,,True,1,2,,\r\nmore\r\n");
        CHECK(findings(d)
              == std::vector<Finding>{{3, 38, "/row/1/name", "quote"},
                                      {3, 38, "/row/1", "field_count"}});
        CHECK(d[0].message
              == "unbalanced quote: the field opened here is not closed before the end of the "
                 "input");
    }
}

TEST_CASE("CSV: missing, unknown and repeated columns are said once, at the header", "[csv]") {
    std::string text = "name,extra,id,count,amount.value,name\r\n"
                       "a,1,"
                       + id
                       + ",1,2,b\r\n"
                         "c,1,"
                       + id + ",1,2,d\r\n";
    auto result = rk::from_csv<Line>(text);
    CHECK_FALSE(result);
    CHECK(findings(result.diagnostics())
          == std::vector<Finding>{
              {1, 6, "/header/extra", "unknown_column"},
              {1, 34, "/header/name", "duplicate_column"},
              {1, 1, "/header/active", "missing_column"},
          });
    CHECK(result.diagnostics()[0].severity == rk::Severity::warning);
    CHECK(result.diagnostics()[2].message == "missing required column \"active\"");

    SECTION("an unknown column alone is a warning, or an error on request") {
        std::string extra =
            "sku," + header.substr(0, header.size() - 2) + "\r\nS-1," + id + ",a,,True,1,2,,\r\n";
        auto lenient = rk::from_csv<Line>(extra);
        REQUIRE(lenient);
        CHECK(findings(lenient.diagnostics())
              == std::vector<Finding>{{1, 1, "/header/sku", "unknown_column"}});
        auto strict = rk::from_csv<Line>(extra, {.unknown_columns = rk::Severity::error});
        CHECK_FALSE(strict);
    }
}

TEST_CASE("CSV: a row with more or fewer fields than the header", "[csv]") {
    auto d = diagnostics_of(header + id + ",a,,True,1,2,,,surplus\r\n" + id + ",a,,True\r\n");
    CHECK(findings(d)
          == std::vector<Finding>{{2, 52, "/row/0", "field_count"},
                                  {3, 41, "/row/1", "field_count"}});
    CHECK(d[0].message == "expected 8 fields as in the header, got 9");
    CHECK(d[1].message == "expected 8 fields as in the header, got 4");
}

TEST_CASE("CSV: fields and records over their limits", "[csv]") {
    std::string huge(2000, 'x');
    SECTION("a field") {
        auto d = diagnostics_of(header + id + "," + huge + ",,True,1,2,,\r\n",
                                {.max_field_bytes = 1000});
        CHECK(findings(d) == std::vector<Finding>{{2, 38, "/row/0/name", "too_large"}});
        CHECK(d[0].message == "field of 2000 bytes; the limit is 1000");
    }
    SECTION("a record, streamed: skipped, and the next one read") {
        std::istringstream in(header + id + "," + huge + ",,True,1,2,,\r\n" + id
                              + ",\"quoted\r\nline\",,True,-1,2,,\r\n");
        auto d =
            rk::from_csv<Line>(in, {.max_record_bytes = 1000, .buffer_bytes = 256}).diagnostics();
        CHECK(findings(d)
              == std::vector<Finding>{{2, 1, "/row/0", "too_large"},
                                      {4, 13, "/row/1/count", "minimum"}});
    }
}

TEST_CASE("CSV: bytes that are not UTF-8", "[csv]") {
    auto d = diagnostics_of(header + id + ",caf\xe9,,True,1,2,,\r\n" + id
                            + ",caf\xc3\xa9,,True,1,2,,\r\n");
    CHECK(findings(d) == std::vector<Finding>{{2, 41, "/row/0/name", "encoding"}});
    CHECK(d[0].message == "expected UTF-8 text, got the byte 0xe9 at offset 3 of the field");
}

TEST_CASE("CSV: a stream read in small chunks gives the same rows as the whole text", "[csv]") {
    std::string text = header;
    for (int i = 0; i < 200; ++i)
        text += id + ",\"row " + std::to_string(i) + ",\r\nwith a break\"," + (i % 2 ? "red" : "")
                + ",True," + std::to_string(i) + ",0." + std::to_string(i) + ",u,\r\n";
    auto whole = rk::from_csv<Line>(text);
    REQUIRE(whole);
    for (std::size_t chunk : {1, 7, 64}) {
        std::size_t at = 0;
        rk::CsvReader<Line> reader{[&](char* out, std::size_t n) {
                                       n = std::min({n, chunk, text.size() - at});
                                       text.copy(out, n, at);
                                       at += n;
                                       return n;
                                   },
                                   {.buffer_bytes = 64}};
        auto streamed = rk::from_csv(reader);
        REQUIRE(streamed);
        CHECK(rk::to_csv(*streamed) == rk::to_csv(*whole));
    }
}
