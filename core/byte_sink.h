// Where writers put their bytes: a file being written atomically, or memory.
#pragma once

#include <string>
#include <string_view>

namespace csdmx {

class ByteSink {
public:
    virtual ~ByteSink() = default;
    virtual void write(std::string_view bytes) = 0;
};

class StringSink final : public ByteSink {
public:
    explicit StringSink(std::string& target) : target_(target) {}
    void write(std::string_view bytes) override { target_.append(bytes); }

private:
    std::string& target_;
};

}  // namespace csdmx
