# tests of hr_talent_ai run by pytest-odoo (and by Odoo's own runner)
from . import test_model_registry
from . import test_engine
from . import test_fit
from . import test_fit_training
from . import test_fit_tour
from . import test_fit_clip
