"""JSON APIs the exercises call: added by the JSON exercises."""


def configure(server):
    """Called once with the server before it starts."""


def find_route(path):
    """(handler, args) for an API path, or None."""
    return None
