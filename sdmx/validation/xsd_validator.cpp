#include "sdmx/validation/xsd_validator.h"

#include <mutex>
#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLGrammarPoolImpl.hpp>
#include <xercesc/sax/EntityResolver.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/TransService.hpp>
#include <xercesc/util/XMLString.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

namespace csdmx::sdmx {

namespace x = xercesc;

namespace {

// Xerces needs one process-wide initialisation; it is never terminated, since
// other parts of a host application may still use it.
void ensure_xerces() {
    static std::once_flag once;
    std::call_once(once, [] { x::XMLPlatformUtils::Initialize(); });
}

std::string utf8(const XMLCh* text) {
    if (text == nullptr) return {};
    x::TranscodeToStr converted(text, "UTF-8");
    return reinterpret_cast<const char*>(converted.str());
}

class XmlChString {
public:
    explicit XmlChString(const std::string& text)
        : converted_(reinterpret_cast<const XMLByte*>(text.c_str()), text.size(), "UTF-8") {}
    const XMLCh* get() const { return converted_.str(); }

private:
    x::TranscodeFromStr converted_;
};

// Refuses every external entity and DTD: SDMX messages need none.
class RefuseEntities : public x::EntityResolver {
public:
    x::InputSource* resolveEntity(const XMLCh* const, const XMLCh* const system_id) override {
        throw x::SAXException(XmlChString("external entity refused: " + utf8(system_id)).get());
    }
};

class CollectingHandler : public x::DefaultHandler {
public:
    CollectingHandler(std::string file, std::size_t max_errors) : file_(std::move(file)), max_errors_(max_errors) {
        diagnostics_.set_error_limit(max_errors_);
    }

    void warning(const x::SAXParseException&) override {}
    void error(const x::SAXParseException& e) override { record(e); }
    void fatalError(const x::SAXParseException& e) override {
        record(e);
        throw e;  // stops the parse; the error is already recorded
    }
    // A DOCTYPE in an SDMX message is refused outright.
    void startDTD(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
        doctype_refused_ = true;
        throw x::SAXException(XmlChString("DOCTYPE refused").get());
    }

    Diagnostics& diagnostics() { return diagnostics_; }
    bool doctype_refused() const { return doctype_refused_; }

private:
    void record(const x::SAXParseException& e) {
        diagnostics_.error_at(file_, static_cast<std::uint64_t>(e.getLineNumber()),
                              static_cast<std::uint64_t>(e.getColumnNumber()), utf8(e.getMessage()));
    }

    std::string file_;
    std::size_t max_errors_;
    Diagnostics diagnostics_;
    bool doctype_refused_ = false;
};

void configure(x::SAX2XMLReader& reader) {
    reader.setFeature(x::XMLUni::fgSAX2CoreNameSpaces, true);
    reader.setFeature(x::XMLUni::fgSAX2CoreValidation, true);
    reader.setFeature(x::XMLUni::fgXercesDynamic, false);
    reader.setFeature(x::XMLUni::fgXercesSchema, true);
    reader.setFeature(x::XMLUni::fgXercesSchemaFullChecking, false);
    reader.setFeature(x::XMLUni::fgXercesHandleMultipleImports, true);
    reader.setFeature(x::XMLUni::fgXercesLoadExternalDTD, false);
    reader.setFeature(x::XMLUni::fgXercesIdentityConstraintChecking, true);
}

}  // namespace

struct XsdValidator::Impl {
    std::unique_ptr<x::XMLGrammarPool> pool;
    std::unique_ptr<x::SecurityManager> security;
};

XsdValidator::XsdValidator(const std::vector<std::filesystem::path>& schema_files,
                           const std::vector<InMemorySchema>& in_memory_schemas)
    : impl_(std::make_unique<Impl>()) {
    ensure_xerces();
    impl_->pool = std::make_unique<x::XMLGrammarPoolImpl>(x::XMLPlatformUtils::fgMemoryManager);
    impl_->security = std::make_unique<x::SecurityManager>();
    impl_->security->setEntityExpansionLimit(100);

    std::unique_ptr<x::SAX2XMLReader> loader(
        x::XMLReaderFactory::createXMLReader(x::XMLPlatformUtils::fgMemoryManager, impl_->pool.get()));
    configure(*loader);
    loader->setFeature(x::XMLUni::fgXercesUseCachedGrammarInParse, true);
    loader->setFeature(x::XMLUni::fgXercesCacheGrammarFromParse, true);

    auto load = [&](const x::InputSource& source, const std::string& name) {
        CollectingHandler handler(name, 10);
        loader->setErrorHandler(&handler);
        x::Grammar* grammar = nullptr;
        try {
            grammar = loader->loadGrammar(source, x::Grammar::SchemaGrammarType, true);
        } catch (const x::SAXParseException&) {
        } catch (const x::XMLException& e) {
            handler.diagnostics().error(name, {}, utf8(e.getMessage()));
        }
        loader->setErrorHandler(nullptr);
        if (grammar == nullptr || handler.diagnostics().has_errors()) {
            std::string reason = handler.diagnostics().has_errors()
                                     ? format_diagnostic(handler.diagnostics().items().front())
                                     : "it could not be read";
            throw EnvironmentError("the XML Schema " + name + " could not be loaded completely, so no " +
                                   "document can be validated against it: " + reason);
        }
    };
    for (const auto& file : schema_files) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            throw EnvironmentError("XML Schema not found: " + file.string());
        }
        XmlChString path(std::filesystem::absolute(file).string());
        x::LocalFileInputSource source(path.get());
        load(source, file.string());
    }
    for (const auto& schema : in_memory_schemas) {
        XmlChString id(schema.system_id);
        x::MemBufInputSource source(reinterpret_cast<const XMLByte*>(schema.content.data()), schema.content.size(),
                                    id.get());
        load(source, schema.system_id);
    }
    impl_->pool->lockPool();
}

