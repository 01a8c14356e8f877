// The HTTP API (docs/http-api.md): shapes, JSON calls, uploads with progress and the streamed answer.

import { locale, t } from "./i18n.js";
import { SseParser } from "./sse.js";

// ---- Shapes ---------------------------------------------------------------------------------------------------

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  kind?: string;
  stage?: string;
}

export interface KnowledgeBase {
  name: string;
  description?: string | null;
  analyzer?: { name: string; version: number | string } | null;
  createdAt?: string;
  documentCount?: number;
  chunkCount?: number;
}

export type DocumentStatus = "queued" | "parsing" | "indexing" | "indexed" | "failed" | "pending";

export interface DocumentInfo {
  id: string;
  sourceId: string;
  title?: string | null;
  format?: string | null;
  status: DocumentStatus;
  error?: string | null;
  errorStage?: string | null;
  bytes?: number;
  characters?: number;
  chunks?: number;
  pages?: number | null;
  updatedAt?: string;
  url?: string | null;
}

/** GET /api/kbs/{kb}/embeddings: how far the chunk vectors are (no configuredModel: no embedding model). */
export interface EmbeddingStatus {
  configuredModel?: string | null;
  model?: string | null;
  dimensions: number;
  embedded: number;
  chunks: number;
  pending: number;
  stale: boolean;
  lastError?: string | null;
}

export interface AcceptedUpload {
  id: string;
  sourceId: string;
  fileName: string;
  status: DocumentStatus;
  statusUrl?: string;
}

export interface ChunkSpan {
  id: string;
  ordinal: number;
  start: number;
  end: number;
  page?: number | null;
  headingPath?: string[];
}

export interface DocumentContent {
  document: DocumentInfo;
  text: string;
  chunks: ChunkSpan[];
  pageStarts: number[];
}

export interface Explanation {
  value: number;
  description: string;
  details?: Explanation[];
}

export interface SearchHit {
  rank: number;
  score: number;
  docId: string;
  sourceId: string;
  title?: string | null;
  chunkId: string;
  text: string;
  page?: number | null;
  start: number;
  end: number;
  headingPath?: string[];
  explanation?: Explanation;
}

export interface SearchResult {
  query: string;
  tookMs: number;
  hits: SearchHit[];
}

export interface Citation {
  index: number;
  docId: string;
  sourceId: string;
  title?: string | null;
  page?: number | null;
  quote: string;
  start: number;
  end: number;
}

export interface AskResult {
  question: string;
  answer: string;
  refused: boolean;
  tookMs?: number;
  citations: Citation[];
  reason?: string | null;
  confidence?: number;
  conversationId?: string | null;
  resolvedQuestion?: string | null;
  verification?: Verification | null;
  modelError?: string | null;
}

/** How a generated answer was checked: sentences kept because a cited passage supports them, and those dropped. */
export interface Verification {
  sentences: number;
  kept: number;
  dropped: { sentence: string; reason: string; detail: string }[];
  marked?: boolean;
}

