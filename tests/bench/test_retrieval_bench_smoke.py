from bench import retrieval


def test_retrieval_bench_measures_both_backends_against_a_scan():
    figures = retrieval.run(docs=300, queries=4, processes=1)
    names = [f.name for f in figures]
    for backend in ("tantivy", "bm25s"):
        assert f"{backend}: index build (segmented input)" in names
        assert f"{backend}: search filtered at 300 docs" in names
    assert any(n.startswith("brute-force numpy scan") for n in names)
    assert any(n.startswith("rank_bm25 Okapi") for n in names)
    assert all(f.value > 0 for f in figures)
