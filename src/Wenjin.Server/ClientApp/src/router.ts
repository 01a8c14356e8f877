// Hash routes, so the server never needs a fallback route:
//   #/kbs                        knowledge bases
//   #/kb/<name>/documents        documents of a knowledge base (#/kb/<name> too)
//   #/kb/<name>/chat[/<id>]      chat, optionally reopening a conversation
//   #/kb/<name>/search           hit testing
//   #/kb/<name>/records[/<schema>] structured records of a schema, filters, counts by category, export
//   #/kb/<name>/brief            a cited brief on a topic

export type RouteName = "kbs" | "documents" | "chat" | "search" | "records" | "brief";

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
      default:
        return { name: "documents", kb };
    }
  }
  return { name: "kbs" };
}

export function hrefOf(route: Route): string {
  if (route.name === "kbs" || !route.kb) return "#/kbs";
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
