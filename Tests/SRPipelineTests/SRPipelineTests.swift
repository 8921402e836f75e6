// Tests for SRPipeline.
