// The mail Atrium sends, rendered from Mustache templates (kainjow's
// header-only library): every message has a plain-text and an HTML part
// made from the same data. In the HTML every value is escaped by the
// template ({{value}}); the plain text takes values as they are.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <vector>

namespace atrium {

// One notification in a message.
struct MailItem {
  std::string actor;    // who did it (display name)
  std::string action;   // what they did, e.g. "mentioned you"
  std::string excerpt;  // what they wrote (plain text, shortened); may be empty
  std::string link;     // where it opens in the web client
  std::string details;  // e.g. "3 likes, 2 replies"; may be empty
};

struct NotificationMailData {
  std::string site;              // the installation's title
  std::string recipient;         // the recipient's display name
  std::vector<MailItem> items;   // at least one
  std::string settings_url;      // the e-mail preferences screen
  std::string unsubscribe_url;   // stops this kind of mail, no sign-in needed
  std::string unsubscribe_what;  // what the link stops, e.g. "mails about mentions"
};

// A digest: the period's best posts, and what else is worth knowing.
struct DigestMailData {
  std::string site;
  std::string recipient;
  std::string period;               // "daily" or "weekly"
  std::vector<MailItem> items;      // the best posts
  std::vector<MailItem> for_you;    // notifications wanted in the digest
  std::vector<MailItem> questions;  // open questions in the member's expertise
  std::vector<MailItem> members;    // who joined the member's communities
  std::string reach;                // "2 posts, 3 likes, …"; empty: none
  std::string profile_url;          // with `reach`: the member's profile
  std::string home_url;             // the web client's home stream
  std::string settings_url;
  std::string unsubscribe_url;  // stops the digest
};

// A moderator's warning to the person warned (the moderator chose to send
// it by e-mail): what was done and the moderator's words.
struct WarningMailData {
  std::string site;
  std::string recipient;
  std::string action;  // what was done, e.g. "Your account was limited to reading"
  std::string text;    // the moderator's words; may be empty
  std::string link;    // the notifications screen, where the warning is kept
};

struct RenderedMail {
  std::string subject;
  std::string text;
  std::string html;
};

RenderedMail RenderNotificationMail(const NotificationMailData& data);

RenderedMail RenderDigestMail(const DigestMailData& data);

RenderedMail RenderWarningMail(const WarningMailData& data);

// `atrium mail test`: a message that says where it comes from.
RenderedMail RenderTestMail(const std::string& site, const std::string& url);

// The page a GET of an unsubscribe link shows: what the link stops and a
// button that stops it (a POST of List-Unsubscribe=One-Click); or, after
// the POST, that it is done.
std::string RenderUnsubscribePage(const std::string& site, const std::string& what, bool done);

}  // namespace atrium