export interface ConversationSummary {
  id: string;
  title: string;
  turnCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationTurn {
  question: string;
  resolvedQuestion?: string | null;
  answer: string;
  refused: boolean;
  citations: Citation[];
  createdAt?: string;
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  turns: ConversationTurn[];
}

// ---- Structured extraction and briefs ---------------------------------------------------------------------

export type FieldKind = "string" | "number" | "integer" | "date" | "url" | "enum" | "object" | "list";

export interface SchemaField {
  name: string;
  kind: FieldKind;
  required: boolean;
  description?: string | null;
  enumValues?: string[];
  /** The taxonomy facet of an enum (行业, AI技术, …): records can be counted by its categories. */
  facet?: string | null;
  unit?: string | null;
  items?: SchemaField | null;
  properties?: SchemaField[];
}

export interface Schema {
  name: string;
  title: string;
  description?: string | null;
  builtIn: boolean;
  fields: SchemaField[];
}

/** A span of the document's extracted text: quote === text.slice(start, end). */
export interface Evidence {
  quote: string;
  page?: number | null;
  start: number;
  end: number;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface FieldValue {
  value: JsonValue;
  evidence: Evidence[];
}

export interface DroppedValue {
  field: string;
  value: string;
  reason: string;
  detail?: string | null;
}

/** A record in the CONTRACTS.md shape. */
export interface ExtractedRecord {
  schema: string;
  docId: string;
  sourceId: string;
  fields: Record<string, FieldValue>;
  dropped: DroppedValue[];
  missing?: string[];
}

export interface RecordEntry {
  docId: string;
  sourceId: string;
  title?: string | null;
  method: string;
  modelError?: string | null;
  extractedAt: string;
  record: ExtractedRecord;
}

export interface ExtractionResult {
  schema: string;
  records: RecordEntry[];
  errors: { docId: string; sourceId: string; error: string }[];
}

export interface BriefSentence {
  text: string;
  citations: number[];
}

export interface Brief {
  topic: string;
  sections: { heading: string; sentences: BriefSentence[] }[];
  citations: Citation[];
  method: string;
  tookMs: number;
  note?: string | null;
  verification?: Verification | null;
  modelError?: string | null;
}

// ---- Accounts ---------------------------------------------------------------------------------------------------

export type SystemRole = "admin" | "member";
export type KbRole = "owner" | "editor" | "viewer";

export interface SessionKb {
  kb: string;
  role: KbRole;
  mayDownload: boolean;
}

/** GET /api/auth/me: who is signed in and what they reach; accounts false: the server runs without accounts. */
export interface SessionInfo {
  user: string;
  role: SystemRole;
  accounts: boolean;
  kbs: SessionKb[];
  key?: ApiKeyInfo | null;
}

export interface UserAccount {
  id: number;
  name: string;
  role: SystemRole;
  createdAt: string;
  disabled?: boolean;
}

export interface UserGroup {
  id: number;
  name: string;
  members: string[];
}

export type PrincipalKind = "user" | "group";

export interface KbGrant {
  kb: string;
  kind: PrincipalKind;
  principal: string;
  role: KbRole;
  mayDownload: boolean;
}

export interface ApiKeyInfo {
  id: number;
  user: string;
  name: string;
  prefix: string;
  createdAt: string;
  kbs?: string[] | null;
  readOnly?: boolean;
  expiresAt?: string | null;
  revokedAt?: string | null;
  lastUsedAt?: string | null;
}

export interface CreatedApiKey {
  key: string;
  info: ApiKeyInfo;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  key?: string | null;
  kb?: string | null;
  docId?: string | null;
  detail?: string | null;
  remote?: string | null;
  status: number;
}

export interface AuditFilter {
  before?: number | null;
  limit?: number;
  actor?: string;
  kb?: string;
  action?: string;
}

/** The uploaded file of a document (a plain link: the browser downloads it; 403 without mayDownload). */
export function originalUrl(kb: string, docId: string): string {
  return `/api/kbs/${encodeURIComponent(kb)}/documents/${encodeURIComponent(docId)}/original`;
}

/** The export endpoint of a schema's records (a plain link: the browser downloads the file). */
export function exportUrl(kb: string, schema: string, format: "csv" | "xlsx"): string {
  return `/api/kbs/${encodeURIComponent(kb)}/records/export?schema=${encodeURIComponent(schema)}&format=${format}`;
}

// ---- Errors ---------------------------------------------------------------------------------------------------

/** An API failure carrying its problem details; `message` is the detail to show. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail || problem.title || (status ? t("error.http", { status }) : t("error.network")));
    this.name = "ApiError";
  }

  get kind(): string | undefined {
    return this.problem.kind;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** The text to show for any error. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return t("error.unexpected", { message: error.message });
  return t("error.unexpected", { message: String(error) });
}

function networkError(): ApiError {
  return new ApiError(0, { detail: t("error.network") });
}

function parseProblem(status: number, statusText: string, body: string): Problem {
  if (body) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === "object") {
        const problem = parsed as Problem;
        return { ...problem, status: problem.status ?? status };
      }
    } catch {
      // Not JSON: a proxy's or the host's plain error page.
    }
  }
  const plain = body && body.length < 300 && !body.trimStart().startsWith("<") ? body.trim() : "";
  return { status, title: statusText || t("error.http", { status }), detail: plain || t("error.http", { status }) };
}

async function problemFrom(response: Response): Promise<ApiError> {
  let body = "";
  try {
    body = await response.text();
  } catch {
    // The body could not be read; the status still says enough.
  }
  return new ApiError(response.status, parseProblem(response.status, response.statusText, body));
}

// ---- Sign-in hook ---------------------------------------------------------------------------------------------

type UnauthorizedHandler = () => Promise<boolean>;
let onUnauthorized: UnauthorizedHandler | null = null;

/** When the server answers 401, this is asked to sign in; true means "try again". */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

// ---- JSON calls -----------------------------------------------------------------------------------------------

const enc = encodeURIComponent;

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": locale() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
  if (response.status === 401 && !retried && onUnauthorized && !path.startsWith("/api/auth/")) {
    if (await onUnauthorized()) return request<T>(method, path, body, true);
  }
  if (!response.ok) throw await problemFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  listKbs: () => request<KnowledgeBase[]>("GET", "/api/kbs"),
  getKb: (kb: string) => request<KnowledgeBase>("GET", `/api/kbs/${enc(kb)}`),
  createKb: (name: string, description: string | null) =>
    request<KnowledgeBase>("POST", "/api/kbs", description ? { name, description } : { name }),
  deleteKb: (kb: string) => request<void>("DELETE", `/api/kbs/${enc(kb)}`),

