// The shell: sign-in gate, navigation (a left rail on wide screens, a bottom
// bar on phones), live connection, and the screen for the current path.

import { useEffect, useState } from "preact/hooks";
import { Icon, type IconName } from "./components/icons";
import { SearchBox } from "./components/SearchBox";
import { Shortcuts } from "./components/Shortcuts";
import { Avatar, Spinner, displayName } from "./components/ui";
import { ApiError, api } from "./lib/api";
import { loadHomeSnapshot, type HomeSnapshot } from "./lib/offline";
import { live } from "./lib/live";
import { match, onLinkClick, useLocation } from "./lib/router";
import type { Session } from "./lib/types";
import { AdminScreen } from "./screens/Admin";
import { AdminComplianceScreen } from "./screens/AdminCompliance";
import { AdminExportsScreen } from "./screens/AdminExports";
import { AdminReportsScreen } from "./screens/AdminReports";
import { AdminHealthScreen } from "./screens/AdminHealth";
import { AdminAdviceScreen } from "./screens/AdminAdvice";
import { AdminAuditScreen } from "./screens/AdminAudit";
import { AdminAnnouncementsScreen } from "./screens/AdminAnnouncements";
import { AdminCustomEmojisScreen } from "./screens/AdminCustomEmojis";
import { CommunitiesScreen, CommunityScreen } from "./screens/Communities";
import { BlogsScreen } from "./screens/Blogs";
import { BookmarksScreen, HomeScreen, OrganizationScreen, TagScreen } from "./screens/Home";
import { NotificationsScreen } from "./screens/Notifications";
import { PeopleScreen } from "./screens/People";
import { QuestionsScreen } from "./screens/Questions";
import { BlogScreen, PostScreen, QuestionScreen } from "./screens/Post";
import { LookupProfile, ProfileScreen } from "./screens/Profile";
import { SearchScreen } from "./screens/Search";
import { SettingsScreen } from "./screens/Settings";
import { SignInScreen } from "./screens/SignIn";
import { NotFound } from "./screens/NotFound";
import { FavouritesScreen } from "./screens/Favourites";
import { ListScreen, ListsScreen } from "./screens/Lists";
import { ConversationScreen, MessagesScreen } from "./screens/Messages";
import { OfflineHome, OfflineNotice } from "./screens/OfflineHome";
import { RelationsScreen, type RelationKind } from "./screens/Relations";
import { isAdmin, loadInstance, me, refreshUnread, sessionChecked, signOut, signedIn, signedOut, toast, toasts, unread } from "./state";

interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  phone?: boolean;
  badge?: number;
}

