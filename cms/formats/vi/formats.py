# Dates that read well mid-sentence ("1 tháng 1, 2028"; Django's own starts with "Ngày").
DATE_FORMAT = r"j \t\há\n\g n, Y"
DATETIME_FORMAT = r"H:i, j \t\há\n\g n, Y"
# Django's Vietnamese formats name a thousands separator but no grouping: 20000 stayed 20000.
NUMBER_GROUPING = 3
