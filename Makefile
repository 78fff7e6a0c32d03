# hr_talent_ai: two commands.
#   make demo   install the Python requirements, create database $(DB) with demo data,
#               train the default models, serve Odoo on http://localhost:$(PORT)
#   make test   the whole suite: plain pytest for ml/, then a fresh database with the
#               module installed (demo data) and the Odoo tests through pytest-odoo,
#               HttpCase tours in Chromium included; the database is dropped at the end.
# PYTHON must be an interpreter that imports Odoo 18.0.
PYTHON ?= python3
DB ?= hr_talent_ai_demo
PORT ?= 8069
TEST_PORT ?= 8169
BUILD := .build

export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test install ml-test odoo-test benchmark

install:
	@$(PYTHON) tools/talent_ai_env.py odoo
	$(PYTHON) -m pip install -q -c constraints.txt -r requirements.txt
	@$(PYTHON) tools/talent_ai_env.py stack

demo: install
	@$(PYTHON) tools/talent_ai_env.py postgres
	@$(PYTHON) tools/talent_ai_env.py config --port $(PORT)
	@if psql -lqt | cut -d'|' -f1 | grep -qw "$(DB)"; then \
		echo "database $(DB) exists: updating the module"; \
		$(PYTHON) -m odoo -c $(BUILD)/odoo.conf -d $(DB) -u hr_talent_ai --stop-after-init; \
	else \
		$(PYTHON) -m odoo -c $(BUILD)/odoo.conf -d $(DB) -i hr_talent_ai --stop-after-init; \
	fi
	@echo "Odoo on http://localhost:$(PORT) (login admin / admin); Ctrl-C to stop"
	$(PYTHON) -m odoo -c $(BUILD)/odoo.conf -d $(DB) --db-filter='^$(DB)$$'

test: install
	@$(PYTHON) tools/talent_ai_env.py postgres
	@$(PYTHON) tools/talent_ai_env.py chromium
	@$(PYTHON) tools/talent_ai_env.py config --test --port $(TEST_PORT) --conf $(BUILD)/odoo-test.conf
	$(MAKE) --no-print-directory ml-test
	$(MAKE) --no-print-directory odoo-test

ml-test:
	$(PYTHON) -m pytest -p no:odoo -p no:cacheprovider ml/tests

odoo-test:
	PYTHON=$(PYTHON) CONF=$(BUILD)/odoo-test.conf bash tools/run_odoo_tests.sh

# Figures for the README, on the demo database made by `make demo`.
benchmark:
	@$(PYTHON) tools/talent_ai_env.py config --port $(PORT)
	$(PYTHON) tools/benchmark_fit.py -d $(DB) -c $(BUILD)/odoo.conf
	$(PYTHON) tools/benchmark_sentiment.py -d $(DB) -c $(BUILD)/odoo.conf

# The translation template i18n/hr_talent_ai.pot, exported by Odoo from database $(POT_DB), installed
# without demo data (tests/test_translations.py fails when a user-facing string is missing from it).
POT_DB ?= hr_talent_ai_pot
.PHONY: pot
pot:
	@$(PYTHON) tools/talent_ai_env.py postgres
	@$(PYTHON) tools/talent_ai_env.py config --port $(PORT)
	@if psql -lqt | cut -d'|' -f1 | grep -qw "$(POT_DB)"; then \
		$(PYTHON) -m odoo -c $(BUILD)/odoo.conf -d $(POT_DB) -u hr_talent_ai --stop-after-init --log-level=warn; \
	else \
		$(PYTHON) -m odoo -c $(BUILD)/odoo.conf -d $(POT_DB) -i hr_talent_ai --without-demo=all --stop-after-init --log-level=warn; \
	fi
	$(PYTHON) tools/export_pot.py -d $(POT_DB) -c $(BUILD)/odoo.conf

# Derived O*NET 29.2 index shipped in ml/onet/data (CC BY 4.0), rebuilt from ../shared/data;
# eval of the zero-shot fit on real CVs and O*NET adjacency sets (dev and held-out).
.PHONY: onet-index eval-fit benchmark-encoder cv-skills cv-eval review-model
onet-index:
	$(PYTHON) -m ml.onet.build --onet ../shared/data/onet-29.2 --out ml/onet/data

eval-fit:
	$(PYTHON) tools/eval_fit_real.py --data ../shared/data

# the text encoder on real CV claims: fp32 / int8, shared batches vs one claim a run (the fit's way)
benchmark-encoder:
	$(PYTHON) tools/benchmark_encoder.py --data ../shared/data

# the language check (ml.input_check.language_mismatch) on the English text of ../shared/data: false alarms
.PHONY: eval-language
eval-language:
	$(PYTHON) tools/eval_language_check.py --data ../shared/data

# CV parsing: rebuild the derived O*NET technology-skill names (ml/cv/data/) from ../shared/data
cv-skills:
	$(PYTHON) -m ml.cv.skills build ../shared/data/onet-29.2

# CV parsing: figures on the labelled held-out CV set (and the real-CV sanity check)
cv-eval:
	$(PYTHON) tools/eval_cv_parse.py --split test

# Shipped default of the review head (ml/review/default/): trained on the add-on's labelled review
# sentences with the packaged MiniLM exported and quantised to int8 as Odoo does on first use.
review-model:
	OMP_NUM_THREADS=2 $(PYTHON) -m ml.train review --output $(BUILD)/review_model
	cp $(BUILD)/review_model/review_head.onnx ml/review/default/review_head.onnx
	$(PYTHON) -c "import json; m = json.load(open('$(BUILD)/review_model/metrics.json')); m.pop('encoder_checksum', None); json.dump(m, open('ml/review/default/metrics.json', 'w'), indent=1, sort_keys=True)"

# The default sentiment model shipped in ml/sentiment/model/ (int8 ONNX, trained-layer weights, metrics),
# all-MiniLM-L6-v2 fine-tuned end to end (sentiment head + review-dimension head) on
# ../shared/data/sentiment + the written comments, pros/cons and review sentences; then parity and
# held-out figures: about 15 min on 2 idle CPU cores (stage caps 22 + 12 min on a loaded machine).
# `make sentiment-eval`: the real-data evaluation next to VADER / TF-IDF baselines.
.PHONY: sentiment-model sentiment-eval
sentiment-model:
	@test -d ../shared/data/sentiment || { echo "sentiment-model: ../shared/data/sentiment not found (SST-2, SST-5, TweetEval beside the checkout)"; exit 2; }
	OMP_NUM_THREADS=2 nice -n 10 $(PYTHON) -m ml.sentiment.build_default --data ../shared/data/sentiment --out ml/sentiment/model

sentiment-eval:
	OMP_NUM_THREADS=2 nice -n 10 $(PYTHON) tools/eval_sentiment_real.py --data ../shared/data/sentiment --json $(BUILD)/sentiment_eval.json
