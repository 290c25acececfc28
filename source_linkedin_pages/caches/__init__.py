"""Per-sync caches shared by streams, so that each LinkedIn answer is fetched once whatever streams are selected."""
