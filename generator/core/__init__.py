"""The domain core: config, articles, feed archive, decisions, judge, integrity, the loaded site."""
