// Tests for SRModels.