  listDocuments: (kb: string) => request<DocumentInfo[]>("GET", `/api/kbs/${enc(kb)}/documents`),
  embeddingStatus: (kb: string) => request<EmbeddingStatus>("GET", `/api/kbs/${enc(kb)}/embeddings`),
  deleteDocument: (kb: string, id: string) => request<void>("DELETE", `/api/kbs/${enc(kb)}/documents/${enc(id)}`),
  documentContent: (kb: string, id: string) =>
    request<DocumentContent>("GET", `/api/kbs/${enc(kb)}/documents/${enc(id)}/content`),

  search: (kb: string, query: string, top: number, explain: boolean) =>
    request<SearchResult>("POST", `/api/kbs/${enc(kb)}/search`, { query, top, explain }),

  listConversations: (kb: string) => request<ConversationSummary[]>("GET", `/api/kbs/${enc(kb)}/conversations`),
  getConversation: (kb: string, id: string) =>
    request<Conversation>("GET", `/api/kbs/${enc(kb)}/conversations/${enc(id)}`),
  deleteConversation: (kb: string, id: string) =>
    request<void>("DELETE", `/api/kbs/${enc(kb)}/conversations/${enc(id)}`),

  listSchemas: () => request<Schema[]>("GET", "/api/schemas"),
  listRecords: (kb: string, schema: string) =>
    request<RecordEntry[]>("GET", `/api/kbs/${enc(kb)}/records?schema=${enc(schema)}`),
  extract: (kb: string, schema: string) =>
    request<ExtractionResult>("POST", `/api/kbs/${enc(kb)}/extractions`, { schema }),
  brief: (kb: string, topic: string, maxSentences: number) =>
    request<Brief>("POST", `/api/kbs/${enc(kb)}/brief`, { topic, maxSentences }),

  login: (user: string, password: string) => request<SessionInfo>("POST", "/api/auth/login", { user, password }),
  logout: () => request<void>("POST", "/api/auth/logout"),
  me: () => request<SessionInfo>("GET", "/api/auth/me"),
  changePassword: (current: string, next: string) => request<void>("POST", "/api/auth/password", { current, new: next }),

  listUsers: () => request<UserAccount[]>("GET", "/api/users"),
  createUser: (user: string, password: string, role: SystemRole) => request<UserAccount>("POST", "/api/users", { user, password, role }),
  updateUser: (user: string, change: { role?: SystemRole; password?: string; disabled?: boolean }) =>
    request<UserAccount>("PATCH", `/api/users/${enc(user)}`, change),
  deleteUser: (user: string) => request<void>("DELETE", `/api/users/${enc(user)}`),

  listGroups: () => request<UserGroup[]>("GET", "/api/groups"),
  createGroup: (name: string) => request<UserGroup>("POST", "/api/groups", { name }),
  deleteGroup: (name: string) => request<void>("DELETE", `/api/groups/${enc(name)}`),
  addGroupMember: (group: string, user: string) => request<UserGroup>("POST", `/api/groups/${enc(group)}/members`, { user }),
  removeGroupMember: (group: string, user: string) => request<void>("DELETE", `/api/groups/${enc(group)}/members/${enc(user)}`),

  listMembers: (kb: string) => request<KbGrant[]>("GET", `/api/kbs/${enc(kb)}/members`),
  grant: (kb: string, kind: PrincipalKind, principal: string, role: KbRole, mayDownload: boolean) =>
    request<KbGrant>("POST", `/api/kbs/${enc(kb)}/members`, kind === "user" ? { user: principal, role, mayDownload } : { group: principal, role, mayDownload }),
  revoke: (kb: string, kind: PrincipalKind, principal: string) =>
    request<void>("DELETE", `/api/kbs/${enc(kb)}/members/${enc(kind)}/${enc(principal)}`),

