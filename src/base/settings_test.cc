#include "base/settings.h"

#include <gtest/gtest.h>

#include "base/mail_kinds.h"

namespace atrium {
namespace {

TEST(Settings, DefaultsWhenNothingIsGiven) {
  auto s = ResolveSettings({}, {}, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->listen_host, "127.0.0.1");
  EXPECT_EQ(s->listen_port, 8080);
  EXPECT_EQ(s->data_dir, "./var");
  EXPECT_EQ(s->DatabaseUrl(), "./var/atrium.db");
  EXPECT_TRUE(s->password_grant);
}

TEST(Settings, FlagsBeatEnvironmentBeatFile) {
  SettingsLayer file = {{"listen", "0.0.0.0:1"}, {"title", "File"}, {"threads", "3"}};
  SettingsLayer env = {{"listen", "127.0.0.2:2"}, {"title", "Env"}};
  SettingsLayer flags = {{"listen", "127.0.0.3:3"}};
  auto s = ResolveSettings(flags, env, file);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->listen_host, "127.0.0.3");
  EXPECT_EQ(s->listen_port, 3);
  EXPECT_EQ(s->title, "Env");  // no flag: env wins over file
  EXPECT_EQ(s->threads, 3);    // only in the file
}

TEST(Settings, EnvironmentVariablesBecomeKeys) {
  std::string a = "ATRIUM_MAX_BODY=4096", b = "PATH=/bin", c = "ATRIUM_PASSWORD_GRANT=false",
              d = "ATRIUM_CONFIG=/x";
  char* env[] = {a.data(), b.data(), c.data(), d.data(), nullptr};
  SettingsLayer layer = SettingsFromEnvironment(env);
  EXPECT_EQ(layer.size(), 2u);
  EXPECT_EQ(layer["max-body"], "4096");
  auto s = ResolveSettings({}, layer, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->max_body_bytes, 4096);
  EXPECT_FALSE(s->password_grant);
}

TEST(Settings, ConfigFileSyntax) {
  auto layer = ParseSettingsFile(
      "# comment\n\nlisten = 127.0.0.1:9000  # trailing\ntitle = \"Acme Corp\"\n");
  ASSERT_TRUE(layer.ok());
  EXPECT_EQ(layer->at("listen"), "127.0.0.1:9000");
  EXPECT_EQ(layer->at("title"), "Acme Corp");
  auto bad = ParseSettingsFile("listen 127.0.0.1:9000\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().description().find("line 1"), std::string::npos);
}

TEST(Settings, RejectsUnknownKeysAndBadValuesNamingThem) {
  auto unknown = ResolveSettings({{"lisen", "x"}}, {}, {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().description().find("lisen"), std::string::npos);
  EXPECT_FALSE(ResolveSettings({}, {}, {{"lisen", "x"}}).ok());
  // Other programs' ATRIUM_* variables are none of our business...
  EXPECT_TRUE(ResolveSettings({}, {{"bin", "/usr/bin/atrium"}}, {}).ok());
  // ...but a known one with a bad value is.
  EXPECT_FALSE(ResolveSettings({}, {{"max-body", "lots"}}, {}).ok());
  for (auto [k, v] : std::vector<std::pair<std::string, std::string>>{{"listen", "nohost"},
                                                                      {"listen", "h:99999"},
                                                                      {"max-body", "12"},
                                                                      {"threads", "x"},
                                                                      {"password-grant", "maybe"},
                                                                      {"node-id", "1024"}}) {
    auto s = ResolveSettings({{k, v}}, {}, {});
    EXPECT_FALSE(s.ok()) << k << "=" << v;
    if (!s.ok()) {
      EXPECT_NE(s.status().description().find(k), std::string::npos);
    }
  }
}

TEST(Settings, TrustedProxiesAreAListOfAddressesAndNetworks) {
  auto none = ResolveSettings({}, {}, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->trusted_proxies.empty()) << "by default no proxy is trusted";
  auto s = ResolveSettings({}, {{"trusted-proxies", "10.0.0.0/8"}},
                           {{"trusted-proxies", "127.0.0.1, ::1, fd00::/8"}});
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->trusted_proxies.size(), 1u) << "the environment over the file";
  EXPECT_EQ(s->trusted_proxies[0].ToString(), "10.0.0.0/8");
  auto file = ResolveSettings({}, {}, {{"trusted-proxies", "127.0.0.1, ::1, fd00::/8"}});
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->trusted_proxies.size(), 3u);
  for (const char* bad : {"proxy.internal", "10.0.0.0/33", "127.0.0.1;10.0.0.1", "127.0.0.1,"}) {
    auto refused = ResolveSettings({{"trusted-proxies", bad}}, {}, {});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.status().description().find("trusted-proxies"), std::string::npos);
  }
}

