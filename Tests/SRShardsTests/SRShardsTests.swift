// Tests for SRShards.
