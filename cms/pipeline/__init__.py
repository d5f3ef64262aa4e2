"""The agency's inquiry pipeline in the admin: status history, officers' sectors, the dashboard's
day's-work panels and the pipeline report."""
