// The in-process mock and the client, linked through pkg-config: create the seed's report and
// read it back.
#include <reportkit/client.hpp>
#include <reportkit/mock/server.hpp>
#include <reportkit/reports/examples.hpp>

#include <iostream>

int main() {
    reportkit::mock::Server server;
    reportkit::Client client{server.base_url(), server.issue_token()};
    auto created = client.create(reportkit::reports::examples::seed_request());
    if (!created) {
        std::cerr << created.error() << '\n';
        return 1;
    }
    auto fetched = client.get(created->id);
    if (!fetched || fetched->version != 1
        || server.journal().count("POST", "/api/2/reports") != 1) {
        std::cerr << "the mock did not keep what the client created\n";
        return 1;
    }
    std::cout << "mock_round_trip: created and fetched " << fetched->id << '\n';
}
