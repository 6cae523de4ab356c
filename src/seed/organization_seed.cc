#include "seed/organization_seed.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/id.h"
#include "base/status_text.h"
#include "seed/seed_random.h"

namespace atrium::seed {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kYearMs = 365 * kDayMs;
constexpr size_t kBatch = 20000;

// Independent random streams, one per stage, so that changing one stage
// leaves the others as they were.
enum Stream : uint64_t {
  kNames = 1,
  kHierarchy,
  kPeople,
  kFollows,
  kConnections,
  kCommunities,
  kActivity,
  kPosts,
};

// Kinds of rows, each with its own node number so that ids of different
// tables never need to be compared.
enum Kind : int {
  kAccountIds = 0,
  kFollowIds,
  kConnectionIds,
  kCommunityIds,
  kMembershipIds,
  kStatusIds,
  kFavouriteIds,
  kNotificationIds,
  kKinds
};

// Time-ordered ids in the layout of base/id.h, for times that are given
// rather than read from the clock: never decreasing, unique per node.
class IdClock {
 public:
  explicit IdClock(int node) : node_(node & ((1 << kIdNodeBits) - 1)) {}
  int64_t Next(int64_t unix_ms) {
    int64_t ms = std::max<int64_t>(kIdEpochMillis, unix_ms);
    if (ms <= last_ms_) {
      ms = last_ms_;
      if (++seq_ >= (1 << kIdSequenceBits)) {
        ++ms;
        seq_ = 0;
      }
    } else {
      seq_ = 0;
    }
    last_ms_ = ms;
    return IdGenerator::Compose(ms, node_, seq_);
  }

 private:
  int node_;
  int64_t last_ms_ = -1;
  int seq_ = 0;
};

const std::vector<std::string> kFirstNames = {
    "Ada",    "Amir",  "Ana",   "Anders", "Aisha",  "Ben",    "Carla", "Chen",  "Chloe",
    "Daniel", "Diego", "Elena", "Emeka",  "Fatima", "Felix",  "Grace", "Hana",  "Hugo",
    "Ines",   "Ivan",  "Jamal", "Jana",   "Jonas",  "Kai",    "Kenji", "Lara",  "Leila",
    "Liam",   "Lucia", "Mai",   "Marco",  "Maria",  "Mateo",  "Mia",   "Nadia", "Noah",
    "Olga",   "Omar",  "Pablo", "Priya",  "Quinn",  "Rafael", "Rosa",  "Sam",   "Sara",
    "Sofia",  "Tariq", "Tomas", "Uma",    "Vera",   "Wei",    "Yara",  "Yusuf", "Zoe"};
const std::vector<std::string> kLastNames = {
    "Adeyemi", "Alvarez",  "Andersen", "Bauer",  "Becker", "Chen",      "Costa",  "Dubois",
    "Eriksen", "Fischer",  "Garcia",   "Gupta",  "Haddad", "Hansen",    "Ito",    "Jensen",
    "Kim",     "Kowalski", "Larsen",   "Lopez",  "Martin", "Meyer",     "Moreau", "Nakamura",
    "Nguyen",  "Novak",    "Okafor",   "Olsen",  "Patel",  "Perez",     "Rossi",  "Santos",
    "Schmidt", "Silva",    "Singh",    "Suzuki", "Tanaka", "Torres",    "Varga",  "Wagner",
    "Wang",    "Weber",    "Wilson",   "Yilmaz", "Zhang",  "Zimmermann"};
const std::vector<std::string> kDivisions = {
    "Engineering", "Sales",   "Marketing", "Finance",          "Operations",    "People",
    "Legal",       "Product", "Research",  "Customer Success", "Manufacturing", "IT"};
const std::vector<std::string> kTeams = {"Platform", "Core",     "Growth", "Enterprise", "North",
                                         "South",    "East",     "West",   "Analytics",  "Quality",
                                         "Strategy", "Programs", "Design", "Services"};
const std::vector<std::vector<std::string>> kFields = {
    {"cpp", "databases", "kubernetes", "security", "performance", "rust", "testing", "apis"},
    {"negotiation", "crm", "enterprise_sales", "forecasting", "partnerships", "pricing"},
    {"branding", "seo", "content", "events", "campaigns", "analytics", "social_media"},
    {"accounting", "tax", "budgeting", "audit", "treasury", "reporting", "risk"},
    {"logistics", "procurement", "lean", "supply_chain", "facilities", "planning"},
    {"recruiting", "onboarding", "learning", "compensation", "wellbeing", "coaching"},
    {"contracts", "privacy", "compliance", "ip", "employment_law", "litigation"},
    {"roadmaps", "ux", "research", "discovery", "metrics", "prototyping", "accessibility"},
    {"machine_learning", "statistics", "materials", "simulation", "papers", "python"},
    {"support", "onboarding", "renewals", "customer_advocacy", "training", "zendesk"},
    {"assembly", "safety", "quality", "robotics", "maintenance", "six_sigma"},
    {"networking", "helpdesk", "identity", "laptops", "cloud", "automation"}};
const std::vector<std::string> kLocations = {
    "Berlin",  "London", "New York", "Singapore",   "São Paulo", "Toronto",  "Bangalore",
    "Tokyo",   "Paris",  "Austin",   "Warsaw",      "Lagos",     "Sydney",   "Madrid",
    "Chicago", "Dublin", "Seoul",    "Mexico City", "Stockholm", "Cape Town"};
const std::vector<std::string> kGlobalTags = {
    "allhands", "launch",    "kudos",          "hiring",       "offsite",
    "security", "quarterly", "roadmap",        "customers",    "wellbeing",
    "learning", "diversity", "sustainability", "release",      "incident",
    "demo",     "mentoring", "travel",         "volunteering", "ai"};
const std::vector<std::string> kLeaderTitles = {"Chief Executive Officer",
                                                "Executive Vice President",
                                                "Vice President",
                                                "Senior Director",
                                                "Director",
                                                "Senior Manager",
                                                "Manager",
                                                "Team Lead"};
const std::vector<std::string> kIcTitles = {"Associate",  "Specialist", "Senior Specialist",
                                            "Analyst",    "Engineer",   "Senior Engineer",
                                            "Consultant", "Coordinator"};
const std::vector<std::string> kNouns = {
    "release",  "dashboard", "proposal",  "pipeline",  "roadmap", "migration", "workshop",
    "report",   "design",    "pilot",     "playbook",  "budget",  "launch",    "review",
    "customer", "process",   "prototype", "milestone", "survey",  "offsite"};
const std::vector<std::string> kAdjectives = {"new",     "quarterly", "updated",  "first",
                                              "revised", "shared",    "final",    "weekly",
                                              "draft",   "big",       "internal", "improved"};
const std::vector<std::string> kOpeners = {
    "Shipped the {adj} {noun} today.",
    "Who has experience with the {adj} {noun}?",
    "Great session on the {noun} with the {team} team this morning.",
    "Reminder: the {adj} {noun} is due Friday.",
    "Sharing notes from the {noun} review.",
    "Proud of the team for the {adj} {noun}.",
    "Looking for feedback on the {adj} {noun} before we roll it out.",
    "Quick update on the {noun}: we are on track.",
    "Thanks everyone who joined the {noun} kickoff.",
    "Lessons learned from the {adj} {noun}, in a thread.",
    "Anyone in {place} this week? Coffee and {noun} chat.",
    "The {adj} {noun} numbers are in, and they look good."};
const std::vector<std::string> kClosers = {"",
                                           " More soon.",
                                           " Details in the doc.",
                                           " Questions welcome.",
                                           " Big thanks to everyone involved.",
                                           " Next steps on Monday.",
                                           " Link: https://intranet.example/docs/{noun}"};
const std::vector<std::string> kReplies = {"Great work, thank you!",
                                           "Agreed, let's do it.",
                                           "Can you share the doc?",
                                           "Count me in.",
                                           "Nice! How did you measure it?",
                                           "+1, this helps a lot.",
                                           "Interesting; let's discuss at the next sync.",
                                           "Congratulations to the whole team!"};

std::string Fill(std::string text, Rng& rng, const std::string& team, const std::string& place) {
  auto replace = [&](const std::string& key, const std::string& value) {
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at))
      text.replace(at, key.size(), value), at += value.size();
  };
  replace("{adj}", rng.Pick(kAdjectives));
  replace("{noun}", rng.Pick(kNouns));
  replace("{team}", team);
  replace("{place}", place);
  return text;
}

