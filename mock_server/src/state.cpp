#include "state.hpp"

#include <reportkit/core/read.hpp>
#include <reportkit/core/write.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace reportkit::mock::detail {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void write_all(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            ::close(fd);
            errno = saved;
            fail("cannot write", path);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

} // namespace

std::string to_text(const State& state) {
    return to_json_string(state, {.indent = 2}) + "\n";
}

std::optional<State> load_state(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (!std::filesystem::exists(path))
            return std::nullopt;
        fail("cannot read state file", path);
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    auto refuse = [&](const std::string& why) {
        return std::runtime_error("state file " + path
                                  + " is truncated or corrupt; refusing to load any of it (" + why
                                  + "). Move it away to start empty.");
    };
    if (text.empty())
        throw refuse("the file is empty");
    // Reports were checked against the clock when they were made; loading them again must not
    // judge their periods against a different "today".
    auto state = from_json<State>(text, {.today = Date(9999, 12, 31), .max_bytes = text.size()});
    if (!state) {
        std::ostringstream why;
        why << state.errors().front();
        throw refuse(why.str());
    }
    if (state->format != state_format)
        throw refuse("\"format\" is \"" + state->format + "\", expected \""
                     + std::string(state_format) + "\"");
    if (state->version != state_version)
        throw refuse("\"version\" is " + std::to_string(state->version) + ", this build reads "
                     + std::to_string(state_version));
    return std::move(*state);
}

void write_file_atomically(const std::string& path, std::string_view data) {
    static std::atomic<unsigned> counter{0};
    // Unique per process and call, so two servers (or two saves) never share a temporary file.
    std::string temp =
        path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        fail("cannot create", temp);
    write_all(fd, data, temp);
    if (::fsync(fd) != 0) {
        int saved = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        errno = saved;
        fail("cannot flush", temp);
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(temp.c_str());
        errno = saved;
        fail("cannot rename onto", path);
    }
    // The rename itself lives in the folder: flush it too, or a power cut could undo it.
    std::string dir = std::filesystem::path(path).parent_path().string();
    int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

} // namespace reportkit::mock::detail
