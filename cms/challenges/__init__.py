"""Challenges on the portal (issue #16): the challenge's page with its matched partners, the
responses organisations send, and the officer's workflow in the admin."""
