// SRModels: checkpoint readers (MATLAB v5, torch.save, safetensors) and native SR networks.
