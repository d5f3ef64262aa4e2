# Dates as the agency writes them in English ("1 January 2028"); everything else from Django.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
