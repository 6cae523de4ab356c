#include "social/saml_service.h"

// libxml2 first: its headers (and ICU's, which they include) must not be
// read inside the extern "C" block Lasso's headers open.
// clang-format off
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <lasso/lasso.h>
#include <lasso/xml/saml-2.0/saml2_assertion.h>
#include <lasso/xml/saml-2.0/saml2_audience_restriction.h>
#include <lasso/xml/saml-2.0/saml2_conditions.h>
#include <lasso/xml/saml-2.0/saml2_name_id.h>
#include <lasso/xml/saml-2.0/saml2_subject.h>
#include <lasso/xml/saml-2.0/saml2_subject_confirmation.h>
#include <lasso/xml/saml-2.0/saml2_subject_confirmation_data.h>
#include <lasso/xml/saml-2.0/samlp2_authn_request.h>
#include <lasso/xml/saml-2.0/samlp2_name_id_policy.h>
#include <lasso/xml/saml-2.0/samlp2_response.h>
// clang-format on

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "base/crypto.h"
#include "base/http_fetch.h"
#include "base/local_path.h"
#include "base/metrics.h"
#include "base/text.h"

namespace atrium {
namespace {

constexpr const char* kAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";
constexpr const char* kProtocolNs = "urn:oasis:names:tc:SAML:2.0:protocol";
constexpr const char* kMetadataNs = "urn:oasis:names:tc:SAML:2.0:metadata";
constexpr const char* kBearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
constexpr const char* kRedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

Status ConfigError(const std::string& message) {
  return Status::BadRequest("invalid_config", message);
}

// Refused responses: 400 with the reason (shown on the error page, logged).
Status Refused(const std::string& reason) { return Status::BadRequest("invalid_saml", reason); }

// The identity provider's metadata from its URL (read once, at start).
Result<std::string> FetchMetadata(const std::string& url) {
  auto fetched = HttpFetch({.url = url, .max_bytes = 4 << 20});
  if (!fetched.ok()) return fetched.status();
  if (fetched->status != 200)
    return Status::Unavailable("fetch_failed",
                               url + " answered HTTP " + std::to_string(fetched->status));
  return std::move(fetched->body);
}

Result<std::string> ReadFileText(const std::string& path, const char* setting) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ConfigError(fmt::format("{}: cannot read the file '{}'", setting, path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Lasso reports through GLib's log: its warnings say why a message was
// refused, which Atrium logs itself, so they go to the debug log.
void LogFromLasso(const gchar* domain, GLogLevelFlags, const gchar* message, gpointer) {
  spdlog::debug("{}: {}", domain ? domain : "lasso", message ? message : "");
}

void InitLasso() {
  static std::once_flag once;
  std::call_once(once, [] {
    lasso_init();
    g_log_set_handler("Lasso", static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK), LogFromLasso,
                      nullptr);
  });
}

bool IsElement(const xmlNode* n, const char* ns, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
         xmlStrEqual(n->ns->href, BAD_CAST ns) && xmlStrEqual(n->name, BAD_CAST name);
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, BAD_CAST name);
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string Text(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return "";
  std::string out(Trim(reinterpret_cast<const char*>(v)));
  xmlFree(v);
  return out;
}

// Calls `visit` on every element under (and including) `n`, in document order.
template <typename Visit>
void EachElement(xmlNode* n, Visit&& visit) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    visit(n);
    EachElement(n->children, visit);
  }
}

// What the identity provider's metadata must hold for this profile: an
// IDPSSODescriptor with a signing key and a single sign-on service by
// HTTP-Redirect. Lasso reads the rest.
Status CheckIdpMetadata(const std::string& xml) {
  xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "metadata.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return ConfigError("saml-idp-metadata: the metadata is not XML");
  bool idp = false, redirect = false, key = false;
  EachElement(xmlDocGetRootElement(doc), [&](xmlNode* n) {
    if (IsElement(n, kMetadataNs, "IDPSSODescriptor")) idp = true;
    if (IsElement(n, kMetadataNs, "SingleSignOnService") && Attr(n, "Binding") == kRedirectBinding)
      redirect = true;
    if (IsElement(n, kMetadataNs, "KeyDescriptor") && Attr(n, "use") != "encryption") key = true;
  });
  xmlFreeDoc(doc);
  if (!idp) return ConfigError("saml-idp-metadata: no IDPSSODescriptor (not an identity provider)");
  if (!redirect)
    return ConfigError("saml-idp-metadata: no SingleSignOnService with the HTTP-Redirect binding");
  if (!key) return ConfigError("saml-idp-metadata: no signing key (KeyDescriptor)");
  return Status::Ok();
}

// The base64 body of a PEM certificate, for the metadata's X509Certificate.
std::string PemBody(const std::string& pem) {
  std::string out;
  std::istringstream in(pem);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    std::string t(Trim(line));
    if (t.starts_with("-----BEGIN CERTIFICATE")) {
      inside = true;
    } else if (t.starts_with("-----END CERTIFICATE")) {
      break;
    } else if (inside) {
      out += t;
    }
  }
  return out;
}

