// gunzip: the one decompression step of the client. cpp-httplib's own decompression is turned
// off so that a body is inflated exactly once, whether the server announced the gzip with
// Content-Encoding or (as the platform documents downloads) sent the gzip file as it is.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <zlib.h>

namespace reportkit::detail {

inline bool looks_gzipped(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f
           && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// The inflated bytes of a gzip stream (every member of it), or nullopt with `why` set.
inline std::optional<std::string> gunzip(std::string_view compressed, std::string& why) {
    z_stream zs{};
    // 16 + MAX_WBITS: expect the gzip wrapper, not raw deflate or zlib.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        why = "zlib could not be initialised";
        return std::nullopt;
    }
    std::string out;
    char buffer[16384];
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    zs.avail_in = static_cast<uInt>(compressed.size());
    int rc = Z_OK;
    while (true) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - zs.avail_out);
        if (rc == Z_STREAM_END && zs.avail_in > 0) {
            // Concatenated gzip members are one file (RFC 1952 section 2.2).
            rc = inflateReset(&zs);
            if (rc != Z_OK)
                break;
            continue;
        }
        if (rc != Z_OK)
            break;
        if (zs.avail_in == 0 && zs.avail_out != 0) {
            rc = Z_BUF_ERROR; // input ended inside the stream
            break;
        }
    }
    if (rc != Z_STREAM_END)
        why = std::string("the gzip data is corrupt or truncated (zlib: ")
              + (zs.msg ? zs.msg : "unexpected end of data") + ")";
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    return out;
}

// Inflates a gzip stream a buffer at a time, for readers that pull (a CSV reader's source):
// memory stays at zlib's window, whatever the inflated size. Concatenated members are one file.
class GunzipStream {
public:
    explicit GunzipStream(std::string_view compressed) : zs_(std::make_unique<z_stream>()) {
        ok_ = inflateInit2(zs_.get(), 16 + MAX_WBITS) == Z_OK;
        if (!ok_)
            why_ = "zlib could not be initialised";
        zs_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
        zs_->avail_in = static_cast<uInt>(compressed.size());
    }
    GunzipStream(const GunzipStream&) = delete;
    GunzipStream& operator=(const GunzipStream&) = delete;
    ~GunzipStream() {
        if (ok_)
            inflateEnd(zs_.get());
    }

    // Up to n inflated bytes at `buffer`; 0 at the end or on an error (see error()).
    std::size_t read(char* buffer, std::size_t n) {
        std::size_t got = 0;
        while (ok_ && !done_ && got < n) {
            zs_->next_out = reinterpret_cast<Bytef*>(buffer + got);
            zs_->avail_out = static_cast<uInt>(n - got);
            int rc = inflate(zs_.get(), Z_NO_FLUSH);
            got = n - zs_->avail_out;
            if (rc == Z_STREAM_END) {
                if (zs_->avail_in == 0)
                    done_ = true;
                else if (inflateReset(zs_.get()) != Z_OK)
                    fail("zlib could not start the next gzip member");
            } else if (rc != Z_OK) {
                fail(std::string("the gzip data is corrupt (zlib: ")
                     + (zs_->msg ? zs_->msg : "error") + ")");
            } else if (zs_->avail_in == 0 && zs_->avail_out != 0) {
                fail("the gzip data is truncated");
            }
        }
        return got;
    }

    // Empty while the stream is sound.
    const std::string& error() const { return why_; }

private:
    void fail(std::string why) {
        why_ = std::move(why);
        inflateEnd(zs_.get());
        ok_ = false;
    }

    std::unique_ptr<z_stream> zs_; // zlib keeps pointers into it: it must not move
    bool ok_ = false;
    bool done_ = false;
    std::string why_;
};

} // namespace reportkit::detail
