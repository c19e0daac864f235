"""Enforcement (执行) and the online judicial auction (网络司法拍卖): shared/spec/court-rules-2.md §§1–2."""