  listKeys: () => request<ApiKeyInfo[]>("GET", "/api/keys"),
  createKey: (name: string, kbs: string[] | null, readOnly: boolean, expiresInDays: number | null) => {
    const body: Record<string, unknown> = { name, readOnly };
    if (kbs && kbs.length > 0) body.kbs = kbs;
    if (expiresInDays !== null) body.expiresInDays = expiresInDays;
    return request<CreatedApiKey>("POST", "/api/keys", body);
  },
  revokeKey: (id: number) => request<void>("DELETE", `/api/keys/${id}`),

  audit: (filter: AuditFilter) => {
    const query = new URLSearchParams();
    if (filter.before !== undefined && filter.before !== null) query.set("before", String(filter.before));
    if (filter.limit) query.set("limit", String(filter.limit));
    if (filter.actor) query.set("actor", filter.actor);
    if (filter.kb) query.set("kb", filter.kb);
    if (filter.action) query.set("action", filter.action);
    const qs = query.toString();
    return request<AuditEntry[]>("GET", qs ? `/api/audit?${qs}` : "/api/audit");
  },
};

// ---- Upload with progress -------------------------------------------------------------------------------------

export interface UploadHandle {
  promise: Promise<AcceptedUpload>;
  abort(): void;
}

/** Uploads one file as a multipart part named "file"; onProgress gets 0..1 while the bytes go out. */
export function uploadFile(kb: string, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<AcceptedUpload>((resolve, reject) => {
    xhr.open("POST", `/api/kbs/${enc(kb)}/documents`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", locale());
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          const body = JSON.parse(xhr.responseText) as { documents?: AcceptedUpload[] };
          const accepted = body.documents?.[0];
          if (accepted) resolve(accepted);
          else reject(new ApiError(xhr.status, { detail: t("error.http", { status: xhr.status }) }));
        } catch {
          reject(new ApiError(xhr.status, { detail: t("error.http", { status: xhr.status }) }));
        }
      } else {
        reject(new ApiError(xhr.status, parseProblem(xhr.status, xhr.statusText, xhr.responseText)));
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

// ---- Streamed answer ------------------------------------------------------------------------------------------

export interface AskHandlers {
  meta(meta: { conversationId?: string | null; resolvedQuestion?: string | null }): void;
  delta(text: string): void;
  citations(citations: Citation[]): void;
  done(result: AskResult): void;
  error(problem: Problem): void;
}

/**
 * POST /api/kbs/{kb}/ask with Accept: text/event-stream, parsing the events from response.body. Resolves when the
 * stream ends (after done or error, or early when the connection closes); rejects with ApiError when the request
 * itself fails. A server that answers with plain JSON instead is handled too.
 */
export async function askStream(kb: string, question: string, conversationId: string | null,
  handlers: AskHandlers, signal: AbortSignal): Promise<void> {
  const body: Record<string, string> = { question };
  if (conversationId) body.conversationId = conversationId;
  const init: RequestInit = {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream", "Accept-Language": locale() },
    body: JSON.stringify(body),
    credentials: "same-origin",
    signal,
  };
  let response: Response;
  try {
    response = await fetch(`/api/kbs/${enc(kb)}/ask`, init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
  if (response.status === 401 && onUnauthorized && (await onUnauthorized())) {
    response = await fetch(`/api/kbs/${enc(kb)}/ask`, init);
  }
  if (!response.ok) throw await problemFrom(response);

  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.includes("text/event-stream") || !response.body) {
    const result = JSON.parse(await response.text()) as AskResult;
    handlers.meta({ conversationId: result.conversationId, resolvedQuestion: result.resolvedQuestion });
    handlers.delta(result.answer);
    handlers.citations(result.citations ?? []);
    handlers.done(result);
    return;
  }

  const parser = new SseParser((event) => {
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return; // Not JSON: not one of ours.
    }
    switch (event.event) {
      case "meta":
        handlers.meta(data as { conversationId?: string; resolvedQuestion?: string });
        break;
      case "delta":
        handlers.delta((data as { text?: string }).text ?? "");
        break;
      case "citations":
        handlers.citations((data as { citations?: Citation[] }).citations ?? []);
        break;
      case "done":
        handlers.done(data as AskResult);
        break;
      case "error":
        handlers.error(data as Problem);
        break;
      default:
        break;
    }
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    parser.end();
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  } finally {
    reader.releaseLock();
  }
}