function Screen({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (path === "/" || path === "/home") return <HomeScreen />;
  if (path === "/organization") return <OrganizationScreen />;
  if (path === "/notifications") return <NotificationsScreen />;
  if (path === "/messages") return <MessagesScreen />;
  if ((m = match("/messages/:id", path))) return <ConversationScreen id={m.id} />;
  if (path === "/people") return <PeopleScreen />;
  if (path === "/communities") return <CommunitiesScreen />;
  if (path === "/bookmarks") return <BookmarksScreen />;
  if (path === "/questions") return <QuestionsScreen />;
  if (path === "/blogs") return <BlogsScreen />;
  if (path === "/favourites") return <FavouritesScreen />;
  if (path === "/lists") return <ListsScreen />;
  if ((m = match("/lists/:id", path))) return <ListScreen id={m.id} tab="stream" />;
  if ((m = match("/lists/:id/people", path))) return <ListScreen id={m.id} tab="people" />;
  if (path === "/settings") return <SettingsScreen />;
  if (path === "/admin") return <AdminScreen />;
  if (path === "/admin/health") return <AdminHealthScreen />;
  if (path === "/admin/audit") return <AdminAuditScreen />;
  if (path === "/admin/compliance") return <AdminComplianceScreen />;
  if (path === "/admin/exports") return <AdminExportsScreen />;
  if (path === "/admin/reports") return <AdminReportsScreen />;
  if (path === "/admin/advice") return <AdminAdviceScreen />;
  if (path === "/admin/announcements") return <AdminAnnouncementsScreen />;
  if (path === "/admin/custom-emoji") return <AdminCustomEmojisScreen />;
  if (path === "/search") return <SearchScreen />;
  if ((m = match("/posts/:id", path))) return <PostScreen id={m.id} />;
  if ((m = match("/people/:id", path))) return <ProfileScreen id={m.id} />;
  if ((m = match("/people/:id/:kind", path)) && ["followers", "following", "connections"].includes(m.kind))
    return <RelationsScreen id={m.id} kind={m.kind as RelationKind} />;
  if ((m = match("/communities/:id", path))) return <CommunityScreen id={m.id} tab="stream" />;
  if ((m = match("/communities/:id/:tab", path))) return <CommunityScreen id={m.id} tab={m.tab} />;
  if ((m = match("/tags/:tag", path))) return <TagScreen tag={m.tag} />;
  // The server's own links: /@username and /@username/123.
  if ((m = match("/:handle", path)) && m.handle.startsWith("@")) return <LookupProfile acct={m.handle.slice(1)} />;
  if ((m = match("/:handle/:id", path)) && m.handle.startsWith("@")) return <PostScreen id={m.id} />;
  if ((m = match("/:handle/blog/:slug", path)) && m.handle.startsWith("@")) return <BlogScreen acct={m.handle.slice(1)} slug={m.slug} />;
  if ((m = match("/:handle/questions/:slug", path)) && m.handle.startsWith("@")) return <QuestionScreen slug={m.slug} />;
  return <NotFound />;
}

export function App() {
  const { path } = useLocation();
  const [offline, setOffline] = useState<HomeSnapshot | null>(null);

  useEffect(() => {
    loadInstance();
    api<Session>("/api/v1/atrium/session").then(
      (s) => {
        signedIn(s);
        sessionChecked.value = true;
      },
      (e) => {
        // The server cannot be reached: the last home page read here, if any.
        if (e instanceof ApiError && e.status === 0) setOffline(loadHomeSnapshot());
        sessionChecked.value = true;
      },
    );
    const onSignedOut = () => {
      if (me.value) toast("Your session has ended. Please sign in again.", "error");
      signedOut();
    };
    window.addEventListener("atrium:signed-out", onSignedOut);
    document.addEventListener("click", onLinkClick);
    return () => {
      window.removeEventListener("atrium:signed-out", onSignedOut);
      document.removeEventListener("click", onLinkClick);
    };
  }, []);

  const account = me.value;
  useEffect(() => {
    if (!account) {
      live.stop();
      return;
    }
    live.start();
    refreshUnread();
    const unsub = live.subscribe({ stream: "user" });
    const off = live.onEvent((e) => {
      if (e.stream[0] === "user" && e.event === "notification") unread.value = unread.value + 1;
    });
    const offReconnect = live.onReconnect(refreshUnread);
    return () => {
      unsub();
      off();
      offReconnect();
    };
  }, [account?.id]);

  // Focus the main heading after navigation, for screen readers and keyboards.
  useEffect(() => {
    const h = document.querySelector<HTMLElement>("main h1");
    if (h && document.activeElement === document.body) h.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);

  if (!sessionChecked.value) return <Spinner label="Starting Atrium…" />;
  if (!account) return offline ? <OfflineHome snapshot={offline} /> : <SignInScreen />;

  const items: NavItem[] = [
    { href: "/", label: "Home", icon: "home", phone: true },
    { href: "/organization", label: "Organization", icon: "globe" },
    { href: "/communities", label: "Communities", icon: "community", phone: true },
    { href: "/questions", label: "Questions", icon: "comment" },
    { href: "/blogs", label: "Blogs", icon: "edit" },
    { href: "/people", label: "People", icon: "people", phone: true },
    { href: "/notifications", label: "Notifications", icon: "bell", phone: true, badge: unread.value },
    { href: "/messages", label: "Messages", icon: "mail" },
    { href: "/bookmarks", label: "Bookmarks", icon: "bookmark" },
    { href: "/favourites", label: "Liked posts", icon: "heart" },
    { href: "/lists", label: "Lists", icon: "list" },
    { href: "/settings", label: "Settings", icon: "settings" },
  ];
  if (isAdmin(account)) items.push({ href: "/admin", label: "Admin", icon: "shield" });
  else if (account.role?.name === "moderator") items.push({ href: "/admin/reports", label: "Reports", icon: "flag" });
  const current = (href: string) => (href === "/" ? path === "/" || path === "/home" : path === href || path.startsWith(href + "/"));

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="rail" aria-label="Atrium">
        <a class="brand" href="/" aria-label="Atrium home">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <span>Atrium</span>
        </a>
        <SearchBox />
        <nav aria-label="Main">
          <ul class="nav">
            {items.map((i) => (
              <li key={i.href}>
                <a href={i.href} class={current(i.href) ? "active" : ""} aria-current={current(i.href) ? "page" : undefined}>
                  <span class="nav-icon">
                    <Icon name={i.icon} size={22} />
                    {!!i.badge && (
                      <span class="badge badge-icon" aria-hidden="true">
                        {i.badge > 99 ? "99+" : i.badge}
                      </span>
                    )}
                  </span>
                  <span class="nav-label">{i.label}</span>
                  {!!i.badge && (
                    <span class="nav-count" data-testid="unread-badge">
                      {i.badge > 99 ? "99+" : i.badge}
                      <span class="sr-only"> unread</span>
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="rail-me">
          <a href={`/people/${account.id}`} class="me-link">
            <Avatar account={account} size={36} />
            <span class="me-name">
              <strong>{displayName(account)}</strong>
              <span class="muted">@{account.acct}</span>
            </span>
          </a>
          <button type="button" class="icon-btn" onClick={signOut} aria-label="Sign out" title="Sign out">
            <Icon name="logout" />
          </button>
        </div>
      </header>
      <nav class="bottom-bar" aria-label="Main (compact)">
        {items
          .filter((i) => i.phone)
          .map((i) => (
            <a key={i.href} href={i.href} class={current(i.href) ? "active" : ""} aria-current={current(i.href) ? "page" : undefined}>
              <span class="nav-icon">
                <Icon name={i.icon} size={22} />
                {!!i.badge && <span class="badge" aria-hidden="true">{i.badge > 99 ? "99+" : i.badge}</span>}
              </span>
              <span class="bottom-label">{i.label}</span>
              {!!i.badge && <span class="sr-only">, {i.badge} unread</span>}
            </a>
          ))}
        <a href="/settings" class={current("/settings") ? "active" : ""} aria-current={current("/settings") ? "page" : undefined}>
          <span class="nav-icon">
            <Avatar account={account} size={24} />
          </span>
          <span class="bottom-label">Me</span>
        </a>
      </nav>
      <main id="main" class="main">
        <Screen path={path} />
      </main>
      <Shortcuts />
      <OfflineNotice />
      <div class="toasts" role="status" aria-live="polite">
        {toasts.value.map((t) => (
          <div key={t.id} class={`toast toast-${t.kind}`}>
            {t.text}
          </div>
        ))}
      </div>
    </div>
  );
}
