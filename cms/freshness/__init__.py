"""Freshness ("sống") on the agency's side: the "still correct?" e-mail to a record's owner, the
signed page where the owner answers, the curators' queue of stale records and the dashboard panel.
The rules and the stale selection live in the registry (registry.freshness)."""
