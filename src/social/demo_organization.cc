#include "social/demo_organization.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "social/directory_import.h"

namespace atrium {
namespace {

struct Person {
  const char* username;
  const char* name;
  const char* role;
  const char* about;
  const char* title;
  const char* department;
  const char* location;
  const char* manager;    // username, or "" for the top
  const char* expertise;  // comma-separated
};

// In directory order: managers before their reports.
const Person kPeople[] = {
    {"admin", "Ada Admin", kRoleAdmin, "I keep Atrium running. Ask me anything about it.",
     "Chief Executive Officer", "Executive", "London", "", "leadership,strategy"},
    {"maria", "Maria Okafor", kRoleModerator,
     "Head of Engineering. Coffee, **distributed systems**, and mentoring.", "VP Engineering",
     "Engineering", "London", "admin", "distributedsystems,mentoring,payments"},
    {"lena", "Lena Fischer", kRoleMember, "People & culture. Onboarding buddy program.",
     "Head of People", "People & Culture", "Berlin", "admin", "onboarding,culture"},
    {"priya", "Priya Raman", kRoleMember, "Product manager for the mobile apps.",
     "Senior Product Manager", "Product", "Bangalore", "admin", "mobile,roadmaps"},
    {"jonas", "Jonas Lindqvist", kRoleMember, "Backend engineer on the payments team.",
     "Senior Backend Engineer", "Engineering", "Stockholm", "maria", "payments,kafka,go"},
    {"mei", "Mei Chen", kRoleMember, "Designer. Accessibility advocate.", "Product Designer",
     "Product", "Singapore", "priya", "accessibility,design"},
    {"tomas", "Tomás Herrera", kRoleMember, "Data analyst. I make dashboards people actually read.",
     "Data Analyst", "Engineering", "Madrid", "maria", "data,sql,dashboards"},
    {"samuel", "Samuel Osei", kRoleMember, "Customer success lead for EMEA.",
     "Customer Success Lead", "Sales", "London", "admin", "customers,emea"},
};

}  // namespace

// Communities of every type, each with members, posts and comments, so
// that what each type means can be seen by signing in as different people.
static Status CreateDemoCommunities(std::map<std::string, Account>& people, PostingService& posting,
                                    CommunityService& communities) {
  struct Community {
    const char* owner;
    const char* handle;
    const char* name;
    const char* description;
    const char* type;
    bool listed;
    std::vector<const char*> members;                        // join (invited first where needed)
    std::vector<std::pair<const char*, const char*>> posts;  // author, text
  };
  const Community list[] = {
      {"maria",
       "engineering",
       "Engineering Guild",
       "Everyone who builds things: talks, RFCs, and **show and tell** on Fridays.",
       "public",
       true,
       {"jonas", "tomas", "mei", "priya"},
       {{"maria", "Friday show and tell: who wants a slot? Ten minutes, anything you built."},
        {"jonas", "Wrote up how we made the payments retries idempotent. #payments #rfc"}}},
      {"lena",
       "coffee",
       "Coffee & Conversation",
       "Random pairings for a coffee with someone you have not met yet.",
       "public",
       true,
       {"samuel", "mei", "admin"},
       {{"lena", "This month's coffee pairings are out. Say hello to your match!"}}},
      {"tomas",
       "analytics",
       "Worldwide Analytics",
       "Analysts across every region: methods, dashboards, data quality. Ask to join.",
       "moderated",
       true,
       {"maria", "priya"},
       {{"tomas",
         "Our new retention dashboard is live. Feedback welcome before we share it "
         "wider. #data"},
        {"priya", "Could we add a cohort view by signup month?"}}},
      {"priya",
       "project_atlas",
       "Project Atlas",
       "The product team behind the next mobile release. Members only.",
       "restricted",
       true,
       {"mei", "jonas"},
       {{"priya", "Atlas beta goes to 50 customers on the 3rd. Please keep this in the team."},
        {"mei", "Final onboarding screens are in the design file. Accessibility review done."}}},
      {"admin",
       "leadership",
       "Leadership Team",
       "The executive team's working space.",
       "restricted",
       false,
       {"maria", "lena", "samuel"},
       {{"admin", "Draft of next year's plan is ready for your comments before Thursday."}}},
  };
  for (const Community& def : list) {
    CommunityInput in;
    in.handle = def.handle;
    in.name = def.name;
    in.description = def.description;
    in.type = def.type;
    in.listed = def.listed;
    auto made = communities.Create(people[def.owner], in);
    if (!made.ok()) return made.status();
    const int64_t id = made->community.id;
    for (const char* who : def.members) {
      if (std::string(def.type) != "public")
        if (Status s = communities.Invite(people[def.owner], id, people[who].id); !s.ok()) return s;
      if (auto r = communities.Join(people[who], id); !r.ok()) return r.status();
    }
    int64_t first = 0;
    for (const auto& [author, text] : def.posts) {
      PostInput p;
      p.text = text;
      p.community_id = id;
      if (first != 0) p.in_reply_to_id = first;  // later ones comment on the first
      auto s = posting.Post(people[author], p);
      if (!s.ok()) return s.status();
      if (first == 0) first = s->id;
    }
    if (std::string(def.handle) == "engineering")
      if (Status s = communities.Pin(people[def.owner], id, first); !s.ok()) return s;
    // Pending: someone asks to join the moderated one; someone is invited
    // to the restricted one.
    if (std::string(def.handle) == "analytics")
      if (auto r = communities.Join(people["samuel"], id); !r.ok()) return r.status();
    if (std::string(def.handle) == "project_atlas")
      if (Status s = communities.Invite(people[def.owner], id, people["tomas"].id); !s.ok())
        return s;
  }
  return Status::Ok();
}

// Blog entries and questions, one of them answered with an accepted answer
// and one in a community.
static Status CreateDemoBlogsAndQuestions(std::map<std::string, Account>& people,
                                          PostingService& posting, CommunityService& communities,
                                          QuestionService& questions) {
  struct Entry {
    const char* author;
    StatusKind kind;
    const char* community;  // a handle, or "" for none
    const char* title;
    const char* body;
    std::vector<std::string> tags;
  };
  const Entry entries[] = {
      {"maria",
       StatusKind::kBlog,
       "",
       "What we learned moving payments to idempotent retries",
       "Last quarter a network blip could charge a customer twice. This is how we made every "
       "payment call **safe to retry**.\n\n## The idea\n\nEvery request carries a key; the "
       "server remembers the answer it gave for that key.\n\n1. The client makes a key per "
       "payment.\n2. The server stores the key with the result, in the same transaction.\n3. A "
       "retry with the same key gets the stored result.\n\n```\nPOST /payments\n"
       "Idempotency-Key: 4f1c…\n```\n\nQuestions welcome in the comments. #payments",
       {"engineering"}},
      {"lena",
       StatusKind::kBlog,
       "",
       "Five things new joiners asked us this year",
       "We collected what people asked in their first month:\n\n- Where do I find the "
       "holiday calendar?\n- Who approves my travel?\n- How do I book a meeting room?\n- "
       "Which communities should I join?\n- Who do I ask about my laptop?\n\nThe answers "
       "are now in the [onboarding guide](https://intranet.example.com/onboarding). #onboarding",
       {}},
      {"mei",
       StatusKind::kQuestion,
       "",
       "How do I request access to the design system files?",
       "I joined the Atlas team last week and cannot open the component library. Who grants "
       "access? #design",
       {}},
      {"tomas",
       StatusKind::kQuestion,
       "engineering",
       "Which load-testing tool do teams here use?",
       "We need to load-test the new partner API before launch. Is there a shared setup?",
       {"testing"}},
  };
  std::vector<StatusRecord> made;
  for (const Entry& e : entries) {
    PostInput in;
    in.kind = e.kind;
    in.title = e.title;
    in.text = e.body;
    in.tags = e.tags;
    if (*e.community) {
      auto c = communities.FindByHandle(people[e.author], e.community);
      if (!c.ok()) return c.status();
      in.community_id = c->community.id;
    }
    auto s = posting.Post(people[e.author], in);
    if (!s.ok()) return s.status();
    made.push_back(*s);
  }
  // Answers; the asker accepts the first answer to their question.
  const std::tuple<const char*, int, const char*> answers[] = {
      {"priya", 2,
       "Ask in the #design channel of Project Atlas, or message me: I can add you to the "
       "library today."},
      {"jonas", 2, "Same thing happened to me, it took a day. Priya sorted it out."},
      {"maria", 0,
       "Great write-up. The part about storing the key in the same transaction "
       "is the one people miss."},
  };
  int64_t accepted = 0;
  for (const auto& [who, index, text] : answers) {
    PostInput in;
    in.text = text;
    in.in_reply_to_id = made[static_cast<size_t>(index)].id;
    auto s = posting.Post(people[who], in);
    if (!s.ok()) return s.status();
    if (index == 2 && accepted == 0) accepted = s->id;
  }
  auto done = questions.Accept(people["mei"], made[2].id, accepted);
  return done.ok() ? Status::Ok() : done.status();
}

Status CreateDemoOrganization(Store& store, AccountService& accounts, DirectoryService& directory,
                              RelationshipService& relationships, PostingService& posting,
                              CommunityService& communities, QuestionService& questions,
                              std::ostream& out) {
  auto count = store.accounts().Count(/*active_only=*/false);
  if (!count.ok()) return count.status();
  if (*count > 0) return Status::Ok();

  // Everyone arrives by a directory import, as a real organization's people
  // would: a CSV export of the directory.
  std::string csv =
      "username,email,display_name,title,department,location,phone,organization,manager,external_"
      "id\n";
  int n = 0;
  for (const Person& p : kPeople)
    csv += fmt::format(
        "{0},{0}@example.com,\"{1}\",\"{2}\",\"{3}\",{4},+44 20 7946 0{5},Example "
        "Ltd,{6},demo-{0}\n",
        p.username, p.name, p.title, p.department, p.location, 100 + n++, p.manager);
  DirectoryImport import(store, directory);
  auto report = import.Run(csv, {});
  if (!report.ok()) return report.status();
  if (report->rejected())
    return Status::Internal("Demo directory rejected", report->problems.front().message);

  std::map<std::string, Account> people;
  for (const Person& p : kPeople) {
    auto made = store.accounts().FindByUsername(p.username);
    if (!made.ok()) return made.status();
    const int64_t id = made->id;
    if (Status s = accounts.SetPassword(id, kDemoPassword); !s.ok()) return s;
    if (Status s = accounts.SetRole(id, p.role); !s.ok()) return s;
    // ...and adds what they want people to know.
    DirectoryService::OwnProfile own;
    own.note = p.about;
    own.locked = std::string(p.username) == "lena";  // one person approves followers
    std::vector<std::string> tags;
    std::string list = p.expertise;
    for (size_t pos = 0; pos < list.size();) {
      size_t comma = list.find(',', pos);
      tags.push_back(
          list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
      pos = comma == std::string::npos ? list.size() : comma + 1;
    }
    own.expertise = tags;
    auto updated = directory.UpdateOwnProfile(id, own);
    if (!updated.ok()) return updated.status();
    people[p.username] = *updated;
  }
  // Colleagues vouch for each other's expertise.
  const std::tuple<const char*, const char*, const char*> endorsements[] = {
      {"jonas", "maria", "distributedsystems"}, {"tomas", "maria", "mentoring"},
      {"maria", "jonas", "payments"},           {"samuel", "jonas", "payments"},
      {"priya", "mei", "accessibility"},        {"maria", "tomas", "sql"},
      {"samuel", "tomas", "dashboards"},        {"mei", "priya", "roadmaps"}};
  for (const auto& [who, whom, tag] : endorsements)
    if (auto r = directory.Endorse(people[who], people[whom].id, tag); !r.ok()) return r.status();

  // Everyone follows Maria and Ada; teams follow each other.
  const std::pair<const char*, const char*> follows[] = {
      {"jonas", "maria"},  {"priya", "maria"},  {"tomas", "maria"},  {"mei", "maria"},
      {"samuel", "maria"}, {"lena", "maria"},   {"maria", "admin"},  {"jonas", "admin"},
      {"priya", "admin"},  {"tomas", "admin"},  {"mei", "admin"},    {"samuel", "admin"},
      {"lena", "admin"},   {"jonas", "priya"},  {"priya", "jonas"},  {"priya", "mei"},
      {"mei", "priya"},    {"tomas", "samuel"}, {"samuel", "tomas"}, {"maria", "jonas"},
      {"maria", "priya"},  {"admin", "maria"},  {"mei", "tomas"},    {"samuel", "priya"},
  };
  for (const auto& [from, to] : follows)
    if (Status s = relationships.Follow(people[from], people[to].id, true, false); !s.ok())
      return s;
  // Connections: invited and accepted.
  const std::pair<const char*, const char*> connections[] = {{"jonas", "priya"},
                                                             {"mei", "priya"},
                                                             {"tomas", "samuel"},
                                                             {"maria", "jonas"},
                                                             {"lena", "mei"}};
  for (const auto& [from, to] : connections) {
    if (Status s = relationships.InviteConnection(people[from], people[to].id); !s.ok()) return s;
    if (Status s = relationships.AcceptConnection(people[to], people[from].id); !s.ok()) return s;
  }
  // An open invitation and a follow request waiting for an answer.
  if (Status s = relationships.InviteConnection(people["samuel"], people["lena"].id); !s.ok())
    return s;
  if (Status s = relationships.Follow(people["jonas"], people["lena"].id, true, false); !s.ok())
    return s;

  struct Post {
    const char* author;
    const char* text;
    int reply_to;  // index into the posts made so far, or -1
  };
  const Post posts[] = {
      {"admin",
       "Welcome to Atrium, everyone! This is our place to share what we work on, ask questions and "
       "find the people who know. Say hello below. #welcome",
       -1},
      {"maria",
       "Hello from Engineering! We're hiring two backend engineers this quarter, referrals "
       "welcome. #hiring",
       -1},
      {"jonas", "Hi all! Happy to finally have a place for questions that don't fit in a ticket.",
       0},
      {"priya",
       "The mobile release 4.2 is out today: faster start-up, offline drafts and dark mode. Thanks "
       "@mei for the new screens! #release #mobile",
       -1},
      {"mei",
       "Thanks @priya! The accessibility audit found 14 issues; 12 are fixed in this release. "
       "#accessibility",
       3},
      {"tomas",
       "New dashboard: weekly active customers by region. Ask me if a number looks odd. #data", -1},
      {"samuel", "@tomas EMEA dipped in week 46. Is that the holiday in the Nordics?", 5},
      {"tomas", "@samuel Yes, mostly. Finland and Sweden both had a public holiday that week.", 6},
      {"lena",
       "Onboarding buddies: we're looking for ten volunteers for January's new starters. Reply "
       "here if you'd like to help. #onboarding",
       -1},
      {"jonas", "Count me in, I remember how lost I was in my first week.", 8},
      {"maria",
       "Postmortem of Tuesday's payment delays is published. Short version: a retry storm after a "
       "config change. We added rate limits on the retry path. #postmortem #payments",
       -1},
      {"jonas",
       "We also added an alert on retry volume, so we'll see the next one minutes earlier.", 10},
      {"priya",
       "Question for the data folks: how do we define a 'returning' user in the mobile dashboards? "
       "#data #question",
       -1},
      {"tomas",
       "@priya Someone active in two different calendar weeks within 28 days. Documented on the "
       "dashboard's info panel.",
       12},
      {"admin",
       "Reminder: Atrium is only visible inside the company. Share freely, but keep customer data "
       "in the CRM. #policy",
       -1},
      {"mei",
       "Design review on Thursday at 14:00: the new onboarding flow. Everyone's welcome. #design",
       -1},
      {"samuel",
       "A customer told us today the new invoice export saved their finance team a day a month. "
       "Great work, payments team! #customers",
       -1},
      {"maria", "That's wonderful to hear, @samuel. Passing it on to the team.", 16},
      {"lena",
       "Friday lunch talks are back: Priya on how we pick what goes into a release. #lunchtalk",
       -1},
      {"priya", "Looking forward to it! Bring your questions. #lunchtalk", 18},
      {"jonas",
       "TIL: our staging database is restored from last night's backup every morning, so test data "
       "you create is gone by the next day. #til",
       -1},
      {"maria",
       "Good reminder, @jonas. Anyone who needs persistent test data: there's a fixtures folder in "
       "the payments repo.",
       20},
      {"mei",
       "Sharing the new icon set: 240 icons, all with text alternatives, in the design library. "
       "#design #accessibility",
       -1},
      {"priya", "These are lovely, @mei. Can we use them in the 4.3 settings screen?", 22},
      {"mei", "@priya Yes! That's exactly what they were made for.", 23},
      {"tomas",
       "Quarterly business review deck is ready for comments. Numbers are final up to November 20. "
       "#data #qbr",
       -1},
      {"samuel",
       "Customer workshop in Lisbon next week. If you have questions you'd like us to ask, reply "
       "here. #customers",
       -1},
      {"priya", "Ask how often they use offline mode, please!", 26},
      {"lena",
       "Welcome to our three new starters this week: say hi when you see them in the kitchen! "
       "#welcome #onboarding",
       -1},
      {"admin",
       "Atrium tip: press the bookmark icon on a post to keep it for later. Only you can see your "
       "bookmarks. #tips",
       -1},
      {"jonas", "Does anyone have a good book on queueing theory that isn't 600 pages? #question",
       -1},
      {"maria",
       "@jonas 'Performance Modeling and Design of Computer Systems' has a gentle first part. I "
       "can lend you mine.",
       30},
      {"tomas",
       "Heads-up: the warehouse will be read-only on Saturday 06:00–08:00 for maintenance. #data",
       -1},
      {"samuel",
       "Our NPS for Q3 came in at 52, up from 47. Thank you to everyone who fixed the things "
       "customers asked for. #customers",
       -1},
      {"maria",
       "Engineering all-hands on Monday: roadmap for next half, and a demo from the payments team. "
       "#allhands",
       -1},
      {"lena",
       "Reminder that the office is closed on the 24th and 25th. Enjoy the break, everyone!", -1},
  };
  std::vector<StatusRecord> made;
  for (const Post& p : posts) {
    PostInput in;
    in.text = p.text;
    if (p.reply_to >= 0) in.in_reply_to_id = made[static_cast<size_t>(p.reply_to)].id;
    auto s = posting.Post(people[p.author], in);
    if (!s.ok()) return s.status();
    made.push_back(*s);
  }
  // Likes and reposts.
  const std::pair<const char*, int> likes[] = {
      {"jonas", 0},  {"priya", 0},  {"mei", 0},    {"tomas", 3},  {"maria", 3},   {"jonas", 3},
      {"samuel", 5}, {"maria", 5},  {"mei", 8},    {"priya", 10}, {"tomas", 10},  {"lena", 16},
      {"jonas", 16}, {"admin", 18}, {"priya", 22}, {"tomas", 22}, {"lena", 22},   {"maria", 25},
      {"jonas", 31}, {"priya", 33}, {"tomas", 33}, {"mei", 34},   {"samuel", 34}, {"admin", 35},
      {"jonas", 28}, {"mei", 28}};
  for (const auto& [who, index] : likes)
    if (auto r = posting.Favourite(people[who], made[static_cast<size_t>(index)].id); !r.ok())
      return r.status();
  const std::pair<const char*, int> reposts[] = {{"maria", 3},  {"samuel", 5}, {"jonas", 1},
                                                 {"maria", 16}, {"priya", 22}, {"lena", 34},
                                                 {"admin", 28}};
  for (const auto& [who, index] : reposts)
    if (auto r = posting.Reblog(people[who], made[static_cast<size_t>(index)].id, ""); !r.ok())
      return r.status();

  if (Status s = CreateDemoCommunities(people, posting, communities); !s.ok()) return s;
  if (Status s = CreateDemoBlogsAndQuestions(people, posting, communities, questions); !s.ok())
    return s;

  out << "Created the demo organization. Sign in as admin@example.com (or maria, jonas, priya, "
         "tomas, mei, samuel, "
         "lena @example.com) with the password '"
      << kDemoPassword << "'.\n";
  return Status::Ok();
}

}  // namespace atrium
