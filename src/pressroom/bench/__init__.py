"""The benchmark (not a test): workloads from the project's own sources, per-stage time and peak
memory in fresh processes, the WeasyPrint floor, and the overhead ratio against it."""
