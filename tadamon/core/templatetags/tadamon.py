"""Template tags for dates and figures (tadamon.core.figures), loaded with {% load tadamon %}.

A range of dates mixes digits, words and a dash; in a right-to-left page an unisolated range
next to a Latin label comes out scrambled, so ranges are wrapped in <bdi>.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tadamon.core.figures import date_range_text, day_text, figure_text

register = template.Library()


@register.simple_tag
def daterange(start: object, end: object) -> SafeString:
    """The range in the page's language, isolated from the text around it."""
    return format_html("<bdi>{}</bdi>", date_range_text(start, end))


@register.filter
def day(value: object) -> str:
    """One date with the month in words; ISO strings (as stored in reports) are read too."""
    return day_text(value)


@register.filter
def figure(value: object, places: int | None = None) -> object:
    """A number grouped by thousands; anything that is not a number is returned as it is."""
    text = figure_text(value, places)
    return value if text is None else text
