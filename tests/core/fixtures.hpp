// Small structs that exercise the engine without the usage-report schema: the core knows
// nothing of reports, and its tests prove it.
#pragma once

#include <reportkit/core.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace fixtures {

namespace rk = reportkit;

REPORTKIT_ENUM(Color, red, green, blue);

struct Window {
    BOOST_HANA_DEFINE_STRUCT(Window, (rk::Date, from), (rk::Date, to));
    static constexpr auto rules() {
        return rk::rules(rk::ordered(&Window::from, &Window::to), rk::not_in_future(&Window::to));
    }
};

struct Item {
    BOOST_HANA_DEFINE_STRUCT(Item, (std::string, name), (std::int64_t, count),
                             (std::optional<bool>, flag));
    static constexpr auto rules() { return rk::rules(rk::minimum(&Item::count, 0)); }
};

struct Order {
    BOOST_HANA_DEFINE_STRUCT(Order, (rk::Uuid, id), (Color, color),
                             (std::optional<std::vector<rk::Uuid>>, watchers),
                             (std::optional<Window>, window), (std::vector<Item>, items),
                             (std::optional<std::string>, note),
                             (std::optional<boost::json::object>, extra));
    static constexpr auto rules() {
        return rk::rules(rk::required_if(&Order::watchers, rk::is(&Order::color, Color::red)),
                         rk::forbidden_unless(
                             &Order::note, rk::is_one_of(&Order::color, Color::green, Color::blue)),
                         rk::non_empty(&Order::watchers), rk::unique(&Order::watchers),
                         rk::recommended_if(&Order::window, rk::is(&Order::color, Color::blue)));
    }
};

// Keys that need escaping in a JSON Pointer.
struct Odd {
    BOOST_HANA_DEFINE_STRUCT(Odd, (std::optional<std::int64_t>, a_b), (std::optional<Item>, inner));
};

inline constexpr const char* valid_order = R"({
    "id": "ede9f834-70b3-476c-83d9-736f9f8c7dae",
    "color": "green",
    "items": [{"name": "a", "count": 1}, {"name": "b", "count": 2, "flag": true}],
    "window": {"from": "2017-05-01", "to": "2017-05-07"}
})";

} // namespace fixtures
