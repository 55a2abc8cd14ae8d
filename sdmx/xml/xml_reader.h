// A hardened wrapper over libxml2's streaming xmlTextReader.
//
// XML input is untrusted: documents with a DOCTYPE are refused outright (SDMX
// messages never need one), so no entity is ever declared, expanded or fetched;
// the network is off and libxml2's default limits (no XML_PARSE_HUGE) stay on;
// every byte passes XmlMarkupGuard first (attributes per element).
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace csdmx::sdmx {

class XmlReader {
public:
    static XmlReader open_file(const std::filesystem::path& path);
    // `name` is used in error messages; `bytes` must outlive the reader.
    static XmlReader open_memory(std::string_view bytes, std::string name);

    XmlReader(XmlReader&& other) noexcept;
    XmlReader& operator=(XmlReader&&) = delete;
    ~XmlReader();

    // Advances to the next node; false at the end. Throws InputError on malformed
    // or refused input, naming the file, line and column.
    bool read();
    // Skips the current element's subtree; then the reader is on the next sibling.
    bool skip();
    // The current element with its whole subtree as a DOM, valid until the next
    // read()/skip(). Used to read one artefact at a time in bounded memory.
    xmlNode* expand();

    bool is_element() const;
    bool is_end_element() const;
    bool is_empty_element() const;
    int depth() const;
    std::string_view local_name() const;
    std::string_view namespace_uri() const;
    std::optional<std::string> attribute(const char* name) const;
    std::optional<std::string> attribute_ns(const char* name, const char* namespace_uri) const;
    struct AttributeView {
        std::string_view namespace_uri;
        std::string_view local_name;
        std::string_view value;
    };
    // Calls `visit` for each attribute of the current element (namespace
    // declarations excluded); views are valid during the call only.
    template <typename Visit>
    void for_each_attribute(Visit&& visit) {
        while (move_to_next_attribute()) {
            AttributeView view = current_attribute();
            if (view.namespace_uri != "http://www.w3.org/2000/xmlns/") visit(view);
        }
        move_to_element();
    }

    // The text content of the current element (reads past it).
    std::string read_string();

    int line() const;
    const std::string& file() const { return file_; }

private:
    XmlReader(xmlTextReader* reader, std::string file);
    bool move_to_next_attribute();
    void move_to_element();
    AttributeView current_attribute() const;
    void fail_if_error();
    void refuse_node_type();

    xmlTextReader* reader_ = nullptr;
    std::string file_;

public:
    struct GuardedInput;  // public so libxml2's C read callback can use it

private:
    GuardedInput* input_ = nullptr;  // a file read through XmlMarkupGuard; null for memory

public:
    struct ErrorState;  // public so libxml2's C callback can fill it

private:
    ErrorState* errors_ = nullptr;
};

// Small helpers for walking an expanded subtree.
namespace dom {
std::string_view local_name(const xmlNode* node);
std::string_view namespace_uri(const xmlNode* node);
bool is(const xmlNode* node, std::string_view namespace_uri, std::string_view local_name);
std::optional<std::string> attribute(const xmlNode* node, const char* name);
std::string attribute_or(const xmlNode* node, const char* name, std::string fallback);
std::string text(const xmlNode* node);
int line(const xmlNode* node);
// First element child, next element sibling: nullptr when none.
const xmlNode* first_child(const xmlNode* node);
const xmlNode* next_sibling(const xmlNode* node);
// First child element with that local name (any namespace).
const xmlNode* child(const xmlNode* node, std::string_view local_name);
}  // namespace dom

}  // namespace csdmx::sdmx
