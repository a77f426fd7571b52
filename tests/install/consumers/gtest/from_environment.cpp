// Finds the API in REPORTKIT_BASE_URL and REPORTKIT_TOKEN, as `reportkit-mock --run` sets them,
// and creates the seed page's report there.
#include <reportkit/client.hpp>
#include <reportkit/reports/examples.hpp>

#include <iostream>

int main() {
    auto client = reportkit::Client::from_environment();
    if (!client) {
        std::cerr << "REPORTKIT_BASE_URL is not set\n";
        return 2;
    }
    auto created = client->create(reportkit::reports::examples::seed_request());
    if (!created) {
        std::cerr << created.error() << '\n';
        return 1;
    }
    std::cout << "created version " << created->version << " at " << client->base_url() << '\n';
    return 0;
}
