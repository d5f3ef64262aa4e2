# Dates as Vietnamese reads them mid-sentence ("1 tháng 1 năm 2028"; Django's own starts with
# "Ngày", which only fits at the start of a sentence).
DATE_FORMAT = r"j \t\há\n\g n \n\ă\m Y"
DATETIME_FORMAT = r"H:i, j \t\há\n\g n \n\ă\m Y"
# Django's Vietnamese formats name a thousands separator but no grouping: 20000 stayed 20000.
NUMBER_GROUPING = 3
