# tests of hr_talent_ai run by pytest-odoo (and by Odoo's own runner)
from . import test_install
from . import test_fairness_report
from . import test_model_registry
from . import test_engine
from . import test_ui_tours
from . import test_security_matrix
from . import test_demo_data
from . import test_training_path
from . import test_training_path_ranker
from . import test_fit
from . import test_fit_training
from . import test_fit_tour
from . import test_fit_clip
from . import test_sentiment_access
from . import test_sentiment_aggregates
from . import test_sentiment_cron
from . import test_bad_input
