"""Experts on the portal, under /<lang>/account/expert/ (issue #16): a portal account (the
founders' account system) holds at most one expert profile, published only with the person's
consent (Decree 13/2023) and through the curators' moderation workflow.

- `services`: the rules (save a draft with consent, submit it, withdraw consent, erase, claim);
- `forms`, `views`, `urls`: the expert's pages (views parse the request, call a service, render).
"""
