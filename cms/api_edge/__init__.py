"""The public API's HTTP at the edge, for every /api/ path and the open-data documents outside it
(`/data.json`), whatever framework answers them: CORS, caching and conditional requests, HEAD,
the API's language, and per-client throttling. The views stay unaware of it (middleware.py)."""