std::string SpMetadata(const std::string& entity_id, const std::string& acs_url,
                       const std::string& certificate, bool sign_requests) {
  std::string key;
  if (!certificate.empty())
    key = fmt::format(
        "    <md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}"
        "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n",
        PemBody(certificate));
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
      "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"{}\">\n"
      "  <md:SPSSODescriptor AuthnRequestsSigned=\"{}\" WantAssertionsSigned=\"true\" "
      "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
      "{}"
      "    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
      "</md:NameIDFormat>\n"
      "    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
      "</md:NameIDFormat>\n"
      "    <md:AssertionConsumerService "
      "Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"{}\" index=\"0\" "
      "isDefault=\"true\"/>\n"
      "  </md:SPSSODescriptor>\n"
      "</md:EntityDescriptor>\n",
      HtmlEscape(entity_id), sign_requests ? "true" : "false", key, HtmlEscape(acs_url));
}

// An xs:dateTime in UTC ("2026-01-02T03:04:05Z", with optional fractions
// of a second) as milliseconds since the epoch; -1 if it is not one.
int64_t ParseSamlTime(const char* text) {
  if (!text) return -1;
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6)
    return -1;
  std::string_view rest(text + consumed);
  int64_t millis = 0;
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 3) millis = millis * 10 + (rest.front() - '0');
      ++digits;
      rest.remove_prefix(1);
    }
    if (digits == 0) return -1;
    for (; digits < 3; ++digits) millis *= 10;
  }
  if (rest != "Z" && rest != "+00:00") return -1;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  time_t seconds = timegm(&tm);
  if (seconds == -1) return -1;
  return static_cast<int64_t>(seconds) * 1000 + millis;
}

std::string Str(const char* s) { return s ? s : ""; }

// Replaces a string field of a Lasso object (GLib-allocated).
void AssignString(char** field, const char* value) {
  g_free(*field);
  *field = g_strdup(value);
}

}  // namespace

// Lasso's server object: this service provider and the one identity provider.
struct SamlService::Lasso {
  LassoServer* server = nullptr;
  ~Lasso() {
    if (server) lasso_server_destroy(server);
  }
};

SamlService::SamlService(const Settings& settings, Store& store, const Clock& clock)
    : store_(store), clock_(clock), lasso_(std::make_unique<Lasso>()) {
  entity_id_ = settings.saml_sp_entity_id.empty() ? settings.BaseUrl() + "/auth/saml/metadata"
                                                  : settings.saml_sp_entity_id;
  acs_url_ = settings.BaseUrl() + "/auth/saml/acs";
  attribute_ = settings.saml_attribute;
  match_external_id_ = settings.saml_match == "external-id";
  button_ = settings.saml_button;
}

SamlService::~SamlService() = default;

