"""The optional language-model path: an OpenAI-compatible endpoint (settings assistant_llm_url / _model, e.g. a
local vLLM or Ollama) fills the claim fields the rules missed. Rules stay the default and always run first.

The model must answer each field with the value and the passage it read it from; a value whose quote is not in
the judgment's text, or whose quote does not hold that value, is dropped. Spoken to with the standard library's
HTTP client (no SDK); any failure of the endpoint leaves the rules' answer as it was.
"""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import date
from decimal import Decimal, InvalidOperation

from omnicourt.assistant.loans.judgments import _AMOUNT, JudgmentClaim, Quoted, amount_of, fold_noise, read_claim
from omnicourt.assistant.numbers import find_dates

FIELDS = ("principal", "interest", "cutoff", "defence_filed")
PROMPT = ("下面是一份借款纠纷裁判文书。请找出原告诉讼请求中的：principal（借款本金，元）、"
          "interest（请求的利息金额合计，元）、"
          "cutoff（利息暂计至的日期，YYYY-MM-DD）、defence_filed（被告是否答辩，true/false）。只回答 JSON，每项为 "
          '{"value": 值, "quote": "原文中逐字摘录的依据"}，找不到的项写 null。\n\n')
MAX_TEXT = 12000  # characters of the judgment sent; the claim and the defence are near the start


def ask(text: str, *, url: str, model: str, timeout: float = 30.0) -> dict:
    """The model's JSON answer, or {} when the endpoint fails or answers something else."""
    body = json.dumps({"model": model, "temperature": 0,
                       "messages": [{"role": "user", "content": PROMPT + text[:MAX_TEXT]}]}).encode()
    request = urllib.request.Request(url.rstrip("/") + "/chat/completions", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
            content = json.loads(response.read())["choices"][0]["message"]["content"]
        match = re.search(r"\{.*\}", content, re.S)
        answer = json.loads(match.group()) if match else {}
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return {}
    return answer if isinstance(answer, dict) else {}


def checked(name: str, item: object, text: str) -> Quoted | None:
    """The model's value for one field if its quote is in the text and holds that value, else None."""
    if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or item.get("value") is None:
        return None
    quote = fold_noise(item["quote"].strip())
    if len(quote) < 2 or quote not in fold_noise(text):
        return None
    value = item["value"]
    try:
        if name in ("principal", "interest"):
            wanted = Decimal(str(value).replace(",", ""))
            if any(amount_of(m) == wanted for m in re.finditer(_AMOUNT, quote)):
                return Quoted(wanted, quote)
        elif name == "cutoff":
            wanted_day = date.fromisoformat(str(value))
            if any(d.value == wanted_day for d in find_dates(quote)):
                return Quoted(wanted_day, quote)
        elif name == "defence_filed" and isinstance(value, bool):
            cue = r"辩称|答辩|陈述" if value else r"未到庭|未答辩|未作答辩|缺席"
            if re.search(cue, quote):
                return Quoted(value, quote)
    except (InvalidOperation, ValueError):
        return None
    return None


def fill_missing(text: str, claim: JudgmentClaim, *, url: str, model: str, timeout: float = 30.0) -> JudgmentClaim:
    """The rules' claim with the fields they missed filled from the model, each only when its quote checks out."""
    missing = [name for name in FIELDS if getattr(claim, name) is None]
    if not missing or not url:
        return claim
    answer = ask(text, url=url, model=model, timeout=timeout)
    for name in missing:
        value = checked(name, answer.get(name), text)
        if value is not None:
            setattr(claim, name, value)
            claim.notes.append(f"{name} 由模型补充")
        elif answer.get(name) is not None:
            claim.notes.append(f"{name} 模型所答的摘录不在原文中或与数值不符，已舍弃")
    return claim


def read_claim_configured(text: str, *, url: str = "", model: str = "") -> JudgmentClaim:
    """The rules, then the model when the caller passes one (its settings' assistant_llm_url and _model)."""
    claim = read_claim(text)
    if url:
        claim = fill_missing(text, claim, url=url, model=model)
    return claim
