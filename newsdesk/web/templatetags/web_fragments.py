"""``|ids``: a list of rows as "3,7,12", to key a ``{% cache %}`` fragment on which rows
it shows (their text is fixed per page stamp, which the key also holds)."""

from django import template

register = template.Library()


@register.filter
def ids(items) -> str:
    return ",".join(str(item.pk) for item in items or ())
