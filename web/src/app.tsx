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
import { t } from "./i18n";
import { formatNumber } from "./i18n/format";
import { isAdmin, loadInstance, me, refreshUnread, sessionChecked, signOut, signedIn, signedOut, toast, toasts, unread } from "./state";

/** The product's name, the same in every language. */
const PRODUCT = "Atrium";

interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  phone?: boolean;
  badge?: number;
}

/** An unread count for a badge, in the reader's language; "99+" beyond 99. */
function badgeText(n: number): string {
  return n > 99 ? t("app.badgeMany", { max: formatNumber(99) }) : formatNumber(n);
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
      if (me.value) toast(t("app.sessionEnded"), "error");
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

  if (!sessionChecked.value) return <Spinner label={t("app.starting")} />;
  if (!account) return offline ? <OfflineHome snapshot={offline} /> : <SignInScreen />;

  const items: NavItem[] = [
    { href: "/", label: t("app.nav.home"), icon: "home", phone: true },
    { href: "/organization", label: t("app.nav.organization"), icon: "globe" },
    { href: "/communities", label: t("app.nav.communities"), icon: "community", phone: true },
    { href: "/questions", label: t("app.nav.questions"), icon: "comment" },
    { href: "/blogs", label: t("app.nav.blogs"), icon: "edit" },
    { href: "/people", label: t("app.nav.people"), icon: "people", phone: true },
    { href: "/notifications", label: t("app.nav.notifications"), icon: "bell", phone: true, badge: unread.value },
    { href: "/messages", label: t("app.nav.messages"), icon: "mail" },
    { href: "/bookmarks", label: t("app.nav.bookmarks"), icon: "bookmark" },
    { href: "/favourites", label: t("app.nav.favourites"), icon: "heart" },
    { href: "/lists", label: t("app.nav.lists"), icon: "list" },
    { href: "/settings", label: t("app.nav.settings"), icon: "settings" },
  ];
  if (isAdmin(account)) items.push({ href: "/admin", label: t("app.nav.admin"), icon: "shield" });
  else if (account.role?.name === "moderator") items.push({ href: "/admin/reports", label: t("app.nav.reports"), icon: "flag" });
  const current = (href: string) => (href === "/" ? path === "/" || path === "/home" : path === href || path.startsWith(href + "/"));

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header class="rail" aria-label={PRODUCT}>
        <a class="brand" href="/" aria-label={t("app.brandHome")}>
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <span>{PRODUCT}</span>
        </a>
        <SearchBox />
        <nav aria-label={t("app.mainNav")}>
          <ul class="nav">
            {items.map((i) => (
              <li key={i.href}>
                <a href={i.href} class={current(i.href) ? "active" : ""} aria-current={current(i.href) ? "page" : undefined}>
                  <span class="nav-icon">
                    <Icon name={i.icon} size={22} />
                    {!!i.badge && (
                      <span class="badge badge-icon" aria-hidden="true">
                        {badgeText(i.badge)}
                      </span>
                    )}
                  </span>
                  <span class="nav-label">{i.label}</span>
                  {!!i.badge && (
                    <span class="nav-count" data-testid="unread-badge">
                      {badgeText(i.badge)}
                      <span class="sr-only">{t("app.unreadSuffix")}</span>
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
              <bdi class="muted">@{account.acct}</bdi>
            </span>
          </a>
          <button type="button" class="icon-btn" onClick={signOut} aria-label={t("app.signOut")} title={t("app.signOut")}>
            <Icon name="logout" />
          </button>
        </div>
      </header>
      <nav class="bottom-bar" aria-label={t("app.compactNav")}>
        {items
          .filter((i) => i.phone)
          .map((i) => (
            <a key={i.href} href={i.href} class={current(i.href) ? "active" : ""} aria-current={current(i.href) ? "page" : undefined}>
              <span class="nav-icon">
                <Icon name={i.icon} size={22} />
                {!!i.badge && <span class="badge" aria-hidden="true">{badgeText(i.badge)}</span>}
              </span>
              <span class="bottom-label">{i.label}</span>
              {!!i.badge && <span class="sr-only">{t("app.unreadCount", { count: i.badge })}</span>}
            </a>
          ))}
        <a href="/settings" class={current("/settings") ? "active" : ""} aria-current={current("/settings") ? "page" : undefined}>
          <span class="nav-icon">
            <Avatar account={account} size={24} />
          </span>
          <span class="bottom-label">{t("app.me")}</span>
        </a>
      </nav>
      <main id="main" class="main">
        <Screen path={path} />
      </main>
      <Shortcuts />
      <OfflineNotice />
      <div class="toasts" role="status" aria-live="polite">
        {toasts.value.map((item) => (
          <div key={item.id} class={`toast toast-${item.kind}`}>
            {item.text}
          </div>
        ))}
      </div>
    </div>
  );
}
