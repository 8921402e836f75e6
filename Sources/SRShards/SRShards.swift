// SRShards: the binary shard format `prep run` writes and `prep inspect/verify/export` and the
// Python reader (python/srkit_shards) read. The format is specified in Docs/shard-format.md;
// every byte offset lives in Format/ShardFormat.swift.
