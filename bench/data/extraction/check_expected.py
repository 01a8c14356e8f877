#!/usr/bin/env python3
"""Consistency check for the Wenjin structured-extraction evaluation set.

Verifies, for bench/data/extraction/expected.jsonl:
  * every document file under news-brief/, application-case/, bid-award/ has exactly one
    expected line, and every expected line names an existing file of the right schema;
  * each schema's required fields are present (and no unknown fields);
  * every verbatim value / quote occurs in the document text (for .html: the visible text,
    tags stripped crudely and entities unescaped; hard line breaks may be ignored);
  * category values exist in the default taxonomy (src/Wenjin.Hosting/Extraction/Resources/taxonomy.json);
  * normalised values (中标金额 in 元, 公告日期 as YYYY-MM-DD, 成果指标 数值) are derivable from
    their verbatim text.

Usage: python3 bench/data/extraction/check_expected.py   (exit code 0 = all good)
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
TAXONOMY = REPO / "src" / "Wenjin.Hosting" / "Extraction" / "Resources" / "taxonomy.json"
EXPECTED = HERE / "expected.jsonl"
SCHEMAS = ("news-brief", "application-case", "bid-award")
DOC_SUFFIXES = {".txt", ".md", ".html"}

REQUIRED = {
    "news-brief": ["标题", "链接", "总结", "总结_support", "关键词", "AI技术", "行业", "重大事件摘要"],
    "application-case": ["案例名称", "供给方", "需求方", "领域", "应用类型", "功能", "成果指标"],
    "bid-award": ["项目名称", "采购人", "中标单位", "中标金额", "中标金额_text", "省份", "公告日期", "公告日期_text"],
}
OPTIONAL = {
    "news-brief": ["AI技术_optional", "行业_optional", "重大事件摘要_support"],
    "application-case": ["案例名称_alt", "领域_optional", "应用类型_optional", "成果指标_optional"],
    "bid-award": ["项目名称_alt", "采购人_alt"],
}
# category field -> taxonomy facet
CATEGORY_FIELDS = {
    "news-brief": {"AI技术": "AI技术", "行业": "行业"},
    "application-case": {"领域": "行业", "应用类型": "应用类型"},
    "bid-award": {},
}
VERBATIM_SCALARS = {
    "news-brief": ["标题", "链接"],
    "application-case": ["案例名称", "供给方", "需求方"],
    "bid-award": ["项目名称", "采购人", "中标单位", "省份", "中标金额_text", "公告日期_text"],
}
VERBATIM_LISTS = {
    "news-brief": ["关键词", "总结_support", "重大事件摘要_support"],
    "application-case": ["功能", "案例名称_alt"],
    "bid-award": ["项目名称_alt", "采购人_alt"],
}
PROVINCES = [
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
]

errors: list[str] = []


def err(where: str, msg: str) -> None:
    errors.append(f"{where}: {msg}")


# ---------------------------------------------------------------- text handling
def visible_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() != ".html":
        return raw
    t = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", raw)
    t = re.sub(r"(?is)<br\s*/?>", "\n", t)
    t = re.sub(r"(?s)<[^>]+>", "", t)
    return html.unescape(t)


def variants(text: str) -> list[str]:
    """Text as-is, with hard line breaks removed, and with line breaks turned into spaces."""
    text = text.replace("\r\n", "\n")
    no_breaks = re.sub(r"\n[ \t\u3000]*", "", text)  # hard-wrapped PDF text: join lines
    spaced = re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", " ", text)
    return [text, no_breaks, spaced]


def occurs(value: str, texts: list[str]) -> bool:
    return any(value in t for t in texts)


# ---------------------------------------------------------------- number parsing
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4,
             "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}


def cn_to_int(s: str) -> int:
    """Chinese numerals (小写 or 大写) to int, e.g. 壹佰伍拾陆万捌仟 -> 1568000, 三十 -> 30."""
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (digit if digit is not None else 1) * CN_UNITS[ch]
            digit = None
        elif ch in CN_BIG:
            section += digit or 0
            total = (total + section) * CN_BIG[ch] if CN_BIG[ch] > 10_000 else total + section * CN_BIG[ch]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {ch!r} in {s!r}")
    return total + section + (digit or 0)


def amount_yuan(text: str) -> float:
    """Amount in 元 from a verbatim amount string (Arabic with optional 万元/亿元, else Chinese capitals)."""
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)", text)
    if m:
        value = float(m.group(1).replace(",", ""))
        after = text[m.end():m.end() + 4]
        if "亿" in after:
            value *= 100_000_000
        elif "万" in after:
            value *= 10_000
        return value
    m = re.search(r"([零壹贰叁肆伍陆柒捌玖拾佰仟万亿一二三四五六七八九十百千]+)元", text)
    if not m:
        raise ValueError(f"no amount in {text!r}")
    return float(cn_to_int(m.group(1)))


def parse_date(text: str) -> str:
    t = text.replace(" ", "").replace("\u3000", "")
    m = re.fullmatch(r"(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})日?", t)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]+)月([一二三四五六七八九十]+)日", t)
        if not m:
            raise ValueError(f"unrecognised date {text!r}")
        y = int("".join(str(CN_DIGITS[c]) for c in m.group(1)))
        mo, d = cn_to_int(m.group(2)), cn_to_int(m.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}"


def number_in_text(value: float, text: str) -> bool:
    """Is `value` written in `text` (Arabic digits, 百分之X, X成)?"""
    plain = text.replace(",", "")
    for m in re.finditer(r"\d+(?:\.\d+)?", plain):
        if abs(float(m.group(0)) - value) < 1e-9:
            return True
    for m in re.finditer(r"百分之([零〇一二三四五六七八九十百]+)", text):
        if cn_to_int(m.group(1)) == value:
            return True
    for m in re.finditer(r"([一二三四五六七八九])成", text):
        if cn_to_int(m.group(1)) * 10 == value:
            return True
    return False


UNIT_ALIASES = {"%": ["%", "％", "百分之", "成"], "自然箱/小时": ["自然箱"]}


def unit_in_text(unit: str, text: str) -> bool:
    return any(a in text for a in UNIT_ALIASES.get(unit, [unit]))


# ---------------------------------------------------------------- main check
def main() -> int:
    taxonomy = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    facets = {name: {c["name"] for c in cats} for name, cats in taxonomy["facets"].items()}

    docs = {f"{p.parent.name}/{p.name}" for s in SCHEMAS for p in (HERE / s).iterdir()
            if p.is_file() and p.suffix.lower() in DOC_SUFFIXES}
    seen: dict[str, int] = {}
    counts = {s: 0 for s in SCHEMAS}

    for lineno, line in enumerate(EXPECTED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            err(f"line {lineno}", "blank line")
            continue
        rec = json.loads(line)
        file, schema, fields = rec.get("file"), rec.get("schema"), rec.get("fields")
        where = f"line {lineno} ({file})"
        seen[file] = seen.get(file, 0) + 1
        if schema not in SCHEMAS or not file or not file.startswith(schema + "/"):
            err(where, f"bad schema/file pair {schema!r}")
            continue
        path = HERE / file
        if not path.is_file():
            err(where, "file does not exist")
            continue
        counts[schema] += 1
        texts = variants(visible_text(path))

        for key in REQUIRED[schema]:
            if key not in fields:
                err(where, f"missing field {key}")
        for key in fields:
            if key not in REQUIRED[schema] and key not in OPTIONAL[schema]:
                err(where, f"unknown field {key}")

        for key in VERBATIM_SCALARS[schema]:
            v = fields.get(key)
            if not isinstance(v, str) or not v or not occurs(v, texts):
                err(where, f"{key} not verbatim in text: {v!r}")
        for key in VERBATIM_LISTS[schema]:
            for v in fields.get(key) or []:
                if not isinstance(v, str) or not occurs(v, texts):
                    err(where, f"{key} item not verbatim in text: {v!r}")

        for key, facet in CATEGORY_FIELDS[schema].items():
            req = fields.get(key) or []
            opt = fields.get(key + "_optional") or []
            if not req:
                err(where, f"{key} is empty")
            for v in list(req) + list(opt):
                if v not in facets[facet]:
                    err(where, f"{key}: {v!r} is not a category of facet {facet}")
            if set(req) & set(opt):
                err(where, f"{key}: value both required and optional: {set(req) & set(opt)}")

        if schema == "news-brief":
            for key in ("总结", "重大事件摘要"):
                if fields.get(key) is not None:
                    err(where, f"{key} must be null (judged by support)")
            if not 3 <= len(fields["关键词"]) <= 6:
                err(where, "关键词 must have 3-6 items")
            if not 1 <= len(fields["总结_support"]) <= 3:
                err(where, "总结_support must have 1-3 sentences")
            if not re.match(r"https?://", fields["链接"]):
                err(where, "链接 is not a URL")

        if schema == "application-case":
            if not fields["功能"]:
                err(where, "功能 is empty")
            for key in ("成果指标", "成果指标_optional"):
                for mt in fields.get(key) or []:
                    if set(mt) != {"指标", "数值", "单位", "text"}:
                        err(where, f"{key}: bad keys {sorted(mt)}")
                        continue
                    if not occurs(mt["text"], texts):
                        err(where, f"{key}: text not verbatim: {mt['text']!r}")
                    if not isinstance(mt["数值"], (int, float)) or not number_in_text(mt["数值"], mt["text"]):
                        err(where, f"{key}: 数值 {mt['数值']!r} not written in {mt['text']!r}")
                    if not unit_in_text(mt["单位"], mt["text"]):
                        err(where, f"{key}: 单位 {mt['单位']!r} not in {mt['text']!r}")

        if schema == "bid-award":
            try:
                if abs(amount_yuan(fields["中标金额_text"]) - fields["中标金额"]) > 0.005:
                    err(where, f"中标金额 {fields['中标金额']} != parsed {amount_yuan(fields['中标金额_text'])}")
            except ValueError as e:
                err(where, f"中标金额_text: {e}")
            try:
                if parse_date(fields["公告日期_text"]) != fields["公告日期"]:
                    err(where, f"公告日期 {fields['公告日期']} != parsed {parse_date(fields['公告日期_text'])}")
            except ValueError as e:
                err(where, f"公告日期_text: {e}")
            if fields["省份"] not in PROVINCES:
                err(where, f"省份 {fields['省份']!r} is not a full province-level name")

    for f in sorted(docs):
        if seen.get(f, 0) != 1:
            err(f, f"has {seen.get(f, 0)} expected lines (want exactly 1)")
    for f, n in seen.items():
        if f not in docs and n:
            err(f, "expected line for a file that is not a document in the set")

    for e in errors:
        print("ERROR", e)
    print("documents per schema:", counts, "total:", sum(counts.values()))
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        return 1
    print("OK: all expected values verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
