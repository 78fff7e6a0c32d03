"""Training path: skill gap, course ranking and ordering.

Serving modules here (gap, features, ordering, ranker) use numpy and ONNX
Runtime only; ``train`` (the subprocess task "training_path") imports torch.
"""
