// The shell: header (with the signed-in user's menu), sidebar with the knowledge bases, main panel; hash routing;
// language switch. Who is signed in (GET /api/auth/me) is known before the first page is shown.

import { accountMenu } from "./account.js";
import { errorMessage, setUnauthorizedHandler } from "./api.js";
import { h } from "./dom.js";
import { applyLangToDocument, getLang, setLang, t } from "./i18n.js";
import { icon } from "./icons.js";
import type { Page } from "./page.js";
import { chatPage } from "./pages/chat.js";
import { documentsPage } from "./pages/documents.js";
import { auditPage } from "./pages/audit.js";
import { briefPage } from "./pages/brief.js";
import { kbsPage } from "./pages/kbs.js";
import { keysPage } from "./pages/keys.js";
import { membersPage } from "./pages/members.js";
import { recordsPage } from "./pages/records.js";
import { searchPage } from "./pages/search.js";
import { usersPage } from "./pages/users.js";
import { currentRoute, hrefOf, isKbRoute, type Route } from "./router.js";
import { session } from "./session.js";
import { kbStore, rememberKb, rememberedKb } from "./store.js";
import { emptyState, errorState, loginDialog, spinner, toast } from "./ui.js";
import { closeViewer, rerenderViewer } from "./viewer.js";

let route: Route = currentRoute();
let page: Page | null = null;
let header: HTMLElement;
let sidebar: HTMLElement;
let main: HTMLElement;
/** Set once /api/auth/me answered: pages are only shown when it is known what the caller may do. */
let started = false;

/** The knowledge base the sidebar's sub-navigation points at: the route's, else the last used, else the first. */
function currentKb(): string | null {
  if (!started) return null;
  if (route.kb) return route.kb;
  const remembered = rememberedKb();
  const list = kbStore.list;
  if (remembered && (!kbStore.loaded || list.some((kb) => kb.name === remembered))) return remembered;
  return list[0]?.name ?? null;
}

function renderHeader(): void {
  const toggle = h("button", {
    class: "lang-toggle", type: "button", "data-testid": "lang-toggle", title: t("app.langToggleTitle"),
    "data-lang": getLang(),
    onclick: () => {
      setLang(getLang() === "zh" ? "en" : "zh");
      rerenderAll();
    },
  }, icon("globe"), t("app.langToggle"));
  header.replaceChildren(
    h("a", { class: "brand", href: "#/kbs", "aria-label": `${t("app.name")} ${t("app.nameLatin")}` },
      h("img", { class: "brand-logo", src: "/favicon.svg", alt: "", width: "28", height: "28" }),
      h("span", { class: "brand-name" }, t("app.name")),
      h("span", { class: "brand-latin" }, t("app.nameLatin"))),
    h("span", { class: "brand-tagline" }, t("app.tagline")),
    h("span", { class: "spacer" }),
    h("a", { class: "header-link", href: "/api-docs", target: "_blank", rel: "noopener", "data-testid": "api-docs-link" }, icon("book"), t("app.apiDocs")),
    toggle,
    accountMenu() ?? "");
}

function renderSidebar(): void {
  const kbName = currentKb();
  const names = kbStore.list.map((kb) => kb.name);
  if (kbName && !names.includes(kbName)) names.unshift(kbName);

  const navLink = (testid: string, target: Route, label: string, iconName: Parameters<typeof icon>[0], active: boolean) =>
    h("a", { class: active ? "nav-link active" : "nav-link", href: hrefOf(target), "data-testid": testid, "aria-current": active ? "page" : null },
      icon(iconName), h("span", null, label));

  const items = names.map((name) => {
    const info = kbStore.find(name);
    const selected = name === kbName;
    const entry = h("li", { class: selected ? "kb-item selected" : "kb-item" },
      h("a", { class: "kb-link", href: hrefOf({ name: "documents", kb: name }), title: info?.description || name, "data-kb": name, "data-testid": "kb-link" },
        h("span", { class: "kb-dot", "aria-hidden": "true" }, Array.from(name)[0]?.toUpperCase() ?? "?"),
        h("span", { class: "kb-link-name" }, name),
        info && info.documentCount !== undefined ? h("span", { class: "kb-link-count" }, String(info.documentCount)) : null));
    if (selected) {
      const onKbPage = route.kb === name;
      entry.append(h("div", { class: "kb-sub" },
        navLink("nav-documents", { name: "documents", kb: name }, t("nav.documents"), "file", onKbPage && route.name === "documents"),
        navLink("nav-chat", { name: "chat", kb: name }, t("nav.chat"), "chat", onKbPage && route.name === "chat"),
        navLink("nav-search", { name: "search", kb: name }, t("nav.search"), "target", onKbPage && route.name === "search"),
        navLink("nav-records", { name: "records", kb: name }, t("nav.records"), "table", onKbPage && route.name === "records"),
        navLink("nav-brief", { name: "brief", kb: name }, t("nav.brief"), "quote", onKbPage && route.name === "brief"),
        session.accounts && session.isOwner(name)
          ? navLink("nav-members", { name: "members", kb: name }, t("nav.members"), "users", onKbPage && route.name === "members")
          : null));
    }
    return entry;
  });

  sidebar.replaceChildren(
    h("nav", { class: "side-nav", "aria-label": t("nav.kbs") },
      navLink("nav-kbs", { name: "kbs" }, t("nav.kbs"), "database", route.name === "kbs"),
      h("div", { class: "side-section" }, t("nav.myKbs")),
      items.length > 0
        ? h("ul", { class: "kb-list" }, items)
        : h("p", { class: "side-empty" }, kbStore.loaded ? t("nav.noKbs") : t("app.loading"))),
    h("div", { class: "side-foot" }, t("app.footer")));
}

