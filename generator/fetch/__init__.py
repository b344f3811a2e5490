"""Feed ingestion: `chuyentrang fetch`.

Rooms: `sources` (feeds/sources.yml), `http` (the network), `text`, `dates`, `sanitize` (cleaning what a feed
says), `parse` (bytes -> frozen entries), `workers` (parsing in worker processes), `identity`, `filter`, `merge`
(entries -> archive items), `state` (source health in feeds/state.json) and `run` (the command).
"""