Result<std::unique_ptr<SamlService>> SamlService::Open(const Settings& settings, Store& store,
                                                       const Clock& clock) {
  if (settings.saml_idp_metadata.empty()) {
    if (!settings.saml_sp_key_file.empty() || !settings.saml_sp_cert_file.empty() ||
        !settings.saml_sp_entity_id.empty())
      return ConfigError("the saml-* settings need saml-idp-metadata (the identity provider)");
    return std::unique_ptr<SamlService>();
  }
  if (settings.saml_sp_key_file.empty() != settings.saml_sp_cert_file.empty())
    return ConfigError("saml-sp-key-file and saml-sp-cert-file go together: set both or neither");
  InitLasso();
  std::unique_ptr<SamlService> saml(new SamlService(settings, store, clock));

  const std::string& source = settings.saml_idp_metadata;
  Result<std::string> idp_metadata = source.starts_with("https://") || source.starts_with("http://")
                                         ? FetchMetadata(source)
                                         : ReadFileText(source, "saml-idp-metadata");
  if (!idp_metadata.ok())
    return ConfigError("saml-idp-metadata: " + idp_metadata.status().ToString());
  if (Status st = CheckIdpMetadata(*idp_metadata); !st.ok()) return st;

  std::string key, certificate;
  if (!settings.saml_sp_key_file.empty()) {
    auto k = ReadFileText(settings.saml_sp_key_file, "saml-sp-key-file");
    if (!k.ok()) return k.status();
    auto c = ReadFileText(settings.saml_sp_cert_file, "saml-sp-cert-file");
    if (!c.ok()) return c.status();
    key = std::move(*k);
    certificate = std::move(*c);
    if (PemBody(certificate).empty())
      return ConfigError("saml-sp-cert-file: not a PEM certificate");
    saml->sign_requests_ = true;
  }
  saml->metadata_ = SpMetadata(saml->entity_id_, saml->acs_url_, certificate, saml->sign_requests_);

  LassoServer* server =
      lasso_server_new_from_buffers(saml->metadata_.c_str(), key.empty() ? nullptr : key.c_str(),
                                    nullptr, certificate.empty() ? nullptr : certificate.c_str());
  if (!server)
    return ConfigError(
        "saml-sp-key-file, saml-sp-cert-file: cannot use them (a PEM private key and its "
        "certificate)");
  saml->lasso_->server = server;
  int rc = lasso_server_add_provider_from_buffer(server, LASSO_PROVIDER_ROLE_IDP,
                                                 idp_metadata->c_str(), nullptr, nullptr);
  if (rc != 0)
    return ConfigError(
        fmt::format("saml-idp-metadata: Lasso cannot read it: {}", lasso_strerror(rc)));
  if (g_hash_table_size(server->providers) != 1)
    return ConfigError("saml-idp-metadata: it must describe exactly one identity provider");
  GList* ids = g_hash_table_get_keys(server->providers);
  saml->idp_entity_id_ = static_cast<const char*>(ids->data);
  g_list_free(ids);
  spdlog::info("SAML sign-in: service provider {} with identity provider {}", saml->entity_id_,
               saml->idp_entity_id_);
  return saml;
}

