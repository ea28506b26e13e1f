// The corpus package only exists to be vendored; see bench/corpus.sh.
