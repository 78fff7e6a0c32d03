"""O*NET 29.2 grounding of jobs and CVs (plain Python + numpy).

This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a
trademark of USDOL/ETA.

- ``source``: reads the O*NET text files (../shared/data/onet-29.2), build time only;
- ``build``: ``python -m ml.onet.build`` (``make onet-index``) writes the compact derived index
  shipped in ``ml/onet/data/`` (titles, codes, related tiers, technology names, float16 embeddings);
- ``index``: loads that index once per process and maps text to occupations.
"""
