// Hash routes, so the server never needs a fallback route:
//   #/kbs                        knowledge bases
//   #/kb/<name>/documents        documents of a knowledge base (#/kb/<name> too)
//   #/kb/<name>/chat[/<id>]      chat, optionally reopening a conversation
//   #/kb/<name>/search           hit testing
//   #/kb/<name>/records[/<schema>] structured records of a schema, filters, counts by category, export
//   #/kb/<name>/brief            a cited brief on a topic
//   #/kb/<name>/members          who may use the knowledge base (owners and admins)
//   #/keys                       the signed-in user's API keys
//   #/admin/users                users and groups (admins)
//   #/admin/audit                the audit log (admins)

export type RouteName = "kbs" | "documents" | "chat" | "search" | "records" | "brief" | "members" | "keys" | "users" | "audit";

/** The routes of one knowledge base (the others are global). */
export type KbRouteName = "documents" | "chat" | "search" | "records" | "brief" | "members";

const globalRoutes: Partial<Record<RouteName, string>> = { kbs: "#/kbs", keys: "#/keys", users: "#/admin/users", audit: "#/admin/audit" };

export interface Route {
  name: RouteName;
  kb?: string;
  conversationId?: string;
  schema?: string;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/^\/+/, "").replace(/\/+$/, "");
  const parts = path === "" ? [] : path.split("/").map(decode);
  if (parts[0] === "kb" && parts[1]) {
    const kb = parts[1];
    switch (parts[2]) {
      case undefined:
      case "documents":
        return { name: "documents", kb };
      case "chat":
        return parts[3] ? { name: "chat", kb, conversationId: parts[3] } : { name: "chat", kb };
      case "search":
        return { name: "search", kb };
      case "records":
        return parts[3] ? { name: "records", kb, schema: parts[3] } : { name: "records", kb };
      case "brief":
        return { name: "brief", kb };
      case "members":
        return { name: "members", kb };
      default:
        return { name: "documents", kb };
    }
  }
  if (parts[0] === "keys") return { name: "keys" };
  if (parts[0] === "admin" && parts[1] === "users") return { name: "users" };
  if (parts[0] === "admin" && parts[1] === "audit") return { name: "audit" };
  return { name: "kbs" };
}

export function isKbRoute(route: Route): route is Route & { name: KbRouteName; kb: string } {
  return route.kb !== undefined && globalRoutes[route.name] === undefined;
}

export function hrefOf(route: Route): string {
  const global = globalRoutes[route.name];
  if (global) return global;
  if (!route.kb) return "#/kbs";
  const base = `#/kb/${encodeURIComponent(route.kb)}/${route.name}`;
  if (route.name === "chat" && route.conversationId) return `${base}/${encodeURIComponent(route.conversationId)}`;
  if (route.name === "records" && route.schema) return `${base}/${encodeURIComponent(route.schema)}`;
  return base;
}

export function currentRoute(): Route {
  return parseHash(location.hash);
}

/** Goes to a route (fires hashchange). */
export function navigate(route: Route): void {
  const href = hrefOf(route);
  if (location.hash === href) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = href;
}

/** Changes the address without a hashchange (the page already shows that state). */
export function replaceRoute(route: Route): void {
  const href = hrefOf(route);
  if (location.hash !== href) history.replaceState(history.state, "", href);
}