XsdValidator::~XsdValidator() = default;

Diagnostics XsdValidator::validate(const std::filesystem::path& document, std::size_t max_errors) const {
    return validate_with(
        [&](void* reader) {
            XmlChString path(document.string());
            static_cast<x::SAX2XMLReader*>(reader)->parse(path.get());
        },
        document.string(), max_errors);
}

Diagnostics XsdValidator::validate_text(const std::string& document, const std::string& name,
                                        std::size_t max_errors) const {
    return validate_with(
        [&](void* reader) {
            XmlChString id(name);
            x::MemBufInputSource source(reinterpret_cast<const XMLByte*>(document.data()), document.size(), id.get());
            static_cast<x::SAX2XMLReader*>(reader)->parse(source);
        },
        name, max_errors);
}

Diagnostics XsdValidator::validate_with(const std::function<void(void*)>& parse, const std::string& name,
                                        std::size_t max_errors) const {
    std::unique_ptr<x::SAX2XMLReader> reader(
        x::XMLReaderFactory::createXMLReader(x::XMLPlatformUtils::fgMemoryManager, impl_->pool.get()));
    configure(*reader);
    reader->setFeature(x::XMLUni::fgXercesUseCachedGrammarInParse, true);
    reader->setFeature(x::XMLUni::fgXercesCacheGrammarFromParse, false);
    reader->setFeature(x::XMLUni::fgXercesLoadSchema, false);  // ignore schemaLocation hints
    // Documents get nothing from outside: the grammars are all preloaded. (Grammar
    // loading above must resolve the schemas' own includes, so it keeps resolution on.)
    reader->setFeature(x::XMLUni::fgXercesDisableDefaultEntityResolution, true);
    reader->setProperty(x::XMLUni::fgXercesSecurityManager, impl_->security.get());

    CollectingHandler handler(name, max_errors);
    RefuseEntities entities;
    reader->setErrorHandler(&handler);
    reader->setContentHandler(&handler);
    reader->setLexicalHandler(&handler);
    reader->setEntityResolver(&entities);
    try {
        parse(reader.get());
    } catch (const x::SAXParseException&) {
        // recorded by the handler
    } catch (const x::SAXException& e) {
        handler.diagnostics().error(name, {},
                                    handler.doctype_refused()
                                        ? "a DOCTYPE was found; SDMX messages need none and it is refused "
                                          "(protection against entity attacks)"
                                        : utf8(e.getMessage()));
    } catch (const x::XMLException& e) {
        handler.diagnostics().error(name, {}, utf8(e.getMessage()));
    }
    return std::move(handler.diagnostics());
}

}  // namespace csdmx::sdmx
