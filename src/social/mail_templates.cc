#include "social/mail_templates.h"

#include <kainjow/mustache.hpp>

namespace atrium {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

constexpr const char* kSubjectTemplate =
    "{{#single}}{{{actor}}} {{{action}}}{{/single}}"
    "{{^single}}{{{count}}} new notifications{{/single}} on {{{site}}}";

constexpr const char* kTextTemplate = R"(Hello {{{recipient}}},

{{#items}}
{{{actor}}} {{{action}}}
{{#excerpt}}
  "{{{excerpt}}}"
{{/excerpt}}
  {{{link}}}

{{/items}}
--
You receive this because of your e-mail preferences on {{{site}}}:
  {{{settings_url}}}
Stop {{{unsubscribe_what}}}:
  {{{unsubscribe_url}}}
)";

constexpr const char* kHtmlTemplate = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: sans-serif; color: #222; max-width: 40em">
<p>Hello {{recipient}},</p>
{{#items}}
<div style="margin: 1em 0; padding: 0.5em 1em; border-left: 3px solid #5b6cff">
<p><strong>{{actor}}</strong> {{action}}</p>
{{#excerpt}}<blockquote style="margin: 0 0 0.5em; color: #444">{{excerpt}}</blockquote>{{/excerpt}}
<p><a href="{{link}}">Open in {{site}}</a></p>
</div>
{{/items}}
<hr>
<p style="font-size: small; color: #666">You receive this because of your
<a href="{{settings_url}}">e-mail preferences</a> on {{site}}.
<a href="{{unsubscribe_url}}">Stop {{unsubscribe_what}}</a>.</p>
</body></html>
)";

constexpr const char* kDigestSubject =
    "Your {{{period}}} digest from {{{site}}}: "
    "{{#count}}{{{count}}} {{#single}}post{{/single}}{{^single}}posts{{/single}} worth reading"
    "{{/count}}{{^count}}what happened since the last one{{/count}}";

constexpr const char* kDigestText = R"(Hello {{{recipient}}},

here is what mattered on {{{site}}} since your last digest.

{{#has_for_you}}
FOR YOU

{{#for_you}}
{{{actor}}} {{{action}}}
{{#excerpt}}
  "{{{excerpt}}}"
{{/excerpt}}
  {{{link}}}

{{/for_you}}
{{/has_for_you}}
{{#has_items}}
WORTH READING

{{#items}}
{{{actor}}} {{{action}}}
{{#excerpt}}
  "{{{excerpt}}}"
{{/excerpt}}
{{#details}}
  {{{details}}}
{{/details}}
  {{{link}}}

{{/items}}
{{/has_items}}
{{#has_questions}}
YOU MIGHT KNOW THE ANSWER

{{#questions}}
{{{actor}}} {{{action}}}
{{#excerpt}}
  "{{{excerpt}}}"
{{/excerpt}}
  {{{link}}}

{{/questions}}
{{/has_questions}}
{{#has_members}}
NEW IN YOUR COMMUNITIES

{{#members}}
{{{actor}}} {{{action}}}
  {{{link}}}
{{/members}}

{{/has_members}}
{{#reach}}
YOUR POSTS SINCE THE LAST DIGEST

{{{reach}}}
  {{{profile_url}}}

{{/reach}}
Everything else: {{{home_url}}}
--
You receive this {{{period}}} digest because of your e-mail preferences on {{{site}}}:
  {{{settings_url}}}
Stop the digest:
  {{{unsubscribe_url}}}
)";

constexpr const char* kDigestHtml = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: sans-serif; color: #222; max-width: 40em">
<p>Hello {{recipient}},</p>
<p>here is what mattered on {{site}} since your last digest.</p>
{{#has_for_you}}
<h2 style="font-size: 1.1em">For you</h2>
{{#for_you}}
<div style="margin: 1em 0; padding: 0.5em 1em; border-left: 3px solid #d9822b">
<p><strong>{{actor}}</strong> {{action}}</p>
{{#excerpt}}<blockquote style="margin: 0 0 0.5em; color: #444">{{excerpt}}</blockquote>{{/excerpt}}
<p><a href="{{link}}">Open in {{site}}</a></p>
</div>
{{/for_you}}
{{/has_for_you}}
{{#has_items}}
<h2 style="font-size: 1.1em">Worth reading</h2>
{{#items}}
<div style="margin: 1em 0; padding: 0.5em 1em; border-left: 3px solid #5b6cff">
<p><strong>{{actor}}</strong> {{action}}</p>
{{#excerpt}}<blockquote style="margin: 0 0 0.5em; color: #444">{{excerpt}}</blockquote>{{/excerpt}}
{{#details}}<p style="font-size: small; color: #666">{{details}}</p>{{/details}}
<p><a href="{{link}}">Open in {{site}}</a></p>
</div>
{{/items}}
{{/has_items}}
{{#has_questions}}
<h2 style="font-size: 1.1em">You might know the answer</h2>
{{#questions}}
<div style="margin: 1em 0; padding: 0.5em 1em; border-left: 3px solid #2b9d5b">
<p><strong>{{actor}}</strong> {{action}}</p>
{{#excerpt}}<blockquote style="margin: 0 0 0.5em; color: #444">{{excerpt}}</blockquote>{{/excerpt}}
<p><a href="{{link}}">Answer in {{site}}</a></p>
</div>
{{/questions}}
{{/has_questions}}
{{#has_members}}
<h2 style="font-size: 1.1em">New in your communities</h2>
<ul>
{{#members}}<li><a href="{{link}}">{{actor}}</a> {{action}}</li>
{{/members}}
</ul>
{{/has_members}}
{{#reach}}
<h2 style="font-size: 1.1em">Your posts since the last digest</h2>
<p>{{reach}} — <a href="{{profile_url}}">your profile</a></p>
{{/reach}}
<p><a href="{{home_url}}">Everything else on {{site}}</a></p>
<hr>
<p style="font-size: small; color: #666">You receive this {{period}} digest because of your
<a href="{{settings_url}}">e-mail preferences</a> on {{site}}.
<a href="{{unsubscribe_url}}">Stop the digest</a>.</p>
</body></html>
)";

constexpr const char* kWarningTextTemplate = R"(Hello {{{recipient}}},

The moderators of {{{site}}} have acted on your account.

{{{action}}}.
{{#text}}

Their message:
  "{{{text}}}"
{{/text}}

You can read it again in your notifications:
  {{{link}}}
)";

constexpr const char* kWarningHtmlTemplate = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: sans-serif; max-width: 40em">
<p>Hello {{recipient}},</p>
<p>The moderators of {{site}} have acted on your account.</p>
<p><strong>{{action}}.</strong></p>
{{#text}}<p>Their message:</p>
<blockquote style="margin: 0 0 0.5em; color: #444">{{text}}</blockquote>{{/text}}
<p><a href="{{link}}">Read it again in your notifications</a></p>
</body></html>
)";

constexpr const char* kUnsubscribePage = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Unsubscribe – {{site}}</title></head>
<body style="font-family: sans-serif; max-width: 32em; margin: 3em auto">
{{#done}}<h1>Unsubscribed</h1><p>You will no longer receive {{what}} from {{site}}.</p>{{/done}}
{{^done}}<h1>Unsubscribe</h1><p>Stop receiving {{what}} from {{site}}?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form>{{/done}}
</body></html>
)";

std::string Render(const char* text, const data& d) {
  mustache tmpl{std::string(text)};
  return tmpl.render(d);
}

data ItemsData(const std::vector<MailItem>& in) {
  data items{data::type::list};
  for (const MailItem& item : in) {
    data i;
    i.set("actor", item.actor);
    i.set("action", item.action);
    if (!item.excerpt.empty()) i.set("excerpt", item.excerpt);
    if (!item.details.empty()) i.set("details", item.details);
    i.set("link", item.link);
    items << i;
  }
  return items;
}

}  // namespace

RenderedMail RenderNotificationMail(const NotificationMailData& in) {
  data d;
  d.set("site", in.site);
  d.set("recipient", in.recipient);
  d.set("settings_url", in.settings_url);
  d.set("unsubscribe_url", in.unsubscribe_url);
  d.set("unsubscribe_what", in.unsubscribe_what);
  d.set("items", ItemsData(in.items));
  data subject;
  subject.set("site", in.site);
  subject.set("count", std::to_string(in.items.size()));
  if (in.items.size() == 1) {
    subject.set("single", true);
    subject.set("actor", in.items.front().actor);
    subject.set("action", in.items.front().action);
  } else {
    subject.set("single", false);
  }
  RenderedMail out;
  out.subject = Render(kSubjectTemplate, subject);
  d.set("subject", out.subject);
  out.text = Render(kTextTemplate, d);
  out.html = Render(kHtmlTemplate, d);
  return out;
}

RenderedMail RenderDigestMail(const DigestMailData& in) {
  data d;
  d.set("site", in.site);
  d.set("recipient", in.recipient);
  d.set("period", in.period);
  d.set("home_url", in.home_url);
  d.set("settings_url", in.settings_url);
  d.set("unsubscribe_url", in.unsubscribe_url);
  d.set("items", ItemsData(in.items));
  d.set("has_items", !in.items.empty());
  d.set("for_you", ItemsData(in.for_you));
  d.set("has_for_you", !in.for_you.empty());
  d.set("questions", ItemsData(in.questions));
  d.set("has_questions", !in.questions.empty());
  d.set("members", ItemsData(in.members));
  d.set("has_members", !in.members.empty());
  if (!in.reach.empty()) {
    d.set("reach", in.reach);
    d.set("profile_url", in.profile_url);
  }
  data subject;
  subject.set("site", in.site);
  subject.set("period", in.period);
  if (!in.items.empty()) subject.set("count", std::to_string(in.items.size()));
  subject.set("single", in.items.size() == 1);
  RenderedMail out;
  out.subject = Render(kDigestSubject, subject);
  d.set("subject", out.subject);
  out.text = Render(kDigestText, d);
  out.html = Render(kDigestHtml, d);
  return out;
}

RenderedMail RenderWarningMail(const WarningMailData& in) {
  data d;
  d.set("site", in.site);
  d.set("recipient", in.recipient);
  d.set("action", in.action);
  if (!in.text.empty()) d.set("text", in.text);
  d.set("link", in.link);
  RenderedMail out;
  out.subject = "A message from the moderators of " + in.site;
  d.set("subject", out.subject);
  out.text = Render(kWarningTextTemplate, d);
  out.html = Render(kWarningHtmlTemplate, d);
  return out;
}

RenderedMail RenderTestMail(const std::string& site, const std::string& url) {
  data d;
  d.set("site", site);
  d.set("url", url);
  RenderedMail out;
  out.text = Render(
      "This is a test message from {{{site}}} ({{{url}}}).\n"
      "Mail from Atrium reaches this address.\n",
      d);
  out.html = Render(
      "<p>This is a test message from <a href=\"{{url}}\">{{site}}</a>.</p>\n"
      "<p>Mail from Atrium reaches this address.</p>\n",
      d);
  return out;
}

std::string RenderUnsubscribePage(const std::string& site, const std::string& what, bool done) {
  data d;
  d.set("site", site);
  d.set("what", what);
  d.set("done", done);
  return Render(kUnsubscribePage, d);
}

}  // namespace atrium