TEST(Settings, SigninThrottleSettings) {
  auto s =
      ResolveSettings({{"signin-free-failures", "5"}, {"signin-delay", "250"}},
                      {{"signin-max-delay", "60000"}}, {{"app-registrations-per-address", "7"}});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->signin_free_failures, 5);
  EXPECT_EQ(s->signin_delay_ms, 250);
  EXPECT_EQ(s->signin_max_delay_ms, 60000);
  EXPECT_EQ(s->app_registrations_per_address, 7);
  EXPECT_FALSE(ResolveSettings({{"signin-delay", "0"}}, {}, {}).ok());
  EXPECT_FALSE(ResolveSettings({{"app-registrations-per-address", "0"}}, {}, {}).ok());
  // The hard lock per account is gone, and so is its setting.
  EXPECT_FALSE(ResolveSettings({{"signin-failures-per-account", "5"}}, {}, {}).ok());
}

TEST(Settings, MailDefaultNotificationsForAllKindsOrPerKind) {
  auto all = ResolveSettings({}, {}, {{"mail-default-notifications", "digest"}});
  ASSERT_TRUE(all.ok());
  for (const std::string& kind : MailKinds())
    EXPECT_EQ(MailDefaultFor(all->mail_default_notifications, kind), "digest");
  EXPECT_EQ(MailDefaultFor(ResolveSettings({}, {}, {})->mail_default_notifications, "reply"),
            "immediate");
  auto per = ResolveSettings({}, {}, {{"mail-default-notifications", "reply=digest,answer=never"}});
  ASSERT_TRUE(per.ok()) << per.status().ToString();
  const std::string& v = per->mail_default_notifications;
  EXPECT_EQ(MailDefaultFor(v, "reply"), "digest");
  EXPECT_EQ(MailDefaultFor(v, "answer"), "never");
  EXPECT_EQ(MailDefaultFor(v, "mention"), "immediate");  // not named
  for (const char* bad : {"", "sometimes", "reply=sometimes", "likes=digest", "reply=digest,",
                          "reply=digest,reply=never", "=digest", "reply"}) {
    auto refused = ResolveSettings({{"mail-default-notifications", bad}}, {}, {});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.status().description().find("mail-default-notifications"), std::string::npos);
  }
}

TEST(Settings, LocalSignInIsOnAdminsOrOff) {
  EXPECT_EQ(ResolveSettings({}, {}, {})->local_sign_in, "on");
  for (const char* v : {"on", "admins", "off"})
    EXPECT_EQ(ResolveSettings({}, {}, {{"local-sign-in", v}})->local_sign_in, v);
  for (const char* bad : {"", "yes", "Admins", "false"}) {
    auto refused = ResolveSettings({{"local-sign-in", bad}}, {}, {});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.status().description().find("local-sign-in"), std::string::npos);
  }
}

TEST(Settings, LdapSignInIsOffUnlessTurnedOn) {
  EXPECT_FALSE(ResolveSettings({}, {}, {})->ldap_sign_in);
  EXPECT_TRUE(ResolveSettings({}, {}, {{"ldap-sign-in", "on"}})->ldap_sign_in);
  EXPECT_TRUE(ResolveSettings({}, {{"ldap-sign-in", "true"}}, {})->ldap_sign_in);
  EXPECT_FALSE(
      ResolveSettings({{"ldap-sign-in", "off"}}, {}, {{"ldap-sign-in", "on"}})->ldap_sign_in);
  auto refused = ResolveSettings({{"ldap-sign-in", "ldap"}}, {}, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().description().find("ldap-sign-in"), std::string::npos);
}

