"""Startup founders on the portal, under /<lang>/account/: their accounts (sign-up with e-mail
confirmation, sign-in, password reset) and their startups' profiles, which reach the public only
through the curators' moderation workflow.

- `services`: the rules (save a draft, submit it, claim a profile, decide a claim, a profile's
  status, sign-up, account deletion), callable from views, the admin and tests;
- `forms`, `views`, `urls`: the founder pages (views parse the request, call a service, render);
- `notifications`: the e-mails founders receive; `tokens`: single-use confirmation links;
- `images`: founders' logos and photos, deleted once nothing uses them.

Models stay in `cms/models.py` (`Ownership`, `Claim`, `ProfileReviewTask`): see the README's
architecture section."""
