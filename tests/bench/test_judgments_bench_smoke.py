from bench import judgments


def test_judgments_bench_times_docx_and_pdf_against_plain_ones():
    figures = judgments.run(documents=3)
    assert [f.name for f in figures] == ["judgment docx (p95)", "judgment pdf (p95)"]
    assert all(f.value > 0 and f.ceiling and f.details["documents"] == 3 for f in figures)
