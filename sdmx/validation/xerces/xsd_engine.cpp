// The XML Schema engine module: Xerces-C behind the plain C boundary of
// sdmx/validation/xsd_engine_api.h. Everything here stays inside the module; the
// library's side (sdmx/validation/xsd_validator.cpp) turns reports into Diagnostics.
//
// Following what was learnt preparing the official schemas: grammars are preloaded
// and schemaLocation hints in documents are ignored; full-constraint checking stays
// off (the official schemas fail it); any error while loading a grammar is fatal,
// because Xerces would otherwise keep a partial grammar and pass documents wrongly.
// Documents are untrusted: DOCTYPEs are refused, no entity is resolved, no network.
#include <exception>
#include <memory>
#include <mutex>
#include <string>
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

#include "sdmx/validation/xsd_engine_api.h"

namespace {

namespace x = xercesc;

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

// Where problems go: the caller's report function, for one named document.
struct Reporter {
    csdmx_xsd_report report;
    void* context;
    std::string file;
    std::size_t count = 0;

    void operator()(std::uint64_t line, std::uint64_t column, const std::string& message) {
        ++count;
        report(context, file.c_str(), line, column, message.c_str());
    }
};

// Refuses every external entity and DTD: SDMX messages need none.
class RefuseEntities : public x::EntityResolver {
public:
    x::InputSource* resolveEntity(const XMLCh* const, const XMLCh* const system_id) override {
        throw x::SAXException(XmlChString("external entity refused: " + utf8(system_id)).get());
    }
};

class ReportingHandler : public x::DefaultHandler {
public:
    explicit ReportingHandler(Reporter& reporter) : reporter_(reporter) {}

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

    bool doctype_refused() const { return doctype_refused_; }

private:
    void record(const x::SAXParseException& e) {
        reporter_(static_cast<std::uint64_t>(e.getLineNumber()), static_cast<std::uint64_t>(e.getColumnNumber()),
                  utf8(e.getMessage()));
    }

