// Every string the UI shows, in Chinese (the default) and English. t("key", { n: 3 }) fills {n}.

export type Lang = "zh" | "en";

const zh = {
  "app.name": "问津",
  "app.nameLatin": "Wenjin",
  "app.title": "问津 Wenjin · 文档问答",
  "app.tagline": "有据可查的文档问答",
  "app.apiDocs": "API 文档",
  "app.langToggle": "English",
  "app.langToggleTitle": "Switch to English",
  "app.loading": "加载中…",
  "app.footer": "本地部署 · 答案均引自原文",

  "nav.kbs": "知识库",
  "nav.myKbs": "我的知识库",
  "nav.documents": "文档",
  "nav.chat": "问答",
  "nav.search": "命中测试",
  "nav.noKbs": "还没有知识库",

  "common.cancel": "取消",
  "common.delete": "删除",
  "common.confirm": "确定",
  "common.close": "关闭",
  "common.retry": "重试",
  "common.refresh": "刷新",
  "common.none": "—",
  "common.ms": "{ms} 毫秒",
  "common.page": "第 {page} 页",
  "common.noPage": "无页码",
  "common.pages": "{n} 页",
  "common.pages.one": "{n} 页",
  "common.dismiss": "移除",

  "error.network": "无法连接到服务器，请检查网络或服务是否在运行。",
  "error.http": "请求失败（HTTP {status}）",
  "error.unexpected": "发生了意外错误：{message}",
  "error.kbMissing": "知识库「{kb}」不存在或无权访问。",
  "error.backToKbs": "返回知识库列表",
  "error.streamInterrupted": "回答中断：连接在完成前关闭。",
  "error.stage": "阶段：{stage}",

  "kbs.title": "知识库",
  "kbs.subtitle": "每个知识库是一组文档。上传文档后即可提问或做命中测试，所有答案都标注出处。",
  "kbs.create": "新建知识库",
  "kbs.name": "名称",
  "kbs.namePlaceholder": "例如：规章制度",
  "kbs.nameHint": "1–64 个字符：中文、字母、数字、- _ .",
  "kbs.description": "描述",
  "kbs.descriptionPlaceholder": "可选，说明这个知识库收录什么文档",
  "kbs.createButton": "创建",
  "kbs.created": "已创建知识库「{name}」",
  "kbs.nameRequired": "请输入知识库名称",
  "kbs.empty": "还没有知识库。在上方填写名称，创建第一个知识库。",
  "kbs.noDescription": "暂无描述",
  "kbs.documents": "{n} 个文档",
  "kbs.documents.one": "{n} 个文档",
  "kbs.chunks": "{n} 个分块",
  "kbs.chunks.one": "{n} 个分块",
  "kbs.createdAt": "创建于 {date}",
  "kbs.deleteTitle": "删除知识库",
  "kbs.deleteMessage": "确定删除知识库「{name}」吗？其中的全部文档、索引和对话都会被删除，且无法恢复。",
  "kbs.deleted": "已删除知识库「{name}」",
  "kbs.count": "共 {n} 个",
  "kbs.open": "打开",

  "docs.title": "文档",
  "docs.dropTitle": "拖拽文件到此处，或点击选择文件",
  "docs.dropHint": "支持 PDF、Word（.docx）、Markdown、HTML、TXT 和 JSONL，可一次选择多个文件",
  "docs.dropActive": "松开鼠标即可上传",
  "docs.filter": "按标题或来源筛选",
  "docs.colTitle": "标题",
  "docs.colSource": "来源",
  "docs.colFormat": "格式",
  "docs.colPages": "页数",
  "docs.colChunks": "分块",
  "docs.colSize": "大小",
  "docs.colStatus": "状态",
  "docs.colUpdated": "更新时间",
  "docs.colActions": "操作",
  "docs.empty": "还没有文档。把文件拖到上方区域开始上传。",
  "docs.noMatch": "没有符合筛选条件的文档。",
  "docs.summary": "共 {total} 个文档 · 已索引 {indexed} · 处理中 {busy} · 失败 {failed} · {chunks} 个分块",
  "docs.vectors": " · 向量 {embedded}/{chunks}（{model}）",
  "docs.vectorsStale": " · 向量模型已更换为 {model}，正在重新计算 {embedded}/{chunks}",
  "docs.vectorsError": " · 向量计算出错，稍后重试 {embedded}/{chunks}（{model}）",
  "docs.showMore": "显示更多（还有 {n} 个）",
  "docs.deleteTitle": "删除文档",
  "docs.deleteMessage": "确定删除文档「{name}」吗？它的索引和分块会一并删除。",
  "docs.deleted": "已删除文档「{name}」",
  "docs.uploadWaiting": "等待上传",
  "docs.uploadPercent": "上传 {p}%",
  "docs.uploadSaving": "服务器接收中…",
  "docs.cancelUpload": "取消上传",
  "docs.uploadCancelled": "已取消上传",
  "docs.view": "查看原文",
  "docs.toChat": "去问答",
  "docs.toSearch": "命中测试",

  "status.uploading": "上传中",
  "status.queued": "排队中",
  "status.pending": "等待中",
  "status.parsing": "解析中",
  "status.indexing": "索引中",
  "status.indexed": "已索引",
  "status.failed": "失败",
  "status.rejected": "已拒绝",

  "stage.read": "读取",
  "stage.detect": "识别格式",
  "stage.parse": "解析",
  "stage.chunk": "分块",
  "stage.store": "存储",
  "stage.upload": "上传",

  "chat.title": "问答",
  "chat.newConversation": "新对话",
  "chat.history": "对话记录",
  "chat.historyEmpty": "还没有对话",
  "chat.turns": "{n} 轮",
  "chat.turns.one": "{n} 轮",
  "chat.placeholder": "输入问题，Enter 发送，Shift+Enter 换行",
  "chat.ask": "发送",
  "chat.stop": "停止",
  "chat.welcomeTitle": "向「{kb}」提问",
  "chat.welcomeText": "问津只用知识库中的原文作答，每句话都附带出处；找不到依据时会直接说明，并列出最接近的段落。",
  "chat.searching": "正在检索知识库…",
  "chat.resolved": "检索问题：{q}",
  "chat.citations": "引用来源",
  "chat.refusedTitle": "知识库中没有找到答案",
  "chat.closest": "最接近的段落",
  "chat.took": "用时 {ms} 毫秒",
  "chat.verified": "已核验：{kept}/{total} 句有引用原文支持",
  "chat.droppedCount": "已删除 {n} 句无依据的内容",
  "chat.modelError": "模型暂不可用，以下为直接摘录的答案（{error}）",
  "chat.confidence": "置信度 {c}",
  "chat.stopped": "已停止生成。",
  "chat.deleteTitle": "删除对话",
  "chat.deleteMessage": "确定删除对话「{title}」吗？",
  "chat.deleted": "已删除对话",
  "chat.loading": "正在载入对话…",
  "chat.you": "我",
  "chat.conversationMissing": "这个对话不存在了，已开始新对话。",

  "search.title": "命中测试",
  "search.subtitle": "输入一个问题或关键词，查看检索到的分块、得分以及每个得分的计算过程。",
  "search.placeholder": "例如：出差住宿费标准",
  "search.top": "返回条数",
  "search.button": "测试",
  "search.summary": "{n} 条结果 · 用时 {ms} 毫秒",
  "search.summary.one": "{n} 条结果 · 用时 {ms} 毫秒",
  "search.noHits": "没有命中任何分块。试试换个说法或更少的关键词。",
  "search.score": "得分",
  "search.explain": "展开评分解释",
  "search.hideExplain": "收起评分解释",
  "search.noExplanation": "服务器没有返回这条结果的评分解释。",
  "search.open": "在原文中查看",
  "search.queryRequired": "请输入要测试的问题或关键词",

  "viewer.title": "原文",
  "viewer.loading": "正在载入原文…",
  "viewer.locate": "定位引用",
  "viewer.meta": "{format} · {chars} 字 · {chunks} 个分块",
  "viewer.moved": "文档已更新，引用的位置可能已变化。",
  "viewer.empty": "这个文档没有可显示的文本。",
  "viewer.position": "位置：{path}",

  "login.title": "登录",
  "login.message": "此服务器需要登录。",
  "login.user": "用户名",
  "login.password": "密码",
  "login.submit": "登录",
  "login.failed": "登录失败：{detail}",

  "toast.close": "关闭提示",
} as const;

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  "app.name": "问津",
  "app.nameLatin": "Wenjin",
  "app.title": "Wenjin 问津 · Document Q&A",
  "app.tagline": "Answers you can trace to the source",
  "app.apiDocs": "API docs",
  "app.langToggle": "中文",
  "app.langToggleTitle": "切换到中文",
  "app.loading": "Loading…",
  "app.footer": "Runs locally · every answer quotes its source",

  "nav.kbs": "Knowledge bases",
  "nav.myKbs": "My knowledge bases",
  "nav.documents": "Documents",
  "nav.chat": "Chat",
  "nav.search": "Hit testing",
  "nav.noKbs": "No knowledge bases yet",

  "common.cancel": "Cancel",
  "common.delete": "Delete",
  "common.confirm": "OK",
  "common.close": "Close",
  "common.retry": "Retry",
  "common.refresh": "Refresh",
  "common.none": "—",
  "common.ms": "{ms} ms",
  "common.page": "Page {page}",
  "common.noPage": "No page numbers",
  "common.pages": "{n} pages",
  "common.pages.one": "{n} page",
  "common.dismiss": "Remove",

  "error.network": "Cannot reach the server. Check the network and that the service is running.",
  "error.http": "Request failed (HTTP {status})",
  "error.unexpected": "Something unexpected happened: {message}",
  "error.kbMissing": "Knowledge base \"{kb}\" does not exist or you have no access to it.",
  "error.backToKbs": "Back to knowledge bases",
  "error.streamInterrupted": "The answer was interrupted: the connection closed before it finished.",
  "error.stage": "Stage: {stage}",

  "kbs.title": "Knowledge bases",
  "kbs.subtitle": "A knowledge base is a set of documents. Upload documents, then ask questions or run hit tests; every answer cites its source.",
  "kbs.create": "New knowledge base",
  "kbs.name": "Name",
  "kbs.namePlaceholder": "e.g. policies",
  "kbs.nameHint": "1–64 characters: letters (Chinese included), digits, - _ .",
  "kbs.description": "Description",
  "kbs.descriptionPlaceholder": "Optional: what documents it holds",
  "kbs.createButton": "Create",
  "kbs.created": "Knowledge base \"{name}\" created",
  "kbs.nameRequired": "Enter a name for the knowledge base",
  "kbs.empty": "No knowledge bases yet. Enter a name above to create the first one.",
  "kbs.noDescription": "No description",
  "kbs.documents": "{n} documents",
  "kbs.documents.one": "{n} document",
  "kbs.chunks": "{n} chunks",
  "kbs.chunks.one": "{n} chunk",
  "kbs.createdAt": "Created {date}",
  "kbs.deleteTitle": "Delete knowledge base",
  "kbs.deleteMessage": "Delete knowledge base \"{name}\"? All its documents, index and conversations are removed for good.",
  "kbs.deleted": "Knowledge base \"{name}\" deleted",
  "kbs.count": "{n} in total",
  "kbs.open": "Open",

  "docs.title": "Documents",
  "docs.dropTitle": "Drop files here, or click to choose files",
  "docs.dropHint": "PDF, Word (.docx), Markdown, HTML, TXT and JSONL; choose as many files as you like",
  "docs.dropActive": "Release to upload",
  "docs.filter": "Filter by title or source",
  "docs.colTitle": "Title",
  "docs.colSource": "Source",
  "docs.colFormat": "Format",
  "docs.colPages": "Pages",
  "docs.colChunks": "Chunks",
  "docs.colSize": "Size",
  "docs.colStatus": "Status",
  "docs.colUpdated": "Updated",
  "docs.colActions": "Actions",
  "docs.empty": "No documents yet. Drop files on the area above to upload them.",
  "docs.noMatch": "No document matches the filter.",
  "docs.summary": "{total} documents · {indexed} indexed · {busy} in progress · {failed} failed · {chunks} chunks",
  "docs.vectors": " · vectors {embedded}/{chunks} ({model})",
  "docs.vectorsStale": " · embedding model changed to {model}, re-embedding {embedded}/{chunks}",
  "docs.vectorsError": " · embedding failed, retrying {embedded}/{chunks} ({model})",
  "docs.showMore": "Show more ({n} left)",
  "docs.deleteTitle": "Delete document",
  "docs.deleteMessage": "Delete document \"{name}\"? Its index entries and chunks are removed too.",
  "docs.deleted": "Document \"{name}\" deleted",
  "docs.uploadWaiting": "Waiting to upload",
  "docs.uploadPercent": "Uploading {p}%",
  "docs.uploadSaving": "Server is receiving…",
  "docs.cancelUpload": "Cancel upload",
  "docs.uploadCancelled": "Upload cancelled",
  "docs.view": "View text",
  "docs.toChat": "Ask questions",
  "docs.toSearch": "Hit testing",

  "status.uploading": "Uploading",
  "status.queued": "Queued",
  "status.pending": "Pending",
  "status.parsing": "Parsing",
  "status.indexing": "Indexing",
  "status.indexed": "Indexed",
  "status.failed": "Failed",
  "status.rejected": "Rejected",

  "stage.read": "read",
  "stage.detect": "format detection",
  "stage.parse": "parse",
  "stage.chunk": "chunking",
  "stage.store": "store",
  "stage.upload": "upload",

  "chat.title": "Chat",
  "chat.newConversation": "New conversation",
  "chat.history": "Conversations",
  "chat.historyEmpty": "No conversations yet",
  "chat.turns": "{n} turns",
  "chat.turns.one": "{n} turn",
  "chat.placeholder": "Ask a question. Enter sends, Shift+Enter adds a line",
  "chat.ask": "Send",
  "chat.stop": "Stop",
  "chat.welcomeTitle": "Ask \"{kb}\"",
  "chat.welcomeText": "Wenjin answers only with text from the knowledge base, and every sentence cites its source. When the documents hold no answer it says so and shows the closest passages.",
  "chat.searching": "Searching the knowledge base…",
  "chat.resolved": "Searched for: {q}",
  "chat.citations": "Sources",
  "chat.refusedTitle": "The knowledge base does not contain the answer",
  "chat.closest": "Closest passages",
  "chat.took": "{ms} ms",
  "chat.verified": "Verified: {kept} of {total} sentences are supported by their citations",
  "chat.droppedCount": "{n} unsupported removed",
  "chat.modelError": "The model is unavailable; this answer was extracted directly ({error})",
  "chat.confidence": "confidence {c}",
  "chat.stopped": "Stopped.",
  "chat.deleteTitle": "Delete conversation",
  "chat.deleteMessage": "Delete the conversation \"{title}\"?",
  "chat.deleted": "Conversation deleted",
  "chat.loading": "Loading the conversation…",
  "chat.you": "Me",
  "chat.conversationMissing": "That conversation no longer exists; a new one was started.",

  "search.title": "Hit testing",
  "search.subtitle": "Enter a question or keywords to see which chunks are retrieved, their scores and how each score was computed.",
  "search.placeholder": "e.g. hotel allowance for business trips",
  "search.top": "Results",
  "search.button": "Test",
  "search.summary": "{n} results · {ms} ms",
  "search.summary.one": "{n} result · {ms} ms",
  "search.noHits": "No chunk matched. Try other words or fewer keywords.",
  "search.score": "Score",
  "search.explain": "Explain score",
  "search.hideExplain": "Hide explanation",
  "search.noExplanation": "The server returned no explanation for this hit.",
  "search.open": "View in document",
  "search.queryRequired": "Enter a question or keywords to test",

  "viewer.title": "Source",
  "viewer.loading": "Loading the document text…",
  "viewer.locate": "Go to quote",
  "viewer.meta": "{format} · {chars} characters · {chunks} chunks",
  "viewer.moved": "The document has changed since; the quoted position may have moved.",
  "viewer.empty": "This document has no text to show.",
  "viewer.position": "Location: {path}",

  "login.title": "Sign in",
  "login.message": "This server requires you to sign in.",
  "login.user": "User name",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.failed": "Sign-in failed: {detail}",

  "toast.close": "Dismiss",
};

const dictionaries: Record<Lang, Record<Key, string>> = { zh, en };
const storageKey = "wenjin.lang";

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved === "zh" || saved === "en") return saved;
  } catch {
    // Storage can be unavailable (privacy mode); Chinese is the default.
  }
  return "zh";
}

let current: Lang = initialLang();

export function getLang(): Lang {
  return current;
}

/** The BCP 47 tag for <html lang>, Intl formatting and Accept-Language. */
export function locale(): string {
  return current === "zh" ? "zh-CN" : "en";
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // Not remembered, but still switched.
  }
  applyLangToDocument();
}

export function applyLangToDocument(): void {
  document.documentElement.lang = locale();
  document.title = t("app.title");
}

export function t(key: Key, params?: Record<string, string | number>): string {
  const dictionary = dictionaries[current];
  // "{n} documents" has a singular form "key.one" where the language needs one.
  const singular = params && String(params.n) === "1" ? (`${key}.one` as Key) : null;
  const template = (singular && dictionary[singular]) || dictionary[key] || key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
}
