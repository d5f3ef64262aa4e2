"""Merging duplicate enterprises (issue #14, "sạch"): the service that moves everything that
points at the merged record, and the admin's pages that plan and confirm it."""
