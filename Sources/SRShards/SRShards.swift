// SRShards: the binary shard format `prep run` writes and `prep inspect/verify/export` and the
// Python reader read. The format is specified in Docs/shard-format.md.