Result<SamlService::Started> SamlService::Start(const std::string& return_to) {
  if (!IsLocalPath(return_to))
    return Status::BadRequest("invalid_request", "return_to must be a path on this server");
  std::string url, id;
  {
    std::lock_guard lock(lasso_mu_);
    LassoLogin* login = lasso_login_new(lasso_->server);
    if (!login) return Status::Internal("internal", "cannot start a SAML request");
    LassoProfile* profile = LASSO_PROFILE(login);
    // Signed with the saml-sp-key-file, or not at all.
    lasso_profile_set_signature_hint(profile, sign_requests_ ? LASSO_PROFILE_SIGNATURE_HINT_FORCE
                                                             : LASSO_PROFILE_SIGNATURE_HINT_FORBID);
    int rc =
        lasso_login_init_authn_request(login, idp_entity_id_.c_str(), LASSO_HTTP_METHOD_REDIRECT);
    if (rc == 0) {
      LassoSamlp2AuthnRequest* request = LASSO_SAMLP2_AUTHN_REQUEST(profile->request);
      AssignString(&request->ProtocolBinding, LASSO_SAML2_METADATA_BINDING_POST);
      AssignString(&request->AssertionConsumerServiceURL, acs_url_.c_str());
      if (request->NameIDPolicy) {
        // The identity provider sends the NameID its registration of Atrium names.
        AssignString(&request->NameIDPolicy->Format,
                     LASSO_SAML2_NAME_IDENTIFIER_FORMAT_UNSPECIFIED);
        request->NameIDPolicy->AllowCreate = TRUE;
      }
      rc = lasso_login_build_authn_request_msg(login);
    }
    if (rc == 0) {
      url = Str(profile->msg_url);
      id = Str(LASSO_SAMLP2_REQUEST_ABSTRACT(profile->request)->ID);
    }
    lasso_login_destroy(login);
    if (rc != 0 || url.empty() || id.empty()) {
      spdlog::error("SAML sign-in: cannot build the request: {}", lasso_strerror(rc));
      return Status::Internal("internal", "cannot build the SAML request");
    }
  }
  const int64_t now = clock_.NowMillis();
  Started started{std::move(url), RandomToken()};
  if (Status st = store_.auth().CreateSamlRequest(
          {id, Sha256Hex(started.browser_secret), return_to, now + kRequestLifetimeMs});
      !st.ok())
    return st;
  return started;
}