TEST(Settings, SessionLifetimeAndIdleTimeoutAreDurations) {
  auto defaults = ResolveSettings({}, {}, {});
  EXPECT_EQ(defaults->session_lifetime_ms, int64_t{30} * 24 * 3600 * 1000);
  EXPECT_EQ(defaults->session_idle_timeout_ms, 0);
  struct Case {
    const char* text;
    int64_t ms;
  };
  for (Case c : {Case{"0", 0}, Case{"1500", 1500}, Case{"90s", 90'000}, Case{"30m", 1'800'000},
                 Case{"12h", 43'200'000}, Case{"7d", 604'800'000}}) {
    auto s =
        ResolveSettings({{"session-lifetime", c.text}}, {}, {{"session-idle-timeout", c.text}});
    ASSERT_TRUE(s.ok()) << c.text;
    EXPECT_EQ(s->session_lifetime_ms, c.ms) << c.text;
    EXPECT_EQ(s->session_idle_timeout_ms, c.ms) << c.text;
  }
  for (const char* bad : {"", "d", "-1", "-1h", "1w", "1.5h", "12 h", "h12", "99999999d"}) {
    for (const char* key : {"session-lifetime", "session-idle-timeout"}) {
      auto refused = ResolveSettings({{key, bad}}, {}, {});
      ASSERT_FALSE(refused.ok()) << key << "=" << bad;
      EXPECT_NE(refused.status().description().find(key), std::string::npos);
    }
  }
}

TEST(Settings, BaseUrlPrefersPublicUrl) {
  Settings s;
  s.listen_port = 9;
  EXPECT_EQ(s.BaseUrl(), "http://127.0.0.1:9");
  s.public_url = "https://atrium.example.com/";
  EXPECT_EQ(s.BaseUrl(), "https://atrium.example.com");
}

}  // namespace
}  // namespace atrium

namespace atrium {
namespace {

TEST(Settings, SamlDefaultsAndValues) {
  auto d = ResolveSettings({}, {}, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->saml_idp_metadata, "");
  EXPECT_EQ(d->saml_attribute, "nameid");
  EXPECT_EQ(d->saml_match, "email");
  EXPECT_EQ(d->saml_button, "Sign in with SAML");
  SettingsLayer flags = {{"saml-idp-metadata", "https://idp.example.com/metadata"},
                         {"saml-sp-entity-id", "urn:atrium:example"},
                         {"saml-attribute", "upn"},
                         {"saml-match", "external-id"},
                         {"saml-button", "Sign in with Contoso"}};
  auto s = ResolveSettings(flags, {}, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->saml_idp_metadata, "https://idp.example.com/metadata");
  EXPECT_EQ(s->saml_sp_entity_id, "urn:atrium:example");
  EXPECT_EQ(s->saml_attribute, "upn");
  EXPECT_EQ(s->saml_match, "external-id");
  EXPECT_EQ(s->saml_button, "Sign in with Contoso");
  EXPECT_TRUE(ResolveSettings({{"saml-idp-metadata", "/etc/atrium/idp.xml"}}, {}, {}).ok());
}

TEST(Settings, SamlRefusesBadValuesNamingThem) {
  for (auto [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"saml-idp-metadata", "ftp://idp.example.com/metadata"},
           {"saml-attribute", ""},
           {"saml-attribute", "e mail"},
           {"saml-match", "username"},
           {"saml-button", ""},
           {"saml-button", std::string(101, 'x')}}) {
    auto s = ResolveSettings({{k, v}}, {}, {});
    ASSERT_FALSE(s.ok()) << k << "=" << v;
    EXPECT_NE(s.status().description().find("'" + k + "'"), std::string::npos)
        << s.status().ToString();
  }
}

TEST(Settings, LdapDefaults) {
  auto s = ResolveSettings({}, {}, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->ldap_url, "");
  EXPECT_EQ(s->ldap_bind_dn, "");
  EXPECT_EQ(s->ldap_filter, "(objectClass=inetOrgPerson)");
  EXPECT_EQ(s->ldap_map,
            "username=uid,email=mail,display_name=cn,title=title,department=departmentNumber,"
            "manager=manager,location=l,phone=telephoneNumber,employee_number=employeeNumber,"
            "external_id=entryUUID");
}

TEST(Settings, LdapKeysFromEveryLayer) {
  SettingsLayer file = {{"ldap-url", "ldaps://ldap.example.com"},
                        {"ldap-bind-password-file", "/etc/atrium/ldap-password"},
                        {"ldap-map", "username=sAMAccountName"}};
  SettingsLayer env = {{"ldap-base", "ou=people,dc=example,dc=com"}};
  SettingsLayer flags = {{"ldap-url", "ldap://127.0.0.1:3389"},
                         {"ldap-bind-dn", "cn=admin,dc=example,dc=com"},
                         {"ldap-bind-password", "secret"},
                         {"ldap-filter", "(&(objectClass=person)(!(nsAccountLock=true)))"}};
  auto s = ResolveSettings(flags, env, file);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->ldap_url, "ldap://127.0.0.1:3389");
  EXPECT_EQ(s->ldap_bind_dn, "cn=admin,dc=example,dc=com");
  EXPECT_EQ(s->ldap_bind_password, "secret");
  EXPECT_EQ(s->ldap_bind_password_file, "/etc/atrium/ldap-password");
  EXPECT_EQ(s->ldap_base, "ou=people,dc=example,dc=com");
  EXPECT_EQ(s->ldap_filter, "(&(objectClass=person)(!(nsAccountLock=true)))");
  EXPECT_EQ(s->ldap_map, "username=sAMAccountName");
  std::string a = "ATRIUM_LDAP_BIND_DN=cn=x";
  char* environ[] = {a.data(), nullptr};
  EXPECT_EQ(SettingsFromEnvironment(environ)["ldap-bind-dn"], "cn=x");
}

