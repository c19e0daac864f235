"""Similar-case retrieval: the case base, its tokenizer and its search index.

segment.py tokenises Chinese legal text (jieba with the legal dictionary); index/ holds the search index
interface and its backends (tantivy, bm25s, OpenSearch); synthetic.py makes realistic judgments for the
benchmark and the judged sample; evaluation.py measures ranking quality on relevance-judged sets.
"""