Result<SamlService::Verified> SamlService::Verify(const std::string& saml_response) {
  const int64_t now = clock_.NowMillis();
  Verified out;
  std::lock_guard lock(lasso_mu_);
  LassoLogin* login = lasso_login_new(lasso_->server);
  if (!login) return Status::Internal("internal", "cannot read a SAML response");
  std::unique_ptr<LassoLogin, void (*)(LassoLogin*)> owned(login, lasso_login_destroy);
  LassoProfile* profile = LASSO_PROFILE(login);
  // A signature that is missing or does not verify fails the message.
  lasso_profile_set_signature_verify_hint(profile, LASSO_PROFILE_SIGNATURE_VERIFY_HINT_MAYBE);
  std::string message = saml_response;
  int rc = lasso_login_process_authn_response_msg(login, message.data());
  if (rc != 0) {
    if (rc == LASSO_PROFILE_ERROR_CANNOT_VERIFY_SIGNATURE ||
        rc == LASSO_DS_ERROR_SIGNATURE_NOT_FOUND || rc == LASSO_DS_ERROR_INVALID_SIGNATURE ||
        rc == LASSO_DS_ERROR_SIGNATURE_VERIFICATION_FAILED ||
        rc == LASSO_LOGIN_ERROR_INVALID_SIGNATURE ||
        rc == LASSO_LOGIN_ERROR_INVALID_ASSERTION_SIGNATURE)
      return Refused("the response is not signed by the identity provider's key");
    return Refused(fmt::format("the response was refused: {}", lasso_strerror(rc)));
  }
  if (!LASSO_IS_SAMLP2_RESPONSE(profile->response)) return Refused("not a SAML Response");
  LassoSamlp2Response* response = LASSO_SAMLP2_RESPONSE(profile->response);
  LassoSamlp2StatusResponse* status = LASSO_SAMLP2_STATUS_RESPONSE(response);

  // One assertion, in the clear, a child of the response, and the only
  // element of the document with its ID: the assertion Lasso verified is
  // the one read here (signature wrapping moves the signed element and puts
  // another in its place).
  if (response->EncryptedAssertion) return Refused("encrypted assertions are not supported");
  if (!response->Assertion || response->Assertion->next)
    return Refused("the response must hold exactly one assertion");
  auto* assertion = static_cast<LassoSaml2Assertion*>(response->Assertion->data);
  if (!LASSO_IS_SAML2_ASSERTION(assertion) || !assertion->ID)
    return Refused("the assertion has no ID");
  // The same, in the document as posted (read here without DTDs or network).
  gsize size = 0;
  guchar* decoded = g_base64_decode(saml_response.c_str(), &size);
  xmlDoc* doc = decoded ? xmlReadMemory(reinterpret_cast<const char*>(decoded),
                                        static_cast<int>(size), "response.xml", nullptr,
                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                        : nullptr;
  g_free(decoded);
  if (!doc) return Refused("the response is not XML");
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> owned_doc(doc, xmlFreeDoc);
  xmlNode* root = xmlDocGetRootElement(doc);
  xmlNode* assertion_node = nullptr;
  int assertions = 0, same_id = 0;
  EachElement(root, [&](xmlNode* n) {
    if (IsElement(n, kAssertionNs, "Assertion") ||
        IsElement(n, kAssertionNs, "EncryptedAssertion")) {
      ++assertions;
      assertion_node = n;
    }
    for (xmlAttr* a = n->properties; a; a = a->next) {
      xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
      if (v && xmlStrEqual(v, BAD_CAST assertion->ID)) ++same_id;
      xmlFree(v);
    }
  });
  if (!IsElement(root, kProtocolNs, "Response") || assertions != 1 || same_id != 1 ||
      assertion_node->parent != root || !IsElement(assertion_node, kAssertionNs, "Assertion") ||
      Attr(assertion_node, "ID") != assertion->ID)
    return Refused("the response's structure is not the one signed");

  // Who sent it, and to whom.
  if (!assertion->Issuer || Str(assertion->Issuer->content) != idp_entity_id_)
    return Refused("the assertion's Issuer is not the identity provider");
  if (status->Issuer && Str(status->Issuer->content) != idp_entity_id_)
    return Refused("the response's Issuer is not the identity provider");
  if (status->Destination && Str(status->Destination) != acs_url_)
    return Refused(fmt::format("the response's Destination is not {}", acs_url_));

  // When, and for whom.
  LassoSaml2Conditions* conditions = assertion->Conditions;
  if (!conditions) return Refused("the assertion has no Conditions");
  if (conditions->NotBefore) {
    int64_t not_before = ParseSamlTime(conditions->NotBefore);
    if (not_before < 0) return Refused("the assertion's NotBefore is not a time");
    if (now + kClockSkewMs < not_before) return Refused("the assertion is not valid yet");
  }
  int64_t not_on_or_after = ParseSamlTime(conditions->NotOnOrAfter);
  if (not_on_or_after < 0) return Refused("the assertion has no NotOnOrAfter");
  if (now - kClockSkewMs >= not_on_or_after) return Refused("the assertion has expired");
  bool audience = false;
  if (!conditions->AudienceRestriction) return Refused("the assertion has no AudienceRestriction");
  for (GList* r = conditions->AudienceRestriction; r; r = r->next) {
    auto* restriction = static_cast<LassoSaml2AudienceRestriction*>(r->data);
    if (restriction && Str(restriction->Audience) == entity_id_) audience = true;
  }
  if (!audience) return Refused(fmt::format("the assertion's Audience is not {}", entity_id_));

  LassoSaml2Subject* subject = assertion->Subject;
  if (!subject || !subject->SubjectConfirmation ||
      Str(subject->SubjectConfirmation->Method) != kBearer ||
      !subject->SubjectConfirmation->SubjectConfirmationData)
    return Refused("the assertion has no bearer SubjectConfirmation");
  LassoSaml2SubjectConfirmationData* confirmation =
      subject->SubjectConfirmation->SubjectConfirmationData;
  if (Str(confirmation->Recipient) != acs_url_)
    return Refused(fmt::format("the assertion's Recipient is not {}", acs_url_));
  int64_t confirmation_expiry = ParseSamlTime(confirmation->NotOnOrAfter);
  if (confirmation_expiry < 0) return Refused("the SubjectConfirmationData has no NotOnOrAfter");
  if (now - kClockSkewMs >= confirmation_expiry) return Refused("the assertion has expired");
  if (confirmation->NotBefore) {
    int64_t not_before = ParseSamlTime(confirmation->NotBefore);
    if (not_before < 0 || now + kClockSkewMs < not_before)
      return Refused("the assertion is not valid yet");
  }

  // In answer to what.
  out.in_response_to = Str(confirmation->InResponseTo);
  if (out.in_response_to.empty()) out.in_response_to = Str(status->InResponseTo);
  if (out.in_response_to.empty())
    return Refused("unsolicited responses (without InResponseTo) are not accepted");
  if (status->InResponseTo && Str(status->InResponseTo) != out.in_response_to)
    return Refused("the response and its assertion answer different requests");

  // Who.
  if (attribute_ == "nameid") {
    if (!subject->NameID || Str(subject->NameID->content).empty())
      return Refused("the assertion has no NameID");
    out.subject = std::string(Trim(Str(subject->NameID->content)));
  } else {
    // Read from the one assertion of the document: the one verified.
    EachElement(assertion_node->children, [&](xmlNode* n) {
      if (!out.subject.empty() || !IsElement(n, kAssertionNs, "Attribute")) return;
      if (Attr(n, "Name") != attribute_ && Attr(n, "FriendlyName") != attribute_) return;
      for (xmlNode* v = n->children; v; v = v->next)
        if (IsElement(v, kAssertionNs, "AttributeValue") && !Text(v).empty()) {
          out.subject = Text(v);
          return;
        }
    });
    if (out.subject.empty())
      return Refused(fmt::format("the assertion has no attribute {}", attribute_));
  }
  out.assertion_id = assertion->ID;
  out.expires_at = std::max(not_on_or_after, confirmation_expiry) + kClockSkewMs;
  return out;
}

Result<Account> SamlService::FindPerson(const std::string& subject) {
  Result<Account> found = match_external_id_ ? store_.directory().FindByExternalId(subject)
                                             : store_.accounts().FindByEmail(subject);
  if (!found.ok()) {
    if (found.status().code() != Code::kNotFound) return found.status();
    return Status::Forbidden(
        "unknown_person",
        "Nobody in this organization's directory matches the identity provider's account");
  }
  if (!found->active || found->removed_at != 0)
    return Status::Forbidden("deactivated", "Your account is deactivated");
  return found;
}

Result<SamlService::SignedIn> SamlService::Finish(const std::string& saml_response,
                                                  const std::string& browser_secret) {
  auto refuse = [](const Status& st) {
    Metrics::Get().CountSignIn("saml", false);
    spdlog::warn("SAML sign-in refused: {}", st.ToString());
    return st;
  };
  auto verified = Verify(saml_response);
  if (!verified.ok()) return refuse(verified.status());
  const int64_t now = clock_.NowMillis();
  auto fresh =
      store_.auth().RememberSamlAssertion(verified->assertion_id, verified->expires_at, now);
  if (!fresh.ok()) return refuse(fresh.status());
  if (!*fresh) return refuse(Refused("the assertion was used before (a replay)"));
  auto request = store_.auth().ConsumeSamlRequest(verified->in_response_to, now);
  if (!request.ok()) {
    if (request.status().code() != Code::kNotFound) return refuse(request.status());
    return refuse(Refused(
        "the response answers no sign-in started here (unknown, already answered or expired)"));
  }
  // Taken from the store above either way: a response posted by the wrong
  // browser uses the request up.
  if (browser_secret.empty() ||
      !ConstantTimeEquals(Sha256Hex(browser_secret), request->browser_hash))
    return refuse(Refused(
        "this sign-in was started in another browser (or its cookie is missing); please start "
        "again"));
  auto account = FindPerson(verified->subject);
  if (!account.ok()) {
    spdlog::warn("SAML sign-in refused for '{}': {}", verified->subject,
                 account.status().ToString());
    Metrics::Get().CountSignIn("saml", false);
    return account.status();
  }
  Metrics::Get().CountSignIn("saml", true);
  spdlog::info("SAML sign-in of @{} (id {})", account->username, account->id);
  return SignedIn{std::move(account).value(), request->return_to};
}

}  // namespace atrium
