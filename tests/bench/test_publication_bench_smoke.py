from bench import publication


def test_publication_bench_measures_both_redactions_against_deletion_alone():
    figures = publication.run(documents=40)
    assert [f.name for f in figures] == ["publication redaction (art. 8 by kind of case)",
                                         "case-base redaction (everyone masked)"]
    assert all(f.value > 0 and f.ceiling and f.details["documents"] == 40 for f in figures)
    assert figures[1].details["documents leaking a named person"] == 0
