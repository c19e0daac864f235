"""OmniCourt benchmarks: `make bench` (python -m bench). Every figure is paired with a ceiling measured
in the same run on the same machine, so the ratio holds when the machine is noisy."""