/** A page that only says something (no access, no accounts on this server). */
function notePage(iconName: Parameters<typeof icon>[0], key: Parameters<typeof t>[0]): Page {
  const root = h("div", { class: "page" });
  const render = () => root.replaceChildren(emptyState(iconName, t(key)));
  render();
  return { root, render, dispose() {} };
}

function createPage(r: Route): Page {
  switch (r.name) {
    case "keys":
      return session.accounts ? keysPage() : notePage("key", "account.unavailable");
    case "users":
      return !session.accounts ? notePage("users", "account.unavailable") : session.isAdmin ? usersPage() : notePage("shield", "account.forbidden");
    case "audit":
      return !session.accounts ? notePage("list", "account.unavailable") : session.isAdmin ? auditPage() : notePage("shield", "account.forbidden");
    default:
      break;
  }
  if (!isKbRoute(r)) return kbsPage();
  switch (r.name) {
    case "documents":
      return documentsPage(r.kb);
    case "chat":
      return chatPage(r.kb, r);
    case "search":
      return searchPage(r.kb);
    case "records":
      return recordsPage(r.kb, r);
    case "brief":
      return briefPage(r.kb);
    case "members":
      return session.accounts ? membersPage(r.kb) : notePage("users", "account.unavailable");
  }
}

function onRoute(): void {
  if (!started) return;
  const next = currentRoute();
  const same = page && next.name === route.name && next.kb === route.kb;
  route = next;
  if (route.kb) rememberKb(route.kb);
  renderSidebar();
  if (same && page?.update?.(next)) return;
  closeViewer();
  page?.dispose();
  page = createPage(route);
  main.replaceChildren(page.root);
  main.scrollTop = 0;
}

function rerenderAll(): void {
  renderHeader();
  renderSidebar();
  page?.render();
  rerenderViewer();
}

function boot(): void {
  applyLangToDocument();
  header = h("header", { class: "topbar" });
  sidebar = h("aside", { class: "sidebar" });
  main = h("main", { class: "main", id: "main" });
  const app = document.getElementById("app") ?? document.body.appendChild(h("div", { id: "app" }));
  app.replaceChildren(h("div", { class: "shell" }, header, h("div", { class: "shell-body" }, sidebar, main)));
  renderHeader();
  renderSidebar();

  // A 401 asks for a sign-in once; the calls waiting on it are retried by api.ts.
  setUnauthorizedHandler(async () => {
    const ok = await loginDialog();
    if (ok) void kbStore.refresh();
    return ok;
  });
  kbStore.subscribe(renderSidebar);
  // A new sign-in, a knowledge base created or a grant changed: show what the caller may do now.
  session.subscribe(() => {
    renderHeader();
    renderSidebar();
    if (started) page?.render();
  });
  window.addEventListener("hashchange", onRoute);
  window.addEventListener("unhandledrejection", (event) => {
    const reason: unknown = event.reason;
    toast(t("error.unexpected", { message: reason instanceof Error ? reason.message : String(reason) }));
  });
  window.addEventListener("error", (event) => {
    if (event.message) toast(t("error.unexpected", { message: event.message }));
  });
  void start();
}

/** Asks the server who is signed in (signing in first when nobody is), then shows the route. */
async function start(): Promise<void> {
  main.replaceChildren(spinner(t("app.loading")));
  let signedIn: boolean;
  try {
    signedIn = await session.refresh();
  } catch (error) {
    main.replaceChildren(h("div", { class: "page" }, errorState(errorMessage(error), () => void start())));
    return;
  }
  if (!signedIn) {
    if (await loginDialog()) {
      void start();
    } else {
      main.replaceChildren(h("div", { class: "page" }, emptyState("lock", t("login.required"),
        h("button", { class: "btn btn-primary", type: "button", "data-testid": "sign-in", onclick: () => void start() }, t("login.signIn")))));
    }
    return;
  }
  started = true;
  onRoute();
  void kbStore.refresh();
}

boot();
