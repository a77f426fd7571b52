// Where a program finds the API it talks to: the environment variables reportkit's client reads
// (rk::Client::from_environment) and `reportkit-mock --run` sets for the command it runs.
#pragma once

namespace reportkit::reports::environment {

inline constexpr const char* base_url = "REPORTKIT_BASE_URL";   // e.g. https://<data-center>/api/2
inline constexpr const char* token = "REPORTKIT_TOKEN";         // a bearer token
inline constexpr const char* client_id = "REPORTKIT_CLIENT_ID"; // or an API client's credentials
inline constexpr const char* client_secret = "REPORTKIT_CLIENT_SECRET";

} // namespace reportkit::reports::environment
