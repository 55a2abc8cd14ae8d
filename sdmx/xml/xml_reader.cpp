#include "sdmx/xml/xml_reader.h"

#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include "core/diagnostic.h"
#include "core/input_limits.h"
#include "sdmx/xml/xml_markup_guard.h"

namespace csdmx::sdmx {

// libxml2 reports errors through a callback; we keep the first one with its position.
struct XmlReader::ErrorState {
    bool failed = false;
    std::string message;
    int line = 0;
    int column = 0;
};

// A file handed to libxml2 through read callbacks, so that the guard sees every
// byte before the parser does.
struct XmlReader::GuardedInput {
    GuardedInput() = default;
    GuardedInput(const GuardedInput&) = delete;
    GuardedInput& operator=(const GuardedInput&) = delete;
    // libxml2 closes the file through close_guarded, except when it fails before
    // taking it over; then it is closed here.
    ~GuardedInput() {
        if (file != nullptr) std::fclose(file);
    }
    std::FILE* file = nullptr;
    XmlMarkupGuard guard{limits::kMaxXmlAttributesPerElement};
    bool read_failed = false;
};

namespace {

int read_guarded(void* context, char* buffer, int length) {
    auto* input = static_cast<XmlReader::GuardedInput*>(context);
    if (input->file == nullptr || length <= 0) return 0;
    std::size_t got = std::fread(buffer, 1, static_cast<std::size_t>(length), input->file);
    if (got == 0 && std::ferror(input->file)) {
        input->read_failed = true;
        return -1;
    }
    if (!input->guard.feed(std::string_view(buffer, got))) return -1;
    return static_cast<int>(got);
}

int close_guarded(void* context) {
    auto* input = static_cast<XmlReader::GuardedInput*>(context);
    if (input->file != nullptr) std::fclose(input->file);
    input->file = nullptr;
    return 0;
}

[[noreturn]] void throw_refusal(const MarkupRefusal& refusal, const std::string& file) {
    throw InputError(file, refusal.line, refusal.column, refusal.message);
}

constexpr int kParserOptions = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;

void record_error(void* context, xmlErrorPtr error) {
    auto* state = static_cast<XmlReader::ErrorState*>(context);
    if (state->failed || error == nullptr || error->level < XML_ERR_ERROR) return;
    state->failed = true;
    state->message = error->message ? error->message : "malformed XML";
    while (!state->message.empty() && (state->message.back() == '\n' || state->message.back() == ' ')) {
        state->message.pop_back();
    }
    state->line = error->line;
    state->column = error->int2;
}

// Finds a DOCTYPE in the prolog (before the root element) without parsing it, so
// that a document declaring entities is refused before libxml2 reads a single
// declaration. Only the first bytes are looked at; the reader's own check of
// DOCTYPE nodes remains behind this one.
void refuse_doctype_in_prolog(std::string_view head, const std::string& file) {
    std::size_t at = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    for (;;) {
        while (at < head.size() && (head[at] == ' ' || head[at] == '\t' || head[at] == '\r' || head[at] == '\n')) ++at;
        std::string_view rest = head.substr(at);
        std::size_t end = std::string_view::npos;
        if (rest.substr(0, 2) == "<?") {
            end = rest.find("?>");
            if (end != std::string_view::npos) end += 2;
        } else if (rest.substr(0, 4) == "<!--") {
            end = rest.find("-->");
            if (end != std::string_view::npos) end += 3;
        } else if (rest.substr(0, 9) == "<!DOCTYPE") {
            std::uint64_t line = 1 + static_cast<std::uint64_t>(std::count(
                                         head.begin(), head.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
            throw InputError(file, line, 0,
                             "a DOCTYPE was found; SDMX messages need none and it is refused (protection "
                             "against entity expansion and external entity attacks)");
        }
        if (end == std::string_view::npos) return;
        at += end;
    }
}

std::string_view view(const xmlChar* text) {
    return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

}  // namespace

XmlReader::XmlReader(xmlTextReader* reader, std::string file)
    : reader_(reader), file_(std::move(file)), errors_(new ErrorState) {
    xmlTextReaderSetStructuredErrorHandler(reader_, record_error, errors_);
}

XmlReader::XmlReader(XmlReader&& other) noexcept
    : reader_(other.reader_), file_(std::move(other.file_)), input_(other.input_), errors_(other.errors_) {
    other.reader_ = nullptr;
    other.input_ = nullptr;
    other.errors_ = nullptr;
    if (reader_) xmlTextReaderSetStructuredErrorHandler(reader_, record_error, errors_);
}

XmlReader::~XmlReader() {
    if (reader_) xmlFreeTextReader(reader_);
    if (input_) close_guarded(input_);
    delete input_;
    delete errors_;
}

XmlReader XmlReader::open_file(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw InputError(path.string(), 0, 0, "no such file (expected an SDMX-ML message)");
    }
    {
        std::ifstream in(path, std::ios::binary);
        std::string head(1 << 16, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
        refuse_doctype_in_prolog(head, path.string());
    }
    auto input = std::make_unique<GuardedInput>();
    input->file = std::fopen(path.c_str(), "rb");
    if (input->file == nullptr) throw InputError(path.string(), 0, 0, "cannot open file for reading");
    xmlTextReader* reader =
        xmlReaderForIO(read_guarded, close_guarded, input.get(), path.c_str(), nullptr, kParserOptions);
    if (input->guard.refusal()) {
        if (reader) xmlFreeTextReader(reader);
        throw_refusal(*input->guard.refusal(), path.string());
    }
    if (reader == nullptr) throw InputError(path.string(), 0, 0, "cannot open file for reading");
    XmlReader result(reader, path.string());
    result.input_ = input.release();
    return result;
}

XmlReader XmlReader::open_memory(std::string_view bytes, std::string name) {
    refuse_doctype_in_prolog(bytes.substr(0, 1 << 16), name);
    XmlMarkupGuard guard(limits::kMaxXmlAttributesPerElement);
    if (!guard.feed(bytes)) throw_refusal(*guard.refusal(), name);
    xmlTextReader* reader =
        xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), name.c_str(), nullptr, kParserOptions);
    if (reader == nullptr) throw InputError(name, 0, 0, "cannot parse XML from memory");
    return XmlReader(reader, std::move(name));
}

void XmlReader::fail_if_error() {
    if (input_ != nullptr && input_->guard.refusal()) throw_refusal(*input_->guard.refusal(), file_);
    if (input_ != nullptr && input_->read_failed) {
        throw InputError(file_, static_cast<std::uint64_t>(line()), 0, "the file could not be read to its end");
    }
    if (errors_->failed) {
        throw InputError(file_, static_cast<std::uint64_t>(errors_->line), static_cast<std::uint64_t>(errors_->column),
                         "not well-formed XML: " + errors_->message);
    }
}

void XmlReader::refuse_node_type() {
    int type = xmlTextReaderNodeType(reader_);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
        type == XML_READER_TYPE_ENTITY) {
        throw InputError(file_, static_cast<std::uint64_t>(line()), 0,
                         "a DOCTYPE or entity was found; SDMX messages need none and this "
                         "reader refuses them (protection against entity expansion and "
                         "external entity attacks)");
    }
}

bool XmlReader::read() {
    int result = xmlTextReaderRead(reader_);
    fail_if_error();
    if (result < 0) throw InputError(file_, static_cast<std::uint64_t>(line()), 0, "malformed XML");
    if (result == 0) return false;
    refuse_node_type();
    return true;
}

bool XmlReader::skip() {
    int result = xmlTextReaderNext(reader_);
    fail_if_error();
    if (result < 0) throw InputError(file_, static_cast<std::uint64_t>(line()), 0, "malformed XML");
    if (result == 0) return false;
    refuse_node_type();
    return true;
}

xmlNode* XmlReader::expand() {
    xmlNode* node = xmlTextReaderExpand(reader_);
    fail_if_error();
    if (node == nullptr) {
        throw InputError(file_, static_cast<std::uint64_t>(line()), 0, "malformed XML element");
    }
    return node;
}

bool XmlReader::is_element() const {
    return xmlTextReaderNodeType(reader_) == XML_READER_TYPE_ELEMENT;
}

bool XmlReader::is_end_element() const {
    return xmlTextReaderNodeType(reader_) == XML_READER_TYPE_END_ELEMENT;
}

bool XmlReader::is_empty_element() const {
    return xmlTextReaderIsEmptyElement(reader_) == 1;
}

int XmlReader::depth() const {
    return xmlTextReaderDepth(reader_);
}

std::string_view XmlReader::local_name() const {
    return view(xmlTextReaderConstLocalName(reader_));
}

std::string_view XmlReader::namespace_uri() const {
    return view(xmlTextReaderConstNamespaceUri(reader_));
}

std::optional<std::string> XmlReader::attribute(const char* name) const {
    xmlChar* value = xmlTextReaderGetAttribute(reader_, BAD_CAST name);
    if (value == nullptr) return std::nullopt;
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

std::optional<std::string> XmlReader::attribute_ns(const char* name, const char* namespace_uri) const {
    xmlChar* value = xmlTextReaderGetAttributeNs(reader_, BAD_CAST name, BAD_CAST namespace_uri);
    if (value == nullptr) return std::nullopt;
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

std::string XmlReader::read_string() {
    // Owned before anything can throw: on an encoding error libxml2 returns the text
    // read so far and fail_if_error() throws (fuzz_registry_answers found the leak).
    std::unique_ptr<xmlChar, void (*)(void*)> value(xmlTextReaderReadString(reader_),
                                                    [](void* text) { xmlFree(text); });
    fail_if_error();
    if (value == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(value.get()));
}

bool XmlReader::move_to_next_attribute() {
    return xmlTextReaderMoveToNextAttribute(reader_) == 1;
}

void XmlReader::move_to_element() {
    xmlTextReaderMoveToElement(reader_);
}

XmlReader::AttributeView XmlReader::current_attribute() const {
    return {view(xmlTextReaderConstNamespaceUri(reader_)), view(xmlTextReaderConstLocalName(reader_)),
            view(xmlTextReaderConstValue(reader_))};
}

int XmlReader::line() const {
    // The node's own line: the parser's line runs ahead of the node being read.
    if (xmlNodePtr node = xmlTextReaderCurrentNode(reader_); node != nullptr) {
        long number = xmlGetLineNo(node);
        if (number > 0) return static_cast<int>(number);
    }
    return xmlTextReaderGetParserLineNumber(reader_);
}

namespace dom {

std::string_view local_name(const xmlNode* node) {
    return view(node->name);
}

std::string_view namespace_uri(const xmlNode* node) {
    return node->ns ? view(node->ns->href) : std::string_view();
}

bool is(const xmlNode* node, std::string_view ns, std::string_view name) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && local_name(node) == name && namespace_uri(node) == ns;
}

std::optional<std::string> attribute(const xmlNode* node, const char* name) {
    // Unqualified attributes only: SDMX puts component and reference fields there.
    xmlChar* value = xmlGetNoNsProp(node, BAD_CAST name);
    if (value == nullptr) return std::nullopt;
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

std::string attribute_or(const xmlNode* node, const char* name, std::string fallback) {
    auto value = attribute(node, name);
    return value ? *value : std::move(fallback);
}

std::string text(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    if (value == nullptr) return {};
    std::string content(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return content;
}

int line(const xmlNode* node) {
    return static_cast<int>(xmlGetLineNo(node));
}

const xmlNode* first_child(const xmlNode* node) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) return child;
    }
    return nullptr;
}

const xmlNode* next_sibling(const xmlNode* node) {
    for (const xmlNode* sibling = node->next; sibling; sibling = sibling->next) {
        if (sibling->type == XML_ELEMENT_NODE) return sibling;
    }
    return nullptr;
}

const xmlNode* child(const xmlNode* node, std::string_view name) {
    for (const xmlNode* c = first_child(node); c; c = next_sibling(c)) {
        if (local_name(c) == name) return c;
    }
    return nullptr;
}

}  // namespace dom

}  // namespace csdmx::sdmx
