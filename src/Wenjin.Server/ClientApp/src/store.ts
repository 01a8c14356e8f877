// The list of knowledge bases shared by the sidebar and the pages, and the one last worked with.

import { api, type KnowledgeBase } from "./api.js";
import { toastError } from "./ui.js";

let list: KnowledgeBase[] = [];
let loaded = false;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();
const rememberKey = "wenjin.kb";

function notify(): void {
  for (const listener of listeners) listener();
}

export const kbStore = {
  get list(): readonly KnowledgeBase[] {
    return list;
  },
  get loaded(): boolean {
    return loaded;
  },
  find(name: string): KnowledgeBase | undefined {
    return list.find((kb) => kb.name === name);
  },
  /** Reloads the list (calls made while one runs queue up, so a reload after a change sees it); errors are
   *  toasted, or rethrown when `rethrow`. */
  refresh(rethrow = false): Promise<void> {
    const run = async () => {
      try {
        list = await api.listKbs();
        loaded = true;
        notify();
      } catch (error) {
        loaded = true;
        notify();
        if (rethrow) throw error;
        toastError(error);
      }
    };
    const next = (loading ?? Promise.resolve()).then(run, run);
    loading = next;
    const settle = () => {
      if (loading === next) loading = null;
    };
    next.then(settle, settle);
    return next;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function rememberKb(name: string | null): void {
  try {
    if (name) localStorage.setItem(rememberKey, name);
    else localStorage.removeItem(rememberKey);
  } catch {
    // Not remembered; harmless.
  }
}

export function rememberedKb(): string | null {
  try {
    return localStorage.getItem(rememberKey);
  } catch {
    return null;
  }
}
