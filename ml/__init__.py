"""hr_talent_ai machine learning core: plain Python, usable without Odoo.

Nothing imported here may import torch: the Odoo server process imports
this package for serving (ONNX Runtime). Training code lives in modules that
only the trainer subprocess (``python -m ml.train``) imports.
"""
