// The demo organization `atrium serve --demo` creates in an empty store, so
// that a newcomer has people to sign in as and streams that are alive: a
// small company whose people follow and connect with each other, post,
// reply, like and repost.
#pragma once

#include <ostream>

#include "base/status.h"
#include "social/account_service.h"
#include "social/community_service.h"
#include "social/directory_service.h"
#include "social/posting_service.h"
#include "social/question_service.h"
#include "social/relationship_service.h"

namespace atrium {

// The password every demo account gets.
inline constexpr const char* kDemoPassword = "atrium-demo";

// Creates the demo organization unless the store already has accounts:
// people arrive through the directory (titles, departments, locations, a
// management hierarchy), then follow, connect, post, gather in communities
// of every type, write blog entries and ask questions (one answered, its
// answer accepted). Writes how to sign
// in to `out`. OK if it created it or there were accounts already.
Status CreateDemoOrganization(Store& store, AccountService& accounts, DirectoryService& directory,
                              RelationshipService& relationships, PostingService& posting,
                              CommunityService& communities, QuestionService& questions,
                              std::ostream& out);

}  // namespace atrium
