"""The fit's lexical word weights (ml/fit/lexical.py): O*NET's IDF blended with a company's own
document frequencies. Plain Python, on the shipped O*NET index."""
import numpy as np
import pytest

from ml.fit import lexical
from ml.onet import index as onet_index
from ml.onet.text_norm import tokens


@pytest.fixture(scope="module")
def index():
    idx = onet_index.get_index()
    assert idx is not None, "ml/onet/data is shipped with the add-on"
    return idx


def cosine(a, b):
    return sum(v * b.get(w, 0.0) for w, v in a.items())


CVS = [
    "Maintained Java services in Pune, 2019 - 2023. Java, SQL, Linux.",
    "Wrote Java batch jobs and SQL reports in Pune, 2017 - 2019.",
    "Welded steel frames on site in Pune, 2015 - 2020; Java course.",
    "Taught Java and SQL evening classes in Pune, 2012 - 2016.",
]


def test_without_a_corpus_the_weights_are_onets(index):
    words = tokens("Java developer: Java, SQL and welding of steel frames in Pune")
    vec = lexical.term_vector(words, index)
    counts = {w: words.count(w) for w in set(words) if len(w) > 1}
    raw = {w: (1 + np.log(c)) * index.word_idf(w) for w, c in counts.items()}
    norm = np.sqrt(sum(v * v for v in raw.values()))
    assert vec.keys() == raw.keys()
    for w in vec:
        assert vec[w] == pytest.approx(raw[w] / norm)
    assert lexical.term_vector(words, index, lexical.CorpusIdf()) == vec


def test_a_word_every_document_repeats_weighs_less(index):
    corpus = lexical.CorpusIdf.from_texts(CVS * 10)  # 40 documents: the corpus has its full share
    assert corpus.doc_count == 40 and corpus.share == lexical.CORPUS_SHARE
    weights = corpus.weights(["pune", "welded", "java"], index)
    onet = {w: index.word_idf(w) / index.max_idf for w in ("pune", "welded", "java")}
    # a place every CV names weighs less than by O*NET alone (to O*NET an unknown, rare word)
    assert weights["pune"] < onet["pune"] - 0.2
    assert weights["welded"] > weights["pune"]
    # so a CV that shares only the place with a welding job matches it less
    job = tokens("Welder in Pune: welded steel frames")
    place_only = tokens("Pune office administrator, invoices and filing")
    assert cosine(lexical.term_vector(job, index, corpus), lexical.term_vector(place_only, index, corpus)) < \
        cosine(lexical.term_vector(job, index), lexical.term_vector(place_only, index))


def test_a_few_documents_weigh_little(index):
    small = lexical.CorpusIdf.from_texts(CVS[:2])
    assert 0 < small.share < 0.1
    assert lexical.CorpusIdf().share == 0


def test_counts_keep_no_text_and_round_trip():
    corpus = lexical.CorpusIdf.from_texts(CVS + ["", "   "])
    assert corpus.doc_count == 4, "empty documents are not counted"
    assert "welded" not in corpus.doc_freq, "a word of one document is left out"
    assert corpus.doc_freq["java"] == 4 and corpus.doc_freq["sql"] == 3
    again = lexical.CorpusIdf.from_json(corpus.to_json())
    assert again.doc_count == corpus.doc_count and again.doc_freq == corpus.doc_freq
    assert lexical.CorpusIdf.from_json("{}").doc_count == 0