TEST(Settings, LdapRejectsBadUrlAndFilterNamingThem) {
  for (auto [k, v] :
       std::vector<std::pair<std::string, std::string>>{{"ldap-url", "http://ldap.example.com"},
                                                        {"ldap-url", "127.0.0.1:389"},
                                                        {"ldap-filter", "objectClass=person"},
                                                        {"ldap-filter", ""}}) {
    auto s = ResolveSettings({{k, v}}, {}, {});
    EXPECT_FALSE(s.ok()) << k << "=" << v;
    if (!s.ok()) {
      EXPECT_NE(s.status().description().find(k), std::string::npos);
    }
  }
  EXPECT_TRUE(ResolveSettings({{"ldap-url", "ldapi:///run/slapd/ldapi"}}, {}, {}).ok());
}

}  // namespace
TEST(Settings, DatabaseUrlForLogHidesThePassword) {
  Settings s;
  s.database = "postgres://atrium:s3cret@db.example:5432/atrium?sslmode=require";
  EXPECT_EQ(s.DatabaseUrlForLog(), "postgres://atrium:***@db.example:5432/atrium?sslmode=require");
  s.database = "postgres://atrium@db.example/atrium";
  EXPECT_EQ(s.DatabaseUrlForLog(), "postgres://atrium@db.example/atrium");
  s.database = "postgres://db.example/mail@home";
  EXPECT_EQ(s.DatabaseUrlForLog(), "postgres://db.example/mail@home");
  s.database = "";
  s.data_dir = "/var/atrium";
  EXPECT_EQ(s.DatabaseUrlForLog(), "/var/atrium/atrium.db");
}

}  // namespace atrium

namespace atrium {
namespace {

TEST(Settings, OidcDefaults) {
  auto s = ResolveSettings({}, {}, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->oidc_issuer, "");
  EXPECT_EQ(s->oidc_scopes, "openid profile email");
  EXPECT_EQ(s->oidc_claim, "email");
  EXPECT_FALSE(s->oidc_create_members);
}

TEST(Settings, OidcValuesAccepted) {
  auto s = ResolveSettings({{"oidc-issuer", "https://login.example.com/tenant/v2.0"},
                            {"oidc-claim", "sub"},
                            {"oidc-scopes", "openid email"},
                            {"oidc-button", "Sign in with Contoso"},
                            {"oidc-create-members", "on"}},
                           {}, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->oidc_issuer, "https://login.example.com/tenant/v2.0");
  EXPECT_EQ(s->oidc_claim, "sub");
  EXPECT_EQ(s->oidc_button, "Sign in with Contoso");
  EXPECT_TRUE(s->oidc_create_members);
  for (const char* local : {"http://127.0.0.1:9000", "http://localhost:3000/realms/x"})
    EXPECT_TRUE(ResolveSettings({{"oidc-issuer", local}}, {}, {}).ok()) << local;
}

TEST(Settings, OidcBadValuesRefusedNamingTheKey) {
  const std::pair<const char*, const char*> bad[] = {
      {"oidc-issuer", "http://idp.example.com"},  // clear text to another host
      {"oidc-issuer", "ftp://idp.example.com"},
      {"oidc-issuer", "https://idp.example.com/?x=1"},
      {"oidc-issuer", "https://"},
      {"oidc-claim", "name"},
      {"oidc-scopes", "profile email"},  // no openid
      {"oidc-button", "   "},
      {"oidc-create-members", "maybe"},
  };
  for (auto [key, value] : bad) {
    auto s = ResolveSettings({{key, value}}, {}, {});
    ASSERT_FALSE(s.ok()) << key << "=" << value;
    EXPECT_NE(s.status().description().find(key), std::string::npos) << s.status().ToString();
  }
}

}  // namespace
}  // namespace atrium
