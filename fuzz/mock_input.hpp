// What the two mock fuzz targets share: their input format and its placeholders.
//
//     METHOD\n
//     TARGET\n                 path and query, e.g. /api/2/reports/$ID?version=1
//     Name: value\n ...        headers, up to an empty line
//     \n
//     BODY                     the rest
//
// $TOKEN, $READONLY, $ID, $MONTHLY, $SAVE and $STORED become a valid admin token, a read-only
// token, ids of existing reports and of a stored file, so that inputs reach past
// authentication and id lookup.
#pragma once

#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reportkit::fuzz {

struct Placeholders {
    std::string token, read_only, once_id, monthly_id, save_id, stored_id;

    // The reports the placeholders name, made with `create(ReportRequest) -> Report`; the
    // stored file is the first of the saved report's, found by `first_stored(Uuid) -> Uuid`.
    template <class Create, class FirstStored>
    void make_reports(Create&& create, FirstStored&& first_stored) {
        reports::ReportRequest once = reports::examples::seed_request();
        once_id = create(once).id.to_string();
        reports::ReportRequest monthly = once;
        monthly.schedule.type = reports::ScheduleType::monthly;
        monthly.generation_date.reset();
        monthly_id = create(monthly).id.to_string();
        reports::ReportRequest save = once;
        save.result_action = reports::ResultAction::save;
        save.recipients.reset();
        Uuid saved = create(save).id;
        save_id = saved.to_string();
        stored_id = first_stored(saved).to_string();
    }

    std::string expand(std::string s) const {
        for (auto [name, value] : {std::pair<const char*, const std::string*>{"$TOKEN", &token},
                                   {"$READONLY", &read_only},
                                   {"$ID", &once_id},
                                   {"$MONTHLY", &monthly_id},
                                   {"$SAVE", &save_id},
                                   {"$STORED", &stored_id}}) {
            std::string_view n = name;
            for (std::size_t at = s.find(n); at != std::string::npos;
                 at = s.find(n, at + value->size()))
                s.replace(at, n.size(), *value);
        }
        return s;
    }
};

// One input, placeholders expanded.
struct MockInput {
    std::string method, target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

inline std::string take_line(std::string_view& in) {
    std::size_t nl = in.find('\n');
    std::string line(in.substr(0, nl));
    in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

inline MockInput read_input(std::string_view in, const Placeholders& p) {
    MockInput out;
    out.method = take_line(in);
    out.target = p.expand(take_line(in));
    while (!in.empty()) {
        std::string line = take_line(in);
        if (line.empty())
            break;
        std::size_t colon = line.find(':');
        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ')
            value.erase(0, 1);
        out.headers.emplace_back(line.substr(0, colon), p.expand(value));
    }
    out.body = p.expand(std::string(in));
    return out;
}

} // namespace reportkit::fuzz