    Reporter& reporter_;
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

struct Engine {
    std::unique_ptr<x::XMLGrammarPool> pool;
    std::unique_ptr<x::SecurityManager> security;
};

// Loads one grammar into the loader's pool; false (after a report) when it is not
// loaded completely.
bool load_grammar(x::SAX2XMLReader& loader, const x::InputSource& source, Reporter& reporter) {
    ReportingHandler handler(reporter);
    loader.setErrorHandler(&handler);
    x::Grammar* grammar = nullptr;
    try {
        grammar = loader.loadGrammar(source, x::Grammar::SchemaGrammarType, true);
    } catch (const x::SAXParseException&) {
        // reported by the handler
    } catch (const x::XMLException& e) {
        reporter(0, 0, utf8(e.getMessage()));
    }
    loader.setErrorHandler(nullptr);
    if (reporter.count > 0) return false;
    if (grammar == nullptr) {
        reporter(0, 0, "it could not be read");
        return false;
    }
    return true;
}

void* create(const char* const* schema_files, std::size_t file_count, const csdmx_xsd_schema_text* texts,
             std::size_t text_count, csdmx_xsd_report report, void* context) noexcept {
    Reporter reporter{report, context, "the XML Schema engine"};
    try {
        ensure_xerces();
        auto engine = std::make_unique<Engine>();
        engine->pool = std::make_unique<x::XMLGrammarPoolImpl>(x::XMLPlatformUtils::fgMemoryManager);
        engine->security = std::make_unique<x::SecurityManager>();
        engine->security->setEntityExpansionLimit(100);

        std::unique_ptr<x::SAX2XMLReader> loader(
            x::XMLReaderFactory::createXMLReader(x::XMLPlatformUtils::fgMemoryManager, engine->pool.get()));
        configure(*loader);
        loader->setFeature(x::XMLUni::fgXercesUseCachedGrammarInParse, true);
        loader->setFeature(x::XMLUni::fgXercesCacheGrammarFromParse, true);
        for (std::size_t i = 0; i < file_count; ++i) {
            reporter.file = schema_files[i];
            XmlChString path(schema_files[i]);
            x::LocalFileInputSource source(path.get());
            if (!load_grammar(*loader, source, reporter)) return nullptr;
        }
        for (std::size_t i = 0; i < text_count; ++i) {
            reporter.file = texts[i].system_id;
            XmlChString id(texts[i].system_id);
            x::MemBufInputSource source(reinterpret_cast<const XMLByte*>(texts[i].content), texts[i].size, id.get());
            if (!load_grammar(*loader, source, reporter)) return nullptr;
        }
        engine->pool->lockPool();
        return engine.release();
    } catch (const x::XMLException& e) {
        reporter(0, 0, utf8(e.getMessage()));
    } catch (const std::exception& e) {
        reporter(0, 0, e.what());
    } catch (...) {
        reporter(0, 0, "an unknown failure inside Xerces-C");
    }
    return nullptr;
}

void destroy(void* engine) noexcept {
    delete static_cast<Engine*>(engine);
}

template <typename Parse>
int validate_with(const Engine& engine, const Parse& parse, Reporter& reporter) noexcept {
    try {
        std::unique_ptr<x::SAX2XMLReader> reader(
            x::XMLReaderFactory::createXMLReader(x::XMLPlatformUtils::fgMemoryManager, engine.pool.get()));
        configure(*reader);
        reader->setFeature(x::XMLUni::fgXercesUseCachedGrammarInParse, true);
        reader->setFeature(x::XMLUni::fgXercesCacheGrammarFromParse, false);
        reader->setFeature(x::XMLUni::fgXercesLoadSchema, false);  // ignore schemaLocation hints
        // Documents get nothing from outside: the grammars are all preloaded. (Grammar
        // loading above must resolve the schemas' own includes, so it keeps resolution on.)
        reader->setFeature(x::XMLUni::fgXercesDisableDefaultEntityResolution, true);
        reader->setProperty(x::XMLUni::fgXercesSecurityManager, engine.security.get());

        ReportingHandler handler(reporter);
        RefuseEntities entities;
        reader->setErrorHandler(&handler);
        reader->setContentHandler(&handler);
        reader->setLexicalHandler(&handler);
        reader->setEntityResolver(&entities);
        try {
            parse(*reader);
        } catch (const x::SAXParseException&) {
            // reported by the handler
        } catch (const x::SAXException& e) {
            reporter(0, 0,
                     handler.doctype_refused() ? "a DOCTYPE was found; SDMX messages need none and it is refused "
                                                 "(protection against entity attacks)"
                                               : utf8(e.getMessage()));
        } catch (const x::XMLException& e) {
            reporter(0, 0, utf8(e.getMessage()));
        }
        return 0;
    } catch (const std::exception& e) {
        reporter(0, 0, std::string("the XML Schema engine failed: ") + e.what());
    } catch (...) {
        reporter(0, 0, "the XML Schema engine failed");
    }
    return -1;
}

int validate_file(const void* engine, const char* path, csdmx_xsd_report report, void* context) noexcept {
    Reporter reporter{report, context, path};
    return validate_with(
        *static_cast<const Engine*>(engine),
        [&](x::SAX2XMLReader& reader) {
            XmlChString xml_path(path);
            reader.parse(xml_path.get());
        },
        reporter);
}

int validate_text(const void* engine, const char* text, std::size_t size, const char* name, csdmx_xsd_report report,
                  void* context) noexcept {
    Reporter reporter{report, context, name};
    return validate_with(
        *static_cast<const Engine*>(engine),
        [&](x::SAX2XMLReader& reader) {
            XmlChString id(name);
            x::MemBufInputSource source(reinterpret_cast<const XMLByte*>(text), size, id.get());
            reader.parse(source);
        },
        reporter);
}

constexpr csdmx_xsd_engine_api kApi{CSDMX_XSD_ENGINE_API_VERSION, create, destroy, validate_file, validate_text};

}  // namespace

extern "C" __attribute__((visibility("default"))) const csdmx_xsd_engine_api* csdmx_xsd_engine(void) {
    return &kApi;
}
