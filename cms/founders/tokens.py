"""Single-use links that confirm a founder's e-mail address."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for e-mail confirmation links. Besides the password and last sign-in that
    Django's reset tokens hash, the account's active state is in the hash: confirming the
    address changes it, so a link works once. Valid for PASSWORD_RESET_TIMEOUT (3 days)."""

    # Unchanged since the class lived in cms/accounts.py: links already sent keep working.
    key_salt = "cms.accounts.ConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


confirmation_tokens = ConfirmationTokenGenerator()
