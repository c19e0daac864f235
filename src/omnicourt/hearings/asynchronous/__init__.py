"""The asynchronous trial (异步审理, 在线诉讼规则 art. 20): stages each party answers within the judge's window."""
