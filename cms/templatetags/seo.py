"""{% capture "name" %}…{% endcapture %}: renders its content once into a context variable, so
that a block a page overrides (the title, the description) is also read by the Open Graph tags
without being written twice."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context) -> str:
        # Rendered by the template engine, so already escaped; only the surrounding space goes.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Usage: {% capture "name" %}…{% endcapture %}')
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(bits[1][1:-1], nodelist)
