"""Arabic formats for Morocco: the month in words, because readers here take 06/07 as 6 July
(Django's Arabic short date is day/month with the digits alone), and figures grouped by
thousands with a comma for decimals, as Moroccan administrations write them."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "j F Y، H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
