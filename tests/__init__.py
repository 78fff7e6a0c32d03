# tests of hr_talent_ai run by pytest-odoo (and by Odoo's own runner)
from . import test_model_registry
from . import test_engine
from . import test_sentiment_access
from . import test_sentiment_aggregates
from . import test_sentiment_cron