// "first.last<index>", lower case: unique, and a valid mention.
std::string Username(const std::string& first, const std::string& last, int64_t index) {
  std::string u = fmt::format("{}.{}{}", first, last, index);
  for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return u;
}

struct Person {
  int32_t manager = -1;
  int32_t first_report = 0;
  int32_t reports = 0;
  int16_t level = 0;
  int16_t division = 0;  // index into kDivisions
  int32_t division_head = 0;
  int32_t department = 0;  // compact department number
  int32_t department_head = 0;
  int16_t location = 0;
};

// Sorted, distinct small sets of member indexes.
void SortUnique(std::vector<int32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

class Generator {
 public:
  Generator(SeedWriter& writer, const SeedOptions& o) : w_(writer), o_(o) {
    for (int k = 0; k < kKinds; ++k) clocks_.emplace_back(o.node + k * 37);
  }

  Result<SeedReport> Run(bool verify) {
    const int64_t n = o_.members;
    if (n < 2 || n > 50'000'000)
      return Status::BadRequest("invalid_members", "members must be between 2 and 50,000,000");
    if (o_.posts_per_member < 0 || o_.posts_per_member > 10'000)
      return Status::BadRequest("invalid_posts", "posts per member must be between 0 and 10,000");
    if (o_.members * o_.posts_per_member > 200'000'000)
      return Status::BadRequest("invalid_posts", "at most 200,000,000 posts in all");
    Hierarchy();
    if (Status s = People(); !s.ok()) return s;
    if (Status s = Follows(); !s.ok()) return s;
    if (Status s = Connections(); !s.ok()) return s;
    if (Status s = Communities(); !s.ok()) return s;
    if (Status s = Posts(); !s.ok()) return s;
    Progress("finishing", 0);
    if (Status s = w_.Finish(verify); !s.ok()) return s;
    Summarize();
    report_.digest = digest_.value();
    return report_;
  }

 private:
  int64_t N() const { return o_.members; }
  int64_t Id(int32_t index) const { return account_ids_[static_cast<size_t>(index)]; }
  void Progress(std::string_view stage, int64_t done) {
    if (o_.progress) o_.progress(stage, done);
  }

  // Breadth-first management tree, divisions, departments and locations.
  void Hierarchy() {
    Rng rng(o_.seed, kHierarchy);
    people_.resize(static_cast<size_t>(N()));
    int64_t next = 1;
    for (int64_t m = 0; next < N(); ++m) {
      const int64_t span = std::min<int64_t>(rng.Between(4, 12), N() - next);
      Person& boss = people_[static_cast<size_t>(m)];
      boss.first_report = static_cast<int32_t>(next);
      boss.reports = static_cast<int32_t>(span);
      for (int64_t c = next; c < next + span; ++c) {
        Person& p = people_[static_cast<size_t>(c)];
        p.manager = static_cast<int32_t>(m);
        p.level = static_cast<int16_t>(boss.level + 1);
      }
      next += span;
    }
    // Divisions under the chief executive's reports, departments two
    // levels down; people above inherit what they lead.
    int32_t departments = 0;
    department_members_.emplace_back();  // department 0: the executive office
    for (size_t i = 0; i < people_.size(); ++i) {
      Person& p = people_[i];
      report_.max_level = std::max<int64_t>(report_.max_level, p.level);
      if (p.level == 0) {
        p.division = 0;
        p.division_head = 0;
        p.department = 0;
        p.department_head = 0;
        p.location = 0;
        continue;
      }
      const Person& boss = people_[static_cast<size_t>(p.manager)];
      if (p.level == 1) {
        p.division = static_cast<int16_t>((i - 1) % kDivisions.size());
        p.division_head = static_cast<int32_t>(i);
        p.department = 0;
        p.department_head = 0;
        p.location = static_cast<int16_t>(rng.Below(kLocations.size()));
        continue;
      }
      p.division = boss.division;
      p.division_head = boss.division_head;
      if (p.level == 2) {
        p.department = ++departments;
        p.department_head = static_cast<int32_t>(i);
        department_members_.emplace_back();
        department_names_.resize(static_cast<size_t>(departments) + 1);
        department_names_[static_cast<size_t>(departments)] =
            fmt::format("{} {}", kDivisions[static_cast<size_t>(p.division)],
                        kTeams[static_cast<size_t>(departments) % kTeams.size()]);
      } else {
        p.department = boss.department;
        p.department_head = boss.department_head;
      }
      p.location =
          rng.Chance(0.8) ? boss.location : static_cast<int16_t>(rng.Below(kLocations.size()));
    }
    if (department_names_.empty()) department_names_.resize(1);
    department_names_[0] = "Executive Office";
    for (size_t i = 0; i < people_.size(); ++i)
      department_members_[static_cast<size_t>(people_[i].department)].push_back(
          static_cast<int32_t>(i));
  }

  std::string Title(size_t i) const {
    const Person& p = people_[i];
    const std::string& division = kDivisions[static_cast<size_t>(p.division)];
    if (p.level == 0) return kLeaderTitles[0];
    if (p.reports > 0 || p.level <= 2) {
      size_t t = std::min<size_t>(static_cast<size_t>(p.level), kLeaderTitles.size() - 1);
      return fmt::format("{}, {}", kLeaderTitles[t], division);
    }
    return fmt::format(
        "{} ({})", kIcTitles[(i * 7 + static_cast<size_t>(p.level)) % kIcTitles.size()], division);
  }

  Status People() {
    Rng rng(o_.seed, kPeople);
    Rng names(o_.seed, kNames);
    const int64_t created_from = o_.end_ms - 2 * kYearMs;
    account_ids_.resize(static_cast<size_t>(N()));
    usernames_.resize(static_cast<size_t>(N()));
    expertise_.resize(static_cast<size_t>(N()));
    std::vector<Account> batch;
    std::vector<SeedExpertise> expertise;
    for (int64_t i = 0; i < N(); ++i) {
      const Person& p = people_[static_cast<size_t>(i)];
      Account a;
      a.created_at = created_from + i * kYearMs / std::max<int64_t>(N(), 1);
      a.updated_at = a.created_at;
      a.id = clocks_[kAccountIds].Next(a.created_at);
      const std::string& first = names.Pick(kFirstNames);
      const std::string& last = names.Pick(kLastNames);
      a.username = Username(first, last, i);
      a.display_name = first + " " + last;
      a.email = a.username + "@example.com";
      a.password_hash = o_.password_hash;
      a.external_id = fmt::format("seed-{}", i);
      a.title = Title(static_cast<size_t>(i));
      a.department = department_names_[static_cast<size_t>(p.department)];
      a.division = kDivisions[static_cast<size_t>(p.division)];
      a.organization = "Atrium Synthetic Org";
      a.location = kLocations[static_cast<size_t>(p.location)];
      a.employee_number = fmt::format("E{:07}", i);
      a.cost_center = fmt::format("CC{:05}", p.department);
      a.manager_id = p.manager >= 0 ? Id(p.manager) : 0;
      a.note = fmt::format("{} in {}, {}.", a.title, a.department, a.location);
      account_ids_[static_cast<size_t>(i)] = a.id;
      usernames_[static_cast<size_t>(i)] = a.username;
      digest_.Add(a.id);
      digest_.Add(a.username);
      digest_.Add(a.manager_id);
      digest_.Add(a.department);
      // Expertise: three tags of the field, one general.
      const auto& field = kFields[static_cast<size_t>(p.division) % kFields.size()];
      SeedExpertise e;
      e.account_id = a.id;
      for (int t = 0; t < 3; ++t) {
        const std::string& tag = rng.Pick(field);
        if (std::find(e.tags.begin(), e.tags.end(), tag) == e.tags.end()) e.tags.push_back(tag);
      }
      const std::string& general = rng.Pick(kGlobalTags);
      if (std::find(e.tags.begin(), e.tags.end(), general) == e.tags.end())
        e.tags.push_back(general);
      for (const auto& tag : e.tags) digest_.Add(tag);
      expertise_[static_cast<size_t>(i)] = e.tags;
      expertise.push_back(std::move(e));
      batch.push_back(std::move(a));
      if (batch.size() >= kBatch) {
        if (Status s = Flush(batch, expertise); !s.ok()) return s;
        Progress("accounts", i + 1);
      }
    }
    if (Status s = Flush(batch, expertise); !s.ok()) return s;
    report_.accounts = N();
    report_.ceo_id = Id(0);
    for (int64_t i = 0; i < N(); ++i)
      username_index_.emplace(usernames_[static_cast<size_t>(i)], i);
    return Status::Ok();
  }

  Status Flush(std::vector<Account>& accounts, std::vector<SeedExpertise>& expertise) {
    if (!accounts.empty())
      if (Status s = w_.AddAccounts(accounts); !s.ok()) return s;
    if (!expertise.empty())
      if (Status s = w_.AddExpertise(expertise); !s.ok()) return s;
    accounts.clear();
    expertise.clear();
    return Status::Ok();
  }

  Status Follows() {
    Rng rng(o_.seed, kFollows);
    // A shuffled order of everyone but the chief executive: rank r in it is
    // followed across the organization with probability ~ 1/(r+1).
    std::vector<int32_t> fame;
    for (int64_t i = 1; i < N(); ++i) fame.push_back(static_cast<int32_t>(i));
    Shuffle(fame, rng);
    Zipf famous(fame.size(), 1.0);
    std::vector<int32_t> heads;  // division heads
    for (size_t i = 0; i < people_.size(); ++i)
      if (people_[i].level == 1) heads.push_back(static_cast<int32_t>(i));

    following_.resize(static_cast<size_t>(N()));
    std::vector<FollowRecord> batch;
    for (int64_t i = 0; i < N(); ++i) {
      const Person& p = people_[static_cast<size_t>(i)];
      std::vector<int32_t>& f = following_[static_cast<size_t>(i)];
      if (p.manager >= 0) {
        f.push_back(p.manager);
        const Person& boss = people_[static_cast<size_t>(p.manager)];
        for (int32_t s = 0; s < boss.reports; ++s) f.push_back(boss.first_report + s);  // peers
      }
      for (int32_t r = 0; r < p.reports; ++r) f.push_back(p.first_report + r);
      const auto& dept = department_members_[static_cast<size_t>(p.department)];
      if (dept.size() > 1)
        for (int k = 0; k < 8; ++k) f.push_back(rng.Pick(dept));
      for (int k = 0; k < 3; ++k) f.push_back(fame[famous.Draw(rng)]);
      if (rng.Chance(0.3)) f.push_back(0);
      if (rng.Chance(0.5)) f.push_back(p.division_head);
      if (rng.Chance(0.4)) f.push_back(p.department_head);
      for (int32_t h : heads)
        if (rng.Chance(0.03)) f.push_back(h);
      SortUnique(f);
      f.erase(std::remove(f.begin(), f.end(), static_cast<int32_t>(i)), f.end());
      const int64_t at = std::max(o_.end_ms - 2 * kYearMs, o_.end_ms - kYearMs - kDayMs);
      for (int32_t target : f) {
        FollowRecord r;
        r.created_at = at + i;
        r.id = clocks_[kFollowIds].Next(r.created_at);
        r.account_id = Id(static_cast<int32_t>(i));
        r.target_id = Id(target);
        r.show_reblogs = !rng.Chance(0.05);
        digest_.Add(r.id);
        digest_.Add(r.target_id);
        batch.push_back(r);
      }
      if (batch.size() >= kBatch) {
        if (Status s = w_.AddFollows(batch); !s.ok()) return s;
        report_.follows += static_cast<int64_t>(batch.size());
        batch.clear();
        Progress("follows", report_.follows);
      }
    }
    if (!batch.empty()) {
      if (Status s = w_.AddFollows(batch); !s.ok()) return s;
      report_.follows += static_cast<int64_t>(batch.size());
    }
    // Who follows whom, the other way round: the audience of each author.
    follower_start_.assign(static_cast<size_t>(N()) + 1, 0);
    for (const auto& f : following_)
      for (int32_t t : f) ++follower_start_[static_cast<size_t>(t) + 1];
    for (size_t i = 1; i < follower_start_.size(); ++i)
      follower_start_[i] += follower_start_[i - 1];
    followers_.resize(static_cast<size_t>(follower_start_.back()));
    std::vector<int64_t> fill(follower_start_.begin(), follower_start_.end() - 1);
    for (size_t i = 0; i < following_.size(); ++i)
      for (int32_t t : following_[i])
        followers_[static_cast<size_t>(fill[static_cast<size_t>(t)]++)] = static_cast<int32_t>(i);
    return Status::Ok();
  }

  int64_t FollowerCount(int32_t i) const {
    return follower_start_[static_cast<size_t>(i) + 1] - follower_start_[static_cast<size_t>(i)];
  }
  // A random follower of `i`, or -1.
  int32_t RandomFollower(int32_t i, Rng& rng) const {
    int64_t count = FollowerCount(i);
    if (count == 0) return -1;
    return followers_[static_cast<size_t>(
        follower_start_[static_cast<size_t>(i)] +
        static_cast<int64_t>(rng.Below(static_cast<uint64_t>(count))))];
  }
  bool Follows(int32_t a, int32_t b) const {
    const auto& f = following_[static_cast<size_t>(a)];
    return std::binary_search(f.begin(), f.end(), b);
  }

  Status Connections() {
    Rng rng(o_.seed, kConnections);
    std::vector<SeedConnection> batch;
    const int64_t at = o_.end_ms - kYearMs - kDayMs / 2;
    auto connect = [&](int32_t a, int32_t b) {
      // Both follow each other (manager and report, peers): as after an
      // accepted invitation.
      if (!Follows(a, b) || !Follows(b, a)) return;
      SeedConnection c;
      c.created_at = at + a;
      c.id = clocks_[kConnectionIds].Next(c.created_at);
      c.other_row = clocks_[kConnectionIds].Next(c.created_at);
      c.account_id = Id(a);
      c.other_id = Id(b);
      digest_.Add(c.id);
      digest_.Add(c.other_id);
      batch.push_back(c);
    };
    for (int64_t i = 1; i < N(); ++i) {
      const Person& p = people_[static_cast<size_t>(i)];
      const auto me = static_cast<int32_t>(i);
      if (rng.Chance(0.5)) connect(me, p.manager);
      const Person& boss = people_[static_cast<size_t>(p.manager)];
      for (int32_t s = 0; s < boss.reports; ++s) {
        int32_t peer = boss.first_report + s;
        if (peer > me && rng.Chance(0.15)) connect(me, peer);
      }
      if (batch.size() >= kBatch) {
        if (Status s = w_.AddConnections(batch); !s.ok()) return s;
        report_.connections += static_cast<int64_t>(batch.size());
        batch.clear();
      }
    }
    if (!batch.empty()) {
      if (Status s = w_.AddConnections(batch); !s.ok()) return s;
      report_.connections += static_cast<int64_t>(batch.size());
    }
    return Status::Ok();
  }

  Status Communities() {
    Rng rng(o_.seed, kCommunities);
    const int64_t count = std::max<int64_t>(8, N() / 50);
    const int64_t largest = std::max<int64_t>(3, N() / 5);
    const int64_t at = o_.end_ms - kYearMs - kDayMs / 4;
    member_communities_.resize(static_cast<size_t>(N()));
    std::vector<CommunityRecord> communities;
    std::vector<CommunityMemberRecord> rows;
    for (int64_t k = 0; k < count; ++k) {
      // Size ~ 1/(rank+1); the ranks are shuffled against the ids by the
      // department drawn for each.
      const int64_t size = std::max<int64_t>(3, largest / (k + 1));
      const int32_t anchor = static_cast<int32_t>(rng.Below(static_cast<uint64_t>(N())));
      const Person& ap = people_[static_cast<size_t>(anchor)];
      const auto& dept = department_members_[static_cast<size_t>(ap.department)];
      const auto& field = kFields[static_cast<size_t>(ap.division) % kFields.size()];
      std::vector<int32_t> members = {anchor};
      std::unordered_set<int32_t> in = {anchor};
      for (int64_t tries = 0; static_cast<int64_t>(members.size()) < size && tries < size * 4;
           ++tries) {
        int32_t m = (rng.Chance(0.7) && dept.size() > 1)
                        ? rng.Pick(dept)
                        : static_cast<int32_t>(rng.Below(static_cast<uint64_t>(N())));
        if (in.insert(m).second) members.push_back(m);
      }
      CommunityRecord c;
      c.created_at = at + k;
      c.updated_at = c.created_at;
      c.id = clocks_[kCommunityIds].Next(c.created_at);
      const std::string& topic = rng.Pick(field);
      c.handle = fmt::format("{}-{}", topic, k);
      std::replace(c.handle.begin(), c.handle.end(), '_', '-');
      c.name = fmt::format("{} {}", kTeams[static_cast<size_t>(k) % kTeams.size()], topic);
      std::replace(c.name.begin(), c.name.end(), '_', ' ');
      c.description = fmt::format("For everyone working on {} in {}.", topic,
                                  department_names_[static_cast<size_t>(ap.department)]);
      c.tags = {topic, rng.Pick(kGlobalTags)};
      if (c.tags[0] == c.tags[1]) c.tags.pop_back();
      const double t = rng.Unit();
      c.type = t < 0.6    ? CommunityType::kPublic
               : t < 0.85 ? CommunityType::kModerated
                          : CommunityType::kRestricted;
      c.listed = c.type != CommunityType::kRestricted || rng.Chance(0.7);
      c.created_by = Id(anchor);
      community_ids_.push_back(c.id);
      community_types_.push_back(c.type);
      digest_.Add(c.id);
      digest_.Add(c.handle);
      digest_.Add(static_cast<int64_t>(c.type));
      for (size_t m = 0; m < members.size(); ++m) {
        CommunityMemberRecord r;
        r.created_at = c.created_at;
        r.id = clocks_[kMembershipIds].Next(r.created_at);
        r.community_id = c.id;
        r.account_id = Id(members[m]);
        r.state = MembershipState::kMember;
        r.role = m == 0 ? kCommunityOwner : m < 3 ? kCommunityModerator : kCommunityMember;
        digest_.Add(r.id);
        digest_.Add(r.account_id);
        rows.push_back(std::move(r));
        member_communities_[static_cast<size_t>(members[m])].push_back(static_cast<int32_t>(k));
      }
      community_members_.push_back(std::move(members));
      communities.push_back(std::move(c));
      if (rows.size() >= kBatch) {
        if (Status s = FlushCommunities(communities, rows); !s.ok()) return s;
      }
    }
    return FlushCommunities(communities, rows);
  }

  Status FlushCommunities(std::vector<CommunityRecord>& communities,
                          std::vector<CommunityMemberRecord>& rows) {
    if (!communities.empty())
      if (Status s = w_.AddCommunities(communities); !s.ok()) return s;
    if (!rows.empty())
      if (Status s = w_.AddMemberships(rows); !s.ok()) return s;
    report_.communities += static_cast<int64_t>(communities.size());
    report_.memberships += static_cast<int64_t>(rows.size());
    communities.clear();
    rows.clear();
    return Status::Ok();
  }

  // A recent post others may answer or repost.
  struct Recent {
    int64_t id = 0;
    int32_t author = 0;
    int32_t community = -1;  // index, or -1
    Visibility visibility = Visibility::kPublic;
  };

  std::string Render(const std::string& text) {
    ParsedText parsed = ParseStatusText(text);
    const std::string& base = o_.base_url;
    MentionResolver resolve = [&](std::string_view username) -> std::optional<MentionTarget> {
      auto it = username_index_.find(std::string(username));
      if (it == username_index_.end()) return std::nullopt;
      return MentionTarget{base + "/@" + usernames_[static_cast<size_t>(it->second)],
                           usernames_[static_cast<size_t>(it->second)]};
    };
    return RenderStatusHtml(text, parsed, resolve, base);
  }

  NotificationRecord Notify(int32_t to, int32_t from, const char* type, int64_t status_id,
                            int64_t at) {
    NotificationRecord n;
    n.created_at = at;
    n.id = clocks_[kNotificationIds].Next(at);
    n.account_id = Id(to);
    n.from_account_id = Id(from);
    n.type = type;
    n.status_id = status_id;
    const std::string t = type;
    n.group_key = (t == "favourite" || t == "reblog") ? fmt::format("{}-{}", t, status_id)
                                                      : fmt::format("ungrouped-{}", n.id);
    digest_.Add(n.id);
    digest_.Add(n.account_id);
    return n;
  }

  Status Posts() {
    Rng rng(o_.seed, kPosts);
    Rng activity_rng(o_.seed, kActivity);
    std::vector<double> activity(static_cast<size_t>(N()));
    for (double& a : activity)  // Pareto(1.5), capped: a few post very much
      a = std::min(50.0, std::pow(1.0 - activity_rng.Unit(), -1.0 / 1.5));
    Weighted authors(activity);

    const int64_t total = N() * o_.posts_per_member;
    const int64_t start = o_.end_ms - kYearMs;
    std::vector<Recent> ring;
    const size_t ring_cap = 4096;
    size_t ring_next = 0;
    std::unordered_set<uint64_t> reposted;  // (original index in ring, reposter) pairs
    std::vector<StatusRecord> statuses;
    std::vector<SeedFavourite> favourites;
    std::vector<NotificationRecord> notes;

    auto flush = [&]() -> Status {
      if (!statuses.empty())
        if (Status s = w_.AddStatuses(statuses); !s.ok()) return s;
      if (!favourites.empty())
        if (Status s = w_.AddFavourites(favourites); !s.ok()) return s;
      if (!notes.empty())
        if (Status s = w_.AddNotifications(notes); !s.ok()) return s;
      report_.statuses += static_cast<int64_t>(statuses.size());
      report_.favourites += static_cast<int64_t>(favourites.size());
      report_.notifications += static_cast<int64_t>(notes.size());
      statuses.clear();
      favourites.clear();
      notes.clear();
      Progress("posts", report_.statuses);
      return Status::Ok();
    };

    for (int64_t k = 0; k < total; ++k) {
      const int64_t at = start + k * kYearMs / std::max<int64_t>(total, 1);
      auto author = static_cast<int32_t>(authors.Draw(rng));
      StatusRecord s;
      s.created_at = at;
      s.language = "en";
      std::vector<int32_t> mentioned;
      std::vector<std::string> tags;
      int32_t notify_reply_to = -1;
      int32_t community = -1;
      const double roll = rng.Unit();
      const Person& ap = people_[static_cast<size_t>(author)];
      const std::string team = department_names_[static_cast<size_t>(ap.department)];
      const std::string place = kLocations[static_cast<size_t>(ap.location)];

      if (roll < 0.15 && !ring.empty()) {
        // A reply to a recent post, by someone who can see it.
        const Recent parent = ring[rng.Below(ring.size())];
        if (parent.community >= 0) {
          author = rng.Pick(community_members_[static_cast<size_t>(parent.community)]);
        } else {
          int32_t f = RandomFollower(parent.author, rng);
          if (f >= 0 && (parent.visibility == Visibility::kPrivate || rng.Chance(0.7)))
            author = f;
          else if (parent.visibility == Visibility::kPrivate)
            author = parent.author;
        }
        s.in_reply_to_id = parent.id;
        s.in_reply_to_account_id = Id(parent.author);
        s.community_id =
            parent.community >= 0 ? community_ids_[static_cast<size_t>(parent.community)] : 0;
        community = parent.community;
        s.visibility = parent.visibility;
        std::string text;
        if (parent.author != author) {
          text = "@" + usernames_[static_cast<size_t>(parent.author)] + " ";
          mentioned.push_back(parent.author);
          notify_reply_to = parent.author;
        }
        text += rng.Pick(kReplies);
        s.text = std::move(text);
        ++report_.replies;
      } else if (roll < 0.23 && !ring.empty()) {
        // A repost of a recent public post outside communities, by a follower.
        const Recent original = ring[rng.Below(ring.size())];
        int32_t f = RandomFollower(original.author, rng);
        if (original.community < 0 && original.visibility == Visibility::kPublic && f >= 0 &&
            f != original.author &&
            reposted
                .insert(static_cast<uint64_t>(original.id) * 1000003u ^ static_cast<uint64_t>(f))
                .second) {
          author = f;
          s.reblog_of_id = original.id;
          s.visibility = Visibility::kPublic;
          s.id = clocks_[kStatusIds].Next(at);
          s.account_id = Id(author);
          digest_.Add(s.id);
          digest_.Add(s.account_id);
          digest_.Add(s.reblog_of_id);
          notes.push_back(Notify(original.author, author, "reblog", original.id, at));
          statuses.push_back(std::move(s));
          ++report_.reposts;
          if (statuses.size() >= kBatch)
            if (Status st = flush(); !st.ok()) return st;
          continue;
        }
        // Otherwise an ordinary post, below.
      }
      if (s.in_reply_to_id == 0) {
        const auto& mine = member_communities_[static_cast<size_t>(author)];
        if (roll >= 0.23 && roll < 0.35 && !mine.empty()) {
          community = rng.Pick(mine);
          s.community_id = community_ids_[static_cast<size_t>(community)];
          s.visibility =
              community_types_[static_cast<size_t>(community)] == CommunityType::kRestricted
                  ? Visibility::kPrivate
                  : Visibility::kPublic;
          ++report_.community_posts;
        } else {
          const double v = rng.Unit();
          s.visibility = v < 0.85   ? Visibility::kPublic
                         : v < 0.93 ? Visibility::kUnlisted
                         : v < 0.98 ? Visibility::kPrivate
                                    : Visibility::kDirect;
        }
        const auto& follows = following_[static_cast<size_t>(author)];
        std::string text;
        if (s.visibility == Visibility::kDirect) {
          if (follows.empty()) {
            s.visibility = Visibility::kPublic;
          } else {
            int32_t to = rng.Pick(follows);
            text = "@" + usernames_[static_cast<size_t>(to)] + " ";
            mentioned.push_back(to);
          }
        }
        text += Fill(rng.Pick(kOpeners), rng, team, place);
        if (s.community_id == 0 && s.visibility != Visibility::kDirect && !follows.empty() &&
            rng.Chance(0.2)) {
          int count = rng.Chance(0.3) ? 2 : 1;
          text += " cc";
          for (int m = 0; m < count; ++m) {
            int32_t to = rng.Pick(follows);
            if (std::find(mentioned.begin(), mentioned.end(), to) != mentioned.end()) continue;
            mentioned.push_back(to);
            text += " @" + usernames_[static_cast<size_t>(to)];
          }
        }
        text += Fill(rng.Pick(kClosers), rng, team, place);
        if (rng.Chance(0.33)) {
          int count = rng.Chance(0.4) ? 2 : 1;
          for (int t = 0; t < count; ++t) {
            const std::string& tag = rng.Chance(0.5)
                                         ? rng.Pick(expertise_[static_cast<size_t>(author)])
                                         : rng.Pick(kGlobalTags);
            if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
              tags.push_back(tag);
              text += " #" + tag;
            }
          }
          ++report_.tagged;
        }
        s.text = std::move(text);
      }
      s.id = clocks_[kStatusIds].Next(at);
      s.account_id = Id(author);
      s.content_html = Render(s.text);
      for (int32_t m : mentioned) s.mention_ids.push_back(Id(m));
      for (const auto& t : tags) s.tags.push_back(NormalizeHashtag(t));
      report_.mentions += static_cast<int64_t>(mentioned.size());
      digest_.Add(s.id);
      digest_.Add(s.account_id);
      digest_.Add(s.in_reply_to_id);
      digest_.Add(s.community_id);
      digest_.Add(static_cast<int64_t>(s.visibility));
      digest_.Add(s.text);

      // Notifications as PostingService makes them: mentions first, then
      // the parent's author if not mentioned; never to oneself.
      std::vector<int32_t> notified;
      for (int32_t m : mentioned) {
        if (m == author || std::find(notified.begin(), notified.end(), m) != notified.end())
          continue;
        notified.push_back(m);
        notes.push_back(Notify(m, author, "mention", s.id, at));
      }
      if (notify_reply_to >= 0 &&
          std::find(notified.begin(), notified.end(), notify_reply_to) == notified.end())
        notes.push_back(Notify(notify_reply_to, author, "reply", s.id, at));

      // Likes, from the author's followers (or the community's members).
      const bool likeable = s.visibility == Visibility::kPublic ||
                            s.visibility == Visibility::kUnlisted || community >= 0;
      if (likeable) {
        int likes = 0;
        while (likes < 60 && rng.Chance(0.55)) ++likes;
        if (ap.level == 0 && s.in_reply_to_id == 0)
          likes += static_cast<int>(rng.Between(50, 300));
        else if (ap.level <= 2 && s.in_reply_to_id == 0)
          likes += static_cast<int>(rng.Between(5, 40));
        std::vector<int32_t> likers;
        for (int l = 0; l < likes * 2 && static_cast<int>(likers.size()) < likes; ++l) {
          int32_t who;
          if (community >= 0)
            who = rng.Pick(community_members_[static_cast<size_t>(community)]);
          else if (rng.Chance(0.8))
            who = RandomFollower(author, rng);
          else
            who = static_cast<int32_t>(rng.Below(static_cast<uint64_t>(N())));
          if (who < 0 || who == author ||
              std::find(likers.begin(), likers.end(), who) != likers.end())
            continue;
          likers.push_back(who);
          const int64_t when = at + rng.Between(60'000, 6 * 3600'000);
          SeedFavourite f;
          f.id = clocks_[kFavouriteIds].Next(when);
          f.account_id = Id(who);
          f.status_id = s.id;
          digest_.Add(f.id);
          digest_.Add(f.account_id);
          favourites.push_back(f);
          notes.push_back(Notify(author, who, "favourite", s.id, when));
        }
      }
      // Top-level posts others may answer or repost (not private or direct
      // ones: not everyone may see those).
      if (s.in_reply_to_id == 0 && (s.visibility == Visibility::kPublic ||
                                    s.visibility == Visibility::kUnlisted || community >= 0)) {
        Recent r{s.id, author, community, s.visibility};
        if (ring.size() < ring_cap) {
          ring.push_back(r);
        } else {
          ring[ring_next] = r;
          ring_next = (ring_next + 1) % ring_cap;
        }
      }
      statuses.push_back(std::move(s));
      if (statuses.size() >= kBatch)
        if (Status st = flush(); !st.ok()) return st;
    }
    return flush();
  }

  void Summarize() {
    report_.ceo_followers = FollowerCount(0);
    int64_t best = -1, best_distance = 0;
    int64_t most = -1;
    for (int64_t i = 1; i < N(); ++i) {
      const int64_t c = FollowerCount(static_cast<int32_t>(i));
      if (most < 0 || c > FollowerCount(static_cast<int32_t>(most))) most = i;
      if (c >= 10000) {
        const int64_t d = c - 10000;
        if (best < 0 || d < best_distance) best = i, best_distance = d;
      }
    }
    if (best < 0) best = most;
    report_.popular_id = Id(static_cast<int32_t>(best));
    for (size_t k = community_ids_.size(); k-- > 0;)
      if (k < 10 && community_types_[k] == CommunityType::kPublic)
        report_.largest_community_id = community_ids_[k];
    if (report_.largest_community_id == 0 && !community_ids_.empty())
      report_.largest_community_id = community_ids_[0];
    report_.popular_followers = FollowerCount(static_cast<int32_t>(best));
  }

  SeedWriter& w_;
  const SeedOptions& o_;
  std::vector<IdClock> clocks_;
  SeedReport report_;
  Digest digest_;
  std::vector<Person> people_;
  std::vector<std::vector<int32_t>> department_members_;
  std::vector<std::string> department_names_;
  std::vector<int64_t> account_ids_;
  std::vector<std::string> usernames_;
  std::unordered_map<std::string, int64_t> username_index_;
  std::vector<std::vector<std::string>> expertise_;
  std::vector<std::vector<int32_t>> following_;  // sorted
  std::vector<int64_t> follower_start_;
  std::vector<int32_t> followers_;
  std::vector<int64_t> community_ids_;
  std::vector<CommunityType> community_types_;
  std::vector<std::vector<int32_t>> community_members_;
  std::vector<std::vector<int32_t>> member_communities_;
};

}  // namespace

Result<SeedReport> SeedOrganization(SeedWriter& writer, const SeedOptions& options, bool verify) {
  Generator g(writer, options);
  return g.Run(verify);
}

}  // namespace atrium::seed
