// Who is signed in (GET /api/auth/me) and what they may do in each knowledge base, so the UI shows only what the
// server would allow. The server still checks every call; this only hides controls that would fail.

import { ApiError, api, type KbRole, type SessionInfo, type SessionKb } from "./api.js";

let info: SessionInfo | null = null;
const listeners = new Set<() => void>();
const rank: Record<KbRole, number> = { viewer: 1, editor: 2, owner: 3 };

function notify(): void {
  for (const listener of listeners) listener();
}

export const session = {
  get info(): SessionInfo | null {
    return info;
  },
  get loaded(): boolean {
    return info !== null;
  },
  /** Whether the server has accounts (false: everyone may do everything and no account UI is shown). */
  get accounts(): boolean {
    return info?.accounts ?? false;
  },
  get user(): string | null {
    return info?.user ?? null;
  },
  get isAdmin(): boolean {
    return info?.role === "admin";
  },
  /** Loads /api/auth/me; resolves false when not signed in (401), rethrows other errors. */
  async refresh(): Promise<boolean> {
    try {
      info = await api.me();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        info = null;
        notify();
        return false;
      }
      throw error;
    }
    notify();
    return true;
  },
  /** Takes the answer of a sign-in. */
  set(next: SessionInfo): void {
    info = next;
    notify();
  },
  clear(): void {
    info = null;
    notify();
  },
  access(kb: string): SessionKb | null {
    if (!info) return null;
    return info.kbs.find((k) => k.kb === kb) ?? null;
  },
  /** The caller's role in a knowledge base: null when it is not theirs (or not known yet). */
  roleOf(kb: string): KbRole | null {
    if (info && !info.accounts) return "owner";
    return this.access(kb)?.role ?? null;
  },
  allows(kb: string, needed: KbRole): boolean {
    const role = this.roleOf(kb);
    return role !== null && rank[role] >= rank[needed];
  },
  /** Upload, delete documents, run extractions. */
  mayEdit(kb: string): boolean {
    return this.allows(kb, "editor");
  },
  /** Members, delete the knowledge base. */
  isOwner(kb: string): boolean {
    return this.allows(kb, "owner");
  },
  mayDownload(kb: string): boolean {
    if (info && !info.accounts) return true;
    return this.access(kb)?.mayDownload ?? false;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
